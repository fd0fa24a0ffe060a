"""LangGraph and LangChain, unmodified, with TwoKey reviewing their tool calls: a graph with
no model (the AI message is the input) and LangChain's agent with a fake chat model, each
with a checkpointer, against a real TwoKey server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.tools import BaseTool, tool
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import Command
from twokey_client.langgraph import INTERRUPT_TYPE, TwoKeyReview

from tests.client.conftest import APPROVALS_CHANNEL, Gate, card_posted
from tests.humanlayer.conftest import EMPLOYEE

RISKY = "DROP TABLE web_events"
THREAD = {"configurable": {"thread_id": "thread-1"}}


class Warehouse:
    """The tools' side effects, so a test sees exactly which calls ran."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, dict[str, Any]]] = []

    def tools(self) -> list[BaseTool]:
        @tool
        def run_sql(sql: str) -> str:
            """Run one SQL statement on the warehouse."""
            self.ran.append(("run_sql", {"sql": sql}))
            return "1 statement executed"

        @tool
        def get_weather(city: str) -> str:
            """Today's weather in a city."""
            self.ran.append(("get_weather", {"city": city}))
            return f"sunny in {city}"

        return [run_sql, get_weather]


def ai_call(name: str, args: dict[str, Any], call_id: str) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id}])


SQL = ai_call("run_sql", {"sql": RISKY}, "call_sql_1")
WEATHER = ai_call("get_weather", {"city": "Paris"}, "call_w")


def tool_graph(warehouse: Warehouse, review: TwoKeyReview, saver: InMemorySaver) -> Any:
    """The smallest agent loop's tool half: the AI message comes in, the ToolNode acts."""
    node = ToolNode(
        warehouse.tools(),
        wrap_tool_call=review.wrap_tool_call,
        awrap_tool_call=review.awrap_tool_call,
    )
    builder = StateGraph(MessagesState)
    builder.add_node("tools", node)
    builder.add_edge(START, "tools")
    builder.add_edge("tools", END)
    return builder.compile(checkpointer=saver)


def last_tool_message(result: dict[str, Any]) -> ToolMessage:
    message = result["messages"][-1]
    assert isinstance(message, ToolMessage)
    return message


# ---- LangGraph: a ToolNode wrapped by TwoKey ---------------------------------------------


