"""Where the closed-loop time of `POST /v1/instructions` goes, against bench/floor_app.py.

    .venv/bin/python bench/gate_budget.py [--rounds 5]

A diagnostic, not a benchmark of TwoKey: besides `twokey serve` itself it runs two
servers that skip work on purpose, each its own process on loopback, started
exactly as `twokey serve` (one uvicorn worker, SQLite, Slack = the local fake):

- `assessed once`: each distinct text is assessed by the risk engine once and its
  verdict reused, so the difference to `twokey` is what assessment costs;
- `assessed once, not stored`: also nothing is written (no request row, no audit
  event, no commit, so nothing to seal), so the difference is what storage costs,
  and what is left is HTTP, the key check, parsing, the route and the answer.

All of them and the floor take the same closed loop as bench/gate.py (8 connections,
3 s), interleaved `--rounds` times. Printed per server, medians: its CPU per
request (the figure that the machine's other load hardly moves), answers per
second, p50 and p99; and each p99 over the floor's from the same round.
"""

from __future__ import annotations

import argparse
import asyncio
import runpy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

VARIANTS = {"twokey": "", "assessed once": "reuse", "assessed once, not stored": "reuse,nostore"}


def _serve(skips: str) -> None:
    """`twokey serve` (the rest of argv) with the work named in `skips` left out."""
    if "reuse" in skips:
        from bot.risk.engine import RiskEngine

        assess = RiskEngine.assess
        seen: dict[tuple[str, str], Any] = {}

        def reused(self: RiskEngine, text: str, **kw: Any) -> Any:
            key = (text, repr(sorted(kw.items())))
            if key not in seen:
                seen[key] = assess(self, text, **kw)
            return seen[key]

        RiskEngine.assess = reused  # type: ignore[method-assign]
    if "nostore" in skips:
        from bot.approvals.states import StateMachine
        from bot.approvals.view import RequestView

        def unstored(self: StateMachine, items: Any, *, wait: bool = True) -> Any:
            return [(RequestView.of(row, []), True) for row, _, _ in items]

        StateMachine.create_many = unstored  # type: ignore[method-assign]
    runpy.run_module("bot", run_name="__main__", alter_sys=True)


def _round(port: int, head: bytes, pid: int) -> dict[str, float]:
    import gate

    before = gate.cpu_seconds(pid)
    latencies = asyncio.run(gate.closed_loop(port, head))
    cpu = gate.cpu_seconds(pid) - before
    return {
        "cpu": cpu / len(latencies),
        "rate": len(latencies) / 3.0,
        "p50": statistics.median(latencies),
        "p99": gate._pct(latencies, 0.99),
    }


def main() -> int:
    import gate
    import httpx

    from bot.demo.harness import free_port

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    users = {gate.REQUESTER: {"name": "employee", "profile": {"email": "e@northwind.example"}}}
    with (
        tempfile.TemporaryDirectory(prefix="twokey-budget-") as tmp,
        gate.SlackFake(users=users) as slack,
    ):
        servers, floor = {}, None
        try:
            for name, skips in VARIANTS.items():
                workdir = Path(tmp) / skips.replace(",", "-") if skips else Path(tmp) / "twokey"
                workdir.mkdir()
                server = gate._server(workdir, slack.api_url, None)
                key = gate._create_key(server)
                python, _, _, *rest = server.command  # python -m bot serve ...
                server.command = [python, __file__, "--serve", skips, *rest]
                server.start()
                servers[name] = (server, key)
            floor_port = free_port()
            floor = subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [sys.executable, str(ROOT / "bench" / "floor_app.py"), f"{tmp}/floor.db",
                 str(floor_port)],
                cwd=ROOT,
            )  # fmt: skip
            for _ in range(300):
                try:
                    if httpx.get(f"http://127.0.0.1:{floor_port}/healthz", timeout=1).is_success:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in [*servers, "floor"]}
            for _ in range(max(1, args.rounds)):
                for name, (server, key) in servers.items():
                    assert server.proc is not None
                    runs[name].append(_round(server.port, gate._head(key), server.proc.pid))
                runs["floor"].append(_round(floor_port, gate._head("none"), floor.pid))
        finally:
            if floor is not None:
                floor.terminate()
                floor.wait(10)
            for server, _ in servers.values():
                server.stop()
    print(f"closed loop, 8 connections, 3 s, {args.rounds} interleaved rounds, medians:")
    for name, rows in runs.items():
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        paired = zip(rows, runs["floor"], strict=True)
        ratio = statistics.median(r["p99"] / f["p99"] for r, f in paired)
        print(
            f"  {name:27} CPU {med['cpu'] * 1000:.3f} ms/request  {med['rate']:5.0f} req/s  "
            f"p50 {med['p50'] * 1000:5.2f} ms  p99 {med['p99'] * 1000:6.2f} ms  "
            f"p99 / floor {ratio:.2f} x"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        skips = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        _serve(skips)
    else:
        raise SystemExit(main())
