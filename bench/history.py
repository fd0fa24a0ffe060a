"""How fast is the approval history with a million requests?

Fills a fresh database (SQLite file, and PostgreSQL in a throwaway schema) with
N synthetic requests plus their resources and votes — bulk-loaded with
executemany / COPY, not ORM objects — then times the first and second page of
several filter mixes through `storage.history.query_history`, the same call
the command line, Slack and the API make. Goal: ≤ 50 ms per page.

    .venv/bin/python bench/history.py                 # 1,000,000 rows, SQLite + PostgreSQL
    .venv/bin/python bench/history.py --rows 100000   # quicker
    .venv/bin/python bench/history.py --pg postgresql://postgres@127.0.0.1:5432/test

PostgreSQL runs when --pg or TWOKEY_TEST_DATABASE_URL is given; its schema is
dropped afterwards. SQLite is measured without ANALYZE, as it runs in
production; PostgreSQL after VACUUM ANALYZE, which autovacuum does after a bulk load.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from bot.approvals.history import HistoryQuery
from storage.db import make_engine, normalize_url, session_scope
from storage.history import HistoryFilter, explain, query_history
from storage.schema import upgrade

GOAL_MS = 50.0
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUSES = (
    ("allowed", 55),
    ("blocked", 5),
    ("approved", 14),
    ("executed", 10),
    ("denied", 6),
    ("expired", 5),
    ("cancelled", 5),
)
AGENTS = [f"agent-{i:02d}" for i in range(16)]
REQUESTERS = [f"U{i:05d}" for i in range(5000)]
APPROVERS = [f"UAP{i:03d}" for i in range(60)]
RARE_APPROVER, RARE_VOTES = "UAPRARE", 25
RESOURCES = ["customers", "orders", "payments", "employees", "billing"] + [
    f"dataset_{i:03d}" for i in range(195)
]

REQUEST_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "status",
    "source",
    "agent",
    "requester",
    "instruction",
    "text_sha256",
    "kind",
    "decision",
    "risk",
    "findings",
    "data",
    "required_approvals",
    "escalated",
    "reminded",
    "expires_at",
    "decided_at",
    "decided_by",
    "reason",
    "slack",
    "meta",
)
RESOURCE_COLUMNS = ("request_id", "resource", "classification", "created_at")
VOTE_COLUMNS = ("request_id", "voter", "approve", "comment", "created_at")


@dataclass
class Data:
    requests: list[tuple[Any, ...]]
    resources: list[tuple[Any, ...]]
    votes: list[tuple[Any, ...]]
    end: datetime


def _zipf(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


def generate(rows: int, seed: int = 7) -> Data:
    """Deterministic synthetic history: a year of requests, the newest few still open."""
    rng = random.Random(seed)
    end = datetime.now(UTC).replace(microsecond=0)
    start = end - timedelta(days=365)
    step = (end - start) / rows
    statuses = [s for s, _ in STATUSES]
    status_w = [w for _, w in STATUSES]
    agent_w = _zipf(len(AGENTS), 0.8)
    res_w = _zipf(len(RESOURCES), 1.0)
    approver_w = _zipf(len(APPROVERS), 0.6)
    open_from = rows - max(1, rows // 200)
    requests: list[tuple[Any, ...]] = []
    resources: list[tuple[Any, ...]] = []
    votes: list[tuple[Any, ...]] = []
    empty_list, empty_obj = "[]", "{}"
    for i in range(rows):
        at = start + step * i
        n = i
        tail = ""
        for _ in range(6):
            n, d = divmod(n, len(ALPHABET))
            tail = ALPHABET[d] + tail
        rid = "TK-" + "".join(rng.choices(ALPHABET, k=4)) + tail
        if i >= open_from:
            status = rng.choice(("pending", "pending", "awaiting_requester"))
        else:
            status = rng.choices(statuses, status_w)[0]
        if status == "allowed":
            risk, decision = rng.choice(("low", "low", "low", "medium")), "allow"
        elif status == "blocked":
            risk, decision = "critical", "block"
        else:
            risk, decision = rng.choice(("medium", "high", "high", "critical")), "require_approval"
        touched = rng.choices(RESOURCES, res_w, k=rng.choice((0, 1, 1, 2, 3)))
        touched = list(dict.fromkeys(touched))
        decided_at = decided_by = reason = None
        voters: list[str] = []
        if status in ("approved", "executed", "denied"):
            voters = list(dict.fromkeys(rng.choices(APPROVERS, approver_w, k=rng.choice((1, 2)))))
            decided_by = voters[-1]
            decided_at = at + timedelta(seconds=rng.lognormvariate(5.5, 1.0))
            reason = "exports PII to a personal bucket" if status == "denied" else None
        elif status == "expired":
            decided_at, decided_by, reason = at + timedelta(minutes=30), "twokey", "timed out"
        elif status == "cancelled":
            decided_at, decided_by, reason = at + timedelta(seconds=40), None, "declined"
        elif status == "pending" and rng.random() < 0.3:
            voters = [rng.choices(APPROVERS, approver_w)[0]]
        table = touched[0] if touched else "logs"
        requests.append(
            (
                rid,
                at,
                decided_at or at,
                status,
                "api",
                rng.choices(AGENTS, agent_w)[0],
                rng.choice(REQUESTERS),
                f"SELECT email, plan FROM {table} WHERE created_at > now() - interval '1 day'",
                secrets.token_hex(32) if i < 16 else f"{i:064x}",
                "sql",
                decision,
                risk,
                empty_list,
                empty_list,
                1,
                False,
                False,
                at + timedelta(minutes=30) if decision == "require_approval" else None,
                decided_at,
                decided_by,
                reason,
                empty_obj,
                empty_obj,
            )
        )
        for name in touched:
            resources.append((rid, name, "confidential", at))
        for k, voter in enumerate(voters):
            approve = status != "denied" or k < len(voters) - 1
            votes.append(
                (rid, voter, approve, None if approve else "no", at + timedelta(seconds=30 + k))
            )
    # One approver who voted only a couple of dozen times, spread over the year: the
    # case where walking the requests index to find a page would read most of it.
    spread = max(1, len(votes) // RARE_VOTES)
    for k in range(0, len(votes), spread)[:RARE_VOTES]:
        rid, _, _, _, at = votes[k]
        votes.append((rid, RARE_APPROVER, True, None, at + timedelta(minutes=1)))
    return Data(requests, resources, votes, end)


def _batches(rows: list[tuple[Any, ...]], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _sqlite_time(value: Any) -> Any:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def load_sqlite(engine: Engine, data: Data) -> None:
    """executemany in big transactions, with timestamps in SQLAlchemy's SQLite format."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for table, cols, rows in (
            ("requests", REQUEST_COLUMNS, data.requests),
            ("request_resources", RESOURCE_COLUMNS, data.resources),
            ("votes", VOTE_COLUMNS, data.votes),
        ):
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            for batch in _batches(rows):
                cur.execute("BEGIN")
                cur.executemany(sql, [tuple(_sqlite_time(v) for v in row) for row in batch])
                cur.execute("COMMIT")
        cur.close()
    finally:
        raw.close()


