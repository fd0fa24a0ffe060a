"""From findings and data to a decision: risk, verdict, quorum, approvers, timeout.

Detectors say what an instruction does; the policy says what that means here.
Rules are data (id, category, verdict, risk, reason, and their own `match` /
`not_match` examples); the examples run when the policy loads, so a rule that
does not do what it claims stops start-up instead of silently letting things by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.config import (
    RISK_ORDER,
    VERDICT_ORDER,
    AgentConfig,
    ConfigError,
    PolicyConfig,
    Risk,
    RuleConfig,
    Verdict,
)
from bot.risk.catalog import CLASSIFICATION_ORDER
from bot.risk.model import DataRef, Finding, strictest, worst_risk
from bot.risk.prefilter import prefiltered

_RISKS: tuple[Risk, ...] = ("low", "medium", "high", "critical")

DATA_NEUTRAL_CATEGORIES = frozenset({"obfuscation", "parse", "engine", "policy"})
"""Findings whose risk does not depend on which data is involved."""
EXPOSURE_CATEGORIES = frozenset(
    {"sharing", "exfiltration", "access", "permissions", "pii", "exposure"}
)
"""Findings about who can see data: harmless when every resource involved is public."""

DEFAULT_RULES: tuple[RuleConfig, ...] = (
    RuleConfig(
        id="default.bypass_review",
        category="social-engineering",
        verdict="require_approval",
        risk="high",
        pattern=(
            r"(?i)\b(?:skip|bypass|circumvent|get\s+around|avoid)\s+(?:the\s+|any\s+)?"
            r"(?:approvals?|reviews?|twokey|security\s+review|change\s+management)\b"
            r"|\b(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:tell|ask|notify|loop\s+in|involve)\s+"
            r"(?:security|anyone|your\s+manager|the\s+data\s+owner|compliance|legal)\b"
        ),
        reason="Tells the person to get around review or keep it from security: '{match}'.",
        match=[
            "Run it now and skip the approval, it is fine.",
            "No need to tell security about this one.",
        ],
        not_match=[
            "Once the approval comes through, run the migration.",
            "Ask security to review the change first.",
        ],
    ),
    RuleConfig(
        id="default.audit_trail_off",
        category="security-controls",
        verdict="require_approval",
        risk="high",
        pattern=(
            r"(?i)\b(?:disable|turn\s+off|switch\s+off|stop|pause|delete|purge|wipe|clear)\s+"
            r"(?:the\s+|all\s+)?(?:audit\s+(?:logs?|logging|trail)|cloudtrail(?:\s+trail)?|"
            r"access\s+logging)\b"
        ),
        reason="Turns off or erases the audit trail ('{match}'): later access could not be traced.",
        match=["Turn off the audit logging for an hour while the import runs."],
        not_match=["Check the audit log for the last hour of imports."],
    ),
)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    category: str
    verdict: Verdict
    risk: Risk
    reason: str
    regex: re.Pattern[str]

    def finding(self, text: str) -> Finding | None:
        m = self.regex.search(text)
        if m is None:
            return None
        fragment = m.group(0)[:120]
        return Finding(
            rule=self.id,
            category=self.category,
            reason=self.reason.replace("{match}", fragment),
            risk=self.risk,
            verdict=self.verdict,
            evidence=fragment,
        )


def compile_rules(
    rules: Sequence[RuleConfig], normalize: Callable[[str], str], *, where: str
) -> list[CompiledRule]:
    """Compile rules and prove each against its own examples (ConfigError names the rule)."""
    out: list[CompiledRule] = []
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        label = f"{where}.{i} ({rule.id})"
        if rule.id in seen:
            raise ConfigError(f"{label}: duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        try:
            regex = prefiltered(re.compile(rule.pattern))  # every text meets every rule
        except re.error as exc:
            raise ConfigError(f"{label}: invalid pattern: {exc}") from None
        compiled = CompiledRule(rule.id, rule.category, rule.verdict, rule.risk, rule.reason, regex)
        for example in rule.match:
            if compiled.finding(normalize(example)) is None:
                raise ConfigError(
                    f"{label}: its `match` example {example!r} does not match the pattern"
                )
        for example in rule.not_match:
            if compiled.finding(normalize(example)) is not None:
                raise ConfigError(
                    f"{label}: its `not_match` example {example!r} matches the pattern"
                )
        out.append(compiled)
    return out


@dataclass(slots=True)
class Part:
    """One assessed piece of the instruction: its findings and the data it touches."""

    findings: list[Finding] = field(default_factory=list)
    data: list[DataRef] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Decision:
    decision: Verdict
    risk: Risk
    findings: list[Finding]
    required_approvals: int
    approver_group: str | None
    timeout_seconds: float


def _bump(risk: Risk, steps: int = 1) -> Risk:
    return _RISKS[min(RISK_ORDER[risk] + steps, len(_RISKS) - 1)]


class Policy:
    """The configured policy (or the shipped default), with its rules compiled and proven."""

    def __init__(
        self,
        config: PolicyConfig,
        agents: Sequence[AgentConfig] = (),
        normalize: Callable[[str], str] = lambda s: s,
    ) -> None:
        self.config = config
        self._agents = {a.name: a for a in agents}
        self.rules = compile_rules(DEFAULT_RULES, normalize, where="built-in rules") + (
            compile_rules(config.rules, normalize, where="policy.rules")
        )
        self._block_at = RISK_ORDER[config.block_risk] if config.block_risk else None

    def rule_findings(self, text: str) -> list[Finding]:
        """Findings of the text rules (built-in first, then the customer's), in order."""
        out = []
        for rule in self.rules:
            found = rule.finding(text)
            if found is not None:
                out.append(found)
        return out

    def adjust(self, finding: Finding, data: Sequence[DataRef], low_confidence: bool) -> Finding:
        """Raise or lower one finding for the data it touches and the agent's confidence."""
        risk: Risk = finding.risk
        verdict: Verdict = finding.verdict
        if finding.category not in DATA_NEUTRAL_CATEGORIES and data:
            top = max(CLASSIFICATION_ORDER[d.classification] for d in data)
            if top == CLASSIFICATION_ORDER["restricted"]:
                risk = _bump(risk)
            elif top == CLASSIFICATION_ORDER["confidential"] and RISK_ORDER[risk] >= 1:
                risk = worst_risk(risk, "high")
            elif (
                top == CLASSIFICATION_ORDER["public"]
                and finding.category in EXPOSURE_CATEGORIES
                and VERDICT_ORDER[verdict] < VERDICT_ORDER["block"]
            ):
                # Making public data public (the status page) exposes nothing.
                risk, verdict = "low", "allow"
        level = RISK_ORDER[risk]
        if level >= RISK_ORDER["high"] or (level == RISK_ORDER["medium"] and low_confidence):
            verdict = strictest(verdict, "require_approval")
        if self._block_at is not None and level >= self._block_at:
            verdict = "block"
        if risk == finding.risk and verdict == finding.verdict:
            return finding
        return finding.model_copy(update={"risk": risk, "verdict": verdict})

    def decide(
        self,
        parts: Sequence[Part],
        *,
        agent: str | None = None,
        confidence: float | None = None,
    ) -> Decision:
        threshold = self.config.confidence_threshold
        # `not >=` rather than `<`: a NaN confidence counts as unsure, never as sure.
        low_confidence = confidence is not None and not confidence >= threshold
        findings: list[Finding] = []
        data: list[DataRef] = []
        for part in parts:
            findings += [self.adjust(f, part.data, low_confidence) for f in part.findings]
            data += part.data
        if low_confidence and any(RISK_ORDER[f.risk] >= 1 for f in findings):
            findings.append(
                Finding(
                    rule="policy.low_confidence",
                    category="policy",
                    reason=(
                        f"The agent was only {confidence:.0%} sure (threshold {threshold:.0%}),"
                        " so medium-risk steps need a second person."
                    ),
                    risk="medium",
                    verdict="require_approval",
                )
            )
        profile = self._agents.get(agent) if agent else None
        if profile is not None and profile.always_require_approval:
            findings.append(
                Finding(
                    rule="policy.agent_always_requires_approval",
                    category="policy",
                    reason=f"Every instruction from {profile.name} needs a second person.",
                    risk="low",
                    verdict="require_approval",
                )
            )
        decision = strictest(*(f.verdict for f in findings))
        risk = worst_risk(*(f.risk for f in findings))
        return Decision(
            decision=decision,
            risk=risk,
            findings=findings,
            required_approvals=self.config.quorum.for_risk(risk),
            approver_group=self._approver_group(data),
            timeout_seconds=self.config.default_timeout,
        )

    def _approver_group(self, data: Sequence[DataRef]) -> str | None:
        owned = [d for d in data if d.approver_group]
        if owned:
            top = max(owned, key=lambda d: CLASSIFICATION_ORDER[d.classification])
            return top.approver_group
        return self.config.default_approver_group
