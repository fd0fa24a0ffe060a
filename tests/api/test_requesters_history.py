"""Requesters given by email (resolved through Slack), the admin history, and the client
talking to the real app."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.api import create_api
from bot.approvals import ApprovalService, RequestEvent
from bot.client import AsyncTwoKeyClient, NotApproved, require_approval
from bot.config import Settings, TwoKeyConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from tests.api.conftest import APPROVER, REQUESTER, Keys, bearer, instruction

DANA = "U0DANA001"


@pytest.fixture
def slack() -> Iterator[SlackFake]:
    users = {
        REQUESTER: {"name": "emp", "profile": {"email": "emp@northwind.example"}},
        DANA: {"name": "dana", "profile": {"email": "dana@northwind.example"}},
        "U0DEPLOYB1": {"name": "deploybot", "is_bot": True},
        "U0OPSBOT1": {"name": "opsbot"},  # a configured agent's user account, not a bot user
        "U0GONE001": {
            "name": "gone",
            "deleted": True,
            "profile": {"email": "gone@northwind.example"},
        },
    }
    with SlackFake(users=users) as fake:
        yield fake


@pytest.fixture
async def slack_http(
    service: ApprovalService, example_config: TwoKeyConfig, settings: Settings, slack: SlackFake
) -> AsyncIterator[httpx.AsyncClient]:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    app = create_api(service, example_config, settings, slack_client=client)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gate.test"
    ) as http:
        yield http


async def test_email_requester_is_resolved_through_slack(
    slack_http: httpx.AsyncClient, keys: Keys, service: ApprovalService, slack: SlackFake
) -> None:
    for _ in range(2):
        response = await slack_http.post(
            "/v1/instructions",
            json=instruction("[hold] drop it", requester="Dana@Northwind.example"),
            headers=bearer(keys.opsbot),
        )
        assert response.status_code == 202, response.text
        view = await service.get(response.json()["id"])
        assert view is not None and view.requester == DANA
    assert len(slack.calls_to("users.lookupByEmail")) == 1  # cached


@pytest.mark.parametrize("email", ["nobody@northwind.example", "gone@northwind.example"])
async def test_unknown_email_is_422_on_the_requester_field(
    slack_http: httpx.AsyncClient, keys: Keys, email: str
) -> None:
    response = await slack_http.post(
        "/v1/instructions",
        json=instruction("[allow] ls", requester=email),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "requester"]
    assert error["msg"]


async def test_slack_failure_resolving_email_fails_closed_with_503(
    slack_http: httpx.AsyncClient, keys: Keys, slack: SlackFake
) -> None:
    slack.fail("users.lookupByEmail", "internal_error")
    response = await slack_http.post(
        "/v1/instructions",
        json=instruction("[allow] ls", requester="dana@northwind.example"),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 503
    assert response.json() == {"detail": "Slack could not resolve the requester's email"}
    assert response.headers["retry-after"] == "5"


async def test_slack_ids_are_checked_against_slack_and_cached(
    slack_http: httpx.AsyncClient, keys: Keys, service: ApprovalService, slack: SlackFake
) -> None:
    for _ in range(2):
        response = await slack_http.post(
            "/v1/instructions",
            json=instruction("[hold] drop it", requester=DANA),
            headers=bearer(keys.opsbot),
        )
        assert response.status_code == 202, response.text
    assert [c.params.get("user") for c in slack.calls_to("users.info")] == [DANA]


@pytest.mark.parametrize(
    ("requester", "why"),
    [
        ("U0NOTREAL9", "no Slack user"),
        ("U0GONE001", "deactivated"),
        ("U0DEPLOYB1", "bot"),
        ("U0OPSBOT1", "configured agent"),
        ("deploybot@northwind.example", "no Slack user"),
    ],
)
async def test_unknown_deleted_and_bot_requesters_are_422(
    slack_http: httpx.AsyncClient, keys: Keys, service: ApprovalService, requester: str, why: str
) -> None:
    response = await slack_http.post(
        "/v1/instructions",
        json=instruction("[hold] DROP TABLE customers;", requester=requester),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "requester"] and why in error["msg"]


async def test_slack_outage_on_a_user_id_is_503_with_retry_after(
    slack_http: httpx.AsyncClient, keys: Keys, slack: SlackFake
) -> None:
    slack.fail("users.info", "internal_error")
    response = await slack_http.post(
        "/v1/instructions",
        json=instruction("[allow] ls", requester=DANA),
        headers=bearer(keys.opsbot),
    )
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) >= 1
    assert "user id" in response.json()["detail"]


async def test_without_slack_no_requester_is_accepted(
    service: ApprovalService, example_config: TwoKeyConfig, settings: Settings, keys: Keys
) -> None:
    app = create_api(service, example_config, settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gate.test"
    ) as http:
        for requester in (REQUESTER, "dana@northwind.example"):
            response = await http.post(
                "/v1/instructions",
                json=instruction("[allow] ls", requester=requester),
                headers=bearer(keys.opsbot),
            )
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"]


# --- history -------------------------------------------------------------------------


async def test_admin_history_filters_and_pages(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    ids = []
    for i in range(3):
        r = await http.post(
            "/v1/instructions",
            json=instruction(f"[hold] job {i}", justification="t"),
            headers=bearer(keys.opsbot),
        )
        ids.append(r.json()["id"])
        assert (await service.confirm(ids[-1], actor=REQUESTER, justification="t")).ok
    await http.post(
        "/v1/instructions", json=instruction("[allow] ls"), headers=bearer(keys.datapal)
    )
    await service.vote(ids[0], voter=APPROVER, approve=True)

    seen: list[str] = []
    cursor = None
    while True:
        params = {"agent": "opsbot", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = await http.get("/v1/requests", params=params, headers=bearer(keys.admin))
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids)

    approved = await http.get(
        "/v1/requests",
        params={"status": "approved", "approver": APPROVER},
        headers=bearer(keys.admin),
    )
    [item] = approved.json()["items"]
    assert item["id"] == ids[0]
    assert APPROVER in item["approvers"]
    assert item["instruction"] == "[hold] job 0"

    low = await http.get("/v1/requests", params={"risk": "low"}, headers=bearer(keys.admin))
    assert [i["agent"] for i in low.json()["items"]] == ["datapal"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"risk": "extreme"}, "risk"), ({"since": "last tuesday"}, "since"), ({"limit": 0}, "limit")],
)
async def test_bad_history_filter_is_422(
    http: httpx.AsyncClient, keys: Keys, params: dict, field: str
) -> None:
    response = await http.get("/v1/requests", params=params, headers=bearer(keys.admin))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


# --- the client against the real app ---------------------------------------------------


async def test_decorated_async_function_runs_once_after_approval(
    http: httpx.AsyncClient, keys: Keys, service: ApprovalService
) -> None:
    app = http._transport.app  # type: ignore[attr-defined]
    client = AsyncTwoKeyClient(
        "http://gate.test", keys.opsbot, transport=httpx.ASGITransport(app=app), backoff=0.0
    )
    runs: list[str] = []

    @require_approval(
        client,
        requester="U0EMP0001",
        justification="OPS-42",
        describe=lambda t: f"[hold] DROP TABLE {t}",
    )
    async def drop(table: str) -> str:
        runs.append(table)
        return "dropped"

    votes: list[asyncio.Task] = []

    async def approver_clicks(event: RequestEvent) -> None:
        if event.kind == "awaiting_requester":  # the employee confirms in Slack
            await service.confirm(event.request.id, actor="U0EMP0001", justification="OPS-42")
        elif event.kind == "pending":  # what the Slack card would show an approver
            votes.append(
                asyncio.create_task(service.vote(event.request.id, voter=APPROVER, approve=True))
            )

    service.subscribe(approver_clicks)
    assert await asyncio.wait_for(drop("customers"), timeout=10) == "dropped"
    [vote] = votes
    assert (await vote).ok
    assert runs == ["customers"]

    @require_approval(client, requester="U0EMP0001", describe=lambda: "[block] rm -rf /")
    async def wipe() -> None:
        runs.append("wipe")

    with pytest.raises(NotApproved) as caught:
        await wipe()
    assert caught.value.status == "blocked"
    assert runs == ["customers"]
    await client.aclose()
