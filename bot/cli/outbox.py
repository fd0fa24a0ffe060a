"""`twokey outbox list | retry`: Slack effects TwoKey gave up on, and sending them again.

`twokey doctor` says how many effects are undeliverable and what to fix; once
fixed, `list` shows each one and whether it may go out again, and `retry`
re-queues those that may (`bot.approvals.requeue` says which, and why a card for
a closed request never comes back). A running `twokey serve` delivers them within
a second; each re-queue is an `outbox.requeued` audit event.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from bot.approvals import requeue
from bot.approvals.outbox import error_code
from bot.cli.context import Context, load_context
from bot.cli.options import DbOption, JsonOption
from bot.cli.options import fail as _fail
from bot.cli.undeliverable import KINDS, advice
from bot.config import ConfigError
from storage.audit import seal

outbox_app = typer.Typer(
    help="Slack effects TwoKey gave up on (see `twokey doctor`), and sending them again.",
    no_args_is_help=True,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

KindOption = Annotated[
    str | None,
    typer.Option("--kind", help=f"Only effects of this kind ({', '.join(sorted(KINDS))})"),
]


def _context(database_url: str | None) -> Context:
    try:
        return load_context(database_url=database_url)
    except ConfigError as exc:
        _fail(str(exc))


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        _fail(f"--kind: no kind {kind!r}; one of {', '.join(sorted(KINDS))}")


def _line(v: requeue.Verdict) -> str:
    what = KINDS.get(v.kind, v.kind)
    subject = v.request_id or "-"
    error = error_code((v.error or "unknown").removesuffix(" (permanent)"))
    return (
        f"{v.id:>6}  {escape(v.kind)} ({escape(what)})  {escape(subject)}  "
        f"{v.attempts} tries  {escape(error)}  {v.created_at[:19]}"
    )


@outbox_app.command("list")
def list_command(
    kind: KindOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many")] = 100,
    database_url: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Each undeliverable effect, oldest first, and whether `retry` would send it again."""
    _check_kind(kind)
    ctx = _context(database_url)
    verdicts = requeue.undeliverable(ctx.engine, kind=kind, limit=limit)
    if as_json:
        print(json.dumps([{**dataclasses.asdict(v), "retry": v.requeued} for v in verdicts]))
        return
    if not verdicts:
        out.print("Nothing undeliverable: every Slack effect went out or is still being tried.")
        return
    for v in verdicts:
        out.print(_line(v))
        if v.refused:
            out.print(f"        [yellow]not retried:[/] {escape(v.refused)}")
        else:
            fix = advice(error_code((v.error or "").removesuffix(" (permanent)")))
            out.print(f"        fix, then `twokey outbox retry --id {v.id}`: {escape(fix)}")


@outbox_app.command("retry")
def retry_command(
    ids: Annotated[
        list[int] | None, typer.Option("--id", help="This effect (repeat for more)")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every undeliverable effect")] = False,
    kind: KindOption = None,
    database_url: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send undeliverable effects again, after fixing why Slack refused them (`twokey doctor`).

    Updates and outcomes always go again; an approval card, prompt, reminder or question
    only while its request still waits for it. Exit 1 if an effect named with --id was
    not re-queued.
    """
    if bool(ids) == every:
        _fail("say which: --id N (repeatable) or --all (with --kind K to narrow it)")
    _check_kind(kind)
    ctx = _context(database_url)
    outcome = requeue.retry(ctx.engine, ids=ids or None, kind=kind)
    if any(v.requeued for v in outcome.verdicts):
        seal(ctx.engine, wait=False)  # after the commit; a running server may do it first
    named_failed = bool(outcome.not_dead) or bool(ids and any(v.refused for v in outcome.verdicts))
    if as_json:
        print(
            json.dumps(
                {
                    "requeued": [v.id for v in outcome.verdicts if v.requeued],
                    "refused": {str(v.id): v.refused for v in outcome.verdicts if v.refused},
                    "not_undeliverable": {str(i): s for i, s in outcome.not_dead.items()},
                }
            )
        )
        raise typer.Exit(1 if named_failed else 0)
    _print_outcome(outcome, kind)
    raise typer.Exit(1 if named_failed else 0)


def _print_outcome(outcome: requeue.Outcome, kind: str | None) -> None:
    done = [v for v in outcome.verdicts if v.requeued]
    for v in done:
        out.print(f"[green]re-queued[/] {_line(v)}")
    for v in outcome.verdicts:
        if v.refused:
            out.print(f"[yellow]not re-queued[/] {_line(v)}\n        {escape(v.refused)}")
    for effect_id, state in outcome.not_dead.items():
        why = {
            "missing": "there is no such effect",
            "dead": f"it is not of kind {kind}",
        }.get(state, f"it is not undeliverable (it is {state})")
        err.print(f"[red]effect {effect_id} not re-queued:[/] {escape(why)}")
    if done:
        out.print(
            f"{len(done)} effect(s) re-queued: a running `twokey serve` delivers them within "
            "seconds (`twokey outbox list` shows any given up on again)."
        )
    elif outcome.verdicts:
        out.print("Nothing re-queued: see why above.")
    elif not outcome.not_dead:
        out.print("Nothing undeliverable to re-queue.")


def register(app: typer.Typer) -> None:
    """Add `outbox list | retry` to the `twokey` command line."""
    app.add_typer(outbox_app, name="outbox")
