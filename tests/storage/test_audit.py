import threading

import pytest
import sqlalchemy as sa

from storage.audit import append_event, events_for, seal, verify_chain
from storage.db import make_engine, session_scope


def fill(engine, n=5, *, sealed=True):
    for i in range(n):
        with session_scope(engine) as s:
            append_event(
                s,
                action="test.event",
                actor=f"U{i}",
                request_id="TK-1",
                detail={"i": i, "note": "é"},
            )
    if sealed:
        assert seal(engine) == n


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
    seal(engine)
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
    seal(engine)
    report = verify(engine)
    assert report.ok and report.checked == 1 and report.unsealed == 0


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
            if appended[0] % 3 == 0:
                seal(engine)  # the sequencer seals while verify reads

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


def test_appends_are_unsealed_until_the_sequencer_chains_them(engine):
    """History sees an event at once; verify reports it as the unsealed tail, then checks it."""
    fill(engine, 3, sealed=False)
    with session_scope(engine) as s:
        assert [e.detail["i"] for e in events_for(s, "TK-1")] == [0, 1, 2]
        assert all(e.seq is None and e.hash is None for e in events_for(s, "TK-1"))
    report = verify(engine)
    assert report.ok and report.checked == 0 and report.unsealed == 3
    assert seal(engine) == 3
    report = verify(engine)
    assert report.ok and report.checked == 3 and report.unsealed == 0
    assert seal(engine) == 0
    fill(engine, 2, sealed=False)
    assert verify(engine).unsealed == 2 and verify(engine).checked == 3
    seal(engine)
    with session_scope(engine) as s:
        assert [e.seq for e in events_for(s, "TK-1")] == [1, 2, 3, 4, 5]


def test_sealing_in_batches_continues_one_chain(engine):
    fill(engine, 7, sealed=False)
    assert seal(engine, batch=3) == 7
    report = verify(engine)
    assert report.ok and report.checked == 7


def test_a_tampered_sealed_event_is_named_while_the_tail_is_unsealed(engine):
    fill(engine, 3)
    fill(engine, 2, sealed=False)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET action = 'nothing' WHERE seq = 2"))
    report = verify(engine)
    assert not report.ok and report.broken_seq == 2 and "changed" in report.problem


def test_an_unsealed_event_edited_before_sealing_verifies(engine):
    """The honest window: before sealing, content is not yet bound by a hash.

    (Status changes are bound to their request row by the state digest; see
    tests/approvals/test_audit_state.py.) Once sealed, the edited content is what
    the chain vouches for, and any later edit breaks it."""
    fill(engine, 2, sealed=False)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET actor = 'mallory' WHERE seq IS NULL"))
    seal(engine)
    assert verify(engine).ok
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_events SET actor = 'U0' WHERE seq = 1"))
    assert verify(engine).broken_seq == 1


def test_seal_refuses_to_run_inside_a_transaction_on_sqlite(sqlite_engine):
    """On SQLite it would wait for the write lock its own caller holds (a hang, not an error)."""
    with session_scope(sqlite_engine) as s:
        append_event(s, action="x", actor="U")
        with pytest.raises(RuntimeError, match="inside a transaction"):
            seal(sqlite_engine)
    assert seal(sqlite_engine) == 1


def test_two_engines_appending_and_sealing_at_once_end_in_one_chain(db_url):
    """Two replicas: each appends and runs its own sequencer; every event is sealed once."""
    engines = [make_engine(db_url), make_engine(db_url)]
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(k: int) -> None:
        try:
            for i in range(60):
                with session_scope(engines[k]) as s:
                    append_event(s, action="race", actor=f"W{k}", detail={"i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def sequencer(k: int) -> None:
        try:
            while not done.is_set():
                seal(engines[k], wait=False)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    try:
        writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
        sequencers = [threading.Thread(target=sequencer, args=(k,)) for k in range(2)]
        for t in writers + sequencers:
            t.start()
        for t in writers:
            t.join()
        done.set()
        for t in sequencers:
            t.join()
        assert errors == []
        seal(engines[0])
        report = verify(engines[1])
        assert report.ok and report.checked == 120 and report.unsealed == 0, report
        with engines[0].connect() as conn:
            seqs = conn.execute(sa.text("SELECT seq FROM audit_events ORDER BY seq")).scalars()
            assert list(seqs) == list(range(1, 121))
    finally:
        for e in engines:
            e.dispose()
