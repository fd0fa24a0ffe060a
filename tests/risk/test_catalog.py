"""Resolving names in instructions to catalog entries (and to `unclassified`)."""

from __future__ import annotations

import pytest

from bot.config import CatalogResource
from bot.risk.catalog import Catalog, guess_kind, merge, most_sensitive
from bot.risk.model import DataRef


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(
        [
            CatalogResource(
                name="customers",
                patterns=["customers", "*.customers", "crm.customers*"],
                classification="restricted",
                pii_fields=["email", "ssn", "full_name"],
                owner="U1",
                approver_group="data-governance",
            ),
            CatalogResource(
                name="hr", kind="schema", patterns=["hr.*"], classification="confidential"
            ),
            CatalogResource(
                name="exports",
                kind="bucket",
                patterns=["s3://nw-exports/*"],
                classification="restricted",
                pii_fields=["email"],
            ),
            CatalogResource(name="#finance-private", kind="channel", classification="confidential"),
            CatalogResource(
                name="status page",
                kind="url",
                patterns=["https://status.nw.example/*"],
                classification="public",
            ),
        ]
    )


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("customers", None, "customers"),
        ("PROD.CRM.CUSTOMERS", None, "customers"),
        ('"crm"."customers_2024"', None, "customers"),
        ("northwind-prod.crm.customers", None, "customers"),
        ("northwind-prod:crm.customers", None, "customers"),
        ("hr.salaries", None, "hr"),
        ("hr", "schema", "hr"),
        ("s3://nw-exports/2024/c.csv", None, "exports"),
        ("s3://nw-exports", None, "exports"),
        ("#finance-private", None, "#finance-private"),
        ("finance-private", "channel", "#finance-private"),
        ("https://status.nw.example/incidents/7", None, "status page"),
    ],
)
def test_known_names_resolve(catalog: Catalog, name: str, kind: str | None, expected: str) -> None:
    assert catalog.resolve(name, kind).name == expected


def test_unknown_resources_are_unclassified_not_dropped(catalog: Catalog) -> None:
    ref = catalog.resolve("s3://somebody-else/dump.sql")
    assert ref.classification == "unclassified"
    assert ref.kind == "bucket"
    assert ref.name == "s3://somebody-else/dump.sql"


def test_pii_fields_narrowed_to_columns_involved(catalog: Catalog) -> None:
    assert catalog.resolve("customers", "table", pii_fields={"email", "plan"}).pii_fields == [
        "email"
    ]
    assert catalog.resolve("customers", "table").pii_fields == ["email", "ssn", "full_name"]
    assert catalog.pii_fields("orders") is None
    assert catalog.pii_fields("crm.customers") == ["email", "ssn", "full_name"]


def test_catalog_facts_travel_with_the_ref(catalog: Catalog) -> None:
    ref = catalog.resolve("crm.customers")
    assert (ref.classification, ref.owner, ref.approver_group) == (
        "restricted",
        "U1",
        "data-governance",
    )


def test_mentions_in_prose(catalog: Catalog) -> None:
    names = [r.name for r in catalog.mentions("Post the customers list in #finance-private.")]
    assert names == ["customers", "#finance-private"]
    assert [r.name for r in catalog.mentions("Export the `crm.customers` rows")] == ["customers"]
    assert [r.name for r in catalog.mentions("read from customers where")] == ["customers"]
    assert catalog.mentions("Our customer list is fine") == []
    assert catalog.mentions("Tell customers about the outage") == []


def test_empty_catalog_works() -> None:
    empty = Catalog()
    assert empty.resolve("customers").classification == "unclassified"
    assert empty.mentions("customers") == []


def test_guess_kind() -> None:
    assert [guess_kind(n) for n in ["s3://b", "https://x", "#c", "/etc/x", "db.t"]] == [
        "bucket",
        "url",
        "channel",
        "path",
        "table",
    ]


def test_merge_and_most_sensitive() -> None:
    a = DataRef(name="customers", pii_fields=["email"], classification="restricted")
    b = DataRef(name="customers", pii_fields=["ssn"], classification="restricted")
    c = DataRef(name="orders")
    merged = merge([a, b, c])
    assert [(r.name, r.pii_fields) for r in merged] == [
        ("customers", ["email", "ssn"]),
        ("orders", []),
    ]
    assert most_sensitive(merged) == merged[0]
