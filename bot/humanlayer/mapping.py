"""HumanLayer function calls ↔ TwoKey requests.

A call becomes one instruction an approver can read: `fn(key=value, …)` on the
first line, and every argument that is code — a `sql`/`query` argument, a
`command`/`cmd`/`script` argument, or any string that reads as SQL or a shell
command — in its own fenced block tagged with its language. The risk engine
reads fenced blocks exactly as it reads `kind=` (explicit SQL or shell, where
an unparsable statement is itself suspicious), so each argument is assessed as
what it is while the approver still sees the whole call.

Decisions go the other way: TwoKey's status becomes the SDK's
`status.approved` (null while undecided) and a `comment` that says who decided
and why — the SDK refuses a rejection without one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.approvals.view import RequestView
from bot.humanlayer.models import FunctionCallIn, is_user_id
from bot.risk.calls import Rendered, ToolCall, render
from storage.models import Status


def render_call(fn: str, kwargs: dict[str, Any]) -> Rendered:
    """The instruction text for one SDK call: the shared tool-call rendering.

    The SDK sends keyword arguments only, so a call with none may have had positional
    ones TwoKey never saw: it is rendered (and assessed) as arguments not visible.
    """
    return render(tool_call(fn, kwargs))


def tool_call(fn: str, kwargs: dict[str, Any]) -> ToolCall:
    return ToolCall(name=fn, arguments=kwargs, arguments_visible=bool(kwargs))


def digest(payload: Any) -> str:
    """SHA-256 of canonical JSON: equal payloads, equal digests."""
    raw = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":")
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def call_digest(call: FunctionCallIn) -> str:
    """What must match for a repeated call_id to be the same call (bot token excluded)."""
    spec = call.spec
    return digest(
        {
            "run_id": call.run_id,
            "fn": spec.fn,
            "kwargs": spec.kwargs,
            "channel": spec.channel.echo() if spec.channel else None,
            "reject_options": [o.model_dump() for o in spec.reject_options or []],
            "state": spec.state,
        }
    )


def idempotency_key(call_id: str) -> str:
    """Namespaced so a HumanLayer call_id never collides with a gate API idempotency key."""
    return f"humanlayer:{call_id}"


@dataclass(frozen=True)
class Routing:
    requester: str | None
    allowed_approvers: list[str] | None
    context: str | None


def routing(call: FunctionCallIn) -> Routing:
    """Who asks and who may answer, from the SDK's Slack channel hints.

    HumanLayer has no requester. A Slack *user* in `channel_or_user_id` is the
    person the agent works with, so TwoKey treats them as the requester (they
    confirm; they can never approve their own agent's call). A channel id
    names no person: the request goes straight to the policy's approvers.
    `allowed_responder_ids` narrows the approvers; the service intersects it
    with the policy's, so it can never add anyone.
    """
    slack = call.spec.channel.slack if call.spec.channel else None
    if slack is None:
        return Routing(requester=None, allowed_approvers=None, context=None)
    requester = slack.channel_or_user_id if is_user_id(slack.channel_or_user_id) else None
    return Routing(
        requester=requester,
        allowed_approvers=list(slack.allowed_responder_ids)
        if slack.allowed_responder_ids
        else None,
        context=slack.context_about_channel_or_user,
    )


# ---- status ------------------------------------------------------------------------------


def _minutes(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


def _who(user: str | None) -> str:
    return user or "an approver"


def _reasons(view: RequestView) -> str:
    reasons = [f.reason for f in view.findings if f.verdict != "allow"]
    return "; ".join(dict.fromkeys(reasons)) or "TwoKey's policy"


def approved_flag(view: RequestView) -> bool | None:
    """True may run, False must not, None not decided yet (the SDK keeps polling)."""
    if view.status in (Status.ALLOWED, Status.APPROVED, Status.EXECUTED):
        return True
    if view.status in (Status.BLOCKED, Status.DENIED, Status.EXPIRED, Status.CANCELLED):
        return False
    return None


def comment(view: RequestView) -> str | None:
    """The sentence the SDK hands the agent (and puts into its denial string)."""
    ref = f"(TwoKey request {view.id})"
    match view.status:
        case Status.ALLOWED:
            return (
                f"TwoKey allowed this call by policy: risk {view.risk}, nothing needed a second "
                f"person {ref}."
            )
        case Status.APPROVED | Status.EXECUTED:
            approvers = [v.voter for v in view.votes if v.approve]
            notes = [v.comment for v in view.votes if v.approve and v.comment]
            who = ", ".join(approvers) or _who(view.decided_by)
            text = f"Approved in TwoKey by {who}"
            return f"{text}: {' / '.join(notes)} {ref}" if notes else f"{text} {ref}."
        case Status.BLOCKED:
            return f"Blocked by TwoKey policy: {_reasons(view)} {ref}."
        case Status.DENIED:
            reason = view.reason or "no reason given"
            return f"Denied in TwoKey by {_who(view.decided_by)}: {reason} {ref}"
        case Status.EXPIRED:
            waited = ""
            if view.expires_at is not None:
                waited = f" within {_minutes((view.expires_at - view.created_at).total_seconds())}"
            return (
                f"Expired: nobody approved this call{waited}, and TwoKey treats no answer as "
                f"a no {ref}."
            )
        case Status.CANCELLED:
            reason = view.reason or "no reason given"
            return f"Cancelled by {view.decided_by or 'the requester'}: {reason} {ref}"
    return None


def _stamp(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def _slack_ts(view: RequestView) -> str | None:
    slack = view.slack or {}
    cards = slack.get("cards") or []
    if cards and isinstance(cards[0], dict) and cards[0].get("ts"):
        return str(cards[0]["ts"])
    ts = slack.get("prompt_ts") or slack.get("ts")
    return str(ts) if ts else None


def function_call_out(view: RequestView) -> dict[str, Any]:
    """The SDK's `FunctionCall` shape, plus a `twokey` block it ignores and people can read."""
    meta = view.meta or {}
    approved = approved_flag(view)
    return {
        "run_id": meta.get("run_id"),
        "call_id": meta.get("call_id"),
        "spec": {
            "fn": meta.get("fn"),
            "kwargs": meta.get("kwargs") or {},
            "channel": meta.get("channel"),
            "reject_options": meta.get("reject_options"),
            "state": meta.get("state"),
        },
        "status": {
            "requested_at": _stamp(view.created_at),
            "responded_at": _stamp(view.decided_at) if approved is not None else None,
            "approved": approved,
            "comment": comment(view),
            "reject_option_name": None,
            "slack_message_ts": _slack_ts(view),
        },
        "twokey": {
            "request_id": view.id,
            "status": view.status,
            "decision": view.decision,
            "risk": view.risk,
            "reasons": [f.reason for f in view.findings],
            "requester": view.requester,
            "expires_at": _stamp(view.expires_at),
        },
    }


def masked(value: Any) -> Any:
    """`value` with every string leaf masked like an instruction (secrets and PII values hidden)."""
    from bot.risk.secrets import mask_fragment

    if isinstance(value, str):
        return mask_fragment(value)
    if isinstance(value, dict):
        return {str(k): masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [masked(v) for v in value]
    return value
