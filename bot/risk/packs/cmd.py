"""cmd.exe and the Windows tools driven by `/x` switches: recursive deletes, drive
formatting, shadow copies and backup catalogs deleted, event logs cleared, the firewall
turned off, users made administrators."""

from __future__ import annotations

import re

from bot.risk.packs.winbase import WinRule, catastrophic, disposable
from bot.risk.wintok import WinCmd

_DRIVE_RE = re.compile(r"(?i)^[a-z]:$")
_PATHISH_RE = re.compile(r"[\\/:.*%]")


def _paths(cmd: WinCmd) -> list[str]:
    """The first argument, and later ones that look like paths (the rest of a sentence
    after a command is not a path)."""
    return [a for i, a in enumerate(cmd.args) if i == 0 or _PATHISH_RE.search(a)]


def check_rd_tree(cmd: WinCmd) -> bool:
    return "s" in cmd.switches and any(not disposable(a) for a in _paths(cmd))


def check_rd_catastrophic(cmd: WinCmd) -> bool:
    return "s" in cmd.switches and any(catastrophic(a) for a in _paths(cmd))


def check_del_bulk(cmd: WinCmd) -> bool:
    """`del /s` (every matching file in every subfolder) or `del /q dir\\*` outside temp."""
    if "s" in cmd.switches:
        return any(not disposable(a) for a in _paths(cmd))
    return any(re.split(r"[\\/]", a)[-1] in ("*", "*.*") and not disposable(a) for a in _paths(cmd))


def check_format_drive(cmd: WinCmd) -> bool:
    return any(_DRIVE_RE.match(a) for a in cmd.args)


def check_net_admin(cmd: WinCmd) -> bool:
    words = [a.lower() for a in cmd.args]
    return (
        len(words) >= 3
        and words[0] == "localgroup"
        and words[1] in ("administrators", "remote desktop users")
        and "add" in cmd.switches
    ) or (
        len(words) >= 2
        and words[0] == "group"
        and words[1] == "domain admins"
        and "add" in cmd.switches
    )


def check_netsh_off(cmd: WinCmd) -> bool:
    words = " ".join(a.lower() for a in cmd.args)
    return "advfirewall" in words and bool(re.search(r"\bstate\s+off\b", words))


CHECKS = {
    "rd_tree": check_rd_tree,
    "rd_catastrophic": check_rd_catastrophic,
    "del_bulk": check_del_bulk,
    "format_drive": check_format_drive,
    "net_admin": check_net_admin,
    "netsh_off": check_netsh_off,
}


def _first(cmd: WinCmd, *words: str) -> bool:
    return [a.lower() for a in cmd.args[: len(words)]] == list(words)


def check_shadow_delete(cmd: WinCmd) -> bool:
    if cmd.name == "vssadmin":
        return _first(cmd, "delete", "shadows") or _first(cmd, "resize", "shadowstorage")
    if cmd.name == "wmic":
        return _first(cmd, "shadowcopy", "delete")
    if cmd.name == "wbadmin":
        return bool(cmd.args) and cmd.args[0].lower() in ("delete",)
    return cmd.name == "bcdedit" and "recoveryenabled" in " ".join(cmd.args).lower()


def check_log_clear(cmd: WinCmd) -> bool:
    return bool(cmd.args) and cmd.args[0].lower() in ("cl", "clear-log")


def check_audit_off(cmd: WinCmd) -> bool:
    """`auditpol /clear`, `/remove`, or `/set … /success:disable /failure:disable`."""
    sw = set(cmd.switches)
    if sw & {"clear", "remove"}:
        return True
    return "set" in sw and bool(sw & {"success:disable", "failure:disable"})


CHECKS.update(
    {
        "shadow_delete": check_shadow_delete,
        "log_clear": check_log_clear,
        "audit_off": check_audit_off,
    }
)

