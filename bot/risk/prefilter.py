"""Literal prefilters: skip a costly regex search over a text that cannot match.

A pattern such as `(?i)\\b(?:disable|turn\\s+off|…)\\s+(?:the\\s+)?audit\\s+…` starts with
`\\b` and an alternation, so CPython's `re` tries it at every position of the text: a few
milliseconds on 64 KB, for each of dozens of rules. Most texts hold none of the words
any match must contain, and a search for those words alone runs at memory speed (`re`
skips ahead on their first characters). `prefiltered` works such words out of the
pattern itself (no list to keep in step with it) and searches for them first; when they
are absent the answer is "no match" without running the pattern, when present the
pattern runs as before. The results are the same in every case: the words are ones
every match holds, proven from the parsed pattern, never guessed.

Words searched ignoring case are searched in the lower-cased text instead: `re` finds no
first characters to skip to when it ignores case, and tries every branch at every position
(5 ms on 64 KB against under 1 ms). That is the same answer except where `re`'s case rules
and `str.lower` part: a few characters (`_CASE_APART`), before which the words are searched
as they were.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any

__all__ = ["Prefiltered", "lower_safe", "prefiltered", "required_literals", "words_search"]

_MIN_LEN = 3
"""Shorter words are too common to rule much out; but two characters of a script written
without spaces (事後, 复盘) are as rare as three letters."""
_MAX_WORDS = 40
"""More alternatives than this and the word search is no longer cheap."""
_CASE_APART = re.compile("[\u0130\u0131\u017f]")
"""Characters `re` matches to a letter ignoring case that `str.lower` does not lower to it:
"İ" lowers to two characters, "ı" and "ſ" match "i" and "s" (`re._casefix`)."""
_LOWER_SAFE_EXTRA = frozenset("iIsS")
"""Letters with `re._casefix` partners whose partners `_CASE_APART` holds."""


@dataclass(frozen=True)
class _Limits:
    """What makes a set of words useful: each at least `min_len` long (or, when that is
    `_MIN_LEN`, two characters outside ASCII), at most `max_words` of them."""

    min_len: int = _MIN_LEN
    max_words: int | None = _MAX_WORDS

    def useful(self, words: frozenset[str]) -> frozenset[str] | None:
        if not words or (self.max_words is not None and len(words) > self.max_words):
            return None
        if self.min_len == _MIN_LEN:
            return words if all(map(_long_enough, words)) else None
        return words if all(len(w) >= self.min_len for w in words) else None


def required_literals(
    pattern: str, flags: int = 0, *, min_len: int = _MIN_LEN, max_words: int | None = _MAX_WORDS
) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains, or None when no useful set
    can be proven (each string at least `min_len` long, or two characters outside ASCII
    by default; at most `max_words` of them, any number when None). A search's prefilter
    wants few long words; a text-wide gate read once per text (`Lexicon.literals`) takes
    many short ones."""
    try:
        return _seq(list(sre_parse.parse(pattern, flags)), _Limits(min_len, max_words))
    except (re.error, RecursionError, OverflowError):
        return None


def _ignores_case(pattern: str, flags: int) -> bool:
    """The pattern ignores case anywhere (its flags, or a scoped `(?i:…)`)."""
    parsed = sre_parse.parse(pattern, flags)
    if parsed.state.flags & re.I:
        return True
    stack: list[Any] = [parsed]
    while stack:
        for op, av in stack.pop():
            if op is sre.SUBPATTERN:
                if av[1] & re.I:
                    return True
                stack.append(av[-1])
            elif op is sre.BRANCH:
                stack.extend(av[1])
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                stack.append(av[2])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                stack.append(av[1])
            elif op is sre.ATOMIC_GROUP:
                stack.append(av)
            elif op is sre.GROUPREF_EXISTS:
                stack.extend(x for x in av[1:] if x is not None)
    return False


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _long_enough(word: str) -> bool:
    return len(word) >= _MIN_LEN or (len(word) == 2 and not word.isascii())


