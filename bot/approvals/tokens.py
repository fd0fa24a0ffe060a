"""Execution tokens: proof, at execution time, that this exact text was approved.

A token is derived from stored facts (request, SHA-256 of the approved text,
requester, expiry) and signed with the execution-token key derived from
TWOKEY_SECRET_KEY (`bot.approvals.keys`), so it need not be stored and can be
re-issued for a long-poll that asks again. Redemption is once-only because it
moves the request from approved to executed, and the service checks expiry
against its own record of the decision, not only the token's claim.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.approvals.keys import derive_key


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenClaims:
    request_id: str
    text_sha256: str
    requester: str | None
    expires_at: datetime


class TokenSigner:
    def __init__(self, secret_key: str) -> None:
        if not secret_key:
            raise ValueError("an execution-token secret is required")
        self._key = derive_key(secret_key, "execution-token")

    def issue(self, claims: TokenClaims) -> str:
        body = {
            "rid": claims.request_id,
            "sha": claims.text_sha256,
            "req": claims.requester,
            "exp": int(claims.expires_at.timestamp()),
        }
        payload = _b64(json.dumps(body, sort_keys=True, separators=(",", ":")).encode())
        sig = _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())
        return f"tkx.{payload}.{sig}"

    def verify(self, token: str, *, now: datetime) -> TokenClaims:
        """Claims of a genuine, unexpired token; ValueError with the reason otherwise."""
        try:
            prefix, payload, sig = token.split(".")
        except ValueError:
            raise ValueError("malformed token") from None
        if prefix != "tkx":
            raise ValueError("malformed token")
        expected = _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, sig):
            raise ValueError("token signature is not valid")
        try:
            body = json.loads(_unb64(payload))
            claims = TokenClaims(
                request_id=str(body["rid"]),
                text_sha256=str(body["sha"]),
                requester=body.get("req"),
                expires_at=datetime.fromtimestamp(int(body["exp"]), UTC),
            )
        except (ValueError, KeyError, TypeError):
            raise ValueError("malformed token") from None
        if now >= claims.expires_at:
            raise ValueError("token has expired")
        return claims
