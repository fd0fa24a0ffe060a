"""A request nobody could ever decide is closed at birth, fail closed, not left to expire.

Held for an empty set of approvers (the call's allowed approvers outside the group,
the requester its only member, a group with nobody in it), a card would post that no
one may click. It is cancelled by twokey at once, never approved; the requester is
told and a waiting agent gets the answer without waiting out the deadline.
"""

from __future__ import annotations

import time

import pytest
from sqlmodel import col, select

from bot.approvals import ApprovalService
from bot.config import ApproverGroup, TwoKeyConfig
from storage.audit import verify_chain
from storage.db import session_scope
from storage.models import AuditEvent, SlackEffect
from tests.approvals.helpers import (
    APPROVER,
    OUTSIDER,
    REQUESTER,
    SECRET,
    Recorder,
    assessment,
    submit,
    with_group,
    with_policy,
)

NO_ESCALATION = {"escalation_group": None}


def kinds(engine, request_id: str) -> list[str]:
    with session_scope(engine) as s:
        rows = s.exec(
            select(SlackEffect)
            .where(SlackEffect.request_id == request_id)
            .order_by(col(SlackEffect.id))
        )
        return [r.kind for r in rows]


def service_for(engine, config: TwoKeyConfig, usergroups=None) -> ApprovalService:
    svc = ApprovalService(engine, config, secret_key=SECRET, usergroups=usergroups)
    svc.recorder = Recorder()  # type: ignore[attr-defined]
    svc.subscribe(svc.recorder)  # type: ignore[attr-defined]
    return svc


def assert_closed_at_birth(engine, svc, view, why: str) -> None:
    assert view.status == "cancelled" and view.decided_by == "twokey"
    assert view.reason and "could not ask any approver" in view.reason and why in view.reason
    assert view.expires_at is None
    assert kinds(engine, view.id) == ["decided"]  # no card, no prompt; the requester is told
    with session_scope(engine) as s:
        assert verify_chain(s).ok
        events = s.exec(select(AuditEvent).where(AuditEvent.request_id == view.id)).all()
        assert [e.action for e in events] == ["request.cancelled"]
        assert events[0].detail["reason"] == view.reason


async def security_oncall(group_id: str) -> list[str]:
    return ["U0SEC0002"] if group_id == "S0SECURITY" else []


async def test_allowed_approvers_outside_the_group_close_it_at_once(engine, example_config):
    svc = service_for(engine, example_config, security_oncall)  # escalation counted too
    view = await submit(svc, allowed_approvers=[OUTSIDER])
    assert_closed_at_birth(engine, svc, view, "none of the approvers this call allows")
    await svc.drain()
    assert svc.recorder.kinds(view.id) == ["screened", "decided"]  # callbacks fire
    started = time.monotonic()
    waited = await svc.wait(view.id, timeout=30)
    assert waited is not None and waited.status == "cancelled"
    assert time.monotonic() - started < 5  # the agent's long-poll answers at once
    refused = await svc.vote(view.id, voter=APPROVER, approve=True)
    assert not refused.ok and (await svc.get(view.id)).status == "cancelled"


async def test_the_requester_alone_in_the_group_cannot_be_asked(engine, example_config):
    config = with_policy(with_group(example_config, "solo", [REQUESTER]), **NO_ESCALATION)
    svc = service_for(engine, config)
    view = await submit(svc, assessment(group="solo"))
    assert_closed_at_birth(engine, svc, view, "nobody but the requester")
    await svc.drain()


async def test_an_empty_usergroup_closes_it_but_an_unreachable_one_does_not(engine, example_config):
    group = ApproverGroup(usergroup="S0EMPTY")
    config = with_policy(
        example_config.model_copy(
            update={"approvers": {**example_config.approvers, "empty": group}}
        ),
        **NO_ESCALATION,
    )
    reachable = True

    async def members(group_id: str) -> list[str]:
        if not reachable:
            raise ConnectionError("slack unreachable")
        return []

    svc = service_for(engine, config, members)
    closed = await submit(svc, assessment(group="empty"))
    assert_closed_at_birth(engine, svc, closed, "has no members")
    reachable = False
    svc = service_for(engine, config, members)  # a fresh cache: nothing known
    held = await submit(svc, assessment(group="empty"))
    assert held.status == "awaiting_requester"  # unknown is not proof that nobody can
    unresolved = service_for(engine, config)  # no Slack to ask at all
    assert (await submit(unresolved, assessment(group="empty"))).status == "awaiting_requester"
    await svc.drain()


@pytest.mark.parametrize("timeout", [600, 3600])
async def test_an_escalation_group_that_would_come_in_time_keeps_it_open(
    engine, example_config, timeout
):
    """Escalation (security, after 20 minutes) adds deciders only before the deadline."""
    config = with_group(example_config, "solo", [REQUESTER])
    svc = service_for(engine, config, security_oncall)
    view = await submit(svc, assessment(group="solo", timeout=timeout))
    assert view.status == ("cancelled" if timeout < 1200 else "awaiting_requester")
    await svc.drain()


async def test_someone_eligible_is_asked_as_before(engine, example_config):
    svc = service_for(engine, with_policy(example_config, **NO_ESCALATION))
    view = await submit(svc, allowed_approvers=[APPROVER, OUTSIDER])
    assert view.status == "awaiting_requester" and kinds(engine, view.id) == ["awaiting_requester"]
    await svc.drain()


@pytest.mark.parametrize(("quorum", "closed"), [(2, False), (3, True)])
async def test_a_quorum_larger_than_the_deciders_closes_it(engine, example_config, quorum, closed):
    """Two people besides the requester: a quorum of two can be met, three never."""
    config = with_policy(
        with_group(example_config, "pair", [REQUESTER, APPROVER, "U0OTHER01"]), **NO_ESCALATION
    )
    svc = service_for(engine, config)
    view = await submit(svc, assessment(group="pair", quorum=quorum))
    if closed:
        assert_closed_at_birth(engine, svc, view, "needs 3 approvals but only 2 people in pair")
    else:
        assert view.status == "awaiting_requester"
    await svc.drain()
