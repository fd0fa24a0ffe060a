"""Giving undeliverable Slack effects another round, once an operator has fixed the cause.

The outbox gives an effect up when Slack refuses it for good (a channel the bot
is not in, a revoked token) or every retry failed. After the fix (the bot
re-invited, the token replaced) `twokey outbox retry` puts it back in the queue:
due now, a fresh round of tries, delivered by whichever `twokey serve` replica
claims it, and recorded in the audit trail (`outbox.requeued`).

Which effects may come back. Every effect is re-rendered from its request's
latest state when delivered, and keeps what an earlier try posted (`progress`),
so none is posted twice. What must not happen is asking people to act on
something already closed:

- Effects that tell or bring a message up to date are always safe: the outcome
  (`decided`: the cards shown closed, the requester's DM), a vote, an execution,
  a blast-radius estimate, the hold reply in the agent's thread (`screened`: text,
  no buttons) and a HumanLayer question shown answered (`contact_closed`). Late,
  they show the latest state; they are what takes live buttons off a stale card.
- Effects that ask someone to act come back only while their request still waits
  for exactly that: the approval card (`pending`), a reminder and an escalation
  (they mention people and may post cards) while it is pending; the requester's
  confirmation prompt while it awaits the requester; a HumanLayer question while
  it is unanswered. A request whose card or prompt was given up on was closed by
  TwoKey at that moment and its agent told to ask again: its card never returns.

The check and the re-queue happen in one transaction holding the request row, so
a decision cannot slip in between; one that comes later is delivered after the
re-queued effect (a request's effects go out in order) and updates what it posted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.approvals.effects import CONTACT_CLOSED, CONTACT_QUESTION
from storage import contacts as ct
from storage import outbox as ob
from storage import requests as rq
from storage.audit import append_events
from storage.db import session_scope
from storage.models import SlackEffect, Status, utcnow

TELLS = frozenset({"decided", "vote", "executed", "blast", "screened", CONTACT_CLOSED})
"""Kinds that only show the latest state: safe to re-queue whatever the request's status."""
ASKS: dict[str, tuple[str, ...]] = {
    "pending": (Status.PENDING,),
    "reminder": (Status.PENDING,),
    "escalated": (Status.PENDING,),
    "awaiting_requester": (Status.AWAITING_REQUESTER,),
}
"""Kinds that ask people to act, and the statuses in which asking is still right."""
ACTION = "outbox.requeued"


@dataclass(frozen=True)
class Verdict:
    """One undeliverable effect and whether it may go out again (`refused` says why not)."""

    id: int
    kind: str
    request_id: str | None
    attempts: int
    error: str | None
    created_at: str
    refused: str | None = None

    @property
    def requeued(self) -> bool:
        return self.refused is None


@dataclass(frozen=True)
class Outcome:
    verdicts: list[Verdict]
    """The dead effects looked at: re-queued, or refused with the reason."""
    not_dead: dict[int, str]
    """Effect ids asked for by number that are not undeliverable: their state, or `missing`."""


def why_not(session: Session, effect: SlackEffect, *, lock: bool = False) -> str | None:
    """Why `effect` must not be sent again now; None when it may."""
    subject = effect.request_id or ""
    if effect.kind in (CONTACT_QUESTION, CONTACT_CLOSED):
        contact = ct.get_contact(session, subject, lock=lock)
        if contact is None:
            return "its question no longer exists"
        if effect.kind == CONTACT_QUESTION and contact.status != ct.ContactStatus.PENDING:
            return f"question {subject} is {contact.status}: it must not be asked again"
        return None
    if effect.kind not in TELLS and effect.kind not in ASKS:
        return f"TwoKey does not know the kind {effect.kind!r}"
    request = rq.get_request(session, subject, lock=lock)
    if request is None:
        return "its request no longer exists"
    wanted = ASKS.get(effect.kind)
    if wanted is not None and request.status not in wanted:
        return (
            f"request {subject} is {request.status}: it would ask people to act on it "
            "(the agent was told; it may ask again)"
        )
    return None


def _verdict(effect: SlackEffect, refused: str | None) -> Verdict:
    return Verdict(
        id=int(effect.id or 0),
        kind=effect.kind,
        request_id=effect.request_id,
        attempts=effect.attempts,
        error=effect.last_error,
        created_at=effect.created_at.isoformat(),
        refused=refused,
    )


def undeliverable(engine: Engine, *, kind: str | None = None, limit: int = 100) -> list[Verdict]:
    """Read-only: the undeliverable effects, oldest first, each with whether `retry` would
    re-queue it now."""
    with session_scope(engine) as s:
        return [_verdict(e, why_not(s, e)) for e in ob.dead_effects(s, kind=kind, limit=limit)]


def retry(
    engine: Engine,
    *,
    ids: Sequence[int] | None = None,
    kind: str | None = None,
    actor: str = "cli",
) -> Outcome:
    """Re-queue the undeliverable effects `ids` (all when None) of `kind` (any when None)
    that may go out again; audit each; return every verdict."""
    with session_scope(engine) as s:
        effects = ob.dead_effects(s, ids=ids, kind=kind, lock=True)
        verdicts = [_verdict(e, why_not(s, e, lock=True)) for e in effects]
        chosen = [v for v in verdicts if v.requeued]
        ob.requeue(s, [v.id for v in chosen], now=utcnow())
        append_events(
            s,
            [
                {
                    "action": ACTION,
                    "actor": actor,
                    "request_id": v.request_id,
                    "detail": {"effect": v.id, "kind": v.kind, "last_error": v.error},
                }
                for v in chosen
            ],
        )
        found = {v.id for v in verdicts}
        asked = [i for i in ids or [] if i not in found]
        states = ob.states_of(s, asked)
        not_dead = {i: states.get(i, "missing") for i in asked}
    return Outcome(verdicts, not_dead)
