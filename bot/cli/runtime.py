"""`twokey hook` and `twokey mcp-proxy` in the command line's help.

`bot.entry` hands both to the light client before this module (or the rest of
the server) is imported; these commands exist so `twokey --help` lists them and
so they also work through the full CLI.
"""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("hook")
    def hook(
        runtime: Annotated[str, typer.Argument(help="The runtime: claude-code")],
    ) -> None:
        """A runtime's pre-tool hook: its JSON on standard input, the decision on output."""
        from twokey_client.hooks import main

        raise typer.Exit(main([runtime]))

    @app.command(
        "mcp-proxy",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def mcp_proxy(ctx: typer.Context) -> None:
        """Gate every tool call of another MCP server: twokey mcp-proxy -- COMMAND…"""
        from twokey_client.mcp.proxy import main

        raise typer.Exit(main(list(ctx.args)))
