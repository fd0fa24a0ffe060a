"""Documents whose own keys say what they do: a list under `stacks_to_delete`,
`teardown` or `decommission` that names production resources, and a group rule
(`if`/`condition`/`membershipRule` beside `assign_to_groups`/`roles`) that hands an
administrator group to everyone its condition selects.

The format does not matter (YAML or JSON, any tool's schema): the key names the act and
the values name its objects. A list naming only sandbox, QA or preview resources, a
key that keeps (`retain_resources`, `do_not_delete`) and a rule granting ordinary
application groups stay allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.risk.environments import names_nonproduction, names_production
from bot.risk.packs.docmodel import Doc, DocRule, Judge, as_list, text_of

_DESTROY_KEY = re.compile(
    r"(?i)(?:^|[_\-.])(?:to[_\-]?)?(?:delete|destroy|teardown|tear[_\-]down|decommission|"
    r"deprovision|purge|terminate|remove)(?:$|[_\-.])|^(?:delete|destroy|teardown|"
    r"decommission|deprovision|purge|terminate|remove)|(?:delete|destroy|remove)$"
)
# A key that keeps or spares what it lists.
_SPARE_KEY = re.compile(r"(?i)not|never|skip|exclude|except|keep|protect|retain|ignore|dry|allow")
_NOT_NAMES = frozenset({"region", "zone", "location", "account", "provider", "reason"})
MAX_LEAVES = 200
_SPACE = re.compile(r"\s")


def _names(value: Any) -> Iterator[str]:
    """String leaves of a value (names of what a list holds), skipping where-keys."""
    stack, seen = [value], 0
    while stack and seen < MAX_LEAVES:
        cur = stack.pop()
        seen += 1
        if isinstance(cur, dict):
            stack.extend(v for k, v in cur.items() if str(k).lower() not in _NOT_NAMES)
        elif isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, str) and 0 < len(cur) <= 100 and not _SPACE.search(cur.strip()):
            yield cur  # a resource's name, never a command line or a sentence


def _production(name: str) -> bool:
    return names_production(name) and not names_nonproduction(name)


def judge_teardown_production(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        for key, value in d.items():
            k = str(key)
            if not isinstance(value, dict | list) or _SPARE_KEY.search(k):
                continue
            if not _DESTROY_KEY.search(k):
                continue
            prod = [n for n in _names(value) if _production(n)]
            if prod:
                out.append(f"{k}: {', '.join(prod[:3])}")
    return out


_CONDITION_KEYS = frozenset(
    {"if", "condition", "expression", "membershiprule", "membership_rule", "when", "filter"}
)
_ASSIGN_KEY = re.compile(
    r"(?i)^(?:assign(?:ed)?[_\-]?(?:to[_\-]?)?|add[_\-]?to[_\-]?)?(?:groups?|roles?)(?:[_\-]?ids?)?$"
)
_ADMIN_NAME = re.compile(r"(?i)admin|owner|superuser")
_LIMITED_NAME = re.compile(r"(?i)read[\s_-]*only|viewer|reader|auditor")


def judge_rule_grants_admin(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        keys = {str(k).lower(): k for k in d}
        if not _CONDITION_KEYS & keys.keys():
            continue
        for key, value in d.items():
            if not _ASSIGN_KEY.match(str(key)):
                continue
            names = [text_of(v) for v in as_list(value) if isinstance(v, str)]
            admin = [n for n in names if _ADMIN_NAME.search(n) and not _LIMITED_NAME.search(n)]
            if admin:
                out.append(f"{key}: {', '.join(admin[:3])}")
    return out


JUDGES: dict[str, Judge] = {
    "teardown_production": judge_teardown_production,
    "rule_grants_admin": judge_rule_grants_admin,
}

_LIST = "stacks_to_delete:\n  - name: {a}\n    region: eu-west-1\n  - name: {b}\n"
_RULE = 'name: r\nif: user.department == "Support"\nassign_to_groups:\n  - {g}\n'

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.teardown_production",
        "destructive",
        "high",
        "require_approval",
        "A teardown document (a list under a delete/destroy/decommission key) that names "
        "production resources: whatever runs it deletes them.",
        ("teardown_production",),
        match=(
            _LIST.format(a="shop-prod-network", b="shop-prod-rds"),
            '{"resources_to_destroy": ["billing-production-db"]}',
            "decommission:\n  - name: crm-prod-mysql\n",
        ),
        not_match=(
            _LIST.format(a="shop-poc-network", b="shop-staging-rds"),
            "retain_resources:\n  - shop-prod-db\n",
            "delete_disks: true\nname: prod\n",
            "jobs:\n  remove:\n    steps:\n      - run: git rm --cached config/prod.env\n",
        ),
    ),
    DocRule(
        "doc.rule_grants_admin",
        "permissions",
        "high",
        "require_approval",
        "A group rule that hands an administrator or owner group to everyone its condition "
        "selects (a whole department or org unit): each new member becomes an admin.",
        ("rule_grants_admin",),
        match=(
            _RULE.format(g="Okta Super Administrators"),
            '{"condition": "user.department == \'Sales\'", "groups": ["GCP-Prod-Owner"]}',
        ),
        not_match=(
            _RULE.format(g="Zendesk-Agents"),
            _RULE.format(g="Salesforce-Admin-ReadOnly"),
            "groups:\n  - Super Administrators\n",
        ),
    ),
)
