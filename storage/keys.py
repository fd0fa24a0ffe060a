"""API keys: shown once, stored as SHA-256, looked up by hash."""

from __future__ import annotations

import hashlib
import secrets

from sqlmodel import Session, col, select

from storage.models import ApiKey, utcnow

KEY_PREFIX = "tk_"


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def create_key(session: Session, *, agent: str, admin: bool = False) -> tuple[ApiKey, str]:
    """Return the row and the plaintext; the plaintext is never stored."""
    plaintext = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(agent=agent, admin=admin, key_hash=hash_key(plaintext), prefix=plaintext[:10])
    session.add(key)
    session.flush()
    return key, plaintext


def revoke_key(session: Session, key_id: str) -> ApiKey | None:
    key = session.get(ApiKey, key_id)
    if key is not None and key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
    return key


def authenticate(session: Session, plaintext: str) -> ApiKey | None:
    """The live key for this plaintext, or None (unknown or revoked)."""
    if not plaintext.startswith(KEY_PREFIX):
        return None
    key = session.exec(select(ApiKey).where(ApiKey.key_hash == hash_key(plaintext))).first()
    if key is None or key.revoked_at is not None:
        return None
    return key


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at))).all())
