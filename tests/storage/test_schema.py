import pytest
import sqlalchemy as sa

from bot.config import ConfigError
from storage.db import checkpoint, make_engine
from storage.schema import current_revision, ensure_schema, head_revision, upgrade

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
