import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from bot.approvals.history import CSV_COLUMNS, HistoryQuery, parse_when, write_csv
from storage.audit import append_event
from storage.db import session_scope
from storage.history import (
    HistoryFilter,
    encode_cursor,
    explain,
    get_record,
    iter_history,
    query_history,
    stats,
)
from storage.models import Request, Vote
from tests.history_rows import add_request

BASE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def make(
    session,
    rid,
    *,
    at,
    status="allowed",
    risk="low",
    resources=(),
    votes=(),
    decided_after=None,
    instruction="echo hello",
    **fields,
):
    add_request(
        session,
        rid,
        at=at,
        status=status,
        risk=risk,
        instruction=instruction,
        decision="allow" if status == "allowed" else "require_approval",
        decided_at=at + timedelta(seconds=decided_after) if decided_after is not None else None,
        resources=resources,
        votes=[
            (voter, approve, None if approve else "no", at + timedelta(seconds=i + 1))
            for i, (voter, approve) in enumerate(votes)
        ],
        **fields,
    )


@pytest.fixture
def history(engine):
    """Twelve requests with known answers for every filter."""
    with session_scope(engine) as s:
        m = lambda rid, minutes, **kw: make(s, rid, at=BASE + timedelta(minutes=minutes), **kw)  # noqa: E731
        m("TK-A01", 0, status="allowed", agent="opsbot", requester="U1")
        m(
            "TK-A02",
            10,
            status="blocked",
            risk="critical",
            agent="sqlbot",
            requester="U2",
            resources=["customers"],
        )
        m(
            "TK-A03",
            20,
            status="denied",
            risk="high",
            agent="sqlbot",
            requester="U1",
            resources=["customers", "orders"],
            votes=[("U_AP1", False)],
            decided_by="U_AP1",
            decided_after=60,
            reason="exports PII",
        )
        m(
            "TK-A04",
            30,
            status="approved",
            risk="high",
            agent="opsbot",
            requester="U2",
            resources=["orders"],
            votes=[("U_AP2", True)],
            decided_by="U_AP2",
            decided_after=120,
        )
        m(
            "TK-A05",
            40,
            status="executed",
            risk="medium",
            agent="opsbot",
            requester="U3",
            resources=["billing"],
            votes=[("U_AP1", True), ("U_AP2", True)],
            decided_by="U_AP2",
            decided_after=180,
        )
        m(
            "TK-A06",
            50,
            status="expired",
            risk="high",
            agent="sqlbot",
            requester="U3",
            resources=["customers"],
            decided_after=1800,
            decided_by="twokey",
        )
        m(
            "TK-A07",
            60,
            status="cancelled",
            risk="medium",
            agent="opsbot",
            requester="U1",
            decided_by="U1",
            decided_after=5,
        )
        m(
            "TK-A08",
            70,
            status="pending",
            risk="critical",
            agent="sqlbot",
            requester="U2",
            resources=["customers"],
            votes=[("U_AP3", True)],
        )
        m(
            "TK-A09",
            80,
            status="denied",
            risk="critical",
            agent="opsbot",
            requester="U3",
            resources=["customers"],
            votes=[("U_AP3", False)],
            decided_by="U_AP3",
            decided_after=240,
        )
        m(
            "TK-A10",
            90,
            status="approved",
            risk="low",
            agent="docbot",
            requester="U1",
            votes=[("U_AP1", True)],
            decided_by="U_AP1",
            decided_after=600,
        )
        m(
            "TK-A11",
            100,
            status="awaiting_requester",
            risk="high",
            agent="docbot",
            requester="U2",
            resources=["orders"],
        )
        m("TK-A12", 110, status="allowed", agent=None, requester=None, resources=["wiki"])
    return engine


def ids(engine, **kw):
    with session_scope(engine) as s:
        return [r.id for r in query_history(s, HistoryQuery(**kw)).items]


