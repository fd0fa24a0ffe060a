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
import re
import shlex
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.approvals.view import RequestView
from bot.humanlayer.models import FunctionCallIn, is_user_id
from storage.models import Status

SQL_ARGS = frozenset({"sql", "query", "statement", "sql_query", "stmt"})
SHELL_ARGS = frozenset({"command", "cmd", "script", "shell", "bash", "shell_command"})
_SQL_SUFFIXES = ("_sql", "_query")
_SHELL_SUFFIXES = ("_command", "_cmd", "_script")
INLINE_LIMIT = 80
"""Longer strings go into a block of their own so the call line stays readable."""

_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Rendered:
    text: str
    """The exact instruction the engine assesses and the approver approves (masked on display)."""
    assessed_as: dict[str, list[str]] = field(default_factory=dict)
    """Argument names per language they were assessed as: {"sql": [...], "shell": [...]}."""


def _lang_for(name: str) -> str | None:
    lowered = name.lower()
    if lowered in SQL_ARGS or lowered.endswith(_SQL_SUFFIXES):
        return "sql"
    if lowered in SHELL_ARGS or lowered.endswith(_SHELL_SUFFIXES):
        return "shell"
    return None


def _reads_as_code(value: str) -> bool:
    """A string the engine should read as its own piece (SQL, a command, several lines)."""
    from bot.risk.extract import looks_like_sql
    from bot.risk.shell import looks_like_shell

    first = value.strip().splitlines()[0] if value.strip() else ""
    return (
        "\n" in value.strip()
        or len(value) > INLINE_LIMIT
        or looks_like_sql(first)
        or looks_like_shell(first)
    )


def _fence(body: str) -> str:
    """A fence longer than any backtick run inside `body`, so the value cannot close it."""
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(body)), default=0)
    return "`" * max(3, longest + 1)


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=False)


_PLAIN_KEY = re.compile(r"[A-Za-z_][\w-]{0,63}")


def _key(name: str) -> str:
    """A key as it appears in a block's heading: quoted unless plain, so it holds no newline."""
    return name if _PLAIN_KEY.fullmatch(name) else _inline(name)


def _argv(value: list[Any] | tuple[Any, ...], lang: str | None) -> str | None:
    """The command line an argv-style list of strings runs, or None if it is not one.

    Under a shell-named key (`cmd=["rm", "-rf", "/x"]`) a list of words is one
    command; anywhere else it is one when the joined line reads as a command.
    A list whose first item has spaces is a list of commands, rendered item by item.
    """
    from bot.risk.shell import looks_like_shell

    words = [v if isinstance(v, str) else _inline(v) for v in value if _is_word(v)]
    if not words or len(words) != len(value) or not isinstance(value[0], str):
        return None
    first = words[0].strip()
    if not first or any(c.isspace() for c in first):
        return None
    line = shlex.join(words)
    return line if lang == "shell" or looks_like_shell(line) else None


def _is_word(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


class _Renderer:
    """Walks one argument: code strings become numbered blocks, the rest stays inline."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.assessed: dict[str, list[str]] = {}

    def _block(self, path: str, body: str, lang: str | None) -> str:
        n = len(self.blocks) + 1
        label = {"sql": "SQL", "shell": "command"}.get(lang or "", "text")
        fence = _fence(body)
        tag = {"sql": "sql", "shell": "bash"}.get(lang or "", "")
        self.blocks.append(
            f"{label[0].upper()}{label[1:]} {n} ({path}):\n{fence}{tag}\n{body}\n{fence}"
        )
        self.assessed.setdefault(lang or "auto", []).append(path)
        return f"<{label} {n} below>"

    def value(self, value: Any, path: str, lang: str | None) -> str:
        """`value` as it reads in the call line; `lang` is what its key says it is."""
        if isinstance(value, str):
            if lang is not None or _reads_as_code(value):
                return self._block(path, value, lang)
            return _inline(value)
        if isinstance(value, dict):
            items = []
            for key, item in value.items():
                name = str(key)
                shown = self.value(item, f"{path}.{_key(name)}", _lang_for(name))
                items.append(f"{_inline(name)}: {shown}")
            return "{" + ", ".join(items) + "}"
        if isinstance(value, list | tuple):
            line = _argv(value, lang)
            if line is not None:
                shown = self._block(path, line, "shell")
                # `["ls", "rm -rf /x"]` may be a list of commands rather than one argv, and
                # `["psql", "-c", "DROP …"]` carries SQL: such items are also read on their own.
                for i, item in enumerate(value):
                    if isinstance(item, str) and " " in item.strip() and _reads_as_code(item):
                        self._block(f"{path}[{i}]", item, None)
                return shown
            # Items of a list under a code-named key are code too (`sql=["…", "…"]`).
            items = [self.value(item, f"{path}[{i}]", lang) for i, item in enumerate(value)]
            return "[" + ", ".join(items) + "]"
        return _inline(value)


def render_call(fn: str, kwargs: dict[str, Any]) -> Rendered:
    """The instruction text for one function call (deterministic for the same call).

    Nested values are walked: a string that reads as code, or that sits under a
    SQL- or shell-named key at any depth, gets its own tagged block, and a list
    of words under a shell-named key is joined into the command line it runs.
    Otherwise an agent could pass `cmd=["rm", "-rf", "/x"]` or
    `step={"command": "…"}` as JSON the engine never reads as a command.
    """
    renderer = _Renderer()
    args = [
        f"{_key(name)}={renderer.value(value, _key(name), _lang_for(name))}"
        for name, value in kwargs.items()
    ]
    text = f"{fn}({', '.join(args)})"
    if renderer.blocks:
        text += "\n\n" + "\n\n".join(renderer.blocks)
    return Rendered(text=text, assessed_as=renderer.assessed)


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
