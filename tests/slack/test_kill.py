"""kill -9 between a click's acknowledgement and anything else: the click still counts.

`twokey serve` runs as its own process on a SQLite file with the Slack stand-in;
the test plays Slack. A denial acknowledged by a replica that is then killed
must still deny after a restart, and a later approval must not win over it.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import httpx

from bot.demo.harness import ServeProcess
from bot.demo.signing import (
    SIGNING_SECRET,
    button_click,
    signed_event,
    signed_interaction,
    view_submission,
)
from bot.demo.slack_standin import Message, SlackFake
from bot.slack import blocks
from storage.audit import events_for, verify_chain
from storage.db import make_engine, session_scope
from storage.models import Request
from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
REQUESTER = "U0EMP0001"
DM = "D0EMP0001"


def serve(fake: SlackFake, tmp_path: Path, name: str) -> ServeProcess:
    return ServeProcess(
        slack_api_url=fake.api_url,
        database_url=f"sqlite:///{tmp_path / 'twokey.db'}",
        config=ROOT / "examples" / "twokey.yml",
        signing_secret=SIGNING_SECRET,
        secret_key="kill-secret-key-0123456789abcdef",
        cwd=tmp_path,
        log=tmp_path / f"{name}.log",
    ).start(timeout=60)


def send(url: str, body_headers: tuple[str, dict[str, str]]) -> httpx.Response:
    body, headers = body_headers
    return httpx.post(url + "/slack/events", content=body, headers=headers, timeout=10)


def click(url: str, action_id: str, value: str, user: str, channel: str) -> httpx.Response:
    payload = button_click(user=user, action_id=action_id, value=value, channel=channel, ts="1.1")
    return send(url, signed_interaction(payload))


def top_level(fake: SlackFake, channel: str) -> list[Message]:
    """The messages in `channel` everyone sees outside threads: the cards."""
    return [m for m in fake.messages_in(channel) if not m.thread_ts and not m.ephemeral_for]


def held_request(fake: SlackFake, url: str) -> str:
    """An agent's risky instruction, confirmed by its requester: pending, its card posted."""
    text = f"<@{REQUESTER}> please run `DROP TABLE customers;` to clean up"
    event = {"type": "message", "bot_id": "B0OPSBOT1", "text": text, "ts": "1764300000.0001"}
    assert send(url, signed_event({**event, "channel": "C0ONCALL1"})).status_code == 200
    prompt = wait_for(lambda: fake.messages_in(DM), "the confirmation prompt")[0]
    request_id = str(prompt.button(blocks.CONFIRM)["value"])
    assert click(url, blocks.CONFIRM, request_id, REQUESTER, DM).status_code == 200
    view = wait_for(lambda: fake.views, "the justification modal")[-1]
    submission = view_submission(user=REQUESTER, view=view, value="Ticket DATA-7")
    assert send(url, signed_interaction(submission)).status_code == 200
    wait_for(lambda: fake.messages_in("C0APPROVALS"), "the approval card")
    return request_id


def test_a_deny_acknowledged_before_kill_9_still_denies(fake: SlackFake, tmp_path: Path) -> None:
    first = serve(fake, tmp_path, "first")
    try:
        request_id = held_request(fake, first.url)
        assert click(first.url, blocks.DENY, request_id, "U0DGOV002", "C0APPROVALS").is_success
        view = wait_for(lambda: len(fake.views) >= 2 and fake.views[-1], "the deny modal")
        denial = view_submission(user="U0DGOV002", view=view, value="Not on prod.")
        assert send(first.url, signed_interaction(denial)).status_code == 200
        assert first.proc is not None
        first.proc.send_signal(signal.SIGKILL)  # the instant Slack has its acknowledgement
        first.proc.wait(10)
    finally:
        first.stop()

    engine = make_engine(f"sqlite:///{tmp_path / 'twokey.db'}")
    with session_scope(engine) as s:
        row = s.get(Request, request_id)
        assert row is not None and row.status == "denied" and row.decided_by == "U0DGOV002"
        # Its audit event is there, sealed or not yet: the killed process's sequencer may
        # not have chained it, and verify counts it in the unsealed tail meanwhile.
        assert "request.denied" in [e.action for e in events_for(s, request_id)]
        assert verify_chain(s).ok

    second = serve(fake, tmp_path, "second")
    try:
        assert click(second.url, blocks.APPROVE, request_id, "U0DGOV003", "C0APPROVALS").is_success
        wait_for(
            lambda: any(
                c.params.get("user") == "U0DGOV003" for c in fake.calls_to("chat.postEphemeral")
            ),
            "the late approver to be told",
        )
        with session_scope(engine) as s:
            assert s.get(Request, request_id).status == "denied"
        # The requester hears the outcome exactly once, whichever replica delivered it
        # (the one killed may have held the effect's lease: it runs out, then it is delivered).
        wait_for(
            lambda: any("denied" in json.dumps(m.blocks).lower() for m in fake.messages_in(DM)[1:]),
            "the outcome DM",
            timeout=60,
        )
        time.sleep(1.5)
        outcomes = [m for m in fake.messages_in(DM)[1:] if "denied" in json.dumps(m.blocks).lower()]
        assert len(outcomes) == 1
        [card] = [
            m for m in fake.messages_in("C0APPROVALS") if not m.thread_ts and not m.ephemeral_for
        ]
        assert "*Denied*" in json.dumps(card.blocks)

        def sealed() -> bool:
            with session_scope(engine) as s:
                report = verify_chain(s)
            assert report.ok, report.problem
            return report.unsealed == 0 and report.checked > 0

        wait_for(sealed, "the restarted process to seal what the killed one appended")
    finally:
        second.stop()
        engine.dispose()


