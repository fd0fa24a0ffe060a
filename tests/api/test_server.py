"""The assembled server (`build_server`): a long-poll released by an approver's click in
Slack, signed exactly as Slack signs it; `twokey serve` refusing to start half-configured."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import typer
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.approvals import RequestEvent
from bot.cli.serve import register
from bot.client import AsyncTwoKeyClient, NotApproved, require_approval
from bot.config import ConfigError, Settings, TwoKeyConfig
from bot.demo.harness import standin_settings
from bot.demo.signing import button_click, signed_interaction
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.server import build_server
from bot.slack import blocks
from storage.db import session_scope
from storage.keys import create_key
from tests.api.conftest import ScriptedRisk

APPROVER = "U0DGOV001"
REQUESTER = "U0EMP0001"
SECRET = "test-secret-key-server"


@pytest.fixture
def slack() -> Iterator[SlackFake]:
    with SlackFake(users={REQUESTER: {"name": "emp"}, APPROVER: {"name": "dg"}}) as fake:
        yield fake


@pytest.fixture
async def server(
    engine: Engine, example_config: TwoKeyConfig, slack: SlackFake
) -> AsyncIterator[tuple[httpx.AsyncClient, str, Any]]:
    settings = standin_settings(slack, secret_key=SECRET)
    app, lifecycle = build_server(settings, example_config, engine, risk=ScriptedRisk())
    with session_scope(engine) as session:
        _, key = create_key(session, agent="opsbot")
    async with app.router.lifespan_context(app):
        assert lifecycle.service.started
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
            yield http, key, lifecycle
    assert not lifecycle.service.started


def _click(request_id: str, user: str, channel: str, ts: str) -> dict[str, Any]:
    """An approver's press of the approve button on the card at (channel, ts)."""
    return button_click(
        user=user, action_id=blocks.APPROVE, value=request_id, channel=channel, ts=ts
    )


async def _approve_button(slack: SlackFake, request_id: str) -> tuple[str, str]:
    """(channel, ts) of the card that carries an approve button for this request.

    The card is posted by the Slack outbox moments after the change commits: wait for it.
    """
    deadline = time.monotonic() + 10
    while (found := slack.find_button(blocks.APPROVE, value=request_id)) is None:
        assert time.monotonic() < deadline, "no approval card was posted"
        await asyncio.sleep(0.02)
    return found[0].channel, found[0].ts


async def test_long_poll_released_by_a_click_in_slack(
    server: tuple[httpx.AsyncClient, str, Any], slack: SlackFake
) -> None:
    http, key, lifecycle = server
    auth = {"Authorization": f"Bearer {key}"}
    submitted = await http.post(
        "/v1/instructions",
        json={
            "requester": REQUESTER,
            "text": "[hold] Run DROP TABLE customers; on prod",
            "justification": "OPS-42",
        },
        headers=auth,
    )
    assert submitted.status_code == 202, submitted.text
    request_id = submitted.json()["id"]
    confirmed = await lifecycle.service.confirm(request_id, actor=REQUESTER, justification="OPS-42")
    assert confirmed.ok, confirmed.message
    await lifecycle.service.drain()
    channel, ts = await _approve_button(slack, request_id)

    poll = asyncio.create_task(
        http.get(f"/v1/requests/{request_id}", params={"wait": 30}, headers=auth)
    )
    await asyncio.sleep(0.1)
    assert not poll.done()
    body, headers = signed_interaction(_click(request_id, APPROVER, channel, ts))
    clicked_at = time.monotonic()
    click = await http.post("/slack/events", content=body, headers=headers)
    assert click.status_code == 200
    released = await asyncio.wait_for(poll, timeout=5)
    assert time.monotonic() - clicked_at < 2
    assert released.json()["status"] == "approved"
    assert released.json()["decided_by"] == APPROVER
    token = released.json()["execution_token"]

    run = await http.post(
        "/v1/executions",
        json={"token": token, "text": "[hold] Run DROP TABLE customers; on prod"},
        headers=auth,
    )
    assert run.status_code == 200
    assert run.json()["status"] == "executed"


async def test_unsigned_slack_request_is_refused(
    server: tuple[httpx.AsyncClient, str, Any],
) -> None:
    http, _, _ = server
    body, headers = signed_interaction(_click("TK-X", APPROVER, "C1", "1.1"), secret="wrong")
    response = await http.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 401


