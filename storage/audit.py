"""The tamper-evident audit chain.

Each event's hash covers its own content and the previous event's hash, so an
edited, deleted or reordered row breaks every hash after it. The chain's tip is
kept in `audit_head` and locked while appending: two writers cannot both build
on the same predecessor, and truncating the tail is caught by comparing the
last row with the head.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import AuditEvent, AuditHead, Request, table, utcnow

GENESIS = "0" * 64
STATE_FIELDS = (
    "id",
    "status",
    "text_sha256",
    "requester",
    "agent",
    "required_approvals",
    "decided_by",
    "decided_at",
    "executed_at",
)
"""A request's decisive fields: every status change's event carries their digest."""


def state_digest(fields: Any) -> str:
    """SHA-256 of a request's decisive fields (a row, a dict, or a view)."""

    def get(name: str) -> Any:
        value = fields.get(name) if isinstance(fields, dict) else getattr(fields, name, None)
        return _at(value) if isinstance(value, datetime) else value

    return hashlib.sha256(canonical({name: get(name) for name in STATE_FIELDS})).hexdigest()


def canonical(obj: Any) -> bytes:
    """Stable bytes for hashing: sorted keys, no spaces, UTF-8, ISO datetimes."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def _at(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def event_hash(
    *,
    seq: int,
    at: datetime,
    request_id: str | None,
    actor: str,
    action: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "at": _at(at),
        "request_id": request_id,
        "actor": actor,
        "action": action,
        "detail": detail,
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical(body)).hexdigest()


def append_event(
    session: Session,
    *,
    action: str,
    actor: str,
    request_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append in the caller's transaction: the event and the change it records commit together."""
    return append_events(
        session, [{"action": action, "actor": actor, "request_id": request_id, "detail": detail}]
    )[0]


def append_events(session: Session, entries: list[dict[str, Any]]) -> list[AuditEvent]:
    """Append several events under one lock of the chain's head (a batch of expiries, say).

    Each entry has `action`, `actor`, and optionally `request_id` and `detail`.
    """
    if not entries:
        return []
    head_row = session.execute(
        sa.select(col(AuditHead.seq), col(AuditHead.hash))
        .where(col(AuditHead.id) == 1)
        .with_for_update()
    ).first()
    if head_row is None:  # the first migration plants it; without it the chain cannot be trusted
        raise RuntimeError("audit_head row missing: run `twokey db upgrade`")
    seq, prev = head_row
    at = utcnow()
    rows: list[dict[str, Any]] = []
    for entry in entries:
        # JSON round-trip so the hash covers exactly what the database will hand back.
        detail = json.loads(canonical(entry.get("detail") or {}))
        seq += 1
        row = {
            "seq": seq,
            "at": at,
            "request_id": entry.get("request_id"),
            "actor": entry["actor"],
            "action": entry["action"],
            "detail": detail,
            "prev_hash": prev,
        }
        row["hash"] = prev = event_hash(**row)
        rows.append(row)
    # Core statements: ORM objects cost more than the hashing on the allow path.
    session.execute(sa.insert(table(AuditEvent)), rows)
    session.execute(sa.update(AuditHead).where(col(AuditHead.id) == 1).values(seq=seq, hash=prev))
    return [AuditEvent.model_construct(**row) for row in rows]


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str | None = None
    request_id: str | None = None


def verify_chain(session: Session, *, batch: int = 5000) -> ChainReport:
    """Recompute every hash in order; stop at the first event that does not fit.

    The events, the head and the request rows are read in one snapshot: on PostgreSQL a
    session that has not begun its transaction begins it REPEATABLE READ, so an append
    committed while the check runs cannot look like a deleted tail or an edited request.
    A caller already inside a transaction is checked as that transaction sees the chain."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return _verify_chain(session, batch)


def _verify_chain(session: Session, batch: int) -> ChainReport:
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    states: dict[str, tuple[int, str]] = {}  # request id -> (seq, state digest) of its last change
    while True:
        rows = session.exec(
            select(AuditEvent)
            .where(col(AuditEvent.seq) > last_seq)
            .order_by(col(AuditEvent.seq))
            .limit(batch)
        ).all()
        if not rows:
            break
        for ev in rows:
            if ev.seq != expected_seq:
                return ChainReport(
                    False,
                    checked,
                    expected_seq,
                    f"event {expected_seq} is missing (next is {ev.seq})",
                )
            if ev.prev_hash != prev_hash:
                return ChainReport(
                    False,
                    checked,
                    ev.seq,
                    "does not follow the previous event (deleted or reordered)",
                )
            digest = event_hash(
                seq=ev.seq,
                at=ev.at,
                request_id=ev.request_id,
                actor=ev.actor,
                action=ev.action,
                detail=ev.detail,
                prev_hash=ev.prev_hash,
            )
            if digest != ev.hash:
                return ChainReport(
                    False, checked, ev.seq, "its content was changed after it was written"
                )
            prev_hash, expected_seq, last_seq = ev.hash, ev.seq + 1, ev.seq
            checked += 1
            state = (ev.detail or {}).get("state") if ev.request_id else None
            if isinstance(state, str):
                states[ev.request_id] = (ev.seq, state)  # type: ignore[index]
        session.expunge_all()
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != last_seq or head_hash != prev_hash:
        return ChainReport(
            False,
            checked,
            last_seq + 1,
            f"the chain ends at event {last_seq} but its head records {head_seq} (tail deleted?)",
        )
    return _verify_states(session, states, checked, batch)


def _verify_states(
    session: Session, states: dict[str, tuple[int, str]], checked: int, batch: int
) -> ChainReport:
    """Every request row must still be in the state its last audited change recorded.

    The chain proves the events were not edited; this proves the rows were not
    either (say, a `denied` set to `approved` straight in the database).
    """
    columns = [getattr(Request, name) for name in STATE_FIELDS]
    after = ""
    while True:
        rows = session.execute(
            sa.select(*columns)
            .where(col(Request.id) > after)
            .order_by(col(Request.id))
            .limit(batch)
        ).all()
        if not rows:
            return ChainReport(True, checked)
        for row in rows:
            fields = dict(zip(STATE_FIELDS, row, strict=True))
            recorded = states.get(fields["id"])
            if recorded is not None and recorded[1] != state_digest(fields):
                return ChainReport(
                    False,
                    checked,
                    recorded[0],
                    f"request {fields['id']} is {fields['status']} in the database, which is not "
                    "the state its audit events record (changed outside TwoKey)",
                    request_id=fields["id"],
                )
        after = rows[-1][0]


def events_for(session: Session, request_id: str) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.request_id == request_id)
            .order_by(col(AuditEvent.seq).asc())
        ).all()
    )
