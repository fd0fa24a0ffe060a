"""The SQL detector: what a statement does to which tables and columns.

sqlglot parses the common cases into a syntax tree; the statements it only
keeps as raw commands (GRANT … ON ALL TABLES IN SCHEMA, ALTER ROLE, CREATE
USER, DISABLE ROW LEVEL SECURITY, …) or rejects (MySQL INTO OUTFILE, Redshift
UNLOAD) are read by small patterns of our own, so nothing falls through as
"fine". Every rule is data with its own examples, checked once at start-up.
"""

from __future__ import annotations

import logging
import re
import threading
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.parser import Parser
from sqlglot.tokens import Tokenizer

from bot.config import ConfigError, Risk
from bot.risk.environments import names_production, sentence_names_production
from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered
from bot.risk.reference import reference_table
from bot.risk.sql_budget import budget, first_unread, spend, take_statement
from bot.risk.sql_rules import (
    COMMON_PII_COLUMNS,
    EXAMPLE_PII,
    RULES_BY_ID,
    SQL_RULES,
    SqlRule,
    sensitive_column_risk,
)

logging.getLogger("sqlglot").setLevel(logging.CRITICAL)

PiiLookup = Callable[[str], Sequence[str] | None]
"""Table name → its catalogued PII fields, or None when the table is not catalogued."""

DIALECTS = ("postgres", "mysql", "snowflake", "bigquery", "databricks", "tsql")
_DIALECTS = {name: Dialect.get_or_raise(name) for name in DIALECTS}


class _Readers(threading.local):
    """Each thread's tokenizer and parser per dialect, made once and reused: making them
    (what `sqlglot.parse` does on every call, after looking the dialect up) cost more than
    parsing a short statement. Both reset themselves at the start of every use."""

    def __init__(self) -> None:
        self.made: dict[str, tuple[Tokenizer, Parser]] = {}


_READERS = _Readers()


def _parse_in(dialect: str, sql: str) -> list[exp.Expr | None]:
    """`sqlglot.parse(sql, read=dialect)`, with this thread's reader of that dialect."""
    made = _READERS.made.get(dialect)
    if made is None:
        found = _DIALECTS[dialect]
        made = _READERS.made[dialect] = (found.tokenizer(), found.parser())
    tokenizer, parser = made
    return parser.parse(tokenizer.tokenize(sql), sql)


@dataclass(slots=True)
class TableUse:
    """How one statement touches one table."""

    columns: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    """Columns returned to the caller (projections), a subset of `columns`."""
    whole_rows: bool = False
    """Every column is involved (SELECT *, DELETE, DROP, COPY of the table …)."""
    star: bool = False
    """Returned to the caller with `*`: counts as reading every catalogued PII field."""


@dataclass(slots=True)
class SqlResult:
    findings: list[Finding] = field(default_factory=list)
    tables: dict[str, TableUse] = field(default_factory=dict)
    locations: list[str] = field(default_factory=list)
    """External destinations or sources: files, buckets, stages, URIs."""
    exports: list[tuple[str, str]] = field(default_factory=list)
    """Pending (destination, evidence) pairs, judged once the statement's data is known."""
    schemas: list[str] = field(default_factory=list)
    """Schemas or databases acted on as a whole (schema-wide grants, DROP SCHEMA)."""
    bulk_writes: list[tuple[str, str]] = field(default_factory=list)
    """(table, statement) of DELETE/UPDATEs picking rows by a range or condition, on tables
    that hold no catalogued personal data: bulk changes when production is their target,
    which the statement's own sentence or command may say (see `bulk_change_in_production`)."""
    parse_failed: bool = False

    def use(self, table: str) -> TableUse:
        use = self.tables.get(table)
        if use is None:
            use = self.tables[table] = TableUse()
        return use


# --- statement splitting and prefilters -------------------------------------------------

_SPLIT = re.compile(
    r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\$(\w*)\$.*?\$\1\$|--[^\n]*|/\*.*?\*/|;",
    re.S,
)
_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_WS = re.compile(r"\s+")


_DANGEROUS_WORD = re.compile(
    r"\b(?:drop|truncate|delete|update|alter|grant|revoke|copy|unload|export|outfile|dumpfile|"
    r"superuser|bypassrls|security|policy|create\s+(?:user|role))\b",
    re.I,
)


_SAFE_RAW = re.compile(
    r"^(?:alter\s+table\s+\S+\s+(?:enable|force)\s+row\s+level\s+security\b|"
    r"(?:create|alter)\s+(?:row\s+access\s+)?policy\b|"
    r"alter\s+system\s+(?:set|reset)\b|alter\s+(?:server|database)\s+audit\b|"
    r"alter\s+table\s+\S+\s+(?:(?:modify|alter)\s+(?:column\s+)?\S+\s+set\s+masking\s+policy|"
    r"add\s+row\s+access\s+policy)\b|"
    r"(?:show|describe|desc|explain|use|begin|commit|rollback|analyze|vacuum|reset|comment)\b)",
    re.I,
)


