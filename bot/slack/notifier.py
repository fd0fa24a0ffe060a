"""Turns approval-service events into Slack messages, and keeps them current.

The service decides; this only shows. Every state change queues its effects
in the outbox (same transaction); `deliver` shows one effect, re-rendering
from the request's latest committed state, so a late or repeated effect shows
the truth rather than a stale step. A failed Slack call there raises
`RetryLater` and the outbox tries again with backoff (or gives up at once when
Slack's error is one no retry cures: `bot.slack.errors`); each posted message is
recorded as soon as Slack answers, so a retry never posts a second card. The
listeners' own calls (`call`, `tell`) log a failure and carry on.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.approvals import ApprovalService, RequestView
from bot.approvals.effects import CONTACT_KINDS
from bot.approvals.outbox import Delivery, RetryLater
from bot.approvals.view import ContactView
from bot.config import TwoKeyConfig
from bot.slack import blocks
from bot.slack.audience import Audience, count_audiences, named_audiences
from bot.slack.blocks import contacts as contact_blocks
from bot.slack.errors import is_permanent, may_have_been_done, retry_after, slack_error_code
from bot.slack.routing import direct_recipients

log = logging.getLogger(__name__)

_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DIRECT_CARDS = 20
"""Most people DMed a card for one request (owners, or approvers when no channel is set)."""
MAX_MENTIONS = 20
EFFECT_EVENT = "twokey_effect"
"""Message metadata type tagging each post with its outbox effect (found again after a crash)."""
CALL_TIMEOUT = 10.0


def is_user_id(value: str | None) -> bool:
    return bool(value and _SLACK_USER.match(value))


class SlackNotifier:
    """`attach()` makes this the deliverer of the service's Slack outbox."""

    def __init__(
        self,
        client: AsyncWebClient,
        config: TwoKeyConfig,
        service: ApprovalService,
        *,
        on_slack_error: Callable[[str], None] | None = None,
        call_timeout: float = CALL_TIMEOUT,
        delivery_client: AsyncWebClient | None = None,
    ) -> None:
        self.call_timeout = call_timeout
        self.delivery_client = delivery_client or client
        """For outbox deliveries: best without in-call rate-limit retries, so a 429's
        Retry-After is waited out by the outbox rather than inside a call with a timeout."""
        self.client = client
        self.config = config
        self.service = service
        self._on_slack_error = on_slack_error
        self._dm_channels: dict[str, str] = {}
        self._emails: dict[str, str | None] = {}

    def attach(self) -> SlackNotifier:
        self.service.outbox.deliverer = self.deliver
        return self

    # ---- Slack calls that never raise -------------------------------------------

    async def call(self, method: str, coro: Awaitable[Any]) -> Any | None:
        """Run one Web API call; on failure log the method and Slack's error code, return None."""
        try:
            return await coro
        except Exception as exc:
            log.warning("slack %s failed: %s", method, slack_error_code(exc))
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
            if response is None:
                return None  # Slack failed: do not remember "nobody"
            self._emails[who] = (response.get("user") or {}).get("id")
        return self._emails[who]

    # ---- the outbox's deliverer -------------------------------------------------

    async def must(self, method: str, coro: Awaitable[Any]) -> Any:
        """One Web API call that has to succeed: a failure or a hang raises `RetryLater`."""
        try:
            return await asyncio.wait_for(coro, self.call_timeout)
        except Exception as exc:
            code = "timeout" if isinstance(exc, TimeoutError) else slack_error_code(exc)
            raise RetryLater(
                f"{method}: {code}", retry_after=retry_after(exc), permanent=is_permanent(code)
            ) from None

    async def deliver(self, delivery: Delivery) -> None:
        """Show one outbox effect, re-rendered from the request's latest committed state."""
        if delivery.kind in CONTACT_KINDS:
            await self._deliver_contact(delivery)
            return
        handler = getattr(self, "_on_" + delivery.kind, None)
        if handler is None or delivery.request_id is None:
            return
        request = await self.service.get(delivery.request_id)
        if request is None:
            return
        await handler(delivery, request, delivery.actor)

    async def post_once(
        self,
        d: Delivery,
        key: str,
        channel: str,
        payload: blocks.Payload,
        refs: Callable[[dict[str, str]], dict[str, Any]] | None = None,
        **extra: Any,
    ) -> dict[str, str]:
        """Post a message for this effect exactly once; return its ref.

        The ref is saved (with the request's refs, `refs(ref)`) right after
        Slack answers, so a retry skips what was posted. A replica that died
        between posting and saving leaves the effect "interrupted", and a try
        that got no clear answer (a timeout, `internal_error`) may have posted:
        the next try looks for the message (tagged with the effect in its
        metadata) before posting again.
        """
        done = d.done(key)
        if done:
            return dict(done)
        marker = f"{d.id}:{key}"
        found = (
            await self._find_posted(channel, marker, extra.get("thread_ts"))
            if d.interrupted or may_have_been_done(d.last_error)
            else None
        )
        if found is None:
            response = await self.must(
                "chat.postMessage",
                self.delivery_client.chat_postMessage(
                    channel=channel,
                    unfurl_links=False,
                    unfurl_media=False,
                    metadata={"event_type": EFFECT_EVENT, "event_payload": {"effect": marker}},
                    **payload,
                    **extra,
                ),
            )
            found = {"channel": str(response["channel"]), "ts": str(response["ts"])}
        await d.record(key, found, refs(found) if refs else None)
        return found

    async def _find_posted(
        self, channel: str, marker: str, thread_ts: str | None
    ) -> dict[str, str] | None:
        """The message this effect already posted in `channel`, if Slack has it."""
        try:
            if thread_ts:
                response = await self.must(
                    "conversations.replies",
                    self.delivery_client.conversations_replies(
                        channel=channel, ts=thread_ts, limit=200, include_all_metadata=True
                    ),
                )
            else:
                response = await self.must(
                    "conversations.history",
                    self.delivery_client.conversations_history(
                        channel=channel, limit=200, include_all_metadata=True
                    ),
                )
        except RetryLater as exc:
            log.warning("could not look for an earlier post (%s); posting", exc.reason)
            return None
        for message in response.get("messages") or []:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("effect") == marker:
                return {
                    "channel": str(response.get("channel") or channel),
                    "ts": str(message["ts"]),
                }
        return None

    async def must_dm_channel(self, user: str) -> str | None:
        """The DM with `user`; None if `user` is not a Slack user id; raises if Slack fails."""
        if not is_user_id(user):
            return None
        if user not in self._dm_channels:
            response = await self.must(
                "conversations.open", self.delivery_client.conversations_open(users=user)
            )
            channel = (response.get("channel") or {}).get("id")
            if not channel:
                raise RetryLater("conversations.open: no channel")
            self._dm_channels[user] = channel
        return self._dm_channels[user]

    async def must_resolve_user(self, who: str | None) -> str | None:
        """Like `resolve_user`, but a Slack failure raises instead of meaning "nobody"."""
        if not who or is_user_id(who):
            return who if is_user_id(who) else None
        if not _EMAIL.match(who):
            return None
        if who not in self._emails:
            try:
                response = await asyncio.wait_for(
                    self.delivery_client.users_lookupByEmail(email=who), self.call_timeout
                )
            except Exception as exc:
                code = slack_error_code(exc)
                if code != "users_not_found":
                    raise RetryLater(
                        f"users.lookupByEmail: {code}",
                        retry_after=retry_after(exc),
                        permanent=is_permanent(code),
                    ) from None
                self._emails[who] = None
            else:
                self._emails[who] = (response.get("user") or {}).get("id")
        return self._emails[who]

    async def must_update(self, channel: str, ts: str, payload: blocks.Payload) -> None:
        await self.must(
            "chat.update", self.delivery_client.chat_update(channel=channel, ts=ts, **payload)
        )

    # ---- events -----------------------------------------------------------------

    async def _on_screened(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        slack = request.slack or {}
        if request.source != "slack" or not slack.get("channel") or not slack.get("ts"):
            return
        await self.post_once(
            d,
            "hold",
            slack["channel"],
            blocks.hold_reply(request),
            lambda ref: {"hold_channel": ref["channel"], "hold_ts": ref["ts"]},
            thread_ts=slack.get("thread_ts") or slack["ts"],
        )

    async def _on_awaiting_requester(
        self, d: Delivery, request: RequestView, actor: str | None
    ) -> None:
        if not request.requester or (request.slack or {}).get("prompt_ts"):
            return
        channel = await self.must_dm_channel(request.requester)
        if channel is None:
            log.warning("could not send the confirmation prompt for %s", request.id)
            return
        await self.post_once(
            d,
            "prompt",
            channel,
            blocks.prompt(request),
            lambda ref: {"prompt_channel": ref["channel"], "prompt_ts": ref["ts"]},
        )

    async def _on_pending(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        await self.post_cards(d, request)
        await self._refresh_prompt(request)
        targets = named_audiences(request.instruction)
        if targets and "audience" not in (request.meta or {}):
            self.service.spawn(self._count_audience(request.id, targets))

    async def _count_audience(self, request_id: str, targets: list[Audience]) -> None:
        """After the card: how many people the named channels and groups reach."""
        counted = await count_audiences(self.client, targets)
        await self.service.attach_reach(request_id, audience=counted)

    async def post_cards(self, d: Delivery, request: RequestView) -> None:
        """The approval card to the approvals channel and/or the data owners' DMs."""
        channel = self.config.slack.approvals_channel
        owners: list[str] = []
        if self.config.slack.dm_data_owners:
            for ref in request.data:
                owners.append(await self.must_resolve_user(ref.owner) or "")
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

        def as_card(ref: dict[str, str]) -> dict[str, Any]:
            return {"cards": [ref], "not_messaged": not_messaged}

        posted = 0
        if channel:  # an id, or a #name Slack resolves
            await self.post_once(d, f"card:{channel}", channel, payload, as_card)
            posted += 1
        for person in direct:
            dm = await self.must_dm_channel(person)
            if dm:
                await self.post_once(d, f"card:{person}", dm, payload, as_card)
                posted += 1
        if not posted:
            # No channel and nobody to DM (an empty group, or one Slack could not list just
            # now): retried like a failed post; given up, the request is closed, not left
            # to expire with nobody asked.
            raise RetryLater("approval card: nobody to send it to")

    async def _on_vote(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_prompt(request)

    async def _on_decided(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_hold(request)
        await self._refresh_prompt(request)
        declined_by_requester = request.status == "cancelled" and actor == request.requester
        if request.requester and not declined_by_requester:
            channel = await self.must_dm_channel(request.requester)
            if channel:
                for n, payload in enumerate(blocks.requester_outcome(request)):
                    await self.post_once(d, f"outcome:{n}", channel, payload)

    async def _on_blast(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        """The blast-radius estimate arrived: show it on the cards already posted (a card
        posted later renders it anyway)."""
        if request.is_open:
            await self._refresh_cards(request)

    async def _on_executed(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        await self._refresh_cards(request)
        await self._refresh_hold(request)

    async def _on_reminder(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        if request.status != "pending":
            return
        if not self._cards(request):
            await self.post_cards(d, request)
            request = await self.service.get(request.id) or request
        approvers = sorted(await self.service.eligibility.approvers(request))
        voted = {v.voter for v in request.votes}
        waiting = [a for a in approvers if a not in voted][:MAX_MENTIONS]
        payload = blocks.reminder(request, waiting)
        for ref in self._cards(request):
            key = f"reminder:{ref['channel']}:{ref['ts']}"
            await self.post_once(d, key, ref["channel"], payload, thread_ts=ref["ts"])

    async def _on_escalated(self, d: Delivery, request: RequestView, actor: str | None) -> None:
        if not request.is_open:
            return
        name = self.config.policy.escalation_group
        spec = self.config.approvers.get(name) if name else None
        people = sorted(await self.service.eligibility.group_members(name)) if spec else []
        people = [p for p in people if p != request.requester][:MAX_MENTIONS]
        groups = [spec.usergroup] if spec and spec.usergroup else []
        payload = blocks.escalation(request, people, groups)
        for ref in self._cards(request):
            key = f"escalation:{ref['channel']}:{ref['ts']}"
            await self.post_once(d, key, ref["channel"], payload, thread_ts=ref["ts"])
        if request.status == "pending":
            # The escalation group may now decide: give each of them a card they can click.
            card = blocks.card(request)
            for person in people:
                dm = await self.must_dm_channel(person)
                if dm:
                    await self.post_once(
                        d, f"escalation-card:{person}", dm, card, lambda ref: {"cards": [ref]}
                    )

    # ---- HumanLayer questions ------------------------------------------------------

    async def _deliver_contact(self, d: Delivery) -> None:
        """A question's effects, re-rendered from its latest state: a question answered or
        expired before its post went out is not posted at all."""
        contact = await self.service.get_contact(d.request_id or "")
        if contact is None:
            return
        if contact.is_open and not contact.slack.get("ts"):
            await self._post_question(d, contact)
        elif not contact.is_open and contact.slack.get("ts"):
            slack = contact.slack
            await self.must_update(slack["channel"], slack["ts"], contact_blocks.answered(contact))

    async def _post_question(self, d: Delivery, contact: ContactView) -> None:
        """The question with its Reply button, exactly once: in the recipient's DM, or in
        the channel (in the agent's thread when it gave one)."""
        recipient = contact.recipient or ""
        channel = await self.must_dm_channel(recipient) if is_user_id(recipient) else recipient
        extra: dict[str, Any] = {}
        if contact.meta.get("thread_ts") and not is_user_id(recipient):
            extra["thread_ts"] = contact.meta["thread_ts"]
        await self.post_once(
            d, "question", channel or "", contact_blocks.question(contact), dict, **extra
        )

    # ---- keeping messages current -------------------------------------------------

    @staticmethod
    def _cards(request: RequestView) -> list[dict[str, str]]:
        cards = (request.slack or {}).get("cards") or []
        return [c for c in cards if isinstance(c, dict) and c.get("channel") and c.get("ts")]

    async def _refresh_cards(self, request: RequestView) -> None:
        payload = blocks.card(request)
        results = await asyncio.gather(
            *(self.must_update(c["channel"], c["ts"], payload) for c in self._cards(request)),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result

    async def _refresh_hold(self, request: RequestView) -> None:
        slack = request.slack or {}
        if slack.get("hold_channel") and slack.get("hold_ts"):
            await self.must_update(
                slack["hold_channel"], slack["hold_ts"], blocks.hold_reply(request)
            )

    async def _refresh_prompt(self, request: RequestView) -> None:
        slack = request.slack or {}
        if slack.get("prompt_channel") and slack.get("prompt_ts"):
            await self.must_update(
                slack["prompt_channel"], slack["prompt_ts"], blocks.prompt(request)
            )
