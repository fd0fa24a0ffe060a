"""The admin side of /twokey: history, show, pending, stats, export, help."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.demo.slack_standin import check_blocks
from bot.slack.blocks import history as hb
from storage.audit import append_event
from storage.db import session_scope
from storage.models import AuditEvent
from tests.history_rows import add_request
from tests.slack.conftest import OUTSIDER, REQUESTER, Slack, texts

ADMIN = "U0ADMIN01"  # slack.admins in examples/twokey.yml
AUDITOR = "U0AUDIT01"  # member of S0AUDITORS, the admin user group
NOW = datetime.now(UTC).replace(microsecond=0)


def add(engine: Engine, rid: str, minutes_ago: float, status: str, **kw: Any) -> None:
    at = NOW - timedelta(minutes=minutes_ago)
    voter = kw.get("voter")
    decided = at + timedelta(minutes=2)
    with session_scope(engine) as s:
        add_request(
            s,
            rid,
            at=at,
            status=status,
            agent=kw.get("agent", "opsbot"),
            requester=REQUESTER,
            instruction=kw.get("instruction", "SELECT email FROM customers"),
            risk=kw.get("risk", "high"),
            findings=[{"rule": "sql.pii_read", "category": "pii", "reason": "Reads emails"}],
            data=[{"name": "customers", "classification": "restricted"}],
            decided_at=decided if status in ("denied", "approved") else None,
            decided_by=voter,
            reason=kw.get("reason"),
            resources=kw.get("resources", ["customers"]),
            votes=[(voter, status == "approved", kw.get("reason"), decided)] if voter else [],
        )
        if voter:
            append_event(
                s,
                action="vote.deny" if status == "denied" else "vote.approve",
                actor=voter,
                request_id=rid,
            )


@pytest.fixture
def filled(slack: Slack) -> Slack:
    add(slack.engine, "TK-DENY1", 60 * 24 * 3, "denied", voter="U0DGOV002", reason="<!channel> PII")
    add(slack.engine, "TK-DENY2", 60 * 24 * 10, "denied", voter="U0DGOV002", reason="old")
    add(slack.engine, "TK-APPR1", 60 * 24 * 2, "approved", voter="U0DGOV003")
    add(
        slack.engine,
        "TK-DENY3",
        60 * 24,
        "denied",
        voter="U0DGOV003",
        reason="orders only",
        resources=["orders"],
    )
    add(slack.engine, "TK-PEND1", 5, "pending", risk="critical")
    return slack


async def answer(slack: Slack, text: str, user: str) -> str:
    response = await slack.command(text, user)
    assert response.status_code == 200
    body = response.json()
    check_blocks(body.get("blocks", []), limit=50)
    return texts(body)


@pytest.mark.parametrize("sub", ["history", "pending", "stats", "export status:denied"])
async def test_non_admins_get_a_polite_refusal_and_no_data(filled: Slack, sub: str) -> None:
    body = await answer(filled, sub, OUTSIDER)
    assert "only for TwoKey admins" in body
    assert "TK-DENY1" not in body and "customers" not in body
    assert not filled.fake.files


async def test_non_admin_show_and_help_keep_the_general_answers(filled: Slack) -> None:
    assert "that you are involved in" in await answer(filled, "show TK-DENY1", OUTSIDER)
    assert "Ask for a second approval" in await answer(filled, "help", OUTSIDER)


async def test_unreachable_admin_group_makes_nobody_admin(filled: Slack) -> None:
    filled.fake.fail("usergroups.users.list", times=5)
    assert "only for TwoKey admins" in await answer(filled, "history", AUDITOR)


async def test_denied_customers_last_week(filled: Slack) -> None:
    body = await answer(filled, "history status:denied resource:customers since:7d", ADMIN)
    assert "TK-DENY1" in body
    assert "TK-DENY2" not in body  # ten days ago
    assert "TK-DENY3" not in body  # orders
    assert "TK-APPR1" not in body
    assert "<@U0DGOV002>" in body  # who decided
    assert "&lt;!channel&gt; PII" in body and "<!channel>" not in body  # why, inert


async def test_admin_group_member_and_flag_syntax(filled: Slack) -> None:
    body = await answer(filled, "history --status denied --since=14d", AUDITOR)
    assert "TK-DENY1" in body and "TK-DENY2" in body and "TK-DENY3" in body


async def test_bad_filters_explain_themselves(filled: Slack) -> None:
    assert "status" in await answer(filled, "history status:maybe", ADMIN)
    body = await answer(filled, "history since:lastweek", ADMIN)
    assert "since" in body and "TK-" not in body.replace("TK-…", "")
    assert "I don't understand" in await answer(filled, "history customers", ADMIN)
    assert "Unknown filter" in await answer(filled, "history color:red", ADMIN)


async def test_next_page_button_continues_without_repeats(slack: Slack) -> None:
    for i in range(13):
        add(slack.engine, f"TK-PAGE{i:02d}", 100 - i, "allowed")
    first = (await slack.command("history agent:opsbot", ADMIN)).json()
    ids_first = [i for i in (f"TK-PAGE{n:02d}" for n in range(13)) if i in texts(first)]
    assert ids_first == [f"TK-PAGE{n:02d}" for n in range(3, 13)]
    (button,) = [e for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == hb.HISTORY_NEXT and len(button["value"]) < 2000
    add(slack.engine, "TK-ARRIVED", 0, "allowed")  # arrives between pages
    await slack.click(hb.HISTORY_NEXT, button["value"], ADMIN)
    second = slack.fake.calls_to("chat.postEphemeral")[-1].params
    assert second["user"] == ADMIN
    shown = texts(second)
    assert [i for i in ("TK-PAGE00", "TK-PAGE01", "TK-PAGE02") if i in shown] == [
        "TK-PAGE00",
        "TK-PAGE01",
        "TK-PAGE02",
    ]
    assert "TK-PAGE03" not in shown and "TK-ARRIVED" not in shown
    assert hb.HISTORY_NEXT not in shown  # last page


async def test_next_page_refused_for_non_admins(slack: Slack) -> None:
    value = json.dumps({"f": {}, "c": "x", "t": "History"})
    await slack.click(hb.HISTORY_NEXT, value, OUTSIDER)
    said = texts(slack.fake.calls_to("chat.postEphemeral")[-1].params)
    assert "only for TwoKey admins" in said


async def test_show_is_the_full_record_for_admins(filled: Slack) -> None:
    body = await answer(filled, "show tk-deny1", ADMIN)
    for needle in (
        "Request TK-DENY1",
        "denied",
        "sql.pii_read",
        "customers",
        "<@U0DGOV002>",
        "vote.deny",
        "Audit events",
        "Votes",
    ):
        assert needle in body, needle
    assert "No request `TK-NOPE1`" in await answer(filled, "show TK-NOPE1", ADMIN)


async def test_pending_lists_open_requests(filled: Slack) -> None:
    body = await answer(filled, "pending", ADMIN)
    assert "TK-PEND1" in body and "TK-DENY1" not in body


async def test_stats(filled: Slack) -> None:
    body = await answer(filled, "stats 7d", ADMIN)
    assert "*4* instructions screened" in body  # DENY2 is older than a week
    assert "median 2.0 min" in body and "denied 2" in body
    assert "not a time" in await answer(filled, "stats someday", ADMIN)


async def test_export_goes_to_the_admins_dm_as_csv(filled: Slack) -> None:
    body = await answer(filled, "export status:denied", ADMIN)
    assert "arrive in your DM" in body
    (record,) = filled.fake.files
    assert record["channel"] == filled.fake.dm_channel(ADMIN)
    (content,) = filled.fake.uploads.values()
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert [r["id"] for r in rows] == ["TK-DENY3", "TK-DENY1", "TK-DENY2"]
    assert rows[1]["approvers"] == "U0DGOV002" and rows[1]["reason"] == "<!channel> PII"
    with session_scope(filled.engine) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "history.exported")).all()
    assert len(events) == 1 and events[0].actor == ADMIN
    assert events[0].detail["records"] == 3


async def test_admin_help_lists_the_admin_commands(filled: Slack) -> None:
    body = await answer(filled, "help", ADMIN)
    for sub in ("history", "show", "pending", "stats", "export"):
        assert f"/twokey {sub}" in body


async def test_long_records_stay_within_block_kit_limits(slack: Slack) -> None:
    for i in range(12):
        add(
            slack.engine,
            f"TK-LONG{i:02d}",
            50 - i,
            "denied",
            voter="U0DGOV002",
            reason="why " * 900,
            instruction="x" * 20000 + " <@U0SOMEONE> ```",
            resources=[f"dataset_{k}" for k in range(20)],
        )
    with session_scope(slack.engine) as s:
        for _ in range(40):
            append_event(
                s,
                action="note",
                actor="U0DGOV002",
                request_id="TK-LONG00",
                detail={"text": "y" * 400},
            )
    body = await answer(slack, "history status:denied", ADMIN)
    assert "TK-LONG11" in body and "<@U0SOMEONE>" not in body
    detail = await answer(slack, "show TK-LONG00", ADMIN)
    assert "latest 20 of 41" in detail and "<@U0SOMEONE>" not in detail


async def test_next_page_works_for_filters_longer_than_a_button_value(slack: Slack) -> None:
    # Issue 14: the page state was JSON in the button, cut at 2,000 characters.
    for i in range(13):
        add(slack.engine, f"TK-PAGE{i:02d}", 100 - i, "allowed")
    statuses = ",".join(["allowed"] * 300)  # 2,399 characters of filter
    first = (await slack.command(f"history agent:opsbot status:{statuses}", ADMIN)).json()
    (button,) = [e for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(button["value"]) < 40
    await slack.click(hb.HISTORY_NEXT, button["value"], ADMIN)
    second = texts(slack.fake.calls_to("chat.postEphemeral")[-1].params)
    assert "TK-PAGE00" in second and "no longer valid" not in second


async def test_an_unknown_page_asks_to_run_the_command_again(slack: Slack) -> None:
    await slack.click(hb.HISTORY_NEXT, "not-a-page", ADMIN)
    said = texts(slack.fake.calls_to("chat.postEphemeral")[-1].params)
    assert "no longer valid" in said and "run the command again" in said


async def test_show_of_a_long_instruction_offers_the_full_text(slack: Slack) -> None:
    long_sql = "SELECT email FROM customers WHERE id IN (" + ",".join(["1"] * 2000) + ")"
    add(slack.engine, "TK-LONG1", 5, "allowed", instruction=long_sql)
    body = await answer(slack, "show TK-LONG1", ADMIN)
    assert "Full text" in body and f"{len(long_sql):,} characters" in body and "(cut)" not in body
    assert "*customers* (table, restricted)" in body  # the card's data summary


async def test_limit_shortens_the_page_as_the_readme_says(filled: Slack) -> None:
    body = await answer(filled, "history limit:2", ADMIN)
    assert "Unknown filter" not in body
    shown = [rid for rid in ("TK-PEND1", "TK-DENY3", "TK-APPR1", "TK-DENY1") if rid in body]
    assert shown == ["TK-PEND1", "TK-DENY3"]  # the two newest
    assert "TK-DENY2" not in body
    # A page never holds more than one Slack message can; a bad limit is explained.
    assert "TK-DENY2" in await answer(filled, "history limit:500", ADMIN)
    assert "limit" in await answer(filled, "history limit:0", ADMIN)
