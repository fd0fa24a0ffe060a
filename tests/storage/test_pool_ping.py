"""The PostgreSQL pool's pre-ping: a round trip only for a connection that has something to say.

A connection whose server side went away (a restart, a killed backend, an idle timeout)
must still be replaced at checkout, so the next statement runs on a live one; a quiet
healthy connection is used without asking the server.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storage.db import _ping_when_readable, make_engine


@pytest.fixture
def pg(db_url: str, db_kind: str) -> Iterator[Engine]:
    if db_kind != "postgres":
        pytest.skip("the pre-ping shortcut is PostgreSQL's (SQLite has no server to lose)")
    engine = make_engine(db_url, pool_size=1)
    yield engine
    engine.dispose()


def _counting(engine: Engine) -> list[int]:
    """Re-wrap the dialect's real ping with one that counts round trips."""
    calls: list[int] = []
    real = type(engine.dialect).do_ping

    def ping(dbapi_connection: Any) -> bool:
        calls.append(1)
        return bool(real(engine.dialect, dbapi_connection))

    engine.dialect.do_ping = _ping_when_readable(ping)  # type: ignore[method-assign]
    return calls


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def test_a_quiet_healthy_connection_is_not_pinged(pg: Engine) -> None:
    first = _backend_pid(pg)
    calls = _counting(pg)
    for _ in range(5):
        assert _backend_pid(pg) == first  # the same pooled connection, reused
    assert calls == []


def test_a_connection_whose_backend_was_killed_is_replaced_at_checkout(
    pg: Engine, pg_admin: Engine
) -> None:
    victim = _backend_pid(pg)
    calls = _counting(pg)
    with pg_admin.connect() as admin:
        admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": victim})
        gone = sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
        for _ in range(500):  # until its backend has exited (and so closed the socket)
            if not admin.execute(gone, {"pid": victim}).scalar_one():
                break
            time.sleep(0.01)
    # Whatever the pool held is dead; the checkout notices (a real ping) and reconnects,
    # so the statement itself succeeds, as it did with a round trip on every checkout.
    assert _backend_pid(pg) != victim
    assert calls  # the killed connection was asked for real
