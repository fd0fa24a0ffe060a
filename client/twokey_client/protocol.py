"""The gate protocol without I/O: every operation is a generator of steps.

An operation (`submit`, `wait`, `authorize`, …) yields `Send` (one HTTP
request) and `Sleep` (a pause between retries) and receives a `Reply`; a
transport failure is thrown into it as `Unreachable`. The sync client, the
async client and the hook's stdlib driver each run the same generators, so the
rules — retries, long-polling, fail closed, redeeming exactly the approved
text — are written once. This module imports only the standard library, which
keeps the Claude Code hook's cold start small.

Fail closed: a connection error, a timeout, a 5xx, an unknown status or an
unreadable answer on the way to a decision is never "go ahead".
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

OPEN = frozenset({"awaiting_requester", "pending"})
"""Statuses that may still change: keep waiting."""
KNOWN = OPEN | {"allowed", "approved", "executed", "blocked", "denied", "expired", "cancelled"}
"""Every status the gate reports; anything else is read as "not approved"."""
MAX_SERVER_WAIT = 60.0
"""The server caps one long-poll at this many seconds; longer waits loop."""
ENV_URL = "TWOKEY_URL"
ENV_KEY = "TWOKEY_API_KEY"
ENV_REQUESTER = "TWOKEY_REQUESTER"
ENV_AGENT = "TWOKEY_AGENT"


# ---- errors -----------------------------------------------------------------------------------


class TwoKeyError(Exception):
    """The gate answered with an error (or could not be reached, or is not configured)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = message


class TwoKeyUnavailable(TwoKeyError):
    """No usable answer after the retries: connection errors, timeouts, 5xx."""


class NotApproved(Exception):
    """The action must not run: blocked, denied, expired, cancelled, or no answer."""

    def __init__(
        self,
        status: str,
        reason: str | None = None,
        request_id: str | None = None,
        decided_by: str | None = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.request_id = request_id
        self.decided_by = decided_by
        """Who decided (the denying approver, `policy`, the requester who cancelled), if known."""
        where = f" (request {request_id})" if request_id else ""
        why = f": {reason}" if reason else ""
        super().__init__(f"not approved{where}: {status}{why}")


class Unreachable(Exception):
    """Thrown into an operation by its driver when the request did not complete."""


# ---- steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    method: str
    path: str
    json: dict[str, Any] | None = None
    params: dict[str, str] | None = None
    read_timeout: float | None = None
    """Seconds to wait for the answer (long-polls wait longer than the connect timeout)."""


@dataclass(frozen=True)
class Sleep:
    seconds: float


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    reason: str = ""

    def json(self) -> Any:
        return json.loads(self.body)


Op = Generator[Send | Sleep, Any, T]


# ---- configuration --------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """Where the gate is and how to talk to it."""

    url: str
    api_key: str
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.2

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.api_key}",
            "User-Agent": "twokey-client",
            "Accept": "application/json",
        }


def load_gate(
    url: str | None = None,
    api_key: str | None = None,
    *,
    timeout: float = 10.0,
    retries: int = 3,
    backoff: float = 0.2,
    env: Mapping[str, str] | None = None,
) -> Gate:
    """The gate from the arguments, else `TWOKEY_URL` / `TWOKEY_API_KEY`; missing is an error."""
    source = os.environ if env is None else env
    url = url or source.get(ENV_URL, "")
    api_key = api_key or source.get(ENV_KEY, "")
    if not url.strip():
        raise TwoKeyError(f"no gate address: pass url= or set {ENV_URL}")
    if not api_key.strip():
        raise TwoKeyError(f"no API key: pass api_key= or set {ENV_KEY}")
    if retries < 0:
        raise ValueError("retries must be >= 0")
    return Gate(url.strip().rstrip("/"), api_key.strip(), timeout, retries, backoff)


# ---- what the gate answers ---------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    reason: str
    risk: str | None = None
    verdict: str | None = None