RULES: tuple[WinRule, ...] = (
    WinRule(
        "cmd.recursive_delete_catastrophic",
        "destructive",
        "critical",
        "block",
        "Deletes a whole drive, the Windows directory or the users' homes with `rd /s`: the "
        "machine or every account on it is wiped.",
        ("rd", "rmdir"),
        check="rd_catastrophic",
        supersedes=("cmd.recursive_delete",),
        match=("rd /s /q C:\\", "rmdir /s /q C:\\Users"),
        not_match=("rd /s /q C:\\temp\\x",),
    ),
    WinRule(
        "cmd.recursive_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes a folder tree (`rd /s`); nothing goes to the Recycle Bin.",
        ("rd", "rmdir"),
        check="rd_tree",
        match=("rd /s /q C:\\projects\\app", 'rmdir /S /Q "D:\\Shares\\Finance"'),
        not_match=("rd /s /q build", "rd /s /q %TEMP%\\setup", "rd emptydir"),
    ),
    WinRule(
        "cmd.bulk_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes every file of a folder, or every matching file in every subfolder, without "
        "asking.",
        ("del", "erase"),
        check="del_bulk",
        match=("del /s /q C:\\data\\*.*", "del /q D:\\exports\\*", "erase /s C:\\db\\*.bak"),
        not_match=("del C:\\temp\\old.log", "del /q %TEMP%\\*", "del /s /q build\\*.obj"),
    ),
    WinRule(
        "cmd.format_drive",
        "destructive",
        "critical",
        "block",
        "Formats a drive: everything on it is lost.",
        ("format",),
        check="format_drive",
        match=("format D: /q /y", "format E: /fs:NTFS"),
        not_match=("format /?",),
    ),
    WinRule(
        "cmd.shadow_copies_deleted",
        "destructive",
        "critical",
        "require_approval",
        "Deletes shadow copies or the backup catalog, or turns off recovery: the machine's "
        "own way back is gone (the first step of most ransomware).",
        ("vssadmin", "wmic", "wbadmin", "bcdedit"),
        check="shadow_delete",
        match=(
            "vssadmin delete shadows /all /quiet",
            "wmic shadowcopy delete",
            "wbadmin delete catalog -quiet",
            "bcdedit /set {default} recoveryenabled No",
        ),
        not_match=("vssadmin list shadows", "wbadmin get versions"),
    ),
    WinRule(
        "cmd.event_log_cleared",
        "security_controls",
        "high",
        "require_approval",
        "Clears a Windows event log: the record of what happened is erased.",
        ("wevtutil",),
        check="log_clear",
        match=("wevtutil cl Security", "wevtutil clear-log System"),
        not_match=("wevtutil qe Security /c:5",),
    ),
    WinRule(
        "cmd.audit_policy_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns Windows audit logging off (or clears the audit policy): logons, privilege use "
        "and changes stop being recorded.",
        ("auditpol",),
        check="audit_off",
        match=(
            "auditpol /set /category:* /success:disable /failure:disable",
            "auditpol /clear /y",
            'auditpol /set /subcategory:"Logon" /failure:disable',
        ),
        not_match=(
            "auditpol /get /category:*",
            'auditpol /set /subcategory:"Logon" /success:enable /failure:enable',
            "auditpol /backup /file:C:\\audit.csv",
        ),
    ),
    WinRule(
        "cmd.firewall_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns off the Windows firewall.",
        ("netsh",),
        check="netsh_off",
        match=("netsh advfirewall set allprofiles state off",),
        not_match=("netsh advfirewall show allprofiles",),
    ),
    WinRule(
        "cmd.admin_grant",
        "permissions",
        "critical",
        "require_approval",
        "Adds an account to the local Administrators (or Domain Admins) group.",
        ("net",),
        check="net_admin",
        match=(
            "net localgroup administrators contractor /add",
            'net group "Domain Admins" jdoe /add /domain',
        ),
        not_match=("net localgroup administrators", "net localgroup users jdoe /add"),
    ),
)
