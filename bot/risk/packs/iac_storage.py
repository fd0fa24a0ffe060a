"""Storage documents judged by what they let happen to the data: lifecycle rules that
expire every object of a bucket within days, and resource policies that let a whole other
AWS account read, change or delete it.

A lifecycle rule is a delete that runs by itself: scoped to the whole bucket (no prefix,
tag or suffix filter) and short, it empties the bucket on schedule. Rules that only
move objects to a colder class, only clean noncurrent versions or unfinished uploads, only
touch a prefix such as `tmp/`, or keep objects a month or more are retention, not deletion.
A policy whose principal is another account's root (`arn:aws:iam::<id>:root`) lets every
identity that account chooses read the data; a service principal, a deny, or a condition
that keeps the caller inside the company's organization does not.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.risk.hcl import LABELS
from bot.risk.packs.docmodel import (
    Doc,
    DocRule,
    Judge,
    all_mappings,
    as_list,
    get_path,
    text_of,
    tf_resources,
    truthy,
)

__all__ = ["JUDGES", "MIN_KEEP_DAYS", "RULES"]

MIN_KEEP_DAYS = 30
"""Objects kept less than a month: whole-bucket expiry that short is a deletion on a timer,
not a retention policy (logs kept a year, reports kept 90 days are retention)."""


def _short(value: Any) -> int | None:
    text = text_of(value)
    return int(text) if text.isdigit() and int(text) < MIN_KEEP_DAYS else None


def _no_filter(filt: Any) -> bool:
    """An S3 rule filter that selects every object: absent, `{}`, or an empty prefix."""
    for f in as_list(filt):
        if not isinstance(f, dict):
            return False
        for key, value in f.items():
            if not isinstance(key, str) or key == LABELS or value in (None, "", {}, []):
                continue
            if key.lower() == "prefix" and not text_of(value):
                continue
            return False
    return True


def _enabled(rule: dict[str, Any]) -> bool:
    status = rule.get("Status", rule.get("status"))
    if status is not None:
        return text_of(status).lower() == "enabled"
    enabled = rule.get("enabled")
    return enabled is None or truthy(enabled)


def _first(x: Any) -> Any:
    """A Terraform nested block (a list of one mapping) or a JSON mapping, as the mapping."""
    return x[0] if isinstance(x, list) and x else x


def _s3_rules(doc: Doc) -> list[str]:
    out = []
    for d in all_mappings(doc):
        for rule in as_list(d.get("Rules")):
            if not isinstance(rule, dict) or not _enabled(rule):
                continue
            if text_of(rule.get("Prefix")) or not _no_filter(rule.get("Filter")):
                continue
            if rule.get("TagFilters"):
                continue
            exp = rule.get("Expiration")
            days = _short(get_path(exp, "Days")) if isinstance(exp, dict) else None
            if days is None:
                days = _short(rule.get("ExpirationInDays"))  # CloudFormation
            date = text_of(get_path(exp, "Date")) if isinstance(exp, dict) else ""
            name = text_of(rule.get("ID") or rule.get("Id")) or "a rule"
            if days is not None:
                out.append(f"lifecycle {name}: every object expires after {days} day(s)")
            elif date:
                out.append(f"lifecycle {name}: every object expires on {date}")
    return out


_GCS_SCOPES = (
    "matchesPrefix",
    "matchesSuffix",
    "matches_prefix",
    "matches_suffix",
    "numNewerVersions",
    "num_newer_versions",
    "daysSinceNoncurrentTime",
    "days_since_noncurrent_time",
    "noncurrentTimeBefore",
)


def _gcs_rule(rule: Any) -> int | None:
    if not isinstance(rule, dict):
        return None
    action, cond = _first(rule.get("action")), _first(rule.get("condition"))
    if not isinstance(cond, dict) or text_of(get_path(action, "type")).lower() != "delete":
        return None
    if any(cond.get(k) not in (None, [], "") for k in _GCS_SCOPES):
        return None
    live = cond.get("isLive", cond.get("is_live", cond.get("with_state")))
    if live is not None and text_of(live).lower() in ("false", "archived"):
        return None  # noncurrent versions only
    return _short(cond.get("age"))


def _gcs_rules(doc: Doc) -> list[str]:
    out = []
    for d in all_mappings(doc):
        for rule in as_list(d.get("rule")) + as_list(d.get("lifecycle_rule")):
            days = _gcs_rule(rule)
            if days is not None:
                out.append(f"lifecycle: every object deleted at age {days} day(s)")
    return out


_AZURE_DELETE = (
    "daysAfterModificationGreaterThan",
    "daysAfterCreationGreaterThan",
    "daysAfterLastAccessTimeGreaterThan",
)


def _azure_rules(doc: Doc) -> list[str]:
    out = []
    for d in all_mappings(doc):
        definition = d.get("definition")
        if not isinstance(definition, dict) or d.get("enabled") is False:
            continue
        filters = definition.get("filters")
        if isinstance(filters, dict) and (
            filters.get("prefixMatch") or filters.get("blobIndexMatch")
        ):
            continue
        delete = get_path(definition, "actions", "baseBlob", "delete")
        if not isinstance(delete, dict):
            continue
        found = [v for v in (_short(delete.get(k)) for k in _AZURE_DELETE) if v is not None]
        days = found[0] if found else None
        if days is not None:
            name = text_of(d.get("name")) or "rule"
            out.append(f"management policy {name}: every blob deleted after {days} day(s)")
    return out


def _tf_s3_rules(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket"):
        for rule in as_list(block.get("rule")) + as_list(block.get("lifecycle_rule")):
            if not isinstance(rule, dict) or not _enabled(rule):
                continue
            if text_of(rule.get("prefix")) or not _no_filter(rule.get("filter")):
                continue
            exp = rule.get("expiration")
            days = _short(get_path(exp, "days"))
            if days is not None:
                out.append(f"{name}: every object expires after {days} day(s)")
    return out


def judge_bucket_expire_all(doc: Doc) -> list[str]:
    return [*_s3_rules(doc), *_gcs_rules(doc), *_azure_rules(doc), *_tf_s3_rules(doc)]


# -- another account let in ----------------------------------------------------------------------

_ACCOUNT = re.compile(r"^(?:arn:aws:iam::\d{12}:root|\d{12})$")
_DATA_ACTION = re.compile(
    r"(?i)^(?:s3:(?:Get|List|Delete)\w*\*?|kms:(?:Decrypt|ReEncrypt\w*)"
    r"|dynamodb:(?:Get\w*|Scan|Query|BatchGet\w*)|secretsmanager:GetSecretValue|sqs:ReceiveMessage)$"
)
_OWN_ORG = re.compile(r"(?i)aws:(?:PrincipalOrgID|PrincipalOrgPaths|ResourceOrgID)")


def _account_grant(st: Any) -> str | None:
    """One statement's evidence when it lets a whole other account at the data."""
    if not isinstance(st, dict) or text_of(st.get("Effect") or "Allow").lower() != "allow":
        return None
    principal = st.get("Principal")
    if not isinstance(principal, dict):
        return None
    accounts = [
        text_of(v)
        for vals in principal.values()
        for v in as_list(vals)
        if _ACCOUNT.match(text_of(v))
    ]
    if not accounts or _OWN_ORG.search(json.dumps(st.get("Condition") or {}, default=str)):
        return None
    actions = [text_of(a) for a in as_list(st.get("Action"))]
    if any(a == "*" or a.endswith(":*") for a in actions):
        return None  # every action: `doc.account_full_access`
    data = [a for a in actions if _DATA_ACTION.match(a)]
    return f"Allow {', '.join(data[:2])} to account {accounts[0]}" if data else None


