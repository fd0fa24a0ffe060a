"""Gate benchmark: `twokey serve` on loopback, load generated from this process.

    .venv/bin/python bench/gate.py [--rate 200] [--seconds 10] [--releases 50] [--port 0]
        [--floor-rounds 3]

Starts `twokey serve` (one uvicorn worker, a fresh SQLite file, Slack pointed at
the local fake of bot/demo/slack_standin.py running in this process), then measures:

1. allow path: benign instructions sent open-loop at `--rate` requests per second
   for `--seconds`; latency from send to answer, p50/p99 (goal: p99 <= 5 ms at 200/s,
   <= 50 ms at 400/s);
   and the server's CPU per allowed request (goal: <= 1.5 ms); then the closed-loop
   ceiling (8 connections, 3 s) in requests per second.
2. closed loop against a floor: the same 8 connections on TwoKey and on a bare
   FastAPI app that only inserts the request into SQLite (bench/floor_app.py, its
   own uvicorn process), interleaved `--floor-rounds` times; median p99 of each
   and their ratio (goal: TwoKey <= 1.5 x the floor), with each server's CPU per
   request (the figure that other load on the machine hardly moves).
3. release: risky instructions held for approval; each is long-polled, then an
   approver clicks Approve through a signed Slack interaction at /slack/events;
   latency from the click being sent to the long-poll answering, p50/p99
   (goal: p99 <= 50 ms).

Prints the figures (and the server's own gate-latency histogram); the goals are
printed beside them, never enforced. Exit status 1 only if the server could not
be started or a phase could not run at all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config_file import load_config  # noqa: E402
from bot.demo.harness import DemoError, ServeProcess, free_port  # noqa: E402
from bot.demo.signing import button_click, signed_interaction  # noqa: E402
from bot.demo.slack_standin import SlackFake  # noqa: E402
from bot.slack import blocks  # noqa: E402

CONFIG = ROOT / "examples" / "twokey.yml"
GOAL_ALLOW_P99_MS, GOAL_RELEASE_P99_MS = 5.0, 50.0
GOAL_CPU_MS, GOAL_FLOOR_RATIO = 1.5, 1.5
GOAL_400_P99_MS = 50.0  # issue 20: p99 at 400 requests/s, open loop, one process
SIGNING_SECRET = "bench-signing-secret-" + secrets.token_hex(8)
REQUESTER = "U0EMP0001"
ALLOWED_TEXTS = [
    "ls -la /tmp",
    "git status",
    "SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day'",
    "Restart the staging web server after lunch.",
    "cat README.md",
]
RISKY_TEXT = "Run `DROP TABLE customers;` on prod to clean up (run {n})."


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _bench_config(workdir: Path) -> Path:
    """The example configuration without the requester's confirmation step: the release
    benchmark times an approver's click, so every request goes straight to the approvers."""
    raw = yaml.safe_load(CONFIG.read_text())
    raw.setdefault("policy", {})["require_requester_confirmation"] = False
    path = workdir / "twokey.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


def _server(workdir: Path, slack_url: str, port: int | None) -> ServeProcess:
    """`twokey serve` in a subprocess, with its own database and environment."""
    return ServeProcess(
        slack_api_url=slack_url,
        database_url=f"sqlite:///{workdir / 'bench.db'}",
        config=_bench_config(workdir),
        signing_secret=SIGNING_SECRET,
        secret_key=secrets.token_hex(32),
        cwd=ROOT,
        log=workdir / "serve.log",
        port=port,
    )


def _create_key(server: ServeProcess) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "keys", "create", "--agent", "opsbot"],
        env=server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"keys create failed: {done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


