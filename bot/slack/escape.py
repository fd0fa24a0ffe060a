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
_FENCE = "```"
_ZWSP = "\u200b"


def escape(text: str | None) -> str:
    """Escape `&`, `<`, `>` so Slack shows the text and parses nothing in it."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_code(text: str | None) -> str:
    """Escaped text that is safe inside a ``` fence: it cannot close the fence early."""
    escaped = escape(text)
    return escaped.replace(_FENCE, f"`{_ZWSP}`{_ZWSP}`")


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


def chunk_escaped(text: str, size: int) -> list[str]:
    """Split raw text into pieces whose *escaped* form fits in `size` characters.

    Used for the "Full text" modal, one section per piece, so the whole
    instruction can be read without any single text object passing Slack's limit.
    """
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for ch in text:
        width = len(escape(ch))
        if length + width > size:
            pieces.append(escape("".join(current)))
            current, length = [], 0
        current.append(ch)
        length += width
    if current:
        pieces.append(escape("".join(current)))
    return pieces


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
