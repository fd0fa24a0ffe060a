"""Sharing kinds of the third sharing pass (issue 19), each with its look-alikes.

- an outside address in any language is where personal data goes; it does not make a role
  or a repository shared with someone a leak;
- a recipient pointed back at ("send them …") borrows the sentence before, even when the
  message says "by e-mail"; German capitalised nouns after "mit" are not a colleague's name;
- granting outsiders access to personal data is sharing, read-only or not; other grants
  are an access matter;
- destinations inside a quoted title are the title's words; a quoted setting's label
  („Jeder mit dem Link“) still says who can open it;
- someone else's Dropbox or upload link, and one's own, are file drops outside the company;
- free online transcription and translation sites in Japanese, Chinese and the rest;
- "anyone with the link" in each product's words is public whatever is set to it, unless
  refused or changed from;
- a third party said to do the transfer itself ("legal will send it themselves");
- denials and lookups of public storage in other languages; Drive permissions of type
  `domain`, whole outside domains (`@agency.example`) but not Slack handles; French
  imperatives in -age and feminine "publique", Chinese 没有公开, Japanese 〜のはやめて and
  障害報告書 (a document, not a report of the past).
"""

from __future__ import annotations

import pytest

from bot.risk.prose import assess_prose

DOMAINS = ("northwind.example",)


def _held(text: str) -> set[str]:
    return {f.category for f in assess_prose(text, DOMAINS).findings if f.verdict != "allow"}


def _rules(text: str) -> set[str]:
    return {f.rule for f in assess_prose(text, DOMAINS).findings if f.verdict != "allow"}


