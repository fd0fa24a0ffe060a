"""Identity check for engine refactors: every assessment of every corpus, old tree vs new.

    .venv/bin/python bench/identity.py --base /tmp/base-tree [--opaque FILE.jsonl ...]

Speed work must not change a single verdict. This script assesses every row of the
shell, exposure, SQL and messages corpora, ~3 KB messages joined from the messages
corpus and the 64 KB adversarial inputs of bench/risk.py, once with the engine of
`--base` (a `git archive` of the unchanged tree) and once with this tree's engine, each
in its own process, and compares the full assessments (decision, risk, findings with
rule ids, reasons and evidence, data, masked text). It prints the differing rows and
exits 1 if any differ.

`--opaque` files are JSONL inputs (a `text` field) whose text must not be shown: only
their row numbers are reported when an assessment differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHELL = ROOT.parent / "shared" / "benchmarks" / "shell-commands.jsonl"
DATA = ROOT / "bench" / "data"


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def inputs(opaque: list[Path]) -> list[tuple[str, str, bool]]:
    """(row key, text, shown) for every input; opaque rows are never shown."""
    sys.path.insert(0, str(ROOT))
    from bench.risk import _joined_3kb, adversarial_64kb

    rows: list[tuple[str, str, bool]] = []
    files = [SHELL, DATA / "exposure.jsonl", DATA / "sql.jsonl"]
    files += sorted((DATA / "messages").glob("*.jsonl"))
    messages: list[str] = []
    for path in files:
        texts = _texts(path)
        if path.parent.name == "messages":
            messages += texts
        rows += [(f"{path.name}:{i + 1}", text, True) for i, text in enumerate(texts)]
    rows += [(f"joined-3kb:{i + 1}", t, True) for i, t in enumerate(_joined_3kb(messages))]
    rows += [(f"64kb:{name}", text, False) for name, text in adversarial_64kb().items()]
    for path in opaque:
        rows += [(f"{path.name}:{i + 1}", t, False) for i, t in enumerate(_texts(path))]
    return rows


def dump(tree: Path, opaque: list[Path]) -> None:
    """Child mode: assess every input with `tree`'s engine, one JSON line per row."""
    rows = inputs(opaque)
    sys.path.insert(0, str(tree))
    for name in [m for m in sys.modules if m == "bot" or m.startswith("bot.")]:
        del sys.modules[name]
    from bot.config import EXAMPLE_CONFIG
    from bot.config_file import load_config
    from bot.risk.engine import RiskEngine

    engine = RiskEngine(load_config(EXAMPLE_CONFIG))
    for key, text, _ in rows:
        result = engine.assess(text).model_dump(mode="json")
        print(json.dumps([key, result], ensure_ascii=False, sort_keys=True))


def _run(tree: Path, opaque: list[Path]) -> list[tuple[str, dict[str, object]]]:
    args = [sys.executable, __file__, "--dump", str(tree)]
    args += [a for p in opaque for a in ("--opaque", str(p))]
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=tree).stdout
    return [tuple(json.loads(line)) for line in out.splitlines()]  # type: ignore[misc]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", type=Path, help="the unchanged tree to compare against")
    ap.add_argument("--opaque", type=Path, action="append", default=[])
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        dump(args.dump.resolve(), args.opaque)
        return 0
    if not args.base:
        ap.error("--base is required")
    shown = {key: show for key, _, show in inputs(args.opaque)}
    old = _run(args.base.resolve(), args.opaque)
    new = _run(ROOT, args.opaque)
    if [k for k, _ in old] != [k for k, _ in new]:
        print("row lists differ")
        return 1
    differ = [(k, a, b) for (k, a), (_, b) in zip(old, new, strict=True) if a != b]
    for key, a, b in differ:
        print(f"DIFFERS {key}")
        if shown[key]:
            print(f"  old: {json.dumps(a, ensure_ascii=False)[:600]}")
            print(f"  new: {json.dumps(b, ensure_ascii=False)[:600]}")
    print(f"{len(old)} rows compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
