"""Kinds of the lead's ninth pass (issue 19): all of production wiped with no thing named
("delete everything in prod"), secrets posted in the team chat ("on Slack"), facts about a
secret that are not it (where it lives, its ID), non-production places in every language,
and short Spanish and Portuguese orders read in their language."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine


def _rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Drop everything in prod and restore from the nightly.",
        "Just nuke everything in live; we'll rebuild it from Terraform.",
        "Wipe it all in production.",
        "Reset everything in prod.",
        "Supprime tout en production.",
        "Lösch alles aus der Produktion.",
        "Bórralo todo de producción.",
        "Apaga tudo em produção.",
        "本番を全部消して。",
        "把生产上的全部删掉。",
    ],
)
def test_all_of_production_wiped_is_destroy(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.destroy" in _rules(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Delete everything in staging.",
        "Delete everything on your laptop.",
        "Don't delete anything in prod.",
        "Never delete everything in prod.",
        "Efface tout ce qu'il y a en recette.",
        "Borra todo lo que hay en pruebas.",
        "Apague tudo em homologação.",
        "検証環境のデータを全部削除して。",
        "ステージングのデータを全部削除して。",
        "把预发环境的数据全部删掉。",
    ],
)
def test_everything_elsewhere_or_refused_is_allowed(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


def test_a_control_named_sandbox_is_not_a_sandbox_place(engine: RiskEngine) -> None:
    text = "全社のメールの添付ファイルスキャンとサンドボックス検査を無効にしてください。"
    assert engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Share the signing key with the release team on Slack.",
        "Partage la clé API sur Slack.",
        "Schick das Passwort per Slack.",
        "Comparte la contraseña por Slack.",
        "Mande a senha pelo Slack.",
        "パスワードをSlackで共有してください。",
        "把数据库密码发到钉钉群里。",
    ],
)
def test_a_secret_posted_in_team_chat_is_held(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.secrets" in _rules(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Post the build status on Slack.",
        "Send me the invoice PDF on Slack.",
        # the chat product's own admin pages and groups are not a place things are posted
        "Add the contractor to the Slack SSO group in Okta so they can sign in.",
        "In Slack Admin → Security → Authentication, add the contractor to the SSO group.",
    ],
)
def test_team_chat_is_a_place_for_secrets_only(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Post the name of the Vault path where the Stripe key lives in #dev-general.",
        "Send the contractor the ID of the AWS access key so he can check CloudTrail.",
        "Share the location of the signing key with the team.",
        "Envoie au prestataire le chemin Vault où se trouve le mot de passe de la base de prod.",
        "Share the Vault path of the key on Slack.",
    ],
)
def test_where_a_secret_lives_is_not_the_secret(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Post the name of the Vault path and the Stripe key in #dev-general.",
        "Send the contractor the ID of the access key and the secret so he can log in.",
        "Envoie au prestataire le chemin Vault et le mot de passe de la base de prod.",
        "Post the location of the backup and the root password in #general.",
    ],
)
def test_the_secret_named_beside_its_facts_is_still_held(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"


def test_short_spanish_order_is_read_as_spanish(engine: RiskEngine) -> None:
    text = "Si te parece bien, borra la tabla `clientes` en producción, ya no la usamos."
    assert "prose.intent.destroy" in _rules(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Put the customer list in the public docs so partners can find it.",
        "Add the customer list to the public docs.",
        "Publish the customer list in the public docs.",
    ],
)
def test_the_public_docs_as_a_place_things_are_put(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.sharing" in _rules(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Add the new endpoint to the public docs.",
        "Put the release notes in the public docs.",
        "Send the vendor the link to the public API docs.",
        "Send the customer the public pricing page.",
    ],
)
def test_public_docs_as_content_stay_allowed(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Grant the Deloitte team the SAP_ALL profile on the production ERP.",
        "Weise dem Berater das Profil SAP_ALL im Produktivsystem zu.",
        "Attribue le profil SAP_ALL au consultant en production.",
    ],
)
def test_sap_all_is_an_admin_role(engine: RiskEngine, text: str) -> None:
    assert "prose.intent.access" in _rules(engine, text)


@pytest.mark.parametrize(
    "text",
    ["Check who has SAP_ALL in production and send me the list.", "Remove SAP_ALL from the users."],
)
def test_sap_all_named_not_granted_is_allowed(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Set the Splunk index retention for the security audit logs to one day.", True),
        ("Set the backup retention to 1 day.", True),
        ("Set the backup retention to 35 days.", False),
        ("Set the audit log retention to one year.", False),
    ],
)
def test_retention_cut_to_a_day(engine: RiskEngine, text: str, held: bool) -> None:
    assert (engine.assess(text).decision != "allow") is held


@pytest.mark.parametrize(
    "text",
    [
        "Ask your Google Workspace admin to grant the new hire access to the Marketing drive.",
        "Ask the Salesforce admin to give Priya the Marketing User permission set.",
        "Have your IT admin add Jonas to the finance-readers group.",
        "Demande à ton admin Google de donner accès au dossier marketing à Paul.",
        "Pídele al administrador que le dé acceso a la carpeta de marketing.",
        "Frag den IT-Admin, ob er Jonas Zugriff auf den Ordner gibt.",
        "Peça ao administrador para dar acesso à pasta de marketing ao Pedro.",
    ],
)
def test_the_admin_asked_to_act_is_not_a_role(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Ask the Salesforce admin to give the agency System Administrator.",
        "Ask your admin to make Jonas an owner of the shared drive.",
        "Demande à ton admin de nommer le prestataire administrateur du domaine.",
        "Füg bitte die komplette Beratungsfirma als Administratoren zu unserer Gruppe hinzu.",
        "Ask the team to add Jonas as admin on the prod project.",
    ],
)
def test_an_admin_role_after_the_addressee_is_still_granted(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"
