"""Precompiled inserts for the allow path: compiled once, bound by the column types, sent
to the driver's cursor.

Creating a request is a few small inserts (the request, its audit event, the resources
it touches) in one transaction. Through SQLAlchemy's execution machinery (a session, a
cache-key lookup and an execution context per statement, events) that costs several
times what the database itself does. Here each statement is compiled once per table
and dialect, each value goes through its column type's own bind processor (so a row is
stored exactly as a Core insert stores it: the same datetime text, the same JSON), and a
batch is one `executemany` per table. Driver errors are raised as SQLAlchemy's
(`IntegrityError`, `OperationalError`, ...), as everywhere else, and a connection the
driver reports lost is dropped from the pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect, Engine

from storage.db import BUSY_TIMEOUT_MS, write_lock

_Processor = Callable[[Any], Any] | None


class Insert:
    """`INSERT INTO table (every column the caller supplies) VALUES (...)` for one dialect."""

    def __init__(self, table: sa.Table, dialect: Dialect) -> None:
        columns = [c for c in table.columns if not _generated(c)]
        compiled = sa.insert(table).compile(dialect=dialect, column_keys=[c.key for c in columns])
        self.sql = compiled.string
        processors = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns}
        names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
        self._names = names
        self._bind: list[tuple[str, _Processor]] = [
            (compiled.binds[name].key, _shortcut(processors[compiled.binds[name].key]))
            for name in names
        ]
        self._positional = compiled.positional

    def params(self, row: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """The driver's parameters for `row`, which must give every column."""
        values = [p(row[key]) if p else row[key] for key, p in self._bind]
        if self._positional:
            return tuple(values)
        return dict(zip(self._names, values, strict=True))


def _shortcut(process: _Processor) -> _Processor:
    """`process` answering the values most rows carry from what it answered for them once:
    None (no date yet), an empty list or mapping (no findings, no meta). Each is asked of
    the processor itself here, so what is bound is exactly what it would have bound; a
    value it refuses (a date column given a list) is left to refuse again when it comes."""
    if process is None:
        return None
    none, empty_list, empty_dict = _ask(process, None), _ask(process, []), _ask(process, {})

    def shortcut(value: Any) -> Any:
        if value is None and none is not _REFUSED:
            return none
        if value.__class__ is list and not value and empty_list is not _REFUSED:
            return empty_list
        if value.__class__ is dict and not value and empty_dict is not _REFUSED:
            return empty_dict
        return process(value)

    return shortcut


_REFUSED = object()


def _ask(process: Callable[[Any], Any], value: Any) -> Any:
    try:
        answer = process(value)
    except Exception:
        return _REFUSED
    # Only an immutable answer may be shared by every row (the driver only reads it).
    return answer if answer is None or isinstance(answer, str | bytes | int) else _REFUSED


def _generated(column: sa.Column[Any]) -> bool:
    """An integer primary key the database numbers (audit events, outbox rows)."""
    return bool(column.primary_key and column.autoincrement is True) or (
        column.primary_key
        and column.autoincrement == "auto"
        and isinstance(column.type, sa.Integer)
        and len(column.table.primary_key.columns) == 1
    )


_COMPILED: dict[tuple[str, ...], Insert] = {}
_COMPILED_LOCK = threading.Lock()


def compiled(table: sa.Table, dialect: Dialect) -> Insert:
    key = (table.name, dialect.name, dialect.driver, str(dialect.paramstyle))
    found = _COMPILED.get(key)
    if found is None:
        with _COMPILED_LOCK:
            found = _COMPILED.setdefault(key, Insert(table, dialect))
    return found


_SELECTS: dict[tuple[int, str, str, str], Any] = {}


def _compiled_select(stmt: sa.Select[Any], dialect: Dialect) -> Any:
    """Module-level statements only: the cache holds them (and their ids) for good."""
    key = (id(stmt), dialect.name, dialect.driver, str(dialect.paramstyle))
    found = _SELECTS.get(key)
    if found is None:
        found = _SELECTS[key] = (stmt, stmt.compile(dialect=dialect))
    return found[1]


class Writer:
    """The driver cursor of one write transaction, raising SQLAlchemy's errors."""

    def __init__(self, raw: Any, cursor: Any, dialect: Dialect) -> None:
        self._raw = raw
        self._cursor = cursor
        self.dialect = dialect

    def insert(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        statement = compiled(table, self.dialect)
        params = [statement.params(row) for row in rows]
        self._run(statement.sql, params, many=True)

    def first(self, stmt: sa.Select[Any], values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row a SELECT of plain values gives (compiled once per dialect)."""
        compiled = _compiled_select(stmt, self.dialect)
        bound = compiled.construct_params(dict(values))
        params: Any = (
            tuple(bound[name] for name in compiled.positiontup or ())
            if compiled.positional
            else bound
        )
        self._run(compiled.string, params, many=False)
        row = self._cursor.fetchone()
        return tuple(row) if row is not None else None

    def _run(self, sql: str, params: Any, *, many: bool) -> None:
        try:
            if many:
                self._cursor.executemany(sql, params)
            else:
                self._cursor.execute(sql, params)
        except self.dialect.loaded_dbapi.Error as exc:
            raise self.wrap(exc, sql, params) from exc

    def wrap(self, exc: Exception, sql: str | None, params: Any) -> BaseException:
        lost = self.dialect.is_disconnect(exc, self._raw.dbapi_connection, self._cursor)  # type: ignore[arg-type]
        if lost:
            self._raw.invalidate(exc)
        return sa.exc.DBAPIError.instance(
            sql,
            params,
            exc,
            self.dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=self.dialect,
        )


class Busy(Exception):  # noqa: N818 - a state, like TimeoutError
    """`transaction(wait=False)` found another connection writing: nothing was done."""


@contextmanager
def transaction(engine: Engine, *, wait: bool = True) -> Iterator[Writer]:
    """One write transaction on a pooled connection: commit on success, roll back on error.

    On SQLite it holds the process's write lock and begins IMMEDIATE, as `session_scope`
    does. With `wait=False` (SQLite) it raises `Busy` at once, rather than waiting up to
    the busy timeout, when another process holds the database's write lock."""
    dialect = engine.dialect
    with write_lock(engine) or nullcontext():
        raw = engine.raw_connection()
        try:
            writer = Writer(raw, raw.cursor(), dialect)
            if dialect.name == "sqlite":
                _begin_immediate(writer, wait)
            try:
                yield writer
                try:
                    raw.commit()
                except dialect.loaded_dbapi.Error as exc:
                    raise writer.wrap(exc, "COMMIT", None) from exc
            except BaseException:
                if raw.is_valid:
                    raw.rollback()
                raise
        finally:
            raw.close()


def _begin_immediate(writer: Writer, wait: bool) -> None:
    if wait:
        writer._run("BEGIN IMMEDIATE", (), many=False)
        return
    writer._run("PRAGMA busy_timeout=0", (), many=False)
    try:
        writer._run("BEGIN IMMEDIATE", (), many=False)
    except sa.exc.OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise Busy from None
        raise
    finally:
        writer._run(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}", (), many=False)
