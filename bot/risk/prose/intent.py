"""Instructions written as plain prose, in any of the lexicon languages.

"Remove the weekly snapshot vault", "envoie la clé de signature au prestataire sur
WhatsApp", "本番データベースを作り直して": no command, yet a careful company wants a
second person. The grammar is small and the same for every language:

    action (destroy, reset, disable, bypass, grant, share, move, open)
  × object (data, systems, controls, secrets, backups, personal data, admin roles,
            untrusted files; production and bulk qualifiers)
  × destination (public, everyone, outsiders, personal places, AI tools,
                 messaging apps, outside workspaces)

and a few combinations are risky (`_judge`). The words come from per-language
lexicons (`lexicons/`); this module only reads their slots.

Scope (`scope.py`) lowers an action that is negated, hypothetical, a report of
the past or (for destruction) local — per action and per sentence, so a warning
never hides a second, real instruction in the same message.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from heapq import merge
from itertools import chain
from typing import NamedTuple

from bot.risk.environments import NONPROD_PLACE_RE, PRODUCTION_RE, names_production
from bot.risk.listing import list_run
from bot.risk.model import Finding
from bot.risk.prose.lexicon import ACCENTS, ACTIONS, DESTINATIONS, OBJECTS, Lexicon
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.published import states_public_content
from bot.risk.prose.scope import MENU_ARROWS, Scope, Spans, spans
from bot.risk.prose.sharing import Dump, dumps_in, inferred_home, outside_domain, personal_mailbox
from bot.risk.prose.text import KEYS_ONLY_READ, PURPOSE_AFTER, Rule, finding, lower

__all__ = ["assess_intent", "languages"]

_WORD = re.compile(r"\w+")
# A colleague named as the recipient ("with Camila", "an Jonas"): the share goes to them.
# Not a list of capitalised nouns ("mit Namen, Adressen und Geburtsdaten", "mit Namen und
# E-Mail-Adressen"): German capitalises every noun.
_NAMED = re.compile(
    r"\b(?:with|to|com|con|avec|mit|an|para|à)\s+(?:(?:a|o|la|el|le|der|die|dem|den)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,}(?!\w)(?!\s*(?:,|\s(?:und|and|et|y|e|oder|or)\s)\s*[A-ZÀ-ÖØ-Þ])"
)
# Places that only matter for secrets: a recipient named before still says where data goes.
_WEAK_PLACES = frozenset(["email", "channel"])
# An address, or a whole domain ("con todo el dominio @rapidenvios.com"; a Slack handle
# such as `@dana.whitlock` has no known top-level label).
_EMAIL = re.compile(
    r"(?P<box>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?<![\w.+-])@(?:[\w-]+\.)+(?:[a-z]{2}|com|net|org|io|co|ai|app|dev|biz|info|cloud|example)"
    r"(?![\w-])"
)
_LETTERS = re.compile(r"[^\W\d_]+")
_MARK_START = re.compile(r"[#.@/](?=\w)")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

_RULES = {
    "destroy": Rule("prose.intent.destroy", "destroy", "high", "require_approval"),
    "backups": Rule("prose.intent.backups", "backups", "high", "require_approval"),
    "controls": Rule("prose.intent.controls", "controls", "high", "require_approval"),
    "access": Rule("prose.intent.access", "access", "high", "require_approval"),
    "sharing": Rule("prose.intent.sharing", "sharing", "high", "require_approval"),
    "secrets": Rule("prose.intent.secrets", "secrets", "high", "require_approval"),
    "exec": Rule("prose.intent.exec", "exec", "high", "require_approval"),
    "export": Rule("prose.intent.export", "export", "high", "require_approval"),
    "network": Rule("prose.intent.network", "network", "high", "require_approval"),
    "history": Rule("prose.intent.history", "history", "high", "require_approval"),
    "outage": Rule("prose.intent.outage", "destroy", "high", "require_approval"),
}
_REASONS = {
    "destroy": "Asks in plain words to delete or recreate {obj}; that cannot be undone.",
    "backups": "Asks in plain words to remove or turn off {obj}, the way back after a mistake.",
    "controls": "Asks in plain words to turn off or get around {obj}, a safety control.",
    "access": "Asks in plain words to hand out {obj} rights.",
    "sharing": "Asks in plain words to send {obj} to {dest}, beyond the people meant to have it.",
    "secrets": "Asks in plain words to send {obj} to {dest}, where it can be copied and used.",
    "exec": "Asks in plain words to open or run {obj} from an untrusted source.",
    "export": "Asks in plain words to export {obj} in bulk, out of the systems that guard it.",
    "network": "Asks in plain words to open {obj} to {dest}, where anyone can reach it.",
    "history": "Asks in plain words to rewrite shared history; other people's work can be lost.",
    "outage": "Asks in plain words to stop {obj} in production all at once; its service goes down.",
}
_LOCAL_LOWERS = frozenset(["destroy", "backups", "controls", "history", "outage"])
# Object slots that only qualify another object: alone they name nothing to destroy or send.
_QUALIFIERS = frozenset(["prod", "bulk", "lasting", "service"])


class _Hit(NamedTuple):
    """A named tuple: a long text yields thousands, built faster than a frozen dataclass."""

    slot: str
    start: int
    end: int


def languages(lowered: str) -> list[Lexicon]:
    """English always; the spaced language whose function words occur most (two at
    least in a longer text); Japanese when there is kana, else Chinese for Han."""
    out = [BY_LANG["en"]]
    if not lowered.isascii():
        if _KANA.search(lowered):
            out.append(BY_LANG["ja"])
        elif _HAN.search(lowered):
            out.append(BY_LANG["zh"])
    found = _LETTERS.findall(lowered)
    words = frozenset(found)
    needed = 1 if len(found) <= 24 else 2  # a short instruction may hold one function word
    english = len(BY_LANG["en"].markers & words)
    counts = {lang: len(BY_LANG[lang].markers & words) for lang in ("fr", "es", "de", "pt")}
    best = max(counts.values())
    # Spanish and Portuguese share function words: only the best-attested language(s) read,
    # and only when they are better attested than English ("a", "as", "die" are English too).
    out += [
        BY_LANG[lang] for lang, n in counts.items() if n >= needed and n == best and n > english
    ]
    return out


def assess_intent(
    text: str,
    known: Collection[str] = (),
    company_domains: Sequence[str] = (),
    dumps: Sequence[Dump] = (),
) -> list[Finding]:
    """Findings for risky instructions written as prose; one per category, the first.
    Categories in `known` are already reported by another reader and not looked for.
    `company_domains` decides which addresses are outside: an outside address in a
    sentence is an outside destination, in any language."""
    low = _blank_read_statements(lower(text))
    found: dict[str, Finding | None] = dict.fromkeys(known)
    structure: Spans | None = None
    folded: str | None = None
    starts_of: dict[bool, frozenset[str]] = {}  # spaced or not: the text's word starts
    for lx in languages(low):
        if lx.fold_accents:
            folded = folded if folded is not None else low.translate(ACCENTS)
            hits = _actions(lx, folded)
        else:
            hits = _actions(lx, low)
        actions = _peek(hits)
        if actions is None:
            continue
        if structure is None:
            structure = spans(low)
        scope = Scope(lx, low, structure)
        gates = _Gates(lx, low, starts_of, company_domains, tuple(dumps))
        for category, f in _judge_all(lx, text, low, actions, scope, found.keys(), gates):
            found.setdefault(category, f)
    return [f for f in found.values() if f is not None]


# A read-only statement handed to a database client (`snowsql -q "SHOW GRANTS TO SHARE p"`,
# `psql -c 'DESCRIBE …'`): its words are the statement's, read by the SQL reader, not verbs
# of the sentence ("TO SHARE" shares nothing). Statements that change anything stay.
_READ_STATEMENT = re.compile(
    r"(?<![\w-])(?:-[qce]|--(?:query|command|execute|sql))(?:\s*=\s*|\s+)"
    r"(?P<q>[\"'])\s*(?:show|describe|desc|explain)(?P<body>\s[^\"'\n;]*)(?P=q)"
)


def _blank_read_statements(low: str) -> str:
    """`low` with the words of read-only client statements blanked (same length)."""
    if "-" not in low:
        return low
    return _READ_STATEMENT.sub(
        lambda m: low[m.start() : m.start("body")] + " " * len(m.group("body")) + m.group("q"),
        low,
    )


class _Gates:
    """The object and destination slots a text can hold at all (judged from the starts of
    its words), found when the first action in verb position asks: each clause is then
    searched for a handful of slots, not twenty-five."""

    def __init__(
        self,
        lx: Lexicon,
        low: str,
        starts_of: dict[bool, frozenset[str]],
        company_domains: Sequence[str] = (),
        dumps: tuple[Dump, ...] = (),
    ) -> None:
        self._lx, self._low, self._starts_of = lx, low, starts_of
        self._company = company_domains
        self.dumps = dumps  # the dumps the message's commands run

    @property
    def lexicon(self) -> Lexicon:
        return self._lx

    @cached_property
    def _starts(self) -> frozenset[str]:
        spaced = self._lx.spaced
        out = self._starts_of.get(spaced)
        if out is None:
            out = self._starts_of[spaced] = _starts(self._lx, self._low)
        return out

    @cached_property
    def objects(self) -> _GateSet:
        return _possible(self._lx, OBJECTS, self._starts)

    @cached_property
    def dests(self) -> _GateSet:
        return _possible(self._lx, DESTINATIONS, self._starts)

    @cached_property
    def empty(self) -> bool:
        """Nothing in the text can make an action risky (a force-push needs no object)."""
        return (
            not self.dests
            and all(name in _QUALIFIERS for name, _ in self.objects)
            and not self.addresses
        )

    @cached_property
    def addresses(self) -> bool:
        return "@" in self._low and _EMAIL.search(self._low) is not None

    @cached_property
    def _home(self) -> tuple[str, ...]:
        """The company's domains, or (none configured) those the message shows as its own."""
        if self._company:
            return tuple(self._company)
        return inferred_home(self._low)

    def outside_address(self, start: int, end: int) -> re.Match[str] | None:
        """The first address in `low[start:end]` outside the company, matched on that span
        (a personal mailbox always is; with no company domain known, no other is)."""
        span = self._low[start:end]
        for m in _EMAIL.finditer(span):
            if outside_domain(m.group(0).rsplit("@", 1)[1], self._home):
                return m
        return None


class _GateSet(tuple[tuple[str, re.Pattern[str]], ...]):
    """The (slot, pattern) pairs a text may hold (`_possible`), with what `_slots` needs to
    skip a search in a piece of it: each slot's exact heads (`Lexicon.exact_heads`), its
    words (`Lexicon.literals`) and whether the lexicon's words are spaced."""

    heads: tuple[frozenset[str] | None, ...]
    literals: tuple[re.Pattern[str] | None, ...]
    spaced: bool
    gated: bool
    """Some slot has exact heads: a piece's word starts are worth working out."""


def _possible(lx: Lexicon, names: tuple[str, ...], starts: frozenset[str]) -> _GateSet:
    """Slots whose words may start a word of the text (a slot that does not say how its
    words start, such as a German compound's parts, is always possible)."""
    kept = [
        (name, pattern)
        for name, heads, pattern in lx.gates(names)
        if heads is None or not heads.isdisjoint(starts)
    ]
    out = _GateSet(kept)
    out.heads = tuple(lx.exact_heads(name) for name, _ in kept)
    out.literals = tuple(lx.literals(name) for name, _ in kept)
    out.spaced = lx.spaced
    out.gated = any(h is not None for h in out.heads)
    return out


MAX_SEEN = 2048
"""Action words looked at per language (most are not in verb position)."""
MAX_JUDGED = 256
"""Actions in verb position judged per language; a text with more is not read to the end
in words, and says so (a finding that needs a person) rather than passing unread."""
_UNREAD = Rule("prose.intent.unread", "engine", "medium", "require_approval")


def _peek(hits: Iterator[_Hit]) -> Iterator[_Hit] | None:
    first = next(hits, None)
    return None if first is None else chain((first,), hits)


def _actions(lx: Lexicon, low: str) -> Iterator[_Hit]:
    """Action words in text order, lazily: a long text is read only as far as needed."""
    if not lx.spaced:
        streams = [_finditer(lx.pattern(slot), slot, low) for slot in ACTIONS]
        return merge(*streams, key=_by_start)
    index, rest = lx.action_index
    streams = [_finditer(pattern, slot, low) for slot, pattern in rest.items()]
    if not streams:  # every action word has a literal start: one stream, in order
        return _headed(lx, index, low)
    if len(low) <= _EAGER:  # a short text: one sort beats a heap merge of generators
        return iter(sorted(chain(_headed(lx, index, low), *streams), key=_by_start))
    return merge(_headed(lx, index, low), *streams, key=_by_start)


_EAGER = 2048


def _by_start(hit: _Hit) -> int:
    return hit.start


def _finditer(pattern: re.Pattern[str], slot: str, low: str) -> Iterator[_Hit]:
    for m in pattern.finditer(low):
        yield _Hit(slot, m.start(), m.end())


_Slots = tuple[tuple[str, re.Pattern[str]], ...]
_HEAD_SLOTS: dict[int, tuple[dict[str, tuple[str, ...]], dict[str, _Slots]]] = {}
"""Per action index (kept alive here, so its id is never reused): the slots to try at a
word starting with each 1-3 characters, in order, built once per distinct start."""
_HEAD_SLOTS_MAX = 65536


def _headed(lx: Lexicon, index: dict[str, tuple[str, ...]], low: str) -> Iterator[_Hit]:
    entry = _HEAD_SLOTS.get(id(index))
    if entry is None:
        entry = _HEAD_SLOTS[id(index)] = (index, {})
    table = entry[1]
    for start in lx.action_starts.finditer(low):
        pos = start.start()
        word = low[pos : pos + 3]
        slots = table.get(word)
        if slots is None:
            slots = _head_slots(lx, index, word)
            if len(table) < _HEAD_SLOTS_MAX:
                table[word] = slots
        for slot, pattern in slots:
            m = pattern.match(low, pos)
            if m is not None:
                yield _Hit(slot, m.start(), m.end())


def _head_slots(lx: Lexicon, index: dict[str, tuple[str, ...]], word: str) -> _Slots:
    """The slots keyed by the word's first 1, 2 and 3 characters, each once, in that order."""
    done: set[str] = set()
    out: list[tuple[str, re.Pattern[str]]] = []
    for k in (1, 2, 3):
        for slot in index.get(word[:k], ()):
            if slot not in done:
                done.add(slot)
                out.append((slot, lx.pattern(slot)))
    return tuple(out)


