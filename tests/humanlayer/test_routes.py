"""`/humanlayer/v1` over HTTP: shapes, auth, idempotency, status mapping, narrowing, errors."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.engine import Engine

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from storage.db import session_scope
from storage.models import Request
from tests.humanlayer.conftest import (
    APPROVER,
    EMPLOYEE,
    OTHER_APPROVER,
    Keys,
    bearer,
    build_app,
    config_with,
)

BASE = "/humanlayer/v1"
RISKY = {"sql": "DROP TABLE web_events"}


def call(call_id: str, fn: str = "run_sql", kwargs: dict[str, Any] | None = None, **spec: Any):
    return {
        "run_id": "run-1",
        "call_id": call_id,
        "spec": {"fn": fn, "kwargs": RISKY if kwargs is None else kwargs, **spec},
        "status": None,
    }


def slack_channel(target: str, **extra: Any) -> dict[str, Any]:
    return {"slack": {"channel_or_user_id": target, **extra}}


async def post_call(http: httpx.AsyncClient, key: str, body: dict[str, Any]) -> httpx.Response:
    return await http.post(f"{BASE}/function_calls", json=body, headers=bearer(key))


def request_id(response: httpx.Response) -> str:
    return str(response.json()["twokey"]["request_id"])


# ---- auth and errors ----------------------------------------------------------------------


async def test_errors_are_json_with_message_and_code(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    missing = await http.post(f"{BASE}/function_calls", json=call("c1"))
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "unauthorized"
    assert "Bearer" in missing.json()["error"]["message"]
    bad = await http.get(f"{BASE}/function_calls/c1", headers=bearer("tk_nope"))
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"

    invalid = await http.post(
        f"{BASE}/function_calls", json={"run_id": "r", "spec": {}}, headers=bearer(keys.opsbot)
    )
    assert invalid.status_code == 422
    assert invalid.json()["error"]["code"] == "invalid_request"
    assert "call_id" in invalid.json()["error"]["message"]

    not_json = await http.post(
        f"{BASE}/function_calls",
        content=b"{nope",
        headers={**bearer(keys.opsbot), "Content-Type": "application/json"},
    )
    assert not_json.status_code == 400 and not_json.json()["error"]["code"] == "bad_request"

    unknown = await http.get(f"{BASE}/function_calls/never", headers=bearer(keys.opsbot))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"

    escalate = await http.post(
        f"{BASE}/agent/function_calls/c1/escalate_email", json={}, headers=bearer(keys.opsbot)
    )
    assert escalate.status_code == 501
    assert escalate.json()["error"]["code"] == "not_supported"
    slash = await http.get(f"{BASE}//function_calls/c1", headers=bearer(keys.opsbot))
    assert slash.status_code == 404
    assert "no trailing slash" in slash.json()["error"]["message"]
    elsewhere = await http.get(f"{BASE}/no/such/thing")
    assert elsewhere.status_code == 404 and elsewhere.json()["error"]["message"]


async def test_bad_slack_hints_and_argument_names_are_refused(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    odd = await post_call(http, keys.opsbot, call("c-odd", kwargs={"x\n```": "DROP TABLE t"}))
    assert odd.status_code == 422 and "argument names" in odd.json()["error"]["message"]
    body = call("c-hint", channel=slack_channel("C0OPS", allowed_responder_ids=["#ops"]))
    response = await post_call(http, keys.opsbot, body)
    assert response.status_code == 422
    assert "allowed_responder_ids" in response.json()["error"]["message"]


# ---- low risk, high risk, blocked -------------------------------------------------------------


async def test_low_risk_call_is_approved_at_once_and_echoed(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    body = call("c-low", fn="get_weather", kwargs={"city": "Paris", "days": 3})
    body["spec"]["state"] = {"step": 2}
    response = await post_call(http, keys.opsbot, body)
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["run_id"] == "run-1" and out["call_id"] == "c-low"
    assert out["spec"]["fn"] == "get_weather"
    assert out["spec"]["kwargs"] == {"city": "Paris", "days": 3}
    assert out["spec"]["state"] == {"step": 2}
    assert out["status"]["approved"] is True
    assert "allowed this call by policy" in out["status"]["comment"]
    assert out["status"]["responded_at"] is not None
    assert out["twokey"]["status"] == "allowed"

    again = await http.get(f"{BASE}/function_calls/c-low", headers=bearer(keys.opsbot))
    assert again.status_code == 200
    assert again.json()["status"] == out["status"]
    assert again.json()["spec"]["kwargs"] == {"city": "Paris", "days": 3}


async def test_always_require_approval_agent_holds_even_low_risk(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake, keys: Keys
) -> None:
    config = config_with(example_config, always=["opsbot"])
    api, service, lifecycle = build_app(engine, config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            held = await post_call(
                http, keys.opsbot, call("c-a", fn="get_weather", kwargs={"city": "Oslo"})
            )
            other = await post_call(
                http, keys.datapal, call("c-a", fn="get_weather", kwargs={"city": "Oslo"})
            )
        assert held.json()["status"]["approved"] is None
        assert held.json()["twokey"]["status"] == "pending"
        assert any("Every instruction from opsbot" in r for r in held.json()["twokey"]["reasons"])
        assert other.json()["status"]["approved"] is True  # the other agent's config differs
    finally:
        await service.drain()
        await lifecycle.stop()


async def test_risky_call_is_held_then_approved_with_the_approvers_comment(
    inproc: Any, keys: Keys
) -> None:
    http, service = inproc
    response = await post_call(
        http, keys.opsbot, call("c-risky", channel=slack_channel("C0OPSCHAN"))
    )
    assert response.status_code == 201
    out = response.json()
    assert out["status"]["approved"] is None and out["status"]["comment"] is None
    assert out["twokey"]["status"] == "pending"  # a channel names no requester to confirm
    assert out["twokey"]["requester"] is None
    view = await service.get(request_id(response))
    assert view is not None and view.source == "humanlayer"
    assert view.meta["fn"] == "run_sql" and view.meta["call_id"] == "c-risky"
    assert "```sql\nDROP TABLE web_events\n```" in view.instruction
    assert view.instruction.startswith("run_sql(sql=<SQL 1 below>)")

    outcome = await service.vote(view.id, voter=APPROVER, approve=True, comment="ok for today")
    assert outcome.ok, outcome.message
    polled = await http.get(f"{BASE}/function_calls/c-risky", headers=bearer(keys.opsbot))
    status = polled.json()["status"]
    assert status["approved"] is True
    assert APPROVER in status["comment"] and "ok for today" in status["comment"]


async def test_denied_expired_cancelled_blocked_say_which_and_why(
    inproc: Any, keys: Keys, engine: Engine
) -> None:
    http, service = inproc
    denied = await post_call(http, keys.opsbot, call("c-deny"))
    await service.vote(request_id(denied), voter=APPROVER, approve=False, comment="use the replica")
    status = (await http.get(f"{BASE}/function_calls/c-deny", headers=bearer(keys.opsbot))).json()
    assert status["status"]["approved"] is False
    assert (
        "Denied" in status["status"]["comment"] and "use the replica" in status["status"]["comment"]
    )

    expiring = await post_call(http, keys.opsbot, call("c-exp"))
    with session_scope(engine) as session:
        row = session.get(Request, request_id(expiring))
        assert row is not None and row.expires_at is not None
        row.expires_at = row.created_at  # the deadline has passed
        session.add(row)
    await service.expire_due()
    status = (await http.get(f"{BASE}/function_calls/c-exp", headers=bearer(keys.opsbot))).json()
    assert status["status"]["approved"] is False
    assert status["status"]["comment"].startswith("Expired")
    assert "no answer as a no" in status["status"]["comment"]

    blocked = await post_call(
        http,
        keys.opsbot,
        call("c-block", fn="shell", kwargs={"command": "rm -rf / --no-preserve-root"}),
    )
    out = blocked.json()
    assert out["twokey"]["status"] == "blocked"
    assert out["status"]["approved"] is False
    assert out["status"]["comment"].startswith("Blocked by TwoKey policy")


async def test_agent_can_withdraw_but_never_approve(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    await post_call(http, keys.opsbot, call("c-w"))
    url = f"{BASE}/agent/function_calls/c-w/respond"
    approve = await http.post(url, json={"approved": True}, headers=bearer(keys.opsbot))
    assert approve.status_code == 403
    assert "cannot approve" in approve.json()["error"]["message"]
    undecided = await http.post(url, json={"approved": None}, headers=bearer(keys.opsbot))
    assert undecided.status_code == 422
    foreign = await http.post(
        url, json={"approved": False, "comment": "x"}, headers=bearer(keys.datapal)
    )
    assert foreign.status_code == 404  # call_ids are per agent
    withdraw = await http.post(
        url, json={"approved": False, "comment": "plan changed"}, headers=bearer(keys.opsbot)
    )
    assert withdraw.status_code == 200
    status = withdraw.json()["status"]
    assert status["approved"] is False
    assert "Cancelled by agent:opsbot" in status["comment"] and "plan changed" in status["comment"]
    again = await http.post(url, json={"approved": False}, headers=bearer(keys.opsbot))
    assert again.status_code == 409


# ---- idempotency ----------------------------------------------------------------------------


async def test_call_id_is_the_idempotency_key(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    first = await post_call(http, keys.opsbot, call("c-idem"))
    repeat = await post_call(http, keys.opsbot, call("c-idem"))
    assert first.status_code == 201 and repeat.status_code == 200
    assert request_id(first) == request_id(repeat)

    changed = await post_call(
        http, keys.opsbot, call("c-idem", kwargs={"sql": "DROP TABLE orders"})
    )
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "conflict"
    other_run = call("c-idem")
    other_run["run_id"] = "run-2"
    assert (await post_call(http, keys.opsbot, other_run)).status_code == 409

    # Another agent's key has its own namespace of call ids.
    theirs = await post_call(http, keys.datapal, call("c-idem"))
    assert theirs.status_code == 201 and request_id(theirs) != request_id(first)


async def test_gate_idempotency_keys_do_not_collide(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    gate = await http.post(
        "/v1/instructions",
        json={"requester": EMPLOYEE, "text": "ls", "idempotency_key": "c-shared"},
        headers=bearer(keys.opsbot),
    )
    assert gate.status_code in (200, 202), gate.text
    hl = await post_call(http, keys.opsbot, call("c-shared"))
    assert hl.status_code == 201
    assert request_id(hl) != gate.json()["id"]

    # A gate request that borrows the namespaced key is never served as a function call.
    squat = await http.post(
        "/v1/instructions",
        json={"requester": EMPLOYEE, "text": "ls", "idempotency_key": "humanlayer:c-squat"},
        headers=bearer(keys.opsbot),
    )
    assert squat.status_code in (200, 202)
    got = await http.get(f"{BASE}/function_calls/c-squat", headers=bearer(keys.opsbot))
    assert got.status_code == 404
    assert (await post_call(http, keys.opsbot, call("c-squat"))).status_code == 409


# ---- routing: requester and narrowing ---------------------------------------------------------


async def test_a_user_channel_is_the_requester_and_responders_narrow(
    inproc: Any, keys: Keys
) -> None:
    http, service = inproc
    body = call(
        "c-dm",
        channel=slack_channel(
            EMPLOYEE,
            allowed_responder_ids=[OTHER_APPROVER, "U0OUTSIDER"],
            context_about_channel_or_user="a dm with the engineer",
            bot_token="xoxb-must-not-be-kept",
        ),
    )
    response = await post_call(http, keys.opsbot, body)
    out = response.json()
    assert out["twokey"]["requester"] == EMPLOYEE
    assert out["twokey"]["status"] == "awaiting_requester"
    assert out["status"]["approved"] is None
    assert (
        out["spec"]["channel"]["slack"]["context_about_channel_or_user"] == "a dm with the engineer"
    )
    assert "bot_token" not in out["spec"]["channel"]["slack"]
    assert "xoxb-must-not-be-kept" not in response.text

    rid = request_id(response)
    confirmed = await service.confirm(rid, actor=EMPLOYEE, justification="ticket OPS-1")
    assert confirmed.ok, confirmed.message
    # APPROVER is eligible by policy but not among the SDK's allowed responders.
    refused = await service.vote(rid, voter=APPROVER, approve=True)
    assert not refused.ok and refused.code == "not_eligible"
    # An allowed responder who is not an approver by policy is not made one.
    outsider = await service.vote(rid, voter="U0OUTSIDER", approve=True)
    assert not outsider.ok
    approved = await service.vote(rid, voter=OTHER_APPROVER, approve=True)
    assert approved.ok, approved.message
    status = (await http.get(f"{BASE}/function_calls/c-dm", headers=bearer(keys.opsbot))).json()
    assert status["status"]["approved"] is True


async def test_a_command_passed_as_a_list_or_nested_is_held(inproc: Any, keys: Keys) -> None:
    http, _ = inproc
    for i, kwargs in enumerate(
        [
            {"cmd": ["rm", "-rf", "/var/lib/postgres"]},
            {"step": {"command": "rm -rf /var/lib/postgres"}},
            {"steps": ["rm -rf /var/lib/postgres"]},
        ]
    ):
        response = await post_call(http, keys.opsbot, call(f"c-nested-{i}", "run", kwargs))
        assert response.status_code == 201, response.text
        assert response.json()["status"]["approved"] is not True, kwargs
        assert response.json()["twokey"]["status"] != "allowed"


async def test_secret_kwargs_are_masked_in_storage_and_echo(
    inproc: Any, keys: Keys, engine: Engine
) -> None:
    http, _ = inproc
    secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
    body = call("c-secret", fn="charge", kwargs={"api_key": secret, "amount": 5})
    body["spec"]["reject_options"] = [
        {"name": "wrong_key", "title": f"Not {secret}", "description": f"use {secret} instead"}
    ]
    response = await post_call(http, keys.opsbot, body)
    assert response.status_code == 201
    assert secret not in response.text
    with session_scope(engine) as session:
        row = session.get(Request, request_id(response))
        assert row is not None
        assert secret not in row.instruction
        assert secret not in str(row.meta)


async def test_text_over_the_policy_limit_is_413(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake, keys: Keys
) -> None:
    config = config_with(example_config, max_text_bytes=1024)
    api, service, lifecycle = build_app(engine, config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            big = await post_call(http, keys.opsbot, call("c-big", kwargs={"sql": "x" * 2000}))
        assert big.status_code == 413
        assert big.json()["error"]["code"] == "too_large"
    finally:
        await lifecycle.stop()


async def test_ids_context_and_state_are_masked_but_the_call_is_still_found(
    inproc: Any, keys: Keys
) -> None:
    http, _ = inproc
    token = "xoxb-2048123456-9876543210-AbCdEfGhIjKlMnOpQrStUvWx"
    ssn = "536-22-8761"
    body = call(f"c-{token}", fn="get_weather", kwargs={"city": "Paris"})
    body["run_id"] = f"run for SSN {ssn}"
    body["spec"]["state"] = {"note": f"password=Zq8v-Prod-77xK {ssn}"}
    body["spec"]["channel"] = slack_channel(
        "C0ONCALL1", context_about_channel_or_user=f"the on-call, SSN {ssn}"
    )
    created = await post_call(http, keys.opsbot, body)
    assert created.status_code == 201, created.text
    again = await http.get(f"{BASE}/function_calls/c-{token}", headers=bearer(keys.opsbot))
    assert again.status_code == 200
    for response in (created, again):
        text = response.text
        assert token not in text and ssn not in text and "Zq8v-Prod-77xK" not in text
        assert "the on-call" in text


async def test_responders_nobody_may_decide_for_are_answered_no_at_once(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake, keys: Keys
) -> None:
    """allowed_responder_ids naming nobody who may decide: not a card nobody can click
    until the deadline, but `approved = false` in the first answer, and the requester told."""
    fake.usergroups["S0SECURITY"] = ["U0SEC0002"]  # the escalation group, known
    api, service, lifecycle = build_app(engine, example_config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
            body = call(
                "c-nobody", channel=slack_channel(EMPLOYEE, allowed_responder_ids=["U0OUTSIDER"])
            )
            out = (await post_call(http, keys.opsbot, body)).json()
            assert out["twokey"]["status"] == "cancelled"
            assert out["status"]["approved"] is False
            assert "could not ask any approver" in out["status"]["comment"]
            await service.drain()
    finally:
        await lifecycle.stop()
    assert not fake.messages_in("C0APPROVALS")  # no card anyone would wait on
    told = fake.messages_in(fake.dm_channel(EMPLOYEE))
    assert told and any("could not ask any approver" in m.text + str(m.blocks) for m in told)
