"""A learned second opinion beside the rule engine: train on dev, judge once on holdout.

    PYTHONPATH=$PWD .venv/bin/python bench/learned.py [--messages DIR] [--no-extras]
                                                      [--folds 5] [--budget 0.005]
                                                      [--write-weights PATH]

Issue 19's experiment: can a small logistic regression, trained only on the dev rows
of the messages corpus (plus the shell and exposure corpora), lift what the hand rules
catch on holdout rows, whose phrasing no rule was written from?

Features generalize across phrasing and languages: word unigrams and bigrams after
light normalisation (NFKC, lower case, digits folded to 0), character 3–5-grams (CJK
and morphology), and the rule engine's own signals (each finding's rule, category
and verdict, the decision, the classification of the data it names), even when it
allows. Rows are L2-normalised binary vectors; the vocabulary is every feature seen
in at least two training rows; weights are fit by Adagrad SGD with L2 shrinkage.
Pure Python: the runtime has no numpy, and ~2,000 short rows train in seconds.

Nothing is chosen on holdout. The configuration (text alone or with the engine's
signals, with or without the extra corpora) and the threshold are chosen by
cross-validation inside dev, grouped by twin so a risky row and its benign
look-alike never sit on both sides. The threshold is the lowest at which, out of
fold, the model's extra holds on dev benign rows stay within `--budget` of them.
The `lead-probe*` files are never trained on (they are a blind probe); all of
their rows are reported apart as a second unseen set.

Then one evaluation on holdout: rules alone; rules OR model (the model can only add
a hold); model alone; the model raising only an allow that carries a lowered or
allow-level finding; and, reported but never shipped, the model lowering a rule's
hold when p is very low. Adoption (issue 19's brief): holdout recall up ≥ 0.03 while
false alarms rise ≤ 0.01.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.messages import load_messages  # noqa: E402
from bot.config import EXAMPLE_CONFIG  # noqa: E402
from bot.config_file import load_config  # noqa: E402
from bot.risk.engine import RiskEngine  # noqa: E402
from bot.risk.model import Assessment  # noqa: E402

DEFAULT_MESSAGES = ROOT / "bench" / "data" / "messages"
DEFAULT_EXPOSURE = ROOT / "bench" / "data" / "exposure.jsonl"
DEFAULT_SHELL = ROOT.parent / "shared" / "benchmarks" / "shell-commands.jsonl"
PROBE_PREFIX = "lead-probe"
READ_CHARS = 4000
"""The model reads the first 4,000 characters: enough for any message of the corpus, and
a 64 KB input costs no more than a long reply (the model only ever adds a hold)."""

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


# -- features -----------------------------------------------------------------------------------


def text_features(text: str) -> set[str]:
    """Word 1–2-grams and character 3–5-grams of the lightly normalised text."""
    t = _DIGIT.sub("0", unicodedata.normalize("NFKC", text[:READ_CHARS]).lower())
    words = _WORD.findall(t)
    out = {"w:" + w for w in words}
    out.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    s = " " + _SPACE.sub(" ", t).strip() + " "
    for n in (3, 4, 5):
        out.update("c:" + s[i : i + n] for i in range(len(s) - n + 1))
    return out


def signal_features(assessment: Assessment) -> set[str]:
    """What the rule engine said, including findings it allowed."""
    out = {"d:" + assessment.decision}
    for f in assessment.findings:
        out.update(("r:" + f.rule, "k:" + f.category, "v:" + f.verdict))
    out.update("cl:" + d.classification for d in assessment.data)
    return out


# -- data ---------------------------------------------------------------------------------------


@dataclass
class Item:
    text: str
    risky: bool
    group: str
    split: str  # dev | holdout | probe | extra
    held: bool  # the rule engine's decision is not allow
    soft: bool  # allowed, but with a finding the engine lowered or kept at allow
    lang: str = "-"
    style: str = "-"
    text_feats: set[str] = field(default_factory=set)
    rule_feats: set[str] = field(default_factory=set)


def _jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_items(engine: RiskEngine, messages: Path, extras: bool) -> list[Item]:
    items: list[Item] = []

    def add(text: str, risky: bool, group: str, split: str, lang: str = "-", style: str = "-"):
        a = engine.assess(text)
        held = a.decision != "allow"
        soft = not held and bool(a.findings)
        items.append(Item(text, risky, group, split, held, soft, lang, style, text_features(text)))
        items[-1].rule_feats = signal_features(a)

    for row in load_messages(messages):
        split = "probe" if row.source.startswith(PROBE_PREFIX) else row.split
        if split == "probe" and row.split == "holdout":
            split = "probe-holdout"  # counted in holdout too, as bench/risk.py does
        add(row.text, row.risky, row.twin, split, row.lang, row.style)
    if extras:
        for path, tag in ((DEFAULT_SHELL, "shell"), (DEFAULT_EXPOSURE, "exposure")):
            if not path.exists():
                print(f"(skipping {tag}: {path} not found)")
                continue
            for i, obj in enumerate(_jsonl(path)):
                group = f"{tag}:{obj.get('twin') or i}"
                add(obj["text"], obj["label"] == "risky", group, "extra")
    return items


# -- the model ----------------------------------------------------------------------------------


@dataclass
class Model:
    weights: dict[str, float]
    bias: float

    def score(self, feats: Iterable[str]) -> float:
        present = [w for f in feats if (w := self.weights.get(f)) is not None]
        z = self.bias + (sum(present) / math.sqrt(len(present)) if present else 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _feats(item: Item, rules: bool) -> set[str]:
    return item.text_feats | item.rule_feats if rules else item.text_feats


def train(items: Sequence[Item], rules: bool, l2: float, epochs: int = 12, seed: int = 7) -> Model:
    """Logistic regression by Adagrad SGD; vocabulary: features in ≥ 2 training rows.
    Each row's vector is binary over the vocabulary, scaled to unit length."""
    df: Counter[str] = Counter()
    for item in items:
        df.update(_feats(item, rules))
    vocab = {f for f, n in df.items() if n >= 2}
    rows = [(sorted(_feats(i, rules) & vocab), 1.0 if i.risky else 0.0) for i in items]
    pos = sum(y for _, y in rows)
    balance = {1.0: len(rows) / (2 * max(pos, 1)), 0.0: len(rows) / (2 * max(len(rows) - pos, 1))}
    w: dict[str, float] = dict.fromkeys(vocab, 0.0)
    g2: dict[str, float] = dict.fromkeys(vocab, 1e-8)
    bias, bias_g2, rate = 0.0, 1e-8, 0.5
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            fs, y = rows[k]
            if not fs:
                continue
            scale = 1.0 / math.sqrt(len(fs))
            z = bias + scale * sum(w[f] for f in fs)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) * balance[y]
            for f in fs:
                g = err * scale + l2 * w[f]
                g2[f] += g * g
                w[f] -= rate * g / math.sqrt(g2[f])
            bias_g2 += err * err
            bias -= rate * err / math.sqrt(bias_g2)
    return Model({f: round(v, 5) for f, v in w.items() if abs(v) >= 1e-4}, bias)


