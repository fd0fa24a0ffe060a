"""One simple shell command, as the walk finds it and the rules read it.

`Cmd` is what every shell check receives: the program, its words, its flags
(aliases folded in) and its place in a pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.risk.shell_rules import FLAG_ALIASES, NO_CLUSTER


@dataclass(eq=False)
class Cmd:
    """One simple command after unwrapping, with its place in a pipeline."""

    name: str
    args: list[str]
    text: str
    argv0: str = ""
    redirects: list[tuple[str, str]] = field(default_factory=list)
    stdin_text: str | None = None
    """Literal data on stdin (heredoc, here-string, `echo … |`); never executed by itself."""
    pipe: list[list[Cmd]] | None = None
    """The pipeline this command is a stage of (each stage's primary commands)."""
    stage: int = 0
    args_from_stdin: bool = False
    """`xargs`: more arguments arrive at run time, so targets are unknown."""
    subst_download: bool = False
    """An argument is `$(curl …)` / `<(wget …)`: downloaded text used in place."""
    code: str | None = None
    """Interpreter one-liner source (python -c, perl -e, node -e, …)."""
    flags: set[str] = field(default_factory=set)
    pos: list[str] = field(default_factory=list)
    joined: str = ""
    dry_run: bool = False
    fed: bool = False
    """Its literal stdin has already been parsed as code."""

    @property
    def upstream(self) -> list[Cmd]:
        """Commands feeding this one through pipes (computed on demand: pipelines can be long)."""
        return [c for g in self.pipe[: self.stage] for c in g] if self.pipe else []

    @property
    def downstream(self) -> list[Cmd]:
        return [c for g in self.pipe[self.stage + 1 :] for c in g] if self.pipe else []

    def analyze(self) -> None:
        self.flags, self.pos = _parse_flags(self.name, self.args)
        self.joined = " ".join(self.args)
        self.dry_run = bool(self.flags & {"--dry-run", "--dryrun", "--what-if"}) and not any(
            a.lower() in _REAL_RUN for a in self.args if a.startswith("--dry")
        )

    def value(self, *names: str) -> list[str]:
        """Values of options given as `--opt v`, `--opt=v` or `-ov` (short options)."""
        out: list[str] = []
        args = self.args
        dashed = all(name[:1] == "-" for name in names)  # then only a dashed word can match
        for i, arg in enumerate(args):
            if dashed and arg[:1] != "-":
                continue
            for name in names:
                if arg == name and i + 1 < len(args):
                    out.append(args[i + 1])
                elif name.startswith("--") and arg.startswith(name + "="):
                    out.append(arg[len(name) + 1 :])
                elif (
                    len(name) == 2
                    and not arg.startswith("--")
                    and arg.startswith(name)
                    and len(arg) > 2
                ):
                    out.append(arg[2:].lstrip("="))
        return out


# `--dry-run=none` (kubectl) and `--dry-run=false` ask for the real thing.
_REAL_RUN = frozenset(
    f"{flag}={value}"
    for flag in ("--dry-run", "--dryrun")
    for value in ("none", "false", "0", "no", "off")
)


def _parse_flags(name: str, args: list[str]) -> tuple[set[str], list[str]]:
    aliases = FLAG_ALIASES.get(name, {})
    cluster = name not in NO_CLUSTER
    flags: set[str] = set()
    pos: list[str] = []
    ended = False
    for arg in args:
        if ended or len(arg) < 2 or arg[0] != "-":
            pos.append(arg)
            continue
        if arg == "--":
            ended = True
            continue
        if arg.startswith("--"):
            key, eq, val = arg.partition("=")
            if eq and val.lower() in ("false", "0", "no"):
                continue
            flags.add(key)
            flags.add(aliases.get(key, key))
            continue
        if arg[1].isdigit():
            pos.append(arg)
            continue
        flags.add(arg)
        flags.add(aliases.get(arg, arg))
        if cluster and len(arg) > 2 and arg[1:].isalpha():
            for ch in arg[1:]:
                short = "-" + ch
                flags.add(short)
                flags.add(aliases.get(short, short))
    return flags, pos


_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}


def decode_escapes(text: str) -> str:
    """Decode `$'…'` / `printf` style escapes (\\x72, \\162, \\n)."""

    def repl(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] in "xu" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        if esc[0] in "01234567":
            return chr(int(esc, 8) & 0xFF)
        return _SIMPLE_ESCAPES.get(esc, "\\" + esc)

    return _ESCAPE_RE.sub(repl, text)


def program_of(word: str) -> str:
    name = word.lstrip("\\").rsplit("/", 1)[-1].lower()
    if name.startswith("kafka-") and name.endswith(".sh"):
        return name[:-3]  # Kafka ships its tools as `bin/kafka-topics.sh`
    return name[:-4] if name.endswith(".exe") else name
