"""What TwoKey reads out of a Slack message before assessing it."""

from __future__ import annotations

import pytest

from bot.slack.screening import agent_confidence, message_text


def test_text_is_unescaped_and_links_keep_their_target() -> None:
    message = {"text": "run `a &lt; b` then see <https://evil.example|docs.google.com>"}
    assert message_text(message) == "run `a < b` then see https://evil.example (docs.google.com)"


def test_commands_hidden_in_blocks_and_attachments_are_read() -> None:
    message = {
        "text": "Here is the fix",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "Here is the fix"}},
            {
                "type": "rich_text",
                "elements": [
                    {
                        "type": "rich_text_preformatted",
                        "elements": [{"type": "text", "text": "DROP TABLE customers;"}],
                    },
                    {
                        "type": "rich_text_section",
                        "elements": [
                            {"type": "link", "url": "https://evil.example", "text": "google.com"}
                        ],
                    },
                ],
            },
        ],
        "attachments": [{"text": "rm -rf /srv &amp;&amp; echo done"}],
    }
    text = message_text(message)
    assert text.count("Here is the fix") == 1
    assert "DROP TABLE customers;" in text
    assert "https://evil.example (google.com)" in text
    assert "rm -rf /srv && echo done" in text


@pytest.mark.parametrize(
    "attachment",
    [
        {"fields": [{"title": "Step 1", "value": "run DROP TABLE customers;", "short": False}]},
        {"fields": [{"title": "DROP TABLE customers;", "value": "step 1"}]},
        {"title": "DROP TABLE customers;"},
        {"fallback": "x", "footer": "DROP TABLE customers;"},
        {"author_name": "DROP TABLE customers;"},
        {"fallback": "DROP TABLE customers;", "color": "#ff0000"},
        {"actions": [{"type": "button", "text": "DROP TABLE customers;", "name": "go"}]},
        {"preview": {"title": {"text": "DROP TABLE customers;"}}},  # a key not listed by name
    ],
)
def test_every_text_an_attachment_shows_is_read(attachment: dict) -> None:
    text = message_text({"text": "see below", "attachments": [attachment]})
    assert "DROP TABLE customers;" in text


def test_attachment_layout_and_ids_are_not_read_as_text() -> None:
    attachment = {
        "color": "#36a64f",
        "image_url": "https://example.com/a.png",
        "mrkdwn_in": ["text"],
        "title": "Deploy &amp; verify",
        "fields": [{"title": "env", "value": "prod", "short": True}],
        "actions": [{"type": "button", "style": "primary", "text": "Open"}],
    }
    text = message_text({"text": "done", "attachments": [attachment]})
    assert text == "done\nDeploy & verify\nenv\nprod\nOpen"


def test_block_text_repeating_the_escaped_text_is_not_duplicated() -> None:
    message = {
        "text": "check a &lt; b",
        "blocks": [{"type": "rich_text", "elements": [{"type": "text", "text": "check a < b"}]}],
    }
    assert message_text(message) == "check a < b"


def test_confidence_comes_only_from_well_formed_metadata() -> None:
    def with_confidence(value: object) -> dict:
        return {"metadata": {"event_type": "x", "event_payload": {"confidence": value}}}

    assert agent_confidence(with_confidence(0.4)) == 0.4
    assert agent_confidence(with_confidence(True)) is None
    assert agent_confidence(with_confidence(7)) is None
    assert agent_confidence(with_confidence("0.2")) is None
    assert agent_confidence({}) is None
