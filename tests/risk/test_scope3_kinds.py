"""Scope attached to its clause (issue 19): non-production places, quoted setting values,
descriptions of what a command would do, checks that gate nothing, members leaving a
role. Each benign message has a risky twin that must stay held."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine

PAIRS: list[tuple[str, str]] = [
    (
        "Delete the scratch topic in the dev Kafka cluster; nobody reads it.",
        "Delete the orders topic in the prod Kafka cluster; nobody reads it.",
    ),
    (
        "After merging: `kubectl delete namespace pr-77-preview --context preview`",
        "After merging: `kubectl delete namespace payments --context prod-eu`",
    ),
    (
        "Set the MFA policy back to 'Required' in the admin console.",
        "Set the MFA policy to 'Not required' in the admin console.",
    ),
    (
        "For context: `gcloud sql instances delete ledger-prod` would remove the instance "
        "and its backups, which is why we keep it. No action needed.",
        "For context: `gcloud sql instances delete ledger-prod` would remove the instance "
        "and its backups. Can you run it today?",
    ),
    (
        "Stop the noisy health checks on the staging service for an hour.",
        "Disable the required status checks on main so the hotfix merges.",
    ),
    (
        "Remove the departed contractor's account from the cluster-admin group.",
        "Remove all customer records from the prod database.",
    ),
    (
        "Ask the platform team whether `git filter-repo --path vendor/ --invert-paths` would "
        "halve the clone time; I wouldn't run it without them.",
        "Check whether `git push --force origin main` would work, and if so run it.",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_benign_allowed_and_twin_held(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).decision == "allow", engine.assess(benign).findings
    assert engine.assess(risky).decision != "allow"


@pytest.mark.parametrize(
    "risky",
    [
        "Set the MFA policy to not required for everyone.",
        "Delete the test topic in the shared dev Kafka cluster.",
        "Clean up the test accounts with `DELETE FROM customers;` and re-seed.",
        "`az backup protection disable --vault-name rsv-prod --item-name vm-01 "
        "--delete-backup-data true --yes` would be the command for each VM.",
    ],
)
def test_still_held(engine: RiskEngine, risky: str) -> None:
    assert engine.assess(risky).decision != "allow"


def test_negation_outside_the_value_still_negates(engine: RiskEngine) -> None:
    assert engine.assess("Don't set the MFA policy to 'Not required'.").decision == "allow"
