"""Data stores changed through their own settings rather than a delete: a Kafka or
Redpanda retention cut to minutes (the broker then deletes the topic's data itself), and
Redis left without a password or protected mode. Deleting one named key of etcd or Consul
(no prefix, no range, no recursion) is a bounded change, like a `DELETE … WHERE id = 7`."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, Safe, p

_RETENTION = re.compile(r"(?i)\b(?:retention[._]ms|log[._]retention[._]ms)\s*[=\s]\s*(-?\d+)")
_HOUR_MS = 3_600_000


def _retention_cut(cmd: Any, walk: Any) -> bool:
    """A retention under an hour: older messages are deleted by the broker within minutes
    (-1 is "keep forever" and stays allowed)."""
    return any(0 <= int(v) < _HOUR_MS for v in _RETENTION.findall(cmd.joined))


def _redis_auth_off(cmd: Any, walk: Any) -> bool:
    """`CONFIG SET requirepass ""`, `CONFIG SET protected-mode no`, an ACL user with
    `nopass`."""
    words = [w.lower() for w in cmd.pos]
    for i in range(len(words) - 2):
        if words[i : i + 2] == ["config", "set"]:
            name = words[i + 2]
            value = words[i + 3] if i + 3 < len(words) else ""
            if (name == "requirepass" and value == "") or (
                name == "protected-mode" and value == "no"
            ):
                return True
    return "setuser" in words and "nopass" in words


def _one_key(cmd: Any, walk: Any) -> bool:
    """`etcdctl del KEY` / `consul kv delete KEY`: exactly one non-empty key after the verb,
    no prefix, range end or recursion."""
    if cmd.flags & {"--prefix", "--from-key", "-recurse", "--recurse", "-prefix"}:
        return False
    pos = cmd.pos
    verb = next((i for i, w in enumerate(pos) if w in ("del", "delete")), -1)
    keys = pos[verb + 1 :] if verb >= 0 else []
    return len(keys) == 1 and keys[0].strip("/") != "" and "*" not in keys[0]


CHECKS = {
    "retention_cut": _retention_cut,
    "redis_auth_off": _redis_auth_off,
    "one_key": _one_key,
}

SAFE: tuple[Safe, ...] = (
    Safe(
        "datastores.one_key_delete",
        "Deletes one named key of a key-value store (no prefix, range or recursion): a "
        "bounded change to one setting.",
        (
            p("etcdctl", sub=("del",), check="one_key"),
            p("consul", sub=("kv", "delete"), check="one_key"),
        ),
        match=(
            "etcdctl del /registry/events/default/stale-event-1",
            "consul kv delete service/billing/feature-x",
        ),
        not_match=(
            "etcdctl del /flags --prefix",
            'etcdctl del "" --from-key=true',
            "etcdctl del /a /z",
            "consul kv delete -recurse config/",
            "etcdctl del /",
        ),
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "datastores.retention_cut",
        "destructive",
        "high",
        "require_approval",
        "Cuts a topic's retention to minutes: the broker deletes every older message itself, "
        "and they cannot be read again.",
        (
            p("kafka-configs", "kafka-topics", check="retention_cut"),
            p("rpk", sub=("topic|cluster", "alter-config|config|create"), check="retention_cut"),
        ),
        match=(
            "kafka-configs --bootstrap-server kafka:9092 --alter --entity-type topics "
            "--entity-name orders --add-config retention.ms=1000",
            "rpk topic alter-config orders --set retention.ms=60000",
            "rpk cluster config set log_retention_ms 1000",
        ),
        not_match=(
            "kafka-configs --bootstrap-server kafka:9092 --alter --entity-type topics "
            "--entity-name orders --add-config retention.ms=604800000",
            "rpk topic alter-config orders --set retention.ms=-1",
            "kafka-configs --bootstrap-server kafka:9092 --describe --entity-type topics",
        ),
    ),
    Rule(
        "datastores.redis_auth_off",
        "security_controls",
        "high",
        "require_approval",
        "Leaves Redis without a password (or protected mode): anyone who reaches the port "
        "can read, change or wipe every key.",
        (p("redis-cli", "valkey-cli", "keydb-cli", check="redis_auth_off"),),
        match=(
            'redis-cli -h cache-prod CONFIG SET requirepass ""',
            "redis-cli -h cache-prod config set protected-mode no",
            "redis-cli ACL SETUSER default on nopass ~* +@all",
        ),
        not_match=(
            "redis-cli -h cache-prod CONFIG GET requirepass",
            'redis-cli -h cache-prod CONFIG SET requirepass "$NEW_REDIS_PASS"',
            "redis-cli -h cache-prod CONFIG SET maxmemory 2gb",
        ),
    ),
)
