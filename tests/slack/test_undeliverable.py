"""Slack errors no retry cures: given up at once, said plainly, and never a silent wait.

A permanent error (a missing channel, a revoked token, a message Slack will not
take) is not retried for minutes: the effect is dead at its first try, logged at
ERROR, counted in `/metrics` and listed by `twokey doctor`. A held request whose
card (or confirmation prompt) could not go out asks nobody: it is closed,
never approved, the agent's long-poll answers at once, and the requester is told.
"""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.approvals import ApprovalService
from bot.approvals.outbox import Delivery
from bot.cli.undeliverable import advice
from bot.config import ApproverGroup, SlackConfig, TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.server import build_server
from bot.slack.errors import is_permanent
from storage import outbox as ob
from storage.audit import verify_chain
from storage.db import session_scope
from storage.models import Request
from tests.slack.conftest import (
    APPROVALS,
    DROP,
    REQUESTER,
    ScriptedRisk,
    Slack,
    build,
    make_settings,
)
from tests.slack.test_faults import ANSWERS_AT_ONCE, DM, fast_retries, pending_via_api, settle

PERMANENT = ["channel_not_found", "not_in_channel", "is_archived", "invalid_auth",
             "account_inactive", "token_revoked", "missing_scope", "user_not_found",
             "msg_too_long", "invalid_blocks"]  # fmt: skip
TRANSIENT = ["ratelimited", "internal_error", "fatal_error", "service_unavailable",
             "http_500", "http_502", "timeout", "unknown", "request_timeout"]  # fmt: skip


def test_slack_errors_are_sorted_into_permanent_and_passing() -> None:
    assert all(is_permanent(code) for code in PERMANENT)
    assert not any(is_permanent(code) for code in TRANSIENT)


@pytest.mark.parametrize("error", PERMANENT)
async def test_a_permanent_error_is_given_up_at_once_and_the_request_asks_nobody(
    slack_db: Slack, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    slack = slack_db
    fast_retries(
        slack, call_timeout=ANSWERS_AT_ONCE
    )  # ten tries allowed: a permanent error must use one
    slack.fake.fail("chat.postMessage", error, times=1)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        request_id = await pending_via_api(slack)
        waiting = asyncio.create_task(slack.service.wait(request_id, 10.0))
        await settle(slack, lambda: slack.service.outbox.dead == 1)
        polled = await asyncio.wait_for(waiting, 5.0)
    assert time.monotonic() - started < 5.0
    # The agent's long-poll answers at once: closed, never approved, and why.
    assert polled is not None and polled.status == "cancelled" and polled.decided_by == "twokey"
    assert (
        f"could not ask any approver: Slack did not take the message (chat.postMessage: {error})"
        in (polled.reason or "")
    )
    with session_scope(slack.engine) as s:
        [dead] = ob.undeliverable(s)
        assert dead.kind == "pending" and dead.attempts == 1
        assert dead.last_error == f"chat.postMessage: {error} (permanent)"
        assert ob.counts(s)[ob.PENDING] == 0
    assert len(slack.fake.calls_to("chat.postMessage")) == 2  # the card once, then the DM
    [told] = [m for m in slack.fake.messages_in(DM) if "cancelled" in m.text.lower()]
    assert "could not ask any approver" in str(told.blocks)
    alerts = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert any("giving up" in r.getMessage() and error in r.getMessage() for r in alerts)
    assert not [r for r in caplog.records if "DROP TABLE" in r.getMessage()]  # no text logged


async def test_a_transient_error_is_still_retried(slack_db: Slack) -> None:
    slack = slack_db
    fast_retries(slack, call_timeout=ANSWERS_AT_ONCE)
    slack.fake.fail("chat.postMessage", "service_unavailable", times=3)
    request_id = await pending_via_api(slack)
    await settle(slack, lambda: bool(slack.fake.messages_in(APPROVALS)))
    assert (await slack.service.get(request_id)).status == "pending"
    assert slack.service.outbox.dead == 0


async def test_a_prompt_that_cannot_reach_the_requester_closes_the_request(
    slack_db: Slack,
) -> None:
    slack = slack_db
    fast_retries(slack, call_timeout=ANSWERS_AT_ONCE)
    slack.fake.fail("conversations.open", "user_not_found", times=1)
    request, _ = await slack.service.submit(
        text=DROP, requester=REQUESTER, agent="datapal", justification="cleanup"
    )
    assert request.status == "awaiting_requester"
    await settle(slack, lambda: slack.service.outbox.dead == 1)
    await slack.service.drain()
    closed = await slack.service.get(request.id)
    assert closed.status == "cancelled" and closed.decided_by == "twokey"
    assert "could not ask the requester to confirm" in (closed.reason or "")


async def test_a_request_that_did_get_a_card_is_not_closed(slack_db: Slack) -> None:
    """A later failure of the same effect (an owner's DM, say) does not mean nobody was asked."""
    slack = slack_db
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    assert (await slack.service.get(request_id)).slack.get("cards")
    with session_scope(slack.engine) as s:
        change = slack.service.machine.close_unasked(s, request_id, kind="pending", reason="x")
    assert not change.outcome.ok
    assert (await slack.service.get(request_id)).status == "pending"


async def test_given_up_effects_are_counted_in_metrics(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    api, lifecycle = build_server(make_settings(fake), example_config, engine, risk=ScriptedRisk())
    service: ApprovalService = lifecycle.service
    service.outbox.base_delay = 0.01
    fake.fail("chat.postMessage", "not_in_channel", times=1)
    await service.submit(
        text=DROP,
        requester=REQUESTER,
        agent="datapal",
        justification="cleanup",
        skip_requester_confirmation=True,
    )
    await service.drain()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api), base_url="http://t"
    ) as http:
        text = (await http.get("/metrics")).text
    assert 'twokey_slack_effects_given_up_total{error="not_in_channel",kind="pending"} 1.0' in text
    with session_scope(engine) as s:
        assert s.exec(select(Request)).one().status == "cancelled"
    await service.drain()


