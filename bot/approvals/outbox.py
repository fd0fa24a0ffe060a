"""Delivers the Slack outbox: claim due effects, hand each to the deliverer, record the result.

Every replica runs one; they share the table (leases, and `SKIP LOCKED` on
PostgreSQL), so an effect is delivered by one of them, and by another if that
one dies. A failed try waits with exponential backoff, longer if Slack said
`Retry-After`; after `max_attempts` the effect is marked dead, logged as an
alert and counted (`/metrics`, `storage.outbox.undeliverable` for doctor).

A claim is a short lease (`lease`, 6 s) that a heartbeat renews every third of
it while the delivery runs, however long Slack takes: a live replica keeps its
effects, and one killed mid-delivery gives them up within one lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.approvals.effects import CONTACT_KINDS
from bot.logs import request_id_var
from storage import contacts as ct
from storage import outbox as ob
from storage import requests as rq
from storage.db import session_scope
from storage.models import utcnow

log = logging.getLogger(__name__)


class RetryLater(Exception):  # noqa: N818 - it is an instruction, not an error report
    """Raised by a deliverer: this try failed; `retry_after` is Slack's own wait, if it gave one.

    `permanent`: no retry can cure it (a missing channel, a revoked token): the effect is
    given up at once rather than retried for minutes with the problem hidden."""

    def __init__(
        self, reason: str, *, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent


def error_code(reason: str) -> str:
    """The error part of a failure's reason (`chat.postMessage: channel_not_found`)."""
    return reason.rsplit(": ", 1)[-1].strip() or "unknown"


class Delivery:
    """One claimed effect as the deliverer sees it: what it is and what is already done."""

    def __init__(self, outbox: Outbox, claimed: ob.Claimed) -> None:
        self._outbox = outbox
        self.id = claimed.id
        self.kind = claimed.kind
        self.request_id = claimed.request_id
        self.actor = claimed.actor
        self.attempt = claimed.attempts
        self.interrupted = claimed.interrupted
        self.last_error = claimed.last_error
        """Why the previous try failed (`chat.postMessage: timeout`), if one did."""
        self.progress: dict[str, Any] = claimed.progress

    def done(self, key: str) -> Any | None:
        """What an earlier try recorded under `key` (e.g. a posted message's ref)."""
        return self.progress.get(key)

    async def record(self, key: str, value: Any, slack_refs: dict[str, Any] | None = None) -> None:
        """Save `value` under `key` now, with the request's Slack refs in the same transaction."""
        self.progress[key] = value
        await asyncio.to_thread(
            self._outbox.save_progress,
            self.id,
            self.request_id,
            dict(self.progress),
            slack_refs,
            kind=self.kind,
        )


Deliverer = Callable[[Delivery], Awaitable[None]]
DeadInTransaction = Callable[[Session, Delivery, str], Callable[[], None] | None]


