"""Rendering calls for the risk engine, and routing the SDK's Slack hints."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.humanlayer.mapping import call_digest, render_call, routing
from bot.humanlayer.models import FunctionCallIn
from bot.risk import RiskEngine


@pytest.fixture(scope="module")
def risk(example_config: TwoKeyConfig) -> RiskEngine:
    return RiskEngine(example_config)


def test_call_line_is_readable_and_code_arguments_are_fenced() -> None:
    rendered = render_call(
        "deploy", {"env": "prod", "replicas": 3, "command": "kubectl rollout restart deploy/api"}
    )
    first, _, rest = rendered.text.partition("\n\n")
    assert first == 'deploy(env="prod", replicas=3, command=<command 1 below>)'
    assert rest == "Command 1 (command):\n```bash\nkubectl rollout restart deploy/api\n```"
    assert rendered.assessed_as == {"shell": ["command"]}
    assert render_call("deploy", {"env": "prod"}).text == 'deploy(env="prod")'


@pytest.mark.parametrize(
    ("kwargs", "decision"),
    [
        ({"sql": "DROP TABLE web_events"}, "require_approval"),
        ({"query": "SELECT count(*) FROM orders"}, "allow"),
        ({"cmd": "rm -rf /var/lib/postgres"}, "require_approval"),
        ({"notes": "SELECT ssn FROM customers"}, "require_approval"),  # reads as SQL anyway
        ({"city": "Paris", "days": 3}, "allow"),
    ],
)
def test_arguments_are_assessed_as_what_they_are(
    risk: RiskEngine, kwargs: dict, decision: str
) -> None:
    assert risk.assess(render_call("tool", kwargs).text).decision == decision


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cmd": ["rm", "-rf", "/var/lib/postgres"]},
        {"args": ["rm", "-rf", "/var/lib/postgres"]},
        {"step": {"command": "rm -rf /var/lib/postgres"}},
        {"steps": ["rm -rf /var/lib/postgres"]},
        {"plan": {"steps": [{"shell": ["rm", "-rf", "/var/lib/postgres"]}]}},
        {"cmd": ["ls", "rm -rf /var/lib/postgres"]},
        {"params": {"sql": "DELETE FROM customers"}},
    ],
)
def test_commands_in_lists_and_nested_values_are_assessed(risk: RiskEngine, kwargs: dict) -> None:
    assert risk.assess(render_call("run", kwargs).text).decision != "allow"


def test_nested_code_gets_its_own_block_and_argv_is_joined() -> None:
    rendered = render_call(
        "run",
        {
            "env": "prod",
            "step": {"command": "rm -rf /x", "retries": 2},
            "cmd": ["rm", "-rf", "/my dir"],
        },
    )
    first, _, rest = rendered.text.partition("\n\n")
    assert first == (
        'run(env="prod", step={"command": <command 1 below>, "retries": 2}, cmd=<command 2 below>)'
    )
    assert rest == (
        "Command 1 (step.command):\n```bash\nrm -rf /x\n```\n\n"
        "Command 2 (cmd):\n```bash\nrm -rf '/my dir'\n```"
    )
    assert rendered.assessed_as == {"shell": ["step.command", "cmd"]}
    # Plain data stays inline, and a key cannot start a line of its own.
    assert render_call("f", {"tags": ["a b", "c"], "n": {"x": 1}}).text == (
        'f(tags=["a b", "c"], n={"x": 1})'
    )
    assert "\n```" not in render_call("f", {"k": {"a\n```": "x"}}).text


def test_a_value_cannot_close_its_fence(risk: RiskEngine) -> None:
    sneaky = "SELECT 1;\n```\nharmless prose\n```sql\nDROP TABLE web_events"
    rendered = render_call("run_sql", {"sql": sneaky})
    assert "````sql\n" in rendered.text  # a longer fence than any run inside the value
    assessment = risk.assess(rendered.text)
    assert assessment.decision == "require_approval"
    assert any(f.rule.startswith("sql.") for f in assessment.findings)


def test_rendering_is_deterministic_and_digest_ignores_the_bot_token() -> None:
    body = {
        "run_id": "r",
        "call_id": "c",
        "spec": {
            "fn": "f",
            "kwargs": {"b": 1, "a": [1, 2]},
            "channel": {"slack": {"channel_or_user_id": "C0X", "bot_token": "xoxb-1"}},
        },
    }
    one = FunctionCallIn.model_validate(body)
    body["spec"]["channel"]["slack"]["bot_token"] = "xoxb-2"  # type: ignore[index]
    two = FunctionCallIn.model_validate(body)
    assert call_digest(one) == call_digest(two)
    assert render_call("f", {"b": 1, "a": [1, 2]}).text == "f(b=1, a=[1, 2])"


def test_routing_user_channel_and_narrowing() -> None:
    def route(slack: dict | None):
        spec = {"fn": "f", "kwargs": {}, "channel": {"slack": slack} if slack else None}
        return routing(FunctionCallIn.model_validate({"run_id": "r", "call_id": "c", "spec": spec}))

    assert route(None).requester is None and route(None).allowed_approvers is None
    dm = route({"channel_or_user_id": "U0EMP0001", "allowed_responder_ids": ["U1A", "U1A"]})
    assert dm.requester == "U0EMP0001" and dm.allowed_approvers == ["U1A"]
    channel = route({"channel_or_user_id": "C0OPS", "context_about_channel_or_user": "ops"})
    assert channel.requester is None and channel.context == "ops"
