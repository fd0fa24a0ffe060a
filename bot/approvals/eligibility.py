"""Who may decide a request. Checked on the server, on every decision.

Approvers come from the group the policy chose for the data involved (plus the
escalation group once a request has escalated). A hint from the agent's side
(`allowed_approvers`) can only narrow that set. The requester and agents are
never eligible, whatever the groups say.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.approvals.view import RequestView
from bot.config import TwoKeyConfig

log = logging.getLogger(__name__)

UsergroupResolver = Callable[[str], Awaitable[list[str]]]
"""Slack user group id -> member user ids (e.g. via usergroups.users.list)."""


class UsergroupCache:
    """Caches group membership briefly: fresh enough for access, cheap on every click.

    While Slack cannot be reached, the last answer serves for at most
    `max_stale` seconds; after that the group counts as empty, so someone
    removed from it cannot keep approving through an outage. A lookup that
    takes longer than `timeout` counts as unreachable: a click is applied
    before Slack gets its acknowledgement, which Slack wants within 3 s.
    """

    def __init__(
        self,
        resolver: UsergroupResolver | None,
        ttl: float = 60.0,
        max_stale: float = 300.0,
        timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._resolver = resolver
        self._clock = clock
        self._timeout = timeout
        self._ttl = ttl
        self._max_stale = max_stale
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}

    async def members(self, group_id: str) -> frozenset[str]:
        return await self.known_members(group_id) or frozenset()

    async def known_members(self, group_id: str) -> frozenset[str] | None:
        """The members, or None when they cannot be known now (no Slack to ask, or Slack
        unreachable with no recent answer): empty for access, but no proof of emptiness."""
        hit = self._cache.get(group_id)
        now = self._clock()
        if hit and now - hit[0] < self._ttl:
            return hit[1]
        if self._resolver is None:
            return None
        try:
            users = frozenset(await asyncio.wait_for(self._resolver(group_id), self._timeout))
        except Exception:  # an unreachable Slack must not make anyone eligible
            if hit and now - hit[0] < self._max_stale:
                log.warning("could not resolve user group %s; using the last answer", group_id)
                return hit[1]
            log.warning("could not resolve user group %s; treating it as empty", group_id)
            return None
        self._cache[group_id] = (now, users)
        return users


class Eligibility:
    def __init__(self, config: TwoKeyConfig, usergroups: UsergroupCache) -> None:
        self._config = config
        self._usergroups = usergroups
        self._agent_ids = set(config.agent_by_slack_id)

    async def group_members(self, group: str | None) -> set[str]:
        if group is None:
            return set()
        spec = self._config.approvers.get(group)
        if spec is None:
            return set()
        members = set(spec.users)
        if spec.usergroup:
            members |= await self._usergroups.members(spec.usergroup)
        return members

    async def approvers(self, request: RequestView) -> set[str]:
        members = await self.group_members(request.approver_group)
        if request.escalated:
            members |= await self.group_members(self._config.policy.escalation_group)
        if request.allowed_approvers is not None:
            members &= set(request.allowed_approvers)
        members -= self._agent_ids
        members.discard(request.requester or "")
        return members

    async def why_nobody_can_decide(
        self,
        group: str | None,
        *,
        requester: str | None,
        allowed: list[str] | None,
        timeout_seconds: float,
        needed: int = 1,
    ) -> str | None:
        """Why a request about to be held could never be decided, or None if it might:
        fewer than `needed` people may approve it. They are its approver group (and the
        escalation group, if it would escalate before the deadline), narrowed by
        `allowed`, less the requester and agents. A user group whose members cannot be
        known now counts as enough people (only a sure shortfall closes)."""
        groups = self._deciding_groups(group, timeout_seconds)
        specs = [spec for name in groups if (spec := self._config.approvers.get(name))]
        people = {user for spec in specs for user in spec.users}
        not_them = self._agent_ids | {requester or ""}
        if len(_narrow(people - not_them, allowed)) >= needed:  # named in the configuration
            return None
        unknown = False
        for spec in specs:
            if spec.usergroup:
                members = await self._usergroups.known_members(spec.usergroup)
                unknown = unknown or members is None
                people |= members or frozenset()
        deciders = _narrow(people - not_them, allowed)
        if unknown or len(deciders) >= needed:
            return None
        named = " or ".join(groups) or "none"
        if deciders:
            return (
                f"it needs {needed} approvals but only {len(deciders)} "
                f"{'person' if len(deciders) == 1 else 'people'} in {named} may give one"
            )
        if not people:
            return f"the approver group ({named}) has no members"
        if people - not_them:
            return f"none of the approvers this call allows is in the approver group ({named})"
        return f"the approver group ({named}) has nobody but the requester (or an agent) in it"

    def _deciding_groups(self, group: str | None, timeout_seconds: float) -> list[str]:
        """The request's group, and the escalation group if it would come before the deadline."""
        groups = [group] if group else []
        policy = self._config.policy
        after = policy.escalate_after
        if policy.escalation_group and after is not None and after < timeout_seconds:
            groups.append(policy.escalation_group)
        return groups

    async def check(self, request: RequestView, user: str) -> tuple[bool, str]:
        """(eligible, why not) — the reason is shown to the person who clicked."""
        if user in self._agent_ids:
            return False, "Agents cannot approve or deny requests."
        if request.requester and user == request.requester:
            return False, "You asked for this, so someone else has to decide it."
        if any(v.voter == user for v in request.votes):
            return False, "You have already voted on this request."
        if request.approver_group is None and not request.escalated:
            return False, "No approver group is configured for this data; ask a TwoKey admin."
        if user not in await self.approvers(request):
            group = request.approver_group or "the approvers"
            if request.allowed_approvers is not None:
                return False, f"Only named approvers in {group} may decide this request."
            return False, f"Only members of {group} may decide this request."
        return True, ""


def _narrow(people: set[str], allowed: list[str] | None) -> set[str]:
    return people & set(allowed) if allowed is not None else people
