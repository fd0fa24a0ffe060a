"""End to end over real sockets: `twokey serve` pointed at the Slack fake drives the whole flow.

The server runs as its own process (as in production: the real risk engine, a
SQLite file, HTTP mode) with TWOKEY_SLACK_API_URL at the fake; the test plays
Slack, sending signed events and clicks to /slack/events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.demo.harness import ServeProcess
from bot.demo.signing import (
    SIGNING_SECRET,
    button_click,
    signed_event,
    signed_interaction,
    view_submission,
)
from bot.demo.slack_standin import BOT_USER_ID, SlackFake
from bot.slack import blocks
from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
REQUESTER = "U0EMP0001"


@pytest.fixture
def server(fake: SlackFake, tmp_path: Path) -> Iterator[str]:
    proc = ServeProcess(
        slack_api_url=fake.api_url,
        database_url=f"sqlite:///{tmp_path / 'twokey.db'}",
        config=ROOT / "examples" / "twokey.yml",
        signing_secret=SIGNING_SECRET,
        secret_key="e2e-secret-key-0123456789abcdef",
        cwd=tmp_path,
        log=tmp_path / "serve.log",
    )
    try:
        yield proc.start(timeout=30).url
    finally:
        proc.stop()


def test_serve_drives_the_whole_flow(server: str, fake: SlackFake) -> None:
    def send(body_headers: tuple[str, dict[str, str]]) -> httpx.Response:
        body, headers = body_headers
        return httpx.post(server + "/slack/events", content=body, headers=headers, timeout=10)

    def click(action_id: str, value: str, user: str, channel: str) -> httpx.Response:
        return send(
            signed_interaction(
                button_click(user=user, action_id=action_id, value=value, channel=channel, ts="1.1")
            )
        )

    forged = signed_event({"type": "message", "text": "x", "channel": "C1", "ts": "1.1"})
    assert send((forged[0], {**forged[1], "X-Slack-Signature": "v0=00"})).status_code == 401

    text = f"<@{REQUESTER}> please run `DROP TABLE customers;` to clean up"
    event = {"type": "message", "bot_id": "B0OPSBOT1", "text": text, "ts": "1764300000.000100"}
    assert send(signed_event({**event, "channel": "C0ONCALL1"})).status_code == 200

    prompt = wait_for(lambda: fake.messages_in("D0EMP0001"), "the confirmation prompt")[0]
    assert fake.messages_in("C0ONCALL1")[0].thread_ts == "1764300000.000100"
    request_id = next(
        el["value"]
        for b in prompt.blocks
        if b["type"] == "actions"
        for el in b["elements"]
        if el["action_id"] == blocks.CONFIRM
    )

    assert click(blocks.CONFIRM, request_id, REQUESTER, "D0EMP0001").status_code == 200
    view = wait_for(lambda: fake.views, "the justification modal")[0]
    submission = view_submission(user=REQUESTER, view=view, value="Ticket DATA-7")
    assert send(signed_interaction(submission)).status_code == 200
    card = wait_for(lambda: fake.messages_in("C0APPROVALS"), "the approval card")[0]
    assert "Ticket DATA-7" in json.dumps(card.blocks)

    assert click(blocks.APPROVE, request_id, REQUESTER, "C0APPROVALS").status_code == 200
    wait_for(lambda: fake.calls_to("chat.postEphemeral"), "the refusal for the requester")
    # Approvers from the data's group click until the policy's quorum is met (2 when critical).
    for n, approver in enumerate(("U0DGOV002", "U0DGOV003"), start=1):
        assert click(blocks.APPROVE, request_id, approver, "C0APPROVALS").status_code == 200
        wait_for(
            lambda n=n: (
                f"{n} of " in json.dumps(card.blocks) or "*Approved*" in json.dumps(card.blocks)
            ),
            "the card to show the vote",
        )
        if "*Approved*" in json.dumps(card.blocks):
            break
    assert "*Approved*" in json.dumps(card.blocks) and not any(
        b["type"] == "actions" for b in card.blocks
    )
    dms = wait_for(lambda: len(fake.messages_in("D0EMP0001")) >= 2, "the outcome DM")
    assert dms and "*approved*" in json.dumps(fake.messages_in("D0EMP0001")[-1].blocks)


@pytest.fixture
def outside_approvals(fake: SlackFake) -> SlackFake:
    """TwoKey installed but never invited to the approvals channel."""
    assert fake.channels is not None
    fake.channels["C0APPROVALS"].remove(BOT_USER_ID)
    return fake


def test_serve_joins_the_approvals_channel_at_start(outside_approvals: SlackFake, tmp_path: Path):
    # Without membership every card would fail with not_in_channel (issue 14).
    proc = ServeProcess(
        slack_api_url=outside_approvals.api_url,
        database_url=f"sqlite:///{tmp_path / 'twokey.db'}",
        config=ROOT / "examples" / "twokey.yml",
        signing_secret=SIGNING_SECRET,
        secret_key="e2e-secret-key-0123456789abcdef",
        cwd=tmp_path,
        log=tmp_path / "serve.log",
    )
    try:
        proc.start(timeout=30)
        wait_for(lambda: outside_approvals.calls_to("conversations.join"), "conversations.join")
        wait_for(
            lambda: BOT_USER_ID in (outside_approvals.members("C0APPROVALS") or []),
            "TwoKey in the approvals channel",
        )
    finally:
        proc.stop()
