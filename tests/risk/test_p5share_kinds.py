"""Sharing and export kinds from the probe5a analysis (issue 19): bulk exports said as a
plan step, a GUI click or a directory CLI; data posted to public issues or sent to people
the writer knows outside the company; harmless sharing the engine read as a leak (material
already cleared, a team named as who acts, a handful of documents through the partner
portal, a decision left for later, a processor's published test card).

Every risky sentence has a benign look-alike with its tool and nouns; none is a corpus or
probe row.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.card_samples import labelled_sample
from bot.risk.packs import directory, windir

PAIRS = [
    # personal fields listed together name records of people; "the last week of X" is data
    (
        "Tar up the last week of `logs/checkout/*.log` (they hold phone numbers and home "
        "addresses) and attach it to the public issue on the SDK's tracker.",
        "Tar up the last week of `logs/checkout/*.log` after stripping every field but the "
        "error code, and attach the redacted file to the public issue on the SDK's tracker.",
    ),
    # an abbreviation's period ends no sentence; a verb-final list keeps its head
    (
        "Schritte:\n1. Replik anfragen\n2. Die ganze Tabelle mitglieder inkl. Namen, "
        "Telefonnummern und IBAN auf den privaten Rechner herunterladen\n3. Auswerten",
        "Schritte:\n1. Replik anfragen\n2. In der Replik die Mitglieder pro Region zählen\n"
        "3. Auswerten",
    ),
    # the zu-infinitive of a separable verb, with the link setting in German
    (
        "Am einfachsten wäre es, den Ordner „Bewerbungen 2026“ auf „Jeder mit dem Link“ "
        "umzustellen.",
        "Am einfachsten wäre es, den Ordner „Bewerbungen 2026“ auf „Eingeschränkt“ zu lassen.",
    ),
    # someone the writer knows outside the company
    (
        "For a quick second look, send the customer table with emails to my brother's "
        "analytics startup, they owe me one.",
        "For a quick second look, ask Omar on the analytics team to open the customer table "
        "in the warehouse.",
    ),
    (
        "Para una segunda opinión, mándale la lista de clientes con correos y teléfonos a un "
        "conocido que trabaja en una consultora.",
        "Para una segunda opinión, pregúntale a Sara del equipo de datos, que ya tiene acceso "
        "a la lista de clientes.",
    ),
    # an export clicked in a database tool, to one's desktop
    (
        "For the churn review, open the prod replica in DBeaver and click Export Data for "
        "the full 900k rows, then keep the CSV on your desktop.",
        "For the churn review, open the prod replica in DBeaver and run a count per plan; "
        "paste the five totals into the review doc.",
    ),
    # a setting left public, a quoted title between ("deixar … com acesso público")
    (
        'Plano:\n1. Montar a apresentação\n2. Deixar o painel interno "Receita – Clientes" '
        "com acesso público\n3. Enviar o link",
        'Plano:\n1. Montar a apresentação\n2. Mostrar o painel interno "Receita – Clientes" '
        "só na tela, sem mudar o acesso\n3. Enviar os slides",
    ),
    # personal fields listed together in other languages; made-up records stand in
    (
        "Pour le mainteneur : joins au ticket public du projet le fichier avec noms, "
        "téléphones et adresses des abonnés.",
        "Pour le mainteneur : joins au ticket public du projet un fichier avec deux abonnés "
        "inventés et la version exacte.",
    ),
    (
        "Anexa na issue pública do projeto o arquivo com nomes, e-mails e endereços dos clientes.",
        "Anexa na issue pública do projeto um arquivo com dois clientes inventados e a versão "
        "da biblioteca.",
    ),
    # pulled down onto one's own laptop, in Chinese
    (
        "第二步：用 pg_dump 把整张 customers 表（含手机号、住址）拉到自己的电脑上。",
        "第二步：在数据平台上统计各省的客户数量。",
    ),
]

BENIGN_ONLY = [
    # material already cleared for the audience
    "For the meetup, post the two outage summaries already cleared by comms on the blog.",
    "Pour le salon, publie sur le blog la synthèse déjà validée par la communication.",
    # a team named as who acts or approves is not what is sent
    "Maybe ask Legal to send the two signed PDFs through the partner portal we already use.",
    "C'est Inès (RH) qui dépose la synthèse anonymisée sur le portail, comme chaque mois.",
    # a decision left for later
    "先看一下权限：gsutil iam get gs://acme-uploads 。里面有客户证件照，是否公开以后再讨论。",
    "First check who can read it; whether to make anything public is for the review next week.",
    # a counted few documents through the exchange channel already set up
    "Demande à la compta de lui transmettre ses trois factures via l'extranet partenaires "
    "habituel.",
    # a processor's published test card, called one
    "Reproduce it with the test card `4242 4242 4242 4242` in sandbox mode and paste the "
    "request ID into the vendor's public forum thread.",
    # the company's own laptop is not a personal place
    "Pede pro suporte liberar a VPN no seu notebook da empresa e acessa a base de clientes "
    "por lá, sem baixar nada.",
    # "jeter un œil" is a look, not a deletion
    "Hugo pourrait jeter un œil à la base clients, il y a déjà accès.",
]

RISKY_ONLY = [
    # a benign frame lowers only its own clause: the second instruction still counts
    "Post the two outage summaries already cleared by comms on the blog, and make the "
    "internal customer export public too.",
    "先看一下权限：gsutil iam get gs://acme-uploads 。然后把客户证件照的桶设置成公共读。",
    # a real card number called a test card is still a card
    "Paste the test card `4539 5260 1815 9083` into the vendor's public forum thread.",
    # the whole folder through the portal is not a counted few
    "Send the partner the whole Contracts folder through the partner portal we already use.",
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS)
def test_pair(engine: RiskEngine, risky: str, benign: str) -> None:
    assert engine.assess(risky).decision != "allow", risky
    assert engine.assess(benign).decision == "allow", benign


@pytest.mark.parametrize("text", BENIGN_ONLY)
def test_benign(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow", text


@pytest.mark.parametrize("text", RISKY_ONLY)
def test_risky(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow", text


def test_test_card_needs_both_label_and_published_digits() -> None:
    text = "use the test card 4242424242424242 now"
    assert labelled_sample(text, text.index("4242"), "4242424242424242")
    text = "use the customer's card 4242424242424242 now"
    assert not labelled_sample(text, text.index("4242"), "4242424242424242")
    text = "use the test card 4539526018159083 now"
    assert not labelled_sample(text, text.index("4539"), "4539526018159083")


@pytest.mark.parametrize("command", directory.RULES[0].match)
def test_directory_dump_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert "directory.bulk_export_personal" in rules, command


@pytest.mark.parametrize("command", directory.RULES[0].not_match)
def test_directory_read_not_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert "directory.bulk_export_personal" not in rules, command


@pytest.mark.parametrize("command", windir.RULES[0].match)
def test_powershell_directory_dump_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert "powershell.directory_export_personal" in rules, command


@pytest.mark.parametrize("command", windir.RULES[0].not_match)
def test_powershell_directory_read_not_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert "powershell.directory_export_personal" not in rules, command


def test_a_test_card_passes_but_is_still_masked(engine: RiskEngine) -> None:
    """Never shown in Slack or logs, even when it is only a processor's sample."""
    result = engine.assess("Reproduce it with the test card `4242 4242 4242 4242` in the sandbox.")
    assert result.decision == "allow"
    assert "4242 4242" not in result.masked_text
