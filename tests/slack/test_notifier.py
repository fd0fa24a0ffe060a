"""Outbound Slack: rate limits, failures that lose nothing, expiry, reminders, escalations."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.approvals import outbox as outbox_module
from bot.config import SlackConfig
from bot.slack import blocks
from bot.slack import notifier as notifier_module
from bot.slack.routing import direct_recipients
from tests.slack.conftest import (
    APPROVALS,
    APPROVER,
    CHANNEL,
    DROP,
    REQUESTER,
    Slack,
    build,
    has_actions,
    texts,
)

DM = f"D{REQUESTER[1:]}"


async def pending_via_api(slack: Slack, text: str = DROP) -> str:
    """A request that goes straight to the approvers (the confirmation step is tested apart)."""
    request, _ = await slack.service.submit(
        text=text,
        requester=REQUESTER,
        agent="datapal",
        justification="Quarterly cleanup",
        skip_requester_confirmation=True,
    )
    await slack.service.drain()
    assert request.status == "pending"
    return request.id


async def test_rate_limited_posts_are_retried_after_retry_after(slack: Slack) -> None:
    slack.fake.fail("chat.postMessage", "ratelimited", times=2, retry_after=0)
    request_id = await pending_via_api(slack)
    calls = slack.fake.calls_to("chat.postMessage")
    assert len(calls) == 3  # two 429s, then the card
    request = await slack.service.get(request_id)
    assert request.slack["cards"][0]["channel"] == APPROVALS


async def test_a_failed_card_never_loses_or_decides_the_request(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A backoff no drain can outlast, however loaded the machine; then the clock moves on.
    slack.service.outbox.base_delay = 60.0
    # A passing error, retried (a permanent one closes the request: test_undeliverable.py).
    slack.fake.fail("chat.postMessage", "internal_error")
    request_id = await pending_via_api(slack)
    request = await slack.service.get(request_id)
    assert request.status == "pending" and not request.slack.get("cards")
    # The outbox tries again after its backoff: the card is posted, once.
    later = outbox_module.utcnow() + timedelta(minutes=5)
    monkeypatch.setattr(outbox_module, "utcnow", lambda: later)
    await slack.service.drain()
    request = await slack.service.get(request_id)
    assert request.status == "pending" and len(request.slack["cards"]) == 1
    await slack.service.drain()
    assert len(slack.posts(APPROVALS)) == 2  # the refused try, then the one card


async def test_expiry_tells_the_employee_not_to_proceed(slack: Slack) -> None:
    request_id = await pending_via_api(slack, DROP + " EXPIRE-FAST")
    await asyncio.sleep(0.1)
    await slack.service.expire_due()
    await slack.service.drain()
    request = await slack.service.get(request_id)
    assert request.status == "expired"
    dm = texts(slack.posts(DM)[-1])
    assert "not approved" in dm and "Do not proceed" in dm
    card = request.slack["cards"][0]
    updated = slack.fake.message(card["channel"], card["ts"])
    assert not has_actions(updated.blocks) and "*Expired*" in texts(updated.blocks)


async def test_reminder_mentions_the_approvers_who_have_not_voted(slack: Slack) -> None:
    request_id = await pending_via_api(slack, DROP + " QUORUM2")
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    await slack.service._remind(request_id)
    await slack.service.drain()
    request = await slack.service.get(request_id)
    card = request.slack["cards"][0]
    [reminder] = [p for p in slack.posts(APPROVALS) if p.get("thread_ts") == card["ts"]]
    body = texts(reminder)
    assert "Reminder" in body and "<@U0DGOV001>" in body and "<@U0DGOV003>" in body
    assert f"<@{APPROVER}>" not in body and f"<@{REQUESTER}>" not in body


async def test_escalation_pings_the_group_and_gives_them_cards(slack: Slack) -> None:
    request_id = await pending_via_api(slack)
    await slack.service._escalate(request_id)
    await slack.service.drain()
    request = await slack.service.get(request_id)
    assert request.escalated
    thread = [p for p in slack.posts(APPROVALS) if p.get("thread_ts")]
    assert len(thread) == 1
    body = texts(thread[0])
    assert "Escalation" in body and "<!subteam^S0SECURITY>" in body and "<@U0SEC0002>" in body
    dm_cards = [p for p in slack.posts() if p["channel"] in ("D0SEC0001", "D0SEC0002")]
    assert len(dm_cards) == 2 and all(has_actions(p["blocks"]) for p in dm_cards)
    # The escalation group may now decide, from their own card.
    await slack.click(blocks.APPROVE, request_id, "U0SEC0002", channel="D0SEC0002")
    request = await slack.service.get(request_id)
    assert request.status == "approved"
    for card in request.slack["cards"]:
        assert not has_actions(slack.fake.message(card["channel"], card["ts"]).blocks)


async def test_owner_dms_and_no_channel_fallback(sqlite_engine, example_config, fake) -> None:
    config = example_config.model_copy(
        update={"slack": SlackConfig(approvals_channel=None, dm_data_owners=True)}
    )
    async for harness in build(sqlite_engine, config, fake):
        request_id = await pending_via_api(harness)
        request = await harness.service.get(request_id)
        channels = sorted(c["channel"] for c in request.slack["cards"])
        # The owner first, then every eligible approver (no shared channel), each once.
        assert channels == ["D0DGOV001", "D0DGOV002", "D0DGOV003"]
        assert not harness.posts(APPROVALS) and not harness.posts(CHANNEL)


async def test_redeemed_approval_is_shown_as_carried_out(slack: Slack) -> None:
    request_id = await pending_via_api(slack)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    request = await slack.service.get(request_id)
    token = slack.service.execution_token(request)
    assert token is not None
    outcome = await slack.service.redeem(token, DROP)
    await slack.service.drain()
    assert outcome.ok
    card = request.slack["cards"][0]
    assert "carried out" in texts(slack.fake.message(card["channel"], card["ts"]).blocks)


async def test_approvals_channel_may_be_given_by_name(sqlite_engine, example_config, fake) -> None:
    config = example_config.model_copy(
        update={"slack": SlackConfig(approvals_channel="#data-approvals")}
    )
    async for harness in build(sqlite_engine, config, fake):
        request_id = await pending_via_api(harness)
        request = await harness.service.get(request_id)
        assert [c["channel"] for c in request.slack["cards"]] == ["CDATAAPPROV"]
        await harness.click(blocks.APPROVE, request_id, APPROVER, channel="CDATAAPPROV")
        card = request.slack["cards"][0]
        assert "*Approved*" in texts(harness.fake.message(card["channel"], card["ts"]).blocks)


async def test_without_a_channel_a_capped_dm_round_says_how_many_were_left_out(
    sqlite_engine, example_config, fake, monkeypatch
) -> None:
    monkeypatch.setattr(notifier_module, "MAX_DIRECT_CARDS", 2)
    config = example_config.model_copy(
        update={"slack": SlackConfig(approvals_channel=None, dm_data_owners=True)}
    )
    async for harness in build(sqlite_engine, config, fake):
        request_id = await pending_via_api(harness)
        request = await harness.service.get(request_id)
        channels = [c["channel"] for c in request.slack["cards"]]
        assert channels[0] == "D0DGOV001" and len(channels) == 2  # the owner first
        card = harness.fake.message(channels[1], request.slack["cards"][1]["ts"])
        assert "1 other eligible approver was not messaged" in texts(card.blocks)
        # The note is stored with the card refs, so every re-render (votes, expiry) keeps it.
        await harness.click(blocks.APPROVE_WITH_COMMENT, request_id, APPROVER)
        assert "not messaged" in texts(blocks.card(await harness.service.get(request_id)))


def test_approvers_are_chosen_in_a_rotation_owners_first() -> None:
    people = [f"U0APPR{n:03d}" for n in range(30)]
    firsts = Counter()
    for n in range(3000):
        chosen, left_out = direct_recipients(
            f"TK-{n:06d}", ["U0OWNER01"], people, exclude=["U0APPR000"], limit=5
        )
        assert chosen[0] == "U0OWNER01" and "U0APPR000" not in chosen and left_out == 25
        assert (
            chosen
            == direct_recipients(
                f"TK-{n:06d}", ["U0OWNER01"], people, exclude=["U0APPR000"], limit=5
            )[0]
        )
        firsts.update(chosen[1:])
    # Each of the 29 eligible approvers is asked about as often as any other.
    assert len(firsts) == 29 and max(firsts.values()) < 2 * min(firsts.values())
