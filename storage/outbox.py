"""SQL for the Slack outbox (`slack_outbox`): enqueue, claim, record, finish.

Claiming is a short transaction that sets a lease (`claimed_until`); the Slack
calls happen outside any transaction, and a replica that dies mid-delivery
simply lets its lease run out (a live one renews it: `renew`). On PostgreSQL
`FOR UPDATE SKIP LOCKED` lets replicas claim side by side without waiting on
each other. Effects of one request are delivered in order: a row is not
claimable while an earlier row of the same request is still pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.models import Request, SlackEffect, utcnow

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"


@dataclass(frozen=True)
class Claimed:
    id: int
    request_id: str | None
    kind: str
    actor: str | None
    attempts: int
    progress: dict[str, Any]
    interrupted: bool
    """A previous attempt claimed it and never reported back (its replica died)."""
    last_error: str | None = None
    """Why the previous attempt failed, if one did."""


def enqueue(session: Session, effects: Sequence[dict[str, Any]]) -> None:
    """Add effects in the caller's transaction: each has `kind`, `request_id`, `actor`."""
    if effects:
        session.execute(sa.insert(SlackEffect.__table__), effect_rows(effects))  # type: ignore[attr-defined]


def effect_rows(effects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pending `slack_outbox` rows for `enqueue`'s effects (also `storage.inserts`')."""
    now = utcnow()
    return [
        {
            "request_id": e.get("request_id"),
            "kind": e["kind"],
            "actor": e.get("actor"),
            "state": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "claimed_until": None,
            "progress": {},
            "last_error": None,
            "created_at": now,
            "delivered_at": None,
        }
        for e in effects
    ]


_MISSING_LOCK = 0x544C  # "TL": replicas starting together look for missing effects in turn


def open_without_effects(
    session: Session, request_ids: Sequence[str], statuses: Sequence[str]
) -> list[Request]:
    """Those of `request_ids` still in `statuses` that have no outbox row at all.

    On PostgreSQL a transaction-scoped advisory lock makes replicas starting together
    take turns, so the second sees what the first queued; request rows are not locked
    (a deadline sweep skips locked rows, and must not skip these)."""
    if not request_ids:
        return []
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.text("SELECT pg_advisory_xact_lock(:cls, hashtext(current_schema()))"),
            {"cls": _MISSING_LOCK},
        )
    has_effect = (
        sa.select(col(SlackEffect.id))
        .where(col(SlackEffect.request_id) == col(Request.id))
        .exists()
    )
    return list(
        session.execute(
            sa.select(Request).where(
                col(Request.id).in_(list(request_ids)),
                col(Request.status).in_(list(statuses)),
                ~has_effect,
            )
        )
        .scalars()
        .all()
    )


def claim(
    session: Session, now: datetime, *, lease: float, limit: int, subject: str | None = None
) -> list[Claimed]:
    """Take up to `limit` due effects for `lease` seconds (oldest first, one per request).

    With `subject`, only that request's (or contact's) next effect, due or not: a caller
    that waits on Slack (a HumanLayer question) tries now rather than after the backoff."""
    earlier = aliased(SlackEffect)
    blocked = (
        sa.select(col(earlier.id))
        .where(
            col(earlier.request_id) == col(SlackEffect.request_id),
            col(earlier.id) < col(SlackEffect.id),
            col(earlier.state) == PENDING,
        )
        .exists()
    )
    when = (
        col(SlackEffect.next_attempt_at) <= now
        if subject is None
        else col(SlackEffect.request_id) == subject
    )
    stmt = (
        sa.select(SlackEffect)
        .where(
            col(SlackEffect.state) == PENDING,
            when,
            sa.or_(col(SlackEffect.claimed_until).is_(None), col(SlackEffect.claimed_until) < now),
            ~blocked,
        )
        .order_by(col(SlackEffect.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.execute(stmt).scalars().all())
    if not rows:
        return []
    until = now + timedelta(seconds=lease)
    session.execute(
        sa.update(SlackEffect)
        .where(col(SlackEffect.id).in_([r.id for r in rows]))
        .values(claimed_until=until, attempts=SlackEffect.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return [
        Claimed(
            id=int(r.id or 0),
            request_id=r.request_id,
            kind=r.kind,
            actor=r.actor,
            attempts=r.attempts + 1,
            progress=dict(r.progress or {}),
            interrupted=r.claimed_until is not None,
            last_error=r.last_error,
        )
        for r in rows
    ]


def has_pending(session: Session, subject: str) -> bool:
    """Whether an effect of `subject` is still to be delivered (claimed or not)."""
    stmt = sa.select(col(SlackEffect.id)).where(
        col(SlackEffect.request_id) == subject, col(SlackEffect.state) == PENDING
    )
    return session.execute(stmt.limit(1)).first() is not None


def given_up(session: Session, subject: str) -> str | None:
    """Why `subject`'s latest effect was given up on, if it was (and nothing is queued)."""
    row = session.execute(
        sa.select(col(SlackEffect.state), col(SlackEffect.last_error))
        .where(col(SlackEffect.request_id) == subject)
        .order_by(col(SlackEffect.id).desc())
        .limit(1)
    ).first()
    return str(row[1] or "unknown") if row is not None and row[0] == DEAD else None


