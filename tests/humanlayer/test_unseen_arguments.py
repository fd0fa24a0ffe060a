"""Issue 13: a HumanLayer call is judged by its name and every argument, and one whose
arguments TwoKey could not see (the SDK drops positional ones) is never allowed unseen."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from humanlayer import HumanLayer
from sqlalchemy.engine import Engine

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from tests.conftest import wait_for
from tests.humanlayer.conftest import (
    APPROVALS_CHANNEL,
    Keys,
    LiveServer,
    bearer,
    build_app,
    config_with,
    find_button,
)
from tests.humanlayer.test_sdk import deny_card, fast_sleep, sdk_env  # noqa: F401 (fixture)

BASE = "/humanlayer/v1"


def call(call_id: str, fn: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {"run_id": "run-1", "call_id": call_id, "spec": {"fn": fn, "kwargs": kwargs}}


@pytest.mark.parametrize(
    ("fn", "kwargs", "rule"),
    [
        ("drop_table", {"name": "customers"}, "call.destroy_data"),
        ("delete_bucket", {"bucket": "acme-prod", "force": True}, "call.safeguard_off"),
        ("rmtree", {"path": "/srv/shared"}, "call.destroy_tree"),
        ("send_email", {"to": "bob.k@gmail.com", "attachment": "customers.csv"}, "prose."),
        ("make_public", {"doc": "board deck"}, "call.make_public"),
        ("run_sql", {"command": "DROP TABLE customers"}, "sql.drop"),
        ("run_shell", {"sql": "rm -rf /srv/shared"}, "shell."),
        ("run_sql", {}, "call.arguments_not_visible"),
    ],
)
async def test_names_and_arguments_hold_the_call(
    inproc: Any, keys: Keys, fn: str, kwargs: dict[str, Any], rule: str
) -> None:
    http, service = inproc
    response = await http.post(
        f"{BASE}/function_calls", json=call(f"c-{fn}", fn, kwargs), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["status"]["approved"] is None, out["twokey"]
    view = await service.get(out["twokey"]["request_id"])
    assert any(f.rule.startswith(rule) for f in view.findings), view.findings


async def test_allow_unseen_arguments_lets_a_listed_function_through(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake, keys: Keys
) -> None:
    import httpx

    config = config_with(example_config, allow_unseen_arguments=["get_time"])
    api, service, lifecycle = build_app(engine, config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
            listed = await http.post(
                f"{BASE}/function_calls",
                json=call("c-time", "get_time", {}),
                headers=bearer(keys.opsbot),
            )
            other = await http.post(
                f"{BASE}/function_calls",
                json=call("c-zone", "get_zone", {}),
                headers=bearer(keys.opsbot),
            )
        assert listed.json()["status"]["approved"] is True
        assert other.json()["status"]["approved"] is None
        assert "not visible" in " ".join(other.json()["twokey"]["reasons"])
    finally:
        await service.drain()
        await lifecycle.stop()


def test_sdk_positional_call_is_held_not_run(
    live_factory: Any,
    example_config: TwoKeyConfig,
    fake: SlackFake,
    sdk_env: Any,  # noqa: F811
) -> None:
    """The reproduced hole: `run_sql("DROP TABLE customers")` arrived as `run_sql()` and ran."""
    server: LiveServer = live_factory(example_config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep)
    ran: list[str] = []

    @hl.require_approval()
    def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_sql, "DROP TABLE customers")
        wait_for(lambda: find_button(fake, APPROVALS_CHANNEL, blocks.APPROVE), what="card")
        time.sleep(0.2)
        assert not result.done() and ran == []
        deny_card(server, fake, "cannot see what it runs")
        text = result.result(timeout=20)
    assert "cannot see what it runs" in text
    assert ran == []
