"""HumanLayer compatibility over the real service, risk engine, database and Slack stand-in.

Two ways in: `http`, an in-process client for the route tests, and `live`, the
whole server (gate API + `/humanlayer/v1` + Slack's `/slack/events`) on a free
loopback port for the tests that run the real, unmodified humanlayer SDK —
which talks through `requests` and `aiohttp` and so needs a real socket.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import Engine

from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.demo.harness import ThreadedApp, standin_settings
from bot.demo.signing import button_click, signed_interaction, view_submission
from bot.demo.slack_standin import SlackFake
from bot.server import Lifecycle, build_server
from storage.db import session_scope
from storage.keys import create_key

SECRET = "test-secret-key-humanlayer"
EMPLOYEE = "U0EMP0001"
APPROVER = "U0PLAT001"
OTHER_APPROVER = "U0PLAT002"
APPROVALS_CHANNEL = "C0APPROVALS"


def config_with(base: TwoKeyConfig, **policy: Any) -> TwoKeyConfig:
    """The example configuration with policy overrides; `always` names agents that always ask."""
    always = set(policy.pop("always", ()))
    raw = base.model_dump()
    raw["policy"].update(policy)
    for agent in raw["agents"]:
        agent["always_require_approval"] = agent["name"] in always
    return TwoKeyConfig.model_validate(raw)


@dataclass
class Keys:
    opsbot: str
    datapal: str


@pytest.fixture
def keys(engine: Engine) -> Keys:
    with session_scope(engine) as session:
        _, ops = create_key(session, agent="opsbot")
        _, data = create_key(session, agent="datapal")
    return Keys(opsbot=ops, datapal=data)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def fake() -> Iterator[SlackFake]:
    with SlackFake(users={EMPLOYEE: {"name": "dana"}, APPROVER: {"name": "piet"}}) as slack:
        yield slack


def settings_for(fake: SlackFake) -> Settings:
    return standin_settings(fake, secret_key=SECRET)


def build_app(
    engine: Engine, config: TwoKeyConfig, fake: SlackFake
) -> tuple[FastAPI, ApprovalService, Lifecycle]:
    """The server exactly as `twokey serve` builds it (`build_server`); Slack is the fake."""
    api, lifecycle = build_server(settings_for(fake), config, engine)
    return api, lifecycle.service, lifecycle


@pytest.fixture
async def inproc(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> AsyncIterator[tuple[httpx.AsyncClient, ApprovalService]]:
    api, service, lifecycle = build_app(engine, example_config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
            yield http, service
    finally:
        await service.drain()
        await lifecycle.stop()


# ---- a live server for the SDK --------------------------------------------------------------


class LiveServer(ThreadedApp):
    """The whole server on a thread of its own: the SDK under test blocks the calling thread."""

    @property
    def service(self) -> ApprovalService:
        return self.lifecycle.service

    @property
    def humanlayer_base(self) -> str:
        return self.url + "/humanlayer/v1"


@pytest.fixture
def live_factory(engine: Engine, fake: SlackFake) -> Iterator[Callable[[TwoKeyConfig], LiveServer]]:
    servers: list[LiveServer] = []

    def start(config: TwoKeyConfig) -> LiveServer:
        server = LiveServer(settings_for(fake), config, engine)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


# ---- driving Slack like a person ------------------------------------------------------------


def find_button(fake: SlackFake, channel: str, action_id: str) -> tuple[Any, str] | None:
    """The newest message in `channel` with that button, and the button's value."""
    found = fake.find_button(action_id, channel=channel)
    return (found[0], str(found[1].get("value"))) if found else None


def click(
    url: str, *, user: str, action_id: str, value: str, channel: str, ts: str
) -> httpx.Response:
    payload = button_click(user=user, action_id=action_id, value=value, channel=channel, ts=ts)
    body, headers = signed_interaction(payload)
    return httpx.post(url + "/slack/events", content=body, headers=headers, timeout=10)


def submit_view(url: str, *, user: str, view: dict[str, Any], text: str) -> httpx.Response:
    """Submit a modal TwoKey opened, with `text` typed into its single input."""
    body, headers = signed_interaction(view_submission(user=user, view=view, value=text))
    return httpx.post(url + "/slack/events", content=body, headers=headers, timeout=10)


def view_with(fake: SlackFake, callback_id: str, key: str, value: str) -> dict[str, Any] | None:
    """The newest modal opened with `callback_id` whose private metadata has key=value."""
    for view in reversed(fake.views):
        if view.get("callback_id") != callback_id:
            continue
        with contextlib.suppress(ValueError):
            if json.loads(view.get("private_metadata") or "{}").get(key) == value:
                return view
    return None
