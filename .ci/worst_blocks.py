"""Print the five most complex functions (radon's cyclomatic complexity), worst first.

Informational: the issue-18 goal is nothing rated D or worse outside data tables;
this keeps the worst in sight on every CI run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from radon.complexity import cc_rank, cc_visit

ROOTS = ("bot", "core", "storage")


def main(top: int = 5) -> None:
    root = Path(__file__).resolve().parent.parent
    blocks = []
    for package in ROOTS:
        for path in sorted((root / package).rglob("*.py")):
            for block in cc_visit(path.read_text(encoding="utf-8")):
                blocks.append((block.complexity, f"{path.relative_to(root)}:{block.lineno}", block))
    blocks.sort(key=lambda b: (-b[0], b[1]))
    worse_than_c = sum(1 for complexity, _, _ in blocks if cc_rank(complexity) > "C")
    print(f"radon: {worse_than_c} blocks rated D or worse; the worst {top}:")
    for complexity, where, block in blocks[:top]:
        print(f"  {cc_rank(complexity)} ({complexity:3d})  {where}  {block.fullname}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
