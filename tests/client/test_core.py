"""The light client (`twokey_client`) and `require_approval`, against a respx-mocked gate."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx
from twokey_client import (
    AsyncTwoKeyClient,
    NotApproved,
    TwoKeyClient,
    TwoKeyError,
    TwoKeyUnavailable,
    require_approval,
)

BASE = "http://gate.test"
KEY = "tk_test-key-not-a-secret"


def _req(status: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "TK-ABCDEFGHJK",
        "status": status,
        "decision": {"allowed": "allow", "blocked": "block"}.get(status, "require_approval"),
        "risk": "low" if status == "allowed" else "high",
        "findings": []
        if status == "allowed"
        else [{"rule": "sql.drop", "category": "sql", "reason": "Drops a table."}],
        "data": [],
    }
    body.update(extra)
    return body


@pytest.fixture
def gate() -> respx.MockRouter:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client() -> TwoKeyClient:
    with TwoKeyClient(BASE, KEY, retries=2, backoff=0.0) as c:
        yield c


def _guarded(client: TwoKeyClient, calls: list[str], **kw: Any):  # type: ignore[no-untyped-def]
    @require_approval(client, requester="U0ALICE01", **kw)
    def drop(table: str) -> str:
        calls.append(table)
        return f"dropped {table}"

    return drop


def test_allowed_runs_without_redeeming(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    submit = gate.post("/v1/instructions").respond(200, json=_req("allowed"))
    redeem = gate.post("/v1/executions")
    calls: list[str] = []
    assert _guarded(client, calls)("tmp_scratch") == "dropped tmp_scratch"
    assert calls == ["tmp_scratch"]
    sent = json.loads(submit.calls.last.request.content)
    assert "text" not in sent
    assert sent["tool"] == {"name": "drop", "arguments": {"table": "tmp_scratch"}}
    assert sent["requester"] == "U0ALICE01"
    assert sent["idempotency_key"]
    assert submit.calls.last.request.headers["authorization"] == f"Bearer {KEY}"
    assert not redeem.called


def test_approved_after_wait_redeems_exact_text_then_runs(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending"))
    polls = gate.get("/v1/requests/TK-ABCDEFGHJK").mock(
        side_effect=[
            httpx.Response(200, json=_req("pending")),
            httpx.Response(200, json=_req("approved", execution_token="tok-1")),
        ]
    )
    redeem = gate.post("/v1/executions").respond(
        200, json={"id": "TK-ABCDEFGHJK", "status": "executed"}
    )
    calls: list[str] = []

    @require_approval(client, requester="U0ALICE01", describe=lambda t: f"DROP TABLE {t}")
    def drop(table: str) -> str:
        calls.append(table)
        return "done"

    assert drop("customers") == "done"
    assert calls == ["customers"]
    assert polls.call_count == 2
    assert polls.calls.last.request.url.params["wait"] == "60"
    assert json.loads(redeem.calls.last.request.content) == {
        "token": "tok-1",
        "text": "DROP TABLE customers",
    }


@pytest.mark.parametrize(
    ("status", "reason"),
    [("denied", "Not during the freeze."), ("expired", "No decision within 30 minutes.")],
)
def test_denied_or_expired_raises_and_never_runs(
    gate: respx.MockRouter, client: TwoKeyClient, status: str, reason: str
) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(200, json=_req(status, reason=reason))
    redeem = gate.post("/v1/executions")
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("customers")
    assert (caught.value.status, caught.value.reason, caught.value.request_id) == (
        status,
        reason,
        "TK-ABCDEFGHJK",
    )
    assert calls == []
    assert not redeem.called


def test_blocked_403_body_is_a_request_not_an_error(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(403, json=_req("blocked"))
    assert client.submit("rm -rf /", requester="U0ALICE01").status == "blocked"
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("x")
    assert caught.value.status == "blocked"
    assert caught.value.reason == "Drops a table."
    assert calls == []


def test_auth_error_is_not_approved_with_the_servers_detail(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(401, json={"detail": "invalid API key"})
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("x")
    assert caught.value.status == "error"
    assert caught.value.reason == "invalid API key"
    assert calls == []


def test_server_down_is_not_approved_after_bounded_retries(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    route = gate.post("/v1/instructions").mock(side_effect=httpx.ConnectError("refused"))
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("customers")
    assert caught.value.status == "unavailable"
    assert "ConnectError" in (caught.value.reason or "")
    assert route.call_count == 3  # one try + retries=2
    assert calls == []


def test_5xx_is_retried_with_the_same_idempotency_key_then_fails_closed(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    route = gate.post("/v1/instructions").respond(503, json={"detail": "database unreachable"})
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("customers")
    assert route.call_count == 3
    keys = {json.loads(c.request.content)["idempotency_key"] for c in route.calls}
    assert len(keys) == 1
    assert "database unreachable" in (caught.value.reason or "")
    assert calls == []


def test_5xx_then_success_recovers(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    gate.post("/v1/instructions").mock(
        side_effect=[httpx.Response(502), httpx.Response(200, json=_req("allowed"))]
    )
    calls: list[str] = []
    _guarded(client, calls)("t")
    assert calls == ["t"]


def test_server_dies_during_wait(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").mock(side_effect=httpx.ReadTimeout("slow"))
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("t")
    assert (caught.value.status, caught.value.request_id) == ("unavailable", "TK-ABCDEFGHJK")
    assert calls == []


def test_token_already_used_does_not_run(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending", text='drop(table="t")'))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(
        200, json=_req("approved", execution_token="tok-1")
    )
    gate.post("/v1/executions").respond(409, json={"detail": "execution token already used"})
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("t")
    assert caught.value.reason == "execution token already used"
    assert calls == []


def test_approved_without_token_does_not_run(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    gate.post("/v1/instructions").respond(200, json=_req("approved"))
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("t")
    assert caught.value.status == "approved"
    assert calls == []


def test_wait_timeout_cancels_and_does_not_run(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(200, json=_req("pending"))
    cancel = gate.post("/v1/requests/TK-ABCDEFGHJK/cancel").respond(200, json=_req("cancelled"))
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls, timeout=0.05)("t")
    assert caught.value.status == "pending"
    assert cancel.called
    assert calls == []


def test_validation_error_detail_names_the_field(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(
        422,
        json={"detail": [{"loc": ["body", "requester"], "msg": "unknown email", "type": "x"}]},
    )
    with pytest.raises(TwoKeyError) as caught:
        client.submit("x", requester="nobody@example.com")
    assert caught.value.status_code == 422
    assert caught.value.detail == "requester: unknown email"
    assert not isinstance(caught.value, TwoKeyUnavailable)


def test_mismatched_client_is_a_type_error(client: TwoKeyClient) -> None:
    with pytest.raises(TypeError):

        @require_approval(client, requester="U1")
        async def act() -> None:
            return None


# --- async -----------------------------------------------------------------


@pytest.fixture
async def aclient() -> AsyncTwoKeyClient:
    async with AsyncTwoKeyClient(BASE, KEY, retries=1, backoff=0.0) as c:
        yield c


async def test_async_approved_after_wait(
    gate: respx.MockRouter, aclient: AsyncTwoKeyClient
) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("awaiting_requester"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").mock(
        side_effect=[
            httpx.Response(200, json=_req("pending")),
            httpx.Response(200, json=_req("approved", execution_token="tok-2")),
        ]
    )
    redeem = gate.post("/v1/executions").respond(
        200, json={"id": "TK-ABCDEFGHJK", "status": "executed"}
    )
    calls: list[str] = []

    @require_approval(
        aclient, requester=lambda user, table: user, describe=lambda u, t: f"DROP {t}"
    )
    async def drop(user: str, table: str) -> int:
        calls.append(table)
        return 7

    assert await drop("U0BOB0001", "orders") == 7
    assert calls == ["orders"]
    assert json.loads(redeem.calls.last.request.content)["text"] == "DROP orders"
    sent = json.loads(gate.routes[0].calls.last.request.content)
    assert sent["requester"] == "U0BOB0001"


async def test_async_server_down(gate: respx.MockRouter, aclient: AsyncTwoKeyClient) -> None:
    route = gate.post("/v1/instructions").mock(side_effect=httpx.ConnectError("refused"))
    calls: list[str] = []

    @require_approval(aclient, requester="U1")
    async def act() -> None:
        calls.append("ran")

    with pytest.raises(NotApproved) as caught:
        await act()
    assert caught.value.status == "unavailable"
    assert route.call_count == 2
    assert calls == []


async def test_async_denied(gate: respx.MockRouter, aclient: AsyncTwoKeyClient) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(200, json=_req("denied", reason="No."))
    calls: list[str] = []

    @require_approval(aclient, requester="U1")
    async def act() -> None:
        calls.append("ran")

    with pytest.raises(NotApproved) as caught:
        await act()
    assert (caught.value.status, caught.value.reason) == ("denied", "No.")
    assert calls == []


# --- calls as structure ----------------------------------------------------------


def test_call_arguments_bind_positionals_defaults_varargs_and_skip_self() -> None:
    from twokey_client import call_arguments

    def run(sql: str, timeout: int = 30, *more: str, force: bool = False, **opts: object) -> None:
        return None

    assert call_arguments(run, ("DROP TABLE t",), {}) == {
        "sql": "DROP TABLE t",
        "timeout": 30,
        "more": [],
        "force": False,
    }
    assert call_arguments(run, ("x", 5, "a"), {"force": True, "region": "eu"}) == {
        "sql": "x",
        "timeout": 5,
        "more": ["a"],
        "force": True,
        "region": "eu",
    }

    class Warehouse:
        def drop(self, table: str) -> None:
            return None

    assert call_arguments(Warehouse.drop, (Warehouse(), "orders"), {}) == {"table": "orders"}


def test_unjsonable_values_reach_the_gate_as_data(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    from dataclasses import dataclass
    from pathlib import Path

    @dataclass
    class Target:
        bucket: str

    submit = gate.post("/v1/instructions").respond(200, json=_req("allowed"))

    @require_approval(client, requester="U0ALICE01")
    def upload(path: Path, target: Target, tags: set[str]) -> None:
        return None

    upload(Path("/tmp/customers.csv"), Target("acme-public"), {"b", "a"})
    sent = json.loads(submit.calls.last.request.content)["tool"]["arguments"]
    assert sent == {
        "path": "/tmp/customers.csv",
        "target": {"bucket": "acme-public"},
        "tags": ["a", "b"],
    }


def test_an_unknown_status_is_not_approved(gate: respx.MockRouter, client: TwoKeyClient) -> None:
    gate.post("/v1/instructions").respond(202, json=_req("pending", text="t()"))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(200, json=_req("approved_maybe"))
    calls: list[str] = []
    with pytest.raises(NotApproved) as caught:
        _guarded(client, calls)("t")
    assert caught.value.status == "approved_maybe" and "unknown status" in str(caught.value)
    assert calls == []


def test_approved_tool_call_redeems_the_text_the_gate_rendered(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    rendered = 'drop(table="orders")'
    gate.post("/v1/instructions").respond(202, json=_req("pending", text=rendered))
    gate.get("/v1/requests/TK-ABCDEFGHJK").respond(
        200, json=_req("approved", execution_token="tok-9")
    )
    redeem = gate.post("/v1/executions").respond(200, json={"id": "x", "status": "executed"})
    calls: list[str] = []
    _guarded(client, calls)("orders")
    assert json.loads(redeem.calls.last.request.content) == {"token": "tok-9", "text": rendered}
    assert calls == ["orders"]


async def test_the_sync_client_works_inside_a_running_event_loop(
    gate: respx.MockRouter, client: TwoKeyClient
) -> None:
    """No event loop of its own: a sync tool called from async code does not deadlock."""
    gate.post("/v1/instructions").respond(200, json=_req("allowed"))
    calls: list[str] = []
    _guarded(client, calls)("t")
    assert calls == ["t"]
