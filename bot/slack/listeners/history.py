"""The admin side of `/twokey`: `history`, `show`, `pending`, `stats`, `export`, `help`.

The one `/twokey` listener (bot/slack/listeners/commands.py) acknowledges first and
then calls `admin_command`: `history`, `pending`, `stats` and `export` are always
answered here (a non-admin gets a polite refusal, never data); `show` and `help`
only for admins, who get the full record and the admin help, while everyone else
keeps the general answers. Admin means listed in `slack.admins` or a
member of `slack.admin_usergroup`; if Slack cannot say who is in the group,
nobody is treated as an admin through it.

Database work runs in a worker thread through `storage.history`, the same
query layer as the command line and the API.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import secrets
from collections import OrderedDict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncApp

from bot.approvals.history import HistoryQuery, export_csv, parse_when
from bot.slack import blocks
from bot.slack.blocks import history as hb
from bot.slack.escape import escape
from storage.db import session_scope
from storage.history import (
    HistoryFilter,
    HistoryRecord,
    RecordDetail,
    Stats,
    get_record,
    iter_history,
    query_history,
    stats,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

COMMAND = "/twokey"
ALWAYS_HERE = frozenset({"history", "pending", "stats", "export"})
ADMINS_HERE = frozenset({"show", "help", ""})
FILTER_KEYS = frozenset(
    {"status", "requester", "approver", "agent", "resource", "risk", "since", "until", "limit"}
)
EXPORT_MAX = 100_000
"""Rows per export; beyond it the file says so and the admin narrows the filters."""
_ID = re.compile(r"^TK-[A-Z0-9]{4,28}$")


class FilterError(ValueError):
    """What the admin typed is not a filter; the message says how to write one."""


def parse_filters(text: str) -> dict[str, str]:
    """`status:denied resource=customers --since 7d` -> {"status": "denied", ...}."""
    words = text.split()
    out: dict[str, str] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("--"):
            key, sep, value = word[2:].partition("=")
            if not sep:
                if i + 1 >= len(words):
                    raise FilterError(f"`{escape(word)}` needs a value, e.g. `{escape(word)} 7d`.")
                value = words[i + 1]
                i += 1
        else:
            match = re.match(r"^([a-z_]+)[:=](.+)$", word, re.IGNORECASE)
            if not match:
                raise FilterError(
                    f"I don't understand `{escape(word[:80])}`: filters look like "
                    "`status:denied` or `since:7d`."
                )
            key, value = match.group(1), match.group(2)
        key = key.lower()
        if key not in FILTER_KEYS:
            raise FilterError(
                f"Unknown filter `{escape(key[:40])}`; use one of "
                + ", ".join(f"`{k}`" for k in sorted(FILTER_KEYS))
                + "."
            )
        out[key] = value
        i += 1
    return out


def build_filter(filters: dict[str, Any], **extra: Any) -> HistoryFilter:
    """A validated filter, or FilterError with the first problem in plain words."""
    try:
        return HistoryQuery(**filters, **extra)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else "filter"
        msg = str(first["msg"]).removeprefix("Value error, ")
        raise FilterError(f"`{escape(key)}`: {escape(msg)}") from None


async def is_admin(deps: SlackDeps, user: str) -> bool:
    cfg = deps.config.slack
    if not user:
        return False
    if user in cfg.admins:
        return True
    if cfg.admin_usergroup:
        try:
            return user in await deps.usergroups(cfg.admin_usergroup)
        except Exception:
            log.warning("could not resolve the admin user group; not treating anyone as admin")
    return False


def _sub(text: str) -> tuple[str, str]:
    head, _, rest = text.strip().partition(" ")
    return head.lower(), rest.strip()


# --- database work (in a thread) --------------------------------------------------


def _page(engine: Engine, flt: HistoryFilter) -> tuple[list[HistoryRecord], str | None]:
    with session_scope(engine) as session:
        page = query_history(session, flt)
    return page.items, page.next_cursor


def _detail(engine: Engine, request_id: str) -> RecordDetail | None:
    with session_scope(engine) as session:
        return get_record(session, request_id)


def _stats(engine: Engine, since: datetime) -> Stats:
    with session_scope(engine) as session:
        return stats(session, since=since)


def _export(engine: Engine, flt: HistoryFilter, user: str) -> tuple[str, int, bool]:
    """The CSV text, how many rows, and whether EXPORT_MAX cut it; the export is audited."""
    buf = io.StringIO()
    with session_scope(engine) as session:
        found = iter_history(session, flt)
        count, capped = export_csv(session, flt, found, buf, actor=user, cap=EXPORT_MAX)
    return buf.getvalue(), count, capped


# --- the admin command (called by listeners/commands.py after its ack) -------------


PAGES_KEPT = 2_000
"""Next-page states kept in memory (oldest dropped); a dropped one asks to run the command
again. The button carries only a short key: filters can be longer than a button value."""


class PageStates:
    """Server-side state of each "Next page" button, keyed by a random token."""

    def __init__(self, limit: int = PAGES_KEPT) -> None:
        self.limit = limit
        self._states: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def put(self, state: dict[str, Any]) -> str:
        key = secrets.token_urlsafe(12)
        self._states[key] = state
        while len(self._states) > self.limit:
            self._states.popitem(last=False)
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        return self._states.get(key)


PAGES = PageStates()


def is_admin_command(text: str) -> bool:
    """Words only admins' `/twokey` answers (`show`/`help` also have a general answer)."""
    sub, _ = _sub(text)
    return sub in ALWAYS_HERE or sub in ADMINS_HERE


