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
    """`run` on `text` costs at most about 4x what it costs on the first quarter of it."""
    _compare(run, text, text[: len(text) // 4], name)


def assert_linear_in(
    run: Callable[[str], object], make: Callable[[int], str], n: int, name: str = ""
) -> None:
    """Like `assert_linear` for an input whose end matters (`grant select`, n spaces, then
    the word that completes it): its first quarter would be another input, read another
    way, so the same shape is built at n and at n // 4."""
    _compare(run, make(n), make(n // 4), name)


def _compare(run: Callable[[str], object], text: str, quarter_text: str, name: str) -> None:
    whole = cpu_seconds(run, text)
    quarter = cpu_seconds(run, quarter_text)
    assert whole < BACKSTOP_SECONDS, name
    assert whole < GROWTH * quarter + SLACK_SECONDS, (name, whole, quarter)
