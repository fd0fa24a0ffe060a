"""Files emptied in place (`truncate -s 0`, `: > file`, `cat /dev/null > file`,
`cp /dev/null file`): the data is gone as surely as with `rm`, and a security log
emptied this way hides what happened. Scratch files and ordinary logs are left alone."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p
from bot.risk.reference import reference_table
from bot.risk.shell_rules import SAFE_DELETE_NAMES, SCRATCH_ROOT_RE, SCRATCH_ROOTS

_SECURITY_LOG_RE = re.compile(
    r"(?:^|/)(?:audit/\S*|audit\.log\S*|auth\.log\S*|secure|wtmp|btmp|lastlog|faillog|"
    r"\.(?:bash_|zsh_|sh_|)history|journal/\S*|security\.log\S*|syslog|messages)$"
)
_DISPOSABLE_RE = re.compile(r"\.(?:log|out|err|tmp|cache|pid|lock)(?:\.\d+)?$")
_EMPTIERS = frozenset({":", "true", "cat", "echo", "printf", "cp"})


def _emptied(cmd: Any) -> list[str]:
    """Paths this command leaves empty."""
    if cmd.name == "truncate":
        sizes = cmd.value("-s", "--size")
        if not sizes or sizes[-1].upper() not in ("0", "0K", "0M", "0G"):
            return []
        rest = list(cmd.pos)
        if sizes[-1] in rest:
            rest.remove(sizes[-1])
        return rest
    if cmd.name == "cp" and cmd.pos[:1] == ["/dev/null"]:
        return cmd.pos[1:]
    if cmd.name not in _EMPTIERS:
        return []
    if cmd.name == "cat" and cmd.pos != ["/dev/null"]:
        return []
    if cmd.name in ("echo", "printf") and any(a.strip() for a in cmd.pos):
        return []
    if cmd.name == "echo" and "-n" not in cmd.flags:
        return []
    return [t for op, t in cmd.redirects if op in (">", ">|")]


def _disposable(path: str) -> bool:
    if path.startswith(SCRATCH_ROOTS) or SCRATCH_ROOT_RE.match(path) or path == "/dev/null":
        return True
    parts = path.rstrip("/").split("/")
    if any(part in SAFE_DELETE_NAMES for part in parts[:-1]):
        return True
    return bool(_DISPOSABLE_RE.search(parts[-1]))


def check_empties_data(cmd: Any, walk: Any) -> bool:
    return any(not _disposable(t) and not _SECURITY_LOG_RE.search(t) for t in _emptied(cmd) if t)


def check_empties_security_log(cmd: Any, walk: Any) -> bool:
    return any(_SECURITY_LOG_RE.search(t) for t in _emptied(cmd) if t)


# Where a copy of a whole datastore stops being the company's: a home directory, a
# laptop's Downloads or Desktop, a synced folder, removable media.
_PERSONAL_RE = re.compile(
    r"^(?:~|\$\{?HOME\}?|/home/|/Users/|/root/|/mnt/|/media/|/Volumes/)|"
    r"(?:Desktop|Downloads|Dropbox|Google Drive|OneDrive|iCloud)"
)


_LOCAL_SOURCE_RE = re.compile(
    r"^(?:[a-z+]+://)?(?:[^@/\s]*@)?(?:localhost|127\.0\.0\.1|\[?::1\]?)(?:[:/]|$)"
)


_TUNNELS = frozenset({"cloud-sql-proxy", "cloud_sql_proxy", "alloydb-auth-proxy"})


def _tunnel(c: Any) -> bool:
    if c.name in _TUNNELS:
        return True
    if c.name == "ssh" and any(a.startswith("-L") for a in c.args):
        return True
    return (c.name in ("kubectl", "oc") and "port-forward" in c.pos) or (
        "start-iap-tunnel" in c.pos or "AWS-StartPortForwardingSession" in c.joined
    )


def local_datastore(cmd: Any, walk: Any) -> bool:
    """Every datastore the command names (`-h`, `--host`, `--uri`, a URL) is this machine,
    and nothing in the script forwards a remote one to it (`ssh -L`, `port-forward`)."""
    sources = cmd.value("-h", "--host", "--uri") + [a for a in cmd.pos if "://" in a]
    if not sources or not all(_LOCAL_SOURCE_RE.match(s) for s in sources):
        return False
    return not any(_tunnel(c) for c in getattr(walk, "cmds", ()))


def check_snapshot_personal(cmd: Any, walk: Any) -> bool:
    """A full snapshot of a datastore (`redis-cli --rdb`, `mongodump --out`,
    `mongoexport --out`) written to a personal location. A datastore on this machine
    (localhost) is already local: copying it is not data leaving."""
    if local_datastore(cmd, walk):
        return False
    outputs = cmd.value("--rdb") if cmd.name in ("redis-cli", "valkey-cli", "keydb-cli") else []
    if cmd.name in ("mongodump", "mongoexport"):
        named = cmd.value("--collection", "-c")
        if named and all(reference_table(c) for c in named):
            return False  # `--collection feature_flags`: reference data, nobody's records
        outputs = cmd.value("--out", "-o", "--archive")
    return any(_PERSONAL_RE.search(o) for o in outputs)


CHECKS = {
    "empties_data": check_empties_data,
    "empties_security_log": check_empties_security_log,
    "snapshot_personal": check_snapshot_personal,
}

_EMPTY_PROGRAMS = ("truncate", "cp", *sorted(_EMPTIERS))

RULES: tuple[Rule, ...] = (
    Rule(
        "files.datastore_snapshot_personal",
        "exfiltration",
        "high",
        "require_approval",
        "Copies a whole datastore (a Redis RDB snapshot, a MongoDB dump or export) into a "
        "home directory, Downloads or a synced folder: the data leaves the systems that "
        "protect it.",
        (
            p(
                "redis-cli",
                "valkey-cli",
                "keydb-cli",
                "mongodump",
                "mongoexport",
                check="snapshot_personal",
                dry_run_exempt=False,
            ),
        ),
        match=(
            "redis-cli -h sessions-prod -p 6380 --tls --rdb ~/Downloads/sessions.rdb",
            "kubectl port-forward svc/redis 6379:6379 & redis-cli -h localhost --rdb ~/r.rdb",
            "mongodump --uri mongodb://prod/shop --out ~/Desktop/shop",
            "mongoexport --db shop --collection customers -o /Users/dana/customers.json",
        ),
        not_match=(
            "redis-cli -h sessions-prod --rdb /var/backups/redis/sessions.rdb",
            "mongodump --uri mongodb://prod/shop --out /srv/backups/shop",
            "redis-cli -h sessions-prod info",
            'mongoexport --uri "mongodb://localhost:27017/app_test" --collection users '
            "--out ~/Desktop/users.json",
        ),
    ),
    Rule(
        "files.emptied",
        "destructive",
        "high",
        "require_approval",
        "Empties a data file in place (truncate to zero, redirect nothing into it): its "
        "contents are gone.",
        (p(*_EMPTY_PROGRAMS, check="empties_data", dry_run_exempt=False),),
        match=(
            "truncate -s 0 /srv/app/data/orders.db",
            "truncate --size=0 customers.csv",
            ": > /srv/app/data/orders.db",
            "cat /dev/null > /var/lib/app/state.json",
            "cp /dev/null /srv/exports/payments.parquet",
        ),
        not_match=(
            "truncate -s 0 ./debug.log",
            ": > /tmp/scratch.log",
            "truncate -s 10G disk.img",
            "echo hello > notes.txt",
            "cat a.txt > b.txt",
        ),
    ),
    Rule(
        "files.security_log_emptied",
        "security_controls",
        "high",
        "require_approval",
        "Empties a security or audit log (audit, auth, login records, shell history): the "
        "record of what happened on the machine is erased.",
        (p(*_EMPTY_PROGRAMS, check="empties_security_log", dry_run_exempt=False),),
        match=(
            ": > /var/log/audit/audit.log",
            "truncate -s 0 /var/log/auth.log",
            "cat /dev/null > ~/.bash_history",
            "cp /dev/null /var/log/wtmp",
        ),
        not_match=(": > /var/log/nginx/access.log", "cat /var/log/auth.log"),
    ),
)
