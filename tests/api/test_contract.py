"""The OpenAPI document is true: schemathesis sends what the schema allows (and some of what it
does not) and checks every answer against the documented status codes, headers and bodies.

Bounded on purpose (a few examples per operation) so it runs in the suite. Schema-valid
requests may still be refused for facts a schema cannot hold (a requester Slack does not
know, a request id that does not exist), so "valid data is accepted" is not checked;
"invalid data is rejected" is.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from bot.api import create_api
from bot.approvals import ApprovalService
from bot.config import Settings, TwoKeyConfig
from bot.demo.slack_standin import BOT_TOKEN, SlackFake
from bot.humanlayer import mount as mount_humanlayer
from storage.db import session_scope
from storage.keys import create_key
from tests.api.conftest import PEOPLE, ScriptedRisk


def test_every_answer_is_documented(sqlite_engine: Engine, example_config: TwoKeyConfig) -> None:
    with SlackFake(users=PEOPLE) as slack:
        service = ApprovalService(
            sqlite_engine, example_config, secret_key="contract", risk=ScriptedRisk()
        )
        app = create_api(
            service,
            example_config,
            Settings(twokey_secret_key="contract"),
            slack_client=AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url),
        )
        mount_humanlayer(app)
        with session_scope(sqlite_engine) as session:
            _, key = create_key(session, agent="opsbot", admin=True)
        auth = {"Authorization": f"Bearer {key}"}
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        failures: list[str] = []
        for result in schema.get_all_operations():
            operation = result.ok()

            @given(case=operation.as_strategy())
            @settings(
                max_examples=6,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Any) -> None:
                case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:  # every operation's failure, then all
                failures.append(f"{operation.label}: {exc}")
        assert not failures, "\n\n".join(failures)
