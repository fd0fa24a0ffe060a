"""Read a database's own catalog: schemas, tables, columns, approximate sizes, labels.

On PostgreSQL one query over the system catalogs returns everything (planner
row estimates and on-disk sizes included) inside a read-only transaction with
a statement timeout, so a sync never writes, never scans a table and never
holds locks that matter. Any other SQLAlchemy database is read through
SQLAlchemy's inspector (names, types, comments; no sizes). No value is read:
PII columns are recognised by name, type and comment.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.catalog.pii import classification_in, first_line, is_pii, stricter
from storage.catalog import Entry
from storage.db import normalize_url

SYNC_TIMEOUT_MS = 120_000

_PG_CATALOG = sa.text(
    """
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
           CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint
                ELSE s.n_live_tup END AS rows,
           CASE WHEN c.relkind IN ('r', 'p', 'm') THEN pg_total_relation_size(c.oid) END AS bytes,
           obj_description(c.oid, 'pg_class') AS comment,
           a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           col_description(c.oid, a.attnum) AS column_comment
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY n.nspname, c.relname, a.attnum
    """
)
_VIEW_KINDS = {"v": "view", "m": "view"}


def source_engine(url: str, *, connect_timeout: int = 10) -> Engine:
    """An engine for a database to read (any SQLAlchemy URL; `postgresql://` uses psycopg 3)."""
    url = normalize_url(url)
    args = {"connect_timeout": connect_timeout} if url.startswith("postgresql") else {}
    return sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args=args)


def read_only(conn: Connection, timeout_ms: int) -> None:
    """Make the open transaction read-only with a statement timeout (PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout_ms)}")


def introspect(engine: Engine, *, schemas: list[str] | None = None) -> list[Entry]:
    """Every table and view the connection may see, with PII columns and approximate size."""
    with engine.connect() as conn, conn.begin():
        read_only(conn, SYNC_TIMEOUT_MS)
        entries = _postgres(conn) if conn.dialect.name == "postgresql" else _generic(conn)
    if schemas:
        wanted = {s.lower() for s in schemas}
        entries = [e for e in entries if e.name.split(".")[0] in wanted]
    return entries


def _postgres(conn: Connection) -> list[Entry]:
    entries: dict[tuple[str, str], Entry] = {}
    comments: dict[tuple[str, str], str | None] = {}
    for row in conn.execute(_PG_CATALOG).mappings():
        key = (row["schema"], row["name"])
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Entry(
                name=f"{row['schema']}.{row['name']}".lower(),
                kind=_VIEW_KINDS.get(row["relkind"], "table"),
                rows=_count(row["rows"]),
                bytes=_count(row["bytes"]),
                description=first_line(row["comment"]),
            )
            comments[key] = row["comment"]
        if row["column"] is not None:
            _add_column(entry, row["column"], row["type"] or "", row["column_comment"])
    for key, entry in entries.items():
        entry.classification = stricter(entry.classification, classification_in((comments[key],)))
    return list(entries.values())


def _generic(conn: Connection) -> list[Entry]:
    inspector = sa.inspect(conn)
    out: list[Entry] = []
    default = inspector.default_schema_name
    for schema in inspector.get_schema_names():
        if schema in ("information_schema",):
            continue
        names = [(t, "table") for t in inspector.get_table_names(schema=schema)]
        names += [(v, "view") for v in inspector.get_view_names(schema=schema)]
        for name, kind in names:
            try:
                comment = inspector.get_table_comment(name, schema=schema).get("text")
            except NotImplementedError:  # dialects without table comments (SQLite)
                comment = None
            entry = Entry(
                name=f"{schema or default}.{name}".lower(),
                kind=kind,
                description=first_line(comment),
                classification=classification_in((comment,)),
            )
            for column in inspector.get_columns(name, schema=schema):
                _add_column(entry, column["name"], str(column["type"]), column.get("comment"))
            out.append(entry)
    return out


def _add_column(entry: Entry, name: str, type_name: str, comment: str | None) -> None:
    entry.columns.append([name, type_name])
    if is_pii(name, type_name, comment or ""):
        entry.pii_fields.append(name)
    entry.classification = stricter(entry.classification, classification_in((comment,)))


def _count(value: Any) -> int | None:
    return int(value) if value is not None and int(value) >= 0 else None
