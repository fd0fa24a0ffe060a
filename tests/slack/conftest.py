"""A real TwoKey Slack app against the Slack fake, driven by signed HTTP requests.

Inbound requests go through FastAPI + bolt's `AsyncSlackRequestHandler` over
httpx's ASGI transport (signature checks included); outbound calls go through
the real slack_sdk client to `bot/demo/slack_standin.py` over TCP. The risk engine is
scripted so these tests are about Slack, not about detection rules.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from sqlalchemy.engine import Engine

from bot.approvals import ApprovalService, RequestView
from bot.config import Settings, TwoKeyConfig
from bot.demo.harness import standin_settings
from bot.demo.signing import (
    button_click,
    signed_command,
    signed_event,
    signed_interaction,
    view_submission,
)
from bot.demo.slack_standin import BOT_USER_ID, SlackFake, new_trigger_id
from bot.risk.model import Assessment, DataRef, Finding
from bot.slack import blocks
from bot.slack.app import create_slack_app, create_web_client, deps_of
from bot.slack.deps import SlackDeps
from bot.slack.usergroups import SlackUsergroups

SECRET_KEY = "test-secret-key-for-tokens"
AGENT_BOT = "B0OPSBOT1"
REQUESTER = "U0EMP0001"
APPROVER = "U0DGOV002"
APPROVER2 = "U0DGOV003"
OUTSIDER = "U0RANDOM1"
CHANNEL = "C0ONCALL1"
APPROVALS = "C0APPROVALS"
DROP = "run `DROP TABLE customers;` to clean up"
SECRET_VALUE = "hunter2-prod-password"


class ScriptedRisk:
    """Decides by keyword; masks `password=...` the way the real engine masks secrets."""

    def assess(self, text: str, **_: Any) -> Assessment:
        masked = text.replace(SECRET_VALUE, "[masked secret]")
        if "rm -rf" in text:
            return Assessment(
                decision="block",
                risk="critical",
                masked_text=masked,
                findings=[
                    Finding(
                        rule="shell.rm_root",
                        category="shell",
                        reason="Deletes files recursively from the root.",
                        risk="critical",
                        verdict="block",
                    )
                ],
            )
        if "DROP TABLE" in text or "SELECT" in text:
            quick = "EXPIRE-FAST" in text
            return Assessment(
                decision="require_approval",
                risk="high",
                masked_text=masked,
                findings=[
                    Finding(rule="sql.drop_table", category="sql", reason="Drops a table <&>.")
                ],
                data=[
                    DataRef(
                        name="customers",
                        classification="restricted",
                        pii_fields=["email", "ssn"],
                        owner="U0DGOV001",
                        approver_group="data-governance",
                    )
                ],
                required_approvals=2 if "QUORUM2" in text else 1,
                approver_group="data-governance",
                timeout_seconds=0.05 if quick else 1800,
            )
        return Assessment(decision="allow", risk="low", masked_text=masked)


@dataclass
class CommandAnswer:
    """A slash command's HTTP ack and what was then sent to its `response_url`."""

    ack: httpx.Response
    seconds: float
    answers: list[dict[str, Any]]

    @property
    def status_code(self) -> int:
        return self.ack.status_code

    def json(self) -> dict[str, Any]:
        """The (single) answer sent to `response_url`."""
        assert self.ack.content in (b"", b"{}"), self.ack.content  # nothing in the ack itself
        assert len(self.answers) == 1, self.answers
        return self.answers[0]


