"""Ansible ad-hoc modules and playbook tasks are judged as the commands they stand for;
the same modules with scoped or harmless arguments are allowed."""

from __future__ import annotations

import pytest

from bot.risk.ansible_modules import equivalent, task_equivalent
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "ansible db -b -m community.general.ufw -a 'rule=allow port=3306 src=0.0.0.0/0'",
            "ansible db -b -m community.general.ufw -a 'rule=allow port=3306 src=10.0.4.0/24'",
        ),
        (
            "ansible web -m ufw -a 'state=disabled'",
            "ansible web -m ufw -a 'state=enabled policy=deny'",
        ),
        (
            "ansible db -m ansible.posix.firewalld -a 'port=5432/tcp permanent=true state=enabled'",
            "ansible db -m ansible.posix.firewalld -a 'port=5432/tcp source=10.0.0.0/8"
            " state=enabled'",
        ),
        (
            "ansible db -m iptables -a 'chain=INPUT protocol=tcp destination_port=3306"
            " jump=ACCEPT'",
            "ansible db -m iptables -a 'chain=INPUT protocol=tcp destination_port=3306"
            " source=10.1.0.0/16 jump=ACCEPT'",
        ),
        (
            "ansible all -m ansible.builtin.file -a 'path=/srv/data state=absent'",
            "ansible all -m ansible.builtin.file -a 'path=/srv/data state=directory'",
        ),
        (
            "ansible db -m community.postgresql.postgresql_db -a 'name=orders state=absent'",
            "ansible db -m community.postgresql.postgresql_db -a 'name=orders state=present'",
        ),
        (
            "ansible all -m service -a 'name=auditd state=stopped'",
            "ansible all -m service -a 'name=nginx state=restarted'",
        ),
    ],
)
def test_an_ad_hoc_module_is_judged_as_its_command(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert engine.assess(risky).decision != "allow"
    assert engine.assess(benign).decision == "allow"


def test_unknown_modules_and_thin_arguments_stand_for_nothing() -> None:
    assert equivalent("ping", "") is None
    assert equivalent("ufw", "rule=deny port=22") is None
    assert equivalent("file", "state=absent") is None
    assert equivalent("ufw", "rule=allow port=22 src='unbalanced") is not None


def test_a_playbook_task_is_judged_as_its_command(engine: RiskEngine) -> None:
    assert task_equivalent("community.general.ufw", {"rule": "allow", "port": 6379}) == (
        "ufw allow from any to any port 6379"
    )
    playbook = (
        "Add this to the db play:\n```yaml\n- hosts: dbservers\n  become: true\n  tasks:\n"
        "    - name: open postgres\n      community.general.ufw:\n        rule: allow\n"
        "        port: '5432'\n        src: {src}\n```"
    )
    assert engine.assess(playbook.format(src="0.0.0.0/0")).decision != "allow"
    assert engine.assess(playbook.format(src="10.0.0.0/8")).decision == "allow"
