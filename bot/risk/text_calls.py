"""Tool calls written into a message as code: `github.update_repo({"private": false})`,
`okta.update_policy(policy="MFA", factor_required=False)`, `terraform.apply(destroy=True)`.

An agent narrating its next step often prints the call it is about to make. Read as
text, its keyword values carry no command; read as a call, its arguments say what they
say of a structured one (`calls.argument_findings`: something made public or not
private, a security control set to false, a destroy flag set). The name alone is not
judged here: code in a message names `shutil.rmtree(…)` or `df.to_sql(…)` routinely.
Only literal arguments are read (`ast.literal_eval`, JSON `true`/`false`/`null`), never
code; a call whose arguments are not literals is left to the other readers.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

from bot.risk.calls import ToolCall
from bot.risk.spans import reported

MAX_CALLS = 20
MAX_ARGS_CHARS = 4000
SCAN_BUDGET = 20_000
"""Characters the argument scans may read in one text: `a_b(` repeated over 64 KB must not
cost a scan each. Past it no more calls are read (the other readers still read the text)."""

# A dotted or snake_case name right before `(`: `github.update_repo(`, `delete_bucket(`,
# or a CamelCase class built with keyword arguments (two capitals and a lower-case
# letter): `BashOperator(`, `SSHOperator(`.
# A bare English word before a parenthesis ("see (below)") has neither a dot, `_` nor an
# inner capital.
_CALL_HEAD = re.compile(
    r"(?<![\w.$])(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[a-z]\w*_\w+"
    r"|[A-Z][a-z0-9]+[A-Z]\w*|[A-Z]{2,}[a-z]\w*)\("
)
_JSON_WORDS = re.compile(r"\b(?:true|false|null)\b")


def text_calls(text: str) -> list[ToolCall]:
    """Calls with literal keyword (or one mapping) arguments found anywhere in `text`; a
    call its own clause warns against or reports ("don't call …", "we ran …") is left out."""
    if "(" not in text or ("=" not in text and "{" not in text):
        return []
    out: list[ToolCall] = []
    budget = SCAN_BUDGET
    for m in _CALL_HEAD.finditer(text):
        if budget <= 0:
            break
        body = _balanced(text, m.end(), min(MAX_ARGS_CHARS, budget))
        budget -= MAX_ARGS_CHARS if body is None else len(body) + 1
        if body is None or ("=" not in body and "{" not in body):
            continue
        args = _arguments(body)
        if args and not reported(text[max(0, m.start() - 120) : m.start()]):
            out.append(ToolCall(m.group("name"), args))
            if len(out) >= MAX_CALLS:
                break
    return out


def _balanced(text: str, start: int, limit: int) -> str | None:
    """The text between `(` (just before `start`) and its closing `)`, strings skipped;
    None when it does not close within `limit` characters."""
    depth = 1
    quote = ""
    stop = min(len(text), start + limit)
    i = start
    while i < stop:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return text[start:i]
        i += 1
    return None


def _literal(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _arguments(body: str) -> dict[str, Any]:
    """Keyword arguments (`a=1, b="x"`) or one mapping argument (`{"a": 1}`), literals only."""
    source = _JSON_WORDS.sub(lambda w: {"true": "True", "false": "False"}.get(w[0], "None"), body)
    try:
        tree = ast.parse(f"f({source})", mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return _json_mapping(body)
    call = tree.body
    if not isinstance(call, ast.Call):
        return {}
    args: dict[str, Any] = {}
    for kw in call.keywords:
        if kw.arg is not None:
            value = _literal(kw.value)
            if value is not None:
                args[kw.arg] = value
    if not args and len(call.args) == 1:
        value = _literal(call.args[0])
        if isinstance(value, dict):
            args = {str(k): v for k, v in value.items()}
    return args


def _json_mapping(body: str) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}
