"""No function outside the risk engine is rated D or worse by radon (cyclomatic complexity).

The risk engine (`bot/risk/`) is exempt until it is split along its seams
(issue 18); `.ci/worst_blocks.py` prints its worst blocks on every CI run.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parent.parent
WAITING = ROOT / "bot" / "risk"


def test_nothing_rated_d_or_worse_outside_the_risk_engine():
    worse = []
    for package in ("core", "storage", "bot"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.is_relative_to(WAITING):
                continue
            for block in cc_visit(path.read_text(encoding="utf-8")):
                if cc_rank(block.complexity) > "C":
                    where = f"{path.relative_to(ROOT)}:{block.lineno}"
                    worse.append(f"{where} {block.fullname} {cc_rank(block.complexity)}")
    assert worse == []


def test_the_rank_is_read_as_radon_rates():
    assert cc_rank(10) == "B" and cc_rank(20) == "C" and cc_rank(21) == "D"