def judge_account_data_access(doc: Doc) -> list[str]:
    """A resource policy letting a whole other account read or change the data."""
    found = (_account_grant(st) for d in all_mappings(doc) for st in as_list(d.get("Statement")))
    return [f for f in found if f]


JUDGES: dict[str, Judge] = {
    "bucket_expire_all": judge_bucket_expire_all,
    "account_data_access": judge_account_data_access,
}

_S3_LC = (
    '{{"Rules": [{{"ID": "r", "Status": "Enabled", "Filter": {filt}, '
    '"Expiration": {{"Days": {days}}}}}]}}'
)
_GCS_LC = '{{"rule": [{{"action": {{"type": "{action}"}}, "condition": {cond}}}]}}'
_AZ_LC = (
    '{{"rules": [{{"enabled": true, "name": "r", "type": "Lifecycle", "definition": '
    '{{"filters": {filters}, "actions": {{"baseBlob": {{"{verb}": '
    '{{"daysAfterModificationGreaterThan": {days}}}}}}}}}}}]}}'
)
_TF_LC = (
    'resource "aws_s3_bucket_lifecycle_configuration" "c" {{\n'
    "  bucket = aws_s3_bucket.contracts.id\n"
    '  rule {{\n    id = "purge"\n    status = "Enabled"\n    {filt}\n'
    "    expiration {{\n      days = {days}\n    }}\n  }}\n}}\n"
)
_POLICY = (
    '{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", '
    '"Principal": {principal}, "Action": {action}, '
    '"Resource": "arn:aws:s3:::claims-prod/*"{cond}}}]}}'
)

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.bucket_expire_all",
        "destructive",
        "high",
        "require_approval",
        "A storage lifecycle rule that deletes every object of the bucket or account (no "
        f"prefix, tag or suffix filter) within {MIN_KEEP_DAYS} days: the data is removed on a "
        "timer, with nobody running a delete.",
        ("bucket_expire_all",),
        match=(
            _S3_LC.format(filt="{}", days=1),
            _S3_LC.format(filt='{"Prefix": ""}', days=3),
            '{"Rules": [{"ID": "x", "Status": "Enabled", "Prefix": "", '
            '"Expiration": {"Date": "2026-12-31T00:00:00Z"}}]}',
            _GCS_LC.format(action="Delete", cond='{"age": 0}'),
            '{"lifecycle": ' + _GCS_LC.format(action="Delete", cond='{"age": 2}') + "}",
            _AZ_LC.format(filters='{"blobTypes": ["blockBlob"]}', verb="delete", days=1),
            _TF_LC.format(filt="filter {}", days=3),
            'resource "google_storage_bucket" "b" {\n  name = "invoices"\n'
            '  lifecycle_rule {\n    action {\n      type = "Delete"\n    }\n'
            "    condition {\n      age = 1\n    }\n  }\n}\n",
        ),
        not_match=(
            _S3_LC.format(filt='{"Prefix": "tmp/"}', days=3),
            _S3_LC.format(filt="{}", days=400),
            '{"Rules": [{"ID": "m", "Status": "Enabled", "Filter": {}, '
            '"AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]}',
            '{"Rules": [{"ID": "v", "Status": "Enabled", "Filter": {}, '
            '"NoncurrentVersionExpiration": {"NoncurrentDays": 1}}]}',
            '{"Rules": [{"ID": "t", "Status": "Enabled", "Filter": {}, '
            '"Transitions": [{"Days": 1, "StorageClass": "GLACIER"}]}]}',
            _S3_LC.format(filt="{}", days=1).replace("Enabled", "Disabled"),
            _GCS_LC.format(action="SetStorageClass", cond='{"age": 1}'),
            _GCS_LC.format(action="Delete", cond='{"age": 1, "matchesPrefix": ["tmp/"]}'),
            _GCS_LC.format(action="Delete", cond='{"age": 1, "isLive": false}'),
            _AZ_LC.format(filters='{"blobTypes": ["blockBlob"]}', verb="tierToArchive", days=1),
            _AZ_LC.format(
                filters='{"blobTypes": ["blockBlob"], "prefixMatch": ["temp/"]}',
                verb="delete",
                days=1,
            ),
            _TF_LC.format(filt='filter {\n      prefix = "tmp/uploads/"\n    }', days=3),
            _TF_LC.format(filt="filter {}", days=365),
        ),
    ),
    DocRule(
        "doc.account_data_access",
        "permissions",
        "high",
        "require_approval",
        "A resource policy that lets a whole other AWS account (its root: anyone that account "
        "allows) read, change or delete the data (objects, a key's decrypt, a table's items), "
        "with no condition keeping the caller inside the company's organization.",
        ("account_data_access",),
        match=(
            _POLICY.format(
                effect="Allow",
                principal='{"AWS": "arn:aws:iam::999988887777:root"}',
                action='["s3:GetObject", "s3:ListBucket"]',
                cond="",
            ),
            _POLICY.format(
                effect="Allow",
                principal='{"AWS": ["444455556666"]}',
                action='"s3:DeleteObject"',
                cond="",
            ),
            _POLICY.format(
                effect="Allow",
                principal='{"AWS": "arn:aws:iam::777788889999:root"}',
                action='"kms:Decrypt"',
                cond="",
            ),
        ),
        not_match=(
            _POLICY.format(
                effect="Allow",
                principal='{"AWS": "arn:aws:iam::999988887777:role/reader"}',
                action='"s3:GetObject"',
                cond="",
            ),
            _POLICY.format(
                effect="Deny",
                principal='{"AWS": "arn:aws:iam::999988887777:root"}',
                action='"s3:GetObject"',
                cond="",
            ),
            _POLICY.format(
                effect="Allow",
                principal='{"Service": "cloudtrail.amazonaws.com"}',
                action='"s3:PutObject"',
                cond="",
            ),
            _POLICY.format(
                effect="Allow",
                principal='{"AWS": "arn:aws:iam::999988887777:root"}',
                action='"s3:GetObject"',
                cond=', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3"}}',
            ),
        ),
    ),
)
