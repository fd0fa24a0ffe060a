"""The approval service: the one door Slack, the API and HumanLayer go through.

It assesses, records, asks, waits and releases; the state machine does the
deciding. Slack effects of every change are queued in the outbox by the same
transaction and delivered by `outbox` (the Slack notifier is its deliverer).
Subscribers (webhooks, metrics) hear about every change after it commits; a
failing subscriber is logged and never changes a decision.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from bot.approvals.batching import CreateBatcher
from bot.approvals.effects import shows_something
from bot.approvals.eligibility import Eligibility, UsergroupCache, UsergroupResolver
from bot.approvals.intake import IdempotencyReused, check_text_size, same_submission
from bot.approvals.outbox import Delivery, Outbox
from bot.approvals.questions import refusal
from bot.approvals.redact import mask_text
from bot.approvals.release import Release
from bot.approvals.sequencer import AuditSequencer
from bot.approvals.states import Change, StateMachine
from bot.approvals.timers import Timers
from bot.approvals.tokens import TokenClaims, TokenSigner, text_sha256
from bot.approvals.view import (
    ContactView,
    Outcome,
    OutcomeCode,
    ReplyOutcome,
    RequestEvent,
    RequestView,
)
from bot.catalog.blast import BlastRadius, Target, targets
from bot.catalog.keeper import CatalogKeeper
from bot.config import TwoKeyConfig
from bot.logs import request_id_var
from bot.risk.calls import ToolCall
from bot.risk.model import Assessment, Finding, worst_risk
from storage.contacts import ContactStatus
from storage.db import checkpoint
from storage.models import Status, utcnow
from storage.requests import idempotency_digest, new_request_values

log = logging.getLogger(__name__)

Subscriber = Callable[[RequestEvent], Awaitable[None]]
T = TypeVar("T")

_STATUS_FOR_DECISION = {"allow": Status.ALLOWED, "block": Status.BLOCKED}


UNASKED = {"pending": "any approver", "awaiting_requester": "the requester to confirm"}
"""Effects that ask people, by kind: one given up on leaves its request asking nobody."""


def _decider(unaskable: str | None) -> str:
    """Who decided a request closed at birth: twokey when nobody could, else the policy."""
    return "twokey" if unaskable else "policy"


class ApprovalService:
    EXPIRY_RETRY = 0.5
    """Seconds between tries to expire overdue requests while the database is away."""
    BLAST_TIMEOUT = 5.0
    """Seconds a blast-radius estimate may take before the card says it is unavailable."""

    def __init__(
        self,
        engine: Engine,
        config: TwoKeyConfig,
        *,
        secret_key: str,
        risk: Any | None = None,
        usergroups: UsergroupResolver | None = None,
        sweep_interval: float = 15.0,
    ) -> None:
        self.engine = engine
        self.config = config
        self.machine = StateMachine(engine)
        self.creates = CreateBatcher(self.machine)
        self.outbox = Outbox(engine)
        self.outbox.on_dead_tx.append(self._close_if_unasked)
        self.sequencer = AuditSequencer(engine)
        self.release = Release()
        self.eligibility = Eligibility(config, UsergroupCache(usergroups))
        self._risk = risk
        self._risk_lock = threading.Lock()
        self.catalog = CatalogKeeper(engine, config)
        self.blast = BlastRadius(config)
        self._signer = TokenSigner(secret_key)
        self._subscribers: list[Subscriber] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_task: dict[str, asyncio.Task[None]] = {}
        self._expiring = False
        self._expire_again = False
        self.timers = Timers(
            config.policy,
            on_deadline=self.expire_due,
            on_remind=self._remind,
            on_escalate=self._escalate,
            sweep_interval=sweep_interval,
        )
        self.started = False

    # -- lifecycle ----------------------------------------------------------

    @property
    def risk(self) -> Any:
        if self._risk is None:
            with self._risk_lock:  # built once, even when the catalog loader races a request
                if self._risk is None:
                    from bot.risk import RiskEngine

                    engine = RiskEngine(self.config)
                    self._attach_catalog(engine)
                    self._risk = engine
        return self._risk

    def _attach_catalog(self, risk: Any) -> None:
        """The synced catalog into a risk engine; unreadable means the YAML catalog alone."""
        try:
            self.catalog.reload(risk)
        except Exception:
            log.warning("catalog: the stored catalog could not be read", exc_info=True)

    def subscribe(self, callback: Subscriber) -> None:
        self._subscribers.append(callback)

    async def start(self) -> None:
        """Rebuild every open request's alarms from the database, expire what is overdue."""
        self.timers.start()
        if self.engine.dialect.name == "sqlite":
            self.timers.scheduler.add_job(
                asyncio.to_thread, "interval", args=(checkpoint, self.engine), seconds=2
            )
        self.release.start_listening(self.engine)
        # The engine is built (with the catalog) by the first request; one given to us gets
        # the catalog now, in the background. Either way start-up never waits for it.
        if self._risk is not None:
            self.spawn(asyncio.to_thread(self._attach_catalog, self._risk))
        self.catalog.schedule(self.timers.scheduler, lambda: self._risk)
        open_requests = await asyncio.to_thread(self.machine.open_requests)
        open_contacts = await asyncio.to_thread(self.machine.open_contacts)
        # No await between the alarms and the sweep: an overdue alarm fires at the first one
        # and would run the sweep in its place, so start-up would not wait for it.
        for request in open_requests:
            self.timers.schedule(request)
        for contact in open_contacts:
            if contact.expires_at is not None:
                self.timers.deadline(contact.id, contact.expires_at)
        await self.expire_due()
        # After the sweep: what expired meanwhile needs no card.
        await asyncio.to_thread(self.machine.queue_missing_effects, [r.id for r in open_requests])
        self.outbox.start()
        self.sequencer.start()
        self.started = True

    async def stop(self) -> None:
        self.timers.stop()
        while self._expiring:  # let a running sweep commit rather than abandon its thread
            await asyncio.sleep(0.02)
        await self.outbox.stop()
        await self.release.stop()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.sequencer.stop()
        self.started = False

    async def drain(self) -> None:
        """Wait until subscribers and the Slack outbox have finished what is due (tests, demo).

        An expiry sweep in flight counts: it commits in a worker thread and announces only
        when it resumes, so a waiter may already see the request expired before its
        "decided" event is even queued."""
        while True:
            while self._tasks or self._expiring:
                if self._tasks:
                    await asyncio.gather(*list(self._tasks), return_exceptions=True)
                else:
                    await asyncio.sleep(0.005)
            await self.outbox.drain()
            if not self._tasks and not self._expiring:
                return

    # -- intake -------------------------------------------------------------

    def check_text_size(self, text: str) -> None:
        """Raise `TextTooLong` past `policy.max_text_bytes`: the gate APIs refuse such text
        (Slack intake holds it instead, since nobody could be told to shorten it)."""
        check_text_size(text, self.config.policy.max_text_bytes)

    async def submit(
        self,
        *,
        text: str,
        requester: str | None,
        agent: str | None,
        source: str = "api",
        confidence: float | None = None,
        justification: str | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        slack: dict[str, Any] | None = None,
        meta: dict[str, Any] | None = None,
        allowed_approvers: list[str] | None = None,
        skip_requester_confirmation: bool = False,
        tool: ToolCall | None = None,
    ) -> tuple[RequestView, bool]:
        """A repeat with the same idempotency key returns the first request (created False),
        or raises `IdempotencyReused` if it is not the same instruction (`same_submission`).

        `tool`, when given, is the structure `text` was rendered from: it is assessed as a
        call (its name, flags and every argument), not only as text."""
        resources = [mask_text(r) or "" for r in resources]
        limit = self.config.policy.max_text_bytes
        encoded = text.encode("utf-8", "surrogatepass")
        read = encoded[:limit].decode("utf-8", "ignore") if len(encoded) > limit else text
        try:
            if tool is not None:
                _, assessment = self.risk.assess_call(
                    tool, agent=agent, confidence=confidence, resources=resources
                )
            else:
                assessment = self.risk.assess(
                    read, agent=agent, confidence=confidence, kind=kind, resources=resources
                )
            if read is not text:
                assessment = self._hold_unread_tail(assessment, len(encoded))
        except Exception:
            # Fail closed: an engine failure holds the instruction for a person.
            log.exception("risk engine failed; holding the instruction for approval")
            policy = self.config.policy
            assessment = Assessment(
                decision="require_approval",
                risk="high",
                masked_text="[instruction withheld: the risk engine could not read it]",
                findings=[
                    Finding(
                        rule="engine.error",
                        category="engine",
                        reason="The risk engine could not read this instruction; a person decides.",
                    )
                ],
                required_approvals=policy.quorum.for_risk("high"),
                approver_group=policy.default_approver_group,
                timeout_seconds=policy.default_timeout,
            )
        return await self.submit_assessed(
            assessment,
            text=text,
            requester=requester,
            agent=agent,
            source=source,
            confidence=confidence,
            justification=justification,
            kind=kind,
            callback_url=callback_url,
            idempotency_key=idempotency_key,
            slack=slack,
            meta=meta,
            allowed_approvers=allowed_approvers,
            skip_requester_confirmation=skip_requester_confirmation,
        )

    def _hold_unread_tail(self, assessment: Assessment, size: int) -> Assessment:
        """Text past policy.max_text_bytes went unread: whatever the head says, a person decides."""
        policy = self.config.policy
        finding = Finding(
            rule="input.too_long",
            category="input",
            reason=f"The instruction is {size} bytes; TwoKey reads {policy.max_text_bytes} "
            "(policy.max_text_bytes) and the rest was not checked, so a person decides.",
            risk="high",
        )
        if assessment.decision == "block":
            return assessment.model_copy(update={"findings": [*assessment.findings, finding]})
        risk = worst_risk(assessment.risk, "high")
        return assessment.model_copy(
            update={
                "decision": "require_approval",
                "risk": risk,
                "findings": [*assessment.findings, finding],
                "required_approvals": max(
                    assessment.required_approvals, policy.quorum.for_risk(risk)
                ),
                "approver_group": assessment.approver_group or policy.default_approver_group,
                "timeout_seconds": assessment.timeout_seconds or policy.default_timeout,
            }
        )

    async def submit_assessed(
        self,
        assessment: Assessment,
        *,
        text: str,
        requester: str | None,
        agent: str | None,
        source: str = "api",
        confidence: float | None = None,
        justification: str | None = None,
        kind: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        slack: dict[str, Any] | None = None,
        meta: dict[str, Any] | None = None,
        allowed_approvers: list[str] | None = None,
        skip_requester_confirmation: bool = False,
    ) -> tuple[RequestView, bool]:
        """Record an already-assessed instruction and start its approval if it needs one."""
        now = utcnow()
        status = self._first_status(assessment, requester, skip_requester_confirmation)
        unaskable = await self._nobody_can_decide(assessment, status, requester, allowed_approvers)
        if unaskable:
            status = Status.CANCELLED
        is_open = status in (Status.AWAITING_REQUESTER, Status.PENDING)
        found = self._blast_targets(text) if is_open else []
        blast = {"blast": {"state": "estimating", "items": [t.as_dict() for t in found]}}
        row = new_request_values(
            status=status,
            source=source,
            agent=agent,
            requester=requester,
            instruction=assessment.masked_text,
            text_sha256=text_sha256(text),
            kind=kind,
            decision=assessment.decision,
            risk=assessment.risk,
            findings=[f.model_dump() for f in assessment.findings],
            data=[d.model_dump() for d in assessment.data],
            confidence=confidence,
            justification=None,
            required_approvals=assessment.required_approvals,
            approver_group=assessment.approver_group,
            allowed_approvers=allowed_approvers,
            expires_at=now + timedelta(seconds=assessment.timeout_seconds) if is_open else None,
            decided_at=None if is_open else now,
            decided_by=None if is_open else _decider(unaskable),
            reason=unaskable,
            callback_url=callback_url,
            idempotency_key=idempotency_digest(idempotency_key),
            slack=slack or {},
            meta={
                **(meta or {}),
                **({"agent_justification": mask_text(justification)} if justification else {}),
                **(blast if found else {}),
            },
        )
        resources = [(d.name, d.classification) for d in assessment.data]
        view, created = await self.creates.create(row, resources, actor=agent or source)
        if not created and not same_submission(view, text=text, meta=meta):
            raise IdempotencyReused(view.id)
        if created:
            self._started(view, agent)
            if found:
                self.spawn(self._estimate(view.id, found, assessment))
        return view, created

    async def _nobody_can_decide(
        self,
        assessment: Assessment,
        status: Status,
        requester: str | None,
        allowed: list[str] | None,
    ) -> str | None:
        """The reason a request that would be held is closed at once instead, or None.

        Held for nobody, it would wait out its deadline with a card no one may click: it
        is cancelled by twokey (fail closed, never approved) and the requester is told."""
        if status not in (Status.AWAITING_REQUESTER, Status.PENDING):
            return None
        why = await self.eligibility.why_nobody_can_decide(
            assessment.approver_group,
            requester=requester,
            allowed=allowed,
            timeout_seconds=assessment.timeout_seconds,
            needed=assessment.required_approvals,
        )
        if why is None:
            return None
        return (
            f"TwoKey could not ask any approver: nobody may decide this request ({why}). "
            "Nothing was approved; ask again once an operator has fixed the approvers "
            "(twokey.yml) or the approvers the call allows."
        )

    def _first_status(
        self, assessment: Assessment, requester: str | None, skip_confirmation: bool
    ) -> Status:
        status = _STATUS_FOR_DECISION.get(assessment.decision)
        if status is not None:
            return status
        # An agent's justification is its own claim, not the employee's word: it never
        # stands in for the requester's confirmation.
        confirm_first = (
            self.config.policy.require_requester_confirmation
            and requester is not None
            and not skip_confirmation
        )
        return Status.AWAITING_REQUESTER if confirm_first else Status.PENDING

    def _started(self, view: RequestView, agent: str | None) -> None:
        """A new request: its deadline, its log line and the events that start its flow."""
        request_id_var.set(view.id)
        log.info("screened instruction", extra={"status": view.status, "risk": view.risk})
        if view.is_open:  # one decided at birth has no alarms to set, nor any to clear
            self.timers.schedule(view)
        self._publish("screened", view, agent)
        if view.status == Status.AWAITING_REQUESTER:
            self._publish("awaiting_requester", view, agent)
        elif view.status == Status.PENDING:
            self._publish("pending", view, agent)
        elif view.status == Status.CANCELLED:  # nobody could decide it: closed at birth
            log.error("%s closed: %s", view.id, view.reason)
            self._publish("decided", view, "twokey")

    # -- blast radius ---------------------------------------------------------

    def _blast_targets(self, text: str) -> list[Target]:
        """Destructive SQL worth estimating; only parsed on the held path, never fatal."""
        if not self.blast:
            return []
        try:
            return targets(text)
        except Exception:
            log.warning("blast radius: could not read the statements", exc_info=True)
            return []

    async def _estimate(self, request_id: str, found: list[Target], assessment: Assessment) -> None:
        """After the hold: estimate, store, and let the outbox update the card. A failure or
        a timeout shows "estimate unavailable"; nothing here touches the decision."""
        try:
            blast = await asyncio.wait_for(
                asyncio.to_thread(self.blast.estimate, found, assessment.data), self.BLAST_TIMEOUT
            )
        except Exception as exc:
            reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
            blast = {
                "state": "unavailable",
                "reason": reason,
                "items": [t.as_dict() for t in found],
            }
        await self.attach_reach(request_id, blast=blast)

    async def attach_reach(self, request_id: str, **reach: Any) -> None:
        """Store what an instruction reaches (`blast`, `audience`); the outbox refreshes the
        card. Never fatal and never a decision."""
        try:
            view = await asyncio.to_thread(self.machine.attach_reach, request_id, **reach)
        except Exception:
            log.warning("could not store %s for %s", "/".join(reach), request_id, exc_info=True)
            return
        if view is not None and view.is_open:
            self.outbox.wake()

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run context work after a hold (estimates, counts) without anyone waiting on it."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- decisions ----------------------------------------------------------

    async def confirm(self, request_id: str, *, actor: str, justification: str) -> Outcome:
        change = await asyncio.to_thread(
            self.machine.confirm,
            request_id,
            actor=actor,
            justification=mask_text(justification) or "",
        )
        return self._after(change, actor, entered_pending=True)

    async def decline(self, request_id: str, *, actor: str, reason: str | None = None) -> Outcome:
        change = await asyncio.to_thread(
            self.machine.decline, request_id, actor=actor, reason=mask_text(reason)
        )
        return self._after(change, actor)

    async def vote(
        self, request_id: str, *, voter: str, approve: bool, comment: str | None = None
    ) -> Outcome:
        request = await self.get(request_id)
        if request is None:
            return Outcome(ok=False, code="not_found", message="No such request.")
        if request.status == Status.PENDING:
            eligible, why = await self.eligibility.check(request, voter)
            if not eligible:
                code: OutcomeCode = "already_voted" if "already voted" in why else "not_eligible"
                return Outcome(ok=False, code=code, message=why, request=request)
        approvers = await self.eligibility.approvers(request)
        change = await asyncio.to_thread(
            self.machine.vote,
            request_id,
            voter=voter,
            approve=approve,
            comment=mask_text(comment),
            eligible_now=approvers,
        )
        return self._after(change, voter)

    async def cancel(self, request_id: str, *, actor: str, reason: str) -> Outcome:
        change = await asyncio.to_thread(
            self.machine.cancel, request_id, actor=actor, reason=mask_text(reason) or ""
        )
        return self._after(change, actor)

    def _close_if_unasked(
        self, s: Session, delivery: Delivery, error: str
    ) -> Callable[[], None] | None:
        """In the transaction that gives up on an effect: if it was the one asking people,
        fail closed (the request is cancelled, never approved); announce it after commit."""
        what = UNASKED.get(delivery.kind)
        if what is None or not delivery.request_id:
            return None
        reason = (
            f"TwoKey could not ask {what}: Slack did not take the message ({error}). "
            "Nothing was approved; ask again once an operator has fixed it (twokey doctor)."
        )
        change = self.machine.close_unasked(
            s, delivery.request_id, kind=delivery.kind, reason=reason
        )
        if not change.outcome.ok:
            return None

        def announce() -> None:
            log.error("%s closed: TwoKey could not ask %s (%s)", delivery.request_id, what, error)
            self._after(change, "twokey")

        return announce

    async def expire_due(self) -> None:
        """Expire everything past its deadline, in batches, and announce each.

        HumanLayer questions past their deadline expire in the same sweep. Deadline
        jobs that fire while a sweep runs only ask it to go round once more: a burst
        of deadlines becomes a few batches, not a queue of transactions each waiting
        for the database lock.
        """
        self._expire_again = True
        if self._expiring:
            return
        self._expiring = True
        try:
            while self._expire_again:
                self._expire_again = False
                expired = await self._sweep(self.machine.expire_due)
                if expired is None:
                    return
                for request in expired:
                    self.timers.forget(request.id)
                    self.release.wake(request.id)
                    self._publish("decided", request, "twokey")
                questions = await self._sweep(self.machine.expire_contacts_due)
                if questions is None:
                    return
                for contact_id in questions:
                    self.timers.forget(contact_id)
                if questions:
                    self.outbox.wake()
                if self.machine.EXPIRE_BATCH in (len(expired), len(questions)):
                    self._expire_again = True
        finally:
            self._expiring = False

    async def _sweep(self, expire: Callable[[datetime], list[T]]) -> list[T] | None:
        """One batch of `expire` (requests or questions), or None if the database is away:
        then look again shortly, so deadlines that fell in the outage fire as soon as it
        returns (not at the next sweep)."""
        try:
            return await asyncio.to_thread(expire, utcnow())
        except DBAPIError:
            log.warning("could not expire overdue requests; retrying", exc_info=True)
            self._retry_expiry()
            return None

    def _retry_expiry(self) -> None:
        scheduler = self.timers.scheduler
        if scheduler.running:
            when = utcnow() + timedelta(seconds=self.EXPIRY_RETRY)
            scheduler.add_job(
                self.expire_due, "date", run_date=when, id="expire-retry", replace_existing=True
            )

    async def _remind(self, request_id: str) -> None:
        view = await asyncio.to_thread(self.machine.mark, request_id, "reminded", actor="twokey")
        if view is not None:
            self._publish("reminder", view, "twokey")

    async def _escalate(self, request_id: str) -> None:
        view = await asyncio.to_thread(self.machine.mark, request_id, "escalated", actor="twokey")
        if view is not None:
            self._publish("escalated", view, "twokey")

    def _after(self, change: Change, actor: str, *, entered_pending: bool = False) -> Outcome:
        request = change.outcome.request
        if request is not None:
            if "decided" in change.events or "executed" in change.events:
                self.timers.forget(request.id)
                self.release.wake(request.id)
            elif entered_pending and change.outcome.ok:
                self.timers.schedule(request, entered_pending_at=utcnow())
            for kind in change.events:
                self._publish(kind, request, actor)
        return change.outcome

    # -- reads and waiting ----------------------------------------------------

    async def get(self, request_id: str) -> RequestView | None:
        return await asyncio.to_thread(self.machine.get, request_id)

    async def wait(
        self, request_id: str, timeout: float, *, recheck: float = 5.0
    ) -> RequestView | None:
        """Return as soon as the request leaves its open states, or when `timeout` runs out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, timeout)
        with self.release.waiter(request_id) as woken:
            while True:
                # Clear before reading, not after: a wake-up that lands while the read is
                # in flight must not be wiped out (it would cost a whole `recheck`).
                woken.clear()
                request = await self.get(request_id)
                if request is None or not request.is_open:
                    return request
                left = deadline - loop.time()
                if left <= 0:
                    return request
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(woken.wait(), timeout=min(left, recheck))

    async def is_eligible(self, request: RequestView, user: str) -> tuple[bool, str]:
        return await self.eligibility.check(request, user)

    async def set_slack_refs(self, request_id: str, **refs: Any) -> None:
        await asyncio.to_thread(self.machine.set_slack_refs, request_id, refs)

    async def audit(
        self, request_id: str | None, action: str, actor: str, detail: dict[str, Any]
    ) -> None:
        await asyncio.to_thread(self.machine.audit, request_id, action, actor, detail)

    # -- HumanLayer contacts (an agent's question to a person) -----------------

    @property
    def can_ask(self) -> bool:
        """Whether anyone can be asked: Slack delivers the outbox (`SlackNotifier.attach`)."""
        return self.outbox.deliverer is not None

    async def ask(self, values: dict[str, Any], *, text: str) -> tuple[ContactView, bool]:
        """Record an agent's question and queue its Slack post; `text` is everything it puts
        in front of a person, which the risk engine reads first. A question it would hold
        is recorded as refused (with why) and never delivered; a repeat of the same agent
        and call id returns the first record (created False)."""
        existing = await self.find_contact(values["agent"], values["call_id"])
        if existing is not None:
            return existing, False
        why = await asyncio.to_thread(self._question_refusal, text, values["agent"])
        values = {
            **values,
            "status": ContactStatus.REFUSED if why else ContactStatus.PENDING,
            "reason": why,
            "expires_at": None
            if why
            else utcnow() + timedelta(seconds=self.config.policy.default_timeout),
        }
        view, created = await asyncio.to_thread(self.machine.ask, values)
        if created and view.is_open and view.expires_at is not None:
            self.timers.deadline(view.id, view.expires_at)
        return view, created

    def _question_refusal(self, text: str, agent: str) -> str | None:
        try:
            return refusal(self.risk, text, agent)
        except Exception:
            log.exception("risk engine failed on a question; not delivering it")
            return "TwoKey could not read this message, so it was not delivered."

    async def post_question(self, contact_id: str) -> ContactView | None:
        """Post a pending question now and return it as it stands: posted (`slack.ts`), or
        not yet, in which case the outbox keeps trying (and a repeat tries again now)."""
        await asyncio.to_thread(self.machine.requeue_question, contact_id)
        await self.outbox.deliver_now(contact_id)
        return await self.get_contact(contact_id)

    async def given_up(self, subject: str) -> str | None:
        """Why the outbox gave up on `subject`'s latest Slack effect, if it did."""

        return await asyncio.to_thread(self.machine.given_up, subject)

    async def answer(
        self, contact_id: str, *, user: str, response: str, option: str | None = None
    ) -> ReplyOutcome:
        outcome = await asyncio.to_thread(
            self.machine.answer, contact_id, user=user, response=response, option=option
        )
        if outcome.contact is not None and not outcome.contact.is_open:
            self.timers.forget(contact_id)
            self.outbox.wake()
        return outcome

    async def get_contact(self, contact_id: str) -> ContactView | None:
        return await asyncio.to_thread(self.machine.get_contact, contact_id)

    async def find_contact(self, agent: str, call_id: str) -> ContactView | None:
        return await asyncio.to_thread(self.machine.find_contact, agent, call_id)

    # -- execution tokens ----------------------------------------------------

    def execution_token(self, request: RequestView) -> str | None:
        if request.status != Status.APPROVED or request.decided_at is None:
            return None
        expires = request.decided_at + timedelta(seconds=self.config.policy.execution_token_ttl)
        return self._signer.issue(
            TokenClaims(
                request_id=request.id,
                text_sha256=request.text_sha256,
                requester=request.requester,
                expires_at=expires,
            )
        )

    async def redeem(
        self, token: str, text: str, *, actor: str = "agent", agent: str | None = None
    ) -> Outcome:
        """Spend a token once; with `agent`, only on a request that agent made."""
        try:
            claims = self._signer.verify(token, now=utcnow())
        except ValueError as exc:
            return Outcome(ok=False, code="invalid", message=f"Refused: {exc}.")
        digest = text_sha256(text)
        if digest != claims.text_sha256:
            return Outcome(
                ok=False, code="invalid", message="Refused: this is not the approved text."
            )
        change = await asyncio.to_thread(
            self.machine.execute,
            claims.request_id,
            text_sha256=digest,
            actor=actor,
            agent=agent,
            ttl=timedelta(seconds=self.config.policy.execution_token_ttl),
        )
        return self._after(change, actor)

    # -- events ----------------------------------------------------------------

    def _publish(self, kind: str, request: RequestView, actor: str | None) -> None:
        """Deliver after commit, in order per request (a card exists before it is updated).

        The outbox is woken only for a kind that queued an effect (`shows_something`, the
        test `effects_for` applied in the transaction): an allowed request queues none, and
        a needless wake costs two write transactions (a claim and a count)."""
        if shows_something(kind, request):
            self.outbox.wake()
        if not self._subscribers:
            return
        event = RequestEvent(kind=kind, request=request, actor=actor)  # type: ignore[arg-type]
        previous = self._last_task.get(request.id)
        task = asyncio.get_running_loop().create_task(self._deliver(event, previous))
        self._last_task[request.id] = task
        self._tasks.add(task)
        task.add_done_callback(functools.partial(self._done, request.id))

    def _done(self, request_id: str, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if self._last_task.get(request_id) is task:
            del self._last_task[request_id]

    async def _deliver(self, event: RequestEvent, previous: asyncio.Task[None] | None) -> None:
        if previous is not None:
            await asyncio.gather(previous, return_exceptions=True)
        for callback in self._subscribers:
            try:
                await callback(event)
            except Exception:
                log.exception(
                    "subscriber %s failed on %s for %s",
                    getattr(callback, "__qualname__", callback),
                    event.kind,
                    event.request.id,
                )
