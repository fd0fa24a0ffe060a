"""`twokey check`: exit codes, JSON, batch mode, and running with or without a config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.cli.check import register
from tests.conftest import EXAMPLE

app = typer.Typer()


@app.callback()
def _root() -> None:
    """Keeps `check` a subcommand, as in the real `twokey` app."""


register(app)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_ambient_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TWOKEY_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./twokey.yml: the shipped example applies


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args], input=stdin)
    return result.exit_code, result.output


def test_allow_exits_zero() -> None:
    code, out = run("SELECT id FROM customers WHERE id = 7")
    assert code == 0
    assert "ALLOW" in out


def test_require_approval_exits_ten_with_data_context() -> None:
    code, out = run("DELETE FROM customers")
    assert code == 10
    assert "REQUIRE APPROVAL" in out
    assert "customers" in out and "restricted" in out and "ssn" in out


def test_block_exits_twenty(tmp_path: Path) -> None:
    config = tmp_path / "strict.yml"
    config.write_text("policy:\n  block_risk: high\n", encoding="utf-8")
    code, _ = run("DROP TABLE orders", "--config", str(config))
    assert code == 20


def test_json_output_is_the_assessment() -> None:
    code, out = run("TRUNCATE payments", "--json", "--config", str(EXAMPLE))
    assert code == 10
    body = json.loads(out)
    assert body["decision"] == "require_approval"
    assert body["data"][0]["name"] == "payments"
    assert {"risk", "findings", "masked_text", "required_approvals", "approver_group"} <= set(body)


def test_dash_reads_standard_input() -> None:
    code, out = run("-", "--json", stdin="DROP TABLE employees;\n")
    assert code == 10
    assert json.loads(out)["findings"][0]["rule"] == "sql.drop"


def test_no_config_uses_built_in_policy() -> None:
    code, out = run("DELETE FROM customers", "--json", "--no-config")
    assert code == 10
    body = json.loads(out)
    assert body["data"][0]["classification"] == "unclassified"
    assert body["approver_group"] is None


def test_confidence_option() -> None:
    assert run("COPY orders TO STDOUT", "--confidence", "0.9")[0] == 0
    assert run("COPY orders TO STDOUT", "--confidence", "0.2")[0] == 10


def test_batch_one_line_out_per_line_in_and_worst_exit(tmp_path: Path) -> None:
    lines = [
        {"text": "SELECT 1"},
        {"text": "DROP TABLE orders", "agent": "datapal"},
        {"text": "COPY orders TO STDOUT", "confidence": 0.2},
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    code, out = run("--batch", str(batch))
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["decision"] for r in results] == ["allow", "require_approval", "require_approval"]
    assert code == 10


def test_batch_bad_line_is_held_not_skipped(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"text": "SELECT 1"}\nnot json\n{"agent": "x"}\n', encoding="utf-8")
    code, out = run("--batch", str(batch))
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["decision"] for r in results] == ["allow", "require_approval", "require_approval"]
    assert results[1]["findings"][0]["rule"] == "check.bad_input"
    assert code == 10


def test_batch_from_standard_input() -> None:
    code, out = run("--batch", "-", stdin='{"text": "SELECT 1"}\n')
    assert code == 0
    assert json.loads(out)["decision"] == "allow"


def test_bad_config_is_one_line_and_exit_two(tmp_path: Path) -> None:
    config = tmp_path / "bad.yml"
    config.write_text("policy:\n  confidence_threshold: 7\n", encoding="utf-8")
    code, out = run("SELECT 1", "--config", str(config))
    assert code == 2
    assert "confidence_threshold" in out


def test_text_and_batch_are_exclusive(tmp_path: Path) -> None:
    assert run()[0] == 2
    assert run("SELECT 1", "--batch", str(tmp_path / "x"))[0] == 2


def test_secrets_never_printed() -> None:
    secret = "Zq8vN2xL5tR9wK3m"
    code, out = run(f"PGPASSWORD={secret} psql -h db -c 'DROP TABLE customers'")
    assert code == 10
    assert secret not in out


def test_no_approver_group_says_nobody_can_approve() -> None:
    code, out = run("DELETE FROM customers", "--no-config")
    assert code == 10
    assert "nobody can" in out and "approve it (fails closed)" in out
