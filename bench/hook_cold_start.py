"""Cold start of the Claude Code hook for an allowed command, against a real `twokey serve`.

    .venv/bin/python bench/hook_cold_start.py [--runs 30]

Starts `twokey serve` on loopback (SQLite, Slack = the local stand-in), then runs
the hook as Claude Code does — a new process per tool call, the PreToolUse JSON
on standard input — for an allowed `Bash` call (`ls -la`), and times each run
from spawn to exit. Measured three ways: the client's console script entry
(`python -m twokey_client.hooks claude-code`), the server's `twokey hook
claude-code` (`python -m bot hook claude-code`, which must not import the server),
and a bare `python -c pass` as the interpreter's own floor. Also counts the
modules the hook imports. Goal: median under 150 ms for the hook; printed,
never enforced. Exit status 1 only if the server could not start or the hook
did not answer "allow".
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.demo.harness import DemoError, ServeProcess  # noqa: E402
from bot.demo.slack_standin import SlackFake  # noqa: E402

CONFIG = ROOT / "examples" / "twokey.yml"
GOAL_MS = 150.0
EVENT = {
    "session_id": "bench-session",
    "transcript_path": str(ROOT / "transcript.jsonl"),
    "cwd": str(ROOT),
    "permission_mode": "default",
    "hook_event_name": "PreToolUse",
    "tool_name": "Bash",
    "tool_input": {"command": "ls -la", "description": "List files"},
}


def _create_key(server: ServeProcess) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "keys", "create", "--agent", "opsbot"],
        env=server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"keys create failed: {done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


def _time(command: list[str], env: dict[str, str], runs: int, event: bool) -> list[float]:
    took = []
    for i in range(runs):
        stdin = json.dumps({**EVENT, "tool_use_id": f"toolu_{i}"}) if event else ""
        started = time.perf_counter()
        done = subprocess.run(
            command, input=stdin, env=env, capture_output=True, text=True, timeout=60
        )
        took.append(time.perf_counter() - started)
        if event:
            answer = json.loads(done.stdout)["hookSpecificOutput"]
            if answer["permissionDecision"] != "allow":
                raise RuntimeError(f"the hook did not allow `ls -la`: {answer}")
    return took


def _line(label: str, took: list[float], goal: bool) -> str:
    ordered = sorted(took)
    p90 = ordered[round(0.9 * (len(ordered) - 1))]
    tail = f"   (goal < {GOAL_MS:g} ms)" if goal else ""
    return (
        f"  {label:<34} median {statistics.median(took) * 1000:6.1f} ms"
        f"   p90 {p90 * 1000:6.1f} ms{tail}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="twokey-hook-") as tmp, SlackFake() as slack:
        server = ServeProcess(
            slack_api_url=slack.api_url,
            database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
            config=CONFIG,
            signing_secret="bench-" + secrets.token_hex(8),
            secret_key=secrets.token_hex(32),
            cwd=ROOT,
            log=Path(tmp) / "serve.log",
        )
        try:
            key = _create_key(server)
            server.start()
        except (RuntimeError, DemoError) as exc:
            print(f"could not start the server: {exc}", file=sys.stderr)
            return 1
        try:
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "TWOKEY_URL": server.url,
                "TWOKEY_API_KEY": key,
                "TWOKEY_REQUESTER": "U0EMP0001",
            }
            py = sys.executable
            client = [py, "-m", "twokey_client.hooks", "claude-code"]
            via_server = [py, "-m", "bot", "hook", "claude-code"]
            _time(client, env, 3, True)  # warm the disk cache and the server
            print(f"server: twokey serve on {server.url}; {args.runs} runs each\n")
            print("PreToolUse for Bash `ls -la` (allowed), spawn to exit:")
            print(
                _line(
                    "python -c pass (floor)",
                    _time([py, "-c", "pass"], env, args.runs, False),
                    False,
                )
            )
            print(_line("python -m twokey_client.hooks", _time(client, env, args.runs, True), True))
            print(
                _line(
                    "python -m bot hook claude-code", _time(via_server, env, args.runs, True), True
                )
            )
            probe = (
                "import sys, io; sys.stdin = io.StringIO(sys.argv[1]);"
                " from twokey_client import hooks; hooks.main(['claude-code']);"
                " heavy = sorted(m for m in ('httpx', 'pydantic', 'fastapi', 'sqlalchemy', 'bot')"
                " if m in sys.modules); print(len(sys.modules), heavy, file=sys.stderr)"
            )
            event = json.dumps({**EVENT, "tool_use_id": "toolu_probe"})
            done = subprocess.run(
                [py, "-c", probe, event], env=env, capture_output=True, text=True, timeout=60
            )
            count, heavy = done.stderr.strip().split(" ", 1)
            print(f"\nmodules loaded by the hook: {count}; heavy ones among them: {heavy}")
        except RuntimeError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
