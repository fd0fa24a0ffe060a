"""Builders for workflow tests: hand-made assessments keep them independent of the risk engine."""

from __future__ import annotations

from bot.approvals import ApprovalService, RequestEvent
from bot.config import TwoKeyConfig
from bot.risk.model import Assessment, DataRef, Finding

SECRET = "test-secret-key"
REQUESTER = "U0EMP0001"
APPROVER, APPROVER2, APPROVER3 = "U0DGOV001", "U0DGOV002", "U0DGOV003"
OUTSIDER = "U0RANDOM1"
AGENT_USER = "U0OPSBOT1"
TEXT = "Run `DROP TABLE customers;` on prod to clean up."


def assessment(
    decision: str = "require_approval",
    *,
    risk: str = "high",
    group: str | None = "data-governance",
    quorum: int = 1,
    timeout: float = 1800,
) -> Assessment:
    return Assessment(
        decision=decision,
        risk=risk,
        masked_text=TEXT,
        findings=[
            Finding(rule="sql.drop_table", category="sql", reason="Drops a table.", risk=risk)
        ],
        data=[
            DataRef(
                name="customers", classification="restricted", pii_fields=["ssn"], owner=APPROVER
            )
        ],
        required_approvals=quorum,
        approver_group=group,
        timeout_seconds=timeout,
    )


def with_policy(config: TwoKeyConfig, **changes) -> TwoKeyConfig:
    return config.model_copy(update={"policy": config.policy.model_copy(update=changes)})


def with_group(config: TwoKeyConfig, name: str, users: list[str]) -> TwoKeyConfig:
    from bot.config import ApproverGroup

    approvers = {**config.approvers, name: ApproverGroup(users=users)}
    return config.model_copy(update={"approvers": approvers})


class Recorder:
    def __init__(self) -> None:
        self.events: list[RequestEvent] = []

    async def __call__(self, event: RequestEvent) -> None:
        self.events.append(event)

    def kinds(self, request_id: str | None = None) -> list[str]:
        return [e.kind for e in self.events if request_id is None or e.request.id == request_id]


async def submit(service: ApprovalService, a: Assessment | None = None, **kw):
    kw.setdefault("text", TEXT)
    kw.setdefault("requester", REQUESTER)
    kw.setdefault("agent", "opsbot")
    view, _ = await service.submit_assessed(a or assessment(), **kw)
    return view


async def pending(service: ApprovalService, a: Assessment | None = None, **kw):
    """A request already confirmed by its requester."""
    view = await submit(service, a, **kw)
    if view.status == "awaiting_requester":
        outcome = await service.confirm(
            view.id, actor=view.requester, justification="Ticket OPS-42"
        )
        assert outcome.ok, outcome.message
        view = outcome.request
    return view


async def pending_at_once(service: ApprovalService, a: Assessment, **kw):
    """A request pending from the moment it is made (no requester confirmation): a short
    deadline cannot run out while the requester confirms on a loaded machine."""
    view = await submit(service, a, skip_requester_confirmation=True, **kw)
    assert view.status == "pending", view.status
    return view
