"""The request state machine: every status change TwoKey makes happens here.

```
awaiting_requester ─confirm→ pending ─approve (quorum)→ approved ─redeem→ executed
        │ decline/cancel/expire      │ deny / cancel / expire
        └────────────────────────────┴→ cancelled / denied / expired
```

A HumanLayer contact (an agent's question to a person) has a smaller one:

```
pending ─answer→ answered          pending ─expire (deadline)→ expired
refused: a terminal record of a question TwoKey would not deliver
```

Each operation is one transaction: lock the row, check, compare-and-set the
status (`_transition`, the one core both kinds share), append the audit event
with the record's state digest, queue its Slack effects in the outbox, commit.
Run from threads; never from the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.approvals.effects import CONTACT_CLOSED, CONTACT_QUESTION, contact_effect, effects_for
from bot.approvals.view import ContactView, Outcome, OutcomeCode, ReplyOutcome, RequestView
from storage import contacts as ct
from storage import inserts, outbox
from storage import requests as rq
from storage.audit import STATE_FIELDS, append_event, append_events, event_rows, state_digest
from storage.contacts import CONTACT_STATE_FIELDS, ContactRequest, ContactStatus
from storage.db import session_scope
from storage.models import OPEN_STATUSES, AuditEvent, Request, SlackEffect, Status, table, utcnow

EXPIRED_REASON = "Nobody decided before the deadline; expired requests are never approved."
PENDING_ONLY = (Status.PENDING,)
AWAITING_ONLY = (Status.AWAITING_REQUESTER,)

# Which statuses each operation may start from. The single source of truth.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "confirm": (AWAITING_ONLY, Status.PENDING),
    "decline": (AWAITING_ONLY, Status.CANCELLED),
    "approve": (PENDING_ONLY, Status.APPROVED),
    "deny": (PENDING_ONLY, Status.DENIED),
    "expire": (OPEN_STATUSES, Status.EXPIRED),
    "cancel": (OPEN_STATUSES, Status.CANCELLED),
    "execute": ((Status.APPROVED,), Status.EXECUTED),
}
REQUESTER_ONLY = frozenset({"confirm", "decline"})
"""Operations only the person asked to act may take."""
CONTACT_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "answer": ((ContactStatus.PENDING,), ContactStatus.ANSWERED),
    "expire": ((ContactStatus.PENDING,), ContactStatus.EXPIRED),
}
MAX_REPLY = 4000
"""Characters of a reply handed back to the agent."""


@dataclass(frozen=True)
class Kind:
    """What the transition core needs to know about one kind of record."""

    name: str
    """The audit action's prefix (`request.approved`, `contact.answered`)."""
    transitions: dict[str, tuple[tuple[str, ...], str]]
    set_status: Callable[..., set[str]]
    fields: tuple[str, ...]
    """The decisive fields whose digest each status change's event carries."""
    notify: Callable[..., None] | None = None


REQUESTS = Kind("request", TRANSITIONS, rq.set_status_many, STATE_FIELDS, rq.notify_release)
CONTACTS = Kind("contact", CONTACT_TRANSITIONS, ct.set_contact_status, CONTACT_STATE_FIELDS)


def _transition(
    s: Session,
    kind: Kind,
    rows: Sequence[Any],
    op: str,
    *,
    actor: str,
    detail: Callable[[Any], dict[str, Any]],
    **values: Any,
) -> list[Any]:
    """Compare-and-set `rows` through `op`, audit each one moved; return those moved.

    The one place a status changes, for requests and contacts alike: a row still in a
    status `op` may leave moves once (two clicks, two replicas, a click racing its
    deadline: one wins), and its event records the state it moved to."""
    expected, to = kind.transitions[op]
    won = kind.set_status(s, [r.id for r in rows], expected=expected, to=to, **values)
    moved = [r for r in rows if r.id in won]
    if kind.notify is not None and won:
        kind.notify(s, *won)
    entries = []
    for r in moved:
        after = {name: getattr(r, name) for name in kind.fields} | values | {"status": to}
        entries.append(
            {
                "action": f"{kind.name}.{to}",
                "actor": actor,
                "request_id": r.id,
                "detail": {**detail(r), "state": state_digest(after, kind.fields)},
            }
        )
    append_events(s, entries)
    return moved


