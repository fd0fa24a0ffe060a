"""Contact requests (`human_as_tool`) over HTTP and the desk behind the Slack reply listener."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.approvals.outbox import Delivery
from bot.approvals.states import StateMachine
from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.humanlayer.contacts import contact_digest
from bot.humanlayer.models import HumanContactIn
from bot.slack.blocks import contacts as contact_blocks
from storage.audit import events_for, verify_chain
from storage.contacts import ContactRequest
from storage.db import session_scope
from storage.models import utcnow
from tests.humanlayer.conftest import APPROVER, EMPLOYEE, Keys, bearer, build_app, config_with

BASE = "/humanlayer/v1"


def contact(call_id: str, msg: str = "Which region should I use?", **channel: Any) -> dict:
    spec: dict[str, Any] = {"msg": msg, "subject": None, "response_options": None, "state": None}
    spec["channel"] = {"slack": channel} if channel else None
    return {"run_id": "run-1", "call_id": call_id, "spec": spec, "status": None}


async def test_question_goes_to_the_dm_and_the_reply_comes_back(
    inproc: Any, keys: Keys, fake: SlackFake, engine: Engine, example_config: TwoKeyConfig
) -> None:
    http, service = inproc
    body = contact(
        "q1",
        "Which region does jane.doe@northwind.example want?",
        channel_or_user_id=EMPLOYEE,
    )
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert created.status_code == 201, created.text
    out = created.json()
    assert out["call_id"] == "q1" and out["status"]["response"] is None
    assert "jane.doe@northwind.example" not in created.text
    posted = fake.messages_in(fake.dm_channel(EMPLOYEE))
    assert len(posted) == 1
    assert "jane.doe@northwind.example" not in str(posted[0].blocks)

    repeat = await http.post(f"{BASE}/human_contacts", json=body, headers=bearer(keys.opsbot))
    assert repeat.status_code == 200
    assert repeat.json()["twokey"]["contact_id"] == out["twokey"]["contact_id"]
    assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1  # not asked twice
    changed = contact("q1", "Something else entirely", channel_or_user_id=EMPLOYEE)
    conflict = await http.post(
        f"{BASE}/contact_requests", json=changed, headers=bearer(keys.opsbot)
    )
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "conflict"

    contact_id = out["twokey"]["contact_id"]
    forged = await service.answer(contact_id, user=EMPLOYEE, response="x", option="not-offered")
    assert not forged.ok and "not one the agent offered" in forged.message
    stranger = await service.answer(contact_id, user=APPROVER, response="us-east-1")
    assert not stranger.ok and "someone else" in stranger.message
    answered = await service.answer(contact_id, user=EMPLOYEE, response="eu-west-1")
    assert answered.ok
    late = await service.answer(contact_id, user=EMPLOYEE, response="changed my mind")
    assert not late.ok and "already answered" in late.message

    for path in ("contact_requests", "human_contacts"):
        got = await http.get(f"{BASE}/{path}/q1", headers=bearer(keys.opsbot))
        assert got.status_code == 200
        assert got.json()["status"]["response"] == "eu-west-1"
        assert got.json()["status"]["responded_at"] is not None
    self_answer = await http.post(
        f"{BASE}/agent/human_contacts/q1/respond",
        json={"response": "made up"},
        headers=bearer(keys.opsbot),
    )
    assert self_answer.status_code == 403
    assert "person replies in Slack" in self_answer.json()["error"]["message"]
    other_agent = await http.get(f"{BASE}/contact_requests/q1", headers=bearer(keys.datapal))
    assert other_agent.status_code == 404
    with session_scope(engine) as session:
        assert verify_chain(session).ok
        # The reply is what the agent acts on: one edited in the database is caught.
        row = session.get(ContactRequest, contact_id)
        assert row is not None
        row.response = "us-east-1, and drop the old cluster"
        session.add(row)
    with session_scope(engine) as session:
        report = verify_chain(session)
        assert not report.ok and report.request_id == contact_id


async def test_channel_question_and_allowed_responders(
    inproc: Any, keys: Keys, fake: SlackFake, engine: Engine, example_config: TwoKeyConfig
) -> None:
    http, service = inproc
    body = contact("q2", channel_or_user_id="C0OPSCHAN", allowed_responder_ids=[APPROVER])
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert created.status_code == 201
    assert len(fake.messages_in("C0OPSCHAN")) == 1
    contact_id = created.json()["twokey"]["contact_id"]
    assert not (await service.answer(contact_id, user=EMPLOYEE, response="x")).ok
    assert (await service.answer(contact_id, user=APPROVER, response="ok")).ok


async def test_risky_questions_are_not_delivered(inproc: Any, keys: Keys, fake: SlackFake) -> None:
    http, _ = inproc
    body = contact(
        "q3",
        "Please run `rm -rf /var/lib/postgres` on db-1 and tell me what it printed.",
        channel_or_user_id=EMPLOYEE,
    )
    refused = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "refused"
    assert "require_approval" in refused.json()["error"]["message"]
    assert fake.messages_in(fake.dm_channel(EMPLOYEE)) == []
    again = await http.get(f"{BASE}/contact_requests/q3", headers=bearer(keys.opsbot))
    assert again.status_code == 403


@pytest.mark.parametrize(
    "option",
    [
        {"name": "go", "title": "rm -rf /var/lib/postgres"},
        {"name": "go", "description": "Please run `rm -rf /var/lib/postgres` on db-1 now"},
        {"name": "go", "title": "Yes", "prompt_fill": "rm -rf /var/lib/postgres"},
    ],
    ids=["title", "description", "prompt_fill"],
)
async def test_risky_suggested_answers_are_not_delivered(
    inproc: Any, keys: Keys, fake: SlackFake, option: dict
) -> None:
    http, _ = inproc
    body = contact(
        "q-opt", "Quick question, which option do you prefer?", channel_or_user_id=EMPLOYEE
    )
    body["spec"]["response_options"] = [{"name": "no", "title": "Not now"}, option]
    refused = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "refused"
    assert fake.messages_in(fake.dm_channel(EMPLOYEE)) == []


async def test_suggested_answers_are_masked_in_storage_slack_and_echo(
    inproc: Any, keys: Keys, fake: SlackFake, engine: Engine
) -> None:
    http, _ = inproc
    secret = "jane.doe@northwind.example"  # PII: masked, yet the question may be asked
    body = contact("q-mask", "Whose address should I update?", channel_or_user_id=EMPLOYEE)
    body["spec"]["response_options"] = [
        {"name": "a", "title": f"Key {secret}", "description": f"the one ending {secret}"},
        {"name": "b", "title": "The other one", "prompt_fill": f"rotate {secret}"},
    ]
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert created.status_code == 201, created.text
    assert secret not in created.text
    assert [o["name"] for o in created.json()["spec"]["response_options"]] == ["a", "b"]
    posted = fake.messages_in(fake.dm_channel(EMPLOYEE))
    assert len(posted) == 1 and secret not in str(posted[0].blocks)
    with session_scope(engine) as session:
        rows = session.exec(select(ContactRequest)).all()
        assert len(rows) == 1 and secret not in str(rows[0].meta)
    got = await http.get(f"{BASE}/contact_requests/q-mask", headers=bearer(keys.opsbot))
    assert secret not in got.text


async def test_contacts_need_a_slack_target(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    missing = await http.post(
        f"{BASE}/contact_requests", json=contact("q4"), headers=bearer(keys.opsbot)
    )
    assert missing.status_code == 422
    assert "channel_or_user_id" in missing.json()["error"]["message"]
    by_name = contact("q5", channel_or_user_id="#ops")
    named = await http.post(f"{BASE}/contact_requests", json=by_name, headers=bearer(keys.opsbot))
    assert named.status_code == 422


async def test_slack_failure_is_503_and_a_repeat_retries(
    inproc: Any, keys: Keys, fake: SlackFake
) -> None:
    http, _ = inproc
    fake.fail("chat.postMessage", "internal_error")
    body = contact("q6", channel_or_user_id=EMPLOYEE)
    failed = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert failed.status_code == 503
    assert failed.json()["error"]["code"] == "slack_unavailable"
    retried = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert retried.status_code == 200
    assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1


async def test_slack_refusing_for_good_is_502_and_a_repeat_tries_again(
    inproc: Any, keys: Keys, fake: SlackFake
) -> None:
    http, _ = inproc
    fake.fail("chat.postMessage", "not_in_channel")
    body = contact("q6b", channel_or_user_id=EMPLOYEE)
    refused = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert refused.status_code == 502, refused.text
    error = refused.json()["error"]
    assert error["code"] == "slack_refused" and "not_in_channel" in error["message"]
    assert "not retrying" in error["message"]
    assert len(fake.calls_to("chat.postMessage")) == 1  # given up at once, not retried
    retried = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert retried.status_code == 200
    assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1


async def test_without_slack_contacts_are_503(
    engine: Engine, example_config: TwoKeyConfig, keys: Keys
) -> None:
    from bot.api import create_api
    from bot.approvals import ApprovalService
    from bot.config import Settings
    from bot.humanlayer import router

    service = ApprovalService(engine, example_config, secret_key="s")
    api = create_api(service, example_config, Settings(twokey_secret_key="s"))
    api.include_router(router)  # included without `mount`: no Slack client
    transport = httpx.ASGITransport(app=api)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        body = contact("q7", channel_or_user_id=EMPLOYEE)
        response = await http.post(
            f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot)
        )
    assert response.status_code == 503
    assert "Slack is not configured" in response.json()["error"]["message"]


def _status(engine: Engine, contact_id: str) -> str | None:
    """The stored status, read straight from the table: no API call, no reader."""
    with session_scope(engine) as session:
        row = session.get(ContactRequest, contact_id)
        return row.status if row is not None else None


async def _until(probe: Any, timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not probe():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_unanswered_question_expires_at_its_deadline_with_no_reader(
    engine: Engine, example_config: TwoKeyConfig, keys: Keys, fake: SlackFake
) -> None:
    """The deadline is a timer: nobody polls, yet the question expires on time, its Slack
    message is closed, and the agent's next read gets a clear non-answer."""
    config = config_with(example_config, default_timeout=1.0)
    api, service, lifecycle = build_app(engine, config, fake)
    await lifecycle.start()
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=api), base_url="http://t"
        ) as http:
            body = contact("q8", channel_or_user_id=EMPLOYEE)
            created = await http.post(
                f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot)
            )
            assert created.status_code == 201
            contact_id = created.json()["twokey"]["contact_id"]
            # Well inside the 15 s sweep: only the deadline's own alarm can expire it this soon.
            await _until(lambda: _status(engine, contact_id) == "expired", 5, "the expiry")
            await service.drain()
            dm = fake.messages_in(fake.dm_channel(EMPLOYEE))
            assert len(dm) == 1 and "expired" in str(dm[0].blocks)
            assert fake.find_button(contact_blocks.REPLY, channel=dm[0].channel) is None
            late = await service.answer(contact_id, user=EMPLOYEE, response="eu-west-1")
            assert not late.ok and "expired" in late.message
            got = await http.get(f"{BASE}/contact_requests/q8", headers=bearer(keys.opsbot))
    finally:
        await service.drain()
        await lifecycle.stop()
    assert got.json()["twokey"]["status"] == "expired"
    assert got.json()["status"]["response"].startswith("[TwoKey] Nobody replied")
    with session_scope(engine) as session:
        row = session.get(ContactRequest, contact_id)
        assert row is not None and row.response is None and row.responded_by is None
        events = [e.action for e in events_for(session, contact_id)]
        assert events == ["contact.pending", "contact.expired"]
        assert verify_chain(session).ok


