"""Who the requester is: a real, active person in Slack, given by user id or email.

The agent names the requester, so the name is checked: a Slack user id is looked
up with `users.info`, an email with `users.lookupByEmail`. Someone Slack does not
know, a deactivated account or a bot is the caller's mistake (422). Slack being
unreachable, or no Slack to ask, means nobody can be checked, so the call fails
(503 with Retry-After) rather than proceeding with a requester nobody verified.
Good answers are cached briefly; refusals are not, so a new hire works at once.
"""

from __future__ import annotations

import logging
from typing import Any

from cachetools import TTLCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.api.schemas import SLACK_USER_ID
from bot.slack.errors import slack_error_code

log = logging.getLogger(__name__)

CACHE_SECONDS = 300.0
CACHE_SIZE = 10_000
RETRY_AFTER_SECONDS = 5

_NOT_FOUND = frozenset({"users_not_found", "user_not_found", "user_not_visible"})


class UnknownRequester(Exception):
    """Slack has no active person by this id or email."""


class RequesterUnavailable(Exception):
    """Slack could not be asked; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RequesterResolver:
    def __init__(self, slack: AsyncWebClient | None, ttl: float = CACHE_SECONDS) -> None:
        self._slack = slack
        self._cache: TTLCache[str, str] = TTLCache(maxsize=CACHE_SIZE, ttl=ttl)

    async def resolve(self, requester: str) -> str:
        """The Slack user id of the active person `requester` names (a user id or an email)."""
        by_id = SLACK_USER_ID.match(requester) is not None
        key = requester if by_id else requester.strip().lower()
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        what = "user id" if by_id else "email"
        if self._slack is None:
            raise RequesterUnavailable(f"no Slack connection to check the requester's {what}")
        user = await self._ask(key, by_id=by_id)
        user_id = user.get("id")
        if not isinstance(user_id, str) or not SLACK_USER_ID.match(user_id):
            raise RequesterUnavailable("Slack answered without a user id")
        if user.get("deleted"):
            raise UnknownRequester(f"this {what} belongs to a deactivated Slack account")
        if user.get("is_bot") or user.get("is_app_user") or user_id == "USLACKBOT":
            raise UnknownRequester(f"this {what} belongs to a bot, not a person")
        self._cache[key] = user_id
        return user_id

    async def _ask(self, key: str, *, by_id: bool) -> dict[str, Any]:
        assert self._slack is not None
        method = "users.info" if by_id else "users.lookupByEmail"
        what = "user id" if by_id else "email"
        try:
            if by_id:
                response = await self._slack.users_info(user=key)
            else:
                response = await self._slack.users_lookupByEmail(email=key)
        except SlackApiError as exc:
            error = slack_error_code(exc)  # never `.get` on a plain-text 500
            if error in _NOT_FOUND:
                raise UnknownRequester(f"no Slack user has this {what}") from None
            log.warning("%s failed: %s", method, error)
            retry = _retry_after(exc.response.headers if exc.response is not None else {})
            raise RequesterUnavailable(
                f"Slack could not resolve the requester's {what}", retry_after=retry
            ) from None
        except Exception as exc:
            log.warning("%s failed: %s", method, type(exc).__name__)
            raise RequesterUnavailable(f"Slack could not resolve the requester's {what}") from None
        user = response.get("user")
        return user if isinstance(user, dict) else {}


def _retry_after(headers: Any) -> int:
    """Slack's own Retry-After when it rate-limits us, else a short default."""
    try:
        found = (headers or {}).get("Retry-After") or (headers or {}).get("retry-after")
        value = int(str(found))
    except (TypeError, ValueError):
        return RETRY_AFTER_SECONDS
    return max(1, min(value, 300))
