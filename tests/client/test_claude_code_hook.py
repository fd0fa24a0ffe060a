"""`twokey hook claude-code`: Claude Code's PreToolUse hook, run as Claude Code runs it —
a new process per tool call with the event's JSON on standard input — against a real
server on loopback, with the approver's decision made in the Slack stand-in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.client.conftest import Gate, card_posted
from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
HELD = "psql -h db.internal -c 'DROP TABLE web_events'"


def event(command: str, **extra: Any) -> str:
    return json.dumps(
        {
            "session_id": "sess-1",
            "transcript_path": str(ROOT / "t.jsonl"),
            "cwd": str(ROOT),
            "permission_mode": "default",
            "hook_event_name": "PreToolUse",
            "tool_name": "Bash",
            "tool_input": {"command": command, "description": "a step"},
            "tool_use_id": f"toolu_{time.monotonic_ns()}",
            **extra,
        }
    )


def hook(env: dict[str, str], via: str = "client") -> subprocess.Popen[str]:
    command = {
        "client": [sys.executable, "-m", "twokey_client.hooks", "claude-code"],
        "twokey": [sys.executable, "-m", "bot", "hook", "claude-code"],
    }[via]
    full_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command,
        env=full_env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def answer(proc: subprocess.Popen[str], stdin: str | None = None) -> dict[str, Any]:
    out, err = proc.communicate(stdin, timeout=30)
    assert proc.returncode == 0, err
    body = json.loads(out)["hookSpecificOutput"]
    assert body["hookEventName"] == "PreToolUse"
    return body  # type: ignore[no-any-return]


def start(proc: subprocess.Popen[str], stdin: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()


def finish(proc: subprocess.Popen[str]) -> dict[str, Any]:
    assert proc.stdout is not None
    proc.wait(30)
    assert proc.returncode == 0
    return json.loads(proc.stdout.read())["hookSpecificOutput"]  # type: ignore[no-any-return]


def test_allowed_command_is_allowed_at_once(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    for via in ("client", "twokey"):
        started = time.monotonic()
        body = answer(hook(gate.env, via), event("ls -la"))
        assert body["permissionDecision"] == "allow", body
        assert "TwoKey allowed this call" in body["permissionDecisionReason"]
        assert time.monotonic() - started < 10
    assert not card_posted(gate.fake)


def test_held_then_approved_in_slack_is_allowed_with_who_approved(
    gate_env: Callable[..., Gate],
) -> None:
    gate = gate_env()
    proc = hook(gate.env)
    start(proc, event(HELD))
    wait_for(lambda: card_posted(gate.fake), what="the approval card")
    time.sleep(0.2)
    assert proc.poll() is None  # still waiting for the decision
    request_id = gate.approve()
    body = finish(proc)
    assert body["permissionDecision"] == "allow", body
    assert body["permissionDecisionReason"].startswith("Approved in TwoKey by U0PLAT001")
    assert request_id in body["permissionDecisionReason"]
    view = gate.server.call(gate.server.service.get(request_id))
    assert view.status == "executed"  # the approval was spent by this tool call
    assert view.instruction.startswith("Bash(command=<command 1 below>")


def test_denied_in_slack_is_denied_with_the_approvers_reason(
    gate_env: Callable[..., Gate],
) -> None:
    gate = gate_env()
    proc = hook(gate.env)
    start(proc, event(HELD))
    gate.deny("use the staging copy")
    body = finish(proc)
    assert body["permissionDecision"] == "deny"
    assert "Denied in TwoKey by U0PLAT001: use the staging copy" in body["permissionDecisionReason"]


def test_expired_is_denied(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env(default_timeout=1.0, reminder_after=None, escalate_after=None)
    body = answer(hook(gate.env), event(HELD))
    assert body["permissionDecision"] == "deny"
    assert body["permissionDecisionReason"].startswith("Expired in TwoKey")


def test_hook_wait_ending_first_withdraws_and_denies(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    body = answer(hook({**gate.env, "TWOKEY_HOOK_TIMEOUT": "0.5"}), event(HELD))
    assert body["permissionDecision"] == "deny"
    assert "withdrawn" in body["permissionDecisionReason"]


def test_blocked_is_denied_with_the_policy_reason(gate_env: Callable[..., Gate]) -> None:
    gate = gate_env()
    body = answer(hook(gate.env), event("rm -rf / --no-preserve-root"))
    assert body["permissionDecision"] == "deny"
    assert body["permissionDecisionReason"].startswith("Blocked by TwoKey policy")


def test_gate_down_is_denied(gate_down: dict[str, str]) -> None:
    body = answer(hook(gate_down), event("ls -la"))
    assert body["permissionDecision"] == "deny"
    assert "fail closed" in body["permissionDecisionReason"]


def test_unreadable_input_or_missing_configuration_is_denied(gate_down: dict[str, str]) -> None:
    assert answer(hook(gate_down), "{not json")["permissionDecision"] == "deny"
    assert answer(hook(gate_down), json.dumps({"x": 1}))["permissionDecision"] == "deny"
    missing = {k: "" for k in gate_down}
    body = answer(hook(missing), event("ls -la"))
    assert body["permissionDecision"] == "deny"
    assert "TWOKEY_URL" in body["permissionDecisionReason"]


def test_the_hook_does_not_import_the_server_or_httpx() -> None:
    probe = (
        "import sys; from twokey_client import hooks;"
        " print([m for m in ('bot', 'httpx', 'pydantic', 'fastapi') if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.stdout.strip() == "[]", done.stderr
