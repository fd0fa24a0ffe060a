"""Blast radius: which statements are estimated, and that an estimate never holds anything up."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.approvals import ApprovalService
from bot.catalog.blast import BlastRadius, Target, plan_rows, targets
from bot.config import CatalogSourceConfig, TwoKeyConfig
from bot.slack import blocks
from bot.slack.blocks.blast import blast_section
from tests.approvals.helpers import REQUESTER, SECRET

UNREACHABLE = "postgresql://reader@127.0.0.1:1/warehouse"


def test_destructive_statements_are_found_wherever_they_are_written() -> None:
    text = (
        "Clean up first:\n```sql\nDELETE FROM crm.customers WHERE churn_risk > 0.8;\n"
        "SELECT count(*) FROM crm.customers;\nDROP TABLE IF EXISTS staging.tmp_load;\n```\n"
        'then `psql -c "UPDATE billing.invoices SET paid = true WHERE id < 10"`'
    )
    assert [(t.action, t.table) for t in targets(text)] == [
        ("DELETE", "crm.customers"),
        ("DROP", "staging.tmp_load"),
        ("UPDATE", "billing.invoices"),
    ]
    assert targets("Please delete the old customers from the CRM") == []
    [said] = targets("Could you run DELETE FROM crm.customers WHERE id > 3 before lunch?")
    assert said.sql == "SELECT 1 FROM crm.customers WHERE id > 3"  # the prose is cut off
    assert targets("SELECT * FROM crm.customers WHERE id = 3") == []
    assert [t.action for t in targets("TRUNCATE a.one, a.two")] == ["TRUNCATE", "TRUNCATE"]


def test_only_a_select_over_the_same_rows_is_ever_sent() -> None:
    drop, delete = sorted(
        targets(
            "DELETE FROM crm.customers c USING crm.plans p "
            "WHERE c.plan_id = p.plan_id AND p.title = 'Legacy'; DROP TABLE x"
        ),
        key=lambda t: t.action != "DROP",
    )
    assert (drop.action, drop.table, drop.sql) == ("DROP", "x", None)
    assert delete.sql is not None and delete.sql.startswith("SELECT 1 FROM crm.customers AS c")
    assert "CROSS JOIN crm.plans AS p" in delete.sql and "DROP" not in delete.sql
    [update] = targets("UPDATE crm.customers SET plan_id = 2 FROM crm.plans p WHERE p.plan_id = 1")
    assert update.sql == (
        "SELECT 1 FROM crm.customers CROSS JOIN crm.plans AS p WHERE p.plan_id = 1"
    )
    [sneaky] = targets(
        "WITH gone AS (DELETE FROM audit.log RETURNING id) "
        "DELETE FROM crm.customers WHERE id IN (SELECT id FROM gone)"
    )
    assert sneaky.sql is None  # a data-modifying WITH is never sent anywhere


def test_plan_rows_reads_the_scan_under_modify_table() -> None:
    plan = [{"Plan": {"Node Type": "Seq Scan", "Plan Rows": 812}}]
    assert plan_rows(plan) == 812
    modify = {"Plan": {"Node Type": "ModifyTable", "Plan Rows": 0, "Plans": [plan[0]["Plan"]]}}
    assert plan_rows([modify]) == 812
    assert plan_rows('[{"Plan": {"Node Type": "Result", "Plan Rows": 1}}]') == 1


def test_unreachable_database_means_estimate_unavailable() -> None:
    source = CatalogSourceConfig(name="w", url=UNREACHABLE, every=None)
    blast = BlastRadius(TwoKeyConfig(catalog_sources=[source]))
    result = blast.estimate([Target("DELETE", "crm.customers", "SELECT 1", True)], [])
    assert result["items"][0]["error"] == "OperationalError"
    assert not BlastRadius(TwoKeyConfig())  # no database source: nothing to estimate


def _config(example: TwoKeyConfig) -> TwoKeyConfig:
    source = CatalogSourceConfig(name="warehouse", url=UNREACHABLE, every=None)
    return example.model_copy(update={"catalog_sources": [source]})


@pytest.fixture
async def service(engine: Engine, example_config: TwoKeyConfig):
    svc = ApprovalService(engine, _config(example_config), secret_key=SECRET)
    yield svc
    await svc.drain()
    await svc.stop()


async def test_the_hold_never_waits_for_the_estimate(service: ApprovalService, monkeypatch) -> None:
    release = threading.Event()
    calls: list[Any] = []

    def slow(found: Any, data: Any) -> dict[str, Any]:
        calls.append(found)
        release.wait(5)
        return {
            "state": "ready",
            "items": [{"action": "DELETE", "table": "crm.customers", "rows": 7}],
        }

    monkeypatch.setattr(service.blast, "estimate", slow)
    view, _ = await service.submit(
        text="DELETE FROM crm.customers WHERE churn_risk > 0.8",
        requester=REQUESTER,
        agent="datapal",
        skip_requester_confirmation=True,
    )
    assert view.status == "pending" and view.meta["blast"]["state"] == "estimating"
    assert "estimating rows affected" in str(blocks.card(view))
    release.set()
    await service.drain()
    request = await service.get(view.id)
    assert request is not None and request.status == "pending"
    assert "~7 rows affected" in blast_section(request)
    assert len(calls) == 1


async def test_a_failed_or_slow_estimate_shows_unavailable_and_decides_nothing(
    service: ApprovalService, monkeypatch
) -> None:
    view, _ = await service.submit(
        text="DELETE FROM crm.customers WHERE churn_risk > 0.8",
        requester=REQUESTER,
        agent="datapal",
        skip_requester_confirmation=True,
    )
    await service.drain()
    request = await service.get(view.id)
    assert request is not None and request.status == "pending"
    assert "DELETE on *crm.customers*: estimate unavailable" in blast_section(request)

    def hang(found: Any, data: Any) -> dict[str, Any]:
        threading.Event().wait(1)
        return {"state": "ready", "items": []}

    monkeypatch.setattr(service.blast, "estimate", hang)
    monkeypatch.setattr(service, "BLAST_TIMEOUT", 0.05)
    view, _ = await service.submit(
        text="TRUNCATE crm.customers",
        requester=REQUESTER,
        agent="datapal",
        skip_requester_confirmation=True,
    )
    await service.drain()
    request = await service.get(view.id)
    assert request.meta["blast"] == {
        "state": "unavailable",
        "reason": "timed out",
        "items": [{"action": "TRUNCATE", "table": "crm.customers"}],
    }
    assert "TRUNCATE on *crm.customers*: estimate unavailable" in blast_section(request)


async def test_allowed_instructions_are_not_estimated(service: ApprovalService) -> None:
    view, _ = await service.submit(text="SELECT 1", requester=REQUESTER, agent="datapal")
    assert view.status == "allowed" and "blast" not in view.meta
    assert not service._tasks


async def test_a_stale_estimate_reads_unavailable(service: ApprovalService, monkeypatch) -> None:
    monkeypatch.setattr(service.blast, "estimate", lambda found, data: threading.Event().wait(0))
    view, _ = await service.submit(
        text="DROP TABLE crm.customers",
        requester=REQUESTER,
        agent="datapal",
        skip_requester_confirmation=True,
    )
    old = view.model_copy(
        update={
            "created_at": view.created_at - timedelta(minutes=5),
            "meta": {"blast": {"state": "estimating", "items": [{"action": "DROP", "table": "t"}]}},
        }
    )
    assert "DROP on *t*: estimate unavailable" in blast_section(old)
    await service.drain()
