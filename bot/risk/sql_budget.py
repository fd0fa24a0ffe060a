"""How much SQL one assessment hands to the parser.

sqlglot's cost grows faster than the text: one 64 KB INSERT or SELECT takes 150 ms or
more, and 64 KB of short statements (each tried in up to six dialects) 70 ms. A message
is read in tens of milliseconds at most, so the parser gets a budget in characters per
assessment (`budget`), spent on each parse attempt; a statement the budget no longer
covers is not parsed, and the SQL detector holds the message for a person (one
`sql.too_long` finding, at the first statement left unread) rather than passing it
unread. Outside an assessment each `SqlDetector.assess` call
has a budget of its own.

The budget counts statements too (`STATEMENT_BUDGET`): 64 KB of one-line statements is
5,000 of them, and reading each (its own patterns, its scope, its finding) cost 0.1 s
even with the parser's share spent. The statements past it are not read at all: the
same one `sql.too_long` finding holds the message, as for a statement left unparsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = [
    "PARSE_BUDGET",
    "STATEMENT_BUDGET",
    "budget",
    "first_unread",
    "spend",
    "statements_left",
    "take_statement",
]

PARSE_BUDGET = 12_000
"""Characters of SQL parsed per assessment, each dialect tried counting again: a
statement of up to 2,000 characters tried in all six dialects (`sql._MULTI_DIALECT_MAX`)
fits, and ten times the most SQL any message of the corpora hands the parser (1,200)."""

STATEMENT_BUDGET = 256
"""SQL statements read per assessment: over thirty times the most any message of the
corpora holds (7), and more than the parse budget covers in all but one-word statements."""


@dataclass
class _Budget:
    left: int
    refused: bool = False
    statements: int = STATEMENT_BUDGET


_current: ContextVar[_Budget | None] = ContextVar("sql_parse_budget", default=None)


@contextmanager
def budget(chars: int = PARSE_BUDGET, *, keep: bool = False) -> Iterator[None]:
    """Parsing within the block shares `chars`; with `keep`, an enclosing budget (one
    assessment's) is used when there is one."""
    if keep and _current.get() is not None:
        yield
        return
    token = _current.set(_Budget(chars))
    try:
        yield
    finally:
        _current.reset(token)


def spend(chars: int) -> bool:
    """Take `chars` from the current budget; False (nothing taken) when it is short.
    Without a budget in force, parsing is unbounded."""
    current = _current.get()
    if current is None:
        return True
    if chars > current.left:
        return False
    current.left -= chars
    return True


def take_statement() -> bool:
    """Count one statement read; False when the current budget has read all it may.
    Without a budget in force, every statement is read."""
    current = _current.get()
    if current is None:
        return True
    if current.statements <= 0:
        return False
    current.statements -= 1
    return True


def statements_left() -> bool:
    """Whether the current budget reads another statement (nothing is taken)."""
    current = _current.get()
    return current is None or current.statements > 0


def first_unread() -> bool:
    """A statement is left unread: True for the first of the budget, which says so for all
    of them (one reason for the approver, and no scope or agreement work per statement;
    "parse" findings are never lowered)."""
    current = _current.get()
    if current is None:
        return True
    first = not current.refused
    current.refused = True
    return first
