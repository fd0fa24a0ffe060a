"""Outcome webhooks: signed, retried, audited, and never decisive."""

from __future__ import annotations

import httpx
import respx
from sqlmodel import select

from bot.approvals import ApprovalService
from bot.approvals.callbacks import CallbackGuard
from bot.approvals.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, sign
from bot.config import WebhooksConfig
from storage.db import session_scope
from storage.models import AuditEvent
from tests.approvals.helpers import APPROVER, SECRET, pending

HOOK = "https://agent-runtime.example/hooks/twokey"


def webhook_actions(engine, request_id):
    with session_scope(engine) as s:
        return [
            e.action
            for e in s.exec(select(AuditEvent).where(AuditEvent.request_id == request_id))
            if e.action.startswith("webhook.")
        ]


def make_service(engine, config):
    service = ApprovalService(engine, config, secret_key=SECRET)
    sender = WebhookSender(
        SECRET,
        lambda rid, action, detail: service.audit(rid, action, "twokey", detail),
        attempts=3,
        base_delay=0.01,
        guard=CallbackGuard(WebhooksConfig(allow=["agent-runtime.example"])),
    )
    service.subscribe(sender)
    return service, sender


@respx.mock
async def test_webhook_retries_5xx_and_signs_the_body(engine, example_config):
    route = respx.post(HOOK).mock(side_effect=[httpx.Response(503), httpx.Response(200)])
    service, sender = make_service(engine, example_config)
    view = await pending(service, callback_url=HOOK)
    await service.vote(view.id, voter=APPROVER, approve=True)
    await service.drain()
    await sender.close()
    assert route.call_count == 2
    request = route.calls.last.request
    ts = request.headers[TIMESTAMP_HEADER]
    assert request.headers[SIGNATURE_HEADER] == sign(SECRET, ts, request.content)
    body = request.read().decode()
    assert '"status":"approved"' in body and "DROP TABLE" not in body
    assert webhook_actions(engine, view.id) == ["webhook.delivered"]


@respx.mock
async def test_failing_webhook_is_audited_and_changes_nothing(engine, example_config):
    respx.post(HOOK).mock(side_effect=httpx.ConnectError("refused"))
    service, sender = make_service(engine, example_config)
    view = await pending(service, callback_url=HOOK)
    outcome = await service.vote(view.id, voter=APPROVER, approve=False, comment="not today")
    await service.drain()
    await sender.close()
    assert outcome.ok and (await service.get(view.id)).status == "denied"
    assert webhook_actions(engine, view.id) == ["webhook.failed"]


@respx.mock
async def test_no_callback_no_call(engine, example_config):
    route = respx.post(HOOK).mock(return_value=httpx.Response(200))
    service, sender = make_service(engine, example_config)
    view = await pending(service)
    await service.vote(view.id, voter=APPROVER, approve=True)
    await service.drain()
    await sender.close()
    assert route.call_count == 0
