"""Engines and sessions for SQLite and PostgreSQL.

SQLite gets WAL (readers never wait for the writer), a busy timeout, and
`BEGIN IMMEDIATE` for every transaction: a deferred transaction that reads
then writes fails with SQLITE_BUSY under concurrency instead of waiting, which
would turn two simultaneous clicks into an error rather than a clean loser.
Within one process, SQLite transactions also take a lock: threads queue on it
instead of in SQLite's busy handler, which sleeps in growing steps and turns a
burst of writes into a long tail. Checkpoints (the one step that waits for the
disk) are taken off the commit path: `checkpoint` runs them in the background.
"""

from __future__ import annotations

import re
import select
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import Session

from core.domain import ConfigError

BUSY_TIMEOUT_MS = 10_000
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()


SUPPORTED = "use sqlite:///path/to/twokey.db or postgresql://user:password@host:5432/dbname"
_FIX = "fix TWOKEY_DATABASE_URL (or --db)"
_PASSWORD_IN_URL = re.compile(r"(//[^:/@\s]*:)[^@\s]*@")


def masked_url(url: str | URL) -> str:
    """The URL as it may be shown: the password (if any) replaced by ***."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _PASSWORD_IN_URL.sub(r"\1***@", url)


def normalize_url(url: str) -> str:
    """Accept the common `postgresql://` spelling and use psycopg 3 for it."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _parse(url: str) -> URL:
    """A URL TwoKey can use, or a `ConfigError` saying what to write instead."""
    try:
        parsed = make_url(normalize_url(url))
    except ArgumentError:
        raise ConfigError(f"database URL {masked_url(url)!r} is not a URL: {SUPPORTED}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"database {masked_url(parsed)}: TwoKey stores its data in SQLite or PostgreSQL, "
            f"not {backend}; {SUPPORTED}"
        )
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        if not folder.is_dir():
            raise ConfigError(
                f"database {masked_url(parsed)}: the folder {folder} does not exist; "
                f"create it (mkdir -p {folder}) or {_FIX}"
            )
    return parsed


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; a bad URL is a `ConfigError` (nothing created)."""
    parsed = _parse(url)
    try:
        return _create(parsed, pool_size)
    except (ImportError, NoSuchModuleError) as exc:
        missing = exc.name if isinstance(exc, ImportError) else parsed.drivername
        raise ConfigError(
            f"database {masked_url(parsed)}: its driver is not installed ({missing}); {SUPPORTED}"
        ) from None


def _create(parsed: URL, pool_size: int) -> Engine:
    url = parsed.render_as_string(hide_password=False)
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        _tune_sqlite(engine)
        _WRITE_LOCKS[engine] = threading.RLock()
        return engine
    engine = sa.create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)
    engine.dialect.do_ping = _ping_when_readable(engine.dialect.do_ping)  # type: ignore[method-assign, assignment]
    return engine


def _ping_when_readable(ping: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """The pool's pre-ping without a round trip for a connection with nothing to say.

    An idle pooled connection has no reason to receive anything: pooled connections
    never LISTEN, and a server that restarts, is killed, or times the session out
    closes the socket (often after a FATAL message), which makes it readable. So a
    readable, closed or broken connection gets the real ping (`SELECT 1`, which
    fails and reconnects), and a quiet one is used as is: one poll of its socket
    instead of a round trip on every checkout. A peer that vanished without closing
    would hang the real ping as it hangs the next statement, so nothing is lost."""

    def do_ping(dbapi_connection: Any) -> bool:
        try:
            if dbapi_connection.closed or dbapi_connection.broken:
                return ping(dbapi_connection)
            readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
        except Exception:  # not psycopg 3, or no socket any more: ask for real
            return ping(dbapi_connection)
        return ping(dbapi_connection) if readable else True

    return do_ping


def _tune_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def explain(engine: Engine, exc: SQLAlchemyError) -> str:
    """One line for a failure to reach or use the database: which one, what, and the fix."""
    where = f"database {masked_url(engine.url)}"
    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return f"{where}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
    detail = " ".join(str(exc.orig).split())
    fatal = detail.split("FATAL:", 1)[-1].strip()
    name = engine.url.database
    if re.search(r"database \S+ does not exist", fatal):
        host = engine.url.host or "localhost"
        return (
            f"{where}: {fatal}; create it (createdb -h {host} -U "
            f"{engine.url.username or 'postgres'} {name}) or {_FIX}"
        )
    if "password authentication failed" in fatal or re.search(r"role \S+ does not exist", fatal):
        return f"{where}: {fatal}; fix the user or password in TWOKEY_DATABASE_URL (or --db)"
    if any(s in detail for s in ("Connection refused", "failed to resolve host", "timeout")):
        reason = fatal.split(" failed: ", 1)[-1].split("Is the server", 1)[0].strip()
        return f"{where} is unreachable ({reason}); start the database or {_FIX}"
    if engine.dialect.name == "sqlite" and "unable to open database file" in detail:
        return f"{where}: cannot open the file (check the folder exists and is writable) or {_FIX}"
    return f"{where}: {fatal}"


@contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """Turn a database failure into a `ConfigError` carrying `explain`'s one line."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise ConfigError(explain(engine, exc)) from None


def checkpoint(engine: Engine) -> None:
    """Copy the SQLite WAL into the database without blocking writers (no-op elsewhere).

    Connections never checkpoint on commit (`wal_autocheckpoint=0`); a long-lived
    process calls this every few seconds instead, and SQLite checkpoints when
    the last connection of a short-lived one closes.
    """
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def has_idle_connection(engine: Engine) -> bool:
    """Whether a connection can be taken from the pool at once (no wait, no new connection).

    Only a `QueuePool` (file SQLite, PostgreSQL) says; anything else answers False."""
    pool = engine.pool
    return isinstance(pool, sa.pool.QueuePool) and pool.checkedin() > 0


def write_lock(engine: Engine) -> threading.RLock | None:
    """The lock every write transaction of this SQLite engine holds (None elsewhere)."""
    return _WRITE_LOCKS.get(engine)


def holds_write_lock(engine: Engine) -> bool:
    """Whether this thread is inside a `session_scope` of this SQLite engine (False elsewhere).

    Work that opens its own write transaction (the audit sequencer) checks it first: on
    SQLite a second writer in the same thread would wait for a lock its caller holds.
    """
    lock = _WRITE_LOCKS.get(engine)
    return lock is not None and lock._is_owned()  # type: ignore[attr-defined]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with (
        _WRITE_LOCKS.get(engine) or nullcontext(),
        Session(engine, expire_on_commit=False) as session,
    ):
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
