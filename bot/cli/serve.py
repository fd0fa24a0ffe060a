"""`twokey serve`: the Slack app and the gate API in one process, on one port."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated

import typer
from fastapi import FastAPI
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings
from storage.db import masked_url

if TYPE_CHECKING:
    from bot.cli.context import Context

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add `serve` to the `twokey` command line."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="TCP port", min=1, max=65535)] = 8080,
        example: Annotated[
            bool,
            typer.Option(
                "--example",
                help="Serve on the shipped example company (Northwind) instead of your twokey.yml",
            ),
        ] = False,
    ) -> None:
        """Run the Slack app (HTTP or Socket Mode) and the HTTP API on one port.

        Needs your configuration (TWOKEY_CONFIG or ./twokey.yml): it refuses to
        serve the fictional example company unless asked with --example.
        """
        try:
            settings = Settings()
            required = ["slack_bot_token", "twokey_secret_key"]
            if not settings.slack_app_token:
                required.append("slack_signing_secret")
            settings.require(*required)
            api, ctx = _build(example)
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

        from bot.logs import SERVE_LEVEL, setup_logging

        level = settings.twokey_log_level or SERVE_LEVEL
        setup_logging(level)
        log_start(ctx, f"http://{host}:{port}")
        uvicorn.run(
            api,
            host=host,
            port=port,
            workers=1,
            log_level=level.lower(),
            access_log=False,
            log_config=None,
        )


def _build(example: bool) -> tuple[FastAPI, Context]:
    from bot.cli.context import load_context
    from bot.server import build_server

    ctx = load_context(example=example)
    api, _ = build_server(ctx.settings, ctx.config, ctx.engine)
    return api, ctx


def log_start(ctx: Context, url: str) -> None:
    """One log line saying what this process serves with: config, database, Slack mode."""
    from bot.slack.app import SLACK_API_URL

    settings = ctx.settings
    facts = {
        "listen": url,
        "config": str(ctx.config_path),
        "example_config": ctx.is_example,
        "database": masked_url(ctx.engine.url),
        "slack_mode": "socket" if settings.slack_app_token else "http",
        "slack_api": settings.twokey_slack_api_url or SLACK_API_URL,
    }
    slack = "Socket Mode" if settings.slack_app_token else "HTTP, Slack posts to /slack/events"
    example = " (the fictional example company)" if ctx.is_example else ""
    logging.getLogger(__name__).info(
        f"TwoKey on {url}: config {ctx.config_path}{example}; database {facts['database']}; "
        f"Slack {slack}; API under /v1, docs at /docs",
        extra=facts,
    )


def main() -> None:
    """`python -m bot.cli.serve [--host] [--port]`: the serve command on its own."""
    cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(cli)
    cli(prog_name="twokey serve")


if __name__ == "__main__":
    main()
