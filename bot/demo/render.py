"""Slack messages as a person would read them, in a terminal.

The demo shows what TwoKey posts, not the JSON it posts: Block Kit is turned
into plain lines, mrkdwn into rich markup, mentions into names.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from rich.emoji import Emoji, NoEmoji
from rich.markup import escape

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|([^>]*))?>")
_DATE = re.compile(r"<!date\^\d+\^[^|>]*\|([^>]*)>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_EMOJI = re.compile(r":([a-z0-9_+-]+):")


def _emoji(match: re.Match[str]) -> str:
    """Slack's `:large_orange_circle:` is rich's `:orange_circle:`; other codes pass through."""
    name = match.group(1)
    if not name.startswith("large_") or _known(name):
        return match.group(0)
    short = name.removeprefix("large_")
    return f":{short}:" if _known(short) else match.group(0)


def _known(name: str) -> bool:
    try:
        Emoji(name)
    except NoEmoji:
        return False
    return True


def mrkdwn(text: str, names: Mapping[str, str]) -> str:
    """Slack mrkdwn to rich markup (escaped), mentions resolved to display names."""
    text = _MENTION.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or names.get(m.group(1), m.group(1))), text)
    text = _DATE.sub(lambda m: m.group(1), text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    text = _LINK.sub(
        lambda m: (m.group(2) or m.group(1)) + (f" ({m.group(1)})" if m.group(2) else ""), text
    )
    text = html.unescape(text.replace("```", ""))
    text = escape(text)
    text = _CODE.sub(lambda m: f"[cyan]{m.group(1)}[/cyan]", text)
    text = _EMOJI.sub(_emoji, text)
    return _BOLD.sub(lambda m: f"[bold]{m.group(1)}[/bold]", text)


def _text(obj: Any, names: Mapping[str, str]) -> str:
    if not obj:
        return ""
    if isinstance(obj, str):
        return mrkdwn(obj, names)
    raw = obj.get("text", "")
    return mrkdwn(raw, names) if obj.get("type") == "mrkdwn" else escape(html.unescape(raw))


def _buttons(elements: list[dict[str, Any]], names: Mapping[str, str]) -> str:
    labels = []
    for el in elements:
        if el.get("type") == "button":
            labels.append(f"[reverse] {_text(el.get('text'), names)} [/reverse]")
        elif el.get("type") in ("plain_text_input",):
            labels.append("[dim]<text box>[/dim]")
    return "  ".join(labels)


def blocks_to_lines(blocks: list[dict[str, Any]], names: Mapping[str, str]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"[bold underline]{_text(block.get('text'), names)}[/]")
        elif kind == "section":
            if block.get("text"):
                lines.append(_text(block["text"], names))
            for field in block.get("fields", []):
                lines.append("  " + _text(field, names))
            accessory = block.get("accessory")
            if accessory and accessory.get("type") == "button":
                lines.append("  " + _buttons([accessory], names))
        elif kind == "context":
            parts = [
                _text(el, names) for el in block.get("elements", []) if el.get("type") != "image"
            ]
            lines.append("[dim]" + "  ".join(parts) + "[/dim]")
        elif kind == "divider":
            lines.append("[dim]" + "─" * 40 + "[/dim]")
        elif kind == "actions":
            lines.append(_buttons(block.get("elements", []), names))
        elif kind == "input":
            label = _text(block.get("label"), names)
            lines.append(f"{label}: [dim]<text box>[/dim]")
        elif kind == "rich_text":
            lines.append(escape(_rich_text(block)))
    return [line for line in lines if line.strip()]


def _rich_text(block: dict[str, Any]) -> str:
    out: list[str] = []
    for element in block.get("elements", []):
        for part in element.get("elements", []):
            out.append(part.get("text", ""))
    return "".join(out)


def message_to_lines(message: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    """Blocks when present (what people see), else the fallback text."""
    blocks = message.get("blocks")
    if isinstance(blocks, str):
        import json

        blocks = json.loads(blocks)
    if blocks:
        return blocks_to_lines(blocks, names)
    return [mrkdwn(str(message.get("text", "")), names)]
