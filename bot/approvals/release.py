"""Waking whoever waits on a request the moment it is decided.

In-process waiters are woken directly after the deciding transaction commits.
Waiters on other replicas hear it through PostgreSQL LISTEN/NOTIFY; on SQLite
(one process) the direct wake-up is the whole story. `wait` also re-reads the
database now and then, so a lost notification costs seconds, never a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy.engine import Engine

from storage.requests import RELEASE_CHANNEL

log = logging.getLogger(__name__)


class Release:
    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Event]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None
        # Set while LISTEN is in place: until then other replicas' decisions reach this
        # one's waiters only at their next re-read.
        self.listening = asyncio.Event()

    @contextlib.contextmanager
    def waiter(self, request_id: str) -> Iterator[asyncio.Event]:
        event = asyncio.Event()
        self._waiters[request_id].add(event)
        try:
            yield event
        finally:
            waiters = self._waiters.get(request_id)
            if waiters is not None:
                waiters.discard(event)
                if not waiters:
                    del self._waiters[request_id]

    def wake(self, request_id: str) -> None:
        for event in self._waiters.get(request_id, ()):
            event.set()

    def waiting(self) -> int:
        return sum(len(v) for v in self._waiters.values())

    def start_listening(self, engine: Engine) -> None:
        if engine.dialect.name == "postgresql" and self._listener is None:
            self._listener = asyncio.create_task(
                self._listen(engine), name="twokey-release-listener"
            )

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        self.listening.clear()

    async def _listen(self, engine: Engine) -> None:
        import psycopg

        conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {RELEASE_CHANNEL}")
                    self.listening.set()
                    async for note in conn.notifies():
                        self.wake(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.listening.clear()
                log.warning(
                    "release listener lost its PostgreSQL connection; reconnecting", exc_info=True
                )
                await asyncio.sleep(1.0)
