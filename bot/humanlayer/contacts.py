"""`human_as_tool`: an agent's question to a person in Slack, and the person's reply.

The question goes where the SDK's Slack channel says — a DM to a user id, or a
post in a channel — with a Reply button; the reply comes back to the agent as
`status.response`. The approval service owns the rest: the risk engine reads a
question before it is delivered (one it would hold is refused, and the agent
is told why), the state machine records it and its reply or expiry once, its
deadline is a timer, and the outbox posts it. This desk only translates the
SDK's shapes to the service's and the service's answers to `ContactError`s each
edge words its own way.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.approvals import ApprovalService
from bot.approvals.redact import mask_text, mask_tree
from bot.approvals.view import ContactView
from bot.humanlayer.mapping import digest, masked
from bot.humanlayer.models import (
    SLACK_CONVERSATION_ID,
    HumanContactIn,
    SlackChannelIn,
    is_user_id,
)
from storage.contacts import ContactStatus

log = logging.getLogger(__name__)


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


class ContactRefusedBySlack(ContactError):
    """Slack refused the question in a way no retry cures (a missing channel, a revoked
    token), or every retry failed: TwoKey is not trying any more. Asking again with the
    same call_id tries once more (after the operator's fix)."""


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


def _slack_channel(contact: HumanContactIn) -> SlackChannelIn:
    """Where to ask: a Slack user or channel id, never a name."""
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
    return slack


class ContactDesk:
    """The HumanLayer contact API's view of the approval service."""

    def __init__(self, service: ApprovalService) -> None:
        self.service = service

    async def find(self, agent: str, call_id: str) -> ContactView | None:
        return await self.service.find_contact(agent, call_id)

    async def ask(self, agent: str, contact: HumanContactIn) -> tuple[ContactView, bool]:
        """Record the question and deliver it; a repeat of the same call_id returns the same one."""
        slack = _slack_channel(contact)
        target = slack.channel_or_user_id
        if not self.service.can_ask:
            raise ContactUndeliverable(
                "Slack is not configured on this TwoKey server, so nobody can be asked."
            )
        sha = contact_digest(contact)
        values = {
            "agent": agent,
            "run_id": mask_text(contact.run_id) or "",
            "call_id": contact.call_id,
            "recipient": target,
            "allowed_responders": slack.allowed_responder_ids,
            "message": masked(contact.spec.msg),
            "spec_sha256": sha,
            "meta": {
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
        }
        view, created = await self.service.ask(values, text=question_text(contact))
        if view.spec_sha256 != sha:
            raise ContactConflict(
                f"call_id {contact.call_id!r} was already used for a different contact request",
            )
        if view.status == ContactStatus.REFUSED:
            raise ContactRefused(view.reason or "TwoKey did not deliver this message")
        return await self._posted(view), created

    async def _posted(self, view: ContactView) -> ContactView:
        """The question once Slack has it; 503 (the outbox keeps trying) if Slack did not."""
        if not view.is_open or view.slack.get("ts"):
            return view
        posted = await self.service.post_question(view.id) or view
        if posted.is_open and not posted.slack.get("ts"):
            log.warning("slack delivery of contact %s failed", view.id)
            given_up = await self.service.given_up(view.id)
            if given_up is not None:
                raise ContactRefusedBySlack(
                    f"Slack refused the question ({given_up}) and TwoKey is not retrying it: "
                    "nobody was asked. An operator should fix the cause (twokey doctor); "
                    "then POST again with the same call_id."
                )
            raise ContactUndeliverable(
                "Slack did not accept the question yet; TwoKey keeps trying. POST again "
                "with the same call_id to try now and see whether it was delivered."
            )
        return posted


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
