"""Immutable snapshots handed to Slack, the API and webhooks.

Edges never hold database rows: a view is read in the same transaction as the
change it reflects, so what a card or an API response shows is what committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.risk.model import DataRef, Finding
from storage.contacts import ContactStatus
from storage.models import OPEN_STATUSES, Request, Vote


class VoteView(BaseModel):
    model_config = ConfigDict(frozen=True)

    voter: str
    approve: bool
    comment: str | None = None
    created_at: datetime


class RequestView(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    status: str
    source: str
    agent: str | None
    requester: str | None
    instruction: str
    text_sha256: str
    kind: str | None
    decision: str
    risk: str
    findings: list[Finding]
    data: list[DataRef]
    confidence: float | None
    justification: str | None
    required_approvals: int
    approver_group: str | None
    allowed_approvers: list[str] | None
    escalated: bool
    reminded: bool
    approvals: int
    votes: list[VoteView]
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    reason: str | None
    executed_at: datetime | None
    callback_url: str | None
    idempotency_key: str | None
    slack: dict[str, Any] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def agent_justification(self) -> str | None:
        """The reason the agent gave (its claim; the requester's own is `justification`)."""
        value = self.meta.get("agent_justification")
        return value if isinstance(value, str) and value else None

    @classmethod
    def of(cls, request: Request | Mapping[str, Any], votes: list[Vote]) -> RequestView:
        row = request.model_dump() if isinstance(request, Request) else dict(request)
        return cls(
            **{k: v for k, v in row.items() if k not in ("findings", "data")},
            findings=[Finding.model_validate(f) for f in row["findings"] or []],
            data=[DataRef.model_validate(d) for d in row["data"] or []],
            approvals=sum(1 for v in votes if v.approve),
            votes=[VoteView.model_validate(v, from_attributes=True) for v in votes],
        )


OutcomeCode = Literal[
    "ok",
    "not_found",
    "not_eligible",
    "already_decided",
    "already_voted",
    "reason_required",
    "not_requester",
    "invalid",
]


class Outcome(BaseModel):
    """What happened to an attempted action; `message` is written for the person who tried."""

    ok: bool
    code: OutcomeCode
    message: str
    request: RequestView | None = None


EventKind = Literal[
    "screened",
    "awaiting_requester",
    "pending",
    "vote",
    "decided",
    "reminder",
    "escalated",
    "executed",
]


class RequestEvent(BaseModel):
    kind: EventKind
    request: RequestView
    actor: str | None = None


class ContactView(BaseModel):
    """A detached snapshot of one HumanLayer contact (an agent's question to a person)."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    created_at: datetime
    status: str
    agent: str
    run_id: str
    call_id: str
    recipient: str | None
    allowed_responders: list[str] | None
    message: str
    spec_sha256: str
    reason: str | None
    response: str | None
    response_option: str | None
    responded_by: str | None
    responded_at: datetime | None
    expires_at: datetime | None
    slack: dict[str, Any]
    meta: dict[str, Any]

    @property
    def is_open(self) -> bool:
        return self.status == ContactStatus.PENDING


class ReplyOutcome(BaseModel):
    """What happened to a reply; `message` is written for the person who replied."""

    ok: bool
    message: str
    contact: ContactView | None = None