class Conn:
    """One keep-alive HTTP/1.1 connection, hand-rolled so the load generator stays cheap.

    httpx costs about a millisecond of CPU per request; on a two-core machine that
    is taken straight from the server being measured.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Conn:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def post(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        self.writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        payload = await self.reader.readexactly(length)
        return int(status_line.split()[1]), payload

    def close(self) -> None:
        self.writer.close()


def _head(key: str) -> bytes:
    return (
        b"POST /v1/instructions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nAuthorization: Bearer " + key.encode() + b"\r\n"
    )


BODIES = [json.dumps({"requester": REQUESTER, "text": text}).encode() for text in ALLOWED_TEXTS]


async def closed_loop(port: int, head: bytes, conns: int = 8, seconds: float = 3.0) -> list[float]:
    """`conns` connections each sending the next request as soon as the last is answered."""
    opened = [await Conn.open(port) for _ in range(conns)]
    for n, conn in enumerate(opened):  # warm-up
        await conn.post(head, BODIES[n % len(BODIES)])
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds

    async def worker(n: int, conn: Conn) -> None:
        i = n
        while time.perf_counter() < stop_at:
            sent = time.perf_counter()
            await conn.post(head, BODIES[i % len(BODIES)])
            latencies.append(time.perf_counter() - sent)
            i += 1

    await asyncio.gather(*(worker(n, c) for n, c in enumerate(opened)))
    for conn in opened:
        conn.close()
    return latencies


async def allow_path(
    port: int, key: str, rate: float, seconds: float, pid: int | None = None
) -> dict[str, Any]:
    """Open loop: request i leaves at start + i/rate whatever the earlier ones are doing."""
    head = _head(key)
    bodies = BODIES
    idle: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(32):
        idle.put_nowait(await Conn.open(port))

    async def call(i: int) -> tuple[int, bytes]:
        conn = await idle.get()
        try:
            return await conn.post(head, bodies[i % len(bodies)])
        finally:
            idle.put_nowait(conn)

    for i in range(40):  # warm-up: connections, caches, the risk engine
        await call(i)
    total = int(rate * seconds)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    late: list[float] = []

    async def one(i: int, at: float) -> None:
        nonlocal errors
        delay = at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        late.append(max(0.0, time.perf_counter() - at))
        sent = time.perf_counter()
        try:
            code, payload = await call(i)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
            return
        elapsed = time.perf_counter() - sent
        status = json.loads(payload).get("status", f"http {code}")
        statuses[status] = statuses.get(status, 0) + 1
        if status == "allowed":
            latencies.append(elapsed)

    start = time.perf_counter() + 0.05
    began = time.perf_counter()
    cpu_before = cpu_seconds(pid) if pid else 0.0
    await asyncio.gather(*(one(i, start + i / rate) for i in range(total)))
    wall = time.perf_counter() - began
    cpu = cpu_seconds(pid) - cpu_before if pid else float("nan")

    # Closed loop: how fast one worker answers when nobody waits between calls.
    done = 0
    stop_at = time.perf_counter() + 3.0

    async def worker(n: int) -> None:
        nonlocal done
        i = n
        while time.perf_counter() < stop_at:
            await call(i)
            done += 1
            i += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(8)))
    ceiling = done / (time.perf_counter() - t0)
    while not idle.empty():
        idle.get_nowait().close()
    return {
        "sent": total,
        "achieved_rate": total / wall,
        "statuses": statuses,
        "errors": errors,
        "latencies": latencies,
        "send_lag_p99": _pct(late, 0.99),
        "ceiling": ceiling,
        "cpu_per_allowed": cpu / max(1, statuses.get("allowed", 0)),
    }


async def service_floor(workdir: Path, count: int) -> list[float]:
    """`ApprovalService.submit` alone, in this process, one call at a time: the part of
    the allow path that is assessment and storage rather than HTTP."""
    from bot.approvals import ApprovalService
    from storage.db import make_engine
    from storage.schema import upgrade

    engine = make_engine(f"sqlite:///{workdir / 'floor.db'}")
    upgrade(engine)
    service = ApprovalService(engine, load_config(CONFIG), secret_key=secrets.token_hex(16))
    latencies: list[float] = []
    for i in range(count + 50):
        text = ALLOWED_TEXTS[i % len(ALLOWED_TEXTS)]
        started = time.perf_counter()
        await service.submit(text=text, requester=REQUESTER, agent="opsbot")
        if i >= 50:
            latencies.append(time.perf_counter() - started)
    engine.dispose()
    return latencies


def _closed_round(port: int, head: bytes, pid: int | None) -> dict[str, float]:
    """One closed-loop round: its p99, answers per second, and the server's CPU per answer."""
    before = cpu_seconds(pid) if pid else 0.0
    latencies = asyncio.run(closed_loop(port, head))
    cpu = cpu_seconds(pid) - before if pid else float("nan")
    return {
        "p99": _pct(latencies, 0.99),
        "rate": len(latencies) / 3.0,
        "cpu": cpu / max(1, len(latencies)),
    }


