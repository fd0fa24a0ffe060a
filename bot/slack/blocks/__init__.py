"""Every Block Kit payload TwoKey sends, in one place.

This module builds the request surfaces (hold reply, prompt, approval card,
outcomes, modals); `blocks.history` the admin history and App Home views,
`blocks.contacts` HumanLayer's questions. Both reuse the pieces below.

Rules kept here so no caller has to remember them:
- user- and agent-supplied text (instruction, reasons, justification, deny
  reasons, agent names) goes through `escape`; only ids we validated become
  mentions;
- only the masked instruction is ever rendered, never the raw text;
- every text object stays under Slack's 3,000 characters, messages under 50
  blocks, modals under 100, button values are request ids (short);
- a long instruction is cut with a "Full text" button that opens a modal
  showing all of it in pieces that each fit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.slack.blocks.blast import blast_section
from bot.slack.escape import (
    CODE_BLOCK_EXTRA,
    code_block,
    code_pieces,
    escape,
    escape_code,
    plain,
    truncate_escaped,
)

if TYPE_CHECKING:
    from bot.approvals import Outcome, RequestView
    from bot.risk.model import DataRef, Finding

Block = dict[str, Any]
Payload = dict[str, Any]
"""`{"text": fallback, "blocks": [...]}` — keyword arguments for chat.postMessage/update."""

# Interactive ids: the listeners register exactly these.
CONFIRM = "twokey_confirm"
DECLINE = "twokey_decline"
APPROVE = "twokey_approve"
APPROVE_WITH_COMMENT = "twokey_approve_comment"
DENY = "twokey_deny"
FULL_TEXT = "twokey_full_text"
JUSTIFY_VIEW = "twokey_justify"
DENY_VIEW = "twokey_deny_reason"
APPROVE_VIEW = "twokey_approve_comment_view"
SHORTCUT = "twokey_second_approval"
INPUT_BLOCK = "twokey_input"
INPUT_ACTION = "value"

MAX_TEXT = 3000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
INSTRUCTION_PREVIEW = 1200
"""Escaped characters of the instruction shown on cards and prompts before "Full text"."""
CHUNK = MAX_TEXT - 16
MAX_REASONS = 8
MAX_DATA = 10
MAX_REASON_INPUT = 2000
MESSAGE_TEXT_BUDGET = 11_000
"""Text characters per message we allow ourselves; Slack refuses above ~12,000
(`msg_blocks_too_long`)."""

_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_SLACK_GROUP = re.compile(r"^S[A-Z0-9]{2,20}$")
_PERMALINK = re.compile(r"^https://[^\s<>|]+$")

RISK_EMOJI = {"low": ":large_green_circle:", "medium": ":large_yellow_circle:"}
RISK_EMOJI |= {"high": ":large_orange_circle:", "critical": ":red_circle:"}


# ---- small pieces -----------------------------------------------------------


def user(user_id: str | None) -> str:
    """A mention for a Slack user id we trust; anything else is shown as escaped text."""
    if not user_id:
        return "someone"
    if _SLACK_USER.match(user_id):
        return f"<@{user_id}>"
    return escape(user_id)


def usergroup(group_id: str) -> str:
    return f"<!subteam^{group_id}>" if _SLACK_GROUP.match(group_id) else escape(group_id)


def date(when: datetime | None) -> str:
    """Slack date formatting: each reader sees their own time zone; the fallback is UTC."""
    if when is None:
        return "no deadline"
    fallback = when.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def mrkdwn(text: str) -> Block:
    """A section of our own mrkdwn; `verbatim` so Slack auto-links and auto-mentions nothing."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": _fit(text), "verbatim": True}}


def context(*parts: str) -> Block:
    elements = [{"type": "mrkdwn", "text": _fit(p), "verbatim": True} for p in parts if p][:10]
    return {"type": "context", "elements": elements or [{"type": "mrkdwn", "text": " "}]}


