"""The message shortcut "Ask for a second approval".

Any employee can ask TwoKey to screen any message — from an agent or not —
and, if it needs approval, start a request with themselves as the requester.
The answer is private: ephemeral where they clicked, or a DM when TwoKey is
not in that conversation.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.screening import agent_confidence, agent_of, author_of, message_text, screen

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def on_second_approval(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        await handle_shortcut(deps, body)

    app.shortcut(blocks.SHORTCUT)(on_second_approval)


async def handle_shortcut(deps: SlackDeps, body: dict[str, Any]) -> None:
    message = body.get("message") or {}
    user = str((body.get("user") or {}).get("id") or "")
    channel = (body.get("channel") or {}).get("id")
    ts = message.get("ts") or body.get("message_ts")
    if not user or not channel or not ts:
        return
    text = message_text(message)
    if not text.strip():
        await deps.notifier.tell(
            user, blocks.notice("That message has no text for TwoKey to check."), channel=channel
        )
        return
    agent = agent_of(message, deps.config.agent_by_slack_id)
    try:
        result = await screen(
            deps,
            text=text,
            channel=channel,
            ts=ts,
            thread_ts=message.get("thread_ts"),
            author=author_of(message),
            agent=agent.name if agent else None,
            requester=user,
            source="shortcut",
            event_id=None,
            confidence=agent_confidence(message) if agent else None,
        )
    except Exception as exc:
        # The exception's text may quote the message (e.g. SQL parameters): type only.
        log.error("could not screen a message for the shortcut: %s", type(exc).__name__)
        log.debug("screening failure", exc_info=True)
        await deps.notifier.tell(
            user,
            blocks.notice(
                ":warning: TwoKey could not check that message. Don't act on it for now, "
                "and try again in a minute."
            ),
            channel=channel,
        )
        return
    if result.request is None:
        reply = blocks.notice("TwoKey is already checking that message; you'll hear back shortly.")
    else:
        reply = blocks.screened_result(result.request)
    await deps.notifier.tell(user, reply, channel=channel)
