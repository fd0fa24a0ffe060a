"""A source database of its own per test: a real PostgreSQL database with a `crm` schema,
PII columns and rows, read by a read-only role (parallel-safe: names are random)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from storage.db import normalize_url

MANIFEST = Path(__file__).parent / "fixtures" / "dbt_manifest.json"
CUSTOMERS = 5000
"""Rows in crm.customers; churn_risk = (i % 100) / 100, so 19% are above 0.8."""
CHURNERS = sum(1 for i in range(CUSTOMERS) if (i % 100) / 100 > 0.8)


@dataclass
class SourceDb:
    url: str
    """As the read-only role (no password: trust on loopback in CI)."""
    admin_url: str
    role: str


def _create(admin: Engine, name: str, role: str) -> None:
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")


def _fill(url: str, role: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            """
            CREATE SCHEMA crm;
            CREATE TABLE crm.customers (
                customer_id bigserial PRIMARY KEY,
                email text NOT NULL,
                full_name text,
                phone text,
                date_of_birth date,
                home_address text,
                last_login_ip inet,
                support_notes text,
                churn_risk numeric(3, 2) NOT NULL,
                email_verified boolean DEFAULT false,
                created_at timestamptz DEFAULT now()
            );
            COMMENT ON TABLE crm.customers
                IS 'One row per customer account. classification: restricted';
            COMMENT ON COLUMN crm.customers.support_notes IS 'Free text from support calls (PII)';
            CREATE TABLE crm.plans (plan_id int PRIMARY KEY, title text, monthly_cents int);
            """
        )
        conn.exec_driver_sql(
            f"""
            INSERT INTO crm.customers (email, full_name, phone, date_of_birth, home_address,
                                       last_login_ip, support_notes, churn_risk)
            SELECT 'person' || i || '@example.org', 'Person ' || i,
                   '+1-555-01' || lpad(i::text, 4, '0'), date '1980-01-01' + i,
                   i || ' Elm Street', '10.0.0.1'::inet, 'called about invoice',
                   mod(i, 100) / 100.0
            FROM generate_series(0, {CUSTOMERS - 1}) AS i;
            INSERT INTO crm.plans VALUES (1, 'Starter', 900), (2, 'Team', 4900);
            GRANT USAGE ON SCHEMA crm TO {role};
            GRANT SELECT ON ALL TABLES IN SCHEMA crm TO {role};
            """
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE crm.customers; ANALYZE crm.plans")
    engine.dispose()


@pytest.fixture
def source_db(pg_admin: Engine) -> Iterator[SourceDb]:
    suffix = secrets.token_hex(5)
    name, role = f"src_{suffix}", f"tk_reader_{suffix}"
    _create(pg_admin, name, role)
    base = make_url(normalize_url(str(pg_admin.url.render_as_string(hide_password=False))))
    admin_url = base.set(database=name).render_as_string(hide_password=False)
    try:
        _fill(admin_url, role)
        reader = base.set(database=name, username=role, password=None)
        yield SourceDb(
            url=reader.render_as_string(hide_password=False), admin_url=admin_url, role=role
        )
    finally:
        with pg_admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
