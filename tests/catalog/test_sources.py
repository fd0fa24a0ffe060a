"""Syncing into TwoKey's database, merging sources, and keeping a running engine current."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import Engine

from bot.catalog.keeper import CatalogKeeper
from bot.catalog.sources import DatabaseProvider, DbtProvider, load_known, sync
from bot.config import CatalogSourceConfig, TwoKeyConfig
from bot.risk.engine import RiskEngine
from storage import catalog as store
from storage.catalog import Entry
from storage.db import session_scope
from tests.catalog.conftest import MANIFEST


def make_sqlite_source(path: Path, *, with_orders: bool = True) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE IF EXISTS customers")
        conn.execute("DROP TABLE IF EXISTS orders")
        conn.execute(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, plan TEXT)"
        )
        if with_orders:
            conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO customers VALUES (1, 'bob@example.org', '555-0101', 'pro')")
    return f"sqlite:///{path}"


class Fixed:
    kind = "database"
    origin = "test"

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def fetch(self) -> list[Entry]:
        return self.entries


def test_any_sqlalchemy_database_is_read_through_its_inspector(
    engine: Engine, tmp_path: Path
) -> None:
    url = make_sqlite_source(tmp_path / "shop.db")
    result = sync(engine, "shop", DatabaseProvider(url))
    assert (result.entries, result.pii_tables) == (2, 1)
    known = {k.name: k for k in load_known(engine)}
    assert known["main.customers"].pii_fields == ("email", "phone")
    assert known["main.customers"].sources == ("shop",)
    with session_scope(engine) as session:
        [source] = store.sources(session)
        row = store.entries_named(session, "main.customers")[0]
    assert source.kind == "database" and source.origin == url and source.entries == 2
    assert row.columns[1] == ["email", "TEXT"] and "bob@example.org" not in str(row)


def test_a_sync_replaces_the_source_and_sources_merge_per_resource(engine: Engine) -> None:
    sync(engine, "w", Fixed([Entry("crm.customers", rows=100, pii_fields=["email"]), Entry("a.b")]))
    sync(engine, "dbt", DbtProvider(MANIFEST))
    known = {k.name: k for k in load_known(engine)}
    customers = known["crm.customers"]
    assert customers.sources == ("dbt", "w")
    assert customers.rows == 100  # the database's size
    assert customers.owner == "dana.reyes@northwind.example"  # dbt's owner
    assert customers.classification == "restricted"
    assert customers.pii_fields[0] == "email" and "phone" in customers.pii_fields
    assert "analytics.dim_customers" in customers.downstream
    # The table was dropped upstream: the next sync forgets it.
    sync(engine, "w", Fixed([Entry("crm.customers", rows=90)]))
    known = {k.name: k for k in load_known(engine)}
    assert "a.b" not in known and known["crm.customers"].rows == 90


def test_the_keeper_reloads_only_when_a_sync_happened(engine: Engine, tmp_path: Path) -> None:
    url = make_sqlite_source(tmp_path / "shop.db")
    config = TwoKeyConfig(catalog_sources=[CatalogSourceConfig(name="shop", url=url)])
    risk = RiskEngine(config)
    keeper = CatalogKeeper(engine, config)
    assert keeper.reload(risk) is True  # the first look (an empty catalog)
    assert keeper.reload(risk) is False
    keeper._risk = lambda: risk  # as `schedule` wires it in a running service
    [result] = keeper.sync_configured()  # on demand, like the scheduled job
    assert result.entries == 2
    assert risk.catalog.resolve("main.customers", "table").pii_fields == ["email", "phone"]
    assert keeper.reload(risk) is False
    make_sqlite_source(tmp_path / "shop.db", with_orders=False)
    # Another replica syncs: this one sees it on its next look.
    CatalogKeeper(engine, config).sync_configured("shop")
    assert keeper.reload(risk) is True
    assert risk.catalog.resolve("main.orders", "table").source is None


def test_a_failed_scheduled_sync_keeps_the_last_good_catalog(
    engine: Engine, tmp_path: Path
) -> None:
    url = make_sqlite_source(tmp_path / "shop.db")
    good = TwoKeyConfig(catalog_sources=[CatalogSourceConfig(name="shop", url=url)])
    CatalogKeeper(engine, good).sync_configured()
    gone = f"sqlite:///{tmp_path / 'missing' / 'shop.db'}"
    bad = TwoKeyConfig(catalog_sources=[CatalogSourceConfig(name="shop", url=gone)])
    import asyncio

    asyncio.run(CatalogKeeper(engine, bad)._sync_one("shop"))  # logs, never raises
    assert {k.name for k in load_known(engine)} == {"main.customers", "main.orders"}


def test_catalog_sources_are_validated() -> None:
    with pytest.raises(ValidationError, match="exactly one of"):
        CatalogSourceConfig(name="x", url="sqlite://", dbt_manifest="m.json")
    with pytest.raises(ValidationError, match="exactly one of"):
        CatalogSourceConfig(name="x")
    with pytest.raises(ValidationError, match="own name"):
        TwoKeyConfig(
            catalog_sources=[
                CatalogSourceConfig(name="x", url_env="A"),
                CatalogSourceConfig(name="x", dbt_manifest="m.json"),
            ]
        )
    with pytest.raises(ValidationError, match="unknown approver group"):
        TwoKeyConfig.model_validate(
            {
                "classify_unknown": [
                    {"pattern": "hr.*", "classification": "restricted", "approver_group": "nobody"}
                ]
            }
        )
    assert CatalogSourceConfig(name="d", dbt_manifest="m.json", every="1h").every == 3600
