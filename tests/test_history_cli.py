import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import typer
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli.history import register
from storage.audit import append_event, verify_chain
from storage.db import session_scope
from storage.models import AuditEvent
from tests.history_rows import add_request

BASE = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
runner = CliRunner()


def cli_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:
        """Root, so `history` and `show` stay subcommands."""

    register(app)
    return app


APP = cli_app()


def add(s, rid, minutes, *, status, resources=(), votes=(), reason=None, **kw):
    at = BASE + timedelta(minutes=minutes)
    add_request(
        s,
        rid,
        at=at,
        status=status,
        agent=kw.get("agent", "sqlbot"),
        requester=kw.get("requester", "U_REQ"),
        instruction=kw.get("instruction", "SELECT email FROM customers"),
        risk=kw.get("risk", "high"),
        findings=[{"rule": "sql.pii_export", "category": "pii", "reason": "Exports emails"}],
        data=[{"name": "customers", "classification": "restricted", "pii_fields": ["email"]}],
        decided_at=at + timedelta(minutes=3) if status != "pending" else None,
        decided_by=votes[-1][0] if votes else None,
        reason=reason,
        resources=resources,
        votes=[(voter, approve, reason, at + timedelta(minutes=3)) for voter, approve in votes],
    )


@pytest.fixture
def env(engine):
    url = engine.url.render_as_string(hide_password=False)
    with session_scope(engine) as s:
        add(
            s,
            "TK-C1",
            0,
            status="denied",
            resources=["customers"],
            votes=[("U_AP1", False)],
            reason="PII to a personal bucket",
        )
        add(s, "TK-C2", 10, status="approved", resources=["customers"], votes=[("U_AP2", True)])
        add(
            s,
            "TK-C3",
            20,
            status="denied",
            resources=["orders"],
            votes=[("U_AP1", False)],
            reason="wrong table",
        )
        add(
            s,
            "TK-C4",
            30,
            status="denied",
            resources=["customers", "orders"],
            votes=[("U_AP2", False)],
            reason="=cmd|' /C calc'!A0",
            agent="opsbot",
        )
        add(
            s,
            "TK-C5",
            40,
            status="pending",
            resources=["customers"],
            risk="critical",
            instruction="[bold red]fake[/] \x1b[2J rm -rf /tmp/x",
        )
        s.flush()
        append_event(s, action="request.created", actor="sqlbot", request_id="TK-C1")
        append_event(
            s,
            action="vote.deny",
            actor="U_AP1",
            request_id="TK-C1",
            detail={"comment": "PII to a personal bucket"},
        )
    return {"TWOKEY_DATABASE_URL": url, "TWOKEY_CONFIG": "", "COLUMNS": "250"}


def run(env, *args):
    return runner.invoke(APP, list(args), env=env)


