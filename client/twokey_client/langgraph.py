"""LangGraph / LangChain: TwoKey decides which tool calls interrupt a graph, and resumes it.

Two ways in, both pausing with LangGraph's `interrupt` (so the graph needs a checkpointer):

    review = TwoKeyReview()  # TWOKEY_URL, TWOKEY_API_KEY, TWOKEY_REQUESTER

    # LangGraph: gate a ToolNode (or call review.check(name, args, call_id) in any node)
    tools = ToolNode([run_sql], wrap_tool_call=review.wrap_tool_call,
                     awrap_tool_call=review.awrap_tool_call)
    # LangChain: the human-in-the-loop middleware, with TwoKey's per-tool predicate
    HumanInTheLoopMiddleware(interrupt_on=review.interrupt_on([run_sql]), interrupt_mode="per_call")

    graph.invoke(inputs, config)  # held in Slack: the run stops with an interrupt
    graph.invoke(review.decide(graph, config), config)  # waits for the decision, resumes

Every call goes to the gate as structure (the tool's name and all of its
arguments) under the idempotency key `langgraph:{thread_id}:{tool_call_id}`,
so the predicate, the node, `decide` and a process restarted on the same
checkpointer all find the same request. Allowed → no interrupt. Held → an
interrupt; `decide` answers it with TwoKey's decision: `approve`, or `reject`
with the reason the model reads (TwoKey has no approver-edited calls, so never
`edit`). The ToolNode wrapper does not trust the resume value: it asks TwoKey
again and redeems the approval itself. Fail closed: blocked, denied, expired,
the gate unreachable or an unknown status → the tool does not run and the
model reads why.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

try:
    from langchain_core.messages import AIMessage, ToolMessage
    from langgraph.config import get_config
    from langgraph.prebuilt.tool_node import ToolCallRequest
    from langgraph.types import Command, StateSnapshot, interrupt
except ImportError as exc:  # pragma: no cover — depends on the installation
    raise ImportError(
        "TwoKey's LangGraph integration needs langgraph: pip install 'twokey-client[langgraph]'"
    ) from exc

from twokey_client import protocol
from twokey_client.client import AsyncTwoKeyClient, TwoKeyClient
from twokey_client.messages import refused_reason
from twokey_client.protocol import (
    Approval,
    NotApproved,
    Op,
    TwoKeyError,
    failure,
    refusal,
)

INTERRUPT_TYPE = "twokey_approval"
"""The `type` of the interrupts TwoKey's own node raises."""

Handler = Callable[[ToolCallRequest], Any]
AsyncHandler = Callable[[ToolCallRequest], Awaitable[Any]]


def thread_id(config: Mapping[str, Any] | None = None) -> str:
    """The thread of a config, or of the running graph when called inside one."""
    if config is None:
        try:
            config = get_config()
        except RuntimeError:
            return ""
    configurable = config.get("configurable") or {}
    return str(configurable.get("thread_id") or "")


def idempotency_key(thread: str, call_id: str | None) -> str | None:
    return f"langgraph:{thread}:{call_id}"[:200] if call_id else None


