"""Undo disguises before detection: Unicode tricks and encoded payloads.

An agent (or whoever prompted it) can hide `rm -rf /` behind look-alike
letters, invisible characters, full-width forms, or an encoding that is
decoded and piped to a shell. Detectors match on `Normalized.text`; payloads
unwrapped from encodings go to `Normalized.decoded` so callers assess them
too; and the disguise itself is reported as an `obfuscation` finding, because
an honest instruction has no reason to hide.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.risk.model import Finding

__all__ = ["Normalized", "normalize"]

MAX_DECODE_DEPTH = 3
MAX_PAYLOAD = 16384


@dataclass(frozen=True)
class Normalized:
    text: str
    """What detectors match on."""
    findings: list[Finding] = field(default_factory=list)
    """The disguise itself (category `obfuscation`)."""
    decoded: list[str] = field(default_factory=list)
    """Payloads unwrapped from encodings that would be executed; callers assess them too."""


# Invisible characters: zero-width, joiners, word joiner, BOM, soft hyphen, Mongolian
# vowel separator, invisible math operators.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"
# Bidirectional controls (the "Trojan Source" family) and marks.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_STRIP_TABLE = {ord(c): None for c in _INVISIBLE + _BIDI}
_STRIP_RE = re.compile(f"[{_INVISIBLE}{_BIDI}]")

# Cyrillic and Greek letters that render like Latin ones.
_HOMOGLYPHS = {
    "а": "a",
    "в": "b",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "ԁ": "d",
    "һ": "h",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "м": "m",
    "к": "k",
    "ɡ": "g",
    "ո": "n",
    "ս": "u",
    "ı": "i",
    "ȷ": "j",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Ԁ": "D",
    "Ԍ": "G",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Ү": "Y",
    "α": "a",
    "ο": "o",
    "ν": "v",
    "ρ": "p",
    "ι": "i",
    "κ": "k",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ϲ": "c",
    "ϳ": "j",
    "ѵ": "v",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
_HOMOGLYPH_TABLE = str.maketrans(_HOMOGLYPHS)
_ANY_HOMOGLYPH = re.compile("[" + re.escape("".join(_HOMOGLYPHS)) + "]")
_TOKEN_RE = re.compile(r"\S+")

_SHELL_RUNNERS = (
    r"(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|da|k|mk)?sh|source|eval|python[\d.]*|perl|ruby|node|php"
)
# A runner in command position later on the line: `| sh`, `; bash x.sh`, `&& source f`.
_EXEC_AFTER_RE = re.compile(
    rf"^[^\n]*?(?:\||;|&&|\$\(|`)\s*(?:{_SHELL_RUNNERS})(?:\s|$|;|\))|^[^\n]*chmod\s+\+x"
)
_EXEC_BEFORE_RE = re.compile(rf"(?:\$\(|`|<\(|\b(?:{_SHELL_RUNNERS})\s+(?:-c\s+)?[\"']?\$?\(?)\s*$")

_B64_PIPE_RE = re.compile(
    r"(?:echo|printf)\s+(?:-[neE]+\s+)*(?P<q>['\"]?)(?P<data>[A-Za-z0-9+/_-]{8,}={0,2})(?P=q)"
    r"\s*\|\s*(?:base64|openssl\s+(?:base64|enc\s+-base64))\s+(?:-\w+\s+)*?(?:-d|--decode|-D|-di|-id)\b(?:\s+-\w+)*"
)
_B64_HERE_RE = re.compile(
    r"(?:base64|openssl\s+base64)\s+(?:-\w+\s+)*?(?:-d|--decode|-D)\b(?:\s+-\w+)*\s*<<<\s*"
    r"(?P<q>['\"]?)(?P<data>[A-Za-z0-9+/_-]{8,}={0,2})(?P=q)"
)
_HEX_PIPE_RE = re.compile(
    r"(?:echo|printf)\s+(?:-[neE]+\s+)*(?P<q>['\"]?)(?P<data>(?:[0-9a-fA-F]{2}){4,})(?P=q)"
    r"\s*\|\s*xxd\s+(?:-r\s+-p|-p\s+-r|-rp|-pr|-r\s+-ps|-ps\s+-r)\b"
)
_HEX_HERE_RE = re.compile(
    r"xxd\s+(?:-r\s+-p|-p\s+-r|-rp|-pr|-r\s+-ps|-ps\s+-r)\s*<<<\s*"
    r"(?P<q>['\"]?)(?P<data>(?:[0-9a-fA-F]{2}){4,})(?P=q)"
)
# `base64 -d <<EOF | sh` … `EOF`: the pipe to the runner sits on the heredoc's first line.
_DECODE_HEREDOC_RE = re.compile(
    r"(?P<tool>(?:base64|openssl\s+base64)\s+(?:-\w+\s+)*?(?:-d|--decode|-D)\b(?:\s+-\w+)*|"
    r"xxd\s+(?:-r\s+-p|-p\s+-r|-rp|-pr|-r\s+-ps|-ps\s+-r))\s*<<-?\s*(?P<tq>['\"]?)(?P<tag>\w+)(?P=tq)"
    r"(?P<after>[^\n]*)\n(?P<data>[A-Za-z0-9+/=_\s-]{8,}?)\n[ \t]*(?P=tag)[ \t]*(?:\n|$)"
)
_REV_PIPE_RE = re.compile(
    r"(?:echo|printf)\s+(?P<q>['\"])(?P<data>[^'\"\n]{4,})(?P=q)\s*\|\s*rev\b"
)
_ESCAPED_RE = re.compile(
    r"(?:printf\s+(?:--\s+)?|echo\s+-e\s+|\$)(?P<q>['\"])(?P<data>(?:[^'\"\\]|\\.)*?"
    r"(?:\\(?:x[0-9a-fA-F]{2}|[0-7]{3})(?:[^'\"\\]|\\.)*?){2,})(?P=q)"
)
_ESC_TOKEN_RE = re.compile(r"\\(x[0-9a-fA-F]{2}|[0-7]{3}|[nrtabfve\\'\"])")
_SIMPLE = {
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "e": "\x1b",
    "\\": "\\",
    "'": "'",
    '"': '"',
}


def _unescape(data: str) -> str:
    def repl(m: re.Match[str]) -> str:
        tok = m.group(1)
        if tok[0] == "x":
            return chr(int(tok[1:], 16))
        if tok[0].isdigit():
            return chr(int(tok, 8) & 0xFF)
        return _SIMPLE[tok]

    return _ESC_TOKEN_RE.sub(repl, data)


def _finding(rule: str, reason: str, evidence: str, risk: str = "high") -> Finding:
    ev = " ".join(evidence.split())
    return Finding(
        rule=rule,
        category="obfuscation",
        reason=reason,
        risk=risk,  # type: ignore[arg-type]
        verdict="require_approval",
        evidence=ev[:200],
    )


def _printable(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.strip() or sum(c.isprintable() or c in "\n\t\r" for c in text) < 0.95 * len(text):
        return None
    return text


def _b64(data: str) -> str | None:
    data = data.replace("-", "+").replace("_", "/")
    data += "=" * (-len(data) % 4)
    try:
        return _printable(base64.b64decode(data, validate=True))
    except (binascii.Error, ValueError):
        return None


def _hex(data: str) -> str | None:
    try:
        return _printable(bytes.fromhex(data))
    except ValueError:
        return None


def _executed(text: str, start: int, end: int) -> bool:
    """Is the decoded output run: piped to a shell, substituted, or eval'd?"""
    return bool(
        _EXEC_AFTER_RE.match(text[end : end + 200])
        or _EXEC_BEFORE_RE.search(text[max(0, start - 60) : start])
    )


