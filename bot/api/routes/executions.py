"""POST /v1/executions: spend an execution token on exactly the approved text."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from bot.api.deps import CallerDep, GateDep
from bot.api.schemas import MALFORMED, UNAUTHORIZED, ErrorOut, ExecutionIn, ExecutionOut

router = APIRouter(prefix="/v1", tags=["gate"])


@router.post(
    "/executions",
    response_model=ExecutionOut,
    summary="Redeem an execution token (once, for exactly the approved text)",
    responses={
        **UNAUTHORIZED,
        **MALFORMED,
        403: {"model": ErrorOut, "description": "Token wrong or expired, or the text differs."},
        409: {"model": ErrorOut, "description": "Token already used (or request not approved)."},
    },
)
async def redeem(body: ExecutionIn, caller: CallerDep, gate: GateDep) -> ExecutionOut:
    outcome = await gate.service.redeem(
        body.token,
        body.text,
        actor=f"agent:{caller.agent}",
        agent=None if caller.admin else caller.agent,
    )
    if outcome.ok and outcome.request is not None:
        req = outcome.request
        return ExecutionOut(id=req.id, status=req.status, executed_at=req.executed_at)
    if outcome.code == "already_decided":
        raise HTTPException(status.HTTP_409_CONFLICT, outcome.message)
    # invalid, not_found or anything unexpected: refuse.
    raise HTTPException(status.HTTP_403_FORBIDDEN, outcome.message or "token refused")
