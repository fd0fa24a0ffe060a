"""Ansible ad-hoc modules read as the commands they stand for.

`ansible dbservers -m ufw -a 'rule=allow port=3306 src=0.0.0.0/0'` opens MySQL to the
internet on every host as surely as `ufw allow from 0.0.0.0/0 to any port 3306` does,
but as `key=value` arguments to a module no command reader knows. Each module here is
rewritten to the one command with the same effect, and that command is judged by the
shell detector's packs (host firewalls, deletes, services, databases). A module that is
not here, or arguments that do not say enough, give no command: the ad-hoc call itself
is still read as a command of its own.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

__all__ = ["equivalent", "task_equivalent"]

_ANYWHERE = "any"


def _args(text: str) -> dict[str, str]:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    out: dict[str, str] = {}
    for word in words:
        key, eq, value = word.partition("=")
        if eq:
            out[key.strip().lower()] = value.strip()
    return out


def _ufw(a: dict[str, str]) -> str | None:
    state = a.get("state", "").lower()
    if state in ("disabled", "reset"):
        return "ufw disable"
    rule = a.get("rule", "").lower()
    if rule not in ("allow", "limit"):
        return None
    source = a.get("src") or a.get("from_ip") or a.get("from") or _ANYWHERE
    port = a.get("port") or a.get("to_port")
    proto = a.get("proto")
    cmd = f"ufw {rule} from {source} to any"
    if port:
        cmd += f" port {port}"
    if proto and proto != "any":
        cmd += f" proto {proto}"
    return cmd


def _iptables(a: dict[str, str]) -> str | None:
    if a.get("jump", "").upper() != "ACCEPT" or a.get("chain", "INPUT").upper() != "INPUT":
        return None
    if a.get("state", "present").lower() == "absent":
        return None
    cmd = "iptables -A INPUT"
    if a.get("protocol"):
        cmd += f" -p {a['protocol']}"
    if a.get("destination_port"):
        cmd += f" --dport {a['destination_port']}"
    if a.get("source"):
        cmd += f" -s {a['source']}"
    return cmd + " -j ACCEPT"


def _firewalld(a: dict[str, str]) -> str | None:
    if a.get("state", "").lower() != "enabled":
        return None
    if a.get("rich_rule"):
        return f"firewall-cmd --permanent --add-rich-rule={shlex.quote(a['rich_rule'])}"
    if a.get("source") or not a.get("port"):
        return None  # a zone's source scopes the port: routine
    return f"firewall-cmd --permanent --add-port={a['port']}"


def _file(a: dict[str, str]) -> str | None:
    path = a.get("path") or a.get("dest") or a.get("name")
    if a.get("state", "").lower() != "absent" or not path:
        return None
    return f"rm -rf {shlex.quote(path)}"


def _service(a: dict[str, str]) -> str | None:
    name = a.get("name")
    state = a.get("state", "").lower()
    if not name:
        return None
    if state == "stopped":
        return f"systemctl stop {shlex.quote(name)}"
    if a.get("enabled", "").lower() in ("no", "false"):
        return f"systemctl disable {shlex.quote(name)}"
    return None


def _database(program: str) -> Callable[[dict[str, str]], str | None]:
    def rewrite(a: dict[str, str]) -> str | None:
        name = a.get("name") or a.get("db")
        if a.get("state", "").lower() != "absent" or not name:
            return None
        if program == "mysql":
            return f"mysql -e {shlex.quote(f'DROP DATABASE {name}')}"
        return f"dropdb {shlex.quote(name)}"

    return rewrite


_GONE = ("absent", "terminated", "deleted")


def _ec2_instance(a: dict[str, str]) -> str | None:
    """`amazon.aws.ec2_instance: {state: absent, filters: {tag:env: production}}`."""
    if a.get("state", "").lower() not in _GONE:
        return None
    ids = a.get("instance_ids")
    if ids:
        return f"aws ec2 terminate-instances --instance-ids {shlex.quote(ids)}"
    filters = [f"Name={k},Values={v}" for k, v in _pairs(a.get("filters", ""))]
    if not filters:
        return None
    return "aws ec2 terminate-instances --filters " + " ".join(map(shlex.quote, filters))


def _rds_instance(a: dict[str, str]) -> str | None:
    name = a.get("db_instance_identifier") or a.get("id") or a.get("instance_id")
    if a.get("state", "").lower() not in _GONE or not name:
        return None
    cmd = f"aws rds delete-db-instance --db-instance-identifier {shlex.quote(name)}"
    return cmd + (" --skip-final-snapshot" if a.get("skip_final_snapshot") == "yes" else "")


def _s3_bucket(a: dict[str, str]) -> str | None:
    name = a.get("name")
    if a.get("state", "").lower() != "absent" or not name:
        return None
    return f"aws s3 rb s3://{name}" + (" --force" if a.get("force") == "yes" else "")


def _k8s(a: dict[str, str]) -> str | None:
    kind, name = a.get("kind"), a.get("name")
    if a.get("state", "").lower() != "absent" or not kind or not name:
        return None
    ns = a.get("namespace")
    return f"kubectl delete {kind.lower()} {shlex.quote(name)}" + (
        f" -n {shlex.quote(ns)}" if ns else ""
    )


def _pairs(text: str) -> list[tuple[str, str]]:
    """`k=v,k2=v2` (a mapping flattened by `task_equivalent`) as pairs."""
    out = []
    for item in text.split("\x1f"):
        key, eq, value = item.partition("=")
        if eq and key:
            out.append((key, value))
    return out


_MODULES: dict[str, Callable[[dict[str, str]], str | None]] = {
    "ec2_instance": _ec2_instance,
    "ec2": _ec2_instance,
    "rds_instance": _rds_instance,
    "s3_bucket": _s3_bucket,
    "k8s": _k8s,
    "ufw": _ufw,
    "iptables": _iptables,
    "firewalld": _firewalld,
    "file": _file,
    "service": _service,
    "systemd": _service,
    "systemd_service": _service,
    "postgresql_db": _database("postgres"),
    "mysql_db": _database("mysql"),
}


def equivalent(module: str, args: str) -> str | None:
    """The command an ad-hoc module call (`-m module -a 'k=v …'`) amounts to, or None."""
    rewrite = _MODULES.get(module.rsplit(".", 1)[-1].lower())
    return rewrite(_args(args)) if rewrite is not None else None


def task_equivalent(module: str, params: object) -> str | None:
    """The same for a playbook task (`community.general.ufw: {rule: allow, port: 3306}`)."""
    rewrite = _MODULES.get(module.rsplit(".", 1)[-1].lower())
    if rewrite is None or not isinstance(params, dict):
        return None
    flat = {
        str(k).lower(): ("yes" if v is True else "no" if v is False else str(v))
        for k, v in params.items()
        if isinstance(v, str | int | float | bool)
    }
    for k, v in params.items():  # `filters: {tag:env: production}`, `instance_ids: [i-1]`
        if isinstance(v, dict):
            flat[str(k).lower()] = "\x1f".join(f"{a}={b}" for a, b in v.items())
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            flat[str(k).lower()] = " ".join(v)
    return rewrite(flat)
