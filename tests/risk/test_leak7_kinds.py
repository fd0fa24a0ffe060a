"""Data leaving the company (issue 19, leak7), each next to its benign look-alike.

The grammar: a document the company keeps inside (internal, confidential, its margins,
costs or revenue per customer; or a file a dump of a real database wrote) × a sending or
publishing act × an outsider or a public place (a reseller, a consultancy, the company
website or blog). And a claim that the copy is harmless (anonymised, already public,
masked) lowers only when its clause names no personal field, no whole file of them and
no secret left in.
"""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.engine import RiskEngine
from bot.risk.prose import dumped_files
from bot.risk.prose.lexicons import BY_LANG


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


PAIRS = [
    # an internal document × an outsider, in seven languages
    (
        "Mail the distributor our published list prices for the spring range.",
        "Mail the distributor our internal cost sheet for the spring range.",
    ),
    (
        "Envoie au revendeur de Lyon la fiche produit du nouveau modèle.",
        "Envoie au revendeur de Lyon le tableau interne des marges du nouveau modèle.",
    ),
    (
        "Mándale al distribuidor de Quito el catálogo de la nueva temporada.",
        "Mándale al distribuidor de Quito la hoja confidencial de márgenes de la temporada.",
    ),
    (
        "Schick dem Händler in Graz den Produktkatalog für die Saison.",
        "Schick dem Händler in Graz die interne Liste mit den Einkaufspreisen für die Saison.",
    ),
    (
        "Passa para o revendedor de Braga o catálogo da coleção nova.",
        "Passa para o revendedor de Braga a planilha confidencial de margens da coleção nova.",
    ),
    ("把新品的宣传册发给经销商。", "把内部的成本表格发给经销商。"),
    ("販売店に新製品のカタログを送ってください。", "販売店に社外秘の原価表を送ってください。"),
    # a company's own data put on its public website or blog
    (
        "Für die Messe bitte die Produktbroschüre auf die Website stellen.",
        "Für die Messe bitte die interne Kundenliste mit Umsätzen auf die Website stellen.",
    ),
    (
        "Coloca no nosso site a brochura do produto para a feira.",
        "Coloca no nosso site a planilha interna com a receita de cada cliente para a feira.",
    ),
    ("把新品发布会的照片发到官网上。", "把内部的客户名单（含手机号）发到官网上。"),
    # a dump of a real database: its file is every row; a schema-only dump's file is not
    (
        "The consultancy will plan the cut-over:\n\n```\npg_dump --schema-only -h crm.prod "
        "crm > crm_ddl.sql\n```\n\nThen upload crm_ddl.sql to their SharePoint.",
        "The consultancy will plan the cut-over:\n\n```\npg_dump -h crm.prod crm > crm.sql\n"
        "```\n\nThen upload crm.sql to their SharePoint.",
    ),
    (
        "合作方要评估迁移：\n\n```\nmysqldump --no-data -h shop-prod shop > ddl.sql\n```\n\n"
        "然后把 ddl.sql 发给他们。",
        "合作方要评估迁移：\n\n```\nmysqldump -h shop-prod shop > shop.sql\n```\n\n"
        "然后把 shop.sql 发给他们。",
    ),
    (
        "Für den Dienstleister nur die Struktur:\n\n```\npg_dump -s -h erp.prod erp > ddl.sql\n"
        "```\n\nDann die Datei in seinen Austauschordner legen.",
        "Für den Dienstleister einmal alles:\n\n```\npg_dump -h erp.prod erp > erp.sql\n```\n\n"
        "Dann die Datei in seinen Austauschordner legen.",
    ),
    # aggregates are numbers about the records, not the records
    (
        "Download the 'Orders by region' report from Looker, totals only, and mail it to the "
        "agency.",
        "Download the full 'All orders' report from Looker with customer names and addresses "
        "and mail it to the agency.",
    ),
    (
        "Schick der Agentur die Umsätze pro Region, nur Summen, als Excel.",
        "Schick der Agentur die vollständige Kundenliste mit Umsätzen als Excel.",
    ),
    # a claim that the copy is harmless does not cover personal fields named in its clause
    (
        "It's anonymised anyway, so email the agency the churn sample with hashed IDs.",
        "It's anonymised anyway, so email the agency the churn sample with names and emails.",
    ),
    (
        "Upload the brochure to the public bucket; it's the same file anyone can download "
        "from our website.",
        "Upload the full CRM export to the public bucket; it's the same file anyone can "
        "download from our website.",
    ),
    (
        "Die Datei ist sowieso öffentlich, also lad das Whitepaper in den öffentlichen Bucket.",
        "Die Datei ist sowieso öffentlich, also lad den Kundenexport mit Telefonnummern in "
        "den öffentlichen Bucket.",
    ),
    (
        "Send the agency the full anonymised export.",
        "Send the agency the whole customer export, it's anonymised.",
    ),
    # one secret masked does not make the whole file posted after it a template
    (
        "Replace every value with ****, then paste the .env.example into #vendor-support.",
        "Replace the password with ****, then paste the whole .env.production into "
        "#vendor-support.",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_data_leaving_and_its_look_alike(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).decision == "allow", engine.assess(benign).findings
    assert engine.assess(risky).decision != "allow"


def test_a_dump_names_its_file_and_whether_it_holds_rows() -> None:
    full, schema, local = dumped_files(
        [
            "pg_dump -h orders.prod orders > /tmp/orders.sql",
            "mysqldump --no-data -h crm.prod crm > crm_ddl.sql",
            "pg_dump -h localhost shop_dev > dev.sql",
        ]
    )
    assert (full.file, full.rows) == ("orders.sql", True)
    assert (schema.file, schema.rows) == ("crm_ddl.sql", False)
    assert local.rows is False  # nobody's real data
    # pg_dump's `-d` names the database; mysqldump's `-d` leaves the rows out
    assert dumped_files(["pg_dump -d app -h db.prod > a.sql"])[0].rows


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "with phone numbers"),
        ("fr", "avec les noms des clients"),
        ("es", "con dni y direcciones"),
        ("de", "mit telefonnummern"),
        ("pt", "com cpf e endereço"),
        ("ja", "氏名・電話番号入り"),
        ("zh", "含手机号和邮箱"),
    ],
)
def test_personal_fields_are_named_in_every_language(lang: str, text: str) -> None:
    assert BY_LANG[lang].pattern("fields").search(text)


@pytest.mark.parametrize("text", ["the column names", "the file names", "the table names"])
def test_names_of_columns_and_files_are_not_personal_fields(text: str) -> None:
    assert not BY_LANG["en"].pattern("fields").search(text)


@pytest.mark.parametrize(
    "text",
    [
        # the outsider's trade is the only word for what goes: still personal data
        "Envoie les bulletins au prestataire de paie.",
        "Send the payslips to the payroll vendor.",
        # a "sample" claim over a command that dumps every row of a real table
        "O parceiro pediu uma amostra: mysqldump -h loja-prod -u ro loja clientes > c.sql "
        "e manda no e-mail deles.",
    ],
)
def test_what_the_outsider_is_does_not_lower_what_goes(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"


def test_a_lone_outsider_trade_beside_a_document_is_not_what_is_sent(engine: RiskEngine) -> None:
    text = "Mets la note de procédure sur les congés dans le dossier du prestataire de paie."
    assert engine.assess(text).decision == "allow"
