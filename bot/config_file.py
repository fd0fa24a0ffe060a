"""Reading `twokey.yml`: the file, its schema, and each custom rule's own examples.

Apart from `bot.config` (the models) because proving a rule needs the risk
engine's normalizer and rule compiler, and the engine itself reads the models:
loading sits above both, so neither has to import the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.config import EXAMPLE_CONFIG, TwoKeyConfig
from core.domain import ConfigError


def _key_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _explain(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling; see examples/twokey.yml)"
        # Whole-file checks (`_references_exist`) name their own key path.
        where = f"{_key_path(err['loc'])}: " if err["loc"] else ""
        lines.append(f"{path}: {where}{msg}")
    return "\n".join(lines)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping.

    PyYAML keeps the last of two equal keys without a word, so a section pasted
    twice would silently drop the first one's settings (a rule, an approver group).
    """

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def find_config(configured: str | Path | None) -> Path | None:
    """The configuration file to use: the one named, else `./twokey.yml` if present, else None."""
    if configured:
        return Path(configured)
    local = Path("twokey.yml")
    return local if local.exists() else None


def load_config(path: str | Path | None = None) -> TwoKeyConfig:
    """Load and validate a configuration file, including each custom rule's own examples.

    `None` means `./twokey.yml` if present, else the shipped example (commands
    that read or try things; `twokey serve` refuses the example unless asked).
    """
    path = find_config(path) or EXAMPLE_CONFIG
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: file not found (set TWOKEY_CONFIG to your twokey.yml)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    if raw is None:
        raise ConfigError(f"{path}: the file is empty; start from a copy of examples/twokey.yml")
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{path}: (top level): expected a mapping of sections, got {type(raw).__name__}"
        )
    try:
        config = TwoKeyConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_explain(path, exc)) from None
    if config.policy.rules:
        _prove_rules(path, config)
    return config


def _prove_rules(path: Path, config: TwoKeyConfig) -> None:
    """Run each custom rule against its `match`/`not_match` examples, naming the file."""
    # Here, not at the top: commands that never meet a custom rule skip loading the engine.
    from bot.risk.normalize import normalize
    from bot.risk.policy import compile_rules

    try:
        compile_rules(config.policy.rules, lambda s: normalize(s).text, where="policy.rules")
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
