"""Execution tokens: once, for exactly the approved text, before they expire."""

from __future__ import annotations

from datetime import timedelta

from bot.approvals import ApprovalService
from bot.approvals.tokens import TokenClaims, TokenSigner
from storage.models import utcnow
from tests.approvals.helpers import APPROVER, SECRET, TEXT, pending, with_policy


async def approved(service):
    view = await pending(service)
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    return outcome.request


async def test_token_redeems_once_for_the_exact_text(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    request = await approved(service)
    token = service.execution_token(request)
    assert token and TEXT not in token
    tampered = await service.redeem(token, TEXT + " --cascade")
    assert (
        not tampered.ok
        and tampered.code == "invalid"
        and "not the approved text" in tampered.message
    )
    first = await service.redeem(token, TEXT)
    assert first.ok and first.request.status == "executed" and first.request.executed_at
    second = await service.redeem(token, TEXT)
    assert not second.ok and second.code == "already_decided"


async def test_no_token_unless_approved(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    view = await pending(service)
    assert service.execution_token(view) is None


async def test_forged_and_expired_tokens_are_refused(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    request = await approved(service)
    token = service.execution_token(request)
    forged = TokenSigner("another-secret").issue(
        TokenClaims(
            request.id, request.text_sha256, request.requester, utcnow() + timedelta(hours=1)
        )
    )
    assert (await service.redeem(forged, TEXT)).code == "invalid"
    assert (await service.redeem(token[:-2] + "xx", TEXT)).code == "invalid"
    assert (await service.redeem("garbage", TEXT)).code == "invalid"
    short = ApprovalService(
        engine, with_policy(example_config, execution_token_ttl=0.001), secret_key=SECRET
    )
    stale = short.execution_token(request)
    outcome = await short.redeem(stale, TEXT)
    assert not outcome.ok and "expired" in outcome.message
    assert (await service.get(request.id)).status == "approved"


async def test_denied_request_cannot_execute(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    other = await pending(service)
    await service.vote(other.id, voter=APPROVER, approve=False, comment="no")
    # Even a correctly signed token (a leaked key) cannot run a denied request.
    token = TokenSigner(SECRET).issue(
        TokenClaims(other.id, other.text_sha256, other.requester, utcnow() + timedelta(hours=1))
    )
    outcome = await service.redeem(token, TEXT)
    assert outcome.code == "invalid" and "denied, not approved" in outcome.message


async def test_token_is_spent_only_by_the_agent_that_asked(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    request = await approved(service)
    token = service.execution_token(request)
    other = await service.redeem(token, TEXT, agent="datapal")
    assert other.code == "invalid" and "another agent" in other.message
    assert (await service.redeem(token, TEXT, agent="opsbot")).ok
