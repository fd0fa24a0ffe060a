"""The OpenAI Agents SDK, unmodified, with TwoKey deciding its tool approvals: the SDK's own
`ScriptedModel` plays the model (no network), a real TwoKey server on loopback decides."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from agents import (
    Agent,
    FunctionTool,
    RunConfig,
    Runner,
    RunState,
    ShellCommandRequest,
    ShellTool,
    function_tool,
)
from agents.mcp import MCPServerStdio
from agents.testing import ScriptedModel, assistant_message, function_call
from openai.types.responses import ResponseFunctionShellToolCall
from twokey_client.openai_agents import TwoKeyApprovals

from tests.client.conftest import APPROVALS_CHANNEL, Gate, card_posted
from tests.client.test_mcp_proxy import TOOLS, reached
from tests.conftest import wait_for
from tests.humanlayer.conftest import EMPLOYEE

RISKY = "DROP TABLE web_events"
CONFIG = RunConfig(tracing_disabled=True)


class Warehouse:
    """The tools' side effects, so a test sees exactly which calls ran."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, dict[str, Any]]] = []

    def tools(self) -> list[FunctionTool]:
        @function_tool
        def run_sql(sql: str) -> str:
            """Run one SQL statement on the warehouse."""
            self.ran.append(("run_sql", {"sql": sql}))
            return "1 statement executed"

        @function_tool
        def get_weather(city: str) -> str:
            """Today's weather in a city."""
            self.ran.append(("get_weather", {"city": city}))
            return f"sunny in {city}"

        return [run_sql, get_weather]


@pytest.fixture
def warehouse() -> Iterator[Warehouse]:
    yield Warehouse()


def agent_for(warehouse: Warehouse, gate: TwoKeyApprovals, *steps: Any) -> Agent[Any]:
    model = ScriptedModel(steps)
    return Agent(name="ops", model=model, tools=gate.protect(warehouse.tools()))


def sql_call(sql: str = RISKY, call_id: str = "call_sql_1") -> list[Any]:
    return [function_call("run_sql", {"sql": sql}, call_id=call_id)]


def tool_outputs(agent: Agent[Any]) -> list[str]:
    """What the model was told about its tool calls on its last turn."""
    call = agent.model.last_call  # type: ignore[union-attr]
    items = call.input if isinstance(call.input, list) else []
    return [str(i.get("output")) for i in items if i.get("type") == "function_call_output"]


async def test_allowed_call_runs_without_a_pause(
    gate_env: Callable[..., Gate], warehouse: Warehouse
) -> None:
    gate = gate_env()
    approvals = TwoKeyApprovals()
    agent = agent_for(
        warehouse,
        approvals,
        [function_call("get_weather", {"city": "Paris"}, call_id="call_w")],
        [assistant_message("it is sunny")],
    )
    result = await Runner.run(agent, "weather?", run_config=CONFIG)
    assert result.interruptions == []
    assert result.final_output == "it is sunny"
    assert warehouse.ran == [("get_weather", {"city": "Paris"})]
    assert not card_posted(gate.fake)


async def test_held_call_pauses_then_runs_once_approved_in_slack(
    gate_env: Callable[..., Gate], warehouse: Warehouse
) -> None:
    gate = gate_env()
    approvals = TwoKeyApprovals()
    agent = agent_for(warehouse, approvals, sql_call(), [assistant_message("dropped")])
    result = await Runner.run(agent, "drop it", run_config=CONFIG)
    assert [i.name for i in result.interruptions] == ["run_sql"]
    assert warehouse.ran == []
    await asyncio.to_thread(wait_for, lambda: card_posted(gate.fake), "the card")

    request_id = await asyncio.to_thread(gate.approve)
    state = result.to_state()
    [decision] = await approvals.decide(state)
    assert decision.approved and decision.request_id == request_id and decision.approvers
    result = await Runner.run(agent, state, run_config=CONFIG)
    assert result.final_output == "dropped"
    assert warehouse.ran == [("run_sql", {"sql": RISKY})]
    view = gate.server.call(gate.server.service.get(request_id))
    assert view.status == "executed"  # the approval was redeemed, once
    assert (view.requester, view.agent) == (EMPLOYEE, "opsbot")
    again = await approvals.submit("run_sql", {"sql": RISKY}, "call_sql_1")
    assert again.id == request_id  # the same call finds the same request
    assert again.text and again.text.startswith("run_sql(sql=") and RISKY in again.text


