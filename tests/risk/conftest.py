"""The risk engine most detector tests read with: the example company's configuration
(its catalog, policy and domains), built once for the whole run."""

from __future__ import annotations

import pytest

from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="session")
def engine() -> RiskEngine:
    """Overrides the database `engine` of tests/conftest.py inside tests/risk; a module that
    needs another configuration defines its own."""
    return RiskEngine(load_config(EXAMPLE_CONFIG))
