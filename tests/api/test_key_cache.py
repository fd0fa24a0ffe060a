"""KeyCache: calls that miss together share one database lookup, and its answer or error.

When the short cache runs out under load, every call in flight for that key misses at
once; each used to take a worker thread and a write transaction of its own. Now the
first looks the key up and the others wait for it, with the same outcome: a valid key
is the same caller for all, an unknown or revoked one is refused for all, and a lookup
that fails fails every call waiting for it (never a caller made up) and is not
remembered, so the next call asks the database again.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.api.deps import Caller, KeyCache
from storage.db import session_scope
from storage.keys import authenticate, revoke_key
from tests.api.conftest import Keys


class Counted(KeyCache):
    """A KeyCache whose database lookups are counted, and can be held or made to fail."""

    def __init__(self, engine: Engine, **kw: Any) -> None:
        super().__init__(engine, **kw)
        self.lookups = 0
        self.release = threading.Event()
        self.release.set()
        self.fail: Exception | None = None

    def _lookup(self, plaintext: str) -> Caller | None:
        self.lookups += 1
        self.release.wait(5)
        if self.fail is not None:
            raise self.fail
        return super()._lookup(plaintext)


async def _together(cache: Counted, key: str, n: int = 8) -> list[Any]:
    """`n` calls that all miss while the first one's lookup is held in its thread."""
    cache.release.clear()
    calls = [asyncio.create_task(cache.caller(key)) for _ in range(n)]
    await asyncio.sleep(0.05)  # every call is waiting now
    cache.release.set()
    return await asyncio.gather(*calls, return_exceptions=True)


async def test_calls_that_miss_together_share_one_lookup(engine: Engine, keys: Keys) -> None:
    cache = Counted(engine)
    answers = await _together(cache, keys.opsbot)
    assert cache.lookups == 1
    assert len(set(answers)) == 1
    assert isinstance(answers[0], Caller) and answers[0].agent == "opsbot"
    assert await cache.caller(keys.opsbot) == answers[0]  # remembered: no second lookup
    assert cache.lookups == 1


async def test_an_unknown_key_is_refused_for_every_call_sharing_the_lookup(
    engine: Engine, keys: Keys
) -> None:
    cache = Counted(engine)
    assert await _together(cache, "tk_not-a-key") == [None] * 8
    assert cache.lookups == 1
    assert await cache.caller("tk_not-a-key") is None  # bad keys are never remembered
    assert cache.lookups == 2


async def test_a_revoked_key_is_refused_once_the_cache_runs_out(engine: Engine, keys: Keys) -> None:
    cache = Counted(engine, ttl=0.2)
    assert isinstance(await cache.caller(keys.datapal), Caller)
    with session_scope(engine) as session:
        key = authenticate(session, keys.datapal)
        assert key is not None
        revoke_key(session, key.id)
    await asyncio.sleep(0.25)
    assert await _together(cache, keys.datapal) == [None] * 8


async def test_a_failed_lookup_fails_every_waiting_call_and_is_not_remembered(
    engine: Engine, keys: Keys
) -> None:
    cache = Counted(engine)
    cache.fail = OperationalError("SELECT", {}, Exception("database is away"))
    answers = await _together(cache, keys.opsbot)
    assert cache.lookups == 1
    assert all(isinstance(a, OperationalError) for a in answers)  # no call is let through
    cache.fail = None
    assert isinstance(await cache.caller(keys.opsbot), Caller)  # asked again, not cached
    assert cache.lookups == 2


async def test_a_call_that_goes_away_does_not_cancel_the_others_lookup(
    engine: Engine, keys: Keys
) -> None:
    cache = Counted(engine)
    cache.release.clear()
    first = asyncio.create_task(cache.caller(keys.opsbot))
    second = asyncio.create_task(cache.caller(keys.opsbot))
    await asyncio.sleep(0.05)
    first.cancel()
    cache.release.set()
    with pytest.raises(asyncio.CancelledError):
        await first
    answer = await second
    assert isinstance(answer, Caller) and answer.agent == "opsbot"
    assert cache.lookups == 1
