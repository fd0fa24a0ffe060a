"""What TwoKey reads out of a Slack message before assessing it."""

from __future__ import annotations

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
