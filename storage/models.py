"""The tables. SQL lives in `storage/`; everything else sees these as records.

A request row holds every instruction TwoKey assessed — allowed and blocked
ones too — so the history shows what was screened, not only what was held.
Instruction text is stored masked; the exact text is kept only as its SHA-256,
which is all an execution token needs to prove what was approved.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Re-exported: the tables' status column speaks these.
from core.domain import OPEN_STATUSES as OPEN_STATUSES
from core.domain import Status as Status


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite forgets the zone otherwise)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


_ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


_ID_LENGTH = 10
_ID_SPACE = len(_ID_ALPHABET) ** _ID_LENGTH


def new_id(prefix: str = "TK") -> str:
    """Short, unambiguous, easy to read aloud on a call with an auditor.

    One draw from the whole id space (uniform, like ten `secrets.choice`s) rather than
    ten: each draw is a call to the system's random source, on every request."""
    n = secrets.randbelow(_ID_SPACE)
    base = len(_ID_ALPHABET)
    chars = []
    for _ in range(_ID_LENGTH):
        n, digit = divmod(n, base)
        chars.append(_ID_ALPHABET[digit])
    return prefix + "-" + "".join(chars)


def _ts(**kw: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kw)


class Request(SQLModel, table=True):
    __tablename__ = "requests"
    __table_args__ = (
        sa.UniqueConstraint("agent", "idempotency_key", name="uq_requests_agent_idempotency"),
        sa.Index("ix_requests_created", "created_at", "id"),
        sa.Index("ix_requests_status_created", "status", "created_at", "id"),
        sa.Index("ix_requests_requester_created", "requester", "created_at", "id"),
        sa.Index("ix_requests_agent_created", "agent", "created_at", "id"),
        sa.Index("ix_requests_risk_created", "risk", "created_at", "id"),
        sa.Index("ix_requests_open_deadline", "status", "expires_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)
    updated_at: datetime = _ts(default_factory=utcnow, nullable=False)
    status: str = Field(max_length=24, nullable=False)
    source: str = Field(default="api", max_length=24)
    """slack | shortcut | api | humanlayer"""
    agent: str | None = Field(default=None, max_length=120)
    requester: str | None = Field(default=None, max_length=120)
    """Slack user id of the employee asked to act (or on whose behalf the agent acts)."""

    instruction: str = Field(sa_type=sa.Text)
    """Masked: safe to show in Slack, logs and exports."""
    text_sha256: str = Field(max_length=64)
    kind: str | None = Field(default=None, max_length=16)

    decision: str = Field(max_length=24)
    risk: str = Field(max_length=16)
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    data: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    confidence: float | None = None
    justification: str | None = Field(default=None, sa_type=sa.Text)

    required_approvals: int = 1
    approver_group: str | None = Field(default=None, max_length=120)
    allowed_approvers: list[str] | None = Field(default=None, sa_type=sa.JSON)
    """Optional narrowing of the policy's approvers (never a widening)."""
    escalated: bool = False
    reminded: bool = False
    expires_at: datetime | None = _ts(default=None)

    decided_at: datetime | None = _ts(default=None)
    decided_by: str | None = Field(default=None, max_length=120)
    reason: str | None = Field(default=None, sa_type=sa.Text)
    """Deny reason, approval comment, or why it expired or was cancelled."""
    executed_at: datetime | None = _ts(default=None)

    callback_url: str | None = Field(default=None, max_length=2048)
    idempotency_key: str | None = Field(default=None, max_length=200)
    slack: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    """Where this request lives in Slack: source message, hold reply, prompt, cards."""
    meta: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    """Source-specific extras (e.g. HumanLayer run_id, fn, kwargs)."""


class RequestResource(SQLModel, table=True):
    """One row per resource a request touches, so 'who touched customers' is an index scan."""

    __tablename__ = "request_resources"
    __table_args__ = (
        sa.Index("ix_request_resources_resource_created", "resource", "created_at", "request_id"),
    )

    request_id: str = Field(foreign_key="requests.id", primary_key=True, max_length=32)
    resource: str = Field(primary_key=True, max_length=255)
    classification: str = Field(default="unclassified", max_length=24)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)


class Vote(SQLModel, table=True):
    __tablename__ = "votes"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "voter", name="uq_votes_request_voter"),
        sa.Index("ix_votes_voter_created", "voter", "created_at", "request_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: str = Field(foreign_key="requests.id", max_length=32, index=True)
    voter: str = Field(max_length=120)
    approve: bool
    comment: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)


