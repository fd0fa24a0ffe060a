"""The /twokey slash command."""

from __future__ import annotations

from bot.slack import blocks
from tests.slack.conftest import APPROVER, DROP, OUTSIDER, REQUESTER, Slack, texts

AUDITOR = "U0AUDIT01"  # member of the admin user group S0AUDITORS (in the fake)


async def test_help_is_ephemeral_and_mentions_the_shortcut(slack: Slack) -> None:
    response = await slack.command("help", REQUESTER)
    body = response.json()
    assert response.status_code == 200 and "Ask for a second approval" in texts(body)


async def test_show_is_for_people_involved_only(slack: Slack) -> None:
    await slack.agent_says(f"<@{REQUESTER}> {DROP}")
    request = await slack.only_request()
    mine = (await slack.command(f"show {request.id}", REQUESTER)).json()
    assert "DROP TABLE customers;" in texts(mine)
    assert blocks.APPROVE not in texts(mine)  # read-only: no buttons
    approver = (await slack.command(f"show {request.id.lower()}", APPROVER)).json()
    assert "DROP TABLE customers;" in texts(approver)
    admin = (await slack.command(f"show {request.id}", AUDITOR)).json()
    assert "DROP TABLE customers;" in texts(admin)
    outsider = (await slack.command(f"show {request.id}", OUTSIDER)).json()
    assert "DROP TABLE" not in texts(outsider) and "that you are involved in" in texts(outsider)


async def test_unknown_input_is_escaped_in_the_answer(slack: Slack) -> None:
    body = (await slack.command("<!channel> what", REQUESTER)).json()
    assert "<!channel>" not in texts(body) and "&lt;!channel&gt;" in texts(body)
