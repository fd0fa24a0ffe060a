"""The submit fast path answers exactly as the FastAPI route does, and is really taken.

Each case is sent twice: once as is (the fast path answers what it can) and once with
the fast path turned off (`_bearer` finding no key sends every request to FastAPI).
Status, error body and the headers a client acts on must match; a request's own id and
times differ by nature and are left out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.api import create_api, fastpath
from bot.api.deps import KeyCache
from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.server import database_unavailable
from storage.db import session_scope
from storage.keys import authenticate, revoke_key
from tests.api.conftest import Keys, bearer, instruction

VOLATILE = {"id", "execution_token", "expires_at", "created_at", "decided_at", "token_expires_at"}


@pytest.fixture
async def raw(
    service: ApprovalService,
    example_config: TwoKeyConfig,
    settings: Settings,
    directory: SlackFake,
) -> AsyncIterator[httpx.AsyncClient]:
    """Like `http`, with the server's 503 handler, and 500s answered rather than raised."""
    client = AsyncWebClient(token=BOT_TOKEN, base_url=directory.api_url)
    app = create_api(service, example_config, settings, slack_client=client)
    app.add_exception_handler(OperationalError, database_unavailable)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://gate.test") as http:
        yield http


def _shape(response: httpx.Response) -> tuple[int, Any, dict[str, str]]:
    try:
        body = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in VOLATILE}
    headers = {
        name: response.headers[name]
        for name in ("www-authenticate", "retry-after", "content-type")
        if name in response.headers
    }
    return response.status_code, body, headers


async def _both(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, **request: Any
) -> tuple[tuple[int, Any, dict[str, str]], tuple[int, Any, dict[str, str]]]:
    fast = await http.post("/v1/instructions", **request)
    with monkeypatch.context() as m:
        m.setattr(fastpath, "_bearer", lambda scope: None)
        slow = await http.post("/v1/instructions", **request)
    return _shape(fast), _shape(slow)


def _cases(keys: Keys) -> list[dict[str, Any]]:
    ops = bearer(keys.opsbot)
    return [
        {"json": instruction("ls [allow]"), "headers": ops},
        {"json": instruction("DROP TABLE x [hold]"), "headers": ops},
        {"json": instruction("DROP TABLE x [block]"), "headers": ops},
        {"json": instruction("ls [allow]", agent="datapal"), "headers": ops},
        {"json": instruction("ls [allow]", agent="datapal"), "headers": bearer(keys.admin)},
        {"json": instruction("ls [allow]", tool={"name": "ls"}), "headers": ops},
        {"json": instruction("x" * 70_000), "headers": ops},
        {"json": instruction("ls [allow]"), "headers": bearer("tk_not-a-key")},
        {"json": instruction("ls [allow]"), "headers": {"Authorization": "Bearer  "}},
        {"json": instruction("ls [allow]"), "headers": {"Authorization": "Basic abc"}},
        {"json": instruction("ls [allow]")},
        {"json": instruction("ls [allow]", callback_url="http://127.0.0.1/x"), "headers": ops},
        {"json": {"requester": "nobody@nowhere.example", "text": "ls [allow]"}, "headers": ops},
        {"json": {"text": "ls [allow]"}, "headers": ops},
        {"json": [1, 2], "headers": ops},
        {"content": b"{not json", "headers": {**ops, "Content-Type": "application/json"}},
        {"content": b"", "headers": {**ops, "Content-Type": "application/json"}},
        {"content": b'{"requester": "U0EMP0001", "text": "ls [allow]"}', "headers": ops},
    ]


async def test_every_answer_matches_the_route(
    raw: httpx.AsyncClient, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    for case in _cases(keys):
        fast, slow = await _both(raw, monkeypatch, **case)
        assert fast == slow, case


async def test_a_repeated_idempotency_key_matches(
    raw: httpx.AsyncClient, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    ops = bearer(keys.opsbot)
    await raw.post(
        "/v1/instructions", json=instruction("ls [allow]", idempotency_key="k1"), headers=ops
    )
    reused = {"json": instruction("pwd [allow]", idempotency_key="k1"), "headers": ops}
    fast, slow = await _both(raw, monkeypatch, **reused)
    assert fast == slow
    assert fast[0] == 409


@pytest.mark.parametrize(
    ("error", "status"),
    [(OperationalError("INSERT", {}, Exception("gone")), 503), (RuntimeError("bug"), 500)],
)
async def test_errors_in_the_service_answer_as_the_route_does(
    raw: httpx.AsyncClient,
    keys: Keys,
    service: ApprovalService,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    status: int,
) -> None:
    async def fail(**_: Any) -> Any:
        raise error

    monkeypatch.setattr(service, "submit", fail)
    fast, slow = await _both(
        raw, monkeypatch, json=instruction("ls [allow]"), headers=bearer(keys.opsbot)
    )
    assert fast == slow
    assert fast[0] == status
    assert "nothing" in fast[1]["detail"]  # nothing was recorded or approved


async def test_the_fast_path_is_taken_for_a_plain_submit(
    raw: httpx.AsyncClient, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered: list[str] = []
    inner = fastpath.SubmitFastPath._answer

    async def spy(self: fastpath.SubmitFastPath, *args: Any) -> None:
        answered.append("fast")
        await inner(self, *args)

    monkeypatch.setattr(fastpath.SubmitFastPath, "_answer", spy)
    ok = await raw.post(
        "/v1/instructions", json=instruction("ls [allow]"), headers=bearer(keys.opsbot)
    )
    assert ok.status_code == 200
    assert answered == ["fast"]
    malformed = {**bearer(keys.opsbot), "Content-Type": "application/json"}
    bad = await raw.post("/v1/instructions", content=b"{", headers=malformed)
    assert bad.status_code == 400
    assert answered == ["fast"]  # malformed: FastAPI explained it


async def test_an_oversized_body_is_still_refused_before_parsing(
    raw: httpx.AsyncClient, keys: Keys
) -> None:
    huge = b'{"requester": "U0EMP0001", "text": "' + b"a" * (9 << 20) + b'"}'
    answer = await raw.post(
        "/v1/instructions",
        content=huge,
        headers={**bearer(keys.opsbot), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


async def test_fastapis_own_opentelemetry_is_off(
    service: ApprovalService, example_config: TwoKeyConfig, settings: Settings
) -> None:
    """Its per-request provider check costs every gate call; TwoKey's figures are /metrics."""
    app = create_api(service, example_config, settings)
    assert not app._native_telemetry.enabled()


async def test_a_revoked_key_stops_working_once_the_short_cache_runs_out(
    raw: httpx.AsyncClient, keys: Keys, engine: Engine
) -> None:
    """The documented window: a verified key is remembered for `ttl`, never longer."""
    app = raw._transport.app  # type: ignore[attr-defined]
    app.state.keys = KeyCache(engine, ttl=0.3)
    submit = {"json": instruction("ls [allow]"), "headers": bearer(keys.datapal)}
    assert (await raw.post("/v1/instructions", **submit)).status_code == 200
    with session_scope(engine) as session:
        key = authenticate(session, keys.datapal)
        assert key is not None
        revoke_key(session, key.id)
    await asyncio.sleep(0.35)
    refused = await raw.post("/v1/instructions", **submit)
    assert refused.status_code == 401
    assert refused.json() == {"detail": "invalid or revoked API key"}
