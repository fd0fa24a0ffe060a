"""requests from before state digests: listed once, the list bound to the chain

A request created before its status changes carried a state digest has no audit
event binding its row, so `audit verify` would call every such request tampered
with. This lists exactly those requests, at the moment of upgrading, in
`audit_legacy_requests`, and appends one audit event (`audit.state_digests_begin`)
with their number and a digest of their ids: `verify` exempts only listed requests
and refuses a list that no longer matches the event. A request created after this
(or already carrying a digest) is never exempt. A fresh database lists nothing and
appends nothing.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.models
from storage.audit import LEGACY_ACTION, legacy_detail

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("at", storage.models.UTCDateTime(timezone=True)),
    sa.column("request_id", sa.String()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("detail", sa.JSON()),
    sa.column("seq", sa.Integer()),
)
_LEGACY = sa.table("audit_legacy_requests", sa.column("request_id", sa.String()))
_BATCH = 5000


def _pages(
    conn: sa.Connection, column: sa.ColumnElement[Any], stmt: sa.Select[Any]
) -> Iterator[sa.Row[Any]]:
    """`stmt`'s rows in pages ordered by `column` (its first selected column)."""
    after = None
    while True:
        page = stmt.order_by(column).limit(_BATCH)
        if after is not None:
            page = page.where(column > after)
        rows = conn.execute(page).all()
        if not rows:
            return
        yield from rows
        after = rows[-1][0]


def _stated(conn: sa.Connection) -> set[str]:
    """Ids of records with an event carrying a state digest."""
    stmt = sa.select(_EVENTS.c.id, _EVENTS.c.request_id, _EVENTS.c.detail).where(
        _EVENTS.c.request_id.is_not(None)
    )
    return {
        row.request_id
        for row in _pages(conn, _EVENTS.c.id, stmt)
        if isinstance((row.detail or {}).get("state"), str)
    }


def upgrade() -> None:
    op.create_table(
        "audit_legacy_requests",
        sa.Column("request_id", AutoString(length=32), nullable=False),
        sa.PrimaryKeyConstraint("request_id"),
    )
    conn = op.get_bind()
    stated = _stated(conn)
    ids = sa.table("requests", sa.column("id", sa.String()))
    legacy = sorted(
        row.id for row in _pages(conn, ids.c.id, sa.select(ids.c.id)) if row.id not in stated
    )
    if not legacy:
        return
    for start in range(0, len(legacy), _BATCH):
        chunk = legacy[start : start + _BATCH]
        conn.execute(sa.insert(_LEGACY), [{"request_id": i} for i in chunk])
    event = {
        "at": storage.models.utcnow(),
        "request_id": None,
        "actor": "twokey db upgrade",
        "action": LEGACY_ACTION,
        "detail": legacy_detail(legacy),
        "seq": None,
    }
    conn.execute(sa.insert(_EVENTS), [event])  # unsealed: the sequencer chains it


def downgrade() -> None:
    """The chained event stays (the log is append-only); upgrading again lists anew."""
    op.drop_table("audit_legacy_requests")