async def test_a_deadline_is_rebuilt_after_a_restart(
    engine: Engine, example_config: TwoKeyConfig, keys: Keys, fake: SlackFake
) -> None:
    config = config_with(example_config, default_timeout=3.0)
    api, service, lifecycle = build_app(engine, config, fake)
    await lifecycle.start()
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=api), base_url="http://t"
        ) as http:
            body = contact("q-restart", channel_or_user_id=EMPLOYEE)
            created = await http.post(
                f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot)
            )
    finally:
        await service.drain()
        await lifecycle.stop()  # its alarm goes with it
    contact_id = created.json()["twokey"]["contact_id"]
    assert _status(engine, contact_id) == "pending"
    _, again, restarted = build_app(engine, config, fake)
    await restarted.start()
    try:
        assert _status(engine, contact_id) == "pending"  # not due yet at start-up
        await _until(lambda: _status(engine, contact_id) == "expired", 8, "the rebuilt alarm")
    finally:
        await again.drain()
        await restarted.stop()


async def test_a_question_committed_before_a_crash_is_posted_once(
    engine: Engine, example_config: TwoKeyConfig, keys: Keys, fake: SlackFake
) -> None:
    """The question and its post are one transaction: a process that died right after the
    commit (before Slack was called) leaves the post queued, and the next one sends it, once."""
    values = {
        "agent": "opsbot",
        "run_id": "run-1",
        "call_id": "q-crash",
        "recipient": EMPLOYEE,
        "message": "Which region should I use?",
        "spec_sha256": contact_digest(
            HumanContactIn.model_validate(contact("q-crash", channel_or_user_id=EMPLOYEE))
        ),
        "status": "pending",
        "expires_at": utcnow() + timedelta(minutes=30),
    }
    StateMachine(engine).ask(values)  # committed; nothing posted: the "crash"
    assert fake.messages_in(fake.dm_channel(EMPLOYEE)) == []
    api, service, lifecycle = build_app(engine, example_config, fake)
    await lifecycle.start()
    try:
        await service.drain()
        assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=api), base_url="http://t"
        ) as http:
            body = contact("q-crash", channel_or_user_id=EMPLOYEE)
            repeat = await http.post(
                f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot)
            )
        assert repeat.status_code == 200, repeat.text
        await service.drain()
    finally:
        await lifecycle.stop()
    assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1


