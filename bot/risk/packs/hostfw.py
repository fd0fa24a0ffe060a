"""Host firewalls (ufw, iptables/ip6tables, firewall-cmd): a rule that lets anyone reach
an admin or database port on this machine. A rule scoped to a source (`from 10.0.0.0/8`,
`-s 10.12.0.0/20`, a rich rule with a source address) or a web port is routine."""

from __future__ import annotations

from typing import Any

from bot.risk.packs.base import Rule, p
from bot.risk.packs.net import covers_admin_port, is_anywhere


def _ufw(cmd: Any) -> bool:
    words = [w for w in cmd.pos if w not in ("insert", "prepend")]
    if not words or words[0] not in ("allow", "limit"):
        return False
    rest = words[1:]
    if "from" in rest:
        i = rest.index("from")
        source = rest[i + 1] if i + 1 < len(rest) else ""
        if not is_anywhere(source):
            return False
    ports = []
    if "port" in rest:
        i = rest.index("port")
        ports.append(rest[i + 1] if i + 1 < len(rest) else "")
    elif rest and "from" not in rest and "to" not in rest:
        ports.append(rest[0].split("/")[0])  # `ufw allow 6379/tcp`
    else:
        ports.append("all")
    return covers_admin_port([p.replace(":", "-") for p in ports])


def _iptables(cmd: Any) -> bool:
    if not any(a in cmd.args for a in ("-A", "-I", "--append", "--insert")):
        return False
    if "INPUT" not in cmd.args or cmd.value("-j", "--jump")[:1] != ["ACCEPT"]:
        return False
    sources = cmd.value("-s", "--source", "--src")
    if sources and not any(is_anywhere(s) for s in sources):
        return False
    ports = cmd.value("--dport", "--destination-port") + [
        v for ports in cmd.value("--dports") for v in ports.split(",")
    ]
    return covers_admin_port([p.replace(":", "-") for p in ports] or ["all"])


def _firewalld(cmd: Any) -> bool:
    ports = [v.split("/")[0] for v in cmd.value("--add-port")]
    rich = " ".join(cmd.value("--add-rich-rule"))
    if rich and "accept" in rich and "source address" not in rich:
        ports += [w.split("=")[1].strip("'\"") for w in rich.split() if w.startswith("port=")]
    services = [s for s in cmd.value("--add-service") if s in _ADMIN_SERVICES]
    return bool(services) or covers_admin_port([p.replace(":", "-") for p in ports])


_ADMIN_SERVICES = frozenset(
    {
        "ssh",
        "rdp",
        "postgresql",
        "mysql",
        "mongodb",
        "redis",
        "elasticsearch",
        "docker-registry",
        "telnet",
        "vnc-server",
        "samba",
        "nfs",
        "kube-apiserver",
        "etcd-client",
    }
)


def check_host_port_open(cmd: Any, walk: Any) -> bool:
    if cmd.name == "ufw":
        return _ufw(cmd)
    if cmd.name in ("iptables", "ip6tables"):
        return _iptables(cmd)
    return cmd.name == "firewall-cmd" and _firewalld(cmd)


CHECKS = {"host_port_open": check_host_port_open}

RULES: tuple[Rule, ...] = (
    Rule(
        "hostfw.admin_port_open",
        "permissions",
        "high",
        "require_approval",
        "Opens an admin or database port (SSH, Redis, MongoDB, PostgreSQL, …) on this "
        "machine's firewall to every address.",
        (p("ufw", "iptables", "ip6tables", "firewall-cmd", check="host_port_open"),),
        match=(
            "sudo ufw allow 6379/tcp",
            "ufw allow from any to any port 5432 proto tcp",
            "sudo iptables -I INPUT -p tcp --dport 27017 -j ACCEPT",
            "iptables -A INPUT -p tcp -s 0.0.0.0/0 --dport 22 -j ACCEPT",
            "firewall-cmd --permanent --add-port=6379/tcp",
            "firewall-cmd --permanent --add-service=mysql",
        ),
        not_match=(
            "sudo ufw allow from 10.12.0.0/20 to any port 6379 proto tcp",
            "sudo ufw allow 443/tcp",
            "sudo iptables -I INPUT -p tcp -s 10.0.0.0/8 --dport 27017 -j ACCEPT",
            "iptables -L INPUT",
            "firewall-cmd --permanent --add-service=https",
            "firewall-cmd --permanent --add-rich-rule='rule family=ipv4 source "
            "address=10.0.0.0/8 port port=5432 protocol=tcp accept'",
        ),
    ),
)
