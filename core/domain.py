"""Risk levels, verdicts, statuses and the errors every layer may raise.

These are the nouns the whole system agrees on. They live below `storage` so
that storage can order risks and report a configuration problem without
reaching up into the application.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Risk = Literal["low", "medium", "high", "critical"]
RISK_ORDER: dict[str, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}
Verdict = Literal["allow", "require_approval", "block"]
VERDICT_ORDER: dict[str, int] = {"allow": 0, "require_approval": 1, "block": 2}
Classification = Literal["public", "internal", "confidential", "restricted", "unclassified"]


class Status(StrEnum):
    """Where a request stands; `bot.approvals.states` owns every change between them."""

    ALLOWED = "allowed"
    BLOCKED = "blocked"
    AWAITING_REQUESTER = "awaiting_requester"
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    EXECUTED = "executed"


OPEN_STATUSES = (Status.AWAITING_REQUESTER, Status.PENDING)
"""Still waiting for a person: the only statuses a deadline can end."""


class ConfigError(Exception):
    """A configuration problem a person can fix; str() is the whole message."""
