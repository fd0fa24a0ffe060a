"""The approval history: one query layer for the command line, Slack and the API.

Every edge (`twokey history`, `/twokey history`, `GET /v1/requests`) builds a
`HistoryFilter` and calls `query_history`, so a filter means the same thing
everywhere. Pages use keyset pagination on (created_at DESC, id DESC): the
cursor names the last row shown, so requests that arrive while an admin pages
through appear neither twice nor leave a hole, and page N costs what page 1
costs. Each filter has an index whose trailing columns are (created_at, id),
which lets both SQLite and PostgreSQL read a first page straight off the index
instead of sorting the table.

A resource filter is driven from `request_resources` (one row per resource a
request touches, stamped with the request's creation time), so pages filtered by
resource sort and cut on that table's (created_at, request_id) and never touch
requests that do not involve the resource. An approver filter is driven from
`votes` the same way, on (voter, created_at, request_id): an approver's page
lists what they voted on, most recent vote first, at the same cost for someone
who voted ten times as for someone who voted ten thousand times.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ClauseElement, Executable
from sqlmodel import Session

from core.domain import RISK_ORDER, Risk
from storage.models import (
    AuditEvent,
    Request,
    RequestResource,
    Status,
    UTCDateTime,
    Vote,
    table,
)

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

DECISIVE_STATUSES = (Status.APPROVED, Status.DENIED, Status.EXECUTED)
"""Statuses a person decided (always by a vote: the workflow records every decision as one)."""
WAITED_STATUSES = (*DECISIVE_STATUSES, Status.EXPIRED)
"""Requests that waited for approvers and got an outcome: the base of the expiry rate."""

R = table(Request)
RR = table(RequestResource)
V = table(Vote)
A = table(AuditEvent)


# --- cursor --------------------------------------------------------------------


def encode_cursor(created_at: datetime, request_id: str) -> str:
    """Opaque to callers; it only names the last row of the previous page."""
    payload = json.dumps([created_at.astimezone(UTC).isoformat(), request_id])
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, request_id = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        when = datetime.fromisoformat(at)
        if when.tzinfo is None or not isinstance(request_id, str) or not request_id:
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValueError("invalid cursor: pass back the next_cursor of a previous page") from None
    return when.astimezone(UTC), request_id


# --- the filter ------------------------------------------------------------------


class HistoryFilter(BaseModel):
    """What an admin asked for, already read. Every field narrows; none set means everything.

    Typed values only: turning what a person typed (`7d`, `<@U123>`, `denied,expired`)
    into these is the edges' job (`bot.approvals.history.HistoryQuery`).
    """

    model_config = ConfigDict(extra="forbid")

    status: list[Status] | None = None
    requester: str | None = None
    approver: str | None = None
    """Voted on the request (every approve/deny decision is a vote, so the decider counts).
    Pages filtered by approver run in the order they voted; since/until then bound
    the vote's time."""
    agent: str | None = None
    resource: str | None = None
    risk: list[Risk] | None = None
    since: datetime | None = None
    """Inclusive."""
    until: datetime | None = None
    """Exclusive."""
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str | None = None

    @field_validator("since", "until")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    @field_validator("cursor")
    @classmethod
    def _cursor(cls, value: str | None) -> str | None:
        if value:
            decode_cursor(value)
        return value or None


# --- records -----------------------------------------------------------------------


class HistoryRecord(BaseModel):
    """One row of the history, as every edge shows it. `instruction` is the masked text."""

    id: str
    status: str
    risk: str
    decision: str
    agent: str | None
    requester: str | None
    approvers: list[str]
    """Everyone who voted, in voting order (the decider of an approved/denied request too)."""
    decided_by: str | None
    """Who made the final move: the deciding voter, the requester who declined,
    `twokey` for an expiry, `policy` for allowed/blocked."""
    created_at: datetime
    decided_at: datetime | None
    expires_at: datetime | None
    executed_at: datetime | None
    reason: str | None
    instruction: str
    resources: list[str]
    source: str
    kind: str | None


class Page(BaseModel):
    items: list[HistoryRecord]
    next_cursor: str | None


class VoteRecord(BaseModel):
    voter: str
    approve: bool
    comment: str | None
    created_at: datetime


