"""The issue's 'done when', with the synchronous client against a real listening server:
an agent script is held, released by an approver's click in Slack, and acts exactly once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine

from bot.approvals import RequestEvent
from bot.client import NotApproved, TwoKeyClient, require_approval
from bot.config import TwoKeyConfig
from bot.demo.harness import ThreadedApp, standin_settings
from bot.demo.signing import signed_interaction
from bot.demo.slack_standin import SlackFake
from storage.db import session_scope
from storage.keys import create_key
from tests.api.conftest import ScriptedRisk
from tests.api.test_server import APPROVER, REQUESTER, SECRET, _approve_button, _click


@pytest.fixture
def live(engine: Engine, example_config: TwoKeyConfig) -> Iterator[tuple[str, str, Any]]:
    with SlackFake(users={REQUESTER: {"name": "emp"}}) as slack:
        settings = standin_settings(slack, secret_key=SECRET)
        server = ThreadedApp(settings, example_config, engine, risk=ScriptedRisk())

        async def approver_clicks(event: RequestEvent) -> None:
            """The requester confirms and an approver clicks Approve the moment each can."""
            if event.kind == "awaiting_requester":
                service = server.lifecycle.service
                await service.confirm(event.request.id, actor=REQUESTER, justification="OPS-42")
                return
            if event.kind != "pending":
                return
            channel, ts = await _approve_button(slack, event.request.id)
            body, headers = signed_interaction(_click(event.request.id, APPROVER, channel, ts))
            async with httpx.AsyncClient(base_url=server.url) as http:
                await http.post("/slack/events", content=body, headers=headers)

        with session_scope(engine) as session:
            _, key = create_key(session, agent="opsbot")
        try:
            server.start().lifecycle.service.subscribe(approver_clicks)
            yield server.url, key, slack
        finally:
            server.stop()


def test_agent_script_is_held_released_by_a_click_and_acts_once(
    live: tuple[str, str, Any],
) -> None:
    url, key, slack = live
    actions: list[str] = []

    # --- the agent script -------------------------------------------------------
    gate = TwoKeyClient(url, key)

    @require_approval(
        gate,
        requester=REQUESTER,
        justification="Quarterly cleanup, OPS-42",
        describe=lambda table: f"[hold] DROP TABLE {table};",
    )
    def drop(table: str) -> None:
        actions.append(f"dropped {table}")

    drop("customers_tmp")
    # -------------------------------------------------------------------------------

    assert actions == ["dropped customers_tmp"]
    deadline = time.monotonic() + 5
    while not slack.calls_to("chat.update") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert slack.calls_to("chat.update"), "the approval card was not updated after the decision"
    with pytest.raises(NotApproved) as caught:

        @require_approval(gate, requester=REQUESTER, describe=lambda: "[block] rm -rf /")
        def wipe() -> None:
            actions.append("wiped")

        wipe()
    assert caught.value.status == "blocked"
    assert actions == ["dropped customers_tmp"]
    gate.close()
