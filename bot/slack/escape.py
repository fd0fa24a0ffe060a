"""Make user- and agent-supplied text inert in Slack mrkdwn.

Slack's control sequences all live between `<` and `>`: user and channel
mentions (`<@U…>`, `<#C…>`), broadcasts (`<!channel>`, `<!here>`), user group
pings (`<!subteam^S…>`) and links whose label hides their target
(`<https://evil|google.com>`). Escaping `&`, `<` and `>` — the three characters
Slack itself asks senders to escape — turns every one of them into plain text.
Text we build ourselves (our own `<@U…>` mentions, dates) is never passed here.
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_BACKTICK_RUN = re.compile(r"`(?=`)")
_ZWSP = "\u200b"


def escape(text: str | None) -> str:
    """Escape `&`, `<`, `>` so Slack shows the text and parses nothing in it."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_code(text: str | None) -> str:
    """Escaped text that is safe inside a ``` fence: it cannot close the fence early."""
    # A zero-width space after every backtick followed by another: no run of backticks,
    # however long, can form a fence (a plain replace of "```" leaves "`````" fencing).
    return _BACKTICK_RUN.sub("`" + _ZWSP, escape(text))


def plain(text: str | None, limit: int) -> str:
    """Shorten text for a `plain_text` object (Slack shows it literally; no escaping)."""
    value = (text or "").strip() or "-"
    if len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)] + "…"


def truncate_escaped(escaped: str, limit: int) -> tuple[str, bool]:
    """Cut already-escaped text to at most `limit` characters without splitting an entity.

    Returns the text and whether it was cut.
    """
    if len(escaped) <= limit:
        return escaped, False
    cut = escaped[:limit]
    amp = cut.rfind("&", max(0, limit - 4))
    if amp != -1:
        match = _ENTITY.match(escaped, amp)
        if match and match.end() > limit:
            cut = escaped[:amp]  # an entity straddles the cut: drop its partial head
    return cut, True


_STICKY = "`" + _ZWSP
"""Characters a cut must not sit next to: a fence edge beside a backtick would re-open it."""


def _entity_straddles(escaped: str, cut: int) -> bool:
    amp = escaped.rfind("&", max(0, cut - 4), cut)
    if amp == -1:
        return False
    match = _ENTITY.match(escaped, amp)
    return bool(match and match.end() > cut)


def _cut_at(escaped: str, start: int, size: int) -> int:
    """Where the piece starting at `start` ends: at most `size` characters on, never inside
    an entity, preferably not beside a backtick, preferably just after a newline."""
    end = start + size
    if end >= len(escaped):
        return len(escaped)
    floor = start + max(1, size * 3 // 4)
    newline = escaped.rfind("\n", floor, end)
    candidates = ([newline + 1] if newline != -1 else []) + list(range(end, start, -1))
    fallback = None
    for cut in candidates:
        if _entity_straddles(escaped, cut):
            continue
        if escaped[cut - 1] not in _STICKY and escaped[cut] not in _STICKY:
            return cut
        fallback = fallback or cut
    return fallback or end  # only when every position is beside a backtick


def code_pieces(text: str | None, size: int) -> list[str]:
    """The whole of `escape_code(text)`, split into pieces of at most `size` characters.

    Sized *after* escaping and after the fence-breaking zero-width characters, so no
    piece ever needs cutting again: the pieces joined are exactly `escape_code(text)`.
    Cuts never split an entity and avoid backticks, so each piece can sit in its own
    ``` fence (see `code_block`).
    """
    escaped = escape_code(text)
    pieces: list[str] = []
    start = 0
    while start < len(escaped):
        cut = _cut_at(escaped, start, size)
        pieces.append(escaped[start:cut])
        start = cut
    return pieces


def code_block(piece: str) -> str:
    """A ``` fence around an escaped piece; a zero-width space keeps a backtick at either
    edge from merging with the fence (outside the piece, so the piece stays exact). It is
    added before any edge backtick or zero-width space, so `code_content` can undo it."""
    head = _ZWSP if piece[:1] in _STICKY else ""
    tail = _ZWSP if piece[-1:] in _STICKY else ""
    return f"```{head}{piece or ' '}{tail}```"


def code_content(block: str) -> str:
    """The piece inside a `code_block` (what a reader copies, minus our edge markers)."""
    inner = block[3:-3]
    if inner.startswith(_ZWSP):
        inner = inner[1:]
    if inner.endswith(_ZWSP):
        inner = inner[:-1]
    return inner


CODE_BLOCK_EXTRA = 8
"""Most characters `code_block` adds around a piece."""


_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def _plain_control(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith("@"):
        return target  # <@U123> -> @U123
    if target.startswith("#"):
        return "#" + label if label else target
    if target.startswith("!"):
        return "@" + (label or target[1:].split("^")[0])
    # A link: keep its real target (what would be opened), and the label when it differs.
    if label and label != target:
        return f"{target} ({label})"
    return target


def unescape_slack(text: str | None) -> str:
    """Slack message text back to what a person reads and copies, for assessment.

    Links keep their real target (a disguised link is judged by where it goes),
    mentions become `@U…`, and the `&amp;`/`&lt;`/`&gt;` entities are decoded so a
    `WHERE a < 5` is seen as written.
    """
    if not text:
        return ""
    text = _LINK.sub(_plain_control, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