def may_start(action: str, request: Request | RequestView, actor: str) -> OutcomeCode | None:
    """Why `actor` cannot begin `action` on `request` as last read, or None.

    For a button that opens a form before anything is recorded: the checks that
    need no lock, from the same table and rule the transaction applies (and
    applies again when the form is submitted, since the request may move meanwhile).
    """
    if action in REQUESTER_ONLY and request.requester and actor != request.requester:
        return "not_requester"
    if request.status not in TRANSITIONS[action][0]:
        return "already_decided"
    return None


@dataclass
class Change:
    """What a transaction did, for the service to announce after commit."""

    outcome: Outcome
    events: list[str] = field(default_factory=list)
    """Event kinds to publish (see RequestEvent.kind)."""


def view(session: Session, request: Request) -> RequestView:
    session.refresh(request)
    return RequestView.of(request, rq.votes_for(session, request.id))


def _fmt(ts: datetime | None) -> str:
    return ts.strftime("%Y-%m-%d %H:%M UTC") if ts else "earlier"


def already_message(request: Request) -> str:
    """Tell the loser of a race what happened instead."""
    who = (
        f" by <@{request.decided_by}>"
        if request.decided_by and request.decided_by[:1] in "UW"
        else ""
    )
    if request.decided_by and not who:
        who = f" by {request.decided_by}"
    match request.status:
        case Status.APPROVED | Status.EXECUTED:
            return f"Already approved{who} at {_fmt(request.decided_at)}."
        case Status.DENIED:
            return (
                f"Already denied{who} at {_fmt(request.decided_at)}: {request.reason or ''}".rstrip(
                    ": "
                )
            )
        case Status.EXPIRED:
            return f"This request expired at {_fmt(request.decided_at)}: nobody decided in time."
        case Status.CANCELLED:
            return f"This request was cancelled{who} at {_fmt(request.decided_at)}."
        case Status.AWAITING_REQUESTER:
            return "The requester has not confirmed this request yet."
        case Status.PENDING:
            return "This request is waiting for approvers."
        case _:
            return f"This instruction was {request.status} by policy; there is nothing to decide."


def _expiry_detail(request: Request) -> dict[str, Any]:
    deadline = request.expires_at.isoformat() if request.expires_at else None
    return {"deadline": deadline, "was": request.status}


def _emit(s: Session, change: Change, actor: str) -> Change:
    """Queue the change's Slack effects in the same transaction; return the change."""
    request = change.outcome.request
    if request is not None and change.events:
        outbox.enqueue(s, effects_for(change.events, request, actor))
    return change


def _fail(code: OutcomeCode, message: str, request: RequestView | None = None) -> Change:
    return Change(Outcome(ok=False, code=code, message=message, request=request))


@dataclass(frozen=True)
class _New:
    """A request about to be inserted, with the view its submitter will be answered with."""

    row: dict[str, Any]
    resources: Sequence[tuple[str, str]]
    actor: str
    view: RequestView


def _created_entry(new: _New) -> dict[str, Any]:
    """The audit event recording a request's creation (its status, and why)."""
    row = new.row
    return {
        "action": f"request.{row['status']}",
        "actor": new.actor,
        "request_id": row["id"],
        "detail": {
            "decision": row["decision"],
            "risk": row["risk"],
            "agent": row["agent"],
            "requester": row["requester"],
            "source": row["source"],
            "text_sha256": row["text_sha256"],
            "rules": sorted({f["rule"] for f in row["findings"]}),
            "resources": [name for name, _ in new.resources],
            "expires_at": row["expires_at"].isoformat() if row["expires_at"] else None,
            **({"reason": row["reason"]} if row.get("reason") else {}),
            "state": state_digest(row),
        },
    }


def _created_effects(new: _New) -> list[dict[str, Any]]:
    kinds = ["screened"]
    if new.row["status"] in (Status.AWAITING_REQUESTER, Status.PENDING):
        kinds.append(str(new.row["status"]))
    effects = effects_for(kinds, new.view, new.actor)
    if new.row["status"] == Status.CANCELLED:  # closed at birth: nobody could decide it
        effects += effects_for(["decided"], new.view, "twokey")
    return effects


def _insert(tx: inserts.Writer, batch: Sequence[_New]) -> None:
    """New requests, their creation events and Slack effects: one statement per table."""
    if not batch:
        return
    rq.insert_requests(tx, [(new.row, new.resources) for new in batch])
    tx.insert(table(AuditEvent), event_rows([_created_entry(new) for new in batch]))
    tx.insert(
        table(SlackEffect),
        outbox.effect_rows([effect for new in batch for effect in _created_effects(new)]),
    )


