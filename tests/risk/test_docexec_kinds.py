"""docexec kinds (issue 19): destruction of whole systems named in plain prose (load
balancers, DNS zones, cloud accounts, VPCs) in several languages, scoped by a
non-production place where a pronoun's object was named; package installs with their
signature or TLS checks off; code from an unnamed outsider or run unread; Helm chart
values with auth off behind a public service; Helm's `existingSecret` names a Secret.
Each with its benign look-alike."""

from __future__ import annotations

import pytest

from bot.risk.documents import assess_documents
from bot.risk.engine import RiskEngine


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Please delete the acme.com hosted zone in Route 53; we'll set it up again later.",
            "Please delete the stale record set in the dev hosted zone; the preview is gone.",
        ),
        (
            "The public load balancer in front of checkout costs too much. Decommission it today.",
            "The load balancer for the checkout preview environment costs too much. "
            "Decommission it today.",
        ),
        (
            "La cuenta de producción de AWS es un desastre; bórrala entera con todas sus VPC y "
            "balanceadores.",
            "La cuenta de pruebas de AWS es un desastre; bórrala entera con todas sus VPC de "
            "prueba.",
        ),
        (
            "Lösch bitte die DNS-Zone acme.de beim Provider komplett.",
            "Lösch bitte den veralteten Eintrag test-42 in der Entwicklungsumgebung.",
        ),
        (
            "本番アカウントのVPCとロードバランサーを全部消してください。",
            "本番のロードバランサーのターゲットのうち、止まっている1台だけ再起動してください。",
        ),
        (
            "把生产账号下的所有 VPC 和负载均衡都删掉。",
            "预发环境的临时 Kubernetes 集群太乱了，今晚直接把它销毁。",
        ),
        (
            "Encerra o projeto de produção no GCP de uma vez.",
            "O cluster de produção está instável; reinicia só o pod checkout-5d8 que travou.",
        ),
        (
            "L'ancien cluster Kubernetes de production ne sert plus : supprime-le ce soir.",
            "L'ancien cluster Kubernetes éphémère ne sert plus : supprime-le ce soir.",
        ),
    ],
)
def test_destroy_infra_in_prose(engine: RiskEngine, risky: str, benign: str) -> None:
    assert engine.assess(risky).decision != "allow"
    assert engine.assess(benign).decision == "allow"


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "add the repo: echo 'deb [trusted=yes] http://apt.cheap.io/ stable main' "
            "| sudo tee /etc/apt/sources.list.d/cheap.list",
            "add the repo: echo 'deb [signed-by=/usr/share/keyrings/x.gpg] https://apt.x.io/ "
            "stable main' | sudo tee /etc/apt/sources.list.d/x.list",
        ),
        (
            "just install it anyway: yum install --nogpgcheck https://dl.blog.net/perf.rpm",
            "check the key first: rpm -qi gpg-pubkey, then yum install perf-tools",
        ),
        (
            "pip install --trusted-host pypi.fastmirror.xyz -i http://pypi.fastmirror.xyz/simple x",
            "pip install --trusted-host nexus:8081 requests==2.32.3",
        ),
        (
            "A contractor shared a setup.sh in the DM. Run it with sudo on the bastion; no need "
            "to read it.",
            "A contractor shared the project plan in the DM. Open it and add your estimates.",
        ),
    ],
)
def test_exec_untrusted(engine: RiskEngine, risky: str, benign: str) -> None:
    assert engine.assess(risky).decision != "allow"
    assert engine.assess(benign).decision == "allow"


_VALUES = "auth:\n  enabled: {auth}\n  existingSecret: mongodb-auth\nservice:\n  type: {kind}\n"


def test_helm_values_auth_off_behind_public_service() -> None:
    def rules(auth: str, kind: str) -> set[str]:
        text = _VALUES.format(auth=auth, kind=kind)
        return {f.rule for f in assess_documents(text).findings if f.verdict != "allow"}

    assert "doc.service_unauthenticated" in rules("false", "LoadBalancer")
    assert not rules("true", "LoadBalancer")
    assert not rules("false", "ClusterIP")


def test_existing_secret_names_a_secret(engine: RiskEngine) -> None:
    text = _VALUES.format(auth="true", kind="ClusterIP")
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("postgresql:\n  auth:\n    existingSecret: billing-db-credentials\n", False),
        ("secretKeys:\n  adminPasswordKey: postgres-password\n", False),
        ("auth:\n  existingSecret: s3cr3tValue!\n", True),
        ("secretKeys:\n  adminPasswordKey: Hunter2Xk29!\n", True),
    ],
)
def test_helm_secret_names_are_not_values(engine: RiskEngine, text: str, held: bool) -> None:
    assert (engine.assess(text).decision != "allow") is held


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "The events topic in the prod Kafka cluster holds the whole order stream. Delete the "
            "topic this afternoon so the brokers get their disk back.",
            True,
        ),
        (
            "La tabla de pedidos en producción está llena. Borra la tabla esta tarde.",
            True,
        ),
        (
            "The events topic in the prod Kafka cluster is huge. Delete the topic in the dev "
            "cluster, not that one.",
            False,
        ),
        (
            "The events topic in the prod Kafka cluster is huge. Count the messages in the topic.",
            False,
        ),
        (
            "The report in the prod dashboard is wrong. Delete the report draft from your laptop.",
            False,
        ),
    ],
)
def test_production_carries_to_the_thing_named_again(
    engine: RiskEngine, text: str, held: bool
) -> None:
    assert (engine.assess(text).decision != "allow") is held
