"""The named checks shell rules point to (`Pattern.check`): what a pattern cannot say.

`rm -rf` on a scratch directory is fine and on `/etc` is not; `curl -T` to a
partner's host leaves the company and to an internal one does not. Each check
reads one command (`shell_cmd.Cmd`) and the company's domains; the rules that
name them, with their reasons and examples, are data in `shell_rules` and the
packs.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections.abc import Callable
from typing import Protocol

from bot.risk.packs.files import local_datastore
from bot.risk.reference import PERSONAL_TABLE_RE as _PERSONAL_TABLE_RE
from bot.risk.reference import reference_table
from bot.risk.shell_cmd import Cmd, decode_escapes
from bot.risk.shell_rules import (
    CATASTROPHIC_PATHS,
    DESTRUCTIVE_FLAG_RE,
    DESTRUCTIVE_VERB_RE,
    DOWNLOADERS,
    NETWORK_SINKS,
    NON_READING,
    SAFE_DELETE_NAMES,
    SAFE_DELETE_SUFFIXES,
    SCRATCH_ROOT_RE,
    SCRATCH_ROOTS,
    SHELLS,
    SYSTEM_DIRS,
)
from bot.risk.shell_wrappers import SSH_VALUE_OPTS, interpreter_family, shell_script, skip_options


class Walk(Protocol):
    """What a check asks of the walk: the company's own domains."""

    domains: tuple[str, ...]


# ---------------------------------------------------------------------------- helpers

