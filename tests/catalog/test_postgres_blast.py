"""The issue's evidence, on real PostgreSQL: sync a database and a dbt manifest, hold
`DELETE FROM crm.customers WHERE churn_risk > 0.8`, and read the approver's card."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.approvals import ApprovalService
from bot.catalog.blast import BlastRadius, targets
from bot.catalog.introspect import introspect, source_engine
from bot.catalog.sources import DatabaseProvider, DbtProvider, sync
from bot.config import CatalogSourceConfig, TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from bot.slack.app import create_web_client
from bot.slack.notifier import SlackNotifier
from tests.catalog.conftest import CHURNERS, CUSTOMERS, MANIFEST, SourceDb
from tests.slack.conftest import APPROVALS, REQUESTER, SECRET_KEY, fake, make_settings, texts

__all__ = ["fake"]  # the Slack stand-in fixture, shared with the Slack tests

DELETE = "DELETE FROM crm.customers WHERE churn_risk > 0.8"


def _config(example: TwoKeyConfig, url: str) -> TwoKeyConfig:
    """The example company without its hand-written catalog: only synced facts remain."""
    source = CatalogSourceConfig(name="warehouse", url=url, every=None)
    return example.model_copy(update={"catalog": [], "catalog_sources": [source]})


def test_introspection_reads_pii_sizes_and_labels_without_reading_values(
    source_db: SourceDb,
) -> None:
    engine = source_engine(source_db.url)
    try:
        entries = {e.name: e for e in introspect(engine)}
    finally:
        engine.dispose()
    customers = entries["crm.customers"]
    assert customers.classification == "restricted"  # from the table comment
    assert set(customers.pii_fields) == {
        "email",
        "full_name",
        "phone",
        "date_of_birth",
        "home_address",
        "last_login_ip",  # by type (inet)
        "support_notes",  # by its comment
    }
    assert "email_verified" not in customers.pii_fields and "churn_risk" not in customers.pii_fields
    assert customers.rows == CUSTOMERS  # the planner's statistics after ANALYZE
    assert customers.bytes and customers.bytes > 100_000
    assert entries["crm.plans"].pii_fields == [] and entries["crm.plans"].classification is None
    assert "example.org" not in json.dumps([e.__dict__ for e in entries.values()], default=str)


def test_the_read_only_role_cannot_write_and_estimates_never_execute(source_db: SourceDb) -> None:
    found = targets(f"please run `{DELETE};` and then `TRUNCATE crm.plans`")
    assert [(t.action, t.table) for t in found] == [
        ("DELETE", "crm.customers"),
        ("TRUNCATE", "crm.plans"),
    ]
    source = CatalogSourceConfig(name="warehouse", url=source_db.url, every=None)
    blast = BlastRadius(TwoKeyConfig(catalog_sources=[source])).estimate(found, [])
    delete, truncate = blast["items"]
    assert abs(delete["rows"] - CHURNERS) <= CHURNERS * 0.2, delete
    assert delete["table_rows"] == CUSTOMERS
    assert truncate["rows"] == 2
    admin = sa.create_engine(source_db.admin_url)
    with admin.connect() as conn:  # nothing was deleted
        assert conn.exec_driver_sql("SELECT count(*) FROM crm.customers").scalar() == CUSTOMERS
        assert conn.exec_driver_sql("SELECT count(*) FROM crm.plans").scalar() == 2
    admin.dispose()


async def test_card_shows_table_pii_owner_rows_and_lineage(
    engine: Engine, example_config: TwoKeyConfig, source_db: SourceDb, fake: SlackFake
) -> None:
    # An admin points TwoKey at the database and the dbt manifest; no YAML edited.
    db = sync(engine, "warehouse", DatabaseProvider(source_db.url))
    assert db.entries == 2 and db.pii_tables == 1
    sync(engine, "dbt", DbtProvider(MANIFEST))

    config = _config(example_config, source_db.url)
    settings = make_settings(fake)
    service = ApprovalService(engine, config, secret_key=SECRET_KEY)
    SlackNotifier(create_web_client(settings), config, service).attach()
    await service.start()
    try:
        view, _ = await service.submit(
            text=DELETE, requester=REQUESTER, agent="datapal", skip_requester_confirmation=True
        )
        assert view.status == "pending"
        ref = next(d for d in view.data if d.name == "crm.customers")
        assert ref.classification == "restricted"
        assert "email" in ref.pii_fields and "support_notes" in ref.pii_fields
        assert ref.owner == "dana.reyes@northwind.example"  # from dbt's source meta
        await service.drain()
        request = await service.get(view.id)
        assert request is not None and request.meta["blast"]["state"] == "ready"
        card_ref = request.slack["cards"][0]
        assert card_ref["channel"] == APPROVALS
        # The card was posted, then updated in place when the estimate arrived.
        updates = [c for c in fake.calls_to("chat.update") if c.params.get("ts") == card_ref["ts"]]
        assert updates, "the card was not updated with the estimate"
        message = fake.message(card_ref["channel"], card_ref["ts"])
        shown = texts(message.blocks)
    finally:
        await service.drain()
        await service.stop()

    assert "crm.customers" in shown and "restricted" in shown
    for field in ("email", "full_name", "phone", "date_of_birth"):
        assert f"`{field}`" in shown
    assert "dana.reyes@northwind.example" in shown
    rows = request.meta["blast"]["items"][0]["rows"]
    assert abs(rows - CHURNERS) <= CHURNERS * 0.2
    assert f"~{rows:,} rows affected of ~{CUSTOMERS:,}" in shown
    assert "Churn review dashboard" in shown and "analytics.dim_customers" in shown
    # No PII value and no secret anywhere on the card.
    everything = json.dumps(message.blocks)
    assert "example.org" not in everything and "Elm Street" not in everything
    assert source_db.role not in everything and "postgresql://" not in everything
    assert blocks.card(request)["blocks"] == message.blocks
