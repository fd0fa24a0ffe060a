"""What every command needs: settings, the validated config, a migrated database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.config import EXAMPLE_CONFIG, ConfigError, Settings, TwoKeyConfig
from bot.config_file import find_config, load_config
from storage.db import database_errors, make_engine
from storage.schema import ensure_schema

NO_CONFIG = (
    "no configuration: TWOKEY_CONFIG is not set and there is no ./twokey.yml; copy "
    "examples/twokey.yml to ./twokey.yml and describe your company, or pass --example to "
    "run on the fictional example company"
)


@dataclass
class Context:
    settings: Settings
    config: TwoKeyConfig
    engine: Engine
    config_path: Path = EXAMPLE_CONFIG

    @property
    def is_example(self) -> bool:
        return self.config_path == EXAMPLE_CONFIG


def config_path(settings: Settings, *, example: bool | None = None) -> Path:
    """Which file configures this process.

    `example=None` (reading and trying commands): the configured file, else the
    shipped example. `False` (serving): the configured file or a `ConfigError`.
    `True`: the shipped example, and no other file may be configured too.
    """
    found = find_config(settings.twokey_config)
    if example:
        if settings.twokey_config:
            raise ConfigError(
                f"--example and TWOKEY_CONFIG={settings.twokey_config} both given; choose one"
            )
        return EXAMPLE_CONFIG
    if found is None and example is False:
        raise ConfigError(NO_CONFIG)
    return found or EXAMPLE_CONFIG


def load_context(
    *, database_url: str | None = None, auto_upgrade: bool = True, example: bool | None = None
) -> Context:
    settings = Settings()
    path = config_path(settings, example=example)
    config = load_config(path)
    engine = make_engine(database_url or settings.twokey_database_url)
    with database_errors(engine):
        ensure_schema(engine, auto_upgrade=auto_upgrade)
    return Context(settings=settings, config=config, engine=engine, config_path=path)