def button(label: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    out: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": plain(label, 75), "emoji": True},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        out["style"] = style
    return out


def _fit(text: str, limit: int = MAX_TEXT) -> str:
    """Keep a text object under Slack's limit (cutting between entities, never inside one)."""
    if not text:
        return " "
    if len(text) <= limit:
        return text
    cut, _ = truncate_escaped(text, limit - 1)
    # Never end inside one of our own `<@U…>`/`<!date…>`/link sequences: a half one is
    # shown literally ("<@U0DG…"), so cut before it.
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    return cut + "…"


def _link(request: RequestView) -> str:
    permalink = (request.slack or {}).get("permalink")
    if isinstance(permalink, str) and _PERMALINK.match(permalink):
        return f"<{permalink}|original message>"
    return ""


def _instruction_preview(
    request: RequestView, *, preview: int = INSTRUCTION_PREVIEW
) -> tuple[Block, bool]:
    """The masked instruction in a code block, cut to `preview` with a Full text button."""
    body, cut = truncate_escaped(escape_code(request.instruction), preview)
    text = f"*Instruction*\n{code_block(body)}"
    if cut:
        text += (
            f"\n_Shortened: {len(request.instruction):,} characters in all; "
            "*Full text* shows every one._"
        )
    block = mrkdwn(text)
    if cut:
        block["accessory"] = button("Full text", FULL_TEXT, request.id)
    return block, cut


def _reasons(findings: Sequence[Finding], decision: str) -> str:
    if not findings:
        fallback = {
            "require_approval": "Policy requires a second approval for this instruction.",
            "block": "Policy blocks this instruction.",
        }
        return "• " + fallback.get(decision, "No risky pattern found.")
    lines = [f"• {_short(' '.join(f.reason.split()), 300)}" for f in findings[:MAX_REASONS]]
    if len(findings) > MAX_REASONS:
        lines.append(f"• …and {len(findings) - MAX_REASONS} more")
    return "\n".join(lines)


CLASSIFICATION_ORDER = ("restricted", "confidential", "unclassified", "internal", "public")
"""Most sensitive first; an unknown classification ranks above the known-harmless ones."""
MAX_PII = 20
DATA_TEXT = MAX_TEXT - 200
"""Characters of the data section's lines; the rest is stated as counts, never cut."""


def _rank(ref: DataRef) -> tuple[int, int]:
    known = ref.classification in CLASSIFICATION_ORDER
    rank = CLASSIFICATION_ORDER.index(ref.classification) if known else 2
    return rank, -len(ref.pii_fields)


def _short(text: str, limit: int) -> str:
    """Escaped `text` of at most `limit` characters, with "…" when shortened."""
    cut, shortened = truncate_escaped(escape(text), limit)
    return cut + ("…" if shortened else "")


def _one_line(text: str, limit: int) -> str:
    """`_short` on one line: a newline in a name would break the list and inline code."""
    return _short(" ".join(text.split()) or "?", limit)


def _data_line(ref: DataRef) -> str:
    name, kind = _one_line(ref.name, 200), _one_line(ref.kind, 40)
    parts = [f"*{name}* ({kind}, {escape(ref.classification)})"]
    if ref.pii_fields:
        shown = ", ".join(f"`{_one_line(f, 60)}`" for f in ref.pii_fields[:MAX_PII])
        hidden = len(ref.pii_fields) - MAX_PII
        parts.append(
            "PII fields: " + shown + (f" …and {hidden} more PII field(s)" if hidden > 0 else "")
        )
    if ref.owner:
        parts.append("owner " + user(ref.owner)[:100])
    return "• " + " · ".join(parts)


def _not_shown(refs: Sequence[DataRef]) -> str:
    counts: dict[str, int] = {}
    for ref in refs:
        counts[ref.classification] = counts.get(ref.classification, 0) + 1
    order = sorted(
        counts, key=lambda c: CLASSIFICATION_ORDER.index(c) if c in CLASSIFICATION_ORDER else 2
    )
    pii = sum(len(r.pii_fields) for r in refs)
    detail = ", ".join(f"{counts[c]} {escape(c)}" for c in order)
    if pii:
        detail += f"; {pii} PII field(s) among them"
    return f"• …and {len(refs)} more: {detail}"


def data_summary(refs: Sequence[DataRef]) -> str:
    """The data at stake, most sensitive first; whatever is not listed is counted."""
    if not refs:
        return "• No catalogued data recognised."
    ordered = sorted(refs, key=_rank)
    lines: list[str] = []
    used = 0
    for n, ref in enumerate(ordered):
        line = _data_line(ref)
        rest = len(ordered) - n - 1
        reserve = 160 if rest else 0
        if n >= MAX_DATA or used + len(line) + 1 + reserve > DATA_TEXT:
            lines.append(_not_shown(ordered[n:]))
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def first_reason(request: RequestView) -> str:
    """The main reason on one line (for the thread reply), escaped."""
    if request.findings:
        more = len(request.findings) - 1
        # Callers follow it with ". ": no "Drops a table.. Please".
        reason = " ".join(request.findings[0].reason.split())[:300].rstrip(" .")
        return escape(reason) + (f" (+{more} more)" if more else "")
    return {
        "block": "policy blocks this instruction",
        "require_approval": "policy requires a second approval",
    }.get(request.decision, "policy")


def _agent(request: RequestView) -> str:
    return f"*{_short(request.agent, 80)}*" if request.agent else "_no agent_"


def _risk(request: RequestView) -> str:
    emoji = RISK_EMOJI.get(request.risk, "")
    return f"{emoji} *{escape(request.risk).upper()}*".strip()


def _progress(request: RequestView) -> str:
    needed = request.required_approvals
    return f"{request.approvals} of {needed} approval{'' if needed == 1 else 's'}"


def status_line(request: RequestView) -> str:
    who = user(request.decided_by) if request.decided_by else "TwoKey"
    when = date(request.decided_at)
    reason = escape(request.reason) if request.reason else ""
    match request.status:
        case "approved":
            line = f":white_check_mark: *Approved* by {who} at {when}"
            return line + (f": {reason}" if reason else "")
        case "executed":
            return f":white_check_mark: *Approved and carried out* (decided by {who} at {when})"
        case "denied":
            return f":x: *Denied* by {who} at {when}: {reason or 'no reason given'}"
        case "expired":
            return (
                f":hourglass: *Expired* at {when}: nobody decided in time, so it is not approved."
            )
        case "cancelled":
            return f":no_entry_sign: *Cancelled* by {who} at {when}" + (
                f": {reason}" if reason else ""
            )
        case "blocked":
            return ":no_entry: *Blocked by policy.*"
        case "allowed":
            return ":white_check_mark: *Allowed by policy.*"
        case "awaiting_requester":
            return ":hourglass_flowing_sand: Waiting for the employee to confirm."
        case _:
            return (
                f":hourglass_flowing_sand: Waiting for approvers: {_progress(request)}, "
                f"deadline {date(request.expires_at)}."
            )


# ---- the hold reply in the agent's thread -----------------------------------


def hold_reply(request: RequestView) -> Payload:
    """One line under the agent's message, visible to everyone in the conversation."""
    match request.status:
        case "blocked":
            line = (
                f":no_entry: TwoKey blocked this instruction by policy: {first_reason(request)}. "
                "Please don't act on it."
            )
        case "awaiting_requester" | "pending":
            line = (
                f":pause_button: TwoKey is holding this instruction for a second approval: "
                f"{first_reason(request)}. Please don't act on it yet. (`{request.id}`)"
            )
        case "approved" | "executed":
            line = (
                f":white_check_mark: Approved by {user(request.decided_by)} — "
                f"{user(request.requester)} may go ahead with exactly this instruction. "
                f"(`{request.id}`)"
            )
        case "denied":
            # The reason goes to the requester and the card, not to everyone in the thread.
            line = f":x: Denied by {user(request.decided_by)}. Don't act on it. (`{request.id}`)"
        case "expired":
            line = (
                ":hourglass: Nobody decided in time, so this instruction is *not* approved. "
                f"Don't act on it. (`{request.id}`)"
            )
        case "cancelled":
            line = f":no_entry_sign: Cancelled — nothing will be done. (`{request.id}`)"
        case _:
            line = f"TwoKey: {escape(request.status)} (`{request.id}`)"
    fallback = {
        "blocked": "Blocked by policy",
        "awaiting_requester": "On hold for a second approval",
        "pending": "On hold for a second approval",
    }.get(request.status, f"TwoKey: {request.status}")
    return {"text": fallback, "blocks": [mrkdwn(line)]}


# ---- the confirmation prompt to the employee --------------------------------


def prompt(request: RequestView) -> Payload:
    """Ask the employee to confirm (with a justification) or decline."""
    source = _link(request)
    intro = (
        f"{_agent(request)} asked you to do something that needs a second approval "
        f"before you act{' (' + source + ')' if source else ''}."
    )
    if request.source == "shortcut":
        intro = f"You asked TwoKey to check a message{' (' + source + ')' if source else ''}. "
        intro += "It needs a second approval before anyone acts on it."
    instruction, _ = _instruction_preview(request)
    reasons = _reasons(request.findings, request.decision)
    blocks: list[Block] = [
        mrkdwn(intro),
        instruction,
        mrkdwn(f"*Why it is held* — risk {_risk(request)}\n{reasons}"),
        mrkdwn(f"*Data involved*\n{data_summary(request.data)}"),
    ]
    if request.agent_justification:
        said = _short(request.agent_justification, 1800)
        blocks.append(mrkdwn(f"*The agent's reason*\n{said}"))
    if request.status == "awaiting_requester":
        blocks.append(
            {
                "type": "actions",
                "block_id": "twokey_prompt_actions",
                "elements": [
                    button("Request approval", CONFIRM, request.id, style="primary"),
                    button("I won't do this", DECLINE, request.id),
                ],
            }
        )
        blocks.append(
            context(
                f"`{request.id}` · answer by {date(request.expires_at)}; "
                "without an approval, don't carry it out."
            )
        )
    elif request.status == "pending":
        blocks.append(
            context(
                f":outbox_tray: Sent to the approvers ({_progress(request)}), "
                f"deadline {date(request.expires_at)}. `{request.id}`"
            )
        )
    else:
        blocks.append(mrkdwn(status_line(request)))
        blocks.append(context(f"`{request.id}`"))
    return {"text": f"Needs a second approval before you act ({request.id})", "blocks": blocks}


# ---- the approval card --------------------------------------------------------


CONFIRM_RISKS = frozenset({"high", "critical"})


def card_head(request: RequestView) -> Block:
    """The card's first block says where the request stands, so a decided card never looks
    open: a header while it waits, the outcome (who, when) once settled."""
    if request.status == "pending":
        text = plain(f"Approval needed: {request.risk} risk", 150)
        return {"type": "header", "text": {"type": "plain_text", "text": text}}
    return mrkdwn(f"{status_line(request)} — {_risk(request)} risk")


def _approve_button(request: RequestView) -> Block:
    """Approve; on high and critical risk Slack first asks "are you sure", naming the data."""
    approve = button("Approve", APPROVE, request.id, style="primary")
    if request.risk in CONFIRM_RISKS:
        ordered = sorted(request.data, key=_rank)
        names = ", ".join(f"{r.name} ({r.classification})" for r in ordered[:5])
        if len(ordered) > 5:
            names += f" and {len(ordered) - 5} more"
        stake = f"It touches {names}." if names else "It names no catalogued data."
        approve["confirm"] = {
            "title": {"type": "plain_text", "text": plain(f"Approve {request.risk} risk?", 100)},
            "text": {
                "type": "plain_text",
                "text": plain(f"{stake} The requester may act on it as soon as you approve.", 300),
            },
            "confirm": {"type": "plain_text", "text": "Approve"},
            "deny": {"type": "plain_text", "text": "Go back"},
            "style": "primary",
        }
    return approve


def card(request: RequestView) -> Payload:
    """What an approver needs to decide, and the buttons to do it while the request is open."""
    meta = [f"*Requester:* {user(request.requester)}", f"*Agent:* {_agent(request)}"]
    if link := _link(request):
        meta.append(f"*Source:* {link}")
    else:
        meta.append(f"*Source:* {escape(request.source)}")
    instruction, _ = _instruction_preview(request)
    confidence = "not given" if request.confidence is None else f"{request.confidence:.2f}"
    justification = _short(request.justification, 1000) if request.justification else ""
    justification = justification or "_none given_"
    if request.agent_justification:
        justification += f"\n_Agent's reason:_ {_short(request.agent_justification, 600)}"
    group = _short(request.approver_group, 80) if request.approver_group else "_none configured_"
    blocks: list[Block] = [
        card_head(request),
        mrkdwn("   ".join(meta)),
        instruction,
        mrkdwn(f"*Risk* {_risk(request)}\n{_reasons(request.findings, request.decision)}"),
        mrkdwn(f"*Data involved*\n{data_summary(request.data)}"),
        *([mrkdwn(reach)] if (reach := blast_section(request)) else []),
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*Agent confidence*\n{confidence}", "verbatim": True},
                {"type": "mrkdwn", "text": f"*Justification*\n{justification}", "verbatim": True},
                {
                    "type": "mrkdwn",
                    "text": f"*Approvals*\n{_progress(request)} · group {group}",
                    "verbatim": True,
                },
                {
                    "type": "mrkdwn",
                    "text": f"*Deadline*\n{date(request.expires_at)}",
                    "verbatim": True,
                },
            ],
        },
    ]
    votes = [
        f"{user(v.voter)} {'approved' if v.approve else 'denied'}"
        + (f": {_short(v.comment, 150)}" if v.comment else "")
        for v in request.votes[:9]
    ]
    if votes:
        blocks.append(context(*votes))
    if request.status == "pending":
        blocks.append(
            {
                "type": "actions",
                # Unique per request: App Home shows several cards in one view.
                "block_id": f"twokey_card_actions.{request.id}",
                "elements": [
                    _approve_button(request),
                    button("Approve with comment", APPROVE_WITH_COMMENT, request.id),
                    button("Deny", DENY, request.id, style="danger"),
                ],
            }
        )
    not_messaged = (request.slack or {}).get("not_messaged")
    if isinstance(not_messaged, int) and not_messaged > 0 and request.status == "pending":
        blocks.append(
            context(
                f":information_source: This card went by DM to a rotating few; {not_messaged} "
                + (
                    "other eligible approver was"
                    if not_messaged == 1
                    else "other eligible approvers were"
                )
                + " not messaged and can decide from TwoKey's Home."
            )
        )
    blocks.append(context(f"`{request.id}` · TwoKey checks on every click that you may decide."))
    status = "needs approval" if request.status == "pending" else request.status
    return {
        "text": f"Approval request {request.id} {status} ({request.risk} risk)",
        "blocks": blocks,
    }


