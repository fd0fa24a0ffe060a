"""What the Windows packs (PowerShell, cmd) are made of: a rule as data, and the paths
that are disposable or catastrophic to delete."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import translate

from bot.config import Risk, Verdict
from bot.risk.shell_rules import SAFE_DELETE_NAMES
from bot.risk.wintok import WinCmd

WinCheck = Callable[[WinCmd], bool]


@dataclass(frozen=True)
class WinRule:
    """One risky Windows command shape. `commands` are canonical names (aliases folded,
    lower case; `*` is a wildcard). `params_*` are full parameter names, matched
    by the prefixes people type (`-Rec`, `-fo`). `check` names a predicate in the pack's
    `CHECKS`. `-WhatIf` disarms a rule unless `whatif_exempt` is false."""

    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    commands: tuple[str, ...]
    match: tuple[str, ...]
    not_match: tuple[str, ...] = ()
    params_all: tuple[str, ...] = ()
    params_any: tuple[str, ...] = ()
    switches_any: tuple[str, ...] = ()
    check: str | None = None
    whatif_exempt: bool = True
    supersedes: tuple[str, ...] = ()
    """Ids of broader rules this one replaces when both match (one reason, the exact one)."""

    _names: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = "|".join(translate(c) for c in self.commands)
        object.__setattr__(self, "_names", re.compile(pattern))

    def names(self, name: str) -> bool:
        return self._names.match(name) is not None


_WIN_SCRATCH_RE = re.compile(
    r"(?i)^(?:\$env:te?mp|\$env:tmp|%te?mp%|%tmp%|[a-z]:[\\/](?:windows[\\/])?te?mp(?:[\\/]|$)|"
    r"\$env:localappdata[\\/]temp|[a-z]:[\\/]users[\\/][^\\/]+[\\/]appdata[\\/]local[\\/]temp)"
)
_WIN_SAFE_NAMES = frozenset({"bin", "obj", ".vs", "packages", "testresults", "artifacts"})
_NAMES = frozenset(n.lower() for n in SAFE_DELETE_NAMES) | _WIN_SAFE_NAMES
_CATASTROPHIC_RE = re.compile(
    r"(?i)^(?:[a-z]:[\\/]?\*?|[\\/]|~|\$home|\$env:userprofile|\$env:systemroot|\$env:windir|"
    r"%userprofile%|%systemroot%|%windir%|[a-z]:[\\/](?:windows|users|program files(?: \(x86\))?|"
    r"programdata|system32)[\\/]?\*?)$"
)


def disposable(path: str) -> bool:
    """Build output, caches, dependencies or anything under a temp directory."""
    p = path.strip().strip("'\"")
    if _WIN_SCRATCH_RE.match(p):
        return True
    parts = [x for x in re.split(r"[\\/]", p) if x and x not in (".", "*", "*.*")]
    if not parts:
        return False
    last = parts[-1].lower()
    return any(part.lower() in _NAMES for part in parts) or last.endswith(
        (".tmp", ".log", ".pyc", ".egg-info")
    )


def catastrophic(path: str) -> bool:
    """A drive root, the Windows directory, the users' homes, Program Files."""
    return bool(_CATASTROPHIC_RE.match(path.strip().strip("'\"")))
