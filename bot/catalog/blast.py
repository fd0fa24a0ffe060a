"""Blast radius: how much data a held SQL instruction would touch, for the approver.

For DELETE and UPDATE the source database's planner estimates the rows
(`EXPLAIN (FORMAT JSON)`, never ANALYZE: nothing is executed) of the SELECT
over the same tables and WHERE, inside a read-only transaction with a statement
timeout, so a role with SELECT alone is enough; TRUNCATE and DROP TABLE touch
the whole table, whose size comes from the system catalog. What EXPLAIN sees is
sqlglot's own rendering of that one SELECT, so text around the statement (a
second statement, a comment) never reaches the database.

This runs after the request is held, in the background: the allow path never
waits for it, and a failure only means the card says "estimate unavailable".
Only table names, verbs and counts come out: never a row, never the statement.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from bot.catalog.introspect import read_only, source_engine
from bot.catalog.sources import source_url
from bot.config import TwoKeyConfig
from bot.risk.extract import Extractor, client_sql, looks_like_sql
from bot.risk.model import DataRef
from bot.risk.shell import looks_like_shell

log = logging.getLogger(__name__)

_IN_PROSE = re.compile(
    r"\b(?:DELETE\s+FROM|UPDATE\s+[\w.\"]+\s+(?:AS\s+\w+\s+)?SET|TRUNCATE|DROP\s+TABLE)\b[^;\n]*",
    re.I,
)
"""A statement in prose runs to its semicolon or the end of the line; if what follows it
is more prose, sqlglot refuses the piece and nothing is estimated."""
EXPLAIN_TIMEOUT_MS = 2000
CONNECT_TIMEOUT_S = 3
MAX_TARGETS = 10

_SIZE = (
    "SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END, "
    "pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = to_regclass(%(name)s)"
)


@dataclass(frozen=True)
class Target:
    action: str
    """DELETE | UPDATE | TRUNCATE | DROP"""
    table: str
    """`schema.table` as written (lower case, quotes removed)."""
    sql: str | None = None
    """The SELECT to EXPLAIN for a DELETE/UPDATE (see `_as_select`), as sqlglot renders it."""
    explain: bool = False
    """DELETE/UPDATE: rows come from the planner; TRUNCATE/DROP: the whole table."""

    def as_dict(self) -> dict[str, str]:
        return {"action": self.action, "table": self.table}


def targets(text: str) -> list[Target]:
    """The destructive SQL statements in an instruction, wherever they are written."""
    found: list[Target] = []
    pieces: list[str] = []
    for cand in Extractor(looks_like_shell).extract(text):
        if cand.kind == "sql" or looks_like_sql(cand.text):
            pieces.append(cand.text)
        elif cand.kind == "shell":
            pieces.extend(client_sql(cand.text))
        else:  # "run DELETE FROM … WHERE …; then tell me": a statement inside a sentence
            pieces.extend(m.group(0) for m in _IN_PROSE.finditer(cand.text))
    for piece in pieces:
        try:
            statements = sqlglot.parse(piece, read="postgres")
        except (sqlglot.ParseError, sqlglot.TokenError, ValueError):
            continue
        for stmt in statements:
            found.extend(_targets_of(stmt))
            if len(found) >= MAX_TARGETS:
                return found[:MAX_TARGETS]
    return list(dict.fromkeys(found))


def _name(table: exp.Expression | None) -> str | None:
    if not isinstance(table, exp.Table) or not table.name:
        return None
    parts = [p for p in (table.catalog, table.db, table.name) if p]
    return ".".join(parts).lower()


def _targets_of(stmt: object) -> list[Target]:
    if isinstance(stmt, exp.Delete | exp.Update):
        name = _name(stmt.this)
        return [Target(type(stmt).__name__.upper(), name, _as_select(stmt), True)] if name else []
    if isinstance(stmt, exp.TruncateTable):
        return [Target("TRUNCATE", n) for t in stmt.expressions if (n := _name(t))]
    if isinstance(stmt, exp.Drop) and str(stmt.args.get("kind") or "").upper() == "TABLE":
        tables = stmt.args.get("tables") or [stmt.this]
        return [Target("DROP", n) for t in tables if (n := _name(t))]
    return []


_WRITES = (exp.Delete, exp.Update, exp.Insert, exp.Merge, exp.Create, exp.Drop)


def _as_select(stmt: exp.Delete | exp.Update) -> str | None:
    """The rows a DELETE or UPDATE would touch, as a SELECT over the same tables and WHERE.

    PostgreSQL checks a statement's privileges even for a plain EXPLAIN, so a read-only
    role may not EXPLAIN the DELETE itself; the planner estimates the equivalent SELECT
    the same way, and a SELECT is all TwoKey ever sends. None when it cannot be built
    safely (a data-modifying WITH, say): the estimate is then unavailable.
    """
    table = stmt.this
    if not isinstance(table, exp.Table):
        return None
    select = exp.select("1").from_(table.copy())
    extra = list(stmt.args.get("using") or [])
    source = stmt.args.get("from_")
    if isinstance(source, exp.From) and source.this is not None:
        extra.append(source.this)
    for other in extra:
        select = select.join(other.copy(), join_type="cross")
    if (where := stmt.args.get("where")) is not None:
        select.set("where", where.copy())
    if (ctes := stmt.args.get("with_")) is not None:
        select.set("with_", ctes.copy())
    if any(select.find_all(*_WRITES)):
        return None
    return select.sql(dialect="postgres")


class BlastRadius:
    """Estimates against the configured database sources that allow it (`estimate_rows`)."""

    def __init__(self, config: TwoKeyConfig) -> None:
        self.databases = [
            s for s in config.catalog_sources if s.kind == "database" and s.estimate_rows
        ]

    def __bool__(self) -> bool:
        return bool(self.databases)

    def estimate(self, found: Sequence[Target], data: Sequence[DataRef]) -> dict[str, Any]:
        """`{"state": "ready", "items": [...]}`; an item that could not be estimated says so."""
        items = []
        for target in found:
            source = self._source_for(target, data)
            item: dict[str, Any] = target.as_dict()
            if source is None:
                item["error"] = "no database source knows this table"
            else:
                try:
                    item.update(self._one(source_url(source), target))
                except Exception as exc:  # any failure is "unavailable", never a decision
                    log.info(
                        "blast radius for %s unavailable: %s", target.table, type(exc).__name__
                    )
                    item["error"] = type(exc).__name__
            items.append(item)
        return {"state": "ready", "items": items}

    def _source_for(self, target: Target, data: Sequence[DataRef]) -> Any | None:
        names = {s.name: s for s in self.databases}
        short = target.table.split(".")[-1]
        for ref in data:
            ref_name = ref.name.lower()
            if ref_name == target.table or ref_name.split(".")[-1] == short:
                for source in (ref.source or "").split(","):
                    if source in names:
                        return names[source]
        return self.databases[0] if len(self.databases) == 1 else None

    @staticmethod
    def _one(url: str, target: Target) -> dict[str, Any]:
        engine = source_engine(url, connect_timeout=CONNECT_TIMEOUT_S)
        try:
            if engine.dialect.name != "postgresql":
                return {"error": f"estimates need PostgreSQL, not {engine.dialect.name}"}
            engine = engine.execution_options(isolation_level="READ COMMITTED")
            with engine.connect() as conn, conn.begin():
                read_only(conn, EXPLAIN_TIMEOUT_MS)
                size = conn.exec_driver_sql(_SIZE, {"name": target.table}).first()
                out: dict[str, Any] = {}
                if size is not None:
                    out["table_rows"], out["bytes"] = size[0], size[1]
                if target.explain:
                    if target.sql is None:
                        return {**out, "error": "statement not estimable"}
                    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + target.sql).scalar()
                    out["rows"] = plan_rows(plan)
                elif size is not None:
                    out["rows"] = size[0]
                conn.rollback()
                return out
        finally:
            engine.dispose()


def plan_rows(plan: Any) -> int | None:
    """Rows the plan's modifying node would touch: the scan under ModifyTable."""
    import json

    if isinstance(plan, str):
        plan = json.loads(plan)
    if isinstance(plan, list):
        plan = plan[0] if plan else {}
    node = (plan or {}).get("Plan") or {}
    if node.get("Node Type") == "ModifyTable" and node.get("Plans"):
        node = node["Plans"][0]
    rows = node.get("Plan Rows")
    return int(rows) if rows is not None else None