_EXPLAIN = re.compile(
    r"^explain\s+(?P<opts>(?:(?:analy[sz]e|verbose|costs|buffers|timing|summary|"
    r"format\s+\w+)\s+|\([^)]{0,300}\)\s*)*)(?P<rest>(?:select|insert|update|delete|with|merge|"
    r"create|replace|values|table|execute)\b.*)$",
    re.I | re.S,
)
_MULTI_DIALECT_MAX = 2000
_HISTORY_OFF = re.compile(
    r"^alter\s+(?:table|schema|database|account)\s+(?:if\s+exists\s+)?(?P<a>\S+)?.*?"
    r"\b(?:min_)?data_retention_time_in_days\s*=\s*0\b"
    r"|^vacuum\s+(?P<v>\S+).*\bretain\s+0+(?:\.0+)?\s+hours?\b"
    r"|^set\s+(?P<c>spark\.databricks\.delta\.retentionDurationCheck\.enabled)\s*=\s*'?false\b"
    r"|^alter\s+table\s+(?P<p>\S+)\s+set\s+tblproperties\s*\(.*"
    r"delta\.(?:log|deletedFile)RetentionDuration['\"`]?\s*=\s*['\"]interval\s+0+\s"
    r"|^alter\s+database\s+(?P<r>\S+)\s+set\s+recovery\s+simple\b"
    r"|^alter\s+system\s+set\s+(?P<w>archive_mode)\s*(?:=|to)\s*'?off\b",
    re.I | re.S,
)
_ANALYZE = re.compile(r"\banaly[sz]e\b", re.I)
_ANALYZE_OFF = re.compile(r"\banaly[sz]e\s+(?:false|off|0)\b", re.I)
# A WHERE that picks particular rows: equality or IN-list on a key-like column.
_KEY_COLUMN = re.compile(
    r"(?:id|pk|uuid|guid|key|email|username|\w+_(?:id|uuid|key|pk|email|number|no))", re.I
)
_MAX_KEY_LIST = 100
_SHARE_ACCOUNTS = re.compile(r"^alter\s+share\s+(?P<s>\S+)\s+(?:add|set)\s+accounts\b", re.I)
_MASKING_OFF = re.compile(
    r"^alter\s+table\s+(?:if\s+exists\s+)?(?P<t>\S+)\s+(?:modify|alter)\s+(?:column\s+)?"
    r"(?P<c>\S+)\s+unset\s+masking\s+policy|^drop\s+masking\s+policy\s+(?:if\s+exists\s+)?(?P<p>\S+)",
    re.I,
)
_GET_STAGE = re.compile(r"^get\s+(?P<stage>@\S+)\s+'?(?P<dest>file://\S+?)'?(?:\s|$)", re.I)
_AUDIT_OFF = re.compile(
    r"^(?:alter\s+system\s+set|set\s+(?:global\s+|persist\s+|session\s+)?)\s*"
    r"(?P<t>pgaudit\.\w+|log_statement|audit_trail|general_log|audit_log\w*|log_connections|"
    r"log_disconnections|server_audit_logging)\s*(?:=|to)\s*'?(?:none|off|false|0)\b'?"
    r"|^alter\s+(?:server|database)\s+audit(?:\s+specification)?\s+(?P<s>\S+).*\bstate\s*=\s*off"
    r"|^drop\s+(?:server|database)\s+audit(?:\s+specification)?\s+(?P<d>\S+)"
    r"|^noaudit\b(?P<n>.*)|^uninstall\s+plugin\s+(?P<p>\w*audit\w*)",
    re.I,
)


def split_statements(text: str) -> list[str]:
    """Split on `;` outside strings, quoted names, dollar-quoted bodies and comments."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(text):
        if m.group(0) == ";":
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if _COMMENT.sub("", s).strip()]


def _clean(stmt: str) -> str:
    # `" ".join(…split())` is `_WS.sub(" ", …).strip()` (both split on `str.isspace`), without
    # a replacement per space: 64 KB of words took 1.6 ms
    clean = " ".join((_COMMENT.sub(" ", stmt) if "--" in stmt or "/*" in stmt else stmt).split())
    # psql's client-side `\copy` has COPY's syntax and the same effect on where data goes.
    return clean[1:] if clean[:5].lower() == "\\copy" else clean


# --- raw-command patterns (what sqlglot keeps as an opaque Command) ---------------------

_IDENT = r"(?:\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|[\w$@.*-]+)"
_GRANT_OPTION = re.compile(r"\s+with\s+(?:grant|admin|hierarchy)\s+option\s*$", re.I)
_ALL_TABLES = re.compile(
    r"\ball\s+(?:tables|views|sequences)\s+in\s+(schema|database)\s+(\S+)", re.I
)
_FUTURE = re.compile(r"\bfuture\s+(?:tables|views)\s+in\s+(schema|database)\s+(\S+)", re.I)
_TO_SHARE = re.compile(r"^share\s+(\S+)", re.I)
_PUBLIC = re.compile(r"(?:^|,\s*)(?:group\s+)?public\b", re.I)
_ADMIN_PRIV = re.compile(r"^all(?:\s+privileges)?\b|\bownership\b|\bmanage\s+grants\b", re.I)
_ADMIN_ROLES = re.compile(
    r"^(?:role\s+)?(?:accountadmin|securityadmin|sysadmin|orgadmin|useradmin|postgres|"
    r"rds_superuser|cloudsqlsuperuser|azure_pg_admin|pg_write_all_data|pg_read_all_data|"
    r"pg_execute_server_program|pg_write_server_files|pg_read_server_files|db_owner|dba|admin|"
    r"superuser|root)\b",
    re.I,
)
_ROLE_STMT = re.compile(
    rf"^(?P<verb>create|alter|drop)\s+(?:or\s+replace\s+)?(?P<kind>user|role|group|login)\s+(?:if\s+(?:not\s+)?exists\s+)?"
    rf"(?P<name>{_IDENT})(?P<rest>.*)$",
    re.I,
)
_LOGIN_CHANGE = re.compile(r"(?<!no)\blogin\b|\bpassword\b|\brename\s+to\b|\bvalid\s+until\b", re.I)
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@([\w-]{1,63}(?:\.[\w-]{1,63}){1,8})(?![\w.-])", re.I
)
_EVERYONE = re.compile(
    r"(?:^|[\s,\"'`:])(?:public|allusers|allauthenticatedusers|domain:[\w.-]+)(?=$|[\s,\"'`])",
    re.I,
)
_PRIVILEGED_OPTS = re.compile(
    r"\b(?:superuser|bypassrls|createrole|replication|super\b|default_role\s*=\s*accountadmin)",
    re.I,
)
_NEG_PRIV = re.compile(r"\bno(?:superuser|bypassrls|createrole|replication)\b", re.I)
_RLS_OFF = re.compile(
    rf"^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?P<t>{_IDENT})\s+"
    rf"(?:disable|no\s+force)\s+row\s+level\s+security\b",
    re.I,
)
_DROP_POLICY = re.compile(
    rf"^drop\s+(?:row\s+access\s+)?policy\s+(?:if\s+exists\s+)?{_IDENT}(?:\s+on\s+(?P<t>{_IDENT}))?",
    re.I,
)
_ROW_SECURITY_OFF = re.compile(r"^set\s+(?:session\s+)?row_security\s*(?:=|to)\s*'?off'?", re.I)
_UNSET_ROW_ACCESS = re.compile(
    rf"^alter\s+table\s+(?P<t>{_IDENT})\s+drop\s+(?:all\s+)?row\s+access\s+polic", re.I
)
_OUTFILE = prefiltered(  # searched in every SELECT, up to 64 KB long
    re.compile(r"\binto\s+(?:outfile|dumpfile)\s+('(?:[^'\\]|\\.)*'|\"[^\"]*\")", re.I)
)
_OUTFILE_TAIL = re.compile(
    r"\binto\s+(?:outfile|dumpfile)\s+(?:'(?:[^'\\]|\\.)*'|\"[^\"]*\")"
    r"(?:\s+(?:character\s+set\s+\w+|fields|columns|lines|terminated|enclosed|escaped|optionally|"
    r"starting|by|'(?:[^'\\]|\\.)*'|\"[^\"]*\"))*",
    re.I,
)
_UNLOAD = re.compile(r"^unload\s*\(\s*'((?:[^']|'')*)'\s*\)\s*to\s+'([^']*)'", re.I)
_COPY_PROGRAM = re.compile(r"^copy\b.*?\bto\s+program\s+('(?:[^']|'')*')", re.I)
# T-SQL: the database server's own shell, switched on or called
_XP_CMDSHELL = re.compile(
    r"^(?:exec(?:ute)?\s+)?(?:master\.(?:dbo)?\.)?(?:sp_configure\s+N?'xp_cmdshell'\s*,\s*1\b|"
    r"xp_cmdshell\s+N?(?P<c>'(?:[^']|'')*'))",
    re.I,
)
_COPY_INTO_LOCATION = re.compile(
    r"^copy\s+into\s+(@[\w.$/%~-]+|'(?:s3|gcs|gs|azure|https?)://[^']*')", re.I
)
_EXPORT_URI = re.compile(r"\buri\s*=\s*(?:'([^']*)'|\"([^\"]*)\")", re.I)
_DROP_KIND = re.compile(
    rf"^drop\s+(?:temporary\s+|temp\s+|materialized\s+|external\s+|foreign\s+)?"
    rf"(?P<kind>table|view|schema|database|catalog|index|sequence|function|procedure|trigger|"
    rf"type|extension|stage|warehouse|share|dataset|volume|stream|task|pipe|keyspace)\b"
    rf"(?:\s+if\s+exists)?\s+(?P<t>{_IDENT})",
    re.I,
)


def _unquote(name: str) -> str:
    return name.strip().strip("\"`[]'").lower()


def _table_name(t: exp.Table) -> str | None:
    """Qualified, lower-case table name, or None for stages and string locations."""
    if not isinstance(t.this, exp.Identifier):
        if isinstance(t.this, exp.Star):
            return None
        if t.db and not t.name:
            return None
        return None
    parts = [p for p in (t.catalog, t.db, t.name) if p]
    return ".".join(parts).lower() if parts else None


def _location(node: exp.Expression) -> str | None:
    if isinstance(node, exp.Literal):
        return str(node.this)
    if isinstance(node, exp.Table) and not isinstance(node.this, exp.Identifier):
        inner = node.this
        return str(inner.this) if isinstance(inner, exp.Var | exp.Literal) else inner.sql()
    if isinstance(node, exp.Var | exp.Identifier):
        return str(node.this)
    return None


_SUMMARIES = (
    exp.Avg,
    exp.Sum,
    exp.Count,
    exp.CountIf,
    exp.ApproxDistinct,
    exp.Stddev,
    exp.StddevPop,
    exp.StddevSamp,
    exp.Variance,
    exp.VariancePop,
)
"""Aggregates that summarise a column without returning any one person's value."""