async def test_denied_call_is_rejected_with_the_approvers_reason(
    gate_env: Callable[..., Gate], warehouse: Warehouse
) -> None:
    gate = gate_env()
    approvals = TwoKeyApprovals()
    agent = agent_for(warehouse, approvals, sql_call(), [assistant_message("ok, not dropped")])
    result = await Runner.run(agent, "drop it", run_config=CONFIG)
    await asyncio.to_thread(gate.deny, "use the staging copy")
    state = result.to_state()
    [decision] = await approvals.decide(state)
    assert not decision.approved and "use the staging copy" in decision.message
    result = await Runner.run(agent, state, run_config=CONFIG)
    assert warehouse.ran == []
    [told] = tool_outputs(agent)
    assert told == decision.message and told.startswith("Denied in TwoKey")


async def test_expired_call_is_rejected(
    gate_env: Callable[..., Gate], warehouse: Warehouse
) -> None:
    gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    approvals = TwoKeyApprovals()
    agent = agent_for(warehouse, approvals, sql_call(), [assistant_message("nobody answered")])
    result = await Runner.run(agent, "drop it", run_config=CONFIG)
    state = result.to_state()
    [decision] = await asyncio.wait_for(approvals.decide(state), 30)
    assert not decision.approved and decision.message.startswith("Expired in TwoKey")
    await Runner.run(agent, state, run_config=CONFIG)
    assert warehouse.ran == [] and tool_outputs(agent) == [decision.message]


async def test_gate_down_pauses_even_a_harmless_call_and_rejects_it(
    gate_down: dict[str, str], warehouse: Warehouse
) -> None:
    approvals = TwoKeyApprovals()
    agent = agent_for(
        warehouse,
        approvals,
        [function_call("get_weather", {"city": "Paris"}, call_id="call_w")],
        [assistant_message("could not check")],
    )
    result = await Runner.run(agent, "weather?", run_config=CONFIG)
    assert [i.name for i in result.interruptions] == ["get_weather"]
    state = result.to_state()
    [decision] = await approvals.decide(state)
    assert not decision.approved and "could not decide" in decision.message
    await Runner.run(agent, state, run_config=CONFIG)
    assert warehouse.ran == []


async def test_a_restarted_process_resumes_the_saved_run_from_the_same_request(
    gate_env: Callable[..., Gate], warehouse: Warehouse
) -> None:
    gate = gate_env()
    first = agent_for(warehouse, TwoKeyApprovals(), sql_call())
    saved = (await Runner.run(first, "drop it", run_config=CONFIG)).to_state().to_string()
    request_id = await asyncio.to_thread(gate.approve)

    # A new process: new agent objects, a new gate client, the run state from storage.
    approvals = TwoKeyApprovals()
    agent = agent_for(warehouse, approvals, [assistant_message("dropped")])
    state = await RunState.from_string(agent, saved)
    [decision] = await approvals.decide(state)
    assert decision.approved and decision.request_id == request_id  # not a second request
    result = await Runner.run(agent, state, run_config=CONFIG)
    assert result.final_output == "dropped"
    assert warehouse.ran == [("run_sql", {"sql": RISKY})]
    assert len(gate.fake.messages_in(APPROVALS_CHANNEL)) == 1  # one card: one request


def test_tools_the_sdk_cannot_gate_per_call_are_refused(
    gate_env: Callable[..., Gate],
) -> None:
    gate_env()
    with pytest.raises(TypeError, match="no per-call approval predicate"):
        TwoKeyApprovals().protect([object()])


def shell_call(command: str, call_id: str) -> list[Any]:
    action = {"commands": [command], "timeout_ms": None, "max_output_length": None}
    return [
        ResponseFunctionShellToolCall(
            id=f"sh_{call_id}",
            call_id=call_id,
            type="shell_call",
            status="completed",
            action=action,
        )
    ]


