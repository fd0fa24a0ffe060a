"""callback_url destinations: public by default, internal only when the configuration says so."""

from __future__ import annotations

import socket

import httpx
import pytest
import respx
from sqlmodel import select

from bot.approvals import ApprovalService
from bot.approvals.callbacks import CallbackGuard, CallbackRefused
from bot.approvals.webhooks import WebhookSender
from bot.config import TwoKeyConfig, WebhooksConfig
from storage.db import session_scope
from storage.models import AuditEvent
from tests.approvals.helpers import APPROVER, SECRET, pending


def resolver(table: dict[str, list[str]]):
    async def resolve(host: str) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "not known")
        return table[host]

    return resolve


DNS = {
    "hooks.agent-runtime.example": ["93.184.216.34"],
    "sneaky.example": ["93.184.216.34", "10.1.2.3"],  # one internal answer is enough to refuse
    "rebind.example": ["127.0.0.1"],
    "v6-internal.example": ["fd00:ec2::254"],
    "mapped.example": ["::ffff:169.254.169.254"],
    "intranet.corp.example": ["10.20.0.5"],
}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://127.1/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.google.internal./computeMetadata/v1/",
        "http://instance-data/latest/",
        "http://10.0.0.7/hook",
        "http://172.16.5.4/hook",
        "http://192.168.1.1/hook",
        "http://100.64.0.1/hook",
        "http://100.100.100.200/latest/meta-data",
        "http://224.0.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://[fe80::1]/hook",
        "http://2130706433/hook",
        "http://0x7f000001/hook",
        "https://sneaky.example/hook",
        "https://rebind.example/hook",
        "https://v6-internal.example/hook",
        "https://mapped.example/hook",
        "https://nxdomain.example/hook",
        "https://user@/hook",
    ],
)
async def test_internal_destinations_are_refused_by_default(url: str) -> None:
    guard = CallbackGuard(WebhooksConfig(), resolve=resolver(DNS))
    with pytest.raises(CallbackRefused) as refused:
        await guard.check(url)
    assert str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.agent-runtime.example/twokey",
        "http://93.184.216.34:8443/hook",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
    ],
)
async def test_public_destinations_pass(url: str) -> None:
    await CallbackGuard(WebhooksConfig(), resolve=resolver(DNS)).check(url)


async def test_the_allow_list_admits_named_hosts_and_networks() -> None:
    config = WebhooksConfig(allow=["127.0.0.1", "*.corp.example", "192.168.10.0/24"])
    guard = CallbackGuard(config, resolve=resolver(DNS))
    await guard.check("http://127.0.0.1:9000/hook")
    await guard.check("https://intranet.corp.example/hook")
    await guard.check("http://192.168.10.20/hook")
    for still_refused in (
        "http://127.0.0.2/hook",
        "http://192.168.11.1/hook",
        "http://corp.example.evil/",
    ):
        with pytest.raises(CallbackRefused):
            await guard.check(still_refused)


def test_bad_allow_entries_fail_at_load() -> None:
    with pytest.raises(ValueError, match="webhooks.allow"):
        TwoKeyConfig.model_validate({"webhooks": {"allow": ["http://x/"]}})


def _actions(engine, request_id: str) -> list[tuple[str, dict]]:
    with session_scope(engine) as s:
        return [
            (e.action, e.detail)
            for e in s.exec(select(AuditEvent).where(AuditEvent.request_id == request_id))
            if e.action.startswith("webhook.")
        ]


@respx.mock
async def test_delivery_rechecks_and_audits_a_refused_destination(engine, example_config) -> None:
    """The address may have changed since submit (DNS rebinding): check again, send nothing."""
    route = respx.post(url__regex=r".*").mock(return_value=httpx.Response(200))
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    guard = CallbackGuard(WebhooksConfig(), resolve=resolver(DNS))
    sender = WebhookSender(
        SECRET,
        lambda rid, action, detail: service.audit(rid, action, "twokey", detail),
        guard=guard,
    )
    service.subscribe(sender)
    view = await pending(service, callback_url="https://rebind.example/hook")
    await service.vote(view.id, voter=APPROVER, approve=True)
    await service.drain()
    await sender.close()
    assert route.call_count == 0
    [(action, detail)] = _actions(engine, view.id)
    assert action == "webhook.refused" and "internal" in detail["error"]
