"""One secret, separate keys per purpose: a webhook receiver cannot mint execution tokens,
and a token lives no longer than the server's own record allows."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from bot.approvals import ApprovalService
from bot.approvals.keys import derive_key, hkdf_sha256, webhook_secret
from bot.approvals.tokens import TokenClaims, TokenSigner
from bot.approvals.webhooks import sign
from bot.cli import app
from storage.models import utcnow
from tests.approvals.helpers import APPROVER, SECRET, TEXT, pending, with_policy


def test_hkdf_matches_rfc5869_test_case_1() -> None:
    ikm = bytes.fromhex("0b" * 22)
    salt = bytes.fromhex("000102030405060708090a0b0c")
    info = bytes.fromhex("f0f1f2f3f4f5f6f7f8f9")
    okm = hkdf_sha256(ikm, salt=salt, info=info, length=42)
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


def test_purposes_get_different_keys_and_none_is_the_secret_itself() -> None:
    token_key = derive_key(SECRET, "execution-token")
    hook_key = derive_key(SECRET, "webhook")
    assert token_key != hook_key
    assert SECRET.encode() not in (token_key, hook_key)
    assert webhook_secret(SECRET) == hook_key.hex()
    with pytest.raises(ValueError):
        derive_key(SECRET, "anything-else")  # type: ignore[arg-type]


def test_webhooks_are_signed_with_the_webhook_key_only() -> None:
    body, ts = b'{"id":"r1"}', "1700000000"
    expected = (
        "v1="
        + hmac.new(
            webhook_secret(SECRET).encode(), f"v1:{ts}:".encode() + body, hashlib.sha256
        ).hexdigest()
    )
    assert sign(webhook_secret(SECRET), ts, body) == expected
    assert sign(SECRET, ts, body) != expected


async def approved(service: ApprovalService):
    view = await pending(service)
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    return outcome.request


def _mint(key: bytes, claims: TokenClaims) -> str:
    """A token signed directly with `key`, as someone holding only that key would."""
    genuine = TokenSigner("unused").issue(claims)
    _, payload, _ = genuine.split(".")
    sig = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return f"tkx.{payload}.{base64.urlsafe_b64encode(sig).rstrip(b'=').decode()}"


async def test_a_token_minted_with_the_webhook_key_is_refused(engine, example_config) -> None:
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    request = await approved(service)
    claims = TokenClaims(
        request.id, request.text_sha256, request.requester, utcnow() + timedelta(days=365)
    )
    hook = webhook_secret(SECRET)
    for leaked in (
        hook.encode(),
        bytes.fromhex(hook),
        hashlib.sha256(b"twokey-execution-token:" + hook.encode()).digest(),
        TokenSigner(hook)._key,
    ):
        outcome = await service.redeem(_mint(leaked, claims), TEXT)
        assert not outcome.ok and outcome.code == "invalid"
    assert (await service.get(request.id)).status == "approved"
    genuine = _mint(derive_key(SECRET, "execution-token"), claims)
    assert (await service.redeem(genuine, TEXT)).ok  # the helper mints like the server


async def test_expiry_comes_from_the_record_not_the_token(engine, example_config) -> None:
    """A genuine signature over a far expiry does not outlive the policy's TTL."""
    long_lived = ApprovalService(
        engine, with_policy(example_config, execution_token_ttl=365 * 86400), secret_key=SECRET
    )
    request = await approved(long_lived)
    token = long_lived.execution_token(request)
    strict = ApprovalService(
        engine, with_policy(example_config, execution_token_ttl=0.001), secret_key=SECRET
    )
    outcome = await strict.redeem(token, TEXT)
    assert not outcome.ok and "expired" in outcome.message
    assert (await strict.get(request.id)).status == "approved"


def test_cli_prints_the_webhook_secret_and_nothing_else(monkeypatch) -> None:
    monkeypatch.setenv("TWOKEY_SECRET_KEY", SECRET)
    result = CliRunner().invoke(app, ["keys", "webhook-secret"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == webhook_secret(SECRET)
    assert SECRET not in result.output


def test_cli_webhook_secret_needs_the_secret_key(monkeypatch) -> None:
    monkeypatch.delenv("TWOKEY_SECRET_KEY", raising=False)
    result = CliRunner().invoke(app, ["keys", "webhook-secret"])
    assert result.exit_code != 0
    assert "TWOKEY_SECRET_KEY" in result.output
