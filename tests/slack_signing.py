"""Inbound Slack requests signed as Slack signs them: the demo's helper, re-exported.

It moved to `bot/demo/signing.py` because `twokey demo` signs its Slack
requests with it; tests import it from here as before.
"""

from bot.demo.signing import (
    API_APP_ID,
    FORM,
    SIGNING_SECRET,
    TEAM_ID,
    command_body,
    event_body,
    interactive_body,
    new_event_id,
    signature,
    signed_command,
    signed_event,
    signed_headers,
    signed_interaction,
)

__all__ = [
    "API_APP_ID",
    "FORM",
    "SIGNING_SECRET",
    "TEAM_ID",
    "command_body",
    "event_body",
    "interactive_body",
    "new_event_id",
    "signature",
    "signed_command",
    "signed_event",
    "signed_headers",
    "signed_interaction",
]
