"""Bolt's single-workspace authorization, without dropping requests when `auth.test` fails.

Bolt calls `auth.test` once, on the first request, to learn the bot's ids. If
that call fails (Slack briefly down, a plain-text 500), stock bolt answers the
request with HTTP 200 and an "install this app" message: a click acknowledged
and then thrown away. Here the request is handled with the configured token
instead, and `auth.test` is tried again on the next request until it succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.middleware.authorization.async_single_team_authorization import (
    AsyncSingleTeamAuthorization,
)
from slack_bolt.middleware.authorization.internals import (
    _is_no_auth_required,
    _is_no_auth_test_call_required,
)
from slack_bolt.response import BoltResponse

from bot.slack.errors import slack_error_code

log = logging.getLogger(__name__)


class TolerantAuthorization(AsyncSingleTeamAuthorization):
    async def async_process(
        self,
        *,
        req: Any,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],  # noqa: A002 - bolt's keyword
    ) -> BoltResponse:
        needs_auth_test = not (_is_no_auth_required(req) or _is_no_auth_test_call_required(req))
        if needs_auth_test and self.auth_test_result is None:
            try:
                self.auth_test_result = await req.context.client.auth_test()
            except Exception as exc:
                log.warning(
                    "slack auth.test failed (%s); handling the request with the configured token",
                    slack_error_code(exc),
                )
                req.context.set_authorize_result(
                    AuthorizeResult(
                        enterprise_id=req.context.enterprise_id,
                        team_id=req.context.team_id,
                        bot_token=req.context.client.token,
                        user_id=req.context.user_id,
                    )
                )
                return await next()
        return await super().async_process(req=req, resp=resp, next=next)


def tolerate_auth_test_failures(app: AsyncApp) -> None:
    """Swap bolt's authorization middleware for `TolerantAuthorization` (no-op if absent)."""
    middleware = app._async_middleware_list  # noqa: SLF001 - bolt offers no hook for this
    for index, item in enumerate(middleware):
        if type(item) is AsyncSingleTeamAuthorization:
            middleware[index] = TolerantAuthorization(
                user_facing_authorize_error_message=item.user_facing_authorize_error_message
            )
