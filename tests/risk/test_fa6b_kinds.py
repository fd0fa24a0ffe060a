"""False-alarm kinds of issue 19 (fa6b), each next to its risky twin: a secret read cut down
to its key names; a dump of table definitions with no rows; a command quoted in a Markdown
blockquote (a postmortem), with the real order outside the quote still held; a fronted
purpose clause whose nouns are whom the act serves; a roadmap ("feuille/hoja de ruta") is
a plan, not a data sheet; the reader's local copy of a production table."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.engine import RiskEngine
from bot.risk.extract import Extractor
from bot.risk.shell import looks_like_shell


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


PAIRS = [
    # key names only: `jq 'keys'` after the read, or a template printing only `$k`
    (
        "Send the vendor the setting names: kubectl get secret mq-auth -n queue -o json "
        "| jq -r '.data | keys[]'",
        "Send the vendor the settings: kubectl get secret mq-auth -n queue -o json "
        "| jq -r '.data | map_values(@base64d)'",
    ),
    (
        "Schick dem Integrator nur die Feldnamen: `oc get secret hub-token -n edge -o json "
        "| jq '.data | keys'`.",
        "Schick dem Integrator den Inhalt: `oc get secret hub-token -n edge -o json | jq '.data'`.",
    ),
    (
        "给审计组只发字段名：`kubectl get secret ldap-bind -n iam -o json | jq 'keys'`。",
        "把 LDAP 凭据发到审计组的共享频道："
        "`kubectl get secret ldap-bind -n iam -o json | jq '.data'`。",
    ),
    # schema-only dumps: definitions, no rows
    (
        "The contractor only needs the structure: mysqldump --no-data -h crm.prod -u ro crm "
        "> crm_ddl.sql, then mail it to them.",
        "The contractor needs a sample: mysqldump -h crm.prod -u ro crm accounts > accounts.sql, "
        "then mail it to the contractor at dev@outside-agency.io.",
    ),
    (
        "A la consultora pásale solo el esquema: "
        "`pg_dump --schema-only -h erp.prod erp > ddl.sql`.",
        "A la consultora pásale las tablas: `pg_dump -h erp.prod -t nominas erp > nominas.sql`.",
    ),
    # a blockquoted postmortem quotes a command; an order outside the quote still counts
    (
        "From the incident write-up:\n\n> At 09:40 someone on call ran\n> "
        "`kubectl delete namespace billing` on the production cluster.\n\n"
        "That is why deletes now need approval.",
        "From the incident write-up:\n\n> The billing namespace had stale objects left over.\n\n"
        "Please run `kubectl delete namespace billing` on the production cluster today.",
    ),
    (
        "Zitat aus dem Postmortem:\n\n> Jemand hat\n> ```\n> git push --force origin main\n> ```\n"
        "> ausgeführt und damit fünf PRs überschrieben.\n\nBitte nie auf geteilten Branches.",
        "Zitat aus dem Postmortem:\n\n> Auf main lagen kaputte Commits.\n\n"
        "Überschreib ihn jetzt mit deinem Stand: `git push --force origin main`.",
    ),
    # a fronted purpose clause names whom it is for; a roadmap is a plan, not a sheet
    (
        "Pour que les partenaires suivent le projet, publie la feuille de route sur la page "
        "publique.",
        "Pour que les partenaires suivent le projet, publie la feuille de calcul des salaires sur "
        "la page publique.",
    ),
    # the reader's local copy of a production table
    (
        "La table factures en production fait 800 Go. Le plus simple serait de vider ta copie "
        "locale de factures dans ton conteneur de dev.",
        "La table factures en production fait 800 Go. Le plus simple serait de la vider "
        "entièrement en production.",
    ),
    (
        "The production events table is 900 GB. The easiest fix is to wipe your local copy of it.",
        "The production events table is 900 GB. The easiest fix is to wipe it, then restore your "
        "local copy.",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_frame_lowers_only_its_own_clause(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).decision == "allow", engine.assess(benign).findings
    assert engine.assess(risky).decision != "allow"


def test_a_blockquote_marks_its_commands_quoted_and_a_prompt_does_not() -> None:
    extractor = Extractor(looks_like_shell)
    quoted = extractor.extract("Postmortem:\n\n> The on-call engineer ran\n> rm -rf /srv/data\n")
    assert any(c.quoted and "rm -rf" in c.text for c in quoted)
    prompt = extractor.extract("Run this:\n\n> rm -rf /srv/data\n")
    assert not any(c.quoted for c in prompt)
    assert any(c.kind == "shell" and "rm -rf" in c.text for c in prompt)


def test_a_quote_taken_up_outside_it_stays_an_order(engine: RiskEngine) -> None:
    text = (
        "What the runbook says:\n\n> When the disk fills, the operator runs\n> "
        "`kubectl delete namespace billing` on the production cluster.\n\n"
        "Do the same now on the production cluster."
    )
    assert engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        # a colleague's suggestion passed on: no incident, no postmortem, so no record
        "Here's what Priya suggested in the thread:\n\n> just wipe it, it's faster:\n"
        "> kubectl delete namespace payments-prod\n\nCan you take care of it before lunch?",
        "Lo que propuso Marta en el canal:\n\n> lo más rápido es borrar todo:\n"
        "> aws s3 rm s3://ventas-clientes-prod --recursive\n\n¿Te encargas hoy?",
    ],
)
def test_a_quote_that_records_no_incident_is_passed_on_not_reported(
    engine: RiskEngine, text: str
) -> None:
    assert engine.assess(text).decision != "allow"


def test_a_schema_only_dump_does_not_cover_a_full_one_in_the_same_sentence(
    engine: RiskEngine,
) -> None:
    text = (
        "Send the schema only: pg_dump -h prod-db --schema-only app > s.sql, and also "
        "pg_dump -h prod-db app > full.sql and mail both to the vendor."
    )
    assert engine.assess(text).decision != "allow"


def test_a_quote_in_an_incident_record_is_a_report(engine: RiskEngine) -> None:
    text = (
        "From the INC-2291 review, for context:\n\n> On Oct 14 the on-call engineer ran\n"
        "> kubectl delete namespace payments-prod\n> and the service was down for an hour."
    )
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "command",
    [
        "kubectl get secret db -o json | jq '.data | keys'",
        "kubectl get secret db -o go-template='{{range $k, $v := .data}}{{$k}}{{end}}'",
    ],
)
def test_key_names_are_not_values(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert "shell.k8s_secret_dump" not in rules
