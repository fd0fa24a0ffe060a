"""Every 64 KB adversarial input of the benchmark is assessed in linear-ish time.

Not a timing test of the goal (50 ms, `bench/risk.py`): a growth check that a
quadratic scan or a backtracking regex breaks (these inputs took 0.7 s to 2.7 s
before their scans were made linear), with the example configuration, whose custom
rule runs on every instruction. See `tests/growth.py` for why it compares each input
with its first quarter rather than with a bound in seconds.
"""

from __future__ import annotations

import pytest

from bench.risk import adversarial_64kb
from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine
from tests.growth import assert_linear


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    engine = RiskEngine(load_config(EXAMPLE_CONFIG))
    for text in adversarial_64kb().values():  # first-use costs are not the input's
        engine.assess(text[:2000])
    return engine


@pytest.mark.parametrize("name", sorted(adversarial_64kb()))
def test_adversarial_input_is_assessed_in_bounded_time(engine: RiskEngine, name: str) -> None:
    assert_linear(engine.assess, adversarial_64kb()[name], name)


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
    assert_linear(engine.assess, text, text[:12])
