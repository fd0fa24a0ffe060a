"""The `/twokey` slash command: `help`, and `show ID` for the people involved in a request.

Answers are ephemeral (only the person who typed sees them). A request is shown
only to its requester, people who voted on it, eligible approvers and TwoKey
admins — the same people who could see its card or prompt.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.escape import escape

if TYPE_CHECKING:
    from bot.slack.app import SlackDeps

log = logging.getLogger(__name__)

COMMAND = "/twokey"
_ID = re.compile(r"^TK-[A-Z0-9]{4,28}$")

HELP = (
    "*TwoKey* holds risky instructions from AI agents until a second person approves.\n"
    "• On any message: *More actions → Ask for a second approval* screens it.\n"
    "• `/twokey show TK-…` shows a request you are involved in.\n"
    "• `/twokey help` shows this."
)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def on_command(ack: Any, command: dict[str, Any]) -> None:
        text = str(command.get("text") or "").strip()
        user = str(command.get("user_id") or "")
        words = text.split()
        if not words or words[0].lower() == "help":
            await ack(**blocks.notice(HELP))
            return
        if words[0].lower() == "show" and len(words) == 2:
            await ack(**await show(deps, user, words[1].upper()))
            return
        await ack(**blocks.notice(f"Unknown command `{escape(text[:100])}`.\n\n{HELP}"))

    app.command(COMMAND)(on_command)


async def may_see(deps: SlackDeps, request: Any, user: str) -> bool:
    cfg = deps.config.slack
    if user in cfg.admins or user == request.requester:
        return True
    if any(v.voter == user for v in request.votes):
        return True
    if cfg.admin_usergroup:
        try:
            if user in await deps.usergroups(cfg.admin_usergroup):
                return True
        except Exception:
            log.warning("could not resolve the admin user group; not treating anyone as admin")
    return user in await deps.service.eligibility.approvers(request)


async def show(deps: SlackDeps, user: str, request_id: str) -> blocks.Payload:
    if not _ID.match(request_id):
        return blocks.notice("Request ids look like `TK-ABCDE23456`.")
    request = await deps.service.get(request_id)
    if request is None or not await may_see(deps, request, user):
        return blocks.notice(f"No request `{request_id}` that you are involved in.")
    payload = blocks.card(request)
    # The command answer is read-only: drop the buttons, keep everything else.
    payload["blocks"] = [b for b in payload["blocks"] if b.get("type") != "actions"]
    if request.status == "pending":
        payload["blocks"].append(blocks.mrkdwn(blocks.status_line(request)))
    return payload
