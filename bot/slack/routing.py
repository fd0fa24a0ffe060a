"""Who gets an approval card by DM when there is no approvals channel.

Slack posts cost a call each, so a big approver group is not messaged in full:
the data owners first (they know the data), then approvers in a rotation that
starts at a different place for each request, so no one is always first and
no one is never asked. The same request always picks the same people, so a
re-post after a restart reaches the same DMs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence


def rotation(request_id: str, people: Sequence[str]) -> list[str]:
    """`people` (sorted) rotated to start at a place fixed by the request id."""
    ordered = sorted(set(people))
    if not ordered:
        return []
    start = int(hashlib.sha256(request_id.encode()).hexdigest()[:8], 16) % len(ordered)
    return ordered[start:] + ordered[:start]


def direct_recipients(
    request_id: str,
    owners: Iterable[str],
    approvers: Iterable[str],
    *,
    exclude: Iterable[str] = (),
    limit: int,
) -> tuple[list[str], int]:
    """(the people to DM, in order; how many eligible people were left out by `limit`)."""
    skip = set(exclude)
    chosen: list[str] = []
    for person in [*owners, *rotation(request_id, list(approvers))]:
        if person and person not in skip and person not in chosen:
            chosen.append(person)
    return chosen[:limit], max(0, len(chosen) - limit)
