"""Text plumbing shared by the prose detectors: lower-casing that keeps offsets,
sentences, evidence windows and findings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from typing import Final, NamedTuple

from bot.config import Risk, Verdict
from bot.risk.environments import names_production
from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered
from bot.risk.secrets import mask_fragment

EVIDENCE_LIMIT = 120


def lc(pattern: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes such as \\W or \\S alone."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def compile_lower(pattern: str) -> re.Pattern[str]:
    """Compile for matching against lower-cased text.

    Case-sensitive matching on text lowered once is 2-4x faster in CPython's
    `re` than IGNORECASE on the original; a search first looks for words every match
    holds (`prefilter`).
    """
    return prefiltered(re.compile(lc(pattern)))


# A secret read whose output a `jq` stage cuts down to the key names (`… -o json | jq '.data
# | keys'`, `jq -r 'keys[]'`): what leaves is the list of setting names, not a value.
KEYS_ONLY_READ = re.compile(
    r"(?:-o|--output)[=\s]+(?:json|jsonpath\S*)\s*\|\s*(?:jq|yq|gojq)\s+(?:-\w+\s+)*['\"]?"
    r"(?:\.[\w.\[\]\"]*\s*\|\s*)?keys(?:_unsorted)?(?:\[\])?(?:\s*\|\s*(?:length|sort))*\s*['\"]?"
    r"(?=[\s`]|$)"
)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[^a-z])|\n+|;\s+")


class Sentence(NamedTuple):
    """A named tuple: a long text has thousands, built twice as fast as a frozen dataclass."""

    text: str
    start: int
    lower: str = ""
    words: frozenset[str] = frozenset()


_SENTENCE_SPLIT = re.compile(f"({_SENTENCE_BREAK.pattern})")


def sentences(text: str) -> list[Sentence]:
    pieces, starts = sentence_spans(text)
    return [Sentence(piece, start) for piece, start in zip(pieces, starts, strict=True)]


def sentence_spans(text: str) -> tuple[list[str], list[int]]:
    """The sentences of `sentences` as two lists, texts and offsets, with no object built
    per sentence: a reader that looks most of them up by text (64 KB of `ls; ` is 16,000
    sentences of one text) pays for a tuple only where it reads one."""
    # one split keeping the breaks (pieces at even indices), offsets summed from lengths:
    # no Python step per break, which a text of thousands of `;` would make slow
    parts = _SENTENCE_SPLIT.split(text)
    pieces = parts[::2]
    starts = list(islice(accumulate(map(len, parts), initial=0), 0, None, 2))
    if "" in pieces:
        kept = list(map(bool, pieces))
        return list(compress(pieces, kept)), list(compress(starts, kept))
    return pieces, starts


def lower(text: str) -> str:
    """Lower-case without changing length, so offsets found in it index the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class Rule:
    rule: str
    category: str
    risk: Risk
    verdict: Verdict


def evidence(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > EVIDENCE_LIMIT:
        text = text[: EVIDENCE_LIMIT - 1] + "…"
    return mask_fragment(text)


def finding(rule: Rule, reason: str, evidence_text: str, risk: Risk | None = None) -> Finding:
    return Finding(
        rule=rule.rule,
        category=rule.category,
        reason=reason,
        risk=risk or rule.risk,
        verdict=rule.verdict,
        evidence=evidence(evidence_text),
    )


def window(sentence: str, start: int, end: int, pad: int = 30) -> str:
    return sentence[max(0, start - pad) : min(len(sentence), end + pad)].strip()


# After the verb's object: what the act is for ("to check …", "so that …", "para que …").
PURPOSE_AFTER: Final = re.compile(
    r"\b(?:so\s+that|in\s+order\s+to|to\s+(?:check|verify|confirm|test|see|make\s+sure|ensure|"
    r"prove)|pour\s+(?:que|v[ée]rifier|tester|voir)|afin\s+(?:de|que)|para\s+(?:que|comprobar|"
    r"verificar|probar|ver|testar|conferir)|damit|um\s+(?:\w+\s+){0,4}?zu)\b"
)


_PROSE_PUNCT = re.compile(r"[,;!?()\[\]“”«»。、，；！？（）]")


def says_production(text: str) -> bool:
    """Production named in running prose: `names_production` reads names and flags, so
    the punctuation around a word in a sentence ("serviço de produção;") is spaced out."""
    return names_production(_PROSE_PUNCT.sub(" ", text))
