"""The App Home tab: approvers' waiting cards, requesters' requests, admins' overview."""

from __future__ import annotations

from bot.slack import blocks
from tests.slack.conftest import APPROVER, APPROVER2, DROP, OUTSIDER, REQUESTER, Slack, texts

ADMIN = "U0ADMIN01"


async def open_home(slack: Slack, user: str) -> str:
    await slack.event({"type": "app_home_opened", "user": user, "tab": "home", "event_ts": "1.1"})
    return texts(slack.fake.home_views[user])


async def pending(slack: Slack) -> str:
    request, _ = await slack.service.submit(
        text=DROP, requester=REQUESTER, agent="opsbot", skip_requester_confirmation=True
    )
    await slack.service.drain()
    assert request.status == "pending"
    return request.id


async def test_approver_sees_the_waiting_card_with_its_buttons(slack: Slack) -> None:
    request_id = await pending(slack)
    home = await open_home(slack, APPROVER)
    assert request_id in home and "Waiting for your decision" in home
    assert blocks.APPROVE in home and blocks.DENY in home
    # Not eligible: the requester and an outsider see no card for it.
    assert blocks.APPROVE not in await open_home(slack, OUTSIDER)
    requester_home = await open_home(slack, REQUESTER)
    assert blocks.APPROVE not in requester_home
    assert "Your recent requests" in requester_home and request_id in requester_home


async def test_home_is_republished_when_the_request_is_decided(slack: Slack) -> None:
    request_id = await pending(slack)
    await open_home(slack, APPROVER)
    await open_home(slack, REQUESTER)
    await open_home(slack, APPROVER2)
    publishes = len(slack.fake.calls_to("views.publish"))
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    assert (await slack.service.get(request_id)).status == "approved"
    assert len(slack.fake.calls_to("views.publish")) > publishes
    assert blocks.APPROVE not in texts(slack.fake.home_views[APPROVER])
    assert blocks.APPROVE not in texts(slack.fake.home_views[APPROVER2])
    assert "approved" in texts(slack.fake.home_views[REQUESTER])


async def test_admins_see_stats_and_latest_decisions(slack: Slack) -> None:
    request_id = await pending(slack)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    home = await open_home(slack, ADMIN)
    assert "TwoKey stats" in home and "Latest decisions" in home and request_id in home
    assert "TwoKey stats" not in await open_home(slack, APPROVER)


async def test_people_who_never_opened_home_are_not_published(slack: Slack) -> None:
    request_id = await pending(slack)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    assert slack.fake.calls_to("views.publish") == []


async def test_several_waiting_cards_make_one_valid_view(slack: Slack) -> None:
    # Issue 14: every card repeated block_id "twokey_card_actions"; Slack refuses the view.
    first, second = await pending(slack), await pending(slack)
    home = await open_home(slack, APPROVER)
    assert first in home and second in home
    assert home.count(blocks.APPROVE + '"') == 2
