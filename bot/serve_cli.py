"""`twokey serve`: the Slack app and the gate API in one process, on one port."""

from __future__ import annotations

from typing import Annotated

import typer
from fastapi import FastAPI
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add `serve` to the `twokey` command line."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="TCP port", min=1, max=65535)] = 8080,
    ) -> None:
        """Run the Slack app (HTTP or Socket Mode) and the HTTP API on one port."""
        try:
            settings = Settings()
            required = ["slack_bot_token", "twokey_secret_key"]
            if not settings.slack_app_token:
                required.append("slack_signing_secret")
            settings.require(*required)
            api = _build()
        except ConfigError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except SQLAlchemyError as exc:
            err.print(
                f"[bold red]error:[/] database unreachable ({type(exc).__name__}); "
                "check TWOKEY_DATABASE_URL",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from None

        import uvicorn

        from bot.logs import setup_logging

        setup_logging(settings.twokey_log_level)
        mode = "Socket Mode" if settings.slack_app_token else "HTTP mode, Slack at /slack/events"
        err.print(f"TwoKey on http://{host}:{port} ({mode}); API under /v1, docs at /docs")
        uvicorn.run(
            api,
            host=host,
            port=port,
            workers=1,
            log_level=settings.twokey_log_level.lower(),
            access_log=False,
            log_config=None,
        )


def _build() -> FastAPI:
    from bot.context import load_context
    from bot.server import build_server

    ctx = load_context()
    api, _ = build_server(ctx.settings, ctx.config, ctx.engine)
    return api


def main() -> None:
    """`python -m bot.serve_cli [--host] [--port]`: the serve command on its own."""
    cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(cli)
    cli(prog_name="twokey serve")


if __name__ == "__main__":
    main()
