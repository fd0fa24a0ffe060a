"""Replies to an agent's question (HumanLayer `human_as_tool`): the Reply button and its modal.

Like every listener here, this only translates: the approval service checks who
may reply and records the answer once (the outbox then closes the question in
Slack); a late or foreign click gets a private explanation and changes nothing.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.approvals.states import contact_closed_message, may_answer
from bot.slack import blocks
from bot.slack.blocks import contacts as contact_blocks
from bot.slack.escape import escape

if TYPE_CHECKING:
    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    service = deps.service

    async def tell(user: str, text: str, channel: str | None) -> None:
        await deps.notifier.tell(user, blocks.notice(text), channel=channel)

    async def on_reply(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        action = (body.get("actions") or [{}])[0]
        user = str((body.get("user") or {}).get("id") or "")
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
        contact_id, _, index = str(action.get("value") or "").partition(":")
        view = await service.get_contact(contact_id)
        if view is None:
            await tell(user, "That question no longer exists.", channel)
            return
        if not view.is_open:
            await tell(user, escape(contact_closed_message(view)), channel)
            return
        ok, why = may_answer(view, user)
        if not ok:
            await tell(user, escape(why), channel)
            return
        option = None
        if index:
            suggested = contact_blocks.options(view)
            if not index.isdigit() or int(index) >= len(suggested):
                await tell(user, "That answer is no longer offered.", channel)
                return
            option = suggested[int(index)]
        modal = contact_blocks.reply_modal(view, channel=channel, ts=ts, option=option)
        opened = await deps.notifier.call(
            "views.open", deps.client.views_open(trigger_id=body.get("trigger_id"), view=modal)
        )
        if opened is None:
            await tell(user, "Slack did not open the form; please click again.", channel)

    async def on_submit(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        meta = blocks.parse_metadata(view.get("private_metadata"))
        user = str((body.get("user") or {}).get("id") or "")
        text = blocks.submitted_value(view)
        if not text:
            await ack(response_action="errors", errors={blocks.INPUT_BLOCK: "Please type a reply."})
            return
        await ack()
        outcome = await service.answer(
            meta.get("id", ""), user=user, response=text, option=meta.get("option")
        )
        if not outcome.ok:
            await tell(user, escape(outcome.message), meta.get("channel"))

    app.action(contact_blocks.REPLY)(on_reply)
    app.action(re.compile(rf"^{contact_blocks.REPLY_OPTION}:\d+$"))(on_reply)
    app.view(contact_blocks.REPLY_VIEW)(on_submit)