def may_answer(contact: ContactView | ContactRequest, user: str) -> tuple[bool, str]:
    """Who may reply: the listed responders, else the DMed user, else anyone in the channel."""
    if contact.allowed_responders:
        if user in contact.allowed_responders:
            return True, ""
        return False, "You are not one of the people this question is for."
    recipient = contact.recipient or ""
    if recipient[:1] in ("U", "W") and user != recipient:
        return False, "This question was sent to someone else."
    return True, ""


def contact_closed_message(contact: ContactView | ContactRequest) -> str:
    """Tell a late replier what happened instead."""
    if contact.status == ContactStatus.ANSWERED:
        return f"This question was already answered by {contact.responded_by or 'someone'}."
    if contact.status == ContactStatus.EXPIRED:
        return "This question expired; the agent stopped waiting."
    return "This question is closed."


def _contact_expiry_reason(contact: ContactRequest) -> str:
    """Why a question expired, in the words its agent gets back instead of a reply
    (a timeout never answers: no reply and no responder are recorded)."""
    waited = (contact.expires_at - contact.created_at).total_seconds() if contact.expires_at else 0
    minutes = max(1, round(waited / 60))
    return f"[TwoKey] Nobody replied within {minutes} minutes; TwoKey stopped waiting."


def _contact_expiry_detail(contact: ContactRequest) -> dict[str, Any]:
    deadline = contact.expires_at.isoformat() if contact.expires_at else None
    return {"deadline": deadline, "reason": _contact_expiry_reason(contact)}


def _reply_problem(contact: ContactRequest, user: str, text: str, option: str | None) -> str | None:
    if contact.status != ContactStatus.PENDING:
        return contact_closed_message(contact)
    ok, why = may_answer(contact, user)
    if not ok:
        return why
    offered = {str(o.get("name")) for o in (contact.meta or {}).get("response_options") or []}
    if option is not None and option not in offered:
        return "That answer is not one the agent offered."
    if not text:
        return "A reply cannot be empty."
    return None


