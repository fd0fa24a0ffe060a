"""Group commit: concurrent submits share transactions, and each still stands alone."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from bot.approvals import ApprovalService
from bot.approvals.batching import CreateBatcher
from bot.approvals.tokens import text_sha256
from storage.audit import seal, verify_chain
from storage.db import BUSY_TIMEOUT_MS, session_scope
from tests.approvals.helpers import SECRET, assessment, submit


async def test_concurrent_submits_share_commits_and_all_land(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    views = await asyncio.gather(
        *(submit(service, assessment("allow", risk="low"), text=f"ls {n}") for n in range(40))
    )
    assert len({v.id for v in views}) == 40 and {v.status for v in views} == {"allowed"}
    assert service.creates.batches < 40  # they waited for each other's commit
    seal(engine)
    with session_scope(engine) as s:
        rows = s.connection().execute(sa.text("SELECT COUNT(*) FROM requests")).scalar()
        assert rows == 40
        report = verify_chain(s)
    assert report.ok and report.checked == 40


async def test_a_repeated_idempotency_key_in_one_batch_finds_the_first(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    results = await asyncio.gather(
        *(
            service.submit_assessed(
                assessment("allow", risk="low"),
                text="ls",
                requester="U0EMP0001",
                agent="opsbot",
                idempotency_key="same",
            )
            for _ in range(5)
        )
    )
    assert len({view.id for view, _ in results}) == 1
    assert sorted(created for _, created in results) == [False] * 4 + [True]


async def test_one_failing_request_fails_only_itself(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    first = await submit(service, assessment("allow", risk="low"), text="ls first")
    batcher = CreateBatcher(service.machine)
    service.creates = batcher
    real_create = batcher.create

    async def create(row, resources, *, actor):
        if row["text_sha256"] == text_sha256("ls doomed"):
            row = {**row, "id": first.id}  # a primary key already taken: IntegrityError
        return await real_create(row, resources, actor=actor)

    batcher.create = create  # type: ignore[method-assign]
    outcomes = await asyncio.gather(
        *(
            submit(service, assessment("allow", risk="low"), text=f"ls {name}")
            for name in ("a", "doomed", "b")
        ),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], sa.exc.IntegrityError)
    assert all(getattr(o, "status", None) == "allowed" for o in (outcomes[0], outcomes[2]))
    assert batcher.batches == 1  # one batch, rolled back whole, then retried one by one


async def test_a_batch_whose_caller_left_is_still_written(engine, example_config):
    """A client that disconnects does not undo its request: it was assessed and recorded."""
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    task = asyncio.ensure_future(submit(service, assessment("allow", risk="low"), text="ls gone"))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await submit(service, assessment("allow", risk="low"), text="ls after")  # the writer lives
    with session_scope(engine) as s:
        count = s.connection().execute(sa.text("SELECT COUNT(*) FROM requests")).scalar()
    assert count == 2


def _threads_used(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    import bot.approvals.batching as batching

    used: list[object] = []
    real = asyncio.to_thread

    async def to_thread(func, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        used.append(func)
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(batching.asyncio, "to_thread", to_thread)
    return used


async def test_on_sqlite_a_batch_is_committed_on_the_loop(engine, example_config, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL batches always go to a worker thread")
    used = _threads_used(monkeypatch)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await submit(service, assessment("allow", risk="low"), text="ls first")
    used.clear()  # the pool holds an idle connection from now on
    views = await asyncio.gather(
        *(submit(service, assessment("allow", risk="low"), text=f"ls {n}") for n in range(5))
    )
    assert {v.status for v in views} == {"allowed"} and used == []


async def test_a_writer_in_another_thread_sends_the_batch_to_a_thread(
    engine, example_config, monkeypatch
):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    used = _threads_used(monkeypatch)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await submit(service, assessment("allow", risk="low"), text="ls first")  # a pooled connection
    used.clear()
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with session_scope(engine):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait(10)
    await asyncio.sleep(0)
    pending = asyncio.ensure_future(submit(service, assessment("allow", risk="low"), text="ls"))
    await asyncio.sleep(0.05)
    assert not pending.done() and used  # waiting in a worker thread, not on the loop
    release.set()
    assert (await pending).status == "allowed"
    thread.join(10)


async def test_another_process_writing_never_stalls_the_loop(engine, example_config, monkeypatch):
    """A CLI command holding SQLite's lock: the submit waits in a thread; the loop runs on."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    used = _threads_used(monkeypatch)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await submit(service, assessment("allow", risk="low"), text="ls first")  # a pooled connection
    used.clear()
    other = sqlite3.connect(engine.url.database or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        pending = asyncio.ensure_future(submit(service, assessment("allow", risk="low"), text="ls"))
        started = time.monotonic()
        await asyncio.sleep(0.05)
        assert time.monotonic() - started < 1.0  # the loop was not held by the busy wait
        assert not pending.done() and used
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (await pending).status == "allowed"
    used.clear()
    await submit(service, assessment("allow", risk="low"), text="ls again")
    assert used == []  # back on the loop
    with engine.connect() as conn:  # the pooled connection waits again like the others
        timeout = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert timeout == BUSY_TIMEOUT_MS


async def test_no_free_pooled_connection_sends_the_batch_to_a_thread(
    engine, example_config, monkeypatch
):
    """Taking a connection from an exhausted pool could wait: never on the loop."""
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL batches always go to a worker thread")
    used = _threads_used(monkeypatch)
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await submit(service, assessment("allow", risk="low"), text="ls first")
    held = [engine.raw_connection() for _ in range(engine.pool.checkedin())]  # type: ignore[attr-defined]
    try:
        used.clear()
        view = await submit(service, assessment("allow", risk="low"), text="ls")
        assert view.status == "allowed" and used
    finally:
        for raw in held:
            raw.close()
