"""What a dbt project knows: its models and sources, their owners, labels and lineage.

Read from `target/manifest.json` (the file `dbt compile`/`dbt run` writes):
each model or source becomes the relation it builds or reads (`schema.table`),
with its owner (`meta.owner`, else its group's owner), a classification from
`meta.classification` or a tag naming a level, PII columns from column
`meta`/tags or their names, and everything downstream of it — models built
from it and exposures (dashboards, applications) that read it — because that
is what breaks if the table is dropped or emptied.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.catalog.pii import classification_in, first_line, is_pii, stricter
from bot.config import ConfigError
from storage.catalog import Entry

MAX_DOWNSTREAM = 200
_PII_META = ("pii", "contains_pii", "is_pii", "sensitive", "personal_data", "gdpr")
_KINDS = {"model": "table", "snapshot": "table", "seed": "table", "source": "table"}


def load_manifest(path: str | Path) -> dict[str, Any]:
    """The parsed manifest, or a `ConfigError` naming the file and what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such dbt manifest (run `dbt compile` first)") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: not a readable dbt manifest: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), dict):
        raise ConfigError(f"{path}: not a dbt manifest (no `nodes`)")
    return data


def entries(manifest: Mapping[str, Any]) -> list[Entry]:
    """One entry per model, snapshot, seed and source in the manifest."""
    nodes: dict[str, Mapping[str, Any]] = {
        **_dicts(manifest.get("nodes")),
        **_dicts(manifest.get("sources")),
    }
    exposures = _dicts(manifest.get("exposures"))
    groups = manifest.get("groups") or {}
    children = _child_map(manifest, nodes, exposures)
    labels = _labels(nodes, exposures)
    out: list[Entry] = []
    for uid, node in nodes.items():
        kind = _KINDS.get(str(node.get("resource_type")))
        relation = _relation(node)
        if kind is None or relation is None:
            continue  # tests, analyses, operations: nothing stored
        meta = _meta(node)
        tags = [str(t) for t in [*(node.get("tags") or []), *_config(node).get("tags", [])]]
        entry = Entry(
            name=relation,
            kind=kind,
            owner=_owner(node, meta, groups),
            description=first_line(node.get("description")),
            tags=sorted(set(tags)),
            classification=_classification(meta, tags),
            downstream=_downstream(uid, children, labels),
        )
        columns = node.get("columns")
        for cname, column in columns.items() if isinstance(columns, dict) else ():
            _add_column(entry, str(cname), column if isinstance(column, dict) else {})
        out.append(entry)
    return out


def _dicts(section: Any) -> dict[str, Mapping[str, Any]]:
    """A manifest section's well-formed items (a hand-edited manifest may hold anything)."""
    if not isinstance(section, dict):
        return {}
    return {k: v for k, v in section.items() if isinstance(v, dict)}


def _add_column(entry: Entry, cname: str, column: Mapping[str, Any]) -> None:
    """A column's type, its PII flag and its label, which can only make the table stricter."""
    name = str(column.get("name") or cname)
    ctags = [str(t) for t in column.get("tags") or []]
    cmeta = {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}
    data_type = str(column.get("data_type") or "")
    entry.columns.append([name, data_type])
    if _flagged(cmeta) or is_pii(name, data_type, " ".join(ctags)):
        entry.pii_fields.append(name)
    entry.classification = stricter(entry.classification, _classification(cmeta, ctags))


def _config(node: Mapping[str, Any]) -> Mapping[str, Any]:
    config = node.get("config")
    return config if isinstance(config, dict) else {}


def _meta(node: Mapping[str, Any]) -> dict[str, Any]:
    """`meta` as dbt resolves it: node meta, then config meta, then the source's own."""
    merged: dict[str, Any] = {}
    for part in (node.get("source_meta"), node.get("meta"), _config(node).get("meta")):
        if isinstance(part, dict):
            merged.update(part)
    return merged


def _relation(node: Mapping[str, Any]) -> str | None:
    """`schema.table` as the database knows it (the alias or identifier, not the node name)."""
    schema = node.get("schema")
    table = node.get("identifier") or node.get("alias") or node.get("name")
    if not schema or not table:
        return None
    return f"{schema}.{table}".lower()


def _owner(
    node: Mapping[str, Any], meta: Mapping[str, Any], groups: Mapping[str, Any]
) -> str | None:
    owner = meta.get("owner") or meta.get("data_owner")
    if isinstance(owner, dict):
        owner = owner.get("email") or owner.get("name")
    if not owner and node.get("group"):
        group = next(
            (g for g in groups.values() if isinstance(g, dict) and g.get("name") == node["group"]),
            None,
        )
        if group and isinstance(group.get("owner"), dict):
            owner = group["owner"].get("email") or group["owner"].get("name")
    return str(owner) if owner else None


def _classification(meta: Mapping[str, Any], tags: list[str]) -> str | None:
    label = meta.get("classification") or meta.get("data_classification") or meta.get("sensitivity")
    comments = (f"classification: {label}",) if isinstance(label, str) else ()
    return classification_in(comments, tuple(tags))


def _flagged(meta: Mapping[str, Any]) -> bool:
    return any(meta.get(key) in (True, "true", "yes", "True") for key in _PII_META)


def _child_map(
    manifest: Mapping[str, Any],
    nodes: Mapping[str, Mapping[str, Any]],
    exposures: Mapping[str, Mapping[str, Any]],
) -> dict[str, list[str]]:
    """Who depends on whom: the manifest's `child_map`, else built from `depends_on`."""
    given = manifest.get("child_map")
    if isinstance(given, dict) and given:
        return {k: list(v) for k, v in given.items() if isinstance(v, list)}
    children: dict[str, list[str]] = {}
    for uid, node in [*nodes.items(), *exposures.items()]:
        for parent in (node.get("depends_on") or {}).get("nodes") or []:
            children.setdefault(parent, []).append(uid)
    return children


def _labels(
    nodes: Mapping[str, Mapping[str, Any]], exposures: Mapping[str, Mapping[str, Any]]
) -> dict[str, str | None]:
    """How each node reads downstream of something (None: not shown, e.g. a test)."""
    labels: dict[str, str | None] = {}
    for uid, node in nodes.items():
        known = _KINDS.get(str(node.get("resource_type")))
        labels[uid] = _relation(node) if known else None
    for uid, exposure in exposures.items():
        label = exposure.get("label") or exposure.get("name") or uid
        labels[uid] = f"exposure:{label} ({exposure.get('type') or 'exposure'})"
    return labels


def _downstream(
    uid: str, children: Mapping[str, list[str]], labels: Mapping[str, str | None]
) -> list[str]:
    """Every model and exposure built from `uid`, nearest first (tests left out)."""
    seen = {uid}
    queue = deque(children.get(uid, []))
    out: list[str] = []
    while queue and len(out) < MAX_DOWNSTREAM:
        child = queue.popleft()
        if child in seen:
            continue
        seen.add(child)
        label = labels.get(child)
        if label is None:
            continue  # a test: not something that breaks for a reader
        out.append(label)
        queue.extend(children.get(child, []))
    return out
