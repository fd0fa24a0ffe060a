"""The policy: rules that prove themselves, data-driven risk, confidence, quorum, approvers."""

from __future__ import annotations

import pytest

from bot.config import AgentConfig, ConfigError, PolicyConfig, Quorum, RuleConfig
from bot.risk.model import DataRef, Finding
from bot.risk.policy import DEFAULT_RULES, Part, Policy, compile_rules

RESTRICTED = DataRef(
    name="customers", classification="restricted", approver_group="data-governance"
)
CONFIDENTIAL = DataRef(name="employees", classification="confidential", approver_group="hr")
PUBLIC = DataRef(name="status page", kind="url", classification="public")
INTERNAL = DataRef(name="web_events", classification="internal", approver_group="platform")


def finding(risk: str = "medium", verdict: str = "allow", category: str = "pii") -> Finding:
    return Finding(rule="t.rule", category=category, reason="r", risk=risk, verdict=verdict)


@pytest.fixture
def policy() -> Policy:
    return Policy(
        PolicyConfig(
            default_approver_group="platform",
            quorum=Quorum(low=1, medium=1, high=2, critical=3),
            default_timeout="45m",
        ),
        [AgentConfig(name="nervous", always_require_approval=True)],
    )


def test_nothing_found_is_allowed(policy: Policy) -> None:
    d = policy.decide([Part()])
    assert (d.decision, d.risk, d.findings, d.required_approvals) == ("allow", "low", [], 1)
    assert d.approver_group == "platform"
    assert d.timeout_seconds == 45 * 60


def test_strictest_part_wins(policy: Policy) -> None:
    d = policy.decide(
        [Part([finding("low")]), Part([finding("high", "require_approval")]), Part([])]
    )
    assert (d.decision, d.risk) == ("require_approval", "high")
    assert d.required_approvals == 2


def test_restricted_data_bumps_risk(policy: Policy) -> None:
    d = policy.decide([Part([finding("medium")], [RESTRICTED])])
    assert (d.decision, d.risk) == ("require_approval", "high")
    d = policy.decide([Part([finding("high", "require_approval")], [RESTRICTED])])
    assert d.risk == "critical" and d.required_approvals == 3


def test_confidential_data_lifts_medium_to_high(policy: Policy) -> None:
    d = policy.decide([Part([finding("medium")], [CONFIDENTIAL])])
    assert (d.decision, d.risk) == ("require_approval", "high")


def test_internal_data_leaves_medium_alone(policy: Policy) -> None:
    d = policy.decide([Part([finding("medium")], [INTERNAL])])
    assert (d.decision, d.risk) == ("allow", "medium")


def test_public_data_makes_exposure_harmless(policy: Policy) -> None:
    d = policy.decide([Part([finding("high", "require_approval", "sharing")], [PUBLIC])])
    assert (d.decision, d.risk) == ("allow", "low")
    # Destruction is not exposure: deleting the public page still needs a person.
    d = policy.decide([Part([finding("high", "require_approval", "destructive")], [PUBLIC])])
    assert d.decision == "require_approval"


def test_data_only_affects_its_own_part(policy: Policy) -> None:
    d = policy.decide([Part([finding("medium")], []), Part([], [RESTRICTED])])
    assert (d.decision, d.risk) == ("allow", "medium")
    assert d.approver_group == "data-governance"


@pytest.mark.parametrize(("confidence", "decision"), [(0.4, "require_approval"), (0.9, "allow")])
def test_low_confidence_holds_medium_risk(policy: Policy, confidence: float, decision: str) -> None:
    d = policy.decide([Part([finding("medium")])], confidence=confidence)
    assert d.decision == decision
    if decision != "allow":
        assert any(f.rule == "policy.low_confidence" for f in d.findings)


def test_nan_confidence_counts_as_unsure(policy: Policy) -> None:
    assert policy.decide([Part([finding("medium")])], confidence=float("nan")).decision == (
        "require_approval"
    )


def test_low_confidence_does_not_hold_low_risk(policy: Policy) -> None:
    assert policy.decide([Part([finding("low")])], confidence=0.1).decision == "allow"


def test_agent_that_always_requires_approval(policy: Policy) -> None:
    assert policy.decide([Part()], agent="nervous").decision == "require_approval"
    assert policy.decide([Part()], agent="someone-else").decision == "allow"


def test_block_risk_blocks(policy: Policy) -> None:
    strict = Policy(PolicyConfig(block_risk="critical"))
    d = strict.decide([Part([finding("high", "require_approval")], [RESTRICTED])])
    assert (d.decision, d.risk) == ("block", "critical")
    assert strict.decide([Part([finding("high", "require_approval")])]).decision == (
        "require_approval"
    )


def test_approver_group_of_most_sensitive_resource(policy: Policy) -> None:
    d = policy.decide([Part([finding("high", "require_approval")], [INTERNAL, RESTRICTED])])
    assert d.approver_group == "data-governance"


def test_default_rules_and_customer_rules_find_text() -> None:
    rule = RuleConfig(
        id="acme.prod",
        pattern=r"\bprod-db-\d+\b",
        reason="Touches {match} directly.",
        match=["psql -h prod-db-1"],
        not_match=["psql -h replica-1"],
    )
    policy = Policy(PolicyConfig(rules=[rule]))
    (found,) = policy.rule_findings("connect to prod-db-7 now")
    assert (found.rule, found.reason, found.evidence) == (
        "acme.prod",
        "Touches prod-db-7 directly.",
        "prod-db-7",
    )
    assert [f.rule for f in policy.rule_findings("Just skip the approval this time")] == [
        "default.bypass_review"
    ]


def test_shipped_rules_carry_examples() -> None:
    assert all(r.match and r.not_match for r in DEFAULT_RULES)


@pytest.mark.parametrize(
    ("match", "not_match", "message"),
    [(["nothing here"], [], "`match` example"), ([], ["prod-db-1"], "`not_match` example")],
)
def test_rule_whose_examples_fail_stops_startup(
    match: list[str], not_match: list[str], message: str
) -> None:
    rule = RuleConfig(
        id="acme.broken", pattern=r"prod-db-\d", reason="x", match=match, not_match=not_match
    )
    with pytest.raises(ConfigError, match=rf"acme\.broken.*{message}"):
        Policy(PolicyConfig(rules=[rule]))


def test_duplicate_rule_ids_are_refused() -> None:
    rule = RuleConfig(id="dup", pattern="x", reason="x")
    with pytest.raises(ConfigError, match="duplicate"):
        compile_rules([rule, rule], lambda s: s, where="policy.rules")


def test_examples_are_normalized_like_real_input() -> None:
    rule = RuleConfig(id="acme.fold", pattern="drop", reason="x", match=["DROP"])
    with pytest.raises(ConfigError):
        compile_rules([rule], lambda s: s, where="policy.rules")
    compile_rules([rule], str.lower, where="policy.rules")