def _seq(items: list[tuple[Any, Any]], limits: _Limits) -> frozenset[str] | None:
    """The best set any one element of a sequence requires (runs of literal characters
    count as one element)."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, limits.useful(frozenset(["".join(run)])))
            run = []
        best = _better(best, _node(op, av, limits))
    if run:
        best = _better(best, limits.useful(frozenset(["".join(run)])))
    return best


def _node(op: Any, av: Any, limits: _Limits) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _seq(list(av[-1]), limits)
    if op is sre.ATOMIC_GROUP:
        return _seq(list(av), limits)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _seq(list(sub), limits) if low >= 1 else None
    if op is sre.BRANCH:
        words: set[str] = set()
        for alternative in av[1]:
            found = _seq(list(alternative), limits)
            if found is None:
                return None
            words |= found
        return limits.useful(frozenset(words))
    return None  # classes, anchors, look-arounds, back-references: nothing proven


class Prefiltered:
    """A compiled pattern whose `search`, `finditer` and `findall` look for its required
    words first. Everything else is the pattern's own (`match` is not filtered: it runs at
    one position, where a search for the words would cost more than it saves)."""

    __slots__ = ("lowered", "regex", "words")

    def __init__(
        self,
        regex: re.Pattern[str],
        words: re.Pattern[str],
        lowered: re.Pattern[str] | None = None,
    ) -> None:
        self.regex = regex
        self.words = words
        self.lowered = lowered
        """The words lower-cased, searched case-sensitively in the lower-cased text."""

    def _absent(self, string: str, pos: int, endpos: int) -> bool:
        """No word in `string[pos:endpos]`. A short text is searched as it is (lowering it
        would cost more than the search it saves). The short case is inlined in each
        method: one call more per search shows on short texts."""
        if self.lowered is not None and len(string) >= _LOWER_MIN:
            low = _lowered(string)
            if low is not None:
                return self.lowered.search(low, pos, endpos) is None
        return self.words.search(string, pos, endpos) is None

    def may_match(self, string: str) -> bool:
        """`string` holds one of the words (found as `search` finds them): without one,
        no search of it or of any piece of it can match."""
        return not self._absent(string, 0, sys.maxsize)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.lowered is None or len(string) < _LOWER_MIN:
            if self.words.search(string, pos, endpos) is None:
                return None
        elif self._absent(string, pos, endpos):
            return None
        return self.regex.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self.lowered is None or len(string) < _LOWER_MIN:
            if self.words.search(string, pos, endpos) is None:
                return iter(())
        elif self._absent(string, pos, endpos):
            return iter(())
        return self.regex.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self.lowered is None or len(string) < _LOWER_MIN:
            if self.words.search(string, pos, endpos) is None:
                return []
        elif self._absent(string, pos, endpos):
            return []
        return self.regex.findall(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"prefiltered({self.regex!r})"


_last: tuple[str, str | None] = ("", "")
"""The last text lowered and its lower case: dozens of rules read the same text in turn.
One tuple, replaced whole, so threads never see a text paired with another's lowering."""
_LOWER_MIN = 256
"""Shorter texts are searched as they are."""


def _lowered(string: str) -> str | None:
    """`string.lower()`, the same length (offsets agree), or None when it holds a character
    whose case `re` and `str.lower` read apart."""
    global _last
    text, low = _last
    if text is string:
        return low
    low = None if not string.isascii() and _CASE_APART.search(string) else string.lower()
    _last = (string, low)
    return low


def lower_safe(word: str) -> bool:
    """`re` ignoring case matches `word` where `str.lower` of the text holds `word.lower()`,
    unless the text holds a `_CASE_APART` character."""
    return all(
        c in _LOWER_SAFE_EXTRA or (c != "\u0130" and ord(c.lower()) not in _EXTRA_CASES)
        for c in word
    )


def words_search(
    regex: re.Pattern[str], *, min_len: int = _MIN_LEN, max_words: int | None = _MAX_WORDS
) -> re.Pattern[str] | None:
    """A search for the words one of which every match of `regex` holds
    (`required_literals`), ignoring case when the pattern does anywhere; None when no
    words can be proven."""
    words = required_literals(regex.pattern, regex.flags, min_len=min_len, max_words=max_words)
    if words is None:
        return None
    return re.compile(_trie(words), re.I if _ignores_case(regex.pattern, regex.flags) else 0)


_Trie = dict[str, "_Trie"]


def _trie(words: frozenset[str]) -> str:
    """An alternation that finds a text holding one of `words`, as a trie: `re` tries one
    branch per first character at a position, not every word (a flat alternation of sixty
    words cost half the search it was to save). A word that another starts with stands
    for both: where the longer occurs, so does it."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: _Trie) -> str:
        if "" in node:
            return ""
        parts = [re.escape(ch) + branches(node[ch]) for ch in sorted(node)]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branches(root)


def prefiltered(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex`, or a `Prefiltered` stand-in for it when required words can be proven.

    A match lies inside the searched range, so a word it holds lies there too: searching
    for the words in the same range can only rule out texts with no match. When the
    pattern ignores case anywhere, the words are searched ignoring case as well."""
    words = required_literals(regex.pattern, regex.flags)
    if words is None:
        return regex
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in ordered)
    if not _ignores_case(regex.pattern, regex.flags):
        return Prefiltered(regex, re.compile(alternatives))  # type: ignore[return-value]
    lowered = None
    if all(map(lower_safe, ordered)):
        lowered = re.compile("|".join(re.escape(w.lower()) for w in ordered))
    return Prefiltered(regex, re.compile(alternatives, re.I), lowered)  # type: ignore[return-value]
