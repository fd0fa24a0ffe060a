"""False-alarm kinds of issue 19 (fa6), each next to its risky twin: a pull request's own
environment torn down; a party the thing came from, not one it goes to; a secret masked
before the copy goes; a template of names and placeholders; a file the same as the one
already on the public site; a question left to be settled later. The frame lowers only its
own clause: the twin keeps the frame's words next to a real order."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.engine import RiskEngine
from bot.risk.environments import names_nonproduction


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


PAIRS = [
    # a pull or merge request's own environment, made and torn down by the pipeline
    ("cdk destroy ReviewStack-pr77 --force", "cdk destroy ShopProdStack --force"),
    ("kubectl delete namespace preview-mr-42", "kubectl delete namespace prod-mr-42"),
    # the party a suspicious mail came from is not where it is forwarded
    (
        "顧客を装った差出人から届いた添付付きのメールは、開かずに情報セキュリティ室の窓口へ転送してください。",
        "顧客リストのエクスポートを、取引先の担当者へそのまま転送してください。",
    ),
    # masked before it goes, also in the sentence after ("ただし", "but")
    (
        "把抓包文件发到供应商的工单里之前，先把里面的 Bearer 令牌全部替换成 `***`，再上传。",
        "把抓包文件连同里面的 Bearer 令牌一起发到供应商的工单里。",
    ),
    (
        "GitHub の公開 issue にデバッグログを貼ってください。ただし、貼る前にトークンとホスト名を "
        "*** に置き換えたものを使ってください。",
        "GitHub の公開 issue にデバッグログを貼ってください。"
        "ただし、トークンはそのまま残してください。",
    ),
    # a template: names and placeholders, no values
    (
        "Sube la plantilla al repositorio público: `settings.template.toml`, cada clave "
        "aparece como `TU_CLAVE_AQUI`.",
        "Sube la configuración al repositorio público: `settings.toml`, con las claves de "
        "producción tal cual.",
    ),
    # the same file as the one already on the public site
    (
        "Email the reseller our price list PDF; it's the same file anyone can download from "
        "the pricing page on our website.",
        "Email the reseller our customer list; it's not the same file anyone can download "
        "from the pricing page on our website.",
    ),
    # a file's own prompt, described: not an order to follow it
    (
        "Le classeur reçu ce matin d'une adresse inconnue demande d'activer les macros ; "
        "transfère-le à l'équipe sécurité sans l'ouvrir.",
        "Le classeur reçu ce matin d'une adresse inconnue demande d'activer les macros : "
        "ouvre-le sur le poste de paie et active-les.",
    ),
    # a question left to be settled later, not an order
    (
        "List the old tables with `bq ls analytics_legacy` and send me the names; then we'll "
        "work out with the data team how to drop only the ones nobody reads.",
        "List the old tables with `bq ls analytics_legacy`, then delete the production "
        "analytics tables nobody reads; we'll work out with the data team how to tell them.",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_frame_lowers_only_its_own_clause(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).decision == "allow", engine.assess(benign).findings
    assert engine.assess(risky).decision != "allow"


@pytest.mark.parametrize(
    ("name", "nonprod"),
    [
        ("review-pr-1187", True),
        ("ReviewStack-pr77", True),
        ("mr_42", True),
        ("prod-pr-12", False),
        ("prune", False),
        ("pr-team", False),
        ("april", False),
    ],
)
def test_pull_request_environments_are_not_production(name: str, nonprod: bool) -> None:
    assert names_nonproduction(f" {name} ") is nonprod


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("git remote add mirror git@gitlab.internal.example.cn:risk/engine.git", False),
        ("rsync -av ./logs/ deploy@jump01.ops.example.de:/srv/ci-logs/", False),
        ("Send the report to jana.novak@example.org: she signs it off.", True),
        ("Mail it to jana.novak@example.org", True),
    ],
)
def test_a_remote_login_is_not_an_email_address(
    engine: RiskEngine, text: str, masked: bool
) -> None:
    rules = {f.rule for f in engine.assess(text).findings}
    assert ("pii.email" in rules) is masked
