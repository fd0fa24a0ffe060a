"""A driver of `protocol` operations on the standard library's `http.client`.

For commands that start on every tool call (the Claude Code hook): importing
httpx costs about as much as the whole hook is allowed to take. The rules live
in `protocol`; this only turns a `Send` into a `Reply`.
"""

from __future__ import annotations

import http.client
import json
import time
from typing import Any, TypeVar
from urllib.parse import urlencode, urlsplit

from twokey_client.protocol import Gate, Op, Reply, Sleep, Unreachable

T = TypeVar("T")


class Driver:
    """Runs operations against one gate, one connection per request (no pooling needed)."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        parts = urlsplit(gate.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"TWOKEY_URL must be an http(s) URL, not {gate.url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._https:
            import ssl

            return http.client.HTTPSConnection(
                self._host, self._port, timeout=timeout, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def _send(
        self, method: str, path: str, body: Any, params: dict[str, str] | None, read: float
    ) -> Reply:
        target = self._prefix + path + (f"?{urlencode(params)}" if params else "")
        headers = dict(self.gate.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        conn = self._connection(max(self.gate.timeout, read))
        try:
            conn.request(method, target, body=payload, headers=headers)
            response = conn.getresponse()
            return Reply(response.status, response.read(), response.reason)
        except (OSError, http.client.HTTPException) as exc:
            raise Unreachable(type(exc).__name__) from exc
        finally:
            conn.close()

    def run(self, op: Op[T]) -> T:
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
                read = step.read_timeout or self.gate.timeout
                value = self._send(step.method, step.path, step.json, step.params, read)
            except Unreachable as exc:
                error = exc
