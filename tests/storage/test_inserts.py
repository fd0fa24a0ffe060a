"""Precompiled inserts store exactly what a Core insert stores, and fail the same way."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from storage import inserts
from storage.db import session_scope
from storage.models import AuditEvent, Request, table, utcnow
from storage.requests import id_for_idempotency_digest, new_request_values


def _row(**values: object) -> dict[str, object]:
    now = utcnow()
    filled: dict[str, object] = dict(
        status="pending",
        source="api",
        agent="opsbot",
        requester="U0EMP0001",
        instruction="DROP TABLE t;",
        text_sha256="0" * 64,
        decision="require_approval",
        risk="high",
        findings=[{"rule": "sql.drop_table", "reason": "Drops a table — ünïcode"}],
        data=[{"name": "customers", "classification": "pii"}],
        confidence=0.5,
        allowed_approvers=["U0DGOV001"],
        expires_at=now + timedelta(minutes=30),
        slack={"channel": "C1", "ts": "1.2"},
        meta={"nested": {"a": [1, 2.5, None, True]}},
    )
    return new_request_values(**{**filled, **values})


def _stored(engine: sa.Engine, request_id: str) -> dict[str, object]:
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT * FROM requests WHERE id = "
            + ("?" if engine.dialect.name == "sqlite" else "%s"),
            (request_id,),
        )
        found = raw.mappings().one()
    return dict(found)


def test_a_row_is_stored_as_a_core_insert_stores_it(engine):
    precompiled, core = _row(), _row(idempotency_key="sha256:k")
    core.update({k: v for k, v in precompiled.items() if k not in ("id", "idempotency_key")})
    with inserts.transaction(engine) as tx:
        tx.insert(table(Request), [precompiled])
    with session_scope(engine) as s:
        s.execute(sa.insert(table(Request)), [core])
    mine, theirs = _stored(engine, str(precompiled["id"])), _stored(engine, str(core["id"]))
    differs = {k for k in mine if mine[k] != theirs[k]}
    assert differs == {"id", "idempotency_key"}  # the raw text in the table, column by column
    with session_scope(engine) as s:
        read = s.get(Request, precompiled["id"])
        assert read is not None
        assert read.findings == precompiled["findings"] and read.meta == precompiled["meta"]
        assert read.expires_at == precompiled["expires_at"]


def test_empty_and_missing_values_are_stored_as_a_core_insert_stores_them(engine):
    """The common row (no findings, no meta, no deadline) takes the binder's shortcut."""
    empty = {"findings": [], "data": [], "slack": {}, "meta": {}, "allowed_approvers": None}
    precompiled = _row(**empty, expires_at=None, confidence=None)
    core = {**precompiled, "id": "TK-CORE000001"}
    with inserts.transaction(engine) as tx:
        tx.insert(table(Request), [precompiled])
    with session_scope(engine) as s:
        s.execute(sa.insert(table(Request)), [core])
    mine, theirs = _stored(engine, str(precompiled["id"])), _stored(engine, "TK-CORE000001")
    assert {k for k in mine if mine[k] != theirs[k]} == {"id"}


def test_the_database_numbers_generated_keys(engine):
    rows = [
        {"at": utcnow(), "request_id": None, "actor": "t", "action": f"test.{n}", "detail": {}}
        for n in range(3)
    ]
    for row in rows:
        row.update(seq=None, prev_hash=None, hash=None)
    with inserts.transaction(engine) as tx:
        tx.insert(table(AuditEvent), rows)
    with session_scope(engine) as s:
        ids = s.execute(sa.select(AuditEvent.id).order_by(AuditEvent.id)).scalars().all()  # type: ignore[arg-type]
    assert len(ids) == 3 and len(set(ids)) == 3


def test_an_error_is_sqlalchemys_and_nothing_is_written(engine):
    first, second = _row(), _row()
    with pytest.raises(sa.exc.IntegrityError), inserts.transaction(engine) as tx:
        tx.insert(table(Request), [second])
        tx.insert(table(Request), [{**first, "id": second["id"]}])
    with session_scope(engine) as s:
        assert s.execute(sa.select(sa.func.count()).select_from(Request)).scalar() == 0


def test_an_idempotency_key_is_found_inside_the_transaction(engine):
    keyed, keyed_no_agent = _row(idempotency_key="sha256:a"), _row(idempotency_key="sha256:b")
    keyed_no_agent["agent"] = None
    with inserts.transaction(engine) as tx:
        tx.insert(table(Request), [keyed, keyed_no_agent])
        assert id_for_idempotency_digest(tx, "opsbot", "sha256:a") == keyed["id"]
        assert id_for_idempotency_digest(tx, None, "sha256:b") == keyed_no_agent["id"]
        assert id_for_idempotency_digest(tx, "other", "sha256:a") is None
        assert id_for_idempotency_digest(tx, None, "sha256:a") is None
