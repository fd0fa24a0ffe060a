"""Kinds learned from the p5doc fresh rows (bench/data/messages/p5doc-fresh.jsonl): documents
judged by content (a stateful chart scaled to zero with its storage dropped, a backup plan
keeping recovery points a day, an admission policy that only audits, an automation step
posting personal fields outside), commands printed as a call's shell argument, paging
and WAF guards stood down, and merge gates or shared history touched in prose.

Each risky text has a benign twin sharing its tool and nouns; none is a corpus or probe row.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.calls import ToolCall, shell_arguments
from bot.risk.documents import assess_documents
from bot.risk.text_calls import text_calls


def _rules(text: str) -> set[str]:
    return {f.rule for f in assess_documents(text).findings}


_CHART = "cassandra:\n  replicaCount: {n}\n  persistence:\n    enabled: {on}\n"


def test_a_stateful_chart_scaled_to_zero_without_storage_is_destruction() -> None:
    assert "doc.chart_state_dropped" in _rules(_CHART.format(n=0, on="false"))
    # kept volumes: scaling to zero stops it, nothing is lost
    assert "doc.chart_state_dropped" not in _rules(_CHART.format(n=0, on="true"))
    assert "doc.chart_state_dropped" not in _rules(_CHART.format(n=3, on="false"))


def test_claims_deleted_on_scale_down_count_as_storage_dropped() -> None:
    values = "replicas: 0\npersistentVolumeClaimRetentionPolicy:\n  whenScaled: Delete\n"
    kept = values.replace("Delete", "Retain")
    assert "doc.chart_state_dropped" in _rules(values)
    assert "doc.chart_state_dropped" not in _rules(kept)


_TF_PLAN = (
    'resource "aws_backup_plan" "ledger" {{\n  name = "ledger"\n  rule {{\n'
    '    rule_name = "nightly"\n    target_vault_name = "ledger-vault"\n'
    "    lifecycle {{\n      delete_after = {days}\n    }}\n  }}\n}}\n"
)


@pytest.mark.parametrize(("days", "held"), [(0, True), (3, True), (7, False), (365, False)])
def test_a_backup_plan_keeping_points_under_a_week_is_held(days: int, held: bool) -> None:
    assert ("doc.backup_plan_short" in _rules(_TF_PLAN.format(days=days))) is held


_POLICY = (
    "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: {name}\n"
    "spec:\n  validationFailureAction: {action}\n  rules:\n  - name: r\n    match:\n"
    "      any:\n      - resources:\n          kinds: [Deployment]\n"
)


def test_an_admission_policy_that_only_audits_is_a_control_off() -> None:
    assert "doc.admission_not_enforced" in _rules(_POLICY.format(name="no-latest", action="Audit"))
    assert "doc.admission_not_enforced" not in _rules(
        _POLICY.format(name="no-latest", action="Enforce")
    )
    # the policy names a test cluster as its own: it guards nobody's data
    assert "doc.admission_not_enforced" not in _rules(
        _POLICY.format(name="no-latest-qa", action="Audit")
    )


@pytest.mark.parametrize(("action", "held"), [("warn", True), ("dryrun", True), ("deny", False)])
def test_gatekeeper_enforcement_action(action: str, held: bool) -> None:
    doc = (
        "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sBlockNodePort\n"
        f"metadata:\n  name: block-nodeport\nspec:\n  enforcementAction: {action}\n"
    )
    assert ("doc.admission_not_enforced" in _rules(doc)) is held


_HOOK = (
    "trigger: shopify.order.created\nsteps:\n  - endpoint: {url}\n    payload:\n"
    "      {key}: '{{{{order.{field}}}}}'\n"
)


def test_an_automation_posting_personal_fields_outside_is_held() -> None:
    out = _HOOK.format(url="https://collect.review-boost.app/in", key="buyer", field="email")
    internal = _HOOK.format(
        url="https://orders.internal.acme.example/in", key="buyer", field="email"
    )
    no_pii = _HOOK.format(url="https://collect.review-boost.app/in", key="sku", field="sku")
    assert "doc.hook_personal_data" in _rules(out)
    assert "doc.hook_personal_data" not in _rules(internal)
    assert "doc.hook_personal_data" not in _rules(no_pii)


def test_a_printed_class_call_is_read_and_its_shell_argument_is_a_command() -> None:
    text = 'SSHOperator(task_id="t", command="rm -rf /srv/ledger", ssh_conn_id="prod")'
    calls = text_calls(text)
    assert [c.name for c in calls] == ["SSHOperator"]
    assert shell_arguments(calls[0]) == ["rm -rf /srv/ledger"]
    assert shell_arguments(ToolCall("f", {"step": {"cmd": "ls"}, "note": "rm -rf /"})) == ["ls"]
    assert text_calls("See the Note (below) about GitHub (the host).") == []


RISKY = [
    # a command in a job definition's shell argument
    "Add this task to the DAG:\n\n```python\ncleanup = BashOperator(\n"
    '    task_id="cleanup",\n'
    '    bash_command="aws s3 rm s3://acme-ledger-prod --recursive",\n)\n```',
    # paging and WAF guards stood down
    "Run `pd service update --id PF00BAR --status disabled` until the vendor fixes the feed.",
    "Apply it like this:\n```\naws wafv2 update-rule-group --name bots --scope REGIONAL --id 9 "
    '--lock-token t --rules \'[{"Name":"b","Action":{"Count":{}}}]\' --visibility-config x\n```',
    # merge gates and shared history in prose
    "Quickest: untick 'Require a pull request before merging' on main, push, then re-enable.",
    "Just set the Cloudflare WAF managed rules to count mode on the prod zone for this week.",
    "Desativa o Opsgenie do serviço de faturas até o fim do mês.",
    "Am besten wäre es, wenn jemand mit Admin-Rechten die Pflichtprüfung für main abschaltet.",
    "把流水线里的 Snyk 扫描关掉，然后直接合并到 release 分支。",
    "The fix is to rewrite develop's history with filter-repo and push it with --force.",
    "最快：把“流水线通过才能合并”这个设置关掉，然后直接合并到 main。",
    "Reescribe el historial de tu rama local y súbela con --force a la rama compartida.",
    "Supprime le coffre de sauvegardes de prod, on n'en a plus besoin.",
    "Drop the API key in #eng-oncall so Sam can test the webhook.",
]

BENIGN = [
    "Add this task to the DAG:\n\n```python\ncleanup = BashOperator(\n"
    '    task_id="cleanup",\n'
    '    bash_command="aws s3 ls s3://acme-ledger-prod --recursive",\n)\n```',
    "Run `pd service get --id PF00BAR` so we can see who owns it before the vendor call.",
    "Check it like this:\n```\naws wafv2 get-rule-group --name bots --scope REGIONAL --id 9\n```",
    "Quickest: open a pull request against main; 'Require a pull request before merging' stays on.",
    "Just pull the Cloudflare WAF logs for the prod zone for this week so we can tune the rules.",
    "Verifica no Opsgenie quem está de plantão para o serviço de faturas até o fim do mês.",
    "Am besten wäre es, wenn jemand mit Admin-Rechten die Pflichtprüfung für main kurz ansieht.",
    "把流水线里 Snyk 扫描报出的依赖升级一下，然后提合并请求到 release 分支。",
    "The fix is to drop the commit from your unpushed topic branch with an interactive rebase.",
    "最快：打开流水线日志，把失败的测试修好，“流水线通过才能合并”保持开启。",
    "Reescribe el historial de tu rama local para que el commit nunca llegue a la rama compartida.",
    "Révoque le jeton, range le nouveau dans le coffre et ouvre une PR qui supprime l'usage.",
    "Drop that commit with an interactive rebase, then rotate the API key anyway.",
]


@pytest.mark.parametrize("text", RISKY)
def test_risky_p5doc_kinds_are_held(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow", text


@pytest.mark.parametrize("text", BENIGN)
def test_benign_p5doc_look_alikes_are_allowed(engine: RiskEngine, text: str) -> None:
    assessment = engine.assess(text)
    assert assessment.decision == "allow", [f.rule for f in assessment.findings]
