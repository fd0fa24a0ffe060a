"""Replica benchmark: submits per second on PostgreSQL, one `twokey serve` vs two.

    python bench/replicas.py --db postgresql://postgres@127.0.0.1:5432/test [--seconds 5]
        [--concurrency 32] [--rate 200] [--risky]

Migrates a fresh schema in the given database, starts two `twokey serve` processes
on it (same database, Slack = the local fake in this process) and measures:

1. closed loop: `--concurrency` submitters (`POST /v1/instructions`, harmless text;
   `--risky` submits instructions that are held instead) against one replica, then
   the same submitters spread over both; submits/s, p50/p99 and each server's CPU
   per submit. Goal: two replicas >= 1.8 x one, and >= 500/s in total.
2. open loop: `--rate` submits per second spread over both replicas; p50/p99.
   Goal: p99 <= 50 ms at 200/s.
3. the audit log afterwards: `verify` on the chain the replicas' sequencers sealed.

The goals are printed beside the figures, never enforced. On a machine where
the load generator, PostgreSQL and both servers share two cores, the ratio says
as much about the cores as about TwoKey: the CPU columns show which.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gate import (  # noqa: E402
    REQUESTER,
    SIGNING_SECRET,
    Conn,
    _bench_config,
    _create_key,
    _ms,
    _pct,
    cpu_seconds,
)

from bot.demo.harness import DemoError, ServeProcess  # noqa: E402
from bot.demo.slack_standin import SlackFake  # noqa: E402
from storage.audit import seal, verify_chain  # noqa: E402
from storage.db import make_engine, normalize_url, session_scope  # noqa: E402
from storage.schema import upgrade  # noqa: E402

GOAL_RATIO, GOAL_TOTAL, GOAL_P99_MS = 1.8, 500.0, 50.0
HARMLESS = ["ls -la /tmp", "git status", "cat README.md", "Restart the staging web server."]
RISKY = "Run `DROP TABLE customers_{n};` on prod to clean up."


def _schema_url(url: str, schema: str) -> str:
    parsed = make_url(normalize_url(url))
    query = {"options": f"-csearch_path={schema}", "application_name": f"bench_{schema}"}
    return parsed.update_query_dict(query).render_as_string(hide_password=False)


class Load:
    def __init__(self, ports: list[int], key: str, risky: bool) -> None:
        self.ports, self.risky = ports, risky
        self.head = (
            b"POST /v1/instructions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nAuthorization: Bearer " + key.encode() + b"\r\n"
        )
        self.n = 0
        self.statuses: dict[int, int] = {}

    def body(self) -> bytes:
        self.n += 1
        text = RISKY.format(n=self.n) if self.risky else HARMLESS[self.n % len(HARMLESS)]
        return json.dumps({"requester": REQUESTER, "text": text}).encode()

    async def conns(self, count: int, ports: list[int]) -> list[Conn]:
        return [await Conn.open(ports[i % len(ports)]) for i in range(count)]

    async def one(self, conn: Conn) -> float | None:
        sent = time.perf_counter()
        code, _ = await conn.post(self.head, self.body())
        self.statuses[code] = self.statuses.get(code, 0) + 1
        return time.perf_counter() - sent if code in (200, 202) else None

    async def closed(self, ports: list[int], concurrency: int, seconds: float) -> dict[str, Any]:
        conns = await self.conns(concurrency, ports)
        for conn in conns:  # warm-up: caches, the requester lookup, pools
            await self.one(conn)
        latencies: list[float] = []
        stop_at = time.perf_counter() + seconds

        async def worker(conn: Conn) -> None:
            while time.perf_counter() < stop_at:
                took = await self.one(conn)
                if took is not None:
                    latencies.append(took)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(c) for c in conns))
        wall = time.perf_counter() - t0
        for conn in conns:
            conn.close()
        return {"rate": len(latencies) / wall, "latencies": latencies, "count": len(latencies)}

    async def open(self, ports: list[int], rate: float, seconds: float) -> dict[str, Any]:
        idle: asyncio.Queue[Conn] = asyncio.Queue()
        for conn in await self.conns(64, ports):
            idle.put_nowait(conn)
        latencies: list[float] = []

        async def at(when: float) -> None:
            delay = when - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            conn = await idle.get()
            try:
                took = await self.one(conn)
            finally:
                idle.put_nowait(conn)
            if took is not None:
                latencies.append(took)

        total = int(rate * seconds)
        start = time.perf_counter() + 0.05
        t0 = time.perf_counter()
        await asyncio.gather(*(at(start + i / rate) for i in range(total)))
        wall = time.perf_counter() - t0
        while not idle.empty():
            idle.get_nowait().close()
        return {"rate": total / wall, "latencies": latencies, "count": len(latencies)}


def _line(name: str, result: dict[str, Any], cpu: float | None = None) -> str:
    lat = result["latencies"]
    p50 = _ms(statistics.median(lat)) if lat else "-"
    cpu_part = f"   server CPU {cpu * 1000 / max(1, result['count']):.2f} ms/submit" if cpu else ""
    return (
        f"  {name:<22} {result['rate']:7.1f} submits/s   p50 {p50:>9}   "
        f"p99 {_ms(_pct(lat, 0.99)) if lat else '-':>9}{cpu_part}"
    )


def run(args: argparse.Namespace) -> int:
    admin = sa.create_engine(normalize_url(args.db))
    schema = "bench_" + secrets.token_hex(4)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = _schema_url(args.db, schema)
    servers: list[ServeProcess] = []
    try:
        engine = make_engine(url)
        upgrade(engine)
        with (
            tempfile.TemporaryDirectory(prefix="twokey-replicas-") as tmp,
            SlackFake(users={REQUESTER: {"name": "employee"}}) as slack,
        ):
            config = _bench_config(Path(tmp))
            for n in range(2):
                servers.append(
                    ServeProcess(
                        slack_api_url=slack.api_url,
                        database_url=url,
                        config=config,
                        signing_secret=SIGNING_SECRET,
                        secret_key="bench-" + "k" * 40,
                        cwd=ROOT,
                        log=Path(tmp) / f"serve{n}.log",
                    )
                )
            key = _create_key(servers[0])
            try:
                for server in servers:
                    server.start()
            except DemoError as exc:
                print(f"could not start the servers: {exc}", file=sys.stderr)
                return 1
            ports = [s.port for s in servers]
            pids = [s.proc.pid for s in servers if s.proc is not None]
            print(f"database: {make_url(url).render_as_string()} (schema {schema})")
            print(
                f"servers: 2 x `twokey serve` (one uvicorn worker each), {os.cpu_count()} cores; "
                f"{'held (risky)' if args.risky else 'harmless (allowed)'} submits\n"
            )
            load = Load(ports, key, args.risky)

            def measured(coro_factory: Any, on: list[int]) -> tuple[dict[str, Any], float]:
                before = sum(cpu_seconds(p) for p in on)
                result = asyncio.run(coro_factory())
                return result, sum(cpu_seconds(p) for p in on) - before

            print(f"closed loop, {args.concurrency} submitters, {args.seconds:g} s each:")
            one, cpu1 = measured(
                lambda: load.closed(ports[:1], args.concurrency, args.seconds), pids[:1]
            )
            print(_line("one replica", one, cpu1))
            two, cpu2 = measured(lambda: load.closed(ports, args.concurrency, args.seconds), pids)
            print(_line("two replicas", two, cpu2))
            ratio = two["rate"] / one["rate"] if one["rate"] else float("nan")
            print(
                f"  two / one              {ratio:.2f} x   (goal >= {GOAL_RATIO:g} x, "
                f">= {GOAL_TOTAL:g}/s in total)\n"
            )
            print(f"open loop, {args.rate:g} submits/s over both replicas, {args.seconds:g} s:")
            opened, cpu3 = measured(lambda: load.open(ports, args.rate, args.seconds), pids)
            print(_line(f"at {args.rate:g}/s", opened, cpu3))
            print(f"  (goal p99 <= {GOAL_P99_MS:g} ms)")
            print(f"  answers: {dict(sorted(load.statuses.items()))}\n")

            for server in servers:  # a clean stop seals what is left
                server.stop()
            seal(engine)
            with session_scope(engine) as s:
                report = verify_chain(s)
            print(
                f"audit log: {'intact' if report.ok else 'BROKEN'}, {report.checked} events "
                f"sealed by the replicas' sequencers, {report.unsealed} unsealed"
                + ("" if report.ok else f" ({report.problem})")
            )
        engine.dispose()
        return 0 if report.ok else 1
    finally:
        for server in servers:
            server.stop()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL URL; a schema is made in it")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--risky", action="store_true", help="submit held instructions")
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
