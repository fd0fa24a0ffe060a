"""Documents that take away a safety net while looking like routine tuning: a stateful
chart's values scaled to zero with its storage dropped, a backup plan that keeps its
recovery points a day or two, an admission policy that only records what it used to deny.

Judges and rules as data, in the same shape as `iac` (whose `RULES` and `JUDGES` include
these): a judge reads the parsed `Doc` and returns one evidence line per finding.
"""

from __future__ import annotations

from typing import Any

from bot.risk.environments import names_nonproduction
from bot.risk.packs.docmodel import (
    Doc,
    DocRule,
    Judge,
    as_list,
    cfn_resources,
    falsy,
    get_path,
    k8s_objects,
    mappings,
    object_name,
    text_of,
    tf_resources,
    truthy,
)

# -- Helm values: a data store scaled to zero and its volumes let go -----------------------------

_REPLICA_KEYS = ("replicaCount", "replicas", "count", "replica_count")
# Keys that say a chart keeps state on volumes: its values are a data store's.
_STATEFUL_KEYS = frozenset(
    {"persistence", "persistentVolumeClaimRetentionPolicy", "volumeClaimTemplate"}
)


def _is_values(tree: Any) -> bool:
    """Chart values: a mapping that is not itself a Kubernetes object or a template."""
    return isinstance(tree, dict) and not ({"apiVersion", "kind", "Resources"} & tree.keys())


def _storage_dropped(d: dict[str, Any]) -> list[str]:
    """What one mapping of the values does to the chart's volumes."""
    out = []
    persistence = d.get("persistence")
    if isinstance(persistence, dict) and falsy(persistence.get("enabled")):
        out.append("persistence disabled")
    if text_of(d.get("reclaimPolicy")).lower() == "delete":
        out.append("reclaimPolicy Delete")
    for key in ("deleteOnUninstall", "removeExistingPVCs", "deletePVCs", "deletePvcs"):
        if truthy(d.get(key)):
            out.append(f"{key}: true")
    retention = d.get("persistentVolumeClaimRetentionPolicy")
    if isinstance(retention, dict):
        for key in ("whenScaled", "whenDeleted"):
            if text_of(retention.get(key)).lower() == "delete":
                out.append(f"PVC {key} Delete")
    return out


def judge_chart_state_dropped(doc: Doc) -> list[str]:
    """A stateful chart's values with a replica count of 0 and its storage dropped or its
    volume claims deleted: the pods go and the data on their volumes with them."""
    out = []
    for tree in doc.trees:
        if not _is_values(tree):
            continue
        found = list(mappings(tree))
        if not any(_STATEFUL_KEYS & d.keys() for d in found):
            continue
        zero = [k for d in found for k in _REPLICA_KEYS if k in d and text_of(d[k]) == "0"]
        dropped = [what for d in found for what in _storage_dropped(d)]
        if zero and dropped:
            out.append(f"chart values: {zero[0]} 0, {', '.join(dict.fromkeys(dropped))}")
    return out


# -- AWS Backup plans that keep recovery points a day or two -------------------------------------

MIN_RETENTION_DAYS = 7
"""A recovery point kept less than a week is gone before most mistakes are noticed (a
weekly schedule then leaves days without any)."""


def _short(days: Any) -> int | None:
    value = text_of(days)
    return int(value) if value.isdigit() and int(value) < MIN_RETENTION_DAYS else None


def _plan_rules(doc: Doc) -> list[tuple[str, dict[str, Any]]]:
    """(plan, rule) of CloudFormation plans and of `aws backup` plan JSON."""
    out = []
    for name, props in cfn_resources(doc, "AWS::Backup::BackupPlan"):
        plan = props.get("BackupPlan")
        for rule in as_list(get_path(plan, "BackupPlanRule")) if isinstance(plan, dict) else []:
            out.append((name, rule))
    for d in doc.tree_mappings():
        if "BackupPlanName" in d and "Rules" in d:
            out += [(text_of(d["BackupPlanName"]), rule) for rule in as_list(d["Rules"])]
    return [(plan, rule) for plan, rule in out if isinstance(rule, dict)]


def judge_backup_plan_short(doc: Doc) -> list[str]:
    out = []
    for plan, rule in _plan_rules(doc):
        days = _short(get_path(rule, "Lifecycle", "DeleteAfterDays"))
        if days is not None:
            out.append(f"backup plan {plan}: recovery points deleted after {days} day(s)")
    for name, block in tf_resources(doc, "aws_backup_plan"):
        for rule in as_list(block.get("rule")):
            days = _short(get_path(rule, "lifecycle", "delete_after"))
            if days is not None:
                out.append(f"{name}: recovery points deleted after {days} day(s)")
    return out


# -- Admission policies that no longer deny ------------------------------------------------------

_KYVERNO_KINDS = ("ClusterPolicy", "Policy")
_NOT_ENFORCED = frozenset({"audit", "dryrun", "warn"})


def _kyverno(policy: dict[str, Any]) -> list[str]:
    name = f"{policy['kind']} {object_name(policy)}"
    out: list[str] = []
    spec = policy.get("spec")
    if not isinstance(spec, dict):
        return out
    actions = [text_of(spec.get("validationFailureAction"))] + [
        text_of(get_path(rule, "validate", "failureAction")) for rule in as_list(spec.get("rules"))
    ]
    if any(a.lower() == "audit" for a in actions):
        out.append(f"{name}: validation only audited")
    for rule in as_list(spec.get("rules")):
        for block in as_list(get_path(rule, "exclude", "any")) + as_list(
            get_path(rule, "exclude", "all")
        ):
            spaces = [text_of(n) for n in as_list(get_path(block, "resources", "namespaces"))]
            if "*" in spaces:
                out.append(f"{name}: every namespace excluded")
    return out