class EventRecord(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]


class RecordDetail(BaseModel):
    """Everything `show` displays: the record, what the engine saw, and every step."""

    record: HistoryRecord
    findings: list[dict[str, Any]]
    data: list[dict[str, Any]]
    justification: str | None
    confidence: float | None
    required_approvals: int
    approver_group: str | None
    text_sha256: str
    votes: list[VoteRecord]
    events: list[EventRecord]


_LIST_COLUMNS = (
    R.c.id,
    R.c.status,
    R.c.risk,
    R.c.decision,
    R.c.agent,
    R.c.requester,
    R.c.decided_by,
    R.c.created_at,
    R.c.decided_at,
    R.c.expires_at,
    R.c.executed_at,
    R.c.reason,
    R.c.instruction,
    R.c.source,
    R.c.kind,
)


def _page_statement(flt: HistoryFilter) -> sa.Select[Any]:
    """The first-page-fast query: walk one index in sort order, probe for the rest.

    The driving table is the most specific one named: `request_resources` for a
    resource, `votes` for an approver (whose pages run in the order they voted),
    else `requests`. Each has an index ending in (created_at, id), so the first
    page reads about `limit` entries however many rows match overall. Several
    statuses without a resource or approver become one index-ordered page per
    status, merged: `status IN (...)` would make the database sort every match.
    """
    if flt.status and len(set(flt.status)) > 1 and flt.resource is None and flt.approver is None:
        parts = [
            sa.select(_page_statement(flt.model_copy(update={"status": [status]})).subquery())
            for status in sorted(set(flt.status))
        ]
        merged = sa.union_all(*parts).subquery("merged")
        return (
            sa.select(merged)
            .order_by(merged.c.sort_at.desc(), merged.c.id.desc())
            .limit(flt.limit + 1)
        )
    if flt.resource is not None:
        # Drive from request_resources: its (resource, created_at, request_id) index
        # yields the page in order without visiting unrelated requests.
        sort_at, sort_id = RR.c.created_at, RR.c.request_id
        stmt = (
            sa.select(*_LIST_COLUMNS, sort_at.label("sort_at"))
            .select_from(RR.join(R, R.c.id == RR.c.request_id))
            .where(RR.c.resource == flt.resource)
        )
    elif flt.approver is not None:
        # Drive from votes: (voter, created_at, request_id) is the page, in voting order.
        sort_at, sort_id = V.c.created_at, V.c.request_id
        stmt = (
            sa.select(*_LIST_COLUMNS, sort_at.label("sort_at"))
            .select_from(V.join(R, R.c.id == V.c.request_id))
            .where(V.c.voter == flt.approver)
        )
    else:
        sort_at, sort_id = R.c.created_at, R.c.id
        stmt = sa.select(*_LIST_COLUMNS, sort_at.label("sort_at"))
    if flt.status:
        values = sorted({s.value for s in flt.status})
        stmt = stmt.where(R.c.status == values[0] if len(values) == 1 else R.c.status.in_(values))
    if flt.risk:
        values = sorted(set(flt.risk))
        stmt = stmt.where(R.c.risk == values[0] if len(values) == 1 else R.c.risk.in_(values))
    if flt.requester is not None:
        stmt = stmt.where(R.c.requester == flt.requester)
    if flt.agent is not None:
        stmt = stmt.where(R.c.agent == flt.agent)
    if flt.approver is not None and flt.resource is not None:
        stmt = stmt.where(sa.exists().where(V.c.request_id == R.c.id, V.c.voter == flt.approver))
    if flt.since is not None:
        stmt = stmt.where(sort_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(sort_at < flt.until)
    if flt.cursor:
        at, last_id = decode_cursor(flt.cursor)
        stmt = stmt.where(
            sa.tuple_(sort_at, sort_id)
            < sa.tuple_(sa.bindparam(None, at, type_=UTCDateTime()), sa.literal(last_id))
        )
    return stmt.order_by(sort_at.desc(), sort_id.desc()).limit(flt.limit + 1)


class _Explain(Executable, ClauseElement):
    """`EXPLAIN` around a statement, with its parameters bound as the real query binds them."""

    inherit_cache = False

    def __init__(self, statement: sa.Select[Any]) -> None:
        self.statement = statement


@compiles(_Explain)
def _compile_explain(element: _Explain, compiler: Any, **kw: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN " if compiler.dialect.name == "sqlite" else "EXPLAIN "
    return prefix + compiler.process(element.statement, **kw)


def explain(session: Session, flt: HistoryFilter) -> list[str]:
    """The database's plan for one page, so tests and the benchmark can prove index use."""
    rows = session.execute(_Explain(_page_statement(flt))).all()
    return [str(row[-1]) for row in rows]


def _approvers_and_resources(
    session: Session, rows: Sequence[Any]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    ids = [row.id for row in rows]
    approvers: dict[str, list[str]] = {i: [] for i in ids}
    resources: dict[str, list[str]] = {i: [] for i in ids}
    if not ids:
        return approvers, resources
    votes = session.execute(
        sa.select(V.c.request_id, V.c.voter)
        .where(V.c.request_id.in_(ids))
        .order_by(V.c.request_id, V.c.created_at, V.c.id)
    ).all()
    for request_id, voter in votes:
        approvers[request_id].append(voter)
    touched = session.execute(
        sa.select(RR.c.request_id, RR.c.resource)
        .where(RR.c.request_id.in_(ids))
        .order_by(RR.c.request_id, RR.c.resource)
    ).all()
    for request_id, resource in touched:
        resources[request_id].append(resource)
    return approvers, resources


def _records(session: Session, rows: Sequence[Any]) -> list[HistoryRecord]:
    approvers, resources = _approvers_and_resources(session, rows)
    return [
        HistoryRecord(
            id=row.id,
            status=row.status,
            risk=row.risk,
            decision=row.decision,
            agent=row.agent,
            requester=row.requester,
            approvers=approvers[row.id],
            decided_by=row.decided_by,
            created_at=row.created_at,
            decided_at=row.decided_at,
            expires_at=row.expires_at,
            executed_at=row.executed_at,
            reason=row.reason,
            instruction=row.instruction,
            resources=resources[row.id],
            source=row.source,
            kind=row.kind,
        )
        for row in rows
    ]


def query_history(session: Session, flt: HistoryFilter) -> Page:
    """One page, newest first; pass `next_cursor` back in the same filter for the next."""
    rows = session.execute(_page_statement(flt)).all()
    more = len(rows) > flt.limit
    rows = rows[: flt.limit]
    next_cursor = encode_cursor(rows[-1].sort_at, rows[-1].id) if more and rows else None
    return Page(items=_records(session, rows), next_cursor=next_cursor)


def iter_history(
    session: Session, flt: HistoryFilter, *, page_size: int = MAX_LIMIT
) -> Iterable[HistoryRecord]:
    """Every matching record, page by page (for exports): memory stays one page."""
    page_filter = flt.model_copy(update={"limit": min(max(page_size, 1), MAX_LIMIT)})
    while True:
        page = query_history(session, page_filter)
        yield from page.items
        if page.next_cursor is None:
            return
        page_filter = page_filter.model_copy(update={"cursor": page.next_cursor})


def get_record(session: Session, request_id: str) -> RecordDetail | None:
    """The full record behind `show ID`; None when there is no such request."""
    request = session.get(Request, request_id.strip())
    if request is None:
        return None
    row = session.execute(sa.select(*_LIST_COLUMNS).where(R.c.id == request.id)).one()
    record = _records(session, [row])[0]
    votes = session.execute(
        sa.select(V.c.voter, V.c.approve, V.c.comment, V.c.created_at)
        .where(V.c.request_id == request.id)
        .order_by(V.c.created_at, V.c.id)
    ).all()
    events = session.execute(
        sa.select(A.c.seq, A.c.at, A.c.actor, A.c.action, A.c.detail)
        .where(A.c.request_id == request.id)
        .order_by(A.c.seq)
    ).all()
    return RecordDetail(
        record=record,
        findings=list(request.findings or []),
        data=list(request.data or []),
        justification=request.justification,
        confidence=request.confidence,
        required_approvals=request.required_approvals,
        approver_group=request.approver_group,
        text_sha256=request.text_sha256,
        votes=[VoteRecord(**v._mapping) for v in votes],
        events=[EventRecord(**e._mapping) for e in events],
    )


# --- stats ---------------------------------------------------------------------------


class NamedCount(BaseModel):
    name: str
    count: int


class Stats(BaseModel):
    """The summary an admin glances at: volume, outcomes, and how long people take."""

    since: datetime | None
    until: datetime | None
    total: int
    by_status: dict[str, int]
    by_risk: dict[str, int]
    decided: int
    """Approved, denied or executed: a person made the call."""
    median_decision_seconds: float | None
    p90_decision_seconds: float | None
    expired: int
    expiry_rate: float | None
    """Expired / (approved + denied + executed + expired): how often the clock decided."""
    top_agents: list[NamedCount]
    top_resources: list[NamedCount]


def _duration_seconds(engine_name: str) -> sa.ColumnElement[Any]:
    if engine_name == "sqlite":
        return (sa.func.julianday(R.c.decided_at) - sa.func.julianday(R.c.created_at)) * 86400.0
    return sa.extract("epoch", R.c.decided_at - R.c.created_at)


def _percentile(session: Session, base: sa.Select[Any], n: int, fraction: float) -> float | None:
    """percentile_cont without the database's help: read the one or two ranks around it."""
    if n == 0:
        return None
    rank = fraction * (n - 1)
    low = math.floor(rank)
    values = [float(v) for v in session.execute(base.offset(low).limit(2)).scalars()]
    if not values:
        return None
    if len(values) == 1 or rank == low:
        return values[0]
    return values[0] + (values[1] - values[0]) * (rank - low)


def stats(
    session: Session,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    top: int = 5,
) -> Stats:
    """Counts, decision times and top talkers for requests created in [since, until)."""
    window: list[sa.ColumnElement[bool]] = []
    if since is not None:
        window.append(R.c.created_at >= since)
    if until is not None:
        window.append(R.c.created_at < until)
    by_status = Counter[str]()
    by_risk = Counter[str]()
    for status, risk, count in session.execute(
        sa.select(R.c.status, R.c.risk, sa.func.count())
        .where(*window)
        .group_by(R.c.status, R.c.risk)
    ):
        by_status[status] += count
        by_risk[risk] += count
    total = sum(by_status.values())

    seconds = _duration_seconds(session.get_bind().dialect.name).label("seconds")
    decided_where = [
        *window,
        R.c.status.in_([s.value for s in DECISIVE_STATUSES]),
        R.c.decided_at.is_not(None),
    ]
    ordered = sa.select(seconds).where(*decided_where).order_by(seconds)
    decided = session.execute(sa.select(sa.func.count()).where(*decided_where)).scalar_one()

    expired = by_status.get(Status.EXPIRED.value, 0)
    waited = sum(by_status.get(s.value, 0) for s in WAITED_STATUSES)

    count_col = sa.func.count().label("n")
    agents = session.execute(
        sa.select(R.c.agent, count_col)
        .where(*window, R.c.agent.is_not(None))
        .group_by(R.c.agent)
        .order_by(count_col.desc(), R.c.agent)
        .limit(top)
    ).all()
    rr_window = []
    if since is not None:
        rr_window.append(RR.c.created_at >= since)
    if until is not None:
        rr_window.append(RR.c.created_at < until)
    resources = session.execute(
        sa.select(RR.c.resource, count_col)
        .where(*rr_window)
        .group_by(RR.c.resource)
        .order_by(count_col.desc(), RR.c.resource)
        .limit(top)
    ).all()
    return Stats(
        since=since,
        until=until,
        total=total,
        by_status=dict(sorted(by_status.items())),
        by_risk={level: by_risk[level] for level in RISK_ORDER if by_risk.get(level)},
        decided=decided,
        median_decision_seconds=_percentile(session, ordered, decided, 0.5),
        p90_decision_seconds=_percentile(session, ordered, decided, 0.9),
        expired=expired,
        expiry_rate=(expired / waited) if waited else None,
        top_agents=[NamedCount(name=a, count=n) for a, n in agents],
        top_resources=[NamedCount(name=r, count=n) for r, n in resources],
    )
