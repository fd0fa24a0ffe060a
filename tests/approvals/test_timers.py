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
    pending_at_once,
    submit,
    with_policy,
)
from tests.conftest import PATIENCE, eventually


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
        view = await pending_at_once(service, assessment(timeout=0.4))
        waited = await service.wait(view.id, timeout=PATIENCE)
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
        assert (await service.wait(view.id, timeout=PATIENCE)).status == "expired"
    finally:
        await service.stop()


async def test_click_after_deadline_loses_even_before_any_job_ran(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)  # never started: no jobs
    rec = Recorder()
    service.subscribe(rec)
    view = await pending_at_once(service, assessment(timeout=0.2))
    await asyncio.sleep(max(0.0, (view.expires_at - datetime.now(UTC)).total_seconds()) + 0.1)
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    assert not outcome.ok and outcome.code == "already_decided"
    assert (await service.get(view.id)).status == "expired"
    await service.drain()
    assert rec.kinds(view.id)[-1] == "decided"


async def test_deadline_racing_clicks_has_one_outcome(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    views = [await pending_at_once(service, assessment(timeout=0.5)) for _ in range(5)]
    await asyncio.sleep(max(0.0, (views[-1].expires_at - datetime.now(UTC)).total_seconds()))
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
    overdue = await pending_at_once(first, assessment(timeout=0.1))
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
    views = [await pending_at_once(a, assessment(timeout=0.6)) for _ in range(20)]
    await a.start()
    await b.start()  # b rebuilds jobs for the same requests: both replicas race every deadline
    try:
        for v in views:
            await eventually(lambda v=v: expired_events(engine, v.id), f"{v.id} to expire")
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
        await asyncio.wait_for(b.release.listening.wait(), PATIENCE)
        # Only a notification can release the waiter before `recheck` makes it re-read.
        recheck = 4 * PATIENCE
        waiter = asyncio.create_task(b.wait(view.id, timeout=recheck, recheck=recheck))
        await eventually(lambda: b.release.waiting(), "the waiter to wait")
        await a.vote(view.id, voter=APPROVER, approve=True)
        released = await asyncio.wait_for(waiter, PATIENCE)
        assert released.status == "approved"
    finally:
        await b.stop()
        other_engine.dispose()


async def test_reminder_then_escalation_widens_eligibility(engine, example_config):
    config = with_policy(example_config, reminder_after=0.2, escalate_after=0.4)
    service = ApprovalService(engine, config, secret_key=SECRET)
    rec = Recorder()
    service.subscribe(rec)
    # Not started yet, so no job can run early: before escalation security may not vote.
    view = await pending(service, assessment(timeout=60))
    security = "U0SEC0001"
    assert (await service.vote(view.id, voter=security, approve=True)).code == "not_eligible"
    job = service.timers.scheduler.get_job
    assert job(f"{view.id}:remind").trigger.run_date < job(f"{view.id}:escalate").trigger.run_date
    await service.start()
    try:
        # Once both alarms are overdue (a stalled loop, a restart) they fire in either order.
        both = {"reminder", "escalated"}
        await eventually(lambda: both <= set(rec.kinds(view.id)), "the reminder and escalation")
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
    # Not started yet, so the reminder cannot fire before the vote however slow the machine.
    view = await pending(service, assessment(timeout=60))
    assert service.timers.scheduler.get_job(f"{view.id}:remind") is not None
    assert (await service.vote(view.id, voter=APPROVER, approve=True)).ok
    await service.start()
    try:
        await asyncio.sleep(0.4)  # past the reminder's time: a job left behind would have run
        await service.drain()
        assert "reminder" not in rec.kinds(view.id)
        assert view.requester == REQUESTER
    finally:
        await service.stop()
