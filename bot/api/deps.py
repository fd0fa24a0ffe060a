"""Shared dependencies: the API key behind a request, and who may see what.

Authentication is a dependency, not a check copied into each route. A key is
looked up by its hash in a worker thread; a short cache keeps the hot path
(one lookup per agent call) off the database without letting a revoked key
live on for more than a few seconds. When the cached entry expires, the calls
that arrive for that key meanwhile wait for one lookup rather than each taking
a worker thread and a write transaction of its own.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Annotated

from cachetools import TTLCache
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from bot.api.metrics import Metrics
from bot.api.requesters import RequesterResolver
from bot.approvals.callbacks import CallbackGuard
from bot.approvals.service import ApprovalService
from bot.approvals.view import RequestView
from bot.config import Settings, TwoKeyConfig
from storage.db import session_scope
from storage.keys import authenticate, hash_key
from storage.models import ApiKey, utcnow

AUTH_CACHE_SECONDS = 5.0
LAST_USED_EVERY_SECONDS = 60.0
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Caller:
    """The authenticated key, detached from its database session."""

    key_id: str
    agent: str
    admin: bool


@dataclass
class Gate:
    """What the routes need, built once by `create_api`."""

    service: ApprovalService
    config: TwoKeyConfig
    settings: Settings
    engine: Engine
    requesters: RequesterResolver
    metrics: Metrics
    callbacks: CallbackGuard


async def get_gate(request: Request) -> Gate:
    """Async on purpose: FastAPI runs plain `def` dependencies in a thread, a hop per request."""
    gate: Gate = request.app.state.gate
    return gate


GateDep = Annotated[Gate, Depends(get_gate)]


class KeyCache:
    """Authenticates bearer keys; remembers good ones for a few seconds (never bad ones)."""

    def __init__(self, engine: Engine, ttl: float = AUTH_CACHE_SECONDS) -> None:
        self.engine = engine
        self.ttl = ttl
        self._hits: TTLCache[str, Caller] = TTLCache(maxsize=10_000, ttl=ttl)
        self._last_used: dict[str, float] = {}
        self._lookups: dict[str, asyncio.Task[Caller | None]] = {}

    async def caller(self, plaintext: str) -> Caller | None:
        digest = hash_key(plaintext)
        hit = self._hits.get(digest)
        if hit is not None:
            return hit
        lookup = self._lookups.get(digest)
        if lookup is None:  # the first miss looks the key up; later ones wait for its answer
            lookup = asyncio.get_running_loop().create_task(self._look_up(digest, plaintext))
            lookup.add_done_callback(_retrieve)  # an error nobody was left to hear is not logged
            self._lookups[digest] = lookup
        # Shielded: a caller that goes away does not cancel the lookup the others wait for.
        return await asyncio.shield(lookup)

    async def _look_up(self, digest: str, plaintext: str) -> Caller | None:
        """One database lookup; its answer (or error) goes to every caller waiting for it."""
        try:
            caller = await run_in_threadpool(self._lookup, plaintext)
            if caller is None:
                self._hits.pop(digest, None)
            else:
                self._hits[digest] = caller
            return caller
        finally:
            del self._lookups[digest]

    def _lookup(self, plaintext: str) -> Caller | None:
        with session_scope(self.engine) as session:
            key: ApiKey | None = authenticate(session, plaintext)
            if key is None:
                return None
            now = time.monotonic()
            if (
                now - self._last_used.get(key.id, -LAST_USED_EVERY_SECONDS)
                >= LAST_USED_EVERY_SECONDS
            ):
                key.last_used_at = utcnow()
                session.add(key)
                self._last_used[key.id] = now
            return Caller(key_id=key.id, agent=key.agent, admin=key.admin)


def _retrieve(task: asyncio.Task[Caller | None]) -> None:
    if not task.cancelled():
        task.exception()


_bearer = HTTPBearer(
    auto_error=False, description="An API key made with `twokey keys create --agent NAME`."
)


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """401 without a valid `Authorization: Bearer` key."""
    token = credentials.credentials if credentials is not None else ""
    return await caller_for(request.app.state.keys, token)


async def caller_for(keys: KeyCache, token: str) -> Caller:
    """The caller a bearer token names, or 401 (the dependency and `fastpath` share it)."""
    token = token.strip()
    if not token:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing API key: send `Authorization: Bearer <key>`",
            headers=_CHALLENGE,
        )
    caller = await keys.caller(token)
    if caller is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "invalid or revoked API key", headers=_CHALLENGE
        )
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


async def admin_caller(caller: CallerDep) -> Caller:
    """403 unless the key was created with `--admin`."""
    if not caller.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this needs an admin API key")
    return caller


AdminDep = Annotated[Caller, Depends(admin_caller)]


def ensure_may_see(caller: Caller, view: RequestView) -> None:
    """Agent keys see and act on their own agent's requests; admin keys see all."""
    if caller.admin or view.agent == caller.agent:
        return
    raise HTTPException(status.HTTP_403_FORBIDDEN, f"request {view.id} belongs to another agent")