_PRIVATE_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "0.0.0.0/32",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
    )
)
_INTERNAL_SUFFIXES = (
    ".local",
    ".internal",
    ".lan",
    ".corp",
    ".home.arpa",
    ".svc",
    ".cluster.local",
    ".localhost",
    ".intranet",
    ".localdomain",
)
URL_RE = re.compile(
    r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/\s]*@)?(?P<host>\[[^\]]+\]|[^/:?#\s]+)"
)
REMOTE_RE = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\]):(?!//)")
_BARE_HOST_RE = re.compile(
    r"^(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?::\d+)?(?:/|$)"
)


def _outside(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().strip("[]").rstrip(".")
    if not host or host == "localhost" or host.endswith(_INTERNAL_SUFFIXES):
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return not any(ip in net for net in _PRIVATE_NETS if net.version == ip.version)
    if "." not in host:
        return False
    return not any(host == d or host.endswith("." + d) for d in domains)


def _url_hosts(args: list[str]) -> list[str]:
    hosts = []
    for arg in args:
        m = URL_RE.match(arg)
        if m and m.group("scheme").lower() in (
            "http",
            "https",
            "ftp",
            "ftps",
            "sftp",
            "scp",
            "tcp",
            "ws",
            "wss",
            "rsync",
        ):
            hosts.append(m.group("host"))
    if not hosts:
        for arg in args:
            m = _BARE_HOST_RE.match(arg)
            if m and not arg.startswith(("-", "@", "/", ".")):
                hosts.append(m.group("host"))
    return hosts


_CATASTROPHIC_RE = re.compile(r"/+|/+\*|~/?\*?|\$\{?HOME\}?/?\*?|/\.\*?|~/\.\*")


def _target_class(target: str) -> str:
    """`catastrophic`, `dangerous` or `safe` for an rm -r target."""
    t = target.strip()
    if not t:
        return "dangerous"
    if (
        t in CATASTROPHIC_PATHS
        or (t.rstrip("/") or "/") in CATASTROPHIC_PATHS
        or _CATASTROPHIC_RE.fullmatch(t)
    ):
        return "catastrophic"
    if ".." in t.split("/"):
        t = posixpath.normpath(t)
        if t.startswith("..") or t in CATASTROPHIC_PATHS:
            return "catastrophic" if t in CATASTROPHIC_PATHS else "dangerous"
    scratch = _scratch_prefix(t)
    if scratch is not None:
        return "safe" if t[scratch:].strip("/") else "dangerous"
    return "safe" if _plainly_disposable(t) else "dangerous"


def _scratch_prefix(t: str) -> int | None:
    """Length of the scratch root (`/tmp/`, a build dir) `t` starts with, if any."""
    scratch = next((len(root) for root in SCRATCH_ROOTS if t.startswith(root)), None)
    m = SCRATCH_ROOT_RE.match(t)
    if scratch is None and m:
        scratch = m.end()
    return scratch


def _plainly_disposable(t: str) -> bool:
    """A cache, build output or log by its name, or something inside one."""
    trimmed = t.rstrip("/")
    last = trimmed.rsplit("/", 1)[-1]
    parents = (
        trimmed.split("/")[1:-1] if trimmed.startswith(("/", "~", "$")) else trimmed.split("/")[:-1]
    )
    if any(p in SAFE_DELETE_NAMES for p in parents) and "*" not in last:
        return True  # inside a cache or build directory
    if "{}" in t or "$" in t or "`" in t:
        # An unknown prefix is fine when what is removed is plainly a cache or build dir.
        literal_last = "/" in trimmed and not any(c in last for c in "${}`*")
        return literal_last and last in SAFE_DELETE_NAMES
    if last in ("*", ".*", ".", "..", "") or last.startswith("*"):
        if last.startswith("*.") and last[1:].endswith(SAFE_DELETE_SUFFIXES):
            return True
        parent = trimmed.rsplit("/", 1)[0] if "/" in trimmed else ""
        return bool(parent) and parent.rsplit("/", 1)[-1] in SAFE_DELETE_NAMES
    two = "/".join(trimmed.split("/")[-2:])
    return (
        last in SAFE_DELETE_NAMES or two in SAFE_DELETE_NAMES or last.endswith(SAFE_DELETE_SUFFIXES)
    )


_CRED_RE = re.compile(
    r"(?:^|/)\.aws/credentials$|(?:^|/)\.ssh/(?:id_[a-z0-9_]+|[\w.-]+_key|[\w.-]+\.pem)$|"
    r"(?:^|/)id_(?:rsa|dsa|ecdsa|ed25519)$|"
    # a private key named by its algorithm wherever it is kept (`keys/payroll_upload_ed25519`,
    # `deploy_rsa`, `/etc/ssh/ssh_host_ecdsa_key`); its `.pub` half is not one
    r"(?:^|/)[\w.-]*[_-](?:rsa|dsa|ecdsa|ed25519)(?:_key)?$|(?:^|/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$|"
    r"^/etc/g?shadow-?$|^/etc/sudoers$|(?:^|/)\.netrc$|(?:^|/)\.pgpass$|(?:^|/)\.git-credentials$|"
    r"(?:^|/)\.docker/config\.json$|(?:^|/)\.kube/config$|(?:^|/)\.vault-token$|"
    r"(?:^|/)\.config/gcloud/(?:credentials\.db|application_default_credentials\.json|legacy_credentials\S*)$|"
    r"(?:^|/)\.azure/(?:accessTokens\.json|msal_token_cache\S*)$|^/proc/[^/]+/environ$|"
    r"\.(?:p12|pfx|keystore|jks)$|(?:^|/)(?:private|server|tls|ssl)\.key$|(?:^|/)credentials\.json$|"
    r"(?:^|/)\.npmrc$|(?:^|/)\.pypirc$|(?:^|/)secrets?\.ya?ml$"
)
_PERSONAL_RE = re.compile(
    r"^(?:~|\$\{?HOME\}?|/home/|/Users/|/root/|/tmp/|/var/tmp/|/mnt/|/media/|/Volumes/|/dev/shm/)|"
    r"(?:Desktop|Downloads|Dropbox|Google Drive|OneDrive|iCloud)"
)
_DISK_RE = re.compile(r"^/dev/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md\d|dm-|mapper/|sr|loop)")
_HTTP_DELETE_PATH_RE = re.compile(
    r"(?i)(?:^|/)(?:_delete_by_query|dodelete|delete|purge|destroy|wipe|_flush)(?:[/?#]|$)"
)
FORK_BOMB_RE = re.compile(
    r"(?<![\w:.])(?P<f>[\w:.]{1,64})\s*\(\)\s*\{\s*(?P=f)\s*\|\s*(?P=f)\s*&\s*\}\s*;?\s*(?P=f)"
)
_SCRIPT_DELETE_RE = re.compile(
    r"shutil\.rmtree|\bos\.(?:remove|unlink|rmdir|removedirs)\s*\(|\.unlink\s*\(|\.rmtree\s*\(|"
    r"FileUtils\.(?:rm_rf|rm_r|rm|remove_dir|remove_entry\w*|remove)\b|\bfs\.(?:rmSync|rmdirSync|"
    r"unlinkSync|rm|rmdir|unlink|promises\.rm)\b|\bunlink\s*\(|\brmtree\b|\bFile\.delete\b|"
    r"\.(?:rmSync|rmdirSync|unlinkSync|rmtree)\s*\(|\bDir\.(?:delete|rmdir)\b|\bFileUtils::rm|\bremove_tree\b|\bDeno\.remove\b|\bBun\.\w*rm"
)
# Shared branches, and published tags: a release tag (`v3.2.0`, `refs/tags/...`) is fetched
# by everyone, so moving or deleting it rewrites history others already have.
_PROTECTED_REF_RE = re.compile(
    r"^(?:(?:refs/heads/)?(?:main|master|trunk|develop|prod|production|release\S*|HEAD)"
    r"|refs/tags/\S+|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?)$"
)
_LITERAL_SOURCES = frozenset({"echo", "printf", "yes", "true", "seq", "date"})


def paths_of(cmd: Cmd) -> list[str]:
    vals = list(cmd.pos)
    vals += [a.split("=", 1)[1] for a in cmd.args if a.startswith("-") and "=" in a]
    return vals


# ---------------------------------------------------------------------------- checks


def _rm_targets(cmd: Cmd) -> list[str]:
    extra = cmd.stdin_text.split() if cmd.args_from_stdin and cmd.stdin_text else []
    return cmd.pos + extra


def check_rm_catastrophic(cmd: Cmd, walk: Walk) -> bool:
    if "--no-preserve-root" in cmd.flags:
        return True
    return any(_target_class(t) == "catastrophic" for t in _rm_targets(cmd))


def check_rm_dangerous(cmd: Cmd, walk: Walk) -> bool:
    targets = _rm_targets(cmd)
    if (cmd.args_from_stdin and cmd.stdin_text is None) or not targets:
        return True
    return any(_target_class(t) == "dangerous" for t in targets)


_HOME_SSH_RE = re.compile(r"^(?:~|\$\{?HOME\}?)/\.ssh/")


def check_rm_system_file(cmd: Cmd, walk: Walk) -> bool:
    for t in cmd.pos:
        norm = posixpath.normpath(t) if t.startswith("/") else t
        if norm.startswith(SYSTEM_DIRS) or (t[:1] in "~$" and _HOME_SSH_RE.match(t)):
            return True
    return False


# Rotated or compressed log files (`*.log.*.gz`, `*.log.1`, `*.gz`) under a log directory.
_ROTATED_LOG_RE = re.compile(
    r"^[\w*][\w.*\[\]-]*(?:\.log\.[\w.*\[\]-]+|\.(?:gz|bz2|xz|zst|old|\d+|\[0-9\]\*?))$"
)
_LOG_DIR_RE = re.compile(r"(?:^|/)(?:log|logs)(?:/|$)")
_OLDER_THAN_RE = re.compile(r"^\+\d+$")


def _rotated_logs_only(cmd: Cmd, names: list[str], roots: list[str]) -> bool:
    """`find /var/log/x -name '*.log.*.gz' -mtime +14 -delete`: only old rotated logs in a
    log directory go, which is what log rotation does."""
    ages = cmd.value("-mtime", "-mmin")
    return (
        bool(names)
        and all(_ROTATED_LOG_RE.match(n.strip("'\"")) for n in names)
        and bool(ages)
        and all(_OLDER_THAN_RE.match(a) for a in ages)
        and bool(roots)
        and all(_LOG_DIR_RE.search(r) and r.startswith("/") for r in roots)
    )


def check_find_unsafe_root(cmd: Cmd, walk: Walk) -> bool:
    names = cmd.value("-name", "-iname")
    if names and all(_target_class(n) == "safe" for n in names):
        return False  # e.g. `-name '*.pyc'`, `-name node_modules`
    roots = []
    for arg in cmd.args:
        if arg in ("-H", "-L", "-P"):
            continue
        if arg.startswith(("-", "(", "!")):
            break
        roots.append(arg)
    if _rotated_logs_only(cmd, names, roots):
        return False
    return any(_target_class(r) != "safe" for r in roots or ["."])


def check_script_delete(cmd: Cmd, walk: Walk) -> bool:
    return cmd.code is not None and bool(_SCRIPT_DELETE_RE.search(cmd.code))


def check_redirect_to_disk(cmd: Cmd, walk: Walk) -> bool:
    if any(op in (">", ">>", ">|", "&>") and _DISK_RE.match(t) for op, t in cmd.redirects):
        return True
    if cmd.name in ("tee", "cp", "cat") and cmd.pos and cmd.name != "cat":
        return bool(_DISK_RE.match(cmd.pos[-1]))
    return False


_SYSTEM_FILE_RE = re.compile(
    r"^/etc/(?:passwd|shadow|group|gshadow|sudoers(?:\.d/\S*)?|hosts|fstab|resolv\.conf|"
    r"ssh/sshd_config|pam\.d/\S+|crontab)$|^/boot/|^(?:~|\$\{?HOME\}?)/\.ssh/authorized_keys$"
)


def check_redirect_system_file(cmd: Cmd, walk: Walk) -> bool:
    targets = [t for op, t in cmd.redirects if op in (">", ">|", "&>")]
    if cmd.name == "tee" and "-a" not in cmd.flags and "--append" not in cmd.flags:
        targets += cmd.pos
    if cmd.name == "truncate":
        targets += cmd.pos
    hits = [t for t in targets if _SYSTEM_FILE_RE.match(t)]
    if hits and all(t.startswith("/etc/sudoers.d/") for t in hits):
        return not _scoped_sudo_rule(cmd)
    return bool(hits)


# A sudo rule that names its commands (`deploy ALL=(root) NOPASSWD: /usr/bin/systemctl
# restart api`), as opposed to `ALL` commands: written as a literal, it can be judged.
_SUDO_RULE_RE = re.compile(r"^\s*[%\w.-]+\s+[\w.,-]+\s*=\s*(?:\([^)]*\)\s*)?(?P<cmds>.+)$")


def _scoped_sudo_rule(cmd: Cmd) -> bool:
    """A drop-in in /etc/sudoers.d written from an `echo`/`printf` literal whose every rule
    names specific commands by path; `ALL`, a wildcard or unseen content is not scoped."""
    writers = [cmd] if cmd.name in ("echo", "printf") else list(cmd.upstream)
    sources = [u for u in writers if u.name in ("echo", "printf")]
    lines = [ln for u in sources for a in u.pos for ln in decode_escapes(a).splitlines()]
    if not lines:
        return False
    for line in lines:
        m = _SUDO_RULE_RE.match(line)
        if not m:
            return False
        for part in m.group("cmds").split(","):
            command = re.sub(r"^(?:\s*[A-Z_]+:)+", "", part).strip()
            if not command.startswith("/") or "*" in command or command.split()[0] in _SHELL_PATHS:
                return False
    return True


_SHELL_PATHS = frozenset(
    f"{d}/{s}" for d in ("/bin", "/usr/bin") for s in ("sh", "bash", "zsh", "su", "sudo", "env")
)


def check_chmod_wide(cmd: Cmd, walk: Walk) -> bool:
    if "--recursive" in cmd.flags:
        return True
    for t in cmd.pos[1:]:
        if (
            _target_class(t) == "catastrophic"
            or t.startswith(SYSTEM_DIRS)
            or t in (".", "*", "./*")
        ):
            return True
    return False


def check_perm_root(cmd: Cmd, walk: Walk) -> bool:
    return any(re.fullmatch(r"/+\*?", t) for t in cmd.pos[1:])


def _curl_upload_sources(cmd: Cmd) -> list[str]:
    out = cmd.value("-T", "--upload-file")
    for v in cmd.value("-F", "--form", "--form-string"):
        m = re.search(r"=[@<](.+)$", v)
        if m:
            out.append(m.group(1).split(";")[0])
    for v in cmd.value(
        "-d", "--data", "--data-binary", "--data-urlencode", "--json", "--data-ascii"
    ):
        m = re.match(r"^(?:[\w-]*@|@)(.+)$", v)
        if m:
            out.append(m.group(1))
    return out


def _curl_upload_hosts(cmd: Cmd) -> list[str]:
    return _url_hosts(cmd.args) if any(s != "-" for s in _curl_upload_sources(cmd)) else []


def _wget_upload_hosts(cmd: Cmd) -> list[str]:
    return _url_hosts(cmd.args) if cmd.value("--post-file", "--body-file") else []


def _httpie_upload_hosts(cmd: Cmd) -> list[str]:
    if any(re.match(r"^[\w-]*=?@[^@\s]+$", a) for a in cmd.pos) or any(
        op == "<" for op, _ in cmd.redirects
    ):
        return _url_hosts(cmd.args)
    return []


_SFTP_PUT_RE = re.compile(r"(?im)^\s*-?m?put\s+(\S+)")
# A file named for numbers about records, not the records (`churn_by_region_aggregated_anon.csv`,
# `weekly_counts.csv`, `kpi_summary.xlsx`).
_AGGREGATE_FILE_RE = re.compile(
    r"(?i)(?:^|[/_.-])(?:agg(?:regated?|regates)?|anon(?:ymi[sz]ed)?|summary|counts?|totals?|"
    r"stats|statistics|kpis?)(?:[/_.-]|$)"
)


def _copy_upload_hosts(cmd: Cmd) -> list[str]:
    """scp/sftp/rsync: the remote host, when a local source is copied to it; sftp's host
    when its batch commands on stdin put a file there (`sftp -b - u@drop.example <<< 'put
    customers.csv /in/'`)."""
    if cmd.name == "sftp" and cmd.stdin_text and _SFTP_PUT_RE.search(cmd.stdin_text):
        if all(_AGGREGATE_FILE_RE.search(f) for f in _SFTP_PUT_RE.findall(cmd.stdin_text)):
            return []  # only files named as aggregates or anonymised figures go
        remote = [p for p in cmd.pos if not p.startswith("-")]
        return [remote[-1].rsplit("@", 1)[-1].split(":", 1)[0]] if remote else []
    if len(cmd.pos) < 2:
        return []
    m = URL_RE.match(cmd.pos[-1]) or REMOTE_RE.match(cmd.pos[-1])
    if not m:
        return []
    sources_local = any(not (REMOTE_RE.match(s) or URL_RE.match(s)) for s in cmd.pos[:-1])
    return [m.group("host")] if sources_local else []


def _socket_upload_hosts(cmd: Cmd) -> list[str]:
    return _sink_hosts(cmd) if any(op == "<" for op, _ in cmd.redirects) else []


_UPLOADERS: dict[str, Callable[[Cmd], list[str]]] = {
    "curl": _curl_upload_hosts,
    "wget": _wget_upload_hosts,
    **dict.fromkeys(("http", "https"), _httpie_upload_hosts),
    **dict.fromkeys(("scp", "sftp", "rsync"), _copy_upload_hosts),
    **dict.fromkeys(("nc", "ncat", "netcat", "telnet", "socat"), _socket_upload_hosts),
}
"""Program name → the hosts it would send a local file or stdin to."""


def check_upload_outside(cmd: Cmd, walk: Walk) -> bool:
    hosts = _UPLOADERS.get(cmd.name)
    return hosts is not None and any(_outside(h, walk.domains) for h in hosts(cmd))


def _sink_hosts(cmd: Cmd) -> list[str]:
    if cmd.name == "socat":
        hosts = []
        for a in cmd.pos:
            m = re.match(r"(?i)^(?:tcp4?|tcp6|tcp-connect|openssl|udp\d?|ssl):([^:]+):", a)
            if m:
                hosts.append(m.group(1))
        return hosts
    if cmd.name in ("curl", "wget", "http", "https"):
        return _url_hosts(cmd.args)
    if cmd.name == "ssh":
        remote = skip_options(cmd.args, SSH_VALUE_OPTS)
        return [remote[0].rsplit("@", 1)[-1]] if remote else []
    return [p for p in cmd.pos[:1] if not p.isdigit()]


def check_piped_upload(cmd: Cmd, walk: Walk) -> bool:
    if not cmd.upstream or all(u.name in _LITERAL_SOURCES for u in cmd.upstream):
        return False
    if cmd.stdin_text is not None and all(
        u.name in _LITERAL_SOURCES | {"cat"} for u in cmd.upstream
    ):
        return False
    if cmd.name == "curl" and "-" not in _curl_upload_sources(cmd):
        return False
    if cmd.name == "wget" and not any(
        v in ("-", "/dev/stdin") for v in cmd.value("--post-file", "--body-file")
    ):
        return False
    return any(_outside(h, walk.domains) for h in _sink_hosts(cmd))


def check_bucket_to_bucket(cmd: Cmd, walk: Walk) -> bool:
    if cmd.name == "aws" and not (
        cmd.pos[:1] == ["s3"] and cmd.pos[1:2] and cmd.pos[1] in ("cp", "sync", "mv")
    ):
        return False
    if cmd.name in ("gsutil", "s3cmd", "mc") and not any(
        p in ("cp", "rsync", "mv", "sync", "mirror") for p in cmd.pos[:2]
    ):
        return False
    buckets = [m.group(1) for p in cmd.pos if (m := re.match(r"^(?:s3|gs|az|r2)://([^/]+)", p))]
    if len(buckets) < 2 or len(set(buckets)) == 1:
        return False
    return not _same_owner(buckets, cmd.value("--profile"))


# A bucket or profile named for someone outside, or for the public.
_OUTSIDE_BUCKET_RE = re.compile(
    r"(?i)personal|private|(?:^|[-_.])my[-_.]|public|extern|vendor|partner|contractor|"
    r"client|customer[-_.]?share|share|transfer|dropbox|guest|third[-_.]?party|outside|temp|tmp"
)


def _same_owner(buckets: list[str], profiles: list[str]) -> bool:
    """Every bucket carries the same owner prefix (`lumen-datalake` → `lumen-analytics-team`)
    and none is named for outsiders or the public, nor is the account a personal one: a copy
    between the company's own buckets, such as a second backup, not data leaving."""
    owners = {re.split(r"[-_.]", b, maxsplit=1)[0].lower() for b in buckets}
    if len(owners) != 1 or len(next(iter(owners))) < 3:
        return False
    return not any(_OUTSIDE_BUCKET_RE.search(n) for n in [*buckets[1:], *profiles])


_DURATION_RE = re.compile(r"^(\d+)\s*([smhd]?)$", re.I)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
# Object keys that name bulk or personal data: a link to them is a link to the data set.
_BULK_OBJECT_RE = re.compile(
    r"(?i)customer|user|client|patient|employee|payroll|member|account|contact|lead|"
    r"export|dump|backup|snapshot|full|all[-_.]|pii|personal|\.sql|\.bak|\.dump"
)
LINK_HOUR = 3600
"""A signed link that dies within the hour bounds the exposure to whoever got it then."""


def _link_seconds(cmd: Cmd) -> int | None:
    if cmd.name == "aws":
        values = cmd.value("--expires-in")
        return int(values[0]) if values and values[0].isdigit() else (None if values else 3600)
    values = cmd.value("-d", "--duration")
    if not values:
        return 3600  # gsutil and gcloud sign for an hour unless told otherwise
    m = _DURATION_RE.match(values[0].strip())
    return int(m.group(1)) * _UNIT_SECONDS[(m.group(2) or "s").lower()] if m else None


def check_presign_exposes(cmd: Cmd, walk: Walk) -> bool:
    """A signed link held for a person when it lives longer than an hour (or its lifetime
    cannot be read) or points at bulk or personal data; a short link to one document is
    how files are handed to a colleague."""
    seconds = _link_seconds(cmd)
    if seconds is None or seconds > LINK_HOUR:
        return True
    objects = [p.split("/", 3)[3] if p.count("/") >= 3 else "" for p in cmd.pos if "://" in p]
    return not objects or any(not o or _BULK_OBJECT_RE.search(o) for o in objects)


_COPY_VERBS = {
    "aws": ("s3", "cp|sync|mv"),
    "gsutil": ("cp|rsync|mv",),
    "gcloud": ("storage", "cp|rsync|mv"),
    "rclone": ("copy|copyto|sync|move|moveto",),
    "azcopy": ("copy|cp|sync",),
    "s3cmd": ("put|sync|cp",),
    "mc": ("cp|mirror|mv",),
    "bq": ("extract",),
}
_STORE_URL_RE = re.compile(
    r"^(?:s3|gs|az|r2|abfss?|wasbs?)://([^/]+)|^([A-Za-z][\w-]*):(?!//)"
    r"|^https://([^./]+)\.(?:blob|dfs|file)\.core\.windows\.net"
)
_PERSONAL_NAME_RE = re.compile(
    r"(?i)personal(?!i[sz]|ity)|(?:^|[-_.])(?:perso|privat|home)(?:$|[-_.])"
    # someone's own consumer cloud (`mydropbox:`, `my-gdrive:`)
    r"|^my[-_]?(?:dropbox|g?drive|google[-_]?drive|onedrive|box|icloud|mega|pcloud)$"
)
_PUBLIC_NAME_RE = re.compile(r"(?i)(?:^|[-_.])(?:public|pub|open|anon)(?:$|[-_.])")
_DATA_SOURCE_RE = re.compile(
    r"(?i)\.(?:csv|tsv|jsonl?|parquet|avro|orc|sql|dump|bak|xlsx?|db|sqlite)(?:\.gz|\.zip)?$|"
    r"export|dump|backup|customer|client|user|pii|ledger|invoice|payment|crm|report"
)
_PERSONAL_PROFILE_RE = re.compile(r"(?i)^(?:personal|perso|home|me|mine|private)$|personal")


def _copy_targets(cmd: Cmd) -> list[str] | None:
    """Bucket or remote names a storage copy writes to (everything after its first source),
    or None when the command is not such a copy."""
    verbs = _COPY_VERBS.get(cmd.name)
    if verbs is None or len(cmd.pos) < len(verbs) + 2:
        return None
    if not all(re.fullmatch(v, w) for v, w in zip(verbs, cmd.pos, strict=False)):
        return None
    names = []
    for target in cmd.pos[len(verbs) + 1 :]:
        m = _STORE_URL_RE.match(target)
        if m:
            names.append(next(g for g in m.groups() if g))
    return names


# A database dump by its file name: a SQL or archive dump, a backup file, or a name that
# says so (`crm-2026-11-30.sql.gz`, `prod.dump`, `users.bson`, `db-backup.tar.gz`).
_DUMP_FILE_RE = re.compile(
    r"(?i)\.(?:sql|dump|bak|bacpac|bson|rdb|archive)(?:\.(?:gz|bz2|xz|zst|zip|tar))?/?$"
    r"|(?:^|[/_.-])(?:dumps?|db[_-]?backups?|pg_?dump|mysqldump)(?:[/_.-]|$)"
)


def check_dump_downloaded(cmd: Cmd, walk: Walk) -> bool:
    """A database dump copied from a bucket or remote onto a personal or temporary place
    (`aws s3 cp s3://prod-db-dumps/crm.sql.gz ~/Downloads/`): every row of the database on
    one person's machine, outside the systems that guard it."""
    verbs = _COPY_VERBS.get(cmd.name)
    if verbs is None or cmd.name == "bq" or len(cmd.pos) < len(verbs) + 2:
        return False
    if not all(re.fullmatch(v, w) for v, w in zip(verbs, cmd.pos, strict=False)):
        return False
    source, *targets = cmd.pos[len(verbs) :]
    if not _STORE_URL_RE.match(source) or not _DUMP_FILE_RE.search(source):
        return False
    return any(_PERSONAL_RE.search(t) or t in (".", "./") for t in targets)


def check_personal_destination(cmd: Cmd, walk: Walk) -> bool:
    """A copy into a bucket or remote whose name says it is someone's own (`s3://jd-personal`,
    `gdrive-personal:`), or made with a personal account profile (`--profile personal`)."""
    names = _copy_targets(cmd)
    if names is None:
        return False
    profiles = cmd.value("--profile", "--configuration", "--account", "--subscription")
    if any(_PERSONAL_PROFILE_RE.search(v) for v in profiles):
        return True
    return any(_PERSONAL_NAME_RE.search(n) for n in names)


def check_public_destination(cmd: Cmd, walk: Walk) -> bool:
    """Data copied into a bucket whose name says it is public (`gs://acme-tmp-public`): what
    lands there is meant to be read by anyone. A site build (`./dist`, `*.html`) published
    to a public bucket is what such buckets are for."""
    names = _copy_targets(cmd)
    if not names or not any(_PUBLIC_NAME_RE.search(n) for n in names):
        return False
    source = cmd.pos[len(_COPY_VERBS[cmd.name])]
    return bool(cmd.name == "bq" or _STORE_URL_RE.match(source) or _DATA_SOURCE_RE.search(source))


# A bucket named for an outside party in the seven languages (an agency's or consultancy's
# drop, a vendor's inbox, a transfer area).
_THIRD_PARTY_BUCKET_RE = re.compile(
    r"(?i)agen[cz]|agentur|ag[eê]ncia|consult|berater|vendor|fournisseur|proveedor|lieferant|"
    r"fornecedor|partner|parceir|contractor|prestataire|freelanc|extern|transfer|inbox|dropbox"
)
_STAGING_BUCKET_RE = re.compile(r"(?i)(?:^|[-_.])(?:tmp|temp|scratch|adhoc|ad-hoc)(?:$|[-_.])")


def check_warehouse_extract_out(cmd: Cmd, walk: Walk) -> bool:
    """`bq extract TABLE gs://…` into a bucket named for an outside party, or a table of
    people's records into a temporary/scratch bucket (a staging step to take it offline).
    The same extract into the company's named export bucket is routine."""
    if cmd.name == "gcloud" and cmd.pos[:2] == ["sql", "export"]:
        return _cloud_sql_export_out(cmd)
    if cmd.name != "bq" or cmd.pos[:1] != ["extract"] or len(cmd.pos) < 3:
        return False
    table = cmd.pos[1].rsplit(":", 1)[-1]
    names = [m.group(1) for t in cmd.pos[2:] if (m := re.match(r"^gs://([^/]+)", t))]
    if any(_THIRD_PARTY_BUCKET_RE.search(n) for n in names):
        return True
    return bool(_PERSONAL_TABLE_RE.search(table)) and any(
        _STAGING_BUCKET_RE.search(n) for n in names
    )


# A query that reads no one's rows: a count or another aggregate per group.
_AGGREGATE_QUERY_RE = re.compile(
    r"(?is)^\s*select\s+(?:(?!\bfrom\b).)*\b(?:count|sum|avg)\s*\(.*\bgroup\s+by\b"
)


def _cloud_sql_export_out(cmd: Cmd) -> bool:
    """`gcloud sql export csv|sql INSTANCE gs://…` of people's records (its `--query`, or
    the database or tables it names) into a temporary bucket, or anything into a bucket
    named for an outside party; an aggregate query exports counts, not records."""
    names = [m.group(1) for t in cmd.pos[3:] if (m := re.match(r"^gs://([^/]+)", t))]
    if any(_THIRD_PARTY_BUCKET_RE.search(n) for n in names):
        return True
    queries = cmd.value("--query")
    if queries and all(_AGGREGATE_QUERY_RE.match(q) for q in queries):
        return False
    what = " ".join(queries + cmd.value("--database", "-d", "--table", "-t") + cmd.pos[2:3])
    return bool(_PERSONAL_TABLE_RE.search(what)) and any(
        _STAGING_BUCKET_RE.search(n) for n in names
    )


def check_db_dump_exfil(cmd: Cmd, walk: Walk) -> bool:
    """A dump written to a personal or temporary place or sent over the network; or the
    rows of a table of people (`mysqldump shop customers > shop.sql`, `mongoexport
    --collection clientes --out c.json`) written to any file: an export of personal data in
    bulk wherever the file lands (not a backup folder). A dump of named reference tables
    only (`--collection feature_flags`, `-t product_catalog`) holds nobody's records."""
    if _structure_only(cmd) or local_datastore(cmd, walk):
        return False  # table definitions only; a database on this machine is already local
    if any(
        d.name in NETWORK_SINKS | {"aws", "gsutil", "gcloud", "rclone", "az"}
        for d in cmd.downstream
    ):
        return True
    tables = dumped_tables(cmd)
    if tables and all(reference_table(t) for t in tables):
        return False
    outputs = _dump_outputs(cmd)
    if any(_PERSONAL_RE.search(o) for o in outputs):
        return True
    return (
        any(_PERSONAL_TABLE_RE.search(t) for t in tables)
        and bool(outputs)
        and not all(_BACKUP_PATH_RE.search(o) for o in outputs)
    )


def _structure_only(cmd: Cmd) -> bool:
    if cmd.flags & {"--schema-only", "-s"} and cmd.name.startswith("pg_dump"):
        return True
    return bool(cmd.flags & {"--no-data", "-d"}) and cmd.name in ("mysqldump", "mariadb-dump")


def _dump_outputs(cmd: Cmd) -> list[str]:
    """Where a dump's rows are written: its output options and redirections, its pipeline's."""
    outputs = cmd.value("-f", "--file", "--result-file", "-r", "-o", "--out")
    outputs += [t for op, t in cmd.redirects if op in (">", ">>", ">|", "&>")]
    for d in cmd.downstream:
        outputs += [t for op, t in d.redirects if op in (">", ">>", ">|", "&>")]
        if d.name in ("tee",):
            outputs += d.pos
    return outputs


# Options of mysqldump/mariadb-dump that take a value as the next word.
_MYSQL_VALUE_OPTS = frozenset(
    [
        "-h",
        "--host",
        "-u",
        "--user",
        "-P",
        "--port",
        "-S",
        "--socket",
        "-r",
        "--result-file",
        "-w",
        "--where",
        "--default-character-set",
        "--defaults-file",
        "--defaults-extra-file",
        "--ignore-table",
        "--login-path",
        "--protocol",
        "--ssl-ca",
        "--ssl-cert",
        "--ssl-key",
        "--tables",
    ]
)
_BACKUP_PATH_RE = re.compile(r"(?i)(?:^|/)(?:backups?|bak|snapshots?)(?:/|[-_.])")


def dumped_tables(cmd: Cmd) -> list[str]:
    """The tables or collections a dumper names (`-t`, `--collection`, mysqldump's words
    after the database); empty when it dumps whole databases."""
    if cmd.name.startswith("pg_dump"):
        return cmd.value("-t", "--table")
    if cmd.name in ("mongoexport", "mongodump"):
        return cmd.value("--collection", "-c")
    if cmd.name not in ("mysqldump", "mariadb-dump"):
        return []
    if any(a in ("--databases", "-B", "--all-databases", "-A") for a in cmd.args):
        return []
    words: list[str] = []
    skip = False
    for arg in cmd.args:
        if skip:
            skip = False
        elif arg in _MYSQL_VALUE_OPTS:
            skip = True
        elif not arg.startswith("-"):
            words.append(arg)
    return words[1:]


# A secret read that prints only its key names: `jq 'keys'` (or `keys[]`, `keys | length`,
# `to_entries | map(.key)`) downstream, or a template that prints `$k` of `range $k, $v`
# without `$v`. The names say which settings exist, not what they hold.
_JQ_KEYS_ONLY_RE = re.compile(
    r"^(?:-\w+\s+)*[\"']?\s*(?:\.[\w\[\]\\\"]*\s*\|\s*)?"
    r"(?:keys(?:_unsorted)?(?:\[\])?|to_entries\s*\|\s*map\(\s*\.key\s*\)|\[?\s*\.\[\]\s*\|\s*\.key\s*\]?)"
    r"(?:\s*\|\s*(?:length|sort|join\([^)]*\)|\.\[\]))*\s*[\"']?$"
)
_TEMPLATE_KEYS_ONLY_RE = re.compile(r"range\s+\$(\w+)\s*,\s*\$(\w+)\s*:=")


def _jq_filter(cmd: Cmd) -> str:
    """The filter of a `jq`/`yq` stage: its first positional word."""
    return cmd.pos[0] if cmd.pos else ""


def check_secret_values_shown(cmd: Cmd, walk: Walk) -> bool:
    """A Kubernetes secret printed with its values; not when a `jq` stage right after keeps
    only the key names, nor when a go-template prints only the key of each pair."""
    downstream = cmd.downstream
    if (
        downstream
        and downstream[0].name in ("jq", "yq", "gojq")
        and _JQ_KEYS_ONLY_RE.match(_jq_filter(downstream[0]).strip())
    ):
        return False
    for tmpl in cmd.value("-o", "--output"):
        m = _TEMPLATE_KEYS_ONLY_RE.search(tmpl)
        if tmpl.startswith("go-template") and m and f"${m.group(2)}" not in tmpl[m.end() :]:
            return False
    return True


_KEY_USING_OPTS = (
    "--env-file",
    "-i",
    "--identity-file",
    "--key",
    "-key",
    "--cert",
    "--cacert",
    "--kubeconfig",
    "--private-key",
    "--ssh-key",
    "--key-file",
    "--keyfile",
)


# Reads that keep only the names of `NAME=value` lines (`cut -d= -f1 .env`,
# `awk -F= '{print $1}' .env`, `sed 's/=.*//' .env`): no value is printed.
_NAMES_ONLY: dict[str, re.Pattern[str]] = {
    "cut": re.compile(
        r"(?=.*(?:^|\s)-d\s*['\"]?[=:]['\"]?(?:\s|$))(?=.*(?:^|\s)-f\s*['\"]?1['\"]?(?:\s|$))"
    ),
    "awk": re.compile(r"(?=.*-F\s*['\"]?[=:]['\"]?\s)(?=.*\{\s*print\s+\$1\s*\})"),
    "sed": re.compile(r"(?:^|\s)['\"]?s([/|#])[=:]\.\*\1"),
}


# A Vault policy rule over every path (`path "*"`, `path "sys/*"`) with a capability that
# writes or administers: the holder reads and changes every secret.
_VAULT_WILDCARD_RE = re.compile(
    r"path\s+\\?[\"'](?:\*|sys/\*|secret/\*|\+/\*)\\?[\"']\s*\{[^}]{0,300}?capabilities[^}]{0,200}?"
    r"(?:sudo|create|update|delete|\"\*\")"
)


def check_vault_wildcard_policy(cmd: Cmd, walk: Walk) -> bool:
    return bool(_VAULT_WILDCARD_RE.search(f"{cmd.stdin_text or ''} {cmd.joined}"))


def check_credential_staged(cmd: Cmd, walk: Walk) -> bool:
    """`git add` of a credential file (`.env.production`, a private key, cloud or registry
    credentials): the next commit carries the secret to everyone with the repository, and
    its history keeps it after the file is deleted."""
    return cmd.pos[:1] == ["add"] and any(_CRED_RE.search(path) for path in cmd.pos[1:])


_BUILD_SOURCE_RE = re.compile(r"(?:^|,)(?:src|source)=([^,]+)")


def _build_secret_sources(cmd: Cmd) -> set[str]:
    """`docker build --secret id=npmrc,src=~/.npmrc`: BuildKit mounts the file for one
    build step and keeps it out of every layer; the file is used, not printed."""
    specs = cmd.value("--secret", "--ssh")
    sources = {m.group(1) for spec in specs for m in _BUILD_SOURCE_RE.finditer(spec)}
    return sources | set(specs)


def check_credential_file(cmd: Cmd, walk: Walk) -> bool:
    if cmd.name in NON_READING or cmd.name.endswith(":"):
        return False  # `env_file: .env.local`: a YAML key read as a line, no program
    names_only = _NAMES_ONLY.get(cmd.name)
    if names_only is not None and names_only.search(cmd.joined):
        return False  # the variable names, values cut off
    paths = paths_of(cmd)
    reads = [t for op, t in cmd.redirects if op == "<"]
    if not any(_CRED_RE.search(v) for v in [*paths, *reads]):
        return False  # most commands: no credential file anywhere, nothing more to read
    # Files handed to an option that *uses* them (identity, key, env file) are not printed.
    used = set(cmd.value(*_KEY_USING_OPTS)) | _build_secret_sources(cmd)
    vals = [v for v in paths if v not in used]
    if cmd.name in ("cp", "install", "ln") and vals:
        vals = vals[:-1]  # the destination is written, not read
    vals += reads
    return any(_CRED_RE.search(v) for v in vals)


def check_env_to_network(cmd: Cmd, walk: Walk) -> bool:
    name = cmd.name
    if name == "printenv" and cmd.pos:
        return False
    if name in ("set", "export", "declare") and cmd.pos:
        return False
    if name == "compgen" and "-v" not in cmd.flags and "-e" not in cmd.flags:
        return False
    return any(d.name in NETWORK_SINKS for d in cmd.downstream)


def check_download_exec(cmd: Cmd, walk: Walk) -> bool:
    if cmd.subst_download:
        return True
    if not any(u.name in DOWNLOADERS for u in cmd.upstream):
        return False
    if cmd.name in SHELLS:
        return shell_script(cmd.args) is None and (
            "-s" in cmd.flags or not [a for a in cmd.args if not a.startswith("-")]
        )
    if interpreter_family(cmd.name):
        return (
            not [a for a in cmd.args if a != "-" and not a.startswith("-")] or cmd.code is not None
        )
    return cmd.name in ("eval", "source", ".")


# Interpreter one-liners judged by what their code does, not by a shell string inside it.
_CODE_FETCH_RE = re.compile(
    r"\bfetch\s*\(|\b(?:https?|axios|got|request|needle)\.(?:get|request)\s*\(|"
    r"urlopen\s*\(|urlretrieve|\brequests\.(?:get|post|request)\s*\(|\bhttpx\.|"
    r"open-uri|URI\.open|Net::HTTP|LWP::|HTTP::Tiny|file_get_contents\s*\(\s*['\"]https?:|"
    r"curl_exec|wget\.download|WebClient|Invoke-WebRequest"
)
_CODE_EVAL_RE = re.compile(
    r"\beval\b|\bexec\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\bvm\.run\w*|"
    r"\bcompile\s*\(|\binstance_eval\b|\bKernel\.eval\b|\bimportlib\b.*\bexec_module\b"
)
_CODE_SEND_RE = re.compile(
    r"\b(?:requests|httpx)\.(?:post|put|patch|request)\s*\(|urlopen\s*\(|"
    r"\bfetch\s*\(|\b(?:https?|axios|got)\.(?:post|put|request)\s*\(|Net::HTTP\.post|"
    r"LWP::|HTTP::Tiny|curl_exec|\bsocket\b|\bsmtplib\b"
)
# The whole environment, not one variable: `dict(os.environ)`, `os.environ` passed on,
# `process.env` serialized, Ruby's `ENV.to_h`, Perl's `%ENV`.
_CODE_WHOLE_ENV_RE = re.compile(
    r"os\.environ(?!\s*(?:\[|\.get\b|\.setdefault\b|\.pop\b))(?!\.(?:keys|__contains__)\b)|"
    r"process\.env(?!\s*(?:\.|\[|\?\.))|\bENV\.to_h\b|\bENV\.to_a\b|%ENV\b|getenv\(\s*\)"
)


def check_code_remote_eval(cmd: Cmd, walk: Walk) -> bool:
    """An interpreter one-liner that downloads code and evaluates it (`fetch(u).then(eval)`,
    `exec(urlopen(u).read())`): the same as `curl | sh`, without a pipe."""
    code = cmd.code or ""
    return bool(_CODE_FETCH_RE.search(code) and _CODE_EVAL_RE.search(code) and "://" in code)


def check_code_env_send(cmd: Cmd, walk: Walk) -> bool:
    """An interpreter one-liner that sends the whole environment (its API keys and
    passwords) over the network; reading one variable, or printing names, is not that."""
    code = cmd.code or ""
    return bool(_CODE_WHOLE_ENV_RE.search(code) and _CODE_SEND_RE.search(code))


_K8S_HARMLESS_KINDS = frozenset(
    {"pod", "pods", "po", "job", "jobs", "job.batch", "event", "events", "ev"}
)


# Pods selected by a finished phase (`--field-selector=status.phase==Succeeded`): completed
# or failed pods that nothing runs in any more; deleting them is housekeeping.
_FINISHED_PHASE = re.compile(
    r"--field-selector[= ]+['\"]?status\.phase\s*!?==?\s*(?:succeeded|failed)['\"]?(?:\s|$)", re.I
)


def check_k8s_delete(cmd: Cmd, walk: Walk) -> bool:
    if _only_finished_pods(cmd):
        return False
    if cmd.flags & {
        "-f",
        "--filename",
        "-k",
        "--kustomize",
        "--all",
        "--all-namespaces",
        "-l",
        "--selector",
    }:
        return True
    kinds = _deleted_kinds(cmd)
    return kinds is None or not kinds <= _K8S_HARMLESS_KINDS


def _deleted_kinds(cmd: Cmd) -> set[str] | None:
    """The resource kinds named right after `kubectl delete` ("pod,job/x" → pod, job), or
    None when none is named."""
    try:
        i = cmd.pos.index("delete")
    except ValueError:
        return None
    if i + 1 >= len(cmd.pos):
        return None
    return {k.split("/")[0].lower() for k in cmd.pos[i + 1].split(",")}


def _only_finished_pods(cmd: Cmd) -> bool:
    """`kubectl delete pod -l job=x --field-selector=status.phase==Succeeded`: pods by kind,
    no file or `--all-namespaces`, and only those whose phase says they finished."""
    if "!=" in cmd.joined or cmd.flags & {"-f", "--filename", "-k", "--kustomize", "-A"}:
        return False
    if "--all-namespaces" in cmd.flags or not _FINISHED_PHASE.search(cmd.joined + " "):
        return False
    kinds = _deleted_kinds(cmd)
    return kinds is not None and kinds <= {"pod", "pods", "po"}


def check_git_force_push(cmd: Cmd, walk: Walk) -> bool:
    if "--mirror" in cmd.flags:
        return True
    try:
        i = cmd.pos.index("push")
    except ValueError:
        return False
    refs = cmd.pos[i + 2 :]
    force = "--force" in cmd.flags or any(r.startswith("+") for r in refs)
    deleting = bool(cmd.flags & {"--delete", "-d"}) or any(r.startswith(":") for r in refs)
    if not (force or deleting):
        return False
    if not refs:
        return force
    dests = [r.lstrip("+").split(":")[-1] for r in refs]
    return any(_PROTECTED_REF_RE.match(d) for d in dests)


# A DELETE on a membership or permission takes someone's access away (`gh api -X DELETE
# repos/o/r/collaborators/bob`, `glab api -X DELETE projects/4/members/9`): nothing is lost.
_REVOKE_PATH_RE = re.compile(
    r"(?i)(?:^|/)(?:members|collaborators|outside_collaborators|memberships|permissions|"
    r"invitations|role_?assignments|access_requests)(?:/[^/\s?#]+)?/?$"
)


def _revokes_access(cmd: Cmd) -> bool:
    paths = [a.split("?")[0] for a in cmd.pos if "/" in a]
    return bool(paths) and all(_REVOKE_PATH_RE.search(p) for p in paths)


def check_http_delete(cmd: Cmd, walk: Walk) -> bool:
    methods = [m.upper() for m in cmd.value("-X", "--request", "--method")]
    if cmd.name in ("http", "https") and cmd.pos:
        methods.append(cmd.pos[0].upper())
    if "DELETE" in methods:
        return not _revokes_access(cmd)
    for arg in cmd.pos:
        m = re.match(r"^(?:[a-z]+://[^/\s]+)?(/[^\s]*)$", arg) if "/" in arg else None
        if (
            m
            and _HTTP_DELETE_PATH_RE.search(m.group(1))
            and (methods or cmd.name in ("curl", "http"))
        ):
            return True
    return False


# Subcommands that take a member out of a group or a policy off a principal: access
# shrinks, nothing is lost.
_REVOKING: dict[str, frozenset[str]] = {
    "aws": frozenset(
        [
            "remove-user-from-group",
            "detach-user-policy",
            "detach-role-policy",
            "detach-group-policy",
        ]
    ),
}


def _revokes(cmd: Cmd) -> bool:
    if cmd.name in ("gh", "glab") and cmd.pos[:1] == ["api"]:
        return _revokes_access(cmd)
    return bool(_REVOKING.get(cmd.name, frozenset()) & set(cmd.pos[:3]))


def check_service_verb(cmd: Cmd, walk: Walk) -> bool:
    if _revokes(cmd):
        return False
    if any(DESTRUCTIVE_VERB_RE.match(p) for p in cmd.pos[:4]):
        return True
    return any(DESTRUCTIVE_FLAG_RE.match(f) for f in cmd.flags)


_DYNAMIC_NAME_RE = re.compile(r"\$[{(A-Za-z_]|`")
_DANGEROUS_ARGS_RE = re.compile(
    r"(?:^|\s)(?:-[a-zA-Z]*[rRf][a-zA-Z]*|--(?:force|recursive|delete|purge|hard|no-preserve-root|"
    r"all-namespaces|yes|auto-approve))(?:\s|=|$)|"
    r"(?i:(?:^|\s)(?:delete|drop|destroy|truncate|purge|flush\w*|wipe|terminate|rm|kill|reset|"
    r"prune|shred|format|uninstall|revoke)(?:\s|$))|(?:^|\s)(?:/|~|/\*|~/\*)(?:\s|$)"
)


def check_dynamic_command(cmd: Cmd, walk: Walk) -> bool:
    """The program is a variable or command substitution nobody can read, next to
    destructive-looking arguments: what runs cannot be known, so fail closed."""
    return bool(_DYNAMIC_NAME_RE.search(cmd.argv0)) and bool(_DANGEROUS_ARGS_RE.search(cmd.joined))


_HISTORY_FILE_RE = re.compile(r"(?:^|/)\.(?:bash_|zsh_|sh_|)history$|(?:^|/)\.zhistory$")


def check_history_source(cmd: Cmd, walk: Walk) -> bool:
    """The search runs over shell history: `history |`, or a history file read or named."""
    if any(_HISTORY_FILE_RE.search(p) for p in cmd.pos):
        return True
    return any(
        u.name in ("history", "fc") or any(_HISTORY_FILE_RE.search(a) for a in u.args)
        for u in cmd.upstream
    )


CHECKS: dict[str, Callable[[Cmd, Walk], bool]] = {
    "history_source": check_history_source,
    "dynamic_command": check_dynamic_command,
    "rm_catastrophic": check_rm_catastrophic,
    "rm_dangerous": check_rm_dangerous,
    "rm_system_file": check_rm_system_file,
    "find_unsafe_root": check_find_unsafe_root,
    "script_delete": check_script_delete,
    "redirect_to_disk": check_redirect_to_disk,
    "redirect_system_file": check_redirect_system_file,
    "chmod_wide": check_chmod_wide,
    "perm_root": check_perm_root,
    "upload_outside": check_upload_outside,
    "bucket_to_bucket": check_bucket_to_bucket,
    "presign_exposes": check_presign_exposes,
    "personal_destination": check_personal_destination,
    "warehouse_extract_out": check_warehouse_extract_out,
    "public_destination": check_public_destination,
    "db_dump_exfil": check_db_dump_exfil,
    "dump_downloaded": check_dump_downloaded,
    "secret_values_shown": check_secret_values_shown,
    "piped_upload": check_piped_upload,
    "credential_file": check_credential_file,
    "credential_staged": check_credential_staged,
    "vault_wildcard_policy": check_vault_wildcard_policy,
    "env_to_network": check_env_to_network,
    "download_exec": check_download_exec,
    "code_remote_eval": check_code_remote_eval,
    "code_env_send": check_code_env_send,
    "k8s_delete": check_k8s_delete,
    "git_force_push": check_git_force_push,
    "http_delete": check_http_delete,
    "service_verb": check_service_verb,
}
