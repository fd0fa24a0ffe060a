"""`twokey demo` end to end: the real server, the Slack stand-in, a real database.

The demo checks each step itself; these tests check that its verdict means
something: a full run exits 0 and leaves exactly the story in the database,
and a step that cannot happen ends the demo non-zero, naming that step.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
from rich.console import Console
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from bot.cli.demo import register
from bot.demo import cast
from bot.demo.slack_standin import SlackFake
from bot.demo.story import EXIT_STEP_FAILED, DemoOptions, run_demo
from storage.db import make_engine, session_scope
from storage.history import HistoryFilter, query_history


def _cli() -> typer.Typer:
    cli = typer.Typer()
    cli.callback()(lambda: None)
    register(cli)
    return cli


def test_demo_plays_every_step_and_keeps_the_database(db_url: str) -> None:
    result = CliRunner().invoke(_cli(), ["demo", "--db", db_url, "--keep"])
    assert result.exit_code == 0, result.output
    for number in range(1, 7):
        assert f"✓ step {number} checked" in result.output
    assert "Every step happened as narrated" in result.output
    assert "twokey history" in result.output
    shown = make_url(db_url).render_as_string(hide_password=True)
    assert f"TWOKEY_DATABASE_URL={shown} twokey history" in result.output

    engine = make_engine(db_url)
    try:
        with session_scope(engine) as session:
            records = query_history(session, HistoryFilter(limit=50)).items
    finally:
        engine.dispose()
    by_agent = sorted((r.agent, r.status, r.requester) for r in records)
    assert by_agent == [
        ("datapal", "executed", cast.SAM.id),
        ("opsbot", "denied", cast.DANA.id),
        ("opsbot", "expired", cast.LEE.id),
    ]
    # What TwoKey showed and recorded is masked: the external address never appears.
    assert "partner@acme-analytics.example" not in " ".join(r.instruction for r in records)


def test_a_step_that_cannot_happen_fails_the_demo_and_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Slack refuses to open modals: Dana can never send her justification.
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    standin = SlackFake(users=cast.standin_users())
    standin.fail("views.open", "internal_error", times=1000)
    out = io.StringIO()
    code = run_demo(
        DemoOptions(step_timeout=0.5), console=Console(file=out, width=120), standin=standin
    )
    text = out.getvalue()
    assert code == EXIT_STEP_FAILED
    assert "✓ step 1 checked" in text
    assert re.search(r"Step 2 \(Dana asks for approval\) did not happen as narrated", text)
    assert "justification form did not open" in text
    assert "step 2 checked" not in text
    # The temporary database is removed after a failed run too.
    assert not list(tmp_path.glob("twokey-demo-*"))


def test_step_mode_without_a_terminal_does_not_wait(tmp_path: Path) -> None:
    standin = SlackFake(users=cast.standin_users())
    standin.fail("chat.postMessage", "channel_not_found", times=1000)
    out = io.StringIO()
    options = DemoOptions(
        step=True, database_url=f"sqlite:///{tmp_path / 'd.db'}", step_timeout=0.5
    )
    code = run_demo(options, console=Console(file=out, width=120), standin=standin)
    assert code == EXIT_STEP_FAILED
    assert "Step 1 (opsbot's instruction is held) did not happen" in out.getvalue()
    assert (tmp_path / "d.db").exists()  # a database given with --db is never deleted


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("postgresql://demo:not-a-real-password@127.0.0.1:1/twokey", "unreachable"),
        ("mysql://demo:not-a-real-password@db.internal/twokey", "SQLite or PostgreSQL"),
    ],
)
def test_an_unusable_database_is_one_line_and_exit_2(url: str, needle: str) -> None:
    result = CliRunner().invoke(_cli(), ["demo", "--db", url], env={"COLUMNS": "80"})
    assert result.exit_code == 2, result.output
    assert result.output.startswith("The demo could not start")
    assert result.output.count("\n") == 1 and needle in result.output
    assert "not-a-real-password" not in result.output
