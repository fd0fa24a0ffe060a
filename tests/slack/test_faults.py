"""Faults: Slack failing in every way it fails, the database away, clicks racing a kill.

Real databases (SQLite and PostgreSQL), the Slack stand-in told to fail. Each
test ends with every acknowledged click applied and every held request carded
exactly once, or the person told.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.api.requesters import RequesterResolver, RequesterUnavailable
from bot.approvals import RequestEvent
from bot.approvals.outbox import Delivery
from bot.config import TwoKeyConfig
from bot.demo.signing import button_click, signed_interaction, view_submission
from bot.demo.slack_standin import SlackFake
from bot.server import build_server
from bot.slack import blocks
from bot.slack.app import create_web_client
from bot.slack.listeners.actions import NOT_RECORDED
from storage import outbox as ob
from storage.audit import verify_chain
from storage.db import session_scope
from storage.models import AuditEvent
from tests.conftest import PATIENCE, eventually
from tests.slack.conftest import (
    APPROVALS,
    APPROVER,
    APPROVER2,
    DROP,
    REQUESTER,
    ScriptedRisk,
    Slack,
    build,
    make_settings,
)

DM = f"D{REQUESTER[1:]}"


async def pending_via_api(slack: Slack, text: str = DROP) -> str:
    request, _ = await slack.service.submit(
        text=text,
        requester=REQUESTER,
        agent="datapal",
        justification="Quarterly cleanup",
        skip_requester_confirmation=True,
    )
    assert request.status == "pending"
    return request.id


async def settle(slack: Slack, until: Any, *, timeout: float = PATIENCE) -> None:
    """Drain the outbox (retries included) until `until()` holds."""
    deadline = time.monotonic() + timeout
    while True:
        await slack.service.drain()
        if until():
            return
        assert time.monotonic() < deadline, "the outbox never delivered"
        await asyncio.sleep(0.02)


ANSWERS_AT_ONCE = 10.0
"""A call timeout for tests whose Slack stand-in never hangs."""


def fast_retries(slack: Slack, *, attempts: int = 10, call_timeout: float = 0.5) -> None:
    """Quick retries; the short call timeout is for the tests where Slack hangs. Tests whose
    Slack answers at once pass a long one: on a loaded machine 0.5 s can pass before the
    stand-in answers, and a timed-out call is an unclear failure, not the one set up."""
    slack.service.outbox.base_delay = 0.01
    slack.service.outbox.max_attempts = attempts
    slack.deps.notifier.call_timeout = call_timeout


def cards_in(fake: SlackFake, channel: str) -> list[Any]:
    return [m for m in fake.messages_in(channel) if not m.thread_ts and not m.ephemeral_for]


FAILURES = {
    "ratelimited": {"error": "ratelimited", "retry_after": 1, "times": 5},
    "http_500_json": {"error": "internal_error", "status": 500, "times": 3},
    "http_500_plain_text": {"status": 500, "text": "Internal Server Error", "times": 3},
    "ok_false": {"error": "fatal_error", "times": 3},
    "hang": {"hang": 2.0, "times": 2},
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_a_held_request_gets_exactly_one_card_whatever_slack_does(
    slack_db: Slack, failure: str
) -> None:
    slack = slack_db
    fast_retries(slack)
    slack.fake.fail("chat.postMessage", **FAILURES[failure])
    request_id = await pending_via_api(slack)
    await settle(slack, lambda: cards_in(slack.fake, APPROVALS))
    await asyncio.sleep(0.1)
    await slack.service.drain()
    [card] = cards_in(slack.fake, APPROVALS)
    request = await slack.service.get(request_id)
    assert request.slack["cards"] == [{"channel": APPROVALS, "ts": card.ts}]
    with session_scope(slack.engine) as s:
        assert ob.counts(s)[ob.PENDING] == 0 and ob.counts(s)[ob.DEAD] == 0


async def test_429_waits_for_retry_after(slack: Slack, fake: SlackFake) -> None:
    fast_retries(slack)
    # As `twokey serve` builds it: deliveries wait out a 429 in the outbox, not inside a call.
    slack.deps.notifier.delivery_client = create_web_client(
        make_settings(fake), rate_limit_retries=0
    )
    slack.fake.fail("chat.postMessage", "ratelimited", retry_after=1, times=3)
    started = time.monotonic()
    await pending_via_api(slack)
    await settle(slack, lambda: cards_in(slack.fake, APPROVALS))
    posts = slack.fake.calls_to("chat.postMessage")
    gaps = [b.at - a.at for a, b in zip(posts, posts[1:], strict=False)]
    assert len(posts) == 4 and all(gap >= 0.95 for gap in gaps), gaps
    assert time.monotonic() - started >= 2.9


async def test_card_updates_failing_still_tell_the_requester(slack_db: Slack) -> None:
    slack = slack_db
    fast_retries(slack)
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    slack.fake.fail("chat.update", status=500, text="<html>Bad gateway</html>", times=3)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    [card] = cards_in(slack.fake, APPROVALS)
    await settle(slack, lambda: "*Approved*" in str(slack.fake.message(APPROVALS, card.ts).blocks))
    outcome = [m for m in slack.fake.messages_in(DM) if "approved" in m.text.lower()]
    assert len(outcome) == 1


async def test_undeliverable_effects_are_given_up_counted_and_listed(
    slack_db: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    slack = slack_db
    fast_retries(slack, attempts=3)
    slack.fake.fail("chat.postMessage", "internal_error", status=500, times=100)
    request_id = await pending_via_api(slack)
    with caplog.at_level(logging.ERROR, logger="bot.approvals.outbox"):
        # The card, then the requester's DM saying nobody could be asked (Slack still down).
        await settle(slack, lambda: slack.service.outbox.dead == 2)
    assert any(
        "giving up" in r.getMessage() and request_id in r.getMessage() for r in caplog.records
    )
    with session_scope(slack.engine) as s:
        told, dead = ob.undeliverable(s)
        assert dead.request_id == request_id and dead.kind == "pending" and dead.attempts == 3
        assert dead.last_error == "chat.postMessage: internal_error"
        assert told.kind == "decided" and told.attempts == 3
    assert slack.service.outbox.count_dead() == 2
    request = await slack.service.get(request_id)
    assert request.status == "cancelled" and request.decided_by == "twokey"  # never approved
    assert "could not ask any approver" in (request.reason or "")


async def test_a_post_whose_ref_was_lost_in_a_crash_is_found_not_posted_again(
    slack_db: Slack,
) -> None:
    """The replica died after Slack posted the card and before the ref was saved."""
    slack = slack_db
    outbox = slack.service.outbox
    request_id = await pending_via_api(slack)
    outbox.lease = 0.0  # the dead replica's lease has run out as soon as it was taken
    claimed = next(c for c in await asyncio.to_thread(outbox._claim) if c.kind == "pending")
    delivery = Delivery(outbox, claimed)

    async def die(*_: Any, **__: Any) -> None:
        raise SystemExit("killed")  # what a SIGKILL looks like from here: nothing saved

    delivery.record = die  # type: ignore[method-assign]
    with pytest.raises(SystemExit):
        await slack.deps.notifier.deliver(delivery)
    assert len(cards_in(slack.fake, APPROVALS)) == 1
    assert not (await slack.service.get(request_id)).slack.get("cards")
    outbox.lease = 60.0
    await slack.service.drain()
    [card] = cards_in(slack.fake, APPROVALS)
    assert (await slack.service.get(request_id)).slack["cards"] == [
        {"channel": APPROVALS, "ts": card.ts}
    ]
    assert slack.fake.calls_to("conversations.history")


@pytest.mark.parametrize(
    "answer",
    [
        {"hang": 1.0},  # no answer before our timeout
        {"error": "internal_error", "status": 500},  # "some aspect may have succeeded"
    ],
    ids=["timeout", "internal_error"],
)
async def test_a_post_slack_took_without_a_clear_answer_is_not_posted_again(
    slack_db: Slack, answer: dict[str, Any]
) -> None:
    """Slack posted the card but its answer never came (a timeout), or came as an error
    Slack says may follow partial success: the retry looks for the card before posting."""
    slack = slack_db
    fast_retries(slack)
    slack.fake.fail("chat.postMessage", taken=True, **answer)
    request_id = await pending_via_api(slack)
    await settle(slack, lambda: bool((slack.service.outbox.counts())[ob.DELIVERED]))
    await asyncio.sleep(1.1)  # the hung answer comes back late, to nobody
    await slack.service.drain()
    [card] = cards_in(slack.fake, APPROVALS)
    assert (await slack.service.get(request_id)).slack["cards"] == [
        {"channel": APPROVALS, "ts": card.ts}
    ]


async def test_effects_are_queued_in_the_transaction_of_the_change(
    engine: Engine, example_config: TwoKeyConfig
) -> None:
    """No deliverer running (a replica killed right after commit): the rows wait in the table."""
    from bot.approvals import ApprovalService

    service = ApprovalService(engine, example_config, secret_key="k", risk=ScriptedRisk())
    view, _ = await service.submit(
        text=DROP,
        requester=REQUESTER,
        agent="datapal",
        justification="cleanup",
        skip_requester_confirmation=True,
    )
    await service.vote(view.id, voter=APPROVER, approve=False, comment="not today")
    with session_scope(engine) as s:
        from sqlmodel import select

        from storage.models import SlackEffect

        kinds = [e.kind for e in s.exec(select(SlackEffect).order_by(SlackEffect.id))]
    assert kinds == ["pending", "decided"]  # an API request has no hold reply to post
    allowed, _ = await service.submit(text="list the tables", requester=REQUESTER, agent="datapal")
    with session_scope(engine) as s:
        assert ob.counts(s)[ob.PENDING] == 2  # the allow path writes no outbox row


# ---- clicks ---------------------------------------------------------------------


@pytest.fixture
async def slack_async_ack(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> AsyncIterator[Slack]:
    """Acknowledging like production: bolt answers Slack as soon as `ack()` is called."""
    async for harness in build(engine, example_config, fake, process_before_response=False):
        yield harness


async def _slow_approvers(slack: Slack, seconds: float) -> None:
    real = slack.service.eligibility.approvers

    async def slow(request: Any) -> set[str]:
        await asyncio.sleep(seconds)
        return await real(request)

    slack.service.eligibility.approvers = slow  # type: ignore[method-assign]


async def test_an_acknowledged_deny_is_committed_before_the_acknowledgement(
    slack_async_ack: Slack,
) -> None:
    slack = slack_async_ack
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    await _slow_approvers(slack, 0.5)  # Slack slow to say who may approve
    view = {
        "type": "modal",
        "callback_id": blocks.DENY_VIEW,
        "private_metadata": json.dumps({"id": request_id, "channel": APPROVALS, "ts": "1.1"}),
    }
    body, headers = signed_interaction(view_submission(user=APPROVER, view=view, value="No."))
    response = await slack.http.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 200
    # Acknowledged: the denial is in the database now, whatever happens to this process next.
    assert (await slack.service.get(request_id)).status == "denied"
    # A later approve does not win over it; the approver is told.
    payload = button_click(
        user=APPROVER2, action_id=blocks.APPROVE, value=request_id, channel=APPROVALS, ts="1.1"
    )
    body, headers = signed_interaction(payload)
    await slack.http.post("/slack/events", content=body, headers=headers)
    await asyncio.sleep(0.2)
    await slack.service.drain()
    assert (await slack.service.get(request_id)).status == "denied"
    assert any("denied" in t.lower() for t in slack.ephemerals(APPROVER2))


async def test_an_acknowledged_approve_is_committed_before_the_acknowledgement(
    slack_async_ack: Slack,
) -> None:
    slack = slack_async_ack
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    await _slow_approvers(slack, 0.5)
    payload = button_click(
        user=APPROVER, action_id=blocks.APPROVE, value=request_id, channel=APPROVALS, ts="1.1"
    )
    body, headers = signed_interaction(payload)
    response = await slack.http.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 200
    assert (await slack.service.get(request_id)).status == "approved"


async def test_a_click_that_cannot_be_recorded_is_told_so(slack: Slack) -> None:
    request_id = await pending_via_api(slack)
    await slack.service.drain()

    def down(*_: Any, **__: Any) -> Any:
        raise OperationalError("UPDATE requests", {}, Exception("connection refused"))

    real = slack.service.machine.vote
    slack.service.machine.vote = down  # type: ignore[method-assign]
    response = await slack.click(blocks.APPROVE, request_id, APPROVER)
    assert response.status_code == 200
    assert any("could not record your click" in t for t in slack.ephemerals(APPROVER))
    assert NOT_RECORDED.split("(")[0].strip() in " ".join(slack.ephemerals(APPROVER))
    # A denial from the modal: the modal stays open and says so.
    response = await slack.submit_view(
        blocks.DENY_VIEW,
        json.dumps({"id": request_id, "channel": APPROVALS, "ts": "1.1"}),
        "No",
        APPROVER2,
    )
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert "could not record your denial" in str(answer["errors"])
    slack.service.machine.vote = real  # type: ignore[method-assign]
    assert (await slack.service.get(request_id)).status == "pending"


async def test_clicks_are_not_dropped_when_auth_test_fails_at_start(
    sqlite_engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    fake.fail("auth.test", status=500, text="Internal Server Error", times=3)
    async for slack in build(sqlite_engine, example_config, fake):
        ids = [await pending_via_api(slack) for _ in range(3)]
        await slack.service.drain()
        for request_id in ids:
            response = await slack.click(blocks.APPROVE, request_id, APPROVER)
            assert response.status_code == 200
        for request_id in ids:
            assert (await slack.service.get(request_id)).status == "approved"
        assert len(fake.calls_to("auth.test")) >= 3


# ---- odd answers ------------------------------------------------------------------


async def test_plain_text_500_does_not_crash_error_handling(fake: SlackFake) -> None:
    client = create_web_client(make_settings(fake), rate_limit_retries=0)
    fake.fail("users.lookupByEmail", status=500, text="Internal Server Error", times=1)
    with pytest.raises(RequesterUnavailable):
        await RequesterResolver(client).resolve("erin@northwind.example")
    fake.fail("chat.postMessage", status=500, text="Internal Server Error", times=1)
    from bot.slack.notifier import SlackNotifier

    notifier = SlackNotifier(client, None, None)  # type: ignore[arg-type]
    assert await notifier.post(APPROVALS, {"text": "hi"}) is None
    assert await notifier.post(APPROVALS, {"text": "hi"}) is not None


# ---- the server as built ------------------------------------------------------------


@respx.mock
async def test_webhook_deliveries_are_audited_in_the_server_as_built(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    respx.post("https://agent-runtime.example/hook").mock(return_value=httpx.Response(200))
    respx.route(host="127.0.0.1").pass_through()
    from bot.config import WebhooksConfig

    config = example_config.model_copy(
        update={"webhooks": WebhooksConfig(allow=["agent-runtime.example"])}
    )
    api, lifecycle = build_server(make_settings(fake), config, engine, risk=ScriptedRisk())
    service = lifecycle.service
    view, _ = await service.submit(
        text=DROP,
        requester=REQUESTER,
        agent="datapal",
        justification="cleanup",
        skip_requester_confirmation=True,
        callback_url="https://agent-runtime.example/hook",
    )
    outcome = await service.vote(view.id, voter=APPROVER, approve=False, comment="no")
    assert outcome.ok
    assert await lifecycle.webhooks.deliver(RequestEvent(kind="decided", request=outcome.request))
    with session_scope(engine) as s:
        from sqlmodel import select

        actions = [
            e.action for e in s.exec(select(AuditEvent).where(AuditEvent.request_id == view.id))
        ]
        assert "webhook.delivered" in actions
    with session_scope(engine) as s:  # a fresh session: verify reads one snapshot
        assert verify_chain(s).ok
    await lifecycle.webhooks.close()


async def test_database_outage_answers_503_with_retry_after(
    sqlite_engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    from storage.keys import create_key

    api, lifecycle = build_server(
        make_settings(fake), example_config, sqlite_engine, risk=ScriptedRisk()
    )
    service = lifecycle.service
    with session_scope(sqlite_engine) as s:
        _, key = create_key(s, agent="datapal")
    view, _ = await service.submit(
        text=DROP,
        requester=REQUESTER,
        agent="datapal",
        justification="cleanup",
        skip_requester_confirmation=True,
    )
    approved = await service.vote(view.id, voter=APPROVER, approve=True)
    token = service.execution_token(approved.request)

    def down(*_: Any, **__: Any) -> Any:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    service.machine.create = down  # type: ignore[method-assign]
    service.machine.create_many = down  # type: ignore[method-assign]
    service.machine.execute = down  # type: ignore[method-assign]
    headers = {"Authorization": f"Bearer {key}"}
    transport = httpx.ASGITransport(app=api, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
        submit = await http.post(
            "/v1/instructions", json={"requester": REQUESTER, "text": DROP}, headers=headers
        )
        redeem = await http.post(
            "/v1/executions", json={"token": token, "text": DROP}, headers=headers
        )
    for response in (submit, redeem):
        assert response.status_code == 503, response.text
        assert response.headers["Retry-After"] == "5"
        assert "nothing was recorded or approved" in response.json()["detail"]
    assert (await service.get(view.id)).status == "approved"  # not executed


async def test_deadlines_missed_in_an_outage_fire_when_the_database_returns(
    engine: Engine, example_config: TwoKeyConfig
) -> None:
    from bot.approvals import ApprovalService

    # No periodic sweep within the test's patience: only the outage retry can expire it.
    service = ApprovalService(
        engine, example_config, secret_key="k", risk=ScriptedRisk(), sweep_interval=4 * PATIENCE
    )
    await service.start()
    try:
        view, _ = await service.submit(
            text=DROP + " EXPIRE-FAST",
            requester=REQUESTER,
            agent="datapal",
            justification="x",
            skip_requester_confirmation=True,
        )
        real = service.machine.expire_due
        calls = {"n": 0}

        def down(now: Any) -> Any:
            calls["n"] += 1
            raise OperationalError("UPDATE", {}, Exception("the database system is starting up"))

        service.machine.expire_due = down  # type: ignore[method-assign]
        await eventually(lambda: calls["n"] >= 1, "the deadline to fall in the outage")
        assert (await asyncio.to_thread(real.__self__.get, view.id)).status == "pending"
        service.machine.expire_due = real  # type: ignore[method-assign]

        async def expired() -> bool:
            return (await service.get(view.id)).status == "expired"

        await eventually(expired, "the expiry once the database returned")
    finally:
        await service.stop()
