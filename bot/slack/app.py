"""The Slack app: one set of listeners for HTTP mode and Socket Mode.

`create_slack_app` builds a slack-bolt `AsyncApp` whose listeners only
translate Slack payloads into calls on the approval service and back. The
server mounts it at `POST /slack/events` (HTTP mode, every request's signature
verified by bolt) or hands it to `AsyncSocketModeHandler` when an app-level
token is set; the listeners do not know which.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.slack.authorize import tolerate_auth_test_failures
from bot.slack.deps import SlackDeps
from bot.slack.notifier import SlackNotifier
from bot.slack.usergroups import SlackUsergroups

log = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"


def create_web_client(settings: Settings, *, rate_limit_retries: int = 3) -> AsyncWebClient:
    """The bot's Web API client: `TWOKEY_SLACK_API_URL` honoured, rate limits retried.

    On HTTP 429 slack_sdk's retry handler waits for `Retry-After` and tries
    again; connection resets are retried once.
    """
    base_url = settings.twokey_slack_api_url or SLACK_API_URL
    if not base_url.endswith("/"):
        base_url += "/"
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=base_url,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
        ],
    )


def create_slack_app(
    service: ApprovalService,
    config: TwoKeyConfig,
    settings: Settings,
    *,
    client: AsyncWebClient | None = None,
    notifier: SlackNotifier | None = None,
    process_before_response: bool = False,
) -> AsyncApp:
    """Build the bolt app with every TwoKey listener registered.

    `notifier` (optional) is the `SlackNotifier` already attached to `service`;
    without one, a notifier is built on the same client and attached here, so
    the app is complete on its own. Attach exactly one notifier per service.
    `app.twokey` exposes the `SlackDeps` (tests, the server).
    """
    if client is None:
        client = notifier.client if notifier is not None else create_web_client(settings)
    signing_secret = settings.slack_signing_secret
    if not signing_secret:
        if not settings.slack_app_token:
            log.warning("SLACK_SIGNING_SECRET is not set: every HTTP request will be refused")
        # Fail closed: an empty secret would let anyone sign; a random one lets no one.
        signing_secret = secrets.token_hex(32)
    if notifier is None:
        notifier = SlackNotifier(client, config, service).attach()
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        process_before_response=process_before_response,
        name="twokey",
    )
    deps = SlackDeps(
        service=service, config=config, notifier=notifier, usergroups=SlackUsergroups(client)
    )
    tolerate_auth_test_failures(app)
    app.twokey = deps  # type: ignore[attr-defined]
    register_listeners(app, deps)
    return app


def register_listeners(app: AsyncApp, deps: SlackDeps) -> None:
    """Wire every Slack surface TwoKey handles (see manifest.yml).

    `/twokey` has one listener (commands), which acks first and hands admin words to
    `history.admin_command`.
    """
    from bot.slack.listeners import (
        actions,
        commands,
        contacts,
        events,
        history,
        home,
        shortcuts,
        views,
    )

    for module in (events, actions, views, shortcuts, history, commands, home, contacts):
        module.register(app, deps)


def deps_of(app: AsyncApp) -> SlackDeps:
    deps: Any = getattr(app, "twokey", None)
    if not isinstance(deps, SlackDeps):
        raise RuntimeError("not an app built by create_slack_app")
    return deps
