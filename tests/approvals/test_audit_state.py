"""`audit verify` catches a request row edited outside TwoKey, and names it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from bot.approvals import ApprovalService
from storage.audit import seal, verify_chain
from storage.db import session_scope
from tests.approvals.helpers import (
    APPROVER,
    SECRET,
    TEXT,
    assessment,
    pending,
    pending_at_once,
    submit,
)
from tests.conftest import eventually


def verify(engine):
    with session_scope(engine) as s:
        return verify_chain(s)


async def test_a_denial_turned_into_an_approval_in_the_database_is_named(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    other = await pending(service)
    view = await pending(service)
    await service.vote(view.id, voter=APPROVER, approve=False, comment="Not on prod.")
    await service.vote(other.id, voter=APPROVER, approve=True)
    assert verify(engine).ok
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE requests SET status = 'approved' WHERE id = :id"), {"id": view.id}
        )
    report = verify(engine)
    assert not report.ok and report.request_id == view.id
    assert view.id in report.problem and "approved" in report.problem


@pytest.mark.parametrize(
    "edit",
    [
        "decided_by = 'U0MALLORY'",
        "required_approvals = 0",
        "requester = 'U0SOMEONE'",
        "status = 'pending', decided_at = NULL, decided_by = NULL",
    ],
)
async def test_any_decisive_field_edited_breaks_verify(engine, example_config, edit):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    view = await pending(service)
    await service.vote(view.id, voter=APPROVER, approve=False, comment="No.")
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE requests SET {edit} WHERE id = :id"), {"id": view.id})  # noqa: S608
    assert verify(engine).request_id == view.id


async def test_every_way_a_request_changes_keeps_verify_intact(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await submit(service, assessment("allow", risk="low"))
    approved = await pending(service)
    outcome = await service.vote(approved.id, voter=APPROVER, approve=True)
    token = service.execution_token(outcome.request)
    assert (await service.redeem(token, TEXT)).ok
    cancelled = await pending(service)
    await service.cancel(cancelled.id, actor="admin", reason="dup")
    await submit(service)  # awaiting the requester
    quick = await pending_at_once(service, assessment(timeout=0.2))
    await asyncio.sleep(max(0.0, (quick.expires_at - datetime.now(UTC)).total_seconds()))
    await service.expire_due()
    assert (await service.get(quick.id)).status == "expired"
    report = verify(engine)
    assert report.ok, report.problem


async def test_a_deleted_unsealed_status_change_is_caught_by_its_request_row(
    engine, example_config
):
    """Before the sequencer chains it, a decision's event has no hash yet; deleting it still
    leaves the row in a state no remaining event records."""
    service = ApprovalService(engine, example_config, secret_key=SECRET)  # not started: no sealing
    view = await pending(service)
    await service.vote(view.id, voter=APPROVER, approve=False, comment="No.")
    report = verify(engine)
    assert report.ok and report.checked == 0 and report.unsealed >= 2
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "DELETE FROM audit_events WHERE request_id = :id AND action = 'request.denied'"
            ),
            {"id": view.id},
        )
    report = verify(engine)
    assert not report.ok and report.request_id == view.id
    assert "unsealed event" in report.problem and "denied" in report.problem
    seal(engine)  # sealing the remainder does not hide it
    assert verify(engine).request_id == view.id


async def test_a_request_whose_events_were_all_deleted_is_named(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    kept = await pending(service)
    gone = await pending(service)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE request_id = :id"), {"id": gone.id})
    seal(engine)
    report = verify(engine)
    assert not report.ok and report.request_id == gone.id and kept.id != gone.id
    assert "no audit event" in report.problem


async def test_a_running_service_seals_what_it_appends(engine, example_config):
    service = ApprovalService(engine, example_config, secret_key=SECRET)
    await service.start()
    try:
        view = await pending(service)
        await service.vote(view.id, voter=APPROVER, approve=True)
        # The sequencer runs every 0.1 s.
        await eventually(lambda: verify(engine).unsealed == 0, "the sequencer to seal")
        report = verify(engine)
        assert report.ok and report.unsealed == 0 and report.checked >= 3
    finally:
        await service.stop()
