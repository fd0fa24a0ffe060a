"""Shared fixtures: real databases, always.

`engine` runs every test that uses it on SQLite and, when
TWOKEY_TEST_DATABASE_URL is set (CI sets it), on PostgreSQL too — each test in
its own fresh schema, migrated exactly as production migrates.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from bot.config import TwoKeyConfig, load_config
from storage.db import make_engine, normalize_url
from storage.schema import upgrade

PG_URL = os.environ.get("TWOKEY_TEST_DATABASE_URL")
PG_SKIP = "PostgreSQL tests need TWOKEY_TEST_DATABASE_URL (CI sets it; e.g. postgresql://postgres@127.0.0.1:5432/test)"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "twokey.yml"


def pytest_report_header(config: pytest.Config) -> str:
    if PG_URL:
        return f"databases: SQLite and PostgreSQL ({make_url(PG_URL).render_as_string()})"
    return f"databases: SQLite only; PostgreSQL halves skip. {PG_SKIP}"


def _pg_schema_url(schema: str) -> str:
    url = make_url(normalize_url(PG_URL or ""))
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'twokey.db'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    schema = "t_" + secrets.token_hex(6)
    admin = sa.create_engine(normalize_url(PG_URL))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on each database kind."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite only, for tests that do not depend on the database kind."""
    eng = make_engine(f"sqlite:///{tmp_path / 'twokey.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def example_config() -> TwoKeyConfig:
    return load_config(EXAMPLE)