@dataclass(frozen=True)
class GateRequest:
    """One request as the gate reports it."""

    id: str
    status: str
    decision: str
    risk: str
    findings: list[Finding] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    expires_at: str | None = None
    reason: str | None = None
    execution_token: str | None = None
    text: str | None = None
    """The exact text the gate assessed (rendered by the gate for a tool call)."""
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def reasons(self) -> list[str]:
        return [f.reason for f in self.findings]

    @classmethod
    def parse(cls, body: Any) -> GateRequest | None:
        """The request in a JSON body, or None when the body is not one."""
        if not isinstance(body, dict):
            return None
        fields = ("id", "status", "decision", "risk")
        if not all(isinstance(body.get(k), str) for k in fields):
            return None
        findings = []
        for item in body.get("findings") or []:
            if not isinstance(item, dict):
                return None
            findings.append(
                Finding(
                    rule=str(item.get("rule", "")),
                    category=str(item.get("category", "")),
                    reason=str(item.get("reason", "")),
                    risk=item.get("risk"),
                    verdict=item.get("verdict"),
                )
            )
        data = [d for d in body.get("data") or [] if isinstance(d, dict)]
        optional = {
            k: body[k] if isinstance(body.get(k), str) else None
            for k in ("expires_at", "reason", "execution_token", "text")
        }
        return cls(
            id=body["id"],
            status=body["status"],
            decision=body["decision"],
            risk=body["risk"],
            findings=findings,
            data=data,
            raw=body,
            **optional,
        )


@dataclass(frozen=True)
class Execution:
    id: str
    status: str


@dataclass(frozen=True)
class Approval:
    """What `authorize` returns when the action may go ahead."""

    request: GateRequest
    text: str
    """Exactly the text that was assessed (and, when a person approved it, redeemed)."""

    @property
    def approved_by_person(self) -> bool:
        return self.request.status == "approved"

    @property
    def approvers(self) -> list[str]:
        """Who approved (empty when the policy allowed it without a person)."""
        if not self.approved_by_person:
            return []
        voters = [str(v.get("voter")) for v in _approving_votes(self.request)]
        decided = self.request.raw.get("decided_by")
        return voters or ([str(decided)] if decided else [])

    @property
    def comment(self) -> str | None:
        """The approvers' comments, if they left any."""
        notes = [str(v["comment"]) for v in _approving_votes(self.request) if v.get("comment")]
        return " / ".join(notes) or None


def _approving_votes(request: GateRequest) -> list[dict[str, Any]]:
    votes = request.raw.get("votes") or []
    return [v for v in votes if isinstance(v, dict) and v.get("approve")]


# ---- building a submission --------------------------------------------------------------


def jsonable(value: Any, depth: int = 0) -> Any:
    """A JSON value for any Python value, so every argument reaches the gate as data.

    Containers are walked; objects with `model_dump` (pydantic) or `_asdict`
    (named tuples) or dataclass fields become mappings; anything else becomes
    its `repr`, which the gate still reads as text.
    """
    if depth > 48:
        return repr(value)[:1000]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else repr(value)
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [jsonable(v, depth + 1) for v in items]
    for attr in ("model_dump", "_asdict"):
        dump = getattr(value, attr, None)
        if callable(dump):
            try:
                return jsonable(dump(), depth + 1)
            except Exception:  # noqa: S112 — fall through to the next way of reading it
                continue
    fields = getattr(value, "__dataclass_fields__", None)
    if isinstance(fields, dict):
        return {name: jsonable(getattr(value, name, None), depth + 1) for name in fields}
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return repr(value)


