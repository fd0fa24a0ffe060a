"""What every shell-side pack is made of."""

from __future__ import annotations

from dataclasses import dataclass

from bot.risk.shell_rules import Pattern, Rule

__all__ = ["Pattern", "Rule", "Safe", "p"]


def p(*programs: str, **kw: object) -> Pattern:
    return Pattern(programs=programs, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Safe:
    """A read-only command shape, checked before any rule: its `match` examples must
    raise no shell finding at all, its `not_match` examples must not be covered by it."""

    id: str
    reason: str
    patterns: tuple[Pattern, ...]
    match: tuple[str, ...]
    not_match: tuple[str, ...] = ()
    no_secret_value: bool = False
    """Its output names secrets but holds none of their values (metadata, a listing): a
    message asking to post that output posts no secret."""
