"""The one way TwoKey reads a length of time: `90`, `45s`, `30m`, `2h`, `1d`, `2w`.

The configuration (`default_timeout: 30m`) and the history filters
(`since:7d`, `--until 12h`) read the same words, so what works in one works in
the other.
"""

from __future__ import annotations

import re

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d|w)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def duration_seconds(text: str, *, unit_required: bool = False) -> float | None:
    """Seconds in `text`, or None if it is not a duration. A bare number is seconds,
    unless `unit_required` (a history filter's `7` could mean anything)."""
    match = _DURATION.match(text)
    if not match or (unit_required and match.group(2) is None):
        return None
    unit = match.group(2).lower() if match.group(2) else None
    return float(match.group(1)) * _UNIT_SECONDS[unit]
