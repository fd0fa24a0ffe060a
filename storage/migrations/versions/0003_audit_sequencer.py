"""audit events are appended unsealed and chained later by the sequencer

Events get an insertion id (`id`); their place in the chain (`seq`) and the hashes
are filled in by the sequencer, so a request's transaction no longer locks the
chain's head. Existing events keep their chain: each becomes `id = seq`, sealed.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPIED = "at, request_id, actor, action, detail, prev_hash, hash"


def _events_table(name: str, *, sealed_only: bool) -> None:
    columns: list[sa.Column[object]] = []
    if not sealed_only:
        columns.append(
            sa.Column(
                "id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                autoincrement=True,
                nullable=False,
            )
        )
    columns += [
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=not sealed_only),
        sa.Column("at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("request_id", AutoString(length=32), nullable=True),
        sa.Column("actor", AutoString(length=120), nullable=False),
        sa.Column("action", AutoString(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", AutoString(length=64), nullable=not sealed_only),
        sa.Column("hash", AutoString(length=64), nullable=not sealed_only),
    ]
    op.create_table(name, *columns, sa.PrimaryKeyConstraint("seq" if sealed_only else "id"))


def _swap(new: str, postgres: bool) -> None:
    op.drop_table("audit_events")
    op.rename_table(new, "audit_events")
    if postgres:
        op.execute(f"ALTER TABLE audit_events RENAME CONSTRAINT {new}_pkey TO audit_events_pkey")
    op.create_index("ix_audit_events_request_id", "audit_events", ["request_id"], unique=False)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _events_table("audit_events_new", sealed_only=False)
    op.execute(
        f"INSERT INTO audit_events_new (id, seq, {_COPIED}) SELECT seq, seq, {_COPIED} "
        "FROM audit_events"
    )
    _swap("audit_events_new", postgres)
    if postgres:
        op.execute("ALTER SEQUENCE audit_events_new_id_seq RENAME TO audit_events_id_seq")
        op.execute(
            "SELECT setval('audit_events_id_seq', COALESCE((SELECT MAX(id) FROM audit_events), 0)"
            " + 1, false)"
        )
    op.create_index("ix_audit_events_seq", "audit_events", ["seq"], unique=True)
    op.create_index(
        "ix_audit_events_unsealed",
        "audit_events",
        ["id"],
        unique=False,
        postgresql_where=sa.text("seq IS NULL"),
        sqlite_where=sa.text("seq IS NULL"),
    )


def downgrade() -> None:
    """Only a fully sealed log goes back: 0002 has nowhere to keep an unsealed event."""
    bind = op.get_bind()
    unsealed = bind.execute(sa.text("SELECT COUNT(*) FROM audit_events WHERE seq IS NULL"))
    if unsealed.scalar():
        raise RuntimeError("audit events are still unsealed: run `twokey audit seal` first")
    _events_table("audit_events_old", sealed_only=True)
    op.execute(
        f"INSERT INTO audit_events_old (seq, {_COPIED}) SELECT seq, {_COPIED} FROM audit_events"
    )
    _swap("audit_events_old", bind.dialect.name == "postgresql")
