"""Turns approval-service events into Slack messages, and keeps them current.

The service decides; this only shows. Each event re-renders from the request's
latest committed state, so a late or repeated event shows the truth rather
than a stale step. A failed Slack call is logged (method and error code only)
and skipped: it never loses or decides a request, and `reconcile()` re-posts
what is missing from the database state.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.approvals import ApprovalService, RequestEvent, RequestView
from bot.config import TwoKeyConfig
from bot.slack import blocks
from bot.slack.routing import direct_recipients

log = logging.getLogger(__name__)

_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DIRECT_CARDS = 20
"""Most people DMed a card for one request (owners, or approvers when no channel is set)."""
MAX_MENTIONS = 20


def is_user_id(value: str | None) -> bool:
    return bool(value and _SLACK_USER.match(value))


class SlackNotifier:
    """Subscribe with `attach()`; `handle(event)` is the service subscriber."""

    def __init__(
        self,
        client: AsyncWebClient,
        config: TwoKeyConfig,
        service: ApprovalService,
        *,
        on_slack_error: Callable[[str], None] | None = None,
    ) -> None:
        self.client = client
        self.config = config
        self.service = service
        self._on_slack_error = on_slack_error
        self._dm_channels: dict[str, str] = {}
        self._emails: dict[str, str | None] = {}

    def attach(self) -> SlackNotifier:
        self.service.subscribe(self.handle)
        return self

    # ---- Slack calls that never raise -------------------------------------------

    async def call(self, method: str, coro: Awaitable[Any]) -> Any | None:
        """Run one Web API call; on failure log the method and Slack's error code, return None."""
        try:
            return await coro
        except SlackApiError as exc:
            code = exc.response.get("error") if exc.response is not None else "unknown"
            log.warning("slack %s failed: %s", method, code)
        except Exception as exc:
            log.warning("slack %s failed: %s", method, type(exc).__name__)
        if self._on_slack_error is not None:
            try:
                self._on_slack_error(method)
            except Exception:
                log.debug("on_slack_error hook failed", exc_info=True)
        return None

    async def post(self, channel: str, payload: blocks.Payload, **extra: Any) -> dict | None:
        response = await self.call(
            "chat.postMessage",
            self.client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **payload, **extra
            ),
        )
        if response is None:
            return None
        return {"channel": response["channel"], "ts": response["ts"]}

    async def update(self, channel: str, ts: str, payload: blocks.Payload) -> bool:
        response = await self.call(
            "chat.update", self.client.chat_update(channel=channel, ts=ts, **payload)
        )
        return response is not None

    async def ephemeral(self, channel: str, user: str, payload: blocks.Payload) -> bool:
        response = await self.call(
            "chat.postEphemeral",
            self.client.chat_postEphemeral(channel=channel, user=user, **payload),
        )
        return response is not None

    async def tell(self, user: str, payload: blocks.Payload, *, channel: str | None = None) -> None:
        """Answer one person privately: ephemeral where they clicked, else a DM."""
        if channel and await self.ephemeral(channel, user, payload):
            return
        await self.dm(user, payload)

    async def dm_channel(self, user: str) -> str | None:
        """The bot's DM with `user` (opened once, remembered)."""
        if not is_user_id(user):
            return None
        if user in self._dm_channels:
            return self._dm_channels[user]
        response = await self.call("conversations.open", self.client.conversations_open(users=user))
        if response is None:
            return None
        channel = (response.get("channel") or {}).get("id")
        if channel:
            self._dm_channels[user] = channel
        return channel

    async def dm(self, user: str, payload: blocks.Payload) -> dict | None:
        channel = await self.dm_channel(user)
        return await self.post(channel, payload) if channel else None

    async def resolve_user(self, who: str | None) -> str | None:
        """A Slack user id for a catalog owner given as an id or an email address."""
        if not who:
            return None
        if is_user_id(who):
            return who
        if not _EMAIL.match(who):
            return None
        if who not in self._emails:
            response = await self.call(
                "users.lookupByEmail", self.client.users_lookupByEmail(email=who)
            )
            self._emails[who] = ((response or {}).get("user") or {}).get("id")
        return self._emails[who]

    # ---- events -----------------------------------------------------------------

    async def handle(self, event: RequestEvent) -> None:
        handler = getattr(self, "_on_" + event.kind, None)
        if handler is None:
            return
        request = event.request
        if event.kind != "screened":
            # Re-read: the card refs saved by an earlier event may postdate this snapshot.
            request = await self.service.get(request.id) or request
        await handler(request, event.actor)

    async def _on_screened(self, request: RequestView, actor: str | None) -> None:
        slack = request.slack or {}
        if request.source != "slack" or not slack.get("channel") or not slack.get("ts"):
            return
        if request.status not in ("blocked", "awaiting_requester", "pending"):
            return  # allowed: nothing visible, the record is kept
        posted = await self.post(
            slack["channel"],
            blocks.hold_reply(request),
            thread_ts=slack.get("thread_ts") or slack["ts"],
        )
        if posted:
            await self.service.set_slack_refs(
                request.id, hold_channel=posted["channel"], hold_ts=posted["ts"]
            )

    async def _on_awaiting_requester(self, request: RequestView, actor: str | None) -> None:
        await self.send_prompt(request)

    async def send_prompt(self, request: RequestView) -> None:
        if not request.requester:
            return
        posted = await self.dm(request.requester, blocks.prompt(request))
        if posted:
            await self.service.set_slack_refs(
                request.id, prompt_channel=posted["channel"], prompt_ts=posted["ts"]
            )
        else:
            log.warning("could not send the confirmation prompt for %s", request.id)

    async def _on_pending(self, request: RequestView, actor: str | None) -> None:
        await self.post_cards(request)
        await self._refresh_prompt(request)

    async def post_cards(self, request: RequestView) -> None:
        """The approval card to the approvals channel and/or the data owners' DMs."""
        cards: list[dict[str, str]] = []
        channel = self.config.slack.approvals_channel
        if channel:
            posted = await self.post(channel, blocks.card(request))  # an id, or a #name
            if posted:
                cards.append(posted)
        owners: list[str] = []
        if self.config.slack.dm_data_owners:
            for ref in request.data:
                owners.append(await self.resolve_user(ref.owner) or "")
        # No shared channel configured: the card must still reach people who can decide,
        # owners first, then approvers in a per-request rotation (bot/slack/routing.py).
        approvers = [] if channel else await self.service.eligibility.approvers(request)
        direct, not_messaged = direct_recipients(
            request.id, owners, approvers, exclude=[request.requester or ""], limit=MAX_DIRECT_CARDS
        )
        if not_messaged:
            request = request.model_copy(
                update={"slack": {**(request.slack or {}), "not_messaged": not_messaged}}
            )
        payload = blocks.card(request)
        for person in direct:
            posted = await self.dm(person, payload)
            if posted:
                cards.append(posted)
        if cards:
            await self.service.set_slack_refs(request.id, cards=cards, not_messaged=not_messaged)
        else:
            log.warning("no approval card could be posted for %s", request.id)

    async def _on_vote(self, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_prompt(request)

    async def _on_decided(self, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_hold(request)
        await self._refresh_prompt(request)
        declined_by_requester = request.status == "cancelled" and actor == request.requester
        if request.requester and not declined_by_requester:
            for payload in blocks.requester_outcome(request):
                await self.dm(request.requester, payload)

    async def _on_executed(self, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_hold(request)

    async def _on_reminder(self, request: RequestView, actor: str | None) -> None:
        if request.status != "pending":
            return
        if not request.slack.get("cards"):
            await self.post_cards(request)
            request = await self.service.get(request.id) or request
        approvers = sorted(await self.service.eligibility.approvers(request))
        voted = {v.voter for v in request.votes}
        waiting = [a for a in approvers if a not in voted][:MAX_MENTIONS]
        payload = blocks.reminder(request, waiting)
        for ref in self._cards(request):
            await self.post(ref["channel"], payload, thread_ts=ref["ts"])

    async def _on_escalated(self, request: RequestView, actor: str | None) -> None:
        if not request.is_open:
            return
        name = self.config.policy.escalation_group
        spec = self.config.approvers.get(name) if name else None
        people = sorted(await self.service.eligibility.group_members(name)) if spec else []
        people = [p for p in people if p != request.requester][:MAX_MENTIONS]
        groups = [spec.usergroup] if spec and spec.usergroup else []
        payload = blocks.escalation(request, people, groups)
        for ref in self._cards(request):
            await self.post(ref["channel"], payload, thread_ts=ref["ts"])
        if request.status == "pending":
            # The escalation group may now decide: give each of them a card they can click.
            card = blocks.card(request)
            cards = []
            for person in people:
                posted = await self.dm(person, card)
                if posted:
                    cards.append(posted)
            if cards:
                await self.service.set_slack_refs(request.id, cards=cards)

    # ---- keeping messages current -------------------------------------------------

    @staticmethod
    def _cards(request: RequestView) -> list[dict[str, str]]:
        cards = (request.slack or {}).get("cards") or []
        return [c for c in cards if isinstance(c, dict) and c.get("channel") and c.get("ts")]

    async def _refresh_cards(self, request: RequestView) -> None:
        payload = blocks.card(request)
        await asyncio.gather(
            *(self.update(c["channel"], c["ts"], payload) for c in self._cards(request))
        )

    async def _refresh_hold(self, request: RequestView) -> None:
        slack = request.slack or {}
        if slack.get("hold_channel") and slack.get("hold_ts"):
            await self.update(slack["hold_channel"], slack["hold_ts"], blocks.hold_reply(request))

    async def _refresh_prompt(self, request: RequestView) -> None:
        slack = request.slack or {}
        if slack.get("prompt_channel") and slack.get("prompt_ts"):
            await self.update(slack["prompt_channel"], slack["prompt_ts"], blocks.prompt(request))

    async def reconcile(self) -> int:
        """Re-post what a failed Slack call left missing for open requests; returns the count.

        Run at start-up (after `service.start()`): the database says what should
        exist in Slack, so nothing a person needs to see stays lost.
        """
        fixed = 0
        for request in await asyncio.to_thread(self.service.machine.open_requests):
            slack = request.slack or {}
            if request.status == "pending" and not self._cards(request):
                await self.post_cards(request)
                fixed += 1
            elif request.status == "awaiting_requester" and not slack.get("prompt_ts"):
                await self.send_prompt(request)
                fixed += 1
        return fixed
