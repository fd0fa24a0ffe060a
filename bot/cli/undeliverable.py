"""`twokey doctor`'s look at the Slack outbox: what was given up on, and what to do.

An undeliverable effect is a person who was never asked, never told, or is
looking at a stale card. The doctor names how many, of which kinds, why (Slack's
error), and the fix for each cause. Effects queued in the last day are a
problem (exit 1); older ones a warning, as they may predate a fix already made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy.engine import Engine

from bot.approvals.outbox import error_code
from storage import outbox as ob
from storage.db import session_scope
from storage.models import utcnow

RECENT = timedelta(hours=24)

KINDS = {
    "pending": "approval card",
    "awaiting_requester": "confirmation prompt",
    "screened": "hold reply",
    "decided": "outcome (card update, requester DM)",
    "vote": "card update",
    "executed": "card update",
    "blast": "card update",
    "reminder": "reminder",
    "escalated": "escalation",
    "contact_question": "HumanLayer question",
    "contact_closed": "HumanLayer question update",
}

_CAUSES: list[tuple[frozenset[str], str]] = [
    (
        frozenset({"channel_not_found", "not_in_channel", "is_archived"}),
        "check slack.approvals_channel (and channels agents ask in): it must exist, be "
        "unarchived, and have TwoKey in it (/invite @TwoKey)",
    ),
    (
        frozenset(
            {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
        ),
        "the bot token no longer works: set SLACK_BOT_TOKEN to the app's current Bot User "
        "OAuth Token and restart",
    ),
    (
        frozenset({"missing_scope", "not_allowed_token_type", "no_permission"}),
        "add the scopes of manifest.yml under OAuth & Permissions, then reinstall the app",
    ),
    (
        frozenset({"user_not_found", "users_not_found", "user_disabled", "cannot_dm_bot"}),
        "a person TwoKey must message (approver, data owner, requester) is not an active "
        "Slack user: fix the id or e-mail in twokey.yml",
    ),
    (
        frozenset({"nobody to send it to"}),
        "no approvals channel is set and nobody in the request's approver group can be "
        "messaged: set slack.approvals_channel, or give the group members Slack can reach",
    ),
    (
        frozenset({"msg_too_long", "invalid_blocks", "invalid_blocks_format", "no_text"}),
        "Slack refused a message TwoKey built: report it as a TwoKey bug with the ERROR log line",
    ),
]
_PASSING = (
    "Slack failed every retry (an outage, rate limits, or no route to slack.com): check "
    "outbound HTTPS and Slack's status"
)
_AFTER = (
    "Once fixed, `twokey outbox retry --all` sends again what may still go out (outcomes, "
    "card updates, cards of requests still pending; `twokey outbox list` shows each). "
    "Requests whose card or prompt never went out were cancelled and their agents told; "
    "they may ask again once fixed."
)


@dataclass
class OutboxCheck:
    level: Literal["ok", "warn", "fail"]
    detail: str
    fix: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def advice(error: str) -> str:
    """What an operator should do about one error code."""
    for codes, fix in _CAUSES:
        if error in codes:
            return fix
    return _PASSING


def check_outbox(engine: Engine) -> OutboxCheck:
    """Read-only: the undeliverable effects, recent ones first."""
    with session_scope(engine) as s:
        recent = ob.undeliverable_summary(s, since=utcnow() - RECENT)
        every = recent or ob.undeliverable_summary(s)
        waiting = ob.counts(s)[ob.PENDING]
    if not every:
        return OutboxCheck("ok", f"nothing undeliverable ({waiting} waiting to be delivered)")
    total = sum(g.count for g in every)
    by_kind: dict[str, int] = {}
    by_error: dict[str, int] = {}
    for g in every:
        by_kind[g.kind] = by_kind.get(g.kind, 0) + g.count
        code = error_code(g.error.removesuffix(" (permanent)"))
        by_error[code] = by_error.get(code, 0) + g.count
    kinds = ", ".join(f"{n} {KINDS.get(k, k)}" for k, n in by_kind.items())
    errors = ", ".join(f"{code} ×{n}" for code, n in by_error.items())
    when = "in the last 24 h" if recent else f"(newest {max(g.newest for g in every):%Y-%m-%d})"
    fixes = sorted(dict.fromkeys(advice(code) for code in by_error), key=lambda f: f == _PASSING)
    return OutboxCheck(
        "fail" if recent else "warn",
        f"{total} Slack effect(s) undeliverable {when}: {kinds}; Slack said {errors}",
        "; ".join(fixes) + ". " + _AFTER,
        {
            "undeliverable": total,
            "recent": bool(recent),
            "kinds": by_kind,
            "errors": by_error,
            "newest": max(g.newest for g in every).isoformat(),
        },
    )
