"""Health and metrics, for load balancers and Prometheus (no API key needed)."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from bot.api.deps import GateDep
from bot.api.schemas import HealthOut
from storage.schema import current_revision

router = APIRouter(tags=["ops"])
log = logging.getLogger(__name__)


@router.get(
    "/healthz",
    response_model=HealthOut,
    summary="Liveness and database reachability",
    responses={503: {"model": HealthOut, "description": "The database cannot be reached."}},
)
async def healthz(gate: GateDep) -> JSONResponse:
    try:
        revision = await run_in_threadpool(current_revision, gate.engine)
    except Exception as exc:
        log.warning("health check: database unreachable (%s)", type(exc).__name__)
        return JSONResponse(
            HealthOut(status="unavailable", database="unreachable").model_dump(), status_code=503
        )
    return JSONResponse(HealthOut(status="ok", database=f"ok (schema {revision})").model_dump())


@router.get(
    "/metrics",
    response_class=PlainTextResponse,
    summary="Prometheus metrics (text exposition format 0.0.4)",
)
async def metrics(gate: GateDep) -> PlainTextResponse:
    return PlainTextResponse(
        gate.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
    )
