"""Approval workflow benchmark: decision throughput and deadline lateness.

    python bench/approvals.py                     # SQLite in a temp dir
    python bench/approvals.py --db postgresql://postgres@127.0.0.1:5432/test

1. Decisions per second on one request stream: submit (already confirmed) and
   approve, one after another, through the real service.
2. 10,000 pending requests whose deadlines fall within the same minute, loaded
   as a restarted process finds them: the service rebuilds its timers from the
   table and must expire each on time. Prints the worst and p99 lateness
   (committed expiry minus deadline) and the process's peak memory.
Goals: lateness <= 1 s, peak memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.approvals import ApprovalService  # noqa: E402
from bot.config_file import load_config  # noqa: E402
from bot.risk.model import Assessment, DataRef, Finding  # noqa: E402
from storage.db import make_engine, normalize_url  # noqa: E402
from storage.models import Request, Status, utcnow  # noqa: E402
from storage.schema import upgrade  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "twokey.yml"
ASSESSMENT = Assessment(
    decision="require_approval",
    risk="high",
    masked_text="DROP TABLE customers;",
    findings=[Finding(rule="sql.drop_table", category="sql", reason="Drops a table.")],
    data=[DataRef(name="customers", classification="restricted", pii_fields=["ssn"])],
    approver_group="data-governance",
    timeout_seconds=3600,
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def decisions_per_second(service: ApprovalService, n: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    ids = []
    for i in range(n):
        view, _ = await service.submit_assessed(
            ASSESSMENT,
            text=f"DROP TABLE t{i}",
            requester="U0EMP0001",
            agent="opsbot",
            skip_requester_confirmation=True,  # timed: the approvers' decisions, not the prompt
        )
        ids.append(view.id)
    created = time.perf_counter() - t0
    t1 = time.perf_counter()
    for rid in ids:
        outcome = await service.vote(rid, voter="U0DGOV001", approve=True)
        assert outcome.ok, outcome.message
    decided = time.perf_counter() - t1
    return n / created, n / decided


def load_pending(engine: sa.Engine, n: int, start_in: float, window: float) -> None:
    """Insert n pending requests directly, deadlines spread over `window` seconds."""
    now = utcnow()
    rows = []
    for _ in range(n):
        rows.append(
            Request(
                status=Status.PENDING,
                source="api",
                agent="opsbot",
                requester="U0EMP0001",
                instruction="DROP TABLE customers;",
                text_sha256=secrets.token_hex(32),
                decision="require_approval",
                risk="high",
                approver_group="data-governance",
                expires_at=now + timedelta(seconds=start_in + random.random() * window),
                reminded=True,
                escalated=True,
            ).model_dump()
        )
    with engine.begin() as conn:
        conn.execute(sa.insert(Request.__table__), rows)


async def lateness(engine: sa.Engine, config, n: int, start_in: float, window: float) -> dict:
    load_pending(engine, n, start_in, window)
    service = ApprovalService(engine, config, secret_key="bench", sweep_interval=5)
    t0 = time.perf_counter()
    await service.start()
    rebuild = time.perf_counter() - t0
    deadline = time.monotonic() + start_in + window + 30
    while time.monotonic() < deadline:
        await asyncio.sleep(1)
        with engine.connect() as conn:
            left = conn.execute(
                sa.text("SELECT count(*) FROM requests WHERE status = 'pending'")
            ).scalar_one()
        if left == 0:
            break
    await service.stop()
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(Request.expires_at, Request.decided_at).where(Request.status == "expired")
        ).all()
    late = sorted((d - e).total_seconds() for e, d in rows)
    return {
        "expired": len(late),
        "rebuild_s": rebuild,
        "p50": statistics.median(late),
        "p99": late[int(len(late) * 0.99) - 1],
        "worst": late[-1],
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--decisions", type=int, default=500)
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument(
        "--window", type=float, default=60.0, help="seconds the deadlines spread over"
    )
    args = parser.parse_args()

    config = load_config(EXAMPLE)
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{tmp.name}/bench.db"
    schema = None
    if url.startswith("postgres"):
        schema = "bench_" + secrets.token_hex(4)
        admin = sa.create_engine(normalize_url(url))
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = (
            normalize_url(url) + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
        )
    engine = make_engine(url)
    upgrade(engine)
    try:
        print(f"database: {engine.dialect.name}")
        service = ApprovalService(engine, config, secret_key="bench")
        created, decided = await decisions_per_second(service, args.decisions)
        print(
            f"one request stream: {created:,.0f} submits/s, {decided:,.0f} decisions/s "
            f"({args.decisions} each)"
        )
        result = await lateness(engine, config, args.pending, start_in=10.0, window=args.window)
        ms = {k: result[k] * 1000 for k in ("p50", "p99", "worst")}
        print(
            f"{args.pending:,} deadlines within {args.window:.0f} s: "
            f"expired {result['expired']:,}, timers rebuilt in {result['rebuild_s']:.2f} s"
        )
        print(
            f"expiry lateness: p50 {ms['p50']:.0f} ms, p99 {ms['p99']:.0f} ms, "
            f"worst {ms['worst']:.0f} ms (goal <= 1000 ms)"
        )
        print(f"peak memory: {peak_mb():.0f} MB (goal <= 300 MB)")
    finally:
        engine.dispose()
        if schema:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    asyncio.run(main())
