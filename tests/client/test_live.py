"""`require_approval` from the light client against a real server on loopback:
allowed without a pause, held then approved, denied with the reason, expired, gate down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from twokey_client import AsyncTwoKeyClient, NotApproved, TwoKeyClient, require_approval

from tests.client.conftest import Gate, card_posted
from tests.conftest import wait_for

RISKY = "DROP TABLE web_events"


def test_allowed_runs_without_a_pause(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    ran: list[str] = []

    @require_approval()
    def get_weather(city: str, days: int = 3) -> str:
        ran.append(city)
        return "sunny"

    started = time.monotonic()
    assert get_weather("Paris") == "sunny"
    assert time.monotonic() - started < 5
    assert ran == ["Paris"] and not card_posted(gate.fake)


def test_held_positional_call_runs_once_after_approval(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    ran: list[str] = []

    @require_approval()
    def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_sql, RISKY)  # positional: bound to `sql` and sent as structure
        wait_for(lambda: card_posted(gate.fake), what="the approval card")
        time.sleep(0.2)
        assert not result.done() and ran == []
        request_id = gate.approve()
        assert result.result(timeout=20) == "done"
    assert ran == [RISKY]
    view = gate.server.call(gate.server.service.get(request_id))
    assert view.status == "executed"
    assert view.instruction.startswith("run_sql(sql=<SQL 1 below>)")


def test_denied_raises_with_the_approvers_reason(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    ran: list[str] = []

    @require_approval()
    def run_sql(sql: str) -> None:
        ran.append(sql)

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_sql, sql=RISKY)
        gate.deny("use the staging copy")
        with pytest.raises(NotApproved) as caught:
            result.result(timeout=20)
    refusal = caught.value
    assert (refusal.status, refusal.reason) == ("denied", "use the staging copy")
    assert refusal.decided_by == "U0PLAT001"
    assert ran == []


def test_expired_is_not_approved(gate_env: Callable[..., Gate]) -> None:
    gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    ran: list[str] = []

    @require_approval()
    def run_sql(sql: str) -> None:
        ran.append(sql)

    with pytest.raises(NotApproved) as caught:
        run_sql(RISKY)
    assert caught.value.status == "expired"
    assert ran == []


def test_gate_down_is_not_approved_quickly(gate_down: dict[str, str]) -> None:
    ran: list[str] = []

    @require_approval(TwoKeyClient(retries=1, backoff=0.01))
    def get_weather(city: str) -> None:
        ran.append(city)

    started = time.monotonic()
    with pytest.raises(NotApproved) as caught:
        get_weather("Paris")
    assert caught.value.status == "unavailable"
    assert "ConnectError" in (caught.value.reason or "")
    assert time.monotonic() - started < 5 and ran == []


def test_missing_configuration_is_not_approved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TWOKEY_URL", raising=False)
    ran: list[str] = []

    @require_approval(requester="U0EMP0001")
    def get_weather(city: str) -> None:
        ran.append(city)

    with pytest.raises(NotApproved) as caught:
        get_weather("Paris")
    assert caught.value.status == "error" and "TWOKEY_URL" in (caught.value.reason or "")
    assert ran == []


async def test_async_held_then_approved(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    ran: list[str] = []
    client = AsyncTwoKeyClient()

    @require_approval(client)
    async def rmtree(path: str) -> str:
        ran.append(path)
        return "gone"

    task = asyncio.ensure_future(rmtree("/srv/shared/cache"))
    await asyncio.to_thread(wait_for, lambda: card_posted(gate.fake), "the card")
    assert not task.done()
    await asyncio.to_thread(gate.approve)
    assert await asyncio.wait_for(task, 20) == "gone"
    assert ran == ["/srv/shared/cache"]
    await client.aclose()
