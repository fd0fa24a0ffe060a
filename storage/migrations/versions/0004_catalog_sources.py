"""catalog sources: what TwoKey learned from databases, dbt and catalog servers

Revision ID: 0004
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.models

revision: str = "0004"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalog_sources",
        sa.Column("name", AutoString(length=60), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("origin", AutoString(length=500), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("synced_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "catalog_entries",
        sa.Column("source", AutoString(length=60), nullable=False),
        sa.Column("name", AutoString(length=255), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("classification", AutoString(length=24), nullable=True),
        sa.Column("pii_fields", sa.JSON(), nullable=False),
        sa.Column("owner", AutoString(length=200), nullable=True),
        sa.Column("description", AutoString(length=500), nullable=True),
        sa.Column("rows", sa.BigInteger(), nullable=True),
        sa.Column("bytes", sa.BigInteger(), nullable=True),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("downstream", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("source", "name"),
    )
    with op.batch_alter_table("catalog_entries", schema=None) as batch_op:
        batch_op.create_index("ix_catalog_entries_name", ["name"], unique=False)


def downgrade() -> None:
    op.drop_table("catalog_entries")
    op.drop_table("catalog_sources")
