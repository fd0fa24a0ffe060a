"""The OpenMetadata adapter against responses shaped like its documented REST API."""

from __future__ import annotations

import httpx
import pytest
import respx

from bot.catalog.openmetadata import OpenMetadataProvider
from bot.config import ConfigError

BASE = "https://om.northwind.example/api"


def _table(fqn: str, columns: list[dict], **extra: object) -> dict:
    return {
        "id": "455e3d9d-dbbf-455e-b3be-7191daa825f3",
        "name": fqn.rsplit(".", 1)[1],
        "fullyQualifiedName": fqn,
        "version": 0.3,
        "updatedAt": 1769982651320,
        "updatedBy": "admin",
        "href": f"{BASE}/v1/tables/455e3d9d-dbbf-455e-b3be-7191daa825f3",
        "tableType": "Regular",
        "columns": columns,
        "deleted": False,
        **extra,
    }


def _column(name: str, data_type: str, tags: list[str] = ()) -> dict:
    return {
        "name": name,
        "dataType": data_type,
        "dataTypeDisplay": data_type.lower(),
        "tags": [
            {"tagFQN": t, "source": "Classification", "labelType": "Manual", "state": "Confirmed"}
            for t in tags
        ],
    }


PAGE_1 = {
    "data": [
        _table(
            "postgres_prod.warehouse.crm.customers",
            [
                _column("customer_id", "BIGINT"),
                _column("contact", "VARCHAR", ["PII.Sensitive"]),
                _column("phone", "VARCHAR"),
                _column("segment", "VARCHAR", ["PII.None"]),
            ],
            description="One row per customer account.\nLoaded hourly.",
            owners=[
                {
                    "id": "0b7c2c4e-5c0a-4b47-9f55-1b2a3c4d5e6f",
                    "type": "user",
                    "name": "dana.reyes",
                    "fullyQualifiedName": "dana.reyes",
                    "displayName": "Dana Reyes",
                    "email": "dana.reyes@northwind.example",
                }
            ],
            tags=[{"tagFQN": "Sensitivity.Restricted", "source": "Classification"}],
            profile={"timestamp": 1769982651320, "rowCount": 48210, "sizeInByte": 9_437_184},
        )
    ],
    "paging": {"total": 2, "after": "eyJsYXN0SWQiOiIxIn0="},
}
PAGE_2 = {
    "data": [
        _table(
            'postgres_prod.warehouse.analytics."daily.revenue"',
            [_column("day", "DATE"), _column("revenue_cents", "BIGINT")],
            tableType="View",
            owners=[{"id": "1", "type": "team", "name": "finance-data"}],
        )
    ],
    "paging": {"total": 2},
}


@respx.mock
def test_tables_are_paged_and_mapped() -> None:
    route = respx.get(f"{BASE}/v1/tables").mock(
        side_effect=[httpx.Response(200, json=PAGE_1), httpx.Response(200, json=PAGE_2)]
    )
    entries = OpenMetadataProvider("https://om.northwind.example", "bot-token").fetch()
    first, second = route.calls
    assert first.request.headers["Authorization"] == "Bearer bot-token"
    assert first.request.url.params["fields"] == "columns,owners,tags,profile"
    assert "after" not in first.request.url.params
    assert second.request.url.params["after"] == "eyJsYXN0SWQiOiIxIn0="
    customers, revenue = entries
    assert customers.name == "crm.customers" and customers.classification == "restricted"
    assert customers.pii_fields == ["contact", "phone"]  # a PII tag, and a name
    assert customers.owner == "dana.reyes@northwind.example"
    assert (customers.rows, customers.bytes) == (48210, 9_437_184)
    assert customers.description == "One row per customer account."
    assert revenue.name == "analytics.daily.revenue" and revenue.kind == "view"
    assert revenue.owner == "finance-data" and revenue.pii_fields == []


@respx.mock
def test_a_refused_token_or_server_error_is_one_readable_line() -> None:
    respx.get(f"{BASE}/v1/tables").mock(return_value=httpx.Response(401, json={"code": 401}))
    with pytest.raises(ConfigError, match="401: the token was refused"):
        OpenMetadataProvider(BASE, "stale").fetch()
    respx.get(f"{BASE}/v1/tables").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(ConfigError, match="ConnectError"):
        OpenMetadataProvider(BASE, None).fetch()
