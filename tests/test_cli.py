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


def test_version_and_completion_are_offered():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"twokey {version('twokey')}"
    helped = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert "--install-completion" in helped.stdout and "--show-completion" in helped.stdout


def test_keys_list_and_audit_verify_speak_json(tmp_path):
    import json

    db = tmp_path / "j.db"
    env = {"TWOKEY_DATABASE_URL": f"sqlite:///{db}", "TWOKEY_CONFIG": ""}
    assert json.loads(run("keys", "list", "--json", env=env).stdout) == []
    created = run("keys", "create", "--agent", "opsbot", "--admin", env=env)
    key_id = created.stderr.split("Created key ")[1].split()[0]
    keys = json.loads(run("keys", "list", "--json", env=env).stdout)
    assert keys == [
        {"id": key_id, "prefix": keys[0]["prefix"], "agent": "opsbot", "admin": True,
         "state": "active"}
    ]  # fmt: skip
    assert created.stdout.strip().startswith(keys[0]["prefix"])
    ok = run("audit", "verify", "--json", env=env)
    assert ok.exit_code == 0
    assert json.loads(ok.stdout) == {
        "ok": True,
        "checked": 1,
        "broken_seq": None,
        "problem": None,
        "request_id": None,
        "unsealed": 0,
        "legacy": 0,
    }
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1")
    broken = run("audit", "verify", "--json", env=env)
    assert broken.exit_code == 1
    report = json.loads(broken.stdout)
    assert report["ok"] is False and report["broken_seq"] == 1 and report["problem"]


def test_audit_verify_reports_the_unsealed_tail_and_seal_chains_it(tmp_path):
    db = tmp_path / "tail.db"
    env = {"TWOKEY_DATABASE_URL": f"sqlite:///{db}", "TWOKEY_CONFIG": ""}
    assert run("keys", "create", "--agent", "opsbot", env=env).exit_code == 0
    with sqlite3.connect(db) as conn:  # as a request transaction appends: no chain position yet
        conn.execute(
            "INSERT INTO audit_events (at, actor, action, detail) "
            "VALUES ('2026-01-01 00:00:00.000000', 'U0', 'test.append', '{}')"
        )
    pending = run("audit", "verify", env=env)
    assert pending.exit_code == 0 and "1 events verified" in pending.stdout
    assert "1 newer event(s) not sealed" in pending.stdout
    assert "Sealed 1 event" in run("audit", "seal", env=env).stdout
    done = run("audit", "verify", env=env)
    assert "2 events verified" in done.stdout and "not sealed" not in done.stdout
