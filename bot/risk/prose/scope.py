"""Scope modifiers: what makes words that name a risky action not an instruction.

- negation and warnings: "never delete …", "ne supprimez jamais", "削除しないで";
- hypotheticals: "what would happen if we deleted …", "如果……会发生什么？";
- reports of the past: "an engineer deleted the ledger", "gestern … gelöscht",
  a postmortem's root cause;
- local scope (for destruction only): a laptop's dev environment, a scratch table, an
  environment named for development, tests or previews (not staging, not shared).

Each is decided for one action: negation within its clause (the words between
commas and conjunctions), hypotheticals, reports and local scope within its
sentence. A warning in one sentence never lowers an instruction in the next.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from bot.risk.environments import NONPROD_PLACE_RE, PRODUCTION_RE
from bot.risk.listing import list_run, warned_item
from bot.risk.prose.lexicon import Lexicon

__all__ = ["ADVISED", "COUNTERFACTUAL", "SOMEONE", "Scope", "Spans", "spans"]

# Between a report word and the document noun it qualifies: "incident report", "事故报告",
# "Vorfall-Bericht"; and between a document noun and its report word: "rapport d'incident",
# "report of the incident", "事故の報告書" read the other way.
_DOC_GAP = re.compile(r"[\s-]?")
_DOC_OF = re.compile(
    r"\s*(?:d['’]|de\s+(?:la\s+|l['’])?|du\s+|des\s+|del?\s+|do\s+|da\s+|"
    r"of\s+(?:the\s+)?|zum\s+|zur\s+|vom\s+|の|的)?"
)
# Blank lines looked past for the sentence before (a fenced block leaves a few).
# A sentence that is only blank or a plan step's number ("\n3.", "2)", "- ").
_BARE_STEP = re.compile(r"\s*(?:(?:\d{1,2}|[a-z])[.)]|[-*•])?\s*")
_BLANK_REACH = 8
# A sentence that opens by qualifying the one before ("But …", "ただし…", "Attention, …"):
# a condition on the same act, such as what to mask before it is posted.
_CAVEAT = re.compile(
    r"\W*(?:(?:but|however|though|mais|cependant|toutefois|attention|pero|sin\s+embargo|ojo|"
    r"aber|allerdings|jedoch|achtung|mas|porém|contudo|atenção)(?!\w)|ただし|但し|なお|但是|不过)"
)

# Sentence ends: Western punctuation before a space, CJK full stops, newlines, semicolons.
# Normalization folds "？" and "！" to "?" and "!", and Chinese and Japanese put no space
# after them: one before a kana or a Han character ends its sentence too
# ("可以关掉吗?另外,把……关掉。" is two sentences, the second an order of its own).
# A period that closes a common abbreviation inside a sentence ("inkl. Adressen", "e.g. the
# logs", "bzw. die IBAN") ends nothing: the object named after it is still the verb's.
# The period is matched first and the abbreviation checked behind it (its lookbehind holds
# the period): a pattern that opens with lookbehinds is tried at every position of the text.
_ABBREVIATED = "".join(
    f"(?<!\\b{re.escape(a)}\\.)"
    for a in (
        "inkl",
        "exkl",
        "zzgl",
        "bzw",
        "ggf",
        "evtl",
        "z.b",
        "d.h",
        "u.a",
        "incl",
        "e.g",
        "i.e",
        "approx",
        "vs",
        "p.ex",
        "cf",
        "p.ej",
        "ca",
        "aprox",
        "ex",
        "mio",
        "mrd",
        "tsd",
        "nr",
    )
)
_SENTENCE_END = re.compile(
    rf"\.{_ABBREVIATED}(?=\s|$|[\u3040-\u30ff\u3400-\u9fff])|[!?](?=\s|$|[\u3040-\u30ff\u3400-\u9fff])"
    # a semicolon folded from "；" touches the Chinese or Japanese after it ("…直接安装;论坛…")
    r"|[。！？]|\n|;(?:\s|(?=[\u3040-\u30ff\u3400-\u9fff]))|；"
)
# Clause breaks inside a sentence: commas, colons, dashes and the common conjunctions.
_CONJUNCTIONS = frozenset(
    {
        "but",
        "then",
        "however",
        "although",
        "though",
        "because",
        "since",
        "so",
        "mais",
        "puis",
        "pero",
        "luego",
        "aber",
        "dann",
        "weil",
        "doch",
        "mas",
        "porque",
        "depois",
        "pois",
    }
)
# A relative clause about the object right before ("…, which nobody reads anymore,"):
# it names no object of its own for a later "it".
_RELATIVE_OPENER = re.compile(
    r"(?:which|who|whom|lequel|laquelle|lesquels|lesquelles|qui|welche[rsn]?|cuy[oa]s?|"
    r"quien(?:es)?|o\s+qual|a\s+qual)\s"
)
_CLAUSE_BREAK = re.compile(
    # not a thousands separator ("all 48,000 contacts")
    r",(?!(?<=\d,)\d{3}(?!\d))|[，、:：—–]|\s-\s"
    r"|\s(?:" + "|".join(sorted(_CONJUNCTIONS)) + r")\s"
    r"|但是|但|然后|因为|けど、?|しかし、?|ので、?|から、"  # "ので、": one break, not two
)
# In Chinese "、" only separates the items of a list (姓名、手机号和地址); in Japanese it is
# the ordinary comma. Texts without kana are read the Chinese way.
_CLAUSE_BREAK_HAN = re.compile(_CLAUSE_BREAK.pattern.replace("、", "", 1))
_KANA = re.compile(r"[\u3040-\u30ff]")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence that is only a yes or no ("No.", "Nope!", "Non.", "Nein.", "いいえ。", "不用。")
_CLAUSE_OPENERS = frozenset(";:,.!?—–-。、，；！？")
_BARE_ANSWER = re.compile(
    r"\s*(?:no|nope|nah|yes|yep|yeah|ok|okay|sure|non|oui|nein|ja|nee|s[ií]|n[aã]o|sim|"
    r"いいえ|はい|ええ|不|不用|不需要|是的?|对|好的?)\s*[.!。！,，]*\s*"
)
# The end of a list: a few words, a conjunction, a word ("adressen und geburtsdaten").
_LIST_END = re.compile(r"\s*(?:[^\W\d_][\w-]*\s+){1,3}?(?:and|und|et|y|e|oder|or|ou)\s+[^\W\d_]")
# … or a list in brackets that closes ("(nome, CPF, e-mail)"): no conjunction needed.
_LIST_CLOSE = re.compile(r"\s*(?:[^\W\d_][\w-]*\s*){1,3}\)")
_ARTICLE = re.compile(r"\s*(?:(?:les|le|la|los|las|el|os|as|o|a|the|die|den|das|der)\s|l['’])")
_LIST_ITEM = re.compile(r"\s*(?:[^\W\d_][\w-]*\s+){0,2}[^\W\d_][\w-]*\s*,\s*$")
# A clause that adds to the object before it ("the incident timeline, including the names of
# the affected customers,", "la liste, y compris les adresses", "die Tabelle, inklusive
# Adressen", "la hoja, incluidos los DNI"): what it names is sent with it.
_INCLUDING = re.compile(
    r"\s*(?:including|incl\.|containing|together\s+with|along\s+with|with|y\s+compris|avec|"
    r"inclu(?:s|se|ses|ant|ido|idos|ida|idas|indo|yendo)|con|inklusive|einschlie(?:ß|ss)lich|"
    r"samt|mitsamt|mit|com)\b"
)
# … or that ends by saying it goes along ("…, card details visible,", "…, DNI incluidos,").
_INCLUDED_AFTER = re.compile(
    r"\b(?:visible|included|shown|attached|showing|incluid[oa]s?|inclus(?:es)?|inclu[íi]d[oa]s?"
    r"|inklusive|dabei|mit\s+drin)\s*[,.;:]?\s*$"
)
# A purpose clause: what it names is why, not where ("so that", "damit", "pour que", "以便").
_PURPOSE = re.compile(
    r"\b(?:so\s+that|so|in\s+order\s+to|damit|pour\s+que|afin|para\s+que|de\s+modo\s+que"
    r"|para\s+(?:eles|elas|ellos|ellas)\s+(?:poder|puedan|possam))\b|以便|为了|ように"
)
# A word glued to a dotted name before it: `server_name admin.kornfeld-shop.de` ends in the
# top-level label "de", not in Portuguese "dê" (give).
_IN_DOTTED_NAME = re.compile(r"[a-z0-9-]\.[a-z]")
# Marks that may end a sentence or clause right before a word.
# Marks that may stand alone before a word: an opening quote or emphasis ("pick 'Delete'").
_QUOTES = "*_>-\"'“”‘’«»„`("
_BREAK_MARKS = frozenset(",，、:：—–.!?;；。！？")
# The action ends its clause ("Pode instalar e passar"): its object was named before.
# A courtesy standing alone between commas ("Exclua, por favor, o banco …").
_COURTESY = re.compile(
    r"\s*(?:por\s+favor|per\s+favore|bitte(?:\s+sehr)?|s.il\s+(?:te|vous)\s+pla[iî]t|please)"
)
# (the next step's number ends a plan step's clause: "2. Per E-Mail an die Agentur schicken\n3.")
_NOTHING_AFTER = re.compile(
    r"[\s.!?,;:)»”\"']*(?:$|(?:e|y|et|und|and|then)\s|\n\s*(?:\d{1,3}[.)]|[-*•])\s*$)"
)
# Marks that open a list item or a checklist line, not words: "-", "**", "[ ]", "[x]", "☐",
# "✅", "1)", "a)", "(b)".
_LIST_MARK = re.compile(r"[*_>\-•+\[\]xX☐☑☒✅✔✓]*|\(?(?:\d{1,3}|[a-z])\)")
# What may stand before a clause's first word: list and markdown marks, step numbers.
_LEADING_MARKS = " \t\n*-•>_#0123456789.)([]"
_MAX_CLAUSE = 400  # a "clause" longer than this (no punctuation) is cut into windows
_WORD = re.compile(r"[^\W\d_]+")
# The consequence of a condition that is not real: "…, it would wipe", "ça effacerait".
COUNTERFACTUAL = re.compile(
    r"\b(?:would|might|wouldn'?t)\b|\w{3,}(?:rait|raient|ría|rían|ria|riam)\b"
    r"|\bwürde\w*\b|\bhätte\w*\b|だろう|でしょう"
)
# Someone other than the reader, as the subject of what a clause tells.
SOMEONE = re.compile(
    r"\b(?:someone|somebody|jemand|alguien|quelqu['’]un|algu[ée]m)\b|誰か|有人|某人"
)
# What someone said to do is advice passed on, not a report of what they did.
ADVISED = re.compile(
    r"\b(?:suggest|recommend|propos|advis|said|says|told|wrote|posted|shared|mentioned|"
    r"sugiri|recomend|dijo|dice|empfahl|empfiehlt|schlug|meinte|sagte|conseill|a\s+dit|disse)\w*"
    r"|建议|推荐|说|勧め|提案|言っ"
)


# A quoted value opens after a space, "=", ":" or "(" ("set it to 'Not required'",
# value="none"); an apostrophe inside a word ("don't") opens nothing.
_OPEN_QUOTE = re.compile(r"(?:(?<=[\s=:(])|^)['\"‘“«`]")
_CLOSE_QUOTE = re.compile(r"['\"’”»`](?![^\W\d_])")


# "set X to not required": a setting's value, unquoted ("to not delete" stays a negation).
_VALUE_NOT = re.compile(r"(?<=\bto )not\s+(?:required|enforced|enabled|mandatory|allowed)\b")


def _quoted_value(low: str, pos: int, clause: tuple[int, int]) -> bool:
    """`pos` lies inside a setting's value in its clause: "set the MFA policy to 'Not
    required'" names a value, and its "not" negates nothing the sentence asks for."""
    if _VALUE_NOT.match(low, pos):
        return True
    opened = None
    for m in _OPEN_QUOTE.finditer(low, clause[0], pos):
        opened = m
    if opened is None or _CLOSE_QUOTE.search(low, opened.end(), pos):
        return False
    return _CLOSE_QUOTE.search(low, pos, clause[1]) is not None


