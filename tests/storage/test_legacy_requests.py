"""A database upgraded from before state digests verifies, and names its old requests.

The old database is built as the old version wrote it: at revision 0002, request rows
and sealed, chained events whose details carry no state digest (one request already
decided, one still pending), plus one request from the short time digests existed at
0002. Upgrading lists exactly the requests with no digest; `verify` exempts only those,
and still catches a request made afterwards that lost its state events.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from bot.approvals import ApprovalService
from bot.cli import app
from storage.audit import GENESIS, LEGACY_ACTION, event_hash, seal, state_digest, verify_chain
from storage.db import make_engine, session_scope
from storage.models import UTCDateTime, utcnow
from storage.schema import upgrade
from tests.approvals.helpers import SECRET, pending

OLD_DECIDED, OLD_PENDING, DIGESTED = "TK-OLDDENIED01", "TK-OLDPENDING1", "TK-DIGESTED001"
_REQUEST = sa.text(
    "INSERT INTO requests (id, created_at, updated_at, status, source, requester, agent, "
    "instruction, text_sha256, decision, risk, findings, data, required_approvals, "
    "approver_group, escalated, reminded, decided_by, decided_at, slack, meta) VALUES "
    "(:id, :at, :at, :status, 'api', 'U0EMP0001', 'opsbot', 'DROP TABLE customers', "
    ":sha, 'require_approval', 'high', :empty, :empty, 1, 'data-governance', false, false, "
    ":decided_by, :decided_at, :obj, :obj)"
).bindparams(
    sa.bindparam("at", type_=UTCDateTime()),
    sa.bindparam("decided_at", type_=UTCDateTime()),
    sa.bindparam("empty", type_=sa.JSON()),
    sa.bindparam("obj", type_=sa.JSON()),
)
_EVENT = sa.text(
    "INSERT INTO audit_events (seq, at, request_id, actor, action, detail, prev_hash, hash) "
    "VALUES (:seq, :at, :request_id, :actor, :action, :detail, :prev_hash, :hash)"
).bindparams(sa.bindparam("at", type_=UTCDateTime()), sa.bindparam("detail", type_=sa.JSON()))


def _old_request(conn: sa.Connection, request_id: str, status: str) -> dict:
    at = utcnow()
    decided = status != "pending"
    row = {
        "id": request_id,
        "at": at,
        "status": status,
        "sha": "a" * 64,
        "empty": [],
        "obj": {},
        "decided_by": "U0DGOV001" if decided else None,
        "decided_at": at if decided else None,
    }
    conn.execute(_REQUEST, row)
    return {
        "id": request_id,
        "status": status,
        "text_sha256": row["sha"],
        "requester": "U0EMP0001",
        "agent": "opsbot",
        "required_approvals": 1,
        "decided_by": row["decided_by"],
        "decided_at": row["decided_at"],
    }


def old_database(url: str) -> None:
    """Revision 0002 holding what versions before state digests (and just after) wrote."""
    engine = make_engine(url)
    upgrade(engine, "0002")
    events: list[tuple[str | None, str, dict]] = []
    with engine.begin() as conn:
        _old_request(conn, OLD_DECIDED, "denied")
        events += [
            (OLD_DECIDED, "request.created", {"risk": "high"}),
            (OLD_DECIDED, "request.denied", {"reason": "Not on prod."}),
        ]
        _old_request(conn, OLD_PENDING, "pending")
        events.append((OLD_PENDING, "request.created", {"risk": "high"}))
        fields = _old_request(conn, DIGESTED, "pending")
        events.append((DIGESTED, "request.created", {"state": state_digest(fields)}))
        prev, at = GENESIS, utcnow()
        for seq, (request_id, action, detail) in enumerate(events, start=1):
            row = {
                "seq": seq,
                "at": at,
                "request_id": request_id,
                "actor": "U0DGOV001",
                "action": action,
                "detail": detail,
                "prev_hash": prev,
            }
            row["hash"] = prev = event_hash(**row)
            conn.execute(_EVENT, row)
        conn.execute(sa.text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": prev})
    engine.dispose()


def verify(engine):
    with session_scope(engine) as s:
        return verify_chain(s)


def test_old_requests_are_listed_once_and_reported_not_tampered(empty_db_url):
    old_database(empty_db_url)
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        listed = conn.execute(sa.text("SELECT request_id FROM audit_legacy_requests")).scalars()
        assert sorted(listed) == [OLD_DECIDED, OLD_PENDING]  # DIGESTED carries a digest
    report = verify(engine)
    assert report.ok, report.problem
    assert report.legacy == 2 and report.unsealed == 1  # the list's own event
    assert seal(engine) == 1
    with session_scope(engine) as s:
        (action,) = s.execute(sa.text("SELECT action FROM audit_events WHERE seq = 5")).one()
    assert action == LEGACY_ACTION
    assert verify(engine).legacy == 2
    engine.dispose()


async def test_an_old_request_decided_after_upgrading_is_bound_from_then_on(
    empty_db_url, example_config
):
    old_database(empty_db_url)
    engine = make_engine(empty_db_url)
    upgrade(engine)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    assert (await service.cancel(OLD_PENDING, actor="admin", reason="stale")).ok
    report = verify(engine)
    assert report.ok and report.legacy == 1, report.problem
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE requests SET status = 'approved' WHERE id = :id"), {"id": OLD_PENDING}
        )
    assert verify(engine).request_id == OLD_PENDING
    engine.dispose()


async def test_a_new_request_that_lost_its_state_events_is_still_caught(
    empty_db_url, example_config
):
    old_database(empty_db_url)
    engine = make_engine(empty_db_url)
    upgrade(engine)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    view = await pending(service)
    assert verify(engine).ok
    with engine.begin() as conn:  # still unsealed: the state digest is what binds it
        conn.execute(sa.text("DELETE FROM audit_events WHERE request_id = :id"), {"id": view.id})
    report = verify(engine)
    assert not report.ok and report.request_id == view.id
    assert "no audit event recording its state" in (report.problem or "")
    engine.dispose()


@pytest.mark.parametrize("upgraded", [True, False], ids=["upgraded", "fresh"])
async def test_a_request_slipped_into_the_legacy_list_breaks_verify(
    empty_db_url, example_config, upgraded
):
    if upgraded:
        old_database(empty_db_url)
    engine = make_engine(empty_db_url)
    upgrade(engine)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    view = await pending(service)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE request_id = :id"), {"id": view.id})
        conn.execute(
            sa.text("INSERT INTO audit_legacy_requests (request_id) VALUES (:id)"), {"id": view.id}
        )
    report = verify(engine)
    assert not report.ok and "audit_legacy_requests" in (report.problem or "")
    engine.dispose()


def test_a_fresh_database_lists_nothing_and_appends_nothing(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM audit_legacy_requests")).scalar() == 0
        assert conn.execute(sa.text("SELECT COUNT(*) FROM audit_events")).scalar() == 0
    assert verify(engine).legacy == 0
    engine.dispose()


def test_verify_cli_names_the_old_requests_in_text_and_json(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old_database(url)
    env = {"TWOKEY_DATABASE_URL": url, "TWOKEY_CONFIG": ""}
    runner = CliRunner()
    before = runner.invoke(app, ["audit", "verify"], env=env)
    assert before.exit_code != 0  # behind: told to upgrade, not that the log was tampered with
    assert "twokey db upgrade" in before.output and "tamper" not in before.output
    assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    text = runner.invoke(app, ["audit", "verify"], env=env)
    assert text.exit_code == 0, text.output
    said = " ".join(text.stdout.split())  # the console wraps at its own width
    legacy = "2 request(s) from before state digests: their decisions are chained but not bound"
    assert f"{legacy} to the row" in said
    as_json = runner.invoke(app, ["audit", "verify", "--json"], env=env)
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["legacy"] == 2
