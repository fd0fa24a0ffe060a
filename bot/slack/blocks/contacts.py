"""Block Kit for an agent's question to a person (HumanLayer `human_as_tool`).

The question arrives masked and is escaped here, so it cannot ping anyone,
disguise a link or show a secret. Kept apart from `blocks.py` (approvals) so
the two surfaces can change independently; the small helpers are shared.
"""

from __future__ import annotations

import json
from typing import Any

from bot.approvals.view import ContactView
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

REPLY = "twokey_contact_reply"
REPLY_OPTION = "twokey_contact_option"
"""Prefix of the option buttons' action ids (`twokey_contact_option:<index>`)."""
REPLY_VIEW = "twokey_contact_reply_view"
QUESTION_PREVIEW = 2500
MAX_OPTIONS = 5


def options(view: ContactView) -> list[dict[str, Any]]:
    """The agent's suggested answers (HumanLayer `response_options`), in its order."""
    raw = (view.meta or {}).get("response_options") or []
    return [o for o in raw if isinstance(o, dict) and o.get("name")][:MAX_OPTIONS]


def option_label(option: dict[str, Any]) -> str:
    return str(option.get("title") or option.get("name"))


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
    suggested = options(view)
    if suggested:
        lines = [
            f"• *{escape(option_label(o))}*"
            + (f" — {escape(str(o['description']))}" if o.get("description") else "")
            for o in suggested
        ]
        blocks.append(mrkdwn("Suggested answers:\n" + "\n".join(lines)))
    elements = [button("Reply", REPLY, view.id, style="primary")]
    elements += [
        button(option_label(o), f"{REPLY_OPTION}:{i}", f"{view.id}:{i}")
        for i, o in enumerate(suggested)
    ]
    blocks.append({"type": "actions", "elements": elements})
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


def reply_modal(
    view: ContactView,
    *,
    channel: str | None,
    ts: str | None,
    option: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The reply form; an option prefills it (its `prompt_fill`) and is recorded with the reply."""
    where = {"id": view.id, "channel": channel, "ts": ts}
    if option is not None:
        where["option"] = str(option["name"])
    metadata = json.dumps({k: v for k, v in where.items() if v})
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": INPUT_ACTION,
        "multiline": True,
        "max_length": MAX_REASON_INPUT,
        "placeholder": {
            "type": "plain_text",
            "text": plain("The agent reads exactly what you type here.", 150),
        },
    }
    label = "Your reply"
    if option is not None:
        label = plain(f"Your reply ({option_label(option)})", 2000)
        fill = str(option.get("prompt_fill") or option_label(option))
        element["initial_value"] = fill[:MAX_REASON_INPUT]
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
                "label": {"type": "plain_text", "text": label},
                "element": element,
            },
        ],
    }
