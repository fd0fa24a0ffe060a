"""Group commit for new requests: one worker-thread hop and one transaction per batch.

Every submit must be durable before it is answered, but it need not have a
transaction (and a hand-off to a worker thread) of its own. Submits that arrive
while a batch is being written wait for the next one, so under load each commit
carries many requests; alone, a submit is written at once, as before. A batch
that fails is retried one request at a time, so one bad row (or a key repeated
in a race) fails only its own submit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from bot.approvals.states import StateMachine
from bot.approvals.view import RequestView

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
                try:
                    results = await asyncio.to_thread(self._commit, [item for item, _ in batch])
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

    def _commit(self, items: list[Item]) -> list[Result | BaseException]:
        self.batches += 1
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
