"""Every expected failure of the command line is one line naming the problem and the fix.

Operators meet these first: a database that is down, missing or of the wrong
kind. Each must end in one unfolded line on standard error (URL shown with its
password masked), exit 2, and no traceback, for every command that needs the
database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from bot.cli import app

COMMANDS = [
    ["history"],
    ["audit", "verify"],
    ["keys", "list"],
    ["db", "current"],
    ["db", "upgrade"],
]
PASSWORD = "not-a-real-password-42"


def _run(args: list[str], url: str) -> tuple[int, str, str]:
    env = {"TWOKEY_DATABASE_URL": url, "TWOKEY_CONFIG": "", "COLUMNS": "80"}
    result = CliRunner().invoke(app, args, env=env)
    return result.exit_code, result.stdout, result.stderr


def _assert_one_line(code: int, stdout: str, stderr: str, *needles: str) -> None:
    assert code == 2, stderr
    assert stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("error: "), stderr
    assert "Traceback" not in stderr and PASSWORD not in stderr
    for needle in needles:
        assert needle in stderr, stderr


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_unreachable_database_is_one_line(args: list[str]) -> None:
    url = f"postgresql://twokey:{PASSWORD}@127.0.0.1:1/twokey"
    _assert_one_line(
        *_run(args, url), "twokey:***@127.0.0.1:1/twokey", "unreachable", "TWOKEY_DATABASE_URL"
    )


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_database_of_another_kind_is_one_line(args: list[str]) -> None:
    # No MySQL driver is installed; with one, TwoKey still only runs on SQLite or PostgreSQL.
    _assert_one_line(
        *_run(args, f"mysql://twokey:{PASSWORD}@db.internal/twokey"),
        "mysql://twokey:***@db.internal/twokey",
        "SQLite or PostgreSQL",
        "postgresql://",
    )


@pytest.mark.parametrize("url", ["not a url", f"postgresql+nodriver://u:{PASSWORD}@h/db"])
def test_a_url_that_cannot_be_used_is_one_line(url: str) -> None:
    _assert_one_line(*_run(["keys", "list"], url), "sqlite:///")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_sqlite_file_in_a_missing_folder_is_refused_not_created(
    args: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "nonexistent" / "dir"
    _assert_one_line(*_run(args, f"sqlite:///{folder}/x.db"), str(folder), "mkdir -p")
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.skipif(not os.environ.get("TWOKEY_TEST_DATABASE_URL"), reason="needs PostgreSQL")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_missing_postgresql_database_is_named_not_unreachable(args: list[str]) -> None:
    server = make_url(os.environ["TWOKEY_TEST_DATABASE_URL"])
    url = server.set(database="twokey_no_such_db").render_as_string(hide_password=False)
    code, stdout, stderr = _run(args, url)
    _assert_one_line(code, stdout, stderr, '"twokey_no_such_db" does not exist', "createdb")
    assert "unreachable" not in stderr
