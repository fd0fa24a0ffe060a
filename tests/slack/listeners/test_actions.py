"""Clicks on the prompt and the card: confirm, decline, approve, deny, refusals, full text."""

from __future__ import annotations

import asyncio

import pytest

from bot.slack import blocks
from bot.slack.escape import code_content, escape_code
from tests.slack.conftest import (
    APPROVALS,
    APPROVER,
    APPROVER2,
    CHANNEL,
    DROP,
    OUTSIDER,
    REQUESTER,
    Slack,
    has_actions,
    texts,
)

DM = f"D{REQUESTER[1:]}"


async def held(slack: Slack, text: str = DROP) -> str:
    await slack.agent_says(f"<@{REQUESTER}> {text}")
    return (await slack.only_request()).id


async def confirmed(slack: Slack, text: str = DROP) -> str:
    request_id = await held(slack, text)
    await slack.click(blocks.CONFIRM, request_id, REQUESTER, channel=DM)
    view = slack.last_view()
    await slack.submit_view(
        view["callback_id"], view["private_metadata"], "Ticket OPS-12", REQUESTER
    )
    return request_id


async def test_confirm_opens_the_justification_modal_then_posts_the_card(slack: Slack) -> None:
    request_id = await held(slack)
    await slack.click(blocks.CONFIRM, request_id, REQUESTER, channel=DM)
    view = slack.last_view()
    assert view["callback_id"] == blocks.JUSTIFY_VIEW
    assert request_id in view["private_metadata"]

    # An empty justification is refused inside the modal; nothing changes.
    refused = await slack.submit_view(
        blocks.JUSTIFY_VIEW, view["private_metadata"], "  ", REQUESTER
    )
    assert refused.json()["response_action"] == "errors"
    assert (await slack.service.get(request_id)).status == "awaiting_requester"

    ok = await slack.submit_view(
        blocks.JUSTIFY_VIEW, view["private_metadata"], "Ticket OPS-12 <!here>", REQUESTER
    )
    assert ok.status_code == 200
    request = await slack.service.get(request_id)
    assert request.status == "pending" and request.justification == "Ticket OPS-12 <!here>"

    [card] = slack.posts(APPROVALS)
    body = texts(card["blocks"])
    for expected in (
        f"<@{REQUESTER}>",
        "*opsbot*",
        "original message",
        "DROP TABLE customers;",
        "restricted",
        "`email`, `ssn`",
        "owner <@U0DGOV001>",
        "Ticket OPS-12 &lt;!here&gt;",
        "0 of 1 approval",
        "<!date^",
    ):
        assert expected in body, expected
    assert "<!here>" not in body
    assert has_actions(card["blocks"])
    prompt = slack.fake.message(request.slack["prompt_channel"], request.slack["prompt_ts"])
    assert not has_actions(prompt.blocks) and "Sent to the approvers" in texts(prompt.blocks)


async def test_approve_by_an_eligible_user_updates_everything(slack_db: Slack) -> None:
    slack = slack_db
    request_id = await confirmed(slack)
    request = await slack.service.get(request_id)
    card = request.slack["cards"][0]
    await slack.click(blocks.APPROVE, request_id, APPROVER, channel=card["channel"], ts=card["ts"])

    request = await slack.service.get(request_id)
    assert request.status == "approved" and request.decided_by == APPROVER
    updated = slack.fake.message(card["channel"], card["ts"])
    assert not has_actions(updated.blocks)
    assert f"*Approved* by <@{APPROVER}>" in texts(updated.blocks)
    hold = slack.fake.message(request.slack["hold_channel"], request.slack["hold_ts"])
    assert "Approved by" in texts(hold.blocks)
    prompt = slack.fake.message(request.slack["prompt_channel"], request.slack["prompt_ts"])
    assert "*Approved*" in texts(prompt.blocks)
    dm = slack.posts(DM)[-1]
    assert "*approved*" in texts(dm["blocks"]) and "DROP TABLE customers;" in texts(dm["blocks"])


async def test_deny_needs_a_reason_and_tells_the_employee(slack: Slack) -> None:
    request_id = await confirmed(slack)
    await slack.click(blocks.DENY, request_id, APPROVER)
    view = slack.last_view()
    assert view["callback_id"] == blocks.DENY_VIEW
    empty = await slack.submit_view(blocks.DENY_VIEW, view["private_metadata"], "", APPROVER)
    assert empty.json()["response_action"] == "errors"
    assert (await slack.service.get(request_id)).status == "pending"

    await slack.submit_view(
        blocks.DENY_VIEW, view["private_metadata"], "Use the replica <@U0ALL>", APPROVER
    )
    request = await slack.service.get(request_id)
    assert request.status == "denied" and request.reason == "Use the replica <@U0ALL>"
    card = request.slack["cards"][0]
    body = texts(slack.fake.message(card["channel"], card["ts"]).blocks)
    assert "*Denied* by" in body and "Use the replica &lt;@U0ALL&gt;" in body
    dm = texts(slack.posts(DM)[-1]["blocks"])
    assert "*denied*" in dm and "Use the replica &lt;@U0ALL&gt;" in dm and "<@U0ALL>" not in dm


