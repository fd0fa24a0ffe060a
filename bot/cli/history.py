"""`twokey history` and `twokey show`: the approval history for people and scripts.

Thin edges over `storage.history`: options become a `HistoryQuery` (so the
command line means exactly what Slack and the API mean), records come back
masked, and tables are for people while JSON and CSV are for scripts. Text that
came from agents is printed as plain text, never as Rich markup or terminal
control codes, so an instruction cannot restyle or rewrite the admin's screen.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, TextIO

import typer
from pydantic import ValidationError
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.approvals.history import HistoryQuery, export_csv
from bot.cli.context import load_context
from bot.config import ConfigError
from storage.db import session_scope
from storage.history import (
    EventRecord,
    HistoryRecord,
    RecordDetail,
    VoteRecord,
    get_record,
    iter_history,
    query_history,
)

err = Console(stderr=True)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STATUS_STYLE = {
    "allowed": "green",
    "approved": "green",
    "executed": "green",
    "blocked": "bold red",
    "denied": "red",
    "expired": "yellow",
    "cancelled": "yellow",
    "pending": "cyan",
    "awaiting_requester": "cyan",
}
RISK_STYLE = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold red"}


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    csv = "csv"


WIDE = 160
"""Below this many columns the table switches to its narrow layout (the wide one needs room
for ten columns, three of them free text)."""
TSV_COLUMNS = (
    "id",
    "created",
    "status",
    "risk",
    "agent",
    "requester",
    "approvers",
    "resources",
    "reason",
    "instruction",
)


def plain(value: Any, limit: int | None = None) -> Text:
    """Agent- and user-supplied text as inert text: no markup, no control codes."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("?", text.replace("\r\n", "\n").replace("\t", " "))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return Text(text)


def when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—"


def _styled(value: str, styles: dict[str, str]) -> Text:
    return Text(value, style=styles.get(value, ""))


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(Text(message, style="bold red"), soft_wrap=True)
    return typer.Exit(code)


def _user_id(option: str, value: str | None) -> str | None:
    """A Slack user id for `--requester`/`--approver`; e-mails resolved as the gate API does."""
    if value is None or "@" not in value.strip().lstrip("<@"):
        return value
    from bot.api.requesters import RequesterResolver, RequesterUnavailable, UnknownRequester
    from bot.config import Settings
    from bot.slack.app import create_web_client

    settings = Settings()
    if not settings.slack_bot_token:
        raise _fail(
            f"error: --{option} {value}: an e-mail is looked up in Slack, and SLACK_BOT_TOKEN "
            "is not set; set it, or give the Slack user id (U…)"
        )
    resolver = RequesterResolver(create_web_client(settings, rate_limit_retries=1))
    try:
        return asyncio.run(resolver.resolve(value))
    except (UnknownRequester, RequesterUnavailable) as exc:
        raise _fail(f"error: --{option} {value}: {exc}") from None


def one_line(value: Any) -> str:
    """A field for tab-separated output: no tabs, newlines or control codes inside."""
    text = "" if value is None else str(value)
    return _CONTROL.sub("?", re.sub(r"[\t\r\n]+", " ", text))


def write_tsv(records: Iterable[HistoryRecord], file: TextIO) -> None:
    """Plain tab-separated lines (a header, then one line a record) for `cut`, `grep`, `awk`."""
    file.write("\t".join(TSV_COLUMNS) + "\n")
    for r in records:
        fields = (
            r.id,
            r.created_at.astimezone(UTC).isoformat(timespec="seconds") if r.created_at else "",
            r.status,
            r.risk,
            r.agent or "",
            r.requester or "",
            ",".join(r.approvers),
            ",".join(r.resources),
            r.reason or "",
            r.instruction,
        )
        file.write("\t".join(one_line(f) for f in fields) + "\n")


