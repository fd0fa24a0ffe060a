"""A light PowerShell / cmd.exe reader: statements, pipelines, commands and parameters.

Not a full grammar: enough to know which command runs, with which parameters and
arguments, fed by which pipeline stage, so rules judge structure (`Remove-Item` with
`-Recurse` on a path) rather than words anywhere on a line. Quotes, `(…)`, `$(…)`,
`@(…)`, `{…}` and `@{…}` are read as one argument (their inside is kept for checks);
`|` separates pipeline stages; `;`, `&&`, `||` and `&` (cmd) separate statements.
Parameter names are compared the way PowerShell does: case-insensitively, by prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALIASES: dict[str, str] = {
    "rm": "remove-item",
    "ri": "remove-item",
    "rmdir": "remove-item",
    "rd": "remove-item",
    "del": "remove-item",
    "erase": "remove-item",
    "gci": "get-childitem",
    "ls": "get-childitem",
    "dir": "get-childitem",
    "gi": "get-item",
    "iex": "invoke-expression",
    "iwr": "invoke-webrequest",
    "irm": "invoke-restmethod",
    "curl": "invoke-webrequest",
    "wget": "invoke-webrequest",
    "icm": "invoke-command",
    "saps": "start-process",
    "start": "start-process",
    "sc": "set-content",
    "clc": "clear-content",
    "cli": "clear-item",
    "?": "where-object",
    "where": "where-object",
    "%": "foreach-object",
    "foreach": "foreach-object",
}
CMD_BUILTINS = frozenset(
    {
        "rd",
        "rmdir",
        "del",
        "erase",
        "format",
        "cmd",
        "net",
        "netsh",
        "vssadmin",
        "wevtutil",
        "auditpol",
        "bcdedit",
        "wbadmin",
        "wmic",
        "icacls",
        "takeown",
        "diskpart",
        "certutil",
        "reg",
        "bitsadmin",
        "mshta",
        "schtasks",
        "cipher",
        "sc",
    }
)
"""cmd.exe built-ins and Windows tools whose options are `/x` switches."""

# Switch parameters take no value; any other parameter takes the next argument.
SWITCHES = frozenset(
    {
        "recurse",
        "force",
        "confirm",
        "whatif",
        "verbose",
        "debug",
        "passthru",
        "asjob",
        "file",
        "directory",
        "hidden",
        "readonly",
        "system",
        "removedata",
        "removeoem",
        "full",
        "usebasicparsing",
        "nonewwindow",
        "wait",
        "noprofile",
        "noninteractive",
        "nologo",
        "followsymlink",
        "erroraction",
        "skipnetworkprofilecheck",
        "isreadonly",
        "allowclobber",
        "disabled",
        "fullscan",
        "async",
    }
)
_OPENERS = {"(": ")", "{": "}", "[": "]"}


@dataclass
class WinCmd:
    """One command of a pipeline: its name as written, its canonical name, parameters
    (lower-case names without the dash → values, `None` for a switch) and arguments."""

    word: str
    name: str
    params: dict[str, list[str | None]] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    switches: list[str] = field(default_factory=list)
    """cmd.exe `/x` switches, lower-case, without the slash."""
    groups: list[str] = field(default_factory=list)
    """Inside text of `(…)`, `$(…)`, `{…}` arguments: code run in place."""
    text: str = ""
    upstream: list[WinCmd] = field(default_factory=list)
    earlier: list[WinCmd] = field(default_factory=list)
    """Every command before this one in the same script (what it may run was fetched there)."""
    cmd_style: bool = False
    domains: tuple[str, ...] = ()
    """The company's e-mail domains (set by the reader): an address outside is an outsider."""

    def param(self, name: str) -> list[str | None] | None:
        """Values of a parameter given by any prefix of `name` (PowerShell's rule)."""
        name = name.lower()
        found: list[str | None] | None = None
        for given, values in self.params.items():
            if given and name.startswith(given):
                found = (found or []) + values
        return found

    def has(self, name: str) -> bool:
        values = self.param(name)
        if values is None:
            return False
        return not all(v is not None and v.lower() in ("$false", "false", "0") for v in values)

    def value(self, name: str) -> str | None:
        values = [v for v in self.param(name) or [] if v is not None]
        return values[0] if values else None

    def target(self, *names: str) -> str | None:
        """The named parameter's value, else the first positional argument."""
        for n in names:
            v = self.value(n)
            if v is not None:
                return v
        return self.args[0] if self.args else None


