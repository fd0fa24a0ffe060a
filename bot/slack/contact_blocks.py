"""Block Kit for an agent's question to a person (HumanLayer `human_as_tool`).

The question arrives masked and is escaped here, so it cannot ping anyone,
disguise a link or show a secret. Kept apart from `blocks.py` (approvals) so
the two surfaces can change independently; the small helpers are shared.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from bot.slack.blocks import (
    INPUT_ACTION,
    INPUT_BLOCK,
    MAX_REASON_INPUT,
    Payload,
    button,
    context,
    mrkdwn,
    user,
)
from bot.slack.escape import escape, plain, truncate_escaped

if TYPE_CHECKING:
    from bot.humanlayer.contacts import ContactView

REPLY = "twokey_contact_reply"
REPLY_VIEW = "twokey_contact_reply_view"
QUESTION_PREVIEW = 2500


def _question(view: ContactView) -> list[dict[str, Any]]:
    subject = (view.meta or {}).get("subject")
    text, cut = truncate_escaped(escape(view.message), QUESTION_PREVIEW)
    if cut:
        text += "…"
    out = [mrkdwn(f":speech_balloon: *{escape(view.agent)}* asks:")]
    if subject:
        out.append(mrkdwn(f"*{escape(str(subject))}*"))
    out.append(mrkdwn("\n".join(f"> {line}" for line in text.splitlines() or [" "])))
    return out


def question(view: ContactView) -> Payload:
    """The message that asks; the Reply button opens `reply_modal`."""
    blocks = _question(view)
    blocks.append(
        {"type": "actions", "elements": [button("Reply", REPLY, view.id, style="primary")]}
    )
    blocks.append(
        context(
            f"Your reply goes back to the agent as typed and is recorded by TwoKey. `{view.id}`"
        )
    )
    return {"text": f"{escape(view.agent)} asks you a question", "blocks": blocks}


def answered(view: ContactView) -> Payload:
    """The same message once closed: the question, who replied, no button."""
    blocks = _question(view)
    if view.status == "answered":
        note = f":white_check_mark: Answered by {user(view.responded_by)}."
        reply, _ = truncate_escaped(escape(view.response or ""), QUESTION_PREVIEW)
        blocks.append(mrkdwn(f"{note}\n>>> {reply or ' '}"))
    else:
        blocks.append(mrkdwn(":hourglass: This question expired; the agent stopped waiting."))
    blocks.append(context(f"`{view.id}`"))
    return {"text": f"{escape(view.agent)}'s question is closed", "blocks": blocks}


def reply_modal(view: ContactView, *, channel: str | None, ts: str | None) -> dict[str, Any]:
    metadata = json.dumps(
        {k: v for k, v in {"id": view.id, "channel": channel, "ts": ts}.items() if v}
    )
    return {
        "type": "modal",
        "callback_id": REPLY_VIEW,
        "title": {"type": "plain_text", "text": "Reply to the agent"},
        "submit": {"type": "plain_text", "text": "Send reply"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata,
        "blocks": [
            *_question(view),
            {
                "type": "input",
                "block_id": INPUT_BLOCK,
                "label": {"type": "plain_text", "text": "Your reply"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": INPUT_ACTION,
                    "multiline": True,
                    "max_length": MAX_REASON_INPUT,
                    "placeholder": {
                        "type": "plain_text",
                        "text": plain("The agent reads exactly what you type here.", 150),
                    },
                },
            },
        ],
    }