# (risky, benign twin): the twin keeps the tools and nouns and makes them harmless
PAIRS = [
    # an outside address receives personal data, in any language
    (
        "Envoie la liste des patients avec leurs dossiers médicaux à dr.roux@clinique-ouest.fr.",
        "Envoie la liste des patients avec leurs dossiers médicaux à p.roux@northwind.example.",
    ),
    (
        "Exporta la tabla de clientes con teléfonos y mándasela a ana@consultora-sol.es.",
        "Exporta el número de clientes por mes, sin teléfonos, y mándaselo a "
        "ana@consultora-sol.es.",
    ),
    # a recipient named in the sentence before, with "per Mail" in this one
    (
        "Die Kanzlei braucht unsere Kundendaten. Schick ihnen bitte die Liste mit Namen und "
        "Adressen per Mail.",
        "Die Kanzlei braucht unsere Kundendaten. Schick ihnen bitte nur die Anzahl der Kunden "
        "per Mail.",
    ),
    (
        "The auditors asked for the churn workbook. Email them the per-customer tab today.",
        "The auditors asked for the churn workbook. Email them the summary tab today.",
    ),
    # personal data granted to outsiders, read-only or not
    (
        "Give the agency read access to the customer contact list.",
        "Give the agency read access to the staging repo.",
    ),
    ("给外包公司开通客户数据库的访问权限。", "给外包公司开通测试环境的只读权限。"),
    # file drops outside the company's accounts
    (
        "Upload the payroll export to their Dropbox request link.",
        "Upload the payroll export to the HR team drive.",
    ),
    # online transcription and translation sites
    (
        "会議の録画を無料のオンライン文字起こしサイトにアップロードしてください。",
        "会議の録画を社内の文字起こしツールにアップロードしてください。",
    ),
    ("把客户访谈录音上传到免费的在线转写网站。", "把客户访谈录音上传到公司内部的转写服务。"),
    # a setting's label in quotes, a folder's title in quotes
    (
        "Stell den Ordner „Verträge 2026“ auf „Jeder mit dem Link“.",
        "Stell den Ordner „Verträge 2026“ auf „Nur Personen mit Zugriff“.",
    ),
    # a third party does the transfer
    (
        "Opposing counsel wants the HR case files. Upload them to the data room yourself today.",
        "Opposing counsel wants the HR case files. Check how big they are; legal will upload "
        "them to the data room themselves.",
    ),
    # French imperative in -age; Chinese and Japanese negations
    (
        "Partage le tableau de bord des salaires avec tout le monde.",
        "Partage le tableau de bord des ventes avec Julie.",
    ),
    ("把合同文件夹设置为公开，方便客户下载。", "确认合同文件夹没有公开。"),
    # a whole outside domain; a Slack handle with a dot is a colleague
    (
        "Comparte el tablero «Pedidos por cliente» con todo el dominio @envios-rapidos.mx.",
        "Comparte el tablero «Pedidos por cliente» con @lucia.ferrer en #logistica-interna.",
    ),
    # where a file is opened is not where it is sent; a noun or a verb is not a place
    (
        "Forward the payroll export to their personal phones so they can open it tonight.",
        "Share the payroll folder with the HR leads so they can open it from their phones.",
    ),
    (
        "Paste the customer emails from the support ticket export into the #support channel.",
        "Paste the support ticket export, customer emails included, into our internal LLM "
        "gateway and ask it to group the complaints.",
    ),
    # "complet" and the CRM weigh in French; the German adjective "leere" destroys nothing
    (
        "Pourriez-vous transférer l'export CRM complet au prestataire de Nantes ?",
        "Pourriez-vous transférer le planning des ateliers au prestataire de Nantes ?",
    ),
    # French feminine "publique"; a Japanese incident report is a document, not a report of
    # what happened
    (
        "Mets la liste des clients avec leurs téléphones sur la page publique du site.",
        "Mets le calendrier des webinaires sur la page publique du site.",
    ),
    (
        "障害報告書を顧客IDが入ったままブログで公開してください。",
        "障害報告書を顧客IDを伏せた版にしてからブログで公開してください。",
    ),
    (
        "顧客名簿を個人のGmailに送ってください。",
        "顧客名簿を個人のGmailに送るのはやめてください。",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS)
def test_a_sharing_kind_is_held_and_its_look_alike_is_not(risky: str, benign: str) -> None:
    assert _held(risky) & {"sharing", "export", "pii", "exfiltration"}, risky
    assert not _held(benign) & {"sharing", "export", "pii", "exfiltration"}, benign


LINK_SET = [
    "Comparte el vídeo con «Cualquier persona con el enlace».",
    "Stell das Video auf „Jeder mit dem Link“.",
    "把视频设置成「获得链接的任何人可查看」。",
    "動画を「リンクを知っている全員」が見られるように共有してください。",
    "Mets la vidéo en « Toute personne disposant du lien ».",
    "Deixa o vídeo com acesso «Qualquer pessoa com o link».",
]
LINK_TAKEN_AWAY = [
    "No pongas el vídeo en «Cualquier persona con el enlace»; compártelo solo con Ana.",
    "把视频的权限从「获得链接的任何人」改成「仅限成员」。",
    "Cambia el vídeo de «Cualquier persona con el enlace» a «Restringido».",
    "Stell das Video von „Jeder mit dem Link“ auf „Eingeschränkt“ um.",
    'Change the video from "Anyone with the link" to "Restricted".',
]


@pytest.mark.parametrize("text", LINK_SET)
def test_anyone_with_the_link_is_public_whatever_the_object(text: str) -> None:
    assert "sharing" in _held(text), text


@pytest.mark.parametrize("text", LINK_TAKEN_AWAY)
def test_anyone_with_the_link_refused_or_changed_from_is_not(text: str) -> None:
    assert "sharing" not in _held(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a role on a repository for an outside address is an access matter
        "Agrega a lucia@estudio-norte.mx como colaboradora del repositorio web-publica.",
        # a folder's title is not where it goes
        "Ajoute Claire (claire@northwind.example) en lecture sur le dossier "
        "« Litiges fournisseurs ».",
        # an all-hands recording is a meeting's recording, not an audience
        "Upload the all-hands recording to the internal video library, restricted to employees.",
        "Bitte schick der Agentur nur das leere Template aus dem CRM, ohne Kundendaten.",
        # an outside firm said to do it itself, into a data room (a place, not data)
        "The consulting firm will upload their findings to our data room themselves.",
        # the secret left out, its name sent: a fact about a secret
        "Der Dienstleister fragt nach dem Format. Schick ihm bitte den Namen des Vault-Eintrags "
        "für die Produktionsdatenbank per E-Mail, ohne das Passwort selbst.",
    ],
)
def test_roles_titles_meetings_and_names_are_not_sharing(text: str) -> None:
    assert not _held(text) & {"sharing", "export", "secrets"}, text


@pytest.mark.parametrize(
    "text",
    [
        "Vérifie que allUsers n'apparaît pas dans la politique du bucket.",
        "allUsers が含まれていないことを確認してください。",
        "Prüf, dass allUsers nicht enthalten ist.",
        "gsutil iam get gs://northwind-contracts and look for allUsers",
    ],
)
def test_public_storage_checked_or_denied_is_not_opened(text: str) -> None:
    assert "prose.public_storage" not in _rules(text), text


def test_public_storage_granted_is_still_opened() -> None:
    assert "prose.public_storage" in _rules("gsutil iam ch allUsers:objectViewer gs://nw-contracts")


def test_a_drive_permission_of_type_domain_is_company_wide() -> None:
    wide = "gdrive permissions share --type domain --domain northwind.example --role reader 1AbC"
    named = "gdrive permissions share --type user --email ana@northwind.example --role reader 1AbC"
    assert "prose.company_wide" in _rules(wide)
    assert "prose.company_wide" not in _rules(named)
