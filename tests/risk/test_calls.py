"""Tool calls as structure: the name as an action, every argument value, unseen arguments.

The risky calls are the ones issue 13 reproduced (each was allowed before);
the benign look-alikes share the names' verbs or the arguments' nouns and must
stay allowed, so a rule that only matches one sentence would fail here.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.config import PolicyConfig, TwoKeyConfig
from bot.risk.calls import ACTIONS, ToolCall, action_sentence, render, words
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


RISKY: list[tuple[str, dict[str, Any], str]] = [
    ("drop_table", {"name": "customers"}, "call.destroy_data"),
    ("delete_bucket", {"bucket": "acme-prod-data", "force": True}, "call.destroy_data"),
    ("rmtree", {"path": "/srv/shared"}, "call.destroy_tree"),
    ("send_email", {"to": "bob.k@gmail.com", "attachment": "customers.csv"}, "prose."),
    ("make_public", {"doc": "Q3 board deck"}, "call.make_public"),
    ("run_sql", {"command": "DROP TABLE customers"}, "sql.drop"),
    ("run_shell", {"sql": "rm -rf /srv/shared"}, "shell."),
    ("grant_admin", {"user": "eve"}, "call.grant_access"),
    # camelCase, dotted and nested values, under keys that say nothing
    ("warehouse.dropTable", {"table_name": "orders"}, "call.destroy_data"),
    ("execute", {"steps": [{"note": "DELETE FROM orders"}]}, "sql.delete_all"),
    ("update_bucket", {"bucket": "acme-reports", "acl": "public-read"}, "call.public_value"),
    ("disableMfa", {"org": "acme"}, "call.controls_off"),
    ("git_push", {"branch": "main", "force": True}, "call.safeguard_off"),
    ("terminate_instances", {"ids": ["i-0abc", "i-0def"]}, "call.destroy_infra"),
    ("restore_snapshot", {"db": "prod", "overwrite": True, "force": True}, "call.safeguard_off"),
    ("update_repository", {"repo": "api", "visibility": "public"}, "call.public_value"),
]

BENIGN: list[tuple[str, dict[str, Any]]] = [
    ("get_table", {"name": "customers"}),
    ("list_buckets", {"prefix": "acme-prod"}),
    ("walk_tree", {"path": "/srv/shared"}),
    ("run_sql", {"command": "SELECT id FROM customers LIMIT 5"}),
    ("run_shell", {"sql": "ls -la /srv/shared"}),
    ("read_file", {"path": "notes.txt", "force": True}),
    ("create_ticket", {"title": "Delete stale branch docs", "body": "please review"}),
    ("search", {"terms": "how do I drop a table safely"}),
    ("get_weather", {"city": "Paris"}),
    ("make_private", {"doc": "Q3 board deck"}),
    ("enable_mfa", {"org": "acme"}),
    ("update_issue", {"issue": 4, "state": "closed", "force": True}),
    ("remove_label", {"issue": 4, "label": "bug"}),
    ("Bash", {"command": "git status", "description": "Show the working tree"}),
    ("write_file", {"path": "src/app.py", "content": "print('hi')\n"}),
]


@pytest.mark.parametrize(("name", "arguments", "rule"), RISKY, ids=[r[0] for r in RISKY])
def test_risky_calls_are_held(
    engine: RiskEngine, name: str, arguments: dict[str, Any], rule: str
) -> None:
    text, assessment = engine.assess_call(ToolCall(name, arguments))
    assert assessment.decision != "allow", text
    assert any(f.rule.startswith(rule) for f in assessment.findings), assessment.findings


@pytest.mark.parametrize(("name", "arguments"), BENIGN, ids=[b[0] for b in BENIGN])
def test_benign_look_alikes_are_allowed(
    engine: RiskEngine, name: str, arguments: dict[str, Any]
) -> None:
    text, assessment = engine.assess_call(ToolCall(name, arguments))
    assert assessment.decision == "allow", (text, assessment.findings)


def test_an_argument_name_adds_a_reading_and_never_removes_one(engine: RiskEngine) -> None:
    # The same command under a SQL-named, a shell-named and a neutral key is a command each time.
    for key in ("sql", "command", "note", "x"):
        _, assessment = engine.assess_call(ToolCall("do_it", {key: "rm -rf /srv/shared"}))
        assert any(f.rule.startswith("shell.") for f in assessment.findings), key


def test_arguments_not_visible_are_held_unless_the_policy_lists_the_function() -> None:
    unseen = ToolCall("lookup", {}, arguments_visible=False)
    text, held = RiskEngine().assess_call(unseen)
    assert text == "lookup(<arguments not visible to TwoKey>)"
    assert held.decision == "require_approval"
    assert [f.rule for f in held.findings] == ["call.arguments_not_visible"]
    assert "not visible" in held.findings[0].reason
    listed = RiskEngine(TwoKeyConfig(policy=PolicyConfig(allow_unseen_arguments=["lookup"])))
    assert listed.assess_call(unseen)[1].decision == "allow"
    # Listing a function never hides what its name says.
    drop = ToolCall("drop_table", {}, arguments_visible=False)
    trusting = RiskEngine(TwoKeyConfig(policy=PolicyConfig(allow_unseen_arguments=["drop_table"])))
    assert trusting.assess_call(drop)[1].decision == "require_approval"


def test_too_deep_arguments_are_held_not_skipped(engine: RiskEngine) -> None:
    nested: Any = "ls"
    for _ in range(40):
        nested = {"next": nested}
    _, assessment = engine.assess_call(ToolCall("walk", {"plan": nested}))
    assert assessment.decision == "require_approval"
    assert any(f.rule == "call.too_large" for f in assessment.findings)


def test_words_and_sentence() -> None:
    assert words("warehouse.dropTable") == ["warehouse", "drop", "table"]
    assert words("HTTPServerDelete") == ["http", "server", "delete"]
    assert words("rm-rf_now") == ["rm", "rf", "now"]
    call = ToolCall("send_email", {"to": "a@b.example", "cc": None, "urgent": True, "n": 2})
    assert action_sentence(call) == "send email to a@b.example urgent n 2"


def test_rendering_is_canonical_and_puts_code_in_blocks() -> None:
    call = ToolCall("run_sql", {"sql": "DROP TABLE customers", "dry_run": False})
    first, second = render(call).text, render(ToolCall(call.name, dict(call.arguments))).text
    assert first == second
    assert first.startswith("run_sql(sql=<SQL 1 below>, dry_run=false)")
    assert "```sql\nDROP TABLE customers\n```" in first


def test_every_action_rule_has_examples_both_ways() -> None:
    for rule in ACTIONS:
        assert rule.match and rule.not_match, rule.id