@dataclass
class Token:
    kind: str  # word | string | group | pipe | end
    text: str
    value: str
    start: int = 0


def _read_group(s: str, i: int) -> int:
    """Index after the bracket group opening at s[i] (quotes respected); len(s) if open."""
    stack = [_OPENERS[s[i]]]
    j = i + 1
    n = len(s)
    while j < n and stack:
        c = s[j]
        if c in ("'", '"'):
            j = _read_string(s, j)
            continue
        if c == "`":
            j += 2
            continue
        if c in _OPENERS:
            stack.append(_OPENERS[c])
        elif c == stack[-1]:
            stack.pop()
        j += 1
    return j


def _read_string(s: str, i: int) -> int:
    q = s[i]
    j = i + 1
    n = len(s)
    while j < n:
        c = s[j]
        if c == "`" and q == '"':
            j += 2
            continue
        if c == q:
            if j + 1 < n and s[j + 1] == q:
                j += 2
                continue
            return j + 1
        j += 1
    return n


def tokenize(s: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in " \t\r\n":
            if c == "\n":
                out.append(Token("end", c, c, i))
            i += 1
        elif c == "#" and (i == 0 or s[i - 1] in " \t;|"):
            j = s.find("\n", i)
            i = n if j < 0 else j
        elif c in "|;&":
            i = _operator(s, i, out)
        elif c in ("'", '"'):
            i = _string(s, i, out)
        elif c in "({" or (c in "$@" and i + 1 < n and s[i + 1] in "({"):
            i = _group(s, i, out)
        else:
            i = _word(s, i, out)
    return out


def _operator(s: str, i: int, out: list[Token]) -> int:
    """`&&`, `||`, `|`, `;`, and `&` between commands; returns where the next token starts."""
    c = s[i]
    two = s[i : i + 2]
    if two in ("&&", "||"):
        out.append(Token("end", two, two, i))
        return i + 2
    if c == "|":
        out.append(Token("pipe", c, c, i))
    elif c == ";":
        out.append(Token("end", c, c, i))
    elif i + 1 < len(s) and s[i + 1] in " \t" and out and out[-1].kind not in ("end", "pipe"):
        out.append(Token("end", c, c, i))  # cmd's `a & b`; PowerShell's `& cmd` is a call
    # else: the call operator `& 'C:\x.exe'`
    return i + 1


def _string(s: str, i: int, out: list[Token]) -> int:
    c, n = s[i], len(s)
    j = _read_string(s, i)
    body = s[i + 1 : j - 1] if j <= n and s[j - 1 : j] == c and j - i >= 2 else s[i + 1 : j]
    out.append(Token("string", s[i:j], body.replace(c * 2, c), i))
    return j


def _group(s: str, i: int, out: list[Token]) -> int:
    """`( … )`, `{ … }`, `$( … )`, `@( … )`."""
    k = i + 1 if s[i] in "$@" else i
    j = _read_group(s, k)
    out.append(Token("group", s[i:j], s[k + 1 : max(k + 1, j - 1)], i))
    return j


def _word(s: str, i: int, out: list[Token]) -> int:
    n = len(s)
    j = i
    while j < n and s[j] not in " \t\r\n|;":
        if s[j] in "({" and j > i and s[j - 1] in ":=":  # -Confirm:$(...) / -a=(...)
            j = _read_group(s, j)
            continue
        if s[j] in ("'", '"'):
            j = _read_string(s, j)
            continue
        if s[j] == "&" and j + 1 < n and s[j + 1] in "& \t":
            break
        if s[j] == "`" and j + 1 < n:
            j += 2
            continue
        j += 1
    word = s[i:j]
    out.append(Token("word", word, _unquote(word), i))
    return j


def _unquote(word: str) -> str:
    out = []
    i = 0
    while i < len(word):
        c = word[i]
        if c == "`" and i + 1 < len(word):
            out.append(word[i + 1])
            i += 2
            continue
        if c in ("'", '"'):
            j = _read_string(word, i)
            out.append(word[i + 1 : j - 1])
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def canonical(word: str) -> str:
    name = word.strip().strip("'\"").replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.endswith(".exe"):
        name = name[:-4]
    return ALIASES.get(name, name)


def _is_param(tok: Token) -> bool:
    v = tok.text
    return (
        tok.kind == "word" and len(v) > 1 and v[0] in "-\u2013" and (v[1].isalpha() or v[1] == "?")
    )


def _is_switch(tok: Token) -> bool:
    v = tok.text
    return (
        tok.kind == "word"
        and len(v) > 1
        and v[0] == "/"
        and v[1].isalpha()
        and (len(v) <= 3 or ":" in v or v[1:].isalpha() and len(v) <= 12)
    )


def _build(tokens: list[Token], src: str) -> WinCmd | None:
    if not tokens:
        return None
    head = tokens[0]
    if head.kind == "group":
        return None
    word = head.value
    cmd = WinCmd(word=word, name=canonical(word))
    base = word.lower().replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".exe")
    rest = tokens[1:]
    cmd.cmd_style = base in CMD_BUILTINS and (
        any(_is_switch(t) for t in rest) or base not in ALIASES
    )
    if cmd.cmd_style:
        cmd.name = base
    i = 0
    while i < len(rest):
        t = rest[i]
        if cmd.cmd_style and _is_switch(t):
            cmd.switches.append(t.text[1:].lower())
        elif not cmd.cmd_style and _is_param(t):
            i = _param(cmd, rest, i)
        else:
            if t.kind == "group":
                cmd.groups.append(t.value)
            cmd.args.append(_strip_sentence(t) if t.kind == "word" else t.value)
        i += 1
    start = tokens[0].start
    last = tokens[-1]
    cmd.text = src[start : last.start + len(last.text)]
    return cmd


