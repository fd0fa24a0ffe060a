"""Literal prefilters (bot/risk/prefilter.py): the words are proven from the pattern, and a
prefiltered search answers exactly as the pattern does."""

from __future__ import annotations

import re

import pytest

from bot.risk.prefilter import (
    _CASE_APART,
    Prefiltered,
    lower_safe,
    prefiltered,
    required_literals,
)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bdrop\s+table\b", {"table"}),
        (r"(?i)\b(?:disable|turn\s+off)\s+(?:the\s+)?audit\s+logs?", {"audit"}),
        (r"\b(?:grant|revoke)\b", {"grant", "revoke"}),
        (r"(?:delete|wipe)\s+\w+", {"delete", "wipe"}),
        (r"x(?:abc)+y", {"abc"}),
        (r"\bincident\b|事後|复盘", {"incident", "事後", "复盘"}),  # two CJK characters do
    ],
)
def test_words_every_match_holds(pattern: str, words: set[str]) -> None:
    assert required_literals(pattern) == words


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+@\w+",  # no literal at all
        r"(?:delete)?\s+on",  # "on" is too short, "delete" optional
        r"\bincident\b|on",  # two ASCII letters are too short
        r"(?:abc|\d+)z",  # one alternative holds no word
        r"(?:abc)*def?",  # repeated zero times, or too short
        r"(?=secret)\w+",  # a look-ahead's words are outside the match
        r"[",  # not a pattern
    ],
)
def test_nothing_proven(pattern: str) -> None:
    assert required_literals(pattern) is None


_TEXTS = [
    "",
    "please DROP TABLE users;",
    "drop   table x and then Turn Off the AUDIT log",
    "nothing here at all " * 50,
    "grant all on t to public; revoke x",
    "xabcabcy delete it, wipe this",
    "audit logs were disabled last week",
]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bdrop\s+table\b",
        r"(?i)\b(?:disable|turn\s+off)\s+(?:the\s+)?audit\s+logs?",
        r"\b(?:grant|revoke)\b",
        r"(?:delete|wipe)\s+(\w+)",
        r"x(?:abc)+y",
        r"(?i:drop)\s+table",
    ],
)
def test_same_answers_as_the_pattern(pattern: str) -> None:
    plain = re.compile(pattern)
    fast = prefiltered(plain)
    assert isinstance(fast, Prefiltered)
    for text in _TEXTS:
        for pos, end in ((0, len(text)), (3, max(3, len(text) - 4))):
            a, b = plain.search(text, pos, end), fast.search(text, pos, end)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
            assert plain.findall(text, pos, end) == fast.findall(text, pos, end)
            assert [m.span() for m in plain.finditer(text, pos, end)] == [
                m.span() for m in fast.finditer(text, pos, end)
            ]
        assert fast.sub("-", text) == plain.sub("-", text)  # the rest is the pattern's own
    assert fast.pattern == pattern


def test_scoped_ignore_case_searches_words_ignoring_case() -> None:
    fast = prefiltered(re.compile(r"(?i:drop)\s+table"))
    assert fast.search("DROP table") is not None
    assert fast.search("drop TABLE") is None


def test_nothing_to_prove_keeps_the_pattern() -> None:
    plain = re.compile(r"\w+@\w+")
    assert prefiltered(plain) is plain


def test_lowered_search_finds_every_case_insensitive_match() -> None:
    """Where `re` ignoring case matches a letter, the lower-cased text holds that letter
    lower-cased, unless the text holds a `_CASE_APART` character (checked for every code
    point against the letters a word may hold)."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u212aéÉüñçßøÅ数据"
    every = "".join(map(chr, range(0x110000)))
    safe = [c for c in letters if lower_safe(c)]
    assert set(safe) >= set("abcdefghijklmnopqrstuvwxyzISK")
    for c in safe:
        for m in re.finditer(re.escape(c), every, re.I):
            t = m.group()
            assert _CASE_APART.match(t) or t.lower() == c.lower(), (hex(ord(t)), c)


@pytest.mark.parametrize(
    "text",
    [
        "SECURITY review",
        "ſecurity review",  # long s: `re` ignoring case reads it as "s"
        "İncident",  # dotted capital I: lowers to two characters
        "ıncident",
        "the \u212aey",  # Kelvin sign
        "Sécurité",
        "nothing at all",
    ],
)
@pytest.mark.parametrize("pad", ["", "x " * 200])  # a long text is searched lower-cased
def test_case_insensitive_words_answer_as_the_pattern(text: str, pad: str) -> None:
    text = pad + text
    for pattern in (r"(?i)\bsecurity\b", r"(?i)incident", r"(?i)\bkey\b", r"(?i)sécurité"):
        plain = re.compile(pattern)
        fast = prefiltered(plain)
        assert isinstance(fast, Prefiltered)
        assert fast.lowered is not None
        for _ in range(2):  # afresh, then from the last text lowered
            a = plain.search(text)
            b = fast.search(text)
            assert (a and a.span()) == (b and b.span()), (pattern, text)
            assert plain.findall(text) == fast.findall(text)