def reminder(request: RequestView, approvers: Iterable[str], groups: Iterable[str] = ()) -> Payload:
    mentions = " ".join([*(user(u) for u in sorted(approvers)), *(usergroup(g) for g in groups)])
    text = (
        f":alarm_clock: Reminder: `{request.id}` still needs {_progress(request)}; "
        f"deadline {date(request.expires_at)}. {mentions}".rstrip()
    )
    return {"text": f"Reminder: {request.id} is waiting for a decision", "blocks": [mrkdwn(text)]}


def escalation(request: RequestView, people: Iterable[str], groups: Iterable[str] = ()) -> Payload:
    mentions = " ".join([*(user(u) for u in sorted(people)), *(usergroup(g) for g in groups)])
    link = _link(request)
    text = (
        f":rotating_light: Escalation: `{request.id}` ({_risk(request)} risk, requested by "
        f"{user(request.requester)}) has no decision yet; deadline {date(request.expires_at)}. "
        f"{mentions} please review{' the ' + link if link else ''}."
    )
    return {"text": f"Escalation: {request.id} needs a decision", "blocks": [mrkdwn(text)]}


# ---- telling the requester -----------------------------------------------------


def instruction_pieces(request: RequestView) -> list[str]:
    """The masked instruction, escaped, in pieces that each fit one section's code block.

    Joined, they are exactly the escaped instruction: nothing is cut afterwards.
    """
    return code_pieces(request.instruction, CHUNK - CODE_BLOCK_EXTRA)


