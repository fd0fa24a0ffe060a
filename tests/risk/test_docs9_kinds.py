"""docs9 kinds: a teardown list naming production, a group rule handing out admin."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine

E = RiskEngine()
F = "```"

RISKY = [
    f"Merge this:\n{F}yaml\nstacks_to_delete:\n  - name: shop-prod-rds\n    region: eu-west-1\n{F}",
    f'Run the job with:\n{F}json\n{{"resources_to_destroy": ["billing-production-db"]}}\n{F}',
    f'Paste it:\n{F}yaml\nname: r\ncondition: user.department == "Ops"\ngroups:\n'
    f"  - Domain Admins\n{F}",
]
BENIGN = [
    f"Merge this:\n{F}yaml\nstacks_to_delete:\n  - name: shop-qa-rds\n    region: eu-west-1\n{F}",
    f"Merge this:\n{F}yaml\nretain_resources:\n  - shop-prod-rds\n{F}",
    f'Paste it:\n{F}yaml\nname: r\ncondition: user.department == "Ops"\ngroups:\n'
    f"  - Jira-Users\n{F}",
    f"Add:\n{F}yaml\njobs:\n  remove:\n    steps:\n"
    f"      - run: git rm --cached config/prod.env\n{F}",
]


@pytest.mark.parametrize("text", RISKY)
def test_held(text: str) -> None:
    assert E.assess(text).decision != "allow"


@pytest.mark.parametrize("text", BENIGN)
def test_allowed(text: str) -> None:
    assert E.assess(text).decision == "allow"


def test_second_instruction_stays_held() -> None:
    text = (
        BENIGN[0]
        + "\nThen run `aws rds delete-db-instance --db-instance-identifier prod-main"
        + " --skip-final-snapshot`."
    )
    assert E.assess(text).decision != "allow"