def _fold(group: str, folds: int) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % folds


def out_of_fold(
    items: Sequence[Item], extra: Sequence[Item], rules: bool, l2: float, folds: int
) -> list[float]:
    """p for every dev item from a model that never saw its twin."""
    scores = [0.0] * len(items)
    for k in range(folds):
        fit = [i for i in items if _fold(i.group, folds) != k] + list(extra)
        model = train(fit, rules, l2)
        for n, item in enumerate(items):
            if _fold(item.group, folds) == k:
                scores[n] = model.score(_feats(item, rules))
    return scores


# -- combining and measuring --------------------------------------------------------------------

Combine = Callable[[Item, float, float], bool]


def rules_only(item: Item, p: float, t: float) -> bool:
    return item.held


def rules_or_model(item: Item, p: float, t: float) -> bool:
    return item.held or p >= t


def model_alone(item: Item, p: float, t: float) -> bool:
    return p >= t


def raise_soft(item: Item, p: float, t: float) -> bool:
    return item.held or (item.soft and p >= t)


def lower_hold(item: Item, p: float, t: float) -> bool:
    """Reported only: TwoKey fails closed, so a model does not undo a rule's hold."""
    return item.held and p >= t


def rates(items: Sequence[Item], scores: Sequence[float], combine: Combine, t: float):
    risky = [combine(i, p, t) for i, p in zip(items, scores, strict=True) if i.risky]
    benign = [combine(i, p, t) for i, p in zip(items, scores, strict=True) if not i.risky]
    return sum(risky) / max(len(risky), 1), sum(benign) / max(len(benign), 1)


