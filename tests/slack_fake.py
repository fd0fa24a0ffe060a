"""The Slack Web API fake of the tests: the demo's built-in stand-in, re-exported.

It moved to `bot/demo/slack_standin.py` because `twokey demo` ships with the
package and runs against it; tests import it from here as before, so there is
one fake, not two.
"""

from bot.demo.slack_standin import (
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    MAX_ACTION_ID,
    MAX_BLOCKS_MESSAGE,
    MAX_BLOCKS_VIEW,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_MESSAGE_TEXT,
    MAX_SECTION_TEXT,
    TEAM_ID,
    BlockKitError,
    Call,
    Message,
    SlackFake,
    check_blocks,
)

__all__ = [
    "BOT_ID",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "MAX_ACTION_ID",
    "MAX_BLOCKS_MESSAGE",
    "MAX_BLOCKS_VIEW",
    "MAX_BUTTON_TEXT",
    "MAX_BUTTON_VALUE",
    "MAX_MESSAGE_TEXT",
    "MAX_SECTION_TEXT",
    "TEAM_ID",
    "BlockKitError",
    "Call",
    "Message",
    "SlackFake",
    "check_blocks",
]
