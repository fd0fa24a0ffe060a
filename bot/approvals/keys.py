"""One operator secret, one key per purpose (HKDF-SHA256, RFC 5869).

`TWOKEY_SECRET_KEY` is never used directly: execution tokens and webhook
signatures each get a key derived for that purpose alone, so a webhook
receiver (who must hold the webhook key to verify deliveries) cannot mint
execution tokens, and rotating one use never needs the other's key.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Literal, get_args

Purpose = Literal["execution-token", "webhook"]

_SALT = b"twokey/v1"


def hkdf_sha256(ikm: bytes, *, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF extract-then-expand with SHA-256 (RFC 5869)."""
    if not 0 < length <= 255 * hashlib.sha256().digest_size:
        raise ValueError("HKDF length out of range")
    prk = hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()
    okm, block, counter = b"", b"", 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


def derive_key(secret_key: str, purpose: Purpose) -> bytes:
    """The 32-byte key for one purpose."""
    if not secret_key:
        raise ValueError("TWOKEY_SECRET_KEY is required")
    if purpose not in get_args(Purpose):
        raise ValueError(f"unknown key purpose {purpose!r}")
    return hkdf_sha256(secret_key.encode(), salt=_SALT, info=f"twokey:{purpose}".encode())


def webhook_secret(secret_key: str) -> str:
    """What webhook receivers hold: the webhook key as hex (`twokey keys webhook-secret`)."""
    return derive_key(secret_key, "webhook").hex()
