"""Modal submissions: the requester's justification, a denial's reason, an approval comment.

A missing required text is refused inside the modal (Slack shows the error
under the field). Otherwise the service decides *before* Slack gets its
acknowledgement, so a submitted denial is committed once the modal closes; if
it cannot be recorded (the database is down) the modal stays open and says so.
If the service refuses (someone else was faster, the clicker is not eligible), the
person gets a private explanation where they clicked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.listeners.actions import record_then_ack

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)


def _submission(body: dict[str, Any], view: dict[str, Any]) -> tuple[str, str, str | None, str]:
    meta = blocks.parse_metadata(view.get("private_metadata"))
    user = str((body.get("user") or {}).get("id") or "")
    return meta.get("id", ""), user, meta.get("channel"), blocks.submitted_value(view)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def tell(user: str, text: str, channel: str | None) -> None:
        await deps.notifier.tell(user, blocks.notice(text), channel=channel)

    def not_recorded(what: str) -> dict[str, Any]:
        message = f"TwoKey could not record your {what} (its database did not answer). "
        message += "Nothing changed; please submit again in a minute."
        return {"response_action": "errors", "errors": {blocks.INPUT_BLOCK: message}}

    async def on_justify(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        request_id, user, channel, justification = _submission(body, view)
        if not justification:
            await ack(
                response_action="errors",
                errors={blocks.INPUT_BLOCK: "Please say why this needs to be done."},
            )
            return
        change = deps.service.confirm(request_id, actor=user, justification=justification)
        outcome = await record_then_ack(ack, change, **not_recorded("confirmation"))
        if outcome is not None and not outcome.ok:
            await tell(user, blocks.outcome_message(outcome), channel)

    async def on_deny(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        request_id, user, channel, reason = _submission(body, view)
        if not reason:
            await ack(
                response_action="errors",
                errors={blocks.INPUT_BLOCK: "A denial needs a reason the requester can read."},
            )
            return
        change = deps.service.vote(request_id, voter=user, approve=False, comment=reason)
        outcome = await record_then_ack(ack, change, **not_recorded("denial"))
        if outcome is not None and not outcome.ok:
            await tell(user, blocks.outcome_message(outcome), channel)

    async def on_approve(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        request_id, user, channel, comment = _submission(body, view)
        change = deps.service.vote(request_id, voter=user, approve=True, comment=comment or None)
        outcome = await record_then_ack(ack, change, **not_recorded("approval"))
        if outcome is None:
            return
        if not outcome.ok or (outcome.request is not None and outcome.request.is_open):
            await tell(user, blocks.outcome_message(outcome), channel)

    app.view(blocks.JUSTIFY_VIEW)(on_justify)
    app.view(blocks.DENY_VIEW)(on_deny)
    app.view(blocks.APPROVE_VIEW)(on_approve)
