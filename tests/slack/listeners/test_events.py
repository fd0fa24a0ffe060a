"""Agent messages in, hold replies and prompts out; duplicates, edits, ignoring."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlmodel import select

from bot.demo.signing import event_body, signed_headers
from bot.demo.slack_standin import BOT_ID
from storage.db import session_scope
from storage.models import Request
from tests.slack.conftest import (
    AGENT_BOT,
    APPROVALS,
    CHANNEL,
    DROP,
    REQUESTER,
    SECRET_VALUE,
    Slack,
    has_actions,
    texts,
)

DM = f"D{REQUESTER[1:]}"


async def test_agent_message_gets_hold_reply_and_prompt(slack: Slack) -> None:
    response, ts = await slack.agent_says(f"<@{REQUESTER}> please {DROP}")
    assert response.status_code == 200
    request = await slack.only_request()
    assert request.status == "awaiting_requester"
    assert request.requester == REQUESTER and request.agent == "opsbot"
    assert request.slack["channel"] == CHANNEL and request.slack["ts"] == ts
    assert request.slack["permalink"].startswith("https://northwind.slack.com/archives/")

    hold = slack.posts(CHANNEL)
    assert len(hold) == 1 and hold[0]["thread_ts"] == ts
    assert "holding this instruction" in texts(hold[0]["blocks"])
    assert "Drops a table &lt;&amp;&gt;." in texts(hold[0]["blocks"])

    prompt = slack.posts(DM)
    assert len(prompt) == 1
    body = texts(prompt[0]["blocks"])
    assert "DROP TABLE customers;" in body and "customers" in body and "`ssn`" in body
    assert has_actions(prompt[0]["blocks"])
    assert request.slack["prompt_ts"] and request.slack["hold_ts"]
    assert not slack.posts(APPROVALS)


async def test_allowed_message_posts_nothing_but_is_recorded(slack: Slack) -> None:
    await slack.agent_says(f"<@{REQUESTER}> the deploy finished, all green")
    request = await slack.only_request()
    assert request.status == "allowed" and request.source == "slack"
    assert slack.posts() == []


async def test_blocked_message_gets_a_blocked_reply_and_no_prompt(slack: Slack) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> just rm -rf / on the box")
    request = await slack.only_request()
    assert request.status == "blocked"
    [reply] = slack.posts()
    assert reply["channel"] == CHANNEL and reply["thread_ts"] == ts
    assert "blocked this instruction by policy" in texts(reply["blocks"])
    assert "Deletes files recursively" in texts(reply["blocks"])


async def test_retried_delivery_never_creates_a_second_request(slack_db: Slack) -> None:
    slack = slack_db
    event = {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": AGENT_BOT,
        "text": f"<@{REQUESTER}> {DROP}",
        "ts": "1764001000.000100",
        "channel": CHANNEL,
        "channel_type": "channel",
    }
    body = event_body(event, event_id="Ev0RETRY01")
    first = await slack.post(body, signed_headers(body))
    again = await slack.post(body, signed_headers(body, retry_num=1))
    third = await slack.post(body, signed_headers(body, retry_num=2, retry_reason="http_error"))
    assert [first.status_code, again.status_code, third.status_code] == [200, 200, 200]
    # The same message version under a new event id (e.g. delivered twice) is also one request.
    await slack.event(event, event_id="Ev0OTHER01")
    assert slack.request_count() == 1
    assert len(slack.posts(CHANNEL)) == 1 and len(slack.posts(DM)) == 1


async def test_edited_message_is_reassessed_and_the_old_request_cancelled(slack: Slack) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> {DROP}")
    old = await slack.only_request()
    edited_text = f"<@{REQUESTER}> actually, SELECT email FROM customers LIMIT 5"
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "channel_type": "channel",
            "ts": "1764001999.000001",
            "message": {
                "type": "message",
                "subtype": "bot_message",
                "bot_id": AGENT_BOT,
                "text": edited_text,
                "ts": ts,
                "edited": {"user": "U0OPSBOT1", "ts": "1764001999.000001"},
            },
            "previous_message": {"type": "message", "bot_id": AGENT_BOT, "text": old.instruction},
        }
    )
    assert slack.request_count() == 2
    old_now = await slack.service.get(old.id)
    assert old_now is not None and old_now.status == "cancelled"
    assert "edited" in (old_now.reason or "")
    hold = slack.fake.message(old.slack["hold_channel"], old.slack["hold_ts"])
    assert "Cancelled" in texts(hold.blocks)
    assert len(slack.posts(CHANNEL)) == 2  # a hold reply for the new version too


async def test_unfurl_edit_with_the_same_text_is_ignored(slack: Slack) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> {DROP}")
    message = {"type": "message", "bot_id": AGENT_BOT, "text": f"<@{REQUESTER}> {DROP}", "ts": ts}
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "ts": "1764002000.1",
            "message": {**message, "attachments": [{"image_url": "https://x"}]},
            "previous_message": message,
        }
    )
    assert slack.request_count() == 1


def agent_message(text: str, ts: str, **extra: object) -> dict:
    return {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": AGENT_BOT,
        "text": text,
        "ts": ts,
        **extra,
    }


@pytest.mark.parametrize(
    "attachment",
    [
        {"fields": [{"title": "Step 1", "value": DROP}]},
        {"title": DROP},
        {"fallback": "plan", "footer": DROP},
    ],
    ids=["field", "title", "footer"],
)
async def test_instruction_in_an_attachment_is_screened(slack: Slack, attachment: dict) -> None:
    message = agent_message(f"<@{REQUESTER}> see below", "1764002100.000001")
    await slack.event(
        {**message, "attachments": [attachment], "channel": CHANNEL, "channel_type": "channel"}
    )
    request = await slack.only_request()
    assert request.status == "awaiting_requester"
    assert "DROP TABLE customers;" in request.instruction


@pytest.mark.parametrize(
    "attachment", [{"text": DROP}, {"fields": [{"value": DROP}]}], ids=["text", "field"]
)
async def test_an_attachment_added_by_an_edit_is_screened(slack: Slack, attachment: dict) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> here is the plan")
    first = await slack.only_request()
    assert first.status == "allowed"
    message = agent_message(f"<@{REQUESTER}> here is the plan", ts)
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "channel_type": "channel",
            "ts": "1764002000.2",
            "message": {**message, "attachments": [attachment]},
            "previous_message": message,
        }
    )
    assert slack.request_count() == 2
    with session_scope(slack.engine) as session:
        rows = session.exec(select(Request).where(Request.id != first.id)).all()
        assert [r.status for r in rows] == ["awaiting_requester"]
        assert "DROP TABLE customers;" in rows[0].instruction


@pytest.mark.parametrize(
    "author",
    [{"user": REQUESTER}, {"bot_id": BOT_ID, "subtype": "bot_message"}, {"bot_id": "B0UNKNOWN"}],
    ids=["person", "twokey-itself", "unconfigured-bot"],
)
async def test_messages_not_from_agents_are_ignored(slack: Slack, author: dict) -> None:
    event = {"type": "message", "text": DROP, "ts": "1764003000.1", "channel": CHANNEL, **author}
    response = await slack.event(event)
    assert response.status_code == 200
    assert slack.request_count() == 0 and slack.posts() == []


async def test_thread_reply_addresses_the_thread_starter(slack: Slack) -> None:
    root = "1764004000.000001"
    _, ts = await slack.agent_says(DROP, thread_ts=root, ts="1764004001.000001")
    # The event of a thread reply carries the parent's author.
    request = await slack.only_request()
    assert request.requester is None  # no mention and no parent given: nobody to ask
    event = {
        "type": "message",
        "bot_id": AGENT_BOT,
        "text": DROP + " (again)",
        "ts": "1764004002.000001",
        "thread_ts": root,
        "parent_user_id": REQUESTER,
        "channel": CHANNEL,
    }
    await slack.event(event)
    assert slack.request_count() == 2
    hold_replies = slack.posts(CHANNEL)
    assert all(p["thread_ts"] == root for p in hold_replies)
    prompts = slack.posts(DM)
    assert len(prompts) == 1


async def test_group_dm_counterpart_is_the_requester(slack: Slack) -> None:
    await slack.event(
        {
            "type": "message",
            "bot_id": AGENT_BOT,
            "text": DROP,
            "ts": "1764005000.000001",
            "channel": "G0GROUPDM",
            "channel_type": "mpim",
        }
    )
    request = await slack.only_request()
    assert request.requester == REQUESTER
    assert slack.fake.calls_to("conversations.members")


async def test_broadcasts_fake_links_and_secrets_never_reach_slack(slack: Slack) -> None:
    text = (
        f"<!channel> <@{REQUESTER}> {DROP} with password={SECRET_VALUE}, "
        "docs at <https://evil.example/steal|https://google.com>"
    )
    await slack.agent_says(text)
    request = await slack.only_request()
    assert SECRET_VALUE not in request.instruction
    # What TwoKey assessed shows the real link target, not the disguise.
    assert "https://evil.example/steal" in request.instruction
    posted = "\n".join(slack.fake.all_posted_text())
    assert SECRET_VALUE not in posted
    assert "<!channel>" not in posted and "<https://evil" not in posted
    assert "<!here>" not in posted and "<!everyone>" not in posted


async def test_screening_failure_warns_and_lets_a_retry_screen_again(slack: Slack) -> None:
    real_submit = slack.service.submit

    async def broken(**kw):
        raise RuntimeError("database unavailable")

    slack.service.submit = broken  # type: ignore[method-assign]
    event = {
        "type": "message",
        "bot_id": AGENT_BOT,
        "text": f"<@{REQUESTER}> {DROP}",
        "ts": "1764006000.000001",
        "channel": CHANNEL,
    }
    body = event_body(event, event_id="Ev0FAIL001")
    await slack.post(body, signed_headers(body))
    [warning] = slack.posts(CHANNEL)
    assert "could not check this instruction" in json.dumps(warning["blocks"])
    assert slack.request_count() == 0

    slack.service.submit = real_submit  # type: ignore[method-assign]
    await slack.post(body, signed_headers(body, retry_num=1))
    assert slack.request_count() == 1


async def test_simultaneous_duplicate_deliveries_make_one_request(slack_db: Slack) -> None:
    slack = slack_db
    event = {
        "type": "message",
        "bot_id": AGENT_BOT,
        "text": f"<@{REQUESTER}> {DROP}",
        "ts": "1764007000.000001",
        "channel": CHANNEL,
    }
    body = event_body(event, event_id="Ev0RACE001")
    responses = await asyncio.gather(
        *(
            slack.http.post("/slack/events", content=body, headers=signed_headers(body, **kw))
            for kw in ({}, {"retry_num": 1}, {"retry_num": 2}, {})
        )
    )
    await slack.service.drain()
    assert [r.status_code for r in responses] == [200] * 4
    assert slack.request_count() == 1
    assert len(slack.posts(CHANNEL)) == 1 and len(slack.posts(DM)) == 1


async def test_one_to_one_dm_recipient_is_the_requester_and_cannot_approve(slack: Slack) -> None:
    """The person an agent DMs is the one told to act: they confirm, they never approve."""
    assert slack.fake.channels is not None
    slack.fake.channels["D0AGENTDM1"] = ["U0OPSBOT1", REQUESTER]
    await slack.event(
        {
            "type": "message",
            "bot_id": AGENT_BOT,
            "user": "U0OPSBOT1",
            "text": DROP,
            "ts": "1764005100.000001",
            "channel": "D0AGENTDM1",
            "channel_type": "im",
        }
    )
    request = await slack.only_request()
    assert request.requester == REQUESTER
    assert request.status == "awaiting_requester"
    eligible, _ = await slack.service.is_eligible(request, REQUESTER)
    assert not eligible


async def test_file_share_with_empty_text_is_screened(slack: Slack) -> None:
    await slack.event(
        {
            "type": "message",
            "subtype": "file_share",
            "bot_id": AGENT_BOT,
            "text": "",
            "ts": "1764005300.000001",
            "channel": CHANNEL,
            "channel_type": "channel",
            "files": [{"id": "F0PLAN001", "name": "fix.sql", "title": "fix", "preview": DROP}],
        }
    )
    request = await slack.only_request()
    assert request.status in ("awaiting_requester", "pending")
    assert "DROP TABLE customers;" in request.instruction


async def test_an_edit_that_only_adds_a_file_is_screened_again(slack: Slack) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> here is the plan")
    first = await slack.only_request()
    assert first.status == "allowed"
    message = agent_message(f"<@{REQUESTER}> here is the plan", ts)
    files = [{"id": "F0PLAN002", "name": "plan.txt", "title": DROP}]
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "channel_type": "channel",
            "ts": "1764005400.2",
            "message": {**message, "files": files},
            "previous_message": message,
        }
    )
    assert slack.request_count() == 2
    with session_scope(slack.engine) as session:
        [row] = session.exec(select(Request).where(Request.id != first.id)).all()
        assert row.status == "awaiting_requester"


async def test_bold_word_in_rich_text_is_read_with_its_line(slack: Slack) -> None:
    block = {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_section",
                "elements": [
                    {"type": "user", "user_id": REQUESTER},
                    {"type": "text", "text": " please run DROP TABLE "},
                    {"type": "text", "text": "customers", "style": {"bold": True}},
                ],
            }
        ],
    }
    message = agent_message(f"<@{REQUESTER}> please run", "1764005500.000001", blocks=[block])
    await slack.event({**message, "channel": CHANNEL, "channel_type": "channel"})
    request = await slack.only_request()
    assert "DROP TABLE customers" in request.instruction


async def test_text_over_the_limit_is_held_with_a_finding_not_cut(slack: Slack) -> None:
    """The tail past what TwoKey reads may hold the instruction: a person decides."""
    padding = "All systems nominal. " * 3500  # about 73,500 characters, all harmless
    await slack.agent_says(f"<@{REQUESTER}> status report: {padding} and then tidy the backups")
    request = await slack.only_request()
    assert request.status in ("awaiting_requester", "pending")
    [finding] = [f for f in request.findings if f.rule == "input.too_long"]
    assert "not checked" in finding.reason