def load_postgres(engine: Engine, data: Data) -> None:
    """COPY, then VACUUM ANALYZE (what autovacuum does after a load this size)."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for table, cols, rows in (
            ("requests", REQUEST_COLUMNS, data.requests),
            ("request_resources", RESOURCE_COLUMNS, data.resources),
            ("votes", VOTE_COLUMNS, data.votes),
        ):
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        raw.commit()
        cur.close()
        dbapi = raw.driver_connection
        dbapi.autocommit = True  # VACUUM refuses to run inside a transaction
        try:
            for table in ("requests", "request_resources", "votes"):
                dbapi.execute(f"VACUUM ANALYZE {table}")
        finally:
            dbapi.autocommit = False
    finally:
        raw.close()


def mixes(data: Data) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("no filter", {}),
        ("status=denied since=7d", {"status": "denied", "since": "7d"}),
        ("requester", {"requester": REQUESTERS[42]}),
        ("agent+risk=high", {"agent": AGENTS[3], "risk": "high"}),
        ("resource=customers", {"resource": "customers"}),
        ("resource (rare)", {"resource": RESOURCES[-1]}),
        ("approver", {"approver": APPROVERS[5]}),
        ("approver (least busy)", {"approver": APPROVERS[-1]}),
        (f"approver ({RARE_VOTES} votes)", {"approver": RARE_APPROVER}),
        (
            "denied+customers+since=7d",
            {"status": "denied", "resource": "customers", "since": "7d"},
        ),
        ("status=pending", {"status": "pending"}),
        ("status=denied,expired", {"status": "denied,expired"}),
        ("since=30d until=7d", {"since": "30d", "until": "7d"}),
    ]


@dataclass
class Timing:
    name: str
    page1_ms: float
    page2_ms: float | None
    rows: int
    plan: str


def _time(engine: Engine, flt: HistoryFilter, repeat: int) -> tuple[float, Any]:
    samples, page = [], None
    for _ in range(repeat):
        with session_scope(engine) as session:
            t0 = time.perf_counter()
            page = query_history(session, flt)
            samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), page


def measure(engine: Engine, data: Data, repeat: int) -> list[Timing]:
    out = []
    for name, filters in mixes(data):
        flt = HistoryQuery(**filters)
        with session_scope(engine) as session:
            query_history(session, flt)  # warm the cache and the connection
            plan = " / ".join(line.strip() for line in explain(session, flt))
        first_ms, page = _time(engine, flt, repeat)
        second_ms = None
        if page is not None and page.next_cursor:
            second_ms, _ = _time(
                engine, flt.model_copy(update={"cursor": page.next_cursor}), repeat
            )
        out.append(Timing(name, first_ms, second_ms, len(page.items) if page else 0, plan))
    return out


def report(label: str, load_s: float, timings: list[Timing], verbose: bool) -> bool:
    print(f"\n{label}: loaded in {load_s:.1f} s; median of runs, limit 50")
    print(
        f"  {'filter mix':<28} {'rows':>5} {'page 1 ms':>10} {'page 2 ms':>10}  ≤{GOAL_MS:.0f} ms"
    )
    ok = True
    for t in timings:
        worst = max(t.page1_ms, t.page2_ms or 0.0)
        good = worst <= GOAL_MS
        ok &= good
        p2 = f"{t.page2_ms:10.2f}" if t.page2_ms is not None else f"{'-':>10}"
        print(f"  {t.name:<28} {t.rows:>5} {t.page1_ms:10.2f} {p2}  {'yes' if good else 'NO'}")
        if verbose:
            print(f"      plan: {t.plan[:400]}")
    return ok


def run_sqlite(data: Data, repeat: int, verbose: bool) -> bool:
    with tempfile.TemporaryDirectory(prefix="twokey-bench-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'history.db'}")
        upgrade(engine)
        t0 = time.perf_counter()
        load_sqlite(engine, data)
        load_s = time.perf_counter() - t0
        try:
            return report("SQLite", load_s, measure(engine, data, repeat), verbose)
        finally:
            engine.dispose()


def run_postgres(url: str, data: Data, repeat: int, verbose: bool) -> bool:
    schema = "bench_history_" + secrets.token_hex(4)
    admin = sa.create_engine(normalize_url(url))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        scoped = make_url(normalize_url(url)).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        engine = make_engine(scoped.render_as_string(hide_password=False))
        try:
            upgrade(engine)
            t0 = time.perf_counter()
            load_postgres(engine, data)
            load_s = time.perf_counter() - t0
            return report("PostgreSQL", load_s, measure(engine, data, repeat), verbose)
        finally:
            engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default=os.environ.get("TWOKEY_TEST_DATABASE_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--plans", action="store_true", help="print each query plan")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    data = generate(args.rows)
    print(
        f"generated {len(data.requests):,} requests, {len(data.resources):,} resource rows, "
        f"{len(data.votes):,} votes in {time.perf_counter() - t0:.1f} s"
    )
    ok = True
    if args.only in (None, "sqlite"):
        ok &= run_sqlite(data, args.repeat, args.plans)
    if args.only in (None, "postgres"):
        if args.pg:
            ok &= run_postgres(args.pg, data, args.repeat, args.plans)
        else:
            print("\nPostgreSQL skipped: pass --pg URL or set TWOKEY_TEST_DATABASE_URL")
    print("\nall pages within goal" if ok else "\nsome pages missed the goal")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
