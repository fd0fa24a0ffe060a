"""One process, one port: the Slack app and the gate API over one approval service.

`build_server` wires the pieces; `twokey serve` runs the result with uvicorn.
Everything that has a lifetime (the service's scheduler, Socket Mode, the
webhook and Slack HTTP sessions) starts and stops in the FastAPI lifespan, so
tests and benchmarks that run the app get exactly what production runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError

from bot.api import create_api
from bot.api.metrics import Metrics
from bot.approvals import ApprovalService
from bot.approvals.callbacks import CallbackGuard
from bot.approvals.keys import webhook_secret
from bot.approvals.outbox import error_code
from bot.approvals.webhooks import WebhookSender
from bot.config import ConfigError, Settings, TwoKeyConfig
from bot.humanlayer import mount as mount_humanlayer
from bot.slack.app import create_slack_app, create_web_client
from bot.slack.membership import join_approvals_channel
from bot.slack.notifier import SlackNotifier
from bot.slack.usergroups import SlackUsergroups

log = logging.getLogger(__name__)


def count_slack_errors(client: AsyncWebClient, metrics: Metrics) -> AsyncWebClient:
    """Count every failed Web API call, whoever made it (listeners, notifier, API).

    Every slack_sdk method funnels through `api_call`; wrapping it on this one
    instance observes failures without changing what callers see.
    """
    inner: Callable[..., Awaitable[Any]] = client.api_call

    async def api_call(api_method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return await inner(api_method, *args, **kwargs)
        except Exception:
            metrics.slack_errors.labels(api_method).inc()
            raise

    client.api_call = api_call  # type: ignore[method-assign]
    return client


RETRY_AFTER_SECONDS = 5


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After when the database cannot be reached: try again, nothing was decided."""
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(
        {"detail": "the database is unavailable; nothing was recorded or approved, retry later"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def webhook_auditor(
    service: ApprovalService,
) -> Callable[[str | None, str, dict[str, Any]], Awaitable[None]]:
    """What `WebhookSender` audits with: (request id, action, detail), recorded as TwoKey's act."""

    async def audit(request_id: str | None, action: str, detail: dict[str, Any]) -> None:
        await service.audit(request_id, action, "twokey", detail)

    return audit


class Lifecycle:
    """Starts and stops what the server runs besides request handling."""

    def __init__(
        self,
        service: ApprovalService,
        notifier: SlackNotifier,
        webhooks: WebhookSender,
        client: AsyncWebClient,
        slack_app: AsyncApp,
        app_token: str | None = None,
    ) -> None:
        self.service = service
        self.notifier = notifier
        self.webhooks = webhooks
        self.client = client
        self.slack_app = slack_app
        self.app_token = app_token
        self.socket_mode: Any | None = None
        self._join: asyncio.Task[str] | None = None

    async def start(self) -> None:
        await self.service.start()
        # Everything built so far lives as long as the process: keep the collector off it,
        # so a full collection does not pause requests for tens of milliseconds.
        gc.collect()
        gc.freeze()
        # In the background: a slow or unreachable Slack must not delay serving the API.
        self._join = asyncio.create_task(
            join_approvals_channel(self.client, self.notifier.config.slack.approvals_channel),
            name="twokey-join-approvals",
        )
        if self.app_token:
            # Built here, not earlier: its aiohttp session needs the running event loop.
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            self.socket_mode = AsyncSocketModeHandler(self.slack_app, self.app_token)
            await self.socket_mode.connect_async()
            log.info("connected to Slack in Socket Mode")

    async def stop(self) -> None:
        for task in (self._join,):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self.socket_mode is not None:
            await self.socket_mode.close_async()
        await self.service.stop()
        await self.webhooks.close()
        for client in (self.client, self.notifier.delivery_client):
            session = getattr(client, "session", None)
            if session is not None and not session.closed:
                await session.close()

    @asynccontextmanager
    async def lifespan(self, _app: FastAPI) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()


def build_server(
    settings: Settings,
    config: TwoKeyConfig,
    engine: Engine,
    *,
    metrics: Metrics | None = None,
    risk: Any | None = None,
) -> tuple[FastAPI, Lifecycle]:
    """The app `twokey serve` runs: gate API, /slack/events (HTTP mode) or Socket Mode.

    `risk` replaces the configured risk engine (tests and benchmarks pin verdicts with it).
    """
    if not settings.twokey_secret_key:
        raise ConfigError("environment: TWOKEY_SECRET_KEY must be set")
    metrics = metrics or Metrics()
    client = count_slack_errors(create_web_client(settings), metrics)
    service = ApprovalService(
        engine,
        config,
        secret_key=settings.twokey_secret_key,
        risk=risk,
        usergroups=SlackUsergroups(client),
    )
    delivery_client = count_slack_errors(create_web_client(settings, rate_limit_retries=0), metrics)
    notifier = SlackNotifier(client, config, service, delivery_client=delivery_client).attach()
    metrics.gauge(
        "twokey_slack_effects_undeliverable",
        "Slack effects (cards, prompts, updates, DMs) given up on after every retry.",
        lambda: service.outbox.dead,
    )
    service.outbox.on_dead.append(
        lambda d, reason: metrics.effects_given_up.labels(d.kind, error_code(reason)).inc()
    )
    webhooks = WebhookSender(
        webhook_secret(settings.twokey_secret_key),
        webhook_auditor(service),
        guard=CallbackGuard(config.webhooks),
    )
    service.subscribe(webhooks)
    slack_app = create_slack_app(service, config, settings, client=client, notifier=notifier)
    handler = None if settings.slack_app_token else AsyncSlackRequestHandler(slack_app)
    lifecycle = Lifecycle(
        service, notifier, webhooks, client, slack_app, app_token=settings.slack_app_token
    )
    api = create_api(
        service,
        config,
        settings,
        engine=engine,
        slack_client=client,
        slack_handler=handler,
        metrics=metrics,
        lifespan=lifecycle.lifespan,
    )
    mount_humanlayer(api)
    for error in (OperationalError, InterfaceError, SATimeoutError):
        api.add_exception_handler(error, database_unavailable)
    return api, lifecycle
