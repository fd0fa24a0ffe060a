"""Contact requests (`human_as_tool`) over HTTP and the desk behind the Slack reply listener."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.humanlayer.contacts import ContactDesk
from storage.audit import verify_chain
from storage.contacts import ContactRequest
from storage.db import session_scope
from storage.models import utcnow
from tests.humanlayer.conftest import APPROVER, EMPLOYEE, Keys, bearer

BASE = "/humanlayer/v1"


def contact(call_id: str, msg: str = "Which region should I use?", **channel: Any) -> dict:
    spec: dict[str, Any] = {"msg": msg, "subject": None, "response_options": None, "state": None}
    spec["channel"] = {"slack": channel} if channel else None
    return {"run_id": "run-1", "call_id": call_id, "spec": spec, "status": None}


async def test_question_goes_to_the_dm_and_the_reply_comes_back(
    inproc: Any, keys: Keys, fake: SlackFake, engine: Engine, example_config: TwoKeyConfig
) -> None:
    http, _ = inproc
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

    desk = ContactDesk(engine, example_config)
    contact_id = out["twokey"]["contact_id"]
    forged = await desk.answer(contact_id, user=EMPLOYEE, response="x", option="not-offered")
    assert not forged.ok and "not one the agent offered" in forged.message
    stranger = await desk.answer(contact_id, user=APPROVER, response="us-east-1")
    assert not stranger.ok and "someone else" in stranger.message
    answered = await desk.answer(contact_id, user=EMPLOYEE, response="eu-west-1")
    assert answered.ok
    late = await desk.answer(contact_id, user=EMPLOYEE, response="changed my mind")
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


async def test_channel_question_and_allowed_responders(
    inproc: Any, keys: Keys, fake: SlackFake, engine: Engine, example_config: TwoKeyConfig
) -> None:
    http, _ = inproc
    body = contact("q2", channel_or_user_id="C0OPSCHAN", allowed_responder_ids=[APPROVER])
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    assert created.status_code == 201
    assert len(fake.messages_in("C0OPSCHAN")) == 1
    desk = ContactDesk(engine, example_config)
    contact_id = created.json()["twokey"]["contact_id"]
    assert not (await desk.answer(contact_id, user=EMPLOYEE, response="x")).ok
    assert (await desk.answer(contact_id, user=APPROVER, response="ok")).ok


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


async def test_unanswered_question_expires_with_a_clear_response(
    inproc: Any, keys: Keys, engine: Engine
) -> None:
    http, _ = inproc
    body = contact("q8", channel_or_user_id=EMPLOYEE)
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    with session_scope(engine) as session:
        row = session.get(ContactRequest, created.json()["twokey"]["contact_id"])
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    got = await http.get(f"{BASE}/contact_requests/q8", headers=bearer(keys.opsbot))
    assert got.json()["twokey"]["status"] == "expired"
    assert got.json()["status"]["response"].startswith("[TwoKey] Nobody replied")


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