def _is_tautology(cond: exp.Expression | None) -> bool:
    """True for conditions every row satisfies: 1=1, 'a'='a', x=x, … OR TRUE, WHERE 1."""
    if cond is None:
        return False
    if isinstance(cond, exp.Where | exp.Paren):
        return _is_tautology(cond.this)
    if isinstance(cond, exp.Or):
        return _is_tautology(cond.this) or _is_tautology(cond.expression)
    if isinstance(cond, exp.And):
        return _is_tautology(cond.this) and _is_tautology(cond.expression)
    if isinstance(cond, exp.Not):
        inner = cond.this.this if isinstance(cond.this, exp.Paren) else cond.this
        return isinstance(inner, exp.Boolean) and not inner.this
    return _always_true(cond)


def _always_true(cond: exp.Expression) -> bool:
    """A condition with no AND/OR/NOT in it that holds for every row."""
    if isinstance(cond, exp.Boolean):
        return bool(cond.this)
    if isinstance(cond, exp.Literal):
        if cond.is_string:
            return False
        try:
            return float(cond.this) != 0
        except ValueError:
            return False
    if isinstance(cond, exp.EQ | exp.GTE | exp.LTE | exp.NullSafeEQ):
        return cond.this == cond.expression and not cond.this.find(exp.Anonymous, exp.Rand)
    if isinstance(cond, exp.NEQ | exp.GT | exp.LT):
        return _literals_compare_true(cond)
    if isinstance(cond, exp.Like):
        pattern = cond.expression
        return isinstance(pattern, exp.Literal) and pattern.is_string and set(pattern.this) <= {"%"}
    return False


def _literals_compare_true(cond: exp.NEQ | exp.GT | exp.LT) -> bool:
    """`1 <> 2`, `2 > 1`, `'a' <> 'b'`: two literals of one kind whose comparison holds."""
    a, b = cond.this, cond.expression
    if not (
        isinstance(a, exp.Literal) and isinstance(b, exp.Literal) and a.is_number == b.is_number
    ):
        return False
    try:
        x, y = (float(a.this), float(b.this)) if a.is_number else (a.this, b.this)
    except ValueError:
        return False
    if isinstance(cond, exp.NEQ):
        return bool(x != y)
    return bool(x > y) if isinstance(cond, exp.GT) else bool(x < y)


_MAX_BATCH = 10_000
"""A `LIMIT` this small caps one run of a maintenance batch: a bounded change."""


# Rows already expired by their own clock (`expires_at < now()`): a TTL's housekeeping.
_EXPIRED = re.compile(
    r"(?i)\b\w*(?:expir|ttl|valid_?until)\w*\s*<=?\s*(?:now\(\s*\)|current_timestamp|"
    r"current_date|getdate\(\s*\)|getutcdate\(\s*\)|sysdate|systimestamp|localtimestamp)"
)


def _ranged(cond: exp.Expression) -> bool:
    """The condition picks rows by a range or threshold (dates, amounts, scores), and not
    only rows that have already expired."""
    found = cond.find(exp.LT, exp.LTE, exp.GT, exp.GTE, exp.Between) is not None
    return found and not _EXPIRED.search(cond.sql())


def _capped(node: exp.Delete | exp.Update) -> bool:
    limit = node.args.get("limit")
    value = limit.expression if isinstance(limit, exp.Limit) else None
    return isinstance(value, exp.Literal) and value.is_int and int(value.this) <= _MAX_BATCH


def _bare(value: exp.Expression) -> bool:
    """An unquoted UUID or hex value (`7f3c2a10-5b9e-…`, as CQL writes one), which the
    parser reads as a subtraction of columns named by digits: one value, not a column."""
    names = [c.name for c in value.find_all(exp.Column)]
    return (
        isinstance(value, exp.Sub | exp.Column)
        and bool(names)
        and all(n[:1].isdigit() for n in names)
        and value.find(exp.Subquery, exp.Select) is None
    )


