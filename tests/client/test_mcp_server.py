"""The TwoKey MCP server (`twokey-mcp`) driven by the `mcp` SDK's own client over stdio,
against a real TwoKey server on loopback."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from tests.client.conftest import Gate, card_posted
from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
RISKY = {"tool_name": "run_sql", "arguments": {"sql": "DROP TABLE web_events"}}


@asynccontextmanager
async def twokey_mcp(env: dict[str, str]) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "twokey_client.mcp.server"],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        cwd=str(ROOT),
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


async def call(session: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await asyncio.wait_for(session.call_tool(tool, arguments), 30)
    assert not result.isError, result.content
    assert isinstance(result.structuredContent, dict)
    return result.structuredContent.get("result", result.structuredContent)  # type: ignore[no-any-return]


async def test_lists_its_three_tools_and_allows_a_harmless_call(
    gate_env: Callable[..., Gate],
) -> None:
    gate = gate_env()
    async with twokey_mcp(gate.env) as session:
        names = {t.name for t in (await session.list_tools()).tools}
        assert names == {"check", "request_approval", "wait_for_decision"}
        verdict = await call(session, "check", tool_name="get_weather", arguments={"city": "Paris"})
    assert verdict["go_ahead"] is True and verdict["status"] == "allowed"
    assert not card_posted(gate.fake)


async def test_check_holds_then_wait_for_decision_returns_the_approval(
    gate_env: Callable[..., Gate],
) -> None:
    gate = gate_env()
    async with twokey_mcp(gate.env) as session:
        held = await call(session, "check", **RISKY)
        assert held["go_ahead"] is False and held["status"] == "pending"
        waiting = asyncio.ensure_future(
            call(session, "wait_for_decision", request_id=held["request_id"])
        )
        await asyncio.to_thread(gate.approve)
        verdict = await asyncio.wait_for(waiting, 30)
    assert verdict["go_ahead"] is True and verdict["approved_by"] == ["U0PLAT001"]
    view = gate.server.call(gate.server.service.get(held["request_id"]))
    assert view.status == "executed"


async def test_request_approval_denied_carries_the_reason(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    async with twokey_mcp(gate.env) as session:
        asking = asyncio.ensure_future(call(session, "request_approval", **RISKY))
        await asyncio.to_thread(wait_for, lambda: card_posted(gate.fake), "the card")
        await asyncio.to_thread(gate.deny, "use the staging copy")
        verdict = await asyncio.wait_for(asking, 30)
    assert verdict == {
        "go_ahead": False,
        "status": "denied",
        "request_id": verdict["request_id"],
        "reason": "use the staging copy",
        "decided_by": "U0PLAT001",
    }


async def test_request_approval_expired(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    async with twokey_mcp(gate.env) as session:
        verdict = await call(session, "request_approval", **RISKY)
    assert verdict["go_ahead"] is False and verdict["status"] == "expired"


async def test_gate_down_is_no_go(gate_down: dict[str, str]) -> None:
    async with twokey_mcp(gate_down) as session:
        verdict = await call(session, "request_approval", text="ls -la")
    assert verdict["go_ahead"] is False and verdict["status"] == "unavailable"