async def test_outsider_and_requester_clicks_are_refused_and_change_nothing(slack: Slack) -> None:
    request_id = await confirmed(slack)
    request = await slack.service.get(request_id)
    card = request.slack["cards"][0]
    updates_before = slack.fake.message(card["channel"], card["ts"]).updates

    await slack.click(blocks.APPROVE, request_id, OUTSIDER)
    await slack.click(blocks.DENY, request_id, OUTSIDER)
    await slack.click(blocks.APPROVE, request_id, REQUESTER)
    await slack.click(blocks.APPROVE_WITH_COMMENT, request_id, REQUESTER)

    assert (await slack.service.get(request_id)).status == "pending"
    assert slack.fake.message(card["channel"], card["ts"]).updates == updates_before
    assert [v["callback_id"] for v in slack.fake.views] == [blocks.JUSTIFY_VIEW]  # no deny modal
    outsider = slack.ephemerals(OUTSIDER)
    assert len(outsider) == 2 and all("data-governance" in t for t in outsider)
    requester = slack.ephemerals(REQUESTER)
    assert len(requester) == 2 and all("someone else has to decide" in t for t in requester)


async def test_the_loser_of_a_race_is_told_who_won(slack: Slack) -> None:
    request_id = await confirmed(slack)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    await slack.click(blocks.APPROVE, request_id, APPROVER2)
    [told] = slack.ephemerals(APPROVER2)
    assert "Nothing changed" in told and f"<@{APPROVER}>" in told
    assert (await slack.service.get(request_id)).decided_by == APPROVER


async def test_quorum_shows_progress_and_thanks_the_first_approver(slack: Slack) -> None:
    request_id = await confirmed(slack, DROP + " QUORUM2")
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    request = await slack.service.get(request_id)
    assert request.status == "pending" and request.approvals == 1
    card = request.slack["cards"][0]
    body = texts(slack.fake.message(card["channel"], card["ts"]).blocks)
    assert "1 of 2 approvals" in body and f"<@{APPROVER}> approved" in body
    assert "1 more needed" in slack.ephemerals(APPROVER)[0]
    await slack.click(blocks.APPROVE_WITH_COMMENT, request_id, APPROVER2)
    view = slack.last_view()
    assert view["callback_id"] == blocks.APPROVE_VIEW
    await slack.submit_view(
        blocks.APPROVE_VIEW, view["private_metadata"], "ok for today", APPROVER2
    )
    request = await slack.service.get(request_id)
    assert request.status == "approved" and request.reason == "ok for today"


async def test_decline_cancels_and_updates_the_prompt(slack: Slack) -> None:
    request_id = await held(slack)
    await slack.click(blocks.DECLINE, request_id, OUTSIDER, channel=DM)
    assert (await slack.service.get(request_id)).status == "awaiting_requester"
    assert "Only the person asked to act" in slack.ephemerals(OUTSIDER)[0]
    await slack.click(blocks.DECLINE, request_id, REQUESTER, channel=DM)
    request = await slack.service.get(request_id)
    assert request.status == "cancelled"
    prompt = slack.fake.message(request.slack["prompt_channel"], request.slack["prompt_ts"])
    assert not has_actions(prompt.blocks) and "Cancelled" in texts(prompt.blocks)
    hold = slack.fake.message(request.slack["hold_channel"], request.slack["hold_ts"])
    assert "Cancelled" in texts(hold.blocks)
    assert len(slack.posts(DM)) == 1  # no outcome DM for their own decision
    assert not slack.posts(APPROVALS)


async def test_long_instruction_is_truncated_with_a_full_text_modal(slack: Slack) -> None:
    long_sql = "SELECT " + ", ".join(f"col_{i} <> 'x&y'" for i in range(1500)) + " FROM customers"
    request_id = await confirmed(slack, long_sql)
    request = await slack.service.get(request_id)
    [card] = slack.posts(APPROVALS)
    assert request.slack["cards"], "the fake (with Slack's limits) accepted the card"
    assert len(card["blocks"]) <= 50
    for block in card["blocks"]:
        if block.get("type") == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
    assert blocks.FULL_TEXT in texts(card["blocks"])
    await slack.click(blocks.FULL_TEXT, request_id, OUTSIDER, channel=CHANNEL)
    view = slack.last_view()
    shown = "".join(
        b["text"]["text"].removeprefix("```").removesuffix("```")
        for b in view["blocks"][1:]
        if b.get("type") == "section"
    )
    expected = request.instruction.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert shown == expected