def _piece_sections(pieces: Sequence[str]) -> list[Block]:
    return [mrkdwn(code_block(piece)) for piece in pieces]


def _message_text(blocks: Sequence[Block]) -> int:
    """Characters of text in a message's blocks, as Slack counts them for its ~12,000 cap."""
    total = 0
    for block in blocks:
        for obj in [block.get("text"), *block.get("fields", []), *block.get("elements", [])]:
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                total += len(obj["text"])
    return total


def _approved_messages(request: RequestView, head: str) -> list[Payload]:
    """The approval DM: the whole instruction, over as many messages as Slack's caps need."""
    intro = mrkdwn(
        f":white_check_mark: {head} was *approved* by {user(request.decided_by)}. "
        "You may now do exactly this — anything different needs a new approval:"
    )
    sections = _piece_sections(instruction_pieces(request))
    messages: list[list[Block]] = [[intro]]
    for section in sections:
        current = messages[-1]
        if (
            _message_text([*current, section]) > MESSAGE_TEXT_BUDGET
            or len(current) >= MAX_MESSAGE_BLOCKS - 1
        ):
            messages.append([])
        messages[-1].append(section)
    if request.reason:
        comment = context(
            f"Approver's comment: {truncate_escaped(escape(request.reason), 2000)[0]}"
        )
        if _message_text([*messages[-1], comment]) > MESSAGE_TEXT_BUDGET:
            messages.append([])
        messages[-1].append(comment)
    total = len(messages)
    out: list[Payload] = []
    for n, message in enumerate(messages, start=1):
        if total > 1:
            message.append(context(f"`{request.id}` · approved instruction, part {n} of {total}"))
        out.append(
            {
                "text": f"Approved: {request.id}" + (f" ({n}/{total})" if total > 1 else ""),
                "blocks": message,
            }
        )
    return out


