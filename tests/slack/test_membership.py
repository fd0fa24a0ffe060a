"""TwoKey joins the approvals channel at start-up, or says in one line why it cannot."""

from __future__ import annotations

import logging

import pytest

from bot.demo.slack_standin import BOT_USER_ID, SlackFake
from bot.slack.membership import join_approvals_channel
from tests.slack.test_fake import client


async def test_joins_a_public_approvals_channel_so_cards_can_be_posted(fake: SlackFake) -> None:
    web = client(fake)
    assert BOT_USER_ID not in (fake.members("C0GENERAL") or [])
    assert await join_approvals_channel(web, "C0GENERAL") == "joined"
    await web.chat_postMessage(channel="C0GENERAL", text="card")


@pytest.mark.parametrize(
    ("channel", "result", "says"),
    [
        ("C0NOSUCH1", "channel_not_found", "invite @TwoKey"),
        ("G0GROUPDM", "method_not_supported_for_channel_type", "is private"),
        ("#data-approvals", "not_an_id", "not a channel id"),
    ],
)
async def test_says_in_one_line_when_it_cannot_join(
    fake: SlackFake, caplog: pytest.LogCaptureFixture, channel: str, result: str, says: str
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.slack.membership"):
        assert await join_approvals_channel(client(fake), channel) == result
    [line] = [r.getMessage() for r in caplog.records if r.name == "bot.slack.membership"]
    assert says in line and "\n" not in line


async def test_no_approvals_channel_is_nothing_to_join(fake: SlackFake) -> None:
    assert await join_approvals_channel(client(fake), None) == "skipped"
    assert not fake.calls_to("conversations.join")
