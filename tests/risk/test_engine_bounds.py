"""Every 64 KB adversarial input of the benchmark is assessed in linear-ish time.

Not a timing test of the goal (50 ms, `bench/risk.py`): a growth check that a
quadratic scan or a backtracking regex breaks (these inputs took 0.7 s to 2.7 s
before their scans were made linear), with the example configuration, whose custom
rule runs on every instruction. It compares the whole input with its first quarter
on the same machine (linear work grows about 4x, quadratic 16x), so a slow or busy
machine does not fail it; the absolute bound is only a backstop for a hang.
"""

from __future__ import annotations

import time

import pytest

from bench.risk import adversarial_64kb
from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine

_GROWTH = 8.0  # whole input vs its first quarter: linear ≈ 4, quadratic ≈ 16
_SLACK_SECONDS = 0.03  # timer noise on inputs that cost almost nothing
_BACKSTOP_SECONDS = 5.0


def _cpu(engine: RiskEngine, text: str) -> float:
    """The least CPU time of two runs: the other run absorbs a neighbour's burst."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        engine.assess(text)
        best = min(best, time.process_time() - started)
    return best


def _assert_linear(engine: RiskEngine, text: str, name: str) -> None:
    whole = _cpu(engine, text)
    quarter = _cpu(engine, text[: len(text) // 4])
    assert whole < _BACKSTOP_SECONDS, name
    assert whole < _GROWTH * quarter + _SLACK_SECONDS, (name, whole, quarter)


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    engine = RiskEngine(load_config(EXAMPLE_CONFIG))
    for text in adversarial_64kb().values():  # first-use costs are not the input's
        engine.assess(text[:2000])
    return engine


@pytest.mark.parametrize("name", sorted(adversarial_64kb()))
def test_adversarial_input_is_assessed_in_bounded_time(engine: RiskEngine, name: str) -> None:
    _assert_linear(engine, adversarial_64kb()[name], name)


@pytest.mark.parametrize(
    "text",
    [
        "psql " * 13_000,  # the example rule's first program, never its host
        "GRANT " * 11_000,
        "mysql -h db " * 5_500,
        "password " + "a." * 32_000,
    ],
    ids=["psql", "grant", "mysql", "dotted"],
)
def test_repeated_anchors_stay_linear(engine: RiskEngine, text: str) -> None:
    _assert_linear(engine, text, text[:12])
