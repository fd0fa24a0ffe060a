"""HumanLayer questions through the request state machine: once, audited, never answered by a
timeout. (The HTTP and Slack sides are in tests/humanlayer/test_contacts.py.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from bot.approvals.states import StateMachine
from storage.audit import events_for, verify_chain
from storage.contacts import ContactRequest
from storage.db import make_engine, session_scope
from storage.models import SlackEffect, utcnow

ASKED = "U0EMP0001"


def ask(machine: StateMachine, call_id: str, **values: Any) -> str:
    view, created = machine.ask(
        {
            "agent": "opsbot",
            "run_id": "run-1",
            "call_id": call_id,
            "recipient": ASKED,
            "message": "Which region?",
            "spec_sha256": "0" * 64,
            "status": "pending",
            "expires_at": utcnow() + timedelta(minutes=30),
            **values,
        }
    )
    assert created
    return view.id


def effects(engine: Any, contact_id: str) -> list[str]:
    with session_scope(engine) as s:
        rows = s.exec(
            select(SlackEffect)
            .where(SlackEffect.request_id == contact_id)
            .order_by(col(SlackEffect.id))
        )
        return [r.kind for r in rows]


def test_asking_queues_the_post_and_a_repeat_finds_the_first(engine):
    machine = StateMachine(engine)
    contact_id = ask(machine, "q1")
    again, created = machine.ask(
        {"agent": "opsbot", "run_id": "r", "call_id": "q1", "message": "x", "spec_sha256": "1"}
    )
    assert not created and again.id == contact_id and again.message == "Which region?"
    assert effects(engine, contact_id) == ["contact_question"]
    refused = ask(machine, "q2", status="refused", reason="held", expires_at=None)
    assert effects(engine, refused) == []  # never posted


def test_racing_replies_answer_once(engine):
    machine = StateMachine(engine)
    contact_id = ask(machine, "q-race")
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(
            pool.map(
                lambda n: machine.answer(contact_id, user=ASKED, response=f"reply {n}"), range(4)
            )
        )
    won = [o for o in outcomes if o.ok]
    assert len(won) == 1
    assert all("already answered" in o.message for o in outcomes if not o.ok)
    assert machine.expire_contacts_due(utcnow() + timedelta(hours=1)) == []  # answered stays
    assert effects(engine, contact_id) == ["contact_question", "contact_closed"]
    with session_scope(engine) as s:
        actions = [e.action for e in events_for(s, contact_id)]
        assert actions == ["contact.pending", "contact.answered"]
        assert verify_chain(s).ok


def test_a_reply_after_the_deadline_expires_the_question_instead(engine):
    machine = StateMachine(engine)
    contact_id = ask(machine, "q-late", expires_at=utcnow() - timedelta(seconds=1))
    late = machine.answer(contact_id, user=ASKED, response="eu-west-1")
    assert not late.ok and "expired" in late.message
    assert late.contact is not None and late.contact.status == "expired"
    assert machine.expire_contacts_due(utcnow()) == []  # already done, once
    with session_scope(engine) as s:
        row = s.get(ContactRequest, contact_id)
        assert row is not None and row.response is None and row.responded_by is None
        assert row.reason is not None and row.reason.startswith("[TwoKey] Nobody replied")
        expired = [e for e in events_for(s, contact_id) if e.action == "contact.expired"]
        assert len(expired) == 1 and expired[0].actor == "twokey"
        assert "state" in expired[0].detail
        assert verify_chain(s).ok


def test_the_sweep_expires_only_what_is_due(engine):
    machine = StateMachine(engine)
    due = [
        ask(machine, f"due-{n}", expires_at=utcnow() - timedelta(seconds=n + 1)) for n in range(3)
    ]
    later = ask(machine, "later")
    assert sorted(machine.expire_contacts_due(utcnow())) == sorted(due)
    assert machine.get_contact(later).status == "pending"  # type: ignore[union-attr]
    assert [c.id for c in machine.open_contacts()] == [later]
    assert all(effects(engine, i) == ["contact_question", "contact_closed"] for i in due)


def test_requeue_only_an_unposted_question_with_nothing_queued(engine):
    machine = StateMachine(engine)
    contact_id = ask(machine, "q-requeue")
    assert not machine.requeue_question(contact_id)  # its post is still queued
    with session_scope(engine) as s:
        s.execute(
            sa.update(SlackEffect)
            .where(col(SlackEffect.request_id) == contact_id)
            .values(state="dead")
        )
    assert machine.requeue_question(contact_id)
    assert effects(engine, contact_id) == ["contact_question", "contact_question"]


def test_two_replicas_expire_each_question_once(db_url, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("replicas share a PostgreSQL database; SQLite is single-process")
    other_engine = make_engine(db_url)
    try:
        a, b = StateMachine(engine), StateMachine(other_engine)
        a.EXPIRE_BATCH = b.EXPIRE_BATCH = 7  # several rounds each, interleaved
        due = utcnow() - timedelta(seconds=1)
        ids = {ask(a, f"race-{n}", expires_at=due) for n in range(40)}

        def sweep(machine: StateMachine) -> list[str]:
            won: list[str] = []
            while batch := machine.expire_contacts_due(utcnow()):
                won += batch
            return won

        with ThreadPoolExecutor(2) as pool:
            first, second = pool.map(sweep, (a, b))
        assert sorted(first + second) == sorted(ids)  # every one, and none twice
        with session_scope(engine) as s:
            for contact_id in ids:
                expired = [e for e in events_for(s, contact_id) if e.action == "contact.expired"]
                assert len(expired) == 1
            assert verify_chain(s).ok
    finally:
        other_engine.dispose()
