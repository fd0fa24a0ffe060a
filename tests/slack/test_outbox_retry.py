"""`twokey outbox list | retry`: effects Slack refused for good go out again once fixed.

End to end against the Slack stand-in: Slack refuses an effect (the bot is not in
the channel, a person cannot be reached), the outbox gives it up, the operator
fixes the cause and runs the command, and the running app delivers it. What asks
people to act comes back only while its request still waits for them; what shows
the latest state always may.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.approvals import requeue
from bot.cli import app
from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from storage import outbox as ob
from storage.audit import events_for, verify_chain
from storage.db import session_scope
from storage.models import SlackEffect
from tests.slack.conftest import APPROVALS, APPROVER, Slack, build, has_actions
from tests.slack.test_faults import (
    ANSWERS_AT_ONCE,
    DM,
    cards_in,
    fast_retries,
    pending_via_api,
    settle,
)

OWNER = "U0DGOV001"


def twokey(engine: Engine, *args: str) -> Any:
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["outbox", *args, "--db", url])


def dead(engine: Engine) -> list[SlackEffect]:
    with session_scope(engine) as s:
        return ob.dead_effects(s)


def requeued_events(engine: Engine, request_id: str) -> list[Any]:
    with session_scope(engine) as s:
        return [e for e in events_for(s, request_id) if e.action == requeue.ACTION]


async def test_an_outcome_slack_refused_is_sent_once_fixed(slack_db: Slack) -> None:
    """The bot was out of the channel when the request was approved: the card kept its
    live buttons and the requester heard nothing. Re-invited, one retry does both."""
    slack = slack_db
    fast_retries(slack, call_timeout=ANSWERS_AT_ONCE)
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    slack.fake.fail("chat.update", "not_in_channel", times=1)
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    await settle(slack, lambda: slack.service.outbox.dead == 1)
    [card] = cards_in(slack.fake, APPROVALS)
    assert has_actions(slack.fake.message(APPROVALS, card.ts).blocks)  # stale, clickable
    assert not [m for m in slack.fake.messages_in(DM) if "approved" in m.text.lower()]
    [effect] = dead(slack.engine)
    assert effect.kind == "decided"

    listed = twokey(slack.engine, "list", "--json")
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.stdout)
    assert row["id"] == effect.id and row["retry"] is True and row["refused"] is None

    result = twokey(slack.engine, "retry", "--id", str(effect.id))
    assert result.exit_code == 0, result.output
    assert "re-queued" in result.stdout
    await settle(slack, lambda: not has_actions(slack.fake.message(APPROVALS, card.ts).blocks))
    assert "*Approved*" in json.dumps(slack.fake.message(APPROVALS, card.ts).blocks)
    told = [m for m in slack.fake.messages_in(DM) if "approved" in m.text.lower()]
    assert len(told) == 1
    assert len(cards_in(slack.fake, APPROVALS)) == 1
    with session_scope(slack.engine) as s:
        assert ob.counts(s)[ob.DEAD] == 0 and ob.counts(s)[ob.PENDING] == 0
    [event] = requeued_events(slack.engine, request_id)
    assert event.actor == "cli" and event.detail == {
        "effect": effect.id,
        "kind": "decided",
        "last_error": "chat.update: not_in_channel (permanent)",
    }
    with session_scope(slack.engine) as s:
        assert verify_chain(s).ok

    again = twokey(slack.engine, "retry", "--id", str(effect.id))
    assert again.exit_code == 1 and "it is delivered" in again.output


async def test_the_card_of_a_request_closed_for_want_of_it_never_comes_back(
    slack_db: Slack,
) -> None:
    """Its card refused, the request was cancelled and its agent told to ask again: a
    retry must not bring back a card for it."""
    slack = slack_db
    fast_retries(slack, call_timeout=ANSWERS_AT_ONCE)
    slack.fake.fail("chat.postMessage", "not_in_channel", times=1)
    request_id = await pending_via_api(slack)
    await settle(slack, lambda: slack.service.outbox.dead == 1)
    await slack.service.drain()
    assert (await slack.service.get(request_id)).status == "cancelled"
    [effect] = dead(slack.engine)

    [row] = json.loads(twokey(slack.engine, "list", "--json").stdout)
    assert row["retry"] is False and f"request {request_id} is cancelled" in row["refused"]
    human = twokey(slack.engine, "list")
    assert "not retried" in human.stdout and f"{effect.id}" in human.stdout

    every = twokey(slack.engine, "retry", "--all")
    assert every.exit_code == 0, every.output  # refusals are expected with --all
    assert "not re-queued" in every.stdout
    named = twokey(slack.engine, "retry", "--id", str(effect.id), "--json")
    assert named.exit_code == 1
    assert json.loads(named.stdout)["requeued"] == []
    await slack.service.drain()
    assert cards_in(slack.fake, APPROVALS) == []
    assert (await slack.service.get(request_id)).status == "cancelled"
    assert requeued_events(slack.engine, request_id) == []
    assert [e.id for e in dead(slack.engine)] == [effect.id]


@pytest.fixture
async def owners_too(engine: Engine, example_config: TwoKeyConfig, fake: SlackFake) -> Any:
    """Cards to the approvals channel and to each data owner's DM."""
    slack_config = example_config.slack.model_copy(update={"dm_data_owners": True})
    config = example_config.model_copy(update={"slack": slack_config})
    async for harness in build(engine, config, fake):
        yield harness