# Chinese and Japanese are written with full-width punctuation, and often with
# full-width Latin letters and digits (ＡＷＳ, ３台): ordinary typography, not a
# disguise. Among CJK text only a full-width run that folds into something
# command-like (an operator, or a command word) is reported.
_WIDE = re.compile(r"[\uff01-\uff5e]|[\U0001d400-\U0001d7ff]")
_MATH_LETTER = re.compile(r"[\U0001d400-\U0001d7ff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WIDE_RUN = re.compile(r"[\uff01-\uff5e](?:[\uff01-\uff5e\u3000 ]*[\uff01-\uff5e])?")
_WIDE_LETTER = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_COMMAND_LIKE = re.compile(
    r"[a-z0-9][\s]*[-/|;$><`=*\\&]|[-/|;$><`=*\\&][\s]*[a-z0-9]"
    r"|^(?:rm|dd|mkfs|drop|delete|truncate|curl|wget|chmod|chown|sudo|kubectl|terraform|git|"
    r"aws|gcloud|az|psql|mysql|bash|sh|powershell|iex|eval|exec|grant|alter|update)"
    r"\s+[-/a-z0-9\"'.~$*]"
)


def _disguised_wide(text: str) -> bool:
    """Full-width or mathematical letters used to make a command look like something else."""
    if not _WIDE.search(text):
        return False
    if _MATH_LETTER.search(text) or not _CJK.search(text):
        return True
    for run in _WIDE_RUN.finditer(text):
        if len(_WIDE_LETTER.findall(run.group(0))) < 2:
            continue
        around = text[run.start() : run.end() + 12]  # a command word's arguments may be ASCII
        if _COMMAND_LIKE.search(unicodedata.normalize("NFKC", around).lower()):
            return True
    return False


def _fold_unicode(text: str, findings: list[Finding]) -> str:
    if text.isascii():
        return text
    # Invisible and bidirectional characters.
    stripped = _STRIP_RE.search(text)
    if stripped:
        overrides = [c for c in text if c in _BIDI_OVERRIDES]
        # Next to an ASCII character it hides something; between emoji it joins them.
        inside_word = re.search(
            rf"[\x21-\x7e][{_INVISIBLE}{_BIDI}]|[{_INVISIBLE}{_BIDI}][\x21-\x7e]", text
        )
        text = text.translate(_STRIP_TABLE)
        if overrides:
            findings.append(
                _finding(
                    "obfuscation.bidi_control",
                    "Contains bidirectional-override characters that make the text display in a "
                    "different order than it runs.",
                    text,
                )
            )
        elif inside_word:
            findings.append(
                _finding(
                    "obfuscation.invisible_chars",
                    "Contains invisible characters inside words, which can hide a command from a "
                    "reader or a filter.",
                    text,
                )
            )
    # Full-width and mathematical letters that NFKC folds onto ASCII.
    folded = unicodedata.normalize("NFKC", text)
    if folded != text and _disguised_wide(text):
        findings.append(
            _finding(
                "obfuscation.fullwidth",
                "Uses full-width or stylised letters that look like ordinary ones.",
                folded,
            )
        )
    text = folded
    if text.isascii() or not _ANY_HOMOGLYPH.search(text):
        return text  # a token without a look-alike is never folded (CJK, accents, emoji)
    # Look-alike letters: fold a token when it mixes scripts, or is made only of look-alikes.
    changed: list[str] = []

    def fold(m: re.Match[str]) -> str:
        tok = m.group(0)
        if not any(c in _HOMOGLYPHS for c in tok):
            return tok
        letters = [c for c in tok if c.isalpha()]
        mixed = any(c.isascii() for c in letters)
        all_lookalike = all(c in _HOMOGLYPHS for c in letters)
        if not (mixed or all_lookalike):
            return tok
        out = tok.translate(_HOMOGLYPH_TABLE)
        changed.append(out)
        return out

    text = _TOKEN_RE.sub(fold, text)
    if changed:
        findings.append(
            _finding(
                "obfuscation.homoglyph",
                "Uses Cyrillic or Greek letters disguised as Latin ones, so a command looks "
                "harmless to a reader.",
                " ".join(changed),
            )
        )
    return text


def _unwrap_encodings(text: str, findings: list[Finding], decoded: list[str], depth: int) -> str:
    if not any(k in text for k in ("base64", "xxd", "\\x", "\\0", "\\1", "\\2", "\\3", "rev")):
        return text
    _piped_encodings(text, findings, decoded, depth)
    if "<<" in text:
        _decoded_heredocs(text, findings, decoded, depth)
    return _escaped_commands(text, findings, decoded, depth)


_PIPED_ENCODINGS: tuple[tuple[re.Pattern[str], Callable[[str], str | None], str, str], ...] = (
    (_B64_PIPE_RE, _b64, "obfuscation.base64_exec", "base64"),
    (_B64_HERE_RE, _b64, "obfuscation.base64_exec", "base64"),
    (_HEX_PIPE_RE, _hex, "obfuscation.hex_exec", "hex"),
    (_HEX_HERE_RE, _hex, "obfuscation.hex_exec", "hex"),
    (_REV_PIPE_RE, lambda d: d[::-1], "obfuscation.reversed_exec", "reversed text"),
)
"""Encoded text piped into a decoder and on to a shell: (pattern, decoder, rule, what)."""


def _piped_encodings(text: str, findings: list[Finding], decoded: list[str], depth: int) -> None:
    for regex, decoder, rule, what in _PIPED_ENCODINGS:
        for m in regex.finditer(text):
            payload = decoder(m.group("data"))
            if payload is None or not _executed(text, m.start(), m.end()):
                continue
            findings.append(
                _finding(
                    rule,
                    f"Runs a command hidden in {what}; what it really does is not visible "
                    "without decoding it.",
                    m.group(0),
                )
            )
            _add_payload(payload, findings, decoded, depth)


def _decoded_heredocs(text: str, findings: list[Finding], decoded: list[str], depth: int) -> None:
    for m in _DECODE_HEREDOC_RE.finditer(text):
        hexed = m.group("tool").startswith("xxd")
        data = "".join(m.group("data").split())
        payload = _hex(data) if hexed else _b64(data)
        if payload is None or not _EXEC_AFTER_RE.match(m.group("after")):
            continue
        what = "hex" if hexed else "base64"
        findings.append(
            _finding(
                "obfuscation.hex_exec" if hexed else "obfuscation.base64_exec",
                f"Runs a command hidden in {what}; what it really does is not visible "
                "without decoding it.",
                m.group(0),
            )
        )
        _add_payload(payload, findings, decoded, depth)


def _escaped_commands(text: str, findings: list[Finding], decoded: list[str], depth: int) -> str:
    """Commands spelled in hex/octal escapes: decoded in place where they are the command."""
    out = text
    for m in _ESCAPED_RE.finditer(text):
        payload = _unescape(m.group("data"))
        if not re.search(r"[A-Za-z]", payload) or len(payload) > MAX_PAYLOAD:
            continue
        start = m.start()
        # `$(printf '\x72\x6d') -rf /` or `$'\x72\x6d' -rf /`: the decoded text is the command.
        subst = re.search(r"\$\(\s*$", text[max(0, start - 4) : start])
        at_command = m.group(0).startswith("$") and re.search(
            r"(?:^|[;&|(]|\$\()\s*$", text[:start]
        )
        if subst and text[m.end() :].lstrip().startswith(")"):
            close = text.index(")", m.end())
            out = out.replace(text[text.rfind("$(", 0, start) : close + 1], payload, 1)
        elif at_command:
            out = out.replace(m.group(0), payload, 1)
        elif not _executed(text, start, m.end()):
            continue
        else:
            _add_payload(payload, findings, decoded, depth)
        findings.append(
            _finding(
                "obfuscation.escaped_exec",
                "Builds a command from hex/octal escape codes so it cannot be read directly.",
                m.group(0),
            )
        )
    return out


def _add_payload(payload: str, findings: list[Finding], decoded: list[str], depth: int) -> None:
    payload = payload[:MAX_PAYLOAD]
    if depth < MAX_DECODE_DEPTH:
        inner = _normalize(payload, depth + 1)
        findings.extend(inner.findings)
        decoded.append(inner.text)
        decoded.extend(inner.decoded)
    else:
        decoded.append(payload)


def _normalize(text: str, depth: int) -> Normalized:
    findings: list[Finding] = []
    decoded: list[str] = []
    text = _fold_unicode(text, findings)
    text = _unwrap_encodings(text, findings, decoded, depth)
    return Normalized(text=text, findings=findings, decoded=decoded)


def normalize(text: str) -> Normalized:
    """NFKC-fold, strip invisible/bidi characters, fold homoglyphs, unwrap encodings.

    Safe on any input: never raises for odd Unicode, and a disguise is always
    reported even when the payload it hides looks harmless.
    """
    return _normalize(text, 0)