def test_no_filter_is_everything_newest_first(history):
    assert ids(history) == [f"TK-A{i:02d}" for i in range(12, 0, -1)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "denied"}, ["TK-A09", "TK-A03"]),
        ({"status": "pending,awaiting_requester"}, ["TK-A11", "TK-A08"]),
        ({"requester": "U3"}, ["TK-A09", "TK-A06", "TK-A05"]),
        ({"requester": "<@U3|carol>"}, ["TK-A09", "TK-A06", "TK-A05"]),
        ({"agent": "docbot"}, ["TK-A11", "TK-A10"]),
        ({"risk": "critical"}, ["TK-A09", "TK-A08", "TK-A02"]),
        (
            {"risk": "HIGH,critical"},
            ["TK-A11", "TK-A09", "TK-A08", "TK-A06", "TK-A04", "TK-A03", "TK-A02"],
        ),
        ({"resource": "customers"}, ["TK-A09", "TK-A08", "TK-A06", "TK-A03", "TK-A02"]),
        ({"resource": "nothing-touches-this"}, []),
        # Voted, or decided an approved/denied/executed request.
        ({"approver": "U_AP1"}, ["TK-A10", "TK-A05", "TK-A03"]),
        ({"approver": "@U_AP3"}, ["TK-A09", "TK-A08"]),
        # Whoever cancelled or expired a request is not an approver.
        ({"approver": "U1"}, []),
        ({"approver": "twokey"}, []),
        (
            {"since": "2026-11-02T10:00:00Z"},
            ["TK-A12", "TK-A11", "TK-A10", "TK-A09", "TK-A08", "TK-A07"],
        ),
        ({"until": "2026-11-02T09:30:00+00:00"}, ["TK-A03", "TK-A02", "TK-A01"]),
        (
            {"since": "2026-11-02T09:30", "until": "2026-11-02T10:00"},
            ["TK-A06", "TK-A05", "TK-A04"],
        ),
        ({"until": "2026-11-02"}, [f"TK-A{i:02d}" for i in range(12, 0, -1)]),
        ({"until": "2026-11-01"}, []),
        ({"since": "2026-11-03"}, []),
    ],
)
def test_each_filter(history, filters, expected):
    assert ids(history, **filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # The question: denied requests touching customers in a window.
        (
            {
                "status": "denied",
                "resource": "customers",
                "since": "2026-11-02T09:00Z",
                "until": "2026-11-02",
            },
            ["TK-A09", "TK-A03"],
        ),
        (
            {"status": "denied", "resource": "customers", "since": "2026-11-02T09:30Z"},
            ["TK-A09"],
        ),
        ({"agent": "sqlbot", "risk": "critical"}, ["TK-A08", "TK-A02"]),
        ({"agent": "opsbot", "requester": "U1"}, ["TK-A07", "TK-A01"]),
        ({"approver": "U_AP2", "status": "executed"}, ["TK-A05"]),
        ({"approver": "U_AP1", "resource": "customers"}, ["TK-A03"]),
        ({"resource": "orders", "risk": "high", "requester": "U2"}, ["TK-A11", "TK-A04"]),
        ({"resource": "customers", "agent": "opsbot", "approver": "U_AP3"}, ["TK-A09"]),
        ({"status": "approved", "agent": "sqlbot"}, []),
    ],
)
def test_filter_combinations(history, filters, expected):
    assert ids(history, **filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"approver": "U_AP3", "since": "2026-11-02T10:15Z"}, ["TK-A09"]),
        ({"approver": "U_AP3", "status": "pending"}, ["TK-A08"]),
        ({"approver": "U_AP2", "risk": "medium"}, ["TK-A05"]),
    ],
)
def test_approver_with_other_filters(history, filters, expected):
    assert ids(history, **filters) == expected


