"""Windows commands (PowerShell and cmd.exe) found anywhere in a message: on their own
line, in a fence, in backticks, after a colon or mid-sentence. Each is read by
`bot.risk.wintok` from where it starts and judged by the PowerShell and cmd packs.

Starts are recognised by shape, not by a list of sentences: a `Verb-Noun` cmdlet with
an approved PowerShell verb, `powershell`/`pwsh`/`cmd /c`, the distinctive aliases
(`iex`, `iwr`, `irm`, `gci`, `ri`), and cmd tools followed by their `/x` switches or a
drive path. `powershell -Command`, `-EncodedCommand` and `cmd /c` are read again inside.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from bot.risk.model import Finding
from bot.risk.packs import cmd as cmd_pack
from bot.risk.packs import powershell as ps_pack
from bot.risk.packs import windir as windir_pack
from bot.risk.packs import winsec as winsec_pack
from bot.risk.packs.winbase import WinCheck, WinRule
from bot.risk.shell import _evidence
from bot.risk.wintok import WinCmd, parse

RULES: tuple[WinRule, ...] = (
    *ps_pack.RULES,
    *cmd_pack.RULES,
    *winsec_pack.RULES,
    *windir_pack.RULES,
)
CHECKS: dict[str, WinCheck] = {
    **ps_pack.CHECKS,
    **cmd_pack.CHECKS,
    **winsec_pack.CHECKS,
    **windir_pack.CHECKS,
}

_VERBS = (
    "add|approve|assert|backup|block|build|checkpoint|clear|close|compare|complete|compress|"
    "confirm|connect|convert|convertfrom|convertto|copy|debug|deny|deploy|disable|disconnect|"
    "dismount|edit|enable|enter|exit|expand|export|find|format|get|grant|group|hide|import|"
    "initialize|install|invoke|join|limit|lock|measure|merge|mount|move|new|open|optimize|out|"
    "ping|pop|protect|publish|push|read|receive|redo|register|remove|rename|repair|request|"
    "reset|resize|resolve|restart|restore|resume|revoke|save|search|select|send|set|show|skip|"
    "split|start|step|stop|submit|suspend|switch|sync|test|trace|unblock|undo|uninstall|unlock|"
    "unprotect|unpublish|unregister|update|use|wait|watch|write"
)
_VERB_SET = frozenset(_VERBS.split("|"))
_WORD_RE = re.compile(r"[A-Za-z][\w.-]*")
_NOUN_RE = re.compile(r"[a-z][a-z0-9]*")
_I = re.I
_SAVED_TO_WINDOWS = r"[ \t]-o[ \t]*\"?(?:%\w+%|[a-z]:\\|\$env:)"
"""`-o` into a Windows path (`%TEMP%`, `C:\\`, `$env:`): a download saved there."""
# What must follow a tool's name for it to be read as a Windows command (anchored at the
# end of the name, so each is one bounded match, never a scan of the rest of the text).
_AFTER: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(("powershell", "pwsh"), re.compile(r"[ \t]")),
    **dict.fromkeys(("iex", "iwr", "irm", "gci", "ri"), re.compile(r"[ \t(]|$")),
    **dict.fromkeys(
        ("rd", "rmdir", "del", "erase"),
        re.compile(r"[ \t]+(?:/[a-z]\b|\"?[a-z]:[\\/]|%\w+%)", _I),
    ),
    "format": re.compile(r"[ \t]+[a-z]:(?:\s|$)", _I),
    "cmd": re.compile(r"[ \t]+/[ck]\b", _I),
    **dict.fromkeys(
        ("vssadmin", "wevtutil", "auditpol", "wbadmin", "bcdedit", "wmic", "netsh"),
        re.compile(r"[ \t]+[a-z/{]", _I),
    ),
    "net": re.compile(r"[ \t]+(?:localgroup|group|user|stop)[ \t]", _I),
    "sc": re.compile(r"[ \t]+(?:stop|config|delete|query)[ \t]+[\w.-]+", _I),
    "certutil": re.compile(r"[ \t]+-"),
    "bitsadmin": re.compile(r"[ \t]+/transfer", _I),
    **dict.fromkeys(("curl", "wget"), re.compile(r"[^\n]{0,200}?" + _SAVED_TO_WINDOWS, _I)),
}
_NEEDS: dict[str, re.Pattern[str]] = dict.fromkeys(
    ("curl", "wget"), re.compile(_SAVED_TO_WINDOWS, _I)
)
"""What a tool's `_AFTER` match holds somewhere after a bounded gap: searched once per
line, so a line naming `curl` a thousand times is not scanned 200 characters at each
when it has no Windows output path at all (the answer is the same: no match)."""


def _maybe(text: str, words: set[str] | None = None) -> bool:
    """Cheap first pass: a hyphenated word or a known tool name somewhere in the text
    (`words`: its words, when the caller has them)."""
    return any(
        "-" in w or w.lower().removesuffix(".exe") in _AFTER
        for w in (set(_WORD_RE.findall(text)) if words is None else words)
    )


def _may_start(word: str) -> bool:
    """A word that can start a command wherever it stands (its place is checked after)."""
    word = word.rstrip(".").lower()
    verb, dash, noun = word.partition("-")
    if dash:
        return verb in _VERB_SET and bool(_NOUN_RE.fullmatch(noun))
    return word.removesuffix(".exe") in _AFTER


def _starts(line: str) -> list[int]:
    """Offsets where a Windows command starts: a `Verb-Noun` cmdlet with an approved
    verb, or a tool name followed by what it takes (see `_AFTER`)."""
    out: list[int] = []
    # judged once per distinct word: a long line repeats most of its words
    wanted = {w for w in set(_WORD_RE.findall(line)) if _may_start(w) and _needed_in(w, line)}
    if not wanted:
        return out
    for m in _WORD_RE.finditer(line):
        if m.group(0) not in wanted:
            continue
        i = m.start()
        if i and line[i - 1] in "$@.\\/-_%":
            continue
        word = m.group(0).rstrip(".")
        if "-" in word or _AFTER[word.lower().removesuffix(".exe")].match(line, i + len(word)):
            out.append(i)
    return out


def _needed_in(word: str, line: str) -> bool:
    """The line holds what `word`'s `_AFTER` match needs (see `_NEEDS`)."""
    needs = _NEEDS.get(word.rstrip(".").lower().removesuffix(".exe"))
    return needs is None or needs.search(line) is not None


