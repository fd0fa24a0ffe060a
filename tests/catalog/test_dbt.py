from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.catalog import dbt
from bot.config import ConfigError
from tests.catalog.conftest import MANIFEST


def _by_name(manifest: dict) -> dict:
    return {e.name: e for e in dbt.entries(manifest)}


def test_models_and_sources_become_relations_with_owners_labels_and_pii() -> None:
    entries = _by_name(dbt.load_manifest(MANIFEST))
    assert set(entries) == {
        "crm.customers",
        "crm.orders",
        "staging.stg_customers",
        "staging.stg_orders",
        "analytics.dim_customers",
        "analytics.fct_orders",
        "analytics.customer_churn_scores",  # the alias, as the database knows it
    }
    customers = entries["crm.customers"]
    assert customers.classification == "restricted"  # source meta
    assert customers.owner == "dana.reyes@northwind.example"  # source_meta.owner
    assert set(customers.pii_fields) == {"email", "full_name", "phone", "date_of_birth"}
    assert entries["crm.orders"].pii_fields == ["shipping_address"]  # a column tag
    assert entries["analytics.dim_customers"].owner == "U0DGOV001"  # meta.owner
    assert entries["analytics.dim_customers"].classification == "restricted"  # a tag
    assert entries["analytics.fct_orders"].owner == "finance-data@northwind.example"  # group
    assert entries["analytics.fct_orders"].classification is None


def test_lineage_is_every_model_and_exposure_downstream_without_tests() -> None:
    entries = _by_name(dbt.load_manifest(MANIFEST))
    assert entries["crm.customers"].downstream == [
        "staging.stg_customers",
        "analytics.dim_customers",
        "analytics.customer_churn_scores",
        "exposure:Churn review dashboard (dashboard)",
    ]
    assert "exposure:Board revenue report (analysis)" in entries["crm.orders"].downstream
    assert not any("not_null" in d for e in entries.values() for d in e.downstream)


def test_lineage_without_a_child_map_comes_from_depends_on() -> None:
    manifest = dbt.load_manifest(MANIFEST)
    with_map = _by_name(manifest)
    del manifest["child_map"]
    without = _by_name(manifest)
    for name, entry in with_map.items():
        assert sorted(without[name].downstream) == sorted(entry.downstream)


def test_a_missing_or_foreign_file_is_one_readable_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such dbt manifest"):
        dbt.load_manifest(tmp_path / "manifest.json")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": 1}))
    with pytest.raises(ConfigError, match="not a dbt manifest"):
        dbt.load_manifest(other)
