"""Who the requester is: a Slack user id as given, or an email resolved through Slack.

Agents often know a person's email, not their Slack id. Resolution goes through
`users.lookupByEmail`; an unknown email is the caller's mistake (422), while
Slack being unreachable means no decision can be routed, so the call fails
(503) rather than proceeding without a requester.
"""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.api.schemas import SLACK_USER_ID
from bot.slack.errors import slack_error_code

log = logging.getLogger(__name__)

CACHE_SECONDS = 600.0


class UnknownRequester(Exception):
    """No Slack user has this email (or emails cannot be resolved here)."""


class RequesterUnavailable(Exception):
    """Slack could not be asked."""


class RequesterResolver:
    def __init__(self, slack: AsyncWebClient | None, ttl: float = CACHE_SECONDS) -> None:
        self._slack = slack
        self._ttl = ttl
        self._cache: dict[str, tuple[float, str]] = {}

    async def resolve(self, requester: str) -> str:
        """A Slack user id for `requester` (a user id or an email address)."""
        if SLACK_USER_ID.match(requester):
            return requester
        email = requester.strip().lower()
        hit = self._cache.get(email)
        now = time.monotonic()
        if hit is not None and now - hit[0] < self._ttl:
            return hit[1]
        if self._slack is None:
            raise UnknownRequester("emails cannot be resolved without Slack; send a Slack user id")
        try:
            response = await self._slack.users_lookupByEmail(email=email)
        except SlackApiError as exc:
            if slack_error_code(exc) == "users_not_found":
                raise UnknownRequester("no Slack user has this email address") from None
            log.warning("users.lookupByEmail failed: %s", slack_error_code(exc))
            raise RequesterUnavailable("Slack could not resolve the requester's email") from None
        except Exception as exc:
            log.warning("users.lookupByEmail failed: %s", type(exc).__name__)
            raise RequesterUnavailable("Slack could not resolve the requester's email") from None
        user = response.get("user") or {}
        user_id = user.get("id")
        if not isinstance(user_id, str) or not SLACK_USER_ID.match(user_id):
            raise RequesterUnavailable("Slack answered without a user id")
        if user.get("deleted") or user.get("is_bot"):
            raise UnknownRequester("this email belongs to a deactivated account or a bot")
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[email] = (now, user_id)
        return user_id
