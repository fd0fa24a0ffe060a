import pytest
import sqlalchemy as sa
from alembic import command

from bot.config import ConfigError
from storage.audit import GENESIS, append_event, event_hash, seal, verify_chain
from storage.db import checkpoint, make_engine, session_scope
from storage.models import UTCDateTime, utcnow
from storage.schema import (
    alembic_config,
    current_revision,
    ensure_schema,
    head_revision,
    upgrade,
)

TABLES = {
    "requests",
    "request_resources",
    "votes",
    "audit_events",
    "audit_head",
    "api_keys",
    "screened_messages",
}


def test_migrations_create_every_table_and_index(empty_db_url):
    engine = make_engine(empty_db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    inspector = sa.inspect(engine)
    assert set(inspector.get_table_names()) >= TABLES
    indexes = {ix["name"] for ix in inspector.get_indexes("requests")}
    assert {
        "ix_requests_status_created",
        "ix_requests_requester_created",
        "ix_requests_agent_created",
        "ix_requests_risk_created",
        "ix_requests_created",
    } <= indexes
    upgrade(engine)  # idempotent
    engine.dispose()


def test_start_refuses_a_schema_that_is_behind(empty_db_url):
    engine = make_engine(empty_db_url)
    with pytest.raises(ConfigError, match="run `twokey db upgrade` first"):
        ensure_schema(engine, auto_upgrade=False)
    ensure_schema(engine)  # applies them by default
    ensure_schema(engine, auto_upgrade=False)
    engine.dispose()


def test_sqlite_uses_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


def test_sqlite_checkpoints_off_the_commit_path(tmp_path):
    path = tmp_path / "c.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    checkpoint(engine)
    before = path.stat().st_size
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        for _ in range(200):
            conn.exec_driver_sql("INSERT INTO filler VALUES (?)", ("x" * 2000,))
    assert path.stat().st_size == before  # committed, but only to the WAL
    checkpoint(engine)
    assert path.stat().st_size > before + 200 * 2000
    engine.dispose()


def test_0003_keeps_an_existing_chain_and_continues_it(empty_db_url):
    """Events chained before 0003 stay sealed and verified; new ones follow them."""
    engine = make_engine(empty_db_url)
    upgrade(engine, "0002")
    prev, at = GENESIS, utcnow()
    with engine.begin() as conn:
        for seq in (1, 2, 3):
            row = {
                "seq": seq,
                "at": at,
                "request_id": None,
                "actor": "U0OLD",
                "action": "old.event",
                "detail": {"n": seq},
                "prev_hash": prev,
            }
            row["hash"] = prev = event_hash(**row)
            conn.execute(
                sa.text(
                    "INSERT INTO audit_events (seq, at, request_id, actor, action, detail, "
                    "prev_hash, hash) VALUES (:seq, :at, NULL, :actor, :action, :detail, "
                    ":prev_hash, :hash)"
                ).bindparams(
                    sa.bindparam("at", type_=UTCDateTime()),
                    sa.bindparam("detail", type_=sa.JSON()),
                ),
                row,
            )
        conn.execute(sa.text("UPDATE audit_head SET seq = 3, hash = :h"), {"h": prev})
    upgrade(engine)
    with session_scope(engine) as s:
        report = verify_chain(s)
        assert report.ok and report.checked == 3 and report.unsealed == 0
        append_event(s, action="new.event", actor="U0NEW")
    assert seal(engine) == 1
    with session_scope(engine) as s:
        assert verify_chain(s).checked == 4
        ids = s.connection().execute(sa.text("SELECT id, seq FROM audit_events ORDER BY id"))
        assert [tuple(r) for r in ids] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")  # a fully sealed log can go back
    with session_scope(engine) as s:
        assert s.connection().execute(sa.text("SELECT COUNT(*) FROM audit_events")).scalar() == 4
    engine.dispose()