def _starts(lx: Lexicon, text: str) -> frozenset[str]:
    """What the words of `text` start with (1-3 letters), or its characters (CJK)."""
    if not lx.spaced:
        return frozenset(text)
    threes = {w[:3] for w in _WORD.findall(text)}
    twos = {w[:2] for w in threes}
    return frozenset(
        threes.union(twos, {w[:1] for w in twos}, _MARK_START.findall(text))  # ".exe", "#general"
    )


def _slots(
    text: str,
    gates: _GateSet,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
) -> dict[str, re.Match[str]]:
    """The slots of `gates` that occur in `text`, each with its first match. A slot none of
    whose exact heads starts a word of `text` (a character of it, unspaced) has no match
    there, nor has one none of whose words `text` holds: its pattern is not searched (a
    clause is searched for a few slots, not all the text's; the words are found in C
    without the pattern's word-start check at every position)."""
    key = (id(gates), text)
    out = seen.get(key)
    if out is not None:
        return out
    out = {}
    starts = _piece_starts(text, gates.spaced) if gates.gated else None
    for (name, pattern), heads, words in zip(gates, gates.heads, gates.literals, strict=True):
        if heads is not None and starts is not None and heads.isdisjoint(starts):
            continue
        if words is not None and words.search(text) is None:
            continue
        m = pattern.search(text)
        while m is not None and _in_command_token(text, m):
            m = pattern.search(text, m.end())
        if m is not None:
            out[name] = m
    if len(seen) < 4096:
        seen[key] = out
    return out


def _piece_starts(text: str, spaced: bool) -> frozenset[str]:
    """What a match in `text` (searched as a string of its own) can start with: the first
    1-3 characters of each of its words and the marks before words (`_starts`), or (text
    without spaces) its characters. A spaced slot's word matches where no word character
    comes before, in `text`: the start of one of its words."""
    if not spaced:
        return frozenset(text)
    threes = {w[:3] for w in _WORD.findall(text)}
    twos = {w[:2] for w in threes}
    return frozenset(threes.union(twos, {w[:1] for w in twos}, _MARK_START.findall(text)))


_FLAG_BEFORE = re.compile(r"(?:^|\s)--?[\w-]*$")


def _in_command_token(text: str, m: re.Match[str]) -> bool:
    """The word is part of a command's own token, not a noun of the sentence: the name of
    a flag that takes a value (`--vault Production`, `--secret-id prod/db`) or a path
    segment (`secret/prod/db`, `op://Prod/…`). A switch says what the command does
    (`--delete-automated-backups`): its words still count."""
    start, end = m.start(), m.end()
    if start and text[start - 1] in "/=" or text[end : end + 1] == "/":
        return True
    if text.find("-", max(0, start - 24), start) < 0 or not _FLAG_BEFORE.search(
        text, max(0, start - 24), start
    ):
        return False
    return bool(_FLAG_VALUE_AFTER.match(text, end))


_FLAG_VALUE_AFTER = re.compile(r"[\w-]*(?:=|[ \t]+(?![-\\\s]))")


def _judge_all(
    lx: Lexicon,
    text: str,
    low: str,
    actions: Iterable[_Hit],
    scope: Scope,
    done: Collection[str],
    gates: _Gates,
) -> Iterable[tuple[str, Finding]]:
    """Judge each action; `done` holds the categories already found (one is enough)."""
    objects_of: dict[tuple[int, int], dict[str, re.Match[str]]] = {}
    borrowed: dict[tuple[int, int], tuple[int, int]] = {}  # clause → where its object was named
    dests_of: dict[tuple[int, int], dict[str, re.Match[str]]] = {}
    seen: dict[tuple[int, str], dict[str, re.Match[str]]] = {}  # by text: repeats are free
    judged = 0
    for seen_hits, hit in enumerate(actions):
        if seen_hits < MAX_SEEN and scope.surely_not_verb(hit.start):
            continue  # "kubectl delete …", "the export": most action words, found cheaply
        clause = scope.clause_of(hit.start)
        if seen_hits < MAX_SEEN and _not_a_verb(scope, hit, clause, gates):
            continue
        judged += 1
        if judged > MAX_JUDGED or seen_hits >= MAX_SEEN:
            if "unread" not in done:
                yield "unread", _unread(text, hit)
            return
        sentence = scope.sentence_of(hit.start)
        objects = _objects_for(low, scope, hit, clause, sentence, gates, seen, borrowed, objects_of)
        dests = dests_of.get(sentence)
        if dests is None:
            dests = dests_of[sentence] = _destinations(lx, text, low, scope, sentence, gates, seen)
        dests = _where_to(_Later(lx, text, low, scope, gates, seen, dests_of), hit, objects, dests)
        if not objects and not dests and _acts_on_nothing(scope, hit, sentence):
            continue  # "install the extension someone on a forum recommended" goes on
        if hit.slot == "open" and _OPENS_RECORD.match(low, _word_end(low, hit.end)):
            continue  # "open a ticket with the vendor": a record is opened, not a file
        kinds = _kinds(scope, hit, sentence, objects, gates.dumps)
        category = _judge(hit.slot, kinds, dests.keys())
        if category in ("sharing", "secrets", "export", "destroy"):
            # what is left out is read where the objects were named: "先把令牌替换成 ***，再上传"
            named_in = borrowed.get(clause, clause)
            category = _without_left_out(lx, low, hit, named_in, objects, kinds, dests, gates)
        if category is None or category in done:
            continue
        reading = _Reading(lx, low, scope, gates, hit, clause, sentence, objects, kinds)
        if _excused(reading, category, borrowed.get(clause), dests):
            continue
        yield category, _found(reading, category, dests, text)


def _objects_for(
    low: str,
    scope: Scope,
    hit: _Hit,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    gates: _Gates,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
    borrowed: dict[tuple[int, int], tuple[int, int]],
    objects_of: dict[tuple[int, int], dict[str, re.Match[str]]],
) -> dict[str, re.Match[str]]:
    """What the action acts on, read once per clause."""
    objects = objects_of.get(clause)
    if objects is None:
        objects = objects_of[clause] = _clause_objects(
            low, scope, clause, hit, gates, seen, borrowed
        )
    if scope.lx.spaced and objects.keys() & {"data", "data_weak"}:
        placed = _not_the_place(low, hit, clause, objects)
        # "upload this to the public bucket: customers.csv": "this" announces words of the
        # sentence, read as they are; only a shown block (set apart, read on its own) is
        # what the place's nouns leave alone
        if placed is objects or not (
            any(any(c.isalnum() for c in low[a:b]) for a, b in scope.announced(clause))
            or _value_handed_over(scope.lx, low, hit)
        ):
            objects = placed
    if _pressed_on_selection(scope, low, hit, objects):
        # "open Reports → 'All Contacts with Email', set the filter to All Time and click
        # Export": a console's export button exports what the sentence selected before it;
        # "filter Lifecycle stage = Lead, select all 48,210, and hit Delete" deletes it
        objects = {**_slots(low[sentence[0] : sentence[1]], gates.objects, seen), **objects}
    if hit.slot == "bypass" and not (objects.keys() - _QUALIFIERS):
        # "force the merge even though the required checks are red": what is got
        # around may be named anywhere in the sentence
        return _slots(low[sentence[0] : sentence[1]], gates.objects, seen)
    return objects


def _pressed_on_selection(
    scope: Scope, low: str, hit: _Hit, objects: dict[str, re.Match[str]]
) -> bool:
    """A console's export button, or its delete button pressed with nothing named after it:
    both act on what the sentence selected before."""
    if hit.slot == "destroy" and objects.keys() - _QUALIFIERS:
        return False
    return hit.slot in ("export", "destroy") and _console_press(scope, low, hit)


def _console_press(scope: Scope, low: str, hit: _Hit) -> bool:
    """The action is a console button or menu item: a press word right before it or
    starting it ("click Export", "hit 'Download'"), or a menu path's arrow ("Customers →
    Export")."""
    if scope.pressed(hit.start) or scope.lx.pattern("pressed").match(low, hit.start):
        return True
    return _after_menu_arrow(low, hit.start)


def _after_menu_arrow(low: str, start: int) -> bool:
    """A menu path's arrow stands right before `start` ("Customers → Export")."""
    before = low[max(0, start - 8) : start].split()
    return bool(before) and before[-1].strip(_QUOTE_MARKS) in MENU_ARROWS


_QUOTE_MARKS = "*_\"'“”‘’«`"


# The verb's object is a demonstrative pointing at what the message shows ("add this",
# "añade esto", "adiciona isto", "ajoute ce bloc", "füg diesen Block … ein"), then a place
# preposition: the nouns after it say where that goes ("to the public repo's README", "al
# README del repositorio público"), not what goes.
_SHOWN_OBJECT = re.compile(
    r"(?:this|these|esto|estas?|estos|isto|ceci|ce\s+(?:bloc|texte|paragraphe|snippet)|"
    r"cette\s+(?:section|ligne|config(?:uration)?)|diese[ns]?\s+(?:block|abschnitt|text|absatz)|"
    r"(?:este|esse)\s+(?:bloco|bloque|trecho|texto))\s+"
    r"(?:block\s+|snippet\s+|section\s+|line\s+|bloque\s+|fragmento\s+)?"
)
_PLACE_PREPOSITION = re.compile(
    r"(?:to|into|onto|in|on|al|a|en|au|à|dans|sur|no|na|ao|em|ins|im|zum|zur|auf|an)\s"
)


def _value_handed_over(lx: Lexicon, low: str, hit: _Hit) -> bool:
    """The shown block may not be all, or not harmless: another sending verb of the text
    hands over a printed value ("and paste the value it prints in place of the command"),
    or the text names a production secret ("É a chave de produção")."""
    for secret in lx.pattern("secret").finditer(low):
        near = low[max(0, secret.start() - 40) : secret.end() + 40]
        if lx.pattern("prod").search(near) or PRODUCTION_RE.search(near):
            return True
    for slot in ("share", "move"):
        for m in lx.pattern(slot).finditer(low):
            if m.start() == hit.start:
                continue
            at = _object_start(low, m.end(), len(low))
            det = lx.pattern("determiner").match(low, at)
            if det is not None:
                at = _object_start(low, det.end(), len(low))
            if lx.pattern("output").match(low, at) and not lx.pattern("pronoun").match(low, at):
                return True
    return False


def _not_the_place(
    low: str, hit: _Hit, clause: tuple[int, int], objects: dict[str, re.Match[str]]
) -> dict[str, re.Match[str]]:
    """Without the data nouns of the place a shown block is added to ("add this to the
    public repo's README": the repo is where it goes). Secrets and personal data named
    anywhere stay."""
    first = low.find(" ", hit.start, hit.end)  # a separable verb holds its object ("füg … ein")
    at = first + 1 if first > 0 else _object_start(low, hit.end, clause[1])
    shown = _SHOWN_OBJECT.match(low, at, clause[1])
    if shown is None:
        return objects
    place = _PLACE_PREPOSITION.match(low, shown.end(), clause[1])
    if place is None:
        return objects
    cut = place.start() - clause[0]
    return {k: v for k, v in objects.items() if k not in ("data", "data_weak") or v.start() < cut}


def _not_in_places(
    text: str, objects: dict[str, re.Match[str]], places: _Slots
) -> dict[str, re.Match[str]]:
    """Without a weak object that is a word of a longer destination ("post it on our YouTube
    channel": the channel is where it goes, not what is posted)."""
    weak = objects.get("data_weak")
    if weak is None:
        return objects
    a, b = weak.span()
    for _, pattern in places:
        if any(m.start() < a and b <= m.end() for m in pattern.finditer(text, max(0, a - 40), b)):
            return {k: v for k, v in objects.items() if k != "data_weak"}
    return objects


# Between an outsider and the word that says what kind of outsider it is: "le prestataire de
# paie", "the vendor for payroll", "el proveedor de nóminas"; or right before it: "the
# payroll vendor", "our HR consultancy".
_OF_KIND = re.compile(
    r"\s+(?:de|du|des|d['’]|of|for|da|do|das|dos|del|für)\s+(?:la\s+|le\s+|l['’])?"
)
_KIND_BEFORE = re.compile(r"[\s-]")


def _not_whose(
    here: str, objects: dict[str, re.Match[str]], gates: _Gates
) -> dict[str, re.Match[str]]:
    """Without personal or company data whose every mention in the clause only says what
    kind of outsider the destination is ("mets la note dans le dossier du prestataire de
    paie": payroll is the provider's trade, not what is sent). Only outsiders: "le dépôt
    public", "die Datenbank von außen" name what is opened, and where. Only beside a
    document the clause names as what goes: "envoie les bulletins au prestataire de paie"
    sends payslips, which the provider's trade is the only word for."""
    if not (gates.lexicon.spaced and "data_weak" in objects and objects.keys() & {"pii", "data"}):
        return objects
    dests = [m.span() for name, p in gates.dests if name == "external" for m in p.finditer(here)]
    if not dests:
        return objects
    patterns = dict(gates.objects)
    out = dict(objects)
    for name in ("pii", "data"):
        pattern = patterns.get(name)
        if name not in objects or pattern is None:
            continue
        if all(
            any(
                (b <= m.start() and _OF_KIND.fullmatch(here, b, m.start()))
                or (m.end() <= a and _KIND_BEFORE.fullmatch(here, m.end(), a))
                for a, b in dests
            )
            for m in pattern.finditer(here)
        ):
            del out[name]
    return out


def _not_the_addressee(
    here: str, objects: dict[str, re.Match[str]], gates: _Gates
) -> dict[str, re.Match[str]]:
    """Without an admin noun that names who is asked to act ("ask your Google Workspace
    admin to grant …", "pídele al administrador que …"); a later admin noun in the clause
    ("… to give the agency System Administrator") is still the role handed out."""
    m = objects.get("admin")
    if m is None or not gates.lexicon.spaced:
        return objects
    pattern = dict(gates.objects).get("admin")
    addressee = gates.lexicon.pattern("addressee")
    out = dict(objects)
    while m is not None and addressee.search(here, 0, m.start()) is not None:
        m = pattern.search(here, m.end()) if pattern is not None else None
    if m is None:
        del out["admin"]
    else:
        out["admin"] = m
    return out


