import sqlite3

from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def run(*args, env):
    return runner.invoke(app, list(args), env=env)


def test_audit_verify_cli_detects_a_hand_edit(tmp_path):
    db = tmp_path / "cli.db"
    env = {"TWOKEY_DATABASE_URL": f"sqlite:///{db}", "TWOKEY_CONFIG": ""}
    assert run("db", "upgrade", env=env).exit_code == 0
    created = run("keys", "create", "--agent", "opsbot", env=env)
    assert created.exit_code == 0 and "tk_" in created.stdout
    ok = run("audit", "verify", env=env)
    assert ok.exit_code == 0 and "intact" in ok.stdout
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1")
    broken = run("audit", "verify", env=env)
    assert broken.exit_code == 1 and "event 1" in broken.output


def test_bad_config_is_one_readable_line(tmp_path):
    cfg = tmp_path / "bad.yml"
    cfg.write_text("policy:\n  quorum: {critical: 0}\n")
    env = {"TWOKEY_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "TWOKEY_CONFIG": str(cfg)}
    result = run("keys", "list", env=env)
    assert result.exit_code == 2
    assert "policy.quorum.critical" in result.output and "Traceback" not in result.output
