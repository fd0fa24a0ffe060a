"""The message shortcut "Ask for a second approval"."""

from __future__ import annotations

from tests.slack.conftest import AGENT_BOT, APPROVALS, DROP, OUTSIDER, REQUESTER, Slack, texts

CHANNEL = "C0GENERAL1"


async def test_shortcut_on_a_colleagues_message_starts_a_request(slack: Slack) -> None:
    message = {"type": "message", "user": OUTSIDER, "text": f"can you {DROP}?", "ts": "1764100.1"}
    response = await slack.shortcut(message, REQUESTER, CHANNEL)
    assert response.status_code == 200
    request = await slack.only_request()
    assert request.requester == REQUESTER and request.source == "shortcut"
    assert request.agent is None and request.status == "awaiting_requester"
    [told] = slack.ephemerals(REQUESTER)
    assert "needs a second approval" in told and request.id in told
    prompt = slack.posts(f"D{REQUESTER[1:]}")
    assert len(prompt) == 1 and "You asked TwoKey to check a message" in texts(prompt[0])
    # No public reply on someone else's message; no card until the employee confirms.
    assert [p["channel"] for p in slack.posts()] == [f"D{REQUESTER[1:]}"]
    assert not slack.posts(APPROVALS)


async def test_shortcut_on_a_harmless_message_says_so(slack: Slack) -> None:
    message = {"type": "message", "bot_id": AGENT_BOT, "text": "lunch at 12?", "ts": "1764100.2"}
    await slack.shortcut(message, REQUESTER, CHANNEL)
    request = await slack.only_request()
    assert request.status == "allowed" and request.agent == "opsbot"
    assert "found nothing that needs a second approval" in slack.ephemerals(REQUESTER)[0]


async def test_shortcut_on_an_already_screened_message_reports_the_existing_request(
    slack: Slack,
) -> None:
    _, ts = await slack.agent_says(f"<@{REQUESTER}> {DROP}", channel=CHANNEL)
    message = {"type": "message", "bot_id": AGENT_BOT, "text": f"<@{REQUESTER}> {DROP}", "ts": ts}
    await slack.shortcut(message, OUTSIDER, CHANNEL)
    assert slack.request_count() == 1
    request = await slack.only_request()
    assert request.id in slack.ephemerals(OUTSIDER)[0]


async def test_shortcut_answer_falls_back_to_a_dm_outside_twokeys_channels(slack: Slack) -> None:
    slack.fake.fail("chat.postEphemeral", "not_in_channel")
    message = {"type": "message", "user": OUTSIDER, "text": "rm -rf / now", "ts": "1764100.3"}
    await slack.shortcut(message, REQUESTER, CHANNEL)
    [dm] = slack.posts(f"D{REQUESTER[1:]}")
    assert "blocked by policy" in texts(dm)