def _has_start(text: str) -> bool:
    return any(_starts(line) for line in text.splitlines() if _maybe(line))


_PROMPT_RE = re.compile(r"^\s*(?:PS(?: [^>\n]{0,80})?>|[A-Za-z]:\\[^>\n]{0,80}>)\s*")
_INLINE_RE = re.compile(r"`(?<!``)([^`\n]+)`(?!`)")  # the backtick first: re skips to it
_CONTINUATION_RE = re.compile(r"[ \t]`[ \t]*\n")
MAX_SEGMENT = 2000
MAX_PARSES = 16
MAX_DEPTH = 3
MAX_COMMANDS = 200
TOO_MANY = Finding(
    rule="windows.too_many_commands",
    category="engine",
    reason=(
        f"The message holds more than {MAX_COMMANDS} Windows commands; only the first were "
        "checked, so a person must look at the rest."
    ),
    risk="medium",
    verdict="require_approval",
)


@dataclass(frozen=True)
class WindowsResult:
    findings: list[Finding]
    commands: int


_WIN_FENCE_RE = re.compile(
    r"^[ \t]*(?P<fence>`{3,10}|~{3,10})[ \t]*(?:powershell|pwsh|ps1|ps|posh|cmd|bat|batch|dos)"
    r"\b[^\n]*\n(?P<body>.*?)(?:\n[ \t]*(?P=fence)|\Z)",
    re.S | re.M | re.I,
)
_COMMENT_PREFIXES = ("#", "rem ", "::", "<#")


def _segments(text: str, maybe: str = "", lines: bool = True) -> list[tuple[str, bool]]:
    """Lines (or inline code spans) that hold a Windows command; `True` when the author
    marked the block as PowerShell/cmd, so every line is a command from its first word.
    `maybe`: a text already found to pass `_maybe` (a one-line message is not read twice);
    `lines`: False when no word of the text may start a command (fences only are read)."""
    out: list[tuple[str, bool]] = []
    if "```" in text or "~~~" in text:
        for m in _WIN_FENCE_RE.finditer(text):
            for line in _CONTINUATION_RE.sub(" ", m.group("body")).splitlines():
                line = _PROMPT_RE.sub("", line).strip()
                if line and not line.lower().startswith(_COMMENT_PREFIXES):
                    out.append((line, True))
        if out:
            text = _WIN_FENCE_RE.sub("\n", text)
    if not lines:
        return out
    text = _CONTINUATION_RE.sub(" ", text)
    plain: set[str] = set()  # lines already found to hold no command
    for line in text.splitlines():
        if line in plain:
            continue
        if not (line == maybe or _maybe(line)) or not _starts(line):
            plain.add(line)
            continue
        if "`" in line:
            spans = [m.group(1) for m in _INLINE_RE.finditer(line)]
            out += [(s, False) for s in spans if _starts(s)]
            line = _INLINE_RE.sub(" ", line)
        out.append((_PROMPT_RE.sub("", line), False))
    return out


