"""Windows security services stopped or disabled: Defender and Defender for Endpoint, the
firewall service, the event log, Sysmon, and the common EDR and log-shipping agents.

`Stop-Service WinDefend`, `Set-Service Sysmon64 -StartupType Disabled`, `sc config
WinDefend start= disabled`, `net stop Sense`: each leaves the machine unwatched, whatever
the reason given. Reading a service's state (`Get-Service`, `sc query`) or restarting it
is not held. Read by `bot.risk.windows` with the PowerShell and cmd packs.
"""

from __future__ import annotations

from bot.risk.packs.winbase import WinRule
from bot.risk.wintok import WinCmd

# Service names (as `Get-Service` shows them), lower case.
SECURITY_SERVICES = frozenset(
    {
        "windefend",  # Microsoft Defender Antivirus
        "sense",  # Defender for Endpoint
        "wdnissvc",  # Defender network inspection
        "mpssvc",  # Windows Defender Firewall
        "bfe",  # Base Filtering Engine (the firewall needs it)
        "securityhealthservice",
        "wscsvc",  # Security Center
        "eventlog",
        "sysmon",
        "sysmon64",
        "csfalconservice",  # CrowdStrike
        "sentinelagent",  # SentinelOne
        "cbdefense",  # Carbon Black
        "cylancesvc",
        "splunkforwarder",
        "wazuhsvc",
        "ossecsvc",
        "winlogbeat",
        "elastic-agent",
    }
)


def _names(values: list[str | None]) -> list[str]:
    return [n.strip().strip("'\"").lower() for v in values if v for n in v.split(",")]


def check_ps_service_off(cmd: WinCmd) -> bool:
    """Stop-Service, or Set-Service to Disabled / Stopped, on a security service."""
    names = _names(cmd.param("name") or cmd.param("displayname") or list(cmd.args[:1]))
    if not any(n in SECURITY_SERVICES for n in names):
        return False
    if cmd.name == "stop-service":
        return True
    startup = (cmd.value("startuptype") or "").lower()
    status = (cmd.value("status") or "").lower()
    return startup == "disabled" or status == "stopped"


def check_cmd_service_off(cmd: WinCmd) -> bool:
    """`sc stop|delete X`, `sc config X start= disabled`, `net stop X` on a security service."""
    if cmd.name == "set-content" and cmd.word.lower() not in ("sc", "sc.exe"):
        return False  # `sc` is also PowerShell's alias of Set-Content: read as sc.exe only
    words = [a.lower() for a in cmd.args]
    if len(words) < 2 or words[1].strip("'\"") not in SECURITY_SERVICES:
        return False
    if cmd.name == "net":
        return words[0] == "stop"
    if words[0] in ("stop", "delete"):
        return True
    rest = "".join(words[2:]).replace(" ", "")
    return words[0] == "config" and "start=disabled" in rest


# Conditional-access states that no longer enforce the policy.
_CA_OFF_STATES = frozenset({"disabled", "enabledforreportingbutnotenforced"})


def check_ca_policy_off(cmd: WinCmd) -> bool:
    """Remove-Mg…ConditionalAccessPolicy, or Update-Mg… with -State disabled / report-only
    (also inside a -BodyParameter hashtable or JSON)."""
    if cmd.name.startswith("remove-"):
        return True
    state = (cmd.value("state") or "").strip("'\"").lower()
    if state in _CA_OFF_STATES:
        return True
    body = (cmd.value("bodyparameter") or "").lower()
    return any(
        s in body.replace("'", '"') for s in ('"disabled"', '"enabledforreportingbutnotenforced"')
    )


CHECKS = {
    "ps_service_off": check_ps_service_off,
    "cmd_service_off": check_cmd_service_off,
    "ca_policy_off": check_ca_policy_off,
}

RULES: tuple[WinRule, ...] = (
    WinRule(
        "winsec.security_service_off",
        "security_controls",
        "high",
        "require_approval",
        "Stops or disables a security service (antivirus, EDR, the firewall service, the event "
        "log or a log shipper): the machine is left unprotected or unwatched.",
        ("stop-service", "set-service"),
        check="ps_service_off",
        match=(
            "Stop-Service WinDefend -Force",
            "Stop-Service -Name CSFalconService -Force",
            "Set-Service -Name Sysmon64 -StartupType Disabled",
        ),
        not_match=(
            "Stop-Service -Name Spooler",
            "Set-Service -Name WinDefend -StartupType Automatic",
            "Get-Service WinDefend",
            "Restart-Service WinDefend",
        ),
    ),
    WinRule(
        "winsec.security_service_off_cmd",
        "security_controls",
        "high",
        "require_approval",
        "Stops or disables a security service (antivirus, EDR, the firewall service, the event "
        "log or a log shipper) from cmd: the machine is left unprotected or unwatched.",
        ("sc", "net", "set-content"),
        check="cmd_service_off",
        match=("net stop WinDefend", "sc stop Sense", "sc config WinDefend start= disabled"),
        not_match=(
            "net stop Spooler",
            "sc query WinDefend",
            "sc config WinDefend start= auto",
            "net start WinDefend",
            "Set-Content -Path notes.txt -Value 'stop WinDefend'",
        ),
    ),
    WinRule(
        "winsec.conditional_access_off",
        "security_controls",
        "high",
        "require_approval",
        "Switches a Microsoft Entra conditional-access policy off, to report-only, or deletes "
        "it (Graph PowerShell): the sign-in checks it enforced (MFA, blocked countries or "
        "legacy sign-in, compliant devices) stop applying to everyone it covered.",
        (
            "update-mg*identityconditionalaccesspolicy",
            "remove-mg*identityconditionalaccesspolicy",
        ),
        check="ca_policy_off",
        match=(
            "Update-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $id "
            "-State disabled",
            "Update-MgBetaIdentityConditionalAccessPolicy -ConditionalAccessPolicyId 7f3e "
            "-State enabledForReportingButNotEnforced",
            "Remove-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $id",
        ),
        not_match=(
            "Update-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $id "
            "-State enabled",
            "Get-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $id",
            "New-MgIdentityConditionalAccessPolicy -BodyParameter $params",
        ),
    ),
)
