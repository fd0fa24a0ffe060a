"""Secrets and PII typed into free-text fields never reach a surface: Slack, webhooks,
the API, the history and show commands, or the database itself."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.config import TwoKeyConfig, WebhooksConfig
from bot.demo.harness import standin_settings
from bot.demo.slack_standin import SlackFake
from bot.server import build_server
from storage.db import session_scope
from storage.keys import create_key
from tests.api.conftest import ScriptedRisk

REQUESTER, APPROVER = "U0EMP0001", "U0DGOV001"
PASSWORD = "Zq8v-Prod-77xK"
SSN = "536-22-8761"
TOKEN = "xoxb-2048123456-9876543210-AbCdEfGhIjKlMnOpQrStUvWx"
PLANTED = (PASSWORD, SSN, TOKEN)
HOOK = "https://hooks.agent-runtime.example/twokey"


def leaks(text: str) -> list[str]:
    return [value for value in PLANTED if value in text]


@pytest.fixture
def slack() -> Iterator[SlackFake]:
    with SlackFake(users={REQUESTER: {"name": "emp"}, APPROVER: {"name": "dg"}}) as fake:
        yield fake


@pytest.fixture
async def server(
    engine: Engine, example_config: TwoKeyConfig, slack: SlackFake
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str], Any]]:
    config = example_config.model_copy(
        update={"webhooks": WebhooksConfig(allow=["hooks.agent-runtime.example"])}
    )
    app, lifecycle = build_server(
        standin_settings(slack, secret_key="s3cret-key"), config, engine, risk=ScriptedRisk()
    )
    with session_scope(engine) as session:
        _, key = create_key(session, agent="opsbot")
        _, admin = create_key(session, agent="auditor", admin=True)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://twokey.test"
        ) as http,
    ):
        yield http, {"agent": key, "admin": admin}, lifecycle


@respx.mock
async def test_planted_secrets_are_masked_on_every_surface(
    server: tuple[httpx.AsyncClient, dict[str, str], Any], slack: SlackFake, engine: Engine
) -> None:
    http, keys, lifecycle = server
    hook = respx.post(HOOK).mock(return_value=httpx.Response(200))
    agent = {"Authorization": f"Bearer {keys['agent']}"}
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    service = lifecycle.service

    body = {
        "requester": REQUESTER,
        "text": "[hold] DROP TABLE customers",
        "justification": f"OPS-42; the db password={PASSWORD}",
        "resources": [f"customers for SSN {SSN}"],
        "idempotency_key": f"run {TOKEN}",
        "callback_url": HOOK,
    }
    denied = (await http.post("/v1/instructions", json=body, headers=agent)).json()
    again = await http.post("/v1/instructions", json=body, headers=agent)
    assert again.json()["id"] == denied["id"]  # idempotency still works on the stored digest
    confirmed = await service.confirm(
        denied["id"], actor=REQUESTER, justification=f"customer SSN {SSN} asked for it"
    )
    assert confirmed.ok
    vote = await service.vote(
        denied["id"], voter=APPROVER, approve=False, comment=f"no: use password={PASSWORD}"
    )
    assert vote.ok

    cancelled = (
        await http.post(
            "/v1/instructions",
            json={**body, "idempotency_key": "other", "text": "[hold] DROP TABLE orders"},
            headers=agent,
        )
    ).json()
    cancel = await http.post(
        f"/v1/requests/{cancelled['id']}/cancel",
        json={"reason": f"superseded, token {TOKEN}"},
        headers=agent,
    )
    assert cancel.status_code == 200, cancel.text
    await service.drain()

    surfaces: dict[str, str] = {
        "slack": "\n".join(slack.all_posted_text())
        + json.dumps([m.blocks for m in slack.messages])
        + json.dumps(slack.views),
        "webhooks": "\n".join(c.request.content.decode() for c in hook.calls),
        "get": (await http.get(f"/v1/requests/{denied['id']}", headers=admin)).text
        + (await http.get(f"/v1/requests/{cancelled['id']}", headers=agent)).text,
        "list": (await http.get("/v1/requests", headers=admin)).text,
    }
    assert hook.called
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    surfaces["history"] = runner.invoke(cli, ["history", "--format", "json", "--db", url]).output
    for rid in (denied["id"], cancelled["id"]):
        surfaces[f"show {rid}"] = runner.invoke(cli, ["show", rid, "--db", url]).output
        surfaces[f"show --json {rid}"] = runner.invoke(
            cli, ["show", rid, "--json", "--db", url]
        ).output
    with engine.connect() as conn:
        for table in ("requests", "votes", "audit_events"):
            rows = conn.execute(sa.text(f"SELECT * FROM {table}")).all()  # noqa: S608
            surfaces[f"db {table}"] = "\n".join(str(tuple(r)) for r in rows)

    # Masked, not dropped: the words around each planted value still arrive.
    assert "OPS-42" in surfaces["slack"] and "asked for it" in surfaces["slack"]
    assert "superseded" in surfaces["get"] and "no: use" in surfaces["webhooks"]
    assert {name: leaks(text) for name, text in surfaces.items() if leaks(text)} == {}