def _commands(segment: str, depth: int = 0, whole: bool = False) -> list[WinCmd]:
    """Every Windows command in one line of text, each read from where it starts (from
    the first word too when the line is known to be a command)."""
    found: list[WinCmd] = []
    covered: set[int] = set()
    starts = _starts(segment)
    if whole and (not starts or starts[0] != 0):
        starts = [0, *starts]
    for n, start in enumerate(starts):
        if n >= MAX_PARSES:
            break
        if start in covered:
            continue
        src = segment[start : start + MAX_SEGMENT]
        script = parse(src)
        covered |= {start + h for h in script.heads}
        for cmd in script.commands:
            found.append(cmd)
            if depth < MAX_DEPTH:
                for inner in _nested(cmd):
                    found += _commands(inner, depth + 1)
    return found


def _nested(cmd: WinCmd) -> list[str]:
    """Code a command runs in place: `powershell -Command …`, `-EncodedCommand`, `cmd /c`,
    script blocks and subexpressions."""
    out = list(cmd.groups)
    if cmd.name in ("powershell", "pwsh"):
        for name in ("encodedcommand",):
            for value in cmd.param(name) or []:
                decoded = _decode(value or "")
                if decoded:
                    out.append(decoded)
        command = [v for v in cmd.param("command") or [] if v]
        if command:
            out.append(" ".join(command + cmd.args))
        elif cmd.args and not cmd.param("file"):
            out.append(" ".join(cmd.args))
    elif cmd.name == "cmd" and {"c", "k"} & set(cmd.switches):
        out.append(" ".join(cmd.args))
    return [o for o in out if _has_start(o)]


def _decode(value: str) -> str | None:
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        return raw.decode("utf-16-le")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _matches(rule: WinRule, cmd: WinCmd) -> bool:
    if not rule.names(cmd.name):
        return False
    if rule.whatif_exempt and cmd.has("whatif"):
        return False
    if rule.params_all and not all(cmd.has(p) for p in rule.params_all):
        return False
    if rule.params_any and not any(cmd.param(p) is not None for p in rule.params_any):
        return False
    if rule.switches_any and not set(rule.switches_any) & set(cmd.switches):
        return False
    return rule.check is None or CHECKS[rule.check](cmd)


def _finding(rule: WinRule, cmd: WinCmd) -> Finding:
    evidence = " | ".join([u.text for u in cmd.upstream] + [cmd.text])
    return Finding(
        rule=rule.id,
        category=rule.category,
        reason=rule.reason,
        risk=rule.risk,
        verdict=rule.verdict,
        evidence=_evidence(evidence),
    )


def assess_windows(text: str, domains: tuple[str, ...] = ()) -> WindowsResult:
    """Findings for every risky PowerShell or cmd command anywhere in the text."""
    words = set(_WORD_RE.findall(text))
    maybe = _maybe(text, words)
    # No word of the text may start a command: no line has a start (`_starts` reads the
    # same words, and no word crosses a line), so only fences are left to read.
    lines = maybe and any(map(_may_start, words))
    if not lines and "```" not in text and "~~~" not in text:
        return WindowsResult([], 0)
    findings: dict[tuple[str, str | None], Finding] = {}
    count = 0
    for segment, whole in _segments(text, text if maybe else "", lines):
        if count >= MAX_COMMANDS:
            findings[(TOO_MANY.rule, None)] = TOO_MANY
            break
        for cmd in _commands(segment, whole=whole):
            count += 1
            cmd.domains = domains
            matched = [r for r in RULES if _matches(r, cmd)]
            replaced = {i for r in matched for i in r.supersedes}
            for rule in matched:
                if rule.id not in replaced:
                    f = _finding(rule, cmd)
                    findings.setdefault((f.rule, f.evidence), f)
    return WindowsResult(_distinct(list(findings.values())), count)


def _distinct(findings: list[Finding]) -> list[Finding]:
    """One finding per command: the same rule read twice (once inside `pwsh -c "…"`, once
    from where the inner command starts) has one evidence inside the other."""
    if len(findings) > MAX_COMMANDS // 2:  # a flood: no time for pairwise comparison
        return findings
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: len(f.evidence or "")):
        if not any(o.rule == f.rule and (o.evidence or "") in (f.evidence or "") for o in out):
            out.append(f)
    return out


def verify_windows_rules() -> None:
    """Every rule names a known check and catches its own examples, and only those."""
    for rule in RULES:
        if rule.check is not None and rule.check not in CHECKS:
            raise ValueError(f"{rule.id}: unknown check {rule.check!r}")
        for example in rule.match:
            if rule.id not in {f.rule for f in assess_windows(example).findings}:
                raise ValueError(f"{rule.id} misses its own example {example!r}")
        for example in rule.not_match:
            if rule.id in {f.rule for f in assess_windows(example).findings}:
                raise ValueError(f"{rule.id} matches its counter-example {example!r}")
