"""Inbound Slack requests, signed exactly as Slack signs them (the demo and the tests).

Slack sends `X-Slack-Request-Timestamp` and `X-Slack-Signature:
v0=<hex HMAC-SHA256 of "v0:{timestamp}:{raw body}" keyed with the signing
secret>`. Events arrive as JSON; interactivity as a form with one `payload=`
field holding JSON; slash commands as a plain form.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.demo.slack_standin import new_trigger_id
from bot.slack.blocks import INPUT_ACTION, INPUT_BLOCK

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"  # noqa: S105 - tests' default only
TEAM_ID = "T0NORTHWD"
API_APP_ID = "A0TWOKEY1"


def signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's `v0=` signature, computed by slack_sdk: the code bolt verifies with."""
    signed = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signed is not None  # None only without a timestamp
    return signed


def signed_headers(
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/json",
    retry_num: int | None = None,
    retry_reason: str = "http_timeout",
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason
    return headers


def new_event_id() -> str:
    return "Ev" + secrets.token_hex(5).upper()


def event_body(event: dict[str, Any], *, event_id: str | None = None) -> str:
    """An Events API `event_callback` envelope around `event`."""
    envelope = {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(time.time()),
        "authorizations": [
            {"team_id": TEAM_ID, "user_id": "U0TWOKEY1", "is_bot": True, "enterprise_id": None}
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + secrets.token_hex(8),
    }
    return json.dumps(envelope)


def interactive_body(payload: dict[str, Any]) -> str:
    """Interactivity (`block_actions`, `view_submission`, `message_action`, ...)."""
    return urlencode({"payload": json.dumps(payload)})


def command_body(
    command: str,
    text: str,
    *,
    user_id: str,
    channel_id: str = "C0GENERAL",
    trigger_id: str = "",
    response_url: str = "https://hooks.slack.com/commands/T0NORTHWD/1/abc",
) -> str:
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "northwind",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": API_APP_ID,
            "response_url": response_url,
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )


def _actor(user: str) -> dict[str, Any]:
    """The fields every interaction payload opens with: who, in which workspace, from which app."""
    return {
        "team": {"id": TEAM_ID, "domain": "northwind"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": new_trigger_id(),
    }


def button_click(*, user: str, action_id: str, value: str, channel: str, ts: str) -> dict[str, Any]:
    """The `block_actions` payload Slack sends when `user` presses a button on message `ts`.

    The listeners read the action, the clicker, the container's channel and
    message ts and the trigger id (to open a modal); all are here.
    """
    return {
        "type": "block_actions",
        **_actor(user),
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": False,
        },
        "channel": {"id": channel},
        "message": {"type": "message", "ts": ts},
        "response_url": f"https://hooks.slack.com/actions/{TEAM_ID}/1/abc",
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "twokey",
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def view_submission(*, user: str, view: dict[str, Any], value: str | None) -> dict[str, Any]:
    """The `view_submission` Slack sends when `user` submits `view` (as TwoKey opened it)
    with `value` typed into its single text input.

    Slack echoes the opened view back, callback id and private metadata included,
    with the input's state added.
    """
    return {
        "type": "view_submission",
        **_actor(user),
        "view": {
            **view,
            "id": "V" + secrets.token_hex(5).upper(),
            "type": "modal",
            "team_id": TEAM_ID,
            "callback_id": view.get("callback_id", ""),
            "private_metadata": view.get("private_metadata", ""),
            "state": {
                "values": {
                    INPUT_BLOCK: {INPUT_ACTION: {"type": "plain_text_input", "value": value}}
                }
            },
        },
    }


FORM = "application/x-www-form-urlencoded"


def signed_event(event: dict[str, Any], **kw: Any) -> tuple[str, dict[str, str]]:
    event_id = kw.pop("event_id", None)
    body = event_body(event, event_id=event_id)
    return body, signed_headers(body, **kw)


def signed_interaction(payload: dict[str, Any], **kw: Any) -> tuple[str, dict[str, str]]:
    body = interactive_body(payload)
    return body, signed_headers(body, content_type=FORM, **kw)


def signed_command(command: str, text: str, **kw: Any) -> tuple[str, dict[str, str]]:
    sign_kw = {k: kw.pop(k) for k in ("secret", "timestamp") if k in kw}
    body = command_body(command, text, **kw)
    return body, signed_headers(body, content_type=FORM, **sign_kw)
