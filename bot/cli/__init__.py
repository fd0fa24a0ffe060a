"""The `twokey` command line (also `python -m bot`).

Each command is a thin edge: load the context, call the domain, print. Every
expected failure (bad config, schema behind, unknown id) ends in one readable
line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError

from bot.approvals.keys import webhook_secret
from bot.cli.context import load_context
from bot.cli.options import JsonOption
from bot.config import ConfigError, Settings
from bot.logs import COMMAND_LEVEL, setup_logging
from storage.audit import seal, verify_chain
from storage.db import database_errors, make_engine, session_scope
from storage.keys import create_key, list_keys, revoke_key
from storage.schema import current_revision, head_revision, upgrade

app = typer.Typer(
    help="TwoKey: a second person between an AI agent's instruction and the employee who runs it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for agent runtimes and admins.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")

out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def friendly(fn: F) -> F:
    """Turn configuration and environment errors into one line and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            fail(str(exc))
        except SQLAlchemyError as exc:  # a failure after connecting; still one line
            fail(f"database: {type(exc).__name__}: {str(exc).splitlines()[0]}")

    return wrapper  # type: ignore[return-value]


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on standard error, never folded (a person or a log collector reads it whole)."""
    err.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"twokey {version('twokey')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            print("twokey (not installed; run `pip install -e .`)")
        raise typer.Exit()


@app.callback()
def _root(
    log_level: Annotated[
        str, typer.Option("--log-level", envvar="TWOKEY_LOG_LEVEL")
    ] = COMMAND_LEVEL,
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    setup_logging(log_level)


# --- db ------------------------------------------------------------------


@db_app.command("upgrade")
@friendly
def db_upgrade(
    database_url: Annotated[
        str | None, typer.Option("--db", help="SQLAlchemy URL (default: TWOKEY_DATABASE_URL)")
    ] = None,
) -> None:
    """Apply database migrations up to the newest schema."""

    engine = make_engine(database_url or Settings().twokey_database_url)
    with database_errors(engine):
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
    if before == after:
        out.print(f"Schema already at {after}.")
    else:
        out.print(f"Schema upgraded from {before or 'empty'} to {after}.")


@db_app.command("current")
@friendly
def db_current(database_url: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Show the schema revision of the database and the newest one."""

    engine = make_engine(database_url or Settings().twokey_database_url)
    with database_errors(engine):
        current = current_revision(engine)
    out.print(f"database: {current or 'empty'}; newest: {head_revision()}")


# --- audit ---------------------------------------------------------------


@audit_app.command("verify")
@friendly
def audit_verify(
    database_url: Annotated[str | None, typer.Option("--db")] = None, as_json: JsonOption = False
) -> None:
    """Recompute the audit chain; exit 1 naming the first broken event."""
    ctx = load_context(database_url=database_url, auto_upgrade=False)
    with session_scope(ctx.engine) as session:
        report = verify_chain(session)
    if as_json:
        print(json.dumps(dataclasses.asdict(report)))
        raise typer.Exit(0 if report.ok else 1)
    tail = (
        f" {report.unsealed} newer event(s) not sealed yet (the server's sequencer chains them "
        "within a second; `twokey audit seal` does it now)."
        if report.unsealed
        else ""
    )
    if report.legacy:
        tail += (
            f" {report.legacy} request(s) from before state digests: their decisions are "
            "chained but not bound to the row."
        )
    if report.ok:
        out.print(f"[green]Audit chain intact:[/] {report.checked} events verified.{tail}")
        return
    where = f"at event {report.broken_seq}" if report.broken_seq is not None else "check failed"
    err.print(
        f"[bold red]Audit chain broken {where}:[/] {report.problem} "
        f"({report.checked} events before it verified).{tail}"
    )
    raise typer.Exit(1)


@audit_app.command("seal")
@friendly
def audit_seal(database_url: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Chain every unsealed event now (a running server does this on its own)."""
    ctx = load_context(database_url=database_url, auto_upgrade=False)
    out.print(f"Sealed {seal(ctx.engine)} event(s) into the audit chain.")


# --- keys ----------------------------------------------------------------


@keys_app.command("create")
@friendly
def keys_create(
    agent: Annotated[str, typer.Option("--agent", help="Agent name the key acts as")],
    admin: Annotated[bool, typer.Option("--admin", help="May read the whole history")] = False,
    database_url: Annotated[str | None, typer.Option("--db")] = None,
) -> None:
    """Create an API key. It is shown once and stored only as a hash."""
    ctx = load_context(database_url=database_url)
    if ctx.config.agent(agent) is None:
        known = ", ".join(a.name for a in ctx.config.agents) or "none"
        fail(
            f"agent {agent!r} is not configured in {ctx.config_path} (agents: {known}); "
            "add it under `agents:` first, or use one of those names"
        )
    with session_scope(ctx.engine) as session:
        key, plaintext = create_key(session, agent=agent, admin=admin)
        from storage.audit import append_event

        append_event(
            session,
            action="key.created",
            actor="cli",
            detail={"key_id": key.id, "agent": agent, "admin": admin},
        )
    seal(ctx.engine, wait=False)  # after the commit; a running server's sequencer may do it first
    err.print(
        f"Created key {key.id} for agent {agent!r}{' (admin)' if admin else ''}. It is shown once:"
    )
    print(plaintext)


@keys_app.command("revoke")
@friendly
def keys_revoke(
    key_id: str, database_url: Annotated[str | None, typer.Option("--db")] = None
) -> None:
    """Revoke an API key by its id (KEY-…)."""
    ctx = load_context(database_url=database_url)
    with session_scope(ctx.engine) as session:
        key = revoke_key(session, key_id)
        if key is None:
            err.print(f"[red]No key {key_id}.[/]")
            raise typer.Exit(1)
        from storage.audit import append_event

        append_event(session, action="key.revoked", actor="cli", detail={"key_id": key_id})
    seal(ctx.engine, wait=False)
    out.print(f"Key {key_id} revoked.")


@keys_app.command("list")
@friendly
def keys_list(
    database_url: Annotated[str | None, typer.Option("--db")] = None, as_json: JsonOption = False
) -> None:
    """List API keys (ids and prefixes only)."""
    ctx = load_context(database_url=database_url)
    with session_scope(ctx.engine) as session:
        keys = [
            {
                "id": key.id,
                "prefix": key.prefix,
                "agent": key.agent,
                "admin": key.admin,
                "state": "revoked" if key.revoked_at else "active",
            }
            for key in list_keys(session)
        ]
    if as_json:
        print(json.dumps(keys, indent=2))
        return
    if not keys:
        err.print("No keys yet: `twokey keys create --agent NAME`.")
    for k in keys:
        print(f"{k['id']}  {k['prefix']}…  agent={k['agent']}  admin={k['admin']}  {k['state']}")


@keys_app.command("webhook-secret")
@friendly
def keys_webhook_secret() -> None:
    """Print the key webhook receivers verify X-TwoKey-Signature with.

    Derived from TWOKEY_SECRET_KEY for webhooks alone: it cannot sign execution
    tokens, so give receivers this, never TWOKEY_SECRET_KEY.
    """
    secret = Settings().twokey_secret_key
    if not secret:
        raise ConfigError("environment: TWOKEY_SECRET_KEY must be set")
    print(webhook_secret(secret))


def _register_features() -> None:
    """Feature modules add their own commands, so this file stays a table of contents."""
    from bot.cli import catalog, check, demo, doctor, history, outbox, runtime, serve

    for module in (serve, check, history, demo, runtime, doctor, catalog, outbox):
        module.register(app)


_register_features()


def main() -> None:
    app(prog_name="twokey")
