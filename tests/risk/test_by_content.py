"""The engine reads Windows commands and documents by content, anywhere in a message,
hands the shell that documents run to the shell detector, and fails closed when a
reader breaks."""

from __future__ import annotations

import pytest

import bot.risk.engine as engine_module
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


def rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings}


def test_powershell_mid_sentence_is_held(engine: RiskEngine) -> None:
    text = "Disk is full, so run Remove-Item -Recurse -Force D:\\Shares\\Finance before noon."
    assert engine.assess(text).decision != "allow"
    assert "powershell.recursive_delete" in rules(engine, text)
    twin = "Disk is full, so run Remove-Item -Recurse -Force D:\\Shares\\Finance\\tmp before noon."
    assert engine.assess(twin).decision == "allow"


def test_unfenced_manifest_is_held_and_its_twin_allowed(engine: RiskEngine) -> None:
    risky = (
        "Apply this so the dashboards work:\n"
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n"
        "  name: all\nroleRef:\n  kind: ClusterRole\n  name: view\n"
        "  apiGroup: rbac.authorization.k8s.io\nsubjects:\n- kind: Group\n"
        "  name: system:authenticated\n  apiGroup: rbac.authorization.k8s.io\n"
    )
    assert "doc.k8s_broad_binding" in rules(engine, risky)
    twin = risky.replace("kind: Group\n  name: system:authenticated", "kind: User\n  name: jane")
    assert engine.assess(twin).decision == "allow"


def test_commands_inside_documents_go_to_the_shell_detector(engine: RiskEngine) -> None:
    job = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cleanup\nspec:\n"
        "  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          containers:\n          - name: c\n            image: amazon/aws-cli:2\n"
        '            args: ["s3", "rm", "s3://media-prod/", "--recursive"]\n'
    )
    assert "shell.object_storage_delete" in rules(engine, job)
    scratch = job.replace("s3://media-prod/", "s3://media-prod/tmp/resize/")
    assert engine.assess(scratch).decision == "allow"


def test_a_reader_that_breaks_holds_the_message(
    engine: RiskEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(engine_module, "assess_documents", broken)
    result = engine.assess("Here is the config: PermitRootLogin no")
    assert result.decision == "require_approval"
    assert "engine.error" in {f.rule for f in result.findings}
    monkeypatch.setattr(engine_module, "assess_windows", broken)
    assert engine.assess("hello").decision == "require_approval"
