"""Mongo shell writes and drops: what a `db.<collection>.<method>(…)` call does.

A call is read into (collection, method, filter, update) with a small bracket-aware
splitter, never `eval`. Each rule is data: the methods it covers, the filters that
make it broad, what else it needs (a catalogued PII collection, a `$unset` of
personal fields, a `$out` stage), a reason people can read, and examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.config import Risk, Verdict
from bot.risk.environments import sentence_names_production
from bot.risk.model import Finding
from bot.risk.sql_rules import COMMON_PII_COLUMNS

PiiLookup = Callable[[str], Sequence[str] | None]
Needs = Literal[
    "", "pii_collection", "pii_unset", "out_stage", "drop_target", "bulk_all", "production"
]
"""What a rule needs besides its method and filter (see `_needs`)."""
FilterKind = Literal["none", "empty", "key", "broad"]
"""No filter argument, `{}`, a lookup by key (`_id`, `*_id`, email …), anything else."""

_CALL = re.compile(
    r"(?<![\w.])db\.(?:getSiblingDB\(\s*['\"][^'\"]*['\"]\s*\)\.)?"
    r"(?:getCollection\(\s*['\"](?P<gc>[^'\"]+)['\"]\s*\)|(?P<coll>[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*?))"
    r"\.(?P<method>[A-Za-z]\w*)\s*\("
    r"|(?<![\w.])db\.(?:getSiblingDB\(\s*['\"][^'\"]*['\"]\s*\)\.)?(?P<dropdb>dropDatabase)\s*\("
)
# A drop written without its parentheses ("use shop and db.orders.drop"): people write the
# call that way in a sentence, and the instruction is the same.
_BARE_DROP = re.compile(
    r"(?<![\w.])db\.(?:getSiblingDB\(\s*['\"][^'\"]*['\"]\s*\)\.)?"
    r"(?:(?P<coll>[A-Za-z_$][\w$-]*)\.(?P<drop>drop)|(?P<dropdb>dropDatabase))"
    r"(?![\w$(])(?!\s*\()(?!\.\w)"
)
# Driver code (PyMongo, Motor, the Node driver): `db["orders"].delete_many({})`,
# `db.collection("orders").deleteMany({})`, `client.shop.orders.drop()`,
# `client.drop_database("shop")`, `db.drop_collection("orders")`.
_Q = r"['\"](?P<{0}>[\w.$-]+)['\"]"
_DRIVER_CALL = re.compile(
    r"(?<![\w.])(?:db|database|\w+_db)"
    r"(?:\[\s*"
    + _Q.format("k")
    + r"\s*\]|\.(?:collection|get_collection)\(\s*"
    + _Q.format("c")
    + r"\s*\))\.(?P<method>[A-Za-z_]\w*)\s*\("
    r"|(?<![\w.])\w*client(?:\[\s*['\"][\w.-]+['\"]\s*\]|\.[A-Za-z_]\w*)"
    r"(?:\[\s*" + _Q.format("k2") + r"\s*\]|\.(?P<a2>[A-Za-z_]\w*))\.(?P<method2>[A-Za-z_]\w*)\s*\("
    r"|(?<![\w.])(?:\w*client|db|database|\w+_db)\.(?P<named>drop_database|drop_collection)\s*\(\s*"
    + _Q.format("n")
)
_SNAKE = {
    "delete_many": "deleteMany",
    "delete_one": "deleteOne",
    "update_many": "updateMany",
    "update_one": "updateOne",
    "find_one": "findOne",
    "count_documents": "countDocuments",
    "replace_one": "replaceOne",
    "find_one_and_delete": "findOneAndDelete",
    "drop_database": "dropDatabase",
    "drop_collection": "drop",
}
_KEY_FIELD = re.compile(r"_id|id|uuid|\w+_id|\w+Id|email|username|key", re.I)
_TOP_KEY = re.compile(r"[{,]\s*['\"]?(?P<k>[\w$.]+)['\"]?\s*:\s*(?P<v>\S)")
_UNSET_FIELDS = re.compile(r"\$unset\s*:\s*\{(?P<body>[^}]*)\}|\$unset\s*:\s*\[(?P<list>[^\]]*)\]")
_SET_NULL = re.compile(r"['\"]?(?P<k>[\w.]+)['\"]?\s*:\s*null\b")
_OUT_STAGE = re.compile(r"['\"]?\$out['\"]?\s*:")
# `renameCollection("orders", true)`, `{dropTarget: true}`: the target collection is dropped
_DROP_TARGET = re.compile(r"^\s*true\s*$|dropTarget['\"]?\s*:\s*true\b")
# a bulkWrite operation with an empty filter: `{deleteMany: {filter: {}}}`
_BULK_ALL = re.compile(
    r"['\"]?(?P<op>deleteMany|updateMany)['\"]?\s*:\s*\{\s*['\"]?filter['\"]?\s*:\s*\{\s*\}"
)
_MAX_ARGS = 20_000


@dataclass(frozen=True, slots=True)
class Call:
    collection: str
    method: str
    filter: FilterKind
    args: list[str]
    closed: bool = True
    """False when the arguments never close: the call was cut short or is garbled."""


@dataclass(frozen=True, slots=True)
class MongoRule:
    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    """`{target}` is the collection or database."""
    methods: frozenset[str]
    filters: frozenset[FilterKind]
    needs: Needs
    match: tuple[str, ...]
    not_match: tuple[str, ...]


def _rule(
    id: str,
    risk: Risk,
    reason: str,
    methods: str,
    filters: str,
    match: Sequence[str],
    not_match: Sequence[str],
    needs: Needs = "",
    category: str = "destructive",
) -> MongoRule:
    return MongoRule(
        id,
        category,
        risk,
        "require_approval",
        reason,
        frozenset(methods.split()),
        frozenset(filters.split()),  # type: ignore[arg-type]
        needs,
        tuple(match),
        tuple(not_match),
    )


_DELETES = "deleteMany remove findAndRemove"
_UPDATES = "updateMany update replaceMany bulkWrite"

MONGO_RULES: tuple[MongoRule, ...] = (
    _rule(
        "mongo.drop_database",
        "critical",
        "Drops the whole Mongo database and every collection in it.",
        "dropDatabase",
        "none empty key broad",
        ["db.dropDatabase()", "db.getSiblingDB('shop').dropDatabase()", "then db.dropDatabase."],
        ["db.getCollectionNames()", "db.stats()"],
    ),
    _rule(
        "mongo.drop",
        "high",
        "Drops the collection {target} with all its documents and indexes.",
        "drop",
        "none empty key broad",
        [
            "db.orders.drop()",
            "db.getCollection('orders').drop()",
            "use shop and db.orders.drop, then",
        ],
        [
            "db.orders.dropIndex('status_1')",
            "db.orders.find({drop: true})",
            "use shop and db.orders.stats, then",
            "db.orders.drop_reason",
        ],
    ),
    _rule(
        "mongo.delete_all",
        "high",
        "Deletes every document of {target}: the filter is empty.",
        _DELETES,
        "none empty",
        ["db.orders.deleteMany({})", "db.orders.remove({})"],
        ["db.orders.deleteMany({status: 'test'})", "db.orders.deleteOne({})"],
    ),
    _rule(
        "mongo.update_all",
        "high",
        "Changes every document of {target}: the filter is empty.",
        _UPDATES,
        "none empty",
        ["db.orders.updateMany({}, {$set: {status: 'void'}})"],
        ["db.orders.updateMany({status: 'new'}, {$set: {status: 'void'}})"],
    ),
    _rule(
        "mongo.bulk_change_prod",
        "high",
        "Deletes or changes many documents of {target} in production: the filter is a range "
        "or threshold (dates, amounts), not a lookup of particular records by key, so one "
        "wrong bound takes every document it covers.",
        f"{_DELETES} {_UPDATES}",
        "broad",
        [
            "db.getSiblingDB('shop_prod').orders.deleteMany({created: {$lt: ISODate('2026-01')}})",
            "mongosh mongodb://orders.prod.internal --eval "
            "'db.orders.updateMany({total: {$lt: 1}}, {$set: {status: \"void\"}})'",
        ],
        [
            "db.getSiblingDB('shop_prod').orders.deleteOne({_id: 7})",
            "db.getSiblingDB('shop_prod').orders.deleteMany({_id: {$in: [7, 8]}})",
            "db.orders.deleteMany({created: {$lt: ISODate('2026-01-01')}})",
            "db.getSiblingDB('shop_dev').orders.deleteMany({created: {$lt: 1}})",
            "db.getSiblingDB('shop_prod').sessions.deleteMany({expiresAt: {$lt: new Date()}})",
            "db.getSiblingDB('shop_prod').users.deleteMany({test: true})",
        ],
        needs="production",
    ),
    _rule(
        "mongo.bulk_pii",
        "high",
        "Deletes or changes many documents of {target}, which holds personal data: the "
        "filter is a range or condition, not a lookup of particular records.",
        f"{_DELETES} {_UPDATES}",
        "broad",
        ["db.customers.deleteMany({created: {$lt: ISODate('2020-01-01')}})"],
        ["db.customers.deleteMany({_id: 7})", "db.orders.deleteMany({created: {$lt: 1}})"],
        needs="pii_collection",
        category="pii",
    ),
    _rule(
        "mongo.unset_pii",
        "high",
        "Erases personal-data fields ({target}) across many documents.",
        _UPDATES,
        "none empty broad",
        ["db.leads.updateMany({source: 'web'}, {$unset: {phone: 1}})"],
        [
            "db.leads.updateOne({_id: 3}, {$unset: {phone: 1}})",
            "db.leads.updateMany({source: 'web'}, {$unset: {utm: 1}})",
        ],
        needs="pii_unset",
        category="pii",
    ),
    _rule(
        "mongo.aggregate_out",
        "high",
        "An aggregation with $out replaces the whole collection it writes to ({target}).",
        "aggregate",
        "none empty key broad",
        ["db.orders.aggregate([{$match: {}}, {$out: 'orders'}])"],
        ["db.orders.aggregate([{$match: {status: 'A'}}])"],
        needs="out_stage",
    ),
    _rule(
        "mongo.rename_over",
        "high",
        "Renames a collection onto {target} with dropTarget: the existing {target} and all "
        "its documents are dropped first.",
        "renameCollection",
        "none empty key broad",
        ['db.orders_tmp.renameCollection("orders", true)'],
        ['db.orders_tmp.renameCollection("orders_2024")', "db.a.renameCollection('b', false)"],
        needs="drop_target",
    ),
    _rule(
        "mongo.bulk_all",
        "high",
        "A bulkWrite whose {target} has an empty filter: every document of the collection "
        "is deleted or changed.",
        "bulkWrite",
        "none empty key broad",
        ["db.users.bulkWrite([{deleteMany: {filter: {}}}])"],
        ["db.users.bulkWrite([{deleteMany: {filter: {status: 'test'}}}])"],
        needs="bulk_all",
    ),
)


_WRITES = frozenset(m for rule in MONGO_RULES for m in rule.methods)


@dataclass(slots=True)
class MongoResult:
    findings: list[Finding] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)


def _split_args(text: str, i: int) -> tuple[list[str], int]:
    """Top-level arguments of the call whose `(` is at `i - 1`; strings skipped.
    The end is -1 when the call never closes."""
    args: list[str] = []
    depth = 0
    start = i
    quote = ""
    j = i
    stop = min(len(text), i + _MAX_ARGS)
    while j < stop:
        c = text[j]
        if quote:
            if c == "\\":
                j += 2
                continue
            if c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(text[start:j].strip())
                return [a for a in args if a] if args != [""] else [], j + 1
            depth -= 1
        elif c == "," and depth == 0:
            args.append(text[start:j].strip())
            start = j + 1
        j += 1
    args.append(text[start:stop].strip())
    return [a for a in args if a], -1


def _filter_kind(args: list[str]) -> FilterKind:
    if not args:
        return "none"
    first = args[0]
    inner = first.strip()
    if inner in ("{}", "{ }") or re.fullmatch(r"\{\s*\}", inner):
        return "empty"
    if not inner.startswith("{"):
        return "broad"  # a variable or expression: cannot tell, so not a lookup
    for m in _TOP_KEY.finditer(inner[:2000]):
        if not _KEY_FIELD.fullmatch(m.group("k")):
            continue
        value = inner[m.start("v") :].lstrip()
        if not value.startswith("{") or re.match(r"\{\s*['\"]?\$(?:in|eq)['\"]?\s*:", value):
            return "key"
    return "broad"


def _unset_fields(update: str) -> list[str]:
    names: list[str] = []
    for m in _UNSET_FIELDS.finditer(update):
        if m.group("body") is not None:
            names += [k.group("k") for k in _TOP_KEY.finditer("{" + m.group("body"))]
        else:
            names += [n.strip(" '\"") for n in m.group("list").split(",")]
    if "$set" in update:
        names += [m.group("k") for m in _SET_NULL.finditer(update)]
    return [n for n in names if n]


def calls(text: str) -> list[Call]:
    out: list[Call] = []
    for m in _CALL.finditer(text):
        args, end = _split_args(text, m.end())
        if m.group("dropdb"):
            out.append(Call("(database)", "dropDatabase", "none", args))
            continue
        coll = m.group("gc") or m.group("coll") or ""
        method = _SNAKE.get(m.group("method"), m.group("method"))
        out.append(Call(coll, method, _filter_kind(args), args, end >= 0))
    if "drop" in text:
        for b in _BARE_DROP.finditer(text):
            coll = "(database)" if b.group("dropdb") else b.group("coll")
            out.append(Call(coll, "dropDatabase" if b.group("dropdb") else "drop", "none", []))
    if "client" in text or "db" in text or "database" in text:
        out += _driver_calls(text)
    return out


def _driver_calls(text: str) -> list[Call]:
    out: list[Call] = []
    for m in _DRIVER_CALL.finditer(text):
        args, end = _split_args(text, m.end())
        named = m.group("named")
        if named == "drop_database":
            out.append(Call("(database)", "dropDatabase", "none", args))
            continue
        if named == "drop_collection":
            out.append(Call(m.group("n"), "drop", "none", args))
            continue
        coll = m.group("k") or m.group("c") or m.group("k2") or m.group("a2") or ""
        method = m.group("method") or m.group("method2") or ""
        method = _SNAKE.get(method, method)
        out.append(Call(coll, method, _filter_kind(args), args, end >= 0))
    return out


def _needs(rule: MongoRule, call: Call, pii: PiiLookup) -> str | None:
    """The `{target}` text when the rule's extra condition holds, else None."""
    if not rule.needs:
        return call.collection
    if rule.needs == "pii_collection":
        fields = pii(call.collection)
        return f"{call.collection} ({', '.join(fields)})" if fields else None
    if rule.needs == "pii_unset":
        if len(call.args) < 2:
            return None
        catalogued = pii(call.collection)
        known = {f.lower() for f in catalogued} if catalogued is not None else COMMON_PII_COLUMNS
        hits = [f for f in _unset_fields(call.args[1]) if f.lower().split(".")[-1] in known]
        return f"{call.collection}: {', '.join(hits)}" if hits else None
    if rule.needs == "out_stage":
        return call.collection if any(_OUT_STAGE.search(a) for a in call.args) else None
    if rule.needs == "drop_target":
        dropped = len(call.args) > 1 and _DROP_TARGET.search(call.args[1])
        return call.args[0].strip().strip("'\"") if dropped else None
    if rule.needs == "bulk_all":
        bulk = _BULK_ALL.search(call.args[0]) if call.args else None
        return f"{bulk.group('op')} on {call.collection}" if bulk else None
    return None