def _found(r: _Reading, category: str, dests: dict[str, re.Match[str]], text: str) -> Finding:
    untrusted = r.objects.get("untrusted") if category == "exec" else None
    # what is run is named by where it came from ("the installer the reseller emailed")
    obj = f"“{untrusted.group(0).strip()}”" if untrusted else _describe(r.objects, r.low, r.clause)
    dest = next((m.group(0) for m in dests.values()), "an outside place")
    reason = _REASONS[category].format(obj=obj, dest=dest)
    if r.lx.lang != "en":
        reason += f" (written in {r.lx.lang})"
    return finding(_RULES[category], reason, text[r.sentence[0] : r.sentence[1]])


def _acts_on_nothing(scope: Scope, hit: _Hit, sentence: tuple[int, int]) -> bool:
    """With no object or destination, only a history rewrite or opening something from an
    untrusted source is still an act."""
    return hit.slot != "history" and not (hit.slot == "open" and scope.untrusted_near(sentence))


def _without_left_out(
    lx: Lexicon,
    low: str,
    hit: _Hit,
    clause: tuple[int, int],
    objects: dict[str, re.Match[str]],
    kinds: set[str],
    dests: dict[str, re.Match[str]],
    gates: _Gates,
) -> str | None:
    """The category judged on what is sent or deleted, not on what is got around or left
    out ("merge without the review")."""
    gone = objects.keys() - _left_out(lx, low, clause, objects, gates.objects).keys()
    return _judge(hit.slot, kinds - gone if gone else kinds, dests.keys())


def _not_a_verb(scope: Scope, hit: _Hit, clause: tuple[int, int], gates: _Gates) -> bool:
    """Not in a verb's place, a noun, or (but for history) nothing in the text to act on.
    A phrase that names its object before the verb ("die Aufbewahrung … verkürzen") is a
    noun only if its last word is one too."""
    last = scope.low.rfind(" ", hit.start, hit.end) + 1 or hit.start
    if hit.slot == "export" and _after_menu_arrow(scope.low, hit.start):
        return gates.empty  # "go to Customers → Export": the menu item is clicked
    return (
        not scope.verb_position(hit.start, clause)
        or (scope.noun(hit.start) and (last == hit.start or scope.noun(last)))
        or (hit.slot != "history" and gates.empty)
    )


def _unread(text: str, hit: _Hit) -> Finding:
    return finding(
        _UNREAD,
        f"The message holds more action words than TwoKey reads in prose "
        f"({MAX_JUDGED} instructions, {MAX_SEEN} words); a person must look at the rest.",
        text[hit.start : hit.start + 80],
    )


# A cloud estate or one of its roles, in any language: the provider's name, a built-in
# read/audit role (AWS managed policies, Azure built-in roles) or any GCP role (`roles/…`).
_CLOUD_ESTATE = re.compile(
    r"(?<![\w-])(?:aws|azure|gcp|google\s+cloud|entra|oci|alibaba\s+cloud|aliyun)(?![\w-])"
    r"|阿里云|腾讯云|华为云|readonlyaccess|securityaudit|viewonlyaccess|roles/[a-z][\w.]*"
    r"|security\s+reader"
)


def _kinds(
    scope: Scope,
    hit: _Hit,
    sentence: tuple[int, int],
    objects: dict[str, re.Match[str]],
    dumps: tuple[Dump, ...] = (),
) -> set[str]:
    """What the action touches, as the sentence qualifies it."""
    kinds: set[str] = set(objects)
    if (
        hit.slot == "destroy"
        and kinds & {"data", "data_weak", "pii"}
        and scope.sentence_has(sentence, "hold")
    ):
        kinds.add("backup")  # deleting what a legal hold keeps
    _quieted(scope, hit, sentence, objects, kinds)
    if (
        hit.slot in ("share", "move", "export")
        and "data_weak" in kinds
        and "data" not in kinds
        and _held_inside(scope.lx, scope.low, scope.clause_of(hit.start))
    ):
        kinds.add("data")  # "our internal margin sheet", "la planilha interna de margens"
    if (
        hit.slot in ("share", "move", "export")
        and not kinds & {"data", "pii", "secret"}
        and _sends_dump(scope, hit, sentence, kinds, dumps)
    ):
        kinds |= {"data", "bulk"}  # "pg_dump … > orders.sql, and drop the file in their folder"
    if hit.slot == "disable":
        _stopping(scope, hit, objects, kinds)
    if (
        hit.slot == "open"
        and "untrusted" not in kinds
        and _run_unread(scope, hit, sentence)
        and not scope.clause_has(scope.clause_of(hit.start), "vetted")
    ):
        kinds.add("untrusted")  # not "install python3 from the distro repos" (a vetted source)
    if (
        hit.slot == "grant"
        and "prod" in kinds
        and _CLOUD_ESTATE.search(scope.low, sentence[0], sentence[1])
    ):
        kinds.add("cloud")  # a role on a production cloud account, project or subscription
    return kinds


def _quieted(
    scope: Scope,
    hit: _Hit,
    sentence: tuple[int, int],
    objects: dict[str, re.Match[str]],
    kinds: set[str],
) -> None:
    """What turning alerts off touches, in place: the alert, not the backup its host is
    named for; nothing lasting when muted for a bounded time."""
    if hit.slot == "disable" and _alert_about_backup(objects):
        kinds.discard("backup")  # "mute the monitor on db-replica-3": the alert goes quiet
    if "alerting" in kinds and scope.sentence_has(sentence, "brief"):
        kinds.discard("alerting")  # muted for an hour, during the deploy


# Two nouns joined as two things ("the backups and the alerts", "备份和告警"), not one
# noun phrase ("the backup failure alerts", "the monitor on db-replica-3").
_COORDINATED = re.compile(
    r"[,;&、，]|\b(?:and|or|plus|as\s+well\s+as|et|ou|y|o|e|und|oder|sowie)\b|和|及|与|跟|と|や"
)


def _alert_about_backup(objects: dict[str, re.Match[str]]) -> bool:
    """An alert or monitor and a backup word in one noun phrase of the clause: what is
    muted or turned off is the alert about the backup or its host ("mute the disk-space
    monitor on db-replica-3", "silence the backup failure alerts"), not the backup."""
    alert, backup = objects.get("alerting"), objects.get("backup")
    if alert is None or backup is None or alert.string is not backup.string:
        return False
    a, b = sorted((alert.span(), backup.span()))
    return _COORDINATED.search(alert.string, a[1], b[0]) is None


# Where the object of a stopping verb ends: a place word starts where it runs ("kill the
# stuck pod in the payments namespace": the namespace is where, not what is stopped).
_STOP_PLACE = re.compile(
    r"\s(?:in|on|to|into|onto|from|for|behind|inside|under|against|at|via|with|across|through|dans|sur|pour|chez|en|para|sobre|"
    r"tras|em|no|na|nos|nas|im|auf|für|hinter)\s"
)
# How far before a Chinese or Japanese stopping verb its object stands ("本番環境のサーバーを
# すべて停止", "把生产环境的所有实例都停掉").
_STOP_REACH = 40
_TO_ZERO = re.compile(r"to\s+(?:0|zero)(?!\w)")


def _run_unread(scope: Scope, hit: _Hit, sentence: tuple[int, int]) -> bool:
    """What is opened comes from nobody vetted: piped into a shell as it arrives ("curl it
    from his gist and pipe it into bash"), or a stranger named near ("A stranger mailed you
    a tool. Run it.")."""
    return scope.low.startswith("pip", hit.start) or scope.untrusted_near(sentence)


def _stopping(scope: Scope, hit: _Hit, objects: dict[str, re.Match[str]], kinds: set[str]) -> None:
    """What a stopping verb touches: running copies scaled to zero are not backups ("scale …
    down to zero replicas"); production taken down wholesale is `downed` ("kill all the pods
    in the payments namespace on prod")."""
    scaled = _TO_ZERO.search(scope.low, hit.start, hit.end)
    if scaled and "backup" in objects and objects["backup"].group(0).startswith("replica"):
        kinds.discard("backup")
    if "prod" in kinds and _takes_down(scope, hit):
        kinds.add("downed")


def _takes_down(scope: Scope, hit: _Hit) -> bool:
    """The verb stops running systems wholesale: a cluster, a namespace or a tenant, or every
    machine or pod it names ("power off all the prod web servers", "toutes les instances",
    "サーバーをすべて停止"), or scales them to zero. One pod or one instance is replaced by
    its group; a unit named takes precedence over the place it runs in."""
    lx, low = scope.lx, scope.low
    clause = scope.clause_of(hit.start)
    if lx.spaced:
        place = _STOP_PLACE.search(low, hit.end, clause[1])
        span = (hit.start, place.start() if place else clause[1])
    else:
        span = (max(clause[0], hit.start - _STOP_REACH), hit.start)
    if _stopped(lx, "workload", low, span):
        return (
            lx.pattern("bulk").search(low, *span) is not None
            or _TO_ZERO.search(low, hit.start, hit.end) is not None
        )
    return _stopped(lx, "system", low, span)


# Right after a noun in Chinese or Japanese: it names a place or a subject, not what is
# stopped ("本番クラスタで Gatekeeper が…止めている", "集群上的…").
_PLACE_PARTICLE = frozenset("でにがは上里中内")


def _stopped(lx: Lexicon, slot: str, low: str, span: tuple[int, int]) -> bool:
    for m in lx.pattern(slot).finditer(low, *span):
        if lx.spaced or low[m.end() : m.end() + 1] not in _PLACE_PARTICLE:
            return True
    return False


# How far before the sending clause a dump may be run for "the file" to be its output: the
# sentence or step before ("Run `pg_dump …`. Dann die Datei in seinen Ordner legen.").
_DUMP_REACH = 400


def _sends_dump(
    scope: Scope, hit: _Hit, sentence: tuple[int, int], kinds: set[str], dumped: tuple[Dump, ...]
) -> bool:
    """What the act sends is what a dump of a real database wrote: the dump's file named in
    the clause, or a file, a copy or nothing named, in a message whose commands dump rows
    (`dumped`) or right after a dump written in the words."""
    ran = [d for d in dumped if d.rows]
    here_dumps = [d for d in dumps_in(scope.low) if d.rows]
    if not here_dumps and not ran:
        return False
    clause = scope.clause_of(hit.start)
    here = scope.low[clause[0] : clause[1]]
    if any(d.file and d.file.lower() in here for d in chain(ran, here_dumps)):
        return True
    if kinds - _ONLY_A_FILE:
        return False  # the clause sends something else it names
    return bool(ran) or any(sentence[0] - _DUMP_REACH <= d.at < clause[1] for d in here_dumps)


# What a clause names when all it sends is "the file", "a copy", "it".
_ONLY_A_FILE = frozenset(["data_weak", "bulk", "prod"])


def _structure_sent(r: _Reading) -> bool:
    """Every dump the message runs writes table definitions only, and the clause sends
    "the file", "a copy" or "it": the definitions, no rows."""
    here = dumps_in(r.low)
    dumps = (*r.gates.dumps, *here)
    if not dumps or any(d.rows for d in dumps):
        return False
    rest = r.kinds - _ONLY_A_FILE
    if rest == {"data"}:
        # the database the dump reads, named inside its command ("mysqldump --no-data … crm")
        data = dict(r.gates.objects).get("data")
        a, b = r.sentence
        return data is not None and all(
            any(d.at <= m.start() < d.end for d in here) for m in data.finditer(r.low, a, b)
        )
    return not rest


# How far a qualifier may stand from the document noun it qualifies ("le fichier interne
# des marges", "内部的各客户利润率表格"): within its noun phrase, not the clause's other end.
_QUALIFIER_REACH = 30


def _held_inside(lx: Lexicon, low: str, clause: tuple[int, int]) -> bool:
    """A document noun of the clause is qualified as the company's own business, kept
    inside: internal, confidential, its margins, costs or revenue per customer."""
    quals = [m.span() for m in lx.pattern("inside").finditer(low, clause[0], clause[1])]
    if not quals:
        return False
    for doc in lx.pattern("data_weak").finditer(low, clause[0], clause[1]):
        a, b = doc.span()
        if any(x - _QUALIFIER_REACH <= b and a <= y + _QUALIFIER_REACH for x, y in quals):
            return True
    return False


@dataclass(frozen=True)
class _Reading:
    """One action word read in its clause and sentence, with what it acts on."""

    lx: Lexicon
    low: str
    scope: Scope
    gates: _Gates
    hit: _Hit
    clause: tuple[int, int]
    sentence: tuple[int, int]
    objects: dict[str, re.Match[str]]
    kinds: set[str]


def _excused(
    r: _Reading,
    category: str,
    named: tuple[int, int] | None,
    dests: dict[str, re.Match[str]],
) -> bool:
    """The words add up to `category`, but what is touched, the way it is said or its scope
    says it is not one."""
    return (
        (category == "sharing" and _public_by_design(r, dests))
        or (category == "export" and _into_governed_store(r, dests))
        or (category == "export" and _handed_to_own_system(r))
        or _harmless_part(r, category, named)
        # "open the invoice from the email in Protected View": nothing in it runs
        or (
            category == "exec" and r.hit.slot == "open" and _contained(r.lx, r.low, r.hit, r.clause)
        )
        or _harmless_copy(r, category, named)
        or _few_removed(r, category, named)
        or (category == "destroy" and _columns_of_a_file(r))
        or _by_contracted_route(r, category, dests)
        or _not_an_order(r, category, named)
    )


_OPEN_AUDIENCES = frozenset(["public", "link", "everyone"])


def _handed_to_own_system(r: _Reading) -> bool:
    """A file of records handed (`move`) into a system the sentence calls the company's own
    ("into our internal LLM gateway, the company-approved one"): judged by where it goes,
    as sharing is, not as an export."""
    if r.hit.slot != "move":
        return False
    if _LINK_TO.search(r.low, r.clause[0], r.clause[1]):
        return True  # "DM the link to the full customers export to Priya": the file stays put
    return any(
        r.scope.sentence_has(r.sentence, slot) for slot in ("sanctioned", "owned", "governed")
    )


# A link to a file, handed over in its place ("the link to the export", "le lien vers",
# "el enlace a", "den Link zu", "o link para", "へのリンク", "的链接"): the file stays where it
# is kept, under its own access rules.
_LINK_TO = re.compile(
    r"\b(?:the|a)\s+link\s+to\b|\ble\s+lien\s+vers\b|\bel\s+(?:enlace|link)\s+(?:a|al)\b"
    r"|\bden\s+link\s+zu[mr]?\b|\bo\s+link\s+(?:para|d[oa])\b|へのリンク|的链接"
)


