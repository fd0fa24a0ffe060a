"""Whether an agent's question (HumanLayer `human_as_tool`) may be put to a person.

A question is still an agent's words to an employee, so the risk engine reads it
first: one it would hold or block (say, "please run `DROP TABLE customers` and
tell me the result") is not delivered, and the agent is told the action belongs
in a request for approval. An agent that needs approval for every *action* may
still ask questions.
"""

from __future__ import annotations

from typing import Any

AGENT_RULE = "policy.agent_always_requires_approval"


def refusal(risk: Any, text: str, agent: str) -> str | None:
    """Why TwoKey will not pass this question on, or None to deliver it."""
    assessment = risk.assess(text, agent=agent)
    held = [f for f in assessment.findings if f.verdict != "allow" and f.rule != AGENT_RULE]
    if assessment.decision == "allow" or (not held and assessment.decision != "block"):
        return None
    reasons = "; ".join(dict.fromkeys(f.reason for f in held)) or "TwoKey's policy"
    return (
        f"TwoKey did not deliver this message: {reasons.rstrip('.')}. A question may not "
        f"carry what TwoKey would hold for a second approval; ask for approval of the "
        f"action itself (require_approval) instead."
    )
