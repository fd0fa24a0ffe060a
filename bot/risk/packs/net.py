"""What "open to the internet" and "an admin or database port" mean, shared by the packs
and the documents reader so a CLI flag, a Terraform block and a CloudFormation rule are
judged alike."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Ports whose service should never face the whole internet: remote admin (SSH, RDP,
# WinRM, Telnet, SMB), databases and caches, cluster control planes, message brokers.
ADMIN_PORTS: frozenset[int] = frozenset(
    {
        21,  # ftp
        22,  # ssh
        23,  # telnet
        135,  # msrpc
        139,  # netbios
        445,  # smb
        1433,  # sql server
        1521,  # oracle
        2049,  # nfs
        2375,  # docker api
        2376,  # docker api (tls)
        2379,  # etcd
        2380,  # etcd peers
        3306,  # mysql
        3389,  # rdp
        5432,  # postgres
        5601,  # kibana
        5672,  # amqp
        5900,  # vnc
        5984,  # couchdb
        5985,  # winrm
        5986,  # winrm (tls)
        6379,  # redis
        6443,  # kubernetes api
        7000,  # cassandra
        7001,  # cassandra (tls)
        8086,  # influxdb
        8200,  # vault
        8500,  # consul
        9042,  # cassandra cql
        9092,  # kafka
        9200,  # elasticsearch
        9300,  # elasticsearch transport
        10250,  # kubelet
        11211,  # memcached
        15672,  # rabbitmq management
        2181,  # zookeeper
        27017,  # mongodb
        27018,  # mongodb
        28015,  # rethinkdb
        50070,  # hdfs
        1434,  # sql server browser
        2377,  # docker swarm
        4369,  # erlang port mapper (rabbitmq)
        5433,  # postgres (second instance)
        5439,  # redshift
        6380,  # redis (second instance)
        389,  # ldap
        636,  # ldaps
        873,  # rsync
        4222,  # nats
        4646,  # nomad
        7474,  # neo4j http
        7687,  # neo4j bolt
        8020,  # hdfs namenode
        8123,  # clickhouse http
        9093,  # kafka (tls)
        9870,  # hdfs namenode ui
        10000,  # hive server
        10255,  # kubelet (read-only)
        26257,  # cockroachdb
        50000,  # db2
        8983,  # solr
        16379,  # redis cluster bus
        27019,  # mongodb config servers
    }
)

_ANY_SOURCES = frozenset(
    {"0.0.0.0/0", "::/0", "*", "any", "internet", "0.0.0.0", "all", "0.0.0.0/0,::/0"}  # noqa: S104
)


def is_anywhere(source: str) -> bool:
    """A source address that means "everyone on the internet"."""
    s = source.strip().strip("'\"[]").strip().lower()
    return s in _ANY_SOURCES or s in ("0/0", "::0/0", "0.0.0.0/00")


_RANGE_RE = re.compile(r"^(?:(?:tcp|udp|all|any|\*)[:/])?(\d{1,5})(?:\s*[-:]\s*(\d{1,5}))?$", re.I)


def port_range(spec: str) -> tuple[int, int] | None:
    """`22`, `22-22`, `tcp:22`, `3000-4000`, `0-65535` → (low, high); `*`, `all`, `-1`,
    `tcp` alone (every port of a protocol) → the whole range; unreadable → None."""
    s = str(spec).strip().strip("'\"").strip().lower()
    if s in ("*", "all", "any", "-1", "tcp", "udp", "all-traffic", "alltraffic", "icmp"):
        return (0, 65535) if s != "icmp" else None
    m = _RANGE_RE.match(s)
    if not m:
        return None
    low = int(m.group(1))
    high = int(m.group(2)) if m.group(2) else low
    return (min(low, high), max(low, high))


def covers_admin_port(specs: list[str] | tuple[str, ...]) -> bool:
    """Any of the port specs (a list, or comma-separated) reaches an admin or database port."""
    for spec in specs:
        for part in str(spec).split(","):
            rng = port_range(part)
            if rng is None:
                continue
            low, high = rng
            if high - low >= 1000 or any(low <= p <= high for p in ADMIN_PORTS):
                return True
    return False


PERSONAL_MAIL: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "yandex.ru",
        "qq.com",
        "163.com",
        "mail.ru",
    }
)
"""Webmail domains: an address there is a person's own, never the company's."""


def outside(host: str, domains: tuple[str, ...], own: Sequence[str] = ()) -> bool:
    """An e-mail host outside the company: personal webmail always; any other domain when
    the company's domains are configured and it is none of them (or their subdomains).
    `own`: the domains of the mailbox being forwarded or the account acting; mail sent on
    to the same domain stays where it already was."""
    host = host.lower()
    if host in PERSONAL_MAIL:
        return True
    if any(host == d.lower() for d in own if d.lower() not in PERSONAL_MAIL):
        return False
    return bool(domains) and not any(host == d or host.endswith("." + d) for d in domains)