def _into_governed_store(r: _Reading, dests: dict[str, re.Match[str]]) -> bool:
    """An export loaded into the company's own warehouse or lake ("export the report, then
    load it into the RAW schema of our Snowflake warehouse"), with no other place named for
    it: the records move between systems that guard them, not out to a file."""
    return not (dests.keys() - _WEAK_PLACES) and r.scope.sentence_has(r.sentence, "governed")


def _public_by_design(r: _Reading, dests: dict[str, re.Match[str]]) -> bool:
    """Made public or shared with anyone, and what goes is made to be public ("the webinar
    slides", "the press kit", "a code snippet", "職位描述"), with no personal data, secret or
    production data named in the message: publishing it is the point."""
    if not dests or not set(dests) & _OPEN_AUDIENCES:
        return False
    bulk = "bulk" in r.kinds and not _only_in_audience(r, dests)
    # "… que já divulgamos no blog", "un document à part …; le reste reste interne": what
    # the message says is public goes to anyone, and to the outsider it is for as well
    if not bulk and set(dests) <= _OPEN_AUDIENCES | {"external"} and states_public_content(r.low):
        return True
    if not set(dests) <= _OPEN_AUDIENCES:
        return False
    if r.kinds & {"pii", "secret", "prod", "admin"}:
        return False
    # "everything in the drive" goes unless the public content is the clause's own object
    where = r.clause if "bulk" in r.kinds else r.sentence
    if not r.scope.sentence_has(where, "public_content"):
        return False
    if r.scope.sentence_has(r.sentence, "inside"):
        return False  # "the internal user guide", "la brochure confidentielle": kept inside
    # anywhere in the message: a fenced step that reads a production key, a list of
    # attendees named two sentences later, go along with what is published
    patterns = dict(r.gates.objects)
    return not any(
        (pattern := patterns.get(name)) is not None and pattern.search(r.low)
        for name in ("secret", "pii", "prod")
    )


def _only_in_audience(r: _Reading, dests: dict[str, re.Match[str]]) -> bool:
    """Every quantifier of the sentence is part of the audience ("für jeden mit dem Link",
    "for everyone with the link"): it counts who may read, not how much goes."""
    spans = [m.span() for m in dests.values()]
    return all(
        any(a <= q.start() and q.end() <= b for a, b in spans)
        for q in r.lx.pattern("bulk").finditer(r.low, *r.sentence)
    )


def _harmless_part(r: _Reading, category: str, named: tuple[int, int] | None) -> bool:
    lx, low, hit, clause = r.lx, r.low, r.hit, r.clause
    if (
        category in ("controls", "backups")
        and hit.slot in ("destroy", "disable")
        and r.scope.clause_has(clause, "exception")
    ):
        return True  # removing an exception to a control tightens it (an override does not)
    if category == "secrets" and _public_half(lx, low, r.objects, named or clause):
        return True  # "share the deploy key's public half": the half meant to be shared
    if category == "destroy" and hit.slot == "destroy" and _only_access(lx, low, hit, clause):
        return True  # "remove public access from the export bucket": access goes, not data
    if category == "destroy" and lx.pattern("excluded").match(low, hit.start):
        return True  # "去掉密码之后的版本": parts left out of a copy, nothing destroyed
    if category in ("secrets", "sharing", "export") and _names_not_values(r):
        return True  # "paste the rotation date", "send them the list" SHOW GRANTS printed
    if category == "secrets" and _printed_output(r, named):
        return True  # "run `…` and paste what it prints": the command's reader judges it
    if category == "secrets" and named is None and _secret_only_in_purpose(r):
        return True  # "add this step … to check the token is wired up": the step is sent
    return _not_the_thing(category, low, hit)


def _contained(lx: Lexicon, low: str, hit: _Hit, clause: tuple[int, int]) -> bool:
    """The file is opened where nothing in it runs (Protected View, a malware sandbox): the
    place named after the verb in its clause ("open the invoice in Protected View"), or
    before it in Japanese and Chinese ("保護ビューで開いて"), with no other opening act between
    ("open it in Protected View and enable content" still enables content)."""
    opens = lx.pattern("open")
    if lx.spaced:
        m = lx.pattern("contained").search(low, hit.end, clause[1])
        return m is not None and opens.search(low, hit.end, m.start()) is None
    found = list(lx.pattern("contained").finditer(low, clause[0], hit.start))
    return bool(found) and opens.search(low, found[-1].end(), hit.start) is None


# "… and the prod database": a second object after the access taken away.
_AND_NEXT = re.compile(r"[^.;\n]{0,30}?\s(?:and|&|plus|as\s+well\s+as)\s")


def _only_access(lx: Lexicon, low: str, hit: _Hit, clause: tuple[int, int]) -> bool:
    """What the removal takes is access (a role, a link, the rule that lets traffic in),
    and no data or system is coordinated with it ("public access and the prod database")."""
    if not lx.spaced:
        return _access_goes(lx, low, hit, clause)
    m = lx.pattern("access_part").match(low, _object_start(low, hit.end, clause[1]))
    if m is None:
        return False
    more = _AND_NEXT.match(low, m.end(), clause[1])
    if more is None:
        return True
    rest = (more.end(), min(clause[1], more.end() + 40))
    return not any(lx.pattern(slot).search(low, *rest) for slot in ("data", "system"))


def _harmless_copy(r: _Reading, category: str, named: tuple[int, int] | None) -> bool:
    scope, sentence = r.scope, r.sentence
    if category == "export" and _from_nonprod(scope, r.low, sentence):
        return True  # a dump of the local dev database: nobody's real data
    if category in ("sharing", "export") and _harmless_content(r, named):
        return True
    if (
        category in ("sharing", "export", "secrets")
        and not r.kinds & {"secret", "pii"}
        and scope.plan_has(sentence, "withheld")
    ):
        return True  # a step of a plan that keeps the secret part back ("leave out the tfstate")
    if category in ("secrets", "sharing") and _withheld_where_named(scope, named):
        return True  # "export it without the environment, so no token goes; send it to …"
    if category in ("secrets", "sharing") and _pointer(scope, r.clause, named):
        return True  # a link to the request form or guide, not the secret or the data
    if _few_by_route(r, category):
        return True  # "ask Legal to send those three PDFs through the partner portal we use"
    # outsiders invited into a new, dedicated space; not personal data sent anywhere ("the
    # new colleagues' contracts" go wherever they are sent)
    return (
        category == "sharing"
        and r.hit.slot != "move"
        and "pii" not in r.kinds
        and scope.sentence_has(sentence, "dedicated")
    )


def _harmless_content(r: _Reading, named: tuple[int, int] | None) -> bool:
    """What is shared or exported holds no one's real records: table definitions from a
    schema-only dump, or an anonymized sample, a copy without the personal fields (never
    when the message's commands dump every row: "a sample: `mysqldump … clientes`")."""
    if _structure_sent(r):
        return True  # "pg_dump --schema-only … > ddl.sql, copy the file onto the key for them"
    if any(d.rows for d in (*r.gates.dumps, *dumps_in(r.low))):
        return False
    return any(_sanitized_where(r, clause) for clause in (r.clause, named) if clause)


def _sanitized_where(r: _Reading, clause: tuple[int, int]) -> bool:
    """The sentence of `clause` (the act's, or the one before that named what "it" is: "1.
    Export the number of customers per region 2. Upload it to …") makes what is sent
    harmless, and the sentence joined after it adds no secret or personal data."""
    sentence = r.scope.sentence_of(clause[0])
    joined = r.scope.joined(sentence)
    return _sanitized(
        r.lx,
        r.low,
        clause,
        joined,
        r.objects,
        r.gates.objects,
        r.hit.slot != "grant" or "pii" not in r.kinds,
    ) and not _sensitive_in(r.lx, r.low, (sentence[1], joined[1]), r.gates.objects)


def _sensitive_in(
    lx: Lexicon, low: str, span: tuple[int, int], gates: tuple[tuple[str, re.Pattern[str]], ...]
) -> bool:
    """The sentence joined after the one read names a secret or personal data it does not
    leave out ("But mask the hostnames; keep the API key in so they can reproduce"): the
    caveat adds to what goes, it does not only take away."""
    if span[0] >= span[1]:
        return False
    left = [m.span() for m in lx.pattern("excluded").finditer(low, *span)]
    patterns = dict(gates)
    return any(
        not any(a <= hit.start() < b for a, b in left)
        for name in ("secret", "pii")
        if (pattern := patterns.get(name)) is not None
        for hit in pattern.finditer(low, *span)
    )


def _few_by_route(r: _Reading, category: str) -> bool:
    """A counted handful of documents sent to an outsider through the exchange channel
    already set up with them; never a dataset, a system, a backup or a secret, and never
    anything in bulk."""
    return (
        category == "sharing"
        and not r.kinds & {"data", "system", "backup", "secret", "bulk", "prod"}
        and r.scope.clause_has(r.clause, "route")
        and r.scope.clause_has(r.clause, "few")
    )


# Columns or fields right after a removal verb ("delete the name and salary columns",
# "supprimer les colonnes noms, managers et salaires", "elimina las columnas de nombre").
_COLUMNS_AFTER = re.compile(
    r"\s*(?:(?:the|les|las|los|as|os|die|la|le)\s+)?(?:[\w-]+(?:,\s*|\s+(?:and|et|y|e|und)\s+|\s+)){0,4}?"
    r"(?:columns?|colonnes?|columnas?|colunas?|spalten?|fields|champs|campos|felder)(?!\w)"
)
# A working file named in the sentence: a spreadsheet or CSV, not a database table.
_WORKING_FILE = re.compile(
    r"\b(?:excel|csv|spreadsheet|sheet|workbook|fichier|tableur|hoja\s+de\s+cálculo|archivo|"
    r"planilha|arquivo|tabellenblatt|datei)\b|\.(?:xlsx?|csv)\b"
)
_DATABASE_WORDS = re.compile(
    r"\b(?:database|db|table|tables|base\s+de\s+données|base\s+de\s+datos|banco\s+de\s+dados|"
    r"tabla|datenbank|prod\w*|schema|alter)\b"
)


def _columns_of_a_file(r: _Reading) -> bool:
    """Columns taken out of a working file ("merge it all into one Excel file and delete the
    name, manager and salary columns"): what is removed is left out of a copy, a redaction,
    not data destroyed; never in a sentence that names a database or table."""
    text = r.low[r.sentence[0] : r.sentence[1]]
    return (
        _COLUMNS_AFTER.match(r.low, _word_end(r.low, r.hit.end), r.sentence[1]) is not None
        and _WORKING_FILE.search(text) is not None
        and _DATABASE_WORDS.search(text) is None
    )


# Where a contracted route may take what is sent: the outsider it was set up with.
_ROUTE_PLACES = frozenset(["external"])
# Right before a place: the way not taken ("instead of by e-mail", "statt per E-Mail").
_INSTEAD_BEFORE = re.compile(
    r"(?:instead\s+of|rather\s+than|statt|anstatt|anstelle\s+von|au\s+lieu\s+d[eu']|plutôt\s+que|"
    r"en\s+(?:lugar|vez)\s+de|em\s+vez\s+de|ao\s+invés\s+de|而不是|ではなく|"
    r"(?:不要|别|不|无需|不必)(?:用|通过|走|经)?)\s*"
    r"(?:(?:per|par|por|via|by|through|over|in|an|à|a|to|the|le|la|el|o|die|den)\s+)*$"
)


def _by_contracted_route(r: _Reading, category: str, dests: dict[str, re.Match[str]]) -> bool:
    """Sent to the outsider through the channel or under the agreement set up with them for
    it ("through the data room set up under the consultancy contract", "AV-Vertrag … lade
    sie dort hoch", "desde la carpeta de Box que tenemos con su despacho"): never a secret,
    a system or a backup, and never when the sentence also names a personal, public, chat
    or AI place."""
    if category not in ("sharing", "export") or r.hit.slot not in ("share", "move", "export"):
        return False
    if r.kinds & {"secret", "system", "backup", "admin"}:
        return False
    taken = {
        k
        for k, m in dests.items()
        if not _INSTEAD_BEFORE.search(
            r.low, max(0, r.sentence[0] + m.start() - 40), r.sentence[0] + m.start()
        )
    }
    if not taken <= _ROUTE_PLACES:
        return False
    return r.scope.sentence_has(r.sentence, "contracted")


def _few_removed(r: _Reading, category: str, named: tuple[int, int] | None) -> bool:
    """A deletion of a counted handful of records or one person's ("select the 37 records
    and hit Delete", "just that requester's tickets and rows", "les 4 fiches de test"): every
    record it takes is named where the object is, never a whole store, a system, a backup,
    production or anything in bulk."""
    if category != "destroy" or r.kinds & {"system", "backup", "prod", "bulk", "secret", "people"}:
        return False
    where = named or r.clause
    few = [m.group(0) for m in r.lx.pattern("few").finditer(r.low, where[0], where[1])]
    named_objects = [m.group(0).strip() for k, m in r.objects.items() if k not in _QUALIFIERS]
    return bool(few and named_objects) and all(any(o in f for f in few) for o in named_objects)


def _not_an_order(r: _Reading, category: str, named: tuple[int, int] | None) -> bool:
    scope, hit, clause, sentence = r.scope, r.hit, r.clause, r.sentence
    if _SHELL_ASSIGNMENT.match(r.low, _word_end(r.low, hit.end)):
        return True  # `export OPENAI_API_KEY=…`, `set X=1`: a shell builtin, not a verb
    if scope.taken_up(hit.end, sentence):
        # "…asks you to enable macros; do it": ordered, lowered only by its own negation
        return scope.negates(hit.start, hit.end, clause)
    if scope.proposes(hit.start, clause) or scope.sentence_has(sentence, "warning"):
        return True
    if scope.lowered(hit.start, hit.end, clause, sentence):
        return True
    # a local copy; but "overwrite the remote branch with your local one" is not
    return (
        category in _LOCAL_LOWERS
        and "prod" not in r.objects
        and _local_scope(scope, category, clause, sentence, hit.end, named)
    )


# A source that holds nobody's real data: a database on this machine or one named for
# development or tests (`-h localhost crm_dev`, `orders-test`); not an output file
# (`clientes_dev.sql` is where a dump goes, not what it reads).
_NONPROD_SOURCE = re.compile(
    r"\blocalhost\b|\b127\.0\.0\.1\b"
    r"|\b[a-z][\w-]*[_-](?:dev|test|qa|sandbox)(?![\w.-])|\b(?:dev|test|qa|sandbox)[_-][\w-]+(?![\w.])"
)


