"""No function in `core`, `storage` or `bot` is rated D or worse by radon (cyclomatic
complexity). The risk engine was split along its seams (issue 18): wrappers, remote
runners, uploaders, SQL statement readers, IaC judges and the prose judges are small
readers now; `.ci/worst_blocks.py` prints the worst blocks on every CI run.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parent.parent


def _blocks() -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for package in ("core", "storage", "bot"):
        for path in sorted((ROOT / package).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            for block in cc_visit(path.read_text(encoding="utf-8")):
                key = (where, block.fullname)
                found[key] = max(found.get(key, 0), block.complexity)
    return found


def test_nothing_rated_d_or_worse() -> None:
    worse = sorted(
        f"{where} {name} {cc_rank(complexity)} ({complexity})"
        for (where, name), complexity in _blocks().items()
        if cc_rank(complexity) > "C"
    )
    assert worse == []


def test_the_rank_is_read_as_radon_rates() -> None:
    assert cc_rank(10) == "B" and cc_rank(20) == "C" and cc_rank(21) == "D"
