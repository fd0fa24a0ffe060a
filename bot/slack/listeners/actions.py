"""Button clicks on prompts and approval cards.

Every click goes to the approval service, which checks on the server who may
do what; the buttons are only a way to ask. A refused or late click gets a
private explanation and changes nothing. Modals are opened right after the
ack because a `trigger_id` lives only three seconds.

A click that decides (approve, decline) is applied *before* Slack gets its
acknowledgement: once Slack has its 200 the vote is committed, so a replica
killed a moment later cannot lose it. If it cannot be recorded (the database
is down), the clicker is told so privately and nothing changed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.escape import escape

if TYPE_CHECKING:
    from bot.approvals import Outcome
    from bot.slack.app import SlackDeps

log = logging.getLogger(__name__)

NOT_RECORDED = (
    "TwoKey could not record your click (its database did not answer). "
    "Nothing changed; please click again in a minute."
)


def _click(body: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    """(request id, clicking user, channel, message ts) of a block action."""
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return (
        str(action.get("value") or ""),
        str((body.get("user") or {}).get("id") or ""),
        channel,
        ts,
    )


async def record_then_ack(
    ack: Any, change: Awaitable[Outcome], **ack_on_failure: Any
) -> Outcome | None:
    """Apply a decision, then acknowledge; None (acknowledged) if it could not be recorded."""
    try:
        outcome = await change
    except Exception:
        log.exception("a click could not be recorded")
        await ack(**ack_on_failure)
        return None
    await ack()
    return outcome


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def tell(user: str, text: str, channel: str | None) -> None:
        await deps.notifier.tell(user, blocks.notice(text), channel=channel)

    async def open_view(trigger_id: str | None, view: dict[str, Any]) -> bool:
        if not trigger_id:
            return False
        response = await deps.notifier.call(
            "views.open", deps.client.views_open(trigger_id=trigger_id, view=view)
        )
        return response is not None

    async def on_confirm(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        request_id, user, channel, ts = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        if request.requester and user != request.requester:
            await tell(user, f"Only {blocks.user(request.requester)} can confirm this.", channel)
            return
        if request.status != "awaiting_requester":
            await tell(user, "Nothing to confirm. " + blocks.status_line(request), channel)
            return
        view = blocks.justification_modal(request, channel=channel, ts=ts)
        if not await open_view(body.get("trigger_id"), view):
            await tell(user, "Slack did not open the form; please click again.", channel)

    async def on_decline(ack: Any, body: dict[str, Any]) -> None:
        request_id, user, channel, _ = _click(body)
        outcome = await record_then_ack(ack, deps.service.decline(request_id, actor=user))
        if outcome is None:
            await tell(user, NOT_RECORDED, channel)
        elif not outcome.ok:
            await tell(user, blocks.outcome_message(outcome), channel)

    async def on_approve(ack: Any, body: dict[str, Any]) -> None:
        request_id, user, channel, _ = _click(body)
        change = deps.service.vote(request_id, voter=user, approve=True)
        outcome = await record_then_ack(ack, change)
        if outcome is None:
            await tell(user, NOT_RECORDED, channel)
        elif not outcome.ok or (outcome.request is not None and outcome.request.is_open):
            # Refused, or recorded but more approvals are needed: say so privately.
            await tell(user, blocks.outcome_message(outcome), channel)

    async def decision_modal(ack: Any, body: dict[str, Any], build: Any) -> None:
        await ack()
        request_id, user, channel, ts = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        if request.status != "pending":
            await tell(user, "Nothing changed. " + blocks.status_line(request), channel)
            return
        eligible, why = await deps.service.is_eligible(request, user)
        if not eligible:
            await tell(user, escape(why), channel)
            return
        if not await open_view(body.get("trigger_id"), build(request, channel=channel, ts=ts)):
            await tell(user, "Slack did not open the form; please click again.", channel)

    async def on_deny(ack: Any, body: dict[str, Any]) -> None:
        await decision_modal(ack, body, blocks.deny_modal)

    async def on_approve_with_comment(ack: Any, body: dict[str, Any]) -> None:
        await decision_modal(ack, body, blocks.approve_modal)

    async def on_full_text(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        request_id, user, channel, _ = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        await open_view(body.get("trigger_id"), blocks.full_text_modal(request))

    app.action(blocks.CONFIRM)(on_confirm)
    app.action(blocks.DECLINE)(on_decline)
    app.action(blocks.APPROVE)(on_approve)
    app.action(blocks.APPROVE_WITH_COMMENT)(on_approve_with_comment)
    app.action(blocks.DENY)(on_deny)
    app.action(blocks.FULL_TEXT)(on_full_text)
