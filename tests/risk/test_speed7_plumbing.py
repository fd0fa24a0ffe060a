"""Skips taken for speed (speed7, issue 19) answer exactly as the full reading did:

- the sharing reader's sentences as two lists (`text.sentence_spans`), no tuple each;
- a clause searched only for the slots whose exact heads start one of its words
  (`intent._slots`, `Lexicon.exact_heads`);
- a shell rule whose first sub word is absent skipped before `_entry_matches`;
- connector names, container images and file-writing printers looked for as words first.
"""

from __future__ import annotations

import random
import re
from itertools import accumulate, islice

import pytest

from bench.risk import adversarial_64kb
from bot.risk import shell
from bot.risk.config_writes import _HINT
from bot.risk.packs.connectors import _TOOLS
from bot.risk.prose.intent import _GateSet, _possible, _slots, _starts
from bot.risk.prose.lexicon import DESTINATIONS, OBJECTS
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.outside_code import _IMAGE, _PACKAGE, _PACKAGE_WORDS
from bot.risk.prose.sharing import assess_sharing
from bot.risk.prose.text import _SENTENCE_SPLIT, sentence_spans, sentences
from tests.growth import assert_linear

# -- sentences as two lists -----------------------------------------------------------------


def _sentences_as_before(text: str) -> list[tuple[str, int]]:
    parts = _SENTENCE_SPLIT.split(text)
    starts = islice(accumulate(map(len, parts), initial=0), 0, None, 2)
    return [(p, s) for p, s in zip(parts[::2], starts, strict=True) if p]


_SENTENCE_TEXTS = [
    "",
    ";",
    "; ",
    "\n\n\n",
    "Share it. Then delete it!\nls; rm -rf x;  done",
    "a;\n\nb. C? d\n;\n",
    "ls; " * 200,
    "数据库のテーブルを削除して下さい。请确认备份\n",
    *(text[:3000] for text in adversarial_64kb().values()),
]


@pytest.mark.parametrize("text", _SENTENCE_TEXTS)
def test_sentence_spans_are_the_sentences_as_before(text: str) -> None:
    pieces, starts = sentence_spans(text)
    assert list(zip(pieces, starts, strict=True)) == _sentences_as_before(text)
    assert [(s.text, s.start) for s in sentences(text)] == _sentences_as_before(text)
    assert all(text[s : s + len(p)] == p for p, s in zip(pieces, starts, strict=True))


def test_sharing_reads_thousands_of_short_sentences_linearly() -> None:
    assert_linear(assess_sharing, "ls; " * 16000, "semicolon commands")


# -- a clause searched for the slots its words can start --------------------------------------


def _ungated(gates: _GateSet) -> _GateSet:
    out = _GateSet(gates)
    out.heads = tuple(None for _ in gates)
    out.literals = tuple(None for _ in gates)  # nor words (`Lexicon.literals`)
    out.spaced = gates.spaced
    out.gated = False
    return out


def _pieces(lang: str) -> list[str]:
    """Lexicon examples, whole and cut at random places (mid-word too), lower-cased."""
    lx = BY_LANG[lang]
    rng = random.Random(lang)
    texts = [t.lower() for examples in lx.examples.values() for t in examples]
    joined = " ".join(texts)
    cuts = []
    for _ in range(300):
        a = rng.randrange(len(joined))
        cuts.append(joined[a : a + rng.randrange(1, 160)])
    extra = ["grant him sysadmin on the box", "make them db_owner", "#general .exe x.apk"]
    return texts + cuts + extra


@pytest.mark.parametrize("lang", sorted(BY_LANG))
@pytest.mark.parametrize("names", [OBJECTS, DESTINATIONS], ids=["objects", "destinations"])
def test_a_gated_clause_finds_the_slots_an_ungated_search_finds(
    lang: str, names: tuple[str, ...]
) -> None:
    lx = BY_LANG[lang]
    pieces = _pieces(lang)
    gates = _possible(lx, names, _starts(lx, " ".join(pieces)))
    plain = _ungated(gates)
    for piece in pieces:
        gated = {k: m.span() for k, m in _slots(piece, gates, {}).items()}
        assert gated == {k: m.span() for k, m in _slots(piece, plain, {}).items()}, piece


def test_a_fragment_with_a_bare_alternation_has_no_exact_heads() -> None:
    en = BY_LANG["en"]
    assert en.heads("admin") is not None  # the text-wide gate reads its first branch
    assert en.exact_heads("admin") is None  # `sysadmin` starts otherwise: always searched
    gates = _possible(en, OBJECTS, _starts(en, "db_owner sysadmin"))
    assert "admin" in _slots("grant him sysadmin", gates, {})


def test_exact_heads_are_the_heads_where_every_fragment_is_one_branch() -> None:
    for lx in BY_LANG.values():
        for slot in (*OBJECTS, *DESTINATIONS):
            exact = lx.exact_heads(slot)
            assert exact is None or exact == lx.heads(slot)


# -- shell rules skipped by their first sub word ----------------------------------------------


def test_a_rules_first_sub_words_are_exactly_what_it_matches() -> None:
    entries = [e for es in shell._EXACT.values() for e in es] + [e for _, e in shell._PREFIX]
    others = {h for e in entries if e.heads for h in e.heads} | {"s3", "x", "-f", "get", "run"}
    with_heads = [e for e in entries if e.heads is not None]
    assert len(with_heads) > 100
    for entry in with_heads:
        first = entry.subs[0]
        assert all(first.fullmatch(h) for h in entry.heads)
        assert not any(first.fullmatch(w) for w in others - entry.heads)


@pytest.mark.parametrize(
    "command",
    [
        "aws s3 rm s3://bucket --recursive",
        "aws --profile prod s3api put-bucket-acl --bucket b --acl public-read",
        "aws --region eu-west-1 s3 ls",
        "gcloud sql instances delete prod-db",
        "kubectl -n prod delete pvc --all",
        "systemctl stop auditd",
        "az storage container set-permission --name x --public-access blob",
    ],
)
def test_skipped_rules_are_ones_that_would_not_match(command: str) -> None:
    walk = shell._Walk(())
    walk.script(command, 0)
    for cmd in walk.cmds:
        skipped = [
            e
            for e in [*shell._EXACT.get(cmd.name, ()), *shell._ANY]
            if e.heads is not None and e.heads.isdisjoint(cmd.pos[: len(e.subs) + 2])
        ]
        assert not any(shell._sub_match(e.subs, cmd.pos) for e in skipped)


# -- words looked for first -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Set up a CENSUS sync of customers to the agency sheet",
        "in fivetran, sync users",
        "Reverse-ETL the users",
        "the image from the vendor",
        "imagens, imagen, イメージ",
        "echo 'x' >> f; printf y",
        "sed -i s/a/b/ f",
        "nothing here at all",
        *(text[:2000] for text in adversarial_64kb().values()),
    ],
)
def test_prefiltered_patterns_answer_as_their_patterns(text: str) -> None:
    for pattern in (_TOOLS, _IMAGE, _HINT):
        regex = getattr(pattern, "regex", pattern)
        assert isinstance(regex, re.Pattern)
        found, expected = pattern.search(text), regex.search(text)
        assert (found and found.span()) == (expected and expected.span())


def test_every_package_alternative_holds_a_gate_word() -> None:
    assert "(" not in _PACKAGE.pattern and "[" not in _PACKAGE.pattern  # one flat alternation
    for alternative in _PACKAGE.pattern.split("|"):
        assert any(word in alternative.replace("\\b", "") for word in _PACKAGE_WORDS)
