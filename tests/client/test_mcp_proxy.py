"""`twokey mcp-proxy -- COMMAND…` driven by the `mcp` SDK's own client over stdio, in front
of a small real MCP server, against a real TwoKey server on loopback."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from twokey_client.mcp.proxy import main

from tests.client.conftest import Gate, card_posted
from tests.humanlayer.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
TOOLS = str(Path(__file__).with_name("mcp_tools.py"))
RISKY = "DROP TABLE web_events"


@asynccontextmanager
async def proxied(
    env: dict[str, str], log: Path, via: str = "client", *extra: str
) -> AsyncIterator[ClientSession]:
    head = {
        "client": [sys.executable, "-m", "twokey_client.mcp.proxy"],
        "twokey": [sys.executable, "-m", "bot", "mcp-proxy"],
    }[via]
    command = [*head, *extra, "--", sys.executable, TOOLS]
    params = StdioServerParameters(
        command=command[0],
        args=command[1:],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT), "TOOLS_LOG": str(log)},
        cwd=str(ROOT),
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


def reached(log: Path) -> list[dict[str, object]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def text_of(result: object) -> str:
    return " ".join(getattr(c, "text", "") for c in result.content)  # type: ignore[attr-defined]


async def test_tools_pass_through_and_allowed_calls_run_at_once(
    gate_env: Callable[..., Gate], tmp_path: Path
) -> None:
    gate = gate_env()
    log = tmp_path / "calls.jsonl"
    async with proxied(gate.env, log, "twokey") as session:
        names = {t.name for t in (await session.list_tools()).tools}
        assert names == {"get_weather", "run_sql"}
        result = await asyncio.wait_for(session.call_tool("get_weather", {"city": "Paris"}), 20)
    assert not result.isError and text_of(result) == "sunny in Paris"
    assert reached(log) == [{"tool": "get_weather", "arguments": {"city": "Paris"}}]
    assert not card_posted(gate.fake)


async def test_held_call_runs_after_approval_in_slack(
    gate_env: Callable[..., Gate], tmp_path: Path
) -> None:
    gate = gate_env()
    log = tmp_path / "calls.jsonl"
    async with proxied(gate.env, log) as session:
        call = asyncio.ensure_future(session.call_tool("run_sql", {"sql": RISKY}))
        await asyncio.to_thread(wait_for, lambda: card_posted(gate.fake), 15, "the card")
        await asyncio.sleep(0.2)
        assert not call.done() and reached(log) == []
        request_id = await asyncio.to_thread(gate.approve)
        result = await asyncio.wait_for(call, 20)
    assert not result.isError and text_of(result) == "1 statement executed"
    assert reached(log) == [{"tool": "run_sql", "arguments": {"sql": RISKY}}]
    view = gate.server.call(gate.server.service.get(request_id))
    assert view.status == "executed"


async def test_denied_call_is_a_tool_error_with_the_reason(
    gate_env: Callable[..., Gate], tmp_path: Path
) -> None:
    gate = gate_env()
    log = tmp_path / "calls.jsonl"
    async with proxied(gate.env, log) as session:
        call = asyncio.ensure_future(session.call_tool("run_sql", {"sql": RISKY}))
        await asyncio.to_thread(gate.deny, "use the staging copy")
        result = await asyncio.wait_for(call, 20)
    assert result.isError
    assert "denied by an approver: use the staging copy" in text_of(result)
    assert reached(log) == []


async def test_expired_call_is_a_tool_error(gate_env: Callable[..., Gate], tmp_path: Path) -> None:
    gate = gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    log = tmp_path / "calls.jsonl"
    async with proxied(gate.env, log) as session:
        result = await asyncio.wait_for(session.call_tool("run_sql", {"sql": RISKY}), 30)
    assert result.isError and "nobody approved `run_sql` in time" in text_of(result)
    assert reached(log) == []


async def test_gate_down_is_a_tool_error_and_nothing_runs(
    gate_down: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "calls.jsonl"
    async with proxied(gate_down, log) as session:
        result = await asyncio.wait_for(session.call_tool("get_weather", {"city": "Paris"}), 30)
    assert result.isError and "could not decide" in text_of(result)
    assert reached(log) == []


async def test_missing_configuration_refuses_every_call(tmp_path: Path) -> None:
    log = tmp_path / "calls.jsonl"
    env = {"TWOKEY_URL": "", "TWOKEY_API_KEY": "", "TWOKEY_REQUESTER": ""}
    async with proxied(env, log) as session:
        result = await asyncio.wait_for(session.call_tool("get_weather", {"city": "Paris"}), 30)
    assert result.isError and "TWOKEY_URL" in text_of(result)
    assert reached(log) == []


def test_help_prints_usage_instead_of_starting_a_server() -> None:
    """`--help` before `--` is the proxy's own option, never the command to run."""
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    with pytest.raises(SystemExit) as exit_:
        main(["--timeout", "5"])
    assert exit_.value.code == 2
