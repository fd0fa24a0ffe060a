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
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from heapq import merge
from itertools import chain

from bot.risk.model import Finding
from bot.risk.prose.lexicon import ACCENTS, ACTIONS, DESTINATIONS, OBJECTS, Lexicon
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.scope import Scope, Spans, spans
from bot.risk.prose.text import Rule, finding, lower

__all__ = ["assess_intent", "languages"]

_OBJECTS_OF_INTEREST = OBJECTS
_RISKY_DESTINATIONS = DESTINATIONS
_WORD = re.compile(r"\w+")
# A colleague named as the recipient ("with Camila", "an Jonas"): the share goes to them.
_NAMED = re.compile(
    r"\b(?:with|to|com|con|avec|mit|an|para|à)\s+(?:(?:a|o|la|el|le|der|die|dem|den)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,}"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LETTERS = re.compile(r"[^\W\d_]+")
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
}
_LOCAL_LOWERS = frozenset(["destroy", "backups", "controls", "history"])


@dataclass(frozen=True)
class _Hit:
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


def assess_intent(text: str) -> list[Finding]:
    """Findings for risky instructions written as prose; one per category, the first."""
    low = lower(text)
    found: dict[str, Finding] = {}
    structure: Spans | None = None
    folded: str | None = None
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
        for category, f in _judge_all(lx, text, low, actions, scope, found.keys()):
            found.setdefault(category, f)
    return list(found.values())


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
    return merge(_headed(lx, index, low), *streams, key=_by_start)


def _by_start(hit: _Hit) -> int:
    return hit.start


def _finditer(pattern: re.Pattern[str], slot: str, low: str) -> Iterator[_Hit]:
    for m in pattern.finditer(low):
        yield _Hit(slot, m.start(), m.end())


def _headed(lx: Lexicon, index: dict[str, tuple[str, ...]], low: str) -> Iterator[_Hit]:
    for start in lx.action_starts.finditer(low):
        pos = start.start()
        word = low[pos : pos + 3]
        done: set[str] = set()
        for k in (1, 2, 3):
            for slot in index.get(word[:k], ()):
                if slot in done:
                    continue
                done.add(slot)
                m = lx.pattern(slot).match(low, pos)
                if m is not None:
                    yield _Hit(slot, m.start(), m.end())


def _starts(lx: Lexicon, text: str) -> frozenset[str]:
    """What the words of `text` start with (1-3 letters), or its characters (CJK)."""
    if not lx.spaced:
        return frozenset(text)
    return frozenset(w[:k] for w in _WORD.findall(text) for k in (1, 2, 3))


def _slots(
    lx: Lexicon,
    text: str,
    names: tuple[str, ...],
    seen: dict[str, dict[str, re.Match[str]]] | None = None,
) -> dict[str, re.Match[str]]:
    """The slots that occur in `text`, each with its first match. A slot whose fragments
    all start with letters none of the words start with is not searched at all."""
    key = names[0] + "\x00" + text
    if seen is not None and key in seen:
        return seen[key]
    out: dict[str, re.Match[str]] = {}
    starts = _starts(lx, text)
    for name, heads, pattern in lx.gates(names):
        if heads is not None and heads.isdisjoint(starts):
            continue
        m = pattern.search(text)
        if m is not None:
            out[name] = m
    if seen is not None and len(seen) < 4096:
        seen[key] = out
    return out


