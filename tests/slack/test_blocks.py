"""Block Kit payloads stay within Slack's limits and show only masked, escaped text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.approvals import RequestView, VoteView
from bot.demo.slack_standin import check_message_blocks, check_view
from bot.risk.model import DataRef, Finding
from bot.slack import blocks
from bot.slack.blocks import history as hb
from bot.slack.escape import code_content, escape_code
from storage.history import Stats

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def view(**changes: Any) -> RequestView:
    base: dict[str, Any] = {
        "id": "TK-ABCDE23456",
        "status": "pending",
        "source": "slack",
        "agent": "opsbot",
        "requester": "U0EMP0001",
        "instruction": "DROP TABLE customers;",
        "text_sha256": "0" * 64,
        "kind": None,
        "decision": "require_approval",
        "risk": "high",
        "findings": [Finding(rule="sql.drop", category="sql", reason="Drops a table.")],
        "data": [
            DataRef(
                name="customers",
                classification="restricted",
                pii_fields=["email", "ssn"],
                owner="U0DGOV001",
            )
        ],
        "confidence": 0.42,
        "justification": "Ticket OPS-12",
        "required_approvals": 2,
        "approver_group": "data-governance",
        "allowed_approvers": None,
        "escalated": False,
        "reminded": False,
        "approvals": 1,
        "votes": [VoteView(voter="U0DGOV002", approve=True, comment="ok", created_at=NOW)],
        "created_at": NOW,
        "updated_at": NOW,
        "expires_at": NOW + timedelta(minutes=30),
        "decided_at": None,
        "decided_by": None,
        "reason": None,
        "executed_at": None,
        "callback_url": None,
        "idempotency_key": None,
        "slack": {"permalink": "https://northwind.slack.com/archives/C1/p1"},
        "meta": {},
    }
    return RequestView(**(base | changes))


def text_of(payload: dict[str, Any]) -> str:
    import json

    return json.dumps(payload, ensure_ascii=False)


def test_card_shows_what_an_approver_needs() -> None:
    body = text_of(blocks.card(view()))
    for expected in (
        "<@U0EMP0001>",
        "*opsbot*",
        "<https://northwind.slack.com/archives/C1/p1|original message>",
        "```DROP TABLE customers;```",
        "Drops a table.",
        "*customers* (table, restricted)",
        "`email`, `ssn`",
        "owner <@U0DGOV001>",
        "0.42",
        "Ticket OPS-12",
        "1 of 2 approvals",
        "data-governance",
        f"<!date^{int((NOW + timedelta(minutes=30)).timestamp())}^",
        "<@U0DGOV002> approved: ok",
        blocks.APPROVE,
        blocks.DENY,
    ):
        assert expected in body, expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("approved", "*Approved* by <@U0DGOV003>"),
        ("denied", "*Denied* by <@U0DGOV003>"),
        ("expired", "nobody decided in time"),
        ("cancelled", "*Cancelled*"),
    ],
)
def test_a_decided_card_has_no_buttons(status: str, expected: str) -> None:
    payload = blocks.card(view(status=status, decided_by="U0DGOV003", decided_at=NOW, reason="r"))
    assert not any(b["type"] == "actions" for b in payload["blocks"])
    assert expected in text_of(payload)


def test_user_supplied_text_is_escaped_everywhere() -> None:
    nasty = "<!channel> <@U0CEO0001> <https://evil.example|https://google.com> & <!here>"
    request = view(
        instruction=nasty,
        justification=nasty,
        agent="<!here>",
        findings=[Finding(rule="x", category="x", reason=nasty)],
        data=[DataRef(name="<!channel>", pii_fields=["<@U1>"], owner="<!here>")],
        votes=[VoteView(voter="U0DGOV002", approve=False, comment=nasty, created_at=NOW)],
        status="denied",
        decided_by="U0DGOV002",
        decided_at=NOW,
        reason=nasty,
        slack={"permalink": "javascript:alert(1)|x"},
    )
    for payload in (
        blocks.card(request),
        blocks.prompt(request),
        blocks.hold_reply(request),
        *blocks.requester_outcome(request),
        blocks.full_text_modal(request),
        blocks.deny_modal(request),
        blocks.escalation(request, ["U0SEC0001"]),
    ):
        body = text_of(payload)
        for control in ("<!channel>", "<!here>", "<@U0CEO0001>", "<https://evil", "<@U1>"):
            assert control not in body
        assert "javascript:" not in body


@pytest.mark.parametrize("size", [2_999, 3_001, 20_000, 65_536])
def test_long_instructions_fit_and_can_be_read_in_full(size: int) -> None:
    text = ("SELECT * FROM t WHERE a < b & c > d; " * (size // 36 + 1))[:size]
    request = view(instruction=text)
    for payload in (blocks.card(request), blocks.prompt(request)):
        check_message_blocks(payload["blocks"])
        assert blocks.FULL_TEXT in text_of(payload)
    modal = blocks.full_text_modal(request)
    check_view(modal)
    assert shown_code(modal["blocks"]) == escape_code(text)
    approved = blocks.requester_outcome(view(instruction=text, status="approved", decided_at=NOW))
    for message in approved:
        check_message_blocks(message["blocks"])
    assert shown_code([b for m in approved for b in m["blocks"]]) == escape_code(text)


def shown_code(shown: list[dict[str, Any]]) -> str:
    """The instruction as the reader sees it: every code block's content, in order."""
    out = []
    for block in shown:
        text = (block.get("text") or {}).get("text", "")
        if "```" in text:
            fenced = text[text.index("```") : text.rindex("```") + 3]
            out.append(code_content(fenced))
    return "".join(out)


