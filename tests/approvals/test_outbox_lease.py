"""Outbox leases: a live replica keeps its claim however slow Slack is; a dead one
gives it up within one (short) lease."""

from __future__ import annotations

import asyncio
import time

from bot.approvals.outbox import Delivery, Outbox
from storage import outbox as ob
from storage.db import make_engine, session_scope
from tests.conftest import PATIENCE, eventually

LEASE = 0.3
SLOW_LEASE = 1.2  # a heartbeat every 0.4 s: margin for a loaded test machine


def delivered_count(engine) -> int:
    with session_scope(engine) as s:
        return ob.counts(s)[ob.DELIVERED]


def queue_one(engine) -> None:
    with session_scope(engine) as s:
        ob.enqueue(s, [{"kind": "pending", "request_id": "TK-LEASE", "actor": "t"}])


async def test_a_slow_delivery_keeps_its_lease_and_is_delivered_once(engine):
    queue_one(engine)
    delivered: list[int] = []
    alive = Outbox(engine, lease=SLOW_LEASE, poll_interval=0.05)

    async def slow(delivery: Delivery) -> None:
        await asyncio.sleep(SLOW_LEASE * 3)  # Slack hanging for three leases
        delivered.append(delivery.id)

    alive.deliverer = slow
    other = Outbox(engine, lease=SLOW_LEASE)  # another replica, looking for work
    alive.start()
    try:
        await eventually(lambda: alive._held, "the live replica to claim the effect")
        stolen = []
        started = time.monotonic()
        while time.monotonic() - started < SLOW_LEASE * 2.5:
            stolen += await asyncio.to_thread(other._claim)
            await asyncio.sleep(SLOW_LEASE / 4)
        assert stolen == []  # the heartbeat kept the lease
        # Done means recorded as delivered, not only handed to Slack: stopping the worker
        # between the two would cancel the write that finishes the effect.
        await eventually(lambda: delivered_count(engine) == 1, "the delivery to be recorded")
    finally:
        await alive.stop()
    assert len(delivered) == 1
    assert delivered_count(engine) == 1


async def test_a_claim_of_a_dead_replica_is_taken_over_after_one_lease(engine):
    queue_one(engine)
    dead = Outbox(engine, lease=LEASE)
    claimed_at = time.monotonic()
    [claimed] = await asyncio.to_thread(dead._claim)  # then killed: no heartbeat, no report
    survivor = Outbox(engine, lease=LEASE)
    [taken] = await eventually(lambda: asyncio.to_thread(survivor._claim), "the takeover")
    assert time.monotonic() - claimed_at >= LEASE  # not before the lease ran out
    assert taken.id == claimed.id and taken.interrupted


async def test_an_effect_queued_while_the_worker_claims_is_not_left_for_the_next_poll(engine):
    """The wake-up for it lands while the worker's claim (which missed it) is in flight: it
    must not be wiped out, or the effect waits a whole poll interval."""
    outbox = Outbox(engine, poll_interval=4 * PATIENCE)
    delivered: list[int] = []

    async def deliver(delivery: Delivery) -> None:
        delivered.append(delivery.id)

    outbox.deliverer = deliver
    claim = outbox.deliver_due
    queued: list[bool] = []

    async def claim_then_queue() -> int:
        claimed = await claim()
        if not queued:
            queued.append(True)
            queue_one(engine)
            outbox.wake()
        return claimed

    outbox.deliver_due = claim_then_queue  # type: ignore[method-assign]
    outbox.start()
    try:
        await eventually(lambda: delivered, "the effect queued during the claim")
    finally:
        await outbox.stop()


def test_the_default_lease_is_short():
    """A denial's outcome DM claimed by a killed replica waits seconds, not half a minute."""
    assert Outbox.__init__.__kwdefaults__["lease"] <= 10


async def test_open_requests_from_before_the_outbox_get_their_card_queued_at_start(
    engine, example_config
):
    """Migration 0002 added the outbox; a request held before it has no row and, if the
    fire-and-forget post failed, no card: start-up queues one (once, across replicas)."""
    import sqlalchemy as sa

    from bot.approvals import ApprovalService
    from tests.approvals.helpers import SECRET, pending, submit

    service = ApprovalService(engine, example_config, secret_key=SECRET)
    bare = await pending(service)
    carded = await pending(service)
    waiting = await submit(service)  # awaiting the requester's confirmation
    assert waiting.status == "awaiting_requester"
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM slack_outbox"))  # as before 0002
    await asyncio.to_thread(
        service.machine.set_slack_refs, carded.id, {"cards": [{"channel": "C1", "ts": "1.1"}]}
    )
    ids = [v.id for v in await asyncio.to_thread(service.machine.open_requests)]
    assert await asyncio.to_thread(service.machine.queue_missing_effects, ids) == 2
    assert await asyncio.to_thread(service.machine.queue_missing_effects, ids) == 0  # once
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT request_id, kind FROM slack_outbox")).all()
    assert sorted(map(tuple, rows)) == sorted(
        [(bare.id, "pending"), (waiting.id, "awaiting_requester")]
    )
    await service.start()  # start-up runs it too, and finds nothing more to queue
    await service.stop()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM slack_outbox")).scalar() == 2


async def test_two_replicas_share_the_outbox_each_effect_once_in_order(db_url):
    """Two replicas' workers on one database (SKIP LOCKED on PostgreSQL): every effect is
    delivered by exactly one of them, and a request's effects in the order they were queued."""
    engines = [make_engine(db_url) for _ in range(2)]
    with session_scope(engines[0]) as s:
        for step in range(3):
            ob.enqueue(
                s,
                [
                    {"kind": f"k{step}", "request_id": f"TK-{n:03d}", "actor": "t"}
                    for n in range(20)
                ],
            )
    delivered: list[tuple[str, str, int]] = []

    def deliverer(replica: int):
        async def deliver(delivery: Delivery) -> None:
            await asyncio.sleep(0.001 * (delivery.id % 7))  # Slack taking its time, unevenly
            delivered.append((str(delivery.request_id), delivery.kind, replica))

        return deliver

    outboxes = [Outbox(e, lease=SLOW_LEASE, poll_interval=0.02, batch=4) for e in engines]
    for replica, outbox in enumerate(outboxes):
        outbox.deliverer = deliverer(replica)
        outbox.start()
    try:
        await eventually(lambda: delivered_count(engines[0]) == 60, "every effect delivered")
    finally:
        for outbox in outboxes:
            await outbox.stop()
        for e in engines:
            e.dispose()
    assert len(delivered) == 60
    assert len({(r, k) for r, k, _ in delivered}) == 60  # none twice
    assert {replica for *_, replica in delivered} == {0, 1}  # both did work
    for n in range(20):
        kinds = [k for r, k, _ in delivered if r == f"TK-{n:03d}"]
        assert kinds == ["k0", "k1", "k2"], kinds
