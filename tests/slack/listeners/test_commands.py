"""The /twokey slash command."""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import Engine

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from tests.slack.conftest import APPROVER, DROP, OUTSIDER, REQUESTER, Slack, build, texts

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


async def test_the_command_is_acknowledged_before_any_slow_work(
    sqlite_engine: Engine, example_config: TwoKeyConfig, fake: SlackFake
) -> None:
    # Issue 14: with a 429 on the admin user group, `/twokey show` answered after 4.35 s and
    # Slack had already shown operation_timeout. Ack first, answer through response_url.
    fake.fail("usergroups.users.list", "ratelimited", retry_after=2)
    async for slack in build(sqlite_engine, example_config, fake, process_before_response=False):
        answer = await slack.command("history", "U0AUDIT01")
        assert answer.seconds < 1.5 and answer.status_code == 200
        assert answer.ack.content in (b"", b"{}") and not answer.answers  # not yet
        for _ in range(100):
            if fake.calls_to("response_url"):
                break
            await asyncio.sleep(0.05)
        [sent] = fake.calls_to("response_url")
        assert "History" in texts(sent.params)  # the admin check waited out the 429
