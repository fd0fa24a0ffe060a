"""Reading, long-polling and cancelling requests; the admin history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from bot.api.deps import AdminDep, Caller, CallerDep, Gate, GateDep, ensure_may_see
from bot.api.schemas import MALFORMED, UNAUTHORIZED, CancelIn, ErrorOut, RequestOut, request_out
from bot.approvals.history import HistoryQuery
from bot.approvals.view import RequestView
from storage.db import session_scope
from storage.history import Page, query_history

router = APIRouter(prefix="/v1", tags=["requests"])

MAX_WAIT_SECONDS = 60.0
"""Longest single long-poll; clients loop for longer waits (proxies cut idle requests)."""

_COMMON = {
    **UNAUTHORIZED,
    403: {"model": ErrorOut, "description": "The request belongs to another agent."},
    404: {"model": ErrorOut, "description": "No such request."},
}


def _not_found(request_id: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no request {request_id}")


def _out(gate: Gate, caller: Caller, view: RequestView) -> RequestOut:
    token = gate.service.execution_token(view) if view.agent == caller.agent else None
    return request_out(view, token=token)


@router.get(
    "/requests/{request_id}",
    response_model=RequestOut,
    summary="One request; with `wait`, long-poll until it is decided",
    responses=_COMMON,
)
async def get_request(
    request_id: str,
    caller: CallerDep,
    gate: GateDep,
    wait: Annotated[
        float,
        Query(
            ge=0, description=f"Seconds to wait for a decision (capped at {MAX_WAIT_SECONDS:g})."
        ),
    ] = 0.0,
) -> RequestOut:
    view = await gate.service.get(request_id)
    if view is None:
        raise _not_found(request_id)
    ensure_may_see(caller, view)
    if view.is_open and wait > 0:
        waited = await gate.service.wait(request_id, min(wait, MAX_WAIT_SECONDS))
        if waited is None:
            raise _not_found(request_id)
        view = waited
    return _out(gate, caller, view)


@router.post(
    "/requests/{request_id}/cancel",
    response_model=RequestOut,
    summary="Withdraw an open request",
    responses={
        **_COMMON,
        **MALFORMED,
        403: {"model": ErrorOut, "description": "Only the agent that asked may cancel."},
        409: {"model": ErrorOut, "description": "The request is already decided."},
    },
)
async def cancel_request(
    request_id: str, caller: CallerDep, gate: GateDep, body: CancelIn | None = None
) -> RequestOut:
    view = await gate.service.get(request_id)
    if view is None:
        raise _not_found(request_id)
    if view.agent != caller.agent:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, f"request {view.id} belongs to another agent"
        )
    reason = (body or CancelIn()).reason
    outcome = await gate.service.cancel(request_id, actor=f"agent:{caller.agent}", reason=reason)
    if outcome.code == "not_found":
        raise _not_found(request_id)
    if not outcome.ok:
        raise HTTPException(status.HTTP_409_CONFLICT, outcome.message)
    return _out(gate, caller, outcome.request or view)


@router.get(
    "/requests",
    response_model=Page,
    summary="The approval history (admin keys only), newest first",
    responses={
        **UNAUTHORIZED,
        403: {"model": ErrorOut, "description": "Not an admin key."},
    },
)
async def list_requests(
    caller: AdminDep,
    gate: GateDep,
    status_: Annotated[
        str | None, Query(alias="status", description="Comma-separated statuses.")
    ] = None,
    requester: str | None = None,
    approver: str | None = None,
    agent: str | None = None,
    resource: str | None = None,
    risk: Annotated[str | None, Query(description="Comma-separated risk levels.")] = None,
    since: Annotated[str | None, Query(description="ISO date/datetime or 7d, 12h, 30m.")] = None,
    until: Annotated[
        str | None, Query(description="Exclusive; a bare date includes that day.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> Page:
    raw = {
        "status": status_,
        "requester": requester,
        "approver": approver,
        "agent": agent,
        "resource": resource,
        "risk": risk,
        "since": since,
        "until": until,
        "limit": limit,
        "cursor": cursor,
    }
    try:
        flt = HistoryQuery.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [
                {
                    "type": err["type"],
                    "loc": ["query", *(str(p) for p in err["loc"][:1])],
                    "msg": err["msg"].removeprefix("Value error, "),
                }
                for err in exc.errors()
            ],
        ) from None

    def run() -> Page:
        with session_scope(gate.engine) as session:
            return query_history(session, flt)

    return await run_in_threadpool(run)
