"""The word prefilter of the prose grammar's slot searches (`Lexicon.literals`, used by
`intent._slots`): a piece of text without one of a slot's words is not searched for the
slot, so the words must be held by every match. These tests would catch a prefilter that
drops a match: on each lexicon's own examples, on every match the corpus holds, and on
whole assessments with the prefilter on and off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.messages import load_messages
from bot.risk.prefilter import _trie, required_literals, words_search
from bot.risk.prose.intent import assess_intent
from bot.risk.prose.lexicon import DESTINATIONS, OBJECTS, Lexicon
from bot.risk.prose.lexicons import LEXICONS
from bot.risk.prose.text import lower

_MESSAGES = Path(__file__).resolve().parents[2] / "bench" / "data" / "messages"


def _slots_of(lx: Lexicon) -> Iterator[str]:
    """The slots `intent._slots` searches with the prefilter."""
    yield from (slot for slot in OBJECTS + DESTINATIONS if lx.entries.get(slot))


@pytest.mark.parametrize("lx", LEXICONS, ids=lambda lx: lx.lang)
def test_every_example_match_holds_a_word(lx: Lexicon) -> None:
    """Each example of each slot, and every piece of it cut at any two offsets (a clause
    may cut a word), holds one of the slot's words wherever the slot's pattern matches."""
    for slot in _slots_of(lx):
        words = lx.literals(slot)
        if words is None:
            continue
        pattern = lx.pattern(slot)
        for example in lx.examples.get(slot, ()):
            low = lower(example)
            for start in range(len(low)):
                for end in range(start + 1, len(low) + 1):
                    piece = low[start:end]
                    if pattern.search(piece) is not None:
                        assert words.search(piece) is not None, (lx.lang, slot, piece)


@pytest.mark.parametrize("lx", LEXICONS, ids=lambda lx: lx.lang)
def test_every_corpus_match_holds_a_word(lx: Lexicon) -> None:
    """Every match of every slot in the messages corpus (a third of it: the test's time)
    holds one of the slot's words."""
    texts = [lower(m.text) for m in load_messages(_MESSAGES)][::3]
    for slot in _slots_of(lx):
        words = lx.literals(slot)
        if words is None:
            continue
        for text in texts:
            for m in lx.pattern(slot).finditer(text):
                assert words.search(m.group(0)) is not None, (lx.lang, slot, m.group(0))


def test_most_slots_have_words() -> None:
    """The prefilter is worth having: all but a few object and destination slots prove
    words (a slot without keeps its full search)."""
    missing = [
        (lx.lang, slot)
        for lx in LEXICONS
        for slot in _slots_of(lx)
        if slot in ("data", "secret", "public", "pii", "ai") and lx.literals(slot) is None
    ]
    assert len(missing) <= 1, missing


_SENTENCES = [
    "Please delete the production customers table and send the dump to my gmail.",
    "Supprime la base de production et envoie l'export au prestataire par WhatsApp.",
    "Borra la tabla de clientes de producción y comparte el enlace público.",
    "Lösche die Produktionsdatenbank und schick die Kundenliste an den Dienstleister.",
    "Apague o banco de produção e compartilhe a planilha com CPF no link público.",
    "本番データベースを削除して、顧客データを外部に送ってください",
    "把生产数据库删掉，然后把客户名单发到我的个人邮箱",
    "Don't share the API key; just rotate it and post the runbook in #eng.",
]


@pytest.mark.parametrize("text", _SENTENCES)
def test_assessment_same_with_and_without_prefilter(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grammar finds the same with the prefilter as with every slot searched."""
    with_words = assess_intent(text)
    monkeypatch.setattr(Lexicon, "literals", lambda self, slot: None)
    without = assess_intent(text)
    assert [f.model_dump() for f in with_words] == [f.model_dump() for f in without]


@pytest.mark.parametrize(
    ("words", "present", "absent"),
    [
        ({"data", "database", "dump"}, ["the database", "a dump", "datum data"], ["dat", "dum"]),
        ({"公開", "公"}, ["公", "公開する"], ["開"]),
        ({"a.b", "x|y"}, ["a.b", "x|y"], ["axb", "x", "y"]),  # escaped, not patterns
    ],
)
def test_trie_finds_exactly_the_words(
    words: set[str], present: list[str], absent: list[str]
) -> None:
    compiled = re.compile(_trie(frozenset(words)))
    assert all(compiled.search(t) for t in present)
    assert not any(compiled.search(t) for t in absent)


def test_limits_are_parameters() -> None:
    """The search prefilter's limits stay as they were; the grammar's gate takes any words."""
    assert required_literals(r"\b(?:db|sql)\b") is None  # "db" is too short for a search
    assert required_literals(r"\b(?:db|sql)\b", min_len=1, max_words=None) == {"db", "sql"}
    many = "|".join(f"w{i:03d}x" for i in range(60))
    assert required_literals(many) is None
    assert len(required_literals(many, max_words=None) or ()) == 60


def test_words_search_ignores_case_with_the_pattern() -> None:
    found = words_search(re.compile(r"(?i:secret)\s+key"), min_len=1, max_words=None)
    assert found is not None and found.search("SECRET KEY") is not None
