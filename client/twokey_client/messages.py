"""What an agent reads when TwoKey decides a tool call: who decided, why, and what not to do.

Shared by the Claude Code hook and the runtime integrations; standard library only, so the
hook's cold start does not grow.
"""

from __future__ import annotations

from twokey_client.protocol import Approval, NotApproved


def _ref(request_id: str | None) -> str:
    return f" (TwoKey request {request_id})" if request_id else ""


def allowed_reason(approval: Approval) -> str:
    request = approval.request
    if not approval.approved_by_person:
        return (
            f"TwoKey allowed this call: risk {request.risk}, no second person needed"
            f"{_ref(request.id)}."
        )
    who = ", ".join(approval.approvers) or "an approver"
    note = f": {approval.comment}" if approval.comment else ""
    return f"Approved in TwoKey by {who}{note}{_ref(request.id)}."


def refused_reason(refusal: NotApproved) -> str:
    why = refusal.reason or "no reason given"
    ref = _ref(refusal.request_id)
    match refusal.status:
        case "denied":
            who = f" by {refusal.decided_by}" if refusal.decided_by else ""
            return f"Denied in TwoKey{who}: {why}{ref}. Do not retry this call; ask the user."
        case "expired":
            return f"Expired in TwoKey: nobody approved this call in time, so it is a no{ref}."
        case "blocked":
            return f"Blocked by TwoKey policy: {why}{ref}."
        case "cancelled":
            return f"Cancelled in TwoKey: {why}{ref}."
        case "unavailable" | "error":
            return f"TwoKey could not decide ({why}), so this call is denied (fail closed){ref}."
        case "pending" | "awaiting_requester":
            return f"No decision in TwoKey before the wait ended; withdrawn{ref}."
    return f"Not approved in TwoKey ({refusal.status}: {why}){ref}."