def against_floor(
    workdir: Path, port: int, key: str, rounds: int, pid: int | None = None
) -> dict[str, dict[str, float]]:
    """Closed-loop p99 of TwoKey and of bench/floor_app.py, interleaved so both see the
    same machine (other processes come and go); the median of each over `rounds`.

    Each side's server CPU per answer is measured too: unlike p99 it hardly moves
    with the machine's load, and in a closed loop latency follows it (8 connections
    queue on one worker, so p50 is about 8 x the server's CPU per request)."""
    floor_port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "bench" / "floor_app.py"), str(workdir / "insert_floor.db"),
         str(floor_port)],
        cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{floor_port}/healthz", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        twokey: list[dict[str, float]] = []
        floor: list[dict[str, float]] = []
        for _ in range(max(1, rounds)):
            twokey.append(_closed_round(port, _head(key), pid))
            floor.append(_closed_round(floor_port, _head("none"), proc.pid))
        return {
            side: {name: statistics.median(r[name] for r in runs) for name in runs[0]}
            for side, runs in (("twokey", twokey), ("floor", floor))
        }
    finally:
        proc.terminate()
        proc.wait(10)


def _card(slack: SlackFake, request_id: str) -> tuple[str, str] | None:
    found = slack.find_button(blocks.APPROVE, value=request_id)
    return (found[0].channel, found[0].ts) if found else None


def _approvers(group: str | None) -> list[str]:
    config = load_config(CONFIG)
    name = group or config.policy.default_approver_group
    users = list(config.approvers[name].users) if name in config.approvers else []
    if not users:
        raise RuntimeError(f"approver group {name!r} lists no users to click with")
    return users


async def _click(
    http: httpx.AsyncClient, request_id: str, user: str, card: tuple[str, str]
) -> httpx.Response:
    channel, ts = card
    click = button_click(
        user=user, action_id=blocks.APPROVE, value=request_id, channel=channel, ts=ts
    )
    payload, signed = signed_interaction(click, secret=SIGNING_SECRET)
    return await http.post("/slack/events", content=payload, headers=signed)


async def _votes_recorded(http: httpx.AsyncClient, request_id: str, count: int) -> bool:
    for _ in range(300):
        if (await http.get(f"/v1/requests/{request_id}")).json().get("approvals", 0) >= count:
            return True
        await asyncio.sleep(0.01)
    return False


