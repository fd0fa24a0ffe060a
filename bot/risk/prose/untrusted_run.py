"""A command that runs or installs code, next to words that say where that code came from.

"It has 12 weekly downloads and was published yesterday by an unknown account, but go
ahead and `npm install moment-fixed-tz`", "someone reuploaded a prebuilt binary to a
file-sharing site. This should do it: ```wget …; sudo ./af2/install.sh```": the command
alone is an ordinary install, and the prose has no verb of its own (the verb is the
command). The intent grammar reads "run it" near an untrusted source as an act
(`intent._acts_on_nothing`); here the command takes the verb's place, judged with the same
lexicon slot (`untrusted`) in the same reach: its own sentence and the one before, or,
for a command shown after an announcing line ("This should do it:"), the sentence before
that line.

Not held: a source named only to be turned down ("… so let's not."), or a command whose own
sentence vouches for what it installs ("already on our approved list", "the official
channel"). A command in a warning or a hypothetical is lowered afterwards like any other
(`command_scope`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered
from bot.risk.prose.intent import languages
from bot.risk.prose.scope import Scope, spans
from bot.risk.prose.text import Rule, finding, lower

__all__ = ["runs_code", "untrusted_runs"]

_RULE = Rule("prose.untrusted_run", "exec", "high", "require_approval")

# What runs code on the machine: an installer or a one-step runner, a downloaded file run
# (`./x`, `sh x.sh`, `chmod +x`, an .exe/.msi/.run), a script piped into a shell. Three
# patterns, each searched only when a text can hold it: a word every match of the first
# holds (`prefiltered`), "./" for the second, a pipe and "sh" for the third. One pattern
# of all three tried every branch at every position: 20 ms on 64 KB of `cat x | `.
_BEFORE = r"(?:^|[\s;&|(`])"
_RUNS = prefiltered(
    re.compile(
        _BEFORE + r"(?:"
        r"(?:ba|z)?sh\s+[\w./-]+\.sh\b"
        r"|chmod\s+(?:[ugoa]*\+[rw]*x|[0-7]*[157][0-7]*\b)"
        r"|(?:npm|pnpm|yarn|bun)\s+(?:install|i|add)\s+[@\w]"
        r"|(?:pip3?|pipx|uv\s+pip)\s+install\s+[\w.-]"
        r"|(?:gem|cargo|go)\s+install\s+\S"
        r"|(?:npx|bunx|pnpx|uvx)\s+\S"
        r"|(?:pnpm|yarn)\s+dlx\s+\S"
        r"|npm\s+exec\s+\S"
        r"|dpkg\s+-i\b|rpm\s+-[iu]\w*\b|msiexec\b|start-process\b|java\s+-jar\b"
        r"|installer\s+-pkg\b"
        r"|[\w.-]+\.(?:exe|msi|run|appimage|pkg)\b"
        r")",
        re.IGNORECASE,
    )
)
_RUNS_HERE = re.compile(_BEFORE + r"\./[\w.-]")
_PIPED_TO_SHELL = re.compile(_BEFORE + r"\|\s*(?:sudo\s+)?(?:ba|z)?sh\b", re.IGNORECASE)
# A line that announces what follows ("This should do it:", "Run:"): the command shown
# after it is what the sentence before it speaks of.
_ANNOUNCES = re.compile(r"[:：]\s*(?:```\w*\s*)?$")
# A sentence that is only a fence's own marks ("```bash"), or blank.
_FENCE_ONLY = re.compile(r"[\s`]*(?:```[\w-]*)?[\s`]*")
# The words of a command that may name what it runs: a package, a file, a program.
_NAME = re.compile(r"(?:^|[\s/=@'\"])([a-z][\w.-]{3,}?)(?:@[\w.^~-]*)?(?=$|[\s;&|'\"])")
# A command's own words, never the name of what it runs.
_NOT_NAMES = frozenset(
    {
        *("sudo", "chmod", "install", "bash", "wget", "curl", "apply", "auto", "latest"),
        *("npm", "npx", "pnpm", "yarn", "pip", "pip3", "pipx", "uvx", "bunx", "cargo"),
        *("start-process", "runas", "verb", "msiexec", "java", "dpkg", "system-wide"),
        *("global", "save-dev", "with-keys", "force", "user"),
    }
)


def runs_code(command: str) -> bool:
    """The command installs or runs code (any source)."""
    if "./" in command and _RUNS_HERE.search(command):
        return True
    if "|" in command and "sh" in command.lower() and _PIPED_TO_SHELL.search(command):
        return True
    return _RUNS.search(command) is not None


def untrusted_runs(message: str, commands: Sequence[str], blanked: str) -> list[Finding | None]:
    """For each of `commands` (commands of `message`), a finding when it runs or installs
    code and the words around it say that code comes from an untrusted source. `blanked`
    is `message` with its commands blanked out (same length), so their own words are not
    read as prose."""
    out: list[Finding | None] = [None] * len(commands)
    todo = [(i, c, message.find(c)) for i, c in enumerate(commands) if runs_code(c)]
    todo = [(i, c, at) for i, c, at in todo if at >= 0]
    if not todo:
        return out
    low = lower(blanked)
    structure = spans(low)
    scopes = [Scope(lx, low, structure) for lx in languages(low)]
    for i, command, at in todo:
        out[i] = _judged(scopes, command, at)
    return out


def _judged(scopes: list[Scope], command: str, at: int) -> Finding | None:
    for scope in scopes:
        sentence = scope.sentence_of(min(at, len(scope.low) - 1))
        if scope.sentence_has(sentence, "sanctioned"):
            continue  # "already on our approved list": vouched for where it is run
        named = _naming(scope, command)
        if any(scope.sentence_has(n, "untrusted") and scope.untrusted_in(n) for n in named):
            return finding(_RULE, _REASON + _written_in(scope.lx.lang), command)
        if named:
            continue  # the prose names what it runs, and nowhere with a doubtful source
        if any(_named_untrusted(scope, n, sentence) for n in _reach(scope, sentence)):
            return finding(_RULE, _REASON + _written_in(scope.lx.lang), command)
    return None


_REASON = (
    "Runs or installs code that the message itself says comes from an untrusted source "
    "(an unknown, brand-new or anonymous publisher, a file host, a forum, unsigned or "
    "without source); it runs with your rights."
)


def _written_in(lang: str) -> str:
    return "" if lang == "en" else f" (written in {lang})"


def _reach(scope: Scope, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The command's sentence, the one before (past a fence's own lines), and, when that
    one only announces the command ("This should do it:"), the one before it."""
    out = [sentence]
    before = _before(scope, sentence)
    if before is not None:
        out.append(before)
        if _ANNOUNCES.search(scope.low, before[0], before[1]):
            earlier = _before(scope, before)
            if earlier is not None:
                out.append(earlier)
    return out


