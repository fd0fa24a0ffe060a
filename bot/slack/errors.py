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
