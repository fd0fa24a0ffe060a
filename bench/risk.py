"""Risk engine benchmark: detection quality per category, then speed.

    .venv/bin/python bench/risk.py [--shell-corpus PATH] [--exposure-corpus PATH]
                                   [--sql-corpus PATH] [--config PATH | --no-config]
                                   [--rounds N] [--show-misses]

Corpora: the public shell-command set (../shared/benchmarks), the data-exposure
set (bench/data/exposure.jsonl) and a SQL set with benign twins (bench/data/sql.jsonl).

Quality: a `risky` row counts as caught when the decision is not `allow`; a
`benign` row is a false alarm when it is. Speed: every row of both corpora,
assessed in one process, `--rounds` times after a warm-up pass. Prints figures
and exits 0; the goals are printed next to them, never enforced here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import EXAMPLE_CONFIG, TwoKeyConfig, load_config  # noqa: E402
from bot.risk.engine import RiskEngine  # noqa: E402

DEFAULT_SHELL = ROOT.parent / "shared" / "benchmarks" / "shell-commands.jsonl"
DEFAULT_EXPOSURE = ROOT / "bench" / "data" / "exposure.jsonl"
DEFAULT_SQL = ROOT / "bench" / "data" / "sql.jsonl"
GOAL_RECALL, GOAL_FALSE_ALARMS = 0.98, 0.03
GOAL_RATE, GOAL_P99_MS = 3000.0, 2.0


@dataclass(frozen=True)
class Row:
    text: str
    risky: bool
    category: str


def load(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                category = obj.get("category") or "(none)"
                rows.append(Row(obj["text"], obj["label"] == "risky", category))
    return rows


def quality(name: str, engine: RiskEngine, rows: list[Row], show_misses: bool) -> None:
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # risky, caught, benign, alarms
    misses: list[str] = []
    for row in rows:
        result = engine.assess(row.text)
        flagged = result.decision != "allow"
        group = row.category.split(".")[0] if name == "shell" else row.category
        for key in (group, "ALL"):
            s = stats[key]
            if row.risky:
                s[0] += 1
                s[1] += flagged
            else:
                s[2] += 1
                s[3] += flagged
        if flagged != row.risky:
            kind = "missed " if row.risky else "false alarm"
            rules = ",".join(f.rule for f in result.findings) or "-"
            shown = result.masked_text.replace("\n", " ⏎ ")[:150]
            misses.append(f"  {kind:11} [{row.category}] {rules}: {shown}")
    print(f"\n== {name}: {len(rows)} rows ==")
    print(f"  {'category':24} {'risky':>5} {'recall':>7} {'benign':>6} {'false alarms':>12}")
    for key in sorted(stats, key=lambda k: (k == "ALL", k)):
        risky, caught, benign, alarms = stats[key]
        recall = f"{caught / risky:.3f}" if risky else "-"
        far = f"{alarms / benign:.3f}" if benign else "-"
        print(f"  {key:24} {risky:5} {recall:>7} {benign:6} {far:>12}")
    risky, caught, benign, alarms = stats["ALL"]
    print(
        f"  overall recall {caught / max(risky, 1):.3f} (goal ≥ {GOAL_RECALL}), "
        f"false alarms {alarms / max(benign, 1):.3f} (goal ≤ {GOAL_FALSE_ALARMS})"
    )
    if show_misses and misses:
        print("\n".join(misses))


def speed(engine: RiskEngine, texts: list[str], rounds: int) -> None:
    for text in texts:  # warm-up: first-use costs (lazy tables, caches) are not the steady state
        engine.assess(text)
    timings: list[int] = []
    cpu_timings: list[int] = []
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    cpu_started = time.process_time()
    started = clock()
    for _ in range(rounds):
        for text in texts:
            c0, t0 = cpu_clock(), clock()
            engine.assess(text)
            timings.append(clock() - t0)
            cpu_timings.append(cpu_clock() - c0)
    total_s = (clock() - started) / 1e9
    cpu_s = time.process_time() - cpu_started
    timings.sort()
    cpu_timings.sort()
    p50 = statistics.median(timings) / 1e6
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))] / 1e6
    cpu_p50 = statistics.median(cpu_timings) / 1e6
    cpu_p99 = cpu_timings[min(len(cpu_timings) - 1, int(len(cpu_timings) * 0.99))] / 1e6
    rate = len(timings) / total_s
    print(f"\n== speed: {len(texts)} instructions × {rounds} rounds, one process ==")
    print(f"  {rate:,.0f} assessments/s wall clock (goal ≥ {GOAL_RATE:,.0f})")
    print(f"  {len(timings) / cpu_s:,.0f} assessments per CPU-second (unaffected by other load)")
    print(
        f"  p50 {p50:.3f} ms, p99 {p99:.3f} ms (goal p99 ≤ {GOAL_P99_MS} ms), "
        f"max {timings[-1] / 1e6:.1f} ms"
    )
    print(f"  CPU time per assessment: p50 {cpu_p50:.3f} ms, p99 {cpu_p99:.3f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shell-corpus", type=Path, default=DEFAULT_SHELL)
    ap.add_argument("--exposure-corpus", type=Path, default=DEFAULT_EXPOSURE)
    ap.add_argument("--sql-corpus", type=Path, default=DEFAULT_SQL)
    ap.add_argument("--config", type=Path, default=EXAMPLE_CONFIG)
    ap.add_argument("--no-config", action="store_true", help="built-in policy, empty catalog")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()

    config = TwoKeyConfig() if args.no_config else load_config(args.config)
    t0 = time.perf_counter()
    engine = RiskEngine(config)
    print(
        f"engine built in {(time.perf_counter() - t0) * 1000:.0f} ms "
        f"({'no config' if args.no_config else args.config})"
    )

    corpora = {}
    for name, path in (
        ("shell", args.shell_corpus),
        ("exposure", args.exposure_corpus),
        ("sql", args.sql_corpus),
    ):
        if path.exists():
            corpora[name] = load(path)
        else:
            print(f"(skipping {name}: {path} not found)")
    for name, rows in corpora.items():
        quality(name, engine, rows, args.show_misses)
    texts = [row.text for rows in corpora.values() for row in rows]
    if texts:
        speed(engine, texts, max(1, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