def _param(cmd: WinCmd, rest: list[Token], i: int) -> int:
    """Read the parameter at `rest[i]` (and its value); returns the index of its last token."""
    key, colon, val = rest[i].text[1:].partition(":")
    key = key.lower()
    if colon:
        cmd.params.setdefault(key, []).append(_unquote(val))
    elif key in SWITCHES or any(s.startswith(key) for s in SWITCHES):
        # An abbreviation shared by a switch and a valued parameter reads as the
        # switch, so a path after it stays a positional argument (the target).
        cmd.params.setdefault(key, []).append(None)
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        if nxt is not None and nxt.value.lower() in ("$true", "$false"):
            cmd.params[key][-1] = nxt.value
            return i + 1
    elif i + 1 < len(rest) and not _is_param(rest[i + 1]):
        nxt = rest[i + 1]
        value = _strip_sentence(nxt) if nxt.kind == "word" else nxt.value
        cmd.params.setdefault(key, []).append(value)
        if nxt.kind == "group":
            cmd.groups.append(nxt.value)
        return i + 1
    else:
        cmd.params.setdefault(key, []).append(None)
    return i


def _strip_sentence(tok: Token) -> str:
    """A bare word closing an English sentence (`C:\\data.`) loses the full stop."""
    v = tok.value
    return v[:-1] if len(v) > 1 and v[-1] in ".,;!?" and v[-2] not in ".*" else v


@dataclass
class Script:
    pipelines: list[list[WinCmd]]
    heads: set[int]
    """Offsets where a command name starts (to skip re-reading the same command)."""

    @property
    def commands(self) -> list[WinCmd]:
        return [c for pipe in self.pipelines for c in pipe]


def parse(src: str) -> Script:
    pipelines: list[list[WinCmd]] = []
    heads: set[int] = set()
    stage: list[Token] = []
    pipe: list[WinCmd] = []

    def close_stage() -> None:
        cmd = _build(stage, src)
        if cmd is not None:
            heads.add(stage[0].start)
            cmd.upstream = list(pipe)
            cmd.earlier = [c for p in pipelines for c in p] + list(pipe)
            pipe.append(cmd)
        stage.clear()

    for tok in tokenize(src):
        if tok.kind == "pipe":
            close_stage()
        elif tok.kind == "end":
            close_stage()
            if pipe:
                pipelines.append(list(pipe))
            pipe.clear()
        else:
            stage.append(tok)
    close_stage()
    if pipe:
        pipelines.append(list(pipe))
    return Script(pipelines, heads)
