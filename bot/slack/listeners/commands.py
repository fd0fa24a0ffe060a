"""The general `/twokey` command: `help`, and `show ID` for the people involved in a request.

The admin side (`history`, `pending`, `stats`, `export`, and the admins' `show`
and `help`) lives in `listeners/history.py`, called from here after the ack.
A request is shown here only to its requester, people who voted on it, eligible
approvers and admins — the people who could already see its card or prompt.
Every `/twokey` is acknowledged at once and answered through `response_url`
(ephemeral); instructions are shown masked, as everywhere.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.escape import escape
from bot.slack.listeners import history
from bot.slack.listeners.history import is_admin

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

COMMAND = "/twokey"
_ID = re.compile(r"^TK-[A-Z0-9]{4,28}$")

HELP = (
    "*TwoKey* holds risky instructions from AI agents until a second person approves.\n"
    "• On any message: *More actions → Ask for a second approval* screens it.\n"
    "• `/twokey show TK-…` shows a request you are involved in.\n"
    "• `/twokey help` shows this. Admins also have `history`, `pending`, `stats` and `export`."
)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def on_command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        # Acknowledge at once: Slack shows `operation_timeout` after 3 s, and the answer
        # may need Slack (user groups) and the database. It goes out via `response_url`.
        await ack()
        text = str(command.get("text") or "").strip()
        user = str(command.get("user_id") or "")
        try:
            if await history.admin_command(deps, user, text, respond):
                return
            words = text.split()
            verb = words[0].lower() if words else "help"
            if verb == "help":
                await respond(**blocks.notice(HELP))
            elif verb == "show" and len(words) == 2:
                await respond(**await show(deps, user, words[1].upper()))
            else:
                await respond(**blocks.notice(f"Unknown command `{escape(text[:100])}`.\n\n{HELP}"))
        except Exception:
            log.exception("/twokey failed")
            await respond(**blocks.notice("TwoKey could not answer that; please try again."))

    app.command(COMMAND)(on_command)


async def may_see(deps: SlackDeps, request: Any, user: str) -> bool:
    if user == request.requester or any(v.voter == user for v in request.votes):
        return True
    if await is_admin(deps, user):
        return True
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
