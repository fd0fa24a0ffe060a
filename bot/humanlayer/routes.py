"""`/humanlayer/v1`: the HumanLayer cloud API, answered by TwoKey's own workflow.

Agents written against the humanlayer SDK (0.7.9) switch by setting
`HUMANLAYER_API_BASE` and `HUMANLAYER_API_KEY`; every decision still goes
through `ApprovalService.submit` like the gate API's, so there is no second
code path for deciding. The SDK parses a body before it looks at the status
code, so every answer here is JSON — errors too, as `{"error": {message, code}}`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from bot.api.app import is_malformed_json
from bot.api.deps import CallerDep, Gate, GateDep
from bot.approvals.intake import IdempotencyReused, TextTooLong
from bot.approvals.redact import mask_text, mask_tree
from bot.approvals.view import RequestView
from bot.humanlayer.contacts import (
    ContactConflict,
    ContactDesk,
    ContactError,
    ContactInvalid,
    ContactRefused,
    ContactRefusedBySlack,
    ContactUndeliverable,
    contact_out,
)
from bot.humanlayer.mapping import (
    call_digest,
    function_call_out,
    idempotency_key,
    masked,
    render_call,
    routing,
    tool_call,
)
from bot.humanlayer.models import FunctionCallIn, FunctionCallStatusIn, HumanContactIn
from storage.db import session_scope
from storage.requests import find_by_idempotency

log = logging.getLogger(__name__)

PREFIX = "/humanlayer/v1"
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_request",
    502: "slack_refused",
    503: "unavailable",
}


class HumanLayerError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")


def error_response(status: int, message: str, code: str | None = None) -> JSONResponse:
    code = code or _CODES.get(status, "error")
    return JSONResponse({"error": {"message": message, "code": code}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {str(err.get('msg', 'invalid')).removeprefix('Value error, ')}")
    return "; ".join(parts) or "invalid request body"


CONTACT_ERRORS: dict[type[ContactError], tuple[int, str]] = {
    ContactInvalid: (422, "invalid_request"),
    ContactConflict: (409, "conflict"),
    ContactRefused: (403, "refused"),
    ContactUndeliverable: (503, "slack_unavailable"),
    ContactRefusedBySlack: (502, "slack_refused"),
}
"""How each contact desk refusal reads over HTTP (status, HumanLayer error code)."""


class JsonErrorRoute(APIRoute):
    """Turn every failure on these routes (auth, validation, crashes) into the JSON error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except HumanLayerError as exc:
                return error_response(exc.status, exc.message, exc.code)
            except ContactError as exc:
                status, code = CONTACT_ERRORS[type(exc)]
                return error_response(status, exc.message, code)
            except HTTPException as exc:
                detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
                response = error_response(exc.status_code, detail)
                for name, value in (exc.headers or {}).items():
                    response.headers[name] = value
                return response
            except RequestValidationError as exc:
                if is_malformed_json(exc):
                    return error_response(400, "the request body is not valid JSON")
                return error_response(422, _validation_message(exc))
            except Exception:
                log.exception("humanlayer route %s failed", request.url.path)
                return error_response(500, "internal error; nothing was approved", "internal")

        return guarded


class ErrorDetail(BaseModel):
    message: str
    code: str


class HumanLayerErrorOut(BaseModel):
    """Every HumanLayer-route error, in the shape the SDK reads."""

    error: ErrorDetail


