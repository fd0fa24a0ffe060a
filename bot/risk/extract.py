"""Split an instruction into the pieces each detector should read.

Agents write prose with commands in code fences or backticks, bare shell lines,
bare SQL, or all of these at once. Each command or statement becomes its own
candidate so that the instruction's verdict can be the strictest of its parts;
what is left is prose for the sharing/access detector. Fences, backticks and
whole lines are read here; commands and statements in the middle of a sentence
(and Mongo calls or dataframe writes anywhere) come from `spans`. A `kind` hint
adds a reading of the whole text and never removes one.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import replace as _with
from typing import Literal

from bot.risk.spans import (
    HANDED_ON_REACH,
    SQL_CONTINUES,
    Spans,
    find_calls,
    handed_on,
    is_program,
    reported,
    scan,
    sentence_around,
)
from bot.risk.sql_shape import looks_like_sql

CandidateKind = Literal["shell", "sql", "mongo", "dataframe", "prose", "unread"]

_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,10}|~{3,10})[ \t]*(?P<lang>[\w+#.-]{0,30})[^\n`]*\n"
    r"(?P<body>.*?)(?:\n[ \t]*(?P=fence)|\Z)",
    re.S | re.M,
)
# Inline code that is one `key: value` setting (YAML style), never a command.
# A run of Markdown blockquote lines, and the mark that opens each.
_BLOCKQUOTE = re.compile(r"(?:^[ \t]*>[^\n]*(?:\n|\Z))+", re.M)
_QUOTE_MARK = re.compile(r"^[ \t]*> ?")
_SENTENCE_END = re.compile(r"[.!?。！？]$")
_SHELL_SIGNS = re.compile(r"(?:^|\s)--?\w|[|;&$<>=/\\]")
_SETTING = re.compile(r"(?:-\s+)?[A-Za-z_][\w.-]*:\s+[^\s:]+$")
# The first backtick is matched before the lookbehind that checks the one before it: a
# pattern opening with a lookbehind is tried at every position of the text.
_INLINE = re.compile(r"(`(?<!``)`{0,2})(?!`)(?P<body>[^`\n]+?)\1(?!`)")
# `# …` is left alone: in a shell that is a comment, and comments are never run.
_PROMPT = re.compile(r"^\s*(?:\$|%|>|PS [^>]*>)\s+(?=\S)")
_ROOT_PROMPT = re.compile(r"^\s*[\w.-]+@[\w.-]+(?::[^$#\n]*)?[$#]\s+(?=\S)")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)(?P<tag>[A-Za-z_][\w-]*)\1")
_QUOTED = re.compile(
    r'"""(.*?)"""|\'\'\'(.*?)\'\'\'|"((?:[^"\\\n]|\\.){8,})"|\'((?:[^\'\\\n]|\\.){8,})\'', re.S
)
# "Run rm -rf /var/lib/app", "Please execute: $CMD -rf /srv": a command after an
# imperative lead-in is still a command, though the line starts with an English word.
_LEAD_IN = re.compile(
    r"^(?:(?:please|now|then|just|first|next|finally|so)[,\s]+)*"
    r"(?:run|execute|exec|type|paste|enter)\b\s*:?\s+(?P<cmd>\S.*)$",
    re.I,
)
# "1. ", "- ", "* ", "(a) ", "Step 3:": a plan's marker is not part of its command.
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*•+]|\(\w\)|step\s+\d{1,3}\s*[:.)-])\s+", re.I)
# A statement keyword alone on its line, the rest below: "UPDATE users" / "SET role = …;".
_SQL_HEAD = re.compile(
    r"^(?:delete|update|insert|select|with|merge|drop|truncate|alter|grant|revoke|copy|explain)\b",
    re.I,
)
_SQL_HEAD_LINES = 40
# A document's instruction word before a command: Dockerfile `RUN`, a YAML/CI key `script:`
_DOC_PREFIX = re.compile(r"^(?:[A-Z]{2,}[ \t]|[\w.-]+:[ \t])")
# A line that opens with a capitalised word ("Then run: curl … | sudo bash", "Lad das
# Skript … aus: curl …") is a sentence the shell guess took whole: its commands are spans.
# "I haven't tried it, but …", "It's …": one capital letter and a contraction open one too.
# A bold or italic label opens one the same way ("**Run:** curl … | sudo bash", "_Fix_: …").
_PROSE_HEAD = re.compile(
    r"^(?:\*{1,2}|_{1,2})?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]*(?:['’][a-z]{1,3})?(?:\*{1,2}|_{1,2})?[\s,:]"
)
# A remark in brackets after a command ("helm uninstall x --kube-context kind-local (your
# laptop cluster first)"): English the shell cannot parse; it belongs to the sentence.
_REMARK = re.compile(
    r"^(?P<cmd>.*?\S)\s+\((?P<remark>[^\W\d_][^()`$|;&<>{}\[\]\"'=\\]*?\s[^()`$|;&<>{}\[\]\"'=\\]*)\)"
    r"\s*[.,;:!]?\s*$"
)
_SHELL_CONTINUATION = re.compile(
    r"^\s*(?:then|else|elif|fi|do|done|esac|in|\}|\)|;;|&&|\|\||\|)(?:\s|$)"
)

_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "to",
        "and",
        "so",
        "please",
        "you",
        "your",
        "we",
        "our",
        "us",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "be",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "then",
        "with",
        "for",
        "of",
        "in",
        "on",
        "from",
        "if",
        "before",
        "after",
        "just",
        "i",
        "me",
        "my",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "what",
        "when",
        "why",
        "how",
        "which",
        "there",
        "here",
        "not",
        "don't",
        "it's",
        "let's",
        "need",
        "needs",
        "want",
        "wants",
        "make",
        "sure",
    ]
)
# Function words of French, Spanish, German and Portuguese: two of them make a line a
# sentence ("talvez o mais rápido seja mysql … no teu docker local"), not a command.
_FOREIGN = frozenset(
    (
        "pour",
        "avec",
        "dans",
        "sur",
        "puis",
        "votre",
        "vous",
        "nous",
        "est",
        "les",
        "des",
        "une",
        "mais",
        "donc",
        "aussi",
        "peut",
        "para",
        "con",
        "por",
        "los",
        "las",
        "una",
        "que",
        "del",
        "pero",
        "luego",
        "también",
        "puedes",
        "después",
        "quizás",
        "und",
        "oder",
        "mit",
        "für",
        "auf",
        "dann",
        "bitte",
        "sie",
        "wir",
        "ist",
        "die",
        "der",
        "das",
        "den",
        "dem",
        "ein",
        "eine",
        "einen",
        "noch",
        "auch",
        "não",
        "você",
        "teu",
        "tua",
        "seu",
        "sua",
        "uma",
        "com",
        "depois",
        "então",
        "talvez",
        "isso",
        "aqui",
        "pelo",
        "pela",
    )
)
_CMD_HEAD = re.compile(
    r"^(?:[({!]\s*)*(?:[A-Za-z_]\w*=\S*\s+)*[\"']?[a-z0-9_./~][\w.+/~:@-]*[\"']?(?:\s|$|;|\))"
)
# CJK text standing as words (after a space, a line start or CJK punctuation), not inside a path
# A Japanese or Chinese sentence, not a name used as an argument (`-n 本番`): a run of
# five CJK characters or CJK punctuation.
_CJK_SENTENCE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{5}|[\u3000-\u303f\uff01-\uff60]")
_CJK_WORDS = re.compile(
    r"(?:^|[\s\u3000-\u303f\uff01-\uff60])[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
    r"|[\u3000-\u303f\uff01-\uff60]"
)
_QUOTED_SPAN = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")

SQL_LANGS = frozenset(
    {
        "sql",
        "psql",
        "pgsql",
        "plpgsql",
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "sqlite",
        "snowflake",
        "bigquery",
        "googlesql",
        "plsql",
        "oracle",
        "tsql",
        "t-sql",
        "mssql",
        "sqlserver",
        "databricks",
        "sparksql",
        "spark-sql",
        "hive",
        "redshift",
        "duckdb",
        "trino",
        "presto",
        "clickhouse",
    }
)
SHELL_LANGS = frozenset(
    {
        "sh",
        "bash",
        "shell",
        "zsh",
        "console",
        "shell-session",
        "shellsession",
        "terminal",
        "ksh",
        "fish",
        # Windows shells: a fenced block in them is a command all the same
        "powershell",
        "pwsh",
        "ps1",
        "ps",
        "cmd",
        "bat",
        "batch",
        "dos",
    }
)

_CLIENT_NAME = (
    r"\b(?:psql|mysql|mariadb|sqlite3|snowsql|bq|sqlcmd|duckdb|clickhouse-client|usql|beeline|"
    r"trino|presto|spark-sql|vsql|cockroach\s+sql)\b"
)
_CLIENT_REACH = 400
_CLIENT_FLAG = r"\s(?:-[ceqQ]|--command|--execute|--query|query)"
_CLIENT_SQL = re.compile(
    rf"{_CLIENT_NAME}[^|;&\n]{{0,{_CLIENT_REACH}}}?{_CLIENT_FLAG}(?:\s+|=)"
    r"(?:--?\w[\w-]*(?:=\S+)?\s+){0,20}"
    r"(?:'(?P<s>[^']*)'|\"(?P<d>(?:[^\"\\]|\\.)*)\")",
    re.S,
)
_CLIENT_NAMES = re.compile(_CLIENT_NAME)
_CLIENT_FLAGS = re.compile(rf"{_CLIENT_FLAG}(?=\s|=)")


def client_sql(command: str) -> list[str]:
    """SQL handed to a database client on its command line (`psql -c '…'`, `bq query '…'`).

    A backstop for wrappers the shell detector does not unwrap (`kubectl exec … -- psql -c`).
    """
    # `_CLIENT_SQL.finditer`, but tried only at a client name with a flag in reach: the
    # lazy look-ahead is not run at every name of a long text ("psql mysql psql …").
    flags = [m.start() for m in _CLIENT_FLAGS.finditer(command)]
    if not flags:
        return []
    out = []
    pos = 0
    for name in _CLIENT_NAMES.finditer(command):
        if name.start() < pos:
            continue
        k = bisect_left(flags, name.end())
        if k == len(flags) or flags[k] > name.end() + _CLIENT_REACH:
            continue
        m = _CLIENT_SQL.match(command, name.start())
        if m is None:
            continue
        pos = m.end()
        body = m.group("s") if m.group("s") is not None else m.group("d")
        if body and looks_like_sql(body):
            out.append(body)
    return out


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: CandidateKind
    text: str
    explicit: bool
    """Marked as code by its author (fence, backticks, `kind=`): unparsable means suspicious."""
    context: str = ""
    """The sentence around a span or an inline command, or the sentence introducing a
    fence or a command line: what a reader of warnings, reports and scope needs (see
    `command_scope`). Empty when nothing introduces it."""
    in_prose: bool = False
    """The command was left in the prose candidate too (a span in a sentence), so the
    prose reader reads it there."""
    quoted: bool = False
    """Found inside a Markdown blockquote (`> ` lines with prose among them): someone
    else's words quoted, not the writer's order (`command_scope.quote_adopted`)."""


def _strip_prompt(line: str) -> str:
    m = _PROMPT.match(line) or _ROOT_PROMPT.match(line)
    return line[m.end() :] if m else line


class Extractor:
    """Built once per engine with the shell detector's line classifier."""

    def __init__(self, looks_like_shell: Callable[[str], bool]) -> None:
        self._looks_like_shell = looks_like_shell

    def _command_like(self, line: str) -> bool:
        """A line with the shape of a command and no English in it, known command or not.

        The shell detector's own guess only knows common programs; `nats consumer
        delete …` or `(git reset --hard)` would otherwise be read as prose and missed.
        """
        if not _CMD_HEAD.match(line):
            return False
        unquoted = _QUOTED_SPAN.sub(" ", line)
        if not unquoted.isascii() and _CJK_WORDS.search(unquoted):
            return False  # Chinese or Japanese outside quotes and paths: a sentence
        tokens = set(unquoted.lower().split())
        words = [t for t in tokens if not t.startswith("-") and _WORD.fullmatch(t.rstrip(",.:;!?"))]
        bare = {w.rstrip(",.:;!?") for w in words}
        return len(line.split()) >= 2 and not (bare & _ENGLISH) and len(bare & _FOREIGN) < 2

    def extract(self, text: str, kind: str | None = None) -> list[Candidate]:
        """Every piece to judge. A `kind` hint only adds a reading of the whole text:
        every detector still reads every text, so `kind=sql` on `rm -rf` is no pass."""
        out: list[Candidate] = []
        if ">" in text:
            text = self._blockquotes(text, out)
        self._add_spans(find_calls(text), out, explicit=False)
        if kind in ("sql",):
            out.append(Candidate("sql", text, True))
        elif kind in ("shell", "command", "bash"):
            out.append(Candidate("shell", text, True))
        if "```" not in text and "~~~" not in text:
            self._lines(self._inline(text, out), out, explicit=False)
            return _unique(out)
        prose_parts: list[str] = []
        pos = 0
        # the same block again adds nothing new; kept in the order the fences stand
        blocks: dict[tuple[str, str, str], None] = {}
        intros: dict[str, str] = {}  # a line read once, however many fences it opens
        for m in _FENCE.finditer(text):
            prose_parts.append(text[pos : m.start()])
            pos = m.end()
            body = m.group("body")
            intro = _intro(text, m.start(), intros) if body.strip() else ""
            block = (body, m.group("lang").lower(), intro)
            if block not in blocks:
                blocks[block] = None
                self._block(*block, out)
        prose_parts.append(text[pos:])
        remainder = "\n".join(self._inline(part, out) for part in prose_parts)
        self._lines(remainder, out, explicit=False)
        return _unique([read for c in out for read in _fence_intro(c, blocks)])

    # -- blockquotes --------------------------------------------------------------------------

    def _blockquotes(self, text: str, out: list[Candidate]) -> str:
        """Read each Markdown blockquote on its own, its candidates marked quoted, and return
        the text without it. A run of `>` lines is a quotation when one of them is a sentence
        ("> On Oct 14 an engineer ran"); `> cmd` lines alone are a shell prompt."""
        found = False
        for m in _BLOCKQUOTE.finditer(text):
            lines = [_QUOTE_MARK.sub("", ln, count=1) for ln in m.group(0).splitlines()]
            if not any(self._quoted_sentence(ln) for ln in lines):
                continue
            found = True
            for cand in self.extract("\n".join(lines)):
                out.append(_with(cand, quoted=True))
        if not found:
            return text
        return _BLOCKQUOTE.sub(lambda m: self._unquoted(m.group(0)), text)

    def _quoted_sentence(self, line: str) -> bool:
        """A line of prose: a few words, no known command, and either not command-like at
        all or a sentence that ends as one and has no shell syntax ("… fünf PRs überschrieben.")."""
        line = line.strip()
        if len(line.split()) < 3 or line.startswith(("```", "~~~", "$", "#")):
            return False
        if self._looks_like_shell(line):
            return False
        return not self._command_like(line) or bool(
            _SENTENCE_END.search(line) and not _SHELL_SIGNS.search(line)
        )

    def _unquoted(self, block: str) -> str:
        lines = [_QUOTE_MARK.sub("", ln, count=1) for ln in block.splitlines()]
        if not any(self._quoted_sentence(ln) for ln in lines):
            return block
        return "\n" * block.count("\n")

    # -- fenced blocks ------------------------------------------------------------------------

    def _block(self, body: str, lang: str, intro: str, out: list[Candidate]) -> None:
        if not body.strip():
            return
        if lang in SQL_LANGS:
            out.append(Candidate("sql", body, True, intro))
        elif lang in SHELL_LANGS:
            lines = [_strip_prompt(line) for line in body.splitlines()]
            out.append(Candidate("shell", "\n".join(lines), True, intro))
        elif lang == "" or lang in ("text", "txt", "plain", "plaintext", "code"):
            first = next((ln for ln in body.splitlines() if ln.strip()), "")
            if looks_like_sql(first):
                out.append(Candidate("sql", body, True, intro))
            elif self._looks_like_shell(first := _strip_prompt(first).strip()) or (
                self._command_like(first)
            ):
                lines = [_strip_prompt(line) for line in body.splitlines()]
                out.append(Candidate("shell", "\n".join(lines), True, intro))
            else:
                self._lines(body, out, explicit=True)
        else:
            # Another language (python, yaml, json…): look for command lines inside it.
            self._lines(body, out, explicit=False, guess=False)

    # -- inline code spans --------------------------------------------------------------------

    def _inline(self, text: str, out: list[Candidate]) -> str:
        if "`" not in text:
            return text

        seen: dict[str, int] = {}
        kinds: dict[str, str] = {}  # the same code again reads the same way
        said: dict[str, bool] = {}

        def replace(m: re.Match[str]) -> str:
            body = m.group("body").strip()
            before = text[max(0, m.start() - _REPORTED_REACH) : m.start()]
            hit = said.get(before[-_REPORTED_TAIL:])
            if hit is None:
                hit = said[before[-_REPORTED_TAIL:]] = reported(before)
            if hit and not handed_on(text[m.end() : m.end() + HANDED_ON_REACH]):
                return " "  # "never run `rm -rf /`", "someone ran `DROP TABLE …`": not an order
            seen[body] = n = seen.get(body, 0) + 1
            kind = kinds.get(body)
            if kind is None:
                kind = kinds[body] = self._inline_kind(body, out)
            if n > _MAX_SENTENCES + 1:
                return body if kind == "prose" else " "  # added (with no sentence) already
            # the same code many times over is judged in a few sentences, then in none
            context = sentence_around(text, m.start(), m.end()) if n <= _MAX_SENTENCES else ""
            if kind == "sql":
                out.append(Candidate("sql", body, True, context))
            elif kind == "shell":
                out.append(Candidate("shell", _strip_prompt(body).strip(), True, context))
            elif kind == "prose":
                return body  # an identifier (`customers`, `#payroll`): keep it for the prose
            return " "  # (spans were added when this code was first read)

        return _INLINE.sub(replace, text)

    def _inline_kind(self, body: str, out: list[Candidate]) -> str:
        """How inline code reads: "sql", "shell", "spans" (commands found inside it, added
        to `out` here) or "prose"."""
        if looks_like_sql(body):
            return "sql"
        cmd = _strip_prompt(body).strip()
        if _SETTING.match(cmd):
            return "prose"  # `level: None`, `- enforce_mfa: false`: a setting the sentence sets
        if " " in cmd and (self._looks_like_shell(cmd) or self._command_like(cmd)):
            return "shell"
        if self._looks_like_shell(cmd) and "/" not in cmd and "." not in cmd:
            return "shell"
        if " " in cmd and is_program(cmd.split(None, 1)[0]):
            # Code that starts with a program is one command, English words and all
            # (`sudo ufw allow from 10.0.0.0/8 to any port 22`): no clause ends in it.
            return "shell"
        if " " in cmd and self._spans(cmd, out, explicit=True, in_prose=False):
            return "spans"
        return "prose"

    # -- bare lines -----------------------------------------------------------------------------

    def _lines(
        self, text: str, out: list[Candidate], *, explicit: bool, guess: bool = True
    ) -> None:
        """Line by line: SQL statements and shell scripts become candidates of their own;
        the rest is prose (read for spans and quoted SQL as well)."""
        lines = text.splitlines()
        prose: list[str] = []
        i = 0
        while i < len(lines):
            raw = lines[i]
            line = _strip_prompt(_LIST_MARKER.sub("", raw, count=1)).strip()
            after = self._code_at(lines, i, line, out, explicit, guess) if line else None
            if after is not None:
                i = after
                continue
            if line:
                self._lead_in(line, out, explicit)
            prose.append(raw if line else "")
            i += 1
        rest = "\n".join(prose).strip()
        if rest:
            self._quoted_sql(rest, out)
            self._spans(rest, out, explicit=explicit)
            out.append(Candidate("prose", rest, explicit))

    def _code_at(
        self,
        lines: list[str],
        i: int,
        line: str,
        out: list[Candidate],
        explicit: bool,
        guess: bool,
    ) -> int | None:
        """When a statement or script starts at line `i` (its text `line`): add it to `out`
        and return the line after it; None when the line is prose."""
        sql = looks_like_sql(line)  # once: every line of a message asks
        if not sql and _SQL_HEAD.match(line):
            after = self._split_sql(lines, i, line, out, explicit)
            if after is not None:
                return after
        if sql:
            return self._sql_statement(lines, i, line, out, explicit)
        # A command followed by a Japanese or Chinese sentence ("git push --force … は
        # 絶対にしないでください") is prose: its command is a span, judged in its sentence.
        known = self._looks_like_shell(line) and not _CJK_SENTENCE.search(
            _QUOTED_SPAN.sub(" ", line)
        )
        if known or (guess and self._command_like(line)):
            return self._script(lines, i, line, known, out, explicit)
        return None

    @staticmethod
    def _split_sql(
        lines: list[str], i: int, line: str, out: list[Candidate], explicit: bool
    ) -> int | None:
        """A statement whose head alone is not SQL yet (`DELETE` / `FROM users;`)."""
        stmt = [line]
        j = i + 1
        while (
            j < len(lines)
            and j - i < _SQL_HEAD_LINES
            and SQL_CONTINUES.match(lines[j])
            and not _SQL_HEAD.match(lines[j].lstrip())  # a new statement starts
        ):
            stmt.append(lines[j].strip())
            j += 1
            if stmt[-1].endswith(";"):
                break
        if len(stmt) > 1 and looks_like_sql("\n".join(stmt)):
            out.append(Candidate("sql", "\n".join(stmt), explicit, _line_intro(lines, i)))
            return j
        return None

    def _sql_statement(
        self, lines: list[str], i: int, line: str, out: list[Candidate], explicit: bool
    ) -> int:
        """A statement from line `i` to its `;`, a blank line, a command or the next step."""
        stmt = [line]
        first = i
        i += 1
        while i < len(lines) and not stmt[-1].rstrip().endswith(";") and lines[i].strip():
            nxt = lines[i].strip()
            if (self._looks_like_shell(nxt) and not looks_like_sql(nxt)) or (
                _LIST_MARKER.match(lines[i])  # the plan's next step
            ):
                break
            stmt.append(nxt)
            i += 1
        out.append(Candidate("sql", "\n".join(stmt), explicit, _line_intro(lines, first)))
        return i

    def _script(
        self,
        lines: list[str],
        i: int,
        line: str,
        known: bool,
        out: list[Candidate],
        explicit: bool,
    ) -> int:
        """A script from line `i` while its lines read as commands, continuations or an
        indented body; then the spans a sentence taken for a command holds."""
        remarks: list[str] = []
        script = [_unremark(line, remarks)]
        intro = _line_intro(lines, i)
        i = self._absorb(lines, i + 1, script)
        while i < len(lines):
            nxt = _strip_prompt(lines[i]).strip()
            if not nxt or looks_like_sql(nxt) or _LIST_MARKER.match(lines[i]):
                break  # (a list marker: the plan's next step, read on its own)
            if not (
                self._looks_like_shell(nxt)
                or _SHELL_CONTINUATION.match(nxt)
                or lines[i][:1] in (" ", "\t")
            ):
                break
            script.append(_unremark(nxt, remarks))
            i = self._absorb(lines, i + 1, script)
        if remarks:
            intro = " ".join([intro, *remarks]).strip()
        out.append(Candidate("shell", "\n".join(script), explicit, intro))
        if not known:
            # A program the shell detector does not know: it may run its quoted SQL.
            self._quoted_sql("\n".join(script), out)
        self._script_spans(line, "\n".join(script), known, out, explicit)
        return i

    def _script_spans(
        self, line: str, script: str, known: bool, out: list[Candidate], explicit: bool
    ) -> None:
        first_word = line.split(None, 1)[0]
        if is_program(first_word):
            return
        if _DOC_PREFIX.match(line):
            # `RUN curl … | sh`, `script: rm -rf …`: a document's instruction word, then
            # a command; "Just run: curl … | sudo bash": a sentence the pipe made look
            # like one. (Inside a real command, quoted text and heredocs are data.)
            self._spans(script, out, explicit=explicit, in_prose=False)
        elif _PROSE_HEAD.match(line) or (known and _WORDS_FIRST.match(line)):
            # "Quick fix: curl … | sudo bash": a sentence the shell guess took whole;
            # its commands are spans that keep their sentence ("Never do this: …") and
            # are read as prose too (the line is in no prose candidate).
            self._add_spans(scan(script), out, explicit=explicit, in_prose=False, keep_context=True)

    def _lead_in(self, line: str, out: list[Candidate], explicit: bool) -> None:
        """ "Run this: rm -rf build" — a sentence that leads into a command on its line."""
        lead = _LEAD_IN.match(line)
        if lead:
            cmd = lead.group("cmd").strip()
            if cmd.endswith(".") and not cmd.endswith((" .", "..")):
                cmd = cmd[:-1]
            if self._looks_like_shell(cmd) and not looks_like_sql(cmd):
                out.append(Candidate("shell", cmd, explicit, line))

    @staticmethod
    def _spans(text: str, out: list[Candidate], *, explicit: bool, in_prose: bool = True) -> bool:
        """Commands and statements anywhere in prose (see `spans`). True when any found.
        `in_prose`: the text stays in the prose candidate too, so spans carry their sentence."""
        return Extractor._add_spans(scan(text), out, explicit=explicit, in_prose=in_prose)

    @staticmethod
    def _add_spans(
        found: Spans,
        out: list[Candidate],
        *,
        explicit: bool,
        in_prose: bool = True,
        keep_context: bool = False,
    ) -> bool:
        for span in found.spans:
            if not span.reported:
                context = span.context if in_prose or keep_context else ""
                out.append(Candidate(span.kind, span.text, explicit, context, in_prose))
        if found.cut_short:
            out.append(Candidate("unread", "too many commands to read them all", explicit))
        return bool(found.spans)

    @staticmethod
    def _quoted_sql(text: str, out: list[Candidate]) -> None:
        """SQL inside string literals of other code: pd.read_sql("SELECT * FROM t", db)."""
        if "'" not in text and '"' not in text:
            return
        for m in _QUOTED.finditer(text):
            body = next(g for g in m.groups() if g is not None)
            if looks_like_sql(body):
                out.append(Candidate("sql", body, False))

    @staticmethod
    def _absorb(lines: list[str], i: int, script: list[str]) -> int:
        """Take heredoc bodies and backslash continuations along with their command."""
        while True:
            last = script[-1]
            if last.endswith("\\") and i < len(lines):
                script.append(lines[i])
                i += 1
                continue
            tags = [m.group("tag") for m in _HEREDOC.finditer(last)]
            if not tags:
                return i
            for tag in tags:
                while i < len(lines):
                    script.append(lines[i])
                    i += 1
                    if lines[i - 1].strip() == tag:
                        break
            return i


