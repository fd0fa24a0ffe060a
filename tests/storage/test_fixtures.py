"""The shared database fixtures migrate once per run; each test must still start clean.

A test that wrote rows (and advanced the audit chain) must leave nothing behind
for the next test on the same worker, and what the next test gets must be
exactly a just-migrated database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.audit import append_event, seal, verify_chain
from storage.db import make_engine, session_scope
from storage.keys import create_key, list_keys
from storage.schema import current_revision, head_revision


def _next_tests_url(db_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database the next test would get, made the way `db_url` makes it."""
    if db_kind == "sqlite":
        path = tmp_path / "next.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("pg_template")
    template.reset()
    return str(template.url)


def test_the_next_test_starts_from_a_just_migrated_database(
    db_kind: str, db_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    dirty = make_engine(db_url)
    with session_scope(dirty) as session:
        create_key(session, agent="leftover")
        for n in range(3):
            append_event(session, action="test.leftover", actor="t", detail={"n": n})
    seal(dirty)
    dirty.dispose()

    fresh = make_engine(_next_tests_url(db_kind, request, tmp_path))
    try:
        assert current_revision(fresh) == head_revision()
        with session_scope(fresh) as session:
            assert list_keys(session) == []
            report = verify_chain(session)
            assert report.ok and report.checked == 0
            # The migrations' own row (the chain's tip at seq 0) is back.
            tip = session.connection().execute(sa.text("SELECT seq FROM audit_head")).scalar()
            assert tip == 0
        with session_scope(fresh) as session:
            append_event(session, action="test.first", actor="t", detail={})
        assert seal(fresh) == 1
        with session_scope(fresh) as session:
            report = verify_chain(session)
            assert report.checked == 1
            # Insertion ids restart too: the first event is 1, sealed as the chain's first.
            first = session.connection().execute(sa.text("SELECT id, seq FROM audit_events"))
            assert first.one() == (1, 1)
    finally:
        fresh.dispose()
