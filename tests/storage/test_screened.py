"""Screened-message claims: one request per Slack message version, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from storage import screened
from storage.db import session_scope
from storage.models import ScreenedMessage, utcnow


def claim(engine, event_id="Ev1", ts="1.1", sha="a" * 64):
    return screened.claim(
        engine, event_id=event_id, channel="C1", message_ts=ts, author="B1", text_sha256=sha
    )


def test_same_event_or_same_version_is_a_duplicate(engine) -> None:
    first = claim(engine)
    assert not first.duplicate
    screened.finish(engine, first.id, request_id="TK-1", decision="require_approval")
    retry = claim(engine)  # X-Slack-Retry-Num: same event id
    assert retry.duplicate and retry.request_id == "TK-1"
    again = claim(engine, event_id="Ev2")  # same channel, ts and text under a new event id
    assert again.duplicate and again.request_id == "TK-1"
    edited = claim(engine, event_id="Ev3", sha="b" * 64)  # an edit is a new version
    assert not edited.duplicate
    assert [v.text_sha256[0] for v in screened.versions(engine, "C1", "1.1")] == ["a", "b"]


def test_a_released_claim_can_be_taken_again(engine) -> None:
    first = claim(engine)
    screened.release(engine, first.id)
    assert not claim(engine).duplicate


def test_an_abandoned_claim_is_taken_over_once(engine) -> None:
    first = claim(engine)
    in_flight = claim(engine)
    assert in_flight.duplicate and in_flight.request_id is None  # still being screened
    with session_scope(engine) as s:
        s.execute(
            sa.update(ScreenedMessage)
            .where(ScreenedMessage.id == first.id)
            .values(created_at=utcnow() - screened.STALE_CLAIM - timedelta(seconds=1))
        )
    taken = claim(engine)
    assert not taken.duplicate and taken.id == first.id
    assert claim(engine).duplicate


def test_messages_without_event_ids_dedupe_by_version(engine) -> None:
    a = claim(engine, event_id=None)
    b = claim(engine, event_id=None)
    assert not a.duplicate and b.duplicate
