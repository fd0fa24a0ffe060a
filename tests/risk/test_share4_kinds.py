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

import pytest

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
