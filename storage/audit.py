"""The tamper-evident audit chain, sealed off the request path.

A request's transaction only *appends* its events (`append_event`): a plain insert
with no lock, so writers on every replica proceed in parallel. The sequencer
(`seal`) then chains them in commit order, as transparency logs do: it gives each
unsealed event the next place in the chain (`seq`) and a hash covering its
content and the previous event's hash, so an edited, deleted or reordered sealed
event breaks every hash after it. The sealed tip is kept in `audit_head`, which
only the sequencer locks; comparing the last sealed event with it catches a
truncated tail. One sequencer seals at a time: on PostgreSQL whichever replica
holds a transaction-scoped advisory lock (the others skip that round), on
SQLite the one process, in short transactions of its own.

Until it is sealed (normally well under a second) an event is visible to
history, exports and `verify`, which reports it as unsealed, but its content is
not yet bound by a hash. The state digest every status change carries still
binds it to its request row, so deleting an unsealed status change (or every
event of a request or question) is caught by `verify`; deleting or editing
another unsealed event (a vote, a reminder, a key's creation) inside that
window is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.contacts import CONTACT_STATE_FIELDS, ContactRequest
from storage.db import holds_write_lock, session_scope
from storage.models import AuditEvent, AuditHead, AuditLegacyRequest, Request, table, utcnow

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


def state_digest(fields: Any, names: tuple[str, ...] = STATE_FIELDS) -> str:
    """SHA-256 of a record's decisive fields (a row, a dict, or a view): a request's by
    default, a contact's with `storage.contacts.CONTACT_STATE_FIELDS`."""

    def get(name: str) -> Any:
        value = fields.get(name) if isinstance(fields, dict) else getattr(fields, name, None)
        return _at(value) if isinstance(value, datetime) else value

    return hashlib.sha256(canonical({name: get(name) for name in names})).hexdigest()


LEGACY_ACTION = "audit.state_digests_begin"
"""The event migration 0005 appends when it lists requests from before state digests."""


def legacy_detail(request_ids: Sequence[str]) -> dict[str, Any]:
    """What the `LEGACY_ACTION` event records of the legacy list: its size and a digest
    of its sorted ids, so a list edited afterwards (an id added) no longer matches."""
    ids = sorted(request_ids)
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()
    return {"legacy_requests": len(ids), "legacy_sha256": digest}


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
    """Append several events unsealed, in one insert (a batch of expiries, say).

    No lock is taken: the sequencer chains them after the caller commits. Each entry
    has `action`, `actor`, and optionally `request_id` and `detail`.
    """
    if not entries:
        return []
    rows = event_rows(entries)
    # A Core statement: ORM objects cost more than the insert itself on the allow path.
    session.execute(sa.insert(table(AuditEvent)), rows)
    return [AuditEvent.model_construct(**row) for row in rows]


def event_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Unsealed `audit_events` rows for `append_events`' entries (also `storage.inserts`')."""
    at = utcnow()
    return [
        {
            "at": at,
            "request_id": entry.get("request_id"),
            "actor": entry["actor"],
            "action": entry["action"],
            # JSON round-trip: what the caller gets back is what the database will hold.
            "detail": json.loads(canonical(entry.get("detail") or {})),
            "seq": None,
            "prev_hash": None,
            "hash": None,
        }
        for entry in entries
    ]


SEAL_BATCH = 1000
_LOCK_CLASS = 0x544B  # "TK": the advisory lock's first key; the schema's hash is the second


def seal(engine: Engine, *, batch: int = SEAL_BATCH, wait: bool = True) -> int:
    """Chain every event committed so far, oldest insertion first; return how many.

    Each batch is its own short transaction on its own connection. It must never run
    inside another transaction of this thread: on SQLite (one writer) it would wait
    for a lock its own caller holds. With `wait=False` a round another sequencer is
    running is skipped rather than waited for (replicas each run a sequencer loop)."""
    if holds_write_lock(engine):
        raise RuntimeError("seal() called inside a transaction: seal after it commits")
    total = 0
    while _has_unsealed(engine):
        sealed = _seal_batch(engine, batch, wait)
        total += sealed
        if sealed < batch:
            break
    return total


def _has_unsealed(engine: Engine) -> bool:
    """A read on a raw connection: no write lock (SQLite), no transaction left open."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT 1 FROM audit_events WHERE seq IS NULL LIMIT 1")
        found = cursor.fetchone() is not None
        cursor.close()
        return found
    finally:
        raw.close()


