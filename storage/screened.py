"""SQL for `screened_messages`: one row per version of a Slack message TwoKey screened.

Slack delivers an event again when we answer slowly (`X-Slack-Retry-Num`, same
`event_id`), and the same message can reach us twice by other routes (an edit
back to an earlier text, the message shortcut on an already screened message).
A unique `event_id` and a unique `(channel, ts, text sha)` let the database say
"seen it" exactly once, even when two deliveries race: the row is claimed
*before* the instruction is assessed, and the request id is attached after.
An edit changes the text hash, so an edited message is a new version and is
screened again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from storage.db import session_scope
from storage.models import ScreenedMessage, utcnow

SCREENING = "screening"
"""Decision placeholder while a claimed message is being assessed."""
STALE_CLAIM = timedelta(minutes=2)
"""A claim still `screening` after this long was abandoned (crash); a retry may take it."""


@dataclass(frozen=True)
class Claim:
    id: int
    duplicate: bool
    """True: another delivery already claimed this event or this message version."""
    request_id: str | None
    decision: str


def _existing(
    engine: Engine, event_id: str | None, channel: str, message_ts: str, text_sha256: str
) -> ScreenedMessage | None:
    with session_scope(engine) as s:
        conditions = [
            sa.and_(
                col(ScreenedMessage.channel) == channel,
                col(ScreenedMessage.message_ts) == message_ts,
                col(ScreenedMessage.text_sha256) == text_sha256,
            )
        ]
        if event_id:
            conditions.append(col(ScreenedMessage.event_id) == event_id)
        return s.exec(select(ScreenedMessage).where(sa.or_(*conditions))).first()


def _take_over(engine: Engine, row_id: int, now: datetime) -> bool:
    """Re-claim an abandoned `screening` row; only one caller can win."""
    with session_scope(engine) as s:
        result = s.execute(
            sa.update(ScreenedMessage)
            .where(
                col(ScreenedMessage.id) == row_id,
                col(ScreenedMessage.decision) == SCREENING,
                col(ScreenedMessage.created_at) < now - STALE_CLAIM,
            )
            .values(created_at=now)
        )
        assert isinstance(result, CursorResult)  # an UPDATE's result counts its rows
        return result.rowcount == 1


def claim(
    engine: Engine,
    *,
    event_id: str | None,
    channel: str,
    message_ts: str,
    author: str | None,
    text_sha256: str,
) -> Claim:
    """Record that this message version is being screened, or report who already did."""
    now = utcnow()
    try:
        with session_scope(engine) as s:
            row = ScreenedMessage(
                event_id=event_id or None,
                channel=channel,
                message_ts=message_ts,
                author=author,
                text_sha256=text_sha256,
                decision=SCREENING,
                created_at=now,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            return Claim(id=row.id, duplicate=False, request_id=None, decision=SCREENING)
    except IntegrityError:
        pass
    existing = _existing(engine, event_id, channel, message_ts, text_sha256)
    if existing is None or existing.id is None:
        # The winner rolled back between our insert and our read: treat as a duplicate
        # anyway; Slack will deliver again and the retry finds a free slot.
        return Claim(id=-1, duplicate=True, request_id=None, decision=SCREENING)
    if existing.decision == SCREENING and _take_over(engine, existing.id, now):
        return Claim(id=existing.id, duplicate=False, request_id=None, decision=SCREENING)
    return Claim(
        id=existing.id,
        duplicate=True,
        request_id=existing.request_id,
        decision=existing.decision,
    )


def finish(engine: Engine, claim_id: int, *, request_id: str, decision: str) -> None:
    """Attach the request the screening produced."""
    with session_scope(engine) as s:
        s.execute(
            sa.update(ScreenedMessage)
            .where(col(ScreenedMessage.id) == claim_id)
            .values(request_id=request_id, decision=decision)
        )


def release(engine: Engine, claim_id: int) -> None:
    """Give a claim back after a failure, so Slack's retry of the event is screened."""
    with session_scope(engine) as s:
        s.execute(
            sa.delete(ScreenedMessage).where(
                col(ScreenedMessage.id) == claim_id, col(ScreenedMessage.decision) == SCREENING
            )
        )


def versions(engine: Engine, channel: str, message_ts: str) -> list[ScreenedMessage]:
    """Every screened version of one message, oldest first (for edits)."""
    with session_scope(engine) as s:
        return list(
            s.exec(
                select(ScreenedMessage)
                .where(
                    col(ScreenedMessage.channel) == channel,
                    col(ScreenedMessage.message_ts) == message_ts,
                )
                .order_by(col(ScreenedMessage.id))
            ).all()
        )