def test_denied_customers_last_week_as_json(env):
    result = run(
        env,
        "history",
        "--status",
        "denied",
        "--resource",
        "customers",
        "--since",
        "2026-11-16",
        "--until",
        "2026-11-22",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["TK-C4", "TK-C1"]
    required = {
        "id",
        "status",
        "risk",
        "agent",
        "requester",
        "approvers",
        "created_at",
        "decided_at",
        "reason",
        "instruction",
    }
    assert all(required <= r.keys() for r in records)
    assert records[1]["approvers"] == ["U_AP1"]
    assert records[1]["reason"] == "PII to a personal bucket"
    assert records[1]["created_at"].startswith("2026-11-16T09:00:00")


def test_table_lists_records_and_pages(env):
    result = run(env, "history", "--limit", "2", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "TK-C5" in result.stdout and "TK-C4" in result.stdout and "TK-C3" not in result.stdout
    assert "--cursor" in result.stdout
    cursor = result.stdout.split("--cursor ")[1].split()[0]
    nxt = run(env, "history", "--limit", "2", "--cursor", cursor, "--format", "json")
    assert [r["id"] for r in json.loads(nxt.stdout)] == ["TK-C3", "TK-C2"]


@pytest.mark.parametrize("fmt", ["table", "tsv"])
@pytest.mark.parametrize("columns", ["80", "250"])
def test_table_shows_agent_text_inertly(env, fmt, columns):
    result = run({**env, "COLUMNS": columns}, "history", "--status", "pending", "--format", fmt)
    assert result.exit_code == 0
    # Rich markup in an instruction is printed, not obeyed; control codes never reach the tty.
    assert "[bold red]fake[/]" in result.stdout
    assert "\x1b" not in result.stdout


LONG_ID = "TK-" + "7Q2M4F4SX5" * 2


@pytest.fixture
def long_ids(env, engine):
    with session_scope(engine) as s:
        add(s, LONG_ID, 90, status="denied", resources=["customers", "orders"], reason="no PII")
    return env


@pytest.mark.parametrize("columns", ["60", "80", "119", "160", "250"])
def test_the_table_always_shows_whole_ids_and_the_instruction(long_ids, columns):
    result = run({**long_ids, "COLUMNS": columns}, "history", "--format", "table")
    assert result.exit_code == 0, result.output
    assert LONG_ID in result.stdout
    assert "TK-C5" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
    squeezed = "".join(result.stdout.split())
    assert "SELECTemailFROMcustomers" in "".join(c for c in squeezed if c not in "│|")


def test_piped_history_is_tab_separated_with_whole_fields(long_ids):
    result = run(long_ids, "history")  # not a terminal: tab-separated, no table
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == [
        "id", "created", "status", "risk", "agent", "requester",
        "approvers", "resources", "reason", "instruction",
    ]  # fmt: skip
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 10 for row in rows)
    mine = next(row for row in rows if row[0] == LONG_ID)
    assert mine[2:4] == ["denied", "high"] and mine[7] == "customers,orders"
    assert mine[8] == "no PII" and mine[9] == "SELECT email FROM customers"
    assert "┃" not in result.stdout and "│" not in result.stdout


def test_csv_opens_with_the_expected_columns(env):
    result = run(env, "history", "--format", "csv", "--all", "--approver", "U_AP2")
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert reader.fieldnames[:4] == ["id", "created_at", "status", "risk"]
    assert {"approvers", "requester", "agent", "reason", "instruction", "decided_at"} <= set(
        reader.fieldnames
    )
    assert [r["id"] for r in rows] == ["TK-C4", "TK-C2"]
    assert rows[0]["reason"].startswith("'=")  # spreadsheet formula defused


def test_a_csv_export_is_audited_like_the_slack_one(env, engine):
    def exports():
        with session_scope(engine) as s:
            events = s.exec(select(AuditEvent).where(AuditEvent.action == "history.exported"))
            return [(e.actor, e.detail) for e in events]

    assert run(env, "history", "--format", "json", "--all").exit_code == 0
    assert exports() == []  # reading is not exporting
    result = run(env, "history", "--format", "csv", "--all", "--approver", "U_AP2")
    assert result.exit_code == 0, result.output
    ((actor, detail),) = exports()
    assert actor == "cli" and detail["records"] == 2
    assert detail["filters"]["approver"] == "U_AP2"
    with session_scope(engine) as s:
        assert verify_chain(s).ok


def test_relative_since_and_other_filters(env):
    assert json.loads(run(env, "history", "--since", "1h", "--format", "json").stdout) == []
    agent = json.loads(run(env, "history", "--agent", "opsbot", "--format", "json").stdout)
    assert [r["id"] for r in agent] == ["TK-C4"]
    risk = json.loads(run(env, "history", "--risk", "critical", "--format", "json").stdout)
    assert [r["id"] for r in risk] == ["TK-C5"]
    req = json.loads(run(env, "history", "--requester", "U_REQ", "--format", "json").stdout)
    assert len(req) == 5


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--since", "last week"], "--since"),
        (["--status", "maybe"], "--status"),
        (["--limit", "501"], "--limit"),
        (["--risk", "spicy"], "--risk"),
        (["--cursor", "garbage"], "--cursor"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(env, args, needle):
    result = run(env, "history", *args)
    assert result.exit_code == 2
    assert needle in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_show_has_findings_data_votes_and_events(env):
    result = run(env, "show", "tk-c1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    for needle in (
        "Request TK-C1",
        "denied",
        "sql.pii_export",
        "customers",
        "email",
        "U_AP1",
        "deny",
        "PII to a personal bucket",
        "request.created",
        "vote.deny",
        "2026-11-16 09:03:00 UTC",
        "Audit events",
    ):
        assert needle in text, needle


def test_show_json(env):
    result = run(env, "show", "TK-C1", "--json")
    detail = json.loads(result.stdout)
    assert detail["record"]["id"] == "TK-C1"
    assert [e["action"] for e in detail["events"]] == ["request.created", "vote.deny"]
    assert detail["votes"][0]["voter"] == "U_AP1"


def test_show_unknown_id_is_one_line_exit_1(env):
    result = run(env, "show", "TK-NOPE")
    assert result.exit_code == 1
    assert result.output.strip() == "No request 'TK-NOPE'."