class AuditEvent(SQLModel, table=True):
    """Append-only. Written without a lock (`id` is its insertion order); the sequencer
    later gives it its place in the chain (`seq`) and the hash linking it to the event
    before (`prev_hash`, `hash`). Until then it is *unsealed*: visible, not yet chained."""

    __tablename__ = "audit_events"
    __table_args__ = (
        sa.Index("ix_audit_events_seq", "seq", unique=True),
        sa.Index(
            "ix_audit_events_unsealed",
            "id",
            postgresql_where=sa.text("seq IS NULL"),
            sqlite_where=sa.text("seq IS NULL"),
        ),
    )

    id: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
    )
    seq: int | None = Field(default=None)
    at: datetime = _ts(default_factory=utcnow, nullable=False)
    request_id: str | None = Field(default=None, max_length=32, index=True)
    actor: str = Field(max_length=120)
    action: str = Field(max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str | None = Field(default=None, max_length=64)


class AuditHead(SQLModel, table=True):
    """The sealed chain's tip; only the sequencer locks it (never a request's transaction)."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str = Field(max_length=64)


class AuditLegacyRequest(SQLModel, table=True):
    """A request from before state digests (migration 0005): `verify` finds no event
    binding its row and says so, rather than calling its log tampered with. The list is
    itself bound to the chain by the `audit.state_digests_begin` event."""

    __tablename__ = "audit_legacy_requests"

    request_id: str = Field(primary_key=True, max_length=32)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_keys"

    id: str = Field(default_factory=lambda: new_id("KEY"), primary_key=True, max_length=32)
    agent: str = Field(max_length=120, index=True)
    admin: bool = False
    key_hash: str = Field(max_length=64, unique=True)
    """SHA-256 of the key: keys are 256-bit random, so a plain hash cannot be brute-forced."""
    prefix: str = Field(max_length=16)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)
    revoked_at: datetime | None = _ts(default=None)
    last_used_at: datetime | None = _ts(default=None)


class ScreenedMessage(SQLModel, table=True):
    """Every Slack message TwoKey screened: deduplicates retries and tracks edits."""

    __tablename__ = "screened_messages"
    __table_args__ = (
        sa.UniqueConstraint("channel", "message_ts", "text_sha256", name="uq_screened_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: str | None = Field(default=None, max_length=64, unique=True)
    channel: str = Field(max_length=32)
    message_ts: str = Field(max_length=32)
    author: str | None = Field(default=None, max_length=32)
    text_sha256: str = Field(max_length=64)
    request_id: str | None = Field(default=None, max_length=32)
    decision: str = Field(max_length=24)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)


class SlackEffect(SQLModel, table=True):
    """One Slack effect of a state change (a card, a prompt, an update, a DM): the outbox.

    Written in the transaction that made the change, so a change never commits
    without what it must show; delivered later by whichever replica claims it.
    `progress` records each message posted so far, so a retry updates instead
    of posting twice; `claimed_until` is a lease a dead replica gives up.
    """

    __tablename__ = "slack_outbox"
    __table_args__ = (
        sa.Index("ix_slack_outbox_due", "state", "next_attempt_at"),
        sa.Index("ix_slack_outbox_request", "request_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: str | None = Field(default=None, max_length=32)
    kind: str = Field(max_length=32)
    actor: str | None = Field(default=None, max_length=120)
    state: str = Field(default="pending", max_length=16)
    """pending | delivered | dead (undeliverable after every try)"""
    attempts: int = 0
    next_attempt_at: datetime = _ts(default_factory=utcnow, nullable=False)
    claimed_until: datetime | None = _ts(default=None)
    progress: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    last_error: str | None = Field(default=None, max_length=200)
    created_at: datetime = _ts(default_factory=utcnow, nullable=False)
    delivered_at: datetime | None = _ts(default=None)


def table(model: type[SQLModel]) -> sa.Table:
    """The Core table behind a table model, for bulk inserts and Core queries.

    SQLModel's classes carry `__table__` at run time but do not declare it for type
    checkers; the mapper's `local_table` is the same object, typed.
    """
    local = sa.inspect(model).local_table
    assert isinstance(local, sa.Table)
    return local
