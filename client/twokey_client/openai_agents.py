"""OpenAI Agents SDK: TwoKey decides which tool calls pause a run and how a paused run resumes.

    from twokey_client.openai_agents import TwoKeyApprovals

    gate = TwoKeyApprovals()  # TWOKEY_URL, TWOKEY_API_KEY, TWOKEY_REQUESTER
    agent = Agent(name="ops", tools=gate.protect([run_sql, shell]))
    result = await Runner.run(agent, "clean up staging")
    while result.interruptions:  # held in Slack; save result.to_state().to_string() to resume later
        state = result.to_state()
        await gate.decide(state)  # waits for the decision, approves or rejects each call
        result = await Runner.run(agent, state)

`protect` sets each tool's `needs_approval` to a predicate that sends the call
(tool name and every argument, as structure) to the gate: allowed → the tool
runs without a pause; anything else (held, blocked, the gate down) → the run
pauses with an interruption. `decide` asks again with the same idempotency key
(`openai-agents:{call_id}`), so after a restart a `RunState` restored with
`RunState.from_string` finds the same request; it waits for the decision,
redeems an approval, and approves the item, or rejects it with the reason as
the message the model reads. Fail closed: an unreachable gate, a timeout or an
unknown status rejects. (The SDK pauses without asking the predicate when
validation would change a call's arguments, e.g. a default filled in; `decide`
then asks TwoKey, and an allowed call is approved without a person.)

Local MCP servers: the SDK's `require_approval` callable does not see a call's
arguments, so give the server `require_approval="always"`: every call pauses
and `decide` lets TwoKey judge its name and arguments (an allowed call is
approved without a person). Or run it behind `twokey mcp-proxy`, which holds
the call itself. Hosted shell tools take no approval predicate in the SDK;
local `ShellTool`s do.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

try:
    from agents import FunctionTool, RunContextWrapper, RunState, ShellTool, ToolApprovalItem
except ImportError as exc:  # pragma: no cover — depends on the installation
    raise ImportError(
        "TwoKey's OpenAI Agents integration needs the SDK: "
        "pip install 'twokey-client[openai-agents]'"
    ) from exc

from twokey_client.client import AsyncTwoKeyClient
from twokey_client.messages import allowed_reason, refused_reason
from twokey_client.protocol import (
    ENV_AGENT,
    GateRequest,
    NotApproved,
    TwoKeyError,
    failure,
    jsonable,
    requester_from_env,
)

T = TypeVar("T")
Predicate = Callable[[RunContextWrapper[Any], Any, str], Awaitable[bool]]


@dataclass(frozen=True)
class Decision:
    """TwoKey's answer for one interrupted tool call, as applied to the `RunState`."""

    call_id: str | None
    tool: str
    approved: bool
    message: str
    """For a rejection, exactly what the model reads; for an approval, who approved and why."""
    request_id: str | None = None
    approvers: list[str] = field(default_factory=list)
    comment: str | None = None


def idempotency_key(call_id: str | None) -> str | None:
    """One TwoKey request per model tool call: the predicate and `decide` share it."""
    return f"openai-agents:{call_id}"[:200] if call_id else None


def shell_arguments(action: Any) -> dict[str, Any]:
    """A shell call's arguments as the gate reads them (from the SDK's action or raw item)."""
    data = jsonable(action)
    if not isinstance(data, dict):
        return {"action": data}
    return {k: data[k] for k in ("commands", "timeout_ms", "max_output_length") if k in data}


def call_of(item: ToolApprovalItem) -> tuple[str, dict[str, Any]]:
    """The tool's name and arguments of an interruption, the way the predicate saw them."""
    raw = item.raw_item
    action = raw.get("action") if isinstance(raw, dict) else getattr(raw, "action", None)
    if action is not None:
        return item.name or "shell", shell_arguments(action)
    name, text = item.name or "unknown_tool", item.arguments
    if text is None:
        return name, {}
    try:
        arguments = json.loads(text)
    except ValueError:
        return name, {"arguments": text}
    return name, arguments if isinstance(arguments, dict) else {"input": arguments}