FENCED_THEN_DELETE = (
    "".join(f"Step {i}:\n```\naws s3 ls s3://logs-{i}/ <&>\n```\n" for i in range(12)) * 8
    + "Finally: aws s3 rb s3://prod-archive --force"
)


@pytest.mark.parametrize(
    "text", [FENCED_THEN_DELETE, "<" * 40_000, "```" * 5_000, "x" * 13_500, "é🙂<@U1>&" * 4000]
)
def test_modal_and_approved_dm_show_exactly_the_escaped_text(text: str) -> None:
    # Issue 14: fences gained zero-width spaces after sizing and `_fit` cut each piece.
    request = view(instruction=text)
    assert shown_code(blocks.full_text_modal(request)["blocks"]) == escape_code(text)
    approved = blocks.requester_outcome(view(instruction=text, status="approved", decided_at=NOW))
    for message in approved:
        check_message_blocks(message["blocks"])  # under Slack's ~12,000 characters each
    assert shown_code([b for m in approved for b in m["blocks"]]) == escape_code(text)
    if len(approved) > 1:
        assert f"part {len(approved)} of {len(approved)}" in text_of(approved[-1])


def test_a_modal_too_small_for_the_text_says_so_and_where_it_is() -> None:
    text = "<" * (blocks.FULL_TEXT_ROOM * blocks.CHUNK // 4 + 4000)
    request = view(instruction=text)
    assert not blocks.full_text_fits(request)
    modal = blocks.full_text_modal(request, file_where="in this card's thread")
    check_view(modal)
    body = text_of(modal)
    assert "Too long for a Slack modal" in body and "in this card's thread" in body
    assert escape_code(text).startswith(shown_code(modal["blocks"]))
    assert blocks.full_text_fits(view(instruction="x" * 100_000))


def test_card_keeps_full_text_whenever_the_preview_is_shorter() -> None:
    for text in ("x" * 1200, "x" * 1201, "<" * 300, "<" * 301, "```" * 200):
        request = view(instruction=text)
        shown = shown_code([blocks.card(request)["blocks"][2]])
        has_button = blocks.FULL_TEXT in text_of(blocks.card(request))
        assert has_button == (shown != escape_code(text)), text[:10]


def test_data_context_puts_restricted_first_and_counts_what_it_hides() -> None:
    refs = [DataRef(name=f"tbl{i}", classification="internal") for i in range(290)]
    refs += [DataRef(name=f"secret{i}", classification="restricted") for i in range(13)]
    refs.append(
        DataRef(
            name="people", classification="confidential", pii_fields=[f"f{i}" for i in range(25)]
        )
    )
    body = text_of(blocks.card(view(data=refs)))
    assert "*secret0* (table, restricted)" in body
    assert "tbl0" not in body
    assert "…and 294 more: 3 restricted, 1 confidential, 290 internal; 25 PII field(s)" in body


def test_pii_fields_beyond_twenty_are_counted() -> None:
    ref = DataRef(
        name="people", classification="restricted", pii_fields=[f"f{i}" for i in range(23)]
    )
    body = text_of(blocks.card(view(data=[ref])))
    assert "`f19`" in body and "`f20`" not in body and "…and 3 more PII field(s)" in body


def test_many_pii_fields_on_many_tables_never_cut_silently() -> None:
    refs = [
        DataRef(name="n" * 300, classification="restricted", pii_fields=["p" * 80] * 30)
        for _ in range(12)
    ]
    [section] = [b for b in blocks.card(view(data=refs))["blocks"] if "Data involved" in str(b)]
    text = section["text"]["text"]
    assert len(text) <= blocks.MAX_TEXT and not text.endswith("…")
    assert "more: " in text and "restricted" in text.rsplit("more: ", 1)[1]


def test_high_risk_approve_asks_for_confirmation_naming_the_data() -> None:
    [actions] = [b for b in blocks.card(view(risk="critical"))["blocks"] if b["type"] == "actions"]
    approve = actions["elements"][0]
    assert approve["action_id"] == blocks.APPROVE
    assert "customers (restricted)" in approve["confirm"]["text"]["text"]
    check_message_blocks([actions])
    [low] = [b for b in blocks.card(view(risk="medium"))["blocks"] if b["type"] == "actions"]
    assert "confirm" not in low["elements"][0]


@pytest.mark.parametrize(
    ("status", "head"),
    [
        ("pending", "Approval needed: high risk"),
        ("approved", "*Approved* by <@U0DGOV003>"),
        ("denied", "*Denied* by <@U0DGOV003>"),
        ("expired", "*Expired*"),
    ],
)
def test_the_card_head_says_where_the_request_stands(status: str, head: str) -> None:
    request = view(status=status, decided_by="U0DGOV003", decided_at=NOW, reason="r")
    first = blocks.card(request)["blocks"][0]
    assert head in text_of(first)
    if status != "pending":
        assert "Approval needed" not in text_of(blocks.card(request))


def test_progress_reads_as_english() -> None:
    assert "0 of 1 approval " in text_of(blocks.card(view(approvals=0, required_approvals=1)))
    assert "1 of 2 approvals" in text_of(blocks.card(view()))


def test_short_instruction_has_no_full_text_button() -> None:
    assert blocks.FULL_TEXT not in text_of(blocks.card(view()))


def test_hold_reply_is_one_line_and_keeps_deny_reasons_private() -> None:
    multi_line = [Finding(rule="x", category="x", reason="Drops\na table.\n\nReally.")]
    for status in ("pending", "blocked", "approved", "denied", "expired", "cancelled"):
        request = view(
            status=status, decided_by="U0DGOV002", reason="secret project\nZ", findings=multi_line
        )
        [block] = blocks.hold_reply(request)["blocks"]
        assert "\n" not in block["text"]["text"]
        assert "secret project" not in block["text"]["text"]


def test_outcome_dm_says_what_to_do() -> None:
    approved = text_of(blocks.requester_outcome(view(status="approved", decided_by="U0DGOV002")))
    assert "exactly this" in approved and "DROP TABLE customers;" in approved
    assert len(blocks.requester_outcome(view(status="approved"))) == 1
    denied = text_of(blocks.requester_outcome(view(status="denied", reason="use the replica")))
    assert "use the replica" in denied and "DROP TABLE" not in denied
    expired = text_of(blocks.requester_outcome(view(status="expired")))
    assert "Do not proceed" in expired


def test_modal_metadata_round_trips() -> None:
    modal = blocks.deny_modal(view(), channel="C0APPROVALS", ts="1.2")
    assert blocks.parse_metadata(modal["private_metadata"]) == {
        "id": "TK-ABCDE23456",
        "channel": "C0APPROVALS",
        "ts": "1.2",
    }
    assert blocks.parse_metadata("not json") == {}
    state = {"values": {blocks.INPUT_BLOCK: {blocks.INPUT_ACTION: {"value": "  why  "}}}}
    assert blocks.submitted_value({"state": state}) == "why"
    assert blocks.submitted_value({}) == ""


def stats(total: int) -> Stats:
    return Stats(
        since=None,
        until=None,
        total=total,
        by_status={},
        by_risk={},
        decided=0,
        median_decision_seconds=None,
        p90_decision_seconds=None,
        expired=0,
        expiry_rate=None,
        top_agents=[],
        top_resources=[],
    )


def test_texts_read_as_english() -> None:
    held = text_of(blocks.hold_reply(view()))
    assert "Drops a table. Please" in held and ".." not in held
    assert "*1* instruction screened" in text_of(hb.stats_message(stats(total=1), "today"))
    assert "*2* instructions screened" in text_of(hb.stats_message(stats(total=2), "today"))


def test_a_cut_never_leaves_half_a_mention() -> None:
    text = "x" * (blocks.MAX_TEXT - 5) + " <@U0DGOV002> more"
    shown = blocks.mrkdwn(text)["text"]["text"]
    assert len(shown) <= blocks.MAX_TEXT and shown.endswith("…")
    assert "<@U0" not in shown


def test_a_card_with_everything_at_its_longest_is_one_message_slack_accepts() -> None:
    # Each part alone was within its limit, but together they passed ~12,000 characters
    # (msg_blocks_too_long): the card would never be posted.
    big = "<" * 5000
    request = view(
        instruction=big,
        justification=big,
        agent=big,
        approver_group=big,
        risk="critical",
        findings=[Finding(rule="r", category="c", reason=big)] * 12,
        data=[DataRef(name=big, kind=big, pii_fields=[big] * 30, owner="U0DGOV001")] * 20,
        votes=[VoteView(voter="U0DGOV002", approve=True, comment=big, created_at=NOW)] * 12,
    )
    for payload in (blocks.card(request), blocks.prompt(request)):
        check_message_blocks(payload["blocks"])
        for block in payload["blocks"]:
            text = (block.get("text") or {}).get("text", "")
            assert len(text) < blocks.MAX_TEXT  # sized, never cut by `_fit`
