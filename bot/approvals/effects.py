"""Which Slack effects a state change has: rows for the outbox, written with the change.

One effect per announced event kind (`screened`, `pending`, `decided`, ...);
the Slack notifier delivers it by re-rendering from the request's latest state.
Kinds that can show nothing for a request are left out, so the allow path
writes no outbox row at all.
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
