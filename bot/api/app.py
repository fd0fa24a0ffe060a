"""The gate API: FastAPI app factory.

Routes are thin edges over the approval service: parse, authorize, call the
domain, shape the response. Every error is JSON `{"detail": …}`; an
unexpected exception is a 500 (never an accidental "allowed").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.telemetry import TelemetryConfig
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.deps import Gate, KeyCache
from bot.api.fastpath import SubmitFastPath
from bot.api.metrics import Metrics
from bot.api.requesters import RequesterResolver
from bot.api.routes import executions, instructions, ops, requests
from bot.approvals.callbacks import CallbackGuard
from bot.approvals.service import ApprovalService
from bot.config import Settings, TwoKeyConfig

log = logging.getLogger(__name__)

SlackHandler = Any
"""slack_bolt's `AsyncSlackRequestHandler` (FastAPI adapter): `await handler.handle(request)`."""


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 for bodies larger than `limit` bytes, before anything parses them.

    The route checks the text itself against policy.max_text_bytes; this guard
    only keeps a huge or endless body from being read into memory at all.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._reject(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body larger than {self.limit} bytes"}, status_code=413
        )
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


def _printable(value: object) -> str:
    """Text safe to put in JSON: lone surrogates (never valid UTF-8) become U+FFFD."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


def _json_safe_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Validation errors without the offending input: it may be unencodable (a lone
    surrogate), not JSON (infinity), or a secret the caller should not see echoed."""
    return [
        {
            "type": _printable(err.get("type", "value_error")),
            "loc": [p if isinstance(p, int) else _printable(p) for p in err.get("loc", ())],
            "msg": _printable(err.get("msg", "invalid")),
        }
        for err in errors
    ]


def is_malformed_json(exc: RequestValidationError) -> bool:
    """The body could not be parsed at all: a 400, not a field-by-field 422."""
    return any(err.get("type") == "json_invalid" for err in exc.errors())


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if is_malformed_json(exc):
        return JSONResponse({"detail": "the request body is not valid JSON"}, status_code=400)
    return JSONResponse({"detail": _json_safe_errors(exc.errors())}, status_code=422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error; nothing was approved"}, status_code=500)


NO_OPENTELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""FastAPI's built-in OpenTelemetry, off: TwoKey's figures are on /metrics, and its
per-request check of the global providers costs the gate CPU on every call. Its log
signal would also record validation failures with their messages, which may quote
what an agent sent (TwoKey logs no instruction text)."""


def create_api(
    service: ApprovalService,
    config: TwoKeyConfig,
    settings: Settings,
    *,
    engine: Engine | None = None,
    slack_client: AsyncWebClient | None = None,
    slack_handler: SlackHandler | None = None,
    metrics: Metrics | None = None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
) -> FastAPI:
    """Build the gate API over a service (the caller starts and stops the service).

    `slack_client` resolves requester emails (users.lookupByEmail); without it
    only Slack user ids are accepted. `slack_handler` mounts Slack's events,
    interactivity and commands at POST /slack/events (HTTP mode).
    """
    app = FastAPI(
        title="TwoKey gate API",
        version="1",
        summary="Ask before acting; wait for a person; prove the exact text was approved.",
        lifespan=lifespan,
        telemetry=NO_OPENTELEMETRY,
    )
    metrics = metrics or Metrics()
    engine = engine or service.engine
    app.state.gate = Gate(
        service=service,
        config=config,
        settings=settings,
        engine=engine,
        requesters=RequesterResolver(slack_client),
        metrics=metrics,
        callbacks=CallbackGuard(config.webhooks),
    )
    app.state.keys = KeyCache(engine)
    service.subscribe(metrics.on_event)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
    limit = max(1 << 20, 8 * config.policy.max_text_bytes)
    app.add_middleware(SubmitFastPath)  # inside BodyLimit: its bodies are counted too
    app.add_middleware(BodyLimit, limit=limit)
    for module in (instructions, requests, executions, ops):
        app.include_router(module.router)
    if slack_handler is not None:
        _mount_slack(app, slack_handler)
    return app


def _mount_slack(app: FastAPI, handler: SlackHandler) -> None:
    async def endpoint(request: Request) -> Response:
        response: Response = await handler.handle(request)
        return response

    app.add_api_route("/slack/events", endpoint, methods=["POST"], include_in_schema=False)
