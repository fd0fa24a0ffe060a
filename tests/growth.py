"""A growth check for "this stays linear" tests, in place of a wall or CPU bound.

A bound in seconds fails on a slow or busy machine and passes a quadratic scan on a
fast one. Comparing an input with its own first quarter, on the same machine in the
same second, does neither: linear work grows about 4x, quadratic about 16x.
"""

from __future__ import annotations

import time
from collections.abc import Callable

GROWTH = 8.0  # whole input vs its first quarter: linear ≈ 4, quadratic ≈ 16
SLACK_SECONDS = 0.03  # timer noise on inputs that cost almost nothing
BACKSTOP_SECONDS = 5.0  # only for a hang


def cpu_seconds(run: Callable[[str], object], text: str, tries: int = 2) -> float:
    """The least CPU time of `tries` runs: the others absorb a neighbour's burst."""
    best = float("inf")
    for _ in range(tries):
        started = time.process_time()
        run(text)
        best = min(best, time.process_time() - started)
    return best


def assert_linear(run: Callable[[str], object], text: str, name: str = "") -> None:
    whole = cpu_seconds(run, text)
    quarter = cpu_seconds(run, text[: len(text) // 4])
    assert whole < BACKSTOP_SECONDS, name
    assert whole < GROWTH * quarter + SLACK_SECONDS, (name, whole, quarter)
