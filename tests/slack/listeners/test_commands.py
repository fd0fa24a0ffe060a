"""The /twokey slash command."""

from __future__ import annotations

import csv
import io

from bot.slack import blocks
from tests.slack.conftest import APPROVER, DROP, OUTSIDER, REQUESTER, Slack, texts

ADMIN = "U0ADMIN01"  # slack.admins in the example config
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


async def seed(slack: Slack) -> None:
    await slack.agent_says(f"<@{REQUESTER}> {DROP}")
    await slack.agent_says(f"<@{OUTSIDER}> the build is green")
    await slack.agent_says(f"<@{REQUESTER}> rm -rf / please")


async def test_history_is_for_admins_and_filters(slack: Slack) -> None:
    await seed(slack)
    await slack.command("history", OUTSIDER)
    assert "Only TwoKey admins" in slack.ephemerals(OUTSIDER)[0]

    await slack.command(f"history requester=<@{REQUESTER}|erin> status=blocked", ADMIN)
    [answer] = slack.ephemerals(ADMIN)
    assert "1 request(s), newest first" in answer
    listing = texts(slack.fake.calls_to("chat.postEphemeral")[-1].params["blocks"])
    assert "*blocked*" in listing and "rm -rf /" in listing and "build is green" not in listing

    await slack.command("history since=7d limit=2", AUDITOR)
    assert "More match" in slack.ephemerals(AUDITOR)[0]
    await slack.command("history colour=blue", ADMIN)
    assert "unknown filter" in slack.ephemerals(ADMIN)[-1]
    await slack.command("history risk=extreme", ADMIN)
    assert "unknown risk" in slack.ephemerals(ADMIN)[-1]


async def test_export_sends_a_csv_file_in_a_dm(slack: Slack) -> None:
    await seed(slack)
    await slack.command("export status=awaiting_requester,blocked", ADMIN)
    assert "Sent you `twokey-history.csv` with 2 request(s)" in slack.ephemerals(ADMIN)[0]
    [done] = slack.fake.files
    assert done["channel"] == "D0ADMIN01"
    rows = list(csv.DictReader(io.StringIO(slack.fake.uploads[done["id"]].decode())))
    assert sorted(r["status"] for r in rows) == ["awaiting_requester", "blocked"]
    await slack.command("export", OUTSIDER)
    assert len(slack.fake.files) == 1
