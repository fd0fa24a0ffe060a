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


def _section(*inline: dict) -> dict:
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_section", "elements": list(inline)}],
    }


@pytest.mark.parametrize(
    ("inline", "reads"),
    [
        (
            [
                {"type": "text", "text": "DROP TABLE "},
                {"type": "text", "text": "customers", "style": {"bold": True}},
            ],
            "DROP TABLE customers",
        ),
        (
            [
                {"type": "text", "text": "rm -"},
                {"type": "text", "text": "rf", "style": {"code": True}},
                {"type": "text", "text": " /srv"},
            ],
            "rm -rf /srv",
        ),
        (
            [
                {"type": "text", "text": "ask "},
                {"type": "user", "user_id": "U0EMP0001"},
                {"type": "text", "text": " :"},
                {"type": "emoji", "name": "wave"},
            ],
            "ask @U0EMP0001 ::wave:",
        ),
    ],
    ids=["bold-word", "code-span", "mention-and-emoji"],
)
def test_inline_rich_text_is_joined_as_the_reader_sees_it(inline: list, reads: str) -> None:
    assert reads in message_text({"text": "", "blocks": [_section(*inline)]})


def test_rich_text_lines_stay_separate() -> None:
    """A list's items and separate sections are separate lines, not glued words."""
    block = {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_list",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "text", "text": "check disk"}],
                    },
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "text", "text": "restart api"}],
                    },
                ],
            }
        ],
    }
    text = message_text({"blocks": [block]})
    assert "check disk\nrestart api" in text and "diskrestart" not in text


@pytest.mark.parametrize(
    "block",
    [
        {
            "type": "input",
            "label": {"type": "plain_text", "text": "Step"},
            "element": {
                "type": "static_select",
                "action_id": "a",
                "placeholder": {"type": "plain_text", "text": "DROP TABLE customers"},
            },
        },
        {
            "type": "actions",
            "elements": [
                {
                    "type": "static_select",
                    "action_id": "b",
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": "DROP TABLE customers"},
                            "value": "1",
                        }
                    ],
                }
            ],
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "pick"},
            "accessory": {
                "type": "static_select",
                "action_id": "c",
                "option_groups": [
                    {
                        "label": {"type": "plain_text", "text": "g"},
                        "options": [
                            {
                                "text": {"type": "plain_text", "text": "DROP TABLE customers"},
                                "value": "2",
                            }
                        ],
                    }
                ],
            },
        },
        {
            "type": "image",
            "image_url": "https://img.example/a.png",
            "alt_text": "DROP TABLE customers",
        },
        {
            "type": "image",
            "image_url": "https://img.example/a.png",
            "alt_text": "chart",
            "title": {"type": "plain_text", "text": "DROP TABLE customers"},
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "image",
                    "image_url": "https://x.example/i.png",
                    "alt_text": "DROP TABLE customers",
                }
            ],
        },
    ],
    ids=[
        "placeholder",
        "select-option",
        "option-group",
        "image-alt",
        "image-title",
        "context-image",
    ],
)
def test_selects_placeholders_and_image_words_are_read(block: dict) -> None:
    assert "DROP TABLE customers" in message_text({"text": "see below", "blocks": [block]})


def test_block_ids_urls_of_images_and_values_are_not_read() -> None:
    block = {
        "type": "image",
        "block_id": "DROPTABLEx",
        "image_url": "https://img.example/rm-rf.png",
        "alt_text": "chart",
    }
    option = {
        "type": "static_select",
        "action_id": "DROP_TABLE",
        "options": [{"text": {"type": "plain_text", "text": "ok"}, "value": "rm -rf /"}],
    }
    text = message_text({"blocks": [block, {"type": "actions", "elements": [option]}]})
    assert "rm-rf.png" not in text and "DROPTABLEx" not in text and "rm -rf /" not in text


@pytest.mark.parametrize(
    "files",
    [
        [{"id": "F1", "name": "plan.txt", "title": "DROP TABLE customers", "filetype": "text"}],
        [{"id": "F1", "name": "plan.sql", "title": "plan", "preview": "DROP TABLE customers;"}],
        [
            {
                "id": "F1",
                "name": "a.txt",
                "title": "a",
                "initial_comment": {"comment": "DROP TABLE customers"},
            }
        ],
        [
            {
                "id": "F1",
                "name": "mail.eml",
                "title": "mail",
                "plain_text": "please DROP TABLE customers",
            }
        ],
    ],
    ids=["title", "preview", "initial-comment", "email-body"],
)
def test_shared_files_are_read(files: list) -> None:
    assert "DROP TABLE customers" in message_text(
        {"text": "", "subtype": "file_share", "files": files}
    )


def test_file_urls_and_ids_are_not_read() -> None:
    files = [
        {
            "id": "FDROPTABLE",
            "name": "a.txt",
            "title": "a",
            "url_private": "https://files.slack.com/rm-rf",
        }
    ]
    text = message_text({"files": files})
    assert "FDROPTABLE" not in text and "rm-rf" not in text