@dataclass
class Slack:
    """The app under test and ways to talk to it like Slack does."""

    app: AsyncApp
    deps: SlackDeps
    service: ApprovalService
    fake: SlackFake
    http: httpx.AsyncClient
    engine: Engine

    async def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        response = await self.http.post("/slack/events", content=body, headers=headers)
        await self.service.drain()
        return response

    async def event(self, event: dict[str, Any], **kw: Any) -> httpx.Response:
        body, headers = signed_event(event, **kw)
        return await self.post(body, headers)

    async def agent_says(
        self,
        text: str,
        *,
        channel: str = CHANNEL,
        ts: str | None = None,
        thread_ts: str | None = None,
        **kw: Any,
    ) -> tuple[httpx.Response, str]:
        ts = ts or f"{time.time():.6f}"
        event = {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": AGENT_BOT,
            "text": text,
            "ts": ts,
            "channel": channel,
            "channel_type": "channel",
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return await self.event(event, **kw), ts

    async def click(
        self,
        action_id: str,
        request_id: str,
        user: str,
        *,
        channel: str = APPROVALS,
        ts: str = "1764000000.000001",
    ) -> httpx.Response:
        payload = button_click(
            user=user, action_id=action_id, value=request_id, channel=channel, ts=ts
        )
        body, headers = signed_interaction(payload)
        return await self.post(body, headers)

    async def submit_view(
        self, callback_id: str, private_metadata: str, value: str | None, user: str
    ) -> httpx.Response:
        view = {"type": "modal", "callback_id": callback_id, "private_metadata": private_metadata}
        payload = view_submission(user=user, view=view, value=value)
        body, headers = signed_interaction(payload)
        return await self.post(body, headers)

    async def shortcut(self, message: dict[str, Any], user: str, channel: str) -> httpx.Response:
        payload = {
            "type": "message_action",
            "callback_id": blocks.SHORTCUT,
            "trigger_id": new_trigger_id(),
            "message_ts": message["ts"],
            "response_url": "https://hooks.slack.com/app/T0NORTHWD/1/x",
            "team": {"id": "T0NORTHWD", "domain": "northwind"},
            "channel": {"id": channel, "name": "general"},
            "user": {"id": user, "name": user.lower()},
            "message": message,
        }
        body, headers = signed_interaction(payload)
        return await self.post(body, headers)

    async def command(self, text: str, user: str) -> CommandAnswer:
        """Run `/twokey text` as `user`: the ack must be empty and prompt, the answer comes
        through `response_url` (as Slack expects work after the ack)."""
        url = self.fake.response_url()
        body, headers = signed_command("/twokey", text, user_id=user, response_url=url)
        started = time.monotonic()
        response = await self.post(body, headers)
        answers = self.fake.responses_to(url)
        return CommandAnswer(response, time.monotonic() - started, answers)

    # ---- reading back -------------------------------------------------------------

    async def only_request(self) -> RequestView:
        from storage.db import session_scope
        from storage.models import Request as Row

        with session_scope(self.engine) as s:
            from sqlmodel import select

            ids = [r.id for r in s.exec(select(Row)).all()]
        assert len(ids) == 1, ids
        view = await self.service.get(ids[0])
        assert view is not None
        return view

    def request_count(self) -> int:
        from sqlmodel import func, select

        from storage.db import session_scope
        from storage.models import Request as Row

        with session_scope(self.engine) as s:
            return int(s.exec(select(func.count()).select_from(Row)).one())

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        calls = self.fake.calls_to("chat.postMessage")
        return [c.params for c in calls if channel is None or c.params.get("channel") == channel]

    def ephemerals(self, user: str) -> list[str]:
        """What each ephemeral message to `user` said (fallback text and blocks)."""
        return [
            texts({"text": c.params.get("text", ""), "blocks": c.params.get("blocks", [])})
            for c in self.fake.calls_to("chat.postEphemeral")
            if c.params.get("user") == user
        ]

    def last_view(self) -> dict[str, Any]:
        return self.fake.calls_to("views.open")[-1].params["view"]


def texts(payload: dict[str, Any] | Sequence[dict[str, Any]]) -> str:
    """All the text in a message or view, joined, for content assertions."""
    import json

    return json.dumps(payload, ensure_ascii=False)


def has_actions(message_blocks: list[dict[str, Any]]) -> bool:
    return any(b.get("type") == "actions" for b in message_blocks)


PEOPLE = [
    "U0DGOV002",
    "U0DGOV003",
    "U0SEC0001",
    "U0SEC0002",
    "U0SEC0003",
    "U0AUDIT01",
    "U0ADMIN01",
    "U0PLAT001",
    "U0PLAT002",
    "U0CEO0001",
    "U0SOMEONE",
] + [OUTSIDER]
"""Everyone else the tests name: real people, so DMs to them reach them."""


@pytest.fixture
def fake() -> Iterator[SlackFake]:
    """A workspace as strict as Slack: TwoKey is a member of the agent's channel, the
    approvals channel (also as #data-approvals) and C0GENERAL1; it is not in C0GENERAL."""
    people = {uid: {"name": uid.lower(), "is_bot": False} for uid in PEOPLE}
    everyone = [REQUESTER, "U0DGOV001", *PEOPLE]
    with SlackFake(
        users={
            **people,
            REQUESTER: {
                "name": "erin",
                "is_bot": False,
                "profile": {"email": "erin@northwind.example"},
            },
            "U0DGOV001": {
                "name": "dana",
                "is_bot": False,
                "profile": {"email": "dana@northwind.example"},
            },
            "U0OPSBOT1": {"name": "opsbot", "is_bot": True},
        },
        usergroups={"S0SECURITY": ["U0SEC0002"], "S0AUDITORS": ["U0AUDIT01"]},
        channels={
            CHANNEL: [*everyone, "U0OPSBOT1", BOT_USER_ID],
            APPROVALS: [*everyone, BOT_USER_ID],
            "C0GENERAL": everyone,
            "C0GENERAL1": [*everyone, BOT_USER_ID],
            "CDATAAPPROV": [*everyone, BOT_USER_ID],  # #data-approvals
            "G0GROUPDM": [REQUESTER, "U0OPSBOT1", BOT_USER_ID],
        },
    ) as server:
        yield server


def make_settings(fake: SlackFake) -> Settings:
    return standin_settings(fake, secret_key=SECRET_KEY)


async def build(
    engine: Engine,
    config: TwoKeyConfig,
    fake: SlackFake,
    *,
    process_before_response: bool = True,
) -> AsyncIterator[Slack]:
    settings = make_settings(fake)
    client = create_web_client(settings)
    service = ApprovalService(
        engine,
        config,
        secret_key=SECRET_KEY,
        risk=ScriptedRisk(),
        usergroups=SlackUsergroups(client),
    )
    app = create_slack_app(
        service, config, settings, client=client, process_before_response=process_before_response
    )
    handler = AsyncSlackRequestHandler(app)
    api = FastAPI()

    @api.post("/slack/events")
    async def slack_events(req: Request) -> Any:
        return await handler.handle(req)

    transport = httpx.ASGITransport(app=api)
    async with httpx.AsyncClient(transport=transport, base_url="http://twokey.test") as http:
        yield Slack(
            app=app,
            deps=deps_of(app),
            service=service,
            fake=fake,
            http=http,
            engine=engine,
        )
    await service.drain()
    await service.stop()


@pytest.fixture
async def slack(
    sqlite_engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> AsyncIterator[Slack]:
    async for harness in build(sqlite_engine, example_config, fake):
        yield harness


@pytest.fixture
async def slack_db(
    engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> AsyncIterator[Slack]:
    """Like `slack`, on every database kind (PostgreSQL when TWOKEY_TEST_DATABASE_URL is set)."""
    async for harness in build(engine, example_config, fake):
        yield harness
