"""Slack user group membership for approver groups that name a `usergroup`.

The approval service asks "who is in S0SECURITY?" on every click; Slack's
`usergroups.users.list` answers, and a short cache keeps clicks cheap while
membership changes still take effect within a minute or two (the service
keeps its own short cache on top). A failed look-up raises:
the service treats an unresolvable group as empty, so Slack being down never
makes anyone an approver.
"""

from __future__ import annotations

import asyncio
import logging

from cachetools import TTLCache
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


class SlackUsergroups:
    """A `UsergroupResolver` (group id -> member ids) backed by the Web API, cached per group."""

    def __init__(self, client: AsyncWebClient, *, ttl: float = 30.0) -> None:
        self._client = client
        self._cache: TTLCache[str, list[str]] = TTLCache(maxsize=1_000, ttl=ttl)
        self._locks: dict[str, asyncio.Lock] = {}

    async def __call__(self, group_id: str) -> list[str]:
        hit = self._cache.get(group_id)
        if hit is not None:
            return list(hit)
        lock = self._locks.setdefault(group_id, asyncio.Lock())
        async with lock:
            hit = self._cache.get(group_id)
            if hit is not None:
                return list(hit)
            response = await self._client.usergroups_users_list(usergroup=group_id)
            users = [str(u) for u in response.get("users") or []]
            self._cache[group_id] = users
            log.debug("resolved user group %s: %d members", group_id, len(users))
            return list(users)

    def invalidate(self, group_id: str | None = None) -> None:
        """Forget cached membership (e.g. on a `subteam_members_changed` event)."""
        if group_id is None:
            self._cache.clear()
        else:
            self._cache.pop(group_id, None)