class StateMachine:
    EXPIRE_BATCH = 500

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- creation ---------------------------------------------------------

    def create(
        self,
        row: dict[str, Any],
        resources: Sequence[tuple[str, str]],
        *,
        actor: str,
        wait: bool = True,
    ) -> tuple[RequestView, bool]:
        """Insert a request (or return the existing one for a repeated idempotency key)."""
        return self.create_many([(row, resources, actor)], wait=wait)[0]

    def create_many(
        self,
        items: Sequence[tuple[dict[str, Any], Sequence[tuple[str, str]], str]],
        *,
        wait: bool = True,
    ) -> list[tuple[RequestView, bool]]:
        """`create` for several requests in one transaction (group commit).

        All or nothing: on any error none is written, and the caller retries them one
        by one so one bad row cannot fail the others. A repeated idempotency key within
        the batch finds the earlier row, as it would across transactions: what came
        before a keyed row is inserted before its key is looked up. The request a
        repeated key names is read once the batch has committed. With `wait=False`,
        `inserts.Busy` if another process is writing (SQLite)."""
        out: list[tuple[RequestView, bool] | str] = []
        with inserts.transaction(self.engine, wait=wait) as tx:
            fresh: list[_New] = []
            for row, resources, actor in items:
                if row["idempotency_key"]:
                    _insert(tx, fresh)
                    fresh = []
                    existing = rq.id_for_idempotency_digest(
                        tx, row["agent"], row["idempotency_key"]
                    )
                    if existing is not None:
                        out.append(existing)
                        continue
                new = _New(row, resources, actor, RequestView.of(row, []))
                fresh.append(new)
                out.append((new.view, True))  # just written: nothing to re-read
            _insert(tx, fresh)
        return [self._repeat(item) if isinstance(item, str) else item for item in out]

    def _repeat(self, request_id: str) -> tuple[RequestView, bool]:
        found = self.get(request_id)
        if found is None:  # requests are never deleted; fail rather than answer for nothing
            raise LookupError(f"request {request_id} named by an idempotency key is gone")
        return found, False

    # -- transitions ------------------------------------------------------

    def _move(
        self,
        s: Session,
        request: Request,
        op: str,
        *,
        actor: str,
        detail: dict[str, Any],
        **values: Any,
    ) -> bool:
        moved = _transition(
            s, REQUESTS, [request], op, actor=actor, detail=lambda _: detail, **values
        )
        return bool(moved)

    def confirm(self, request_id: str, *, actor: str, justification: str) -> Change:
        justification = justification.strip()
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return _fail("not_found", "No such request.")
            if may_start("confirm", request, actor) == "not_requester":
                return _fail("not_requester", "Only the person asked to act can confirm this.")
            if not justification:
                return _fail("reason_required", "Please say why this needs to be done.")
            if overdue := self._overdue(s, request):
                return _emit(s, overdue, "twokey")
            if not self._move(
                s,
                request,
                "confirm",
                actor=actor,
                detail={"justification_chars": len(justification)},
                justification=justification,
            ):
                return _fail("already_decided", already_message(request), view(s, request))
            change = Change(
                Outcome(
                    ok=True, code="ok", message="Sent to the approvers.", request=view(s, request)
                ),
                ["pending"],
            )
            return _emit(s, change, actor)

    def decline(self, request_id: str, *, actor: str, reason: str | None) -> Change:
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return _fail("not_found", "No such request.")
            if may_start("decline", request, actor) == "not_requester":
                return _fail("not_requester", "Only the person asked to act can decline this.")
            why = reason or "The requester chose not to do this."
            if not self._move(
                s,
                request,
                "decline",
                actor=actor,
                detail={"reason": why},
                decided_at=utcnow(),
                decided_by=actor,
                reason=why,
            ):
                return _fail("already_decided", already_message(request), view(s, request))
            change = Change(
                Outcome(
                    ok=True,
                    code="ok",
                    message="Cancelled. Nothing will run.",
                    request=view(s, request),
                ),
                ["decided"],
            )
            return _emit(s, change, actor)

    def vote(
        self,
        request_id: str,
        *,
        voter: str,
        approve: bool,
        comment: str | None,
        eligible_now: set[str],
    ) -> Change:
        """Record a vote and decide if it settles the request.

        `eligible_now` is the approver set resolved (with Slack, async) just
        before this call; it is re-checked here against the locked row so a
        decision never rests on a stale read of the request.
        """
        comment = (comment or "").strip() or None
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return _fail("not_found", "No such request.")
            if overdue := self._overdue(s, request):
                return _emit(s, overdue, "twokey")
            if request.status != Status.PENDING:
                return _fail("already_decided", already_message(request), view(s, request))
            votes = rq.votes_for(s, request_id)
            if any(v.voter == voter for v in votes):
                return _fail(
                    "already_voted", "You have already voted on this request.", view(s, request)
                )
            if voter == request.requester or voter not in eligible_now:
                return _fail("not_eligible", "You are not an eligible approver for this request.")
            if not approve and not comment:
                return _fail("reason_required", "A denial needs a reason the requester can read.")
            rq.add_vote(s, request_id, voter, approve, comment)
            append_event(
                s,
                action="vote.approve" if approve else "vote.deny",
                actor=voter,
                request_id=request_id,
                detail={"comment": comment},
            )
            now = utcnow()
            if not approve:
                self._move(
                    s,
                    request,
                    "deny",
                    actor=voter,
                    detail={"reason": comment},
                    decided_at=now,
                    decided_by=voter,
                    reason=comment,
                )
                change = Change(
                    Outcome(ok=True, code="ok", message="Denied.", request=view(s, request)),
                    ["decided"],
                )
                return _emit(s, change, voter)
            approvals = rq.count_approvals(s, request_id)
            if approvals >= request.required_approvals:
                self._move(
                    s,
                    request,
                    "approve",
                    actor=voter,
                    detail={"approvals": approvals, "comment": comment},
                    decided_at=now,
                    decided_by=voter,
                    reason=comment,
                )
                change = Change(
                    Outcome(ok=True, code="ok", message="Approved.", request=view(s, request)),
                    ["decided"],
                )
                return _emit(s, change, voter)
            left = request.required_approvals - approvals
            change = Change(
                Outcome(
                    ok=True,
                    code="ok",
                    message=f"Your approval is recorded; {left} more needed.",
                    request=view(s, request),
                ),
                ["vote"],
            )
            return _emit(s, change, voter)

    def cancel(self, request_id: str, *, actor: str, reason: str) -> Change:
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return _fail("not_found", "No such request.")
            if not self._move(
                s,
                request,
                "cancel",
                actor=actor,
                detail={"reason": reason},
                decided_at=utcnow(),
                decided_by=actor,
                reason=reason,
            ):
                return _fail("already_decided", already_message(request), view(s, request))
            change = Change(
                Outcome(ok=True, code="ok", message="Cancelled.", request=view(s, request)),
                ["decided"],
            )
            return _emit(s, change, actor)

    def close_unasked(self, s: Session, request_id: str, *, kind: str, reason: str) -> Change:
        """A request whose card (`pending`) or confirmation prompt (`awaiting_requester`) was
        given up on, and so asks nobody: cancelled with `reason`, never approved, rather than
        left to expire in silence. Not if the request moved on, or a card or prompt did go
        out (a later DM failing does not mean nobody was asked).

        In the caller's transaction: the outbox marks the effect dead in the same one, so a
        replica killed in between cannot leave the request open with nobody asked."""
        request = rq.get_request(s, request_id, lock=True)
        if request is None:
            return _fail("not_found", "No such request.")
        slack = request.slack or {}
        asked = slack.get("cards") if kind == "pending" else slack.get("prompt_ts")
        if request.status != kind or asked:
            return _fail("already_decided", already_message(request), view(s, request))
        self._move(
            s,
            request,
            "cancel",
            actor="twokey",
            detail={"reason": reason, "undeliverable": kind},
            decided_at=utcnow(),
            decided_by="twokey",
            reason=reason,
        )
        change = Change(
            Outcome(ok=True, code="ok", message=reason, request=view(s, request)), ["decided"]
        )
        return _emit(s, change, "twokey")

    def expire_due(self, now: datetime) -> list[RequestView]:
        """Expire open requests past their deadline (one batch); return what this call expired.

        One UPDATE, one notification statement and one audit append for the
        whole batch: a burst of deadlines costs a handful of round trips.
        """
        with session_scope(self.engine) as s:
            due = rq.claim_overdue(s, OPEN_STATUSES, now, limit=self.EXPIRE_BATCH)
            done = {"decided_at": now, "decided_by": "twokey", "reason": EXPIRED_REASON}
            won = _transition(
                s,
                REQUESTS,
                due,
                "expire",
                actor="twokey",
                detail=_expiry_detail,
                **done,
            )
            votes = rq.votes_for_many(s, [r.id for r in won])
            # The rows are stale after the UPDATE; describe what was written instead of re-reading.
            expired = [
                RequestView.of(r, votes[r.id]).model_copy(
                    update={"status": Status.EXPIRED, "updated_at": now, **done}
                )
                for r in won
            ]
            outbox.enqueue(s, [e for v in expired for e in effects_for(["decided"], v, "twokey")])
            return expired

    def _expire_locked(self, s: Session, request: Request, now: datetime) -> bool:
        return self._move(
            s,
            request,
            "expire",
            actor="twokey",
            detail=_expiry_detail(request),
            decided_at=now,
            decided_by="twokey",
            reason=EXPIRED_REASON,
        )

    def _overdue(self, s: Session, request: Request) -> Change | None:
        """A click after the deadline expires the request instead of deciding it."""
        now = utcnow()
        if request.expires_at is None or now < request.expires_at:
            return None
        expired_now = request.status in OPEN_STATUSES and self._expire_locked(s, request, now)
        s.refresh(request)
        return Change(
            Outcome(
                ok=False,
                code="already_decided",
                message=already_message(request),
                request=view(s, request),
            ),
            ["decided"] if expired_now else [],
        )

    def mark(self, request_id: str, flag: str, *, actor: str) -> RequestView | None:
        """Reminded/escalated: at most once, and only while pending."""
        with session_scope(self.engine) as s:
            if not rq.set_flag(s, request_id, flag, only_if_status=Status.PENDING):
                return None
            append_event(s, action=f"request.{flag}", actor=actor, request_id=request_id)
            request = rq.get_request(s, request_id)
            assert request is not None
            marked = view(s, request)
            kind = "reminder" if flag == "reminded" else flag
            outbox.enqueue(s, effects_for([kind], marked, actor))
            return marked

    def execute(
        self,
        request_id: str,
        *,
        text_sha256: str,
        actor: str,
        agent: str | None = None,
        ttl: timedelta | None = None,
    ) -> Change:
        """Approved -> executed, once; with `ttl`, only within `ttl` of the recorded decision
        (the token's own expiry claim is not trusted alone)."""
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return _fail("invalid", "The token names a request that does not exist.")
            if agent is not None and request.agent != agent:
                return _fail("invalid", "This token belongs to another agent's request.")
            if request.text_sha256 != text_sha256:
                return _fail("invalid", "This text is not the text that was approved.")
            if request.status == Status.EXECUTED:
                return _fail("already_decided", "This approval was already used.", view(s, request))
            decided_at = request.decided_at
            if ttl is not None and (decided_at is None or utcnow() >= decided_at + ttl):
                return _fail("invalid", "The token has expired.", view(s, request))
            if not self._move(
                s,
                request,
                "execute",
                actor=actor,
                detail={"text_sha256": text_sha256},
                executed_at=utcnow(),
            ):
                return _fail(
                    "invalid", f"The request is {request.status}, not approved.", view(s, request)
                )
            change = Change(
                Outcome(
                    ok=True, code="ok", message="Execution recorded.", request=view(s, request)
                ),
                ["executed"],
            )
            return _emit(s, change, actor)

    # -- HumanLayer contacts -------------------------------------------------

    def ask(self, values: dict[str, Any]) -> tuple[ContactView, bool]:
        """Record a question (or return the one already asked under its agent and call id);
        a pending one gets its Slack post queued in the same transaction."""
        with session_scope(self.engine) as s:
            row, created = ct.insert_contact(s, ContactRequest(**values))
            if created:
                append_event(
                    s,
                    action=f"contact.{row.status}",
                    actor=f"agent:{row.agent}",
                    request_id=row.id,
                    detail={
                        "run_id": row.run_id,
                        "call_id": row.call_id,
                        "recipient": row.recipient,
                        "spec_sha256": row.spec_sha256,
                        "reason": row.reason,
                        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
                        "state": state_digest(row, CONTACT_STATE_FIELDS),
                    },
                )
                if row.status == ContactStatus.PENDING:
                    outbox.enqueue(s, [contact_effect(CONTACT_QUESTION, row.id, row.agent)])
            return ContactView.model_validate(row), created

    def requeue_question(self, contact_id: str) -> bool:
        """Queue the question's post again if it is pending, unposted and nothing is queued
        for it (its effect was given up on, or it predates the outbox). True if queued."""
        with session_scope(self.engine) as s:
            row = ct.get_contact(s, contact_id, lock=True)
            if row is None or row.status != ContactStatus.PENDING or (row.slack or {}).get("ts"):
                return False
            if outbox.has_pending(s, contact_id):
                return False
            outbox.enqueue(s, [contact_effect(CONTACT_QUESTION, contact_id, "twokey")])
            return True

    def given_up(self, subject: str) -> str | None:
        with session_scope(self.engine) as s:
            return outbox.given_up(s, subject)

    def answer(
        self, contact_id: str, *, user: str, response: str, option: str | None = None
    ) -> ReplyOutcome:
        """pending → answered, once; a reply after the deadline expires the question instead."""
        text = response.strip()[:MAX_REPLY]
        with session_scope(self.engine) as s:
            row = ct.get_contact(s, contact_id, lock=True)
            if row is None:
                return ReplyOutcome(ok=False, message="That question no longer exists.")
            now = utcnow()
            if row.status == ContactStatus.PENDING and row.expires_at and row.expires_at <= now:
                self._expire_contacts(s, [row], now)
                s.refresh(row)
            problem = _reply_problem(row, user, text, option)
            if problem is not None:
                return ReplyOutcome(
                    ok=False, message=problem, contact=ContactView.model_validate(row)
                )
            moved = _transition(
                s,
                CONTACTS,
                [row],
                "answer",
                actor=user,
                detail=lambda _: {"chars": len(text), "option": option},
                response=text,
                response_option=option,
                responded_by=user,
                responded_at=now,
            )
            s.refresh(row)
            if not moved:
                message = contact_closed_message(row)
                return ReplyOutcome(
                    ok=False, message=message, contact=ContactView.model_validate(row)
                )
            outbox.enqueue(s, [contact_effect(CONTACT_CLOSED, contact_id, user)])
            return ReplyOutcome(
                ok=True,
                message="Thanks, your reply was sent to the agent.",
                contact=ContactView.model_validate(row),
            )

    def expire_contacts_due(self, now: datetime) -> list[str]:
        """Expire pending questions past their deadline (one batch); the ids this call expired."""
        with session_scope(self.engine) as s:
            due = ct.claim_overdue_contacts(s, now, limit=self.EXPIRE_BATCH)
            return self._expire_contacts(s, due, now)

    def _expire_contacts(
        self, s: Session, due: Sequence[ContactRequest], now: datetime
    ) -> list[str]:
        by_reason: dict[str, list[ContactRequest]] = {}
        for row in due:  # one UPDATE per distinct wait (normally one: the policy's timeout)
            by_reason.setdefault(_contact_expiry_reason(row), []).append(row)
        won: list[str] = []
        for reason, rows in by_reason.items():
            moved = _transition(
                s,
                CONTACTS,
                rows,
                "expire",
                actor="twokey",
                detail=_contact_expiry_detail,
                reason=reason,
                responded_at=now,
            )
            won += [r.id for r in moved]
        outbox.enqueue(s, [contact_effect(CONTACT_CLOSED, i, "twokey") for i in won])
        return won

    def get_contact(self, contact_id: str) -> ContactView | None:
        with session_scope(self.engine) as s:
            row = ct.get_contact(s, contact_id)
            return ContactView.model_validate(row) if row is not None else None

    def find_contact(self, agent: str, call_id: str) -> ContactView | None:
        with session_scope(self.engine) as s:
            row = ct.find_contact(s, agent, call_id)
            return ContactView.model_validate(row) if row is not None else None

    def open_contacts(self) -> list[ContactView]:
        with session_scope(self.engine) as s:
            return [ContactView.model_validate(r) for r in ct.open_contacts(s)]

    # -- reads --------------------------------------------------------------

    def get(self, request_id: str) -> RequestView | None:
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id)
            return view(s, request) if request else None

    def open_requests(self) -> list[RequestView]:
        with session_scope(self.engine) as s:
            rows = rq.open_requests(s, OPEN_STATUSES)
            votes = rq.votes_for_many(s, [r.id for r in rows])
            return [RequestView.of(r, votes[r.id]) for r in rows]

    def attach_reach(self, request_id: str, **reach: Any) -> RequestView | None:
        """Store what the instruction reaches (`blast`: rows and tables; `audience`: people in
        the channels and groups it names) and queue the card's update, in one transaction.
        Not a status change: it is shown, never decides, so no audit event."""
        with session_scope(self.engine) as s:
            request = rq.get_request(s, request_id, lock=True)
            if request is None:
                return None
            rq.update_fields(s, request_id, meta={**(request.meta or {}), **reach})
            current = view(s, request)
            if current.is_open:
                outbox.enqueue(s, effects_for(["blast"], current, "twokey"))
            return current

    def queue_missing_effects(self, request_ids: Sequence[str]) -> int:
        """Queue the card or prompt an open request from before the outbox never had queued.

        Requests created before migration 0002 were shown in Slack fire-and-forget;
        one still open with no outbox row and no card (or prompt) in its refs would
        wait for a person nobody asked. Returns how many effects were queued."""
        queued = 0
        for start in range(0, len(request_ids), 500):  # short transactions, whatever the backlog
            with session_scope(self.engine) as s:
                bare = outbox.open_without_effects(
                    s, request_ids[start : start + 500], OPEN_STATUSES
                )
                effects: list[dict[str, Any]] = []
                for row in bare:
                    request, slack = view(s, row), row.slack or {}
                    if row.status == Status.PENDING and not slack.get("cards"):
                        effects += effects_for(["pending"], request, "twokey")
                    elif row.status == Status.AWAITING_REQUESTER and not slack.get("prompt_ts"):
                        effects += effects_for(["awaiting_requester"], request, "twokey")
                outbox.enqueue(s, effects)
                queued += len(effects)
        return queued

    def set_slack_refs(self, request_id: str, refs: dict[str, Any]) -> None:
        with session_scope(self.engine) as s:
            rq.merge_slack_refs(s, request_id, refs)

    def audit(
        self, request_id: str | None, action: str, actor: str, detail: dict[str, Any]
    ) -> None:
        with session_scope(self.engine) as s:
            append_event(s, action=action, actor=actor, request_id=request_id, detail=detail)
