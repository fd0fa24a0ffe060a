"""Every status change made through `/humanlayer/v1` is bound to its row by the audit chain.

A function call approved, denied, withdrawn or expired, and a question answered:
`audit verify` passes, then catches the row's status (or reply) edited in the
database and the record's events deleted, sealed or not.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storage.audit import seal, verify_chain
from storage.contacts import ContactRequest
from storage.db import session_scope
from storage.models import AuditEvent, Request
from tests.humanlayer.conftest import APPROVER, EMPLOYEE, Keys, bearer

BASE = "/humanlayer/v1"


def _call(call_id: str) -> dict[str, Any]:
    spec = {"fn": "run_sql", "kwargs": {"sql": "DROP TABLE web_events"}}
    return {"run_id": "run-1", "call_id": call_id, "spec": spec, "status": None}


async def _held(http: httpx.AsyncClient, keys: Keys, call_id: str) -> str:
    response = await http.post(
        f"{BASE}/function_calls", json=_call(call_id), headers=bearer(keys.opsbot)
    )
    assert response.status_code == 201 and response.json()["twokey"]["status"] == "pending"
    return str(response.json()["twokey"]["request_id"])


async def _decided_calls(
    http: httpx.AsyncClient, service: Any, keys: Keys, engine: Engine
) -> dict[str, str]:
    """One HumanLayer call in each status a call can reach after it was held."""
    approved = await _held(http, keys, "c-approve")
    assert (await service.vote(approved, voter=APPROVER, approve=True, comment="ok")).ok
    denied = await _held(http, keys, "c-deny")
    assert (await service.vote(denied, voter=APPROVER, approve=False, comment="no")).ok
    withdrawn = await _held(http, keys, "c-withdraw")
    respond = await http.post(
        f"{BASE}/agent/function_calls/c-withdraw/respond",
        json={"approved": False, "comment": "plan changed"},
        headers=bearer(keys.opsbot),
    )
    assert respond.status_code == 200
    expired = await _held(http, keys, "c-expire")
    with session_scope(engine) as s:
        row = s.get(Request, expired)
        assert row is not None
        row.expires_at = row.created_at
        s.add(row)
    await service.expire_due()
    ids = {"approved": approved, "denied": denied, "cancelled": withdrawn, "expired": expired}
    with session_scope(engine) as s:
        assert {s.get(Request, i).status: i for i in ids.values()} == {  # type: ignore[union-attr]
            status: i for status, i in ids.items()
        }
    return ids


def _verify(engine: Engine) -> Any:
    with session_scope(engine) as s:
        return verify_chain(s)


@pytest.mark.parametrize("sealed", [False, True])
async def test_every_humanlayer_call_status_change_is_bound_by_its_digest(
    inproc: Any, keys: Keys, engine: Engine, sealed: bool
) -> None:
    http, service = inproc
    ids = await _decided_calls(http, service, keys, engine)
    if sealed:
        seal(engine)
    report = _verify(engine)
    assert report.ok, report.problem
    for status, request_id in ids.items():
        with session_scope(engine) as s:
            events = s.execute(
                sa.select(AuditEvent.action, AuditEvent.detail).where(
                    AuditEvent.request_id == request_id
                )
            ).all()
        changes = [d for a, d in events if a == f"request.{status}"]
        assert len(changes) == 1 and isinstance(changes[0].get("state"), str), events
    for status, request_id in ids.items():
        forged = "approved" if status != "approved" else "denied"
        with session_scope(engine) as s:
            s.execute(sa.update(Request).where(Request.id == request_id).values(status=forged))
        report = _verify(engine)
        assert not report.ok and report.request_id == request_id, (status, report)
        with session_scope(engine) as s:
            s.execute(sa.update(Request).where(Request.id == request_id).values(status=status))
        assert _verify(engine).ok


async def test_a_question_whose_events_were_all_deleted_is_caught(
    inproc: Any, keys: Keys, engine: Engine
) -> None:
    http, service = inproc
    await service.sequencer.stop()  # the question's events stay unsealed (a chain break is
    # caught anyway: this is about the window before sealing)
    spec = {"msg": "Which region?", "channel": {"slack": {"channel_or_user_id": EMPLOYEE}}}
    body = {"run_id": "run-1", "call_id": "q-del", "spec": spec, "status": None}
    created = await http.post(f"{BASE}/contact_requests", json=body, headers=bearer(keys.opsbot))
    contact_id = created.json()["twokey"]["contact_id"]
    assert (await service.answer(contact_id, user=EMPLOYEE, response="eu-west-1")).ok
    assert _verify(engine).ok
    with session_scope(engine) as s:
        row = s.get(ContactRequest, contact_id)
        assert row is not None and row.status == "answered"
        s.execute(sa.delete(AuditEvent).where(AuditEvent.request_id == contact_id))
    report = _verify(engine)
    assert not report.ok and report.request_id == contact_id, report
