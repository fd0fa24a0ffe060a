"""The `twokey` executable: runtime hooks and the MCP proxy start without the server.

`twokey hook claude-code` runs before every tool call Claude Code makes and
`twokey mcp-proxy` sits in front of every call an MCP client makes, so both go
straight to the light client (`twokey_client`) instead of importing the server,
its Slack, SQL and parser libraries first. Everything else is the full CLI.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["hook"]:
        from twokey_client.hooks import main as hook

        raise SystemExit(hook(args[1:]))
    if args[:1] == ["mcp-proxy"]:
        from twokey_client.mcp.proxy import main as proxy

        raise SystemExit(proxy(args[1:]))
    from bot.cli import main as cli

    cli()