class Outbox:
    def __init__(
        self,
        engine: Engine,
        *,
        max_attempts: int = 10,
        base_delay: float = 1.0,
        max_delay: float = 300.0,
        lease: float = 6.0,
        poll_interval: float = 1.0,
        batch: int = 16,
    ) -> None:
        self.engine = engine
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.lease = lease
        self.poll_interval = poll_interval
        self.batch = batch
        self.deliverer: Deliverer | None = None
        self.on_dead: list[Callable[[Delivery, str], None]] = []
        """Called with each effect given up on and why, after it is recorded (metrics)."""
        self.on_dead_tx: list[DeadInTransaction] = []
        """Run in the transaction that gives an effect up (the service closes a request that
        now asks nobody); what one returns is called after commit."""
        self.dead = 0
        """Undeliverable effects in the table (refreshed by the worker)."""
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._inflight = 0
        self._held: set[int] = set()
        """Effects this process has claimed and not yet reported on: their leases are renewed."""

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> None:
        if self.deliverer is None or self._task is not None:
            return
        self._task = asyncio.create_task(self._run(), name="twokey-outbox")
        self._heartbeat = asyncio.create_task(self._renew_leases(), name="twokey-outbox-lease")

    async def stop(self) -> None:
        for task in (self._task, self._heartbeat):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._heartbeat = None

    async def _renew_leases(self) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            if not self._held:
                continue
            try:
                await asyncio.to_thread(self._renew, sorted(self._held))
            except Exception:
                log.warning("outbox: could not renew leases", exc_info=True)

    def wake(self) -> None:
        """Something was just queued: look now rather than at the next poll."""
        self._wake.set()

    async def drain(self) -> None:
        """Deliver until nothing is due (tests and the demo wait on Slack this way)."""
        if self.deliverer is None:
            return
        while await self.deliver_due() or self._inflight:
            if self._inflight:
                await asyncio.sleep(0.01)  # the worker is delivering: wait for its outcome

    async def _run(self) -> None:
        while True:
            # Clear before claiming, not after: a wake-up for an effect committed while the
            # claim is in flight must not be wiped out (it would cost a whole poll interval).
            self._wake.clear()
            try:
                delivered = await self.deliver_due()
                if delivered:
                    continue
                self.dead = await asyncio.to_thread(self.count_dead)
            except Exception:
                # The database is down, say: keep the worker alive and look again soon.
                log.warning("outbox: could not claim effects", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)

    # -- one round ------------------------------------------------------------

    async def deliver_due(self) -> int:
        """Claim a batch of due effects and deliver them concurrently; return how many."""
        if self.deliverer is None:
            return 0
        self._inflight += 1  # from the claim on: a drain must wait for what this round took
        try:
            claimed = await asyncio.to_thread(self._claim)
            self._held.update(c.id for c in claimed)
            if claimed:
                await asyncio.gather(*(self._deliver(c) for c in claimed))
            return len(claimed)
        finally:
            self._inflight -= 1

    def _claim(self, subject: str | None = None) -> list[ob.Claimed]:
        with session_scope(self.engine) as s:
            return ob.claim(s, utcnow(), lease=self.lease, limit=self.batch, subject=subject)

    async def deliver_now(self, subject: str, *, wait: float = 15.0) -> None:
        """Try `subject`'s next effect now, whatever its backoff says, and return once it is
        delivered or this try failed (a failure is retried with backoff as usual).

        For a caller that answers only after Slack has (a HumanLayer question). If another
        replica holds the effect, wait up to `wait` seconds for it to report back."""
        if self.deliverer is None:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        self._inflight += 1
        try:
            while loop.time() < deadline:
                claimed = await asyncio.to_thread(self._claim, subject)
                if claimed:
                    self._held.update(c.id for c in claimed)
                    await asyncio.gather(*(self._deliver(c) for c in claimed))
                    return
                if not await asyncio.to_thread(self._has_pending, subject):
                    return
                await asyncio.sleep(0.05)
        finally:
            self._inflight -= 1

    def _has_pending(self, subject: str) -> bool:
        with session_scope(self.engine) as s:
            return ob.has_pending(s, subject)

    async def _deliver(self, claimed: ob.Claimed) -> None:
        try:
            await self._deliver_once(claimed)
        finally:
            self._held.discard(claimed.id)

    async def _deliver_once(self, claimed: ob.Claimed) -> None:
        assert self.deliverer is not None
        delivery = Delivery(self, claimed)
        request_id_var.set(claimed.request_id)
        try:
            await self.deliverer(delivery)
        except RetryLater as exc:
            await self._failed(delivery, exc.reason, exc.retry_after, permanent=exc.permanent)
            return
        except Exception as exc:
            await self._failed(delivery, type(exc).__name__, None)
            return
        try:
            await asyncio.to_thread(self._finish, claimed.id)
        except Exception:
            log.warning("outbox: effect %s delivered but not marked", claimed.id, exc_info=True)

    async def _failed(
        self,
        delivery: Delivery,
        reason: str,
        retry_after: float | None,
        *,
        permanent: bool = False,
    ) -> None:
        dead = permanent or delivery.attempt >= self.max_attempts
        at = (
            None
            if dead
            else utcnow() + timedelta(seconds=self.backoff(delivery.attempt, retry_after))
        )
        self._log_failure(delivery, reason, dead=dead, permanent=permanent)
        try:
            stored = f"{reason} (permanent)" if permanent else reason
            after = await asyncio.to_thread(self._retry_later, delivery, stored, reason, at, dead)
        except Exception:
            log.warning("outbox: could not record the failure of %s", delivery.id, exc_info=True)
            return
        if dead:
            self.dead += 1
            for announce in after:
                announce()
            for hook in self.on_dead:
                try:
                    hook(delivery, reason)
                except Exception:
                    log.warning("outbox: on_dead hook failed for %s", delivery.id, exc_info=True)

    @staticmethod
    def _log_failure(delivery: Delivery, reason: str, *, dead: bool, permanent: bool) -> None:
        if not dead:
            log.warning(
                "outbox: slack effect %s (%s) failed (try %d): %s",
                delivery.id,
                delivery.kind,
                delivery.attempt,
                reason,
            )
            return
        # An alert: a person may never have been asked, or never told. Ids, the kind and
        # Slack's error code only: no instruction text, no channel or user names.
        log.error(
            "outbox: giving up on slack effect %s (%s of %s) after %d tries: %s (%s)",
            delivery.id,
            delivery.kind,
            delivery.request_id,
            delivery.attempt,
            reason,
            "Slack refuses it until someone fixes it; see `twokey doctor`"
            if permanent
            else "every retry failed",
        )

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds before try `attempt + 1`: doubling with jitter, never less than Retry-After."""
        delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        delay *= 0.75 + random.random() / 2  # noqa: S311 - jitter, not a secret
        return max(delay, retry_after or 0.0)

    # -- transactions (run in threads) ------------------------------------------

    def save_progress(
        self,
        effect_id: int,
        request_id: str | None,
        progress: dict[str, Any],
        slack_refs: dict[str, Any] | None,
        *,
        kind: str = "",
    ) -> None:
        with session_scope(self.engine) as s:
            if slack_refs and request_id:
                merge = ct.merge_contact_slack if kind in CONTACT_KINDS else rq.merge_slack_refs
                merge(s, request_id, slack_refs)
            until: datetime = utcnow() + timedelta(seconds=self.lease)
            ob.record_progress(s, effect_id, progress, lease_until=until)

    def _renew(self, effect_ids: list[int]) -> None:
        with session_scope(self.engine) as s:
            ob.renew(s, effect_ids, lease_until=utcnow() + timedelta(seconds=self.lease))

    def _finish(self, effect_id: int) -> None:
        with session_scope(self.engine) as s:
            ob.finish(s, effect_id)

    def _retry_later(
        self, delivery: Delivery, stored: str, reason: str, at: datetime | None, dead: bool
    ) -> list[Callable[[], None]]:
        """Record the failure; for a dead effect run `on_dead_tx` in the same transaction
        and return what they ask to run after commit."""
        with session_scope(self.engine) as s:
            ob.retry_later(s, delivery.id, error=stored, at=at, dead=dead)
            hooks = self.on_dead_tx if dead else []
            return [after for hook in hooks if (after := hook(s, delivery, reason)) is not None]

    def count_dead(self) -> int:
        with session_scope(self.engine) as s:
            return ob.counts(s)[ob.DEAD]

    def counts(self) -> dict[str, int]:
        with session_scope(self.engine) as s:
            return ob.counts(s)
