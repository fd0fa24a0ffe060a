"""Sharing made harmless by the message's own words, in seven languages.

What is sent is left out ("without the customer names", "with the tokens stripped out",
"sin datos personales", "ohne Kundendaten", "不含客户数据", "個人情報を含まない"), is
metadata only (the column names, the header row, the schema), or is already public. The
finding does not apply to that object; it still applies when a sensitive object is named
in the same clause outside what is left out, or when the left-out part is harmless and
the rest is not ("the slides and the customer list, without the appendix").
"""

from __future__ import annotations

import pytest

from bot.risk.prose import assess_prose
from bot.risk.prose.intent import assess_intent

DOMAINS = ("northwind.example",)


def _held(text: str) -> set[str]:
    return {f.category for f in assess_intent(text) if f.verdict != "allow"}


BENIGN = [
    "Forward the vendor the error log with the customer emails and api tokens stripped out.",
    "Send the agency the mailing template without any customer names or addresses.",
    "Email the consultants only the column names of the orders table, no rows.",
    "Please send the auditors the header row only of the payroll export.",
    "Publish the salary bands that are already on our careers page to the public website.",
    "Envoie au prestataire le fichier des commandes sans données personnelles.",
    "Mándale a la consultora el resumen de pedidos sin datos personales.",
    "Schick der Agentur die Kundenliste-Vorlage ohne Kundendaten.",
    "Manda pro parceiro a planilha de clientes sem nenhum dado, só as colunas.",
    "委託先に個人情報を含まない集計表を送ってください。",
    "把不含客户数据的统计表发给外包公司。",
]

RISKY = [
    ("Forward the vendor the error log with the customer emails and the api tokens.", "secrets"),
    (
        "Send the agency the slides and the customer list, without the cover page.",
        "sharing",
    ),
    ("Email the consultants the customer list, no rush, whenever you can.", "sharing"),
    ("Envoie au prestataire le fichier des clients avec leurs adresses e-mail.", "sharing"),
    ("Mándale a la consultora la base de clientes con nombres y teléfonos.", "sharing"),
    ("Schick der Agentur die Kundenliste mit allen E-Mail-Adressen.", "sharing"),
    ("Manda pro parceiro a planilha de clientes com CPF e endereço.", "sharing"),
    ("委託先に顧客の個人情報が入ったリストを送ってください。", "sharing"),
    ("把客户数据的明细表发给外包公司。", "sharing"),
    ("把带数据库密码的配置文件发到公开的 GitHub 仓库。", "secrets"),
]


@pytest.mark.parametrize("text", BENIGN)
def test_what_the_message_leaves_out_or_calls_public_is_not_held(text: str) -> None:
    assert not _held(text) & {"sharing", "secrets", "export"}, text


@pytest.mark.parametrize(("text", "category"), RISKY)
def test_a_sensitive_object_named_outside_what_is_left_out_is_held(
    text: str, category: str
) -> None:
    assert category in _held(text), text


def test_a_secret_removed_from_a_file_is_not_sent_with_it() -> None:
    assert "secrets" not in _held("把去掉密码之后的配置文件用微信发给外包。")
    assert "secrets" in _held("把带密码的配置文件用微信发给外包。")


def test_removing_parts_of_a_copy_is_not_destroying_but_deleting_still_is() -> None:
    assert "destroy" not in _held("把去掉密码之后的部署脚本推到公开的 GitHub 仓库里。")
    assert "destroy" in _held("把生产库里 2018 年的订单历史全部删掉吧。")


def test_a_redacted_timeline_may_go_to_a_public_repository() -> None:
    redacted = "Upload the incident timeline with the customer IDs redacted to our public repo."
    raw = "Upload the incident timeline with the customer IDs to our public repo."
    assert not assess_prose(redacted, DOMAINS).findings
    assert assess_prose(raw, DOMAINS).findings


@pytest.mark.parametrize(
    "text",
    [
        "Use your admin override to merge it without the required review.",
        "Utilise tes droits d'admin pour fusionner sans la revue obligatoire.",
    ],
)
def test_what_is_got_around_is_not_left_out(text: str) -> None:
    # "without" names the control bypassed, not a part left out of something sent
    assert "controls" in _held(text)


@pytest.mark.parametrize(
    ("owned", "outside"),
    [
        (
            "Paste the customer list into our internal LLM gateway.",
            "Paste the customer list into ChatGPT.",
        ),
        ("社内のAIに顧客リストを貼り付けてください。", "顧客リストをChatGPTに貼り付けてください。"),
        ("把客户名单发到公司内部的AI工具里。", "把客户名单发到ChatGPT里。"),
    ],
)
def test_the_companys_own_place_is_not_an_outside_destination(owned: str, outside: str) -> None:
    assert "sharing" not in _held(owned)
    assert "sharing" in _held(outside)


def test_an_owned_place_named_elsewhere_does_not_excuse_the_outside_one() -> None:
    assert "sharing" in _held("Paste the customer list into ChatGPT, not our internal gateway.")


@pytest.mark.parametrize(
    ("qualified", "coordinated"),
    [
        (
            "Send the agency the anonymized customer list.",
            "Send the agency the anonymized sample and the full customer list.",
        ),
        (
            "Send the vendor only the column names of the customer table.",
            "Send the vendor only the column names and the customer list.",
        ),
        (
            "Envía a la consultora la lista de clientes sin datos personales.",
            "Envía a la consultora los totales agregados y la lista de clientes con teléfonos.",
        ),
    ],
)
def test_a_harmless_object_does_not_excuse_a_second_one_beside_it(
    qualified: str, coordinated: str
) -> None:
    assert "sharing" not in _held(qualified)
    assert "sharing" in _held(coordinated)


def test_a_deck_sent_without_its_customer_appendix_stays_with_the_company() -> None:
    without = "Export the slides without the customer appendix and send them to the partner."
    with_it = "Export the slides with the customer appendix and send them to the partner."
    assert not assess_prose(without, DOMAINS).findings
    assert assess_prose(with_it, DOMAINS).findings


def test_data_left_out_is_not_what_is_deleted() -> None:
    assert "destroy" not in _held(
        "Schick dem Partner die bereinigte Präsentation ohne Kundendaten."
    )
    assert "destroy" in _held("Lösch die Kundendaten ohne Rückfrage.")
