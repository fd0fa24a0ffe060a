"""`twokey demo`: the whole flow offline, narrated, and checked (the newcomer's first command)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add `demo` to the `twokey` command line."""

    @app.command("demo")
    def demo(
        step: Annotated[
            bool, typer.Option("--step", help="Pause for Enter between steps (in a terminal)")
        ] = False,
        keep: Annotated[
            bool, typer.Option("--keep", help="Keep the database and print how to explore it")
        ] = False,
        database_url: Annotated[
            str | None,
            typer.Option("--db", help="SQLAlchemy URL to use instead of a temporary SQLite file"),
        ] = None,
        step_timeout: Annotated[
            float,
            typer.Option(
                "--step-timeout",
                min=0.1,
                max=600,
                help="Seconds each step may wait for TwoKey before it counts as failed",
            ),
        ] = 10.0,
    ) -> None:
        """Run TwoKey against a built-in Slack stand-in and play three short stories.

        Exits 0 only if every step happened as narrated (checked in the database and
        in the Slack calls), so CI runs it as a smoke test.
        """
        from bot.demo.story import DemoOptions, run_demo  # the whole server: load it only here

        options = DemoOptions(
            step=step, keep=keep, database_url=database_url, step_timeout=step_timeout
        )
        code = run_demo(options)
        if code:
            raise typer.Exit(code)


def main() -> None:
    """`python -m bot.cli.demo [--step] [--keep] [--db URL]`: the demo command on its own."""
    cli = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(cli)
    cli.callback()(lambda: None)
    cli(prog_name="twokey")


if __name__ == "__main__":
    main()