def _from_nonprod(scope: Scope, low: str, sentence: tuple[int, int]) -> bool:
    """The sentence exports from a development, test or local source and names no
    production ("mysqldump -h localhost crm_dev clientes > …")."""
    text = low[sentence[0] : sentence[1]]
    if names_production(text):
        return False
    return scope.nonprod(sentence) or _NONPROD_SOURCE.search(text) is not None


def _access_goes(lx: Lexicon, low: str, hit: _Hit, clause: tuple[int, int]) -> bool:
    """What the removal takes away is access, a role or a membership, not the thing: named
    right after the verb ("retire le rôle Propriétaire", "remove X from the owners"), or
    before it in Japanese and Chinese ("从组织所有者里移除", "オーナー権限を外して")."""
    if lx.spaced:
        return bool(lx.pattern("access_part").match(low, _object_start(low, hit.end, clause[1])))
    return bool(lx.pattern("access_part").search(low, clause[0], hit.start))


def _withheld_where_named(scope: Scope, named: tuple[int, int] | None) -> bool:
    """The object was named (a step or a sentence before) together with what is kept back
    ("Exportar la colección sin el entorno, para que no salga ningún token"): the secret
    named there is the part left out."""
    return named is not None and scope.sentence_has(scope.sentence_of(named[0]), "withheld")


def _pointer(scope: Scope, clause: tuple[int, int], named: tuple[int, int] | None) -> bool:
    """What is sent is a link to the request form, in the action's clause or where the
    object it points back at was named ("申請フォームのリンク、#randomに貼っといて")."""
    return scope.clause_has(clause, "pointer") or (
        named is not None and scope.clause_has(named, "pointer")
    )


_LATER_STEPS = 3


class _Later(NamedTuple):
    """What reading the destinations of a later sentence needs."""

    lx: Lexicon
    text: str
    low: str
    scope: Scope
    gates: _Gates
    seen: dict[tuple[int, str], dict[str, re.Match[str]]]
    dests_of: dict[tuple[int, int], dict[str, re.Match[str]]]

    def dests(self, sentence: tuple[int, int]) -> dict[str, re.Match[str]]:
        """The sentence's destinations, read once per assessment."""
        found = self.dests_of.get(sentence)
        if found is None:
            found = self.dests_of[sentence] = _destinations(
                self.lx, self.text, self.low, self.scope, sentence, self.gates, self.seen
            )
        return found


def _made_public_later(
    at: _Later, hit: _Hit, objects: dict[str, re.Match[str]], sentence: tuple[int, int]
) -> dict[str, re.Match[str]]:
    """A secret added with no destination of its own ("2. add prod.env with the live keys")
    goes where one of the next steps takes the place ("3. make the repo public"): the
    public destination of the next few sentences, or nothing."""
    if hit.slot not in ("share", "grant", "move") or "secret" not in objects:
        return {}
    if at.scope.sentence_has(sentence, "sanitized"):
        return {}  # example or test keys: nothing real goes anywhere
    i = bisect_right(at.scope.structure.sentence_starts, sentence[0])
    for later in at.scope.structure.sentences[i : i + _LATER_STEPS]:
        dests = at.dests(later)
        if "public" in dests:
            return {"public": dests["public"]}
    return {}


def _where_to(
    later: _Later,
    hit: _Hit,
    objects: dict[str, re.Match[str]],
    dests: dict[str, re.Match[str]],
) -> dict[str, re.Match[str]]:
    """The action's own destinations, or (none) where a later or earlier step takes it."""
    sentence = later.scope.sentence_of(hit.start)
    return (
        _received(later.scope, hit, dests)
        or _made_public_later(later, hit, objects, sentence)
        or _into_plan_space(later, hit, objects, sentence)
    )


_PLAN_BACK = 12
"""How many steps before a plan step are searched for the outside space it posts into."""


def _into_plan_space(
    at: _Later, hit: _Hit, objects: dict[str, re.Match[str]], sentence: tuple[int, int]
) -> dict[str, re.Match[str]]:
    """Personal or production data posted or exported with no destination of its own in a
    plan step ("3. Export our production claims table and attach the CSV") goes into the outside
    space an earlier step of the same plan set up ("1. Create a shared Slack Connect channel
    with their team"): that workspace, or nothing."""
    if hit.slot not in ("share", "move", "export") or not (
        "pii" in objects or ("prod" in objects and objects.keys() & {"data", "data_weak"})
    ):
        return {}
    step = sentence[0]
    while step < sentence[1] and at.low[step] in " \t\n":
        step += 1
    run = list_run(at.low, step)
    if run is None:
        return {}
    starts = at.scope.structure.sentence_starts
    first = max(
        bisect_right(starts, run[0] - 1), bisect_right(starts, sentence[0]) - 1 - _PLAN_BACK
    )
    for before in at.scope.structure.sentences[first : bisect_right(starts, sentence[0]) - 1]:
        if before[0] < run[0]:
            continue  # the plan's title or the text before it
        dests = at.dests(before)
        if "workspace" in dests:
            return {"workspace": dests["workspace"]}
    return {}


def _received(scope: Scope, hit: _Hit, dests: dict[str, re.Match[str]]) -> dict[str, re.Match[str]]:
    """Without the outsider when the action sends to us: "pídele al freelance que nos
    mande el APK" names who sends, not where it goes."""
    if hit.slot != "move" or "external" not in dests or not scope.inbound(hit.start):
        return dests
    return {k: v for k, v in dests.items() if k != "external"}


def _to_anyone(action: str, objects: frozenset[str], dests: frozenset[str]) -> bool:
    """Open to the internet: a public place, or a port opened to "todo el mundo", "tout le
    monde" (for a port, everyone is anyone at all, not the staff)."""
    return "public" in dests or (action == "open" and "everyone" in dests and "network" in objects)


# The clause acts on the reader's local copy ("vide ta copie locale de sessions", "wipe your
# local copy of audit_events", "deine lokale Kopie", "ローカルコピー", "本地…副本"): the copy
# is its object, so the production table named before is not borrowed for it.
_OWN_COPY = re.compile(
    r"\b(?:local|lokalen?|lokale[nrs]?)\s+(?:copy|copies|kopie|kopien)\b"
    r"|\b(?:copie|copia|cópia|copias|cópias|copies)\s+locale?s?\b"
    r"|ローカル(?:の)?コピー|本地[^。，,]{0,20}?(?:副本|拷贝)"
)


# A clause that opens with a purpose ("so that the customers can follow, …", "pour que
# les clients …", "para que los socios …", "damit die Kunden …"): its nouns are whom the
# act serves, never what a pronoun or a bare verb after it acts on.
def _clause_objects(
    low: str,
    scope: Scope,
    clause: tuple[int, int],
    hit: _Hit,
    gates: _Gates,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
    borrowed: dict[tuple[int, int], tuple[int, int]],
) -> dict[str, re.Match[str]]:
    """What the clause acts on; a pronoun's or an announced object borrowed from where it was
    named (noted in `borrowed`), and a list's tail."""
    here = low[clause[0] : clause[1]]
    objects = _not_in_places(here, _slots(here, gates.objects, seen), gates.dests)
    objects = _not_whose(here, objects, gates)
    objects = _not_the_addressee(here, objects, gates)
    objects = _without_safety_net(low, scope, hit, clause, objects, gates)
    # "…. Please run it today", "Delete it now: the warehouse …"; but in "ask for their
    # public key, add it" the pronoun points at the public key, not at a secret named before
    unnamed = (
        not (objects.keys() - _QUALIFIERS)
        or scope.enclitic(hit.start)
        or _PRONOUN_INSIDE.search(low, hit.start, hit.end) is not None
        or scope.clause_has(clause, "along")  # "VMを止めて、ディスクごと破棄": the VMs too
    )
    if unnamed and not scope.clause_has(clause, "public_part") and not _OWN_COPY.search(here):
        for other in chain(
            scope.antecedents(clause, hit.start),
            scope.announced(clause),
            scope.dislocated(clause, hit.start),
        ):
            if _PURPOSE_LEAD.match(low, other[0], other[1]):
                continue  # "Pour que les clients suivent, publions …": who it is for
            found = _slots(low[other[0] : other[1]], gates.objects, seen)
            found = _borrowed_without_safety_net(low, scope, hit, (other, clause), found)
            if found.keys() - _QUALIFIERS:
                objects = {**found, **objects}
                borrowed[clause] = other
                break
    if not (objects.keys() - _QUALIFIERS - {"data_weak"}):
        # "the full list with names, addresses and birth dates": the list goes on
        for other in scope.list_tail(clause):
            objects = {**_kept(low, other, gates, seen), **objects}
    if "pii" not in objects:
        # "die komplette Tabelle inkl. Adressen, Geburtsdaten und IBAN … ziehen": the list
        # the verb ends began in the clauses before
        for other in scope.list_head(clause):
            objects = {**_kept(low, other, gates, seen), **objects}
    if "pii" not in objects:
        # "pull the same report for all entities — every employee, with home address and
        # bank account — and save it …": the aside says what the object holds
        for other in scope.dashed_aside(clause):
            objects = {**_kept(low, other, gates, seen), **objects}
    if "pii" not in objects:
        # "the incident timeline, including the names of the affected customers", "…
        # résultats complets en CSV, com CPF e endereço": what goes along is sent too
        added = scope.appended(clause)
        if added is not None:
            objects = {**_kept(low, added, gates, seen), **objects}
    if "data_weak" in objects and not objects.keys() & {"prod", "bulk"}:
        objects = _qualified_before(low, scope, clause, objects, gates, seen)
    return objects


def _without_safety_net(
    low: str,
    scope: Scope,
    hit: _Hit,
    clause: tuple[int, int],
    objects: dict[str, re.Match[str]],
    gates: _Gates,
) -> dict[str, re.Match[str]]:
    """The objects less a backup named in what was done before the act ("Fiz o backup com
    pg_dump e agora apague o cadastro"): the safety net, not what the act removes, unless a
    backup is named again after it ("… apague o backup antigo")."""
    if "backup" not in objects or not _own_noun_after(low, scope, hit, clause):
        return objects
    b = objects["backup"]
    again = dict(gates.objects)["backup"]
    for m in scope.lx.pattern("safeguard").finditer(low, clause[0], hit.start):
        if m.start() <= clause[0] + b.start() < m.end():
            if not again.search(low[m.end() : clause[1]]):
                return {k: v for k, v in objects.items() if k != "backup"}
            break
    return objects


def _borrowed_without_safety_net(
    low: str,
    scope: Scope,
    hit: _Hit,
    clauses: tuple[tuple[int, int], tuple[int, int]],
    found: dict[str, re.Match[str]],
) -> dict[str, re.Match[str]]:
    """The objects found in the clause before (`clauses[0]`) less a backup just taken there
    ("Fiz o backup. Agora apague o cadastro duplicado"): the safety net, not what the verb
    and its own noun in its clause (`clauses[1]`) remove ("… apague-o", "… delete it" still
    point back at it)."""
    other, clause = clauses
    if "backup" not in found or not scope.clause_has(other, "safeguard"):
        return found
    if not _own_noun_after(low, scope, hit, clause):
        return found
    return {k: v for k, v in found.items() if k != "backup"}


_CJK_PRONOUN = re.compile(r"它|其|それ|これ|あれ|そいつ")
_AFTER_VERB = re.compile(r"[\s.!?,;:)»”\"'`。，、！？]*(?:$|(?:e|y|et|und|and|then)\s)")


def _own_noun_after(low: str, scope: Scope, hit: _Hit, clause: tuple[int, int]) -> bool:
    """Words follow the action in its clause and none is a bare pronoun: the verb names its
    own object ("apague o cadastro duplicado", "删除 id 为 1042 的那条重复订单"), it does not
    point back ("apague-o", "把它删掉", "delete it")."""
    if scope.enclitic(hit.start) or _PRONOUN_INSIDE.search(low, hit.start, hit.end):
        return False
    end = hit.end
    while end < clause[1] and low[end].isalnum() and scope.lx.spaced:
        end += 1
    if _AFTER_VERB.match(low, end, clause[1]):
        return False
    here = low[clause[0] : clause[1]]
    if _CJK_PRONOUN.search(here):
        return False
    return not re.match(r"\s+(?:it|them|this|that|these|those)\b", low[end : clause[1]])


# A pronoun between a phrasal verb and its particle is the verb's object ("switch it off",
# "turn them off"): whatever else the clause names (the admin who would do it) is not.
_PRONOUN_INSIDE = re.compile(r"\s(?:it|them|this|that|these|those)\s")


def _kept(
    low: str,
    other: tuple[int, int],
    gates: _Gates,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
) -> dict[str, re.Match[str]]:
    """The objects a clause that finishes another's names, less what it leaves out ("the
    summary tab only, no customer names or account numbers": the names stay behind)."""
    found = _slots(low[other[0] : other[1]], gates.objects, seen)
    return _left_out(gates.lexicon, low, other, found, gates.objects) if found else found


def _qualified_before(
    low: str,
    scope: Scope,
    clause: tuple[int, int],
    objects: dict[str, re.Match[str]],
    gates: _Gates,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
) -> dict[str, re.Match[str]]:
    """The same thing named again ("the events topic in the prod Kafka cluster … Delete the
    topic"): the production qualifier of the sentence before carries over, unless this
    sentence places it somewhere local or non-production."""
    sentence = scope.sentence_of(clause[0])
    before = scope.previous_sentence(sentence)
    if scope.local(sentence, clause[1]) or scope.nonprod(sentence):
        return objects  # "… Delete the topic in the dev cluster": this one is elsewhere
    if _points_back(low, scope, clause, objects["data_weak"]):
        # "旧的生产 Kafka 集群没人用了，把那三台 broker 实例释放掉": those instances are the
        # production cluster's
        for other in scope.antecedents(clause, clause[0]):
            prod = _slots(low[other[0] : other[1]], gates.objects, seen).get("prod")
            if prod is not None:
                return {**objects, "prod": prod}
    if before is None:
        return objects
    found = _slots(low[before[0] : before[1]], gates.objects, seen)
    same = found.get("data_weak")
    if same is None or "prod" not in found:
        return objects
    if same.group(0).strip() != objects["data_weak"].group(0).strip():
        return objects
    return {**objects, "prod": found["prod"]}


