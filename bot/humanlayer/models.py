"""What the humanlayer SDK (0.7.9) sends, validated at the edge.

These mirror the SDK's `FunctionCall`, `HumanContact` and their specs closely
enough to accept every body it builds (it dumps its pydantic models with every
field, `None`s included), while refusing what TwoKey cannot act on. The SDK
itself is a test dependency only: nothing here imports it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
SLACK_CONVERSATION_ID = re.compile(r"^[CGD][A-Z0-9]{2,20}$")
_ARG_NAME = re.compile(r"^[^\s`]{1,100}$")
MAX_ID = 150
"""Longest run_id / call_id accepted (the idempotency key gets a prefix; the column holds 200)."""


def is_user_id(value: str | None) -> bool:
    return bool(value and SLACK_USER_ID.match(value))


class _Lenient(BaseModel):
    """Fields TwoKey does not use are accepted and ignored (the SDK sends them all)."""

    model_config = ConfigDict(extra="ignore")


class SlackChannelIn(_Lenient):
    channel_or_user_id: str = Field(min_length=1, max_length=64)
    context_about_channel_or_user: str | None = Field(default=None, max_length=500)
    bot_token: str | None = None
    """Accepted so SDK bodies validate; never stored, never used: TwoKey posts as itself."""
    allowed_responder_ids: list[str] | None = None
    experimental_slack_blocks: bool | None = None
    thread_ts: str | None = Field(default=None, max_length=32)

    @field_validator("allowed_responder_ids")
    @classmethod
    def _user_ids(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if not value:
            raise ValueError("allowed_responder_ids, if given, must not be empty")
        bad = [v for v in value if not is_user_id(v)]
        if bad:
            raise ValueError("allowed_responder_ids must be Slack user ids (U… or W…)")
        return list(dict.fromkeys(value))

    def echo(self) -> dict[str, Any]:
        """The channel as the SDK sent it, minus the bot token (a secret TwoKey never keeps)."""
        return self.model_dump(exclude={"bot_token"})


class ContactChannelIn(_Lenient):
    slack: SlackChannelIn | None = None
    sms: dict[str, Any] | None = None
    whatsapp: dict[str, Any] | None = None
    email: dict[str, Any] | None = None

    def echo(self) -> dict[str, Any]:
        out: dict[str, Any] = {"slack": self.slack.echo() if self.slack else None}
        for name in ("sms", "whatsapp", "email"):
            out[name] = getattr(self, name)
        return out


class ResponseOptionIn(_Lenient):
    name: str = Field(min_length=1, max_length=200)
    title: str | None = None
    description: str | None = None
    prompt_fill: str | None = None
    interactive: bool = False


class FunctionCallSpecIn(_Lenient):
    fn: str = Field(min_length=1, max_length=200, pattern=r"^[^\s`]+$")
    kwargs: dict[str, Any] = Field(default_factory=dict)
    channel: ContactChannelIn | None = None
    reject_options: list[ResponseOptionIn] | None = None
    state: dict[str, Any] | None = None

    @field_validator("kwargs")
    @classmethod
    def _argument_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        # Names are rendered into the assessed text; whitespace or backticks could reshape it.
        bad = [k for k in value if not _ARG_NAME.match(k)]
        if bad:
            raise ValueError("argument names must be 1-100 characters without spaces or backticks")
        return value


class FunctionCallIn(_Lenient):
    run_id: str = Field(min_length=1, max_length=MAX_ID)
    call_id: str = Field(min_length=1, max_length=MAX_ID)
    spec: FunctionCallSpecIn


class HumanContactSpecIn(_Lenient):
    msg: str = Field(min_length=1)
    subject: str | None = Field(default=None, max_length=500)
    channel: ContactChannelIn | None = None
    response_options: list[ResponseOptionIn] | None = None
    state: dict[str, Any] | None = None


class HumanContactIn(_Lenient):
    run_id: str = Field(min_length=1, max_length=MAX_ID)
    call_id: str = Field(min_length=1, max_length=MAX_ID)
    spec: HumanContactSpecIn


class FunctionCallStatusIn(_Lenient):
    """The body of `POST /agent/function_calls/{call_id}/respond`."""

    approved: bool | None = None
    comment: str | None = Field(default=None, max_length=2000)
    reject_option_name: str | None = None
