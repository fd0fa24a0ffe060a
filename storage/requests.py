"""SQL for requests and votes. Every status change is a compare-and-set.

`set_status_many` only moves a row still in one of the expected statuses, so
two clicks, two replicas, or a click racing the deadline cannot both win: the
database decides (`storage.transitions`), and the loser moves nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import Request, RequestResource, Vote, table, utcnow
from storage.transitions import compare_and_set


def _defaults() -> tuple[dict[str, Any], dict[str, Any]]:
    values, factories = {}, {}
    for name, field in Request.model_fields.items():
        if field.default_factory is not None:
            factories[name] = field.default_factory
        elif not field.is_required():
            values[name] = field.default
    return values, factories


_DEFAULTS, _FACTORIES = _defaults()


def new_request_values(**values: Any) -> dict[str, Any]:
    """A complete row for `insert_request`: the model's defaults, then `values`."""
    row = {**_DEFAULTS, **{name: make() for name, make in _FACTORIES.items()}}
    row.update(values)
    return row


def insert_request(
    session: Session, row: dict[str, Any], resources: Iterable[tuple[str, str]] = ()
) -> None:
    """Core inserts: on the allow path the ORM's bookkeeping costs more than SQLite does."""
    session.execute(sa.insert(table(Request)), [row])
    names = dict(resources)  # one row per resource, last classification wins
    if names:
        session.execute(
            sa.insert(table(RequestResource)),
            [
                {
                    "request_id": row["id"],
                    "resource": name[:255],
                    "classification": classification,
                    "created_at": row["created_at"],
                }
                for name, classification in names.items()
            ],
        )


def idempotency_digest(key: str | None) -> str | None:
    """What is stored for an idempotency key: a digest, since the agent may put anything in it.

    Lookups digest the key the same way, so a repeated key still finds its request.
    """
    if key is None:
        return None
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def find_by_idempotency(session: Session, agent: str | None, key: str) -> Request | None:
    """The agent's request made with this (plain) idempotency key."""
    return find_by_idempotency_digest(session, agent, idempotency_digest(key) or "")


def find_by_idempotency_digest(session: Session, agent: str | None, digest: str) -> Request | None:
    return session.exec(
        select(Request).where(Request.agent == agent, Request.idempotency_key == digest)
    ).first()


def get_request(session: Session, request_id: str, *, lock: bool = False) -> Request | None:
    """With `lock`, hold the row until commit (PostgreSQL; SQLite is already serialized)."""
    stmt = select(Request).where(Request.id == request_id)
    if lock:
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def votes_for(session: Session, request_id: str) -> list[Vote]:
    return list(
        session.exec(select(Vote).where(Vote.request_id == request_id).order_by(col(Vote.id))).all()
    )


def votes_for_many(session: Session, request_ids: Sequence[str]) -> dict[str, list[Vote]]:
    out: dict[str, list[Vote]] = {rid: [] for rid in request_ids}
    if not request_ids:
        return out
    for vote in session.exec(
        select(Vote).where(col(Vote.request_id).in_(request_ids)).order_by(col(Vote.id))
    ).all():
        out[vote.request_id].append(vote)
    return out


def set_status_many(
    session: Session,
    request_ids: Sequence[str],
    *,
    expected: Sequence[str],
    to: str,
    **values: Any,
) -> set[str]:
    """Move requests still in `expected` to `to`, in one statement; the ids this call moved."""
    return compare_and_set(session, Request, request_ids, expected=expected, to=to, **values)


def set_flag(session: Session, request_id: str, flag: str, *, only_if_status: str) -> bool:
    """Set a boolean column once (reminded/escalated) while the request is still open."""
    column = getattr(Request, flag)
    result = session.execute(
        sa.update(Request)
        .where(
            col(Request.id) == request_id,
            col(Request.status) == only_if_status,
            column.is_(False),
        )
        .values({flag: True, "updated_at": utcnow()})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def update_fields(session: Session, request_id: str, **values: Any) -> None:
    session.execute(
        sa.update(Request)
        .where(col(Request.id) == request_id)
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )


def add_vote(
    session: Session, request_id: str, voter: str, approve: bool, comment: str | None
) -> Vote:
    vote = Vote(request_id=request_id, voter=voter, approve=approve, comment=comment)
    session.add(vote)
    session.flush()
    return vote


def count_approvals(session: Session, request_id: str) -> int:
    return int(
        session.exec(
            select(sa.func.count())
            .select_from(Vote)
            .where(Vote.request_id == request_id, col(Vote.approve).is_(True))
        ).one()
    )


def open_requests(session: Session, statuses: Sequence[str]) -> list[Request]:
    return list(session.exec(select(Request).where(col(Request.status).in_(list(statuses)))).all())


def claim_overdue(
    session: Session, statuses: Sequence[str], now: datetime, *, limit: int
) -> list[Request]:
    """Open requests past their deadline, locked for this transaction.

    On PostgreSQL `SKIP LOCKED` lets several replicas sweep at once, each
    taking different rows, so every deadline is handled exactly once.
    """
    stmt = (
        select(Request)
        .where(col(Request.status).in_(list(statuses)), col(Request.expires_at) <= now)
        .order_by(col(Request.expires_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.exec(stmt).all())


def merge_slack_refs(session: Session, request_id: str, refs: dict[str, Any]) -> None:
    request = get_request(session, request_id, lock=True)
    if request is None:
        return
    merged = dict(request.slack or {})
    for key, value in refs.items():
        if key == "cards" and isinstance(value, list):
            merged["cards"] = [*merged.get("cards", []), *value]
        else:
            merged[key] = value
    update_fields(session, request_id, slack=merged)


RELEASE_CHANNEL = "twokey_release"


def notify_release(session: Session, *request_ids: str) -> None:
    """Tell waiters on other replicas; PostgreSQL delivers it when the transaction commits."""
    if request_ids and session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.text("SELECT pg_notify(:channel, id) FROM unnest(CAST(:ids AS text[])) AS t(id)"),
            {"channel": RELEASE_CHANNEL, "ids": list(request_ids)},
        )
