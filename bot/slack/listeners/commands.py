"""The `/twokey` slash command.

- `help`
- `show ID` — a request, for the people involved in it (requester, voters,
  eligible approvers) and TwoKey admins;
- `history [status=… requester=@… approver=@… agent=… resource=… risk=… since=7d until=… limit=N]`
  — admins only, the newest matching requests (the same `HistoryFilter` as
  `twokey history` and `GET /v1/requests`);
- `export [same filters]` — admins only, a CSV of every match, sent as a file
  in a DM from TwoKey.

Answers are private. Instructions are shown masked, as everywhere.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import shlex
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncApp

from bot.slack import blocks
from bot.slack.escape import escape, escape_code, truncate_escaped
from storage.db import session_scope
from storage.history import HistoryFilter, HistoryRecord, iter_history, query_history, write_csv

if TYPE_CHECKING:
    from bot.slack.app import SlackDeps

log = logging.getLogger(__name__)

COMMAND = "/twokey"
_ID = re.compile(r"^TK-[A-Z0-9]{4,28}$")
FILTER_KEYS = ("status", "requester", "approver", "agent", "resource", "risk", "since", "until")
HISTORY_ROWS = 20
"""Rows shown in Slack (one section each, well within 50 blocks); `export` has them all."""
EXPORT_ROWS = 100_000

HELP = (
    "*TwoKey* holds risky instructions from AI agents until a second person approves.\n"
    "• On any message: *More actions → Ask for a second approval* screens it.\n"
    "• `/twokey show TK-…` shows a request you are involved in.\n"
    "• `/twokey history status=pending risk=high since=7d requester=@someone` "
    "(admins) lists recent requests; filters: " + ", ".join(FILTER_KEYS) + ", limit.\n"
    "• `/twokey export …same filters…` (admins) sends you a CSV of every match.\n"
    "• `/twokey help` shows this."
)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def on_command(ack: Any, command: dict[str, Any]) -> None:
        text = str(command.get("text") or "").strip()
        user = str(command.get("user_id") or "")
        channel = command.get("channel_id")
        words = text.split()
        verb = words[0].lower() if words else "help"
        if verb == "help":
            await ack(**blocks.notice(HELP))
        elif verb == "show" and len(words) == 2:
            await ack(**await show(deps, user, words[1].upper()))
        elif verb in ("history", "export"):
            await ack()  # queries may take longer than Slack's 3 seconds
            if not await is_admin(deps, user):
                reply = blocks.notice("Only TwoKey admins can query the history.")
            elif verb == "history":
                reply = await history(deps, text.split(None, 1)[1:])
            else:
                reply = await export(deps, user, text.split(None, 1)[1:])
            await deps.notifier.tell(user, reply, channel=channel)
        else:
            await ack(**blocks.notice(f"Unknown command `{escape(text[:100])}`.\n\n{HELP}"))

    app.command(COMMAND)(on_command)


async def is_admin(deps: SlackDeps, user: str) -> bool:
    cfg = deps.config.slack
    if user in cfg.admins:
        return True
    if cfg.admin_usergroup:
        try:
            return user in await deps.usergroups(cfg.admin_usergroup)
        except Exception:
            log.warning("could not resolve the admin user group; not treating anyone as admin")
    return False


async def may_see(deps: SlackDeps, request: Any, user: str) -> bool:
    if user == request.requester or any(v.voter == user for v in request.votes):
        return True
    if await is_admin(deps, user):
        return True
    return user in await deps.service.eligibility.approvers(request)


async def show(deps: SlackDeps, user: str, request_id: str) -> blocks.Payload:
    if not _ID.match(request_id):
        return blocks.notice("Request ids look like `TK-ABCDE23456`.")
    request = await deps.service.get(request_id)
    if request is None or not await may_see(deps, request, user):
        return blocks.notice(f"No request `{request_id}` that you are involved in.")
    payload = blocks.card(request)
    # The command answer is read-only: drop the buttons, keep everything else.
    payload["blocks"] = [b for b in payload["blocks"] if b.get("type") != "actions"]
    if request.status == "pending":
        payload["blocks"].append(blocks.mrkdwn(blocks.status_line(request)))
    return payload


def parse_filter(args: list[str], *, limit: int | None = None) -> HistoryFilter:
    """`key=value` (or `--key value`) words into a `HistoryFilter`; ValueError says why not."""
    try:
        words = shlex.split(args[0]) if args else []
    except ValueError as exc:
        raise ValueError(f"could not read the filters: {exc}") from None
    values: dict[str, Any] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("--") and "=" not in word and i + 1 < len(words):
            key, value = word[2:], words[i + 1]
            i += 2
        elif "=" in word:
            key, value = word.lstrip("-").split("=", 1)
            i += 1
        else:
            raise ValueError(f"expected key=value, got {word!r}")
        key = key.lower()
        if key not in (*FILTER_KEYS, "limit"):
            raise ValueError(f"unknown filter {key!r}; use {', '.join(FILTER_KEYS)} or limit")
        values[key] = value
    if limit is not None:
        values["limit"] = limit
    try:
        return HistoryFilter.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "filter"
        raise ValueError(f"{where}: {first['msg'].removeprefix('Value error, ')}") from None


def _row(record: HistoryRecord) -> blocks.Block:
    snippet, cut = truncate_escaped(escape_code(record.instruction.replace("\n", " ")), 200)
    line = (
        f"`{record.id}` · *{escape(record.status)}* · {escape(record.risk)} risk · "
        f"{escape(record.agent or 'no agent')} → {blocks.user(record.requester)} · "
        f"{blocks.date(record.created_at)}"
    )
    if record.approvers:
        line += " · voters " + " ".join(blocks.user(a) for a in record.approvers[:5])
    return blocks.mrkdwn(f"{line}\n```{snippet or ' '}{'…' if cut else ''}```")


async def history(deps: SlackDeps, args: list[str]) -> blocks.Payload:
    try:
        flt = parse_filter(args)
    except ValueError as exc:
        return blocks.notice(f"{escape(str(exc))}\n\n{HELP}")
    shown = min(flt.limit, HISTORY_ROWS)

    def run() -> tuple[list[HistoryRecord], bool]:
        with session_scope(deps.service.engine) as session:
            page = query_history(session, flt.model_copy(update={"limit": shown}))
            return page.items, page.next_cursor is not None

    records, more = await asyncio.to_thread(run)
    if not records:
        return blocks.notice("No requests match.")
    rows = [_row(r) for r in records]
    tail = " More match: narrow the filters or use `/twokey export`." if more else ""
    head = blocks.context(f"{len(records)} request(s), newest first.{tail}")
    return {"text": f"{len(records)} TwoKey request(s)", "blocks": [head, *rows]}


async def export(deps: SlackDeps, user: str, args: list[str]) -> blocks.Payload:
    try:
        flt = parse_filter(args)
    except ValueError as exc:
        return blocks.notice(f"{escape(str(exc))}\n\n{HELP}")

    def run() -> tuple[str, int]:
        buffer = io.StringIO()
        with session_scope(deps.service.engine) as session:
            records = iter_history(session, flt)
            count = write_csv(
                (r for i, r in zip(range(EXPORT_ROWS), records, strict=False)), buffer
            )
        return buffer.getvalue(), count

    content, count = await asyncio.to_thread(run)
    channel = await deps.notifier.dm_channel(user)
    if channel is None:
        return blocks.notice("TwoKey could not open a DM with you for the file.")
    uploaded = await deps.notifier.call(
        "files.upload",
        deps.client.files_upload_v2(
            channel=channel,
            filename="twokey-history.csv",
            title="TwoKey history",
            content=content,
            initial_comment=f"TwoKey history export: {count} request(s).",
        ),
    )
    if uploaded is None:
        return blocks.notice("Slack did not accept the export file; please try again.")
    capped = f" (first {EXPORT_ROWS:,})" if count >= EXPORT_ROWS else ""
    return blocks.notice(f"Sent you `twokey-history.csv` with {count} request(s){capped}.")
