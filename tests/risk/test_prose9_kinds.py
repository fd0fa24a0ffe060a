"""prose9: a whole cloud project or account shut down or closed is a removal (issue 19)."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine

_ENGINE = RiskEngine()


def _held(text: str) -> bool:
    return _ENGINE.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Shut down the analytics GCP project this afternoon.",
        "Please close the old AWS account 'legacy' today.",
        "Shut down the analytics GCP project this afternoon, and then post the savings.",
    ],
)
def test_whole_cloud_estate_closed_is_held(text: str) -> None:
    assert _held(text)


@pytest.mark.parametrize(
    "text",
    [
        "Close the Jira ticket about the old AWS account.",
        "Shut down the two idle test VMs in the analytics project today.",
    ],
)
def test_ticket_or_one_vm_is_not_held(text: str) -> None:
    assert not _held(text)