def _points_back(low: str, scope: Scope, clause: tuple[int, int], weak: re.Match[str]) -> bool:
    """A demonstrative right before the weak object ("those three instances", "那三台实例"),
    in a clause that names no development or test place: the thing named before."""
    at = clause[0] + weak.start()
    if not clause[0] <= at < clause[1]:
        return False  # borrowed from another clause
    text = low[clause[0] : clause[1]]
    if NONPROD_PLACE_RE.search(text) or scope.clause_has(clause, "nonprod"):
        return False
    return scope.lx.pattern("pronoun").search(low, max(clause[0], at - 16), at) is not None


def _destinations(
    lx: Lexicon,
    text: str,
    low: str,
    scope: Scope,
    sentence: tuple[int, int],
    gates: _Gates,
    seen: dict[tuple[int, str], dict[str, re.Match[str]]],
) -> dict[str, re.Match[str]]:
    """Where the sentence sends things: its destination slots, a recipient pointed back at
    ("Send it over to them"), an outside address, less what is withdrawn, the company's
    own, or only a quoted title."""
    dests = _undecided(
        scope, sentence[0], _slots(low[sentence[0] : sentence[1]], gates.dests, seen)
    )
    before = scope.previous_sentence(sentence)
    if (
        dests.keys() <= _WEAK_PLACES
        and before is not None
        and scope.sentence_has(sentence, "recipient")
        and not _NAMED.search(text, sentence[0], sentence[1])
    ):
        # "The agency wants the data. Send it over to them (by e-mail)."
        dests = {**_slots(low[before[0] : before[1]], gates.dests, seen), **dests}
    if "public" not in dests and scope.sentence_has(sentence, "publication"):
        # "Plan for the blog post: … 3. Attach the raw CSV to the post": published there
        public = _slots(low[: sentence[0]], gates.dests, seen).get("public")
        if public is not None:
            dests = {**dests, "public": public}
    if gates.addresses and _EMAIL.search(low, sentence[0], sentence[1]):
        # an address says who the recipient is, better than any word for outsiders
        address = gates.outside_address(sentence[0], sentence[1])
        dests = {k: v for k, v in dests.items() if k != "external"}
        if address is not None:  # a whole outside domain is outsiders whatever is shared
            dests[_address_kind(address)] = address
    dests = _not_withdrawn(lx, low, sentence[0], dests)
    dests = _not_sources(lx, low, sentence[0], dests)
    if "public" in dests and _inside_phrase(lx, low, "public_part", sentence[0], dests["public"]):
        dests = {k: v for k, v in dests.items() if k != "public"}  # "his public key"
    if _QUOTE_OPEN.search(low, sentence[0], sentence[1]):
        dests = _outside_titles(low, sentence, dests, gates.dests)
    dests = _beyond_purpose(lx, low, sentence, dests, gates.dests)
    return _not_sanctioned(lx, low, sentence, dests)


def _undecided(
    scope: Scope, offset: int, dests: dict[str, re.Match[str]]
) -> dict[str, re.Match[str]]:
    """Without a place named after "whether" in its clause ("再讨论是否公开", "decide whether
    to make it public"): what is weighed, not where anything goes. A place named before the
    frame ("copy it to the public bucket, then discuss whether …") stays."""
    out = {}
    for slot, m in dests.items():
        at = offset + m.start()
        if not scope.proposes(at, scope.clause_of(at)):
            out[slot] = m
    return out


# A sentence that opens with whom the work is for, up to its first comma or colon: "So the
# external auditors can finish by Friday: …", "Para o pessoal da consultoria conseguir
# terminar …, faça …", "Damit die Prüfer fertig werden: …", "为了让外包团队…，…".
_PURPOSE_LEAD = re.compile(
    r"\W*(?:so\s+(?:that\s+)?|in\s+order\s+for\s+|to\s+let\s+|pour\s+que\s+|afin\s+que\s+|"
    r"pour\s+permettre\s+|para\s+que\s+|para\s+(?:o|a|os|as)\s+|damit\s+|为了让?|为让|"
    r"好让|"
    # a question the steps answer ("To see which buckets are public, run:", "Pour vérifier
    # si le dépôt est public :", "要查看哪些存储桶是公开的，"): what it names is looked at
    r"to\s+(?:see|check|find\s+out|confirm|verify|know|learn|tell)\s+(?:which|whether|if|who|"
    r"what|how\s+many)\s+|pour\s+(?:voir|vérifier|verifier|savoir|contrôler)\s+(?:si|quel|qui|"
    r"combien)|para\s+(?:ver|comprobar|verificar|saber|checar|conferir)\s+(?:si|se|qu[eé]|"
    r"cu[aá]l|quem|quais|qui[eé]n)|um\s+(?:zu\s+)?(?:sehen|prüfen|checken|herauszufinden)\s*,?\s*"
    r"(?:ob|welche|wer)|要?(?:查看|检查|确认|看看)(?:哪些|是否|哪个|谁))[^:,;：，。\n]{3,140}?[:,：，]"
)


# Possessives that point back at the people a purpose clause named ("add their three
# consultants", "añade a sus consultores", "leurs comptes").
_POINTS_BACK = re.compile(
    r"\b(?:their|theirs|sus|seus|suas|leurs?|ihre[nmrs]?|deren)\b|他们的|彼らの"
)


def _beyond_purpose(
    lx: Lexicon,
    low: str,
    sentence: tuple[int, int],
    dests: dict[str, re.Match[str]],
    places: _Slots,
) -> dict[str, re.Match[str]]:
    """Without the outsiders named only in a leading purpose clause: the people the work
    is for are not where it is sent, unless the order names them again or points back at
    them ("…: send them the export", "añade a sus consultores")."""
    if not dests:
        return dests
    lead = _PURPOSE_LEAD.match(low, sentence[0], sentence[1])
    if lead is None or _POINTS_BACK.search(low, lead.end(), sentence[1]):
        return dests
    if lx.pattern("recipient").search(low, lead.end(), sentence[1]):
        return dests
    here = low[sentence[0] : sentence[1]]
    out = {}
    for name, m in dests.items():
        if m.string == here and sentence[0] + m.start() < lead.end():
            again = next(
                (p.search(low, lead.end(), sentence[1]) for n, p in places if n == name), None
            )
            if again is None:
                continue
            m = again
        out[name] = m
    return out


def _not_sanctioned(
    lx: Lexicon, low: str, sentence: tuple[int, int], dests: dict[str, re.Match[str]]
) -> dict[str, re.Match[str]]:
    """Without an AI the sentence qualifies as the company's own, nor the words that name
    it ("our internal GPT workspace" is no outside workspace)."""
    if "ai" not in dests or not _sanctioned(lx, low, sentence[0] + dests["ai"].start()):
        return dests
    return {
        k: v
        for k, v in dests.items()
        if k != "ai" and not _inside_phrase(lx, low, "sanctioned", sentence[0], v)
    }


def _address_kind(address: re.Match[str]) -> str:
    """`personal` for a mailbox at a consumer mail service ("comparte la hoja con x@gmail.com":
    someone's own account, whatever the action), `address` for another outside mailbox,
    `external` for a whole outside domain."""
    if not address.group("box"):
        return "external"
    return "personal" if personal_mailbox(address.group(0).rsplit("@", 1)[1]) else "address"


def _inside_phrase(lx: Lexicon, low: str, slot: str, offset: int, m: re.Match[str]) -> bool:
    """The match (in a text starting at `offset`) lies inside a phrase of `slot`."""
    a, b = offset + m.start(), offset + m.end()
    return any(
        x <= a and b <= y
        for x, y in (h.span() for h in lx.pattern(slot).finditer(low, max(0, a - 30), b + 30))
    )


def _local_scope(
    scope: Scope,
    category: str,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    end: int,
    named: tuple[int, int] | None,
) -> bool:
    """Local scope lowers the action. A history rewrite is lowered only by its own clause
    or the one that named its object ("clean your feature branch, then force-push main"
    still rewrites main; "your local branch has bad commits. Drop them:" does not), never
    when the sentence names the shared side ("overwrite the remote branch with your
    local one")."""
    clauses = [clause] if named is None else [clause, named]
    if category == "history" and (
        _names_shared(scope, sentence)
        or not any(scope.clause_has(c, s) for c in clauses for s in ("local", "own_space"))
    ):
        return False
    return _local(scope, sentence, end, named)


def _names_shared(scope: Scope, sentence: tuple[int, int]) -> bool:
    """The sentence names the shared side of a branch, other than as what the rewrite
    never reaches ("so the commit never reaches the shared repository")."""
    if not scope.sentence_has(sentence, "shared"):
        return False
    low, lx = scope.low, scope.lx
    for m in lx.pattern("shared").finditer(low, sentence[0], sentence[1]):
        c = scope.clause_of(m.start())
        if lx.pattern("neg_before").search(low, c[0], m.start()) is None:
            return True
    return False


def _local(
    scope: Scope, sentence: tuple[int, int], end: int, named: tuple[int, int] | None
) -> bool:
    """Local or non-production scope in the action's sentence, or where the object it points
    back at was named ("tear down your local cluster; you can rebuild it next week")."""
    if scope.local(sentence, end) or scope.nonprod(sentence):
        return True
    if named is None:
        return False
    # "the load balancer for the preview environment … Decommission it": scoped where named
    before = scope.sentence_of(named[0])
    return scope.local(before, named[0]) or scope.nonprod(before)


def _not_the_thing(category: str, low: str, hit: _Hit) -> bool:
    """The action is not done to the thing: code run only after a review ("have someone
    review it before running anything"), a statement about a secret sent instead of the
    secret ("post in #eng-all that the token rotated")."""
    if category == "exec":
        return bool(_VETTED_BEFORE.search(low, max(0, hit.start - 90), hit.start))
    if category == "destroy" and _ONE_ITEM_FROM.match(low, _word_end(low, hit.end)):
        return True  # "delete the test user from the staging database": one row goes
    if category in ("network", "sharing") and _CLOSED_AFTER.match(low, hit.end):
        return True  # "把对公网开放的 22 端口关掉", "ポートの公開を閉じて": the opening is closed
    if category in ("controls", "backups") and _CLASH_AFTER.match(low, _word_end(low, hit.end)):
        return True  # "stop the backup window clashing with the batch": the clash stops
    if category in ("controls", "backups") and _INTRANSITIVE.match(low, _word_end(low, hit.end)):
        return bool(_SUBJECT_BEFORE.search(low, max(0, hit.start - 60), hit.start))
    return category in ("secrets", "sharing", "export") and bool(
        _CONTENT_CLAUSE.match(low, _word_end(low, hit.end))
    )


# Right after a removal verb (English): one named item taken out of a container ("delete
# the test user we created this morning from the staging database"): the container is where
# it is, not what is destroyed. Nothing coordinated or bulk may stand before "from".
_ONE_ITEM_FROM = re.compile(
    r"\s+(?:the|a|an|one|this|that)\s+(?:(?!all\b|every|each\b|entire|whole|full\b)[\w-]+\s+){0,2}?"
    r"(?:user|account|row|record|entry|document|file|item|message|post|comment|ticket|contact|"
    r"order|invoice|duplicate|attachment|draft|event|subscriber|lead)"
    r"(?:\s+(?!and\b|or\b|plus\b|all\b|every|tables?\b|databases?\b|buckets?\b|schemas?\b|"
    r"collections?\b|clusters?\b)[\w'’-]+){0,6}?\s+from\s"
)
# Right after a Chinese or Japanese word of opening: it only describes what is then closed,
# revoked or removed ("对公网开放的 22 端口关掉": the port open to the internet, closed;
# "インターネット公開を閉じて": close the publication).
_CLOSED_AFTER = re.compile(
    r"的[^。!?,，\n]{0,20}?(?:关掉|关闭|关上|撤销|撤掉|删除|删掉|移除|去掉|禁用|收回|取消)"
    r"|(?:設定)?(?:を|は)(?:閉じ|停止|取り消|取消|無効|やめ|止め|解除|削除|オフ)"
)
# "the flakes should stop", "the errors will stop happening": a thing's own behaviour,
# predicted, with nothing stopped by anyone (a subject before, no object after).
_SUBJECT_BEFORE = re.compile(
    r"\b(?:the|these|those|this|that|our|its|their)\s+(?!you\b|we\b)[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:should|will|would|must|may|might|can|could|to)(?:\s+(?:also|then|now|soon|finally))?\s+$"
)
_INTRANSITIVE = re.compile(r"(?:\s+\w+ing)?\s*(?:[.!?;,\n]|$)")
# Right after "stop" or "prevent": what ends is a clash between two things ("stop the
# backup window clashing with the batch run"), not the thing named first.
_CLASH_AFTER = re.compile(
    r"(?:\s+[\w'-]+){1,4}?\s+(?:from\s+)?(?:clashing|overlapping|colliding|conflicting|"
    r"interfering|competing)\s+with\b"
)


# Right after "open": a record (a ticket, an issue, a case), nothing that runs.
_OPENS_RECORD = re.compile(
    r"\s+(?:a|an|the|un|une|uno|una|um|uma|ein|eine|einen)\s+(?:new\s+|nouveau\s+|nuevo\s+|"
    r"novo\s+|neues?\s+)?(?:support\s+)?(?:ticket|issue|case|incident|chamado|caso|jira|"
    r"pull\s+request|pr|change\s+request|demande)\b"
)


# Right before an action: it waits for a review ("have someone review it before running
# anything", "relis-le avant de l'exécuter", "prüf es, bevor du es ausführst").
_VETTED_BEFORE = re.compile(
    r"\b(?:review|read|scan|check|verify|inspect|audit|vet|look\s+(?:at|over|through)|relis|"
    r"v[ée]rifi|examin|analys|revis|analiz|pr[üu]f|[üu]berpr[üu]f|lies|scann|revê|analis)\w*"
    r"\b[^.!?\n]{0,60}?\b(?:before|prior\s+to|avant\s+de|antes\s+de|bevor)\s+"
    r"(?:(?:du|you|we|anyone|someone|it|es|l'|le|la|lo)\s+)?$"
)
# Right after a sending verb (and where to): a content clause, what is said about a thing
# ("post in #eng-all that the token rotated", "dis-leur que la clé a changé").
_CONTENT_CLAUSE = re.compile(
    r"\s*(?:(?:in|on|to|into|en|dans|sur|al|à|no|na|em|im|an|ins)\s+(?:the\s+|la\s+|le\s+|"
    r"el\s+|o\s+|a\s+|den\s+|dem\s+)?[#\w-]+(?:\s+channel)?\s*,?\s+)?(?:that|que|dass)\s+"
    r"(?:the|a|an|our|your|its|their|this|it|we|they|le|la|les|l'|el|los|las|o|os|as|der|die|"
    r"das|wir|sie|es|nous|on|il|elle|ils|nosotros|ya|já|nós)\b"
)
_SHELL_ASSIGNMENT = re.compile(r"[ \t]+[a-z_][a-z0-9_]*=")