def test_approver_pages_run_in_voting_order(engine):
    """An old request voted on today comes first: the list is what they decided, newest first."""
    with session_scope(engine) as s:
        make(s, "TK-OLD", at=BASE, status="pending")
        make(s, "TK-NEW", at=BASE + timedelta(hours=1), votes=[("U_AP9", True)])
        s.add(
            Vote(
                request_id="TK-OLD",
                voter="U_AP9",
                approve=True,
                created_at=BASE + timedelta(hours=2),
            )
        )
    assert ids(engine, approver="U_AP9") == ["TK-OLD", "TK-NEW"]
    assert ids(engine, approver="U_AP9", since=BASE + timedelta(minutes=90)) == ["TK-OLD"]
    seen, cursor = [], None
    for _ in range(3):
        with session_scope(engine) as s:
            page = query_history(s, HistoryFilter(approver="U_AP9", limit=1, cursor=cursor))
        seen += [r.id for r in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == ["TK-OLD", "TK-NEW"]


def test_records_carry_who_decided_and_why(history):
    with session_scope(history) as s:
        (rec,) = query_history(s, HistoryQuery(status="denied", until="2026-11-02T09:30Z")).items
    assert rec.id == "TK-A03" and rec.approvers == ["U_AP1"] and rec.reason == "exports PII"
    assert rec.resources == ["customers", "orders"] and rec.decided_by == "U_AP1"
    assert rec.decided_at == BASE + timedelta(minutes=20, seconds=60)
    assert rec.created_at.tzinfo is not None
    with session_scope(history) as s:
        (executed,) = query_history(s, HistoryQuery(status="executed")).items
    assert executed.approvers == ["U_AP1", "U_AP2"]


def test_pages_have_no_gaps_or_repeats_while_requests_arrive(history):
    seen: list[str] = []
    cursor = None
    arrived = 0
    with session_scope(history) as s:
        first = query_history(s, HistoryFilter(limit=5))
    seen += [r.id for r in first.items]
    cursor = first.next_cursor
    while cursor:
        # New requests land between pages: newer than everything, and one sharing the
        # exact timestamp of the last row shown (ties break on id).
        with session_scope(history) as s:
            arrived += 1
            make(s, f"TK-NEW{arrived}", at=BASE + timedelta(days=1, minutes=arrived))
            last = seen[-1]
            make(s, f"{last}Z", at=s.get(Request, last).created_at)
        with session_scope(history) as s:
            page = query_history(s, HistoryFilter(limit=5, cursor=cursor))
        seen += [r.id for r in page.items]
        cursor = page.next_cursor
    originals = [f"TK-A{i:02d}" for i in range(12, 0, -1)]
    assert [i for i in seen if i.startswith("TK-A") and len(i) == 6] == originals
    assert len(seen) == len(set(seen))
    assert not any(i.startswith("TK-NEW") for i in seen)
    # A tie with the cursor row and a larger id sorts before it: never shown on a later page.
    assert not any(i.endswith("Z") for i in seen)


def test_pages_with_equal_timestamps_break_ties_on_id(engine):
    with session_scope(engine) as s:
        for i in range(7):
            make(s, f"TK-T{i}", at=BASE, resources=["customers"])
    for flt in ({}, {"resource": "customers"}):
        seen, cursor = [], None
        while True:
            with session_scope(engine) as s:
                page = query_history(s, HistoryFilter(limit=3, cursor=cursor, **flt))
            seen += [r.id for r in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == [f"TK-T{i}" for i in range(6, -1, -1)]


def test_resource_pages_while_requests_arrive(history):
    seen, cursor, n = [], None, 0
    while True:
        with session_scope(history) as s:
            page = query_history(s, HistoryFilter(resource="customers", limit=2, cursor=cursor))
        seen += [r.id for r in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
        n += 1
        with session_scope(history) as s:
            make(s, f"TK-R{n}", at=BASE + timedelta(hours=5, minutes=n), resources=["customers"])
    assert seen == ["TK-A09", "TK-A08", "TK-A06", "TK-A03", "TK-A02"]


def test_several_statuses_page_like_one(history):
    """Merged per-status pages keep the order and the cursor of a single query."""
    expected = ["TK-A10", "TK-A09", "TK-A07", "TK-A06", "TK-A04", "TK-A03"]
    flt = {"status": "denied,approved,expired,cancelled"}
    assert ids(history, **flt) == expected
    seen, cursor = [], None
    while True:
        with session_scope(history) as s:
            page = query_history(s, HistoryQuery(limit=4, cursor=cursor, **flt))
            make(s, f"TK-X{len(seen)}", at=BASE + timedelta(days=1), status="denied")
        seen += [r.id for r in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == expected


def test_last_page_has_no_cursor_and_exact_fit_too(history):
    with session_scope(history) as s:
        page = query_history(s, HistoryFilter(limit=12))
        assert len(page.items) == 12 and page.next_cursor is None
        page = query_history(s, HistoryFilter(limit=11))
        assert len(page.items) == 11 and page.next_cursor is not None


def test_iter_history_walks_every_page(history):
    everything = ids(history)
    with session_scope(history) as s:
        walked = [r.id for r in iter_history(s, HistoryFilter(), page_size=5)]
    assert walked == everything and len(walked) == 12


@pytest.mark.parametrize(
    "bad",
    [
        {"limit": 0},
        {"limit": 501},
        {"status": "maybe"},
        {"risk": "spicy"},
        {"since": "last tuesday"},
        {"until": "7x"},
        {"cursor": "not-a-cursor"},
        {"cursor": encode_cursor(BASE, "TK-1")[:-3]},
        {"nonsense": 1},
    ],
)
def test_bad_filters_are_refused_not_widened(bad):
    with pytest.raises(ValidationError):
        HistoryQuery(**bad)


def test_limit_defaults_and_max():
    assert HistoryFilter().limit == 50
    assert HistoryFilter(limit=500).limit == 500


NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", NOW - timedelta(days=7)),
        ("12h", NOW - timedelta(hours=12)),
        ("30m", NOW - timedelta(minutes=30)),
        ("2w", NOW - timedelta(weeks=2)),
        ("45s", NOW - timedelta(seconds=45)),
        (" 3D ago ", NOW - timedelta(days=3)),
        ("now", NOW),
        ("today", datetime(2026, 11, 25, tzinfo=UTC)),
        ("yesterday", datetime(2026, 11, 24, tzinfo=UTC)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20T14:30:00Z", datetime(2026, 11, 20, 14, 30, tzinfo=UTC)),
        ("2026-11-20T14:30", datetime(2026, 11, 20, 14, 30, tzinfo=UTC)),
        ("2026-11-20T16:30:00+02:00", datetime(2026, 11, 20, 14, 30, tzinfo=UTC)),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize("text", ["", "7", "d7", "7y", "-7d", "2026-13-01", "soon"])
def test_parse_when_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_when(text, NOW)


def test_relative_dates_against_the_database(engine):
    now = datetime.now(UTC)
    with session_scope(engine) as s:
        make(s, "TK-OLD", at=now - timedelta(days=10))
        make(s, "TK-WEEK", at=now - timedelta(days=6))
        make(s, "TK-HOUR", at=now - timedelta(minutes=50))
    assert ids(engine, since="7d") == ["TK-HOUR", "TK-WEEK"]
    assert ids(engine, since="1h") == ["TK-HOUR"]
    assert ids(engine, since="2w", until="7d") == ["TK-OLD"]
    assert ids(engine, until="30m") == ["TK-HOUR", "TK-WEEK", "TK-OLD"]
    assert ids(engine, until="1h") == ["TK-WEEK", "TK-OLD"]


def test_csv_opens_with_the_expected_columns(history):
    buf = io.StringIO()
    with session_scope(history) as s:
        make(s, "TK-F1", at=BASE + timedelta(days=2), instruction="=HYPERLINK(1)")
        count = write_csv(iter_history(s, HistoryFilter()), buf)
    buf.seek(0)
    reader = csv.DictReader(buf)
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert count == len(rows) == 13
    assert {
        "id",
        "status",
        "risk",
        "agent",
        "requester",
        "approvers",
        "created_at",
        "decided_at",
        "reason",
        "instruction",
    } <= set(CSV_COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert by_id["TK-A05"]["approvers"] == "U_AP1 U_AP2"
    assert by_id["TK-A03"]["resources"] == "customers orders"
    assert by_id["TK-A03"]["reason"] == "exports PII"
    assert by_id["TK-A03"]["created_at"] == "2026-11-02T09:20:00+00:00"
    assert by_id["TK-A01"]["decided_at"] == ""
    # A formula in an instruction must not run in the auditor's spreadsheet.
    assert by_id["TK-F1"]["instruction"] == "'=HYPERLINK(1)"


def test_get_record_has_votes_and_audit_events(history):
    with session_scope(history) as s:
        append_event(s, action="request.created", actor="sqlbot", request_id="TK-A03")
        append_event(
            s,
            action="request.denied",
            actor="U_AP1",
            request_id="TK-A03",
            detail={"reason": "exports PII"},
        )
        append_event(s, action="request.created", actor="opsbot", request_id="TK-A04")
    with session_scope(history) as s:
        detail = get_record(s, "TK-A03")
        assert get_record(s, "TK-NOPE") is None
    assert detail is not None and detail.record.status == "denied"
    assert [(v.voter, v.approve, v.comment) for v in detail.votes] == [("U_AP1", False, "no")]
    assert [e.action for e in detail.events] == ["request.created", "request.denied"]
    assert detail.events[1].detail == {"reason": "exports PII"}
    assert detail.events[0].at.tzinfo is not None


def test_stats_match_known_answers(history):
    with session_scope(history) as s:
        st = stats(s)
    assert st.total == 12
    assert st.by_status == {
        "allowed": 2,
        "approved": 2,
        "awaiting_requester": 1,
        "blocked": 1,
        "cancelled": 1,
        "denied": 2,
        "executed": 1,
        "expired": 1,
        "pending": 1,
    }
    assert st.by_risk == {"low": 3, "medium": 2, "high": 4, "critical": 3}
    # Decisions by people took 60, 120, 180, 240 and 600 seconds.
    assert st.decided == 5
    assert st.median_decision_seconds == pytest.approx(180.0, abs=0.01)
    # percentile_cont(0.9): rank 3.6 -> 240 + 0.6 * (600 - 240)
    assert st.p90_decision_seconds == pytest.approx(456.0, abs=0.01)
    assert st.expired == 1 and st.expiry_rate == pytest.approx(1 / 6)
    assert [(a.name, a.count) for a in st.top_agents] == [
        ("opsbot", 5),
        ("sqlbot", 4),
        ("docbot", 2),
    ]
    assert [(r.name, r.count) for r in st.top_resources][:2] == [("customers", 5), ("orders", 3)]


def test_stats_window(history):
    with session_scope(history) as s:
        st = stats(s, since=BASE + timedelta(minutes=35), until=BASE + timedelta(minutes=85))
        empty = stats(s, since=BASE + timedelta(days=1))
    # TK-A05 .. TK-A09
    assert st.total == 5 and st.decided == 2
    assert st.median_decision_seconds == pytest.approx(210.0, abs=0.01)
    assert st.expiry_rate == pytest.approx(1 / 3)
    assert empty.total == 0 and empty.median_decision_seconds is None
    assert empty.expiry_rate is None and empty.top_agents == []


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "ix_requests_created"),
        ({"status": "denied", "since": "7d"}, "ix_requests_status_created"),
        ({"requester": "U1"}, "ix_requests_requester_created"),
        ({"agent": "opsbot"}, "ix_requests_agent_created"),
        ({"risk": "high"}, "ix_requests_risk_created"),
        ({"resource": "customers"}, "ix_request_resources_resource_created"),
        ({"approver": "U_AP1"}, "ix_votes_voter_created"),
        ({"approver": "U_AP1", "since": "7d"}, "ix_votes_voter_created"),
        (
            {"status": "denied", "cursor": encode_cursor(BASE, "TK-A05")},
            "ix_requests_status_created",
        ),
    ],
)
def test_pages_read_an_index_in_order(engine, filters, index):
    """The plan walks the index and never sorts the table: the first page stays cheap."""
    with session_scope(engine) as s:
        if engine.dialect.name == "postgresql":
            # Empty tables make a sequential scan look free; ask whether the index serves.
            s.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")
            s.connection().exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(explain(s, HistoryQuery(**filters)))
    assert index in plan
    assert "TEMP B-TREE" not in plan and "Sort Key" not in plan


def test_several_statuses_read_each_status_index(engine):
    """One limited index walk per status; only the few rows taken from each are sorted."""
    with session_scope(engine) as s:
        if engine.dialect.name == "postgresql":
            s.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")
            s.connection().exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(explain(s, HistoryQuery(status="denied,expired,approved")))
    assert plan.count("ix_requests_status_created") == 3
    assert "ix_requests_open_deadline" not in plan