def _is_key_lookup(cond: exp.Expression) -> bool:
    """True when the condition picks particular rows: `id = 7`, `email = 'x'`, `id IN (1, 2)`,
    ANDed with anything, or ORs of such lookups. Ranges, thresholds and subqueries are not."""
    if isinstance(cond, exp.Paren):
        return _is_key_lookup(cond.this)
    if isinstance(cond, exp.And):
        return _is_key_lookup(cond.this) or _is_key_lookup(cond.expression)
    if isinstance(cond, exp.Or):
        return _is_key_lookup(cond.this) and _is_key_lookup(cond.expression)
    if isinstance(cond, exp.EQ):
        col, value = cond.this, cond.expression
        if isinstance(value, exp.Column) and not isinstance(col, exp.Column):
            col, value = value, col
        return (
            isinstance(col, exp.Column)
            and bool(_KEY_COLUMN.fullmatch(col.name or ""))
            and (isinstance(value, exp.Literal | exp.Placeholder | exp.Parameter) or _bare(value))
        )
    if isinstance(cond, exp.In):
        values = cond.expressions
        return (
            isinstance(cond.this, exp.Column)
            and bool(_KEY_COLUMN.fullmatch(cond.this.name or ""))
            and 0 < len(values) <= _MAX_KEY_LIST
            and all(isinstance(v, exp.Literal | exp.Placeholder | exp.Parameter) for v in values)
        )
    return False


class _Sources:
    """What each name in a query scope stands for: alias or table name → the real table,
    None for a subquery or a CTE."""

    def __init__(self, ctes: set[str]) -> None:
        self.ctes = ctes
        self.scopes: dict[int, dict[str, str | None]] = {}

    def real(self, t: exp.Table) -> str | None:
        name = _table_name(t)
        if not name or (not t.db and name in self.ctes):
            return None
        return name

    def of(self, scope: exp.Expression) -> dict[str, str | None]:
        key = id(scope)
        if key not in self.scopes:
            self.scopes[key] = self._read(scope)
        return self.scopes[key]

    def _read(self, scope: exp.Expression) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for node in _scope_sources(scope):
            if isinstance(node, exp.Table):
                name = self.real(node)
                found[node.alias_or_name.lower()] = name
                if name:
                    found.setdefault(name, name)
                    found.setdefault(name.rsplit(".", 1)[-1], name)
            elif isinstance(node, exp.Expression):
                found[node.alias_or_name.lower()] = None
        return found


def _scope_sources(scope: exp.Expression) -> list[exp.Expression]:
    """What a SELECT/UPDATE/DELETE reads from: its target, FROM, USING and JOINs."""
    nodes: list[exp.Expression] = []
    if isinstance(scope, exp.Update | exp.Delete) and isinstance(scope.this, exp.Table):
        nodes.append(scope.this)
    frm = scope.args.get("from_") or scope.args.get("from")
    if isinstance(frm, exp.From):
        nodes.append(frm.this)
    using = scope.args.get("using")
    if isinstance(using, list):
        nodes.extend(using)
    nodes.extend(j.this for j in scope.args.get("joins") or [])
    return nodes


def _grant_parts(clean: str) -> tuple[str, str, str] | None:
    """GRANT <what> [ON <object>] TO <grantees> [WITH … OPTION] → (what, object, grantees),
    split with plain string search."""
    low = clean.lower()
    to_at = low.rfind(" to ")
    if not low.startswith("grant ") or to_at < 6:
        return None
    head = clean[6:to_at].strip()
    to = _GRANT_OPTION.sub("", clean[to_at + 4 : to_at + 1004]).strip()
    on_at = head.lower().find(" on ")
    what, on = (head[:on_at], head[on_at + 4 :].strip()) if on_at >= 0 else (head, "")
    if not what or not to:
        return None
    return what, on, to


