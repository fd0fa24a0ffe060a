"""The gate refuses internal callback URLs at submit time, unless the configuration allows them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.api import create_api
from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig, WebhooksConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from tests.api.conftest import Keys, bearer, instruction


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.5/hook",
        "http://100.64.1.1/hook",
        "http://[::1]/hook",
    ],
)
async def test_internal_callback_is_422_and_nothing_is_recorded(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService, url: str
) -> None:
    response = await http.post(
        "/v1/instructions",
        json=instruction("[hold] DROP TABLE customers;", callback_url=url),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "callback_url"]
    assert "webhooks.allow" in error["msg"]
    listing = await http.get("/v1/requests", headers=bearer(keys.admin))
    assert listing.json()["items"] == []


async def test_public_callback_is_accepted(http: httpx.AsyncClient, keys: Keys) -> None:
    response = await http.post(
        "/v1/instructions",
        json=instruction("[hold] DROP TABLE customers;", callback_url="http://93.184.216.34/h"),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 202, response.text


@pytest.fixture
async def allowing_http(
    service: ApprovalService,
    example_config: TwoKeyConfig,
    settings: Settings,
    directory: SlackFake,
) -> AsyncIterator[httpx.AsyncClient]:
    config = example_config.model_copy(
        update={"webhooks": WebhooksConfig(allow=["127.0.0.1", "localhost"])}
    )
    slack = AsyncWebClient(token=BOT_TOKEN, base_url=directory.api_url)
    app = create_api(service, config, settings, slack_client=slack)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gate.test"
    ) as client:
        yield client


async def test_allow_listed_loopback_is_accepted(
    allowing_http: httpx.AsyncClient, keys: Keys
) -> None:
    for url in ("http://127.0.0.1:8000/hook", "http://localhost:9/hook"):
        response = await allowing_http.post(
            "/v1/instructions",
            json=instruction("[hold] DROP TABLE customers;", callback_url=url),
            headers=bearer(keys.opsbot),
        )
        assert response.status_code == 202, response.text
    refused = await allowing_http.post(
        "/v1/instructions",
        json=instruction("[hold] x", callback_url="http://169.254.169.254/"),
        headers=bearer(keys.opsbot),
    )
    assert refused.status_code == 422
