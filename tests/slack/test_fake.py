"""The Slack fake answers like Slack: the other tests are only as good as it is."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.demo.slack_standin import BOT_TOKEN, SlackFake


def client(fake: SlackFake, token: str = BOT_TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=fake.api_url, retry_handlers=[])


async def test_messages_are_kept_updated_and_recorded(fake: SlackFake) -> None:
    web = client(fake)
    posted = await web.chat_postMessage(channel="U0EMP0001", text="hi", blocks=[])
    assert posted["channel"] == "D0EMP0001"
    await web.chat_update(channel=posted["channel"], ts=posted["ts"], text="bye")
    assert fake.message(posted["channel"], posted["ts"]).text == "bye"
    assert [c.method for c in fake.calls] == ["chat.postMessage", "chat.update"]
    with pytest.raises(SlackApiError) as missing:
        await web.chat_update(channel="C1", ts="1.1", text="x")
    assert missing.value.response["error"] == "message_not_found"


async def test_block_kit_limits_are_enforced(fake: SlackFake) -> None:
    web = client(fake)
    long_text = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    too_many = [{"type": "divider"}] * 51
    for bad in ([long_text], too_many):
        with pytest.raises(SlackApiError) as err:
            await web.chat_postMessage(channel="C1", text="t", blocks=bad)
        assert err.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError):
        await web.views_open(trigger_id="t", view={"type": "modal", "title": {}, "blocks": []})


async def test_errors_auth_and_rate_limits(fake: SlackFake) -> None:
    with pytest.raises(SlackApiError) as bad_token:
        await client(fake, "xoxb-wrong").auth_test()
    assert bad_token.value.response["error"] == "invalid_auth"
    fake.fail("auth.test", "ratelimited", retry_after=7)
    with pytest.raises(SlackApiError) as limited:
        await client(fake).auth_test()
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert (await client(fake).auth_test())["user_id"] == "U0TWOKEY1"


async def test_users_groups_and_file_uploads(fake: SlackFake) -> None:
    web = client(fake)
    assert (await web.users_info(user="U0EMP0001"))["user"]["name"] == "erin"
    found = await web.users_lookupByEmail(email="Dana@northwind.example")
    assert found["user"]["id"] == "U0DGOV001"
    assert (await web.usergroups_users_list(usergroup="S0SECURITY"))["users"] == ["U0SEC0002"]
    await web.files_upload_v2(channel="D0EMP0001", filename="a.csv", content="x,y\n1,2\n")
    [done] = fake.files
    assert fake.uploads[done["id"]] == b"x,y\n1,2\n" and done["channel"] == "D0EMP0001"
    home = {"type": "home", "blocks": [{"type": "divider"}]}
    await web.views_publish(user_id="U0EMP0001", view=home)
    assert fake.home_views["U0EMP0001"]["type"] == "home"
