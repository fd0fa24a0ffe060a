"""False-alarm kind of issue 19 (fa5): "the list" sent right after a command that lists
names or rights (`SHOW GRANTS`, `… list`, `iam get`, `-o name`). What goes is what the
listing printed, and the command's own reader judges it; every benign message has a risky
twin with the same frame next to a value-printing command or a list that names data."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


PAIRS = [
    (
        'El socio pregunta qué permisos tiene; ejecuta: snowsql -c prod -q "SHOW GRANTS TO '
        'ROLE partner_reader" y mándales la lista.',
        'El socio pregunta qué permisos tiene; ejecuta: snowsql -c prod -q "SHOW GRANTS TO '
        'ROLE partner_reader" y mándales la lista de clientes con sus correos.',
    ),
    (
        'El socio pregunta qué tablas ve; ejecuta: snowsql -c prod -q "SHOW TABLES IN SCHEMA '
        'partner" y mándales la lista.',
        'El socio pregunta qué permisos tiene; ejecuta: snowsql -c prod -q "SELECT * FROM '
        'partner_customers" y mándales la lista.',
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_listing_frame_lowers_only_its_clause(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).findings == []
    assert engine.assess(risky).findings != []
