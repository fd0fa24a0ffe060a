"""`after_in_clause` finds what the quadratic `anchor[^stops]*?target` regex finds."""

from __future__ import annotations

import random
import re

import pytest

from bot.risk.clause import after_in_clause
from tests.growth import assert_linear

_VALUE = r"""(?:'([^'\n]+)'|"([^"\n]+)"|([^\s'"`]+))"""
CASES = [
    # (anchor, head, target, stop characters, alphabet of pieces the random texts are made of)
    (
        r"\bmysql(?:dump|admin|sh)?\b",
        "-p",
        r"(?<=\s)-p" + _VALUE,
        r"\n|;&",
        ["mysql", "mysqldump", "mysqlx", "-p", "-pX", "-p'", "'", '"', "x", ";", "|", "&", "\n"],
    ),
    (
        r"\b(?:docker|helm\s+registry)\s+login\b",
        "-p",
        r"(?<=\s)-p\s+" + _VALUE,
        r"\n|;&",
        ["docker", "login", "helm", "registry", "-p", "s3cret", "'", ";", "\n", "\t"],
    ),
    (
        r"\bgrant\b",
        "on",
        r"\bon\s+(?:table\s+|schema\s+)?[`\"]?([\w.\-*]+)",
        r";\n",
        ["grant", "on", "con", "table", "schema", "`", "x.y", "*", ";", "\n", "select"],
    ),
]


@pytest.mark.parametrize(("anchor", "head", "target", "stops", "pieces"), CASES)
def test_same_matches_as_the_regex(
    anchor: str, head: str, target: str, stops: str, pieces: list[str]
) -> None:
    regex = re.compile(f"{anchor}[^{stops}]*?{target}")
    compiled = (re.compile(anchor), head, re.compile(target), re.compile(f"[{stops}]"))
    rng = random.Random(19)
    for _ in range(4000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " ", " ", "  "]) for _ in range(rng.randint(1, 20))
        )
        expected = [(m.end(), m.regs[1:]) for m in regex.finditer(text)]
        got = [(m.end(), m.regs[1:]) for m in after_in_clause(*compiled, text)]
        assert got == expected, text


def test_a_line_repeating_the_anchor_is_read_once() -> None:
    anchor, head, target, stops = CASES[0][:4]
    text = "mysql " * 11_000  # 64 KB, one clause, no flag
    compiled = (re.compile(anchor), head, re.compile(target), re.compile(f"[{stops}]"))

    def read(line: str) -> list[object]:
        return list(after_in_clause(*compiled, line))

    assert read(text) == []
    assert_linear(read, text)  # the regex it replaces re-read the line from every anchor
