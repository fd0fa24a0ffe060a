"""Outcome webhooks for agent runtimes that registered a `callback_url`.

Signed like Slack signs its own requests (timestamp + body, HMAC-SHA256) so a
receiver can reject forgeries and replays. Delivery is best effort with
backoff; whatever happens is audited, and nothing here can change a decision.
The destination is checked again before sending (`callbacks.CallbackGuard`): an
internal address is never contacted, and the refusal is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from bot.approvals.callbacks import CallbackGuard, CallbackRefused
from bot.approvals.view import RequestEvent
from bot.config import WebhooksConfig

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-TwoKey-Signature"
TIMESTAMP_HEADER = "X-TwoKey-Timestamp"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`secret` is the webhook key (`keys.webhook_secret`), never TWOKEY_SECRET_KEY itself."""
    mac = hmac.new(secret.encode(), f"v1:{timestamp}:".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def outcome_body(event: RequestEvent) -> bytes:
    r = event.request
    return json.dumps(
        {
            "event": event.kind,
            "id": r.id,
            "status": r.status,
            "risk": r.risk,
            "decided_by": r.decided_by,
            "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            "reason": r.reason,
            "text_sha256": r.text_sha256,
        },
        separators=(",", ":"),
    ).encode()


class _ServerError(Exception):
    """The receiver answered 5xx: worth another try (a 4xx is its final word)."""


class WebhookSender:
    def __init__(
        self,
        secret: str,
        audit: Callable[[str, str, dict[str, object]], Awaitable[None]],
        *,
        attempts: int = 5,
        base_delay: float = 0.5,
        timeout: float = 5.0,
        client: httpx.AsyncClient | None = None,
        guard: CallbackGuard | None = None,
    ) -> None:
        self._secret = secret
        self._guard = guard or CallbackGuard(WebhooksConfig())
        self._audit = audit
        self._attempts = attempts
        self._base_delay = base_delay
        self._client = client or httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        await self._client.aclose()

    async def __call__(self, event: RequestEvent) -> None:
        if event.kind not in ("decided", "executed") or not event.request.callback_url:
            return
        await self.deliver(event)

    async def deliver(self, event: RequestEvent) -> bool:
        url = event.request.callback_url
        assert url
        try:
            await self._guard.check(url)
        except CallbackRefused as exc:
            log.warning("webhook for %s not sent: %s", event.request.id, exc)
            await self._audit(
                event.request.id, "webhook.refused", {"error": str(exc), "event": event.kind}
            )
            return False
        body = outcome_body(event)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._attempts),
            wait=wait_exponential(multiplier=self._base_delay),
            retry=retry_if_exception_type((_ServerError, httpx.HTTPError)),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    response = await self._post(url, body)
        except (_ServerError, httpx.HTTPError) as exc:
            last_error = str(exc) if isinstance(exc, _ServerError) else type(exc).__name__
            log.warning(
                "webhook for %s failed after %d attempts: %s",
                event.request.id,
                self._attempts,
                last_error,
            )
            await self._audit(
                event.request.id,
                "webhook.failed",
                {"error": last_error, "attempts": self._attempts, "event": event.kind},
            )
            return False
        ok = response.is_success
        await self._audit(
            event.request.id,
            "webhook.delivered" if ok else "webhook.rejected",
            {
                "status_code": response.status_code,
                "attempt": attempt.retry_state.attempt_number,
                "event": event.kind,
            },
        )
        return ok

    async def _post(self, url: str, body: bytes) -> httpx.Response:
        """One signed POST (signed afresh: the timestamp is part of the signature)."""
        ts = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: ts,
            SIGNATURE_HEADER: sign(self._secret, ts, body),
        }
        response = await self._client.post(url, content=body, headers=headers)
        if response.status_code >= 500:
            raise _ServerError(f"HTTP {response.status_code}")
        return response
