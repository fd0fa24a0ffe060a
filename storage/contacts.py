"""Questions an agent asked a person (HumanLayer's `human_as_tool`), and their answers.

A contact is not an approval: nobody votes, nothing is released. It has its own
small lifecycle — pending, then answered or expired once — kept as
compare-and-set updates like every request status change, and each step
writes an audit event in the same transaction. The question is stored masked;
the reply is stored as typed because handing it back to the agent is the point.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

from storage.audit import append_event
from storage.models import UTCDateTime, new_id, utcnow


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


def find_contact(session: Session, agent: str, call_id: str) -> ContactRequest | None:
    return session.exec(
        select(ContactRequest).where(
            ContactRequest.agent == agent, ContactRequest.call_id == call_id
        )
    ).first()


def get_contact(session: Session, contact_id: str) -> ContactRequest | None:
    return session.exec(select(ContactRequest).where(ContactRequest.id == contact_id)).first()


def create_contact(session: Session, row: ContactRequest) -> tuple[ContactRequest, bool]:
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
    append_event(
        session,
        action=f"contact.{row.status}",
        actor=f"agent:{row.agent}",
        request_id=row.id,
        detail={
            "run_id": row.run_id,
            "call_id": row.call_id,
            "recipient": row.recipient,
            "spec_sha256": row.spec_sha256,
            "reason": row.reason,
        },
    )
    return row, True


def _move(session: Session, contact_id: str, expected: str, **values: Any) -> bool:
    values["updated_at"] = utcnow()
    result = session.execute(
        sa.update(ContactRequest)
        .where(
            ContactRequest.id == contact_id,  # type: ignore[arg-type]
            ContactRequest.status == expected,  # type: ignore[arg-type]
        )
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def answer_contact(
    session: Session,
    contact_id: str,
    *,
    responder: str,
    response: str,
    option: str | None = None,
) -> bool:
    """pending → answered, once; False if someone else answered first or it expired."""
    now = utcnow()
    moved = _move(
        session,
        contact_id,
        ContactStatus.PENDING,
        status=ContactStatus.ANSWERED,
        response=response,
        response_option=option,
        responded_by=responder,
        responded_at=now,
    )
    if moved:
        append_event(
            session,
            action="contact.answered",
            actor=responder,
            request_id=contact_id,
            detail={"chars": len(response), "option": option},
        )
    return moved


def expire_contact(session: Session, contact_id: str, *, reason: str) -> bool:
    """pending → expired, once, when nobody answered in time."""
    moved = _move(
        session,
        contact_id,
        ContactStatus.PENDING,
        status=ContactStatus.EXPIRED,
        reason=reason,
        responded_at=utcnow(),
    )
    if moved:
        append_event(
            session,
            action="contact.expired",
            actor="twokey",
            request_id=contact_id,
            detail={"reason": reason},
        )
    return moved


def set_contact_slack(session: Session, contact_id: str, refs: dict[str, Any]) -> None:
    row = get_contact(session, contact_id)
    if row is None:
        return
    row.slack = {**(row.slack or {}), **refs}
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