async def test_a_card_with_nobody_to_send_it_to_is_retried_then_closes_the_request(
    sqlite_engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    """No approvals channel, and every approver group a Slack user group Slack cannot list
    just now: held (an unlisted group is no proof nobody may decide), yet nobody to DM."""
    unlisted = ApproverGroup(usergroup="S0UNLISTED")
    config = example_config.model_copy(
        update={
            "slack": SlackConfig(approvals_channel=None, dm_data_owners=False),
            "approvers": {name: unlisted for name in example_config.approvers},
            "policy": example_config.policy.model_copy(update={"escalation_group": None}),
        }
    )
    async for slack in build(sqlite_engine, config, fake):
        await _nobody_to_send_to(slack)


async def _nobody_to_send_to(slack: Slack) -> None:
    fast_retries(slack, attempts=3, call_timeout=ANSWERS_AT_ONCE)
    request, _ = await slack.service.submit(
        text=DROP,
        requester=REQUESTER,
        agent="datapal",
        justification="cleanup",
        skip_requester_confirmation=True,
    )
    assert request.status == "pending"
    await settle(slack, lambda: slack.service.outbox.dead == 1)
    await slack.service.drain()
    with session_scope(slack.engine) as s:
        [dead] = ob.undeliverable(s)
        assert dead.kind == "pending" and dead.attempts == 3
    closed = await slack.service.get(request.id)
    assert closed.status == "cancelled" and "nobody to send it to" in (closed.reason or "")
    assert advice("nobody to send it to").startswith("no approvals channel is set")


async def test_the_request_is_closed_in_the_transaction_that_gives_its_card_up(
    slack_db: Slack,
) -> None:
    """A replica killed right after giving the card up (before announcing anything) leaves
    no open request that asks nobody: the close committed with the dead effect."""
    slack = slack_db
    outbox = slack.service.outbox
    request_id = await pending_via_api(slack)
    claimed = next(c for c in await asyncio.to_thread(outbox._claim) if c.kind == "pending")
    error = "chat.postMessage: channel_not_found"
    await asyncio.to_thread(  # the announcements it returns are never run: the kill
        outbox._retry_later, Delivery(outbox, claimed), f"{error} (permanent)", error, None, True
    )
    with session_scope(slack.engine) as s:
        row = s.get(Request, request_id)
        assert row is not None and row.status == "cancelled" and row.decided_by == "twokey"
        assert ob.counts(s)[ob.DEAD] == 1 and ob.counts(s)[ob.PENDING] == 1  # the DM, queued
        assert verify_chain(s).ok
