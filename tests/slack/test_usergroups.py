"""User group membership from Slack, cached."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.slack.usergroups import SlackUsergroups


async def test_members_are_resolved_and_cached(fake: SlackFake) -> None:
    resolver = SlackUsergroups(AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url), ttl=60)
    assert await resolver("S0SECURITY") == ["U0SEC0002"]
    assert await resolver("S0SECURITY") == ["U0SEC0002"]
    assert len(fake.calls_to("usergroups.users.list")) == 1
    resolver.invalidate("S0SECURITY")
    fake.usergroups["S0SECURITY"] = ["U0SEC0002", "U0SEC0003"]
    assert await resolver("S0SECURITY") == ["U0SEC0002", "U0SEC0003"]


async def test_an_unknown_group_raises_so_the_service_treats_it_as_empty(fake: SlackFake) -> None:
    resolver = SlackUsergroups(AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url))
    with pytest.raises(SlackApiError):
        await resolver("S0NOPE")
