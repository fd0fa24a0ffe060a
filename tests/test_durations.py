from datetime import UTC, datetime, timedelta

import pytest

from bot.approvals.history import parse_when
from bot.config import parse_duration
from bot.durations import duration_seconds

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("45s", 45), ("45 sec", 45), ("30m", 1800), ("30min", 1800), ("2h", 7200),
     ("1.5h", 5400), ("1d", 86400), ("2w", 1209600), (" 2H ", 7200)],
)  # fmt: skip
def test_one_grammar_for_the_config_and_the_history(text, seconds):
    assert duration_seconds(text) == seconds
    assert parse_duration(text) == seconds
    if not text.strip().isdigit():
        assert parse_when(text, NOW) == NOW - timedelta(seconds=seconds)
        assert parse_when(f"{text} ago", NOW) == NOW - timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "h", "7y", "-7d", "7 days", "1e3s", "ago"])
def test_what_is_not_a_duration(text):
    assert duration_seconds(text) is None
    with pytest.raises(ValueError):
        parse_duration(text)


def test_a_bare_number_is_seconds_in_the_config_but_not_a_time_in_the_history():
    assert duration_seconds("7", unit_required=True) is None
    assert parse_duration("7") == 7
    with pytest.raises(ValueError):
        parse_when("7", NOW)
