"""Measure the shell detector on the labelled corpus: recall, false alarms, speed.

Run: .venv/bin/python bench/shell_corpus.py [path/to/shell-commands.jsonl] [--show-misses]

Scoring (shared/benchmarks/README.md): a `risky` row must get at least one
finding whose verdict is require_approval or block; a `benign` row none. Each
row goes through `normalize()` then `assess_shell()` on the normalized text and
on every decoded payload; obfuscation findings from `normalize()` count too.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from bot.risk.model import Finding
from bot.risk.normalize import normalize
from bot.risk.shell import assess_shell

DEFAULT_CORPUS = Path("/work/shared/benchmarks/shell-commands.jsonl")


def findings_for(text: str) -> list[Finding]:
    norm = normalize(text)
    found = list(norm.findings)
    for payload in [norm.text, *norm.decoded]:
        found += assess_shell(payload).findings
    return [f for f in found if f.verdict in ("require_approval", "block")]


def _pct(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * q))] * 1e3


def main(argv: list[str]) -> int:
    show = "--show-misses" in argv
    paths = [a for a in argv if not a.startswith("--")]
    corpus = Path(paths[0]) if paths else DEFAULT_CORPUS
    rows = [
        json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for row in rows:
        flagged = bool(findings_for(row["text"]))
        cat = row["category"] or "(uncategorised)"
        label = row["label"]
        for key in (cat, "ALL"):
            stats[key][label] += 1
            if label == "risky" and flagged:
                stats[key]["caught"] += 1
            if label == "benign" and flagged:
                stats[key]["false_alarm"] += 1
        if (label == "risky") != flagged:
            rules = ",".join(f.rule for f in findings_for(row["text"]))
            kind = "MISS" if label == "risky" else "FALSE"
            misses.append(f"  {kind:5} [{cat}] {row['text'][:110]!r} {rules}")

    def line(name: str, s: dict[str, int]) -> str:
        recall = s["caught"] / s["risky"] if s["risky"] else float("nan")
        fa = s["false_alarm"] / s["benign"] if s["benign"] else float("nan")
        return (
            f"{name:28} risky {s['risky']:4}  recall {recall:6.3f}   "
            f"benign {s['benign']:4}  false-alarm {fa:6.3f}"
        )

    print(f"corpus: {corpus} ({len(rows)} rows)")
    print(line("ALL", stats["ALL"]))
    for name in sorted(k for k in stats if k != "ALL"):
        print(line(name, stats[name]))
    if show:
        print("\n".join(misses))

    # Speed: every row through normalize + assess_shell, several rounds.
    texts = [r["text"] for r in rows]
    for t in texts[:50]:
        findings_for(t)
    rounds = 5
    timings: list[float] = []
    for _ in range(rounds):
        for t in texts:
            start = time.perf_counter()
            findings_for(t)
            timings.append(time.perf_counter() - start)
    best: dict[str, float] = {}
    for i, t in enumerate(timings):
        text = texts[i % len(texts)]
        best[text] = min(best.get(text, t), t)
    timings.sort()
    best_sorted = sorted(best.values())
    mean = statistics.fmean(timings) * 1e3
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"speed (normalize + assess_shell, {len(timings)} runs = {rounds} rounds x "
        f"{len(texts)} rows, load avg {load:.1f} on {os.cpu_count()} cores):"
    )
    print(
        f"  all runs      mean {mean:.3f} ms  p50 {_pct(timings, 0.5):.3f} ms  "
        f"p99 {_pct(timings, 0.99):.3f} ms  max {timings[-1] * 1e3:.3f} ms  "
        f"{1e3 / mean:,.0f}/s single-threaded"
    )
    print(
        f"  best of {rounds}/row p50 {_pct(best_sorted, 0.5):.3f} ms  "
        f"p99 {_pct(best_sorted, 0.99):.3f} ms  (less sensitive to other processes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