class TwoKeyApprovals:
    """TwoKey as the approver of an agent's tool calls, for one requester."""

    def __init__(
        self,
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
    ) -> None:
        """`timeout`: seconds `decide` waits before withdrawing (None: until TwoKey's expiry)."""
        self.client = AsyncTwoKeyClient(base_url, api_key)
        self.requester = requester_from_env(requester)
        self.agent = agent or os.environ.get(ENV_AGENT) or None
        self.timeout = timeout

    async def submit(self, name: str, arguments: Any, call_id: str | None) -> GateRequest:
        return await self.client.submit(
            tool=(name, arguments if isinstance(arguments, dict) else {"input": arguments}),
            requester=self.requester,
            agent=self.agent,
            idempotency_key=idempotency_key(call_id),
        )

    async def _pauses(self, name: str, arguments: Any, call_id: str) -> bool:
        try:
            request = await self.submit(name, arguments, call_id)
        except TwoKeyError:
            return True  # fail closed: pause; `decide` asks again and says why
        return request.status != "allowed"

    def needs_approval(self, name: str) -> Predicate:
        """The `needs_approval` predicate of the tool called `name`."""

        async def predicate(_ctx: RunContextWrapper[Any], params: Any, call_id: str) -> bool:
            return await self._pauses(name, params, call_id)

        return predicate

    def shell_needs_approval(self, name: str = "shell") -> Predicate:
        """The `needs_approval` predicate of a local `ShellTool` called `name`."""

        async def predicate(_ctx: RunContextWrapper[Any], action: Any, call_id: str) -> bool:
            return await self._pauses(name, shell_arguments(action), call_id)

        return predicate

    def protect(self, tools: Sequence[T]) -> list[T]:
        """Gate each function tool and local shell tool (in place); others are an error."""
        for tool in tools:
            if isinstance(tool, FunctionTool):
                tool.needs_approval = self.needs_approval(tool.name)
            elif isinstance(tool, ShellTool) and tool.executor is not None:
                tool.needs_approval = self.shell_needs_approval(tool.name)
            else:
                raise TypeError(
                    f"TwoKey cannot gate {type(tool).__name__} {getattr(tool, 'name', '')!r}: "
                    "the SDK offers it no per-call approval predicate"
                )
        return list(tools)

    async def decide_one(self, item: ToolApprovalItem) -> Decision:
        """Ask, wait, redeem: TwoKey's decision on one interruption (never raises)."""
        name, arguments = call_of(item)
        request_id: str | None = None
        try:
            request = await self.submit(name, arguments, item.call_id)
            request_id = request.id
            approval = await self.client.settle(request, timeout=self.timeout)
        except NotApproved as refusal:
            return Decision(item.call_id, name, False, refused_reason(refusal), refusal.request_id)
        except TwoKeyError as exc:
            return Decision(item.call_id, name, False, refused_reason(failure(exc, request_id)))
        except Exception as exc:  # fail closed on anything unforeseen, and say so
            why = f"TwoKey could not decide ({type(exc).__name__}: {exc}), so it was not run."
            return Decision(item.call_id, name, False, why, request_id)
        return Decision(
            item.call_id,
            name,
            True,
            allowed_reason(approval),
            approval.request.id,
            approval.approvers,
            approval.comment,
        )

    async def decide(self, state: RunState[Any, Any]) -> list[Decision]:
        """Apply TwoKey's decision to every interruption of a paused run (waits for people)."""
        items = state.get_interruptions()
        decisions = await asyncio.gather(*(self.decide_one(item) for item in items))
        for item, decision in zip(items, decisions, strict=True):
            if decision.approved:
                state.approve(item)
            else:
                state.reject(item, rejection_message=decision.message)
        return list(decisions)


__all__ = ["Decision", "TwoKeyApprovals", "call_of"]