def history_table(records: list[HistoryRecord], width: int = WIDE) -> Table:
    """The history for people: full ids always (they are copied into `twokey show`).

    At `WIDE` columns and more, one row a record; below, a narrow layout whose
    last column wraps the instruction, resources and reason under each other.
    """
    id_width = max([len("id"), *(len(r.id) for r in records)])
    table = Table(show_lines=width < WIDE, header_style="bold", expand=False)
    table.add_column("id", no_wrap=True, min_width=id_width)
    if width < WIDE:
        table.add_column("created / status", no_wrap=True)
        table.add_column("agent → requester / what", ratio=1, overflow="fold")
        for r in records:
            state = Text.assemble(
                when(r.created_at).removesuffix(" UTC")[5:16] + "\n",
                _styled(r.status, STATUS_STYLE),
                " ",
                _styled(r.risk, RISK_STYLE),
            )
            what = Text.assemble(
                plain(f"{r.agent or '—'} → {r.requester or '—'}"),
                "\n",
                plain(r.instruction.replace("\n", " "), 160),
            )
            if r.resources:
                data = plain(", ".join(r.resources))
                what.append_text(Text.assemble("\n", ("data: ", "dim"), data))
            if r.approvers:
                voters = plain(", ".join(r.approvers))
                what.append_text(Text.assemble("\n", ("by: ", "dim"), voters))
            if r.reason:
                what.append_text(Text.assemble("\n", ("why: ", "dim"), plain(r.reason, 120)))
            table.add_row(plain(r.id), state, what)
        return table
    for name in ("created", "status", "risk", "agent", "requester", "approvers"):
        table.add_column(name, no_wrap=True)
    table.add_column("resources")
    table.add_column("reason", max_width=30)
    table.add_column("instruction", max_width=60)
    for r in records:
        table.add_row(
            plain(r.id),
            when(r.created_at).removesuffix(" UTC"),
            _styled(r.status, STATUS_STYLE),
            _styled(r.risk, RISK_STYLE),
            plain(r.agent or "—"),
            plain(r.requester or "—"),
            plain(", ".join(r.approvers) or "—"),
            plain(", ".join(r.resources) or "—"),
            plain(r.reason or "", 120),
            plain(r.instruction.replace("\n", " "), 200),
        )
    return table


