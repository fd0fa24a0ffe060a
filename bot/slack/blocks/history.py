"""Block Kit for the admin side of `/twokey`: history pages, full records, stats, help.

Built on the pieces in `bot.slack.blocks` (mentions only for validated user
ids, `escape` for everything users or agents wrote, `_fit`-limited text), so
the same rules hold: the masked instruction is the only text of an instruction
ever shown, and nothing here can ping a channel or disguise a link.
"""

from __future__ import annotations

import json
from typing import Any

from bot.risk.model import DataRef
from bot.slack import blocks
from bot.slack.escape import code_block, escape, escape_code, truncate_escaped
from storage.history import HistoryRecord, RecordDetail, Stats

Payload = blocks.Payload
Block = blocks.Block

HISTORY_NEXT = "twokey_history_next"
"""Action id of the "Next page" button; its value is the filter with the cursor."""
SLACK_PAGE = 10
"""Records per Slack page: one section each keeps a page far under 50 blocks."""
MAX_EVENTS = 20
MAX_VOTES = 10

STATUS_EMOJI = {
    "allowed": ":large_green_circle:",
    "blocked": ":no_entry_sign:",
    "awaiting_requester": ":hourglass_flowing_sand:",
    "pending": ":hourglass_flowing_sand:",
    "approved": ":white_check_mark:",
    "executed": ":white_check_mark:",
    "denied": ":no_entry:",
    "expired": ":hourglass:",
    "cancelled": ":heavy_minus_sign:",
}

ADMIN_HELP = (
    "*TwoKey admin commands* (answers are visible only to you)\n"
    "• `/twokey history [filters]` — newest first, 10 per page. Filters: "
    "`status:denied` `resource:customers` `agent:opsbot` `risk:high` "
    "`requester:@someone` `approver:@someone` `since:7d` `until:2026-11-20` "
    "(also `12h`, `30m`, `2w`, ISO dates).\n"
    "• `/twokey show TK-…` — the full record: instruction (masked), findings, data, "
    "every vote and audit event.\n"
    "• `/twokey pending` — what is waiting for a decision now.\n"
    "• `/twokey stats [since]` — counts, decision times, expiry rate, top agents "
    "and resources (default: last 7 days).\n"
    "• `/twokey export [filters]` — the matching history as CSV, sent to you by DM.\n"
    "• `/twokey help` — this."
)

REFUSAL = (
    "Sorry, `/twokey {sub}` is only for TwoKey admins. If you need a record, ask one of "
    "them; `/twokey show TK-…` works for requests you are involved in."
)


def _when(value: Any) -> str:
    return blocks.date(value) if value else "—"


def _seq(seq: int | None) -> str:
    """An event's place in the audit chain; a just-written one is not chained yet."""
    return f"#{seq}" if seq is not None else "(unsealed)"


def _people(ids: list[str]) -> str:
    return ", ".join(blocks.user(i) for i in ids) if ids else "—"


def _preview(text: str, limit: int) -> str:
    cut, more = truncate_escaped(escape(" ".join(text.split())), limit)
    return cut + ("…" if more else "")


def record_line(r: HistoryRecord) -> str:
    """One request in a list: id, outcome, who, what data, when, why."""
    emoji = STATUS_EMOJI.get(r.status, ":grey_question:")
    risk = blocks.RISK_EMOJI.get(r.risk, "")
    head = f"{emoji} `{escape(r.id)}` *{escape(r.status)}* · {risk} {escape(r.risk)}"
    who = f"agent *{escape(r.agent or '—')}* → {blocks.user(r.requester)}"
    parts = [head, f"{who} · {_when(r.created_at)}"]
    if r.approvers:
        parts.append(f"approvers: {_people(r.approvers)}")
    if r.resources:
        parts.append("data: " + ", ".join(f"`{escape(x)}`" for x in r.resources[:8]))
    if r.reason:
        parts.append(f"reason: _{_preview(r.reason, 200)}_")
    parts.append(f"> {_preview(r.instruction, 240)}")
    return "\n".join(parts)


def describe_filter(filters: dict[str, Any]) -> str:
    shown = {k: v for k, v in filters.items() if v not in (None, [], "") and k != "cursor"}
    if not shown:
        return "all requests"
    return " ".join(f"`{escape(k)}:{escape(str(v))}`" for k, v in sorted(shown.items()))