# The separator of a console's menu path ("Customers → Export", "Reports -> Download"): the
# item after it is clicked, an act in a verb's place.
MENU_ARROWS = frozenset(["→", "->", "⟶", "=>", "›", "»"])


def _list_mark(word: str) -> bool:
    return bool(_LIST_MARK.fullmatch(word))


@dataclass
class Spans:
    """Sentences of a text; each sentence's clauses are cut when first asked for."""

    low: str
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    breaks: re.Pattern[str] = _CLAUSE_BREAK
    _clauses: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def clauses(self, i: int) -> list[tuple[int, int]]:
        out = self._clauses.get(i)
        if out is None:
            a, b = self.sentences[i]
            out = _windows(_split(self.low, a, b, self.breaks)) or [(a, b)]
            self._clauses[i] = out
        return out


def _split(text: str, start: int, end: int, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in breaks.finditer(text, start, end):
        if m.end() > pos:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _windows(spans_: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans_:
        while b - a > _MAX_CLAUSE:
            out.append((a, a + _MAX_CLAUSE))
            a += _MAX_CLAUSE
        out.append((a, b))
    return out


# A plan's step number ("2." at a line start) is no sentence of its own: it joins the
# step before, so the step after keeps that step as the sentence before it ("1. Export
# the collection (it holds the tokens)" / "2. Publish it …": "it" finds its object).
_STEP_NUMBER = re.compile(r"\s*(?:step\s+)?(?:\d{1,3}|[a-z])\.")


def _join_step_numbers(sentences: list[tuple[int, int]], low: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sentences:
        if out and (low[a - 1] == "\n" or low[a] == "\n") and _STEP_NUMBER.fullmatch(low, a, b):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def spans(low: str) -> Spans:
    """Sentence and clause spans of the whole text, sorted, covering it."""
    sentences = _split(low, 0, len(low), _SENTENCE_END)
    if "." in low:
        sentences = _join_step_numbers(sentences, low)
    sentences = _windows(sentences) or [(0, len(low))]
    breaks = _CLAUSE_BREAK if low.isascii() or _KANA.search(low) else _CLAUSE_BREAK_HAN
    return Spans(low, sentences, [s for s, _ in sentences], breaks)


@dataclass
class Scope:
    """Scope questions for one language over one text; sentence answers are cached."""

    lx: Lexicon
    low: str
    structure: Spans
    _sentence_cache: dict[tuple[int, int, str], bool] = field(default_factory=dict)

    # -- spans ----------------------------------------------------------------------------------

    def _sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.structure.sentence_starts, pos) - 1)

    def clause_of(self, pos: int) -> tuple[int, int]:
        clauses = self.structure.clauses(self._sentence_index(pos))
        if len(clauses) == 1:
            return clauses[0]
        i = max(0, bisect_right(clauses, (pos, len(self.low) + 1)) - 1)
        return clauses[i]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.structure.sentence_starts, pos) - 1)
        return self.structure.sentences[i]

    def previous_sentence(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence before, past blank ones (a command taken out of the prose to be read
        on its own leaves its lines empty)."""
        i = bisect_right(self.structure.sentence_starts, sentence[0]) - 1
        for j in range(i - 1, max(-1, i - 1 - _BLANK_REACH), -1):
            before = self.structure.sentences[j]
            if not self.low[before[0] : before[1]].isspace():
                return before
        return None

    def previous_step(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence before, past blank ones and a plan's bare step numbers ("\n3."): in
        "2. Download the decryptor from the ransom note. 3. Run it as admin", step 3 follows
        step 2, not its own number."""
        before = self.previous_sentence(sentence)
        while before is not None and _BARE_STEP.fullmatch(self.low, before[0], before[1]):
            before = self.previous_sentence(before)
        return before

    def joined(self, sentence: tuple[int, int]) -> tuple[int, int]:
        """The sentence with the one after it when a semicolon joins them ("upload the file
        to their link; they only need the layout, no rows") or when that one opens with a
        caveat on it ("… paste the debug log in the public issue. But mask the token first",
        "ただし、貼る前に…を *** に置き換えたものを使ってください")."""
        i = bisect_right(self.structure.sentence_starts, sentence[0]) - 1
        after = self.structure.sentences[i + 1 : i + 2]
        if not after:
            return sentence
        if self.low[sentence[0] : sentence[1]].rstrip().endswith((";", "；")) or _CAVEAT.match(
            self.low, after[0][0], after[0][1]
        ):
            return (sentence[0], after[0][1])
        return sentence

    def antecedents(self, clause: tuple[int, int], start: int) -> list[tuple[int, int]]:
        """Where an object left out of this clause may have been named: the two clauses
        before it when the clause points back ("…, remove it"); in Chinese and Japanese,
        which drop objects freely, the clause before in the same sentence too."""
        s = self._sentence_index(clause[0])
        here = self.structure.clauses(s)
        i = here.index(clause) if clause in here else 0
        before, counted = self._two_back(here[:i][::-1])
        if counted < 2 and s > 0:
            prev = s - 1
            if prev > 0 and (
                not _LETTER.search(self.low, *self.structure.sentences[prev])
                or _BARE_ANSWER.fullmatch(self.low, *self.structure.sentences[prev])
            ):
                # "2." of a numbered plan, or a bare answer ("…the prod backups? No. Delete
                # them."): the sentence before names the object
                prev -= 1
            before += self._two_back(self.structure.clauses(prev)[::-1], counted)[0]
        if (
            self.lx.pattern("pronoun").search(self.low, clause[0], clause[1])
            or self.enclitic(start)
            or _NOTHING_AFTER.match(self.low, start + len(self._word(start)), clause[1])
            or self.pressed(start)
        ):
            return before
        if (
            not self.lx.spaced
            and before
            and self.sentence_of(before[0][0]) == self.sentence_of(clause[0])
        ):
            # 顧客名簿のスプレッドシート、パートナーも見たいので、全員が閲覧できるように設定:
            # the object may lie two clauses back, within the sentence
            return [c for c in before if self.sentence_of(c[0]) == self.sentence_of(clause[0])]
        return []

    def _two_back(
        self, clauses: list[tuple[int, int]], counted: int = 0
    ) -> tuple[list[tuple[int, int]], int]:
        """The clauses (nearest first) up to two that can name an object: a relative clause
        about the object ("the old customers table, which nobody reads anymore, so feel free
        to drop it") is read through, not counted."""
        out: list[tuple[int, int]] = []
        for c in clauses:
            if counted >= 2:
                break
            out.append(c)
            if not self._thin(c):
                counted += 1
        return out, counted

    def _thin(self, clause: tuple[int, int]) -> bool:
        text = self.low[clause[0] : clause[1]]
        at = clause[0] + len(text) - len(text.lstrip())
        return self.lx.spaced and _RELATIVE_OPENER.match(self.low, at) is not None

    def dislocated(self, clause: tuple[int, int], start: int) -> list[tuple[int, int]]:
        """The clause after a pronoun-object verb that names the object ("tu peux les
        supprimer, les sauvegardes du cluster", "bórralas, las copias"): right dislocation."""
        if not self.lx.spaced:
            return []
        bare = _NOTHING_AFTER.match(self.low, start + len(self._word(start)), clause[1])
        if not (
            bare
            or self.lx.pattern("pronoun").search(self.low, clause[0], clause[1])
            or self.enclitic(start)
        ):
            return []
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else len(here)
        nxt = here[i + 1 : i + 2]
        if bare and nxt and self._only_courtesy(nxt[0]):
            nxt = here[i + 2 : i + 3]  # "Exclua, por favor, o banco …": a courtesy between
        return nxt if nxt and _ARTICLE.match(self.low, nxt[0][0], nxt[0][1]) else []

    def _only_courtesy(self, clause: tuple[int, int]) -> bool:
        """The clause is nothing but a courtesy ("por favor,", "bitte,", "s'il te plaît,")."""
        m = _COURTESY.match(self.low, clause[0], clause[1])
        return m is not None and not self.low[m.end() : clause[1]].strip(" ,;:")

    def list_tail(self, clause: tuple[int, int]) -> list[tuple[int, int]]:
        """The clauses that finish a list this clause starts ("… the full list with names,
        addresses and birth dates"): a comma, then up to three words and "and"."""
        if not self.low[clause[0] : clause[1]].rstrip().endswith(","):
            return []
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else len(here)
        out: list[tuple[int, int]] = []
        for nxt in here[i + 1 : i + 4]:
            out.append(nxt)
            if _LIST_END.match(self.low, nxt[0], nxt[1]) or _LIST_CLOSE.match(
                self.low, nxt[0], nxt[1]
            ):
                return out
            if not _LIST_ITEM.match(self.low, nxt[0], nxt[1]):
                break
        return []

    def dashed_aside(self, clause: tuple[int, int]) -> list[tuple[int, int]]:
        """The clauses of an aside set off by dashes that opens at the end of this clause or
        of the next one ("export the same list for all regions, not just Nordics — so every
        contact, with phone numbers and the notes field — and drop the CSV …"): it says what
        the verb's object holds. Only a closed aside counts."""
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else len(here)
        for opener in range(i, min(i + 2, len(here))):
            if _ends_with_dash(self.low, here[opener]):
                out = here[opener + 1 : opener + 1 + _MAX_ASIDE]
                for n, inner in enumerate(out):
                    if _ends_with_dash(self.low, inner):
                        return out[: n + 1]
                return []
        return []

    def list_head(self, clause: tuple[int, int]) -> list[tuple[int, int]]:
        """The clauses that start a list this clause ends, when the verb comes last ("die
        komplette Tabelle inkl. Adressen, Geburtsdaten und IBAN … ziehen"): the clause
        opens with a list's end, and the ones before it end with a comma."""
        if not _LIST_END.match(self.low, clause[0], clause[1]):
            return []
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else 0
        out: list[tuple[int, int]] = []
        for before in reversed(here[max(0, i - 3) : i]):
            if not self.low[before[0] : before[1]].rstrip().endswith(","):
                break
            out.append(before)
            if not _LIST_ITEM.match(self.low, before[0], before[1]):
                break  # the list's head: the noun the items belong to
        return out

    def appended(self, clause: tuple[int, int]) -> tuple[int, int] | None:
        """The clause right after this one when it adds to its object ("…, including the
        names of the affected customers, …")."""
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else len(here)
        nxt = here[i + 1] if i + 1 < len(here) else None
        if nxt is None:
            return None
        if _INCLUDING.match(self.low, nxt[0], nxt[1]) or _INCLUDED_AFTER.search(
            self.low, nxt[0], nxt[1]
        ):
            return nxt
        return None

    def announced(self, clause: tuple[int, int]) -> list[tuple[int, int]]:
        """The clause after this one when this one ends with a colon: "Delete it now: the
        warehouse …" names its object after the verb."""
        text = self.low[clause[0] : clause[1]]
        after = self.low[clause[1] : clause[1] + 1]
        if not (text.endswith("：") or (text.endswith(":") and after.isspace())):
            return []  # "C:\data", "tcp:22": a colon inside a word announces nothing
        here = self.structure.clauses(self._sentence_index(clause[0]))
        i = here.index(clause) if clause in here else len(here)
        return here[i + 1 : i + 2]

    def plan_has(self, sentence: tuple[int, int], slot: str) -> bool:
        """The slot is named in the sentence or in another step of the plan (list run) it
        is a step of: "1. Leave out the tfstate … 2. Copy infra/ into the public repo"."""
        if self._sentence(sentence, slot):
            return True
        at = sentence[0]
        while at < sentence[1] and self.low[at] in " \t\n":
            at += 1
        run = list_run(self.low, at)
        return run is not None and bool(self.lx.pattern(slot).search(self.low, run[0], run[1]))

    def clause_has(self, clause: tuple[int, int], slot: str) -> bool:
        return bool(self.lx.pattern(slot).search(self.low, clause[0], clause[1]))

    def sentence_has(self, sentence: tuple[int, int], slot: str) -> bool:
        return self._sentence(sentence, slot)

    def untrusted_near(self, sentence: tuple[int, int]) -> bool:
        """An untrusted source is named in this sentence or the one before, outside a clause
        that refuses it ("论坛帖子里网友分享的工具就不要下载了", "skip nothing: don't run the forum
        one-liner" names the forum tool only to turn it down)."""
        before = self.previous_step(sentence)
        return self._untrusted_kept(sentence) or (
            before is not None and self._untrusted_kept(before)
        )

    def untrusted_in(self, sentence: tuple[int, int]) -> bool:
        """An untrusted source is named in this sentence, outside a clause that refuses it."""
        return self._untrusted_kept(sentence)

    def turns_down(self, sentence: tuple[int, int]) -> bool:
        """The sentence refuses ("… and has a postinstall script, so let's not", "No lo
        ejecutaría", "je ne l'installerais pas"): a way of saying no, or a run, install or
        open verb negated. Not any negation: "le pilote n'est plus que sur un hébergeur"
        describes the source."""
        if self._sentence(sentence, "declined"):
            return True
        for m in self.lx.pattern("open").finditer(self.low, sentence[0], sentence[1]):
            if self._negated(m.start(), m.end(), self.clause_of(m.start())):
                return True
        return False

    def _untrusted_kept(self, sentence: tuple[int, int]) -> bool:
        if not self._sentence(sentence, "untrusted"):
            return False
        lx = self.lx
        for m in lx.pattern("untrusted").finditer(self.low, sentence[0], sentence[1]):
            if _in_name(self.low, m.start()):
                continue
            clause = self.clause_of(m.start())
            refused = any(
                not (m.start() <= n.start() < m.end())  # "don't bother reading it" is the source
                for slot in ("neg_before", "neg_after")
                for n in lx.pattern(slot).finditer(self.low, clause[0], clause[1])
            )
            if not refused or lx.pattern("affirm").search(self.low, clause[0], clause[1]):
                return True
        return False

    def proposes(self, start: int, clause: tuple[int, int]) -> bool:
        """The action is what a request or plan would ask for, not the ask itself, what a
        question about who may do it is about ("list who can delete …"), or the
        subject of a question left to be settled later ("then we'll work out with the data
        team how to drop only those", "Dann klären wir mit dem Team, wie wir … entfernen")."""
        if self.lx.pattern("proposal").search(self.low, clause[0], start):
            return True
        sentence = self.sentence_of(start)
        if self.lx.pattern("holders").search(self.low, sentence[0], start):
            return True  # "check which roles can disable MFA": who may, not do it
        return any(
            clause[0] <= m.end() <= start
            for m in self.lx.pattern("deliberate").finditer(self.low, sentence[0], start)
        )

    def surely_not_verb(self, start: int) -> bool:
        """A quick `verb_position` that needs no clause: the word right before the action
        is an ordinary word (not a lead, not after a break). False when unsure."""
        if start >= 2 and _IN_DOTTED_NAME.match(self.low, start - 2):
            return True  # the last label of a host or file name (`admin.shop.de`), no verb
        lead = self.lx.verb_lead
        if lead is None or start < 2:
            return False
        a = max(0, start - 40)
        before = self.low[a:start]
        words = before.split()
        if not words or (len(words) == 1 and a > 0):
            return False  # nothing before it, or a word the window may have cut
        raw = words[-1]
        if not raw.strip(_QUOTES) or raw in MENU_ARROWS:
            return (
                False  # an opening quote ("pick 'Delete'") or a menu path: decided with its clause
            )
        if raw[-1] in _BREAK_MARKS or "\n" in before[before.rfind(raw) :]:
            return False
        if _list_mark(raw):
            return False  # a list or markdown mark: maybe a clause start
        last = raw.replace("’", "'").strip("*_>-\"'“”(")
        return (
            not (last in lead or ("'" in last and last[last.index("'") :] in lead))
            and last not in _CONJUNCTIONS
            and self.lx.causative.isdisjoint(words[-4:-1])
        )

    def verb_position(self, start: int, clause: tuple[int, int]) -> bool:
        """The action word stands where a verb does (only languages that say where)."""
        lead = self.lx.verb_lead
        if lead is None:
            return True
        a = max(clause[0], start - 40)
        words = self.low[a:start].replace("’", "'").split()
        while words and (_list_mark(words[-1]) or not words[-1].strip(_QUOTES)):
            words.pop()  # markdown and list marks ("**", "-", ">"), an opening quote
        if not words:
            return a == clause[0]  # the action starts its clause
        last = words[-1].strip("*_>-\"'“”(")
        return (
            last in lead
            or ("'" in last and last[last.index("'") :] in lead)
            or not self.lx.causative.isdisjoint(words[-4:-1])  # "let the consultant download"
        )

    # -- modifiers ------------------------------------------------------------------------------

    def lowered(
        self, start: int, end: int, clause: tuple[int, int], sentence: tuple[int, int]
    ) -> bool:
        """Negated, past, or hypothetical / reported: not an instruction to act."""
        reported_end = start if self.lx.spaced else clause[1]
        return (
            self._past(start, end, clause, sentence)
            or self._someone_did(start, clause)
            or self._unreal(start, sentence)
            or self._reported(start, clause, sentence, reported_end)
            or self._negated(start, end, clause)
            or self._sentence(sentence, "hypothetical")
            or self._heading_warns(sentence)
            or (self._hypothetical_question(sentence) and not self.clause_has(clause, "request"))
            or (self._declined(sentence) and not self._sentence(sentence, "request"))
            or self._temporal(start)
            or self.asks_leave(sentence)
            or self._reports(start, sentence)
            or self._described(start, clause, sentence)
        )

    def _reports(self, start: int, sentence: tuple[int, int]) -> bool:
        """The sentence narrates what happened ("yesterday", "root cause"), unless the only
        report words stand in a relative clause after the action, about its object ("run
        the installer that the technician sent yesterday": the run is still asked for), or
        in a reason clause closed before it ("先方が昨日から繋がらないので、…を許可して")."""
        if not self._sentence(sentence, "report"):
            return False
        relative = self.lx.pattern("relative")
        cause = self.lx.pattern("cause")
        provenance = self._provenance(sentence)
        for m in self.lx.pattern("report").finditer(self.low, sentence[0], sentence[1]):
            if _in_name(self.low, m.start()) or self._names_document(m):
                continue
            if any(a <= m.start() < b for a, b in provenance):
                continue  # "l'exécutable publié hier par un compte anonyme": where it came from
            if m.end() <= start and cause.search(self.low, m.end(), start) is not None:
                continue  # the reason given before the act ("…昨日から…ので、"), not the act
            if m.end() <= start and self._topic_before(m.end(), start):
                continue  # "Le script reçu hier d'une adresse inconnue : lance-le": the topic
            if m.end() <= start and self._topic_heading(sentence[0], m.end(), start):
                continue  # "Sobre lo que me preguntaste ayer: lo más práctico es que …"
            if m.start() < start or relative.search(self.low, start, m.start()) is None:
                return True
        return False

    def _provenance(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """Where the sentence says its object came from ("published yesterday by an unknown
        account", "昨日公開された"): a report word inside describes the thing, it narrates no
        act."""
        if not self._sentence(sentence, "untrusted"):
            return []
        pattern = self.lx.pattern("untrusted")
        return [m.span() for m in pattern.finditer(self.low, sentence[0], sentence[1])]

    def _topic_before(self, end: int, start: int) -> bool:
        """A colon stands between a report word and the action, and the action opens what
        follows it: the words before the colon name the thing the order is about ("The
        installer the vendor sent yesterday: run it as admin"), they narrate no act."""
        colon = max(self.low.rfind(":", end, start), self.low.rfind("：", end, start))
        return colon >= end and not self.low[colon + 1 : start].strip(" \t*_`")

    def _topic_heading(self, begin: int, end: int, start: int) -> bool:
        """The report word stands in a topic the sentence opens with and closes with a colon
        before the action ("About what you asked yesterday: …", "Zu deiner Frage von gestern:
        …", "昨日の件について：…"): it dates the question, the order after the colon is new."""
        colon = max(self.low.rfind(":", end, start), self.low.rfind("：", end, start))
        if colon < end:
            return False
        topic = self.lx.pattern("topic")
        if not self.lx.spaced:
            return topic.search(self.low, begin, colon + 1) is not None
        lead = begin
        while lead < colon and self.low[lead] in _TOPIC_LEAD:
            lead += 1
        return topic.match(self.low, lead, colon) is not None

    def _names_document(self, m: re.Match[str]) -> bool:
        """The report word qualifies a document noun beside it ("the incident report", "le
        rapport d'incident", "Vorfallbericht", "事故报告"): it names what is sent, it does not
        narrate what happened."""
        doc = self.lx.pattern("data_weak")
        gap = _DOC_GAP.match(self.low, m.end())
        if gap is not None and doc.match(self.low, gap.end()):
            return True
        return any(
            _DOC_OF.fullmatch(self.low, d.end(), m.start())
            for d in doc.finditer(self.low, max(0, m.start() - 40), m.start())
        )

    def _described(self, start: int, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
        """The action is what a thing would do ("`X` would remove the instance and its
        backups"), and the sentence asks nobody for anything."""
        a = max(clause[0], start - 40)
        found = list(self.lx.pattern("described").finditer(self.low, a, start))
        m = found[-1] if found else None
        if m is not None and self.low[m.end() : start].strip():
            m = None
        # a clause that starts with "would": its subject was a command, read out of the text
        subjectless = self.low[clause[0] : start].split() in (["would"], ["would", "also"])
        return (m is not None or subjectless) and not self._sentence(sentence, "request")

    def local(self, sentence: tuple[int, int], action_end: int) -> bool:
        """Local scope named in the sentence, except in a purpose clause after the action
        ("turn off SSO so they can sign in with a local password")."""
        for slot in ("local", "own_space"):
            if not self._sentence(sentence, slot):
                continue
            for m in self.lx.pattern(slot).finditer(self.low, sentence[0], sentence[1]):
                if m.start() < action_end or not _PURPOSE.search(self.low, action_end, m.start()):
                    return True
        return False

    def nonprod(self, sentence: tuple[int, int]) -> bool:
        """The sentence places the action in a development, test or preview environment
        ("the test topic in the dev Kafka cluster") and names neither production nor a
        shared place ("the shared dev box" is someone else's too)."""
        text = self.low[sentence[0] : sentence[1]]
        return (
            (NONPROD_PLACE_RE.search(text) is not None or self._sentence(sentence, "nonprod"))
            and PRODUCTION_RE.search(text) is None
            and not self._sentence(sentence, "shared")
        )

    def _word(self, start: int) -> str:
        """The whole first word of an action ("turned" in "turned off")."""
        end = start
        limit = min(len(self.low), start + 40)
        while end < limit and self.low[end].isalnum():
            end += 1
        return self.low[start:end]

    def enclitic(self, start: int) -> bool:
        """The action word carries its object as a pronoun ("ejecútalo", "eliminá-lo")."""
        return self.lx.spaced and bool(
            self.lx.enclitic_re.match(self.low, start + len(self._word(start)) - 4)
        )

    def pressed(self, start: int) -> bool:
        """The action word is a console button pressed ("select all, then hit Delete",
        "clique sur « Supprimer »"): it acts on what was selected before, not on what the
        clause names after it ("from the bulk actions menu")."""
        for m in self.lx.pattern("pressed").finditer(self.low, max(0, start - 40), start):
            if not self.low[m.end() : start].strip(" " + _QUOTES):
                return True
        return False

    def inbound(self, start: int) -> bool:
        """The action word sends to us: a pronoun for "us" or "me" right before it ("que
        nos mande", "de nous envoyer") or carried by it ("mándanos")."""
        word = self._word(start)
        if self.lx.fold_accents and len(word) > 6 and word.endswith(("nos", "me")):
            return True  # "mándanos", "envíame"
        for m in self.lx.pattern("inbound").finditer(self.low, max(0, start - 12), start):
            if not self.low[m.end() : start].strip():
                return True
        return False

    def noun(self, start: int) -> bool:
        """The action word is a noun ("deletion", "Löschung") and no formal request
        right before it asks for the act ("Ich bitte um Löschung", "solicito la eliminación")."""
        word = self._word(start)
        if not (self.lx.spaced and self.lx.noun_form_re.search(word)):
            return False
        if self.lx.verb_form_re.search(word) and not self.low[
            self.clause_of(start)[0] : start
        ].strip(_LEADING_MARKS):
            return False  # "Partage le dossier …": an imperative that starts its clause
        for m in self.lx.pattern("nominal").finditer(self.low, max(0, start - 60), start):
            if not self.low[m.end() : start].strip():
                return False
        return True

    def _past(
        self, start: int, end: int, clause: tuple[int, int], sentence: tuple[int, int]
    ) -> bool:
        lx = self.lx
        if lx.spaced:
            word = self._word(start)
            past = (
                lx.past_at(self.low, start, word, clause[0])
                and not self._passive(start + len(word), clause[1])
                and not self._state(start, clause[0])
            )
        else:
            past = bool(lx.past_after_re.match(self.low[end : min(clause[1], end + 12)]))
        # "gostaria que desativasse", "que vous désactiviez", "把订单表给删了": asked for; the
        # frame may open the sentence ("Am einfachsten wäre es, wenn ein Admin … deaktiviert")
        return past and not lx.pattern("wish").search(self.low, sentence[0], start)

    def _unreal(self, start: int, sentence: tuple[int, int]) -> bool:
        """The action lies in an unreal condition and its consequence: a condition told in
        a past form, then a conditional verb ("si ejecutáramos X, cualquiera podría leer
        la base", "if we ran X, we would lose the ledger"). An order in a later clause
        ("…, so delete it now") is not inside it."""
        if not self.lx.spaced:
            return False
        cond = self.lx.pattern("conditional").search(self.low, sentence[0], start)
        if cond is None:
            return False
        words = list(_WORD.finditer(self.low, cond.end(), min(start + 1, cond.end() + 60)))[:4]
        verb = next(
            (m for m in words if self.lx.past_at(self.low, m.start(), m.group(0), cond.start())),
            None,
        )
        if verb is None:
            return False
        would = COUNTERFACTUAL.search(self.low, verb.end(), sentence[1])
        return would is not None and start < self.clause_of(would.start())[1]

    def _someone_did(self, start: int, clause: tuple[int, int]) -> bool:
        """Someone other than the reader did it, told in the past before the action word
        ("alguien hizo un push --force a main", "someone ran a force-push"): a report."""
        who = SOMEONE.search(self.low, clause[0], start)
        if who is None or ADVISED.search(self.low, who.end(), start):
            return False
        if not self.lx.spaced:
            return bool(self.lx.past_after_re.search(self.low[who.end() : start]))
        return any(
            self.lx.past_at(self.low, m.start(), m.group(0), clause[0])
            for m in _WORD.finditer(self.low, who.end(), start)
        )

    def _passive(self, at: int, limit: int) -> bool:
        """A participle followed by its auxiliary of the present or future ("dass die
        Backups deaktiviert werden"): a passive still to happen, not a report."""
        while at < limit and self.low[at] == " ":
            at += 1
        return bool(self.lx.pattern("passive").match(self.low, at, limit))

    def _reported(
        self, start: int, clause: tuple[int, int], sentence: tuple[int, int], end: int
    ) -> bool:
        """Someone else's request, reported ("die Agentur sagt, dass der Export …"), or a
        file's own prompt ("the workbook asks you to enable macros"), unless the sentence
        asks for it itself ("Sorg dafür, dass der Dienstleister … bekommt")."""
        asked = self.lx.pattern("reported").search(self.low, clause[0], end) or (
            self.lx.pattern("prompted").search(self.low, clause[0], end)
        )
        return bool(asked) and not self.lx.pattern("wish").search(self.low, sentence[0], start)

    def _state(self, start: int, limit: int) -> bool:
        """A participle right after a verb that asks for the state it names ("que las
        copias queden desactivadas", "qu'elles soient désactivées"): not a report."""
        last = None
        for m in self.lx.pattern("state").finditer(self.low, max(limit, start - 24), start):
            last = m
        return last is not None and not self.low[last.end() : start].strip()

    def _negated(self, start: int, end: int, clause: tuple[int, int]) -> bool:
        lx = self.lx
        before = self._negator_before(start, clause)
        after = lx.pattern("neg_after").search(self.low, end, clause[1])
        if after is None and lx.spaced and end - start > 24:
            # a verb and its particle around the negation: "steck ihn auf keinen Fall an"
            after = lx.pattern("neg_before").search(self.low, start + 1, end)
        if after is not None and _quoted_value(self.low, after.start(), clause):
            after = None
        if before is None and after is None:
            return False
        return not lx.pattern("affirm").search(self.low, clause[0], clause[1])

    def _negator_before(self, start: int, clause: tuple[int, int]) -> re.Match[str] | None:
        """The first negator before the action in its clause that negates it: not a quoted
        value, and not the negator of a purpose set before the act ("para no retrasar la due
        diligence, … cambiar la carpeta", "so we don't hold up the release, …"), which negates
        only its own verb."""
        m = self.lx.pattern("neg_before").search(self.low, clause[0], start + 1)
        if m is None or m.start() >= start or _quoted_value(self.low, m.start(), clause):
            return None
        asides = [
            a
            for a in self.lx.pattern("purpose_neg").finditer(self.low, clause[0], clause[1])
            if a.end() <= start
        ]
        while m is not None and m.start() < start:
            if not any(a.start() <= m.start() < a.end() for a in asides):
                return None if _quoted_value(self.low, m.start(), clause) else m
            m = self.lx.pattern("neg_before").search(self.low, m.end(), start + 1)
        return None

    def _heading_warns(self, sentence: tuple[int, int]) -> bool:
        """The sentence is an item of a list headed by a warning ("Never do any of these:",
        "What NOT to do:"); a warning inside another step does not count."""
        key = (sentence[0], sentence[1], "@heading")
        hit = self._sentence_cache.get(key)
        if hit is None:
            at = sentence[0]
            while at < sentence[1] and self.low[at] in " \t\n":
                at += 1
            hit = warned_item(self.low, at)
            self._sentence_cache[key] = hit
        return hit

    def _hypothetical_question(self, sentence: tuple[int, int]) -> bool:
        text = self.low[sentence[0] : min(len(self.low), sentence[1] + 1)]
        if "?" not in text and "？" not in text:
            return False
        return self._sentence(sentence, "conditional")

    def _temporal(self, start: int) -> bool:
        """The action word opens a time clause ("pide habilitar macros al abrirla": when it
        is opened), not an order."""
        found = list(self.lx.pattern("temporal").finditer(self.low, max(0, start - 24), start))
        return bool(found) and not self.low[found[-1].end() : start].strip()

    def taken_up(self, start: int, sentence: tuple[int, int]) -> bool:
        """After the act, in its sentence or the next, an order that takes it up with a
        pro-verb ("the sheet asks you to enable macros; do it", "…; hazlo", "Fais-le.",
        "照做"): whatever lowered the act as described or asked about, it is now ordered."""
        i = self._sentence_index(sentence[0])
        after = self.structure.sentences[i + 1 : i + 2]
        end = after[0][1] if after else sentence[1]
        for m in self.lx.pattern("taken_up").finditer(self.low, start, end):
            before = self.low[: m.start()].rstrip()
            if not before or before[-1] in _CLAUSE_OPENERS:
                return True  # it opens its clause: not "don't do it", "how to do it"
        return False

    def negates(self, start: int, end: int, clause: tuple[int, int]) -> bool:
        """The act itself is negated ("don't enable the macros")."""
        return self._negated(start, end, clause)

    def _declined(self, sentence: tuple[int, int]) -> bool:
        """The sentence is a question and the reply right after it says no ("Should we run
        the script they mailed us? I don't think so: forward it to security")."""
        text = self.low[sentence[0] : min(len(self.low), sentence[1] + 1)]
        if "?" not in text and "？" not in text:
            return False
        i = self._sentence_index(sentence[0])
        after = self.structure.sentences[i + 1 : i + 2]
        if not after:
            return False
        at = after[0][0]
        while at < after[0][1] and (self.low[at].isspace() or self.low[at] in "*_>-¡—–"):
            at += 1
        return self.lx.pattern("declined").match(self.low, at, after[0][1]) is not None

    def asks_leave(self, sentence: tuple[int, int]) -> bool:
        """The writer asks leave to act ("may I delete the old rows …?", "¿puedo borrar…?",
        "削除してもよいか確認させてください", "可以关掉吗？"): a question for the reader to
        answer, not an order. Spaced languages need the question mark ("I can delete it"
        says nothing of leave) and no ask of the reader in the sentence ("can I ask you to
        delete it?"); the Japanese and Chinese forms carry their question particle."""
        if not self._sentence(sentence, "permission"):
            return False
        if not self.lx.spaced:
            return True
        text = self.low[sentence[0] : min(len(self.low), sentence[1] + 1)]
        return ("?" in text or "？" in text) and not self._sentence(sentence, "request")

    def _sentence(self, sentence: tuple[int, int], slot: str) -> bool:
        key = (sentence[0], sentence[1], slot)
        hit = self._sentence_cache.get(key)
        if hit is None:
            hit = any(
                not _in_name(self.low, m.start())
                for m in self.lx.pattern(slot).finditer(self.low, sentence[0], sentence[1])
            )
            self._sentence_cache[key] = hit
        return hit


_NAME_MARKS = frozenset("#@")


_MAX_ASIDE = 8  # clauses an aside set off by dashes may hold
_DASHES = ("—", "–", " -")


def _ends_with_dash(low: str, clause: tuple[int, int]) -> bool:
    return low[clause[0] : clause[1]].rstrip(" ").endswith(_DASHES)


# What may stand before a topic that opens a sentence: spaces, list marks, quotes.
_TOPIC_LEAD = frozenset(" \t\n*-•>_\"'“«")


def _in_name(low: str, at: int) -> bool:
    """The word at `at` is part of a channel's or a handle's name ("#incident-4471",
    "@sec-report"): a name, not a word the sentence says."""
    i = at
    while i > 0 and (low[i - 1].isalnum() or low[i - 1] in "-_."):
        i -= 1
    return i > 0 and low[i - 1] in _NAME_MARKS