class TwoKeyReview:
    """TwoKey as the reviewer of a graph's tool calls, for one requester."""

    def __init__(
        self,
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
    ) -> None:
        """`timeout`: seconds to wait for a person before withdrawing (None: TwoKey's expiry)."""
        self.client = TwoKeyClient(base_url, api_key)
        self._where = (base_url, api_key)
        self._async: AsyncTwoKeyClient | None = None
        self.requester = protocol.requester_from_env(requester)
        self.agent = agent or os.environ.get(protocol.ENV_AGENT) or None
        self.timeout = timeout

    @property
    def aclient(self) -> AsyncTwoKeyClient:
        if self._async is None:
            self._async = AsyncTwoKeyClient(*self._where)
        return self._async

    # -- the operations (driven by the sync or the async client) ---------------------------------

    def _submit(self, name: str, args: Mapping[str, Any], key: str | None) -> Op[Any]:
        body = protocol.submission(
            requester=self.requester, agent=self.agent, tool=(name, args), idempotency_key=key
        )
        return protocol.submit(self.client.gate, body)

    def _check(self, name: str, args: Mapping[str, Any], call_id: str | None) -> Op[Approval]:
        """Allowed → go; held → interrupt, then (on resume) ask again, wait and redeem."""
        try:
            request = yield from self._submit(name, args, idempotency_key(thread_id(), call_id))
        except TwoKeyError as exc:
            raise failure(exc) from exc
        if request.status == "allowed":
            return Approval(request, request.text or "")
        if request.status == "blocked":
            raise refusal(request)
        # Raised again on every re-execution (the same interrupts in the same order), so
        # the resume value is matched to this call; it is not trusted as a decision.
        answer = interrupt(
            {
                "type": INTERRUPT_TYPE,
                "request_id": request.id,
                "tool_call_id": call_id,
                "name": name,
                "args": dict(args),
                "expires_at": request.expires_at,
            }
        )
        if isinstance(answer, Mapping) and answer.get("type") == "reject":
            with contextlib.suppress(TwoKeyError):
                yield from protocol.cancel(
                    self.client.gate, request.id, reason="rejected on resume"
                )
            raise NotApproved("cancelled", str(answer.get("message") or "rejected"), request.id)
        return (yield from protocol.settle(self.client.gate, request, timeout=self.timeout))

    # -- inside a graph ----------------------------------------------------------------------------

    def check(self, name: str, args: Mapping[str, Any], call_id: str | None) -> Approval:
        """In a node: return once TwoKey allows or approves the call (interrupting while it is
        held); `NotApproved` otherwise. The node must not act on `NotApproved`."""
        return self.client.run(self._check(name, args, call_id))

    async def acheck(self, name: str, args: Mapping[str, Any], call_id: str | None) -> Approval:
        return await self.aclient.run(self._check(name, args, call_id))

    @staticmethod
    def _refused(request: ToolCallRequest, refused: NotApproved) -> ToolMessage:
        call = request.tool_call
        return ToolMessage(
            content=refused_reason(refused),
            name=call["name"],
            tool_call_id=call["id"],
            status="error",
        )

    def wrap_tool_call(self, request: ToolCallRequest, handler: Handler) -> Any:
        """`ToolNode(wrap_tool_call=…)`: run the call only once TwoKey allows or approves it."""
        call = request.tool_call
        try:
            self.check(call["name"], call["args"], call["id"])
        except NotApproved as refused:
            return self._refused(request, refused)
        return handler(request)

    async def awrap_tool_call(self, request: ToolCallRequest, handler: AsyncHandler) -> Any:
        call = request.tool_call
        try:
            await self.acheck(call["name"], call["args"], call["id"])
        except NotApproved as refused:
            return self._refused(request, refused)
        return await handler(request)

    def when(self, request: ToolCallRequest) -> bool:
        """The middleware's per-tool predicate: interrupt unless TwoKey allows the call.

        Stable on resume, as the middleware requires: the same call finds the same
        request, and only an allowed one (which stays allowed) skips the interrupt.
        """
        call = request.tool_call
        key = idempotency_key(thread_id(), call.get("id"))
        try:
            return (
                self.client.run(self._submit(call["name"], call["args"], key)).status != "allowed"
            )
        except TwoKeyError:
            return True  # fail closed: interrupt; `decide` asks again and says why

    def interrupt_on(self, tools: Sequence[Any]) -> dict[str, Any]:
        """`HumanInTheLoopMiddleware(interrupt_on=…)` for these tools (or tool names)."""
        names = [t if isinstance(t, str) else t.name for t in tools]
        return {n: {"allowed_decisions": ["approve", "reject"], "when": self.when} for n in names}

    # -- outside: answering the interrupts -------------------------------------------------------

    def _decision(self, name: str, args: Mapping[str, Any], key: str | None) -> dict[str, Any]:
        """The middleware's decision for one call: ask, wait, redeem; never raises."""
        try:
            request = self.client.run(self._submit(name, args, key))
            self.client.settle(request, timeout=self.timeout)
        except NotApproved as refused:
            return {"type": "reject", "message": refused_reason(refused)}
        except TwoKeyError as exc:
            return {"type": "reject", "message": refused_reason(failure(exc))}
        return {"type": "approve"}

    def _answer(self, value: Any, snapshot: StateSnapshot, thread: str) -> Any:
        if not isinstance(value, Mapping):
            return None
        if value.get("type") == INTERRUPT_TYPE:  # the node asks TwoKey again itself
            with contextlib.suppress(TwoKeyError):
                self.client.wait(str(value.get("request_id")), timeout=self.timeout)
            return {"type": INTERRUPT_TYPE}
        if value.get("type") == "tool_approval":  # the middleware, per call
            key = idempotency_key(thread, value.get("tool_call_id"))
            return self._decision(str(value.get("name")), value.get("args") or {}, key)
        if isinstance(value.get("action_requests"), list):  # the middleware, batched
            ids = _batched_call_ids(value["action_requests"], snapshot)
            return {
                "decisions": [
                    self._decision(
                        a.get("name", ""), a.get("args") or {}, idempotency_key(thread, i)
                    )
                    if i is not None
                    else {"type": "reject", "message": "TwoKey could not match this call; denied."}
                    for a, i in zip(value["action_requests"], ids, strict=True)
                ]
            }
        return None

    def _command(self, snapshot: StateSnapshot, thread: str) -> Command[Any]:
        resume = {}
        for pending in snapshot.interrupts:
            answer = self._answer(pending.value, snapshot, thread)
            if answer is not None:
                resume[pending.id] = answer
        return Command(resume=resume)

    def decide(self, graph: Any, config: Mapping[str, Any]) -> Command[Any]:
        """Wait for TwoKey's decisions on a paused thread; the `Command` that resumes it."""
        return self._command(graph.get_state(config), thread_id(config))

    async def adecide(self, graph: Any, config: Mapping[str, Any]) -> Command[Any]:
        snapshot = await graph.aget_state(config)
        return await asyncio.to_thread(self._command, snapshot, thread_id(config))


def _batched_call_ids(actions: Sequence[Any], snapshot: StateSnapshot) -> list[str | None]:
    """The tool call id of each batched action request: the middleware lists the last AI
    message's gated calls in order, without ids."""
    messages = (snapshot.values or {}).get("messages") or []
    last = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
    calls = list(last.tool_calls) if last is not None else []
    ids: list[str | None] = []
    for action in actions:
        match = next(
            (
                c
                for c in calls
                if isinstance(action, Mapping)
                and c["name"] == action.get("name")
                and c["args"] == action.get("args")
            ),
            None,
        )
        if match is not None:
            calls.remove(match)
        ids.append(match.get("id") if match is not None else None)
    return ids


__all__ = ["INTERRUPT_TYPE", "TwoKeyReview"]