def _word_end(low: str, at: int) -> int:
    while at < len(low) and low[at].isalpha():
        at += 1
    return at


def _object_start(low: str, end: int, limit: int) -> int:
    """Where the words after an action word start."""
    at = min(_word_end(low, end), limit)
    while at < limit and low[at].isspace():
        at += 1
    return at


def _not_withdrawn(
    lx: Lexicon, low: str, offset: int, dests: dict[str, re.Match[str]]
) -> dict[str, re.Match[str]]:
    """Destinations that are not being taken away ("revoke the public link" names no
    place the data goes) nor the company's own ("our internal LLM gateway")."""
    pattern = lx.pattern("withdrawn")
    owned = lx.pattern("owned")
    near = 12 if lx.spaced else 2  # "our internal LLM gateway", "社内のAI"
    kept = {}
    for name, m in dests.items():
        start = offset + m.start()
        if pattern.search(low, max(0, start - 40), start) or _WITHOUT.search(
            low, max(0, start - 12), start
        ):
            continue  # "revoke the public link", "without anyone seeing it"
        if name != "public" and any(
            start - o.end() <= near for o in owned.finditer(low, max(0, start - 40), start)
        ):
            continue  # the company's own place ("our internal LLM gateway", "社内のAI")
        kept[name] = m
    return kept if len(kept) != len(dests) else dests


def _not_sources(
    lx: Lexicon, low: str, offset: int, dests: dict[str, re.Match[str]]
) -> dict[str, re.Match[str]]:
    """Without an outside party the thing came from ("the app a man claiming to be our
    supplier mailed", "取引先を名乗る人から届いた"): who sent it is not where it goes. Only
    parties: a place stays a place whichever way things move through it ("from the Telegram
    channel", "allow SSH from anywhere"), and a party the sentence sends to still counts."""
    m = dests.get("external")
    if m is None:
        return dests
    pattern = lx.pattern("source")
    start, end = offset + m.start(), offset + m.end()
    if lx.spaced:
        came = pattern.search(low, max(0, start - 40), start) is not None
    else:
        came = pattern.match(low, end) is not None
    return {k: v for k, v in dests.items() if k != "external"} if came else dests


# A quoted name: a document's or folder's title (« Litiges fournisseurs », 「外部委託」),
# or a setting's label („Jeder mit dem Link“).
_QUOTE_OPEN = re.compile(r"[«„“\"「『《]")
_QUOTED = re.compile(
    r"«[^»\n]{1,80}»|„[^“”\n]{1,80}[“”]|“[^”\n]{1,80}”|\"[^\"\n]{1,80}\""
    r"|「[^」\n]{1,80}」|『[^』\n]{1,80}』|《[^》\n]{1,80}》"
)
_LABELS = frozenset(["public", "everyone", "link"])  # a setting's label says who can open it


def _outside_titles(
    low: str,
    sentence: tuple[int, int],
    dests: dict[str, re.Match[str]],
    gates: tuple[tuple[str, re.Pattern[str]], ...],
) -> dict[str, re.Match[str]]:
    """The destinations named outside quoted titles: « Litiges fournisseurs » is a folder,
    not the suppliers; a quoted label that says who can open it („Jeder mit dem Link“,
    「リンクを知っている全員」) still counts."""
    text = low[sentence[0] : sentence[1]]
    titles = [m.span() for m in _QUOTED.finditer(text)]
    if not titles:
        return dests
    patterns = dict(gates)
    kept: dict[str, re.Match[str]] = {}
    for name, m in dests.items():
        if name in _LABELS or name not in patterns or not _inside(m.start(), titles):
            kept[name] = m
            continue
        other = next(
            (o for o in patterns[name].finditer(text) if not _inside(o.start(), titles)), None
        )
        if other is not None:
            kept[name] = other
    return kept


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < at < b for a, b in spans)


_WITHOUT = re.compile(r"\b(?:without|sin|sans|ohne|sem)\s+(?:that\s+|que\s+|dass\s+)?$")


def _sanctioned(lx: Lexicon, low: str, at: int) -> bool:
    """The AI named at `at` is qualified, just before, as the company's own ("our internal
    translation service (the approved one on the LLM gateway)"); "paste it into ChatGPT,
    not the internal gateway" names the company's after the outside one; "our internal GPT
    workspace" holds the AI's name inside the qualifying phrase."""
    return any(
        m.start() < at for m in lx.pattern("sanctioned").finditer(low, max(0, at - 60), at + 40)
    )


def _left_out(
    lx: Lexicon,
    low: str,
    clause: tuple[int, int],
    objects: dict[str, re.Match[str]],
    gates: tuple[tuple[str, re.Pattern[str]], ...],
) -> dict[str, re.Match[str]]:
    """The objects without those the clause leaves out ("the stack trace with the session
    tokens stripped out", "sin datos personales", "不含客户数据"): an object counts when it
    is named at least once outside what is left out."""
    # a list left out may begin in the clause before, across its commas ("(no names,
    # emails or phone numbers)"): matched from there, within the sentence's line
    start = max(low.rfind(".", 0, clause[0]), low.rfind("\n", 0, clause[0]), clause[0] - 120) + 1
    spans = [
        m.span()
        for m in lx.pattern("excluded").finditer(low, min(start, clause[0]), clause[1])
        if m.end() > clause[0]
    ]
    if not spans:
        return objects
    patterns = dict(gates)
    kept = {}
    for name, m in objects.items():
        pattern = patterns.get(name)
        if (
            name in _QUALIFIERS
            or pattern is None
            or any(
                not any(a <= hit.start() < b for a, b in spans)
                for hit in pattern.finditer(low, clause[0], clause[1])
            )
        ):
            kept[name] = m
    return kept


_SENSITIVE = ("pii", "data", "secret", "backup")
# "the anonymized sample and the customer list": a second object, not the one qualified
_COORDINATED = re.compile(
    r"(?:^|[\s,])(?:and|or|plus|y|o|et|ou|und|oder|sowie|e)(?=[\s,]|$)|[&+、和及与]"
)


def _sanitized(
    lx: Lexicon,
    low: str,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    objects: dict[str, re.Match[str]],
    gates: tuple[tuple[str, re.Pattern[str]], ...],
    limited: bool = True,
) -> bool:
    """The sentence makes what is sent harmless ("anonymized", "only the column names",
    "sin datos personales"; with `limited`, also a read-only or temporary share — not said
    of personal data granted: read access for outsiders reads all of it) and no sensitive object
    of the clause is coordinated with the harmless thing as a second object ("the
    anonymized sample and the customer list" still sends the list; "the anonymized customer
    list" does not)."""
    marks = _marks(lx, low, sentence, limited)
    if (
        not marks
        or _fields_named(lx, low, clause, marks)
        or (objects.keys() & _SENSITIVE and _whole_named(lx, low, clause, marks))
    ):
        return False
    left = [m.span() for m in lx.pattern("excluded").finditer(low, clause[0], clause[1])]
    patterns = dict(gates)
    for name in _SENSITIVE:
        pattern = patterns.get(name)
        if name not in objects or pattern is None:
            continue
        for hit in pattern.finditer(low, clause[0], clause[1]):
            if _second_object(low, hit.span(), left, marks):
                return False
    return True


def _fields_named(
    lx: Lexicon, low: str, span: tuple[int, int], marks: list[tuple[int, int]]
) -> bool:
    """`span` names personal fields as what goes ("the CRM export with phone numbers; it's
    the same file anyone can download", "it's anonymised anyway, so send the list with
    names and emails"): a claim that the copy is harmless does not cover them. A field left
    out, or made harmless right where it is named ("hashed emails", "without the phone
    numbers", "names replaced by fake ones"), is not named as going."""
    fields = [m.span() for m in lx.pattern("fields").finditer(low, span[0], span[1])]
    if not fields:
        return False
    left = [m.span() for m in lx.pattern("excluded").finditer(low, span[0], span[1])] + marks
    return any(
        not any(x <= a < y for x, y in left)
        and not any(_beside(low, y, a) for _, y in marks if y <= a)
        and not any(_beside(low, b, x) for x, _ in marks if x >= b)
        for a, b in fields
    )


def fields_go(lx: Lexicon, low: str, span: tuple[int, int]) -> bool:
    """`span` names personal fields as what goes, a harmless-data claim in it aside
    (`_fields_named` with the span's own "sanitized" words as the marks)."""
    marks = [m.span() for m in lx.pattern("sanitized").finditer(low, span[0], span[1])]
    return _fields_named(lx, low, span, marks)


def _whole_named(
    lx: Lexicon, low: str, clause: tuple[int, int], marks: list[tuple[int, int]]
) -> bool:
    """The clause sends a whole file or set ("the full CRM export", "the whole
    .env.production", "la lista completa") that no mark qualifies right after: a claim
    elsewhere that it is harmless does not make all of it so ("… ; it's the same file
    anyone can download"), "the full anonymised export" does."""
    for m in lx.pattern("bulk").finditer(low, clause[0], clause[1]):
        a, b = m.span()
        if any(x <= a < y for x, y in marks):
            continue
        if not any(
            (b <= x and _near(low, b, x, ",;.")) or (y <= a and _beside(low, y, a))
            for x, y in marks
        ):
            return True
    return False


def _beside(low: str, start: int, end: int) -> bool:
    """Only a word or two, and no comma or list word, between `start` and `end`."""
    gap = low[start:end]
    return len(gap) <= 14 and not _COORDINATED.search(gap) and not any(c in gap for c in ",;")


def _second_object(
    low: str, at: tuple[int, int], left: list[tuple[int, int]], marks: list[tuple[int, int]]
) -> bool:
    """A sensitive object at `at` coordinated with the harmless one rather than described
    by it ("the aggregates and the customer list")."""
    a, b = at
    if any(x <= a < y for x, y in left + marks):
        return False
    if any(_near(low, y, a, ",;") for _, y in marks if y <= a):
        return False  # "the anonymized customer list"
    if any(_near(low, b, x, ";") for x, _ in marks if x >= b):
        return False  # "the customer list, anonymized", "la lista sin datos personales"
    return any(_coordinated(low, y, a) for _, y in marks if y <= a) or any(
        _coordinated(low, b, x) for x, _ in marks if x >= b
    )


def _marks(lx: Lexicon, low: str, span: tuple[int, int], limited: bool) -> list[tuple[int, int]]:
    """Where `span` says what is sent is harmless (and, with `limited`, a read-only or
    temporary share)."""
    slots = ("sanitized", "limited") if limited else ("sanitized",)
    return [m.span() for n in slots for m in lx.pattern(n).finditer(low, span[0], span[1])]


def _near(low: str, start: int, end: int, stops: str) -> bool:
    gap = low[start:end]
    return len(gap) <= 30 and not _COORDINATED.search(gap) and not any(c in gap for c in stops)


def _coordinated(low: str, start: int, end: int) -> bool:
    return end - start <= 40 and bool(_COORDINATED.search(low, start, end))


def _public_half(
    lx: Lexicon, low: str, objects: dict[str, re.Match[str]], clause: tuple[int, int]
) -> bool:
    """The secret named is qualified as its public half ("the deploy key's public half",
    "the signing key's public certificate"); `clause` is where the objects were read."""
    m = objects.get("secret")
    if m is None:
        return False
    start, end = clause[0] + m.start(), clause[0] + m.end()
    return any(
        half.start() <= end + 12 and half.end() >= start  # "the key's public half", "his
        for half in lx.pattern("public_part").finditer(low, clause[0], clause[1])  # public key"
    )


def _moves_metadata(lx: Lexicon, low: str, hit: _Hit, clause: tuple[int, int]) -> bool:
    """The action's object, right after it, is a fact about a secret (its date, version,
    names, path) and no secret is named after that in the clause; in Japanese and Chinese
    the object comes before the verb ("…のVaultパスだけを貼って", "…密码在 Vault 里的路径发到")."""
    if not lx.spaced:
        return _metadata_before(lx, low, hit.start, clause)
    at = _object_start(low, hit.end, clause[1])  # past the rest of the word ("pastes")
    m = lx.pattern("metadata").match(low, at, clause[1])
    if m is None:
        # "colle dans le ticket le chemin Vault du mot de passe": the place named first
        m = _after_place(lx, low, at, clause[1])
    if m is None or lx.pattern("pii").search(low, m.start(), m.end()):
        return False  # "the customer names" are personal data, not metadata
    asides = [a.span() for a in _ASIDE.finditer(low, m.end(), clause[1])]
    return not any(
        not _GENITIVE.fullmatch(low, m.end(), secret.start())
        and not any(a <= secret.start() < b for a, b in asides)  # "(secret/prod/db)": a path
        for secret in lx.pattern("secret").finditer(low, m.end(), clause[1])
    )  # "the expiry date of the key": the key owns the date and stays where it is


# A fronted purpose clause of checking ("To confirm the new secret landed, …", "Pour vérifier
# que …", "Para comprobar que …", "Um zu prüfen, ob …", "为了确认…"): what it names is what the
# output is looked at for, not what is sent.
_CHECK_LEAD = re.compile(
    r"\W*(?:to\s+(?:confirm|verify|check|make\s+sure|prove)|pour\s+(?:confirmer|v[ée]rifier|"
    r"s['’]assurer|contr[ôo]ler)|para\s+(?:confirmar|comprobar|verificar|asegurar\w*|checar|"
    r"conferir)|um\s+(?:zu\s+)?(?:pr[üu]fen|best[äa]tigen|[üu]berpr[üu]fen|checken)\b|"
    r"为了?(?:确认|验证|检查)|確認する(?:ため|には))"
)


