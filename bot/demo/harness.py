"""The machinery under the demo: the real server on loopback, and Slack's side of the wire.

`RunningApp` serves exactly what `twokey serve` serves (`bot.server.build_server`:
risk engine, workflow, scheduler, Slack listeners, gate API) with uvicorn on a
free 127.0.0.1 port (`ThreadedApp`: on a thread of its own); `ServeProcess`
runs `twokey serve` itself as a process. `SlackSide` plays Slack towards it:
events and clicks are signed with the signing secret and POSTed to
`/slack/events` over real HTTP, as Slack would deliver them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy.engine import Engine

from bot.config import Settings, TwoKeyConfig
from bot.demo.signing import (
    SIGNING_SECRET,
    button_click,
    signed_event,
    signed_interaction,
    view_submission,
)
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.server import Lifecycle, build_server

START_TIMEOUT = 15.0


@contextlib.contextmanager
def _no_signal_capture() -> Iterator[None]:
    """In place of uvicorn's signal capture: the demo, not the server, owns Ctrl-C."""
    yield


class DemoError(Exception):
    """Something the demo needs did not happen; str() says what."""


async def until(
    check: Callable[[], Any], what: str, *, timeout: float = 10.0, interval: float = 0.02
) -> Any:
    """Poll `check` until it returns something truthy; raise `DemoError(what)` at the timeout.

    Slack acknowledges first and works afterwards, so effects of a request are
    awaited, never assumed.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise DemoError(what)
        await asyncio.sleep(interval)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class RunningApp:
    """One TwoKey server process-in-a-task; `await RunningApp.start(...)`, then `await stop()`."""

    def __init__(
        self,
        api: FastAPI,
        lifecycle: Lifecycle,
        server: uvicorn.Server,
        task: asyncio.Task[None],
        port: int,
    ) -> None:
        self.api = api
        self.lifecycle = lifecycle
        self.server = server
        self.task = task
        self.port = port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    async def start(
        cls, settings: Settings, config: TwoKeyConfig, engine: Engine, *, risk: Any | None = None
    ) -> RunningApp:
        api, lifecycle = build_server(settings, config, engine, risk=risk)
        sock = _free_socket()
        port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(
                api,
                lifespan="on",
                log_config=None,
                log_level="warning",
                access_log=False,
            )
        )
        # The demo owns the process: Ctrl-C must reach the demo, not only the server.
        server.capture_signals = _no_signal_capture  # type: ignore[method-assign]
        task = asyncio.create_task(server.serve(sockets=[sock]), name="twokey-demo-server")
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            if task.done() or time.monotonic() > deadline:
                server.should_exit = True
                with contextlib.suppress(BaseException):
                    await task
                sock.close()
                raise DemoError("the TwoKey server did not start")
            await asyncio.sleep(0.02)
        return cls(api, lifecycle, server, task, port)

    async def settle(self) -> None:
        """Let the service's subscribers (Slack notifier, webhooks) finish what has happened."""
        await self.lifecycle.service.drain()

    async def stop(self) -> None:
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(self.task, timeout=START_TIMEOUT)


