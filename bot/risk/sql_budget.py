"""How much SQL one assessment hands to the parser.

sqlglot's cost grows faster than the text: one 64 KB INSERT or SELECT takes 150 ms or
more, and 64 KB of short statements (each tried in up to six dialects) 70 ms. A message
is read in tens of milliseconds at most, so the parser gets a budget in characters per
assessment (`budget`), spent on each parse attempt; a statement the budget no longer
covers is not parsed, and the SQL detector holds it for a person (`sql.too_long`)
rather than passing it unread. Outside an assessment each `SqlDetector.assess` call
has a budget of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["PARSE_BUDGET", "budget", "spend"]

PARSE_BUDGET = 8_000
"""Characters of SQL parsed per assessment (each dialect tried counts again): well
above any message's own SQL, a few milliseconds of parsing."""

_left: ContextVar[list[int] | None] = ContextVar("sql_parse_left", default=None)


@contextmanager
def budget(chars: int = PARSE_BUDGET, *, keep: bool = False) -> Iterator[None]:
    """Parsing within the block shares `chars`; with `keep`, an enclosing budget (one
    assessment's) is used when there is one."""
    if keep and _left.get() is not None:
        yield
        return
    token = _left.set([chars])
    try:
        yield
    finally:
        _left.reset(token)


def spend(chars: int) -> bool:
    """Take `chars` from the current budget; False (nothing taken) when it is short.
    Without a budget in force, parsing is unbounded."""
    left = _left.get()
    if left is None:
        return True
    if chars > left[0]:
        return False
    left[0] -= chars
    return True
