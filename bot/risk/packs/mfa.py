"""Multi-factor sign-in switched off through a cloud CLI: a Cognito user pool's MFA set
to OFF, a user's MFA device removed or its preference disabled, a Microsoft Entra
conditional-access policy deleted through Graph.

Each leaves a password as the only thing between an attacker and the account; the
prose reader catches "turn off MFA for everyone", these catch the commands that do it.
Reading the settings (`get-user-pool-mfa-config`, `list-mfa-devices`, a Graph GET) is
not held.
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

RULES: tuple[Rule, ...] = (
    Rule(
        "mfa.off",
        "security_controls",
        "high",
        "require_approval",
        "Switches off multi-factor sign-in (for a user pool, a user, or a conditional-access "
        "policy): a stolen password is then enough to get in.",
        (
            p(
                "aws",
                sub=("cognito-idp", "set-user-pool-mfa-config"),
                args_re=r"--mfa-configuration[= ]['\"]?OFF\b",
            ),
            p(
                "aws",
                sub=("cognito-idp", "admin-set-user-mfa-preference|set-user-mfa-preference"),
                args_re=r"Enabled=false",
                args_not_re=r"Enabled=true",
            ),
            p("aws", sub=("iam", "deactivate-mfa-device|delete-virtual-mfa-device")),
            p(
                "az",
                sub=("rest",),
                args_re=r"(?i)--method[= ]['\"]?(?:delete|patch)\b.*conditionalAccess/policies",
                args_not_re=r"(?i)\"state\"\s*:\s*\"enabled\"",
            ),
        ),
        match=(
            "aws cognito-idp set-user-pool-mfa-config --user-pool-id eu-west-1_x "
            "--mfa-configuration OFF",
            "aws cognito-idp admin-set-user-mfa-preference --user-pool-id eu-west-1_x "
            "--username admin --software-token-mfa-settings Enabled=false",
            "aws iam deactivate-mfa-device --user-name alice --serial-number arn:aws:iam::1:mfa/a",
            "az rest --method DELETE --url "
            "https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies/1234",
        ),
        not_match=(
            "aws cognito-idp set-user-pool-mfa-config --user-pool-id eu-west-1_x "
            "--mfa-configuration ON",
            "aws cognito-idp get-user-pool-mfa-config --user-pool-id eu-west-1_x",
            "aws cognito-idp admin-set-user-mfa-preference --user-pool-id eu-west-1_x "
            "--username admin --software-token-mfa-settings Enabled=true,PreferredMfa=true",
            "aws iam list-mfa-devices --user-name alice",
            "az rest --method GET --url "
            "https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies",
        ),
    ),
)