_EVENTS, _HEAD = table(AuditEvent), table(AuditHead)
# Core statements built once: ORM-entity statements re-inspect the models on every round.
_READ_HEAD = sa.select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update()
_UNSEALED = (
    sa.select(
        _EVENTS.c.id,
        _EVENTS.c.at,
        _EVENTS.c.request_id,
        _EVENTS.c.actor,
        _EVENTS.c.action,
        _EVENTS.c.detail,
    )
    .where(_EVENTS.c.seq.is_(None))
    .order_by(_EVENTS.c.id)
    .limit(sa.bindparam("batch", type_=sa.Integer))
)
_SEAL = (
    sa.update(_EVENTS)
    .where(_EVENTS.c.id == sa.bindparam("b_id"), _EVENTS.c.seq.is_(None))
    .values(
        seq=sa.bindparam("b_seq"), prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")
    )
)
_MOVE_HEAD = (
    sa.update(_HEAD)
    .where(_HEAD.c.id == 1)
    .values(seq=sa.bindparam("h_seq"), hash=sa.bindparam("h_hash"))
)


def _seal_batch(engine: Engine, batch: int, wait: bool) -> int:
    with session_scope(engine) as s:
        conn = s.connection()
        if engine.dialect.name == "postgresql":
            fn = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
            got = conn.execute(
                sa.text(f"SELECT {fn}(:cls, hashtext(current_schema()))"), {"cls": _LOCK_CLASS}
            ).scalar()
            if not wait and not got:
                return 0
        head_row = conn.execute(_READ_HEAD).first()
        # The first migration plants the head; without it the chain cannot be trusted.
        if head_row is None:
            raise RuntimeError("audit_head row missing: run `twokey db upgrade`")
        seq, prev = head_row
        pending = conn.execute(_UNSEALED, {"batch": batch}).all()
        if not pending:
            return 0
        updates: list[dict[str, Any]] = []
        for ev in pending:
            seq += 1
            # Hashed as read back, so `verify` recomputes exactly this from the same row.
            digest = event_hash(
                seq=seq,
                at=ev.at,
                request_id=ev.request_id,
                actor=ev.actor,
                action=ev.action,
                detail=ev.detail,
                prev_hash=prev,
            )
            updates.append({"b_id": ev.id, "b_seq": seq, "b_prev": prev, "b_hash": digest})
            prev = digest
        conn.execute(_SEAL, updates)
        conn.execute(_MOVE_HEAD, {"h_seq": seq, "h_hash": prev})
        return len(updates)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    """Sealed events whose hashes were recomputed."""
    broken_seq: int | None = None
    problem: str | None = None
    request_id: str | None = None
    unsealed: int = 0
    """Events committed but not yet chained by the sequencer (the log's unsealed tail)."""
    legacy: int = 0
    """Requests from before state digests (listed by migration 0005): their decisions are
    chained, but no event binds their row, so an edit of the row itself goes unseen."""


