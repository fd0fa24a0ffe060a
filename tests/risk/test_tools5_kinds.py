"""Kinds the tools5 sweep found (bench/data/messages/tools5-fresh.jsonl), one test per kind,
each risky case beside a benign look-alike that shares its tool and nouns. None of the
sentences below is a row of the corpus.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.agreement import metadata_posted
from bot.risk.extract import Candidate
from bot.risk.model import Finding
from bot.risk.policy import Part
from bot.risk.shell import prints_no_secret


def _rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings if f.verdict != "allow"}


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


# Kind: a directory admin CLI's delete verb (GAM) takes the account's mail and files.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Priya left on Friday, gam delete user priya.n@acme.example so the seat frees up.",
            "Priya left on Friday, gam update user priya.n@acme.example suspended on for now.",
        ),
        (
            "The 2019 offsite list is unused: gam delete group offsite-2019@acme.example",
            "The 2019 offsite list is unused: gam info group offsite-2019@acme.example",
        ),
    ],
)
def test_directory_account_deletes_are_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert "identity.account_delete" in _rules(engine, risky)
    assert not _held(engine, benign)


# Kind: an identity provider's admin role granted through its REST API with curl.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Give the integrator org admin so they can finish the SCIM setup: curl -X POST "
            "https://northwind.okta.com/api/v1/users/00uab12/roles -H 'Authorization: SSWS t' "
            '-d \'{"type":"ORG_ADMIN"}\'',
            "See which roles the integrator holds before the SCIM setup: curl -X GET "
            "https://northwind.okta.com/api/v1/users/00uab12/roles -H 'Authorization: SSWS t'",
        ),
        (
            "Make the consultant a directory admin: `curl -X POST "
            "'https://graph.microsoft.com/v1.0/directoryRoles/9b89/members/$ref' "
            '-d \'{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/77aa"}\'`',
            "Check who holds the directory role: `curl "
            "'https://graph.microsoft.com/v1.0/directoryRoles/9b89/members'`",
        ),
    ],
)
def test_identity_provider_admin_grants_are_held(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert "identity.idp_admin_role" in _rules(engine, risky)
    assert "identity.idp_admin_role" not in _rules(engine, benign)


# Kind: a flag that changes what a rewriting tool does: `filter-repo --analyze` only reports.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "The keys file leaked, run git filter-repo --path keys.pem --invert-paths on it.",
            "The keys file may have leaked, run git filter-repo --analyze and read the report.",
        ),
    ],
)
def test_a_report_flag_disarms_a_history_rewrite(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# Kind: an accented imperative with its clitic ("pégalo", "envíaselo") passes a value read to
# the terminal on, in the command's own check as in the prose reader's.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Ejecuta vault kv get -field=password secret/prod/pg y pégalo en #soporte.",
            "Ejecuta vault kv get -field=password secret/prod/pg y úsalo solo en tu terminal.",
        ),
        (
            "Corre `op read op://Prod/stripe/key` y envíaselo a Marta por el canal #pagos.",
            "Corre `op read op://Prod/stripe/key` en tu terminal y no se lo mandes a nadie.",
        ),
    ],
)
def test_accented_sending_verbs_pass_a_read_value_on(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# Kind: "they don't need it" before a command is the reason to run it, not a warning;
# "never run this" and "you don't need this" still warn.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Analytics said they don't need it: `az storage account delete -n nwstats -g rg --yes`",
            "Analytics said never to run this: `az storage account delete -n nwstats -g rg --yes`",
        ),
        (
            "Finance doesn't need the replica anymore: `gcloud sql instances delete fin-ro-1`",
            "You don't need this: `gcloud sql instances delete fin-ro-1`",
        ),
    ],
)
def test_not_needed_is_a_reason_not_a_warning(engine: RiskEngine, risky: str, benign: str) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# Kind: posting the output of a command that reads only secrets' metadata posts no secret;
# posting a value read, or words that send a secret themselves, stay held.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Ops wants the rotation date, paste the output in #ops: "
            "aws secretsmanager get-secret-value --secret-id prod/twilio",
            "Ops wants the rotation date, paste the output in #ops: "
            "aws secretsmanager describe-secret --secret-id prod/twilio",
        ),
        (
            "Post the SMTP password in #ops: kubectl get secret smtp -n mail",
            "Check whether the SMTP secret exists, post the result in #ops: "
            "kubectl get secret smtp -n mail",
        ),
        (
            "Paste what this prints into #audit: vault kv get -field=key secret/prod/signing",
            "Paste what this prints into #audit: vault kv metadata get secret/prod/signing",
        ),
    ],
)
def test_posting_secret_metadata_is_not_posting_a_secret(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize(
    ("command", "no_value"),
    [
        ("kubectl get secret db -n prod", True),
        ("kubectl describe secret db", True),
        ("aws secretsmanager describe-secret --secret-id x", True),
        ("kubectl get secret db -o yaml", False),
        ("kubectl get secret db -ojsonpath='{.data}'", False),
        ("kubectl get secret db && cat .env", False),
        ("vault kv get secret/x", False),
        ("", False),
    ],
)
def test_prints_no_secret_needs_every_command_to_be_a_metadata_read(
    command: str, no_value: bool
) -> None:
    assert prints_no_secret(command) is no_value


def test_metadata_posted_keeps_findings_of_other_categories() -> None:
    text = "Delete it and paste the output in #ops: kubectl get secret db"
    finding = Finding(rule="prose.intent.destroy", category="destroy", reason="r", evidence=text)
    prose = Part(findings=[finding])
    shell = Part()
    metadata_posted(
        [
            (Candidate("prose", text, False, text), prose),
            (Candidate("shell", "kubectl get secret db", True, text), shell),
        ]
    )
    assert prose.findings == [finding]