def requester_outcome(request: RequestView) -> list[Payload]:
    """The DM(s) to the employee once the request is settled; more than one only when an
    approved instruction is too long for one Slack message."""
    head = f"`{request.id}` from {_agent(request)}"
    match request.status:
        case "approved":
            return _approved_messages(request, head)
        case "denied":
            blocks = [
                mrkdwn(
                    f":x: {head} was *denied* by {user(request.decided_by)}.\n"
                    f"*Reason:* {escape(request.reason) or '-'}\nPlease don't carry it out."
                )
            ]
            text = f"Denied: {request.id}"
        case "expired":
            blocks = [
                mrkdwn(
                    f":hourglass: Nobody decided on {head} in time, so it is *not approved*. "
                    "Do not proceed. If it is still needed, ask again."
                )
            ]
            text = f"Expired: {request.id} — do not proceed"
        case "cancelled":
            reason = f": {escape(request.reason)}" if request.reason else ""
            blocks = [
                mrkdwn(f":no_entry_sign: {head} was cancelled{reason}. Please don't carry it out.")
            ]
            text = f"Cancelled: {request.id}"
        case _:
            blocks = [mrkdwn(status_line(request))]
            text = f"{request.id}: {request.status}"
    return [{"text": text, "blocks": blocks}]


def outcome_message(outcome: Outcome) -> str:
    """The ephemeral answer to a click, built from the request so user text is escaped."""
    request = outcome.request
    if outcome.code == "already_decided" and request is not None and not request.is_open:
        return "Nothing changed. " + status_line(request)
    return escape(outcome.message)


