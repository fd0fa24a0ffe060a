"""A careful HCL (Terraform) block reader: blocks, attributes and literal values.

Terraform pasted into a chat is often a fragment (one resource, no provider, a `...`
where something was cut), so this reads what it can and skips what it cannot rather
than rejecting the whole document. Values become Python: strings, numbers, booleans,
lists, objects (`{ a = 1 }` and `{ "a": 1 }`), `jsonencode(x)` as `x`, a heredoc or a
string holding JSON stays a string (the reader of the policy decides). A reference
(`var.cidr`, `aws_vpc.main.cidr_block`) becomes `Ref("var.cidr")`: unknown, never "open".

The result of `parse` is a body: `{"attribute": value, "block_type": [body, …]}`, a
nested block's labels under `LABELS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LABELS = "__labels__"
MAX_TOKENS = 200_000
MAX_DEPTH = 40
"""Blocks and values nested deeper than this are skipped whole (never real Terraform)."""


@dataclass(frozen=True)
class Ref:
    """An expression whose value is not known from the text (a variable, a reference, a
    function other than jsonencode, arithmetic)."""

    text: str


_TOKEN_RE = re.compile(
    r"""
    (?P<nl>\n)
  | (?P<ws>[ \t\r]+)
  | (?P<comment>\#[^\n]*|//[^\n]*|/\*.*?\*/)
  | (?P<heredoc>\x00\d+\x00)
  | (?P<string>"(?:[^"\\\n]|\\.|\$\{[^}\n]*\})*")
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)
  | (?P<ident>[A-Za-z_][\w-]*(?:\.[\w*-]+|\[[^\]\n]*\])*)
  | (?P<punct>[{}\[\]()=,:?!<>+\-*/%&|.])
  | (?P<other>\S)
    """,
    re.S | re.X,
)
_HEREDOC_START_RE = re.compile(r"<<-?[ \t]*([A-Za-z_]\w*)[ \t]*\n")
MAX_HEREDOCS = 64


@dataclass
class _Tok:
    kind: str
    text: str


def _heredocs(src: str) -> tuple[str, list[str]]:
    """Cut heredoc bodies out (they are values, not HCL), leaving a NUL-numbered mark."""
    bodies: list[str] = []
    if "<<" not in src:
        return src, bodies
    parts: list[str] = []
    pos = 0
    for m in _HEREDOC_START_RE.finditer(src):
        if m.start() < pos or len(bodies) >= MAX_HEREDOCS:
            continue
        tag = re.escape(m.group(1))
        end = re.compile(rf"(?m)^[ \t]*{tag}[ \t]*$").search(src, m.end())
        parts.append(src[pos : m.start()])
        parts.append(f"\x00{len(bodies)}\x00")
        bodies.append(src[m.end() : end.start()] if end else src[m.end() :])
        pos = end.end() if end else len(src)
    parts.append(src[pos:])
    return "".join(parts), bodies


def _tokens(src: str) -> list[_Tok]:
    src, bodies = _heredocs(src.replace("\x00", " "))
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(src):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        if kind == "heredoc":
            out.append(_Tok("heredoc", bodies[int(m.group(0)[1:-1])]))
        else:
            out.append(_Tok(kind, m.group(0)))
        if len(out) >= MAX_TOKENS:
            break
    return out


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _string(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def _number(text: str) -> int | float:
    return float(text) if "." in text or "e" in text.lower() else int(text)


_LITERALS: dict[str, Callable[[str], Any]] = {
    "string": _string,
    "heredoc": lambda text: text,
    "number": _number,
}
"""Token kind → its value, for tokens that are a value by themselves."""


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.t = tokens
        self.i = 0
        self.depth = 0

    def _skip_group(self) -> None:
        """Skip to after the bracket closing the group just opened (depth limit reached)."""
        depth = 1
        while (tok := self.peek()) is not None:
            self.i += 1
            if tok.text in ("{", "[", "("):
                depth += 1
            elif tok.text in ("}", "]", ")"):
                depth -= 1
                if depth == 0:
                    return

    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def skip_nl(self) -> None:
        while (tok := self.peek()) is not None and tok.kind == "nl":
            self.i += 1

    def body(self, closing: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            self.skip_nl()
            tok = self.peek()
            if tok is None:
                return out
            if closing and tok.text == closing:
                self.i += 1
                return out
            if tok.kind not in ("ident", "string"):
                self._skip_line()
                continue
            nxt = self.peek(1)
            name = tok.text if tok.kind == "ident" else _string(tok.text)
            if nxt is not None and nxt.text in ("=", ":") and tok.kind == "ident":
                self.i += 2
                out[name] = self.expr()
                continue
            labels: list[str] = []
            j = 1
            while (lab := self.peek(j)) is not None and lab.kind in ("string", "ident"):
                labels.append(_string(lab.text) if lab.kind == "string" else lab.text)
                j += 1
            lab = self.peek(j)
            if lab is not None and lab.text == "{":
                self.i += j + 1
                if self.depth >= MAX_DEPTH:
                    self._skip_group()
                    continue
                self.depth += 1
                block = self.body("}")
                self.depth -= 1
                block[LABELS] = labels
                out.setdefault(name, []).append(block)
                continue
            self._skip_line()

    def _skip_line(self) -> None:
        depth = 0
        while (tok := self.peek()) is not None:
            if tok.text in ("{", "[", "("):
                depth += 1
            elif tok.text in ("}", "]", ")"):
                if depth == 0:
                    return
                depth -= 1
            elif tok.kind == "nl" and depth == 0:
                self.i += 1
                return
            self.i += 1

    def expr(self) -> Any:
        value = self.primary()
        # Operators, conditionals, `for` tails: the value is no longer a plain literal.
        tok = self.peek()
        if tok is not None and tok.kind not in ("nl",) and tok.text not in (",", "]", "}", ")"):
            start = self.i
            self._skip_expr_tail()
            return Ref(" ".join(t.text for t in self.t[start - 1 : self.i]))
        return value

    def _skip_expr_tail(self) -> None:
        depth = 0
        while (tok := self.peek()) is not None:
            if tok.text in ("{", "[", "("):
                depth += 1
            elif tok.text in ("}", "]", ")"):
                if depth == 0:
                    return
                depth -= 1
            elif depth == 0 and (tok.kind == "nl" or tok.text == ","):
                return
            self.i += 1

    def primary(self) -> Any:
        self.skip_nl()
        tok = self.peek()
        if tok is None:
            return None
        self.i += 1
        if tok.kind in _LITERALS:
            return _LITERALS[tok.kind](tok.text)
        if tok.text in _GROUPS:
            if self.depth >= MAX_DEPTH:
                self._skip_group()
                return Ref("…")
            self.depth += 1
            value = _GROUPS[tok.text](self)
            self.depth -= 1
            return value
        if tok.kind == "ident":
            return self._ident(tok)
        if tok.text == "-" and (num := self.peek()) is not None and num.kind == "number":
            self.i += 1
            return -int(num.text) if num.text.isdigit() else Ref("-" + num.text)
        return Ref(tok.text)

    def _paren(self) -> Any:
        inner = self.expr()
        self.skip_nl()
        if (close := self.peek()) is not None and close.text == ")":
            self.i += 1
        return inner

    def _ident(self, tok: _Tok) -> Any:
        """`true`/`false`/`null`, a function call (`jsonencode(…)` gives its argument), or a
        reference kept as a name."""
        low = tok.text.lower()
        if low in ("true", "false"):
            return low == "true"
        if low == "null":
            return None
        nxt = self.peek()
        if nxt is None or nxt.text != "(":
            return Ref(tok.text)
        self.i += 1
        if self.depth >= MAX_DEPTH:
            self._skip_group()
            return Ref(f"{tok.text}(…)")
        self.depth += 1
        args = self._args()
        self.depth -= 1
        if low in ("jsonencode", "yamlencode", "tolist", "toset", "tomap") and args:
            return args[0]
        return Ref(f"{tok.text}(…)")

    def _args(self) -> list[Any]:
        return self._sequence(")")

    def _list(self) -> list[Any]:
        return self._sequence("]")

    def _sequence(self, closer: str) -> list[Any]:
        """Comma-separated expressions up to `closer` (or the end of a pasted fragment)."""
        items: list[Any] = []
        while True:
            self.skip_nl()
            tok = self.peek()
            if tok is None:
                return items
            if tok.text == closer:
                self.i += 1
                return items
            if tok.text == ",":
                self.i += 1
                continue
            before = self.i
            items.append(self.expr())
            if self.i == before:
                self.i += 1

    def _object(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            self.skip_nl()
            tok = self.peek()
            if tok is None:
                return out
            if tok.text == "}":
                self.i += 1
                return out
            if tok.text == ",":
                self.i += 1
                continue
            sep = self.peek(1)
            if tok.kind in ("ident", "string") and sep is not None and sep.text in ("=", ":"):
                key = _string(tok.text) if tok.kind == "string" else tok.text
                self.i += 2
                out[key] = self.expr()
                continue
            self._skip_expr_tail()
            if (tok2 := self.peek()) is not None and tok2.text == "," or self.peek() is tok:
                self.i += 1


_GROUPS: dict[str, Callable[[_Parser], Any]] = {
    "[": _Parser._list,
    "{": _Parser._object,
    "(": _Parser._paren,
}
"""An opening bracket → how the parser reads what it holds."""


def parse(src: str) -> dict[str, Any]:
    """Read HCL text into a body (see the module docstring). Never raises on bad input."""
    return _Parser(_tokens(src)).body(None)
