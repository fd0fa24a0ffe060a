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

import asyncio
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.approvals.states import may_start
from bot.slack import blocks
from bot.slack.escape import escape

if TYPE_CHECKING:
    from bot.approvals import Outcome
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

NOT_RECORDED = (
    "TwoKey could not record your click (its database did not answer). "
    "Nothing changed; please click again in a minute."
)
ELIGIBILITY_BUDGET = 1.5
"""Seconds the eligibility check may take before a form opens regardless (trigger: 3 s)."""


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

    async def open_view(trigger_id: str | None, view: dict[str, Any]) -> str | None:
        """Open a modal; its view id, or None when Slack did not open it."""
        if not trigger_id:
            return None
        response = await deps.notifier.call(
            "views.open", deps.client.views_open(trigger_id=trigger_id, view=view)
        )
        if response is None:
            return None
        return str((response.get("view") or {}).get("id") or "") or "opened"

    async def on_confirm(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        request_id, user, channel, ts = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        refused = may_start("confirm", request, user)
        if refused == "not_requester" and request.requester:
            await tell(user, f"Only {blocks.user(request.requester)} can confirm this.", channel)
            return
        if refused is not None:
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

    async def decision_modal(ack: Any, body: dict[str, Any], action: str, build: Any) -> None:
        await ack()
        request_id, user, channel, ts = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        if may_start(action, request, user) is not None:
            await tell(user, "Nothing changed. " + blocks.status_line(request), channel)
            return
        # The trigger id lives 3 s and the check may wait on Slack (user groups, rate
        # limits): past ELIGIBILITY_BUDGET the form opens anyway and turns into the
        # refusal if the answer is no. Submitting re-checks on the server regardless.
        check = asyncio.create_task(deps.service.is_eligible(request, user))
        done, _ = await asyncio.wait({check}, timeout=ELIGIBILITY_BUDGET)
        if done:
            eligible, why = check.result()
            if not eligible:
                await tell(user, escape(why), channel)
                return
        view_id = await open_view(body.get("trigger_id"), build(request, channel=channel, ts=ts))
        if view_id is None:
            check.cancel()
            await tell(user, "Slack did not open the form; please click again.", channel)
            return
        if not done:
            eligible, why = await check
            if not eligible:
                await deps.notifier.call(
                    "views.update",
                    deps.client.views_update(view_id=view_id, view=blocks.refusal_modal(why)),
                )

    async def on_deny(ack: Any, body: dict[str, Any]) -> None:
        await decision_modal(ack, body, "deny", blocks.deny_modal)

    async def on_approve_with_comment(ack: Any, body: dict[str, Any]) -> None:
        await decision_modal(ack, body, "approve", blocks.approve_modal)

    async def on_full_text(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        request_id, user, channel, ts = _click(body)
        request = await deps.service.get(request_id)
        if request is None:
            await tell(user, "That request no longer exists.", channel)
            return
        if blocks.full_text_fits(request):
            await open_view(body.get("trigger_id"), blocks.full_text_modal(request))
            return
        # Too long for a modal: show what fits at once (the trigger lives 3 s), then post
        # the whole masked text as a file where the button was, or in the clicker's DM.
        in_thread = bool(channel and ts and not str(channel).startswith("D"))
        where = "in this card's thread" if in_thread else "in your DMs with TwoKey"
        await open_view(body.get("trigger_id"), blocks.full_text_modal(request, file_where=where))
        target = channel if in_thread else await deps.notifier.dm_channel(user)
        uploaded = target is not None and await deps.notifier.call(
            "files.upload_v2",
            deps.client.files_upload_v2(
                channel=target,
                thread_ts=ts if in_thread else None,
                content=request.instruction,
                filename=f"{request.id}-instruction.txt",
                title=f"{request.id}: the whole instruction (masked)",
            ),
        )
        if not uploaded:
            await tell(
                user, "Slack did not take the full text as a file; please click again.", channel
            )

    app.action(blocks.CONFIRM)(on_confirm)
    app.action(blocks.DECLINE)(on_decline)
    app.action(blocks.APPROVE)(on_approve)
    app.action(blocks.APPROVE_WITH_COMMENT)(on_approve_with_comment)
    app.action(blocks.DENY)(on_deny)
    app.action(blocks.FULL_TEXT)(on_full_text)
