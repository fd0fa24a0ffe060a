"""Access lists and tokens of brokers and cluster tools (Kafka `kafka-acls`, Redpanda `rpk
acl`, Consul, Nomad, Vault): a wildcard principal allowed, every operation on every topic,
or a token minted with the all-powerful policy. Each hands the whole cluster to whoever
holds it."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p

_WILDCARD_PRINCIPAL = re.compile(r"^['\"]?(?:User|Group|RedpandaRole)?:?\*['\"]?$", re.I)
_ALL = re.compile(r"^['\"]?(?:all|\*)['\"]?$", re.I)
_ANY_RESOURCE = ("--topic", "--group", "--transactional-id", "--registry-subject")


def _broker_acl_wide(cmd: Any, walk: Any) -> bool:
    """An allow ACL for every principal, or for every operation on every topic/the cluster."""
    if "deny" in " ".join(cmd.pos).lower() or cmd.value("--deny-principal"):
        return False
    principals = cmd.value("--allow-principal")
    if any(_WILDCARD_PRINCIPAL.match(v) for v in principals):
        return True
    every_op = any(_ALL.match(o) for o in cmd.value("--operation", "--operations"))
    every_res = "--cluster" in cmd.args or any(_ALL.match(v) for v in cmd.value(*_ANY_RESOURCE))
    return every_op and every_res


_SUPER_POLICY = re.compile(r"(?i)^['\"]?(?:global-management|root|management)['\"]?$")


def _super_token(cmd: Any, walk: Any) -> bool:
    """`consul acl token create -policy-name global-management`, `nomad acl token create
    -type=management`, `vault token create -policy=root`."""
    values = cmd.value("-policy-name", "--policy-name", "-policy", "--policy", "-type", "--type")
    joined = cmd.joined
    values += re.findall(r"(?:^|\s)--?(?:policy(?:-name)?|type)=(\S+)", joined)
    return any(_SUPER_POLICY.match(v) for v in values)


CHECKS = {"broker_acl_wide": _broker_acl_wide, "super_token": _super_token}

RULES: tuple[Rule, ...] = (
    Rule(
        "acl.broker_wide_open",
        "permissions",
        "high",
        "require_approval",
        "Adds a broker ACL that allows every principal, or every operation on every topic or "
        "the whole cluster: anyone with a connection can read, write or delete the data.",
        (
            p("kafka-acls", check="broker_acl_wide", args_re=r"--add\b"),
            p("rpk", sub=("acl|security", "create|acl"), check="broker_acl_wide"),
        ),
        match=(
            "rpk acl create --allow-principal 'User:*' --operation all --topic '*'",
            "rpk acl create --allow-principal User:vendor --operation all --cluster",
            "kafka-acls --bootstrap-server b:9092 --add --allow-principal 'User:*' "
            "--operation Read --topic orders",
            "kafka-acls --bootstrap-server b:9092 --add --allow-principal User:etl "
            "--operation All --topic '*'",
        ),
        not_match=(
            "rpk acl list",
            "rpk acl create --allow-principal User:etl --operation read --topic orders",
            "kafka-acls --bootstrap-server b:9092 --list --topic '*'",
            "kafka-acls --bootstrap-server b:9092 --add --allow-principal User:etl "
            "--operation Read --topic orders",
            "rpk acl create --deny-principal 'User:*' --operation all --topic '*'",
        ),
    ),
    Rule(
        "acl.super_token",
        "permissions",
        "critical",
        "require_approval",
        "Creates a token with the all-powerful policy (Consul global-management, Nomad "
        "management, Vault root): whoever holds it controls the whole cluster.",
        (
            p("consul", sub=("acl", "token", "create|update"), check="super_token"),
            p("nomad", sub=("acl", "token", "create"), check="super_token"),
            p("vault", sub=("token", "create"), check="super_token"),
        ),
        match=(
            'consul acl token create -policy-name global-management -description "consultant"',
            "nomad acl token create -type=management -name vendor",
            "vault token create -policy=root",
        ),
        not_match=(
            "consul acl token list",
            "consul acl token create -policy-name billing-read",
            "nomad acl token create -type=client -policy=readonly -name ci",
            "vault token create -policy=ci-read -ttl=1h",
        ),
    ),
)
