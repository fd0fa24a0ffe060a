"""The sync and async clients: httpx drivers of the operations in `protocol`.

Both run the same generators; only the way a `Send` becomes a `Reply` (and a
`Sleep` a pause) differs. Neither holds a rule of its own.

    from twokey_client import TwoKeyClient

    gate = TwoKeyClient()            # TWOKEY_URL, TWOKEY_API_KEY
    approval = gate.authorize_call("drop_table", {"name": "customers_tmp"},
                                   requester="dana@northwind.example")
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import httpx

from twokey_client import protocol
from twokey_client.protocol import (
    Approval,
    Execution,
    Gate,
    GateRequest,
    Op,
    Reply,
    Send,
    Sleep,
    Unreachable,
)

T = TypeVar("T")


def _timeout(gate: Gate, step: Send) -> httpx.Timeout:
    return httpx.Timeout(gate.timeout, read=step.read_timeout or gate.timeout)


def _reply(response: httpx.Response) -> Reply:
    return Reply(response.status_code, response.content, response.reason_phrase)


def _unreachable(exc: httpx.HTTPError) -> Unreachable:
    return Unreachable(type(exc).__name__)


class _Calls:
    """The operations, named once for both clients (each returns an `Op` to drive)."""

    gate: Gate

    def _submit(self, **fields: Any) -> Op[GateRequest]:
        return protocol.submit(self.gate, protocol.submission(**fields))

    def _authorize(self, **fields: Any) -> Op[Approval]:
        return protocol.authorize(self.gate, **fields)


class TwoKeyClient(_Calls):
    """Synchronous client. Address and key default to `TWOKEY_URL` and `TWOKEY_API_KEY`."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.gate = protocol.load_gate(
            base_url, api_key, timeout=timeout, retries=retries, backoff=backoff
        )
        self.base_url = self.gate.url
        self._http = httpx.Client(
            base_url=self.gate.url, headers=self.gate.headers, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TwoKeyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, op: Op[T]) -> T:
        """Drive one operation to its result."""
        value: Any = None
        error: Exception | None = None
        while True:
            try:
                step = op.throw(error) if error is not None else op.send(value)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
            value, error = None, None
            if isinstance(step, Sleep):
                time.sleep(step.seconds)
                continue
            try:
                response = self._http.request(
                    step.method,
                    step.path,
                    json=step.json,
                    params=step.params,
                    timeout=_timeout(self.gate, step),
                )
                value = _reply(response)
            except httpx.HTTPError as exc:
                error = _unreachable(exc)

    # -- the API ------------------------------------------------------------------------------

    def submit(
        self,
        text: str | None = None,
        *,
        requester: str,
        tool: tuple[str, Mapping[str, Any]] | None = None,
        agent: str | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        confidence: float | None = None,
        justification: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> GateRequest:
        """Assess a text or a tool call `(name, arguments)`; blocked comes back as a request."""
        return self.run(
            self._submit(
                text=text,
                tool=tool,
                requester=requester,
                agent=agent,
                kind=kind,
                resources=resources,
                confidence=confidence,
                justification=justification,
                callback_url=callback_url,
                idempotency_key=idempotency_key,
            )
        )

    def get(self, request_id: str, *, wait: float = 0.0) -> GateRequest:
        return self.run(protocol.get(self.gate, request_id, wait=wait))

    def wait(self, request_id: str, *, timeout: float | None = None) -> GateRequest:
        return self.run(protocol.wait(self.gate, request_id, timeout=timeout))

    def cancel(self, request_id: str, *, reason: str = "cancelled by the agent") -> GateRequest:
        return self.run(protocol.cancel(self.gate, request_id, reason=reason))

    def redeem(self, token: str, text: str) -> Execution:
        return self.run(protocol.redeem(self.gate, token, text))

    def settle(self, request: GateRequest, *, timeout: float | None = None) -> Approval:
        """Wait for a submitted request's decision and redeem it; `NotApproved` otherwise."""
        return self.run(protocol.settle(self.gate, request, timeout=timeout))

    def authorize_call(
        self,
        name: str,
        arguments: Mapping[str, Any],
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        **fields: Any,
    ) -> Approval:
        """Ask for one tool call as structure, wait, redeem: an `Approval` or `NotApproved`."""
        return self.run(
            self._authorize(
                tool=(name, arguments), requester=requester, agent=agent, timeout=timeout, **fields
            )
        )

    def authorize_text(
        self,
        text: str,
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        **fields: Any,
    ) -> Approval:
        """Ask for one instruction text, wait, redeem: an `Approval` or `NotApproved`."""
        return self.run(
            self._authorize(text=text, requester=requester, agent=agent, timeout=timeout, **fields)
        )


class AsyncTwoKeyClient(_Calls):
    """Asynchronous client with the same methods as `TwoKeyClient` (awaitable)."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.gate = protocol.load_gate(
            base_url, api_key, timeout=timeout, retries=retries, backoff=backoff
        )
        self.base_url = self.gate.url
        self._http = httpx.AsyncClient(
            base_url=self.gate.url, headers=self.gate.headers, transport=transport
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncTwoKeyClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def run(self, op: Op[T]) -> T:
        value: Any = None
        error: Exception | None = None
        while True:
            try:
                step = op.throw(error) if error is not None else op.send(value)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
            value, error = None, None
            if isinstance(step, Sleep):
                await asyncio.sleep(step.seconds)
                continue
            try:
                response = await self._http.request(
                    step.method,
                    step.path,
                    json=step.json,
                    params=step.params,
                    timeout=_timeout(self.gate, step),
                )
                value = _reply(response)
            except httpx.HTTPError as exc:
                error = _unreachable(exc)

    async def submit(
        self,
        text: str | None = None,
        *,
        requester: str,
        tool: tuple[str, Mapping[str, Any]] | None = None,
        agent: str | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        confidence: float | None = None,
        justification: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> GateRequest:
        return await self.run(
            self._submit(
                text=text,
                tool=tool,
                requester=requester,
                agent=agent,
                kind=kind,
                resources=resources,
                confidence=confidence,
                justification=justification,
                callback_url=callback_url,
                idempotency_key=idempotency_key,
            )
        )

    async def get(self, request_id: str, *, wait: float = 0.0) -> GateRequest:
        return await self.run(protocol.get(self.gate, request_id, wait=wait))

    async def wait(self, request_id: str, *, timeout: float | None = None) -> GateRequest:
        return await self.run(protocol.wait(self.gate, request_id, timeout=timeout))

    async def cancel(
        self, request_id: str, *, reason: str = "cancelled by the agent"
    ) -> GateRequest:
        return await self.run(protocol.cancel(self.gate, request_id, reason=reason))

    async def redeem(self, token: str, text: str) -> Execution:
        return await self.run(protocol.redeem(self.gate, token, text))

    async def settle(self, request: GateRequest, *, timeout: float | None = None) -> Approval:
        return await self.run(protocol.settle(self.gate, request, timeout=timeout))

    async def authorize_call(
        self,
        name: str,
        arguments: Mapping[str, Any],
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        **fields: Any,
    ) -> Approval:
        return await self.run(
            self._authorize(
                tool=(name, arguments), requester=requester, agent=agent, timeout=timeout, **fields
            )
        )

    async def authorize_text(
        self,
        text: str,
        *,
        requester: str | None = None,
        agent: str | None = None,
        timeout: float | None = None,
        **fields: Any,
    ) -> Approval:
        return await self.run(
            self._authorize(text=text, requester=requester, agent=agent, timeout=timeout, **fields)
        )
