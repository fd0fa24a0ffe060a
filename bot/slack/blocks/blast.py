"""The card's "Blast radius" section: how much data, and how many people, the instruction
reaches.

Sizes and lineage come from the synced catalog at once; the rows a DELETE or
UPDATE would touch arrive a moment later (the planner's estimate, computed
after the hold) and the card is updated in place. Only names, verbs and counts
are shown: never a row, never a value from a WHERE clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.slack.escape import escape
from storage.models import utcnow

if TYPE_CHECKING:
    from bot.approvals import RequestView
    from bot.risk.model import DataRef

MAX_LINES = 8
MAX_DOWNSTREAM = 4
STALE_AFTER = timedelta(minutes=2)
"""An estimate still missing after this is shown as unavailable (its replica went away)."""
UNAVAILABLE = "estimate unavailable"
TEXT_BUDGET = 2700
"""Characters of the section's lines (Slack's limit is 3,000 per text object)."""


def _count(n: int | None) -> str:
    return f"{n:,}" if isinstance(n, int) else "?"


def size(n: int | None) -> str:
    if not isinstance(n, int) or n < 0:
        return "?"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def _name(text: str, limit: int = 120) -> str:
    return escape(" ".join(str(text).split())[:limit])


def _downstream(items: Sequence[str]) -> str:
    shown = []
    for item in items[:MAX_DOWNSTREAM]:
        if item.startswith("exposure:"):
            shown.append(_name(item.removeprefix("exposure:"), 80))
        else:
            shown.append(f"`{_name(item, 80)}`")
    more = len(items) - MAX_DOWNSTREAM
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _data_line(ref: DataRef) -> str | None:
    parts = []
    if ref.rows is not None or ref.bytes is not None:
        parts.append(f"~{_count(ref.rows)} rows, {size(ref.bytes)}")
    if ref.downstream:
        parts.append(f"feeds {len(ref.downstream)}: {_downstream(ref.downstream)}")
    return f"• *{_name(ref.name)}*: " + " · ".join(parts) if parts else None


def _item_line(item: dict[str, Any], state: str) -> str:
    head = f"• {_name(item.get('action', '?'), 12)} on *{_name(item.get('table', '?'))}*: "
    if state == "estimating":
        return head + "estimating rows affected…"
    rows = item.get("rows")
    if state != "ready" or item.get("error") or not isinstance(rows, int):
        return head + UNAVAILABLE
    whole = item.get("table_rows")
    of = f" of ~{_count(whole)}" if isinstance(whole, int) and whole >= rows else ""
    return head + f"~{_count(rows)} rows affected{of} (planner estimate; nothing was run)"


def _audience_line(item: dict[str, Any]) -> str:
    label = _name(item.get("label", "?"), 80)
    members = item.get("members")
    if not isinstance(members, int) or item.get("error"):
        return f"• {label}: member count unavailable"
    plus = "+" if item.get("capped") else ""
    noun = "member" if members == 1 else "members"
    return f"• {label}: {_count(members)}{plus} {noun} would see it"


def _estimate_lines(meta: dict[str, Any], created_at: datetime) -> list[str]:
    blast = meta.get("blast")
    if not isinstance(blast, dict):
        return []
    state = str(blast.get("state") or "")
    if state == "estimating" and utcnow() - created_at > STALE_AFTER:
        state = "unavailable"
    items = [i for i in blast.get("items") or [] if isinstance(i, dict)]
    lines = [_item_line(i, state) for i in items[:MAX_LINES]]
    if not items and state == "unavailable":
        lines.append(f"• Rows affected: {UNAVAILABLE}")
    return lines


def _audience_lines(meta: dict[str, Any]) -> list[str]:
    audience = meta.get("audience")
    if not isinstance(audience, list):
        return []
    return [_audience_line(i) for i in audience[:MAX_LINES] if isinstance(i, dict)]


def blast_section(request: RequestView) -> str | None:
    """The section's text, or None when nothing is known about the instruction's reach."""
    meta = request.meta or {}
    lines = _estimate_lines(meta, request.created_at) + _audience_lines(meta)
    seen = set()
    for ref in request.data:
        line = _data_line(ref)
        if line and ref.name not in seen and len(lines) < MAX_LINES * 2:
            seen.add(ref.name)
            lines.append(line)
    if not lines:
        return None
    text, used = "*Blast radius*", 0
    for n, line in enumerate(lines):
        if used + len(line) > TEXT_BUDGET:
            text += f"\n• …and {len(lines) - n} more"
            break
        text += "\n" + line
        used += len(line) + 1
    return text