def pick_threshold(items: Sequence[Item], scores: Sequence[float], budget: float) -> float:
    """Lowest t whose extra holds on benign rows the rules allow stay within `budget`."""
    benign = [p for i, p in zip(items, scores, strict=True) if not i.risky]
    allowed = sorted(
        (p for i, p in zip(items, scores, strict=True) if not i.risky and not i.held),
        reverse=True,
    )
    spare = int(budget * len(benign))
    if spare >= len(allowed):
        return 0.0
    return min(0.999, allowed[spare] + 1e-6) if allowed else 0.5


def pick_lower(items: Sequence[Item], scores: Sequence[float], budget: float) -> float:
    """Highest t below which dropping a hold loses at most `budget` of risky rows."""
    risky = [i for i in items if i.risky]
    held = sorted(p for i, p in zip(items, scores, strict=True) if i.risky and i.held)
    spare = int(budget * len(risky))
    return held[spare] - 1e-6 if spare < len(held) else 1.0


def table(title: str, items: Sequence[Item], scores: Sequence[float], ways, key) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[key(item)].append(n)
    head = "".join(f"{name:>22}" for name, _, _ in ways)
    print(f"  {title:14} {'n':>5}{head}")
    for g in sorted(groups):
        sub = [items[n] for n in groups[g]]
        sc = [scores[n] for n in groups[g]]
        cells = "".join(
            "{:>22}".format("{:.3f} / {:.3f}".format(*rates(sub, sc, c, t))) for _, c, t in ways
        )
        print(f"  {g:14} {len(sub):5}{cells}")


# -- main ---------------------------------------------------------------------------------------


GRID = [(r, e, l2) for r in (False, True) for e in (False, True) for l2 in (1e-4, 1e-3)]


