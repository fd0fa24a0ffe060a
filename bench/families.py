"""Recall and false alarms per tool family for a messages file whose twins are mapped to a
family in a side table (the corpus spec has no `tool` field, so the map lives beside it,
e.g. `bench/data/tools5-families.json`: twin id → family).

    PYTHONPATH=$PWD .venv/bin/python bench/families.py \
        bench/data/messages/tools5-fresh.jsonl bench/data/tools5-families.json

Prints a Markdown table (family, pairs, caught/risky, alarms/benign), aggregates only: no
row is listed, so holdout rows stay unread.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.messages import Message, load_messages  # noqa: E402


def family_table(
    rows: Iterable[Message], families: dict[str, str], flagged: Callable[[str], bool]
) -> dict[str, list[int]]:
    """Per family: [risky, caught, benign, alarms]. A twin with no family is `(none)`."""
    table: dict[str, list[int]] = {}
    for row in rows:
        counts = table.setdefault(families.get(row.twin, "(none)"), [0, 0, 0, 0])
        hit = flagged(row.text)
        if row.risky:
            counts[0] += 1
            counts[1] += hit
        else:
            counts[2] += 1
            counts[3] += hit
    return table


def main() -> int:
    from bot.config import EXAMPLE_CONFIG
    from bot.config_file import load_config
    from bot.risk.engine import RiskEngine

    messages, side = Path(sys.argv[1]), Path(sys.argv[2])
    engine = RiskEngine(load_config(EXAMPLE_CONFIG))
    folder = messages if messages.is_dir() else messages.parent
    rows = [r for r in load_messages(folder) if messages.is_dir() or r.id in _ids(messages)]
    table = family_table(
        rows, json.loads(side.read_text()), lambda t: engine.assess(t).decision != "allow"
    )
    print("| tool family | pairs | recall | false alarms |\n| --- | --- | --- | --- |")
    for family in sorted(table):
        risky, caught, benign, alarms = table[family]
        print(f"| {family} | {risky} | {caught}/{risky} | {alarms}/{benign} |")
    return 0


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.read_text().splitlines() if line.strip()}


if __name__ == "__main__":
    sys.exit(main())
