import threading

import sqlalchemy as sa

from storage.audit import append_event, verify_chain
from storage.db import session_scope


def fill(engine, n=5):
    for i in range(n):
        with session_scope(engine) as s:
            append_event(
                s,
                action="test.event",
                actor=f"U{i}",
                request_id="TK-1",
                detail={"i": i, "note": "é"},
            )


def verify(engine):
    with session_scope(engine) as s:
        return verify_chain(s)


def test_empty_chain_verifies(engine):
    report = verify(engine)
    assert report.ok and report.checked == 0


def test_intact_chain_verifies(engine):
    fill(engine)
    report = verify(engine)
    assert report.ok and report.checked == 5


def test_edited_event_is_named(engine):
    fill(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    report = verify(engine)
    assert not report.ok and report.broken_seq == 3 and "changed" in report.problem


def test_edited_detail_is_named(engine):
    fill(engine)
    with engine.begin() as conn:
        conn.execute(
            sa.text("""UPDATE audit_events SET detail = '{"i": 99, "note": "x"}' WHERE seq = 2""")
        )
    report = verify(engine)
    assert not report.ok and report.broken_seq == 2


def test_deleted_event_is_named(engine):
    fill(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE seq = 2"))
    report = verify(engine)
    assert not report.ok and report.broken_seq == 2 and "missing" in report.problem


def test_deleted_tail_is_caught(engine):
    fill(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events WHERE seq = 5"))
    report = verify(engine)
    assert not report.ok and report.broken_seq == 5


def test_reordered_events_are_caught(engine):
    fill(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET seq = 100 WHERE seq = 2"))
        conn.execute(sa.text("UPDATE audit_events SET seq = 2 WHERE seq = 3"))
        conn.execute(sa.text("UPDATE audit_events SET seq = 3 WHERE seq = 100"))
    report = verify(engine)
    assert not report.ok and report.broken_seq == 2


def test_concurrent_appends_never_fork_the_chain(engine):
    errors = []

    def worker(k):
        try:
            for i in range(10):
                with session_scope(engine) as s:
                    append_event(s, action="race", actor=f"W{k}", detail={"i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = verify(engine)
    assert report.ok and report.checked == 40


def test_rolled_back_transaction_leaves_no_event(engine):
    fill(engine, 1)
    try:
        with session_scope(engine) as s:
            append_event(s, action="doomed", actor="U")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    report = verify(engine)
    assert report.ok and report.checked == 1


def test_verify_while_appends_commit_never_reports_a_false_break(engine):
    """`audit verify` on a live system: an append that commits between reading the events
    and reading the head must not look like a deleted tail."""
    for i in range(3):
        with session_scope(engine) as s:
            append_event(s, action=f"seed.{i}", actor="U0SEED")
    stop = threading.Event()
    appended = [0]

    def writer() -> None:
        while not stop.is_set() and appended[0] < 400:
            with session_scope(engine) as s:
                append_event(s, action="live.append", actor="U0LIVE")
            appended[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    reports = []
    try:
        for _ in range(60):
            with session_scope(engine) as s:
                reports.append(verify_chain(s))
    finally:
        stop.set()
        thread.join()
    assert appended[0] > 0
    assert all(r.ok for r in reports), next(r for r in reports if not r.ok)
