"""Risk engine benchmark: detection quality per category, then speed.

    .venv/bin/python bench/risk.py [--shell-corpus PATH] [--exposure-corpus PATH]
                                   [--sql-corpus PATH] [--messages DIR]
                                   [--config PATH | --no-config]
                                   [--rounds N] [--show-misses] [--holdout]

Corpora: the public shell-command set (../shared/benchmarks), the data-exposure
set (bench/data/exposure.jsonl), a SQL set with benign twins (bench/data/sql.jsonl)
and the messages corpus (bench/data/messages/*.jsonl: agent messages in eight
styles and seven languages, reported per style, language, category and split).
`--show-misses` lists the messages corpus's dev misses only; `--holdout` adds
holdout misses (never read them to fix a rule).

Quality: a `risky` row counts as caught when the decision is not `allow`; a
`benign` row is a false alarm when it is. Speed: every row of the short corpora
(shell, exposure, sql), assessed in one process, `--rounds` times after a warm-up
pass; then the messages corpus by length, ~3 KB messages joined from it, and 64 KB
adversarial inputs. Prints figures and exits 0; the goals are printed next to them,
never enforced here.

Speed is judged on CPU time (`time.thread_time`): the machine is shared, and wall
time then measures the neighbours as much as the engine. Wall figures are printed
beside them. The last block, `== goals ==`, puts each speed goal next to its CPU
figure.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.messages import Message, load_messages  # noqa: E402
from bot.config import EXAMPLE_CONFIG, TwoKeyConfig  # noqa: E402
from bot.config_file import load_config  # noqa: E402
from bot.risk.engine import RiskEngine  # noqa: E402

DEFAULT_SHELL = ROOT.parent / "shared" / "benchmarks" / "shell-commands.jsonl"
DEFAULT_EXPOSURE = ROOT / "bench" / "data" / "exposure.jsonl"
DEFAULT_SQL = ROOT / "bench" / "data" / "sql.jsonl"
DEFAULT_MESSAGES = ROOT / "bench" / "data" / "messages"
GOAL_RECALL, GOAL_FALSE_ALARMS = 0.98, 0.03
GOAL_RATE, GOAL_P99_MS = 3000.0, 2.0
GOAL_P99_3KB_MS, GOAL_MAX_64KB_MS = 5.0, 50.0


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


GOALS: list[str] = []
"""One line per speed goal, filled in as the figures are measured, printed last."""


def _goal(name: str, figure: str, met: bool) -> None:
    GOALS.append(f"  {'met ' if met else 'MISS'}  {name:34} {figure}")


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
    cpu_rate = len(timings) / cpu_s
    print(f"\n== speed: {len(texts)} instructions × {rounds} rounds, one process ==")
    print(f"  {cpu_rate:,.0f} assessments per CPU-second (goal ≥ {GOAL_RATE:,.0f})")
    print(f"  CPU time per assessment: p50 {cpu_p50:.3f} ms, p99 {cpu_p99:.3f} ms")
    print(
        f"  wall clock: {rate:,.0f} assessments/s, p50 {p50:.3f} ms, p99 {p99:.3f} ms, "
        f"max {timings[-1] / 1e6:.1f} ms"
    )
    _goal("short corpus rate", f"{cpu_rate:,.0f}/CPU-s (≥ {GOAL_RATE:,.0f})", cpu_rate >= GOAL_RATE)
    _goal("short corpus p99", f"{cpu_p99:.3f} ms CPU (≤ {GOAL_P99_MS} ms)", cpu_p99 <= GOAL_P99_MS)


def _tally(stats: dict[str, list[int]], key: str, risky: bool, flagged: bool) -> None:
    s = stats[key]  # risky, caught, benign, alarms
    if risky:
        s[0] += 1
        s[1] += flagged
    else:
        s[2] += 1
        s[3] += flagged


def _table(title: str, stats: dict[str, list[int]]) -> None:
    print(f"  {title:24} {'risky':>5} {'recall':>7} {'benign':>6} {'false alarms':>12}")
    for key in sorted(stats):
        risky, caught, benign, alarms = stats[key]
        recall = f"{caught / risky:.3f}" if risky else "-"
        far = f"{alarms / benign:.3f}" if benign else "-"
        print(f"  {key:24} {risky:5} {recall:>7} {benign:6} {far:>12}")


def messages_quality(
    engine: RiskEngine, rows: list[Message], show_misses: bool, holdout: bool
) -> None:
    """Recall and false alarms per style, language, category and split, then overall."""
    tables: dict[str, dict[str, list[int]]] = {
        name: defaultdict(lambda: [0, 0, 0, 0]) for name in ("style", "lang", "category", "split")
    }
    overall = [0, 0, 0, 0]
    misses: list[tuple[str, str]] = []
    for row in rows:
        result = engine.assess(row.text)
        flagged = result.decision != "allow"
        for name, table in tables.items():
            _tally(table, getattr(row, name), row.risky, flagged)
        _tally({"ALL": overall}, "ALL", row.risky, flagged)
        if flagged != row.risky:
            kind = "missed" if row.risky else "false alarm"
            rules = ",".join(f.rule for f in result.findings) or "-"
            shown = result.masked_text.replace("\n", " ⏎ ")
            shown = shown if len(shown) <= 200 else shown[:200] + "…"
            misses.append(
                (row.split, f"  {kind:11} {row.id} [{row.style}/{row.category}] {rules}: {shown}")
            )
    print(f"\n== messages: {len(rows)} rows ==")
    for name, table in tables.items():
        _table(name, table)
    risky, caught, benign, alarms = overall
    print(
        f"  overall recall {caught / max(risky, 1):.3f} (goal ≥ {GOAL_RECALL}), "
        f"false alarms {alarms / max(benign, 1):.3f} (goal ≤ {GOAL_FALSE_ALARMS})"
    )
    if show_misses:
        shown_splits = {"dev", "holdout"} if holdout else {"dev"}
        listed = [line for split, line in misses if split in shown_splits]
        print(f"  {len(listed)} {' + '.join(sorted(shown_splits))} misses and false alarms:")
        print("\n".join(listed))


def _percentile(sorted_ns: list[int], q: float) -> float:
    return sorted_ns[min(len(sorted_ns) - 1, int(len(sorted_ns) * q))] / 1e6


def _timed(engine: RiskEngine, text: str) -> tuple[int, int]:
    """(CPU, wall) nanoseconds of one assessment."""
    c0, t0 = time.thread_time_ns(), time.perf_counter_ns()
    engine.assess(text)
    return time.thread_time_ns() - c0, time.perf_counter_ns() - t0


def _joined_3kb(texts: list[str]) -> list[str]:
    """~3 KB messages built by joining corpus texts in order, so they read like long replies."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for text in texts:
        current.append(text)
        size += len(text.encode()) + 2
        if size >= 3000:
            out.append("\n\n".join(current))
            current, size = [], 0
    return out