# A filter that picks documents by a range or threshold: `{ts: {$lt: …}}`, `{total: {$gte: 5}}`.
_RANGE = re.compile(r"['\"]?\$(?:lt|lte|gt|gte)['\"]?\s*:")
# Already expired by its own clock (`{expiresAt: {$lt: new Date()}}`): a TTL's housekeeping.
_EXPIRED = re.compile(
    r"(?i)\w*(?:expir|ttl|valid_?until)\w*['\"]?\s*:\s*\{\s*['\"]?\$lte?['\"]?\s*:\s*"
    r"(?:new\s+Date\(\s*\)|Date\.now\(\s*\)|ISODate\(\s*\)|['\"]?\$\$NOW)"
)


def _production_range(call: Call, pii: PiiLookup) -> str | None:
    """`mongo.bulk_change_prod`'s target: a range filter on a collection holding no
    catalogued personal data (`mongo.bulk_pii` has those), unless it only clears what has
    expired."""
    first = call.args[0] if call.args else ""
    if not _RANGE.search(first) or _EXPIRED.search(first) or pii(call.collection):
        return None
    return call.collection


# A user given a built-in role that administers every database, its users or the cluster:
# `db.grantRolesToUser("etl", [{role: "root", db: "admin"}])`, `createUser({… roles: […]})`.
_ADMIN_ROLE_CALL = re.compile(
    r"(?<![\w.])(?:db\.(?:getSiblingDB\(\s*['\"][^'\"]*['\"]\s*\)\.)?)?"
    r"(?P<method>grantRolesToUser|createUser|updateUser)\s*\((?P<args>[^;]{0,2000}?)"
    r"['\"](?P<role>root|dbOwner|userAdmin(?:AnyDatabase)?|clusterAdmin|dbAdminAnyDatabase|"
    r"readWriteAnyDatabase|__system|restore)['\"]"
)


