"""Data opened to another cloud account through a CLI: a KMS grant that lets a whole other
AWS account decrypt with a key, an S3 ACL grant to another account's canonical user or
e-mail address.

Policies written out as JSON (`put-bucket-policy --policy '{…}'`, a pasted bucket policy)
are read as documents by `iac_storage`; these are the grants that carry no document.
A grant to a role or service of the same account, listing grants and reading an ACL are not
held.
"""

from __future__ import annotations

import json
from typing import Any

from bot.risk.packs.base import Rule, p
from bot.risk.packs.docmodel import Doc
from bot.risk.packs.iac_judges import judge_public_principal

_DECODER = json.JSONDecoder()


def check_policy_allows_public(cmd: Any, walk: Any) -> bool:
    """A policy argument that lets anyone in: read as JSON when it is written out, so a
    deny-only statement (`"Effect": "Deny", "Principal": "*"` to require TLS) or one
    narrowed to the company's organization is not; a policy that does not parse is judged
    by the pattern alone."""
    for arg in cmd.args:
        start = arg.find("{")
        if start < 0 or '"Principal"' not in arg:
            continue
        try:
            policy, _ = _DECODER.raw_decode(arg[start:])
        except ValueError:
            return True
        return bool(judge_public_principal(Doc(trees=[policy])))
    return True


CHECKS = {"policy_allows_public": check_policy_allows_public}

RULES: tuple[Rule, ...] = (
    Rule(
        "crossaccount.data_grant",
        "permissions",
        "high",
        "require_approval",
        "Lets a whole other cloud account read or decrypt the data (a KMS grant to an "
        "account's root, an S3 ACL grant to another account's canonical ID or e-mail): "
        "anyone that account lets in can then copy it.",
        (
            p(
                "aws",
                sub=("kms", "create-grant"),
                args_re=r"--grantee-principal[= ](?:arn:aws:iam::\d{12}:root|\d{12})(?:\s|$)",
            ),
            p(
                "aws",
                sub=("s3api", "put-(?:bucket|object)-acl"),
                args_re=r"--grant-(?:read|full-control|write|read-acp|write-acp)[= ]\S*"
                r"(?:id=[0-9a-f]{64}|emailAddress=)",
            ),
        ),
        match=(
            "aws kms create-grant --key-id alias/prod-customer-data "
            "--grantee-principal arn:aws:iam::777788889999:root --operations Decrypt",
            "aws s3api put-bucket-acl --bucket statements-prod --grant-read id="
            "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
            "aws s3api put-object-acl --bucket b --key k --grant-full-control "
            "emailAddress=auditor@partner.example",
        ),
        not_match=(
            "aws kms list-grants --key-id alias/prod-customer-data",
            "aws kms create-grant --key-id alias/app --grantee-principal "
            "arn:aws:iam::111122223333:role/app-runtime --operations Decrypt",
            "aws s3api get-bucket-acl --bucket statements-prod",
            "aws s3api put-bucket-acl --bucket statements-prod --acl private",
        ),
    ),
)
