"""The gate API over the real approval service and a real database.

The risk verdict is scripted by a marker in the text (`[allow]`, `[hold]`,
`[block]`) so these tests pin the API's behaviour, not the risk engine's
calibration; `test_real_engine` covers the two together.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass

import httpx
import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from bot.api import create_api
from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.risk.model import Assessment, DataRef, Finding
from storage.db import session_scope
from storage.keys import create_key

SECRET = "test-secret-key-api"
REQUESTER = "U0EMP0001"
APPROVER = "U0DGOV001"


class ScriptedRisk:
    """Verdict from a marker in the text; everything unmarked is held (fail closed)."""

    def assess(
        self,
        text: str,
        *,
        agent: str | None = None,
        confidence: float | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
    ) -> Assessment:
        if "[allow]" in text:
            return Assessment(decision="allow", risk="low", masked_text=text)
        finding = Finding(rule="sql.drop_table", category="sql", reason="Drops a table.")
        data = [DataRef(name="customers", classification="restricted", pii_fields=["ssn"])]
        if "[block]" in text:
            return Assessment(
                decision="block",
                risk="critical",
                masked_text=text,
                findings=[finding.model_copy(update={"verdict": "block", "risk": "critical"})],
                data=data,
            )
        return Assessment(
            decision="require_approval",
            risk="high",
            masked_text=text,
            findings=[finding],
            data=data,
            approver_group="data-governance",
            timeout_seconds=1800,
        )


@dataclass
class Keys:
    opsbot: str
    datapal: str
    admin: str


@pytest.fixture
def keys(engine: Engine) -> Keys:
    with session_scope(engine) as session:
        _, ops = create_key(session, agent="opsbot")
        _, data = create_key(session, agent="datapal")
        _, admin = create_key(session, agent="auditor", admin=True)
    return Keys(opsbot=ops, datapal=data, admin=admin)


@pytest.fixture
async def service(engine: Engine, example_config: TwoKeyConfig) -> AsyncIterator[ApprovalService]:
    svc = ApprovalService(engine, example_config, secret_key=SECRET, risk=ScriptedRisk())
    await svc.start()
    yield svc
    await svc.stop()


@pytest.fixture
def settings() -> Settings:
    return Settings(twokey_secret_key=SECRET, slack_bot_token="xoxb-test-twokey")


PEOPLE = {
    REQUESTER: {"name": "emp", "profile": {"email": "emp@northwind.example"}},
    APPROVER: {"name": "dg", "profile": {"email": "dg@northwind.example"}},
}
"""Who the Slack stand-in knows: requesters are checked against Slack."""


@pytest.fixture
def directory() -> Iterator[SlackFake]:
    with SlackFake(users=PEOPLE) as fake:
        yield fake


@pytest.fixture
async def http(
    service: ApprovalService,
    example_config: TwoKeyConfig,
    settings: Settings,
    directory: SlackFake,
) -> AsyncIterator[httpx.AsyncClient]:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=directory.api_url)
    app = create_api(service, example_config, settings, slack_client=client)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gate.test") as client:
        yield client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def instruction(text: str, **extra: object) -> dict[str, object]:
    return {"requester": REQUESTER, "text": text, **extra}