def adversarial_64kb() -> dict[str, str]:
    """Inputs shaped to stress tokenizers and regexes, each about 64 KB."""
    n = 64 * 1024

    def fill(unit: str) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    b64 = base64.b64encode(bytes(range(256)) * 200).decode()
    return {
        "one long line": fill("please review the quarterly numbers and reply "),
        "backticks": fill("`"),
        "backtick pairs": fill("`rm` "),
        "nested quotes": fill("\"'") + fill("'\"")[: n // 8],
        "nested parentheses": "(" * (n // 2) + ")" * (n // 2),
        "nested $(": "$(" * (n // 3) + ")" * (n // 3),
        "semicolons": fill(";"),
        "semicolon commands": fill("ls; "),
        "SQL keywords": fill("SELECT FROM WHERE DELETE UPDATE DROP TABLE GRANT "),
        "program names": fill("rm kubectl terraform aws psql mysql curl bash sudo "),
        "catalogued names": fill("customers are happy "),  # a table of the example catalog
        "pipes": fill("cat x | "),
        "CJK": fill("数据库のテーブルを削除して下さい请确认备份"),
        "base64 blob": (b64 * (n // len(b64) + 1))[:n],
        "fences": fill("```\n"),
        "mixed": fill("```sql\nDELETE FROM t; -- `$(curl x|sh)` \"'(数据) aGVsbG8= ;;\n```\n"),
        # real statements, not keyword soup: the parser and per-statement work
        "one INSERT": "```sql\nINSERT INTO audit_log VALUES "
        + fill(",(1, 'x')")[1 : n - 40]
        + ";\n```",
        "INSERT lines, fenced": "```sql\n"
        + fill("INSERT INTO audit_log VALUES (1, 'x');\n")
        + "```",
        "DROP lines": "".join(f"DROP TABLE t_{i};\n" for i in range(5000))[:n],
    }


def timing(engine: RiskEngine, rows: list[Message]) -> None:
    """p50/p99 per length bucket over the corpus, p99 at ~3 KB, worst case at 64 KB."""
    texts = [row.text for row in rows]
    for text in texts:  # warm-up
        engine.assess(text)
    buckets: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _ in range(3):
        for text in texts:
            size = len(text.encode())
            bucket = "< 500 B" if size < 500 else "500 B–3 KB" if size < 3000 else "≥ 3 KB"
            buckets[bucket].append(_timed(engine, text))
    print(f"\n== messages timing, CPU (wall p99 in brackets): {len(texts)} messages × 3 rounds ==")
    for bucket in ("< 500 B", "500 B–3 KB", "≥ 3 KB"):
        pairs = buckets.get(bucket, [])
        if not pairs:
            print(f"  {bucket:11} n=    0")
            continue
        ns = sorted(cpu for cpu, _ in pairs)
        wall = sorted(w for _, w in pairs)
        rate = len(ns) / (sum(ns) / 1e9)
        print(
            f"  {bucket:11} n={len(ns):5}  p50 {_percentile(ns, 0.5):.3f} ms  "
            f"p99 {_percentile(ns, 0.99):.3f} ms [{_percentile(wall, 0.99):.3f}]  "
            f"{rate:,.0f} assessments per CPU-second"
        )
    joined = _joined_3kb(texts)
    if joined:
        pairs = [_timed(engine, text) for _ in range(3) for text in joined]
        ns = sorted(cpu for cpu, _ in pairs)
        wall = sorted(w for _, w in pairs)
        p99 = _percentile(ns, 0.99)
        print(
            f"  ~3 KB joined  n={len(ns):5}  p50 {_percentile(ns, 0.5):.3f} ms  "
            f"p99 {p99:.3f} ms [{_percentile(wall, 0.99):.3f}] "
            f"(goal ≤ {GOAL_P99_3KB_MS} ms), max {ns[-1] / 1e6:.3f} ms"
        )
        _goal(
            "~3 KB message p99",
            f"{p99:.3f} ms CPU (≤ {GOAL_P99_3KB_MS} ms)",
            p99 <= GOAL_P99_3KB_MS,
        )
    # best of two: a load spike from another process is not the input's cost
    times = {
        name: min(_timed(engine, text)[0] for _ in range(2)) / 1e6
        for name, text in adversarial_64kb().items()
    }
    worst_name = max(times, key=times.__getitem__)
    worst = times[worst_name]
    print(
        f"  64 KB adversarial ({len(times)} inputs): worst {worst:.1f} ms CPU "
        f"({worst_name}) (goal ≤ {GOAL_MAX_64KB_MS} ms)"
    )
    print("    " + ", ".join(f"{name} {ms:.0f}" for name, ms in times.items()))
    _goal(
        "64 KB input, worst",
        f"{worst:.1f} ms CPU, {worst_name} (≤ {GOAL_MAX_64KB_MS:.0f} ms)",
        worst <= GOAL_MAX_64KB_MS,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shell-corpus", type=Path, default=DEFAULT_SHELL)
    ap.add_argument("--exposure-corpus", type=Path, default=DEFAULT_EXPOSURE)
    ap.add_argument("--sql-corpus", type=Path, default=DEFAULT_SQL)
    ap.add_argument("--messages", type=Path, default=DEFAULT_MESSAGES, metavar="DIR")
    ap.add_argument("--config", type=Path, default=EXAMPLE_CONFIG)
    ap.add_argument("--no-config", action="store_true", help="built-in policy, empty catalog")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--holdout", action="store_true", help="with --show-misses: holdout too")
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
    messages = load_messages(args.messages) if args.messages.is_dir() else []
    if messages:
        messages_quality(engine, messages, args.show_misses, args.holdout)
    else:
        print(f"(skipping messages: no *.jsonl in {args.messages})")
    texts = [row.text for rows in corpora.values() for row in rows]
    if texts:
        speed(engine, texts, max(1, args.rounds))
    if messages:
        timing(engine, messages)
    if GOALS:
        print("\n== goals (CPU time) ==")
        print("\n".join(GOALS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
