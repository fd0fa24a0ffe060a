"""Names in prose the data catalog may know: #channels, document and bucket URLs,
tables and datasets after verbs like share/export/grant."""

from __future__ import annotations

import re

from bot.risk.clause import after_in_clause
from bot.risk.prose.text import compile_lower as _re
from bot.risk.prose.text import sentences as _sentences

__all__ = ["resources"]

# Resource patterns run on the lower-cased text; names are sliced from the original.
_URL = _re(r"\bhttps?://[^\s<>\"'`)\]|]+")
_STORAGE_URI = _re(r"\b(?:s3|gs|az|abfss?|wasbs?|r2)://[a-z0-9][a-z0-9._\-]*(?:/[^\s'\"`),;|]*)?")
_BUCKET_FLAG = _re(r"--bucket[= ]+([a-z0-9][a-z0-9.\-]{2,62})\b")
_CHANNEL = _re(r"(?<![\w&/#:])#([a-z0-9][a-z0-9._\-]{0,79})")
_RESOURCE_VERB = _re(
    r"\b(?:share|export|grant|unload|extract|dump|download|copy|sync|publish|expose|connected\s+sheets"
    r"|send|upload|email|query|pull|invite)\b"
)
_BACKTICK_NAME = _re(r"`([a-z_][\w.:\-]*[\w])`")
_NAMED_TABLE = _re(
    r"\bthe\s+[`*]?([a-z_][\w.]*)[`*]?\s+(?:table|dataset|schema|collection|database|view|bucket)\b"
)
# `grant … on NAME` in one statement, read by `after_in_clause` (the single regex
# `grant[^;\n]*?on …` is quadratic on a line that repeats "grant")
_GRANT = _re(r"\bgrant\b")
_ON_NAME = _re(
    r"\bon\s+(?:table\s+|schema\s+|database\s+|all\s+tables\s+in\s+schema\s+)?"
    r"[`\"]?([\w.\-*]+)"
)
_STATEMENT_END = re.compile(r"[;\n]")
_BQ_ID = _re(r"\b[a-z][\w\-]*:([a-z_]\w*\.[a-z_]\w*)\b")
_NOT_RESOURCE = frozenset(["it", "them", "this", "that", "the", "a", "an", "table", "data", "all"])


def _trim(value: str) -> str:
    return value.rstrip(".,;:!?*_)'\"")


def resources(text: str, lowered: str) -> list[str]:
    """Resource names found in `text` (`lowered` is its same-length lower-case)."""
    found = [*_addressed(text, lowered), *_named_after_verbs(text, lowered)]
    return list(dict.fromkeys(name for name in found if name and "@" not in name))


def _addressed(text: str, lowered: str) -> list[str]:
    """Names with their own syntax: URIs, URLs, `--bucket`, #channels, `grant … on X`,
    BigQuery `project:dataset.table`."""
    found: list[str] = []

    def span(m: re.Match[str], group: int = 0) -> str:
        return text[m.start(group) : m.end(group)]

    if "://" in text:
        found.extend(_trim(span(m)) for m in _STORAGE_URI.finditer(lowered))
        found.extend(_trim(span(m)) for m in _URL.finditer(lowered))
    if "--bucket" in lowered:
        found.extend(f"s3://{span(m, 1)}" for m in _BUCKET_FLAG.finditer(lowered))
    if "#" in text:
        names = (_trim(span(m, 1)) for m in _CHANNEL.finditer(lowered))
        found.extend(f"#{name}" for name in names if name and not name.isdigit())
    if "grant" in lowered:
        found.extend(
            span(m, 1).strip('`"')
            for m in after_in_clause(_GRANT, "on", _ON_NAME, _STATEMENT_END, lowered)
        )
    if ":" in text:
        found.extend(span(m, 1) for m in _BQ_ID.finditer(lowered))
    return found


def _named_after_verbs(text: str, lowered: str) -> list[str]:
    """`backticked` names and "the X table" after share/export/grant/… in a sentence."""
    found: list[str] = []
    if not (("`" in text or " the " in lowered) and _RESOURCE_VERB.search(lowered)):
        return found
    for s in _sentences(lowered):
        v = _RESOURCE_VERB.search(s.text)
        if v is None:
            continue
        offset = s.start + v.start()
        tail = s.text[v.start() :]
        for m in _BACKTICK_NAME.finditer(tail):
            name = text[offset + m.start(1) : offset + m.end(1)]
            if _plausible(name):
                found.append(name)
        for m in _NAMED_TABLE.finditer(tail):
            if m.group(1) not in _NOT_RESOURCE:
                found.append(text[offset + m.start(1) : offset + m.end(1)])
    return found


def _plausible(name: str) -> bool:
    return (
        name.lower() not in _NOT_RESOURCE
        and ("." in name or "_" in name or name.islower())
        and len(name) <= 120
    )
