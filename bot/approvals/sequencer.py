"""The audit sequencer's loop: chains what request transactions appended, shortly after.

Every replica runs one; each round is `storage.audit.seal` with `wait=False`, so on
PostgreSQL the replica holding the advisory lock seals and the others skip that
round (a dead replica's lock dies with its connection: no failover to wait out).
On SQLite the one process seals, in a worker thread and short transactions of its
own, never inside a request's transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.engine import Engine

from storage.audit import seal

log = logging.getLogger(__name__)


class AuditSequencer:
    def __init__(self, engine: Engine, *, interval: float = 0.1) -> None:
        self.engine = engine
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="twokey-audit-sequencer")

    async def stop(self) -> None:
        """Stop the loop, then seal what is left so a clean shutdown leaves no tail."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        await self.seal_now()

    async def seal_now(self) -> int:
        """One round now, waiting for another sequencer if one is sealing (tests, demo)."""
        try:
            return await asyncio.to_thread(seal, self.engine)
        except Exception:
            log.warning("audit sequencer: could not seal", exc_info=True)
            return 0

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.to_thread(seal, self.engine, wait=False)
            except Exception:
                # The database is away, say: what is unsealed stays visible; seal it later.
                log.warning("audit sequencer: could not seal", exc_info=True)
            await asyncio.sleep(self.interval)
