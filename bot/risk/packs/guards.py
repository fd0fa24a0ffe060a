"""Commands that stand down a guard that watches or blocks without deleting anything: a
paging service or integration disabled (PagerDuty, Opsgenie), web-application firewall
rules put into count or detection mode (AWS WAF, Azure WAF policies, Cloud Armor preview).
Nothing breaks when they run; the next outage pages nobody and the next attack is let in.
Git hooks skipped with `--no-verify` (the pre-commit secret scanner never runs).
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

# A WAF rule's action or override set to Count, in an inline JSON rules list or in the jq
# program that rewrites an exported web ACL: `"OverrideAction":{"Count":{}}`,
# `.Rules[].OverrideAction = {"Count":{}}`, `map(.Action = {"Count":{}})`.
_COUNT_ACTION = r"(?:Override)?Action\"?\s*(?:[:=]|\|=)\s*\{\s*\"?Count\b"

RULES: tuple[Rule, ...] = (
    Rule(
        "guard.git_hooks_skipped",
        "security_controls",
        "high",
        "require_approval",
        "Commits or pushes with `--no-verify`, skipping the repository's hooks: the secret "
        "scanner and checks they run never see the change.",
        (
            p(
                "git",
                sub=("commit|push|merge|cherry-pick|am|revert|rebase",),
                args_re=r"(?:^|\s)--no-verify(?:\s|$)",
                dry_run_exempt=False,
            ),
        ),
        match=(
            'git commit --no-verify -m "prod config"',
            "git push --no-verify origin main",
        ),
        not_match=('git commit -m "prod config"', "git push origin main"),
    ),
    Rule(
        "guard.paging_off",
        "security_controls",
        "high",
        "require_approval",
        "Disables a paging service or integration: alerts keep firing but nobody is woken, "
        "so the next outage goes unanswered.",
        (
            p("pd", sub=("service", "update"), args_re=r"--status[= ]disabled\b"),
            p("pd", sub=("service", "disable")),
            p("opsgenie-cli", "opsgenie", "lamp", sub=("integration|heartbeat", "disable")),
        ),
        match=(
            "pd service update --id PX7K2QZ --status disabled",
            "pd service disable --ids PX7K2QZ",
            "opsgenie-cli integration disable --id 5ab2c",
        ),
        not_match=(
            "pd service update --id PX7K2QZ --status active",
            "pd incident list --service-ids PX7K2QZ --since 7d",
            "opsgenie-cli integration get --id 5ab2c",
        ),
    ),
    Rule(
        "guard.waf_count_mode",
        "security_controls",
        "high",
        "require_approval",
        "Puts web-application firewall rules into count or detection mode: requests they "
        "block today are only logged, attacks included.",
        (
            p("aws", sub=("wafv2|waf|waf-regional", "update-\\S+"), args_re=_COUNT_ACTION),
            p("jq", args_re=r"Rules.*" + _COUNT_ACTION),
            p(
                "az",
                sub=("network", "application-gateway", "waf-policy"),
                args_re=r"--mode[= ]Detection\b|--state[= ]Disabled\b",
            ),
            p(
                "gcloud",
                sub=("compute", "security-policies", "rules", "update|create"),
                args_re=r"--preview\b(?![= ]false)",
            ),
        ),
        match=(
            "aws wafv2 update-web-acl --name a --scope REGIONAL --id 1 --lock-token t "
            '--default-action Allow={} --rules \'[{"Name":"c","OverrideAction":{"Count":{}}}]\'',
            "jq '.WebACL.Rules[].OverrideAction = {\"Count\":{}}' acl.json",
            "az network application-gateway waf-policy policy-setting update -g rg "
            "--policy-name p --mode Detection --state Enabled",
            "gcloud compute security-policies rules update 1000 --security-policy edge --preview",
        ),
        not_match=(
            "aws wafv2 get-web-acl --name a --scope REGIONAL --id 1",
            "aws wafv2 update-web-acl --name a --scope REGIONAL --id 1 --lock-token t "
            '--default-action Block={} --rules \'[{"Name":"c","OverrideAction":{"None":{}}}]\'',
            "jq '.WebACL.Rules[].Name' acl.json",
            "az network application-gateway waf-policy policy-setting update -g rg "
            "--policy-name p --mode Prevention --state Enabled",
        ),
    ),
)
