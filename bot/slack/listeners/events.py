"""Message events: screen what configured agents say, wherever TwoKey can read it.

Channels, threads, private channels, group DMs and DMs all arrive as `message`
events. Only messages whose author is a configured agent are screened; the
bot's own messages never get here (bolt drops self events) and everyone else's
are ignored. Slack acknowledges at once; the work happens after the ack.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.screening import (
    agent_confidence,
    agent_of,
    author_of,
    cancel_earlier_versions,
    mentioned_users,
    message_text,
    screen,
)

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

SCREENED_SUBTYPES = {None, "bot_message", "thread_broadcast", "file_share", "me_message"}


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def on_message(body: dict[str, Any], event: dict[str, Any], context: Any) -> None:
        await handle_message(deps, body, event, bot_user_id=context.get("bot_user_id"))

    app.event("message")(on_message)


async def handle_message(
    deps: SlackDeps, body: dict[str, Any], event: dict[str, Any], *, bot_user_id: str | None
) -> None:
    subtype = event.get("subtype")
    edited = subtype == "message_changed"
    if edited:
        message = dict(event.get("message") or {})
        previous = event.get("previous_message") or {}
        if previous and message_text(message) == message_text(previous):
            # An unfurl or a reaction-driven change: everything screening reads is the same.
            # Text, blocks *and* attachments count — an instruction added in an attachment
            # by an edit is a new version to screen.
            return
    elif subtype in SCREENED_SUBTYPES:
        message = event
    else:
        return
    agents = deps.config.agent_by_slack_id
    agent = agent_of(message, agents)
    if agent is None:
        return
    channel = event.get("channel") or message.get("channel")
    ts = message.get("ts")
    if not channel or not ts:
        return
    text = message_text(message)
    if not text.strip():
        return
    requester = await find_requester(
        deps,
        message,
        channel=channel,
        channel_type=event.get("channel_type"),
        agents=set(agents),
        bot_user_id=bot_user_id,
    )
    thread_ts = message.get("thread_ts")
    try:
        result = await screen(
            deps,
            text=text,
            channel=channel,
            ts=ts,
            thread_ts=thread_ts if thread_ts and thread_ts != ts else None,
            author=author_of(message),
            agent=agent.name,
            requester=requester,
            source="slack",
            event_id=body.get("event_id"),
            confidence=agent_confidence(message),
        )
    except Exception as exc:
        # The exception's text may quote the instruction (e.g. SQL parameters): type only.
        log.error("could not screen a message from agent %s: %s", agent.name, type(exc).__name__)
        log.debug("screening failure", exc_info=True)
        # Fail closed and say so: nobody should act on an unchecked instruction.
        await deps.notifier.post(
            channel,
            blocks.notice(
                ":warning: TwoKey could not check this instruction. "
                "Don't act on it until it has been checked."
            ),
            thread_ts=thread_ts or ts,
        )
        return
    if edited and not result.duplicate and result.request is not None:
        await cancel_earlier_versions(
            deps, channel=channel, ts=ts, keep=result.request.id, actor=agent.name
        )


async def find_requester(
    deps: SlackDeps,
    message: dict[str, Any],
    *,
    channel: str,
    channel_type: str | None,
    agents: set[str],
    bot_user_id: str | None,
) -> str | None:
    """The employee the agent addressed.

    The first person mentioned; else the author of the thread's first message;
    else, in a DM or group DM, the one person there who is neither an agent nor
    TwoKey: the recipient of a DM is the person told to act, so they confirm
    and can never be the approver.
    """
    skip = agents | {bot_user_id or "", message.get("user") or ""}
    for uid in mentioned_users(str(message.get("text") or "")):
        if uid not in skip:
            return uid
    parent = message.get("parent_user_id")
    if parent and parent not in skip and message.get("thread_ts") != message.get("ts"):
        return str(parent)
    if channel_type in ("im", "mpim"):
        response = await deps.notifier.call(
            "conversations.members", deps.client.conversations_members(channel=channel)
        )
        people = [u for u in (response or {}).get("members") or [] if u not in skip]
        if len(people) == 1:
            return str(people[0])
    return None
