"""The layers point one way and no module needs itself to load.

Reads the project's source (not the running interpreter), so an import inside a
function or under `if TYPE_CHECKING:` counts like one at the top: a cycle hidden
in a deferred import is still two modules that cannot be understood apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "storage", "bot")

KNOWN_CYCLES: set[frozenset[str]] = set()
"""Cycles that exist today, each with why; the test fails when one goes (remove
it here) as well as when a new one appears."""


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _project_module(name: str) -> str | None:
    """The longest project module `name` names (`bot.slack.blocks.notice` → `bot.slack.blocks`)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` just mod.
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        else:
            continue
        out.update(t for t in map(_project_module, targets) if t and t != module)
    return out


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.add(frozenset(component))
    return found


def test_the_graph_is_read():
    """Guards the reader itself: known edges must be seen, or the other tests prove nothing."""
    assert "core.domain" in GRAPH["storage.models"]
    assert "storage.db" in GRAPH["bot.cli.context"]
    assert "bot.approvals.history" in GRAPH["bot.api.routes.requests"]


@pytest.mark.parametrize("lower", ["core", "storage"])
def test_lower_layers_never_import_upper_ones(lower):
    allowed = {"core"} if lower == "core" else {"core", "storage"}
    upward = sorted(
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        if module.split(".")[0] == lower
        for target in targets
        if target.split(".")[0] not in allowed
    )
    assert upward == []


def test_no_import_cycles_beyond_the_known_ones():
    cycles = _cycles(GRAPH)
    assert sorted(map(sorted, cycles - KNOWN_CYCLES)) == [], "new import cycle"
    assert sorted(map(sorted, KNOWN_CYCLES - cycles)) == [], "gone: remove from KNOWN_CYCLES"


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == {frozenset({"a", "b", "c"})}
