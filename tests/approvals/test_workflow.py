"""Every transition and every refusal of the state machine, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.approvals import ApprovalService
from bot.approvals.intake import IdempotencyReused, TextTooLong, check_text_size
from storage.audit import verify_chain
from storage.db import session_scope
from storage.models import AuditEvent, Vote
from tests.approvals.helpers import (
    AGENT_USER,
    APPROVER,
    APPROVER2,
    OUTSIDER,
    REQUESTER,
    SECRET,
    TEXT,
    Recorder,
    assessment,
    pending,
    submit,
    with_group,
)
from tests.conftest import PATIENCE, eventually


@pytest.fixture
async def service(engine, example_config):
    svc = ApprovalService(engine, example_config, secret_key=SECRET)
    rec = Recorder()
    svc.subscribe(rec)
    svc.recorder = rec
    yield svc
    await svc.drain()
    await svc.stop()


def actions(engine, request_id):
    with session_scope(engine) as s:
        return [
            e.action for e in s.exec(select(AuditEvent).where(AuditEvent.request_id == request_id))
        ]


async def test_allowed_and_blocked_are_terminal_records(service, engine):
    allowed = await submit(service, assessment("allow", risk="low"))
    blocked = await submit(service, assessment("block", risk="critical"))
    assert (allowed.status, blocked.status) == ("allowed", "blocked")
    assert allowed.expires_at is None and blocked.decided_by == "policy"
    outcome = await service.vote(blocked.id, voter=APPROVER, approve=True)
    assert not outcome.ok and "blocked by policy" in outcome.message
    assert actions(engine, allowed.id) == ["request.allowed"]


async def test_requester_confirms_then_approver_approves(service, engine):
    view = await submit(service)
    assert view.status == "awaiting_requester" and view.expires_at is not None
    assert view.instruction == TEXT and len(view.text_sha256) == 64
    early = await service.vote(view.id, voter=APPROVER, approve=True)
    assert not early.ok and early.code == "already_decided" and "not confirmed" in early.message

    wrong = await service.confirm(view.id, actor=OUTSIDER, justification="x")
    assert wrong.code == "not_requester"
    empty = await service.confirm(view.id, actor=REQUESTER, justification="  ")
    assert empty.code == "reason_required"
    ok = await service.confirm(view.id, actor=REQUESTER, justification="Cleanup ticket DATA-7")
    assert (
        ok.ok
        and ok.request.status == "pending"
        and ok.request.justification == "Cleanup ticket DATA-7"
    )

    approved = await service.vote(view.id, voter=APPROVER, approve=True, comment="fine")
    assert approved.ok and approved.request.status == "approved"
    assert approved.request.decided_by == APPROVER and approved.request.reason == "fine"
    await service.drain()
    assert service.recorder.kinds(view.id) == [
        "screened",
        "awaiting_requester",
        "pending",
        "decided",
    ]
    assert actions(engine, view.id) == [
        "request.awaiting_requester",
        "request.pending",
        "vote.approve",
        "request.approved",
    ]


async def test_requester_declines(service):
    view = await submit(service)
    outcome = await service.decline(view.id, actor=REQUESTER)
    assert outcome.ok and outcome.request.status == "cancelled"
    again = await service.confirm(view.id, actor=REQUESTER, justification="changed my mind")
    assert not again.ok and "cancelled" in again.message


async def test_an_agents_justification_never_skips_the_requesters_confirmation(service):
    """The agent's reason is its own claim: the employee still confirms in their own words."""
    view = await submit(service, justification="Agreed in INC-9")
    assert view.status == "awaiting_requester"
    assert view.agent_justification == "Agreed in INC-9" and view.justification is None
    ok = await service.confirm(view.id, actor=REQUESTER, justification="Cleanup ticket DATA-7")
    assert ok.ok and ok.request.status == "pending"
    assert ok.request.justification == "Cleanup ticket DATA-7"
    assert ok.request.agent_justification == "Agreed in INC-9"


@pytest.mark.parametrize(
    ("voter", "why"),
    [
        (OUTSIDER, "Only members of data-governance"),
        (REQUESTER, "someone else has to decide"),
        (AGENT_USER, "Agents cannot approve"),
    ],
)
async def test_ineligible_clickers_change_nothing(service, voter, why):
    view = await pending(service)
    outcome = await service.vote(view.id, voter=voter, approve=True)
    assert not outcome.ok and outcome.code == "not_eligible" and why in outcome.message
    assert (await service.get(view.id)).status == "pending"


async def test_deny_needs_a_reason_and_is_final(service):
    view = await pending(service)
    no_reason = await service.vote(view.id, voter=APPROVER, approve=False, comment=" ")
    assert no_reason.code == "reason_required"
    denied = await service.vote(view.id, voter=APPROVER, approve=False, comment="Use the replica")
    assert (
        denied.ok
        and denied.request.status == "denied"
        and denied.request.reason == "Use the replica"
    )
    late = await service.vote(view.id, voter=APPROVER2, approve=True)
    assert not late.ok and late.code == "already_decided"
    assert f"Already denied by <@{APPROVER}>" in late.message and "Use the replica" in late.message