async def test_simultaneous_approve_and_deny_have_one_winner(slack_db: Slack) -> None:
    slack = slack_db
    request_id = await confirmed(slack)
    await slack.click(blocks.DENY, request_id, APPROVER2)
    deny_view = slack.last_view()
    await asyncio.gather(
        slack.click(blocks.APPROVE, request_id, APPROVER),
        slack.submit_view(blocks.DENY_VIEW, deny_view["private_metadata"], "no", APPROVER2),
    )
    await slack.service.drain()
    request = await slack.service.get(request_id)
    assert request.status in ("approved", "denied")
    loser = APPROVER2 if request.status == "approved" else APPROVER
    [told] = slack.ephemerals(loser)
    assert "Nothing changed" in told
    card = request.slack["cards"][0]
    body = texts(slack.fake.message(card["channel"], card["ts"]).blocks)
    assert ("*Approved*" in body) != ("*Denied*" in body)


FENCED_DROP = (
    "Clean-up plan. DROP TABLE customers; comes last.\n"
    + "".join(f"Step {i}:\n```\naws s3 ls s3://logs-{i}/ <&>\n```\n" for i in range(12)) * 10
    + "Finally: aws s3 rb s3://prod-archive --force"
)


def code_of(message_blocks: list[dict]) -> str:
    out = []
    for block in message_blocks:
        text = (block.get("text") or {}).get("text", "")
        if text.startswith("```"):
            out.append(code_content(text))
    return "".join(out)


async def test_the_whole_instruction_reaches_approver_and_requester(slack: Slack) -> None:
    # Issue 14: zero-width fence breaks were added after sizing, then each piece was cut.
    request_id = await confirmed(slack, FENCED_DROP)
    request = await slack.service.get(request_id)
    await slack.click(blocks.FULL_TEXT, request_id, APPROVER)
    assert code_of(slack.last_view()["blocks"]) == escape_code(request.instruction)
    assert request.instruction.endswith("aws s3 rb s3://prod-archive --force")
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    assert (await slack.service.get(request_id)).status == "approved"
    approved = [p for p in slack.posts(DM) if p["text"].startswith("Approved")]
    assert approved, "the stand-in (12,000 characters a message) accepted the DMs"
    assert code_of([b for p in approved for b in p["blocks"]]) == escape_code(request.instruction)


async def test_an_approved_dm_over_slacks_message_cap_arrives_in_parts(slack: Slack) -> None:
    text = "SELECT '" + "<" * 13_500 + "';"  # 54,000 characters once escaped
    request_id = await confirmed(slack, text)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    request = await slack.service.get(request_id)
    approved = [p for p in slack.posts(DM) if p["text"].startswith("Approved")]
    assert len(approved) >= 5
    dms = [m for m in slack.fake.messages_in(DM) if m.text.startswith("Approved")]
    assert len(dms) == len(approved)  # every part was accepted
    assert code_of([b for m in dms for b in m.blocks]) == escape_code(request.instruction)


async def test_text_too_long_for_a_modal_is_posted_as_a_file_in_the_thread(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blocks, "FULL_TEXT_ROOM", 2)
    request_id = await confirmed(slack, "SELECT 1; " + "x" * 9_000 + " -- DROP TABLE customers;")
    request = await slack.service.get(request_id)
    [card] = request.slack["cards"]
    await slack.click(
        blocks.FULL_TEXT, request_id, APPROVER, channel=card["channel"], ts=card["ts"]
    )
    assert "Too long for a Slack modal" in texts(slack.last_view())
    [posted] = slack.fake.files
    assert posted["channel"] == APPROVALS and posted["thread_ts"] == card["ts"]
    assert slack.fake.uploads[posted["id"]].decode() == request.instruction


async def test_a_slow_eligibility_check_does_not_let_the_trigger_expire(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14: the check ran before views.open; with Slack slow to answer, the 3-second
    # trigger id expired and the approver got no form.
    request_id = await confirmed(slack)
    check = slack.service.is_eligible

    async def slow(request, user):  # type: ignore[no-untyped-def]
        await asyncio.sleep(3.5)
        return await check(request, user)

    monkeypatch.setattr(slack.service, "is_eligible", slow)
    await slack.click(blocks.DENY, request_id, APPROVER)
    assert slack.last_view()["callback_id"] == blocks.DENY_VIEW
    await slack.click(blocks.DENY, request_id, OUTSIDER)  # opened, then turned into a refusal
    refused = slack.fake.views[-1]  # as updated by views.update
    assert refused["callback_id"] == "twokey_refused_view" and "data-governance" in texts(refused)
    assert "submit" not in refused