def notice(text: str) -> Payload:
    """A one-section message of our own mrkdwn (ephemeral answers, warnings)."""
    return {"text": _fit(text), "blocks": [mrkdwn(text)]}


def screened_result(request: RequestView) -> Payload:
    """The answer to the message shortcut when no approval process starts."""
    match request.status:
        case "allowed":
            text = (
                f":white_check_mark: TwoKey found nothing that needs a second approval in that "
                f"message (risk {_risk(request)}). `{request.id}`"
            )
        case "blocked":
            text = (
                f":no_entry: That message is blocked by policy: {first_reason(request)}. "
                f"Please don't act on it. `{request.id}`"
            )
        case "awaiting_requester" | "pending":
            text = (
                f":pause_button: That message needs a second approval: {first_reason(request)}. "
                f"Check your DMs from TwoKey to request it. `{request.id}`"
            )
        case _:
            text = f"TwoKey already handled that message: {status_line(request)} `{request.id}`"
    return notice(text)


# ---- modals ------------------------------------------------------------------


def _metadata(request_id: str, **extra: str | None) -> str:
    return json.dumps({"id": request_id, **{k: v for k, v in extra.items() if v}})[:3000]


def parse_metadata(private_metadata: str | None) -> dict[str, str]:
    try:
        data = json.loads(private_metadata or "{}")
    except ValueError:
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _input(label: str, placeholder: str, *, optional: bool, hint: str | None = None) -> Block:
    block: Block = {
        "type": "input",
        "block_id": INPUT_BLOCK,
        "optional": optional,
        "label": {"type": "plain_text", "text": label},
        "element": {
            "type": "plain_text_input",
            "action_id": INPUT_ACTION,
            "multiline": True,
            "max_length": MAX_REASON_INPUT,
            "placeholder": {"type": "plain_text", "text": plain(placeholder, 150)},
        },
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": plain(hint, 2000)}
    return block


def _modal(
    callback_id: str, title: str, submit: str | None, blocks: list[Block], metadata: str
) -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": plain(title, 24)},
        "close": {"type": "plain_text", "text": "Cancel" if submit else "Close"},
        "blocks": blocks[:MAX_VIEW_BLOCKS],
        "private_metadata": metadata,
    }
    if submit:
        view["submit"] = {"type": "plain_text", "text": plain(submit, 24)}
    return view