def test_graph_allowed_call_runs_without_an_interrupt(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    graph = tool_graph(warehouse, TwoKeyReview(), InMemorySaver())
    result = graph.invoke({"messages": [WEATHER]}, THREAD)
    assert "__interrupt__" not in result
    assert last_tool_message(result).content == "sunny in Paris"
    assert warehouse.ran == [("get_weather", {"city": "Paris"})]
    assert not card_posted(gate.fake)


def test_graph_held_call_interrupts_then_runs_once_approved(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    review = TwoKeyReview()
    graph = tool_graph(warehouse, review, InMemorySaver())
    result = graph.invoke({"messages": [SQL]}, THREAD)
    [pending] = result["__interrupt__"]
    assert pending.value["type"] == INTERRUPT_TYPE and pending.value["name"] == "run_sql"
    assert pending.value["args"] == {"sql": RISKY} and warehouse.ran == []

    request_id = gate.approve()
    assert pending.value["request_id"] == request_id
    result = graph.invoke(review.decide(graph, THREAD), THREAD)
    assert last_tool_message(result).content == "1 statement executed"
    assert warehouse.ran == [("run_sql", {"sql": RISKY})]
    view = gate.server.call(gate.server.service.get(request_id))
    assert view.status == "executed"
    assert (view.requester, view.agent) == (EMPLOYEE, "opsbot")


def test_graph_resumed_without_a_decision_still_asks_twokey(gate_env: Callable[..., Gate]) -> None:
    """A resume value is not a decision: resuming with "approve" while TwoKey denied it
    does not run the tool."""
    gate = gate_env()
    warehouse = Warehouse()
    graph = tool_graph(warehouse, TwoKeyReview(), InMemorySaver())
    graph.invoke({"messages": [SQL]}, THREAD)
    gate.deny("not during the freeze")
    result = graph.invoke(Command(resume={"type": "approve"}), THREAD)
    message = last_tool_message(result)
    assert message.status == "error" and "not during the freeze" in str(message.content)
    assert warehouse.ran == []


def test_graph_denied_call_tells_the_model_the_reason(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    review = TwoKeyReview()
    graph = tool_graph(warehouse, review, InMemorySaver())
    graph.invoke({"messages": [SQL]}, THREAD)
    gate.deny("use the staging copy")
    result = graph.invoke(review.decide(graph, THREAD), THREAD)
    message = last_tool_message(result)
    assert message.status == "error" and message.tool_call_id == "call_sql_1"
    assert str(message.content).startswith("Denied in TwoKey")
    assert "use the staging copy" in str(message.content)
    assert warehouse.ran == []


def test_graph_expired_call_does_not_run(gate_env: Callable[..., Gate]) -> None:
    gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    warehouse = Warehouse()
    review = TwoKeyReview()
    graph = tool_graph(warehouse, review, InMemorySaver())
    graph.invoke({"messages": [SQL]}, THREAD)
    result = graph.invoke(review.decide(graph, THREAD), THREAD)
    assert str(last_tool_message(result).content).startswith("Expired in TwoKey")
    assert warehouse.ran == []


def test_graph_gate_down_refuses_without_running(gate_down: dict[str, str]) -> None:
    warehouse = Warehouse()
    graph = tool_graph(warehouse, TwoKeyReview(), InMemorySaver())
    result = graph.invoke({"messages": [WEATHER]}, THREAD)
    assert "__interrupt__" not in result
    message = last_tool_message(result)
    assert message.status == "error" and "could not decide" in str(message.content)
    assert warehouse.ran == []


def test_graph_restarted_process_resumes_from_the_checkpoint(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    saver = InMemorySaver()  # stands for a durable checkpointer shared by both processes
    tool_graph(warehouse, TwoKeyReview(), saver).invoke({"messages": [SQL]}, THREAD)
    request_id = gate.approve()

    review = TwoKeyReview()  # the new process: new graph, new client, same checkpoints
    graph = tool_graph(warehouse, review, saver)
    result = graph.invoke(review.decide(graph, THREAD), THREAD)
    assert last_tool_message(result).content == "1 statement executed"
    assert warehouse.ran == [("run_sql", {"sql": RISKY})]
    assert len(gate.fake.messages_in(APPROVALS_CHANNEL)) == 1  # one card: one request
    assert gate.server.call(gate.server.service.get(request_id)).status == "executed"


async def test_graph_async_held_then_approved(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    review = TwoKeyReview()
    graph = tool_graph(warehouse, review, InMemorySaver())
    result = await graph.ainvoke({"messages": [SQL]}, THREAD)
    assert result["__interrupt__"] and warehouse.ran == []
    await asyncio.to_thread(gate.approve)
    result = await graph.ainvoke(await review.adecide(graph, THREAD), THREAD)
    assert last_tool_message(result).content == "1 statement executed"
    assert warehouse.ran == [("run_sql", {"sql": RISKY})]


# ---- LangChain: the human-in-the-loop middleware with TwoKey's predicate -------------------


class ScriptedChat(GenericFakeChatModel):
    """langchain_core's fake chat model; agents bind tools, which it can ignore."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChat:
        return self


def agent_with(warehouse: Warehouse, review: TwoKeyReview, mode: str, *replies: AIMessage) -> Any:
    tools = warehouse.tools()
    model = ScriptedChat(messages=iter([*replies, AIMessage(content="done")]))
    middleware = HumanInTheLoopMiddleware(
        interrupt_on=review.interrupt_on(tools),
        interrupt_mode=mode,  # type: ignore[arg-type]
    )
    return create_agent(model, tools, middleware=[middleware], checkpointer=InMemorySaver())


MODES = pytest.mark.parametrize("mode", ["per_call", "batched"])


@MODES
def test_middleware_allowed_call_runs_without_an_interrupt(
    gate_env: Callable[..., Gate], mode: str
) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    agent = agent_with(warehouse, TwoKeyReview(), mode, WEATHER)
    result = agent.invoke({"messages": [("user", "weather?")]}, THREAD)
    assert "__interrupt__" not in result and result["messages"][-1].content == "done"
    assert warehouse.ran == [("get_weather", {"city": "Paris"})]
    assert not card_posted(gate.fake)


@MODES
def test_middleware_held_call_runs_once_approved(gate_env: Callable[..., Gate], mode: str) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    review = TwoKeyReview()
    # A harmless call beside the risky one: only the risky one is reviewed.
    both = AIMessage(content="", tool_calls=[*WEATHER.tool_calls, *SQL.tool_calls])
    agent = agent_with(warehouse, review, mode, both)
    result = agent.invoke({"messages": [("user", "drop it")]}, THREAD)
    assert result["__interrupt__"] and ("run_sql", {"sql": RISKY}) not in warehouse.ran
    request_id = gate.approve()
    result = agent.invoke(review.decide(agent, THREAD), THREAD)
    assert result["messages"][-1].content == "done"
    assert ("run_sql", {"sql": RISKY}) in warehouse.ran
    assert gate.server.call(gate.server.service.get(request_id)).status == "executed"


@MODES
def test_middleware_denied_call_is_rejected_with_the_reason(
    gate_env: Callable[..., Gate], mode: str
) -> None:
    gate = gate_env()
    warehouse = Warehouse()
    review = TwoKeyReview()
    agent = agent_with(warehouse, review, mode, SQL)
    agent.invoke({"messages": [("user", "drop it")]}, THREAD)
    gate.deny("use the staging copy")
    result = agent.invoke(review.decide(agent, THREAD), THREAD)
    [told] = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert told.status == "error" and "use the staging copy" in str(told.content)
    assert warehouse.ran == []


def test_middleware_expired_call_is_rejected(gate_env: Callable[..., Gate]) -> None:
    gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    warehouse = Warehouse()
    review = TwoKeyReview()
    agent = agent_with(warehouse, review, "per_call", SQL)
    agent.invoke({"messages": [("user", "drop it")]}, THREAD)
    result = agent.invoke(review.decide(agent, THREAD), THREAD)
    [told] = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert "Expired in TwoKey" in str(told.content) and warehouse.ran == []


def test_middleware_gate_down_interrupts_and_rejects(gate_down: dict[str, str]) -> None:
    warehouse = Warehouse()
    review = TwoKeyReview()
    agent = agent_with(warehouse, review, "per_call", WEATHER)
    result = agent.invoke({"messages": [("user", "weather?")]}, THREAD)
    assert result["__interrupt__"]  # even a harmless call: nobody could say it is harmless
    result = agent.invoke(review.decide(agent, THREAD), THREAD)
    [told] = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert "could not decide" in str(told.content) and warehouse.ran == []
