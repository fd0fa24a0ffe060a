"""Which Slack effects a state change has: rows for the outbox, written with the change.

One effect per announced event kind (`screened`, `pending`, `decided`, ...);
the Slack notifier delivers it by re-rendering from the request's latest state.
Kinds that can show nothing for a request are left out, so the allow path
writes no outbox row at all. A HumanLayer question has two of its own (`CONTACT_KINDS`);
the outbox's `request_id` is then the contact's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.approvals.view import RequestView
from storage.models import Status

SLACK_KINDS = frozenset(
    {
        "screened",
        "awaiting_requester",
        "pending",
        "vote",
        "decided",
        "executed",
        "reminder",
        "escalated",
        "blast",
    }
)
_HELD = (Status.BLOCKED, Status.AWAITING_REQUESTER, Status.PENDING)


def shows_something(kind: str, request: RequestView) -> bool:
    if kind not in SLACK_KINDS:
        return False
    if kind == "screened":
        slack = request.slack or {}
        return (
            request.source == "slack"
            and bool(slack.get("channel") and slack.get("ts"))
            and request.status in _HELD
        )
    if kind == "awaiting_requester":
        return bool(request.requester)
    return True


def effects_for(
    kinds: Iterable[str], request: RequestView, actor: str | None
) -> list[dict[str, Any]]:
    return [
        {"kind": kind, "request_id": request.id, "actor": actor}
        for kind in kinds
        if shows_something(kind, request)
    ]


CONTACT_QUESTION = "contact_question"
"""Post a HumanLayer question where its agent asked (a DM or a channel)."""
CONTACT_CLOSED = "contact_closed"
"""Show the posted question answered or expired, without its buttons."""
CONTACT_KINDS = frozenset({CONTACT_QUESTION, CONTACT_CLOSED})


def contact_effect(kind: str, contact_id: str, actor: str | None) -> dict[str, Any]:
    return {"kind": kind, "request_id": contact_id, "actor": actor}