async def test_a_card_still_wanted_goes_only_where_it_did_not(owners_too: Slack) -> None:
    """The channel card went out, the owner's DM was refused: the request stays pending
    (someone was asked). The retry sends the owner's card, not a second channel card."""
    slack = owners_too
    fast_retries(slack, call_timeout=ANSWERS_AT_ONCE)
    slack.fake.fail("conversations.open", "user_not_found", times=1)
    request_id = await pending_via_api(slack)
    await settle(slack, lambda: slack.service.outbox.dead == 1)
    assert (await slack.service.get(request_id)).status == "pending"
    owner_dm = slack.fake.dm_channel(OWNER)
    assert len(cards_in(slack.fake, APPROVALS)) == 1 and not cards_in(slack.fake, owner_dm)

    result = twokey(slack.engine, "retry", "--all", "--kind", "pending")
    assert result.exit_code == 0, result.output
    await settle(slack, lambda: bool(cards_in(slack.fake, owner_dm)))
    [owner_card] = cards_in(slack.fake, owner_dm)
    assert has_actions(owner_card.blocks)  # still pending: a card one can click
    assert len(cards_in(slack.fake, APPROVALS)) == 1
    assert len((await slack.service.get(request_id)).slack["cards"]) == 2


def _dead_rows(engine: Engine, request_id: str, kinds: list[str]) -> dict[str, int]:
    with session_scope(engine) as s:
        rows = ob.effect_rows([{"kind": k, "request_id": request_id} for k in kinds])
        for row in rows:
            row.update(state=ob.DEAD, attempts=1, last_error="chat.postMessage: not_in_channel")
        s.execute(sa.insert(SlackEffect), rows)
        ids = s.execute(
            sa.select(SlackEffect.id, SlackEffect.kind).where(
                SlackEffect.request_id == request_id, SlackEffect.state == ob.DEAD
            )
        ).all()
    return {kind: int(i) for i, kind in ids}


async def test_on_a_closed_request_only_what_shows_its_state_goes_again(slack_db: Slack) -> None:
    slack = slack_db
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    await slack.click(blocks.APPROVE, request_id, APPROVER)
    await slack.service.drain()
    kinds = sorted(requeue.TELLS - {"contact_closed"} | set(requeue.ASKS))
    ids = _dead_rows(slack.engine, request_id, kinds)
    outcome = requeue.retry(slack.engine, ids=list(ids.values()))
    done = {v.kind for v in outcome.verdicts if v.requeued}
    assert done == {"blast", "decided", "executed", "screened", "vote"}
    assert {v.kind for v in outcome.verdicts if v.refused} == set(requeue.ASKS)
    await slack.service.drain()
    [card] = cards_in(slack.fake, APPROVALS)
    assert not has_actions(card.blocks)  # shown as it is now: approved, nothing to click
    assert len(requeued_events(slack.engine, request_id)) == len(done)


async def test_while_pending_a_reminder_or_escalation_may_go_again(slack_db: Slack) -> None:
    slack = slack_db
    request_id = await pending_via_api(slack)
    await slack.service.drain()
    ids = _dead_rows(slack.engine, request_id, ["reminder", "escalated", "awaiting_requester"])
    outcome = requeue.retry(slack.engine, ids=list(ids.values()))
    verdicts = {v.kind: v for v in outcome.verdicts}
    assert verdicts["reminder"].requeued and verdicts["escalated"].requeued
    assert "is pending" in (verdicts["awaiting_requester"].refused or "")


def test_retry_says_which_effects(sqlite_engine: Engine) -> None:
    neither = twokey(sqlite_engine, "retry")
    assert neither.exit_code == 2 and "--id N" in neither.output
    both = twokey(sqlite_engine, "retry", "--all", "--id", "3")
    assert both.exit_code == 2
    unknown = twokey(sqlite_engine, "retry", "--all", "--kind", "card")
    assert unknown.exit_code == 2 and "no kind 'card'" in unknown.output
    missing = twokey(sqlite_engine, "retry", "--id", "999")
    assert missing.exit_code == 1 and "no such effect" in missing.output
    empty = twokey(sqlite_engine, "list")
    assert empty.exit_code == 0 and "Nothing undeliverable" in empty.stdout
