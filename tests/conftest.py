"""Shared fixtures: real databases, always.

`engine` runs every test that uses it on SQLite and, when
TWOKEY_TEST_DATABASE_URL is set (CI sets it), on PostgreSQL too, each migrated
exactly as production migrates. Migrating costs 0.1-0.3 s, so it happens once
per test run (per xdist worker): SQLite tests get a copy of a migrated template
file; PostgreSQL tests share one migrated schema per worker that is emptied and
re-seeded with the migrations' own rows before every test. `empty_db_url` is a
database nothing has touched, for the tests of migrating itself.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from bot.config import TwoKeyConfig
from bot.config_file import load_config
from storage.db import make_engine, normalize_url
from storage.schema import upgrade

PG_URL = os.environ.get("TWOKEY_TEST_DATABASE_URL")
PG_SKIP = "PostgreSQL tests need TWOKEY_TEST_DATABASE_URL (CI sets it; e.g. postgresql://postgres@127.0.0.1:5432/test)"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "twokey.yml"
KEEP_ROWS_OF = {"alembic_version"}
# How long a test waits for something that should happen promptly. Generous: on a loaded
# machine "promptly" can take seconds, and a wait that is met returns at once.
PATIENCE = 30.0


def wait_for(probe: Callable[[], Any], what: str = "condition", timeout: float = PATIENCE) -> Any:
    """Poll `probe` until it returns something truthy and return that; fail after `timeout`.

    Use it instead of sleeping a fixed time before asserting: it is as fast as the code
    when the machine is idle and still patient when it is loaded.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


async def eventually(
    probe: Callable[[], Any], what: str = "condition", timeout: float = PATIENCE
) -> Any:
    """`wait_for` inside an event loop: `probe` may be a coroutine function, and the loop
    keeps running (timers, deliveries) between tries."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = probe()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if loop.time() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(0.05)


def pytest_report_header(config: pytest.Config) -> str:
    if PG_URL:
        return f"databases: SQLite and PostgreSQL ({make_url(PG_URL).render_as_string()})"
    return f"databases: SQLite only; PostgreSQL halves skip. {PG_SKIP}"


def _pg_schema_url(schema: str) -> str:
    url = make_url(normalize_url(PG_URL or ""))
    query = {"options": f"-csearch_path={schema}", "application_name": f"tk_{schema}"}
    return url.update_query_dict(query).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per run; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "twokey.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    eng.dispose()  # the last connection to close checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@dataclass
class PgSchema:
    """A migrated schema that tests take turns on, reset to its just-migrated rows."""

    admin: Engine
    name: str
    tables: list[sa.Table] = field(default_factory=list)
    seed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sequences: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return _pg_schema_url(self.name)

    def snapshot(self) -> None:
        meta = sa.MetaData(schema=self.name)
        meta.reflect(self.admin)
        self.tables = [t for t in meta.sorted_tables if t.name not in KEEP_ROWS_OF]
        with self.admin.connect() as conn:
            for table in self.tables:
                self.seed[table.name] = [dict(r._mapping) for r in conn.execute(table.select())]
            self.sequences = list(
                conn.execute(
                    sa.text(
                        "SELECT sequence_name FROM information_schema.sequences "
                        "WHERE sequence_schema = :schema"
                    ),
                    {"schema": self.name},
                ).scalars()
            )

    def reset(self) -> None:
        """Empty every table, restart sequences, put the migrations' own rows back.

        DELETE, not TRUNCATE: on a handful of rows it is ~50 times faster.
        """
        with self.admin.begin() as conn:
            # A connection a previous test leaked must not block or leak into this one.
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :app AND pid <> pg_backend_pid()"
                ),
                {"app": f"tk_{self.name}"},
            )
            statements = ["SET LOCAL lock_timeout = '10s'"]
            statements += [f'DELETE FROM "{self.name}"."{t.name}"' for t in reversed(self.tables)]
            statements += [
                f'SELECT setval(\'"{self.name}"."{seq}"\', 1, false)' for seq in self.sequences
            ]
            conn.exec_driver_sql("; ".join(statements))
            for table in self.tables:
                if self.seed[table.name]:
                    conn.execute(table.insert(), self.seed[table.name])


def _new_pg_schema(admin: Engine) -> str:
    schema = "t_" + secrets.token_hex(6)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    return schema


def _drop_pg_schema(admin: Engine, schema: str) -> None:
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    if not PG_URL:
        pytest.skip(PG_SKIP)
    admin = sa.create_engine(normalize_url(PG_URL), pool_size=2)
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_admin: Engine) -> Iterator[PgSchema]:
    schema = PgSchema(pg_admin, _new_pg_schema(pg_admin))
    try:
        eng = make_engine(schema.url)
        upgrade(eng)
        eng.dispose()
        schema.snapshot()
        yield schema
    finally:
        _drop_pg_schema(pg_admin, schema.name)


@pytest.fixture(params=["sqlite", "postgres"])
def db_kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not PG_URL:
        pytest.skip(PG_SKIP)
    return str(request.param)


@pytest.fixture
def empty_db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL of a database nothing has touched, of each kind."""
    if db_kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'twokey.db'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    schema = _new_pg_schema(admin)
    try:
        yield _pg_schema_url(schema)
    finally:
        _drop_pg_schema(admin, schema)


@pytest.fixture
def db_url(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL of a migrated database of each kind, holding only what the migrations wrote."""
    if db_kind == "sqlite":
        path = tmp_path / "twokey.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    template: PgSchema = request.getfixturevalue("pg_template")
    template.reset()
    return template.url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on each database kind."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """SQLite only, for tests that do not depend on the database kind."""
    path = tmp_path / "twokey.db"
    shutil.copyfile(sqlite_template, path)
    eng = make_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def example_config() -> TwoKeyConfig:
    return load_config(EXAMPLE)
