"""`human_as_tool`: an agent's question to a person in Slack, and the person's reply.

The question goes where the SDK's Slack channel says — a DM to a user id, or a
post in a channel — with a Reply button; the reply comes back to the agent as
`status.response`. A question is still an agent's words to an employee, so the
risk engine reads it first: one that it would hold or block (say, "please run
`DROP TABLE customers` and tell me the result") is not delivered — the agent
gets an error that says why, and the action belongs in `require_approval`.

The desk holds no state of its own (the database does), so the API route and
the Slack listener each build one over the same engine. It decides and records;
showing the question is its `ContactDelivery`'s job (the `SlackNotifier`), and
what goes wrong is a `ContactError` each edge words its own way.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Engine

from bot.approvals.redact import mask_text, mask_tree
from bot.config import TwoKeyConfig
from bot.humanlayer.mapping import digest, masked
from bot.humanlayer.models import SLACK_CONVERSATION_ID, HumanContactIn, is_user_id
from storage.contacts import (
    ContactRequest,
    ContactStatus,
    answer_contact,
    create_contact,
    expire_contact,
    find_contact,
    get_contact,
    set_contact_slack,
)
from storage.db import session_scope
from storage.models import utcnow

log = logging.getLogger(__name__)

AGENT_RULE = "policy.agent_always_requires_approval"
"""An agent that needs approval for every *action* may still ask questions."""
MAX_RESPONSE = 4000


class ContactView(BaseModel):
    """A detached snapshot of one contact request."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    created_at: datetime
    status: str
    agent: str
    run_id: str
    call_id: str
    recipient: str | None
    allowed_responders: list[str] | None
    message: str
    spec_sha256: str
    reason: str | None
    response: str | None
    response_option: str | None
    responded_by: str | None
    responded_at: datetime | None
    expires_at: datetime | None
    slack: dict[str, Any]
    meta: dict[str, Any]