def _before(scope: Scope, sentence: tuple[int, int]) -> tuple[int, int] | None:
    before = scope.previous_step(sentence)
    while before is not None and _FENCE_ONLY.fullmatch(scope.low, before[0], before[1]):
        before = scope.previous_step(before)
    return before


def _naming(scope: Scope, command: str) -> list[tuple[int, int]]:
    """The sentences of the prose that name what the command runs, its package or file ("a
    tuning tool I found on a Russian forum called pg_turbo" for `sudo ./pg_turbo`). One
    that also names an untrusted source ties the source to the command wherever it stands;
    when every such sentence is clean ("The maintained alternative is orjson: `pip install
    orjson`"), a doubtful source named nearby is about something else."""
    names = sorted(
        {
            n
            for n in (m.group(1) for m in _NAME.finditer(command.lower()))
            if n not in _NOT_NAMES and any(c.isalpha() for c in n)
        }
    )[:_MAX_NAMES]
    if not names:
        return []
    out: list[tuple[int, int]] = []
    low = scope.low
    for name in names:  # plain searches: a pattern built per command would be compiled each time
        at = low.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not _NAME_CHAR.match(low, at - 1)) and not _NAME_END.match(low, end):
                sentence = scope.sentence_of(at)
                if sentence not in out:
                    out.append(sentence)
            at = low.find(name, end)
    return out


_MAX_NAMES = 16
# Around a name in prose: no name character before it, none (but a dot) after it.
_NAME_CHAR = re.compile(r"[\w.-]")
_NAME_END = re.compile(r"[\w-]")


def _named_untrusted(scope: Scope, near: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """`near` names an untrusted source it does not turn down; a sentence before the
    command's own that declines ("so let's not", "I'd skip it") names it only to refuse."""
    if not scope.sentence_has(near, "untrusted") or not scope.untrusted_in(near):
        return False
    return near == sentence or not scope.turns_down(near)
