"""Stored requests with their resources and votes, for the history tests (storage, CLI, Slack).

The history reads rows the workflow wrote; these tests write the rows directly
so every filter and figure has a known answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage.models import Request, RequestResource, Vote

# (voter, approve, comment, when)
VoteRow = tuple[str, bool, str | None, datetime]


def add_request(
    session: Session,
    rid: str,
    *,
    at: datetime,
    status: str,
    resources: Iterable[str] = (),
    votes: Iterable[VoteRow] = (),
    **fields: Any,
) -> None:
    """One request created at `at`; `fields` override the Request columns' defaults here."""
    columns: dict[str, Any] = {
        "agent": "opsbot",
        "requester": "U_REQ",
        "instruction": "SELECT email FROM customers",
        "text_sha256": "0" * 64,
        "decision": "require_approval",
        "risk": "high",
        **fields,
    }
    session.add(Request(id=rid, created_at=at, updated_at=at, status=status, **columns))
    session.flush()
    for name in resources:
        session.add(RequestResource(request_id=rid, resource=name, created_at=at))
    for voter, approve, comment, when in votes:
        session.add(
            Vote(request_id=rid, voter=voter, approve=approve, comment=comment, created_at=when)
        )
    session.flush()