async def release(url: str, key: str, slack: SlackFake, count: int) -> dict[str, Any]:
    """Submit risky, long-poll it, click Approve in 'Slack', time click -> long-poll answer.

    When the risk needs a quorum, the earlier approvers click first (untimed); the
    timed click is the one that decides.
    """
    headers = {"Authorization": f"Bearer {key}"}
    latencies: list[float] = []
    failures: list[str] = []
    quorum = 1
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=40) as http:
        for n in range(count):
            if len(failures) >= 3 and not latencies:
                break
            body = {"requester": REQUESTER, "text": RISKY_TEXT.format(n=n)}
            held = await http.post("/v1/instructions", json=body)
            if held.status_code != 202:
                failures.append(f"submit answered {held.status_code}: {held.text[:120]}")
                continue
            request_id = held.json()["id"]
            detail = (await http.get(f"/v1/requests/{request_id}")).json()
            quorum = detail["required_approvals"]
            approvers = [u for u in _approvers(detail.get("approver_group")) if u != REQUESTER]
            card = None
            for _ in range(200):  # the card is posted just after the answer
                card = _card(slack, request_id)
                if card:
                    break
                await asyncio.sleep(0.01)
            if card is None:
                failures.append(f"{request_id}: no approval card in Slack")
                continue
            if len(approvers) < quorum:
                failures.append(f"{request_id}: quorum {quorum} but {len(approvers)} approvers")
                continue
            for i, user in enumerate(approvers[: quorum - 1]):
                await _click(http, request_id, user, card)
                if not await _votes_recorded(http, request_id, i + 1):
                    failures.append(f"{request_id}: early vote by {user} not recorded")
                    break
            else:
                poll = asyncio.create_task(
                    http.get(f"/v1/requests/{request_id}", params={"wait": 10})
                )
                await asyncio.sleep(0.05)  # the long-poll is parked on the server
                clicked = time.perf_counter()
                click = await _click(http, request_id, approvers[quorum - 1], card)
                answer = await poll
                elapsed = time.perf_counter() - clicked
                status = answer.json().get("status")
                if click.status_code != 200 or status != "approved":
                    failures.append(f"{request_id}: click {click.status_code}, status {status}")
                    continue
                latencies.append(elapsed)
    return {"latencies": latencies, "failures": failures, "quorum": quorum}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--releases", type=int, default=50)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--floor-rounds", type=int, default=3)
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="twokey-bench-") as tmp,
        SlackFake(
            users={
                REQUESTER: {"name": "employee", "profile": {"email": "employee@northwind.example"}}
            }
        ) as slack,
    ):
        server = _server(Path(tmp), slack.api_url, args.port or None)
        try:
            key = _create_key(server)
            server.start()
        except (RuntimeError, DemoError) as exc:
            print(f"could not start the server: {exc}", file=sys.stderr)
            return 1
        try:
            python, *rest = server.command
            print(f"server: {' '.join([Path(python).name, *rest])}")
            print("        one uvicorn worker, SQLite, Slack = local fake, loopback\n")
            pid = server.proc.pid if server.proc else None
            allow = asyncio.run(allow_path(server.port, key, args.rate, args.seconds, pid))
            lat = allow["latencies"]
            print(f"allow path ({allow['sent']} requests, open loop at {args.rate:g}/s):")
            print(f"  achieved rate      {allow['achieved_rate']:.1f} req/s")
            print(f"  answers            {allow['statuses']}  errors {allow['errors']}")
            if lat:
                print(f"  latency p50        {_ms(statistics.median(lat))}")
                print(
                    f"  latency p99        {_ms(_pct(lat, 0.99))}"
                    f"   (goal <= {GOAL_ALLOW_P99_MS:g} ms at 200/s, "
                    f"<= {GOAL_400_P99_MS:g} ms at 400/s)"
                )
                print(f"  latency max        {_ms(max(lat))}")
            print(
                f"  server CPU         {allow['cpu_per_allowed'] * 1000:.2f} ms per allowed request"
                f"   (goal <= {GOAL_CPU_MS:g} ms)"
            )
            print(f"  send lag p99       {_ms(allow['send_lag_p99'])} (load generator's own delay)")
            print(f"  closed-loop ceiling {allow['ceiling']:.0f} req/s (8 connections, 3 s)\n")

            floor = against_floor(Path(tmp), server.port, key, args.floor_rounds, pid)
            ours, bare = floor["twokey"], floor["floor"]
            print(
                f"closed loop vs a bare FastAPI + SQLite insert (8 connections, 3 s, "
                f"{args.floor_rounds} interleaved rounds, medians):"
            )
            print(
                f"  TwoKey p99         {_ms(ours['p99'])}   {ours['rate']:.0f} req/s, "
                f"server CPU {ours['cpu'] * 1000:.3f} ms per request"
            )
            print(
                f"  floor p99          {_ms(bare['p99'])}   {bare['rate']:.0f} req/s, "
                f"server CPU {bare['cpu'] * 1000:.3f} ms per request"
            )
            print(
                f"  ratio              {ours['p99'] / bare['p99']:.2f} x"
                f"   (goal <= {GOAL_FLOOR_RATIO:g} x); server CPU per request "
                f"{ours['cpu'] / bare['cpu']:.2f} x\n"
            )

            rel = asyncio.run(release(server.url, key, slack, args.releases))
            rl = rel["latencies"]
            print(
                f"release: Slack click -> long-poll answer ({len(rl)} of {args.releases},"
                f" quorum {rel['quorum']}, the deciding click timed):"
            )
            if rl:
                print(f"  latency p50        {_ms(statistics.median(rl))}")
                print(
                    f"  latency p99        {_ms(_pct(rl, 0.99))}"
                    f"   (goal <= {GOAL_RELEASE_P99_MS:g} ms)"
                )
                print(f"  latency max        {_ms(max(rl))}")
            for failure in rel["failures"][:5]:
                print(f"  failed: {failure}")

            inproc = asyncio.run(service_floor(Path(tmp), 500))
            print("\nfloor: ApprovalService.submit in-process, sequential, no HTTP (500 calls):")
            print(f"  latency p50        {_ms(statistics.median(inproc))}")
            print(f"  latency p99        {_ms(_pct(inproc, 0.99))}")

            metrics = httpx.get(server.url + "/metrics", timeout=5).text
            gate = [m for m in metrics.splitlines() if m.startswith("twokey_gate_latency_seconds")]
            print("\nserver-side gate latency histogram (all POST /v1/instructions):")
            for line in gate:
                print("  " + line)
            if not lat or not rl:
                return 1
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