def history_page(
    records: list[HistoryRecord],
    filters: dict[str, Any],
    *,
    next_value: str | None,
    title: str = "History",
) -> Payload:
    """A compact, ephemeral page of records with a "Next page" button when more exist."""
    summary = describe_filter(filters)
    out: list[Block] = [blocks.mrkdwn(f"*{escape(title)}* — {summary}")]
    if not records:
        out.append(blocks.mrkdwn("No requests match."))
    for r in records[:SLACK_PAGE]:
        out.append(blocks.mrkdwn(record_line(r)))
    if next_value:
        out.append(
            {
                "type": "actions",
                "elements": [blocks.button("Next page", HISTORY_NEXT, next_value)],
            }
        )
    out.append(blocks.context("`/twokey show TK-…` for a full record · `/twokey help`"))
    return {"text": f"TwoKey {title.lower()}: {len(records)} shown", "blocks": out}


def _facts(detail: RecordDetail) -> str:
    r = detail.record
    lines = [
        f"*Status:* {STATUS_EMOJI.get(r.status, '')} {escape(r.status)}"
        f" · *Risk:* {escape(r.risk)} · *Decision:* {escape(r.decision)}",
        f"*Agent:* {escape(r.agent or '—')} · *Requester:* {blocks.user(r.requester)}"
        f" · *Source:* {escape(r.source)}",
        f"*Created:* {_when(r.created_at)} · *Expires:* {_when(r.expires_at)}",
        f"*Decided:* {_when(r.decided_at)}"
        + (f" by {blocks.user(r.decided_by)}" if r.decided_by else ""),
    ]
    if r.reason:
        lines.append(f"*Reason:* {_preview(r.reason, 600)}")
    if r.executed_at:
        lines.append(f"*Executed:* {_when(r.executed_at)}")
    lines.append(
        f"*Approvals needed:* {detail.required_approvals}"
        + (f" from `{escape(detail.approver_group)}`" if detail.approver_group else "")
        + f" · *Approvers:* {_people(r.approvers)}"
    )
    if detail.justification:
        lines.append(f"*Justification:* {_preview(detail.justification, 600)}")
    if detail.confidence is not None:
        lines.append(f"*Agent confidence:* {detail.confidence:.2f}")
    return "\n".join(lines)


def _instruction(request_id: str, body: str, cut: bool, total: int) -> Block:
    block = blocks.mrkdwn(
        "*Instruction (masked)*\n"
        + code_block(body)
        + (
            f"\n_Shortened: {total:,} characters in all; *Full text* shows every one._"
            if cut
            else ""
        )
    )
    if cut:
        block["accessory"] = blocks.button("Full text", blocks.FULL_TEXT, request_id)
    return block


def _ref(data: dict[str, Any]) -> DataRef:
    """A stored data entry as the card shows it (an unreadable one by its name only)."""
    try:
        return DataRef.model_validate(data)
    except ValueError:
        return DataRef(name=str(data.get("name") or "?"))


def record_detail(detail: RecordDetail) -> Payload:
    """Everything an auditor asks about one request, within one message's limits."""
    r = detail.record
    instruction, cut = truncate_escaped(escape_code(r.instruction), blocks.INSTRUCTION_PREVIEW)
    out: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Request {r.id}"[:150]}},
        blocks.mrkdwn(_facts(detail)),
        _instruction(r.id, instruction, cut, len(r.instruction)),
    ]
    if detail.findings:
        lines = [
            f"• `{escape(str(f.get('rule', '')))}` ({escape(str(f.get('risk', '')))}): "
            f"{_preview(str(f.get('reason', '')), 300)}"
            for f in detail.findings[: blocks.MAX_REASONS]
        ]
        out.append(blocks.mrkdwn("*Findings*\n" + "\n".join(lines)))
    if detail.data:
        refs = [_ref(d) for d in detail.data]
        out.append(blocks.mrkdwn("*Data involved*\n" + blocks.data_summary(refs)))
    if detail.votes:
        lines = [
            f"• {_when(v.created_at)} {blocks.user(v.voter)} "
            + ("*approved*" if v.approve else "*denied*")
            + (f": _{_preview(v.comment, 300)}_" if v.comment else "")
            for v in detail.votes[:MAX_VOTES]
        ]
        out.append(blocks.mrkdwn("*Votes*\n" + "\n".join(lines)))
    else:
        out.append(blocks.mrkdwn("*Votes*\nNone."))
    if detail.events:
        shown = detail.events[-MAX_EVENTS:]
        lines = [
            f"• {_seq(e.seq)} {_when(e.at)} `{escape(e.action)}` by {escape(e.actor)}"
            + (f" — {_preview(json.dumps(e.detail, sort_keys=True), 200)}" if e.detail else "")
            for e in shown
        ]
        more = len(detail.events) - len(shown)
        head = "*Audit events*" + (
            f" (latest {len(shown)} of {len(detail.events)})" if more else ""
        )
        out.append(blocks.mrkdwn(head + "\n" + "\n".join(lines)))
    else:
        out.append(blocks.mrkdwn("*Audit events*\nNone."))
    out.append(blocks.context("Full record for scripts: `twokey show " + escape(r.id) + " --json`"))
    return {"text": f"TwoKey request {r.id}: {r.status}", "blocks": out}


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    value = round(value, 1)  # SQLite's julianday arithmetic leaves 119.99999…
    if value < 120:
        return f"{value:.0f} s"
    if value < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"


