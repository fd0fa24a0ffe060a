"""From a Slack message to one approval-service request, exactly once.

Shared by the message events (agent messages) and the "Ask for a second
approval" shortcut (any message). The database claim in
`storage.screened` comes first, so a retried delivery or a double click never
creates a second request; an edited message is a new version and is screened
again, and an open request for the old text is cancelled.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.approvals import RequestView
from bot.config import AgentConfig
from bot.slack.escape import unescape_slack
from storage import screened

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


_BLOCK_META = frozenset(
    {
        "type",
        "block_id",
        "action_id",
        "value",
        "style",
        "image_url",
        "slack_file",
        "url",
        "emoji",
        "verbatim",
        "unicode",
        "skin_tone",
        "user_id",
        "usergroup_id",
        "channel_id",
        "team_id",
        "range",
        "border",
        "indent",
        "offset",
        "dispatch_action",
        "focus_on_load",
        "multiline",
        "min_length",
        "max_length",
        "initial_date",
        "initial_time",
        "initial_date_time",
        "timezone",
        "accessibility_label",
        "is_decorative",
        "image_width",
        "image_height",
        "image_bytes",
        "fallback",
        "thumb_url",
        "video_url",
        "author_name",
        "provider_icon_url",
        "provider_name",
        "title_url",
    }
)
"""Keys of layout, identifiers and values a person does not read in the rendered block."""

_INLINE_CONTAINERS = frozenset({"rich_text_section", "rich_text_preformatted", "rich_text_quote"})


def _inline(element: Any) -> str:
    """One inline rich-text element as it reads on screen (styles do not split words)."""
    if not isinstance(element, dict):
        return ""
    kind = element.get("type")
    if kind == "text":
        return str(element.get("text") or "")
    if kind == "link":
        url, label = str(element.get("url") or ""), element.get("text")
        return f"{url} ({label})" if isinstance(label, str) and label and label != url else url
    if kind == "user":
        return f"@{element.get('user_id', '')}"
    if kind == "usergroup":
        return f"@{element.get('usergroup_id', '')}"
    if kind == "channel":
        return f"#{element.get('channel_id', '')}"
    if kind == "broadcast":
        return f"@{element.get('range', '')}"
    if kind == "emoji":
        return f":{element.get('name', '')}:"
    if kind == "date":
        return str(element.get("fallback") or "")
    return ""


def _block_texts(blocks: Any) -> list[str]:
    """Visible text of blocks (agents often post blocks), as a person would read it.

    mrkdwn text uses Slack's escaping and is unescaped; rich-text elements are
    literal, and the inline elements of one line are joined as they render, so
    a word in bold does not come apart from its sentence. A link is read by its
    target (and its label when different), so a disguised link is judged by
    where it goes. Beyond the known text fields, every other string a block
    carries (placeholders, select options, image titles and alt text, labels,
    confirmation dialogs…) is read, apart from layout and identifiers: a field
    this function does not know is not a place to hide an instruction.
    """
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        kind, text = node.get("type"), node.get("text")
        if kind in _INLINE_CONTAINERS:
            line = "".join(_inline(e) for e in node.get("elements") or [])
            if line.strip():
                out.append(line)
            return
        if kind in ("text", "link") and (isinstance(text, str) or kind == "link"):
            out.append(_inline(node))
            return
        if kind in ("mrkdwn", "plain_text") and isinstance(text, str):
            out.append(unescape_slack(text) if kind == "mrkdwn" else text)
            return
        for key, value in node.items():
            if key in _BLOCK_META:
                continue
            if isinstance(value, str):
                out.append(unescape_slack(value))
            else:
                walk(value)

    walk(blocks)
    return out


_FILE_TEXT = ("title", "name", "preview", "plain_text", "preview_plain_text", "alt_txt")
"""What a person reads of a shared file in Slack: its title and name, the snippet's
preview, an email's body, an image's alt text; the sharer's comment comes separately."""


def _file_texts(file: dict[str, Any]) -> list[str]:
    out = [str(file[k]) for k in _FILE_TEXT if isinstance(file.get(k), str)]
    comment = file.get("initial_comment")
    if isinstance(comment, dict) and isinstance(comment.get("comment"), str):
        out.append(unescape_slack(comment["comment"]))
    return out


_ATTACHMENT_TEXT = (
    "pretext",
    "author_name",
    "title",
    "title_link",
    "text",
    "fallback",
    "footer",
)
"""Read first, in the order a person sees them."""

_ATTACHMENT_META = frozenset(
    {
        "id",
        "color",
        "ts",
        "mrkdwn_in",
        "callback_id",
        "attachment_type",
        "image_url",
        "image_width",
        "image_height",
        "image_bytes",
        "thumb_url",
        "thumb_width",
        "thumb_height",
        "author_icon",
        "author_id",
        "footer_icon",
        "service_icon",
        "original_url",
        "from_url",
        "bot_id",
        "app_unfurl_url",
        "is_app_unfurl",
        "is_msg_unfurl",
        "msg_subtype",
        "channel_id",
        "channel_team",
        "type",
        "style",
    }
)
"""Keys that hold layout or identifiers, never words an agent addresses to a person."""