class SqlDetector:
    """Assess SQL text; build once, call `assess` many times (it keeps no state)."""

    def __init__(
        self, pii_lookup: PiiLookup | None = None, company_domains: Sequence[str] = ()
    ) -> None:
        self._pii = pii_lookup or (lambda _name: None)
        self._domains = tuple(d.lower().lstrip("@") for d in company_domains)

    # -- public -----------------------------------------------------------------------------

    def assess(self, text: str) -> SqlResult:
        result = SqlResult()
        with budget(keep=True):  # an assessment's own budget when there is one
            for stmt in split_statements(text):
                if not take_statement():  # past the statements read: held, not passed
                    result.parse_failed = True
                    result.findings += self.unread(stmt)
                    break
                self._statement(stmt, result)
        self._pii_findings(result)
        return result

    def unread(self, text: str, *, again: bool = False) -> list[Finding]:
        """SQL past the assessment's budget (`sql_budget`), left unread: the one
        `sql.too_long` finding of the assessment when it is the first (or `again`), else
        none."""
        if not first_unread() and not again:
            return []
        found = SqlResult()
        statements = split_statements(text)
        self._add(found, "sql.too_long", "", _clean(statements[0]) if statements else text)
        return found.findings

    # -- one statement ----------------------------------------------------------------------

    def _statement(self, stmt: str, result: SqlResult) -> None:
        local = SqlResult()
        self._one(stmt, local)
        self._judge_exports(local)
        result.findings += local.findings
        result.locations += local.locations
        result.schemas += local.schemas
        result.bulk_writes += local.bulk_writes
        result.parse_failed = result.parse_failed or local.parse_failed
        for name, use in local.tables.items():
            into = result.use(name)
            into.columns |= use.columns
            into.read |= use.read
            into.whole_rows = into.whole_rows or use.whole_rows
            into.star = into.star or use.star

    def _judge_exports(self, local: SqlResult) -> None:
        if not local.exports:
            return
        sensitive: list[str] = []
        for name, use in local.tables.items():
            pii = self._pii(name)
            if use.star:
                if pii is None and not reference_table(name):
                    sensitive.append(f"every column of {name}")
                elif pii:
                    sensitive.append(f"{name} ({', '.join(pii)})")
                continue
            known = {p.lower() for p in pii} if pii is not None else COMMON_PII_COLUMNS
            hits = sorted(use.read & known)
            if hits:
                sensitive.append(f"{name} ({', '.join(hits)})")
        if not local.tables:
            sensitive.append("data the parser could not resolve")
        for dest, evidence in local.exports:
            if sensitive:
                self._add(local, "sql.export", dest, evidence, data="; ".join(sensitive))
            else:
                self._add(local, "sql.export_summary", dest, evidence)
        local.exports.clear()

    def _one(self, stmt: str, result: SqlResult) -> None:
        clean = _clean(stmt)
        if not clean:
            return
        m = _EXPLAIN.match(clean)
        if m:
            # EXPLAIN ANALYZE runs the statement to time it: a write explained is a write done.
            if _ANALYZE.search(m.group("opts")) and not _ANALYZE_OFF.search(m.group("opts")):
                self._one(m.group("rest"), result)
            return
        if self._raw(clean, result):
            return
        try:
            tree = self._parse(clean)
        except _OverBudget:  # not read, so not passed: a person looks at it
            result.parse_failed = True  # bare words that only looked like SQL: prose too
            if first_unread():
                self._add(result, "sql.too_long", "", clean)
            return
        if tree is None:
            if _DANGEROUS_WORD.search(clean) and not _SAFE_RAW.match(clean):
                result.parse_failed = True
                self._add(result, "sql.unparsed", "", clean)
            return
        if isinstance(tree, exp.Command):
            if (
                not self._raw(clean, result, fallback=True)
                and _DANGEROUS_WORD.search(clean)
                and not _SAFE_RAW.match(clean)
            ):
                result.parse_failed = True
                self._add(result, "sql.unparsed", "", clean)
            return
        self._tree(tree, clean, result)

    def _parse(self, clean: str) -> exp.Expression | None:
        dialects = self._dialects(clean)
        if len(clean) > _MULTI_DIALECT_MAX:  # each retry costs a full parse: long ones get one
            dialects = dialects[:1]
        for dialect in dialects:
            if not spend(len(clean)):
                raise _OverBudget
            try:
                trees = _parse_in(dialect, clean)
            except SqlglotError:
                continue
            except (ValueError, TypeError, RecursionError, AttributeError, KeyError):
                continue
            parsed = [t for t in trees if isinstance(t, exp.Expression)]
            if len(parsed) == 1:
                return parsed[0]
        return None

    @staticmethod
    def _dialects(clean: str) -> Sequence[str]:
        low = clean[:200].lower()
        if "`" in clean:
            return ("mysql", "bigquery", "databricks", "postgres", "snowflake")
        if "[" in clean or " top " in low or " top(" in low or "dbo." in low:
            return ("tsql", "postgres", "snowflake", "mysql")
        if low.startswith("export data"):
            return ("bigquery",)
        if low.startswith("copy into") or " share " in low or "@" in clean:
            return ("snowflake", "postgres", "mysql", "bigquery")
        return DIALECTS

    # -- statements sqlglot does not model ------------------------------------------------------

    def _raw(self, clean: str, result: SqlResult, *, fallback: bool = False) -> bool:
        """Statements read with our own patterns (`_RAW_READERS`, by first word). Returns
        True when fully handled."""
        for read in _RAW_READERS.get(clean.lower().split(" ", 1)[0], ()):
            handled = read(self, clean, result, fallback)
            if handled is not None:
                return handled
        return False

    # Each reader: True when it handled the statement, False when no later one may, None
    # when it is not this reader's statement.

    def _raw_xp_cmdshell(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _XP_CMDSHELL.match(clean)
        if not m:
            return None
        target = m.group("c") or "xp_cmdshell switched on"
        self._add(result, "sql.copy_program", target.strip("'")[:60], clean)
        return True

    def _raw_history_off(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _HISTORY_OFF.match(clean)
        if not m:
            return None
        target = next((g for g in m.groups() if g), "recovery history")
        self._add(result, "sql.history_off", _unquote(target), clean)
        return True

    def _raw_share_accounts(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _SHARE_ACCOUNTS.match(clean)
        if not m:
            return None
        self._add(result, "sql.grant_to_share", f"share {m.group('s')}", clean)
        return True

    def _raw_masking_off(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _MASKING_OFF.match(clean)
        if not m:
            return None
        if m.group("t"):
            table = _unquote(m.group("t"))
            result.use(table).columns.add(_unquote(m.group("c")))
            target = f"{table}.{_unquote(m.group('c'))}"
        else:
            target = f"every column using {m.group('p')}"
        self._add(result, "sql.masking_off", target, clean)
        return True

    def _raw_get_stage(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _GET_STAGE.match(clean)
        if not m:
            return None
        result.locations.append(m.group("dest"))
        result.exports.append((m.group("dest"), clean))
        return True

    def _raw_audit_off(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _AUDIT_OFF.match(clean)
        if not m:
            return None
        target = next((g for g in m.groups() if g), "audit logging").strip()
        self._add(result, "sql.audit_off", target[:60], clean)
        return True

    def _raw_grant_statement(self, clean: str, result: SqlResult, _fallback: bool) -> bool:
        return self._raw_grant(clean, result)

    def _raw_revoke(self, clean: str, result: SqlResult, _fallback: bool) -> bool:
        self._add(result, "sql.grant", clean[6:60].strip(), clean)
        return True

    def _raw_rls_off(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _RLS_OFF.match(clean) or _UNSET_ROW_ACCESS.match(clean)
        if not m:
            return None
        table = _unquote(m.group("t"))
        result.use(table)
        self._add(result, "sql.disable_rls", table, clean)
        return True

    def _raw_drop_policy(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _DROP_POLICY.match(clean)
        if not m:
            return None
        table = _unquote(m.group("t") or "") or "a table"
        if m.group("t"):
            result.use(table)
        self._add(result, "sql.disable_rls", table, clean)
        return True

    def _raw_role(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _ROLE_STMT.match(clean)
        if not m:
            return None
        name = _unquote(m.group("name"))
        rest = m.group("rest")
        verb, kind = m.group("verb").lower(), m.group("kind").lower()
        if _PRIVILEGED_OPTS.search(rest) and not _NEG_PRIV.search(rest):
            self._add(result, "sql.privileged_role", name, clean)
        elif (
            verb == "drop"
            or (verb == "create" and kind in ("user", "login"))
            or _LOGIN_CHANGE.search(rest)
        ):
            self._add(result, "sql.role_change", name, clean)
        return True

    def _raw_ddl_rest(self, clean: str, result: SqlResult, fallback: bool) -> bool:
        """The last word on CREATE/ALTER/DROP: a DROP sqlglot could not parse, or nothing."""
        m = _DROP_KIND.match(clean) if fallback and clean[:4].lower() == "drop" else None
        if m:
            self._drop(m.group("kind").upper(), [_unquote(m.group("t"))], clean, result)
            return True
        return False

    def _raw_row_security_off(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        if not _ROW_SECURITY_OFF.match(clean):
            return None
        self._add(result, "sql.disable_rls", "this session", clean)
        return True

    def _raw_unload(self, clean: str, result: SqlResult, _fallback: bool) -> bool:
        m = _UNLOAD.match(clean)
        if not m:
            return False
        dest = m.group(2)
        result.locations.append(dest)
        result.exports.append((dest, clean))
        self._statement(m.group(1).replace("''", "'"), result)
        return True

    def _raw_copy_program(self, clean: str, result: SqlResult, _fallback: bool) -> bool:
        m = _COPY_PROGRAM.match(clean)
        if not m:
            return False
        program = m.group(1).strip("'")
        self._add(result, "sql.copy_program", program[:60], clean)
        tree = self._parse(clean)
        if tree is not None:
            self._collect_tables(tree, result, whole_rows=True)
        return True

    def _raw_outfile(self, clean: str, result: SqlResult, _fallback: bool) -> bool | None:
        m = _OUTFILE.search(clean)
        if not m:
            return None
        dest = m.group(1).strip("'\"")
        result.locations.append(dest)
        result.exports.append((dest, clean))
        rest = _OUTFILE_TAIL.sub(" ", clean)
        tree = self._parse(rest)
        if tree is not None:
            self._tree(tree, rest, result)
        return True

    def _raw_grant(self, clean: str, result: SqlResult) -> bool:
        parts = _grant_parts(clean)
        if parts is None:
            return False
        what, on, to = parts
        schema_wide = _ALL_TABLES.search(on) or _FUTURE.search(on)
        target = on or what
        if on and not schema_wide and re.match(r"^(?:table\s+)?[\w.\"`]+$", on, re.I):
            on_obj = re.sub(
                r"^(?:table|view|schema|database|all\s+tables\s+in\s+schema|"
                r"future\s+tables\s+in\s+schema)\s+",
                "",
                on,
                flags=re.I,
            )
            result.use(_unquote(on_obj))
        findings = self._grantee_findings(to, target)
        if schema_wide:
            result.schemas.append(_unquote(schema_wide.group(2)))
            findings.append(("sql.grant_schema_wide", schema_wide.group(2)))
        if (not on and _ADMIN_ROLES.match(what)) or (on and _ADMIN_PRIV.search(what)):
            findings.append(("sql.grant_admin", _unquote(to)))
        for rule, where in findings or [("sql.grant", target)]:
            self._add(result, rule, where, clean)
        return True

    def _grantee_findings(self, to: str, target: str) -> list[tuple[str, str]]:
        """(rule, target) for a grant to a share, to everyone, or to people outside."""
        out: list[tuple[str, str]] = []
        share = _TO_SHARE.match(to)
        if share:
            out.append(("sql.grant_to_share", f"{target} (share {share.group(1)})"))
        if _PUBLIC.search(to) or _EVERYONE.search(to):
            out.append(("sql.grant_public", target))
        outsiders = [
            m.group(0)
            for m in _EMAIL.finditer(to)
            if not any(
                m.group(1).lower() == d or m.group(1).lower().endswith("." + d)
                for d in self._domains
            )
        ]
        if outsiders:
            out.append(("sql.grant_external", f"{target} ({', '.join(outsiders)})"))
        return out

    # -- statements with a syntax tree ----------------------------------------------------------

    def _tree(self, tree: exp.Expression, clean: str, result: SqlResult) -> None:
        """A parsed statement: the first reader in `_TREE_READERS` for its kind that takes it,
        else the tables and columns it touches."""
        for kinds, read in _TREE_READERS:
            if isinstance(tree, kinds) and read(self, tree, clean, result):
                return
        self._collect(tree, result)
        # A CTE whose body deletes or updates (`WITH gone AS (DELETE … RETURNING *) SELECT …`)
        for node in tree.find_all(exp.Delete, exp.Update):
            if isinstance(node, exp.Delete | exp.Update):
                self._write(node, clean, result)

    # Each tree reader returns True when it has judged the statement.

    def _tree_drop(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        kind = str(tree.args.get("kind") or "TABLE").upper()
        names = []
        for t in tree.find_all(exp.Table):
            name = _table_name(t) or (t.db.lower() if t.db else None)
            if name:
                names.append(name)
        self._drop(kind, names, clean, result)
        return True

    def _tree_truncate(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        names = self._collect_tables(tree, result, whole_rows=True)
        self._add(result, "sql.truncate", ", ".join(names) or "a table", clean)
        return True

    def _tree_alter(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        table = tree.this
        name = _table_name(table) if isinstance(table, exp.Table) else None
        if name:
            result.use(name)
        if any(isinstance(a, exp.Drop) for a in tree.args.get("actions") or []):
            if name:
                result.use(name).whole_rows = True
            self._add(result, "sql.alter_drop", name or "a table", clean)
        return True

    def _tree_write(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        self._collect(tree, result)
        self._write(cast(exp.Delete | exp.Update, tree), clean, result)
        return True

    def _tree_replace(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        if not self._replaces(tree):
            return False
        names = self._collect_tables(tree.this, result, whole_rows=True)
        self._add(result, "sql.replace_table", ", ".join(names) or "a table", clean)
        self._collect(tree, result)
        return True

    def _tree_merge(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        self._collect(tree, result)
        self._merge(cast(exp.Merge, tree), clean, result)
        return True

    def _tree_grant(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        self._grant_tree(tree, clean, result)
        return True

    def _tree_copy(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        self._copy(cast(exp.Copy, tree), clean, result)
        return True

    def _tree_export(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        opts = _EXPORT_URI.search(clean)
        dest = (opts.group(1) or opts.group(2)) if opts else "an external location"
        result.locations.append(dest)
        result.exports.append((dest, clean))
        self._collect(tree, result)
        return True

    def _tree_set(self, tree: exp.Expression, clean: str, result: SqlResult) -> bool:
        if not _ROW_SECURITY_OFF.match(clean):
            return False
        self._add(result, "sql.disable_rls", "this session", clean)
        return True

    @staticmethod
    def _replaces(tree: exp.Expression) -> bool:
        """CREATE OR REPLACE TABLE (not a view, not a temporary table) or INSERT OVERWRITE."""
        if isinstance(tree, exp.Insert):
            return bool(tree.args.get("overwrite"))
        return (
            isinstance(tree, exp.Create)
            and bool(tree.args.get("replace"))
            and str(tree.args.get("kind") or "").upper() == "TABLE"
            and tree.find(exp.TemporaryProperty) is None
        )

    def _merge(self, tree: exp.Merge, clean: str, result: SqlResult) -> None:
        """MERGE … WHEN MATCHED THEN DELETE/UPDATE: rows picked by a join, never by key."""
        target = tree.this
        name = _table_name(target) if isinstance(target, exp.Table) else None
        whens = tree.args.get("whens")
        writes = [
            w
            for w in (whens.expressions if whens is not None else [])
            if isinstance(w.args.get("then"), exp.Update)
            or str(w.args.get("then") or "").upper() == "DELETE"
        ]
        fields = self._pii(name) if name else None
        if writes and fields:
            self._add(result, "sql.bulk_change_pii", f"{name} ({', '.join(fields)})", clean)

    def _write(self, node: exp.Delete | exp.Update, clean: str, result: SqlResult) -> None:
        """DELETE/UPDATE: every row, or many rows of a table that holds personal data."""
        target = node.this
        name = _table_name(target) if isinstance(target, exp.Table) else None
        if name and isinstance(node, exp.Delete):
            result.use(name).whole_rows = True
        where = node.args.get("where")
        joined = isinstance(target, exp.Table) and bool(target.args.get("joins"))
        if joined and where is None:  # T-SQL `DELETE o FROM orders o JOIN …`: the join filters
            fields = self._pii(name) if name else None
            if fields:
                self._add(result, "sql.bulk_change_pii", f"{name} ({', '.join(fields)})", clean)
            return
        if where is None or _is_tautology(where):
            rule = "sql.delete_all" if isinstance(node, exp.Delete) else "sql.update_all"
            self._add(result, rule, name or "a table", clean)
            return
        if _is_key_lookup(where.this):
            return
        fields = self._pii(name) if name else None
        if fields:
            self._add(result, "sql.bulk_change_pii", f"{name} ({', '.join(fields)})", clean)
        elif _ranged(where.this) and not _capped(node):
            self._bulk(node, name, clean, result)

    def _bulk(
        self, node: exp.Delete | exp.Update, name: str | None, clean: str, result: SqlResult
    ) -> None:
        """A range write on a table with no personal data: held when its own name says
        production (`prod.invoices`), else kept for the sentence that gives it."""
        target = node.this
        table = target.sql() if isinstance(target, exp.Table) else name or "a table"
        if names_production(table):
            self._add(result, "sql.bulk_change_prod", table, clean)
        else:
            result.bulk_writes.append((table, clean))

    def _drop(self, kind: str, names: list[str], clean: str, result: SqlResult) -> None:
        target = f"{kind.lower()} {', '.join(names) or ''}".strip()
        if kind in ("DATABASE", "SCHEMA", "DATASET", "SHARE", "WAREHOUSE", "CATALOG", "KEYSPACE"):
            result.schemas.extend(names)
            self._add(result, "sql.drop_database", target, clean)
            return
        if kind in (
            "INDEX",
            "SEQUENCE",
            "FUNCTION",
            "PROCEDURE",
            "TRIGGER",
            "TYPE",
            "STREAM",
            "TASK",
        ):
            return
        for name in names:
            result.use(name).whole_rows = True
        self._add(result, "sql.drop", target, clean)

    def _grant_tree(self, tree: exp.Expression, clean: str, result: SqlResult) -> None:
        privileges = " ".join(p.sql() for p in tree.args.get("privileges") or []).lower()
        principals = [p.sql().lower() for p in tree.args.get("principals") or []]
        securable = tree.args.get("securable")
        kind = str(tree.args.get("kind") or "").lower()
        target = f"{kind} {securable.sql()}".strip() if securable is not None else "an object"
        if isinstance(securable, exp.Table):
            name = _table_name(securable)
            if name and kind in ("", "table", "view"):
                result.use(name)
        if isinstance(tree, exp.Revoke):
            self._add(result, "sql.grant", target, clean)
            return
        flagged = False
        if any(p.split()[-1] == "public" for p in principals if p):
            self._add(result, "sql.grant_public", target, clean)
            flagged = True
        if _ADMIN_PRIV.search(privileges):
            self._add(result, "sql.grant_admin", ", ".join(principals) or "a role", clean)
            flagged = True
        if not flagged:
            self._add(result, "sql.grant", target, clean)

    def _copy(self, tree: exp.Copy, clean: str, result: SqlResult) -> None:
        loading = bool(tree.args.get("kind"))
        target = tree.this
        files = tree.args.get("files") or []
        m = _COPY_INTO_LOCATION.match(clean)
        if m:  # Snowflake: COPY INTO @stage / 'scheme://…' FROM <table or query> is an unload
            dest = m.group(1).strip("'")
            result.locations.append(dest)
            result.exports.append((dest, clean))
            for f in files:
                if isinstance(f, exp.Table):
                    self._collect_tables(f, result, whole_rows=True, star=True)
                else:
                    self._collect(f, result)
            return
        if loading:
            for f in files:
                loc = _location(f)
                if loc:
                    result.locations.append(loc)
            if isinstance(target, exp.Table):
                name = _table_name(target)
                if name:
                    result.use(name)
            return
        dests = [d for d in (_location(f) for f in files) if d]
        dest = dests[0] if dests else "a file"
        whole = isinstance(target, exp.Table)
        self._collect_tables(target, result, whole_rows=whole, star=whole)
        if isinstance(target, exp.Subquery | exp.Select):
            self._collect(target, result)
        if dest.upper() in ("STDOUT", "STDIN"):
            self._add(result, "sql.copy_stdout", self._copy_source(target), clean)
        else:
            result.locations.append(dest)
            result.exports.append((dest, clean))

    @staticmethod
    def _copy_source(target: exp.Expression | None) -> str:
        if isinstance(target, exp.Table):
            return _table_name(target) or "a table"
        return "a query's results"

    # -- tables and columns -----------------------------------------------------------------

    def _collect_tables(
        self,
        tree: exp.Expression | None,
        result: SqlResult,
        *,
        whole_rows: bool = False,
        star: bool = False,
    ) -> list[str]:
        if tree is None:
            return []
        ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
        names = []
        for t in tree.find_all(exp.Table):
            name = _table_name(t)
            if not name or (not t.db and name in ctes):
                continue
            names.append(name)
            use = result.use(name)
            use.whole_rows = use.whole_rows or whole_rows
            use.star = use.star or star
        return names

    def _collect(self, tree: exp.Expression, result: SqlResult) -> None:
        """Every table touched, and each column mapped to the table(s) it can come from."""
        sources = _Sources({c.alias_or_name.lower() for c in tree.find_all(exp.CTE)})
        for t in tree.find_all(exp.Table):
            name = sources.real(t)
            if name:
                result.use(name)
        for sel in tree.find_all(exp.Select):
            for proj in sel.expressions:
                if isinstance(proj, exp.Star):
                    for name in set(sources.of(sel).values()):
                        if name:
                            use = result.use(name)
                            use.whole_rows = use.star = True
        for col in tree.find_all(exp.Column):
            scope = col.find_ancestor(exp.Select, exp.Update, exp.Delete)
            if scope is not None:
                self._collect_column(col, scope, sources.of(scope), result)

    def _collect_column(
        self,
        col: exp.Column,
        scope: exp.Expression,
        srcs: dict[str, str | None],
        result: SqlResult,
    ) -> None:
        qualifier = col.table.lower()
        if qualifier:
            owner = srcs.get(qualifier)
            tables = [owner] if owner else []
        else:
            tables = sorted({v for v in srcs.values() if v})
        if not tables:
            return
        projected = self._is_projection(col, scope) and not col.find_ancestor(*_SUMMARIES)
        if isinstance(col.this, exp.Star):
            for name in tables:
                use = result.use(name)
                use.whole_rows = True
                use.star = use.star or projected
            return
        column = col.name.lower()
        for name in tables:
            use = result.use(name)
            use.columns.add(column)
            if projected:
                use.read.add(column)

    @staticmethod
    def _is_projection(node: exp.Expression, scope: exp.Expression) -> bool:
        if not isinstance(scope, exp.Select):
            return False
        current: exp.Expr = node
        while current.parent is not None and current.parent is not scope:
            current = current.parent
        return current.arg_key == "expressions"

    # -- personal data ----------------------------------------------------------------------

    def _pii_findings(self, result: SqlResult) -> None:
        catalogued: list[str] = []
        guessed: list[str] = []
        sensitive: list[str] = []
        sensitive_risk: Risk = "medium"
        for name, use in result.tables.items():
            pii = self._pii(name)
            if pii is None:
                for column in sorted(use.read):
                    level = sensitive_column_risk(column)
                    if level is not None:
                        sensitive.append(f"{name}.{column}")
                        sensitive_risk = "high" if level == "high" else sensitive_risk
                    elif column in COMMON_PII_COLUMNS:
                        guessed.append(f"{name}.{column}")
                continue
            fields = {p.lower(): p for p in pii}
            hits = sorted(fields) if use.star else sorted(set(fields) & use.read)
            catalogued += [f"{name}.{fields[c]}" for c in hits]
        if catalogued:
            self._add(result, "sql.select_pii", ", ".join(catalogued), ", ".join(catalogued))
        if guessed:
            self._add(result, "sql.select_pii_uncatalogued", ", ".join(guessed), ", ".join(guessed))
        if sensitive:
            text = ", ".join(sensitive)
            self._add(result, "sql.select_sensitive_uncatalogued", text, text, risk=sensitive_risk)

    def _add(
        self,
        result: SqlResult,
        rule_id: str,
        target: str,
        evidence: str,
        data: str = "data",
        risk: Risk | None = None,
    ) -> None:
        rule = RULES_BY_ID[rule_id]
        result.findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                reason=rule.reason.replace("{target}", target or "a table").replace("{data}", data),
                risk=risk or rule.risk,
                verdict=rule.verdict,
                evidence=evidence[:200],
            )
        )


_TreeReader = Callable[[SqlDetector, exp.Expression, str, SqlResult], bool]
_TREE_READERS: tuple[tuple[type | types.UnionType, _TreeReader], ...] = (
    (exp.Drop, SqlDetector._tree_drop),
    (exp.TruncateTable, SqlDetector._tree_truncate),
    (exp.Alter, SqlDetector._tree_alter),
    (exp.Delete | exp.Update, SqlDetector._tree_write),
    (exp.Insert | exp.Create, SqlDetector._tree_replace),
    (exp.Merge, SqlDetector._tree_merge),
    (exp.Grant | exp.Revoke, SqlDetector._tree_grant),
    (exp.Copy, SqlDetector._tree_copy),
    (exp.Export, SqlDetector._tree_export),
    (exp.Set, SqlDetector._tree_set),
)
"""Statement kind → its reader, tried in order."""


_RawReader = Callable[[SqlDetector, str, SqlResult, bool], bool | None]


def _by_head(*rows: tuple[tuple[str, ...], _RawReader]) -> dict[str, tuple[_RawReader, ...]]:
    """First word → its readers, in the order of `rows`."""
    out: dict[str, tuple[_RawReader, ...]] = {}
    for heads, read in rows:
        for head in heads:
            out[head] = (*out.get(head, ()), read)
    return out


_RAW_READERS = _by_head(
    (
        ("exec", "execute", "sp_configure", "xp_cmdshell", "master..xp_cmdshell"),
        SqlDetector._raw_xp_cmdshell,
    ),
    (("alter", "vacuum", "set"), SqlDetector._raw_history_off),
    (("alter", "drop"), SqlDetector._raw_share_accounts),
    (("alter", "drop"), SqlDetector._raw_masking_off),
    (("get",), SqlDetector._raw_get_stage),
    (("alter", "set", "drop", "noaudit", "uninstall"), SqlDetector._raw_audit_off),
    (("grant",), SqlDetector._raw_grant_statement),
    (("revoke",), SqlDetector._raw_revoke),
    (("create", "alter", "drop"), SqlDetector._raw_rls_off),
    (("create", "alter", "drop"), SqlDetector._raw_drop_policy),
    (("create", "alter", "drop"), SqlDetector._raw_role),
    (("create", "alter", "drop"), SqlDetector._raw_ddl_rest),
    (("set",), SqlDetector._raw_row_security_off),
    (("unload",), SqlDetector._raw_unload),
    (("copy",), SqlDetector._raw_copy_program),
    (("select", "with", "("), SqlDetector._raw_outfile),
)
"""Statements sqlglot cannot read (or reads too loosely), by their first word: each
reader in turn until one says True (handled) or False (stop)."""


class _OverBudget(Exception):
    """The assessment's parse budget (`sql_budget`) does not cover this statement."""


def bulk_change_in_production(result: SqlResult, where: str) -> list[Finding]:
    """`sql.bulk_change_prod` for each range DELETE/UPDATE of `result` when `where` (the
    sentence that gives the statement, or the command that runs it: "run this against
    prod-billing:", `psql -h crm-db.prod …`) names production as its target."""
    if not result.bulk_writes or not sentence_names_production(where):
        return []
    rule = RULES_BY_ID["sql.bulk_change_prod"]
    return [
        Finding(
            rule=rule.id,
            category=rule.category,
            reason=rule.reason.replace("{target}", table),
            risk=rule.risk,
            verdict=rule.verdict,
            evidence=statement[:200],
        )
        for table, statement in dict.fromkeys(result.bulk_writes)
    ]


def verify_sql_rules(rules: Sequence[SqlRule] = SQL_RULES) -> None:
    """Run every SQL rule's own examples; a rule that fails them stops start-up."""
    detector = SqlDetector(EXAMPLE_PII.get, company_domains=("example.com",))
    for rule in rules:
        for example in rule.match:
            if rule.id not in {f.rule for f in detector.assess(example).findings}:
                raise ConfigError(
                    f"built-in rule {rule.id}: its example {example!r} should match but does not"
                )
        for example in rule.not_match:
            if rule.id in {f.rule for f in detector.assess(example).findings}:
                raise ConfigError(
                    f"built-in rule {rule.id}: its example {example!r} should not match but does"
                )
