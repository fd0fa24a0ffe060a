"""Active Directory and Entra ID read out whole from PowerShell: every user's profile
piped into a file in a home folder (`Get-ADUser -Filter * -Properties * | Export-Csv
C:\\Users\\me\\Desktop\\users.csv`). The PowerShell twin of `directory`. Read by
`bot.risk.windows`."""

from __future__ import annotations

import re

from bot.risk.packs.winbase import WinRule
from bot.risk.wintok import WinCmd

_DIRECTORY_READERS = frozenset({"get-aduser", "get-mguser", "get-azureaduser", "get-entrauser"})
# A home folder, a laptop's Desktop or Downloads, a synced folder, a temporary folder (the
# twin of `/tmp` for the shell readers: a scratch place anyone on the machine reads).
_PERSONAL_PATH = re.compile(
    r"(?i)^(?:~|\$home|\$env:userprofile|\$env:onedrive|\$env:te?mp|[a-z]:\\users\\|"
    r"[a-z]:\\te?mp\\|[a-z]:\\windows\\temp\\)|"
    r"\\(?:desktop|downloads|onedrive[^\\]*)(?:\\|$)"
)
_PERSONAL_PROPS = re.compile(r"(?i)^\*$|phone|mobile|address|street|birth|home|personal")


def _everyone(reader: WinCmd) -> bool:
    """Every user (`-Filter *`, `-All`) with their private properties (`-Properties *`
    or phones and addresses)."""
    every = (reader.value("filter") or "").strip("'\" ") == "*" or reader.has("all")
    given = (reader.param("properties") or []) + (reader.param("property") or [])
    props = [p for v in given if v for p in v.split(",")]
    return every and any(_PERSONAL_PROPS.search(p.strip("'\" ")) for p in props)


def check_directory_to_personal(cmd: WinCmd) -> bool:
    """A file write fed by every user's full directory profile, into a personal folder."""
    paths = [v for v in cmd.param("path") or [] if v] or cmd.args[:1]
    readers = [u for u in cmd.upstream if u.name in _DIRECTORY_READERS]
    return any(_PERSONAL_PATH.search(p.strip("'\"")) for p in paths) and any(
        _everyone(r) for r in readers
    )


CHECKS = {"directory_to_personal": check_directory_to_personal}

RULES: tuple[WinRule, ...] = (
    WinRule(
        "powershell.directory_export_personal",
        "exfiltration",
        "high",
        "require_approval",
        "Writes every user in the directory, with phones, addresses and every other "
        "property, into a home or laptop folder: the whole staff's private data leaves the "
        "systems that protect it.",
        ("export-csv", "out-file", "export-clixml", "set-content"),
        check="directory_to_personal",
        match=(
            "Get-ADUser -Filter * -Properties * | Export-Csv C:\\Users\\me\\Desktop\\all.csv",
            "Get-MgUser -All -Property * | Export-Csv -Path $HOME\\users.csv",
            "Get-ADUser -Filter * -Properties MobilePhone,StreetAddress | "
            "Export-Csv $env:USERPROFILE\\Downloads\\phones.csv",
            "Get-ADUser -Filter * -Properties EmailAddress,MobilePhone | "
            "Export-Csv C:\\temp\\all.csv",
        ),
        not_match=(
            "Get-ADUser -Filter * -Properties * | Export-Csv \\\\fs01\\hr$\\audit\\all.csv",
            "Get-ADUser -Filter * | Measure-Object",
            "Get-ADUser jdoe -Properties * | Export-Csv C:\\Users\\me\\Desktop\\jdoe.csv",
            "Get-ADUser -Filter * -Properties Department | Export-Csv C:\\Users\\me\\dept.csv",
        ),
    ),
)