async def test_local_shell_tool_is_gated_per_command(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    ran: list[list[str]] = []

    def execute(request: ShellCommandRequest) -> str:
        ran.append(list(request.data.action.commands))
        return "ok"

    approvals = TwoKeyApprovals()
    model = ScriptedModel(
        [
            shell_call("ls -la /srv/app", "call_ls"),
            shell_call("rm -rf /var/lib/postgresql/16/main", "call_rm"),
            [assistant_message("cleaned")],
        ]
    )
    agent = Agent(name="ops", model=model, tools=approvals.protect([ShellTool(executor=execute)]))
    result = await Runner.run(agent, "clean up", run_config=CONFIG)
    assert ran == [["ls -la /srv/app"]]  # allowed: no pause
    assert [i.name for i in result.interruptions] == ["shell"]
    await asyncio.to_thread(gate.approve)
    state = result.to_state()
    [decision] = await approvals.decide(state)
    assert decision.approved
    result = await Runner.run(agent, state, run_config=CONFIG)
    assert result.final_output == "cleaned"
    assert ran == [["ls -la /srv/app"], ["rm -rf /var/lib/postgresql/16/main"]]


async def test_a_call_the_sdk_will_not_show_the_predicate_pauses_and_twokey_still_decides(
    gate_env: Callable[..., Gate],
) -> None:
    """The SDK skips a callable `needs_approval` (and pauses) when validation would change
    the arguments, e.g. a default filled in; `decide` then asks TwoKey, which allows it."""
    gate = gate_env()
    ran: list[tuple[str, int]] = []

    @function_tool
    def list_tables(dataset: str, limit: int = 10) -> str:
        """List the tables of a dataset."""
        ran.append((dataset, limit))
        return "web_events"

    approvals = TwoKeyApprovals()
    model = ScriptedModel(
        [
            [function_call("list_tables", {"dataset": "analytics"}, call_id="call_lt")],
            [assistant_message("one table")],
        ]
    )
    agent = Agent(name="ops", model=model, tools=approvals.protect([list_tables]))
    result = await Runner.run(agent, "tables?", run_config=CONFIG)
    assert [i.name for i in result.interruptions] == ["list_tables"] and ran == []
    state = result.to_state()
    [decision] = await approvals.decide(state)
    assert decision.approved and decision.message.startswith("TwoKey allowed this call")
    result = await Runner.run(agent, state, run_config=CONFIG)
    assert ran == [("analytics", 10)] and not card_posted(gate.fake)


async def test_local_mcp_server_calls_pause_and_twokey_decides_each(
    gate_env: Callable[..., Gate], tmp_path: Path
) -> None:
    """The SDK's MCP approval callback does not see arguments, so every call pauses
    (`require_approval="always"`) and `decide` lets TwoKey judge name and arguments."""
    gate = gate_env()
    log = tmp_path / "calls.jsonl"
    params = {
        "command": sys.executable,
        "args": [TOOLS],
        "env": {**os.environ, "TOOLS_LOG": str(log)},
    }
    approvals = TwoKeyApprovals()
    model = ScriptedModel(
        [
            [
                function_call("get_weather", {"city": "Paris"}, call_id="call_w"),
                function_call("run_sql", {"sql": RISKY}, call_id="call_sql_1"),
            ],
            [assistant_message("done")],
        ]
    )
    async with MCPServerStdio(params=params, require_approval="always") as server:  # type: ignore[arg-type]
        agent = Agent(name="ops", model=model, mcp_servers=[server])
        result = await Runner.run(agent, "weather, then drop it", run_config=CONFIG)
        assert sorted(i.name or "" for i in result.interruptions) == ["get_weather", "run_sql"]
        assert reached(log) == []
        state = result.to_state()
        deciding = asyncio.ensure_future(approvals.decide(state))
        request_id = await asyncio.to_thread(gate.approve)  # only run_sql needs a person
        decisions = await asyncio.wait_for(deciding, 20)
        assert all(d.approved for d in decisions)
        assert {d.tool: d.request_id == request_id for d in decisions} == {
            "get_weather": False,
            "run_sql": True,
        }
        result = await Runner.run(agent, state, run_config=CONFIG)
    assert result.final_output == "done"
    assert sorted(c["tool"] for c in reached(log)) == ["get_weather", "run_sql"]
    assert len(gate.fake.messages_in(APPROVALS_CHANNEL)) == 1
