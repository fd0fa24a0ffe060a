"""The real, unmodified humanlayer SDK (0.7.9) against a running TwoKey.

Each test starts the whole server on a loopback port, points the SDK at it
with HUMANLAYER_API_BASE / HUMANLAYER_API_KEY, and plays the people in Slack
with signed clicks and modal submissions — the same flow a real approver uses.
Only the SDK's poll interval is shortened (its `sleep` field); one test runs an
agent file exactly as the issue states it, with nothing but the two variables.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from humanlayer import (
    AsyncHumanLayer,
    ContactChannel,
    HumanLayer,
    ResponseOption,
    SlackContactChannel,
)

from bot.config import TwoKeyConfig
from bot.demo.slack_standin import SlackFake
from bot.slack import blocks
from bot.slack.blocks import contacts as contact_blocks
from tests.conftest import wait_for
from tests.humanlayer.conftest import (
    APPROVALS_CHANNEL,
    APPROVER,
    EMPLOYEE,
    Keys,
    LiveServer,
    click,
    config_with,
    find_button,
    submit_view,
    view_with,
)

RISKY_SQL = "DROP TABLE web_events"
Factory = Callable[[TwoKeyConfig], LiveServer]


def fast_sleep(_: int) -> None:
    time.sleep(0.05)


async def fast_async_sleep(_: int) -> None:
    await asyncio.sleep(0.05)


@pytest.fixture
def sdk_env(monkeypatch: pytest.MonkeyPatch, keys: Keys) -> Callable[[LiveServer], None]:
    def point(server: LiveServer) -> None:
        monkeypatch.setenv("HUMANLAYER_API_BASE", server.humanlayer_base)
        monkeypatch.setenv("HUMANLAYER_API_KEY", keys.opsbot)
        monkeypatch.delenv("HUMANLAYER_RUN_ID", raising=False)

    return point


def press(
    server: LiveServer, fake: SlackFake, *, user: str, channel: str, action: str, what: str
) -> str:
    """Wait for a button TwoKey posted, click it as `user`, return its value (the id)."""
    message, value = wait_for(lambda: find_button(fake, channel, action), what=what)
    response = click(
        server.url, user=user, action_id=action, value=value, channel=channel, ts=message.ts
    )
    assert response.status_code == 200
    return value


def fill_modal(
    server: LiveServer, fake: SlackFake, *, user: str, view: str, value: str, text: str, what: str
) -> None:
    modal = wait_for(lambda: view_with(fake, view, "id", value), what=what)
    assert submit_view(server.url, user=user, view=modal, text=text).status_code == 200


def approve_card(server: LiveServer, fake: SlackFake) -> str:
    return press(
        server,
        fake,
        user=APPROVER,
        channel=APPROVALS_CHANNEL,
        action=blocks.APPROVE,
        what="the approval card",
    )


def deny_card(server: LiveServer, fake: SlackFake, reason: str) -> str:
    request_id = press(
        server,
        fake,
        user=APPROVER,
        channel=APPROVALS_CHANNEL,
        action=blocks.DENY,
        what="the approval card",
    )
    fill_modal(
        server,
        fake,
        user=APPROVER,
        view=blocks.DENY_VIEW,
        value=request_id,
        text=reason,
        what="the deny modal",
    )
    return request_id


def reply_in_dm(server: LiveServer, fake: SlackFake, user: str, text: str) -> str:
    dm = fake.dm_channel(user)
    contact_id = press(
        server, fake, user=user, channel=dm, action=contact_blocks.REPLY, what="the question"
    )
    fill_modal(
        server,
        fake,
        user=user,
        view=contact_blocks.REPLY_VIEW,
        value=contact_id,
        text=text,
        what="the reply modal",
    )
    return contact_id


# ---- the sync client --------------------------------------------------------------------------


def test_risky_call_waits_for_an_approver_then_runs(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    server = live_factory(example_config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep)
    ran: list[str] = []

    @hl.require_approval()
    def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_sql, sql=RISKY_SQL)
        wait_for(lambda: find_button(fake, APPROVALS_CHANNEL, blocks.APPROVE), what="card")
        time.sleep(0.3)  # several polls while undecided
        assert not result.done() and ran == []
        approve_card(server, fake)
        assert result.result(timeout=20) == "done"
    assert ran == [RISKY_SQL]


def test_denial_returns_the_sdk_denial_string_with_twokeys_reason(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    server = live_factory(example_config)
    sdk_env(server)
    channel = ContactChannel(
        slack=SlackContactChannel(
            channel_or_user_id="C0OPSCHAN", context_about_channel_or_user="the ops channel"
        )
    )
    hl = HumanLayer(sleep=fast_sleep, contact_channel=channel)
    ran: list[str] = []

    @hl.require_approval()
    def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run_sql, sql=RISKY_SQL)
        request_id = deny_card(server, fake, "use the staging copy")
        text = result.result(timeout=20)
    assert text.startswith("User in the ops channel denied run_sql with message: Denied in TwoKey")
    assert "use the staging copy" in text and request_id in text
    assert ran == []


def test_expiry_is_a_denial(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    config = config_with(
        example_config, default_timeout=1.0, reminder_after=None, escalate_after=None
    )
    server = live_factory(config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep)
    ran: list[str] = []

    @hl.require_approval()
    def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        text = pool.submit(run_sql, sql=RISKY_SQL).result(timeout=30)
    assert text.startswith("User denied run_sql with message: Expired:")
    assert "no answer as a no" in text
    assert ran == []


def test_blocked_call_never_runs(
    live_factory: Factory, example_config: TwoKeyConfig, sdk_env: Any
) -> None:
    server = live_factory(example_config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep)
    ran: list[str] = []

    @hl.require_approval()
    def shell(command: str) -> str:
        ran.append(command)
        return "ran"

    text = shell(command="rm -rf / --no-preserve-root")
    assert text.startswith("User denied shell with message: Blocked by TwoKey policy")
    assert ran == []


def test_human_as_tool_returns_the_employees_reply(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    server = live_factory(example_config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep)
    ask = hl.human_as_tool(ContactChannel(slack=SlackContactChannel(channel_or_user_id=EMPLOYEE)))
    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(ask, "Which region should the new cluster go to?")
        contact_id = reply_in_dm(server, fake, EMPLOYEE, "eu-west-1, please")
        assert answer.result(timeout=20) == "eu-west-1, please"
    # The question in Slack now shows who answered and has no button left.
    dm = fake.dm_channel(EMPLOYEE)
    closed = wait_for(
        lambda: next(
            (m for m in fake.messages_in(dm) if m.updates and contact_id in str(m.blocks)), None
        ),
        what="the closed question",
    )
    assert "Answered by" in str(closed.blocks)
    assert find_button(fake, dm, contact_blocks.REPLY) is None


def test_human_as_tool_response_options_prefill_and_are_recorded(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any, keys: Keys
) -> None:
    server = live_factory(example_config)
    sdk_env(server)
    hl = HumanLayer(sleep=fast_sleep, genid=lambda prefix: f"{prefix}-fixed")
    ask = hl.human_as_tool(
        ContactChannel(slack=SlackContactChannel(channel_or_user_id=EMPLOYEE)),
        response_options=[
            ResponseOption(name="later", title="Not now"),
            ResponseOption(name="go", title="Go ahead", prompt_fill="Yes, go ahead with the plan"),
        ],
    )
    option_button = f"{contact_blocks.REPLY_OPTION}:1"
    dm = fake.dm_channel(EMPLOYEE)
    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(ask, "Shall I start the migration?")
        message, value = wait_for(lambda: find_button(fake, dm, option_button), what="options")
        assert "Suggested answers" in str(message.blocks) and "Not now" in str(message.blocks)
        click(
            server.url,
            user=EMPLOYEE,
            action_id=option_button,
            value=value,
            channel=dm,
            ts=message.ts,
        )
        contact_id = value.split(":")[0]
        modal = wait_for(
            lambda: view_with(fake, contact_blocks.REPLY_VIEW, "option", "go"), what="the modal"
        )
        element = modal["blocks"][-1]["element"]
        assert element["initial_value"] == "Yes, go ahead with the plan"
        submit_view(server.url, user=EMPLOYEE, view=modal, text=element["initial_value"])
        assert answer.result(timeout=20) == "Yes, go ahead with the plan"
    got = httpx.get(
        f"{server.humanlayer_base}/contact_requests/call-fixed",
        headers={"Authorization": f"Bearer {keys.opsbot}"},
    ).json()
    assert got["status"]["response_option_name"] == "go"
    assert got["twokey"]["contact_id"] == contact_id


def test_an_agent_file_works_with_only_the_two_variables(
    live_factory: Factory, example_config: TwoKeyConfig, keys: Keys, tmp_path: Path
) -> None:
    """The issue's "done when": `HumanLayer()` with nothing but the environment (real 3 s polls)."""
    server = live_factory(example_config)
    agent = tmp_path / "agent.py"
    agent.write_text(
        textwrap.dedent(
            """
            from humanlayer import HumanLayer

            hl = HumanLayer()

            @hl.require_approval()
            def add(a: int, b: int) -> int:
                return a + b

            print("result:", add(a=2, b=3))
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUMANLAYER_")}
    env |= {"HUMANLAYER_API_BASE": server.humanlayer_base, "HUMANLAYER_API_KEY": keys.opsbot}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(agent)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "result: 5"
    assert time.monotonic() - started < 30  # one poll after the first 3 s sleep, not a wait


# ---- the async client ---------------------------------------------------------------------------


async def test_async_client_confirm_approve_and_contact(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    """Async SDK: the employee confirms in Slack, an approver approves, then a question."""
    server = await asyncio.to_thread(live_factory, example_config)
    sdk_env(server)
    hl = AsyncHumanLayer(
        sleep=fast_async_sleep,
        contact_channel=ContactChannel(slack=SlackContactChannel(channel_or_user_id=EMPLOYEE)),
    )
    ran: list[str] = []

    @hl.require_approval()
    async def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    task = asyncio.create_task(run_sql(sql=RISKY_SQL))
    dm = fake.dm_channel(EMPLOYEE)
    message, request_id = await asyncio.to_thread(
        wait_for, lambda: find_button(fake, dm, blocks.CONFIRM), "the requester's prompt"
    )
    await asyncio.to_thread(
        click,
        server.url,
        user=EMPLOYEE,
        action_id=blocks.CONFIRM,
        value=request_id,
        channel=dm,
        ts=message.ts,
    )
    modal = await asyncio.to_thread(
        wait_for, lambda: view_with(fake, blocks.JUSTIFY_VIEW, "id", request_id), "modal"
    )
    await asyncio.to_thread(submit_view, server.url, user=EMPLOYEE, view=modal, text="ticket OPS-7")
    assert not task.done()
    await asyncio.to_thread(approve_card, server, fake)
    assert await asyncio.wait_for(task, 20) == "done"
    assert ran == [RISKY_SQL]

    ask = hl.human_as_tool()
    question = asyncio.create_task(ask("Is the maintenance window still 02:00 UTC?"))
    await asyncio.to_thread(reply_in_dm, server, fake, EMPLOYEE, "yes")
    assert await asyncio.wait_for(question, 20) == "yes"


async def test_async_client_denial_and_low_risk(
    live_factory: Factory, example_config: TwoKeyConfig, fake: SlackFake, sdk_env: Any
) -> None:
    server = await asyncio.to_thread(live_factory, example_config)
    sdk_env(server)
    hl = AsyncHumanLayer(sleep=fast_async_sleep)
    ran: list[str] = []

    @hl.require_approval()
    def lookup(city: str) -> str:  # a plain function works too
        ran.append(city)
        return f"sunny in {city}"

    assert await asyncio.wait_for(lookup(city="Oslo"), 20) == "sunny in Oslo"

    @hl.require_approval()
    async def run_sql(sql: str) -> str:
        ran.append(sql)
        return "done"

    task = asyncio.create_task(run_sql(sql=RISKY_SQL))
    await asyncio.to_thread(deny_card, server, fake, "not during the freeze")
    text = await asyncio.wait_for(task, 20)
    assert text.startswith("User denied run_sql with message: Denied in TwoKey")
    assert "not during the freeze" in text
    assert ran == ["Oslo"]
