"""Configuration a command writes into a file, read as the document it becomes.

`echo "PermitRootLogin yes" | sudo tee -a /etc/ssh/sshd_config`, `sed -i
's/^#PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config`,
`printf 'bind 0.0.0.0\\nprotected-mode no\\n' >> /etc/redis/redis.conf`: the shell rules
see an edit of a file; the risk is in the line written. The lines are handed to the
document reader, which judges them as it judges the same lines pasted in a message.

Only literal text is returned (what `echo`/`printf` print into a redirect or `tee`, the
replacement or appended text of an in-place `sed`); a command that cannot be split into
words returns nothing and is left to the shell rules.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator

from bot.risk.prefilter import prefiltered

MAX_WRITES = 8
"""Pieces of text returned for one command at most (the rest is the shell rules' job)."""
MAX_CHARS = 8_000
"""Characters of one command read (config edits are short; the rest is the shell rules')."""
MAX_COMMANDS = 64
"""Simple commands of one script read at most: config edits come in the first few."""

_SEPARATORS = frozenset({"&&", "||", ";", "&", "\n"})
_WRAPPERS = frozenset({"sudo", "doas", "env", "nohup", "command", "exec"})
_PRINTERS = frozenset({"echo", "printf"})
_HINT = prefiltered(re.compile(r"\b(?:echo|printf|sed)\b"))
# `s/old/new/flags` with any delimiter; `$ a text`, `/re/a text`, `1i text` append/insert.
_APPEND = re.compile(r"^(?:\$|\d+|/[^/]*/)?\s*[aic]\\?\s*(?P<text>\S.*)$", re.S)


def written(command: str) -> list[str]:
    """The literal text `command` writes into files (empty when it writes none)."""
    if not _HINT.search(command):
        return []
    lexer = shlex.shlex(command[:MAX_CHARS], posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    out: list[str] = []
    pending: str | None = None  # what the previous command of a pipeline printed
    commands: list[tuple[list[str], bool]] = []
    try:
        for simple in _commands(lexer):
            commands.append(simple)
    except ValueError:  # an unclosed quote: the words from there on cannot be told apart
        pass
    for words, piped in commands:
        words = _unwrapped(words)
        text, target = _printed(words)
        if text is not None and target:
            out.append(text)
        elif pending is not None and words and words[0] == "tee":
            out.append(pending)
        out += _sed_writes(words)
        pending = text if piped else None
        if len(out) >= MAX_WRITES:
            break
    return out[:MAX_WRITES]


def _commands(tokens: Iterable[str]) -> Iterator[tuple[list[str], bool]]:
    """Simple commands, each with whether its output is piped into the next; the first
    `MAX_COMMANDS` only (the lexer is read lazily, so a long script costs no more)."""
    words: list[str] = []
    count = 0
    for tok in tokens:
        if tok in _SEPARATORS or tok == "|":
            yield words, tok == "|"
            words = []
            count += 1
            if count >= MAX_COMMANDS:
                return
        else:
            words.append(tok)
    yield words, False


def _unwrapped(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and (
        words[i] in _WRAPPERS or ("=" in words[i] and not words[i].startswith("-"))
    ):
        i += 1
        while i < len(words) and words[i - 1] in ("sudo", "doas") and words[i].startswith("-"):
            i += 1  # `sudo -u postgres …`: the option's value is not the program either
            if i < len(words) and words[i - 1] in ("-u", "-g"):
                i += 1
    return words[i:]


def _printed(words: list[str]) -> tuple[str | None, bool]:
    """(text an `echo`/`printf` prints, whether it goes into a file by `>`/`>>`)."""
    if not words or words[0] not in _PRINTERS:
        return None, False
    args: list[str] = []
    target = False
    i = 1
    while i < len(words):
        w = words[i]
        if w in (">", ">>"):
            target = i + 1 < len(words) and words[i + 1] != "&"
            break
        if not (args == [] and w.startswith("-") and len(w) <= 3):  # `echo -e`, `-n`
            args.append(w)
        i += 1
    text = " ".join(args)
    if words[0] == "printf" or "\\n" in text:
        text = text.replace("\\n", "\n").replace("\\t", "\t")
    return text, target


def _sed_writes(words: list[str]) -> list[str]:
    """The replacement and appended text of an in-place `sed` (`-i`, `-i.bak`, `--in-place`)."""
    if not words or words[0] != "sed":
        return []
    if not any(w == "--in-place" or (w.startswith("-i") and "=" not in w) for w in words[1:]):
        return []
    scripts: list[str] = []
    rest = words[1:]
    for i, w in enumerate(rest):
        if w in ("-e", "--expression") and i + 1 < len(rest):
            scripts.append(rest[i + 1])
    if not scripts:
        scripts = [w for w in rest if not w.startswith("-")][:1]
    out: list[str] = []
    for script in scripts:
        for part in script.split(";"):
            part = part.strip()
            replacement = _replacement(part)
            if replacement is not None:
                out.append(replacement)
                continue
            m = _APPEND.match(part)
            if m:
                out.append(m.group("text").replace("\\n", "\n"))
    return out


def _replacement(script: str) -> str | None:
    """`s/pattern/replacement/flags` (any delimiter): the replacement, unescaped."""
    if len(script) < 4 or script[0] != "s" or script[1].isalnum() or script[1].isspace():
        return None
    delim = script[1]
    pieces: list[str] = []
    current: list[str] = []
    i = 2
    while i < len(script) and len(pieces) < 2:
        ch = script[i]
        if ch == "\\" and i + 1 < len(script):
            nxt = script[i + 1]
            current.append(nxt if nxt == delim else ch + nxt)
            i += 2
            continue
        if ch == delim:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if len(pieces) < 2:
        return None
    return pieces[1].replace("\\n", "\n")
