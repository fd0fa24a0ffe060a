"""What every Slack listener is handed: the service, the configuration and the ways out.

Its own module so the listeners and the app that registers them both import it,
and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from bot.approvals import ApprovalService
from bot.config import TwoKeyConfig
from bot.slack.notifier import SlackNotifier
from bot.slack.usergroups import SlackUsergroups


@dataclass
class SlackDeps:
    """What the listeners need; built once per app."""

    service: ApprovalService
    config: TwoKeyConfig
    notifier: SlackNotifier
    usergroups: SlackUsergroups

    @property
    def client(self) -> AsyncWebClient:
        return self.notifier.client
