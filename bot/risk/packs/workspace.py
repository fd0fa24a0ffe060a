"""Google Workspace through GAM: Drive files shared with anyone on the internet, mail
forwarded outside the company, a data-loss-prevention rule switched off."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p
from bot.risk.packs.net import outside

_ADDRESS_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def check_gam_forward_outside(cmd: Any, walk: Any) -> bool:
    """`gam user X forward on ADDRESS …` to an address outside the company."""
    words = [w.lower() for w in cmd.pos]
    if "forward" not in words:
        return False
    i = words.index("forward")
    if words[i + 1 : i + 2] != ["on"]:
        return False
    hosts = _ADDRESS_RE.findall(" ".join(cmd.pos[i + 2 : i + 4]))
    own = _ADDRESS_RE.findall(cmd.pos[1]) if words[:1] == ["user"] and len(words) > 1 else []
    return any(outside(h, walk.domains, own) for h in hosts)


CHECKS = {"gam_forward_outside": check_gam_forward_outside}

RULES: tuple[Rule, ...] = (
    Rule(
        "workspace.drive_public",
        "permissions",
        "critical",
        "require_approval",
        "Shares a Google Drive file with anyone who has the link (or anyone on the "
        "internet): it can be read outside the company.",
        (
            p(
                "gam",
                args_re=r"(?i)(?:^|\s)(?:add|create|update)\s+drivefile(?:acl)?\s+(?:id\s+)?\S+\s+"
                r"(?:sharing\s+)?anyone(?:\s|$)",
            ),
        ),
        match=(
            "gam user cfo@acme.example update drivefileacl 1xQ8deckFakeId anyone role reader "
            "withlink",
            "gam user a@acme.example add drivefileacl 1abc anyone role reader",
            "gam user a@acme.example update drivefile id 1abc sharing anyone reader",
        ),
        not_match=(
            "gam user cfo@acme.example add drivefileacl 1xQ8deckFakeId user dana@acme.example "
            "role reader",
            "gam user cfo@acme.example show drivefileacl 1xQ8deckFakeId",
        ),
    ),
    Rule(
        "workspace.mail_forward_outside",
        "exfiltration",
        "high",
        "require_approval",
        "Forwards a mailbox to an address outside the company: every message it receives "
        "leaves the company.",
        (p("gam", check="gam_forward_outside"),),
        match=("gam user greta@acme.example forward on greta.private@gmail.com keep",),
        not_match=(
            "gam user greta@acme.example forward off",
            "gam user greta@acme.example show forward",
        ),
    ),
    Rule(
        "workspace.dlp_rule_off",
        "security_controls",
        "high",
        "require_approval",
        "Switches a Workspace data-loss-prevention rule off (state inactive) or deletes it: "
        "files and mail with the personal data it blocked go through unchecked.",
        (
            p(
                "gam",
                args_re=r"(?i)(?:^|\s)update\s+dlprules?\s+.*\bstate\s+(?:inactive|disabled?|off)\b",
            ),
            p("gam", args_re=r"(?i)(?:^|\s)delete\s+dlprules?\s"),
        ),
        match=(
            'gam update dlprule "PII-DNI-ES" state inactive',
            "gam delete dlprule Block-SSN",
        ),
        not_match=(
            'gam update dlprule "PII-DNI-ES" state active',
            "gam print dlprules",
            "gam report drive event dlp_rule_match start -7d",
        ),
    ),
)