def _attachment_texts(attachment: dict[str, Any]) -> list[str]:
    """Every piece of text a legacy attachment can show: title, fields, footer, buttons…

    Slack renders far more of an attachment than its `text` (field titles and
    values, title, footer, author, fallback in notifications, button labels),
    so an agent can put an instruction in any of them. The named keys are read
    first; any other string left in the attachment, apart from layout and
    identifiers, is read too, so a key this list does not know is not a way around it.
    """
    out: list[str] = []

    def leaves(node: Any) -> None:
        if isinstance(node, str):
            out.append(unescape_slack(node))
        elif isinstance(node, list):
            for item in node:
                leaves(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in _ATTACHMENT_META:
                    leaves(value)

    for key in _ATTACHMENT_TEXT:
        leaves(attachment.get(key))
    for key in ("fields", "actions"):
        leaves(attachment.get(key))
    out += _block_texts(attachment.get("blocks") or [])
    known = {*_ATTACHMENT_TEXT, "fields", "actions", "blocks", *_ATTACHMENT_META}
    for key, value in attachment.items():
        if key not in known:
            leaves(value)
    return out


def message_text(message: dict[str, Any]) -> str:
    """Everything readable in a message: text, blocks, attachments and shared files, unescaped.

    Screening reads more rather than less: a command hidden in a block, an
    attachment under a harmless fallback text or a shared file's preview is still
    seen. Pieces already in the text are not repeated. Nothing is cut here: text
    longer than TwoKey reads is held by the approval service, never allowed unread.
    """
    parts: list[str] = []
    text = unescape_slack(str(message.get("text") or ""))
    if text:
        parts.append(text)
    extras = _block_texts(message.get("blocks") or [])
    for attachment in message.get("attachments") or []:
        if isinstance(attachment, dict):
            extras += _attachment_texts(attachment)
    for file in message.get("files") or []:
        if isinstance(file, dict):
            extras += _file_texts(file)
    joined = "\n".join(parts)
    for extra in extras:
        if extra.strip() and extra.strip() not in joined:
            parts.append(extra)
            joined = "\n".join(parts)
    return joined


def author_of(message: dict[str, Any]) -> str | None:
    return message.get("bot_id") or message.get("user")


def agent_of(message: dict[str, Any], agents: dict[str, AgentConfig]) -> AgentConfig | None:
    for key in ("bot_id", "user"):
        value = message.get(key)
        if value and value in agents:
            return agents[value]
    profile = message.get("bot_profile") or {}
    if profile.get("id") in agents:
        return agents[profile["id"]]
    return None


def mentioned_users(raw_text: str) -> list[str]:
    return _MENTION.findall(raw_text or "")


def agent_confidence(message: dict[str, Any]) -> float | None:
    """An agent may state its confidence in Slack message metadata (`event_payload.confidence`)."""
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    value = payload.get("confidence")
    if isinstance(value, int | float) and not isinstance(value, bool) and 0.0 <= value <= 1.0:
        return float(value)
    return None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Screened:
    request: RequestView | None
    duplicate: bool


async def screen(
    deps: SlackDeps,
    *,
    text: str,
    channel: str,
    ts: str,
    thread_ts: str | None,
    author: str | None,
    agent: str | None,
    requester: str | None,
    source: str,
    event_id: str | None,
    confidence: float | None = None,
) -> Screened:
    """Claim this message version, submit it once, and attach the request to the claim."""
    engine = deps.service.engine
    digest = sha256(text)
    claim = await asyncio.to_thread(
        screened.claim,
        engine,
        event_id=event_id,
        channel=channel,
        message_ts=ts,
        author=author,
        text_sha256=digest,
    )
    if claim.duplicate:
        log.info("duplicate delivery of %s/%s ignored", channel, ts)
        existing = await deps.service.get(claim.request_id) if claim.request_id else None
        return Screened(request=existing, duplicate=True)
    try:
        permalink = await _permalink(deps, channel, ts)
        slack = {"channel": channel, "ts": ts, "thread_ts": thread_ts, "permalink": permalink}
        request, _ = await deps.service.submit(
            text=text,
            agent=agent,
            requester=requester,
            source=source,
            confidence=confidence,
            idempotency_key=f"slack:{channel}:{ts}:{digest[:16]}",
            slack={k: v for k, v in slack.items() if v},
            meta={"slack_author": author} if author else None,
        )
    except BaseException:
        await asyncio.to_thread(screened.release, engine, claim.id)
        raise
    await asyncio.to_thread(
        screened.finish, engine, claim.id, request_id=request.id, decision=request.decision
    )
    return Screened(request=request, duplicate=False)


async def cancel_earlier_versions(
    deps: SlackDeps, *, channel: str, ts: str, keep: str | None, actor: str
) -> list[str]:
    """An edited message supersedes its earlier text: cancel requests still open for it."""
    cancelled: list[str] = []
    rows = await asyncio.to_thread(screened.versions, deps.service.engine, channel, ts)
    for row in rows:
        if not row.request_id or row.request_id == keep:
            continue
        request = await deps.service.get(row.request_id)
        if request is not None and request.is_open:
            outcome = await deps.service.cancel(
                request.id,
                actor=actor,
                reason="The message was edited; the new text was screened again.",
            )
            if outcome.ok:
                cancelled.append(request.id)
    return cancelled


async def _permalink(deps: SlackDeps, channel: str, ts: str) -> str | None:
    response = await deps.notifier.call(
        "chat.getPermalink", deps.client.chat_getPermalink(channel=channel, message_ts=ts)
    )
    link = (response or {}).get("permalink")
    return link if isinstance(link, str) else None
