"""Deadlines, reminders and escalations on APScheduler.

The database is the source of truth; jobs are only alarms. Each open request
(and each pending HumanLayer question, which has a deadline and nothing else)
gets its jobs at creation (and again at start-up, rebuilt from the table), and
a periodic sweep expires whatever a job missed — a crash, a restart, another
replica. A deadline job expires every overdue request in one batch, so ten
thousand deadlines in the same minute cost a few transactions, not ten
thousand.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.approvals.view import RequestView
from bot.config import PolicyConfig
from storage.models import Status, utcnow

log = logging.getLogger(__name__)

JOB_KINDS = ("expire", "remind", "escalate")


class Timers:
    def __init__(
        self,
        policy: PolicyConfig,
        *,
        on_deadline: Callable[[], Awaitable[None]],
        on_remind: Callable[[str], Awaitable[None]],
        on_escalate: Callable[[str], Awaitable[None]],
        sweep_interval: float = 15.0,
    ) -> None:
        self._policy = policy
        self._on_deadline = on_deadline
        self._on_remind = on_remind
        self._on_escalate = on_escalate
        self._sweep_interval = sweep_interval
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self.scheduler.start()
        self.scheduler.add_job(
            self._on_deadline,
            "interval",
            seconds=self._sweep_interval,
            id="sweep",
            replace_existing=True,
        )

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def schedule(self, request: RequestView, *, entered_pending_at: datetime | None = None) -> None:
        """Set the alarms for an open request (idempotent: replaces existing ones)."""
        if not request.is_open or request.expires_at is None:
            self.forget(request.id)
            return
        self._add(f"{request.id}:expire", self._on_deadline, request.expires_at, ())
        if request.status != Status.PENDING:
            return
        start = entered_pending_at or request.created_at
        now = utcnow()
        for kind, after, done, callback in (
            ("remind", self._policy.reminder_after, request.reminded, self._on_remind),
            ("escalate", self._policy.escalate_after, request.escalated, self._on_escalate),
        ):
            if after is None or done:
                continue
            if kind == "escalate" and not self._policy.escalation_group:
                continue
            when = max(start + timedelta(seconds=after), now)
            if when < request.expires_at:
                self._add(f"{request.id}:{kind}", callback, when, (request.id,))

    def deadline(self, subject_id: str, when: datetime) -> None:
        """The deadline alarm alone, for a record with no reminders (a HumanLayer question):
        at `when` the deadline sweep runs, as it does for a request's."""
        self._add(f"{subject_id}:expire", self._on_deadline, when, ())

    def forget(self, request_id: str) -> None:
        for kind in JOB_KINDS:
            with contextlib.suppress(JobLookupError):
                self.scheduler.remove_job(f"{request_id}:{kind}")

    def _add(
        self,
        job_id: str,
        func: Callable[..., Awaitable[None]],
        when: datetime,
        args: tuple[str, ...],
    ) -> None:
        self.scheduler.add_job(
            func, "date", run_date=when, id=job_id, args=args, replace_existing=True
        )
