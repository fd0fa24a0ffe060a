"""Block Kit payloads stay within Slack's limits and show only masked, escaped text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.approvals import RequestView, VoteView
from bot.demo.slack_standin import MAX_BLOCKS_MESSAGE, MAX_BLOCKS_VIEW, check_blocks
from bot.risk.model import DataRef, Finding
from bot.slack import blocks

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
        blocks.requester_outcome(request),
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
        check_blocks(payload["blocks"], limit=MAX_BLOCKS_MESSAGE)
        assert blocks.FULL_TEXT in text_of(payload)
    modal = blocks.full_text_modal(request)
    check_blocks(modal["blocks"], limit=MAX_BLOCKS_VIEW)
    approved = blocks.requester_outcome(view(instruction=text, status="approved", decided_at=NOW))
    check_blocks(approved["blocks"], limit=MAX_BLOCKS_MESSAGE)


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
