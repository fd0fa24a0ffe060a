"""Group commit for new requests: one transaction per batch, on the loop when it can be.

Every submit must be durable before it is answered, but it need not have a
transaction of its own. Submits that arrive while a batch is being written wait
for the next one, so under load each commit carries many requests; alone, a
submit is written at once. A batch that fails is retried one request at a time,
so one bad row (or a key repeated in a race) fails only its own submit.

On SQLite a batch is committed right on the event loop when no other thread of
the process is writing and no other process holds the database: a commit there
is a few hundred microseconds of work that never waits, cheaper than handing it
to a worker thread and back (and than the two threads trading the GIL).
Otherwise (PostgreSQL, whose round trips would stall the loop, or a writer in
the way) the batch goes to a worker thread, which may wait its turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from bot.approvals.states import StateMachine
from bot.approvals.view import RequestView
from storage.db import has_idle_connection, write_lock

Item = tuple[dict[str, Any], Sequence[tuple[str, str]], str]
Result = tuple[RequestView, bool]


class CreateBatcher:
    def __init__(self, machine: StateMachine, *, max_batch: int = 64) -> None:
        self.machine = machine
        self.max_batch = max_batch
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._writing = False
        self.batches = 0
        """Transactions written so far (tests and benchmarks read it)."""

    async def create(
        self, row: dict[str, Any], resources: Sequence[tuple[str, str]], *, actor: str
    ) -> Result:
        """`StateMachine.create`, committed together with whatever else is waiting."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append(((row, resources, actor), future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write())
        return await future

    async def _write(self) -> None:
        try:
            while self._waiting:
                batch = self._waiting[: self.max_batch]
                del self._waiting[: self.max_batch]
                items = [item for item, _ in batch]
                self.batches += 1
                try:
                    results: list[Result | BaseException] | None = self._commit_here(items)
                    if results is None:
                        results = await asyncio.to_thread(self._commit, items)
                except BaseException as exc:  # cancelled at shutdown, say: nobody is left hanging
                    results = [exc] * len(batch)
                for (_, future), result in zip(batch, results, strict=True):
                    if future.done():  # its caller went away
                        continue
                    if isinstance(result, BaseException):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
        finally:
            self._writing = False

    def _commit_here(self, items: list[Item]) -> list[Result | BaseException] | None:
        """The batch committed on the loop, or None: another writer is in the way, no pooled
        connection is free (taking one could wait), or the batch failed (all or nothing:
        the worker thread retries it, one by one if need be)."""
        engine = self.machine.engine
        lock = write_lock(engine)
        if lock is None or not has_idle_connection(engine):
            return None
        if not lock.acquire(blocking=False):
            return None
        try:
            return list(self.machine.create_many(items, wait=False))
        except Exception:
            return None
        finally:
            lock.release()

    def _commit(self, items: list[Item]) -> list[Result | BaseException]:
        if len(items) > 1:
            try:
                return list(self.machine.create_many(items))
            except Exception:  # noqa: S110 - retried one by one below, each with its own error
                pass
        out: list[Result | BaseException] = []
        for row, resources, actor in items:
            try:
                out.append(self.machine.create(row, resources, actor=actor))
            except Exception as exc:
                out.append(exc)
        return out