async def test_slack_api_errors_are_counted(
    server: tuple[httpx.AsyncClient, str, Any], slack: SlackFake
) -> None:
    http, key, lifecycle = server
    slack.fail("chat.postMessage", "channel_not_found", times=50)
    response = await http.post(
        "/v1/instructions",
        json={"requester": REQUESTER, "text": "[hold] DROP TABLE customers", "justification": "x"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 202
    await lifecycle.service.drain()
    metrics = (await http.get("/metrics")).text
    line = next(
        m
        for m in metrics.splitlines()
        if m.startswith('twokey_slack_api_errors_total{method="chat.postMessage"}')
    )
    assert float(line.split()[-1]) >= 1


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"TWOKEY_SECRET_KEY": "s", "SLACK_SIGNING_SECRET": "x"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "x"}, "TWOKEY_SECRET_KEY"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "TWOKEY_SECRET_KEY": "s"}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_serve_refuses_to_start_without_its_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], missing: str
) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "TWOKEY_SECRET_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    cli = typer.Typer()
    cli.callback()(lambda: None)
    register(cli)
    result = CliRunner().invoke(cli, ["serve", "--port", "9"], env=env)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert missing in lines[0]


async def test_api_request_prompts_the_requester_like_a_caught_slack_message(
    server: tuple[httpx.AsyncClient, str, Any], slack: SlackFake
) -> None:
    http, key, lifecycle = server
    response = await http.post(
        "/v1/instructions",
        json={"requester": REQUESTER, "text": "[hold] DROP TABLE customers"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.json()["status"] == "awaiting_requester"
    await lifecycle.service.drain()
    prompts = slack.messages_in(slack.dm_channel(REQUESTER))
    assert len(prompts) == 1
    assert response.json()["id"] in json.dumps(prompts[0].blocks)


async def test_decorated_agent_action_runs_once_after_a_slack_click(
    server: tuple[httpx.AsyncClient, str, Any], slack: SlackFake
) -> None:
    """The issue's 'done when': held, released by an approver's click, run exactly once."""
    http, key, lifecycle = server
    app = http._transport.app  # type: ignore[attr-defined]
    clicks: list[asyncio.Task[httpx.Response]] = []
    approve = True

    async def approver_clicks_the_card(event: RequestEvent) -> None:
        if event.kind == "awaiting_requester":
            await lifecycle.service.confirm(event.request.id, actor=REQUESTER, justification="ok")
        elif event.kind == "pending" and not approve:
            await lifecycle.service.vote(
                event.request.id, voter="U0DGOV002", approve=False, comment="Not today."
            )
        elif event.kind == "pending":
            channel, ts = await _approve_button(slack, event.request.id)
            body, headers = signed_interaction(_click(event.request.id, APPROVER, channel, ts))
            clicks.append(
                asyncio.create_task(http.post("/slack/events", content=body, headers=headers))
            )

    lifecycle.service.subscribe(approver_clicks_the_card)

    client = AsyncTwoKeyClient("http://twokey.test", key, transport=httpx.ASGITransport(app=app))
    runs: list[str] = []

    @require_approval(
        client,
        requester=REQUESTER,
        justification="OPS-42",
        describe=lambda t: f"[hold] DROP TABLE {t}",
    )
    async def drop(table: str) -> None:
        runs.append(table)

    await asyncio.wait_for(drop("customers"), timeout=10)
    assert runs == ["customers"]
    # The release can answer the long-poll before the click's own HTTP answer is back.
    assert [r.status_code for r in await asyncio.gather(*clicks)] == [200]
    approve = False
    with pytest.raises(NotApproved) as caught:  # a second call is a new request
        await asyncio.wait_for(drop("orders"), timeout=10)
    assert (caught.value.status, caught.value.reason) == ("denied", "Not today.")
    assert runs == ["customers"]
    await client.aclose()


async def test_socket_mode_replaces_the_http_endpoint(
    sqlite_engine: Engine, example_config: TwoKeyConfig
) -> None:
    settings = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_app_token="xapp-1-test",
        twokey_secret_key=SECRET,
        twokey_slack_api_url="http://127.0.0.1:9/api/",
    )
    app, lifecycle = build_server(settings, example_config, sqlite_engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
        assert (await http.post("/slack/events", content="{}")).status_code == 404
        assert (await http.post("/v1/instructions", json={})).status_code == 401
    assert lifecycle.app_token == "xapp-1-test"


def test_build_server_refuses_without_a_secret_key(
    sqlite_engine: Engine, example_config: TwoKeyConfig
) -> None:
    with pytest.raises(ConfigError, match="TWOKEY_SECRET_KEY"):
        build_server(Settings(slack_bot_token=BOT_TOKEN), example_config, sqlite_engine)
