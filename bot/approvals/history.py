"""The approval history as people ask for it: typed filters in, CSV out.

Storage answers `HistoryFilter`s of typed values; this module is the one place
that reads what an admin typed (`7d`, `<@U123|dana>`, `denied,expired`,
`HIGH`) into one, for every edge alike (`twokey history`, `/twokey history`,
`GET /v1/requests`), so a filter means the same thing everywhere. It also
writes the CSV every export produces, and records each export in the audit
log, whichever edge asked for it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import IO, Any

from pydantic import field_validator
from sqlmodel import Session

from bot.durations import duration_seconds
from core.domain import RISK_ORDER
from storage.audit import append_event
from storage.history import HistoryFilter, HistoryRecord
from storage.models import utcnow

# --- times -------------------------------------------------------------------

_AGO = re.compile(r"\s*ago\s*$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """A point in time from what an admin types: `7d`, `12h`, `30m`, `2w`, `now`,
    `today`, `yesterday`, an ISO date (midnight UTC) or an ISO datetime (naive = UTC).

    Relative forms count back from `now`. Anything else raises ValueError, so a
    typo never silently widens or narrows what an auditor sees.
    """
    now = (now or utcnow()).astimezone(UTC)
    raw = text.strip()
    lowered = raw.lower()
    if not raw:
        raise ValueError("empty time")
    if lowered == "now":
        return now
    if lowered in ("today", "yesterday"):
        midnight = datetime.combine(now.date(), time(), tzinfo=UTC)
        return midnight if lowered == "today" else midnight - timedelta(days=1)
    back = duration_seconds(_AGO.sub("", raw), unit_required=True)
    if back is not None:
        try:
            return now - timedelta(seconds=back)
        except OverflowError:
            raise ValueError(f"cannot read {text!r} as a time: it reaches before year 1") from None
    try:
        if _DATE_ONLY.match(raw):
            return datetime.combine(date.fromisoformat(raw), time(), tzinfo=UTC)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"cannot read {text!r} as a time: use 7d, 12h, 30m, 2w, 2026-11-20 "
            "or 2026-11-20T14:30:00Z"
        ) from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def end_of(text: str, now: datetime | None = None) -> datetime:
    """`until 2026-11-20` means through the end of that day, as an auditor reads it."""
    start = parse_when(text, now)
    if not _DATE_ONLY.match(text):
        return start
    try:
        return start + timedelta(days=1)
    except OverflowError:
        raise ValueError(
            f"cannot read {text!r} as a time: the day after is past year 9999"
        ) from None


# --- the filter as typed ---------------------------------------------------------

_MENTION = re.compile(r"^<[@!]?([^|>]+)(?:\|[^>]*)?>$")


def slack_user(value: str | None) -> str | None:
    """Accept `U123`, `@U123` and Slack's `<@U123|name>` alike."""
    if value is None:
        return None
    value = value.strip()
    match = _MENTION.match(value)
    if match:
        value = match.group(1)
    value = value.lstrip("@").strip()
    return value or None


def _listish(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class HistoryQuery(HistoryFilter):
    """A `HistoryFilter` read from text: comma-separated statuses and risks, Slack
    mentions for people, relative or ISO times. Anything unreadable is a
    ValidationError naming the field, so a typo never widens what an auditor sees."""

    @field_validator("status", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        value = _listish(value)
        return value or None

    @field_validator("risk", mode="before")
    @classmethod
    def _known_risk(cls, value: Any) -> Any:
        value = _listish(value)
        if not value:
            return None
        if not isinstance(value, list):
            return value
        out = []
        for level in value:
            level = str(level).lower()
            if level not in RISK_ORDER:
                raise ValueError(f"unknown risk {level!r}: one of {', '.join(RISK_ORDER)}")
            out.append(level)
        return out

    @field_validator("requester", "approver", mode="before")
    @classmethod
    def _users(cls, value: Any) -> Any:
        return slack_user(value) if isinstance(value, str) else value

    @field_validator("agent", "resource", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return (value.strip() or None) if isinstance(value, str) else value

    @field_validator("since", mode="before")
    @classmethod
    def _since(cls, value: Any) -> Any:
        return parse_when(value) if isinstance(value, str) else value

    @field_validator("until", mode="before")
    @classmethod
    def _until(cls, value: Any) -> Any:
        return end_of(value) if isinstance(value, str) else value


# --- CSV ---------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "created_at",
    "status",
    "risk",
    "decision",
    "agent",
    "requester",
    "approvers",
    "decided_by",
    "decided_at",
    "reason",
    "resources",
    "instruction",
    "source",
    "kind",
    "expires_at",
    "executed_at",
)
"""Fixed order: scripts and spreadsheets built on an export keep working."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    text = str(value)
    # A cell starting like a formula would run when an auditor opens the file.
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(records: Iterable[HistoryRecord], file: IO[str]) -> int:
    """Write a header and one line per record; returns how many records were written."""
    writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        data = record.model_dump()
        writer.writerow({col: _cell(data[col]) for col in CSV_COLUMNS})
        count += 1
    return count


def export_csv(
    session: Session,
    flt: HistoryFilter,
    records: Iterable[HistoryRecord],
    file: IO[str],
    *,
    actor: str,
    cap: int | None = None,
) -> tuple[int, bool]:
    """Write `records` as CSV and append `history.exported` (who, which filters, how many)
    in `session`'s transaction. Returns the count and whether `cap` cut the export short."""
    capped = False

    def rows() -> Iterator[HistoryRecord]:
        nonlocal capped
        for n, record in enumerate(records):
            if cap is not None and n >= cap:
                capped = True
                return
            yield record

    count = write_csv(rows(), file)
    append_event(
        session,
        action="history.exported",
        actor=actor,
        detail={
            "filters": flt.model_dump(mode="json", exclude={"cursor", "limit"}),
            "records": count,
        },
    )
    return count, capped
