"""Inputs that once crashed the gate with a 500: each is the caller's mistake, a 422."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Keys, bearer


async def _post_raw(http: httpx.AsyncClient, key: str, body: str) -> httpx.Response:
    headers = {**bearer(key), "Content-Type": "application/json"}
    return await http.post("/v1/instructions", content=body.encode(), headers=headers)


async def test_lone_surrogate_in_text_is_422(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await _post_raw(
        http, keys.opsbot, '{"requester": "U0EMP0001", "text": "drop \\ud800 table"}'
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "text"]


async def test_infinite_confidence_is_422(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await _post_raw(
        http, keys.opsbot, '{"requester": "U0EMP0001", "text": "ls", "confidence": 1e309}'
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "confidence"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("since", "1000000d"),
        ("since", "99999999w"),
        ("until", "9999-12-31"),
        ("since", "0001-01-01"),
    ],
)
async def test_out_of_range_history_times_are_422(
    http: httpx.AsyncClient, keys: Keys, name: str, value: str
) -> None:
    response = await http.get("/v1/requests", params={name: value}, headers=bearer(keys.admin))
    if name == "since" and value == "0001-01-01":
        assert response.status_code == 200, response.text  # the earliest date is a fine bound
        return
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", name]
    assert "time" in error["msg"]


@pytest.mark.parametrize("path", ["/v1/instructions", "/v1/requests/TK-X/cancel", "/v1/executions"])
async def test_malformed_json_is_400(http: httpx.AsyncClient, keys: Keys, path: str) -> None:
    headers = {**bearer(keys.opsbot), "Content-Type": "application/json"}
    response = await http.post(
        path, content=b'{"requester": "U0EMP0001", "text": ', headers=headers
    )
    assert response.status_code == 400, response.text
    assert response.json() == {"detail": "the request body is not valid JSON"}


async def test_the_schema_states_the_rules_the_validators_enforce(http: httpx.AsyncClient) -> None:
    import re

    from bot.humanlayer import mount

    mount(http._transport.app)  # type: ignore[attr-defined]
    spec = (await http.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    requester = re.compile(schemas["InstructionIn"]["properties"]["requester"]["pattern"])
    for good in ("U0EMP0001", "W012AB", "dana@northwind.example"):
        assert requester.search(good), good
    for bad in ("0", "not a user", "u0emp0001", "@x.y"):
        assert not requester.fullmatch(bad), bad
    blank = re.compile(schemas["CancelIn"]["properties"]["reason"]["pattern"])
    assert not blank.search("   ") and blank.search(" why ")
    text = schemas["InstructionIn"]["properties"]["text"]["pattern"]
    assert not re.search(text, "\n\t ")
    for path in ("/v1/instructions", "/v1/executions", "/v1/requests/{request_id}/cancel"):
        assert "400" in spec["paths"][path]["post"]["responses"], path
    hl = spec["paths"]["/humanlayer/v1/function_calls"]["post"]["responses"]
    assert {"201", "200", "400", "401", "409", "413", "422"} <= set(hl)
    assert {"401", "404"} <= set(
        spec["paths"]["/humanlayer/v1/function_calls/{call_id}"]["get"]["responses"]
    )
