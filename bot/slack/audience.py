"""Who would see it: the people in the channels and user groups an instruction names.

For a held instruction that names a Slack channel (`<#C…>`) or a user group
(`<!subteam^S…>`), the approver is shown how many people that is: "post the
customer list in #general" reads differently at 12 members than at 4,000. Counted
after the card is posted, with a short timeout; a count Slack will not give (a
private channel TwoKey is not in, a missing scope) shows as unavailable and never
decides anything. Only names and counts come out, never who the members are.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,20})(?:\|([^>]{0,80}))?>")
_GROUP = re.compile(r"<!subteam\^(S[A-Z0-9]{2,20})(?:\|([^>]{0,80}))?>")
MAX_TARGETS = 5
MAX_MEMBERS = 20_000
"""Counting stops here ("20,000+"): past that the number changes nothing for a decision."""
TIMEOUT = 5.0


@dataclass(frozen=True)
class Audience:
    kind: str
    """channel | usergroup"""
    id: str
    label: str


def named_audiences(text: str) -> list[Audience]:
    """Channels and user groups named in Slack's own markup, first ones first."""
    found: dict[str, Audience] = {}
    for m in _CHANNEL.finditer(text):
        label = m.group(2) or m.group(1)
        found.setdefault(m.group(1), Audience("channel", m.group(1), f"#{label.lstrip('#')}"))
    for m in _GROUP.finditer(text):
        label = m.group(2) or m.group(1)
        found.setdefault(m.group(1), Audience("usergroup", m.group(1), f"@{label.lstrip('@')}"))
    return list(found.values())[:MAX_TARGETS]


async def count_audiences(client: AsyncWebClient, targets: list[Audience]) -> list[dict[str, Any]]:
    """One item per target: its label and member count, or the reason there is none."""
    out: list[dict[str, Any]] = []
    for target in targets:
        item: dict[str, Any] = {"kind": target.kind, "label": target.label}
        try:
            members, capped = await asyncio.wait_for(_count(client, target), TIMEOUT)
            item.update(members=members, capped=capped)
        except SlackApiError as exc:
            response = exc.response
            data = response.data if response is not None else None
            error = data.get("error") if isinstance(data, dict) else None
            item["error"] = str(error or "slack_error")
        except TimeoutError:
            item["error"] = "timed_out"
        except Exception as exc:  # a count is context, never a reason to fail delivery
            log.warning("audience: could not count %s", target.label, exc_info=True)
            item["error"] = type(exc).__name__
        out.append(item)
    return out


async def _count(client: AsyncWebClient, target: Audience) -> tuple[int, bool]:
    if target.kind == "usergroup":
        answer = await client.usergroups_users_list(usergroup=target.id)
        users = answer.get("users") or []
        return min(len(users), MAX_MEMBERS), len(users) > MAX_MEMBERS
    total, cursor = 0, None
    while True:
        answer = await client.conversations_members(
            channel=target.id, limit=1000, **({"cursor": cursor} if cursor else {})
        )
        total += len(answer.get("members") or [])
        cursor = (answer.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return total, False
        if total >= MAX_MEMBERS:
            return MAX_MEMBERS, True
