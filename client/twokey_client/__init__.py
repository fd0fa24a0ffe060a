"""TwoKey's light client: ask the gate before an agent acts, wait for a person, fail closed.

Names load on first use (PEP 562), so `twokey_client.hooks` starts without
httpx: a hook runs on every tool call and its cold start counts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_WHERE = {
    "AsyncTwoKeyClient": "twokey_client.client",
    "TwoKeyClient": "twokey_client.client",
    "require_approval": "twokey_client.decorator",
    "call_arguments": "twokey_client.decorator",
    "Approval": "twokey_client.protocol",
    "Execution": "twokey_client.protocol",
    "Finding": "twokey_client.protocol",
    "GateRequest": "twokey_client.protocol",
    "NotApproved": "twokey_client.protocol",
    "TwoKeyError": "twokey_client.protocol",
    "TwoKeyUnavailable": "twokey_client.protocol",
}

__all__ = [
    "Approval",
    "AsyncTwoKeyClient",
    "Execution",
    "Finding",
    "GateRequest",
    "NotApproved",
    "TwoKeyClient",
    "TwoKeyError",
    "TwoKeyUnavailable",
    "call_arguments",
    "require_approval",
]

if TYPE_CHECKING:
    from twokey_client.client import AsyncTwoKeyClient, TwoKeyClient
    from twokey_client.decorator import call_arguments, require_approval
    from twokey_client.protocol import (
        Approval,
        Execution,
        Finding,
        GateRequest,
        NotApproved,
        TwoKeyError,
        TwoKeyUnavailable,
    )


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'twokey_client' has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value
