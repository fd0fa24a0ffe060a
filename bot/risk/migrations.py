"""Schema migrations written in a framework's language, read as the SQL they run.

A migration file is a document whose effect is SQL: Alembic's `op.drop_table("payments")`
is `DROP TABLE payments`, Rails' `remove_column :customers, :email` is `ALTER TABLE
customers DROP COLUMN email`, a Liquibase change `delete: {tableName: orders}` with no
`where` is `DELETE FROM orders`. Each call is rewritten to the statement with the same
effect, and that statement is judged by the SQL detector like any other (so a column
added, an index created or a table renamed stays routine). Only what runs on upgrade is
read: Alembic's `downgrade()`, Rails' `def down`, Knex/Sequelize `down` are the way back.

Python migrations (Alembic, Django) are parsed with `ast`; Ruby and JavaScript migrations
by their call shapes; Liquibase changelogs are YAML/JSON trees read by the document reader.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from bot.risk.packs.docmodel import as_list, mappings, text_of

__all__ = ["liquibase_statements", "migration_statements"]

MAX_STATEMENTS = 32
MAX_SOURCE = 24_000
_NAME = r"[A-Za-z_][\w.]{0,80}"

# Python: `op.drop_table("x")`, `migrations.DeleteModel(name="X")` … (parsed with ast)
_PY_HINT = re.compile(r"\b(?:op|migrations|batch_op)\.\w+\(")
_DOWN_FUNCS = frozenset({"downgrade", "down", "backwards", "reverse", "rollback"})

# Ruby (Rails) and JavaScript (Knex, Sequelize, Laravel's PHP) call shapes.
_SYM = r"""[:'"]?(?P<{0}>[A-Za-z_]\w{{0,80}})['"]?"""
_RUBY_CALLS = (
    (re.compile(r"\bdrop_table\s*\(?\s*" + _SYM.format("t")), "DROP TABLE {t}"),
    (
        re.compile(r"\bremove_column\s*\(?\s*" + _SYM.format("t") + r"\s*,\s*" + _SYM.format("c")),
        "ALTER TABLE {t} DROP COLUMN {c}",
    ),
    (re.compile(r"\bremove_columns\s*\(?\s*" + _SYM.format("t")), "ALTER TABLE {t} DROP COLUMN *"),
)
_JS_CALLS = (
    (re.compile(r"\.(?:dropTable|dropTableIfExists)\(\s*" + _SYM.format("t")), "DROP TABLE {t}"),
    (
        re.compile(r"\.removeColumn\(\s*" + _SYM.format("t") + r"\s*,\s*" + _SYM.format("c")),
        "ALTER TABLE {t} DROP COLUMN {c}",
    ),
    (
        re.compile(
            r"\.bulkDelete\(\s*" + _SYM.format("t") + r"\s*(?:,\s*(?:null|\{\s*\})\s*)?[,)]"
        ),
        "DELETE FROM {t}",
    ),
    (
        re.compile(r"\bSchema::(?:drop|dropIfExists)\(\s*" + _SYM.format("t")),
        "DROP TABLE {t}",
    ),
    (re.compile(r"\.truncate\(\s*" + _SYM.format("t") + r"\s*\)"), "TRUNCATE TABLE {t}"),
)
_RUBY_HINT = re.compile(r"\bActiveRecord::Migration\b|\bdef\s+(?:change|up)\b")
_JS_HINT = re.compile(r"\b(?:knex\.schema|queryInterface|Schema::)")
# Where the way back starts: its calls are not what the migration does.
_RUBY_DOWN = re.compile(r"(?m)^[ \t]*def[ \t]+down\b")
_RUBY_UP = re.compile(r"(?m)^[ \t]*def[ \t]+(?:up|change)\b")
_JS_DOWN = re.compile(
    r"(?m)(?:\bexports\.down\b|^[ \t]*(?:async[ \t]+)?down[ \t]*[:(]|"
    r"\bfunction[ \t]+down\b|public[ \t]+function[ \t]+down\b)"
)
_JS_UP = re.compile(
    r"(?m)(?:\bexports\.up\b|^[ \t]*(?:async[ \t]+)?up[ \t]*[:(]|"
    r"\bfunction[ \t]+up\b|public[ \t]+function[ \t]+up\b)"
)
_RAW_SQL = re.compile(
    r"""\b(?:execute|RunSQL|raw|sequelize\.query|DB::statement)\s*\(?\s*(?:<<[~-]?(?P<tag>[A-Z_]+)\n(?P<heredoc>.*?)\n\s*(?P=tag)|(?P<q>["'])(?P<sql>[^"'\n]{4,600})(?P=q))""",
    re.S,
)


def _upgrade_only(text: str, down: re.Pattern[str], up: re.Pattern[str]) -> str:
    """The text without its `down` sections (each from its start to the next `up`)."""
    out, pos = [], 0
    for m in down.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.start()])
        nxt = up.search(text, m.end())
        pos = nxt.start() if nxt else len(text)
    out.append(text[pos:])
    return "".join(out)


