"""Escaping user text for mrkdwn, and reading Slack's text back for assessment."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.slack.escape import (
    CODE_BLOCK_EXTRA,
    code_block,
    code_content,
    code_pieces,
    escape,
    escape_code,
    truncate_escaped,
    unescape_slack,
)
from tests.slack.strategies import instructions


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_control_sequences_become_plain_text() -> None:
    for dangerous in ("<!channel>", "<!here>", "<@U0CEO0001>", "<!subteam^S1>", "<#C1|x>"):
        assert "<" not in escape(dangerous) and ">" not in escape(dangerous)
    assert escape("<https://evil|google.com>") == "&lt;https://evil|google.com&gt;"
    assert escape("a & b") == "a &amp; b" and escape(None) == ""


def test_code_fences_cannot_be_closed_from_inside() -> None:
    assert "```" not in escape_code("x ``` <!here> ```")


@given(st.text())
def test_escape_round_trips_and_leaves_no_brackets(text: str) -> None:
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert unescape(escaped) == text


@given(st.text(alphabet="ab<>&", max_size=60), st.integers(min_value=1, max_value=40))
def test_truncation_never_splits_an_entity(text: str, limit: int) -> None:
    cut, truncated = truncate_escaped(escape(text), limit)
    assert len(cut) <= limit and truncated == (len(escape(text)) > limit)
    # The cut ends on a character boundary of the original text, never inside an entity.
    assert any(escape(text[:k]) == cut for k in range(len(text) + 1))


@given(instructions, st.integers(min_value=5, max_value=60))
def test_code_pieces_are_exactly_the_escaped_text(text: str, size: int) -> None:
    pieces = code_pieces(text, size)
    assert "".join(pieces) == escape_code(text)
    assert all(0 < len(p) <= size for p in pieces)
    for piece in pieces:
        block = code_block(piece)
        assert len(block) <= len(piece) + CODE_BLOCK_EXTRA
        assert code_content(block) == piece
        # The fence opens once and closes once: nothing inside can close it early.
        assert block[3:-3].count("```") == 0 and not block[3:-3].startswith("`")
        assert not block[3:-3].endswith("`")
        # No entity is split between two pieces.
        assert unescape(piece).count("&") == piece.count("&amp;")


def test_a_fence_heavy_instruction_loses_nothing() -> None:
    # Issue 14: twelve small fenced blocks, then the bucket deletion at the very end.
    text = "".join(f"step {i}\n```\nls s3://b{i}\n```\n" * 3 for i in range(12)) * 8
    text += "aws s3 rb s3://prod-archive --force"
    pieces = code_pieces(text, 2_900)
    assert "".join(pieces) == escape_code(text)
    assert pieces[-1].endswith("aws s3 rb s3://prod-archive --force")


def test_slack_markup_is_read_as_a_person_would() -> None:
    raw = (
        "<!channel> <@U0EMP0001> run `a &lt; b &amp;&amp; c` see <https://evil.example|google.com>"
    )
    assert unescape_slack(raw) == (
        "@channel @U0EMP0001 run `a < b && c` see https://evil.example (google.com)"
    )
    assert unescape_slack("<#C123|payroll> <https://x.example>") == "#payroll https://x.example"


@given(st.text(alphabet="`a\u200b", max_size=40))
def test_no_run_of_backticks_survives_escape_code(text: str) -> None:
    # "`````" became "`\u200b`\u200b```" with a plain replace: a fence again.
    assert "``" not in escape_code(text)