def choose(dev: list[Item], extra: list[Item], folds: int, budget: float, grid=GRID):
    """Every configuration scored out of fold on dev; the best by recall at the budget."""
    best = None
    print(f"\n== cross-validation on dev ({len(dev)} rows, {folds} folds grouped by twin) ==")
    rec, far = rates(dev, [0.0] * len(dev), rules_only, 0)
    print(f"  rules alone: recall {rec:.3f} / false alarms {far:.3f}")
    for rules, use_extra, l2 in grid:
        if use_extra and not extra:
            continue
        t0 = time.perf_counter()
        scores = out_of_fold(dev, extra if use_extra else [], rules, l2, folds)
        t = pick_threshold(dev, scores, budget)
        rec, far = rates(dev, scores, rules_or_model, t)
        alone = rates(dev, scores, model_alone, 0.5)
        name = f"{'text+rules' if rules else 'text'}{'+extras' if use_extra else ''}"
        print(
            f"  {name:20} l2={l2:g}  t={t:.3f}  OR: {rec:.3f} / {far:.3f}"
            f"  model alone @0.5: {alone[0]:.3f} / {alone[1]:.3f}"
            f"  ({time.perf_counter() - t0:.0f} s)"
        )
        if best is None or rec > best[0] + 1e-9:
            best = (rec, rules, use_extra, l2, t, scores)
    assert best is not None
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--messages", type=Path, default=DEFAULT_MESSAGES, metavar="DIR")
    ap.add_argument("--no-extras", action="store_true", help="messages dev rows only")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--budget", type=float, default=0.005, help="extra false alarms, CV")
    ap.add_argument("--write-weights", type=Path, default=None)
    ap.add_argument("--cv-only", action="store_true", help="stop before holdout")
    ap.add_argument(
        "--config",
        default=None,
        metavar="FEATURES:L2",
        help="skip the grid: e.g. text+rules:0.001 (a choice an earlier --cv-only run made)",
    )
    args = ap.parse_args()

    engine = RiskEngine(load_config(EXAMPLE_CONFIG))
    t0 = time.perf_counter()
    items = load_items(engine, args.messages, not args.no_extras)
    print(f"{len(items)} rows read and assessed in {time.perf_counter() - t0:.0f} s")
    dev = [i for i in items if i.split == "dev"]
    extra = [i for i in items if i.split == "extra"]
    grid = GRID
    if args.config:
        feats, l2_text = args.config.split(":")
        grid = [("rules" in feats, "extras" in feats, float(l2_text))]
    _, rules, use_extra, l2, t, dev_scores = choose(dev, extra, args.folds, args.budget, grid)
    t_soft = t  # the same bar: a lowered allow is raised only at the model's own threshold
    t_low = pick_lower(dev, dev_scores, args.budget)
    name = f"{'text+rules' if rules else 'text'}{'+extras' if use_extra else ''} l2={l2:g}"
    print(f"  chosen: {name}, t={t:.3f}; reverse (lower a hold) below {t_low:.3f}")
    if args.cv_only:
        return 0

    model = train(dev + (extra if use_extra else []), rules, l2)
    print(f"  final model: {len(model.weights)} weights")
    if args.write_weights:
        write_weights(model, args.write_weights, name, t)

    ways = [
        ("rules", rules_only, 0.0),
        ("rules OR model", rules_or_model, t),
        ("model alone", model_alone, t),
        ("model alone @0.5", model_alone, 0.5),
        ("raise soft allow", raise_soft, t_soft),
        ("lower hold (report)", lower_hold, t_low),
    ]
    print(f"\n== dev, out of fold: {len(dev)} rows; recall / false alarms ==")
    table("all", dev, dev_scores, ways, lambda i: "ALL")
    holdout = [i for i in items if i.split in ("holdout", "probe-holdout")]
    probe = [i for i in items if i.split.startswith("probe")]
    for title, rows in (("holdout (evaluated once)", holdout), ("lead-probe, all rows", probe)):
        scores = [model.score(_feats(i, rules)) for i in rows]
        print(f"\n== {title}: {len(rows)} rows; recall / false alarms ==")
        table("all", rows, scores, ways, lambda i: "ALL")
        table("lang", rows, scores, ways, lambda i: i.lang)
        table("style", rows, scores, ways, lambda i: i.style)
    speed(model, rules, [i for i in items if i.split == "dev"])
    return 0


def speed(model: Model, rules: bool, rows: Sequence[Item]) -> None:
    """Features and score for short texts (< 500 B): what the model would add per message."""
    texts = [i.text for i in rows if len(i.text.encode()) < 500]
    t0 = time.thread_time_ns()
    for text in texts:
        model.score(text_features(text))
    per = (time.thread_time_ns() - t0) / max(len(texts), 1) / 1e6
    print(f"\n== speed: {per:.3f} ms CPU per message < 500 B ({len(texts)} texts, text features)")


def write_weights(model: Model, path: Path, name: str, threshold: float) -> None:
    data = {"config": name, "threshold": round(threshold, 4), "bias": round(model.bias, 5)}
    data["weights"] = dict(sorted(model.weights.items()))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"  weights written to {path}")


if __name__ == "__main__":
    raise SystemExit(main())