def submission(
    *,
    requester: str,
    text: str | None = None,
    tool: tuple[str, Mapping[str, Any]] | None = None,
    agent: str | None = None,
    kind: str | None = None,
    resources: Sequence[str] = (),
    confidence: float | None = None,
    justification: str | None = None,
    callback_url: str | None = None,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    """The body of `POST /v1/instructions`: a text, or a tool call as structure."""
    if (text is None) == (tool is None):
        raise ValueError("give exactly one of text= and tool=")
    body: dict[str, Any] = {
        "requester": requester,
        "idempotency_key": idempotency_key or f"py-{uuid.uuid4()}",
    }
    if tool is not None:
        name, arguments = tool
        body["tool"] = {"name": name, "arguments": jsonable(dict(arguments))}
    else:
        body["text"] = text
    optional = {
        "agent": agent,
        "kind": kind,
        "confidence": confidence,
        "justification": justification,
        "callback_url": callback_url,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    if resources:
        body["resources"] = list(resources)
    return body


def requester_from_env(requester: str | None = None) -> str:
    who = requester or os.environ.get(ENV_REQUESTER, "")
    if not who.strip():
        raise TwoKeyError(f"no requester: pass requester= or set {ENV_REQUESTER}")
    return who.strip()


# ---- operations -------------------------------------------------------------------------


def _detail(reply: Reply) -> str:
    try:
        body = reply.json()
    except ValueError:
        return reply.body[:200].decode("utf-8", "replace") or reply.reason or f"HTTP {reply.status}"
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):  # FastAPI validation errors
        parts = []
        for item in detail:
            if not isinstance(item, dict):
                continue
            loc = ".".join(str(p) for p in item.get("loc", []) if p != "body")
            parts.append(f"{loc}: {item.get('msg')}" if loc else str(item.get("msg")))
        return "; ".join(parts)
    return str(detail) if detail is not None else reply.reason or f"HTTP {reply.status}"


def _body_request(reply: Reply) -> GateRequest | None:
    try:
        return GateRequest.parse(reply.json())
    except ValueError:
        return None


def call(gate: Gate, step: Send) -> Op[Reply]:
    """One request with bounded retries on transport errors and 5xx (same body each time)."""
    last = "no attempt made"
    for attempt in range(gate.retries + 1):
        if attempt:
            yield Sleep(min(gate.backoff * (2 ** (attempt - 1)), 5.0))
        try:
            reply: Reply = yield step
        except Unreachable as exc:
            last = f"{exc} talking to {gate.url}"
            continue
        if reply.status < 500:
            return reply
        last = f"HTTP {reply.status}: {_detail(reply)}"
    raise TwoKeyUnavailable(f"gate unavailable after {gate.retries + 1} attempts ({last})")


def _expect(reply: Reply, ok: Sequence[int]) -> GateRequest:
    if reply.status in ok:
        parsed = _body_request(reply)
        if parsed is not None:
            return parsed
        raise TwoKeyError("the gate answered without a request body", status_code=reply.status)
    raise TwoKeyError(_detail(reply), status_code=reply.status)


def submit(gate: Gate, body: Mapping[str, Any]) -> Op[GateRequest]:
    """Assess an instruction. A blocked one comes back as a request (403 with a body)."""
    reply = yield from call(gate, Send("POST", "/v1/instructions", json=dict(body)))
    ok = (200, 202, 403) if reply.status == 403 and _body_request(reply) else (200, 202)
    request = _expect(reply, ok)
    if request.text is None and isinstance(body.get("text"), str):
        request = _with_text(request, body["text"])
    return request


def _with_text(request: GateRequest, text: str) -> GateRequest:
    from dataclasses import replace

    return replace(request, text=text)


def get(gate: Gate, request_id: str, *, wait: float = 0.0) -> Op[GateRequest]:
    wait = max(0.0, min(wait, MAX_SERVER_WAIT))
    params = {"wait": f"{wait:g}"} if wait else None
    step = Send(
        "GET", f"/v1/requests/{request_id}", params=params, read_timeout=gate.timeout + wait
    )
    reply = yield from call(gate, step)
    return _expect(reply, (200,))


def wait(gate: Gate, request_id: str, *, timeout: float | None = None) -> Op[GateRequest]:
    """Long-poll until the request leaves pending, or `timeout` seconds pass."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = MAX_SERVER_WAIT if deadline is None else deadline - time.monotonic()
        request = yield from get(gate, request_id, wait=max(0.0, min(left, MAX_SERVER_WAIT)))
        if not request.is_open or (deadline is not None and time.monotonic() >= deadline):
            return request


def cancel(
    gate: Gate, request_id: str, *, reason: str = "cancelled by the agent"
) -> Op[GateRequest]:
    step = Send("POST", f"/v1/requests/{request_id}/cancel", json={"reason": reason})
    reply = yield from call(gate, step)
    return _expect(reply, (200,))


def redeem(gate: Gate, token: str, text: str) -> Op[Execution]:
    reply = yield from call(
        gate, Send("POST", "/v1/executions", json={"token": token, "text": text})
    )
    if reply.status != 200:
        raise TwoKeyError(_detail(reply), status_code=reply.status)
    try:
        body = reply.json()
        return Execution(id=str(body["id"]), status=str(body["status"]))
    except (ValueError, KeyError, TypeError):
        raise TwoKeyError(
            "the gate answered the redemption without a body", status_code=200
        ) from None


def refusal(request: GateRequest) -> NotApproved:
    """Why a request that is not a go-ahead stops the action."""
    if request.status == "approved":
        return NotApproved("approved", "approved, but no execution token was issued", request.id)
    if request.is_open:
        return NotApproved(request.status, "no decision before the wait ended", request.id)
    reason = request.reason or "; ".join(request.reasons) or None
    decided = request.raw.get("decided_by")
    return NotApproved(request.status, reason, request.id, str(decided) if decided else None)


def failure(exc: TwoKeyError, request_id: str | None = None) -> NotApproved:
    status = "unavailable" if isinstance(exc, TwoKeyUnavailable) else "error"
    return NotApproved(status, exc.detail, request_id)


def settle(gate: Gate, request: GateRequest, *, timeout: float | None = None) -> Op[Approval]:
    """From a submitted request to a go-ahead, or `NotApproved`.

    Waits while it is open (withdrawing it when `timeout` ends first, so nobody
    approves an action that will not run), and redeems an approval's execution
    token for exactly the assessed text, so one approval is spent once.
    """
    text = request.text
    try:
        if request.is_open:
            decided = yield from wait(gate, request.id, timeout=timeout)
            request = _with_text(decided, text) if text is not None else decided
            if request.is_open:
                # A failed withdrawal is harmless: the request expires on its own.
                with contextlib.suppress(TwoKeyError):
                    yield from cancel(gate, request.id, reason="the agent stopped waiting")
        elif request.execution_token and "votes" not in request.raw:
            # Decided before this resubmission (a resumed run): read who approved and why.
            decided = yield from get(gate, request.id)
            request = _with_text(decided, text) if text is not None else decided
        if request.status == "allowed":
            return Approval(request, text or "")
        if request.status == "approved" and request.execution_token:
            if text is None:
                raise NotApproved(
                    "approved", "the gate did not return the text it assessed", request.id
                )
            yield from redeem(gate, request.execution_token, text)
            return Approval(request, text)
        if request.status not in KNOWN:
            raise NotApproved(request.status, f"unknown status {request.status!r}", request.id)
        raise refusal(request)
    except TwoKeyError as exc:
        raise failure(exc, request.id) from exc


def authorize(
    gate: Gate,
    *,
    requester: str | None = None,
    agent: str | None = None,
    timeout: float | None = None,
    **fields: Any,
) -> Op[Approval]:
    """Submit (a `text=` or a `tool=(name, arguments)`), wait, redeem: an `Approval`, or
    `NotApproved` for anything else. Requester and agent default to `TWOKEY_REQUESTER`
    and `TWOKEY_AGENT` (the gate defaults the agent to the API key's)."""
    try:
        body = submission(
            requester=requester_from_env(requester),
            agent=agent or os.environ.get(ENV_AGENT) or None,
            **fields,
        )
        request = yield from submit(gate, body)
    except TwoKeyError as exc:
        raise failure(exc) from exc
    return (yield from settle(gate, request, timeout=timeout))
