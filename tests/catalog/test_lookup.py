"""The catalog's three layers: YAML first, then synced resources, then classify_unknown."""

from __future__ import annotations

from bot.config import CatalogResource, ClassifyRule, TwoKeyConfig
from bot.risk.catalog import Catalog, Known
from bot.risk.engine import RiskEngine

YAML = [
    CatalogResource(
        name="customers",
        patterns=["crm.customers"],
        classification="restricted",
        pii_fields=["ssn"],
        owner="U0DGOV001",
    )
]
SYNCED = [
    Known(
        name="crm.customers",
        pii_fields=("email",),
        owner="someone@else.example",
        rows=10,
        sources=("warehouse",),
    ),
    Known(name="crm.invoices", pii_fields=("billing_address",), rows=42, sources=("warehouse",)),
    Known(name="public.orders", rows=7, downstream=("analytics.fct_orders",), sources=("w",)),
    Known(name="sales.orders", sources=("w",)),
    Known(name="ops.tickets", sources=("w",)),
    Known(name="hr.reviews", sources=("w",)),
    Known(name="mart.revenue", classification="internal", sources=("dbt",)),
]
RULES = [
    ClassifyRule(pattern="hr.*", classification="restricted", owner="U0HR00001"),
    ClassifyRule(pattern="*.tmp_*", classification="internal"),
]


def catalog() -> Catalog:
    return Catalog(YAML, known=SYNCED, rules=RULES)


def test_yaml_wins_over_what_a_source_reported() -> None:
    ref = catalog().resolve("crm.customers", "table")
    assert (ref.classification, ref.owner, ref.pii_fields) == ("restricted", "U0DGOV001", ["ssn"])
    assert ref.source is None


def test_synced_resources_resolve_by_name_qualified_name_and_unique_bare_name() -> None:
    cat = catalog()
    ref = cat.resolve("crm.invoices", "table")
    assert ref.classification == "confidential"  # PII columns and no label: not "unclassified"
    assert ref.pii_fields == ["billing_address"] and ref.rows == 42 and ref.source == "warehouse"
    assert cat.resolve('warehouse."CRM"."invoices"', "table").name == "crm.invoices"
    assert cat.resolve("invoices", "table").name == "crm.invoices"  # the only one so named
    # Two schemas hold `orders`: a bare name means the default schema's.
    orders = cat.resolve("orders", "table")
    assert orders.name == "public.orders" and orders.downstream == ["analytics.fct_orders"]
    assert cat.resolve("ops.tickets", "table").classification == "unclassified"
    assert cat.resolve("mart.revenue", "table").classification == "internal"
    assert cat.pii_fields("crm.invoices") == ["billing_address"]
    assert cat.resolve("s3://crm.invoices").classification == "unclassified"  # not a table


def test_classify_unknown_rules_name_defaults_for_what_nobody_catalogued() -> None:
    cat = catalog()
    ref = cat.resolve("hr.salaries", "table")
    assert (ref.classification, ref.owner, ref.source) == ("restricted", "U0HR00001", "rule")
    assert cat.pii_fields("hr.salaries") is None  # its columns are not known
    assert cat.resolve("analytics.tmp_load", "table").classification == "internal"
    # A synced table with no label of its own takes the rule's classification.
    assert cat.resolve("hr.reviews", "table").classification == "restricted"
    assert cat.resolve("finance.ledger", "table").classification == "unclassified"
    assert Catalog(YAML).resolve("hr.salaries", "table").classification == "unclassified"


def test_synced_names_are_found_in_prose() -> None:
    found = catalog().mentions("Can you archive crm.invoices and drop hr.anything today?")
    assert [r.name for r in found] == ["crm.invoices"]  # rule-only names are not mentions


def test_ten_thousand_synced_tables_resolve_like_ten() -> None:
    known = [Known(name=f"s{i % 50}.t{i}", rows=i, sources=("big",)) for i in range(10_000)]
    cat = Catalog(YAML, known=known, rules=RULES)
    assert len(cat) == 10_001
    assert cat.resolve("s7.t9957", "table").rows == 9957
    assert cat.resolve("t9957", "table").rows == 9957
    assert cat.resolve("s7.t99999", "table").classification == "unclassified"


def test_the_engine_uses_a_synced_catalog_swapped_in_at_run_time() -> None:
    engine = RiskEngine(TwoKeyConfig())
    before = engine.assess("DELETE FROM crm.invoices WHERE paid = false")
    assert [d.classification for d in before.data] == ["unclassified"]
    engine.use_catalog(SYNCED)
    after = engine.assess("DELETE FROM crm.invoices WHERE paid = false")
    ref = next(d for d in after.data if d.name == "crm.invoices")
    assert ref.classification == "confidential" and ref.pii_fields == ["billing_address"]
