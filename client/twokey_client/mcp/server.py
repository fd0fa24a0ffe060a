"""A TwoKey MCP server: `check`, `request_approval` and `wait_for_decision` as tools.

For agents that should ask before acting on their own judgement: an MCP client
(Claude Desktop, an IDE, an agent framework) runs `twokey-mcp` over stdio with
`TWOKEY_URL`, `TWOKEY_API_KEY` and `TWOKEY_REQUESTER` set. Every answer carries
`go_ahead`: true only when TwoKey allowed the action or a person approved it
(the approval is redeemed, so it is spent once); anything else — held,
blocked, denied, expired, the gate unreachable — is false with the reason.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mcp.server.fastmcp import FastMCP

from twokey_client import protocol
from twokey_client.client import AsyncTwoKeyClient
from twokey_client.protocol import (
    Approval,
    GateRequest,
    NotApproved,
    TwoKeyError,
    failure,
    requester_from_env,
    submission,
)

DEFAULT_WAIT = 600.0
MAX_REMEMBERED = 1000
"""Texts of submitted requests kept for redeeming; an older one can no longer be redeemed."""

mcp = FastMCP(
    "twokey",
    instructions=(
        "Before a risky action (deleting or exporting data, changing access, running commands "
        "on shared systems), call request_approval with the tool call you are about to make, "
        "and act only if go_ahead is true."
    ),
)


class _State:
    """One client per process; the exact text of each request it submitted, for redeeming."""

    client: AsyncTwoKeyClient | None = None
    texts: dict[str, str] = {}

    @classmethod
    def gate(cls) -> AsyncTwoKeyClient:
        if cls.client is None:
            cls.client = AsyncTwoKeyClient()
        return cls.client


def _approved(approval: Approval) -> dict[str, Any]:
    request = approval.request
    return {
        "go_ahead": True,
        "status": request.status,
        "request_id": request.id,
        "risk": request.risk,
        "approved_by": approval.approvers or None,
        "comment": approval.comment,
        "text": approval.text,
    }


def _refused(refusal: NotApproved) -> dict[str, Any]:
    return {
        "go_ahead": False,
        "status": refusal.status,
        "request_id": refusal.request_id,
        "reason": refusal.reason,
        "decided_by": refusal.decided_by,
    }


def _held(request: GateRequest) -> dict[str, Any]:
    return {
        "go_ahead": False,
        "status": request.status,
        "request_id": request.id,
        "risk": request.risk,
        "reasons": request.reasons,
        "text": request.text,
        "next": "A person must decide in Slack: call wait_for_decision with this request_id.",
    }


async def _submit(
    tool_name: str | None,
    arguments: dict[str, Any] | None,
    text: str | None,
    justification: str | None,
) -> GateRequest:
    if (tool_name is None) == (text is None):
        raise TwoKeyError("give either tool_name (with arguments) or text")
    what: dict[str, Any] = (
        {"tool": (tool_name, arguments or {})} if tool_name is not None else {"text": text}
    )
    gate = _State.gate()
    body = submission(requester=requester_from_env(), justification=justification, **what)
    request = await gate.run(protocol.submit(gate.gate, body))
    if request.text is not None:
        if len(_State.texts) >= MAX_REMEMBERED:  # oldest first: dicts keep insertion order
            del _State.texts[next(iter(_State.texts))]
        _State.texts[request.id] = request.text
    return request


@mcp.tool()
async def check(
    tool_name: str | None = None,
    arguments: dict[str, Any] | None = None,
    text: str | None = None,
    justification: str | None = None,
) -> dict[str, Any]:
    """Ask TwoKey about an action without waiting: a tool call (tool_name + arguments) or a
    text. go_ahead is true only when it is allowed; a held action returns its request_id."""
    try:
        request = await _submit(tool_name, arguments, text, justification)
    except TwoKeyError as exc:
        return _refused(failure(exc))
    if request.status == "allowed":
        return _approved(Approval(request, request.text or ""))
    if request.is_open:
        return _held(request)
    return _refused(NotApproved(request.status, "; ".join(request.reasons) or None, request.id))


@mcp.tool()
async def request_approval(
    tool_name: str | None = None,
    arguments: dict[str, Any] | None = None,
    text: str | None = None,
    justification: str | None = None,
    timeout_seconds: float = DEFAULT_WAIT,
) -> dict[str, Any]:
    """Ask TwoKey about an action and wait for the decision (a person in Slack when it is
    risky). go_ahead is true only when allowed or approved; otherwise the reason says why."""
    try:
        request = await _submit(tool_name, arguments, text, justification)
    except TwoKeyError as exc:
        return _refused(failure(exc))
    return await _settle(request, timeout_seconds)


@mcp.tool()
async def wait_for_decision(
    request_id: str, timeout_seconds: float = DEFAULT_WAIT
) -> dict[str, Any]:
    """Wait for the decision on a request `check` returned as held."""
    try:
        gate = _State.gate()
        request = await gate.get(request_id)
    except TwoKeyError as exc:
        return _refused(failure(exc, request_id))
    text = _State.texts.get(request_id)
    if text is not None:
        request = replace(request, text=text)
    return await _settle(request, timeout_seconds)


async def _settle(request: GateRequest, timeout: float) -> dict[str, Any]:
    try:
        approval = await _State.gate().settle(request, timeout=max(0.0, timeout))
    except NotApproved as refusal:
        return _refused(refusal)
    return _approved(approval)


def main() -> None:
    mcp.run("stdio")


if __name__ == "__main__":
    main()
