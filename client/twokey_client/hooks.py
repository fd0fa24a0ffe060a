"""Claude Code's PreToolUse hook: `twokey-hook claude-code` (also `twokey hook claude-code`).

Claude Code runs the hook before every tool call with JSON on standard input
(`tool_name`, `tool_input`, `session_id`, `tool_use_id`, `cwd`, …) and reads
its decision from standard output:

    {"hookSpecificOutput": {"hookEventName": "PreToolUse",
                            "permissionDecision": "allow" | "deny",
                            "permissionDecisionReason": "…"}}

The call goes to the gate as structure (the tool's name and its input). Allowed
→ "allow" at once. Held → the hook waits for the decision in Slack and answers
"allow" (the approval's execution token is redeemed first) or "deny" with the
approver's reason. Expiry, the gate down, a missing variable or unreadable
input → "deny" with the reason: fail closed. It always exits 0 with a decision,
because Claude Code treats a crashed hook as no objection.

It imports only the standard library and `twokey_client.protocol`: it runs on
every tool call, so its cold start is kept small (see bench/hook_cold_start.py).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from twokey_client import protocol
from twokey_client.messages import allowed_reason, refused_reason
from twokey_client.protocol import NotApproved

ENV_TIMEOUT = "TWOKEY_HOOK_TIMEOUT"
DEFAULT_TIMEOUT = 540.0
"""Seconds to wait for a person; below Claude Code's hook timeout (set 600 in settings.json),
so the hook answers "deny" itself instead of being killed (a killed hook does not block)."""


def decision(kind: str, reason: str) -> dict[str, Any]:
    """The documented PreToolUse output."""
    return {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": kind,
            "permissionDecisionReason": reason,
        }
    }


def _idempotency_key(event: Mapping[str, Any]) -> str | None:
    session, use = event.get("session_id"), event.get("tool_use_id")
    if isinstance(session, str) and isinstance(use, str) and session and use:
        return f"claude-code:{session}:{use}"[:200]
    return None


def claude_code(raw: str, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The hook's answer to one PreToolUse event (never raises)."""
    source = os.environ if env is None else env
    try:
        event = json.loads(raw)
    except ValueError:
        return decision("deny", "TwoKey could not read the hook input (not JSON); denied.")
    if not isinstance(event, dict) or not isinstance(event.get("tool_name"), str):
        return decision("deny", "TwoKey got a hook input without tool_name; denied.")
    tool_input = event.get("tool_input")
    if tool_input is None:
        tool_input = {}
    if not isinstance(tool_input, dict):
        tool_input = {"input": tool_input}
    try:
        from twokey_client.stdlib import Driver

        gate = protocol.load_gate(env=source)
        timeout = float(source.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT)
        approval = Driver(gate).run(
            protocol.authorize(
                gate,
                tool=(event["tool_name"], tool_input),
                requester=source.get(protocol.ENV_REQUESTER),
                agent=source.get(protocol.ENV_AGENT),
                timeout=timeout,
                idempotency_key=_idempotency_key(event),
            )
        )
    except NotApproved as refusal:
        return decision("deny", refused_reason(refusal))
    except protocol.TwoKeyError as exc:
        return decision("deny", refused_reason(protocol.failure(exc)))
    except Exception as exc:  # fail closed on anything unforeseen, and say so
        return decision("deny", f"TwoKey's hook failed ({type(exc).__name__}: {exc}); denied.")
    return decision("allow", allowed_reason(approval))


HOOKS = {"claude-code": claude_code}


def main(argv: list[str] | None = None, stdin: TextIO | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in HOOKS:
        names = "|".join(HOOKS)
        print(f"usage: twokey-hook {{{names}}}  (the hook's JSON on stdin)", file=sys.stderr)
        return 2
    answer = HOOKS[args[0]]((stdin or sys.stdin).read())
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
