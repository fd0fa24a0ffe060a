"""Make sure TwoKey can post in the approvals channel before the first card needs it.

Slack refuses `chat.postMessage` with `not_in_channel` when the bot is not a member,
and every card would fail the same way. At start-up TwoKey joins a public approvals
channel itself (`conversations.join`, scope `channels:join`); a private one can only
be joined by invitation, so the admin is told in one clear log line.
"""

from __future__ import annotations

import logging
import re

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,20}$")


async def join_approvals_channel(client: AsyncWebClient, channel: str | None) -> str:
    """Join the approvals channel; returns "joined", "skipped" or Slack's error code."""
    if not channel:
        return "skipped"
    if not _CHANNEL_ID.match(channel):
        log.warning(
            "slack.approvals_channel is %r, not a channel id (C…): TwoKey cannot join it by "
            "name; invite @TwoKey to it (/invite @TwoKey) or cards will fail with not_in_channel",
            channel,
        )
        return "not_an_id"
    try:
        await client.conversations_join(channel=channel)
    except SlackApiError as exc:
        code = str((exc.response or {}).get("error") or "unknown")
        if code == "method_not_supported_for_channel_type":
            log.info(
                "the approvals channel %s is private: TwoKey cannot join it itself; if cards "
                "fail with not_in_channel, invite @TwoKey there (/invite @TwoKey)",
                channel,
            )
        else:
            log.warning(
                "TwoKey could not join the approvals channel %s (%s): invite @TwoKey to it "
                "(/invite @TwoKey in that channel) or every approval card will fail",
                channel,
                code,
            )
        return code
    except Exception as exc:
        log.warning("could not join the approvals channel %s: %s", channel, type(exc).__name__)
        return "unreachable"
    return "joined"
