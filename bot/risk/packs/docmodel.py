"""The parsed documents of one message (`Doc`), a document rule as data (`DocRule`), and
the helpers judges use to walk YAML/JSON trees and Terraform bodies."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.config import Risk, Verdict
from bot.risk.hcl import LABELS, Ref
from bot.risk.webconf import Section

MAX_NODES = 20_000


@dataclass
class Doc:
    """Everything read out of one message: YAML/JSON trees, HCL bodies, config lines."""

    trees: list[Any] = field(default_factory=list)
    hcl: list[dict[str, Any]] = field(default_factory=list)
    directives: list[tuple[str, str]] = field(default_factory=list)
    """(lower-case key, value) from sshd_config / my.cnf / redis.conf / pg_hba-like lines."""
    hba: list[list[str]] = field(default_factory=list)
    """pg_hba.conf rows: type, database, user, address, method."""
    web: list[Section] = field(default_factory=list)
    """nginx / Apache sections (`bot.risk.webconf`)."""
    domains: tuple[str, ...] = ()
    """The company's e-mail domains: a member outside them is an outsider."""
    scripts: list[str] = field(default_factory=list)
    """Shell commands the documents run (container commands, CI steps, Dockerfile RUN):
    the engine hands them to the shell detector."""
    parsed: list[str] = field(default_factory=list)
    """Text read as a structured document (see `DocumentResult.parsed`)."""
    built: list[str] = field(default_factory=list)
    """Dockerfile RUN lines among `scripts`: they run inside the image being built."""
    settings: list[tuple[str, str, str]] = field(default_factory=list)
    """(lower-case section, lower-case key, value) of INI files (`grafana.ini`, Fluent Bit)
    and Python configs (`c.ServerApp.token = ''`: section `serverapp`)."""
    sql: list[str] = field(default_factory=list)
    """SQL statements the documents run: a migration's framework calls (`op.drop_table`,
    `remove_column`, a Liquibase `dropTable`) read as the statements they stand for; the
    engine hands them to the SQL detector."""
    cron: list[tuple[bool, str]] = field(default_factory=list)
    """Crontab entries: (live, command), `live` False for a line commented out."""
    comments: list[str] = field(default_factory=list)
    """YAML lines commented out (`#   uses: github/codeql-action/analyze@v3`), without `#`."""
    _tree_maps: list[dict[str, Any]] | None = field(default=None, repr=False)
    _hcl_maps: list[dict[str, Any]] | None = field(default=None, repr=False)
    _blocks: list[tuple[str, str, dict[str, Any]]] | None = field(default=None, repr=False)

    def tree_mappings(self) -> list[dict[str, Any]]:
        """Every mapping of the YAML/JSON trees, walked once for all judges."""
        if self._tree_maps is None:
            self._tree_maps = [d for tree in self.trees for d in mappings(tree)]
        return self._tree_maps

    def hcl_mappings(self) -> list[dict[str, Any]]:
        if self._hcl_maps is None:
            self._hcl_maps = [d for body in self.hcl for d in mappings(body)]
        return self._hcl_maps

    def blocks(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(type, "type.name", body) of every Terraform resource and data block."""
        if self._blocks is None:
            self._blocks = [
                (labels[0], ".".join(labels[:2]), block)
                for body in self.hcl
                for kind in ("resource", "data")
                for block in as_list(body.get(kind))
                if isinstance(block, dict) and (labels := block.get(LABELS) or [])
            ]
        return self._blocks


Judge = Callable[[Doc], list[str]]


@dataclass(frozen=True)
class DocRule:
    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    judges: tuple[str, ...]
    match: tuple[str, ...]
    not_match: tuple[str, ...] = ()


# ---------------------------------------------------------------- tree helpers


def mappings(obj: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a parsed tree, breadth-bounded."""
    stack = [obj]
    seen = 0
    while stack and seen < MAX_NODES:
        cur = stack.pop()
        seen += 1
        if isinstance(cur, dict):
            yield cur
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, str) and cur.lstrip().startswith("{") and '"' in cur:
            # a policy kept as a JSON string (Terraform heredoc, CloudFormation Sub)
            with contextlib.suppress(ValueError):
                stack.append(json.loads(cur))


def all_mappings(doc: Doc) -> Iterator[dict[str, Any]]:
    yield from doc.tree_mappings()
    yield from doc.hcl_mappings()


def as_list(x: Any) -> list[Any]:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def text_of(x: Any) -> str:
    return x.strip() if isinstance(x, str) else "" if x is None or isinstance(x, Ref) else str(x)


def truthy(x: Any) -> bool:
    return x is True or text_of(x).lower() in ("true", "yes", "on", "1")


def falsy(x: Any) -> bool:
    return x is False or text_of(x).lower() in ("false", "no", "off", "0", "disabled")


def get_path(d: Any, *path: str) -> Any:
    for key in path:
        if isinstance(d, list):
            d = d[0] if d else None
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def tf_resources(doc: Doc, *types: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Terraform `resource "type" "name" {…}` (and `data`) bodies of the given types."""
    for kind, name, block in doc.blocks():
        if any(kind == t or (t.endswith("*") and kind.startswith(t[:-1])) for t in types):
            yield name, block


def cfn_resources(doc: Doc, *types: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """CloudFormation resources of the given types, with their Properties, wherever they
    sit (a whole template, or a fragment pasted without `Resources:`)."""
    for d in doc.tree_mappings():
        for name, spec in d.items():
            if isinstance(spec, dict) and spec.get("Type") in types:
                props = spec.get("Properties")
                yield str(name), props if isinstance(props, dict) else {}


def k8s_objects(doc: Doc, *kinds: str) -> Iterator[dict[str, Any]]:
    for d in doc.tree_mappings():
        if d.get("kind") in kinds and ("apiVersion" in d or "metadata" in d):
            yield d


def object_name(obj: dict[str, Any]) -> str:
    return text_of(get_path(obj, "metadata", "name")) or "(unnamed)"
