"""The options and the error exit that the admin commands share, so each reads the same."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

DbOption = Annotated[
    str | None, typer.Option("--db", help="TwoKey's database (default: TWOKEY_DATABASE_URL)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts")]

_err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `message` as an error (escaped: it may quote user input) and exit with `code`."""
    _err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)
