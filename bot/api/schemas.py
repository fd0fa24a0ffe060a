"""The gate API's request and response bodies.

These models are the API contract: FastAPI validates inbound JSON with them
(422 names the field) and builds /openapi.json from them, so every documented
status code has a model here.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from bot.approvals.view import RequestView
from bot.risk.model import DataRef, Finding

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,31}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REQUESTER_PATTERN = f"({SLACK_USER_ID.pattern})|({EMAIL.pattern})"
"""What the schema documents for `requester` (the validator below enforces the same)."""
NOT_BLANK = r"\S"
"""Documented as a pattern: at least one character that is not whitespace."""


class ErrorOut(BaseModel):
    """Every error: one sentence saying what is wrong."""

    detail: str


UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing, unknown or revoked API key."}
}
"""The OpenAPI answer every keyed route shares (the API-key dependency refuses with it)."""

MALFORMED: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not valid JSON."}
}
"""Every route that reads a JSON body answers a body it cannot parse with this."""


_ARG_NAME = re.compile(r"^[^\s`]{1,100}$")


MAX_ARGUMENT_DEPTH = 64


def _depth(value: Any) -> int:
    """How deep a JSON value nests (iteratively: the value may be deeper than the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_ARGUMENT_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            stack += [(child, level + 1) for child in children]
    return deepest


class ToolIn(BaseModel):
    """A tool call as structure: TwoKey renders the text and assesses every argument."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1, max_length=200, pattern=r"^[^\s`]+$", description="The function's name."
    )
    arguments: dict[str, Any] = Field(
        default_factory=dict,
        description="Every argument by name (positional ones bound to their parameter names).",
    )

    @field_validator("arguments")
    @classmethod
    def _argument_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        # Names are rendered into the assessed text; whitespace or backticks could reshape it.
        if any(not _ARG_NAME.match(k) for k in value):
            raise ValueError("argument names must be 1-100 characters without spaces or backticks")
        if _depth(value) > MAX_ARGUMENT_DEPTH:
            raise ValueError(f"arguments must not nest deeper than {MAX_ARGUMENT_DEPTH} levels")
        return value


class InstructionIn(BaseModel):
    """An instruction an agent is about to act on (or tell a person to act on)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    agent: str | None = Field(
        None, min_length=1, max_length=120, description="Defaults to the API key's agent."
    )
    requester: str = Field(
        min_length=1,
        max_length=254,
        description="Slack user id (U…/W…) or email of the employee acting or asked to act; "
        "checked against Slack (an unknown, deactivated or bot account is a 422).",
        json_schema_extra={"pattern": REQUESTER_PATTERN},
    )
    # Not stripped: the execution token covers the SHA-256 of exactly these characters.
    text: Annotated[str, StringConstraints(strip_whitespace=False)] | None = Field(
        None,
        min_length=1,
        description="The exact text that will be executed or sent, not blank (or give `tool` "
        "instead).",
        json_schema_extra={"pattern": NOT_BLANK},
    )
    tool: ToolIn | None = Field(
        None,
        description="A tool call instead of `text`: the response's `text` is the rendering "
        "approvers read and the execution token covers.",
    )
    kind: str | None = Field(
        None, max_length=16, pattern=r"^[a-z]+$", description="Hint: sql, shell, prose …"
    )
    resources: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Resources the agent knows it will touch (catalog names, paths, URLs).",
    )
    confidence: float | None = Field(None, ge=0.0, le=1.0)
    justification: str | None = Field(None, max_length=4000)
    callback_url: str | None = Field(
        None, max_length=2048, description="Notified with the decision (signed)."
    )
    idempotency_key: str | None = Field(None, min_length=1, max_length=200)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("requester")
    @classmethod
    def _user_or_email(cls, value: str) -> str:
        if SLACK_USER_ID.match(value) or EMAIL.match(value):
            return value
        raise ValueError("must be a Slack user id (U…/W…) or an email address")

    @field_validator("callback_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("resources")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        if any(not item.strip() or len(item) > 255 for item in value):
            raise ValueError("each resource must be 1 to 255 characters")
        return value


class InstructionOut(BaseModel):
    """The verdict on a submitted instruction (200 allowed, 202 held, 403 blocked)."""

    id: str
    status: str
    decision: str
    risk: str
    findings: list[Finding]
    data: list[DataRef]
    expires_at: datetime | None = None
    reason: str | None = None
    execution_token: str | None = Field(
        None, description="Present once approved, for the agent that asked."
    )
    detail: str | None = Field(None, description="One sentence for people reading the response.")
    text: str | None = Field(
        None,
        description="For a `tool` submission: the canonical text rendered from it (redeem with "
        "exactly this).",
    )


class VoteOut(BaseModel):
    voter: str
    approve: bool
    comment: str | None = None
    created_at: datetime


class RequestOut(InstructionOut):
    """One request as its agent (or an admin) may see it. Text is masked."""

    source: str
    agent: str | None
    requester: str | None
    instruction: str
    kind: str | None
    required_approvals: int
    approvals: int
    votes: list[VoteOut]
    approver_group: str | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    executed_at: datetime | None
    idempotency_key: str | None


class CancelIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(
        "cancelled by the agent",
        min_length=1,
        max_length=1000,
        description="Why (not blank).",
        json_schema_extra={"pattern": NOT_BLANK},
    )


class ExecutionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=4096)
    text: str = Field(min_length=1, description="Exactly the approved text.")


class ExecutionOut(BaseModel):
    id: str
    status: str
    executed_at: datetime | None = None


class HealthOut(BaseModel):
    status: str
    database: str


def instruction_out(
    view: RequestView,
    *,
    token: str | None = None,
    detail: str | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    return InstructionOut(
        id=view.id,
        status=view.status,
        decision=view.decision,
        risk=view.risk,
        findings=view.findings,
        data=view.data,
        expires_at=view.expires_at,
        reason=view.reason,
        execution_token=token,
        detail=detail,
        text=text,
    ).model_dump(mode="json", exclude_none=False)


def request_out(view: RequestView, *, token: str | None = None) -> RequestOut:
    fields = view.model_dump(
        include={
            "id",
            "status",
            "decision",
            "risk",
            "expires_at",
            "reason",
            "source",
            "agent",
            "requester",
            "instruction",
            "kind",
            "required_approvals",
            "approvals",
            "approver_group",
            "created_at",
            "updated_at",
            "decided_at",
            "decided_by",
            "executed_at",
            "idempotency_key",
        }
    )
    return RequestOut(
        **fields,
        findings=view.findings,
        data=view.data,
        votes=[VoteOut(**v.model_dump()) for v in view.votes],
        execution_token=token,
    )
