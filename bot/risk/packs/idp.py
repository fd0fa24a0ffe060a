"""Identity-provider access policies switched off through their APIs: an Okta sign-on
policy or network zone deactivated or deleted, a Cloudflare Access application set to
`bypass` for everyone, a Google access-context-manager perimeter, level or policy
deleted. (Microsoft Entra conditional access is in `mfa` for `az rest` and in `winsec`
for Graph PowerShell.)

Each removes a gate that every sign-in passes: the people it kept out (other countries,
unmanaged devices, password-only logins) are let in, whatever the reason given. Reading a
policy, activating one, or an Access policy that allows one named domain is routine.
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

_OKTA_POLICY = r"(?i)\.okta(?:preview|-emea)?\.com/api/v1/(?:policies|zones)/[^/\s]+"

RULES: tuple[Rule, ...] = (
    Rule(
        "idp.policy_off",
        "security_controls",
        "high",
        "require_approval",
        "Switches off an identity provider's access policy (an Okta sign-on policy or network "
        "zone, a Cloudflare Access gate, a Google access perimeter): sign-ins it blocked or "
        "challenged are let straight through.",
        (
            p("curl", args_re=_OKTA_POLICY + r"/lifecycle/deactivate\b"),
            p(
                "curl",
                args_re=r"(?i)(?:-X\s*|--request[= ]\s*)DELETE\b.*"
                + _OKTA_POLICY[4:]
                + r"|"
                + _OKTA_POLICY[4:]
                + r".*(?:-X\s*|--request[= ]\s*)DELETE\b",
            ),
            p(
                "curl",
                args_re=r"(?i)(?=.*/access/.*policies)"
                r"(?=.*\"decision\"\s*:\s*\"bypass\")(?=.*\"everyone\")",
            ),
            p("gcloud", sub=("access-context-manager", "perimeters|levels|policies", "delete")),
        ),
        match=(
            "curl -X POST -H 'Authorization: SSWS x' "
            "https://acme.okta.com/api/v1/policies/00p1/lifecycle/deactivate",
            "curl -X POST https://acme.okta.com/api/v1/zones/nzo1/lifecycle/deactivate",
            "curl -X DELETE https://acme.okta.com/api/v1/policies/00p1",
            "curl -X PUT https://api.cloudflare.com/client/v4/accounts/a/access/apps/b/policies/c "
            '-d \'{"decision":"bypass","include":[{"everyone":{}}]}\'',
            "gcloud access-context-manager perimeters delete corp --policy=1",
        ),
        not_match=(
            "curl -X POST https://acme.okta.com/api/v1/policies/00p1/lifecycle/activate",
            "curl https://acme.okta.com/api/v1/zones/nzo1",
            "curl -X PUT https://api.cloudflare.com/client/v4/accounts/a/access/apps/b/policies/c "
            '-d \'{"decision":"allow","include":[{"email_domain":{"domain":"x.pt"}}]}\'',
            "gcloud access-context-manager levels list --policy=1",
        ),
    ),
)
