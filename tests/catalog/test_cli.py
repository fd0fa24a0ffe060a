"""`twokey catalog sync | list | show`, and `twokey check` seeing what was synced."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from tests.catalog.conftest import MANIFEST
from tests.catalog.test_sources import make_sqlite_source

runner = CliRunner()


def run(*args: str, env: dict[str, str]):
    return runner.invoke(app, list(args), env=env)


def _env(tmp_path: Path, config: str = "") -> dict[str, str]:
    return {"TWOKEY_DATABASE_URL": f"sqlite:///{tmp_path / 'tk.db'}", "TWOKEY_CONFIG": config}


def _plain(tmp_path: Path) -> dict[str, str]:
    """A company with no hand-written catalog: what is shown comes from the sources."""
    config = tmp_path / "twokey.yml"
    config.write_text("policy:\n  default_timeout: 30m\n")
    return _env(tmp_path, str(config))


def test_sync_list_show_from_a_database_and_a_manifest(tmp_path: Path) -> None:
    env = _plain(tmp_path)
    url = make_sqlite_source(tmp_path / "shop.db")
    synced = run("catalog", "sync", "--from", url, env=env)
    assert synced.exit_code == 0, synced.output
    assert "Synced shop (database): 2 resources, 1 with PII columns" in synced.output
    dbt = run("catalog", "sync", "--from-dbt", str(MANIFEST), "--json", env=env)
    assert dbt.exit_code == 0, dbt.output
    assert json.loads(dbt.stdout)[0]["source"] == "dbt-northwind_analytics"

    listed = run("catalog", "list", "--json", env=env)
    body = json.loads(listed.stdout)
    assert {s["name"] for s in body["sources"]} == {"shop", "dbt-northwind_analytics"}
    assert body["total"] == 9 and body["resources"][0]["classification"] == "restricted"
    table = run("catalog", "list", env=env)
    assert "main.customers: confidential · PII email, phone" in table.stdout
    assert "crm.customers: restricted · PII email, full_name" in table.stdout

    shown = run("catalog", "show", "crm.customers", env=env)
    assert shown.exit_code == 0, shown.output
    assert "crm.customers (table, restricted)" in shown.stdout
    assert "owner: dana.reyes@northwind.example" in shown.stdout
    assert "Churn review dashboard (dashboard)" in shown.stdout
    assert "bob@example.org" not in shown.stdout + table.stdout

    # The example company's YAML names `customers`: it wins, and `show` says so.
    example = run("catalog", "show", "crm.customers", env=_env(tmp_path))
    assert "from the YAML catalog" in example.stdout and "owner: U0DGOV001" in example.stdout
    assert "source dbt-northwind_analytics" in example.stdout


def test_check_sees_the_synced_catalog(tmp_path: Path) -> None:
    env = _plain(tmp_path)
    assert run("catalog", "sync", "--from-dbt", str(MANIFEST), env=env).exit_code == 0
    checked = run("check", "--json", "TRUNCATE analytics.dim_customers", env=env)
    data = json.loads(checked.stdout)["data"]
    ref = next(d for d in data if d["name"] == "analytics.dim_customers")
    assert ref["classification"] == "restricted" and ref["owner"] == "U0DGOV001"
    assert "analytics.customer_churn_scores" in ref["downstream"]


def test_failures_are_one_line_without_the_password(tmp_path: Path) -> None:
    env = _env(tmp_path)
    nothing = run("catalog", "sync", env=env)
    assert nothing.exit_code == 2 and "nothing to sync" in nothing.output
    secret = "postgresql://reader:hunter2@127.0.0.1:1/warehouse"
    down = run("catalog", "sync", "--from", secret, env=env)
    assert down.exit_code == 2 and "hunter2" not in down.output and "Traceback" not in down.output
    missing = run("catalog", "sync", "--from-dbt", str(tmp_path / "nope.json"), env=env)
    assert missing.exit_code == 2 and "no such dbt manifest" in missing.output
    unknown = run("catalog", "show", "nowhere.nothing", env=env)
    assert unknown.exit_code == 1 and "nothing known" in unknown.output
