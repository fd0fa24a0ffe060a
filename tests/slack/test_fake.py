"""The Slack fake answers like Slack: the other tests are only as good as it is."""

from __future__ import annotations

import time
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.demo.slack_standin import BOT_TOKEN, BOT_USER_ID, SlackFake, new_trigger_id


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
        await web.chat_update(channel="C0APPROVALS", ts="1.1", text="x")
    assert missing.value.response["error"] == "message_not_found"


async def test_block_kit_limits_are_enforced(fake: SlackFake) -> None:
    web = client(fake)
    long_text = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    too_many = [{"type": "divider"}] * 51
    for bad in ([long_text], too_many):
        with pytest.raises(SlackApiError) as err:
            await web.chat_postMessage(channel="C0APPROVALS", text="t", blocks=bad)
        assert err.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError):
        await web.views_open(
            trigger_id=new_trigger_id(), view={"type": "modal", "title": {}, "blocks": []}
        )


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


async def error_of(call: Any) -> str:
    with pytest.raises(SlackApiError) as err:
        await call
    return str(err.value.response["error"])


async def test_channels_and_people_are_checked_like_slack(fake: SlackFake) -> None:
    web = client(fake)
    assert await error_of(web.chat_postMessage(channel="C0NOSUCH1", text="x")) == (
        "channel_not_found"
    )
    assert await error_of(web.chat_postMessage(channel="C0GENERAL", text="x")) == "not_in_channel"
    assert await error_of(web.chat_postMessage(channel="U0NOBODY1", text="x")) == (
        "channel_not_found"
    )
    assert await error_of(web.chat_postMessage(channel="U0OPSBOT1", text="x")) == "cannot_dm_bot"
    assert await error_of(web.conversations_open(users="U0OPSBOT1")) == "cannot_dm_bot"
    ephemeral = web.chat_postEphemeral(channel="G0GROUPDM", user="U0DGOV002", text="x")
    assert await error_of(ephemeral) == "user_not_in_channel"
    await web.chat_postEphemeral(channel="G0GROUPDM", user="U0EMP0001", text="x")
    # Joining a public channel makes posting there work; a group DM cannot be joined.
    await web.conversations_join(channel="C0GENERAL")
    await web.chat_postMessage(channel="C0GENERAL", text="x")
    assert BOT_USER_ID in (fake.members("C0GENERAL") or [])
    assert await error_of(web.conversations_join(channel="G0GROUPDM")) == (
        "method_not_supported_for_channel_type"
    )
    upload = web.files_upload_v2(channel="C0NOSUCH1", filename="a.txt", content="x")
    assert await error_of(upload) == "channel_not_found"


async def test_trigger_ids_expire_after_three_seconds(fake: SlackFake) -> None:
    web = client(fake)
    view = {"type": "modal", "title": {"type": "plain_text", "text": "t"}, "blocks": []}
    await web.views_open(trigger_id=new_trigger_id(), view=view)
    stale = new_trigger_id(at=time.time() - 3.5)
    assert await error_of(web.views_open(trigger_id=stale, view=view)) == "expired_trigger_id"
    assert await error_of(web.views_open(trigger_id="t.1", view=view)) == "invalid_trigger_id"


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(**extra: Any) -> dict[str, Any]:
    base = {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "a"}
    return base | extra


@pytest.mark.parametrize(
    ("blocks", "error"),
    [
        ([section("a", block_id="x"), section("b", block_id="x")], "invalid_blocks"),
        ([section("a", colour="red")], "invalid_blocks"),
        ([{"type": "actions", "elements": [button(style="warning")]}], "invalid_blocks"),
        ([{"type": "actions", "elements": [button(colour="red")]}], "invalid_blocks"),
        ([{"type": "actions", "elements": [{"type": "plain_text_input"}]}], "invalid_blocks"),
        ([section("a", accessory={"type": "mrkdwn", "text": "x"})], "invalid_blocks"),
        ([{"type": "header", "text": {"type": "mrkdwn", "text": "x"}}], "invalid_blocks"),
        ([{"type": "actions", "elements": [button(confirm={"title": "x"})]}], "invalid_blocks"),
        ([section("x" * 2900) for _ in range(5)], "msg_blocks_too_long"),
    ],
)
async def test_blocks_slack_refuses_are_refused(
    fake: SlackFake, blocks: list[dict[str, Any]], error: str
) -> None:
    web = client(fake)
    assert await error_of(web.chat_postMessage(channel="C0APPROVALS", text="t", blocks=blocks)) == (
        error
    )
    view = {"type": "home", "blocks": blocks}
    if error == "invalid_blocks":
        assert await error_of(web.views_publish(user_id="U0EMP0001", view=view)) == error


async def test_blocks_slack_accepts_are_accepted(fake: SlackFake) -> None:
    ok = [
        section("a", block_id="x"),
        section("b", block_id="y", accessory=button(style="danger")),
        {"type": "actions", "elements": [button(style="primary", value="v")]},
        *[section("x" * 2900) for _ in range(4)],
    ]
    await client(fake).chat_postMessage(channel="C0APPROVALS", text="t", blocks=ok)