def _literal(node: ast.AST | None) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _kw(call: ast.Call, name: str, pos: int) -> str:
    for k in call.keywords:
        if k.arg == name:
            return _literal(k.value)
    return _literal(call.args[pos]) if len(call.args) > pos else ""


def _py_call(call: ast.Call) -> str | None:
    """The SQL one Alembic `op.*` or Django `migrations.*` call stands for."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    name = func.attr
    if name == "drop_table":
        table = _kw(call, "table_name", 0)
        return f"DROP TABLE {table}" if table else None
    if name == "drop_column":
        table, column = _kw(call, "table_name", 0), _kw(call, "column_name", 1)
        if isinstance(func.value, ast.Name) and func.value.id == "batch_op":
            return f"ALTER TABLE t DROP COLUMN {_kw(call, 'column_name', 0)}"
        return f"ALTER TABLE {table} DROP COLUMN {column}" if table and column else None
    if name == "DeleteModel":
        model = _kw(call, "name", 0)
        return f"DROP TABLE {model.lower()}" if model else None
    if name == "RemoveField":
        model, field = _kw(call, "model_name", 0), _kw(call, "name", 1)
        return f"ALTER TABLE {model.lower()} DROP COLUMN {field}" if model and field else None
    if name in ("execute", "RunSQL"):
        sql = _kw(call, "sqltext", 0) if name == "execute" else _kw(call, "sql", 0)
        return sql or None
    return None


def _python(source: str) -> list[str] | None:
    """Statements of a Python migration; None when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in _DOWN_FUNCS:
            skipped.update(id(n) for n in ast.walk(node))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in skipped:
            sql = _py_call(node)
            if sql:
                out.append(sql)
    return out


def _by_shape(source: str, calls: tuple[tuple[re.Pattern[str], str], ...]) -> list[str]:
    out = []
    for pattern, template in calls:
        for m in pattern.finditer(source):
            out.append(template.format(**m.groupdict()))
    for m in _RAW_SQL.finditer(source):
        sql = m.group("heredoc") or m.group("sql")
        if sql and re.match(r"(?is)\s*(?:drop|delete|truncate|alter|update|grant)\b", sql):
            out.append(sql.strip())
    return out


def migration_statements(text: str) -> list[str]:
    """The SQL a migration written in Python, Ruby, JavaScript or PHP runs on upgrade."""
    text = text[:MAX_SOURCE]
    out: list[str] = []
    if _PY_HINT.search(text):
        parsed = _python(text)
        if parsed is None:  # a fragment: read by shape, the way back cut out
            kept = re.split(r"(?m)^[ \t]*def[ \t]+(?:downgrade|backwards)\b", text)[0]
            parsed = [
                s
                for s in (
                    _py_fragment(m) for m in re.finditer(r"\b(?:op|migrations)\.\w+\(.*", kept)
                )
                if s
            ]
        out += parsed
    if _RUBY_HINT.search(text):
        out += _by_shape(_upgrade_only(text, _RUBY_DOWN, _RUBY_UP), _RUBY_CALLS)
    if _JS_HINT.search(text):
        out += _by_shape(_upgrade_only(text, _JS_DOWN, _JS_UP), _JS_CALLS)
    return list(dict.fromkeys(out))[:MAX_STATEMENTS]


def _py_fragment(m: re.Match[str]) -> str | None:
    line = m.group(0)
    try:
        node = ast.parse(line.strip().rstrip(","), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    return _py_call(node) if isinstance(node, ast.Call) else None


# ---------------------------------------------------------------- Liquibase changelogs


def _change(kind: str, spec: dict[str, Any]) -> str | None:
    table = text_of(spec.get("tableName"))
    if kind == "dropTable" and table:
        return f"DROP TABLE {table}"
    if kind == "dropColumn" and table:
        columns = [text_of(spec.get("columnName"))] + [
            text_of(get.get("name"))
            for c in as_list(spec.get("columns"))
            if isinstance(c, dict) and isinstance(get := c.get("column"), dict)
        ]
        named = [c for c in columns if c]
        return f"ALTER TABLE {table} DROP COLUMN {named[0]}" if named else None
    if kind == "delete" and table:
        where = text_of(spec.get("where"))
        return f"DELETE FROM {table}" + (f" WHERE {where}" if where else "")
    if kind == "sql":
        return text_of(spec.get("sql")) or None
    return None


def liquibase_statements(trees: list[Any]) -> list[str]:
    """The SQL of Liquibase changesets (`changes: [{dropTable: {tableName: …}}]`), skipping
    their `rollback` sections."""
    out: list[str] = []
    for tree in trees:
        for d in mappings(tree):
            changes = d.get("changes")
            if "changeSet" in d or not isinstance(changes, list):
                continue
            for change in changes:
                if not isinstance(change, dict):
                    continue
                for kind, spec in change.items():
                    if kind == "sql" and isinstance(spec, str):
                        out.append(spec)
                    elif isinstance(spec, dict):
                        sql = _change(str(kind), spec)
                        if sql:
                            out.append(sql)
            if len(out) >= MAX_STATEMENTS:
                break
    return list(dict.fromkeys(out))[:MAX_STATEMENTS]
