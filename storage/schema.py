"""Schema versions: `twokey db upgrade`, and the check every start runs.

Start-up applies pending migrations by default; with `auto_upgrade=False` it
refuses to run against a schema that is behind, with a message that says
which command fixes it, rather than failing later on a missing column.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from core.domain import ConfigError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """Alembic runs on the connection we hand it (see `upgrade`), never on a URL of its own."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def ensure_schema(engine: Engine, *, auto_upgrade: bool = True) -> None:
    """Bring the schema to head, or refuse clearly when told not to touch it."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if auto_upgrade:
        upgrade(engine)
        return
    raise ConfigError(
        f"database schema is at {current or 'nothing'} but this TwoKey needs {head}: "
        "run `twokey db upgrade` first"
    )