def record_progress(
    session: Session, effect_id: int, progress: dict[str, Any], *, lease_until: datetime
) -> None:
    """Save what has been posted so far (and keep the lease while work continues)."""
    session.execute(
        sa.update(SlackEffect)
        .where(col(SlackEffect.id) == effect_id)
        .values(progress=progress, claimed_until=lease_until)
        .execution_options(synchronize_session=False)
    )


def renew(session: Session, effect_ids: Sequence[int], *, lease_until: datetime) -> None:
    """Extend the leases of effects still being delivered (the heartbeat of a live replica)."""
    session.execute(
        sa.update(SlackEffect)
        .where(
            col(SlackEffect.id).in_(list(effect_ids)),
            col(SlackEffect.state) == PENDING,
            col(SlackEffect.claimed_until).is_not(None),
        )
        .values(claimed_until=lease_until)
        .execution_options(synchronize_session=False)
    )


def finish(session: Session, effect_id: int) -> None:
    session.execute(
        sa.update(SlackEffect)
        .where(col(SlackEffect.id) == effect_id)
        .values(state=DELIVERED, delivered_at=utcnow(), claimed_until=None, last_error=None)
        .execution_options(synchronize_session=False)
    )


def retry_later(
    session: Session, effect_id: int, *, error: str, at: datetime | None, dead: bool
) -> None:
    """Release the lease; try again at `at`, or give up (`dead`) after the last try."""
    values: dict[str, Any] = {"claimed_until": None, "last_error": error[:200]}
    if dead:
        values["state"] = DEAD
    else:
        values["next_attempt_at"] = at or utcnow()
    session.execute(
        sa.update(SlackEffect)
        .where(col(SlackEffect.id) == effect_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def counts(session: Session) -> dict[str, int]:
    """Effects by state (pending, delivered, dead)."""
    rows = session.execute(
        sa.select(col(SlackEffect.state), sa.func.count()).group_by(col(SlackEffect.state))
    ).all()
    return {PENDING: 0, DELIVERED: 0, DEAD: 0, **{str(s): int(n) for s, n in rows}}


def undeliverable(session: Session, *, limit: int = 100) -> list[SlackEffect]:
    """Effects given up on, newest first: what `twokey doctor` (or a person) should look at."""
    return list(
        session.execute(
            sa.select(SlackEffect)
            .where(col(SlackEffect.state) == DEAD)
            .order_by(col(SlackEffect.id).desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )


@dataclass(frozen=True)
class DeadGroup:
    """Undeliverable effects of one kind that failed the same way."""

    kind: str
    error: str
    count: int
    newest: datetime


def undeliverable_summary(session: Session, *, since: datetime | None = None) -> list[DeadGroup]:
    """Effects given up on (queued at or after `since`), by kind and last error, most first."""
    stmt = sa.select(
        col(SlackEffect.kind),
        col(SlackEffect.last_error),
        sa.func.count(),
        sa.func.max(col(SlackEffect.created_at)),
    ).where(col(SlackEffect.state) == DEAD)
    if since is not None:
        stmt = stmt.where(col(SlackEffect.created_at) >= since)
    rows = session.execute(stmt.group_by(col(SlackEffect.kind), col(SlackEffect.last_error))).all()
    groups = [DeadGroup(str(k), str(e or "unknown"), int(n), newest) for k, e, n, newest in rows]
    return sorted(groups, key=lambda g: (-g.count, g.kind, g.error))


def dead_effects(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    kind: str | None = None,
    lock: bool = False,
    limit: int | None = None,
) -> list[SlackEffect]:
    """Effects given up on, oldest first: those of `ids` (all if None), of `kind` if given.

    With `lock`, the rows are held until commit, so a replica cannot re-queue them too."""
    stmt = sa.select(SlackEffect).where(col(SlackEffect.state) == DEAD)
    if ids is not None:
        stmt = stmt.where(col(SlackEffect.id).in_(list(ids)))
    if kind is not None:
        stmt = stmt.where(col(SlackEffect.kind) == kind)
    stmt = stmt.order_by(col(SlackEffect.id))
    if limit is not None:
        stmt = stmt.limit(limit)
    if lock:
        stmt = stmt.with_for_update()
    return list(session.execute(stmt).scalars().all())


def states_of(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The state of each of `ids` that exists (to say why one named was not re-queued)."""
    if not ids:
        return {}
    rows = session.execute(
        sa.select(col(SlackEffect.id), col(SlackEffect.state)).where(
            col(SlackEffect.id).in_(list(ids))
        )
    ).all()
    return {int(i): str(s) for i, s in rows}


def requeue(session: Session, effect_ids: Sequence[int], *, now: datetime) -> int:
    """Give dead effects a fresh round of tries, due now; return how many were dead.

    `progress` is kept: what an earlier try posted is not posted again."""
    if not effect_ids:
        return 0
    result = session.execute(
        sa.update(SlackEffect)
        .where(col(SlackEffect.id).in_(list(effect_ids)), col(SlackEffect.state) == DEAD)
        .values(state=PENDING, attempts=0, next_attempt_at=now, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
