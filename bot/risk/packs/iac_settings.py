"""Judges that read a setting by its name rather than by the resource it sits in.

Helm values, operator resources and Terraform modules name their switches freely
(`backups: {enabled: false}`, `backup_enabled = false`, `disableBackups: true`), so the
switch is found by its key wherever it sits. Terraform removes a module or a resource when
its `count` is set to 0 (or `for_each` to nothing): on production, or on a data store,
the next apply destroys it. A variable named like a secret with a literal default puts
the secret into the repository.
"""

from __future__ import annotations

import re
from typing import Any

from bot.risk.environments import names_production
from bot.risk.hcl import LABELS
from bot.risk.packs.docmodel import Doc, all_mappings, falsy, text_of, truthy

_WHAT = (
    r"(?:automated|auto|scheduled|daily|nightly|continuous)?"
    r"(?:backups?|snapshots?|pitr|pointintimerecovery)"
)
_SWITCH_KEY = re.compile(rf"^(?:enable|enabled)?{_WHAT}(?:enabled|enable)?$")
_BLOCK_KEY = re.compile(rf"^{_WHAT}(?:config|configuration|specification|policy|settings)?$")
_OFF_KEY = re.compile(rf"^(?:disable|skip|suspend|pause)(?:d)?{_WHAT}$")
_RETENTION_KEY = re.compile(r"^(?:backups?|snapshots?)retention(?:period|days|count)?$")
_SWITCHES = ("enabled", "enable", "active")


def _backup_switch(key: str, value: Any) -> str | None:
    """Evidence when one `key: value` turns backups off; None otherwise. Keys are read
    without case or separators (`backup_enabled`, `backupEnabled`, `backup-enabled`)."""
    k = re.sub(r"[\W_]", "", key.lower())
    if isinstance(value, dict) and _BLOCK_KEY.match(k):
        for switch in _SWITCHES:
            if switch in value and falsy(value[switch]):
                return f"{key}.{switch}: {text_of(value[switch]) or 'false'}"
        if truthy(value.get("suspend")) or truthy(value.get("paused")):
            return f"{key}: suspended"
        return None
    if isinstance(value, dict | list):
        return None
    if _OFF_KEY.match(k):
        return f"{key}: {text_of(value)}" if truthy(value) else None
    if _RETENTION_KEY.match(k):
        return f"{key}: 0" if text_of(value) == "0" and value is not False else None
    if _SWITCH_KEY.match(k) and falsy(value) and text_of(value) != "0":
        return f"{key}: {text_of(value) or 'false'}"
    return None


# An operator's backup schedule resource (CloudNativePG `ScheduledBackup`, Velero
# `Schedule`, `BackupSchedule`, `VolumeSnapshotSchedule`): suspended in its spec, no backup runs.
_SCHEDULE_KIND = re.compile(
    r"(?i)^(?:scheduled(?:backup|snapshot)|(?:\w*backup|snapshot)schedule)$"
)
_VELERO_API = re.compile(r"(?i)^velero\.io/")


def _schedule_suspended(d: dict[Any, Any]) -> str | None:
    kind, spec = d.get("kind"), d.get("spec")
    if not isinstance(kind, str) or not isinstance(spec, dict):
        return None
    api = d.get("apiVersion")
    velero = kind == "Schedule" and isinstance(api, str) and _VELERO_API.match(api)
    if not (_SCHEDULE_KIND.match(kind) or velero):
        return None
    if truthy(spec.get("suspend")) or truthy(spec.get("paused")):
        return f"{kind}: spec.suspend: true"
    return None


def _section_removed(key: str) -> str | None:
    """`backup: null`: the section is set to nothing, so the operator takes no backups."""
    k = re.sub(r"[\W_]", "", key.lower())
    return f"{key}: null (section removed)" if k in ("backup", "backups") else None


def judge_backup_settings_off(doc: Doc) -> list[str]:
    """Backups switched off by name: `backups: {enabled: false}`, `backup_enabled = false`,
    `disableBackups: true`, `backupRetentionDays: 0`, a backup schedule suspended (a key
    or an operator's schedule resource), a `backup:` section set to null."""
    out = []
    for d in all_mappings(doc):
        suspended = _schedule_suspended(d)
        if suspended:
            out.append(suspended)
        for key, value in d.items():
            if isinstance(key, str) and key != LABELS:
                hit = _backup_switch(key, value) if value is not None else _section_removed(key)
                if hit:
                    out.append(hit)
    return list(dict.fromkeys(out))


