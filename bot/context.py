"""What every command needs: settings, the validated config, a migrated database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.config import Settings, TwoKeyConfig, load_config
from storage.db import database_errors, make_engine
from storage.schema import ensure_schema


@dataclass
class Context:
    settings: Settings
    config: TwoKeyConfig
    engine: Engine


def load_context(*, database_url: str | None = None, auto_upgrade: bool = True) -> Context:
    settings = Settings()
    config = load_config(settings.twokey_config or None)
    engine = make_engine(database_url or settings.twokey_database_url)
    with database_errors(engine):
        ensure_schema(engine, auto_upgrade=auto_upgrade)
    return Context(settings=settings, config=config, engine=engine)
