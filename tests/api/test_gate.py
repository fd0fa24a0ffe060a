"""The gate API end to end: real app, real service, real database (SQLite; PostgreSQL in CI)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from bot.api import create_api
from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from storage.db import make_engine, session_scope
from storage.keys import authenticate, revoke_key
from tests.api.conftest import APPROVER, REQUESTER, Keys, bearer, instruction

HOLD = "[hold] DROP TABLE customers;"


async def _held(http: httpx.AsyncClient, keys: Keys, text: str = HOLD, **extra: object) -> dict:
    """Submitted, and confirmed by the requester: waiting for an approver."""
    response = await http.post(
        "/v1/instructions", json=instruction(text, **extra), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 202, response.text
    body = response.json()
    if body["status"] == "awaiting_requester":
        service = http._transport.app.state.gate.service  # type: ignore[attr-defined]
        confirmed = await service.confirm(body["id"], actor=REQUESTER, justification="OPS-42")
        assert confirmed.ok, confirmed.message
        body = {**body, "status": confirmed.request.status}
    return body


# --- auth ---------------------------------------------------------------------


async def test_missing_and_bad_keys_are_401(http: httpx.AsyncClient, keys: Keys) -> None:
    missing = await http.post("/v1/instructions", json=instruction("[allow] ls"))
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["detail"]
    for header in ("Bearer tk_not-a-real-key-at-all", "Basic abc", "Bearer "):
        bad = await http.get("/v1/requests/TK-X", headers={"Authorization": header})
        assert bad.status_code == 401, header
        assert bad.json()["detail"]


async def test_revoked_key_is_401(http: httpx.AsyncClient, keys: Keys, engine: Engine) -> None:
    app = http._transport.app  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        key = authenticate(session, keys.datapal)
        assert key is not None
        revoke_key(session, key.id)
    app.state.keys._hits.clear()  # as after the short auth cache runs out
    response = await http.get("/v1/requests/TK-X", headers=bearer(keys.datapal))
    assert response.status_code == 401
    assert response.json() == {"detail": "invalid or revoked API key"}


async def test_agent_key_may_not_submit_as_another_agent(
    http: httpx.AsyncClient, keys: Keys
) -> None:
    response = await http.post(
        "/v1/instructions",
        json=instruction("[allow] ls", agent="datapal"),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 403
    assert "may not submit as 'datapal'" in response.json()["detail"]


async def test_agent_keys_see_and_cancel_only_their_own(
    http: httpx.AsyncClient, keys: Keys
) -> None:
    held = await _held(http, keys)
    other = await http.get(f"/v1/requests/{held['id']}", headers=bearer(keys.datapal))
    assert other.status_code == 403
    assert other.json()["detail"] == f"request {held['id']} belongs to another agent"
    cancel = await http.post(f"/v1/requests/{held['id']}/cancel", headers=bearer(keys.datapal))
    assert cancel.status_code == 403
    admin = await http.get(f"/v1/requests/{held['id']}", headers=bearer(keys.admin))
    assert admin.status_code == 200
    assert admin.json()["status"] == "pending"


async def test_history_needs_an_admin_key(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await http.get("/v1/requests", headers=bearer(keys.opsbot))
    assert response.status_code == 403
    assert response.json() == {"detail": "this needs an admin API key"}


# --- verdicts -----------------------------------------------------------------


async def test_allowed_is_200(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await http.post(
        "/v1/instructions", json=instruction("[allow] ls -la /tmp"), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["decision"], body["risk"]) == ("allowed", "allow", "low")
    assert body["id"].startswith("TK-")
    assert body["findings"] == [] and body["data"] == []
    assert body["execution_token"] is None


async def test_held_is_202_with_deadline_and_awaits_the_requester(
    http: httpx.AsyncClient, keys: Keys
) -> None:
    response = await http.post(
        "/v1/instructions", json=instruction(HOLD), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "awaiting_requester"  # no justification: the requester confirms
    assert body["decision"] == "require_approval"
    assert body["expires_at"]
    assert body["findings"][0]["reason"] == "Drops a table."
    assert body["data"][0]["name"] == "customers"
    assert body["execution_token"] is None


async def test_blocked_is_403_with_the_request_body(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await http.post(
        "/v1/instructions", json=instruction("[block] rm -rf /"), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 403
    body = response.json()
    assert (body["status"], body["decision"], body["risk"]) == ("blocked", "block", "critical")
    assert body["detail"] == "Blocked: Drops a table."


# --- malformed input ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"requester": REQUESTER}, "text"),
        ({"text": "[allow] ls"}, "requester"),
        ({"requester": "not a user", "text": "[allow] ls"}, "requester"),
        ({"requester": REQUESTER, "text": "[allow] ls", "confidence": 1.5}, "confidence"),
        ({"requester": REQUESTER, "text": "[allow] ls", "callback_url": "ftp://x"}, "callback_url"),
        ({"requester": REQUESTER, "text": "[allow] ls", "idempotency-key": "k"}, "idempotency-key"),
        ({"requester": REQUESTER, "text": ""}, "text"),
    ],
)
async def test_malformed_body_is_422_naming_the_field(
    http: httpx.AsyncClient, keys: Keys, body: dict, field: str
) -> None:
    response = await http.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    assert response.status_code == 422
    assert [err["loc"][-1] for err in response.json()["detail"]] == [field]


async def test_oversize_text_is_413(http: httpx.AsyncClient, keys: Keys) -> None:
    text = "[allow] " + "x" * 65536
    response = await http.post(
        "/v1/instructions", json=instruction(text), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 413
    assert "limit is 65536 bytes" in response.json()["detail"]


async def test_huge_body_is_413_before_parsing(http: httpx.AsyncClient, keys: Keys) -> None:
    body = b'{"requester": "U0EMP0001", "text": "' + b"x" * (2 << 20) + b'"}'
    response = await http.post(
        "/v1/instructions",
        content=body,
        headers={**bearer(keys.opsbot), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "request body larger than" in response.json()["detail"]


async def test_unknown_request_is_404(http: httpx.AsyncClient, keys: Keys) -> None:
    for method, path in (("GET", "/v1/requests/TK-NOPE"), ("POST", "/v1/requests/TK-NOPE/cancel")):
        response = await http.request(method, path, headers=bearer(keys.opsbot))
        assert response.status_code == 404
        assert response.json() == {"detail": "no request TK-NOPE"}


# --- idempotency -------------------------------------------------------------------


async def test_same_idempotency_key_same_agent_is_the_same_request(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    first = await _held(http, keys, idempotency_key="run-7")
    again = await _held(http, keys, idempotency_key="run-7")
    assert again["id"] == first["id"]
    other_agent = await http.post(
        "/v1/instructions",
        json=instruction(HOLD, idempotency_key="run-7", justification="x"),
        headers=bearer(keys.datapal),
    )
    assert other_agent.status_code == 202
    assert other_agent.json()["id"] != first["id"]
    await service.vote(first["id"], voter=APPROVER, approve=True)
    replay = await http.post(
        "/v1/instructions",
        json=instruction(HOLD, idempotency_key="run-7", justification="Ticket OPS-42"),
        headers=bearer(keys.opsbot),
    )
    assert replay.status_code == 200
    assert replay.json()["status"] == "approved"
    assert replay.json()["execution_token"]


async def test_idempotency_key_reused_for_other_text_is_409(
    http: httpx.AsyncClient, keys: Keys
) -> None:
    first = await _held(http, keys, idempotency_key="run-8")
    response = await http.post(
        "/v1/instructions",
        json=instruction("[allow] something else", idempotency_key="run-8"),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 409
    assert first["id"] in response.json()["detail"]


# --- long-poll ------------------------------------------------------------------------


async def test_long_poll_is_released_by_a_decision_within_the_wait(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    held = await _held(http, keys)
    started = time.monotonic()
    poll = asyncio.create_task(
        http.get(f"/v1/requests/{held['id']}", params={"wait": 30}, headers=bearer(keys.opsbot))
    )
    await asyncio.sleep(0.2)
    assert not poll.done()
    outcome = await service.vote(held["id"], voter=APPROVER, approve=True, comment="ok")
    assert outcome.ok
    response = await asyncio.wait_for(poll, timeout=5)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    assert body["decided_by"] == APPROVER
    assert body["execution_token"].startswith("tkx.")
    assert elapsed < 3, elapsed


async def test_long_poll_returns_open_request_when_the_wait_ends(
    http: httpx.AsyncClient, keys: Keys
) -> None:
    held = await _held(http, keys)
    started = time.monotonic()
    response = await http.get(
        f"/v1/requests/{held['id']}", params={"wait": 0.3}, headers=bearer(keys.opsbot)
    )
    assert 0.25 <= time.monotonic() - started < 3
    assert response.json()["status"] == "pending"


async def test_admin_sees_an_approved_request_without_its_token(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    held = await _held(http, keys)
    await service.vote(held["id"], voter=APPROVER, approve=True)
    admin = await http.get(f"/v1/requests/{held['id']}", headers=bearer(keys.admin))
    assert admin.json()["status"] == "approved"
    assert admin.json()["execution_token"] is None


# --- executions --------------------------------------------------------------------------


async def _approved_token(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService, text: str = HOLD
) -> tuple[dict, str]:
    held = await _held(http, keys, text=text)
    await service.vote(held["id"], voter=APPROVER, approve=True)
    approved = await http.get(f"/v1/requests/{held['id']}", headers=bearer(keys.opsbot))
    return held, approved.json()["execution_token"]


async def test_execution_token_redeems_once_for_exactly_the_text(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    held, token = await _approved_token(http, keys, service)
    wrong = await http.post(
        "/v1/executions", json={"token": token, "text": HOLD + " "}, headers=bearer(keys.opsbot)
    )
    assert wrong.status_code == 403
    assert "not the approved text" in wrong.json()["detail"]
    forged = await http.post(
        "/v1/executions",
        json={"token": token[:-4] + "AAAA", "text": HOLD},
        headers=bearer(keys.opsbot),
    )
    assert forged.status_code == 403
    ok = await http.post(
        "/v1/executions", json={"token": token, "text": HOLD}, headers=bearer(keys.opsbot)
    )
    assert ok.status_code == 200
    assert ok.json()["id"] == held["id"]
    assert ok.json()["status"] == "executed"
    assert ok.json()["executed_at"]
    again = await http.post(
        "/v1/executions", json={"token": token, "text": HOLD}, headers=bearer(keys.opsbot)
    )
    assert again.status_code == 409
    assert again.json()["detail"]


async def test_another_agent_cannot_spend_or_burn_a_token(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    _, token = await _approved_token(http, keys, service)
    stolen = await http.post(
        "/v1/executions", json={"token": token, "text": HOLD}, headers=bearer(keys.datapal)
    )
    assert stolen.status_code == 403 and "another agent" in stolen.json()["detail"]
    own = await http.post(
        "/v1/executions", json={"token": token, "text": HOLD}, headers=bearer(keys.opsbot)
    )
    assert own.status_code == 200


async def test_text_is_approved_and_redeemed_byte_for_byte(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    text = "  " + HOLD + "\n"
    _, token = await _approved_token(http, keys, service, text=text)
    ok = await http.post(
        "/v1/executions", json={"token": token, "text": text}, headers=bearer(keys.opsbot)
    )
    assert ok.status_code == 200, ok.text


async def test_blank_text_is_422(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await http.post(
        "/v1/instructions", json=instruction("   \n"), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


# --- cancel -----------------------------------------------------------------------------


async def test_cancel_own_open_request_then_409(http: httpx.AsyncClient, keys: Keys) -> None:
    held = await _held(http, keys)
    response = await http.post(
        f"/v1/requests/{held['id']}/cancel",
        json={"reason": "user closed the tab"},
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == (
        "cancelled",
        "user closed the tab",
    )
    again = await http.post(f"/v1/requests/{held['id']}/cancel", headers=bearer(keys.opsbot))
    assert again.status_code == 409
    assert again.json()["detail"]


# --- ops ---------------------------------------------------------------------------------


async def test_healthz_and_metrics(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    health = await http.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    await http.post("/v1/instructions", json=instruction("[allow] ls"), headers=bearer(keys.opsbot))
    held = await _held(http, keys)
    await service.vote(held["id"], voter=APPROVER, approve=True)
    await service.drain()
    text = (await http.get("/metrics")).text
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    for status, risk in (("allowed", "low"), ("pending", "high"), ("approved", "high")):
        key = ("twokey_requests_total", (("risk", risk), ("status", status)))
        assert samples[key] == 1
    assert samples[("twokey_gate_latency_seconds_count", ())] == 2
    assert samples[("twokey_decision_latency_seconds_count", ())] == 1
    assert "# TYPE twokey_slack_api_errors_total counter" in text


async def test_openapi_documents_every_status(http: httpx.AsyncClient) -> None:
    spec = (await http.get("/openapi.json")).json()
    submit = spec["paths"]["/v1/instructions"]["post"]["responses"]
    assert {"200", "202", "401", "403", "409", "413", "422", "503"} <= set(submit)
    assert "anyOf" in submit["403"]["content"]["application/json"]["schema"]
    poll = spec["paths"]["/v1/requests/{request_id}"]["get"]
    assert {"200", "401", "403", "404", "422"} <= set(poll["responses"])
    assert any(p["name"] == "wait" for p in poll["parameters"])
    redeem = spec["paths"]["/v1/executions"]["post"]["responses"]
    assert {"200", "403", "409"} <= set(redeem)
    assert "/slack/events" not in spec["paths"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/instructions"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/healthz"]["get"]


async def test_healthz_is_503_when_the_database_is_unreachable(
    service: ApprovalService, example_config: TwoKeyConfig, settings: Settings
) -> None:
    unreachable = make_engine("postgresql://nobody@127.0.0.1:1/none")
    app = create_api(service, example_config, settings, engine=unreachable)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gate.test"
    ) as http:
        response = await http.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


async def test_an_unexpected_failure_is_a_json_500_never_a_verdict(
    service: ApprovalService,
    example_config: TwoKeyConfig,
    settings: Settings,
    keys: Keys,
    monkeypatch: pytest.MonkeyPatch,
    directory: SlackFake,
) -> None:
    async def broken(**_: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(service, "submit", broken)
    slack = AsyncWebClient(token=BOT_TOKEN, base_url=directory.api_url)
    app = create_api(service, example_config, settings, slack_client=slack)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://gate.test") as http:
        response = await http.post(
            "/v1/instructions", json=instruction("[allow] ls"), headers=bearer(keys.opsbot)
        )
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error; nothing was approved"}
