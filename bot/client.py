"""The Python client now lives in the light `twokey-client` distribution (`client/`).

This module re-exports it for code that imported `bot.client`.
"""

from twokey_client import (
    Approval,
    AsyncTwoKeyClient,
    Execution,
    GateRequest,
    NotApproved,
    TwoKeyClient,
    TwoKeyError,
    TwoKeyUnavailable,
    require_approval,
)

__all__ = [
    "Approval",
    "AsyncTwoKeyClient",
    "Execution",
    "GateRequest",
    "NotApproved",
    "TwoKeyClient",
    "TwoKeyError",
    "TwoKeyUnavailable",
    "require_approval",
]
