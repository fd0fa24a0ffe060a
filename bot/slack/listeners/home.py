"""The App Home tab: built when someone opens it, rebuilt when something changes for them.

Approvers see the cards waiting for them (the same buttons as in the approvals
channel, so a click from Home meets the same server-side checks), requesters
their recent requests, admins the week's stats and the latest decisions.

Only people who opened Home since this process started are republished on
changes: everyone else gets a fresh tab the moment they open it, and a busy
approver group does not turn every vote into dozens of `views.publish` calls.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncApp

from bot.approvals import RequestEvent, RequestView
from bot.slack import blocks
from bot.slack.blocks import history as hb
from bot.slack.listeners.history import is_admin
from storage.db import session_scope
from storage.history import HistoryFilter, HistoryRecord, Stats, query_history, stats
from storage.models import Status, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.slack.deps import SlackDeps

log = logging.getLogger(__name__)

PENDING_SCAN = 50
"""Newest pending requests checked for eligibility per publish."""


def _lists(engine: Engine, user: str, admin: bool) -> dict[str, Any]:
    with session_scope(engine) as session:
        pending = query_history(session, HistoryFilter(status=[Status.PENDING], limit=PENDING_SCAN))
        mine = query_history(session, HistoryFilter(requester=user, limit=hb.HOME_LIST))
        out: dict[str, Any] = {
            "pending": [r.id for r in pending.items],
            "mine": mine.items,
            "stats": None,
            "latest": [],
        }
        if admin:
            out["stats"] = stats(session, since=utcnow() - timedelta(days=7))
            decided = HistoryFilter(
                status=[Status.APPROVED, Status.DENIED, Status.EXPIRED, Status.EXECUTED],
                limit=hb.HOME_LIST,
            )
            out["latest"] = query_history(session, decided).items
    return out


class HomeTab:
    def __init__(self, deps: SlackDeps) -> None:
        self.deps = deps
        self.opened: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}

    async def publish(self, user: str) -> None:
        """Build and publish one person's Home; one publish at a time per person."""
        lock = self._locks.setdefault(user, asyncio.Lock())
        async with lock:
            admin = await is_admin(self.deps, user)
            lists = await asyncio.to_thread(_lists, self.deps.service.engine, user, admin)
            waiting: list[blocks.Payload] = []
            more = 0
            for request_id in lists["pending"]:
                request = await self.deps.service.get(request_id)
                if request is None or request.status != "pending":
                    continue
                eligible, _ = await self.deps.service.is_eligible(request, user)
                if not eligible:
                    continue
                if len(waiting) < hb.MAX_HOME_CARDS:
                    waiting.append(blocks.card(request))
                else:
                    more += 1
            mine: list[HistoryRecord] = lists["mine"]
            admin_stats: Stats | None = lists["stats"]
            view = hb.home_view(
                waiting=waiting,
                waiting_more=more,
                mine=mine,
                admin_stats=admin_stats,
                latest=lists["latest"],
            )
            await self.deps.notifier.call(
                "views.publish", self.deps.client.views_publish(user_id=user, view=view)
            )

    async def people(self, request: RequestView, actor: str | None) -> set[str]:
        """Whose Home shows this request: requester, voters, approvers, admins."""
        who = {request.requester or "", actor or ""} | {v.voter for v in request.votes}
        try:
            who |= await self.deps.service.eligibility.approvers(request)
        except Exception:
            log.warning("could not resolve approvers for a Home refresh", exc_info=True)
        who |= {u for u in self.opened if await is_admin(self.deps, u)}
        return who

    async def on_event(self, event: RequestEvent) -> None:
        """Republish Home for everyone who has it open and sees this request there."""
        if not self.opened:
            return  # nobody is looking: not even worth working out who would be
        if event.kind == "screened" and event.request.status not in ("allowed", "blocked"):
            return  # the following awaiting_requester/pending event covers it
        try:
            targets = (await self.people(event.request, event.actor)) & self.opened
            for user in sorted(targets):
                await self.publish(user)
        except Exception:
            log.exception("could not refresh the Home tab")


def register(app: AsyncApp, deps: SlackDeps) -> HomeTab:
    home = HomeTab(deps)
    deps.service.subscribe(home.on_event)

    async def on_home_opened(event: dict[str, Any]) -> None:
        user = str(event.get("user") or "")
        if event.get("tab", "home") != "home" or not user:
            return
        home.opened.add(user)
        try:
            await home.publish(user)
        except Exception:
            log.exception("could not publish the Home tab")

    app.event("app_home_opened")(on_home_opened)
    return home