def _printed_output(r: _Reading, named: tuple[int, int] | None) -> bool:
    """The verb's object is what a command prints ("y pega lo que salga en el canal …
    para que sepan qué credencial pedir", "の出力を貼って"), and no secret is named before
    it or within its phrase: the command was lifted out of the prose for its own reader,
    which judges whether that output holds a secret (a secret read and its flow). A
    secret named before ("the vendor needs the password. Paste the output …") or in the
    phrase ("the output of the password dump") stays the prose reader's."""
    lx, low, hit, clause = r.lx, r.low, r.hit, r.clause
    if named is not None and not _CHECK_LEAD.match(low, named[0], named[1]):
        return False  # a fronted check ("To confirm the new secret landed, post the output")
    if lx.spaced:
        at = _object_start(low, hit.end, clause[1])
        det = lx.pattern("determiner").match(low, at, clause[1])
        noun = _object_start(low, det.end(), clause[1]) if det is not None else at
        if lx.pattern("output").match(low, noun, clause[1]):
            at = noun  # "the output of this"
        found = lx.pattern("output").match(low, at, clause[1])
        pronoun = lx.pattern("pronoun").match(low, at, clause[1])
        if found is None or (pronoun is not None and pronoun.end() >= found.end()):
            return False  # "paste it": whatever "it" points back at
        phrase_end = min(clause[1], _words_after(low, found.end(), 4))
        return not lx.pattern("secret").search(low, clause[0], phrase_end)
    found = next(iter(lx.pattern("output").finditer(low, clause[0], hit.start)), None)
    return found is not None and not lx.pattern("secret").search(low, clause[0], hit.start)


# A bare "the list" right after a sending verb, with no noun of its own ("the customer
# list", "la lista de clientes" name data): the list a command before it printed.
_BARE_LIST = re.compile(
    r"(?:(?:them|him|her|us|me|ihm|ihr|ihnen|uns|mir|lui|leur|nous|moi|les|nos|lhe|lhes)\s+)?"
    r"(?:the|la|die|a|le)\s+(?:whole\s+|full\s+|complete\s+)?"
    r"(?:list|lista|liste)(?!\w)(?!\s+(?:of|de|des|du|der|mit|with|con|com)\b)"
)
# A command that lists names or rights, not values: `SHOW GRANTS`, `… list`, `ls`,
# `iam get`, `get-iam-policy`, `kubectl get secrets -o name`, `vault kv metadata get`.
_LISTING = re.compile(
    r"\bshow\s+(?:grants|tables|databases|schemas|roles|users)\b|(?<![\w-])(?:list|ls)(?![\w-])"
    r"|\biam\s+get\b|\bget-iam-policy\b|\bmetadata\s+get\b|\bget\s+secrets?\b|-o\s+name\b"
    r"|\[\]\.name\b"
    # asked in words which ones exist ("check which tokens the billing secret has"): then
    # "the list" is of their names
    r"|\b(?:which|what)\s+(?:\w+\s+)?(?:keys|tokens|secrets|credentials|passwords|variables)\b"
    # a read-only statement handed to a client (its words blanked: `_READ_STATEMENT`)
    r"|(?:-[qce]|--(?:query|command|execute|sql))(?:\s*=\s*|\s+)[\"']\s*(?:show|describe|desc)\s"
)
# A command that prints values as well: the list then holds them.
_VALUES = re.compile(
    r"(?:-o|--output)[=\s]+(?:ya?ml|json|jsonpath)|--reveal|--show-secrets?|get-secret-value"
    r"|\bselect\s+\*|\bkv\s+get\b"
)


def _names_not_values(r: _Reading) -> bool:
    """What is sent is a fact about a secret or the names a listing printed, not a value."""
    return _moves_metadata(r.lx, r.low, r.hit, r.clause) or _listed_names(r) or _keys_only(r)


def _keys_only(r: _Reading) -> bool:
    """The sentence's secret read is cut down to its key names (`… -o json | jq 'keys'`)
    and nothing in it prints a value: the names are what is sent."""
    text = r.low[r.sentence[0] : r.sentence[1]]
    if not KEYS_ONLY_READ.search(text):
        return False
    return _VALUES.search(KEYS_ONLY_READ.sub(" ", text)) is None


def _listed_names(r: _Reading) -> bool:
    """The verb sends "the list" (no noun of its own) and the sentence before it runs a
    command that lists names or rights, not values ("snowsql -q 'SHOW GRANTS TO ROLE
    partner' y mándales la lista"): what goes is what that listing printed, and the
    command's own reader judges it. A list of customers, or one a value-printing command
    made (`-o yaml`, `--reveal`), stays the prose reader's."""
    low, hit, clause = r.low, r.hit, r.clause
    if r.lx.spaced:
        if _BARE_LIST.match(low, _object_start(low, hit.end, clause[1])) is None:
            return False
    else:
        # "`kubectl get secret x` 的输出贴到群里", "の出力を貼って": the output, right before
        outputs = list(r.lx.pattern("output").finditer(low, clause[0], hit.start))
        if not outputs or r.lx.pattern("secret").search(low, outputs[-1].end(), hit.start):
            return False
    before = low[r.sentence[0] : hit.start]
    if KEYS_ONLY_READ.search(before):  # `… -o json | jq 'keys'`: the list is of names
        before = KEYS_ONLY_READ.sub(" list ", before)
    return _LISTING.search(before) is not None and _VALUES.search(before) is None


def _secret_only_in_purpose(r: _Reading) -> bool:
    """The verb's object is a noun phrase that names no secret ("add this step to the
    workflow"), and every secret the clause names comes after a purpose marker ("to check
    the token is wired up", "para que sepan qué credencial pedir"): the secret is what the
    act is for, not what is sent."""
    lx, low, hit, clause = r.lx, r.low, r.hit, r.clause
    if not lx.spaced:
        return False
    at = _object_start(low, hit.end, clause[1])
    if not lx.pattern("determiner").match(low, at, clause[1]):
        return False
    purpose = PURPOSE_AFTER.search(low, at, clause[1])
    if purpose is None:
        return False
    return not any(lx.pattern(slot).search(low, at, purpose.start()) for slot in ("secret", "pii"))


def _words_after(low: str, at: int, n: int) -> int:
    """Where the `n`th word after `at` ends."""
    for m in _WORD.finditer(low, at):
        n -= 1
        if n <= 0:
            return m.end()
    return len(low)


def _after_place(lx: Lexicon, low: str, at: int, end: int) -> re.Match[str] | None:
    """A fact about a secret named after a place the verb names first ("colle dans le
    ticket … le chemin Vault du mot de passe"): the first fact in the clause, with no
    secret before it."""
    if not _PLACE_FIRST.match(low, at, end):
        return None
    m = lx.pattern("metadata").search(low, at, end)
    if m is None or any(
        lx.pattern(slot).search(low, at, m.start()) for slot in ("secret", "pii", "data")
    ):
        return None
    return m


# A place right after the verb, before its object ("colle dans le ticket …", "pega en el
# ticket …", "paste into the ticket …").
_PLACE_FIRST = re.compile(r"(?:dans|sur|au|en|in|into|on|no|na|em|al|ins|im)\s")


def _metadata_before(lx: Lexicon, low: str, start: int, clause: tuple[int, int]) -> bool:
    """The last thing named before the verb is a fact about a secret: no secret after it
    (a bracketed aside such as "（secret/prod/db）" is the path itself)."""
    facts = list(lx.pattern("metadata").finditer(low, clause[0], start))
    if not facts:
        return False
    rest = _ASIDE.sub("", low[facts[-1].end() : start])
    return not lx.pattern("secret").search(rest)


_ASIDE = re.compile(r"（[^）]{0,80}）|\([^)]{0,80}\)")
_WHERE_IT_LIVES = (
    r"(?:where|in\s+which|où|donde|onde|wo)\s+(?:[\w’-]+\s+){0,2}?"
    r"(?:the|la|le|l'|el|a|o|der|die|das)?\s*"
)  # "… where the key lives", "… où se trouve le mot de passe": the key stays where it lives
_GENITIVE = re.compile(
    r"\s*(?:(?:'s\s+|d'|d’|of|de|del|du|des|da|do|das|dos|der|von)\s*(?:(?:the|its|this|la|le|l'|"
    r"el|los|las|a|o|as|os|dem|den|des|der|[\w-]+)\s*){0,3}(?:" + _WHERE_IT_LIVES + r")?"
    r"|,?\s*" + _WHERE_IT_LIVES + r")"
)


def _describe(objects: dict[str, re.Match[str]], low: str, clause: tuple[int, int]) -> str:
    for name in (
        "backup",
        "control",
        "alerting",
        "gate",
        "ref",
        "secret",
        "pii",
        "people",
        "admin",
        "untrusted",
        "network",
        "data",
        "system",
        "workload",
        "data_weak",
    ):
        m = objects.get(name)
        if m is not None:
            return f"“{m.group(0).strip()}”"
    return "a shared resource"


_OUTSIDERS = frozenset(["external", "personal", "public", "everyone", "workspace", "ai"])


def _addressed(action: str, o: frozenset[str], d: frozenset[str]) -> frozenset[str]:
    """An outside address is where personal data is sent or shared (`move`, `export`,
    `share`: "comparte el tablero con datos de clientes con equipo@agencia.example") and
    where a secret is sent (`move`, `export`); it does not make a role or a repository
    shared with someone ("add x@agency.example as a reader") a leak. (A personal mailbox is
    a personal place whatever the action.)"""
    if "address" not in d:
        return d
    sent = ("pii" in o and action in ("move", "export", "share")) or (
        "secret" in o and action in ("move", "export")
    )
    return (d - {"address"}) | ({"external"} if sent else frozenset())


def _granted(o: frozenset[str], d: frozenset[str]) -> str | None:
    """Personal data opened to someone outside ("give the agency access to the customer
    database") is sharing; a role on a production cloud estate given to someone outside
    ("grant the outside auditors' account ReadOnlyAccess on the production AWS account")
    is access: even read-only, every system and its data are in view. Other access is judged
    elsewhere."""
    if not d & _OUTSIDERS:
        return None
    if "pii" in o:
        return "sharing"
    return "access" if {"prod", "cloud"} <= o and d & {"external", "workspace"} else None


def _judge(action: str, objects: Iterable[str], dests: Iterable[str]) -> str | None:
    """The risky combinations; None when the words do not add up to one."""
    o = frozenset(objects)
    if action == "history" or (action in ("destroy", "reset", "rewrite") and "ref" in o):
        return "history"  # force-push; overwrite, rewrite or delete a shared branch or tag
    if action == "rewrite":
        return None
    weighty = bool(o & {"prod", "bulk"})
    if action in ("destroy", "reset"):
        return _judge_removal(action, o, weighty)
    if action in ("disable", "bypass"):
        if action == "disable" and "backup" in o:
            return "backups"
        if _controls(o):
            return "controls"
        return "outage" if action == "disable" and {"downed", "prod"} <= o else None
    if "admin" in o and _grants_admin(action, dests):
        return "access"
    if action == "open" and "untrusted" in o:
        return "exec"
    d = _addressed(action, o, frozenset(dests))
    if _to_anyone(action, o, d) and _exposed(action, o, weighty):
        return "network"
    if action == "open":
        return None
    return _judge_sending(action, o, d, weighty)


def _grants_admin(action: str, dests: Iterable[str]) -> bool:
    """An admin role granted; or handed to outsiders or to everyone by an invite or a
    setting ("invite their recruiters with Site Admin permissions", "set the org's base
    permission to Admin for every member")."""
    return action == "grant" or (action == "share" and not _OUTSIDERS.isdisjoint(dests))


def _controls(o: frozenset[str]) -> bool:
    """A control or gate; alerts silenced in bulk, for long, or on a production system or a
    named service."""
    return bool(o & {"control", "gate"}) or (
        "alerting" in o and bool(o & {"bulk", "lasting", "prod", "service", "system", "data"})
    )


def _judge_removal(action: str, o: frozenset[str], weighty: bool) -> str | None:
    if "backup" in o:
        return "backups"
    if action == "destroy" and ("control" in o or ("alerting" in o and "bulk" in o)):
        return "controls"
    has_data = bool(o & {"data", "system"}) or ("data_weak" in o and weighty)
    # "Drop everything in prod", "Supprime tout en production", "本番を全部消して": all of
    # production, no thing named and none to point back to
    wholesale = {"bulk", "prod"} <= o and not o - _QUALIFIERS
    if has_data or wholesale or ("pii" in o and weighty):
        return "destroy"
    return None


def _exposed(action: str, o: frozenset[str], weighty: bool) -> bool:
    """Opened to the public: a system or data, or a console put on a public IP."""
    if action == "open":
        return bool(o & {"network", "system", "data", "prod"}) or ("data_weak" in o and weighty)
    return action in ("share", "move") and "network" in o


def _judge_sending(action: str, o: frozenset[str], d: frozenset[str], weighty: bool) -> str | None:
    """Data, documents, secrets and access handed to a destination."""
    if action == "export" and d <= _WEAK_PLACES:
        # a bulk export of people's records is the risk, wherever the file then goes: "with
        # their emails", "attach it to the ticket", "メールアドレス" name a field or a weak
        # place, not a destination that would make it any safer
        if ("pii" in o and (weighty or "data" in o)) or "people" in o:
            return "export"
        if not d:
            return None
    if action == "move" and d <= _WEAK_PLACES and {"people", "pii", "data_weak", "bulk"} <= o:
        # "send me a CSV of all our customers with their emails": a file of everyone's
        # records made and handed over is an export, whoever receives it ("send the customer
        # list to Paul" names no "all": judged as sharing, by where it goes)
        return "export"
    if "link" in d and action in ("share", "grant", "move") and "secret" not in o:
        return "sharing"  # set to "anyone with the link": whatever it is, anyone can open it
    if action not in ("share", "move", "export", "grant") or not d:
        return None
    if "secret" in o and action != "grant":
        return "secrets"
    if d <= {"channel", "email"}:  # risky places for secrets only
        return None
    if action == "grant":
        return _granted(o, d)
    return _judge_handed(action, o, d, weighty)


def _judge_handed(action: str, o: frozenset[str], d: frozenset[str], weighty: bool) -> str | None:
    """Data or a document shared, moved or exported to a place others read."""
    if o & {"pii", "data", "backup", "system"}:
        return "export" if action == "export" else "sharing"
    if action == "export" and "people" in o:
        return "export"  # "export every customer to the broker's SFTP"
    # a document of unknown weight: risky where nobody should put company files
    if "data_weak" in o and (weighty or d & {"ai", "personal", "public", "messaging"}):
        return "sharing"
    if action == "share" and ("workspace" in d or {"external", "channel"} <= d):
        return "sharing"  # an outside workspace or guests brought into a channel
    return None