async def test_quorum_of_two(service, engine):
    view = await pending(service, assessment(risk="critical", quorum=2))
    first = await service.vote(view.id, voter=APPROVER, approve=True)
    assert first.ok and first.request.status == "pending" and first.request.approvals == 1
    assert "1 more needed" in first.message
    twice = await service.vote(view.id, voter=APPROVER, approve=True)
    assert twice.code == "already_voted"
    second = await service.vote(view.id, voter=APPROVER2, approve=True)
    assert second.ok and second.request.status == "approved" and second.request.approvals == 2


async def test_one_deny_ends_a_quorum_request(service):
    view = await pending(service, assessment(risk="critical", quorum=2))
    await service.vote(view.id, voter=APPROVER, approve=True)
    denied = await service.vote(view.id, voter=APPROVER2, approve=False, comment="No")
    assert denied.request.status == "denied"


async def test_agent_cancels(service):
    view = await pending(service)
    outcome = await service.cancel(view.id, actor="opsbot", reason="superseded")
    assert outcome.ok and outcome.request.status == "cancelled"
    again = await service.cancel(view.id, actor="opsbot", reason="twice")
    assert not again.ok and again.code == "already_decided"


async def test_unknown_request(service):
    assert (await service.vote("TK-NOPE", voter=APPROVER, approve=True)).code == "not_found"
    assert (
        await service.confirm("TK-NOPE", actor=REQUESTER, justification="x")
    ).code == "not_found"
    assert await service.get("TK-NOPE") is None


async def test_idempotency_key_returns_the_same_request(service):
    first, created = await service.submit_assessed(
        assessment(), text=TEXT, requester=REQUESTER, agent="opsbot", idempotency_key="k-1"
    )
    second, again = await service.submit_assessed(
        assessment(), text=TEXT, requester=REQUESTER, agent="opsbot", idempotency_key="k-1"
    )
    other, _ = await service.submit_assessed(
        assessment(), text=TEXT, requester=REQUESTER, agent="datapal", idempotency_key="k-1"
    )
    assert created and not again and first.id == second.id != other.id


async def test_an_idempotency_key_reused_for_something_else_is_refused(service):
    """The rule both gate APIs rely on: a key names one instruction (and one call spec)."""
    first, _ = await service.submit_assessed(
        assessment(), text=TEXT, requester=REQUESTER, agent="opsbot", idempotency_key="k-2"
    )
    with pytest.raises(IdempotencyReused) as refused:
        await service.submit_assessed(
            assessment(),
            text=TEXT + " ",
            requester=REQUESTER,
            agent="opsbot",
            idempotency_key="k-2",
        )
    assert refused.value.request_id == first.id
    call = {"spec_sha256": "a" * 64}
    await service.submit_assessed(
        assessment(),
        text=TEXT,
        requester=REQUESTER,
        agent="opsbot",
        idempotency_key="k-3",
        meta=call,
    )
    with pytest.raises(IdempotencyReused):
        await service.submit_assessed(
            assessment(),
            text=TEXT,
            requester=REQUESTER,
            agent="opsbot",
            idempotency_key="k-3",
            meta={"spec_sha256": "b" * 64},
        )


def test_the_size_limit_counts_utf8_bytes():
    check_text_size("é" * 128, 256)
    with pytest.raises(TextTooLong) as refused:
        check_text_size("é" * 129, 256)
    assert (refused.value.size, refused.value.limit) == (258, 256)


async def test_fifty_concurrent_votes_have_one_outcome(engine, example_config):
    voters = [f"U0VOTER{i:03d}" for i in range(50)]
    config = with_group(example_config, "crowd", voters)
    service = ApprovalService(engine, config, secret_key=SECRET)
    view = await pending(service, assessment(group="crowd"))
    outcomes = await asyncio.gather(
        *(
            service.vote(view.id, voter=v, approve=i % 2 == 0, comment=None if i % 2 == 0 else "no")
            for i, v in enumerate(voters)
        )
    )
    winners = [o for o in outcomes if o.ok]
    assert len(winners) == 1
    assert all(o.code == "already_decided" for o in outcomes if not o.ok)
    final = await service.get(view.id)
    assert (
        final.status in ("approved", "denied") and final.decided_by == winners[0].request.decided_by
    )
    with session_scope(engine) as s:
        assert len(s.exec(select(Vote).where(Vote.request_id == view.id)).all()) == 1
        assert verify_chain(s).ok
    decided = [a for a in actions(engine, view.id) if a in ("request.approved", "request.denied")]
    assert len(decided) == 1


