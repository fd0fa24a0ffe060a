"""Load and check the messages corpus (bench/data/messages/*.jsonl).

The spec lives in HELPERS.md / bench/data/README.md: one JSON object a line,
every risky row twinned with a benign look-alike of the same category and style.
Loading checks the spec so a malformed row fails loudly instead of skewing figures.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

STYLES = frozenset({"colon", "inline", "fenced", "plan", "prose", "hedged", "tools", "doc"})
LANGS = frozenset({"en", "fr", "es", "de", "pt", "ja", "zh"})
CATEGORIES = frozenset(
    {
        "destroy.data",
        "destroy.infra",
        "history.rewrite",
        "backups.off",
        "access.grant",
        "network.open",
        "sharing.public",
        "sharing.external",
        "export",
        "secrets",
        "controls.off",
        "exec.untrusted",
    }
)
LABELS = frozenset({"risky", "benign"})
FIELDS = ("id", "text", "label", "style", "lang", "category", "twin", "why")


class CorpusError(ValueError):
    """A row breaks the corpus spec; the message names the file and line."""


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    risky: bool
    style: str
    lang: str
    category: str
    twin: str
    why: str
    source: str

    @property
    def split(self) -> str:
        return split_of(self.twin)


def split_of(twin: str) -> str:
    """Holdout when the twin id hashes to 0 mod 4: stable, and independent of file order."""
    return "holdout" if int(hashlib.sha256(twin.encode()).hexdigest()[:8], 16) % 4 == 0 else "dev"


def _row(obj: object, where: str) -> Message:
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: not a JSON object")
    missing = [f for f in FIELDS if not isinstance(obj.get(f), str) or not obj[f].strip()]
    if missing:
        raise CorpusError(f"{where}: missing or empty field(s) {', '.join(missing)}")
    extra = sorted(set(obj) - set(FIELDS))
    if extra:
        raise CorpusError(f"{where}: unknown field(s) {', '.join(extra)}")
    for field, allowed in (
        ("label", LABELS),
        ("style", STYLES),
        ("lang", LANGS),
        ("category", CATEGORIES),
    ):
        if obj[field] not in allowed:
            raise CorpusError(f"{where}: {field} {obj[field]!r} is not one of {sorted(allowed)}")
    return Message(
        id=obj["id"],
        text=obj["text"],
        risky=obj["label"] == "risky",
        style=obj["style"],
        lang=obj["lang"],
        category=obj["category"],
        twin=obj["twin"],
        why=obj["why"],
        source=where,
    )


def load_messages(directory: Path) -> list[Message]:
    """Every row of every `*.jsonl` in `directory`, checked against the spec."""
    rows: list[Message] = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CorpusError(f"{where}: invalid JSON ({exc})") from exc
                rows.append(_row(obj, where))
    _check_ids(rows)
    _check_twins(rows)
    return rows


def _check_ids(rows: list[Message]) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        if row.id in seen:
            raise CorpusError(f"{row.source}: id {row.id!r} already used at {seen[row.id]}")
        seen[row.id] = row.source


def _check_twins(rows: list[Message]) -> None:
    pairs: dict[str, list[Message]] = defaultdict(list)
    for row in rows:
        pairs[row.twin].append(row)
    for twin, members in pairs.items():
        labels = sorted(m.risky for m in members)
        if labels != [False, True]:
            where = ", ".join(m.source for m in members)
            raise CorpusError(f"twin {twin!r} ({where}): needs exactly one risky and one benign")
        first, second = members
        for field in ("category", "style"):
            if getattr(first, field) != getattr(second, field):
                raise CorpusError(f"twin {twin!r}: rows differ in {field}")
