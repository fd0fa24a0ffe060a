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