def _answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer with."""
    described = {
        400: "The body is not valid JSON.",
        401: "Missing, unknown or revoked API key.",
        403: "Refused: an API key cannot approve or answer; or the message was not delivered.",
        404: "No such call or contact for this API key's agent.",
        409: "The call_id was already used for different content, or it is already decided.",
        413: "The call renders to more than policy.max_text_bytes.",
        422: "A field is invalid (the message names it).",
        502: "Slack refused the message for good (a missing channel, a revoked token): "
        "nobody was asked and TwoKey is not retrying; fix it, then POST again.",
        503: "Slack could not be reached; retry with the same call_id.",
    }
    return {code: {"model": HumanLayerErrorOut, "description": described[code]} for code in codes}


_CREATED: dict[int | str, dict[str, Any]] = {
    200: {"description": "The same call_id again: the existing record."},
    201: {"description": "Recorded (and, when it needs a person, asked in Slack)."},
}

router = APIRouter(
    prefix=PREFIX,
    tags=["humanlayer"],
    route_class=JsonErrorRoute,
    responses=_answers(401, 422),
)


async def get_desk(gate: GateDep) -> ContactDesk:
    """The contact desk over the gate's service (which asks in Slack once a notifier is
    attached to its outbox; without one, asking answers 503)."""
    return ContactDesk(gate.service)


DeskDep = Annotated[ContactDesk, Depends(get_desk)]


def mount(app: FastAPI) -> None:
    """Serve `/humanlayer/v1` on a gate API app built by `create_api` (same service, same auth).

    Questions reach people through the service's Slack outbox; the Reply button and its
    modal are Slack listeners (`bot.slack.listeners.contacts`).
    """
    app.include_router(router)


# ---- function calls -------------------------------------------------------------------------


async def _find_call(gate: Gate, agent: str, call_id: str) -> RequestView | None:
    def lookup() -> str | None:
        with session_scope(gate.engine) as session:
            row = find_by_idempotency(session, agent, idempotency_key(call_id))
            return row.id if row is not None else None

    request_id = await run_in_threadpool(lookup)
    if request_id is None:
        return None
    view = await gate.service.get(request_id)
    return view if view is not None and view.source == "humanlayer" else None


def _call_not_found(call_id: str) -> HumanLayerError:
    return HumanLayerError(404, f"no function call {call_id!r} for this API key's agent")


@router.post(
    "/function_calls",
    summary="Ask for approval of one function call",
    responses={**_CREATED, **_answers(400, 409, 413)},
)
async def create_function_call(body: FunctionCallIn, caller: CallerDep, gate: GateDep) -> Any:
    rendered = await run_in_threadpool(render_call, body.spec.fn, body.spec.kwargs)
    try:
        gate.service.check_text_size(rendered.text)
    except TextTooLong as exc:
        raise HumanLayerError(
            413,
            f"the call renders to {exc.size} bytes; the limit is {exc.limit} "
            "(policy.max_text_bytes)",
        ) from None
    route = routing(body)
    sha = call_digest(body)
    spec = body.spec
    reject = [o.model_dump() for o in spec.reject_options] if spec.reject_options else None
    kwargs, state, reject_options = await run_in_threadpool(
        lambda: (masked(spec.kwargs), masked(spec.state), masked(reject))
    )
    meta = {
        # Ids and the channel's context are the agent's free text: masked like the rest.
        "run_id": mask_text(body.run_id),
        "call_id": mask_text(body.call_id),
        "fn": spec.fn,
        "kwargs": kwargs,
        "channel": mask_tree(spec.channel.echo()) if spec.channel else None,
        "reject_options": reject_options,
        "state": state,
        "spec_sha256": sha,
        "assessed_as": rendered.assessed_as,
    }
    try:
        view, created = await gate.service.submit(
            text=rendered.text,
            tool=tool_call(spec.fn, spec.kwargs),
            requester=route.requester,
            agent=caller.agent,
            source="humanlayer",
            idempotency_key=idempotency_key(body.call_id),
            meta=meta,
            allowed_approvers=route.allowed_approvers,
        )
    except IdempotencyReused:
        raise HumanLayerError(
            409, f"call_id {body.call_id!r} was already used for a different function call"
        ) from None
    return JSONResponse(function_call_out(view), status_code=201 if created else 200)


@router.get(
    "/function_calls/{call_id}",
    summary="The call's status (the SDK polls this)",
    responses=_answers(404),
)
async def get_function_call(call_id: str, caller: CallerDep, gate: GateDep) -> Any:
    view = await _find_call(gate, caller.agent, call_id)
    if view is None:
        raise _call_not_found(call_id)
    return JSONResponse(function_call_out(view))


@router.post(
    "/agent/function_calls/{call_id}/respond",
    summary="The agent withdraws its call (approved=false); it can never approve it",
    responses=_answers(400, 403, 404, 409),
)
async def respond_to_function_call(
    call_id: str, body: FunctionCallStatusIn, caller: CallerDep, gate: GateDep
) -> Any:
    view = await _find_call(gate, caller.agent, call_id)
    if view is None:
        raise _call_not_found(call_id)
    if body.approved is None:
        raise HumanLayerError(422, "approved must be true or false")
    if body.approved:
        raise HumanLayerError(
            403,
            "an API key cannot approve a call: an eligible person approves it in Slack "
            "(send approved=false to withdraw it)",
        )
    reason = (body.comment or "").strip() or "withdrawn by the agent"
    outcome = await gate.service.cancel(view.id, actor=f"agent:{caller.agent}", reason=reason)
    if not outcome.ok:
        code = 404 if outcome.code == "not_found" else 409
        raise HumanLayerError(code, outcome.message)
    return JSONResponse(function_call_out(outcome.request or view))


# ---- human contacts ---------------------------------------------------------------------------


async def create_contact(body: HumanContactIn, caller: CallerDep, desk: DeskDep) -> Any:
    view, created = await desk.ask(caller.agent, body)
    return JSONResponse(contact_out(view), status_code=201 if created else 200)


async def get_contact(call_id: str, caller: CallerDep, desk: DeskDep) -> Any:
    view = await desk.find(caller.agent, call_id)
    if view is None:
        raise HumanLayerError(404, f"no contact request {call_id!r} for this API key's agent")
    if view.status == "refused":
        raise HumanLayerError(403, view.reason or "TwoKey did not deliver this message", "refused")
    return JSONResponse(contact_out(view))


for _path in ("/contact_requests", "/human_contacts"):
    router.add_api_route(
        _path,
        create_contact,
        methods=["POST"],
        summary="Ask a person a question in Slack",
        responses={**_CREATED, **_answers(400, 403, 409, 502, 503)},
    )
    router.add_api_route(
        _path + "/{call_id}",
        get_contact,
        methods=["GET"],
        summary="The question and its reply",
        responses=_answers(403, 404),
    )


@router.post(
    "/agent/human_contacts/{call_id}/respond",
    summary="Refused: the reply to a question comes from the person, in Slack",
    responses=_answers(403),
)
async def respond_to_contact(call_id: str, caller: CallerDep) -> Any:
    raise HumanLayerError(
        403, "an API key cannot answer a question it asked: the person replies in Slack"
    )


@router.api_route(
    "/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def not_supported(rest: str) -> Any:
    if rest.endswith("/escalate_email"):
        raise HumanLayerError(
            501,
            "TwoKey does not escalate by email; escalation follows policy.escalate_after in Slack",
            "not_supported",
        )
    if rest.startswith("/"):
        raise HumanLayerError(
            404, "HUMANLAYER_API_BASE must end in /humanlayer/v1 with no trailing slash"
        )
    raise HumanLayerError(404, f"TwoKey does not serve {PREFIX}/{rest}")
