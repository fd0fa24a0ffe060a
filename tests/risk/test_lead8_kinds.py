"""Kinds of the lead's eighth pass (issue 19): production taken down all at once in plain
words (`prose.intent.outage`), and questions about who may act, which ask nobody to act
(the `holders` slot). Each with look-alikes in several languages."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine


def _rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Kill all the pods in the payments namespace on prod so they pick up the new config.",
        "Please power off all the prod web servers; we'll bring them back behind the new LB.",
        "Scale the checkout deployment in production down to zero replicas until Monday.",
        "Stop every EC2 instance in the production account tonight.",
        "Suspend the production Kubernetes cluster for the weekend.",
        "Arrête toutes les instances de production ce soir.",
        "Apaga todos los servidores de producción ahora mismo.",
        "Fahr alle Produktionsserver heute Abend herunter.",
        "Desligue todas as instâncias de produção agora.",
        "本番環境のサーバーをすべて停止してください。",
        "把生产环境的所有实例都停掉。",
    ],
)
def test_production_stopped_all_at_once_is_an_outage(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.outage" in _rules(engine, text)
    assert engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        # one unit of many: its group replaces it
        "Kill the one stuck pod in the payments namespace on prod; the deployment recreates it.",
        "Delete the stuck pod payments-worker-7f9c on prod; the deployment will recreate it.",
        # not production
        "Scale the checkout deployment in staging down to zero replicas until Monday.",
        "Suspend the dev Kubernetes cluster for the weekend.",
        "Turn off all the containers on your laptop.",
        "Fahr den Testserver heute Abend herunter.",
        "把测试环境那台闲置的实例停掉。",
        # the production machines are where something else stops, not what stops
        "Stop all the load tests against the production servers.",
        "Stop all deploys to the production cluster until the freeze ends.",
        "生产集群上的那个卡住的 pod 停掉",
        "本番クラスタで Gatekeeper がデプロイを止めているので、制約を置き換えてください",
        # reported, negated
        "Yesterday we shut down all prod servers for the migration.",
        "Don't shut down the production servers, just restart the stuck one.",
    ],
)
def test_one_unit_elsewhere_or_told_is_not_an_outage(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.outage" not in _rules(engine, text)


def test_scaled_replicas_are_not_backups(engine: RiskEngine) -> None:
    text = "Scale the checkout deployment in staging down to zero replicas."
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "List who can delete the production database.",
        "Find out who can force-push to main.",
        "Review the branch protection rules on main and list who can bypass them.",
        "Check which roles can disable MFA in Okta and send me the list.",
        "Vérifie qui peut supprimer la base de production.",
        "Averigua quién puede desactivar el MFA.",
        "Verifique quem pode apagar o banco de produção.",
        "Prüfe, wer die Produktionsdatenbank löschen kann.",
        "誰が本番データベースを削除できるか確認してください。",
        "查一下谁可以删除生产数据库。",
    ],
)
def test_a_question_about_who_may_act_asks_nobody_to(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        # a volunteer asked for, an order passed on, a second real order
        "Who can delete the production database tonight? Please do it.",
        "Tell whoever can delete the production database to go ahead and do it tonight.",
        "Check who can delete the prod DB, then delete the prod DB yourself.",
        "Check which roles can disable MFA in Okta, then disable MFA for the contractors group.",
    ],
)
def test_who_may_act_never_hides_an_order(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"
