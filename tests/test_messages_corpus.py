"""The messages corpus (bench/data/messages) follows its spec, and the loader enforces it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.messages import CATEGORIES, STYLES, CorpusError, load_messages, split_of

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "data" / "messages"


def test_the_corpus_loads_and_every_twin_pairs_one_risky_with_one_benign() -> None:
    rows = load_messages(CORPUS)
    assert rows, "the corpus directory holds no rows"
    labels = Counter(row.risky for row in rows)
    assert labels[True] == labels[False]
    assert {row.split for row in rows} == {"dev", "holdout"}


def test_english_rows_cover_every_style_and_category() -> None:
    english = [row for row in load_messages(CORPUS) if row.lang == "en"]
    per_style = Counter(row.style for row in english)
    assert {style: per_style[style] >= 70 for style in STYLES} == dict.fromkeys(STYLES, True)
    risky_per_category = Counter(row.category for row in english if row.risky)
    assert set(risky_per_category) == CATEGORIES


def _pair(**change: str) -> list[dict[str, str]]:
    base = {
        "text": "drop the staging table",
        "style": "prose",
        "lang": "en",
        "category": "destroy.data",
        "twin": "t-1",
        "why": "w",
    }
    risky = {**base, "id": "a", "label": "risky"}
    benign = {**base, "id": "b", "label": "benign", "text": "list the staging tables"}
    benign.update(change)
    return [risky, benign]


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return tmp_path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"style": "shell"}, "style"),
        ({"lang": "it"}, "lang"),
        ({"category": "destroy.everything"}, "category"),
        ({"label": "risky"}, "exactly one risky"),
        ({"id": "a"}, "already used"),
        ({"category": "export"}, "differ in category"),
        ({"style": "doc"}, "differ in style"),
        ({"why": ""}, "why"),
    ],
)
def test_the_loader_rejects_rows_that_break_the_spec(
    tmp_path: Path, change: dict[str, str], message: str
) -> None:
    with pytest.raises(CorpusError, match=message):
        load_messages(_write(tmp_path, _pair(**change)))


def test_the_loader_rejects_invalid_json_and_lone_rows(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"id": "a",\n')
    with pytest.raises(CorpusError, match="invalid JSON"):
        load_messages(tmp_path)
    with pytest.raises(CorpusError, match="exactly one risky"):
        load_messages(_write(tmp_path, _pair()[:1]))


def test_the_split_is_the_hash_of_the_twin_id() -> None:
    assert split_of("plan-t15") == split_of("plan-t15")
    splits = Counter(split_of(f"t{i}") for i in range(400))
    assert 60 < splits["holdout"] < 140  # about a quarter