def test_approvals_acknowledged_before_kill_9_approve_once_after_restart(
    fake: SlackFake, tmp_path: Path
) -> None:
    """Every approve click Slack had its 200 for counts after a kill -9: the request is
    approved (not left to expire), once, and the restarted process tells the requester."""
    engine = make_engine(f"sqlite:///{tmp_path / 'twokey.db'}")
    first = serve(fake, tmp_path, "first")
    try:
        request_id = held_request(fake, first.url)
        with session_scope(engine) as s:
            needed = s.get(Request, request_id).required_approvals
        approvers = ["U0DGOV002", "U0DGOV003"][:needed]
        assert len(approvers) == needed  # the example's quorum for it: one or two
        for approver in approvers:
            response = click(first.url, blocks.APPROVE, request_id, approver, "C0APPROVALS")
            assert response.status_code == 200
        assert first.proc is not None
        first.proc.send_signal(signal.SIGKILL)  # the instant Slack has the last acknowledgement
        first.proc.wait(10)
    finally:
        first.stop()

    with session_scope(engine) as s:
        row = s.get(Request, request_id)
        assert row is not None and row.status == "approved"
        actions = [e.action for e in events_for(s, request_id)]
        assert actions.count("request.approved") == 1
        assert verify_chain(s).ok

    second = serve(fake, tmp_path, "second")
    try:
        # The restarted process delivers what the killed one owed: the outcome, once.
        def told() -> list[object]:
            return [m for m in fake.messages_in(DM)[1:] if "approved" in m.text.lower()]

        wait_for(told, "the requester to be told", timeout=60)
        [card] = [
            m for m in fake.messages_in("C0APPROVALS") if not m.thread_ts and not m.ephemeral_for
        ]
        wait_for(lambda: "*Approved*" in json.dumps(card.blocks), "the card to show it approved")
        assert card.button(blocks.APPROVE) is None and card.button(blocks.DENY) is None
        # A late click changes nothing and is told so.
        late = click(second.url, blocks.APPROVE, request_id, "U0DGOV001", "C0APPROVALS")
        assert late.is_success
        wait_for(
            lambda: any(
                c.params.get("user") == "U0DGOV001" for c in fake.calls_to("chat.postEphemeral")
            ),
            "the late approver to be told",
        )
        time.sleep(1.5)  # anything owed twice would have gone out by now
        assert len(told()) == 1
        with session_scope(engine) as s:
            row = s.get(Request, request_id)
            assert row is not None and row.status == "approved"
            actions = [e.action for e in events_for(s, request_id)]
            assert actions.count("request.approved") == 1
            assert actions.count("vote.approve") == needed  # each click once, the late one not
            assert verify_chain(s).ok
    finally:
        second.stop()
        engine.dispose()


def test_a_card_posted_just_before_kill_9_is_not_posted_again(
    fake: SlackFake, tmp_path: Path
) -> None:
    """Slack took the card; the process was killed before it heard back, so the card's
    reference was never saved. The restarted process finds the card instead of posting a
    second one with live buttons, and keeps it up to date."""
    engine = make_engine(f"sqlite:///{tmp_path / 'twokey.db'}")
    first = serve(fake, tmp_path, "first")
    try:
        text = f"<@{REQUESTER}> please run `DROP TABLE customers;` to clean up"
        event = {"type": "message", "bot_id": "B0OPSBOT1", "text": text, "ts": "1764300000.0001"}
        assert send(first.url, signed_event({**event, "channel": "C0ONCALL1"})).status_code == 200
        prompt = wait_for(lambda: fake.messages_in(DM), "the confirmation prompt")[0]
        request_id = str(prompt.button(blocks.CONFIRM)["value"])
        assert click(first.url, blocks.CONFIRM, request_id, REQUESTER, DM).status_code == 200
        view = wait_for(lambda: fake.views, "the justification modal")[-1]
        # From here every post is taken by Slack and its answer never comes back in time.
        fake.fail("chat.postMessage", taken=True, hang=20, times=100)
        submission = view_submission(user=REQUESTER, view=view, value="Ticket DATA-7")
        assert send(first.url, signed_interaction(submission)).status_code == 200
        wait_for(lambda: fake.messages_in("C0APPROVALS"), "the approval card to be posted")
        assert first.proc is not None
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait(10)
    finally:
        first.stop()
    fake.recover("chat.postMessage")  # Slack answers again
    with session_scope(engine) as s:
        row = s.get(Request, request_id)
        assert row is not None and row.status == "pending" and not (row.slack or {}).get("cards")
        needed = row.required_approvals

    second = serve(fake, tmp_path, "second")
    try:

        def saved() -> list[dict[str, str]]:
            with session_scope(engine) as s:
                row = s.get(Request, request_id)
                return list((row.slack or {}).get("cards") or []) if row else []

        wait_for(saved, "the restarted process to find the card", timeout=60)
        cards = top_level(fake, "C0APPROVALS")
        assert len(cards) == 1 and saved() == [{"channel": "C0APPROVALS", "ts": cards[0].ts}]
        assert fake.calls_to("conversations.history")
        for approver in ["U0DGOV002", "U0DGOV003"][:needed]:
            assert click(second.url, blocks.APPROVE, request_id, approver, "C0APPROVALS").is_success
        wait_for(
            lambda: "*Approved*" in json.dumps(fake.message("C0APPROVALS", cards[0].ts).blocks),
            "the one card to show it approved",
        )
        assert len(top_level(fake, "C0APPROVALS")) == 1
    finally:
        second.stop()
        engine.dispose()