async def test_a_post_interrupted_after_slack_answered_is_not_repeated(
    engine: Engine, example_config: TwoKeyConfig, keys: Keys, fake: SlackFake
) -> None:
    """A replica that posted the question and died before recording it: the next try finds
    the message by its effect tag instead of asking the person twice."""
    api, service, lifecycle = build_app(engine, example_config, fake)
    await lifecycle.start()
    try:
        await service.outbox.stop()  # this replica's worker "dies" before delivering
        view, _ = await service.ask(
            {
                "agent": "opsbot",
                "run_id": "run-1",
                "call_id": "q-int",
                "recipient": EMPLOYEE,
                "message": "Which region should I use?",
                "spec_sha256": "x" * 64,
            },
            text="Which region should I use?",
        )
        deliverer = service.outbox.deliverer
        assert deliverer is not None

        async def post_then_die(delivery: Delivery) -> None:
            async def died(*args: Any, **kwargs: Any) -> None:
                raise asyncio.CancelledError

            delivery.record = died  # type: ignore[method-assign]
            await deliverer(delivery)

        service.outbox.deliverer = post_then_die
        service.outbox.lease = 0.2
        with pytest.raises(asyncio.CancelledError):
            await service.outbox.deliver_due()
        assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1
        service.outbox.deliverer = deliverer
        await asyncio.sleep(0.3)  # the dead replica's lease runs out
        posted = await service.post_question(view.id)
        assert posted is not None and posted.slack.get("ts")
    finally:
        await service.drain()
        await lifecycle.stop()
    assert len(fake.messages_in(fake.dm_channel(EMPLOYEE))) == 1


def test_every_contact_error_has_an_http_answer():
    """The desk raises domain errors; the route must word each one (a missing one would be 500)."""
    from bot.humanlayer import contacts as desk_module
    from bot.humanlayer.routes import CONTACT_ERRORS

    kinds = {
        obj
        for obj in vars(desk_module).values()
        if isinstance(obj, type)
        and issubclass(obj, desk_module.ContactError)
        and obj is not desk_module.ContactError
    }
    assert kinds and kinds == set(CONTACT_ERRORS)
