"""A reader for web server configuration: nginx blocks and Apache sections.

An nginx `server { location /backups/ { autoindex on; } }` or an Apache
`<Directory /var/backups> Options +Indexes </Directory>` is read into flat `Section`s, one
per `location` / `<Directory>` / `<Location>` (and one per `server` / `<VirtualHost>`),
each with its directives and those it inherits from the blocks around it, so a judge asks
"does this path list its files, and who may reach it" without knowing either syntax.
Fragments are fine: what cannot be read is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TOKENS = 20_000
MAX_SECTIONS = 200

_SECTION_KINDS = frozenset({"server", "location", "directory", "files", "virtualhost"})
_NGINX_GATE = re.compile(r"(?m)^[ \t]*(?:server|location\s+[^{\n]*?|http)\s*\{")
_APACHE_GATE = re.compile(r"(?im)^[ \t]*<(?:Directory|Location|VirtualHost|Files)(?:Match)?\b")
_TOKEN_RE = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[{};]|[^\s{};"'#]+""")
_APACHE_OPEN = re.compile(r"^<(\w+)\s*([^>]*)>$")
_APACHE_CLOSE = re.compile(r"^</(\w+)\s*>$")


@dataclass
class Section:
    kind: str
    """`server`, `location`, `directory`, `files`, `virtualhost`."""
    path: str
    settings: dict[str, list[str]] = field(default_factory=dict)
    """Lower-case directive → its arguments joined (one entry per occurrence), inherited
    settings first."""


def _unquote(word: str) -> str:
    return word[1:-1] if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'" else word


def _nginx(text: str) -> list[Section]:
    out: list[Section] = []
    stack: list[Section] = [Section("main", "")]
    words: list[str] = []
    for n, m in enumerate(_TOKEN_RE.finditer(text)):
        tok = m.group(0)
        if n > MAX_TOKENS or len(out) >= MAX_SECTIONS:
            break
        if tok.startswith("#"):
            continue
        if tok == ";":
            if words:
                name = words[0].lower()
                stack[-1].settings.setdefault(name, []).append(" ".join(words[1:]))
            words = []
        elif tok == "{":
            kind = words[0].lower() if words else ""
            inherited = {k: list(v) for k, v in stack[-1].settings.items()}
            path = " ".join(_unquote(w) for w in words[1:])
            section = Section(kind, path, inherited)
            stack.append(section)
            if kind in _SECTION_KINDS:
                out.append(section)
            words = []
        elif tok == "}":
            if len(stack) > 1:
                stack.pop()
            words = []
        else:
            words.append(_unquote(tok))
    return out


def _apache(text: str) -> list[Section]:
    out: list[Section] = []
    stack: list[Section] = [Section("main", "")]
    for raw in text.splitlines()[:MAX_TOKENS]:
        line = raw.strip()
        if not line or line.startswith("#") or len(out) >= MAX_SECTIONS:
            continue
        opened, closed = _APACHE_OPEN.match(line), _APACHE_CLOSE.match(line)
        if closed:
            if len(stack) > 1:
                stack.pop()
        elif opened:
            kind = opened.group(1).lower().removesuffix("match")
            inherited = {k: list(v) for k, v in stack[-1].settings.items()}
            section = Section(kind, _unquote(opened.group(2).strip()), inherited)
            stack.append(section)
            if kind in _SECTION_KINDS:
                out.append(section)
        else:
            name, _, rest = line.partition(" ")
            stack[-1].settings.setdefault(name.lower(), []).append(rest.strip())
    return out


def read_web_config(text: str) -> tuple[list[Section], int | None]:
    """The sections of the nginx or Apache configuration in `text`, and the offset where
    the configuration starts (None: none found)."""
    nginx = _NGINX_GATE.search(text) if "{" in text else None
    apache = _APACHE_GATE.search(text) if "<" in text else None
    sections: list[Section] = []
    starts = []
    if nginx:
        found = _nginx(text[nginx.start() :])
        if found:
            sections += found
            starts.append(nginx.start())
    if apache:
        found = _apache(text[apache.start() :])
        if found:
            sections += found
            starts.append(apache.start())
    return sections, (min(starts) if starts else None)