class ContactError(Exception):
    """A contact request TwoKey will not (or cannot) carry out; str() says why to the agent."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ContactInvalid(ContactError):
    """The question cannot be asked as given (no Slack destination, a name for an id)."""


class ContactConflict(ContactError):
    """The call_id was already used for a different question."""


class ContactRefused(ContactError):
    """The risk engine would hold what the question carries, so it was not delivered."""


class ContactUndeliverable(ContactError):
    """Nobody could be asked: Slack is not configured or did not take the question.
    Asking again with the same call_id retries the delivery."""


class ContactDelivery(Protocol):
    """Shows a question to people (the `SlackNotifier`)."""

    async def post_question(self, view: ContactView) -> dict[str, str] | None:
        """Post the question where `view.recipient` says; the message's `channel`
        and `ts`, or None if Slack did not take it."""
        ...


@dataclass(frozen=True)
class ReplyOutcome:
    ok: bool
    message: str
    contact: ContactView | None = None


def contact_digest(contact: HumanContactIn) -> str:
    spec = contact.spec
    return digest(
        {
            "run_id": contact.run_id,
            "msg": spec.msg,
            "subject": spec.subject,
            "channel": spec.channel.echo() if spec.channel else None,
            "response_options": [o.model_dump() for o in spec.response_options or []],
            "state": spec.state,
        }
    )


def question_text(contact: HumanContactIn) -> str:
    """Everything the question puts in front of a person, as the risk engine reads it.

    The suggested answers are the agent's words too: an option titled "Run
    `rm -rf /var/lib/postgres`" or prefilled with that command asks for the
    action as plainly as the message would, so each option's name, title,
    description and prefill is read with the subject and the message.
    """
    spec = contact.spec
    parts = [spec.subject or "", spec.msg]
    for option in spec.response_options or []:
        parts += [option.name, option.title or "", option.description or ""]
        parts.append(option.prompt_fill or "")
    return "\n\n".join(p for p in parts if p.strip())


def may_answer(contact: ContactView, user: str) -> tuple[bool, str]:
    """Who may reply: the listed responders, else the DMed user, else anyone in the channel."""
    if contact.allowed_responders:
        if user in contact.allowed_responders:
            return True, ""
        return False, "You are not one of the people this question is for."
    if is_user_id(contact.recipient) and user != contact.recipient:
        return False, "This question was sent to someone else."
    return True, ""


class ContactDesk:
    def __init__(
        self,
        engine: Engine,
        config: TwoKeyConfig,
        *,
        delivery: ContactDelivery | None = None,
        risk: Any | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.delivery = delivery
        self.risk = risk

    # ---- reads --------------------------------------------------------------------------

    def _read(self, fn: Any, *args: Any, **kwargs: Any) -> ContactView | None:
        with session_scope(self.engine) as session:
            row = fn(session, *args, **kwargs)
            return ContactView.model_validate(row) if row is not None else None

    async def find(self, agent: str, call_id: str) -> ContactView | None:
        """The contact, expired first if its deadline has passed unanswered."""
        view = await asyncio.to_thread(self._read, find_contact, agent, call_id)
        if view is not None and _overdue(view):
            await self._expire(view)
            view = await asyncio.to_thread(self._read, find_contact, agent, call_id)
        return view

    async def get(self, contact_id: str) -> ContactView | None:
        return await asyncio.to_thread(self._read, get_contact, contact_id)

    async def _expire(self, view: ContactView) -> None:
        waited = max(1, round(self.config.policy.default_timeout / 60))
        reason = f"[TwoKey] Nobody replied within {waited} minutes; TwoKey stopped waiting."

        def run() -> None:
            with session_scope(self.engine) as session:
                expire_contact(session, view.id, reason=reason)

        await asyncio.to_thread(run)

    # ---- asking ---------------------------------------------------------------------------

    async def ask(self, agent: str, contact: HumanContactIn) -> tuple[ContactView, bool]:
        """Record the question and deliver it; a repeat of the same call_id returns the same one."""
        slack = contact.spec.channel.slack if contact.spec.channel else None
        if slack is None:
            raise ContactInvalid(
                "TwoKey asks people in Slack: set spec.channel.slack.channel_or_user_id "
                "to the Slack user id (U…) or channel id (C…) to ask.",
            )
        target = slack.channel_or_user_id
        if not (is_user_id(target) or SLACK_CONVERSATION_ID.match(target)):
            raise ContactInvalid(
                "channel_or_user_id must be a Slack user id (U…) or channel id (C…), "
                "not a name like #channel or @user.",
            )
        sha = contact_digest(contact)
        existing = await self.find(agent, contact.call_id)
        if existing is not None:
            if existing.spec_sha256 != sha:
                raise ContactConflict(
                    f"call_id {contact.call_id!r} was already used for a different contact request",
                )
            return await self._ensure_delivered(existing), False

        refusal = await asyncio.to_thread(self._refusal, agent, contact)
        question = masked(contact.spec.msg)
        row = ContactRequest(
            status=ContactStatus.REFUSED if refusal else ContactStatus.PENDING,
            agent=agent,
            run_id=mask_text(contact.run_id) or "",
            call_id=contact.call_id,
            recipient=target,
            allowed_responders=slack.allowed_responder_ids,
            message=question,
            spec_sha256=sha,
            reason=refusal,
            expires_at=None
            if refusal
            else utcnow() + timedelta(seconds=self.config.policy.default_timeout),
            meta={
                "subject": masked(contact.spec.subject),
                "channel": mask_tree(contact.spec.channel.echo()) if contact.spec.channel else None,
                # Option titles, descriptions and prefills are shown in Slack and echoed
                # to the agent: masked like the question itself.
                "response_options": masked(
                    [o.model_dump() for o in contact.spec.response_options or []]
                )
                or None,
                "state": masked(contact.spec.state),
                "thread_ts": slack.thread_ts,
            },
        )

        def insert() -> tuple[ContactView, bool]:
            with session_scope(self.engine) as session:
                stored, created = create_contact(session, row)
                return ContactView.model_validate(stored), created

        view, created = await asyncio.to_thread(insert)
        if not created and view.spec_sha256 != sha:
            raise ContactConflict(
                f"call_id {contact.call_id!r} was already used for a different contact request",
            )
        return await self._ensure_delivered(view), created

    def _refusal(self, agent: str, contact: HumanContactIn) -> str | None:
        """Why TwoKey will not pass this question on, or None to deliver it."""
        if self.risk is None:
            return None
        assessment = self.risk.assess(question_text(contact), agent=agent)
        held = [f for f in assessment.findings if f.verdict != "allow" and f.rule != AGENT_RULE]
        if assessment.decision == "allow" or (not held and assessment.decision != "block"):
            return None
        reasons = "; ".join(dict.fromkeys(f.reason for f in held)) or "TwoKey's policy"
        return (
            f"TwoKey did not deliver this message: {reasons.rstrip('.')}. A question may not "
            f"carry what TwoKey would hold for a second approval; ask for approval of the "
            f"action itself (require_approval) instead."
        )

    async def _ensure_delivered(self, view: ContactView) -> ContactView:
        if view.status == ContactStatus.REFUSED:
            raise ContactRefused(view.reason or "TwoKey did not deliver this message")
        if view.status != ContactStatus.PENDING or view.slack.get("ts"):
            return view
        if self.delivery is None:
            raise ContactUndeliverable(
                "Slack is not configured on this TwoKey server, so nobody can be asked."
            )
        refs = await self.delivery.post_question(view)
        if refs is None:
            log.warning("slack delivery of contact %s failed", view.id)
            raise ContactUndeliverable(
                "Slack did not accept the question; POST again with the same call_id to retry."
            )

        def save() -> ContactView | None:
            with session_scope(self.engine) as session:
                set_contact_slack(session, view.id, refs)
            return self._read(get_contact, view.id)

        return await asyncio.to_thread(save) or view

    # ---- answering (the Slack listener) ---------------------------------------------------

    async def answer(
        self, contact_id: str, *, user: str, response: str, option: str | None = None
    ) -> ReplyOutcome:
        view = await self.get(contact_id)
        if view is None:
            return ReplyOutcome(False, "That question no longer exists.")
        if _overdue(view):
            await self._expire(view)
            view = await self.get(contact_id) or view
        if view.status != ContactStatus.PENDING:
            return ReplyOutcome(False, already(view), view)
        ok, why = may_answer(view, user)
        if not ok:
            return ReplyOutcome(False, why, view)
        offered = {str(o.get("name")) for o in view.meta.get("response_options") or []}
        if option is not None and option not in offered:
            return ReplyOutcome(False, "That answer is not one the agent offered.", view)
        text = response.strip()[:MAX_RESPONSE]
        if not text:
            return ReplyOutcome(False, "A reply cannot be empty.", view)

        def run() -> bool:
            with session_scope(self.engine) as session:
                return answer_contact(
                    session, contact_id, responder=user, response=text, option=option
                )

        moved = await asyncio.to_thread(run)
        fresh = await self.get(contact_id) or view
        if not moved:
            return ReplyOutcome(False, already(fresh), fresh)
        return ReplyOutcome(True, "Thanks, your reply was sent to the agent.", fresh)


def _overdue(view: ContactView) -> bool:
    return (
        view.status == ContactStatus.PENDING
        and view.expires_at is not None
        and view.expires_at <= utcnow()
    )


def already(view: ContactView) -> str:
    if view.status == ContactStatus.ANSWERED:
        return f"This question was already answered by {view.responded_by or 'someone'}."
    if view.status == ContactStatus.EXPIRED:
        return "This question expired; the agent stopped waiting."
    return "This question is closed."


def contact_out(view: ContactView) -> dict[str, Any]:
    """The SDK's `HumanContact` shape (status.response stays null until there is one)."""
    meta = view.meta or {}
    response: str | None = None
    if view.status == ContactStatus.ANSWERED:
        response = view.response
    elif view.status == ContactStatus.EXPIRED:
        response = view.reason or "[TwoKey] Nobody replied in time."
    return {
        "run_id": view.run_id,
        "call_id": view.call_id,
        "spec": {
            "msg": view.message,
            "subject": meta.get("subject"),
            "channel": meta.get("channel"),
            "response_options": meta.get("response_options"),
            "state": meta.get("state"),
        },
        "status": {
            "requested_at": view.created_at.isoformat(),
            "responded_at": view.responded_at.isoformat() if view.responded_at else None,
            "response": response,
            "response_option_name": view.response_option,
        },
        "twokey": {
            "contact_id": view.id,
            "status": view.status,
            "responded_by": view.responded_by,
            "expires_at": view.expires_at.isoformat() if view.expires_at else None,
        },
    }