def _admin_roles(text: str) -> list[Finding]:
    if "User" not in text:
        return []
    return [
        Finding(
            rule="mongo.admin_role",
            category="access",
            reason=f"Gives a Mongo user the built-in {m.group('role')} role: control over every "
            "database, its users or the cluster, far more than a job needs.",
            risk="high",
            verdict="require_approval",
            evidence=m.group(0)[:200],
        )
        for m in _ADMIN_ROLE_CALL.finditer(text)
    ][:1]


def assess_mongo(text: str, pii: PiiLookup | None = None, where: str = "") -> MongoResult:
    """Findings for every Mongo shell call in `text`; collections named, for the catalog.
    `where` is the sentence that gives the calls: with `text` itself (a `prod` database or
    host), it says whether production is their target."""
    lookup: PiiLookup = pii or (lambda _name: None)
    production = sentence_names_production(f"{text}\n{where}")
    result = MongoResult()
    result.findings += _admin_roles(text)
    for call in calls(text):
        if call.collection != "(database)" and call.collection not in result.collections:
            result.collections.append(call.collection)
        if not call.closed and call.method in _WRITES:
            result.findings.append(
                Finding(
                    rule="mongo.unreadable",
                    category="parse",
                    reason=f"A Mongo {call.method} call on {call.collection} never closes, so "
                    "what it changes cannot be read.",
                    risk="medium",
                    verdict="require_approval",
                    evidence=f"db.{call.collection}.{call.method}(…"[:200],
                )
            )
            continue
        for rule in MONGO_RULES:
            if call.method not in rule.methods or call.filter not in rule.filters:
                continue
            target = (
                _production_range(call, lookup)
                if rule.needs == "production"
                else _needs(rule, call, lookup)
            )
            if rule.needs == "production" and not production:
                continue
            if target is None:
                continue
            result.findings.append(
                Finding(
                    rule=rule.id,
                    category=rule.category,
                    reason=rule.reason.format(target=target),
                    risk=rule.risk,
                    verdict=rule.verdict,
                    evidence=f"db.{call.collection}.{call.method}(…)"[:200],
                )
            )
    return result
