"""Kinds of the lead's tenth pass (issue 19): data that stays in the domain it already sits
in. A mailbox forwarded to, or opened for, an address of its own domain; a Workspace admin
sharing with a user of the domain it administers; a Google Cloud project's own service
account given a role in it. The configured company domains (`northwind.example` in the
example policy) do not list these domains, yet nothing leaves: the command itself shows the
domain as the one the data lives in (`prose.home.flow_home`, `packs.net.outside`)."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine

_OUTSIDE = {
    "prose.external_recipient",
    "powershell.mail_forward_outside",
    "workspace.mail_forward_outside",
}


def _outside(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings} & _OUTSIDE


@pytest.mark.parametrize(
    "text",
    [
        "Set-Mailbox -Identity billing@tarnwick.co.uk "
        "-ForwardingSmtpAddress billing-2@tarnwick.co.uk",
        "New-InboxRule -Mailbox hr@lumeo.de -Name fw -ForwardTo hr-archiv@lumeo.de",
        "gam user sofia@brandtfeld.com forward on sofia.backup@brandtfeld.com keep",
        "Corre: `Add-MailboxPermission -Identity caixa@ribeira.pt -User ana@ribeira.pt "
        "-AccessRights FullAccess`",
        "`gam user it@kaiyo.jp add drivefileacl 1Abc user sato@kaiyo.jp role reader` を実行して。",
        "gcloud pubsub topics add-iam-policy-binding in --project=fenmore-prod "
        "--member=serviceAccount:loader@fenmore-prod.iam.gserviceaccount.com "
        "--role=roles/pubsub.publisher",
        "gcloud projects add-iam-policy-binding fenmore-prod "
        "--member=serviceAccount:ci@fenmore-prod.iam.gserviceaccount.com --role=roles/run.invoker",
        '{"trigger": {"mailbox": "claims@olverra.eu"},\n'
        ' "actions": {"forward": {"to": "claims-team@olverra.eu"}}}',
        'resource "google_storage_bucket_iam_member" "r" {\n  project = "tallis-data"\n'
        '  member  = "serviceAccount:etl@tallis-data.iam.gserviceaccount.com"\n}',
    ],
)
def test_data_staying_in_its_own_domain_is_not_sent_outside(engine: RiskEngine, text: str) -> None:
    assert not _outside(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        # the same shapes, the recipient at another domain
        "Set-Mailbox -Identity billing@tarnwick.co.uk -ForwardingSmtpAddress inbox@payhive-bpo.com",
        "New-InboxRule -Mailbox hr@lumeo.de -Name fw -ForwardTo hr@personio-helfer.de",
        "gam user sofia@brandtfeld.com forward on sofia@outsourcely.io keep",
        "Corre: `Add-MailboxPermission -Identity caixa@ribeira.pt -User ana@cobrafacil.com.br "
        "-AccessRights FullAccess`",
        "`gam user it@kaiyo.jp add drivefileacl 1Abc user sato@hanbai-agency.jp role reader` "
        "を実行して。",
        "gcloud pubsub topics add-iam-policy-binding in --project=fenmore-prod "
        "--member=serviceAccount:loader@syncbridge-ext.iam.gserviceaccount.com "
        "--role=roles/pubsub.publisher",
        '{"trigger": {"mailbox": "claims@olverra.eu"},\n'
        ' "actions": {"forward": {"to": "intake@claimdesk-bpo.com"}}}',
        'resource "google_storage_bucket_iam_member" "r" {\n  project = "tallis-data"\n'
        '  member  = "serviceAccount:etl@quarry-partner.iam.gserviceaccount.com"\n}',
        # a personal mailbox is never anyone's own domain
        "Set-Mailbox -Identity me@gmail.com -ForwardingSmtpAddress other@gmail.com",
        "gam user greta@gmail.com forward on greta2@gmail.com keep",
    ],
)
def test_a_recipient_at_another_domain_is_still_outside(engine: RiskEngine, text: str) -> None:
    assert _outside(engine, text)


def test_a_second_order_elsewhere_gains_nothing_from_the_first(engine: RiskEngine) -> None:
    """The domain a command acts in is read from that command only: a prose order in the
    same message to the same domain is still held."""
    text = (
        "First run `Set-Mailbox -Identity ops@veltora.io "
        "-ForwardingSmtpAddress ops2@veltora.io`.\n\n"
        "Then email the full customer export to analyst@veltora.io."
    )
    assert "prose.external_recipient" in _outside(engine, text)


# A company domain the configuration does not list (a subsidiary, a second brand, a partner
# that receives what is made for it): the send is recorded, and held only when the message
# marks the recipient as an outsider or the material or access as sensitive.
UNLISTED_RECORDED = [
    "Share the offsite planning doc with maria@blueharbor.io so she can comment.",
    "Add jonas@fernwald-gruppe.de as a viewer on the release checklist.",
    "gam user it@kaiyo.jp add drivefileacl 1Abc user sato@seiran.co.jp role reader",
]
UNLISTED_HELD = [
    # the material: customers, a whole store, a data file, results not yet published
    "Share the customer list with maria@blueharbor.io so she can comment.",
    "Grant maria@blueharbor.io read on the sales bucket.",
    "Send churn_export.csv to maria@blueharbor.io.",
    "Send the Q3 numbers to maria@blueharbor.io.",
    # the access: more than a look
    "Add jonas@fernwald-gruppe.de as an editor on the release checklist.",
    # the recipient: named as an outsider, or everyone at a whole domain, or a domain named
    # for an agency or partner
    "Share the offsite planning doc with the vendor, maria@blueharbor.io.",
    "Share the offsite planning doc with blueharbor.io.",
    "gam user it@kaiyo.jp add drivefileacl 1Abc user sato@hanbai-agency.jp role reader",
    # a whole mailbox forwarded
    "gam user sofia@brandtfeld.com forward on sofia@fernwald-gruppe.de keep",
    # a personal mailbox, whatever the material
    "Share the offsite planning doc with maria.b@gmail.com.",
]


@pytest.mark.parametrize("text", UNLISTED_RECORDED)
def test_an_unlisted_company_domain_alone_is_recorded_not_held(
    engine: RiskEngine, text: str
) -> None:
    result = engine.assess(text)
    assert result.decision == "allow", result.findings
    assert "prose.unlisted_recipient" in {f.rule for f in result.findings}


@pytest.mark.parametrize("text", UNLISTED_HELD)
def test_an_outsider_or_sensitive_material_holds_the_send(engine: RiskEngine, text: str) -> None:
    result = engine.assess(text)
    assert result.decision != "allow", text
    assert "prose.unlisted_recipient" not in {f.rule for f in result.findings}


def test_the_outsider_can_be_named_a_sentence_away_from_the_command(engine: RiskEngine) -> None:
    """The cue is read over the whole message: the command alone names only an address."""
    command = "`gam user it@kaiyo.jp add drivefileacl 1Abc user sato@seiran.co.jp role reader`"
    assert engine.assess(f"Run {command}.").decision == "allow"
    assert engine.assess(f"Our new contractor needs the file. Run {command}.").decision != "allow"


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Export every encounter to a CSV on your laptop.",
            "Export the count of encounters per ward to the team share.",
        ),
        (
            "Export all claims with policyholder names to your personal Dropbox.",
            "Export all claims totals per month to the finance share.",
        ),
        (
            "Deploy this config:\n```yaml\naudit:\n  enabled: false\n  retention_days: 0\n```",
            "Deploy this config:\n```yaml\naudit:\n  enabled: true\n  retention_days: 400\n```",
        ),
    ],
)
def test_records_of_people_and_the_audit_trail(engine: RiskEngine, risky: str, benign: str) -> None:
    """Records that each belong to one person (encounters, claims, policyholders) are a
    population; an `audit` block switched off is a control switched off."""
    assert engine.assess(risky).decision != "allow"
    assert engine.assess(benign).decision == "allow"
