"""Tool rule packs: every rule's and every safe shape's own examples, and look-alikes
through the whole engine (read-only listings of dangerous things stay allowed)."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine
from bot.risk.packs import SHELL_RULES, SHELL_SAFE, Safe
from bot.risk.shell import _known_safe, _Walk, assess_shell
from bot.risk.shell_rules import Rule

CATEGORIES = {
    "destructive",
    "permissions",
    "secrets",
    "security_controls",
    "infrastructure",
    "exfiltration",
    "remote_code",
}


def rules_of(command: str) -> set[str]:
    return {f.rule for f in assess_shell(command).findings}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in SHELL_RULES for ex in r.match],
    ids=lambda v: v.id if isinstance(v, Rule) else v[:40],
)
def test_pack_rule_matches_its_examples(rule: Rule, example: str) -> None:
    assert rule.id in rules_of(example)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in SHELL_RULES for ex in r.not_match],
    ids=lambda v: v.id if isinstance(v, Rule) else v[:40],
)
def test_pack_rule_ignores_its_counter_examples(rule: Rule, example: str) -> None:
    assert rule.id not in rules_of(example)


@pytest.mark.parametrize(
    ("safe", "example"),
    [(s, ex) for s in SHELL_SAFE for ex in s.match],
    ids=lambda v: v.id if isinstance(v, Safe) else v[:40],
)
def test_safe_shapes_raise_nothing(safe: Safe, example: str) -> None:
    assert rules_of(example) == set()


@pytest.mark.parametrize(
    ("safe", "example"),
    [(s, ex) for s in SHELL_SAFE for ex in s.not_match],
    ids=lambda v: v.id if isinstance(v, Safe) else v[:40],
)
def test_safe_shapes_do_not_cover_risky_commands(safe: Safe, example: str) -> None:
    walk = _Walk(())
    walk.script(example, 0)
    assert walk.cmds and not any(_known_safe(cmd, walk) for cmd in walk.cmds)


def test_pack_rules_are_well_formed() -> None:
    ids = [r.id for r in SHELL_RULES] + [s.id for s in SHELL_SAFE]
    assert len(ids) == len(set(ids))
    for rule in SHELL_RULES:
        assert rule.category in CATEGORIES, rule.id
        assert rule.match and rule.not_match, rule.id
        assert not rule.id.startswith("shell."), rule.id


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


# Written before the rules: what a person would want held, and its harmless twin.
HELD = [
    "aws rds modify-db-instance --db-instance-identifier prod-db --backup-retention-period 0",
    "gcloud sql instances patch prod-db --no-backup",
    "aws dynamodb update-continuous-backups --table-name orders "
    "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=false",
    "velero backup delete --all --confirm",
    "gh api orgs/acme/memberships/outsider -f role=admin",
    "az network nsg rule create -g rg --nsg-name nsg -n ssh --priority 100 "
    "--destination-port-ranges 22 --source-address-prefixes '*'",
    "truncate -s 0 /srv/app/data/orders.db",
    "`: > /var/log/audit/audit.log`",
    "ssh -fN -L 5432:prod-db:5432 bastion && pg_dump -h localhost shop > ~/Desktop/shop.sql",
]
ALLOWED = [
    "aws rds modify-db-instance --db-instance-identifier prod-db --backup-retention-period 14",
    "gcloud sql instances patch prod-db --backup-start-time 02:00",
    "aws dynamodb describe-continuous-backups --table-name orders",
    "velero backup get",
    "gh api repos/acme/app/collaborators",
    "az network nsg rule create -g rg --nsg-name nsg -n ssh --priority 100 "
    "--destination-port-ranges 22 --source-address-prefixes 10.0.0.0/8",
    "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 "
    "--cidr 0.0.0.0/0",
    "truncate -s 0 ./debug.log",
    "vault kv metadata get secret/prod/db",
    "aws secretsmanager list-secret-version-ids --secret-id prod/db",
    "gcloud projects get-iam-policy acme",
    "helm list -n production",
    "terraform plan",
    "pg_dump -h localhost shop_dev > ~/Desktop/shop_dev.sql",
]


@pytest.mark.parametrize("text", HELD)
def test_engine_holds_risky_tool_commands(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"


@pytest.mark.parametrize("text", ALLOWED)
def test_engine_allows_read_only_twins(engine: RiskEngine, text: str) -> None:
    result = engine.assess(text)
    assert result.decision == "allow", [f.rule for f in result.findings]


def test_installs_from_the_company_git_host_are_not_untrusted() -> None:
    command = "pip install git+https://git.acme.example/platform/tools@main"
    assert "install.unpinned_source" in rules_of(command)
    found = {f.rule for f in assess_shell(command, ("acme.example",)).findings}
    assert "install.unpinned_source" not in found
