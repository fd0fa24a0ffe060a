"""Reading a failed Slack call without trusting the shape of Slack's answer.

Slack answers errors as JSON (`{"ok": false, "error": "..."}`), but a proxy or
an outage can answer plain text or HTML with HTTP 500. `slack_sdk` then puts a
string where callers expect a dict; error handling must not crash on it.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError


def slack_error_code(exc: BaseException) -> str:
    """Slack's error code (`ratelimited`, `channel_not_found`), or `http_<status>`, or the type."""
    if isinstance(exc, SlackApiError):
        response: Any = exc.response
        data = getattr(response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return data["error"]
        status = getattr(response, "status_code", None)
        return f"http_{status}" if status else "unknown"
    return type(exc).__name__


PERMANENT_ERRORS = frozenset(
    {
        # where: the channel or person cannot be reached by this bot
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "users_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "message_not_found",
        "cant_update_message",
        "restricted_action",
        # who: the token is gone or lacks a permission
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "missing_scope",
        "not_allowed_token_type",
        "no_permission",
        "team_access_not_granted",
        "ekm_access_denied",
        # what: Slack will never accept this message as built
        "msg_too_long",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "no_text",
        "too_many_attachments",
    }
)
"""Slack errors no retry can cure: the same call fails the same way until a person fixes
the channel, the token, the app's scopes or the message. Anything else (`ratelimited`,
5xx, plain-text pages, `internal_error`, `fatal_error`, `service_unavailable`, timeouts,
codes Slack adds later) is treated as passing."""


def is_permanent(code: str) -> bool:
    """Whether a Slack error code (`slack_error_code`) means retrying cannot help."""
    return code in PERMANENT_ERRORS


def retry_after(exc: BaseException) -> float | None:
    """Seconds Slack asked us to wait (HTTP 429 `Retry-After`), if it said."""
    if not isinstance(exc, SlackApiError):
        return None
    headers: Any = getattr(exc.response, "headers", None) or {}
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key) if hasattr(headers, "get") else None
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return None
    return None


REFUSALS = frozenset({"ratelimited"}) | PERMANENT_ERRORS
"""Answers that say Slack did not do the call. Any other failure (no answer in time, a
dropped connection, a 5xx page, `internal_error` or `fatal_error`, of which Slack says
"it's possible some aspect of the operation succeeded") leaves it unknown."""


def may_have_been_done(reason: str | None) -> bool:
    """Whether the try that failed with `reason` (`chat.postMessage: timeout`, as the outbox
    stores it) may have been carried out anyway: a retry must then look before posting."""
    if not reason:
        return False
    code = reason.removesuffix(" (permanent)").rsplit(": ", 1)[-1].strip()
    return code not in REFUSALS
