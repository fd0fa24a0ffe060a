"""The card says how many people the channels and groups a held instruction names reach."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.approvals import RequestView
from bot.slack.audience import Audience, named_audiences
from bot.slack.blocks.blast import blast_section
from tests.slack.conftest import APPROVALS, DROP, REQUESTER, Slack, texts


def test_named_audiences_reads_slack_markup_only() -> None:
    text = (
        "Post the export in <#C0GENERAL|general>, ping <!subteam^S0SECURITY|security> "
        "and again <#C0GENERAL|general>; #random is just a word here."
    )
    assert named_audiences(text) == [
        Audience("channel", "C0GENERAL", "#general"),
        Audience("usergroup", "S0SECURITY", "@security"),
    ]
    assert named_audiences("Post it in #general") == []


async def _held(slack: Slack, text: str) -> str:
    request, _ = await slack.service.submit(
        text=text, requester=REQUESTER, agent="datapal", skip_requester_confirmation=True
    )
    await slack.service.drain()
    for _ in range(50):  # the count runs after the card, in the background
        await slack.service.drain()
        view = await slack.service.get(request.id)
        if view is not None and "audience" in (view.meta or {}):
            break
    await slack.service.drain()
    return request.id


def _card_text(slack: Slack) -> str:
    updates: list[dict[str, Any]] = [c.params for c in slack.fake.calls_to("chat.update")]
    assert updates, "the card was not refreshed with the count"
    return texts(updates[-1])


async def test_card_shows_people_reached_by_named_channel_and_group(slack: Slack) -> None:
    request_id = await _held(
        slack,
        DROP + " then post the result in <#C0GENERAL|general> and tell <!subteam^S0SECURITY|sec>",
    )
    view = await slack.service.get(request_id)
    assert view is not None
    audience = view.meta["audience"]
    general = len(slack.fake.members("C0GENERAL") or [])
    assert audience == [
        {"kind": "channel", "label": "#general", "members": general, "capped": False},
        {"kind": "usergroup", "label": "@sec", "members": 1, "capped": False},
    ]
    card = _card_text(slack)
    assert f"#general: {general} members would see it" in card
    assert "@sec: 1 member would see it" in card
    assert "U0SEC0002" not in card  # counts, never who
    assert slack.posts(APPROVALS)


async def test_a_count_slack_refuses_shows_unavailable_and_decides_nothing(slack: Slack) -> None:
    request_id = await _held(slack, DROP + " and post it in <#C0NOSUCH1|gone>")
    view = await slack.service.get(request_id)
    assert view is not None and view.status == "pending"
    assert view.meta["audience"] == [
        {"kind": "channel", "label": "#gone", "error": "channel_not_found"}
    ]
    assert "#gone: member count unavailable" in _card_text(slack)


@pytest.mark.parametrize(
    ("item", "line"),
    [
        ({"label": "#all", "members": 20000, "capped": True}, "#all: 20,000+ members would see it"),
        ({"label": "<!channel>", "error": "x"}, "&lt;!channel&gt;: member count unavailable"),
    ],
)
def test_audience_lines(item: dict[str, Any], line: str) -> None:
    view = RequestView.model_construct(
        meta={"audience": [item]}, data=[], created_at=datetime.now(UTC)
    )
    section = blast_section(view)
    assert section is not None and line in section
