"""The shell parse budget counts parser work, not time: one input, one decision.

A wall-clock deadline held a 64 KB command under load and allowed it when the machine
was idle. These tests run the same inputs with the clocks jumping or frozen.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator

import pytest

from bot.config import TwoKeyConfig
from bot.risk.engine import RiskEngine
from bot.risk.shell import assess_shell
from bot.risk.shell_rules import TOO_COMPLEX

_UNDER_BUDGET = "echo " + "word " * 2_000
"""One command (so the 400-command cap is not what decides), ~10 KB, ~90 progress checks."""
_OVER_BUDGET = "echo " + "word " * 15_000
"""The same command, ~75 KB: more parser work than the budget allows."""
_CLOCKS = ("perf_counter", "monotonic", "thread_time", "process_time", "time")


def _rules(command: str) -> set[str]:
    return {f.rule for f in assess_shell(command).findings}


def _patch_clocks(monkeypatch: pytest.MonkeyPatch, clock: Callable[[], float]) -> None:
    for name in _CLOCKS:
        monkeypatch.setattr(time, name, clock)
        monkeypatch.setattr(time, f"{name}_ns", lambda: int(clock() * 1e9))


def _jumping() -> Callable[[], float]:
    """A process descheduled for a second between any two clock reads."""
    ticks: Iterator[int] = itertools.count()
    return lambda: float(next(ticks))


def test_a_command_over_the_budget_is_held_as_too_large_to_read() -> None:
    result = assess_shell(_OVER_BUDGET)
    assert result.parse_failed
    held = [f for f in result.findings if f.rule == TOO_COMPLEX.id]
    assert held and "too long" in held[0].reason
    assert RiskEngine(TwoKeyConfig()).assess(_OVER_BUDGET).decision != "allow"


def test_a_command_under_the_budget_is_read() -> None:
    result = assess_shell(_UNDER_BUDGET)
    assert not result.parse_failed
    assert not result.findings


def test_a_slowed_process_reads_what_an_idle_one_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    idle = assess_shell(_UNDER_BUDGET)
    _patch_clocks(monkeypatch, _jumping())
    slowed = assess_shell(_UNDER_BUDGET)
    assert slowed.findings == idle.findings
    assert slowed.parse_failed == idle.parse_failed


def test_a_stopped_clock_does_not_let_an_oversized_command_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _patch_clocks(monkeypatch, lambda: 0.0)
    assert TOO_COMPLEX.id in _rules(_OVER_BUDGET)