def context_at(text: str, start: int, end: int) -> str:
    """What introduces text[start:end]: the sentence before the fence holding it, or the
    sentence around it (the same `Candidate.context` the extractor gives its pieces)."""
    if "```" in text or "~~~" in text:
        for m in _FENCE.finditer(text, 0, start + 1):
            if m.start("body") <= start < m.end("body") + 1:
                return _intro(text, m.start())
    return sentence_around(text, start, end)


def _intro(text: str, pos: int, seen: dict[str, str] | None = None) -> str:
    """The sentence that introduces a fence starting at `pos`: the last one of the last
    non-blank line before it (at most 400 characters are read). `seen`: lines already
    read, with their sentence."""
    end = pos
    floor = max(0, pos - 200)
    while end > floor and text[end - 1] in " \t\r\n":
        end -= 1
    start = text.rfind("\n", max(0, end - 400), end) + 1
    line = text[start:end]
    if seen is not None and line in seen:
        return seen[line]
    found = sentence_around(line, len(line) - 1, len(line)) if line.strip() else ""
    if seen is not None:
        seen[line] = found
    return found


# A line that opens with words, not a program: a capitalised word, or words up to a colon
# (Chinese and Japanese ones too: "修复方法：wget …" is folded to "修复方法:wget …").
_WORDS_FIRST = re.compile(
    r"[A-Z][a-z]+(?:[\s,]|$)|[a-z]+(?:\s+[\w'’-]+){0,12}?:\s"
    r"|[\u3040-\u30ff\u3400-\u9fff][^\s:]{0,30}:"
)


