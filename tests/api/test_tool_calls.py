"""`POST /v1/instructions` with a tool call as structure, over the real risk engine.

The server renders the text approvers read and the execution token covers, and
returns it; the call is assessed by its name and every argument value.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.engine import Engine

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from tests.api.conftest import REQUESTER, Keys, bearer
from tests.humanlayer.conftest import build_app, fake  # noqa: F401 (fixture)


@pytest.fixture
async def real(
    engine: Engine,
    example_config: TwoKeyConfig,
    fake: SlackFake,  # noqa: F811
) -> AsyncIterator[httpx.AsyncClient]:
    api, service, lifecycle = build_app(engine, example_config, fake)
    await lifecycle.start()
    try:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://gate.test") as http:
            yield http
    finally:
        await service.drain()
        await lifecycle.stop()


def tool(fn: str, /, **arguments: object) -> dict[str, object]:
    return {"requester": REQUESTER, "tool": {"name": fn, "arguments": arguments}}


async def test_a_risky_call_is_held_and_its_rendered_text_returned(
    real: httpx.AsyncClient, keys: Keys
) -> None:
    response = await real.post(
        "/v1/instructions",
        json=tool("run_shell", sql="rm -rf /srv/shared", force=True),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["text"].startswith("run_shell(sql=<SQL 1 below>, force=true)")
    assert "rm -rf /srv/shared" in body["text"]
    assert any(f["rule"].startswith("shell.") for f in body["findings"])


async def test_a_harmless_call_is_allowed_with_its_text(
    real: httpx.AsyncClient, keys: Keys
) -> None:
    response = await real.post(
        "/v1/instructions", json=tool("get_weather", city="Paris"), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 200, response.text
    assert response.json()["text"] == 'get_weather(city="Paris")'


async def test_the_name_alone_is_an_action(real: httpx.AsyncClient, keys: Keys) -> None:
    response = await real.post(
        "/v1/instructions", json=tool("drop_table", name="customers"), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 202
    assert "call.destroy_data" in [f["rule"] for f in response.json()["findings"]]


@pytest.mark.parametrize(
    "body",
    [
        {"requester": REQUESTER},
        {"requester": REQUESTER, "text": "ls", "tool": {"name": "ls", "arguments": {}}},
    ],
)
async def test_exactly_one_of_text_and_tool(
    real: httpx.AsyncClient, keys: Keys, body: dict[str, object]
) -> None:
    response = await real.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "text"


async def test_argument_names_cannot_reshape_the_text(real: httpx.AsyncClient, keys: Keys) -> None:
    body = tool("run", **{"x\n```": "DROP TABLE t"})
    response = await real.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    assert response.status_code == 422


async def test_arguments_nested_too_deep_are_422(real: httpx.AsyncClient, keys: Keys) -> None:
    nested: object = "ls"
    for _ in range(70):
        nested = [nested]
    body = tool("run", plan=nested)
    response = await real.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    assert response.status_code == 422
    assert "nest deeper" in response.text


async def test_resubmitting_a_call_with_its_key_returns_the_same_request_and_text(
    real: httpx.AsyncClient, keys: Keys
) -> None:
    """How a runtime resumes after a restart: the same call and key find the held request."""
    body = {**tool("drop_table", name="customers"), "idempotency_key": "run-7:call-3"}
    first = await real.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    again = await real.post("/v1/instructions", json=body, headers=bearer(keys.opsbot))
    assert (again.json()["id"], again.json()["text"]) == (first.json()["id"], first.json()["text"])
    other = {**tool("drop_table", name="orders"), "idempotency_key": "run-7:call-3"}
    clash = await real.post("/v1/instructions", json=other, headers=bearer(keys.opsbot))
    assert clash.status_code == 409
