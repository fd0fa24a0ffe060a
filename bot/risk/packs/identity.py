"""Identity and credentials: minting long-lived keys for a user or service account,
resetting another person's password, and exporting a whole password vault. Each hands
someone a way in that outlives the task; listing keys or users stays allowed."""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

# A permission set named for reading or changing every record, or for administering.
_ALL_DATA_SET = (
    r"(?i)(?:--name|--perm-set-name|--permsetname|-n)[= ]\S*"
    r"(?:(?:modify|view)_?all|all_?data|admin)"
)

RULES: tuple[Rule, ...] = (
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