async def history_answer(
    deps: SlackDeps, filters: dict[str, str], title: str, cursor: str | None = None, **fixed: Any
) -> blocks.Payload:
    # `limit:N` asks for shorter pages; a Slack message holds at most SLACK_PAGE records.
    flt = build_filter({"limit": hb.SLACK_PAGE, **filters}, cursor=cursor, **fixed)
    flt = flt.model_copy(update={"limit": min(flt.limit, hb.SLACK_PAGE)})
    records, next_cursor = await asyncio.to_thread(_page, deps.service.engine, flt)
    next_value = None
    if next_cursor:
        next_value = PAGES.put({"f": filters, "x": fixed, "c": next_cursor, "t": title})
    return hb.history_page(records, {**filters, **fixed}, next_value=next_value, title=title)


async def admin_command(deps: SlackDeps, user: str, text: str, respond: Any) -> bool:
    """Answer an admin `/twokey` word through `respond`; False when it is not one for `user`
    (not an admin word, or `show`/`help` from a non-admin: the general answer applies)."""
    sub, rest = _sub(text)
    if sub not in ALWAYS_HERE and sub not in ADMINS_HERE:
        return False
    admin = await is_admin(deps, user)
    if not admin:
        if sub in ALWAYS_HERE:
            await respond(**blocks.notice(hb.REFUSAL.format(sub=escape(sub))))
            return True
        return False
    try:
        if sub in ("", "help"):
            await respond(**blocks.notice(hb.ADMIN_HELP))
        elif sub == "history":
            await respond(**await history_answer(deps, parse_filters(rest), "History"))
        elif sub == "pending":
            status = "pending,awaiting_requester"
            await respond(
                **await history_answer(deps, parse_filters(rest), "Pending", status=status)
            )
        elif sub == "show":
            await respond(**await show(deps, rest))
        elif sub == "stats":
            await respond(**await stats_answer(deps, rest))
        elif sub == "export":
            flt = build_filter(parse_filters(rest))
            await respond(**blocks.notice("Preparing the export; it will arrive in your DM."))
            await export(deps, user, flt)
    except FilterError as exc:
        await respond(**blocks.notice(f"{exc}\n\n{hb.ADMIN_HELP}"))
    return True


async def show(deps: SlackDeps, rest: str) -> blocks.Payload:
    request_id = rest.split()[0].upper() if rest.split() else ""
    if not _ID.match(request_id):
        return blocks.notice("Request ids look like `TK-ABCDE23456`: `/twokey show TK-…`.")
    detail = await asyncio.to_thread(_detail, deps.service.engine, request_id)
    if detail is None:
        return blocks.notice(f"No request `{escape(request_id)}`.")
    return hb.record_detail(detail)


async def stats_answer(deps: SlackDeps, rest: str) -> blocks.Payload:
    label = rest or "7d"
    try:
        since = parse_when(label)
    except ValueError:
        raise FilterError(
            f"`{escape(label[:80])}` is not a time: try `7d`, `12h`, `2w` or `2026-11-01`."
        ) from None
    st = await asyncio.to_thread(_stats, deps.service.engine, since)
    return hb.stats_message(st, f"since {since.strftime('%Y-%m-%d %H:%M UTC')}")


async def export(deps: SlackDeps, user: str, flt: HistoryFilter) -> None:
    try:
        text, count, capped = await asyncio.to_thread(_export, deps.service.engine, flt, user)
    except Exception:
        log.exception("history export failed")
        await deps.notifier.dm(user, blocks.notice("The export failed; nothing was sent."))
        return
    channel = await deps.notifier.dm_channel(user)
    if channel is None:
        log.warning("could not open a DM for the export")
        return
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    filters = flt.model_dump(mode="json", exclude={"cursor", "limit"}, exclude_none=True)
    await deps.notifier.call(
        "files.upload_v2",
        deps.client.files_upload_v2(
            channel=channel,
            content=text,
            filename=f"twokey-history-{stamp}.csv",
            title=f"TwoKey history {stamp}",
            initial_comment=hb.export_comment(count, filters, capped=capped),
        ),
    )


def register(app: AsyncApp, deps: SlackDeps) -> None:
    """The "Next page" button; the command itself arrives through listeners/commands.py."""

    async def on_next(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        user = str((body.get("user") or {}).get("id") or "")
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        if not await is_admin(deps, user):
            await deps.notifier.tell(
                user, blocks.notice(hb.REFUSAL.format(sub="history")), channel=channel
            )
            return
        state = PAGES.get(str((body.get("actions") or [{}])[0].get("value") or ""))
        try:
            if state is None:
                raise KeyError("page")
            filters = {str(k): str(v) for k, v in dict(state["f"]).items()}
            fixed = {str(k): v for k, v in dict(state.get("x") or {}).items()}
            payload = await history_answer(
                deps, filters, str(state.get("t") or "History"), cursor=str(state["c"]), **fixed
            )
        except (ValueError, KeyError, TypeError) as exc:
            text = (
                str(exc)
                if isinstance(exc, FilterError)
                else "That page is no longer valid; run the command again."
            )
            payload = blocks.notice(text)
        await deps.notifier.tell(user, payload, channel=channel)

    app.action(hb.HISTORY_NEXT)(on_next)
