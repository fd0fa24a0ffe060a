"""What a sending verb hands over: the value a command printed, or another thing it names.

`heroku config:get DATABASE_URL` shown on the reader's terminal and "paste what it prints
into the vendor thread" passes a secret on; the same read used by `psql` and "paste the
table list into the issue", "share your screen with their engineer" or "send Leo the
reconcile report" does not: the verb's object is something else. So the object is read
where each language puts it: after the verb in spaced languages (one recipient may come
first: "send Leo the report", "schick ihm die Ausgabe"), a clitic on the verb ("colle-le",
"pégalo"), before it in Japanese (を) and Chinese (把). An object that is the printed value
(`output`: "the output", "what it prints", "it", "tout"), or a secret, is handed over; a
noun phrase that is neither is not; no object at all ("paste into #oncall") is read as the
value (fail closed).
"""

from __future__ import annotations

import re
from itertools import islice

from bot.risk.prose.lexicon import Lexicon
from bot.risk.prose.scope import Scope

__all__ = ["hands_over_value"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Object pronouns for a person, the recipient before the thing sent ("send him the list",
# "schick ihr die Liste", "envoie-lui"); a closed class, the same role in every spaced
# language read here.
_RECIPIENT = re.compile(
    r"him|her|them|me|us|ihm|ihr|ihnen|mir|uns|dir|lui|leur|moi|nous|le|les|lhe|lhes|te"
)
_NP_WORDS = 4  # a noun phrase's head is read within this many words of its article


def hands_over_value(lx: Lexicon, text: str, low: str, scope: Scope, start: int, end: int) -> bool:
    """The sending verb at `low[start:end]` (`low` is `text` lower-cased, same offsets)
    hands over the printed value (or a secret): its object is that value, a secret, or
    not named at all."""
    clause = scope.clause_of(start)
    if lx.spaced and _names_value(lx, low[start:end]):
        return True  # the verb's phrase holds its object ("drop the value in this thread")
    if not lx.spaced:
        before = low[clause[0] : start]
        if _names_value(lx, before):
            return True
        return not lx.pattern("determiner").search(before)
    if scope.enclitic(start):
        return True  # "pégalo en el canal": the object was named before, as the value
    at = _skip_spaces(low, _word_end(low, end), clause[1])
    if _value_at(lx, low, at, clause[1]):
        return True
    if not lx.pattern("determiner").match(low, at, clause[1]):
        recipient = _WORD.match(low, at, clause[1])  # "send Leo the report", "dm him it"
        if recipient is None or not (
            text[at].isupper() or _RECIPIENT.fullmatch(recipient.group(0))
        ):
            return True  # "paste into the thread": a place, and the value goes there
        at = _skip_spaces(low, recipient.end(), clause[1])
        if _value_at(lx, low, at, clause[1]):
            return True
        if not lx.pattern("determiner").match(low, at, clause[1]):
            return True  # no noun phrase after the verb: nothing else is named
    return _phrase_holds_value(lx, low, at, clause[1])


def _value_at(lx: Lexicon, low: str, at: int, limit: int) -> bool:
    return bool(
        lx.pattern("output").match(low, at, limit) or lx.pattern("secret").match(low, at, limit)
    )


def _phrase_holds_value(lx: Lexicon, low: str, at: int, limit: int) -> bool:
    """The noun phrase starting at `at` (an article, then a few words) names the printed
    value or a secret ("the whole output", "the prod password"); another head ("the table
    list", "your screen") is another thing."""
    words = list(islice(_WORD.finditer(low, at, limit), _NP_WORDS + 1))
    phrase = low[at : words[-1].end()] if words else ""
    return _names_value(lx, phrase)


def _names_value(lx: Lexicon, text: str) -> bool:
    return bool(lx.pattern("output").search(text) or lx.pattern("secret").search(text))


def _word_end(low: str, at: int) -> int:
    while at < len(low) and low[at].isalpha():
        at += 1
    return at


def _skip_spaces(low: str, at: int, limit: int) -> int:
    while at < limit and low[at].isspace():
        at += 1
    return at
