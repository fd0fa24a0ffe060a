"""Identity and credentials: minting long-lived keys for a user or service account,
resetting another person's password, exporting a whole password vault, deleting a
directory account, and an identity provider's admin role granted through its REST API.
Each hands someone a way in that outlives the task, or takes a person's mail and files
with it; listing keys, users or roles stays allowed."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p

# A permission set named for reading or changing every record, or for administering.
_ALL_DATA_SET = (
    r"(?i)(?:--name|--perm-set-name|--permsetname|-n)[= ]\S*"
    r"(?:(?:modify|view)_?all|all_?data|admin)"
)

_BODY_OPTS = ("-d", "--data", "--data-raw", "--data-binary", "--json")
# Okta: `POST /api/v1/users/<id>/roles` (or a group's) with an admin role type in the body.
_OKTA_ROLES = re.compile(r"(?i)/api/v1/(?:users|groups)/[^/\s?]+/roles/?(?:\?|$)")
_OKTA_ADMIN_TYPE = re.compile(r"(?i)\b(?!READ_ONLY_ADMIN\b)[A-Z_]*ADMIN\b")
# Microsoft Graph and Google's Admin SDK: every directory role is an administrator's.
_DIRECTORY_ROLE = re.compile(
    r"(?i)graph\.microsoft\.com/\S*(?:/directoryRoles/[^/\s]+/members/\$ref|"
    r"/roleManagement/directory/roleAssignments)|"
    r"admin\.googleapis\.com/admin/directory/v1/customer/[^/\s]+/roleassignments"
)


def check_idp_admin_role(cmd: Any, walk: Any) -> bool:
    """A write to an identity provider's role endpoint that makes someone an admin: an
    Okta role of an `…ADMIN` type (not read-only), or any Entra ID / Google Workspace
    directory role."""
    methods = {m.upper() for m in cmd.value("-X", "--request")}
    body = " ".join(cmd.value(*_BODY_OPTS))
    writes = bool(methods & {"POST", "PUT", "PATCH"}) or (bool(body) and not methods)
    if not writes:
        return False
    urls = [a for a in cmd.pos if "/" in a]
    if any(_DIRECTORY_ROLE.search(u) for u in urls):
        return True
    return any(_OKTA_ROLES.search(u) for u in urls) and bool(_OKTA_ADMIN_TYPE.search(body))


CHECKS = {"idp_admin_role": check_idp_admin_role}

RULES: tuple[Rule, ...] = (
    Rule(
        "identity.idp_admin_role",
        "permissions",
        "critical",
        "require_approval",
        "Grants an administrator role in the company's identity provider (Okta, Entra ID, "
        "Google Workspace) through its API: whoever holds it controls sign-in to every app.",
        (p("curl", check="idp_admin_role"),),
        match=(
            "curl -X POST https://acme.okta.com/api/v1/users/00u9vendor/roles "
            "-H 'Authorization: SSWS x' -d '{\"type\": \"SUPER_ADMIN\"}'",
            "curl -s https://acme.okta.com/api/v1/groups/00g1/roles "
            "-d '{\"type\":\"ORG_ADMIN\"}' -H 'Content-Type: application/json'",
            "curl -X POST 'https://graph.microsoft.com/v1.0/directoryRoles/62e9/members/$ref' "
            '-d \'{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/5f1c"}\'',
            "curl -X POST https://admin.googleapis.com/admin/directory/v1/customer/my_customer/"
            'roleassignments -d \'{"roleId": "1", "assignedTo": "42"}\'',
        ),
        not_match=(
            "curl -X GET https://acme.okta.com/api/v1/users/00u9vendor/roles "
            "-H 'Authorization: SSWS x'",
            "curl https://acme.okta.com/api/v1/users/00u9vendor/roles",
            "curl -X POST https://acme.okta.com/api/v1/users/00u9/roles "
            '-d \'{"type": "READ_ONLY_ADMIN"}\'',
            "curl -X POST https://acme.okta.com/api/v1/users/00u9/lifecycle/suspend",
            "curl 'https://graph.microsoft.com/v1.0/directoryRoles/62e9/members'",
        ),
    ),
    Rule(
        "identity.account_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes an account, group or unit from the company directory: the person's mail, "
        "files and memberships go with it (Google Workspace keeps them only about 20 days).",
        (p("gam", sub=("delete|del", "users?|groups?|org|ou|aliases?|resources?|domain")),),
        match=(
            "gam delete user jordan.lee@acme.example",
            "gam delete group finance-all@acme.example",
            "gam del users file:leavers.csv",
        ),
        not_match=(
            "gam update user jordan.lee@acme.example suspended on",
            "gam info user jordan.lee@acme.example",
            "gam undelete user jordan.lee@acme.example",
            "gam print users",
        ),
    ),
    Rule(
        "identity.admin_membership",
        "permissions",
        "high",
        "require_approval",
        "Makes a user or bot an administrator (an admin role, or membership of an admin "
        "group): full control over the accounts and data it covers.",
        (
            p("gam", sub=("create", "admin")),
            p("gam", sub=("update", "user"), args_re=r"(?i)(?:^|\s)admin\s+(?:on|true)\b"),
            p(
                "aws",
                sub=("iam", "add-user-to-group"),
                args_re=r"(?i)--group-name[= ]\S*admin",
            ),
            p(
                "gcloud",
                sub=("identity", "groups", "memberships", "add"),
                args_re=r"(?i)--group-email[= ]\S*admin",
            ),
            p("az", sub=("ad", "group", "member", "add"), args_re=r"(?i)--group[= ]\S*admin"),
        ),
        match=(
            "gam create admin ops@agency.example _SEED_ADMIN_ROLE customer",
            "gam update user intern@acme.example admin on",
            "aws iam add-user-to-group --group-name Admins --user-name kiosk-bot",
            "gcloud identity groups memberships add --group-email=admins@acme.example "
            "--member-email=bot@acme.example",
            "az ad group member add --group GlobalAdmins --member-id 5f1c",
        ),
        not_match=(
            "gam print admins",
            "gam update user intern@acme.example suspended off",
            "aws iam add-user-to-group --group-name ReadOnly --user-name kiosk-bot",
            "aws iam list-groups-for-user --user-name kiosk-bot",
            "gcloud identity groups memberships add --group-email=support@acme.example "
            "--member-email=bot@acme.example",
        ),
    ),
    Rule(
        "identity.saas_all_data",
        "permissions",
        "high",
        "require_approval",
        "Assigns a Salesforce permission set that reads or changes every record (Modify All "
        "Data, View All Data) or administers the org: object and sharing rules stop applying "
        "to whoever gets it.",
        (
            p("sf", sub=("org", "assign", "permset"), args_re=_ALL_DATA_SET),
            p("sfdx", sub=("force:user:permset:assign",), args_re=_ALL_DATA_SET),
        ),
        match=(
            "sf org assign permset --name Modify_All_Data --on-behalf-of sales@acme.example",
            "sf org assign permset -n View_All_Data_Admin -o prod",
            "sfdx force:user:permset:assign -n System_Admin_Clone -u prod",
        ),
        not_match=(
            "sf org assign permset --name Sales_Rep_Read --on-behalf-of lucia@acme.example",
            "sf org list metadata -m PermissionSet",
            "sfdx force:user:permset:assign -n Reports_Viewer -u prod",
        ),
    ),
    Rule(
        "identity.credential_create",
        "secrets",
        "high",
        "require_approval",
        "Creates a long-lived access key or client secret for a user, service account or "
        "app: whoever holds it can act as that identity until someone revokes it.",
        (
            p("aws", sub=("iam", "create-access-key|create-service-specific-credential")),
            p("aws", sub=("iam", "create-login-profile")),
            p("gcloud", sub=("iam", "service-accounts", "keys", "create")),
            p("az", sub=("ad", "sp|app", "credential", "reset")),
            p("az", sub=("ad", "sp", "create-for-rbac")),
            p("oci", sub=("iam", "customer-secret-key|auth-token|api-key", "create|upload")),
        ),
        match=(
            "aws iam create-access-key --user-name root-admin",
            "aws iam create-login-profile --user-name ext-auditor --password 'x'",
            "gcloud iam service-accounts keys create key.json "
            "--iam-account deployer@acme-prod.iam.gserviceaccount.com",
            "az ad app credential reset --id 5f1c --append",
            "az ad sp create-for-rbac --name ci --role Contributor --scopes /subscriptions/1",
            "oci iam customer-secret-key create --user-id ocid1.user.x --display-name ci",
        ),
        not_match=(
            "aws iam list-access-keys --user-name root-admin",
            "aws iam delete-access-key --user-name old-bot --access-key-id AKIAFAKE",
            "gcloud iam service-accounts keys list "
            "--iam-account deployer@acme.iam.gserviceaccount.com",
            "az ad app credential list --id 5f1c",
        ),
    ),
    Rule(
        "identity.password_reset",
        "permissions",
        "high",
        "require_approval",
        "Sets or resets another person's password as an administrator: whoever knows the new "
        "one can sign in as them.",
        (
            p("gam", sub=("update", "user"), args_re=r"(?i)(?:^|\s)password\s"),
            p("aws", sub=("iam", "update-login-profile")),
            p("az", sub=("ad", "user", "update"), args_re=r"--password[= ]"),
        ),
        match=(
            "gam update user ceo@acme.com password Winter2026!",
            "aws iam update-login-profile --user-name cfo --password 'x' "
            "--no-password-reset-required",
            "az ad user update --id bob@acme.com --password 'N3w!pass' "
            "--force-change-password-next-sign-in false",
        ),
        not_match=(
            "gam info user ceo@acme.com",
            "gam update user ceo@acme.com suspended off",
            "aws iam get-login-profile --user-name cfo",
            "az ad user show --id bob@acme.com",
        ),
    ),
    Rule(
        "identity.vault_export",
        "secrets",
        "critical",
        "require_approval",
        "Exports a whole password vault to a file: every login and secret in it, readable by "
        "whoever gets the file.",
        (
            p("bw", sub=("export",)),
            p("lpass", sub=("export",)),
            p("keepassxc-cli", sub=("export",)),
        ),
        match=(
            "bw export --format json --output ./vault.json",
            "lpass export --sync now > all.csv",
            "keepassxc-cli export team.kdbx > team.xml",
        ),
        not_match=(
            "bw list items --search prod --pretty",
            "lpass ls",
            "keepassxc-cli ls team.kdbx",
        ),
    ),
)
