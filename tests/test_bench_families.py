"""`bench/families.py` counts recall and false alarms per tool family from a side table."""

from __future__ import annotations

from bench.families import family_table
from bench.messages import Message


def _row(twin: str, risky: bool, text: str) -> Message:
    return Message(
        id=f"{twin}-{risky}",
        text=text,
        risky=risky,
        style="tools",
        lang="en",
        category="destroy.data",
        twin=twin,
        why="w",
        source="x.jsonl",
    )


def test_family_table_counts_caught_risky_rows_and_flagged_benign_rows_per_family() -> None:
    rows = [
        _row("a", True, "held"),
        _row("a", False, "held"),
        _row("b", True, "allowed"),
        _row("b", False, "allowed"),
        _row("c", True, "held"),
        _row("c", False, "allowed"),
    ]
    table = family_table(rows, {"a": "aws", "b": "aws"}, lambda text: text == "held")
    assert table == {"aws": [2, 1, 2, 1], "(none)": [1, 1, 1, 0]}