def history(
    status: Annotated[
        str | None, typer.Option(help="Status, or several comma-separated (e.g. denied,expired)")
    ] = None,
    requester: Annotated[
        str | None, typer.Option(help="Requester: Slack user id, or e-mail (looked up in Slack)")
    ] = None,
    approver: Annotated[
        str | None, typer.Option(help="Someone who voted: Slack user id, or e-mail")
    ] = None,
    agent: Annotated[str | None, typer.Option(help="Agent name")] = None,
    resource: Annotated[str | None, typer.Option(help="Catalog resource, e.g. customers")] = None,
    risk: Annotated[str | None, typer.Option(help="low, medium, high or critical")] = None,
    since: Annotated[
        str | None, typer.Option(help="From: 7d, 12h, 30m, 2w, 2026-11-20, or an ISO datetime")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Up to (exclusive); a bare date includes that day")
    ] = None,
    limit: Annotated[int, typer.Option(help="Records per page (1-500)")] = 50,
    cursor: Annotated[
        str | None, typer.Option(help="Continue after a previous page (printed at its end)")
    ] = None,
    all_pages: Annotated[
        bool, typer.Option("--all", help="Every matching record, not one page (exports)")
    ] = False,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", help="table, tsv, json or csv (default: table on a terminal, tsv piped)"
        ),
    ] = None,
    database_url: Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL")] = None,
) -> None:
    """Search the approval history, newest first. Instructions are shown masked."""
    requester = _user_id("requester", requester)
    approver = _user_id("approver", approver)
    try:
        # Validated from the text typed: the filter parses statuses, risks and times itself.
        flt = HistoryQuery.model_validate(
            {
                "status": status,
                "requester": requester,
                "approver": approver,
                "agent": agent,
                "resource": resource,
                "risk": risk,
                "since": since,
                "until": until,
                "limit": limit,
                "cursor": cursor,
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = str(first["loc"][0]) if first["loc"] else "filter"
        raise _fail(f"error: --{where}: {first['msg'].removeprefix('Value error, ')}") from None
    try:
        ctx = load_context(database_url=database_url)
    except ConfigError as exc:
        raise _fail(f"error: {exc}") from None
    if fmt is None:
        fmt = Format.table if sys.stdout.isatty() else Format.tsv
    next_cursor: str | None = None
    with session_scope(ctx.engine) as session:
        found: Iterable[HistoryRecord]
        if all_pages:
            found = iter_history(session, flt)
        else:
            page = query_history(session, flt)
            found, next_cursor = page.items, page.next_cursor
        if fmt == Format.csv:
            # An export, audited like the one Slack sends; streams page by page with --all.
            export_csv(session, flt, found, sys.stdout, actor="cli")
            sys.stdout.flush()
        else:
            records = list(found)
    more = f"More records: add --cursor {next_cursor} (or use --all)" if next_cursor else None
    if fmt == Format.csv:
        if more:
            err.print(more, soft_wrap=True)
        return
    if fmt == Format.json:
        print(json.dumps([r.model_dump(mode="json") for r in records], indent=2))
        if more:
            err.print(more, soft_wrap=True)
        return
    if fmt == Format.tsv:
        write_tsv(records, sys.stdout)
        if more:
            err.print(more, soft_wrap=True)
        return
    console = Console()  # made per call: the width is the terminal's now, not at import
    if not records:
        console.print("No requests match.")
        return
    console.print(history_table(records, console.width))
    if next_cursor:
        console.print(
            Text(f"{len(records)} shown; more with --cursor {next_cursor} (or --all)", style="dim")
        )
    else:
        console.print(Text(f"{len(records)} shown.", style="dim"))


def detail_renderables(detail: RecordDetail) -> list[Any]:
    """The panels of `show`, in reading order: what, why, which data, who, when."""
    r = detail.record
    return [
        Panel(_facts(detail), title=Text(f"Request {r.id}"), title_align="left"),
        Panel(plain(r.instruction), title="Instruction (masked)", title_align="left"),
        _section(
            "Findings",
            ("rule", "category", "risk", "reason"),
            [_finding_row(f) for f in detail.findings],
            "None.",
        ),
        _section(
            "Data involved",
            ("resource", "kind", "classification", "PII fields", "owner"),
            [_data_row(d) for d in detail.data],
            "None.",
        ),
        _section(
            "Votes",
            ("time", "voter", "vote", "comment"),
            [_vote_row(v) for v in detail.votes],
            "No votes.",
        ),
        _section(
            "Audit events",
            ("#", "time", "actor", "action", "detail"),
            [_event_row(e) for e in detail.events],
            "No events.",
        ),
    ]


def _dash(value: str | None) -> Text:
    return plain(value or "—")


def _facts(detail: RecordDetail) -> Table:
    r = detail.record
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    rows: list[tuple[str, Text | str]] = [
        ("status", _styled(r.status, STATUS_STYLE)),
        ("risk", _styled(r.risk, RISK_STYLE)),
        ("decision", plain(r.decision)),
        ("agent", _dash(r.agent)),
        ("requester", _dash(r.requester)),
        ("source", plain(r.source)),
        ("created", when(r.created_at)),
        ("expires", when(r.expires_at)),
        ("decided", when(r.decided_at)),
        ("decided by", _dash(r.decided_by)),
        ("reason", _dash(r.reason)),
        ("executed", when(r.executed_at)),
        ("approvals needed", str(detail.required_approvals)),
        ("approver group", _dash(detail.approver_group)),
        ("approvers", _dash(", ".join(r.approvers))),
        ("resources", _dash(", ".join(r.resources))),
        ("confidence", "—" if detail.confidence is None else f"{detail.confidence:.2f}"),
        ("justification", _dash(detail.justification)),
        ("text sha256", detail.text_sha256),
    ]
    for key, value in rows:
        facts.add_row(key, value)
    return facts


def _section(title: str, columns: tuple[str, ...], rows: list[list[Any]], empty: str) -> Panel:
    table = Table(header_style="bold", expand=True)
    for name in columns:
        table.add_column(name)
    for row in rows:
        table.add_row(*row)
    return Panel(table if rows else Text(empty), title=title)


def _finding_row(f: dict[str, Any]) -> list[Any]:
    risk = _styled(str(f.get("risk", "")), RISK_STYLE)
    return [plain(f.get("rule")), plain(f.get("category")), risk, plain(f.get("reason"))]


def _data_row(d: dict[str, Any]) -> list[Any]:
    fields = ", ".join(d.get("pii_fields") or [])
    return [
        plain(d.get("name")),
        plain(d.get("kind")),
        plain(d.get("classification")),
        _dash(fields),
        _dash(d.get("owner")),
    ]


def _vote_row(v: VoteRecord) -> list[Any]:
    vote = Text("approve", style="green") if v.approve else Text("deny", style="red")
    return [when(v.created_at), plain(v.voter), vote, plain(v.comment or "")]


def _event_row(e: EventRecord) -> list[Any]:
    shown = json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""
    return [str(e.seq), when(e.at), plain(e.actor), plain(e.action), plain(shown, 300)]


def show(
    request_id: Annotated[str, typer.Argument(help="Request id, e.g. TK-7Q2M…")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON")] = False,
    database_url: Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL")] = None,
) -> None:
    """One request: masked instruction, findings, data, every vote and audit event."""
    try:
        ctx = load_context(database_url=database_url)
    except ConfigError as exc:
        raise _fail(f"error: {exc}") from None
    with session_scope(ctx.engine) as session:
        detail = get_record(session, request_id.strip().upper())
    if detail is None:
        raise _fail(f"No request {request_id.strip()[:64]!r}.", 1)
    if as_json:
        print(json.dumps(detail.model_dump(mode="json"), indent=2))
        return
    Console().print(Group(*detail_renderables(detail)))


def register(app: typer.Typer) -> None:
    """Add `history` and `show` to the `twokey` command line."""
    app.command("history")(history)
    app.command("show")(show)