_DATA_STORES = re.compile(
    r"(?:db_instance|rds_cluster|sql_database|_database\b|database_instance|dynamodb_table|"
    r"s3_bucket$|storage_bucket$|storage_account$|ebs_volume|efs_file_system|elasticache|"
    r"redshift_cluster|docdb|neptune|opensearch|elasticsearch|_cluster$|kms_key|key_vault)"
)


def _strings(body: dict[str, Any]) -> str:
    return " ".join(
        [*map(str, body.get(LABELS) or []), *(v for v in body.values() if isinstance(v, str))]
    )


def judge_count_zero(doc: Doc) -> list[str]:
    """A module or resource whose `count` is 0 or whose `for_each` is empty: Terraform
    destroys what it manages on the next apply. Judged on production (the block names it)
    and on data stores wherever they are."""
    out = []
    for body in doc.hcl:
        for kind in ("module", "resource"):
            for block in body.get(kind) or []:
                if not isinstance(block, dict):
                    continue
                count, each = block.get("count"), block.get("for_each")
                emptied = (text_of(count) == "0" and count is not False) or (
                    each is not None and not isinstance(each, str) and not each
                )
                labels = [str(x) for x in block.get(LABELS) or []]
                if not emptied or not labels:
                    continue
                stateful = kind == "resource" and _DATA_STORES.search(labels[0]) is not None
                if stateful or names_production(_strings(block)):
                    out.append(f"{kind} {'.'.join(labels[:2])}: count = 0 (destroyed on apply)")
    return out


_SECRET_NAME = re.compile(
    r"(?i)(?:password|passwd|secret|token|api_?key|private_?key|access_?key|credential)"
)
_PLACEHOLDER = re.compile(r"(?i)^(?:change_?me|changeit|todo|xxx+|\*+|<[^>]*>|example|dummy)$")


def _secret_like(value: str) -> bool:
    """A literal that reads like a real secret: long enough, mixed, not a placeholder,
    a path or a reference."""
    if len(value) < 8 or "${" in value or value.startswith(("/", "arn:", "projects/")):
        return False
    if _PLACEHOLDER.match(value):
        return False
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]"))
    return classes >= 3


def judge_secret_default(doc: Doc) -> list[str]:
    """A Terraform variable named like a secret (`db_password`, `api_token`) whose
    `default` is a literal secret: the value is committed with the code."""
    out = []
    for body in doc.hcl:
        for block in body.get("variable") or []:
            if not isinstance(block, dict):
                continue
            name = " ".join(str(x) for x in block.get(LABELS) or [])
            default = block.get("default")
            if _SECRET_NAME.search(name) and isinstance(default, str) and _secret_like(default):
                out.append(f'variable "{name}": literal default')
    return out


_ADMIN_POLICY = re.compile(
    r"(?i)(?:arn:aws[\w-]*:iam::aws:policy/|^)(AdministratorAccess|IAMFullAccess)$"
)
_ADMIN_ROLE_IDS = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}
_POLICY_KEYS = ("policy_arn", "managed_policy_arns", "ManagedPolicyArns", "PolicyArn")


def judge_admin_policy(doc: Doc) -> list[str]:
    """An AWS managed admin policy (AdministratorAccess, IAMFullAccess) attached to a
    user, group or role, or an Azure role assignment of Owner or User Access
    Administrator (by their fixed role definition ids)."""
    out = []
    for d in all_mappings(doc):
        for key in _POLICY_KEYS:
            value = d.get(key)
            for arn in value if isinstance(value, list) else [value]:
                m = _ADMIN_POLICY.search(text_of(arn))
                if m:
                    out.append(f"{key}: {m.group(1)}")
        role = text_of(d.get("roleDefinitionId") or d.get("role_definition_id")).lower()
        named = next((n for gid, n in _ADMIN_ROLE_IDS.items() if gid in role), None)
        named = named or (
            text_of(d.get("role_definition_name"))
            if text_of(d.get("role_definition_name")) in _ADMIN_ROLE_IDS.values()
            else None
        )
        if named:
            out.append(f"role assignment: {named}")
    return list(dict.fromkeys(out))
