"""The learned second opinion's experiment (bench/learned.py): features, fit and combining."""

from __future__ import annotations

from bench.learned import (
    READ_CHARS,
    Item,
    lower_hold,
    pick_threshold,
    rates,
    rules_or_model,
    text_features,
    train,
)


def _item(text: str, risky: bool, held: bool = False, group: str = "g") -> Item:
    return Item(text, risky, group, "dev", held, False, text_feats=text_features(text))


def test_features_fold_digits_and_case_and_read_cjk_by_characters() -> None:
    feats = text_features("Drop TABLE orders_2024 在生产库删除")
    assert "w:drop" in feats and "w:orders_0000" in feats
    assert "b:drop table" in feats
    assert "c:删除" not in feats and "c:库删除" in feats  # 3-grams at least


def test_features_read_only_the_start_of_a_huge_text() -> None:
    assert text_features("a" * READ_CHARS + " zzzz") == text_features("a" * READ_CHARS)


def test_a_fit_separates_risky_from_benign_look_alikes() -> None:
    rows = []
    for n in range(20):
        rows.append(_item(f"please force delete the prod cluster {n} now", True, group=str(n)))
        rows.append(_item(f"please list the pods of the prod cluster {n} now", False, group=str(n)))
    model = train(rows, rules=False, l2=1e-4)
    risky = model.score(text_features("force delete the prod cluster 99"))
    benign = model.score(text_features("list the pods of the prod cluster 99"))
    assert risky > 0.5 > benign


def test_the_model_only_adds_holds_and_the_threshold_keeps_the_budget() -> None:
    held = _item("x", True, held=True)
    assert rules_or_model(held, 0.0, 0.9)  # a rule's hold stands whatever the model says
    assert not lower_hold(held, 0.0, 0.5)  # the reverse question, reported only
    benign = [_item(f"b{n}", False) for n in range(100)]
    scores = [n / 100 for n in range(100)]
    t = pick_threshold(benign, scores, budget=0.02)
    assert rates(benign, scores, rules_or_model, t) == (0.0, 0.02)
