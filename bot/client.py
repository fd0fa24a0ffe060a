"""The Python client of TwoKey's gate API, and the `require_approval` decorator.

An agent runtime holds itself with it: ask before acting, wait for a person's
decision, and prove at execution time that the exact text was approved.

Everything fails closed. A connection error, a timeout or a 5xx is retried a
few times with backoff; if the server still does not answer, the decorated
function does not run and `NotApproved` says why. Submissions carry an
idempotency key (generated when not given) so a retried POST never creates a
second request.

    from bot.client import TwoKeyClient, require_approval

    gate = TwoKeyClient("https://twokey.internal", os.environ["TWOKEY_API_KEY"])

    @require_approval(gate, requester="dana@northwind.example",
                      describe=lambda table: f"DROP TABLE {table};")
    def drop(table: str) -> None:
        warehouse.execute(f"DROP TABLE {table};")

    drop("customers_tmp")   # held until approved; raises NotApproved otherwise
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

OPEN = frozenset({"awaiting_requester", "pending"})
"""Statuses that may still change: keep waiting."""
GO = frozenset({"allowed", "approved"})
"""Statuses under which the action may proceed (approved only with a redeemed token)."""
MAX_SERVER_WAIT = 60.0
"""The server caps one long-poll at this many seconds; longer waits loop."""

P = ParamSpec("P")
R = TypeVar("R")


class TwoKeyError(Exception):
    """The gate answered with an error (or could not be reached)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = message


class TwoKeyUnavailable(TwoKeyError):
    """No usable answer after the retries: connection errors, timeouts, 5xx."""


class NotApproved(Exception):
    """The action must not run: blocked, denied, expired, cancelled, or no answer."""

    def __init__(self, status: str, reason: str | None = None, request_id: str | None = None):
        self.status = status
        self.reason = reason
        self.request_id = request_id
        where = f" (request {request_id})" if request_id else ""
        why = f": {reason}" if reason else ""
        super().__init__(f"not approved{where}: {status}{why}")


class Finding(BaseModel):
    model_config = ConfigDict(extra="allow")

    rule: str
    category: str
    reason: str
    risk: str | None = None


class DataRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    classification: str | None = None
    pii_fields: list[str] = Field(default_factory=list)


class GateRequest(BaseModel):
    """One request as the gate reports it."""

    model_config = ConfigDict(extra="allow")

    id: str
    status: str
    decision: str
    risk: str
    findings: list[Finding] = Field(default_factory=list)
    data: list[DataRef] = Field(default_factory=list)
    expires_at: datetime | None = None
    reason: str | None = None
    execution_token: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class Execution(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    status: str


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):  # FastAPI validation errors
        parts = []
        for item in detail:
            loc = ".".join(str(p) for p in item.get("loc", []) if p != "body")
            parts.append(f"{loc}: {item.get('msg')}" if loc else str(item.get("msg")))
        return "; ".join(parts)
    return str(detail) if detail is not None else response.reason_phrase


def _request_body(response: httpx.Response) -> GateRequest | None:
    """The request a response carries, if it carries one (blocked answers do, with 403)."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or "id" not in body or "status" not in body:
        return None
    try:
        return GateRequest.model_validate(body)
    except ValidationError:
        return None


def _submission(
    text: str,
    requester: str,
    agent: str | None,
    kind: str | None,
    resources: Sequence[str],
    confidence: float | None,
    justification: str | None,
    callback_url: str | None,
    idempotency_key: str | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "text": text,
        "requester": requester,
        "idempotency_key": idempotency_key or f"py-{uuid.uuid4()}",
    }
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


def _step(deadline: float | None) -> float:
    """Seconds for the next long-poll: the server's cap, or what is left of the deadline."""
    if deadline is None:
        return MAX_SERVER_WAIT
    return max(0.0, min(deadline - time.monotonic(), MAX_SERVER_WAIT))


