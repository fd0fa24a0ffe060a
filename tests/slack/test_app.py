"""The app factory: signature checks, Socket Mode with the same listeners, ack-first mode."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time

from slack_bolt.request.async_request import AsyncBoltRequest

from bot.config import Settings
from bot.demo.signing import event_body, interactive_body, signed_headers
from bot.demo.slack_standin import new_trigger_id
from bot.slack import blocks
from bot.slack.app import create_slack_app, create_web_client
from tests.slack.conftest import (
    AGENT_BOT,
    CHANNEL,
    DROP,
    REQUESTER,
    Slack,
    build,
    make_settings,
)


def agent_event(ts: str = "1764200000.000001") -> dict:
    return {
        "type": "message",
        "bot_id": AGENT_BOT,
        "text": f"<@{REQUESTER}> {DROP}",
        "ts": ts,
        "channel": CHANNEL,
    }


async def test_forged_signature_is_rejected(slack: Slack) -> None:
    body = event_body(agent_event())
    forged = signed_headers(body, secret="not-the-signing-secret")
    response = await slack.post(body, forged)
    assert response.status_code == 401
    tampered = signed_headers(body)
    response = await slack.post(body.replace(DROP, "hello"), tampered)
    assert response.status_code == 401
    unsigned = {"Content-Type": "application/json"}
    assert (await slack.post(body, unsigned)).status_code == 401
    assert slack.request_count() == 0 and slack.fake.calls_to("chat.postMessage") == []


async def test_stale_signature_is_rejected(slack: Slack) -> None:
    body = event_body(agent_event())
    stale = signed_headers(body, timestamp=int(time.time()) - 6 * 60)
    assert (await slack.post(body, stale)).status_code == 401
    payload = interactive_body({"type": "block_actions", "actions": []})
    old = signed_headers(payload, timestamp=int(time.time()) - 3600, content_type="x")
    assert (await slack.post(payload, old)).status_code == 401
    assert slack.request_count() == 0


async def test_url_verification_challenge_is_answered(slack: Slack) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    response = await slack.post(body, signed_headers(body))
    assert response.status_code == 200 and "abc123" in response.text


async def test_socket_mode_requests_reach_the_same_listeners(slack: Slack) -> None:
    # Socket Mode delivers the same payloads over a WebSocket, unsigned.
    body = event_body(agent_event())
    response = await slack.app.async_dispatch(AsyncBoltRequest(body=body, mode="socket_mode"))
    await slack.service.drain()
    assert response.status == 200
    request = await slack.only_request()
    assert request.status == "awaiting_requester"
    # The same click handler runs for a Socket Mode interaction.
    payload = json.loads(
        json.dumps(
            {
                "type": "block_actions",
                "user": {"id": REQUESTER},
                "team": {"id": "T0NORTHWD"},
                "container": {"channel_id": f"D{REQUESTER[1:]}", "message_ts": "1.1"},
                "trigger_id": new_trigger_id(),
                "actions": [{"action_id": blocks.DECLINE, "value": request.id, "type": "button"}],
            }
        )
    )
    await slack.app.async_dispatch(AsyncBoltRequest(body=payload, mode="socket_mode"))
    await slack.service.drain()
    assert (await slack.service.get(request.id)).status == "cancelled"


async def test_ack_first_mode_answers_then_screens(sqlite_engine, example_config, fake) -> None:
    async for harness in build(sqlite_engine, example_config, fake, process_before_response=False):
        response, _ = await harness.agent_says(f"<@{REQUESTER}> {DROP}")
        assert response.status_code == 200
        for _ in range(200):
            await harness.service.drain()
            if harness.request_count() == 1 and len(harness.posts()) >= 2:
                break
            await asyncio.sleep(0.02)
        assert harness.request_count() == 1 and len(harness.posts()) == 2


async def test_missing_signing_secret_fails_closed(sqlite_engine, example_config, fake) -> None:
    settings = make_settings(fake).model_copy(update={"slack_signing_secret": None})
    from bot.approvals import ApprovalService

    service = ApprovalService(sqlite_engine, example_config, secret_key="k")
    app = create_slack_app(service, example_config, settings, client=create_web_client(settings))
    body = event_body(agent_event())
    for secret in ("", "None"):
        # What a forger would try: HMAC keyed with an empty or "None" secret (computed here,
        # since slack_sdk refuses to sign with an empty one).
        headers = signed_headers(body, secret="placeholder")
        ts = headers["X-Slack-Request-Timestamp"]
        digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256)
        headers["X-Slack-Signature"] = "v0=" + digest.hexdigest()
        request = AsyncBoltRequest(body=body, headers=_lower(headers))
        assert (await app.async_dispatch(request)).status == 401


def test_web_client_honours_the_api_url_and_retries_rate_limits() -> None:
    client = create_web_client(
        Settings(slack_bot_token="xoxb-1", twokey_slack_api_url="http://127.0.0.1:9/api")
    )
    assert client.base_url == "http://127.0.0.1:9/api/"
    names = [type(h).__name__ for h in client.retry_handlers]
    assert "AsyncRateLimitErrorRetryHandler" in names


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


async def test_every_surface_is_registered_by_the_factory(slack: Slack) -> None:
    # Admin /twokey words reach the admin listener first; everyone else's reach the general one.
    admin = (await slack.command("history", "U0ADMIN01")).json()
    assert "Unknown command" not in json.dumps(admin)
    assert "Unknown command" in json.dumps((await slack.command("frobnicate", REQUESTER)).json())
    await slack.event({"type": "app_home_opened", "user": REQUESTER, "tab": "home"})
    assert REQUESTER in slack.fake.home_views


def test_the_stand_in_signs_like_slack_documents() -> None:
    """Slack's own worked example (api docs, "Verifying requests from Slack")."""
    from bot.demo.signing import signature

    body = (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
        "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
        "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
        "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    assert signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body) == (
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    )