def _judge_all(
    lx: Lexicon,
    text: str,
    low: str,
    actions: Iterable[_Hit],
    scope: Scope,
    done: Collection[str],
) -> Iterable[tuple[str, Finding]]:
    """Judge each action; `done` holds the categories already found (one is enough)."""
    objects_of: dict[tuple[int, int], dict[str, re.Match[str]]] = {}
    dests_of: dict[tuple[int, int], dict[str, re.Match[str]]] = {}
    seen: dict[str, dict[str, re.Match[str]]] = {}  # slot matches by text: repeats are free
    judged = 0
    for seen_hits, hit in enumerate(actions):
        clause = scope.clause_of(hit.start)
        if seen_hits < MAX_SEEN and (
            not scope.verb_position(hit.start, clause) or scope.noun(hit.start)
        ):
            continue
        judged += 1
        if judged > MAX_JUDGED or seen_hits >= MAX_SEEN:
            if "unread" not in done:
                yield (
                    "unread",
                    finding(
                        _UNREAD,
                        f"The message holds more action words than TwoKey reads in prose "
                        f"({MAX_JUDGED} instructions, {MAX_SEEN} words); a person must look "
                        "at the rest.",
                        text[hit.start : hit.start + 80],
                    ),
                )
            return
        objects = objects_of.get(clause)
        if objects is None:
            objects = _slots(lx, low[clause[0] : clause[1]], _OBJECTS_OF_INTEREST, seen)
            if not (objects.keys() - {"prod", "bulk", "lasting"}) or scope.enclitic(hit.start):
                for previous in scope.antecedents(clause, hit.start):  # "…. Please run it today"
                    found = _slots(lx, low[previous[0] : previous[1]], _OBJECTS_OF_INTEREST, seen)
                    if found.keys() - {"prod", "bulk", "lasting"}:
                        objects = {**found, **objects}
                        break
            objects_of[clause] = objects
        sentence = scope.sentence_of(hit.start)
        dests = dests_of.get(sentence)
        if dests is None:
            dests = _slots(lx, low[sentence[0] : sentence[1]], _RISKY_DESTINATIONS, seen)
            before = scope.previous_sentence(sentence)
            if (
                not dests
                and before is not None
                and scope.sentence_has(sentence, "recipient")
                and not _NAMED.search(text, sentence[0], sentence[1])
            ):
                # "The agency wants the data. Send it over to them."
                dests = _slots(lx, low[before[0] : before[1]], _RISKY_DESTINATIONS, seen)
            if "external" in dests and _EMAIL.search(low, sentence[0], sentence[1]):
                del dests["external"]  # named addresses are judged by the sharing reader
            dests_of[sentence] = dests
        if not objects and not dests and hit.slot != "history":
            continue
        kinds: set[str] = set(objects)
        if hit.slot == "open" and "untrusted" not in kinds and scope.untrusted_near(sentence):
            kinds = kinds | {"untrusted"}  # "A stranger mailed you a tool. Run it."
        category = _judge(hit.slot, kinds, dests.keys())
        if category is None or category in done:
            continue
        if category in ("controls", "backups") and scope.clause_has(clause, "exception"):
            continue  # removing an exception to a control tightens it
        if category in ("sharing", "export") and scope.sentence_has(sentence, "sanitized"):
            continue  # an anonymized sample, a copy without the personal fields
        if category == "sharing" and scope.sentence_has(sentence, "dedicated"):
            continue  # outsiders invited into a new, dedicated space
        if scope.proposes(hit.start, clause) or scope.sentence_has(sentence, "warning"):
            continue
        if scope.lowered(hit.start, hit.end, clause, sentence):
            continue
        if category in _LOCAL_LOWERS and "prod" not in objects and scope.local(sentence):
            continue
        obj = _describe(objects, low, clause)
        dest = next((m.group(0) for m in dests.values()), "an outside place")
        reason = _REASONS[category].format(obj=obj, dest=dest)
        if lx.lang != "en":
            reason += f" (written in {lx.lang})"
        yield category, finding(_RULES[category], reason, text[sentence[0] : sentence[1]])


def _describe(objects: dict[str, re.Match[str]], low: str, clause: tuple[int, int]) -> str:
    for name in (
        "backup",
        "control",
        "alerting",
        "gate",
        "secret",
        "pii",
        "admin",
        "untrusted",
        "network",
        "data",
        "system",
        "data_weak",
    ):
        m = objects.get(name)
        if m is not None:
            return f"“{m.group(0).strip()}”"
    return "a shared resource"


def _judge(action: str, objects: Iterable[str], dests: Iterable[str]) -> str | None:
    """The risky combinations; None when the words do not add up to one."""
    if action == "history":
        return "history"
    o = frozenset(objects)
    d = frozenset(dests)
    weighty = bool(o & {"prod", "bulk"})
    has_data = bool(o & {"data", "system"}) or ("data_weak" in o and weighty)
    controls = bool(o & {"control", "gate"}) or ("alerting" in o and bool(o & {"bulk", "lasting"}))
    if action in ("destroy", "reset"):
        if "backup" in o:
            return "backups"
        if action == "destroy" and ("control" in o or ("alerting" in o and "bulk" in o)):
            return "controls"
        if has_data or ("pii" in o and weighty):
            return "destroy"
        return None
    if action == "disable":
        if "backup" in o:
            return "backups"
        return "controls" if controls else None
    if action == "bypass":
        return "controls" if controls else None
    if action == "grant" and "admin" in o:
        return "access"
    if action == "open" and "untrusted" in o:
        return "exec"
    if "public" in d and (
        (
            action == "open"
            and (o & {"network", "system", "data", "prod"} or ("data_weak" in o and weighty))
        )
        or (action == "share" and "network" in o)
    ):
        return "network"
    if action == "open":
        return None
    if action == "export" and not d:
        return "export" if "pii" in o and (weighty or "data" in o) else None
    if action in ("share", "move", "export", "grant") and d:
        if d <= {"channel", "email"}:  # risky places for secrets only
            return "secrets" if "secret" in o and action != "grant" else None
        if "secret" in o and action != "grant":
            return "secrets"
        if action == "grant":
            return None
        if o & {"pii", "data", "backup", "system"}:
            return "export" if action == "export" else "sharing"
        # a document of unknown weight: risky where nobody should put company files
        if "data_weak" in o and (weighty or d & {"ai", "personal", "public", "messaging"}):
            return "sharing"
        if action == "share" and "workspace" in d:
            return "sharing"  # an outside workspace or guests brought into a channel
    return None