def _unremark(line: str, remarks: list[str]) -> str:
    """`line` without a bracketed English remark at its end; the remark goes to `remarks`.
    A bracket that starts with a program is a subshell and stays."""
    m = _REMARK.match(line) if line.endswith((")", ").", "),", ");", "):", ")!")) else None
    if m is None or is_program(m.group("remark").split(None, 1)[0]):
        return line
    remarks.append(m.group("remark"))
    return m.group("cmd")


def _line_intro(lines: list[str], i: int) -> str:
    """The line before a command line when it introduces it ("Run this on the replica:")."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0:
        return ""
    before = lines[j].strip()
    return before if before.endswith((":", "：")) else ""


_REPORTED_REACH = 120
"""Characters before inline code read for a warning or a report (see `spans.reported`)."""
_REPORTED_TAIL = 72
"""Of those, the ones `spans.reported` looks at (its answer depends on them alone)."""
_MAX_SENTENCES = 4
"""Sentences one command is judged in; past that, once more with none (the strictest)."""


def _fence_intro(cand: Candidate, blocks: Iterable[tuple[str, str, str]]) -> list[Candidate]:
    """A Mongo call or dataframe write found inside a fence (`find_calls` reads the whole
    text, so its sentence is its own line) is given by the sentence that introduces the
    fence, as a fenced script is: "on the production database run:". The same call in
    fences with different introductions ("on production …", "on your local copy …") is
    read once under each: the strictest reading stands, whatever order they come in."""
    if cand.kind not in ("mongo", "dataframe"):
        return [cand]
    intros = dict.fromkeys(i for body, _, i in blocks if i and cand.text in body)
    reads = [
        dataclasses.replace(cand, context=f"{intro}\n{cand.context}")
        for intro in intros
        if intro not in cand.context
    ]
    return reads or [cand]


def _unique(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (kind, text, sentence): the lead-in and span readings often agree;
    the same command in another sentence is judged there too (a warning, then an order).
    A command repeated in many sentences is read at most `_MAX_SENTENCES` times, then
    once without a sentence, which nothing lowers."""
    seen: set[tuple[str, str, str]] = set()
    sentences: dict[tuple[str, str], int] = {}
    out = []
    for c in cands:
        key = (c.kind, c.text, c.context)
        if key in seen:
            continue
        n = sentences.get((c.kind, c.text), 0)
        if n >= _MAX_SENTENCES:
            c = Candidate(c.kind, c.text, c.explicit, "", c.in_prose, c.quoted)
            key = (c.kind, c.text, "")
            if key in seen:
                continue
        seen.add(key)
        sentences[(c.kind, c.text)] = n + 1
        out.append(c)
    return out
