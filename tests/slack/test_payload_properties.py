"""For any instruction, data context and votes, every payload is one Slack accepts, and
the whole instruction stays reachable (issue 14).

"Accepts" means both slack_sdk's Block Kit models (which parse, validate limits and
round-trip every key we send) and the stand-in's checks (what Slack refuses that the
models let through: repeated block ids, the ~12,000-character message cap, …).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.approvals import VoteView
from bot.demo.slack_standin import check_message_blocks, check_view
from bot.risk.model import DataRef, Finding
from bot.slack import blocks
from bot.slack.blocks import history as hb
from bot.slack.escape import code_content, escape_code
from tests.slack.strategies import instructions
from tests.slack.test_blocks import NOW, view

words = st.text(max_size=120) | instructions.map(lambda t: t[:400])
user_ids = st.sampled_from(["U0DGOV002", "U0DGOV003", "W0EXT0001", "<!here>", "", "U1"])
data_refs = st.lists(
    st.builds(
        DataRef,
        name=words.filter(bool) | st.just("customers"),
        kind=st.sampled_from(["table", "bucket", "<!channel>", "x" * 90]),
        classification=st.sampled_from(
            ["public", "internal", "confidential", "restricted", "unclassified"]
        ),
        pii_fields=st.lists(words, max_size=30),
        owner=st.none() | user_ids,
    ),
    max_size=40,
)
votes = st.lists(
    st.builds(
        VoteView,
        voter=user_ids.filter(bool),
        approve=st.booleans(),
        comment=st.none() | words,
        created_at=st.just(NOW),
    ),
    max_size=12,
)
findings = st.lists(
    st.builds(Finding, rule=st.just("r"), category=st.just("c"), reason=words.filter(bool)),
    max_size=12,
)
STATUSES = ["pending", "awaiting_requester", "approved", "executed", "denied", "expired"]
STATUSES += ["cancelled", "blocked", "allowed"]


def slack_sdk_accepts(payload_blocks: list[dict[str, Any]]) -> None:
    for raw, parsed in zip(payload_blocks, Block.parse_all(payload_blocks), strict=True):
        assert parsed is not None, raw
        parsed.validate_json()
        assert parsed.to_dict() == raw  # nothing we send is unknown to the models


def message_ok(payload: dict[str, Any]) -> None:
    assert payload["text"]
    check_message_blocks(payload["blocks"])
    slack_sdk_accepts(payload["blocks"])


def view_ok(modal: dict[str, Any]) -> None:
    check_view(modal)
    View(**modal).validate_json()
    slack_sdk_accepts(modal["blocks"])


def code_of(shown: list[dict[str, Any]]) -> str:
    out = []
    for block in shown:
        text = (block.get("text") or {}).get("text", "")
        if text.startswith("```"):
            out.append(code_content(text))
    return "".join(out)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    instruction=instructions.filter(bool),
    data=data_refs,
    vote_list=votes,
    finding_list=findings,
    status=st.sampled_from(STATUSES),
    risk=st.sampled_from(["low", "medium", "high", "critical"]),
    text=words,
    decider=user_ids,
)
def test_every_payload_is_valid_and_the_full_text_reachable(
    instruction: str,
    data: list[DataRef],
    vote_list: list[VoteView],
    finding_list: list[Finding],
    status: str,
    risk: str,
    text: str,
    decider: str,
) -> None:
    request = view(
        instruction=instruction,
        data=data,
        votes=vote_list,
        findings=finding_list,
        status=status,
        risk=risk,
        justification=text or None,
        agent=text or None,
        reason=text or None,
        decided_by=decider or None,
        decided_at=NOW,
        expires_at=NOW + timedelta(minutes=5),
    )
    for payload in (
        blocks.card(request),
        blocks.prompt(request),
        blocks.hold_reply(request),
        blocks.reminder(request, ["U0DGOV002"]),
        blocks.escalation(request, ["U0SEC0001"], ["S0SECURITY"]),
        blocks.screened_result(request),
        *blocks.requester_outcome(request),
    ):
        message_ok(payload)
    for modal in (
        blocks.full_text_modal(request),
        blocks.deny_modal(request, channel="C0APPROVALS", ts="1.2"),
        blocks.approve_modal(request),
        blocks.justification_modal(request),
    ):
        view_ok(modal)
    home = hb.home_view(
        waiting=[
            blocks.card(request.model_copy(update={"status": "pending", "id": f"TK-{n}"}))
            for n in range(hb.MAX_HOME_CARDS)
        ],
        waiting_more=3,
        mine=[],
        admin_stats=None,
        latest=[],
    )
    view_ok(home)

    # The whole instruction is reachable: the card's preview is all of it, or it has a
    # "Full text" button whose modal holds every character (or says where the file is).
    escaped = escape_code(instruction)
    card_blocks = blocks.card(request)["blocks"]
    preview = next(b for b in card_blocks if "*Instruction*" in str(b.get("text")))
    fenced = preview["text"]["text"]
    shown = code_content(fenced[fenced.index("```") : fenced.rindex("```") + 3])
    if shown != escaped:
        assert preview["accessory"]["action_id"] == blocks.FULL_TEXT
        modal = blocks.full_text_modal(request)
        assert blocks.full_text_fits(request)  # instructions here are far below the cap
        assert code_of(modal["blocks"]) == escaped
    approved = blocks.requester_outcome(request.model_copy(update={"status": "approved"}))
    assert code_of([b for m in approved for b in m["blocks"]]) == escaped


@settings(max_examples=80, deadline=None)
@given(refs=data_refs)
def test_the_data_summary_accounts_for_every_dataset(refs: list[DataRef]) -> None:
    summary = blocks.data_summary(refs)
    assert len(summary) <= blocks.DATA_TEXT + 200
    lines = summary.split("\n")
    if not refs:
        assert lines == ["• No catalogued data recognised."]
        return
    listed = [line for line in lines if not line.startswith("• …and ")]
    hidden = [line for line in lines if line.startswith("• …and ")]
    counted = int(hidden[0].split()[2]) if hidden else 0
    assert len(listed) + counted == len(refs)  # nothing vanishes without a count
    # Most sensitive first: what is listed is never less sensitive than what is hidden.
    order = blocks.CLASSIFICATION_ORDER
    ranks = sorted(order.index(r.classification) for r in refs)
    shown_ranks = ranks[: len(listed)]
    assert shown_ranks == sorted(shown_ranks)
    if hidden:
        counts = hidden[0].split("more: ")[1].split(";")[0].split(", ")
        hidden_ranks = [order.index(c.split(" ", 1)[1]) for c in counts]
        assert not listed or min(hidden_ranks) >= shown_ranks[-1]