async def test_wait_is_released_by_a_decision(service):
    view = await pending(service)
    # Only the wake-up can release the waiter before `recheck` makes it re-read.
    recheck = 4 * PATIENCE
    waiter = asyncio.create_task(service.wait(view.id, timeout=recheck, recheck=recheck))
    await eventually(lambda: service.release.waiting(), "the waiter to wait")
    assert not waiter.done()
    await service.vote(view.id, voter=APPROVER, approve=True)
    released = await asyncio.wait_for(waiter, PATIENCE)
    assert released.status == "approved"


async def test_a_decision_made_while_wait_reads_still_releases_it(service, monkeypatch):
    """The wake-up lands while `wait` is reading the (still open) request: it must not be
    wiped out, or the waiter sleeps a whole `recheck` on a decided request."""
    view = await pending(service)
    read = service.get
    decided: list[bool] = []

    async def read_then_decide(request_id):
        stale = await read(request_id)
        if not decided:
            decided.append(True)
            assert (await service.vote(view.id, voter=APPROVER, approve=True)).ok
        return stale

    monkeypatch.setattr(service, "get", read_then_decide)
    recheck = 4 * PATIENCE
    waiting = service.wait(view.id, timeout=recheck, recheck=recheck)
    released = await asyncio.wait_for(waiting, PATIENCE)
    assert decided and released.status == "approved"


async def test_wait_times_out_still_pending(service):
    view = await pending(service)
    result = await service.wait(view.id, timeout=0.1)
    assert result.status == "pending"


async def test_failing_subscriber_never_changes_a_decision(service):
    async def broken(event):
        raise RuntimeError("slack is down")

    service.subscribe(broken)
    view = await pending(service)
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    await service.drain()
    assert outcome.ok and (await service.get(view.id)).status == "approved"


async def test_usergroup_members_are_eligible_and_failures_are_not(engine, example_config):
    async def members(group_id):
        assert group_id == "S0SECURITY"
        return ["U0SECGRP1"]

    service = ApprovalService(engine, example_config, secret_key=SECRET, usergroups=members)
    view = await pending(service, assessment(group="security"))
    assert (await service.vote(view.id, voter="U0SECGRP1", approve=True)).ok

    async def down(group_id):
        raise ConnectionError("slack unreachable")

    service = ApprovalService(engine, example_config, secret_key=SECRET, usergroups=down)
    view = await pending(service, assessment(group="security"))
    assert (await service.vote(view.id, voter="U0SECGRP1", approve=True)).code == "not_eligible"
    assert (
        await service.vote(view.id, voter="U0SEC0001", approve=True)
    ).ok  # named member still works


async def test_allowed_approvers_narrow_but_never_widen(service):
    view = await pending(service, allowed_approvers=[APPROVER2, OUTSIDER])
    assert (await service.vote(view.id, voter=APPROVER, approve=True)).code == "not_eligible"
    assert (await service.vote(view.id, voter=OUTSIDER, approve=True)).code == "not_eligible"
    assert (await service.vote(view.id, voter=APPROVER2, approve=True)).ok


async def test_no_approver_group_fails_closed(service):
    view = await pending(service, assessment(group=None))
    outcome = await service.vote(view.id, voter=APPROVER, approve=True)
    assert not outcome.ok and "No approver group" in outcome.message


async def test_usergroup_answers_go_stale_during_an_outage(example_config):
    from bot.approvals.eligibility import UsergroupCache

    up = True

    async def members(group_id):
        if not up:
            raise ConnectionError("slack unreachable")
        return ["U0REMOVED1"]

    now = 1000.0
    cache = UsergroupCache(members, ttl=0.0, max_stale=300.0, clock=lambda: now)
    assert await cache.members("S0SECURITY") == {"U0REMOVED1"}
    up = False
    now += 299.0
    assert await cache.members("S0SECURITY") == {"U0REMOVED1"}  # a short blip is bridged
    now += 1.0
    assert await cache.members("S0SECURITY") == frozenset()  # then nobody, not the old list


async def test_risk_engine_crash_holds_for_the_default_approvers(engine, example_config):
    class Broken:
        def assess(self, *args, **kwargs):
            raise RuntimeError("boom")

    service = ApprovalService(engine, example_config, secret_key=SECRET, risk=Broken())
    view, _ = await service.submit(text=TEXT, requester=None, agent="opsbot")
    assert view.status == "pending" and view.decision == "require_approval"
    assert view.approver_group == example_config.policy.default_approver_group
    assert [f.rule for f in view.findings] == ["engine.error"]
    assert TEXT not in view.instruction


async def test_may_start_reads_the_transition_table(service):
    """What a button checks before it opens a form is what the transaction enforces."""
    from bot.approvals.states import may_start

    view = await pending(service, assessment())
    assert may_start("approve", view, APPROVER) is None
    assert may_start("deny", view, APPROVER) is None
    assert may_start("confirm", view, view.requester or "") == "already_decided"
    assert may_start("confirm", view, "U0SOMEONE") == "not_requester"
    denied = await service.vote(view.id, voter=APPROVER, approve=False, comment="no")
    assert denied.request is not None
    assert may_start("approve", denied.request, APPROVER) == "already_decided"
