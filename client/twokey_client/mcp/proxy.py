"""`twokey mcp-proxy -- COMMAND…`: gate every tool call of another MCP server.

The proxy is an MCP server on standard input/output that starts COMMAND as its
own MCP client over stdio and passes its tools through. Each `tools/call` is
first sent to TwoKey as structure (the tool's name and arguments): allowed →
forwarded at once; held → the proxy waits for the decision in Slack, redeems
the approval and forwards; blocked, denied, expired, withdrawn or the gate
unreachable → a tool error that says why, and the call never reaches the
server behind. Gate address, key and requester come from `TWOKEY_URL`,
`TWOKEY_API_KEY` and `TWOKEY_REQUESTER`.

    {"mcpServers": {"db": {"command": "twokey",
        "args": ["mcp-proxy", "--", "uvx", "mcp-server-postgres", "postgresql://…"],
        "env": {"TWOKEY_URL": "…", "TWOKEY_API_KEY": "tk_…", "TWOKEY_REQUESTER": "U0…"}}}}
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import AsyncExitStack
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from twokey_client.client import AsyncTwoKeyClient
from twokey_client.protocol import NotApproved, TwoKeyError, failure

DEFAULT_TIMEOUT = 600.0


def refusal_text(refusal: NotApproved, tool: str) -> str:
    """The tool error an agent reads: what happened and why, never "try again later"."""
    why = refusal.reason or "no reason given"
    ref = f" (TwoKey request {refusal.request_id})" if refusal.request_id else ""
    match refusal.status:
        case "denied":
            return f"TwoKey: `{tool}` was denied by an approver: {why}{ref}."
        case "expired":
            return f"TwoKey: nobody approved `{tool}` in time; no answer means no{ref}."
        case "blocked":
            return f"TwoKey: `{tool}` is blocked by policy: {why}{ref}."
        case "unavailable" | "error":
            return f"TwoKey: could not decide on `{tool}` ({why}), so it was not run{ref}."
        case "pending" | "awaiting_requester":
            return f"TwoKey: no decision on `{tool}` before the wait ended; withdrawn{ref}."
    return f"TwoKey: `{tool}` was not approved ({refusal.status}: {why}){ref}."


def _error(text: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)], isError=True)


def build(
    downstream: ClientSession, gate: AsyncTwoKeyClient | None, *, timeout: float, gate_error: str
) -> Server[Any]:
    """The gating server in front of `downstream` (`gate` None: every call is refused)."""
    server: Server[Any] = Server("twokey-mcp-proxy")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return (await downstream.list_tools()).tools

    @server.call_tool(validate_input=False)
    async def call_tool(name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        if gate is None:
            return _error(refusal_text(NotApproved("error", gate_error), name))
        try:
            await gate.authorize_call(name, arguments, timeout=timeout)
        except NotApproved as refusal:
            return _error(refusal_text(refusal, name))
        except TwoKeyError as exc:
            return _error(refusal_text(failure(exc), name))
        return await downstream.call_tool(name, arguments)

    return server


async def serve(command: list[str], timeout: float) -> None:
    params = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    async with AsyncExitStack() as stack:
        try:
            gate: AsyncTwoKeyClient | None = AsyncTwoKeyClient()
            gate_error = ""
        except TwoKeyError as exc:  # keep serving, refusing every call with the reason
            gate, gate_error = None, exc.detail
        if gate is not None:
            stack.push_async_callback(gate.aclose)
        read, write = await stack.enter_async_context(stdio_client(params))
        downstream = await stack.enter_async_context(ClientSession(read, write))
        await downstream.initialize()
        server = build(downstream, gate, timeout=timeout, gate_error=gate_error)
        up_read, up_write = await stack.enter_async_context(stdio_server())
        await server.run(up_read, up_write, server.create_initialization_options())


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="twokey mcp-proxy", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds to wait for a person before refusing (default 600)",
    )
    parser.add_argument(
        "command", nargs=argparse.REMAINDER, help="the MCP server to gate, after --"
    )
    # Everything after `--` is the server's own command line, options included.
    split = args.index("--") if "--" in args else len(args)
    options = parser.parse_args(args[:split])
    command = options.command + args[split + 1 :]
    if not command:
        parser.error("give the MCP server to gate after --, e.g. -- uvx mcp-server-git")
    anyio.run(serve, command, options.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
