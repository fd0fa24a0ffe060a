"""POST /v1/instructions: the gate an agent calls before it acts."""

from __future__ import annotations

import time

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse

from bot.api.deps import CallerDep, GateDep
from bot.api.requesters import RequesterUnavailable, UnknownRequester
from bot.api.schemas import (
    MALFORMED,
    UNAUTHORIZED,
    ErrorOut,
    InstructionIn,
    InstructionOut,
    instruction_out,
)
from bot.approvals.callbacks import CallbackRefused
from bot.approvals.intake import IdempotencyReused, TextTooLong
from bot.approvals.view import RequestView
from bot.risk.calls import ToolCall, render
from storage.models import OPEN_STATUSES, Status

router = APIRouter(prefix="/v1", tags=["gate"])

_MAY_PROCEED = (Status.ALLOWED, Status.APPROVED, Status.EXECUTED)


def status_code_for(view: RequestView) -> int:
    """200 may proceed (or already did), 202 held for a person, 403 anything else (fail closed)."""
    if view.status in OPEN_STATUSES:
        return status.HTTP_202_ACCEPTED
    if view.status in _MAY_PROCEED:
        return status.HTTP_200_OK
    return status.HTTP_403_FORBIDDEN


def _detail(view: RequestView) -> str:
    if view.status == Status.ALLOWED:
        return "Allowed: go ahead."
    if view.status == Status.BLOCKED:
        reasons = "; ".join(f.reason for f in view.findings) or "policy"
        return f"Blocked: {reasons}"
    if view.status == Status.AWAITING_REQUESTER:
        return "Held: the requester must confirm in Slack, then an approver decides."
    if view.status == Status.PENDING:
        return "Held: waiting for an approver's decision."
    return f"Request is {view.status}."


def _validation_error(field: str, message: str) -> HTTPException:
    """A 422 shaped like FastAPI's own, naming the field."""
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        [{"type": "value_error", "loc": ["body", field], "msg": message}],
    )


@router.post(
    "/instructions",
    response_model=InstructionOut,
    status_code=status.HTTP_200_OK,
    summary="Assess an instruction; hold it for approval when needed",
    responses={
        200: {"model": InstructionOut, "description": "Allowed: the agent may proceed."},
        202: {"model": InstructionOut, "description": "Held until a person decides; long-poll it."},
        **UNAUTHORIZED,
        **MALFORMED,
        403: {
            "model": InstructionOut | ErrorOut,
            "description": "Blocked (the body is the request), or the key may not act as "
            "this agent (the body is an error).",
        },
        409: {"model": ErrorOut, "description": "Idempotency key reused for a different text."},
        413: {"model": ErrorOut, "description": "The text exceeds policy.max_text_bytes."},
        503: {
            "model": ErrorOut,
            "description": "Slack could not be asked who the requester is; retry after "
            "the Retry-After header's seconds.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    },
)
async def submit_instruction(body: InstructionIn, caller: CallerDep, gate: GateDep) -> JSONResponse:
    started = time.perf_counter()
    agent = body.agent or caller.agent
    if agent != caller.agent and not caller.admin:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"this key acts for agent {caller.agent!r} and may not submit as {agent!r}",
        )
    if (body.text is None) == (body.tool is None):
        raise _validation_error("text", "give exactly one of `text` and `tool`")
    tool = ToolCall(body.tool.name, body.tool.arguments) if body.tool is not None else None
    text = render(tool).text if tool is not None else body.text
    assert text is not None
    try:
        gate.service.check_text_size(text)
    except TextTooLong as exc:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"text is {exc.size} bytes; the limit is {exc.limit} bytes (policy.max_text_bytes)",
        ) from None
    if body.callback_url is not None:
        try:
            await gate.callbacks.check(body.callback_url)
        except CallbackRefused as exc:
            raise _validation_error("callback_url", str(exc)) from None
    try:
        requester = await gate.requesters.resolve(body.requester)
    except UnknownRequester as exc:
        raise _validation_error("requester", str(exc)) from None
    except RequesterUnavailable as exc:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            str(exc),
            headers={"Retry-After": str(exc.retry_after)},
        ) from None
    if requester in gate.config.agent_by_slack_id:
        raise _validation_error("requester", "this Slack user is a configured agent, not a person")
    try:
        view, created = await gate.service.submit(
            text=text,
            tool=tool,
            requester=requester,
            agent=agent,
            source="api",
            confidence=body.confidence,
            justification=body.justification,
            kind=body.kind,
            resources=body.resources,
            callback_url=body.callback_url,
            idempotency_key=body.idempotency_key,
        )
    except IdempotencyReused as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"idempotency_key was already used by request {exc.request_id} for a different text",
        ) from None
    token = gate.service.execution_token(view) if view.agent == caller.agent else None
    shown = text if tool is not None else None
    payload = instruction_out(view, token=token, detail=_detail(view), text=shown)
    gate.metrics.gate_latency.observe(time.perf_counter() - started)
    return JSONResponse(payload, status_code=status_code_for(view))
