"""The one compare-and-set every status change goes through, requests and contacts alike.

A change wins only if the row is still in a status it may leave, so two approvers
clicking at once, or two replicas sweeping the same deadline, move it once. What a
change is allowed to do is `bot.approvals.states`' business; this only applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from storage.models import utcnow


def compare_and_set(
    session: Session,
    model: type[SQLModel],
    ids: Sequence[str],
    *,
    expected: Sequence[str],
    to: str,
    **values: Any,
) -> set[str]:
    """Move the rows of `model` in `ids` still in `expected` to `to`; the ids this call moved."""
    if not ids:
        return set()
    id_col: Any = getattr(model, "id")  # noqa: B009 - SQLModel declares columns as plain fields
    status_col: Any = getattr(model, "status")  # noqa: B009
    result = session.execute(
        sa.update(model)
        .where(id_col.in_(list(ids)), status_col.in_(list(expected)))
        .values(status=to, updated_at=utcnow(), **values)
        .returning(id_col)
        .execution_options(synchronize_session=False)
    )
    return {row[0] for row in result}
