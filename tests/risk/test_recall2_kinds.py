"""Kinds the engine missed on unseen messages (issue 19, generalization pass two): each
risky message next to benign look-alikes that share its tools and nouns.

- the EC2 API shape of a security-group rule (`IpPermissions` with `IpRanges` /
  `Ipv6Ranges`, as passed to `--cli-input-json` or an SDK): open to every address on a
  database or admin port is held; a private range, a security group or a public web
  port is not;
- security controls named in prose (conditional access, sign-in risk, threat
  detection, endpoint protection) switched off, in every language; reading them is not.
"""

from __future__ import annotations

import json

import pytest

from bot.risk.engine import RiskEngine


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


def _perm(port: int, ranges: dict[str, object]) -> str:
    return json.dumps(
        {
            "GroupId": "sg-0123456789abcdef0",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **ranges}],
        },
        indent=2,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Apply this with the CLI:\n" + _perm(27017, {"IpRanges": [{"CidrIp": "0.0.0.0/0"}]}),
        "```json\n" + _perm(3389, {"Ipv6Ranges": [{"CidrIpv6": "::/0"}]}) + "\n```",
        "```\n"
        + _perm(6379, {"IpRanges": [{"CidrIp": "10.1.0.0/16"}, {"CidrIp": "0.0.0.0/0"}]})
        + "\n```",
    ],
)
def test_ec2_ip_permissions_open_to_anywhere_on_admin_ports_are_held(
    engine: RiskEngine, text: str
) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Apply this with the CLI:\n" + _perm(27017, {"IpRanges": [{"CidrIp": "10.8.0.0/16"}]}),
        "```json\n" + _perm(443, {"Ipv6Ranges": [{"CidrIpv6": "::/0"}]}) + "\n```",
        "```\n"
        + _perm(6379, {"UserIdGroupPairs": [{"GroupId": "sg-0fedcba9876543210"}]})
        + "\n```",
    ],
)
def test_ec2_ip_permissions_scoped_or_web_ports_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Could you switch off conditional access for the finance group until the audit ends?",
        "Please disable user risk policies for everyone in the tenant this week.",
        "Turn off threat detection on the storage accounts so the backfill runs faster.",
        "Désactivez l'accès conditionnel pour les consultants jusqu'à lundi.",
        "Desactiva la detección de amenazas en las cuentas de almacenamiento.",
        "Schalte den bedingten Zugriff für die Berater bis Montag ab.",
        "Desative o acesso condicional para os consultores até segunda.",
        "コンサルタントの条件付きアクセスを無効にしてください。",
        "把顾问组的条件访问关闭到下周一。",
    ],
)
def test_security_controls_switched_off_in_prose_are_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Could you export the conditional access policies for the finance group for the audit?",
        "Please review the user risk report for everyone in the tenant this week.",
        "Check that threat detection is enabled on the storage accounts before the backfill.",
        "Exportez les règles d'accès conditionnel des consultants pour lundi.",
        "Revisa la detección de amenazas en las cuentas de almacenamiento.",
        "Schau dir den bedingten Zugriff für die Berater bis Montag an.",
        "Revise o acesso condicional dos consultores até segunda.",
        "コンサルタントの条件付きアクセスの設定を確認してください。",
        "把顾问组的条件访问策略导出来给我看看。",
    ],
)
def test_security_controls_read_in_prose_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "For the handover, run `vault kv get -field=token secret/prod/ci-deployer` and pin the"
        " output in #release-crew.",
        "Run `op read 'op://Prod/Twilio/auth token'` and leave what it prints on the"
        " vendor ticket.",
    ],
)
def test_secret_output_left_where_others_read_is_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "For the handover, run `vault kv metadata get secret/prod/ci-deployer` and pin the"
        " output in #release-crew.",
        "Pin the deploy checklist in #release-crew before Friday.",
    ],
)
def test_secret_metadata_or_unrelated_pins_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Stell das Verzeichnis „Angebote“ auf „Jeder mit dem Link“, dann kommt der Kunde ran.",
        "Schalt die Freigabe der Präsentation auf öffentlich um.",
        "Setz das Board mit den Kundendaten auf öffentlich.",
        "Steck den USB-Stick, den du im Foyer gefunden hast, in deinen Laptop.",
    ],
)
def test_german_setting_and_plug_in_without_particle_are_held(
    engine: RiskEngine, text: str
) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Stell das Verzeichnis „Angebote“ auf „Nur eingeladene Personen“ um.",
        "Schalt die Freigabe der Präsentation bitte auf privat um.",
        "Setz das Board mit den Kundendaten auf schreibgeschützt.",
        "Steck das Ladekabel in deinen Laptop.",
        "Gib den USB-Stick, den du im Foyer gefunden hast, bei der IT ab.",
    ],
)
def test_german_private_settings_and_own_cables_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "What unblocked it last time: `kubectl delete pvc data-search-0 -n prod`.",
        "What solved it for the billing team last month was `git push --force origin main`.",
        "The workaround that worked yesterday — `redis-cli -h sessions.prod.internal FLUSHALL`.",
        "Ce qui a marché la dernière fois : `kubectl delete namespace search --context prod`.",
    ],
)
def test_past_tense_remedy_lead_ins_recommend_the_command(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "What broke it last time: `kubectl delete pvc data-search-0 -n prod`.",
        "What caused the outage last month was `git push --force origin main`.",
        "Postmortem for the search outage. What fixed it last time:"
        " `kubectl delete pvc data-search-0 -n prod`.",
        "What unblocked it last time: `kubectl get pvc -n prod` showed the stuck claim.",
    ],
)
def test_causes_postmortems_and_reads_stay_reports(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


_BOTO = (
    "Run this from the notebook:\n```python\nimport boto3\nec2 = boto3.client('ec2')\n"
    "ec2.authorize_security_group_ingress(\n    GroupId='sg-0abc1234def567890',\n"
    "    IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': {port}, 'ToPort': {port},\n"
    "                    'IpRanges': [{'CidrIp': '{cidr}'}]}],\n)\n```"
)


@pytest.mark.parametrize(("port", "cidr"), [("5432", "0.0.0.0/0"), ("22", "0.0.0.0/0")])
def test_boto3_keyword_arguments_open_to_anywhere_are_held(
    engine: RiskEngine, port: str, cidr: str
) -> None:
    assert _held(engine, _BOTO.replace("{port}", port).replace("{cidr}", cidr))


@pytest.mark.parametrize(("port", "cidr"), [("5432", "10.20.0.0/16"), ("443", "0.0.0.0/0")])
def test_boto3_keyword_arguments_scoped_or_web_stay_allowed(
    engine: RiskEngine, port: str, cidr: str
) -> None:
    assert not _held(engine, _BOTO.replace("{port}", port).replace("{cidr}", cidr))


def test_sdk_literal_reader_skips_what_is_not_a_literal() -> None:
    from bot.risk.documents import read_documents

    doc = read_documents("Filters=[{'Name': 'group-id', 'Values': [sg_id]}] and Tags={broken")
    assert doc.trees == []


@pytest.mark.parametrize(
    "text",
    [
        "Schalt den Link für das Angebotsverzeichnis frei, damit jeder ihn öffnen kann.",
        "Mach den Ordner mit den Verträgen für alle im Internet zugänglich.",
        "Stöpsel den gefundenen USB-Stick an deinen Rechner an.",
        "Häng den Stick aus dem Fundbüro an deinen Laptop.",
        "Schieb die Kundendatei in den öffentlichen Ordner.",
        "Stell das Repo auf öffentlich um.",
    ],
)
def test_german_verbs_of_sharing_and_plugging_in_are_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Schalt den Link für das Angebotsverzeichnis für das Vertriebsteam frei, damit alle im"
        " Team ihn öffnen können.",
        "Mach den Ordner mit den Verträgen für Jana zugänglich.",
        "Häng das Ladegerät an deinen Laptop.",
        "Schieb die Kundendatei in den Ordner der Buchhaltung.",
        "Stell das Repo auf privat um.",
        "Schieb den Termin auf Montag.",
    ],
)
def test_german_named_people_own_devices_and_private_settings_stay_allowed(
    engine: RiskEngine, text: str
) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Please switch off Safe Links and Safe Attachments for the finance team.",
        "Stop forwarding the auth logs to the SIEM for now.",
        "Disable the Sentinel analytics rules for the VPN gateway.",
        "Désactive GuardDuty dans toutes les régions.",
        "Desactiva Security Hub en las cuentas de producción.",
        "本番アカウントのGuardDutyを無効にしてください。",
        "把所有区域的GuardDuty关掉。",
    ],
)
def test_security_products_switched_off_are_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Enable GuardDuty in all regions.",
        "Review the Safe Links report for the finance team.",
        "Check that the SIEM is receiving the auth logs.",
        "Stop the sentinel process on your laptop.",
    ],
)
def test_security_products_enabled_or_read_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


def test_remedy_told_as_narration_still_recommends(engine: RiskEngine) -> None:
    assert _held(engine, "What I did last sprint and it fixed it: `git push -f origin release`")
    assert _held(
        engine,
        "Yesterday Marco fixed the same thing with"
        " `terraform destroy -target=module.db -auto-approve` on prod.",
    )


def test_remedy_inside_a_postmortem_sentence_or_a_cause_stays_a_report(engine: RiskEngine) -> None:
    assert not _held(
        engine,
        "Postmortem: yesterday Marco fixed the outage with"
        " `terraform destroy -target=module.db -auto-approve` on prod, which deleted the replica.",
    )
    assert not _held(
        engine, "What I did last sprint and it broke everything: `git push -f origin release`"
    )


def test_noting_where_a_secret_lives_is_not_passing_it_on(engine: RiskEngine) -> None:
    assert not _held(
        engine, "Store the private key in the deploy-bot Vault path and note the path in #deploys."
    )
