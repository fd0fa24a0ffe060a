"""Rule packs per tool family, as data.

Each shell-side pack (`cloud`, `backup`, `githost`, `k8s`, `files`, `envdump`, `hostfw`,
`identity`, `installs`, `workspace`, `platforms`, `mfa`, `acl`, `datastores`, `guards`,
`directory`, `alerting`, `publish`, `crossaccount`, `vcs`, `idp`) is a module
with `RULES` (the same `Rule`/`Pattern` data as `bot.risk.shell_rules`: a pattern, a
reason a person can read, and `match` / `not_match` examples), optional `CHECKS` (named
predicates for what a pattern cannot say) and optional `SAFE` (shapes that are known
read-only or bounded: a command matching one is never flagged by any shell rule, so a
listing that names a dangerous thing stays allowed). The shell detector indexes them with
its own rules. PowerShell and cmd have their own tokenizer and packs (`powershell`, `cmd`,
`winsec`, read by `bot.risk.windows`); documents are judged by `iac` (read by
`bot.risk.documents`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.risk.packs import (
    acl,
    alerting,
    backup,
    cloud,
    crossaccount,
    datastores,
    directory,
    envdump,
    files,
    githost,
    guards,
    hostfw,
    identity,
    idp,
    installs,
    k8s,
    mfa,
    platforms,
    publish,
    vcs,
    workspace,
)
from bot.risk.packs.base import Safe
from bot.risk.shell_rules import Rule

__all__ = ["SHELL_CHECKS", "SHELL_RULES", "SHELL_SAFE", "Safe"]


SHELL_PACKS = (
    cloud,
    backup,
    githost,
    k8s,
    files,
    envdump,
    hostfw,
    identity,
    installs,
    workspace,
    platforms,
    mfa,
    acl,
    datastores,
    directory,
    guards,
    alerting,
    publish,
    crossaccount,
    vcs,
    idp,
)

SHELL_RULES: tuple[Rule, ...] = tuple(r for pack in SHELL_PACKS for r in pack.RULES)
SHELL_CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    name: fn for pack in SHELL_PACKS for name, fn in getattr(pack, "CHECKS", {}).items()
}
SHELL_SAFE: tuple[Safe, ...] = tuple(s for pack in SHELL_PACKS for s in getattr(pack, "SAFE", ()))