def stats_blocks(st: Stats, label: str) -> list[Block]:
    by_status = " · ".join(f"{escape(k)} {v}" for k, v in st.by_status.items()) or "none"
    by_risk = " · ".join(f"{escape(k)} {v}" for k, v in st.by_risk.items()) or "none"
    rate = "—" if st.expiry_rate is None else f"{st.expiry_rate:.1%}"
    agents = ", ".join(f"{escape(a.name)} ({a.count})" for a in st.top_agents) or "—"
    resources = ", ".join(f"`{escape(x.name)}` ({x.count})" for x in st.top_resources) or "—"
    return [
        blocks.mrkdwn(
            f"*TwoKey stats* — {escape(label)}: *{st.total}* "
            + ("instruction" if st.total == 1 else "instructions")
            + " screened"
        ),
        blocks.mrkdwn(
            f"*By status:* {by_status}\n*By risk:* {by_risk}\n"
            f"*Time to decision:* median {_seconds(st.median_decision_seconds)}, "
            f"p90 {_seconds(st.p90_decision_seconds)} ({st.decided} decided by people)\n"
            f"*Expiry rate:* {rate} ({st.expired} expired)\n"
            f"*Top agents:* {agents}\n*Top resources:* {resources}"
        ),
    ]


def stats_message(st: Stats, label: str) -> Payload:
    return {"text": f"TwoKey stats ({label})", "blocks": stats_blocks(st, label)}


def export_comment(count: int, filters: dict[str, Any], *, capped: bool) -> str:
    text = f"TwoKey history export: {count} records ({describe_filter(filters)})."
    if capped:
        text += " The export stopped at this many rows; narrow the filters for the rest."
    return text


# --- App Home ----------------------------------------------------------------------

MAX_HOME_CARDS = 5
"""Cards with buttons on the Home tab; the rest are counted, keeping the view under 100 blocks."""
HOME_LIST = 5


def home_view(
    *,
    waiting: list[Payload],
    waiting_more: int,
    mine: list[HistoryRecord],
    admin_stats: Stats | None,
    latest: list[HistoryRecord],
) -> dict[str, Any]:
    """The Home tab: what waits for this person, what they asked, and (admins) the overview.

    `waiting` holds approval cards (`blocks.card`) with the same buttons as in the
    approvals channel, so deciding from Home goes through the same checks.
    """
    out: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "TwoKey"}},
        blocks.context("A second person between an AI agent's risky instruction and the action."),
    ]
    if waiting:
        out.append(blocks.mrkdwn(f"*Waiting for your decision* ({len(waiting) + waiting_more})"))
        for card in waiting[:MAX_HOME_CARDS]:
            out.append({"type": "divider"})
            out.extend(card.get("blocks", []))
        if waiting_more:
            out.append(blocks.context(f"…and {waiting_more} more in the approvals channel."))
    else:
        out.append(blocks.mrkdwn("*Waiting for your decision*\nNothing right now."))
    out.append({"type": "divider"})
    if mine:
        out.append(blocks.mrkdwn("*Your recent requests*"))
        out.extend(blocks.mrkdwn(record_line(r)) for r in mine[:HOME_LIST])
    else:
        out.append(blocks.mrkdwn("*Your recent requests*\nNone yet."))
    if admin_stats is not None:
        out.append({"type": "divider"})
        out.extend(stats_blocks(admin_stats, "last 7 days"))
        out.append(blocks.mrkdwn("*Latest decisions*" if latest else "*Latest decisions*\nNone."))
        out.extend(blocks.mrkdwn(record_line(r)) for r in latest[:HOME_LIST])
        out.append(blocks.context("`/twokey help` for history, records, stats and exports."))
    return {"type": "home", "blocks": out[: blocks.MAX_VIEW_BLOCKS]}