def _passed(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


class _Base:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.2,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must be >= 0")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._headers = {"Authorization": f"Bearer {api_key}", "User-Agent": "twokey-client"}

    def _delay(self, attempt: int) -> float:
        return min(self.backoff * (2**attempt), 5.0)

    @staticmethod
    def _retryable(response: httpx.Response) -> bool:
        return response.status_code >= 500

    @staticmethod
    def _parse_request(response: httpx.Response, ok: Sequence[int]) -> GateRequest:
        if response.status_code in ok:
            parsed = _request_body(response)
            if parsed is not None:
                return parsed
            raise TwoKeyError("the gate answered without a request body", status_code=200)
        raise TwoKeyError(_detail(response), status_code=response.status_code)

    @staticmethod
    def _parse_execution(response: httpx.Response) -> Execution:
        if response.status_code == 200:
            return Execution.model_validate(response.json())
        raise TwoKeyError(_detail(response), status_code=response.status_code)


class TwoKeyClient(_Base):
    """Synchronous client. Use as a context manager or call `close()`."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, api_key, timeout=timeout, retries=retries, backoff=backoff)
        self._http = httpx.Client(
            base_url=self.base_url, headers=self._headers, timeout=timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TwoKeyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(
        self, method: str, path: str, *, read_timeout: float | None = None, **kw: Any
    ) -> httpx.Response:
        timeout = httpx.Timeout(self.timeout, read=read_timeout or self.timeout)
        last = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self._delay(attempt - 1))
            try:
                response = self._http.request(method, path, timeout=timeout, **kw)
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__} talking to {self.base_url}"
                continue
            if not self._retryable(response):
                return response
            last = f"HTTP {response.status_code}: {_detail(response)}"
        raise TwoKeyUnavailable(f"gate unavailable after {self.retries + 1} attempts ({last})")

    def submit(
        self,
        text: str,
        *,
        requester: str,
        agent: str | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        confidence: float | None = None,
        justification: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> GateRequest:
        """Assess an instruction. Blocked instructions come back as a request, not an error."""
        body = _submission(
            text,
            requester,
            agent,
            kind,
            resources,
            confidence,
            justification,
            callback_url,
            idempotency_key,
        )
        response = self._call("POST", "/v1/instructions", json=body)
        if response.status_code == 403 and _request_body(response) is not None:
            return self._parse_request(response, (403,))
        return self._parse_request(response, (200, 202))

    def get(self, request_id: str, *, wait: float = 0.0) -> GateRequest:
        """One read; with `wait`, a long-poll of up to `wait` seconds (the server caps it)."""
        wait = max(0.0, min(wait, MAX_SERVER_WAIT))
        params = {"wait": f"{wait:g}"} if wait else None
        response = self._call(
            "GET", f"/v1/requests/{request_id}", params=params, read_timeout=self.timeout + wait
        )
        return self._parse_request(response, (200,))

    def wait(self, request_id: str, *, timeout: float | None = None) -> GateRequest:
        """Long-poll until the request leaves its open states or `timeout` seconds pass.

        Without a timeout it waits for the server's decision, which always comes:
        every held request has a deadline after which it expires.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            request = self.get(request_id, wait=_step(deadline))
            if not request.is_open or _passed(deadline):
                return request

    def cancel(self, request_id: str, *, reason: str = "cancelled by the agent") -> GateRequest:
        response = self._call("POST", f"/v1/requests/{request_id}/cancel", json={"reason": reason})
        return self._parse_request(response, (200,))

    def redeem(self, token: str, text: str) -> Execution:
        """Spend an execution token on exactly the approved text (once)."""
        response = self._call("POST", "/v1/executions", json={"token": token, "text": text})
        return self._parse_execution(response)


class AsyncTwoKeyClient(_Base):
    """Asynchronous client with the same methods as `TwoKeyClient`."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, api_key, timeout=timeout, retries=retries, backoff=backoff)
        self._http = httpx.AsyncClient(
            base_url=self.base_url, headers=self._headers, timeout=timeout, transport=transport
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncTwoKeyClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _call(
        self, method: str, path: str, *, read_timeout: float | None = None, **kw: Any
    ) -> httpx.Response:
        timeout = httpx.Timeout(self.timeout, read=read_timeout or self.timeout)
        last = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                await asyncio.sleep(self._delay(attempt - 1))
            try:
                response = await self._http.request(method, path, timeout=timeout, **kw)
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__} talking to {self.base_url}"
                continue
            if not self._retryable(response):
                return response
            last = f"HTTP {response.status_code}: {_detail(response)}"
        raise TwoKeyUnavailable(f"gate unavailable after {self.retries + 1} attempts ({last})")

    async def submit(
        self,
        text: str,
        *,
        requester: str,
        agent: str | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        confidence: float | None = None,
        justification: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> GateRequest:
        """Assess an instruction. Blocked instructions come back as a request, not an error."""
        body = _submission(
            text,
            requester,
            agent,
            kind,
            resources,
            confidence,
            justification,
            callback_url,
            idempotency_key,
        )
        response = await self._call("POST", "/v1/instructions", json=body)
        if response.status_code == 403 and _request_body(response) is not None:
            return self._parse_request(response, (403,))
        return self._parse_request(response, (200, 202))

    async def get(self, request_id: str, *, wait: float = 0.0) -> GateRequest:
        wait = max(0.0, min(wait, MAX_SERVER_WAIT))
        params = {"wait": f"{wait:g}"} if wait else None
        response = await self._call(
            "GET", f"/v1/requests/{request_id}", params=params, read_timeout=self.timeout + wait
        )
        return self._parse_request(response, (200,))

    async def wait(self, request_id: str, *, timeout: float | None = None) -> GateRequest:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            request = await self.get(request_id, wait=_step(deadline))
            if not request.is_open or _passed(deadline):
                return request

    async def cancel(
        self, request_id: str, *, reason: str = "cancelled by the agent"
    ) -> GateRequest:
        response = await self._call(
            "POST", f"/v1/requests/{request_id}/cancel", json={"reason": reason}
        )
        return self._parse_request(response, (200,))

    async def redeem(self, token: str, text: str) -> Execution:
        response = await self._call("POST", "/v1/executions", json={"token": token, "text": text})
        return self._parse_execution(response)


# --- the decorator ---------------------------------------------------------


def _default_describe(fn: Callable[..., Any]) -> Callable[..., str]:
    def describe(*args: Any, **kwargs: Any) -> str:
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        return f"{fn.__qualname__}({', '.join(parts)})"

    return describe


def _verdict(request: GateRequest) -> str | None:
    """The token to redeem ('' when none is needed), or None when the action must not run."""
    if request.status == "allowed":
        return ""
    if request.status == "approved" and request.execution_token:
        return request.execution_token
    return None


def _refusal(request: GateRequest) -> NotApproved:
    if request.status == "approved":
        return NotApproved("approved", "approved, but no execution token was issued", request.id)
    if request.is_open:
        return NotApproved(request.status, "no decision before the wait ended", request.id)
    reason = request.reason or "; ".join(f.reason for f in request.findings) or None
    return NotApproved(request.status, reason, request.id)


def _failure(exc: TwoKeyError, request_id: str | None) -> NotApproved:
    status = "unavailable" if isinstance(exc, TwoKeyUnavailable) else "error"
    return NotApproved(status, exc.detail, request_id)


def require_approval(
    client: TwoKeyClient | AsyncTwoKeyClient,
    *,
    requester: str | Callable[..., str],
    describe: Callable[..., str] | None = None,
    agent: str | None = None,
    kind: str | None = None,
    resources: Sequence[str] = (),
    confidence: float | None = None,
    justification: str | None = None,
    timeout: float | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the decorated function only after TwoKey allows or a person approves the call.

    `describe(*args, **kwargs)` builds the instruction text an approver reads
    (default: the call as Python source). Approved calls redeem their execution
    token for exactly that text before running, so an approval can be spent once.
    Anything else — blocked, denied, expired, cancelled, no answer within
    `timeout`, or the gate unreachable — raises `NotApproved` and the function
    does not run. Sync functions need a `TwoKeyClient`; async ones an
    `AsyncTwoKeyClient`.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        text_of = describe or _default_describe(fn)

        def who(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
            return requester(*args, **kwargs) if callable(requester) else requester

        def fields(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "requester": who(args, kwargs),
                "agent": agent,
                "kind": kind,
                "resources": resources,
                "confidence": confidence,
                "justification": justification,
            }

        if inspect.iscoroutinefunction(fn):
            if not isinstance(client, AsyncTwoKeyClient):
                raise TypeError("an async function needs an AsyncTwoKeyClient")
            aclient = client

            @functools.wraps(fn)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                text = text_of(*args, **kwargs)
                request_id: str | None = None
                try:
                    request = await aclient.submit(text, **fields(args, kwargs))
                    request_id = request.id
                    if request.is_open:
                        request = await aclient.wait(request.id, timeout=timeout)
                        if request.is_open:
                            await _async_give_up(aclient, request.id)
                    token = _verdict(request)
                    if token is None:
                        raise _refusal(request)
                    if token:
                        await aclient.redeem(token, text)
                except TwoKeyError as exc:
                    raise _failure(exc, request_id) from exc
                return await fn(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]

        if not isinstance(client, TwoKeyClient):
            raise TypeError("a sync function needs a TwoKeyClient")
        sclient = client

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            text = text_of(*args, **kwargs)
            request_id: str | None = None
            try:
                request = sclient.submit(text, **fields(args, kwargs))
                request_id = request.id
                if request.is_open:
                    request = sclient.wait(request.id, timeout=timeout)
                    if request.is_open:
                        _give_up(sclient, request.id)
                token = _verdict(request)
                if token is None:
                    raise _refusal(request)
                if token:
                    sclient.redeem(token, text)
            except TwoKeyError as exc:
                raise _failure(exc, request_id) from exc
            return fn(*args, **kwargs)

        return wrapper

    return decorate


def _give_up(client: TwoKeyClient, request_id: str) -> None:
    """Withdraw a request nobody decided in time, so no one approves an action that won't run."""
    try:
        client.cancel(request_id, reason="the agent stopped waiting")
    except TwoKeyError:
        log.warning("could not cancel request %s after the wait ended", request_id)


async def _async_give_up(client: AsyncTwoKeyClient, request_id: str) -> None:
    try:
        await client.cancel(request_id, reason="the agent stopped waiting")
    except TwoKeyError:
        log.warning("could not cancel request %s after the wait ended", request_id)


__all__ = [
    "AsyncTwoKeyClient",
    "Execution",
    "GateRequest",
    "NotApproved",
    "TwoKeyClient",
    "TwoKeyError",
    "TwoKeyUnavailable",
    "require_approval",
]
