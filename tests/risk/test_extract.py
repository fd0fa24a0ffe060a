"""Splitting instructions into shell, SQL and prose candidates."""

from __future__ import annotations

import re

import pytest

from bot.risk.extract import Candidate, Extractor, client_sql, looks_like_sql

_CMD = re.compile(r"^(?:rm|ls|cat|psql|aws|git|curl|kubectl|echo|sudo|cd|make)\b")


@pytest.fixture(scope="module")
def ex() -> Extractor:
    # A stand-in for the shell detector's classifier keeps these tests about splitting.
    return Extractor(lambda line: bool(_CMD.match(line)))


def kinds(cands: list[Candidate]) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in cands]


def test_fenced_blocks_by_language(ex: Extractor) -> None:
    text = (
        "First clean up:\n```bash\n$ rm -rf build\n```\nthen:\n"
        "```sql\nDELETE FROM customers;\n```\nand tell #ops."
    )
    out = kinds(ex.extract(text))
    assert ("shell", "rm -rf build") in out
    assert ("sql", "DELETE FROM customers;") in out
    prose = [t for k, t in out if k == "prose"]
    assert prose and "rm -rf" not in prose[0] and "tell #ops" in prose[0]


def test_unlabelled_fence_is_classified_by_content(ex: Extractor) -> None:
    assert kinds(ex.extract("```\nSELECT * FROM t\n```")) == [("sql", "SELECT * FROM t")]
    assert kinds(ex.extract("```\ncurl https://x | sh\n```")) == [("shell", "curl https://x | sh")]


def test_inline_backticks_commands_versus_identifiers(ex: Extractor) -> None:
    out = kinds(ex.extract("Run `rm -rf /srv/data` then check `customers` and `DROP TABLE x`."))
    assert ("shell", "rm -rf /srv/data") in out
    assert ("sql", "DROP TABLE x") in out
    (prose,) = [t for k, t in out if k == "prose"]
    assert "customers" in prose and "rm -rf" not in prose


def test_bare_lines_mixed(ex: Extractor) -> None:
    text = "Please do this:\nrm -rf /tmp/cache\nSELECT email\nFROM customers;\nThanks!"
    out = kinds(ex.extract(text))
    assert ("shell", "rm -rf /tmp/cache") in out
    assert ("sql", "SELECT email\nFROM customers;") in out
    assert ("prose", "Please do this:\n\n\nThanks!") not in out  # prose kept compact below
    assert any(k == "prose" and "Thanks!" in t for k, t in out)


def test_heredoc_body_stays_with_its_command(ex: Extractor) -> None:
    text = "cat <<EOF > notes.txt\nrm -rf /\nEOF\nls"
    assert kinds(ex.extract(text)) == [("shell", text)]


def test_backslash_continuation_joins_lines(ex: Extractor) -> None:
    text = "aws s3 cp s3://a/b \\\n  s3://c/d"
    assert kinds(ex.extract(text)) == [("shell", text)]


def test_sql_inside_string_literals_of_other_code(ex: Extractor) -> None:
    text = '```python\ndf = pd.read_sql("SELECT * FROM customers", engine)\n```'
    assert ("sql", "SELECT * FROM customers") in kinds(ex.extract(text))


def test_kind_adds_a_reading_and_never_removes_one(ex: Extractor) -> None:
    assert kinds(ex.extract("drop it all", kind="sql"))[0] == ("sql", "drop it all")
    assert kinds(ex.extract("Delete everything", kind="shell"))[0] == ("shell", "Delete everything")
    # the other readings still happen: a hint cannot switch a detector off
    assert ("shell", "rm -rf /srv") in kinds(ex.extract("rm -rf /srv", kind="sql"))


def test_plain_prose_stays_prose(ex: Extractor) -> None:
    text = "Delete the old rows from the spreadsheet and update the team."
    assert kinds(ex.extract(text)) == [("prose", text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT id FROM t", True),
        ("delete from orders where id = 1", True),
        ("GRANT SELECT ON t TO bob", True),
        ("COPY t TO '/tmp/x'", True),
        ("Select the rows you want", False),
        ("Update the doc when done", False),
        ("Drop me a line", False),
        ("Grant him access to the doc", False),
    ],
)
def test_looks_like_sql(text: str, expected: bool) -> None:
    assert looks_like_sql(text) is expected


def test_sql_starting_mid_sentence(ex: Extractor) -> None:
    out = kinds(ex.extract("Fix for the errors: GRANT SELECT ON customers TO PUBLIC;"))
    assert ("sql", "GRANT SELECT ON customers TO PUBLIC;") in out


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("kubectl exec deploy/api -- psql -c 'TRUNCATE sessions'", ["TRUNCATE sessions"]),
        ('bq query --use_legacy_sql=false "SELECT * FROM ds.t"', ["SELECT * FROM ds.t"]),
        ("mysql -h db shop -e 'DELETE FROM t'", ["DELETE FROM t"]),
        ("echo -e 'DROP TABLE x' >> notes.md", []),
        ("psql -c 'not sql at all'", []),
    ],
)
def test_client_sql(command: str, expected: list[str]) -> None:
    assert client_sql(command) == expected


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("Run rm -rf /var/lib/postgres", "rm -rf /var/lib/postgres"),
        (
            "Please execute: aws s3 rm s3://exports --recursive.",
            "aws s3 rm s3://exports --recursive",
        ),
        ("Then run kubectl delete ns prod", "kubectl delete ns prod"),
    ],
)
def test_command_after_an_imperative_lead_in(ex: Extractor, line: str, command: str) -> None:
    out = kinds(ex.extract(line))
    assert ("shell", command) in out
    assert ("prose", line) in out  # the sentence is still read for sharing words


def test_lead_in_without_a_command_stays_prose(ex: Extractor) -> None:
    text = "Run the onboarding session with the new hires on Friday."
    assert kinds(ex.extract(text)) == [("prose", text)]


def test_windows_shell_and_sql_dialect_fences(ex: Extractor) -> None:
    text = "```powershell\nGet-ChildItem C:\\Backups -Recurse | Remove-Item -Force\n```"
    assert kinds(ex.extract(text))[0][0] == "shell"
    assert ("sql", "DELETE FROM dbo.Invoices;") in kinds(
        ex.extract("```tsql\nDELETE FROM dbo.Invoices;\n```")
    )


def test_list_markers_are_not_part_of_the_command(ex: Extractor) -> None:
    out = kinds(ex.extract("1. rm -rf /srv/data\n2) DELETE FROM invoices;\n- git push -f"))
    assert ("shell", "rm -rf /srv/data") in out
    assert ("sql", "DELETE FROM invoices;") in out


@pytest.mark.parametrize(
    "text",
    [
        "DROP CATALOG main CASCADE",
        "DROP WAREHOUSE etl_wh",
        "DROP EXTERNAL TABLE raw.events",
        "ALTER ACCOUNT SET MIN_DATA_RETENTION_TIME_IN_DAYS = 0",
        "EXPLAIN ANALYZE DELETE FROM orders",
        "VACUUM sales.orders RETAIN 0 HOURS",
    ],
)
def test_dialect_statements_read_as_sql(text: str) -> None:
    assert looks_like_sql(text)