class ThreadedApp:
    """A `RunningApp` on an event loop in its own thread.

    For callers that block their own thread (the synchronous TwoKey client, the
    humanlayer SDK): the server cannot share their loop. `call` runs a coroutine
    on the server's loop, where the service lives.
    """

    def __init__(
        self, settings: Settings, config: TwoKeyConfig, engine: Engine, *, risk: Any | None = None
    ) -> None:
        self._build = (settings, config, engine, risk)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="twokey-threaded", daemon=True
        )
        self.running: RunningApp | None = None

    def start(self) -> ThreadedApp:
        self._thread.start()
        settings, config, engine, risk = self._build
        self.running = self.call(
            RunningApp.start(settings, config, engine, risk=risk), timeout=START_TIMEOUT + 5
        )
        return self

    def stop(self) -> None:
        if self.running is not None:
            self.call(self.running.stop(), timeout=START_TIMEOUT + 5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(START_TIMEOUT)
        self.loop.close()

    @property
    def lifecycle(self) -> Lifecycle:
        if self.running is None:
            raise DemoError("the TwoKey server has not started")
        return self.running.lifecycle

    @property
    def url(self) -> str:
        if self.running is None:
            raise DemoError("the TwoKey server has not started")
        return self.running.url

    def call(self, coro: Any, timeout: float = 10) -> Any:
        """Run a coroutine on the server's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)


def standin_settings(
    standin: SlackFake, *, secret_key: str, signing_secret: str = SIGNING_SECRET, **more: Any
) -> Settings:
    """Settings for a TwoKey whose Slack is the stand-in, over HTTP (never Socket Mode)."""
    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=signing_secret,
        slack_app_token=None,
        twokey_secret_key=secret_key,
        twokey_slack_api_url=standin.api_url,
        **more,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with contextlib.closing(_free_socket()) as sock:
        return int(sock.getsockname()[1])


class ServeProcess:
    """`twokey serve` as its own process on loopback, exactly as production starts it.

    For the end-to-end tests and the gate benchmark, which need the server's
    real startup path and its own interpreter. Output goes to `log`.
    """

    def __init__(
        self,
        *,
        slack_api_url: str,
        database_url: str,
        config: Path,
        signing_secret: str,
        secret_key: str,
        cwd: Path,
        log: Path,
        port: int | None = None,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cwd = cwd
        self.log = log
        self.env = {
            **os.environ,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": signing_secret,
            "TWOKEY_SECRET_KEY": secret_key,
            "TWOKEY_SLACK_API_URL": slack_api_url,
            "TWOKEY_DATABASE_URL": database_url,
            "TWOKEY_CONFIG": str(config),
            "TWOKEY_LOG_LEVEL": "WARNING",
        }
        self.env.pop("SLACK_APP_TOKEN", None)
        self.command = [
            sys.executable,
            "-m",
            "bot",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> ServeProcess:
        """Start the process and wait until `/healthz` answers 200; `DemoError` otherwise."""
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                self.command, env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise DemoError(f"twokey serve exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise DemoError(f"twokey serve did not become healthy within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


class SlackSide:
    """What Slack sends TwoKey: signed events and interactions, over HTTP."""

    def __init__(self, base_url: str, signing_secret: str) -> None:
        self.http = httpx.AsyncClient(base_url=base_url, timeout=15.0)
        self.secret = signing_secret
        self._ts = itertools.count(1)

    async def close(self) -> None:
        await self.http.aclose()

    def new_ts(self) -> str:
        """A message timestamp, unique and increasing like Slack's."""
        return f"{int(time.time())}.{next(self._ts):06d}"

    async def _post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        response = await self.http.post("/slack/events", content=body, headers=headers)
        if response.status_code != 200:
            raise DemoError(f"TwoKey answered Slack's request with HTTP {response.status_code}")
        return response

    async def agent_posts(self, *, channel: str, bot_id: str, bot_user: str, text: str) -> str:
        """An agent's message in a channel, delivered as a `message` event; returns its ts."""
        ts = self.new_ts()
        event = {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": bot_id,
            "user": bot_user,
            "text": text,
            "ts": ts,
            "channel": channel,
            "channel_type": "channel",
            "event_ts": ts,
        }
        body, headers = signed_event(event, secret=self.secret)
        await self._post(body, headers)
        return ts

    async def click(
        self, *, user: str, action_id: str, value: str, channel: str, ts: str
    ) -> httpx.Response:
        """A button press on a message (`block_actions`)."""
        payload = button_click(user=user, action_id=action_id, value=value, channel=channel, ts=ts)
        body, headers = signed_interaction(payload, secret=self.secret)
        return await self._post(body, headers)

    async def submit_view(self, *, user: str, view: dict[str, Any], value: str) -> httpx.Response:
        """Submit a modal TwoKey opened, with `value` typed into its text box.

        Slack echoes back the view's callback id and private metadata; so does this.
        """
        payload = view_submission(user=user, view=view, value=value)
        body, headers = signed_interaction(payload, secret=self.secret)
        return await self._post(body, headers)
