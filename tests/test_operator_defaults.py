"""Honest defaults: TwoKey says what it runs on, refuses what it cannot honestly do.

`serve` never silently runs the fictional example company; the start-up log is
one structured line naming the configuration, database and Slack mode;
configuration problems name the file; e-mails are resolved on the command line
as the gate API resolves them; keys are only made for configured agents.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from typer.testing import CliRunner

from bot.cli import app
from bot.cli.context import Context
from bot.cli.serve import log_start
from bot.config import EXAMPLE_CONFIG, ConfigError, Settings
from bot.config_file import load_config
from bot.demo import cast
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.logs import setup_logging
from storage.db import make_engine, session_scope
from storage.schema import upgrade
from tests.history_rows import add_request

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "twokey.yml"
SERVE_ENV = {
    "SLACK_BOT_TOKEN": "xoxb-test-0000",
    "SLACK_SIGNING_SECRET": "signing",
    "TWOKEY_SECRET_KEY": "a-secret-key-for-tests",
}


def _cli(args: list[str], env: dict[str, str]):  # noqa: ANN202
    return CliRunner().invoke(app, args, env={"COLUMNS": "80", **env})


# --- serve refuses the example unless asked ------------------------------------


def test_serve_without_a_configuration_refuses_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./twokey.yml here
    env = {**SERVE_ENV, "TWOKEY_CONFIG": "", "TWOKEY_DATABASE_URL": f"sqlite:///{tmp_path}/t.db"}
    result = _cli(["serve"], env)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no configuration" in result.stderr and "--example" in result.stderr
    assert not (tmp_path / "t.db").exists()  # refused before touching anything


def test_serve_example_with_a_configured_file_is_ambiguous(tmp_path: Path) -> None:
    env = {**SERVE_ENV, "TWOKEY_CONFIG": str(EXAMPLE), "TWOKEY_DATABASE_URL": "sqlite://"}
    result = _cli(["serve", "--example"], env)
    assert result.exit_code == 2 and "choose one" in result.stderr


def test_the_start_line_is_one_json_line_naming_config_database_and_slack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings = Settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1-abcdefgh")
    engine = make_engine("postgresql://tk:hunter22@db.internal:5432/twokey")
    ctx = Context(settings, load_config(EXAMPLE_CONFIG), engine, EXAMPLE_CONFIG)
    setup_logging("INFO", json_lines=True)
    log_start(ctx, "http://0.0.0.0:8080")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    assert line["config"] == str(EXAMPLE_CONFIG) and line["example_config"] is True
    assert line["database"] == "postgresql+psycopg://tk:***@db.internal:5432/twokey"
    assert line["slack_mode"] == "socket"
    assert "fictional example" in line["msg"] and "hunter22" not in lines[0]


def test_json_lines_carry_no_ansi_and_no_bolt_token_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("INFO", json_lines=True)
    # uvicorn adds `color_message` (ANSI) to its records; the JSON line must not carry it.
    logging.getLogger("tests.uvicorn_like").info(
        "Started", extra={"color_message": "\x1b[32mStarted\x1b[0m"}
    )
    bolt = logging.getLogger("slack_bolt.AsyncApp")
    bolt.warning(warning_client_prioritized_and_token_skipped())
    bolt.warning("a different bolt warning is kept")
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines()]
    assert [x["msg"] for x in lines] == ["Started", "a different bolt warning is kept"]
    assert "color_message" not in lines[0]


# --- configuration files -------------------------------------------------------


def _example_raw() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twokey.yml"
    path.write_text("# nothing yet\n")
    with pytest.raises(ConfigError, match=r"twokey.yml: the file is empty"):
        load_config(path)


def test_a_rule_whose_example_fails_names_the_file(tmp_path: Path) -> None:
    raw = _example_raw()
    raw["policy"]["rules"] = [
        {
            "id": "wire",
            "pattern": r"\bwire\s+transfer\b",
            "reason": "Moves money.",
            "match": ["send a wire transfer"],
            "not_match": ["a wire transfer is not needed here"],
        }
    ]
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: policy.rules.0 (wire): its `not_match` example")


def test_a_broken_reference_has_one_key_path(tmp_path: Path) -> None:
    raw = _example_raw()
    del raw["approvers"]
    path = tmp_path / "no-approvers.yml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: policy.")
    assert "(top level)" not in message and message.count("policy.") == 1


def test_config_errors_are_not_folded_when_not_on_a_terminal(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "twokey.yml"
    deep.parent.mkdir()
    deep.write_text("policy:\n  quorum: {critical: 0}\n")
    env = {"TWOKEY_CONFIG": str(deep), "TWOKEY_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = _cli(["keys", "list"], env)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(result.stderr) > 100
    assert "policy.quorum.critical" in result.stderr


# --- keys and history ------------------------------------------------------------


def test_keys_are_only_created_for_configured_agents(tmp_path: Path) -> None:
    env = {"TWOKEY_CONFIG": str(EXAMPLE), "TWOKEY_DATABASE_URL": f"sqlite:///{tmp_path}/k.db"}
    refused = _cli(["keys", "create", "--agent", "datapall"], env)
    assert refused.exit_code == 2 and "tk_" not in refused.stdout
    assert "'datapall' is not configured" in refused.stderr and "datapal" in refused.stderr
    assert "KEY-" not in _cli(["keys", "list"], env).stdout  # nothing was created
    assert _cli(["keys", "create", "--agent", "datapal"], env).exit_code == 0


@pytest.fixture
def history_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/h.db"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        now = datetime.now(UTC)
        add_request(s, "TK-SAMS000001", at=now, status="pending", requester=cast.SAM.id)
        add_request(s, "TK-DANA000001", at=now, status="denied", requester=cast.DANA.id)
    engine.dispose()
    return url


def test_history_resolves_an_email_like_the_gate_api(history_db: str) -> None:
    with SlackFake(users=cast.standin_users()) as fake:
        env = {
            "TWOKEY_DATABASE_URL": history_db,
            "TWOKEY_CONFIG": str(EXAMPLE),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "TWOKEY_SLACK_API_URL": fake.api_url,
        }
        found = _cli(["history", "--requester", cast.SAM.email.upper(), "--format", "json"], env)
        assert found.exit_code == 0, found.stderr
        assert [r["id"] for r in json.loads(found.stdout)] == ["TK-SAMS000001"]
        unknown = _cli(["history", "--requester", "nobody@northwind.example"], env)
        assert unknown.exit_code == 2 and "no Slack user has this email" in unknown.stderr


def test_history_says_why_an_email_cannot_be_resolved_offline(history_db: str) -> None:
    env = {"TWOKEY_DATABASE_URL": history_db, "TWOKEY_CONFIG": str(EXAMPLE), "SLACK_BOT_TOKEN": ""}
    result = _cli(["history", "--requester", cast.SAM.email], env)
    assert result.exit_code == 2 and result.stdout == ""
    assert "SLACK_BOT_TOKEN is not set" in result.stderr and "U…" in result.stderr
