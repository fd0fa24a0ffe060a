"""`POST /v1/instructions` without FastAPI's per-request machinery, when nothing is unusual.

The gate is called before every agent action, and most calls are allowed. FastAPI
resolves the route's dependencies anew for each call (cache keys, security schemes,
query parsing, the body field), which costs as much CPU as assessing and storing the
instruction. This middleware answers the common case itself with the same pieces the
route uses: the body parsed as FastAPI parses it (`json.loads`, then `InstructionIn`),
the key checked by the same `caller_for`, then the route function itself, whose errors
go to the app's own exception handlers. Anything unusual (another content type, no
`Bearer` key, a body that does not parse or validate) is handed to FastAPI unchanged,
body replayed, so every error answer is FastAPI's own.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.deps import Caller, Gate, caller_for
from bot.api.routes.instructions import submit_instruction
from bot.api.schemas import InstructionIn

PATH = "/v1/instructions"


class SubmitFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        token = _bearer(scope)
        body = await _read(receive)
        if body is None:  # the client went away before sending it all
            return
        parsed = _instruction(body) if token is not None else None
        if token is None or parsed is None:
            await self.app(scope, _replay(body, receive), send)
            return
        await self._answer(scope, receive, send, token, parsed)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, token: str, body: InstructionIn
    ) -> None:
        app = scope["app"]
        try:
            caller: Caller = await caller_for(app.state.keys, token)
            gate: Gate = app.state.gate
            response = await submit_instruction(body, caller, gate)
        except Exception as exc:
            handler = _handler_for(app.exception_handlers, exc)
            if handler is None:  # unexpected: the app's 500 (ServerErrorMiddleware) answers
                raise
            response = await handler(Request(scope, receive), exc)
        await response(scope, receive, send)


def _bearer(scope: Scope) -> str | None:
    """The key, if the request is plain JSON with an `Authorization: Bearer` header."""
    json_body, authorization = False, None
    for name, value in scope["headers"]:
        if name == b"content-type":
            json_body = value.split(b";", 1)[0].strip().lower() == b"application/json"
        elif name == b"authorization":
            authorization = value.decode("latin-1")
    if not json_body or not authorization:
        return None
    scheme, _, param = authorization.partition(" ")
    return param.strip() if scheme.lower() == "bearer" and param.strip() else None


async def _read(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _instruction(body: bytes) -> InstructionIn | None:
    """The body as FastAPI would validate it, or None to let FastAPI explain what is wrong."""
    try:
        return InstructionIn.model_validate(json.loads(body))
    except (ValueError, ValidationError):  # JSONDecodeError and UnicodeDecodeError included
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _handler_for(handlers: dict[Any, Any], exc: Exception) -> Any:
    """The handler the app's ExceptionMiddleware would pick (by class, nearest first);
    `Exception` itself belongs to the outer ServerErrorMiddleware, so it is not taken."""
    if isinstance(exc, HTTPException) and exc.status_code in handlers:
        return handlers[exc.status_code]
    for cls in type(exc).__mro__:
        if cls is Exception:
            return None
        if cls in handlers:
            return handlers[cls]
    return None
