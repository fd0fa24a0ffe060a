"""Deadlines, restarts, replicas, reminders: expired always means not approved."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.approvals import ApprovalService
from storage.db import make_engine, session_scope
from storage.models import AuditEvent
from tests.approvals.helpers import (
    APPROVER,
    REQUESTER,
    SECRET,
    Recorder,
    assessment,
    pending,
    submit,
    with_policy,
)


def expired_events(engine, request_id):
    with session_scope(engine) as s:
        rows = s.exec(
            select(AuditEvent).where(
                AuditEvent.request_id == request_id, AuditEvent.action == "request.expired"
            )
        ).all()
        return len(rows)


async def test_deadline_job_expires_and_announces(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    rec = Recorder()
    service.subscribe(rec)
    await service.start()
    try:
        view = await pending(service, assessment(timeout=0.4))
        waited = await service.wait(view.id, timeout=5)
        assert waited.status == "expired" and waited.decided_by == "twokey"
        assert "never approved" in waited.reason
        late = await service.vote(view.id, voter=APPROVER, approve=True)
        assert not late.ok and "expired" in late.message
        await service.drain()
        assert rec.kinds(view.id)[-1] == "decided"
        assert expired_events(engine, view.id) == 1
    finally:
        await service.stop()


async def test_awaiting_requester_expires_too(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await service.start()
    try:
        view = await submit(service, assessment(timeout=0.3))
        assert view.status == "awaiting_requester"
        assert (await service.wait(view.id, timeout=5)).status == "expired"
    finally:
        await service.stop()


async def test_click_after_deadline_loses_even_before_any_job_ran(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)  # never started: no jobs
    rec = Recorder()
    service.subscribe(rec)
    # Long enough to be confirmed on a loaded machine (0.2 s was not), then overdue.
    view = await pending(service, assessment(timeout=1.0))
    await asyncio.sleep(max(0.0, (view.expires_at - datetime.now(UTC)).total_seconds()) + 0.1)
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    assert not outcome.ok and outcome.code == "already_decided"
    assert (await service.get(view.id)).status == "expired"
    await service.drain()
    assert rec.kinds(view.id)[-1] == "decided"


async def test_deadline_racing_clicks_has_one_outcome(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    views = [await pending(service, assessment(timeout=0.5)) for _ in range(5)]
    await asyncio.sleep(0.5)
    results = await asyncio.gather(
        *(service.vote(v.id, voter=APPROVER, approve=True) for v in views),
        service.expire_due(),
        service.expire_due(),
    )
    for v, outcome in zip(views, results[:5], strict=True):
        final = await service.get(v.id)
        assert final.status in ("approved", "expired")
        assert outcome.ok == (final.status == "approved")
        assert expired_events(engine, v.id) == (1 if final.status == "expired" else 0)


async def test_restart_rebuilds_jobs_and_expires_overdue(engine, example_config):
    first = ApprovalService(engine, example_config, secret_key=SECRET)
    # Long enough to be confirmed on a loaded machine (0.1 s was not), then overdue.
    overdue = await pending(first, assessment(timeout=1.0))
    waiting = await pending(first, assessment(timeout=3600))
    await asyncio.sleep(max(0.0, (overdue.expires_at - datetime.now(UTC)).total_seconds()) + 0.1)
    # `first` crashed before any job ran; a new process starts.
    second = ApprovalService(engine, example_config, secret_key=SECRET)
    await second.start()
    try:
        assert (await second.get(overdue.id)).status == "expired"
        assert (await second.get(waiting.id)).status == "pending"
        assert second.timers.scheduler.get_job(f"{waiting.id}:expire") is not None
        assert second.timers.scheduler.get_job(f"{waiting.id}:remind") is not None
        assert second.timers.scheduler.get_job(f"{overdue.id}:expire") is None
    finally:
        await second.stop()


async def test_two_replicas_expire_each_request_once(db_url, engine, example_config):
    if engine.dialect.name != "postgresql":
        pytest.skip("replicas share a PostgreSQL database; SQLite is single-process")
    other_engine = make_engine(db_url)
    a = ApprovalService(engine, example_config, secret_key=SECRET, sweep_interval=0.2)
    b = ApprovalService(other_engine, example_config, secret_key=SECRET, sweep_interval=0.2)
    views = [await pending(a, assessment(timeout=0.6)) for _ in range(20)]
    await a.start()
    await b.start()  # b rebuilds jobs for the same requests: both replicas race every deadline
    try:
        await asyncio.sleep(1.5)
        for v in views:
            assert (await a.get(v.id)).status == "expired"
            assert expired_events(engine, v.id) == 1
    finally:
        await a.stop()
        await b.stop()
        other_engine.dispose()


async def test_release_crosses_replicas(db_url, engine, example_config):
    if engine.dialect.name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    other_engine = make_engine(db_url)
    a = ApprovalService(engine, example_config, secret_key=SECRET)
    b = ApprovalService(other_engine, example_config, secret_key=SECRET)
    await b.start()
    try:
        view = await pending(a, assessment())
        await asyncio.sleep(0.2)  # listener connected
        loop = asyncio.get_running_loop()
        waiter = asyncio.create_task(b.wait(view.id, timeout=30, recheck=30))
        await asyncio.sleep(0.05)
        t0 = loop.time()
        await a.vote(view.id, voter=APPROVER, approve=True)
        released = await asyncio.wait_for(waiter, 5)
        assert released.status == "approved" and loop.time() - t0 < 2
    finally:
        await b.stop()
        other_engine.dispose()


async def test_reminder_then_escalation_widens_eligibility(engine, example_config):
    config = with_policy(example_config, reminder_after=0.2, escalate_after=0.4)
    service = ApprovalService(engine, config, secret_key=SECRET)
    rec = Recorder()
    service.subscribe(rec)
    await service.start()
    try:
        view = await pending(service, assessment(timeout=60))
        security = "U0SEC0001"
        assert (await service.vote(view.id, voter=security, approve=True)).code == "not_eligible"
        await asyncio.sleep(0.8)
        await service.drain()
        assert rec.kinds(view.id)[-2:] == ["reminder", "escalated"]
        current = await service.get(view.id)
        assert current.reminded and current.escalated
        assert (await service.vote(view.id, voter=security, approve=True)).ok
    finally:
        await service.stop()


async def test_no_reminder_for_a_decided_request(engine, example_config):
    config = with_policy(example_config, reminder_after=0.2, escalate_after=None)
    service = ApprovalService(engine, config, secret_key=SECRET)
    rec = Recorder()
    service.subscribe(rec)
    await service.start()
    try:
        view = await pending(service, assessment(timeout=60))
        await service.vote(view.id, voter=APPROVER, approve=True)
        await asyncio.sleep(0.4)
        await service.drain()
        assert "reminder" not in rec.kinds(view.id)
        assert view.requester == REQUESTER
    finally:
        await service.stop()
