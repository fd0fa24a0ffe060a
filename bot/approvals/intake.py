"""What every entry point refuses before an instruction is held: the same rules for all.

The gate API and the HumanLayer API word these refusals their own way (413,
409, their own JSON), but what counts as too long and what counts as a reused
idempotency key is decided here, once.
"""

from __future__ import annotations

from typing import Any

from bot.approvals.tokens import text_sha256
from bot.approvals.view import RequestView


class IntakeRefused(Exception):
    """An instruction TwoKey will not take as given; nothing was recorded or changed."""


class TextTooLong(IntakeRefused):
    """Longer than `policy.max_text_bytes` (UTF-8): refused rather than judged in part."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes; the limit is {limit} (policy.max_text_bytes)")
        self.size = size
        self.limit = limit


class IdempotencyReused(IntakeRefused):
    """The idempotency key already names a request for something else. Answering with
    that request's verdict would approve what nobody assessed."""

    def __init__(self, request_id: str) -> None:
        super().__init__(f"the idempotency key was already used by request {request_id}")
        self.request_id = request_id


def check_text_size(text: str, limit: int) -> None:
    size = len(text.encode("utf-8"))
    if size > limit:
        raise TextTooLong(size, limit)


def same_submission(existing: RequestView, *, text: str, meta: dict[str, Any] | None) -> bool:
    """Is a repeat with the same idempotency key the same instruction: the same exact
    text and, for a HumanLayer call, the same call spec (its run, state and channel too)?"""
    return existing.text_sha256 == text_sha256(text) and existing.meta.get("spec_sha256") == (
        meta or {}
    ).get("spec_sha256")
