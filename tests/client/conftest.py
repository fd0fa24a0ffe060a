"""A real TwoKey server on loopback (real engine, database and Slack stand-in) for the
light client and its integrations; the people are played with signed Slack clicks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.config import TwoKeyConfig
from bot.demo.harness import free_port
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from tests.humanlayer.conftest import (  # noqa: F401 (fixtures)
    APPROVALS_CHANNEL,
    EMPLOYEE,
    Keys,
    LiveServer,
    config_with,
    fake,
    find_button,
    keys,
    live_factory,
)
from tests.humanlayer.test_sdk import approve_card, deny_card

__all__ = ["APPROVALS_CHANNEL", "Gate", "approve_card", "card_posted", "deny_card"]


@dataclass
class Gate:
    server: LiveServer
    fake: SlackFake
    env: dict[str, str]

    def approve(self) -> str:
        return approve_card(self.server, self.fake)

    def deny(self, reason: str) -> str:
        return deny_card(self.server, self.fake, reason)


def card_posted(slack: SlackFake) -> bool:
    return find_button(slack, APPROVALS_CHANNEL, blocks.APPROVE) is not None


@pytest.fixture
def gate_env(
    live_factory: Callable[[TwoKeyConfig], LiveServer],  # noqa: F811
    example_config: TwoKeyConfig,
    fake: SlackFake,  # noqa: F811
    keys: Keys,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[..., Gate]:
    """Start a server with policy overrides and point TWOKEY_* at it (the requester confirms
    nothing: these tests are about the runtime's side, the approver decides)."""

    def start(**policy: Any) -> Gate:
        config = config_with(example_config, require_requester_confirmation=False, **policy)
        server = live_factory(config)
        env = {
            "TWOKEY_URL": server.url,
            "TWOKEY_API_KEY": keys.opsbot,
            "TWOKEY_REQUESTER": EMPLOYEE,
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("TWOKEY_AGENT", raising=False)
        return Gate(server, fake, env)

    return start


@pytest.fixture
def gate_down(monkeypatch: pytest.MonkeyPatch, keys: Keys) -> dict[str, str]:  # noqa: F811
    """TWOKEY_* pointing at a loopback port nothing listens on."""
    env = {
        "TWOKEY_URL": f"http://127.0.0.1:{free_port()}",
        "TWOKEY_API_KEY": keys.opsbot,
        "TWOKEY_REQUESTER": EMPLOYEE,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