def verify_chain(session: Session, *, batch: int = 5000) -> ChainReport:
    """Recompute every sealed hash in order; stop at the first event that does not fit.

    The events, the head and the request rows are read in one snapshot: on PostgreSQL a
    session that has not begun its transaction begins it REPEATABLE READ, so an event
    sealed while the check runs cannot look like a deleted tail or an edited request.
    A caller already inside a transaction is checked as that transaction sees the chain."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return _verify_chain(session, batch)


# request id -> (seq of the event, or None while unsealed; its state digest), last change first
_States = dict[str, tuple[int | None, str]]
_LEGACY_KEY = ""
"""`_States` key of the last legacy-list event: (its seq, the canonical JSON of its detail)."""


def _verify_chain(session: Session, batch: int) -> ChainReport:
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    states: _States = {}
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
            assert ev.seq is not None  # selected by seq
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
                prev_hash=prev_hash,
            )
            if digest != ev.hash:
                return ChainReport(
                    False, checked, ev.seq, "its content was changed after it was written"
                )
            prev_hash, expected_seq, last_seq = ev.hash, ev.seq + 1, ev.seq
            checked += 1
            _note_state(states, ev)
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
    unsealed = _read_unsealed(session, states, batch)
    report = _verify_states(session, states, checked, batch)
    if report.ok:
        contacts = _verify_contact_states(session, states, checked, batch)
        report = ChainReport(**{**contacts.__dict__, "legacy": report.legacy})
    return ChainReport(**{**report.__dict__, "unsealed": unsealed})


def _note_state(states: _States, ev: AuditEvent) -> None:
    if ev.action == LEGACY_ACTION and ev.request_id is None:
        states[_LEGACY_KEY] = (ev.seq, canonical(ev.detail).decode())
        return
    state = (ev.detail or {}).get("state") if ev.request_id else None
    if ev.request_id and isinstance(state, str):
        states[ev.request_id] = (ev.seq, state)


def _read_unsealed(session: Session, states: _States, batch: int) -> int:
    """Count the unsealed tail and take its state changes into account, in insertion order.

    A request's events are inserted in the order its changes happened (each change
    locks the request row), so its last one by insertion is its current state."""
    count, after = 0, 0
    while True:
        rows = session.exec(
            select(AuditEvent)
            .where(col(AuditEvent.seq).is_(None), col(AuditEvent.id) > after)
            .order_by(col(AuditEvent.id))
            .limit(batch)
        ).all()
        if not rows:
            return count
        for ev in rows:
            _note_state(states, ev)
        count += len(rows)
        after = rows[-1].id or after
        session.expunge_all()


def _verify_states(session: Session, states: _States, checked: int, batch: int) -> ChainReport:
    """Every request row must have audit events and be in the state the last one records.

    The chain proves the sealed events were not edited; this proves the rows were not
    either (say, a `denied` set to `approved` straight in the database), and that no
    request lost its events (its last status change, or all of them) before sealing.
    Only requests migration 0005 listed as older than state digests may have none.
    """
    legacy = _legacy_ids(session)
    if not _legacy_list_matches(legacy, states.get(_LEGACY_KEY)):
        return ChainReport(
            False,
            checked,
            None,
            "the list of requests from before state digests (audit_legacy_requests) is not "
            "the one `twokey db upgrade` recorded in the chain (changed outside TwoKey)",
        )
    exempt = 0
    for fields in _rows_by_id(session, Request, STATE_FIELDS, batch):
        recorded = states.get(fields["id"])
        if recorded is None and fields["id"] in legacy:
            exempt += 1
            continue
        if recorded is None:
            return ChainReport(
                False,
                checked,
                None,
                f"request {fields['id']} has no audit event recording its state "
                "(its events were deleted)",
                request_id=fields["id"],
            )
        if recorded[1] != state_digest(fields):
            where = f"event {recorded[0]}" if recorded[0] is not None else "an unsealed event"
            return ChainReport(
                False,
                checked,
                recorded[0],
                f"request {fields['id']} is {fields['status']} in the database, which is not "
                f"the state its audit events record ({where}; changed outside TwoKey)",
                request_id=fields["id"],
            )
    return ChainReport(True, checked, legacy=exempt)


def _legacy_ids(session: Session) -> set[str]:
    return set(session.execute(sa.select(col(AuditLegacyRequest.request_id))).scalars())


def _legacy_list_matches(legacy: set[str], recorded: tuple[int | None, str] | None) -> bool:
    """No list and no event (a fresh database), or the list the last event describes."""
    if recorded is None:
        return not legacy
    return canonical(legacy_detail(sorted(legacy))).decode() == recorded[1]


def _rows_by_id(
    session: Session, model: Any, names: Sequence[str], batch: int
) -> Iterator[dict[str, Any]]:
    """Every row's `names` columns, `batch` rows a query, in id order (keyset paging)."""
    columns = [getattr(model, name) for name in names]
    after = ""
    while True:
        rows = session.execute(
            sa.select(*columns).where(col(model.id) > after).order_by(col(model.id)).limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            yield dict(zip(names, row, strict=True))
        after = rows[-1][0]


def _verify_contact_states(
    session: Session, states: _States, checked: int, batch: int
) -> ChainReport:
    """A HumanLayer question must be in the state (its reply included) its last event
    records, so a reply edited in the database is caught before an agent acts on it.

    Questions asked before their events carried a state digest have none to compare:
    they are checked only for having events at all (every question ever asked had its
    creation audited), so deleting every event of any question is caught."""
    for fields in _rows_by_id(session, ContactRequest, CONTACT_STATE_FIELDS, batch):
        recorded = states.get(fields["id"])
        if recorded is None and not _has_events(session, fields["id"]):
            return ChainReport(
                False,
                checked,
                None,
                f"question {fields['id']} has no audit event (its events were deleted)",
                request_id=fields["id"],
            )
        if recorded is not None and recorded[1] != state_digest(fields, CONTACT_STATE_FIELDS):
            return ChainReport(
                False,
                checked,
                recorded[0],
                f"question {fields['id']} is {fields['status']} in the database, which is "
                "not the state (or reply) its audit events record (changed outside TwoKey)",
                request_id=fields["id"],
            )
    return ChainReport(True, checked)


def _has_events(session: Session, record_id: str) -> bool:
    stmt = sa.select(col(AuditEvent.id)).where(col(AuditEvent.request_id) == record_id).limit(1)
    return session.execute(stmt).first() is not None


def events_for(session: Session, request_id: str) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.request_id == request_id)
            .order_by(col(AuditEvent.id).asc())
        ).all()
    )