def justification_modal(request: RequestView, **where: str | None) -> Block:
    return _modal(
        JUSTIFY_VIEW,
        "Request approval",
        "Send to approvers",
        [
            mrkdwn(
                f"Approvers will see the instruction, the data involved and your reason. "
                f"`{request.id}`"
            ),
            _input(
                "Why does this need to be done?",
                "e.g. Customer ticket #4821 asks for their export; scoped to one account.",
                optional=False,
            ),
        ],
        _metadata(request.id, **where),
    )


def deny_modal(request: RequestView, **where: str | None) -> Block:
    return _modal(
        DENY_VIEW,
        "Deny request",
        "Deny",
        [
            mrkdwn(f"Denying `{request.id}` from {user(request.requester)}. One denial is final."),
            _input(
                "Reason (the requester will read it)",
                "e.g. Use the anonymised replica instead.",
                optional=False,
            ),
        ],
        _metadata(request.id, **where),
    )


def approve_modal(request: RequestView, **where: str | None) -> Block:
    return _modal(
        APPROVE_VIEW,
        "Approve request",
        "Approve",
        [
            mrkdwn(f"Approving `{request.id}` for {user(request.requester)}."),
            _input("Comment (optional)", "e.g. Fine for today's incident only.", optional=True),
        ],
        _metadata(request.id, **where),
    )


def refusal_modal(why: str) -> Block:
    """What a decision form turns into when the clicker turns out not to be eligible."""
    return _modal(
        "twokey_refused_view",
        "Not yours to decide",
        None,
        [mrkdwn(f":no_entry: {escape(why) or 'You cannot decide this request.'}")],
        "{}",
    )


FULL_TEXT_ROOM = MAX_VIEW_BLOCKS - 2
"""Instruction pieces one modal holds (one block for the heading, one for a note)."""


def full_text_fits(request: RequestView) -> bool:
    """Whether the "Full text" modal can show the whole instruction."""
    return len(instruction_pieces(request)) <= FULL_TEXT_ROOM


def full_text_modal(request: RequestView, *, file_where: str = "") -> Block:
    """Every character of the masked instruction; when a modal cannot hold it all, the
    first parts and where the whole text was posted as a file (`file_where`)."""
    pieces = instruction_pieces(request)
    blocks = [mrkdwn(f"`{request.id}` · {len(request.instruction):,} characters (masked)")]
    if len(pieces) <= FULL_TEXT_ROOM:
        blocks += _piece_sections(pieces)
    else:
        shown = FULL_TEXT_ROOM
        blocks.append(
            mrkdwn(
                f":warning: Too long for a Slack modal: parts 1–{shown} of {len(pieces)} are "
                f"below. The whole text is posted as a file {file_where or 'in your DMs'}."
            )
        )
        blocks += _piece_sections(pieces[:shown])
    return _modal("twokey_full_text_view", "Full instruction", None, blocks, _metadata(request.id))


def submitted_value(view: dict[str, Any]) -> str:
    """The text typed into a TwoKey modal's single input ('' if none)."""
    values = (view.get("state") or {}).get("values") or {}
    value = (values.get(INPUT_BLOCK) or {}).get(INPUT_ACTION) or {}
    return str(value.get("value") or "").strip()
