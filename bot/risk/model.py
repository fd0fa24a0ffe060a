"""The assessment: the risk engine's verdict, shared by every other part.

Kept free of Slack, HTTP and the database so it can travel anywhere (stored as
JSON on a request, returned by the API, rendered on a card).
"""

from __future__ import annotations

from typing import cast

from pydantic import BaseModel, ConfigDict, Field

from bot.config import RISK_ORDER, VERDICT_ORDER, Classification, Risk, Verdict


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    """Stable id, e.g. `sql.grant_to_public`, `shell.recursive_delete`."""
    category: str
    """Family: sql, shell, sharing, secrets, pii, exfiltration, obfuscation, ..."""
    reason: str
    """Plain English an approver can read in a second; never contains a secret."""
    risk: Risk = "high"
    verdict: Verdict = "require_approval"
    evidence: str | None = None
    """The (masked) fragment that triggered the rule."""


class DataRef(BaseModel):
    """One resource the instruction touches, with what the catalog knows of it."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: str = "table"
    classification: Classification = "unclassified"
    pii_fields: list[str] = Field(default_factory=list)
    """Catalogued PII fields involved (names only, never values)."""
    owner: str | None = None
    approver_group: str | None = None
    matched: str | None = None
    """The text in the instruction that resolved to this resource."""
    rows: int | None = None
    """Approximate rows in the resource (from the database's statistics), when synced."""
    bytes: int | None = None
    downstream: list[str] = Field(default_factory=list)
    """What is built from it (dbt models and exposures): breaks if it goes."""
    source: str | None = None
    """Where the facts came from: catalog source names, `rule` for a classify_unknown
    default; None for the YAML catalog or nothing known."""


class Assessment(BaseModel):
    decision: Verdict
    risk: Risk
    findings: list[Finding] = Field(default_factory=list)
    data: list[DataRef] = Field(default_factory=list)
    masked_text: str
    """The instruction with secrets and PII values masked: safe to show and store."""
    required_approvals: int = 1
    approver_group: str | None = None
    timeout_seconds: float = 1800.0

    @property
    def reasons(self) -> list[str]:
        return [f.reason for f in self.findings]


def worst_risk(*risks: str) -> Risk:
    return cast(Risk, max(risks, key=RISK_ORDER.__getitem__, default="low"))


def strictest(*verdicts: str) -> Verdict:
    return cast(Verdict, max(verdicts, key=VERDICT_ORDER.__getitem__, default="allow"))