def _for_nonproduction(obj: dict[str, Any]) -> bool:
    """The object's own name or annotations name a development or test cluster
    (`require-signed-images-dev`, `cluster: kind-dev`): it guards nobody's real data."""
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        return False
    notes = meta.get("annotations")
    words = [text_of(meta.get("name")), text_of(meta.get("namespace"))]
    words += [text_of(v) for v in notes.values()] if isinstance(notes, dict) else []
    return names_nonproduction(" ".join(words))


def judge_admission_not_enforced(doc: Doc) -> list[str]:
    """Kyverno policies set to Audit or excluding every namespace, Gatekeeper constraints
    in dryrun or warn, admission policy bindings without Deny: nothing is refused. Not
    for a policy that names a development or test cluster as its own."""
    out = []
    for policy in k8s_objects(doc, *_KYVERNO_KINDS):
        if text_of(policy.get("apiVersion")).startswith("kyverno.io"):
            out += [] if _for_nonproduction(policy) else _kyverno(policy)
    for d in doc.tree_mappings():
        if _for_nonproduction(d):
            continue
        api = text_of(d.get("apiVersion"))
        action = text_of(get_path(d, "spec", "enforcementAction")).lower()
        if api.startswith("constraints.gatekeeper.sh") and action in _NOT_ENFORCED:
            out.append(f"{d.get('kind')} {object_name(d)}: enforcementAction {action}")
    for binding in k8s_objects(doc, "ValidatingAdmissionPolicyBinding"):
        if _for_nonproduction(binding):
            continue
        actions = [
            text_of(a).lower() for a in as_list(get_path(binding, "spec", "validationActions"))
        ]
        if actions and "deny" not in actions:
            out.append(f"ValidatingAdmissionPolicyBinding {object_name(binding)}: no Deny action")
    return out


JUDGES: dict[str, Judge] = {
    "chart_state_dropped": judge_chart_state_dropped,
    "backup_plan_short": judge_backup_plan_short,
    "admission_not_enforced": judge_admission_not_enforced,
}

_VALUES = "primary:\n  replicaCount: {n}\n  persistence:\n    enabled: {on}\n"
_PLAN = (
    "Resources:\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n"
    "      BackupPlan:\n        BackupPlanName: prod\n        BackupPlanRule:\n"
    "          - RuleName: nightly\n            TargetBackupVault: vault\n"
    "            Lifecycle:\n              DeleteAfterDays: {days}\n"
)
_KYVERNO = (
    "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: signed-images\n"
    "spec:\n  validationFailureAction: {action}\n  rules:\n  - name: verify\n"
    "    match:\n      any:\n      - resources:\n          kinds: [Pod]\n"
)
_CONSTRAINT = (
    "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\n"
    "metadata:\n  name: owner-label\nspec:\n  enforcementAction: {action}\n"
)

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.chart_state_dropped",
        "destructive",
        "high",
        "require_approval",
        "A stateful chart's values scale it to zero and drop its storage (persistence off, "
        "volume claims deleted on scale-down or uninstall): the data on its volumes goes "
        "with the pods.",
        ("chart_state_dropped",),
        match=(
            _VALUES.format(n=0, on="false"),
            "replicas: 0\npersistentVolumeClaimRetentionPolicy:\n  whenScaled: Delete\n",
            "replicaCount: 0\npersistence:\n  enabled: true\n  reclaimPolicy: Delete\n",
        ),
        not_match=(
            _VALUES.format(n=1, on="false"),
            _VALUES.format(n=0, on="true"),
            "replicaCount: 0\nimage:\n  tag: '1.4'\nservice:\n  type: ClusterIP\n",
        ),
    ),
    DocRule(
        "doc.backup_plan_short",
        "destructive",
        "high",
        "require_approval",
        "A backup plan keeps its recovery points less than a week: by the time a mistake "
        "or corruption is noticed, the backups from before it are gone.",
        ("backup_plan_short",),
        match=(
            _PLAN.format(days=1),
            'resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "d"\n'
            '    target_vault_name = "v"\n    lifecycle {\n      delete_after = 2\n    }\n  }\n}\n',
            '{"BackupPlanName": "p", "Rules": [{"RuleName": "d", "Lifecycle": '
            '{"DeleteAfterDays": 0}}]}',
        ),
        not_match=(
            _PLAN.format(days=35),
            'resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "d"\n'
            '    target_vault_name = "v"\n    lifecycle {\n      delete_after = 90\n'
            "    }\n  }\n}\n",
        ),
    ),
    DocRule(
        "doc.admission_not_enforced",
        "security_controls",
        "high",
        "require_approval",
        "An admission policy that only audits, warns or dry-runs (Kyverno Audit, Gatekeeper "
        "dryrun/warn, a binding without Deny) or excludes every namespace: what it used to "
        "refuse is admitted to the cluster.",
        ("admission_not_enforced",),
        match=(
            _KYVERNO.format(action="Audit"),
            _CONSTRAINT.format(action="dryrun"),
            _KYVERNO.format(action="Enforce")
            + "    exclude:\n      any:\n      - resources:\n          namespaces: ['*']\n",
            "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\n"
            "metadata:\n  name: b\nspec:\n  policyName: p\n  validationActions: [Warn]\n",
        ),
        not_match=(
            _KYVERNO.format(action="Enforce"),
            _CONSTRAINT.format(action="deny"),
            _KYVERNO.format(action="Audit").replace("signed-images", "signed-images-dev"),
            _KYVERNO.format(action="Enforce")
            + "    exclude:\n      any:\n      - resources:\n          namespaces: [kube-system]\n",
        ),
    ),
)
