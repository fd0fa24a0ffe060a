"""Alembic environment: runs on the connection TwoKey hands it (see storage/schema.py)."""

from alembic import context
from sqlmodel import SQLModel

import storage.catalog  # noqa: F401  (registers the tables)
import storage.contacts  # noqa: F401
import storage.models  # noqa: F401

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `twokey db upgrade`, which provides the connection")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
