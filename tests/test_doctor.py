"""`twokey doctor` against the project's Slack stand-in and real databases.

A ready deployment passes; each way it can be unready (config, environment,
database, token, scopes, channel membership, clock) is named with its fix and
exits 1, and the doctor itself changes nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from bot.cli.doctor import REQUIRED_SCOPES, _clock
from bot.demo import cast
from bot.demo.slack_standin import BOT_SCOPES, BOT_TOKEN, BOT_USER_ID, SlackFake
from storage import outbox as ob
from storage.db import make_engine, session_scope
from storage.models import SlackEffect

ROOT = Path(__file__).resolve().parents[1]
APPROVALS = "C0APPROVE1"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    raw = yaml.safe_load((ROOT / "examples" / "twokey.yml").read_text(encoding="utf-8"))
    raw["slack"]["approvals_channel"] = APPROVALS
    path = tmp_path / "twokey.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.fixture
def fake() -> Any:
    with SlackFake(
        users=cast.standin_users(), channels={APPROVALS: [BOT_USER_ID, cast.DANA.id]}
    ) as fake:
        yield fake


def doctor(env: dict[str, str]) -> tuple[int, dict[str, dict[str, str]], str]:
    result = CliRunner().invoke(app, ["doctor", "--json"], env=env)
    report = json.loads(result.stdout)
    assert report["ok"] is (result.exit_code == 0)
    return result.exit_code, {c["name"]: c for c in report["checks"]}, result.stdout


@pytest.fixture
def env(config: Path, fake: SlackFake, db_url: str) -> dict[str, str]:
    return {
        "TWOKEY_CONFIG": str(config),
        "TWOKEY_DATABASE_URL": db_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_APP_TOKEN": "",
        "TWOKEY_SECRET_KEY": "a-long-random-secret-key-for-tests",
        "TWOKEY_SLACK_API_URL": fake.api_url,
    }


def test_the_manifest_and_the_doctor_agree_on_scopes() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == REQUIRED_SCOPES == set(BOT_SCOPES)


def test_a_ready_deployment_passes(env: dict[str, str]) -> None:
    code, checks, _ = doctor(env)
    assert code == 0, checks
    assert {n: c["level"] for n, c in checks.items()} == {
        "configuration": "ok",
        "environment": "ok",
        "database": "ok",
        "slack token": "ok",
        "slack scopes": "ok",
        "clock": "ok",
        "approvals channel": "ok",
        "slack outbox": "ok",
    }
    assert checks["slack outbox"]["detail"].startswith("nothing undeliverable")
    assert BOT_USER_ID in checks["slack token"]["detail"]
    human = CliRunner().invoke(app, ["doctor"], env=env)
    assert human.exit_code == 0 and "Ready to serve." in human.stdout


def test_a_rejected_token_is_named(env: dict[str, str]) -> None:
    code, checks, out = doctor({**env, "SLACK_BOT_TOKEN": "xoxb-revoked-0000"})
    assert code == 1 and checks["slack"]["level"] == "fail"
    assert "invalid_auth" in checks["slack"]["detail"] and "xoxb-revoked" not in out


def test_missing_scopes_are_listed_with_the_fix(env: dict[str, str], fake: SlackFake) -> None:
    fake.scopes = [s for s in BOT_SCOPES if s not in ("users:read.email", "files:write")]
    code, checks, _ = doctor(env)
    assert code == 1
    assert checks["slack scopes"]["detail"] == "missing files:write, users:read.email"
    assert "reinstall" in checks["slack scopes"]["fix"]


def test_an_approvals_channel_without_twokey_is_a_problem(
    env: dict[str, str], fake: SlackFake
) -> None:
    fake.channels[APPROVALS] = [cast.DANA.id]
    code, checks, _ = doctor(env)
    assert code == 1 and checks["approvals channel"]["level"] == "fail"
    assert f"/invite @TwoKey in {APPROVALS}" in checks["approvals channel"]["fix"]


def test_no_configuration_and_missing_variables_are_problems(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # no ./twokey.yml
    code, checks, _ = doctor({**env, "TWOKEY_CONFIG": "", "TWOKEY_SECRET_KEY": ""})
    assert code == 1
    assert "no configuration" in checks["configuration"]["detail"]
    assert "TWOKEY_SECRET_KEY" in checks["environment"]["detail"]
    assert checks["approvals channel"]["level"] == "warn"  # unknown without a config


def test_an_unreachable_database_and_slack_are_problems(env: dict[str, str]) -> None:
    code, checks, out = doctor(
        {
            **env,
            "TWOKEY_DATABASE_URL": "postgresql://tk:hunter22@127.0.0.1:1/twokey",
            "TWOKEY_SLACK_API_URL": "http://127.0.0.1:1/api/",
        }
    )
    assert code == 1 and "hunter22" not in out
    assert "unreachable" in checks["database"]["detail"]
    assert "unreachable" in checks["slack"]["detail"]


def test_the_doctor_creates_nothing(env: dict[str, str], tmp_path: Path, fake: SlackFake) -> None:
    missing = tmp_path / "later.db"
    code, checks, _ = doctor({**env, "TWOKEY_DATABASE_URL": f"sqlite:///{missing}"})
    assert code == 0 and checks["database"]["level"] == "warn"
    assert not missing.exists()
    assert not fake.messages  # nothing posted to Slack either


@pytest.mark.parametrize(("offset", "level"), [(0, "ok"), (45, "ok"), (-300, "fail"), (90, "fail")])
def test_clock_skew_against_slacks_date(offset: int, level: str) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    check = _clock(format_datetime(now - timedelta(seconds=offset), usegmt=True), now)
    assert check.level == level
    if level == "fail":
        assert "time sync" in check.fix


def test_an_approvals_channel_that_does_not_exist_is_a_problem(
    env: dict[str, str], fake: SlackFake
) -> None:
    del fake.channels[APPROVALS]
    code, checks, _ = doctor(env)
    assert code == 1 and "does not exist" in checks["approvals channel"]["detail"]


def _dead_effects(db_url: str, *failures: tuple[str, str], age: timedelta = timedelta(0)) -> None:
    """Effects the outbox gave up on, each `(kind, last error)`, queued `age` ago."""
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            ob.enqueue(
                s, [{"kind": kind, "request_id": f"TK-{n}"} for n, (kind, _) in enumerate(failures)]
            )
            rows = s.exec(select(SlackEffect).order_by(SlackEffect.id)).all()  # type: ignore[arg-type]
            for row, (_, error) in zip(rows[-len(failures) :], failures, strict=True):
                ob.retry_later(s, int(row.id or 0), error=error, at=None, dead=True)
                row.created_at -= age
                s.add(row)
    finally:
        engine.dispose()


def test_undeliverable_slack_effects_are_a_problem_with_kinds_reasons_and_fixes(
    env: dict[str, str], db_url: str
) -> None:
    _dead_effects(
        db_url,
        ("pending", "chat.postMessage: channel_not_found (permanent)"),
        ("pending", "chat.postMessage: channel_not_found (permanent)"),
        ("decided", "chat.postMessage: internal_error"),
        ("awaiting_requester", "conversations.open: token_revoked (permanent)"),
    )
    code, checks, out = doctor(env)
    check = checks["slack outbox"]
    assert code == 1 and check["level"] == "fail"
    assert check["detail"].startswith("4 Slack effect(s) undeliverable in the last 24 h")
    assert "2 approval card" in check["detail"] and "1 confirmation prompt" in check["detail"]
    assert "channel_not_found ×2" in check["detail"] and "token_revoked ×1" in check["detail"]
    assert "/invite @TwoKey" in check["fix"] and "SLACK_BOT_TOKEN" in check["fix"]
    assert "outbound HTTPS" in check["fix"] and "cancelled" in check["fix"]
    assert check["data"] == {
        "undeliverable": 4,
        "recent": True,
        "kinds": {"pending": 2, "decided": 1, "awaiting_requester": 1},
        "errors": {"channel_not_found": 2, "internal_error": 1, "token_revoked": 1},
        "newest": check["data"]["newest"],
    }
    human = CliRunner().invoke(app, ["doctor"], env=env)
    assert human.exit_code == 1 and "slack outbox" in human.stdout and "fix:" in human.stdout


def test_old_undeliverable_effects_are_only_a_warning(env: dict[str, str], db_url: str) -> None:
    _dead_effects(
        db_url, ("pending", "chat.postMessage: missing_scope (permanent)"), age=timedelta(days=3)
    )
    code, checks, _ = doctor(env)
    check = checks["slack outbox"]
    assert code == 0 and check["level"] == "warn"
    assert "1 Slack effect(s) undeliverable (newest" in check["detail"]
    assert "reinstall the app" in check["fix"]
