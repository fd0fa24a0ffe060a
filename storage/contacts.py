"""Questions an agent asked a person (HumanLayer's `human_as_tool`), and their answers.

A contact is not an approval: nobody votes, nothing is released. Its small
lifecycle — pending, then answered or expired once — is changed only by
`bot.approvals.states`, through the same compare-and-set as a request's
(`storage.transitions`); this module holds the table and its queries. The
question is stored masked; the reply is stored as typed because handing it back
to the agent is the point.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from storage.models import UTCDateTime, new_id, utcnow
from storage.transitions import compare_and_set


class ContactStatus(StrEnum):
    PENDING = "pending"
    ANSWERED = "answered"
    EXPIRED = "expired"
    REFUSED = "refused"
    """TwoKey would not deliver the question (the risk engine held or blocked it)."""


def _ts(**kw: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kw)


class ContactRequest(SQLModel, table=True):
    __tablename__ = "contact_requests"
    __table_args__ = (
        sa.UniqueConstraint("agent", "call_id", name="uq_contact_requests_agent_call"),
        sa.Index("ix_contact_requests_status_expires", "status", "expires_at"),
    )

    id: str = Field(default_factory=lambda: new_id("HC"), primary_key=True, max_length=32)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)
    updated_at: datetime = _ts(default_factory=utcnow, nullable=False)
    status: str = Field(max_length=16, nullable=False)
    agent: str = Field(max_length=120)
    run_id: str = Field(max_length=200)
    call_id: str = Field(max_length=200)
    recipient: str | None = Field(default=None, max_length=32)
    """Slack user (DM) or channel id the question was posted to."""
    allowed_responders: list[str] | None = Field(default=None, sa_type=sa.JSON)
    message: str = Field(sa_type=sa.Text)
    """Masked question: safe to show in Slack, logs and exports."""
    spec_sha256: str = Field(max_length=64)
    """Digest of the agent's exact spec, so a reused call_id with other content is caught."""
    reason: str | None = Field(default=None, sa_type=sa.Text)
    """Why it was refused or expired."""
    response: str | None = Field(default=None, sa_type=sa.Text)
    response_option: str | None = Field(default=None, max_length=200)
    responded_by: str | None = Field(default=None, max_length=32)
    responded_at: datetime | None = _ts(default=None)
    expires_at: datetime | None = _ts(default=None)
    slack: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    meta: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    """The echo of the agent's spec (masked subject, channel hints, options, state)."""


CONTACT_STATE_FIELDS = (
    "id",
    "status",
    "agent",
    "call_id",
    "spec_sha256",
    "response",
    "response_option",
    "responded_by",
    "responded_at",
)
"""A contact's decisive fields (the reply among them): every status change's event
carries their digest, as a request's does."""


def find_contact(session: Session, agent: str, call_id: str) -> ContactRequest | None:
    return session.exec(
        select(ContactRequest).where(
            ContactRequest.agent == agent, ContactRequest.call_id == call_id
        )
    ).first()


def get_contact(session: Session, contact_id: str, *, lock: bool = False) -> ContactRequest | None:
    """With `lock`, hold the row until commit (PostgreSQL; SQLite is already serialized)."""
    stmt = select(ContactRequest).where(ContactRequest.id == contact_id)
    if lock:
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def insert_contact(session: Session, row: ContactRequest) -> tuple[ContactRequest, bool]:
    """Insert, or return the existing contact for the same (agent, call_id)."""
    existing = find_contact(session, row.agent, row.call_id)
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # a concurrent identical POST won the insert
        existing = find_contact(session, row.agent, row.call_id)
        if existing is None:
            raise
        return existing, False
    return row, True


def set_contact_status(
    session: Session, contact_ids: Sequence[str], *, expected: Sequence[str], to: str, **values: Any
) -> set[str]:
    """Move contacts still in `expected` to `to`; the ids this call moved."""
    return compare_and_set(session, ContactRequest, contact_ids, expected=expected, to=to, **values)


def open_contacts(session: Session) -> list[ContactRequest]:
    """Questions still waiting for a reply (their deadlines are rebuilt at start-up)."""
    return list(
        session.exec(
            select(ContactRequest).where(col(ContactRequest.status) == ContactStatus.PENDING)
        ).all()
    )


def claim_overdue_contacts(session: Session, now: datetime, *, limit: int) -> list[ContactRequest]:
    """Pending questions past their deadline, locked for this transaction (`SKIP LOCKED`
    on PostgreSQL, so replicas sweeping together take different rows)."""
    stmt = (
        select(ContactRequest)
        .where(
            col(ContactRequest.status) == ContactStatus.PENDING,
            col(ContactRequest.expires_at) <= now,
        )
        .order_by(col(ContactRequest.expires_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.exec(stmt).all())


def merge_contact_slack(session: Session, contact_id: str, refs: dict[str, Any]) -> None:
    """Remember where the question was posted (to close it there later)."""
    row = get_contact(session, contact_id, lock=True)
    if row is None:
        return
    session.execute(
        sa.update(ContactRequest)
        .where(col(ContactRequest.id) == contact_id)
        .values(slack={**(row.slack or {}), **refs}, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
