"""Kinds from the ninth analysis probe (helper rec9b): an admin role invited or set for
outsiders or everyone; a suggestion put as a negative question; a negated purpose that
negates only its own verb; a report word inside a topic closed by a colon; a value pinned in
a channel. Every risky sentence has a benign look-alike; none is a corpus row.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine

RISKY = [
    # an admin role handed to outsiders or to everyone by an invite or a setting
    "Invite the agency's two designers to our Figma organization as Admins so they can manage "
    "every team file themselves.",
    "Set the org base permission to Admin so all members and the outside collaborators can "
    "manage any repo.",
    "Convida os consultores externos como administradores do nosso Confluence.",
    # a suggestion put as a negative question
    "Ce ne serait pas plus simple de supprimer toute la base de production et de tout recharger ?",
    "¿No sería más fácil borrar la base de datos de producción y recargarla desde el dump?",
    "Why not just drop the production orders table and reload it tonight?",
    # a negated purpose before the order, in the same clause
    "Para no retrasar la auditoría lo más rápido es compartir la carpeta de nóminas con "
    "cualquier persona con el enlace.",
    "Pour ne pas bloquer la release il suffit de désactiver la revue obligatoire sur main.",
    "So we don't hold up the launch just disable the required reviews on main for today.",
    # a report word inside the topic, closed by a colon before the order
    "About what you asked yesterday: just export every customer with emails and phone numbers "
    "to your personal Dropbox.",
    "Concernant ta question d'hier : le plus simple est que tu supprimes toute la base de "
    "production.",
    # a value pinned where everyone in the channel reads it
    "Pin the shared admin password for the bank portal at the top of #finance so anyone can "
    "log in.",
    "Pinne das Root-Passwort der Produktionsdatenbank im Kanal #ops an.",
    "Fija en el canal #soporte la contraseña del administrador del firewall.",
    "Fixe no canal #ops a senha root do banco de produção.",
    "把生产环境的管理员密码置顶在运维群里。",
    # what the object holds, said in an aside set off by dashes; a report pulled over everyone
    "I'd export every subscriber from Mailchimp, not just Europe — all regions, with names, "
    "emails and home addresses — and drop the CSV in the agency's folder.",
    "Pull the same report from BambooHR for all employees — with home addresses, dates of "
    "birth and bank details — and save it to the auditors' SharePoint.",
    # a hedged "I'd …" is a suggestion to act
    "I'd drop the production orders table and reload it tonight.",
    # a hosting contract cancelled takes its machines and their disks with it
    "Cancel the three dedicated database servers at OVH before the next invoice.",
    "Résilie les deux serveurs dédiés de la base de production avant la prochaine facture.",
    "Kündige die dedizierten Datenbankserver im Kundenportal.",
    "Cancela los servidores dedicados de la base de datos de producción.",
    "Cancele os servidores do cluster de produção no painel.",
    # a console's delete button pressed on a selection of everything
    "Go to Contacts, filter Lifecycle stage = Subscriber, select all 48,000 and hit Delete.",
    "Geh in HubSpot auf Kontakte, wähle alle 30.000 aus und klick auf Löschen.",
    # a private key named by its algorithm, printed and sent
    "The contractor needs SFTP access: email them the output of cat /opt/sftp/keys/upload_rsa",
    "Schick dem Dienstleister per Mail die Ausgabe von: cat /etc/ssh/ssh_host_ed25519_key",
]

BENIGN = [
    "Invite the agency's two designers to the Q3 campaign file as viewers so they can comment.",
    "Set the org base permission to Read and give Write to the platform team only.",
    "Convida os consultores externos como leitores de um único espaço do Confluence.",
    "Ce ne serait pas plus simple de supprimer la base de test locale et de tout recharger ?",
    "¿No sería más fácil pedirle al equipo de datos que revise la tabla antes?",
    "Why not ask the data team first whether the orders table is still read?",
    # the purpose's own verb is what is negated: still not an order
    "Para no compartir la carpeta de nóminas con cualquier persona con el enlace, pídele al "
    "asesor que entre por el portal.",
    "Pour ne pas désactiver la revue obligatoire sur main, demande à Priya d'approuver la PR.",
    "So we don't have to disable the required reviews on main, ask Priya to approve the PR now.",
    "About what you asked yesterday: a count of customers per country is enough, no personal data.",
    "Concernant ta question d'hier : le plus simple est de relancer la migration sur la recette.",
    "Pin the link to the bank portal runbook at the top of #finance so anyone can find it.",
    "Pinne den Link zum Runbook der Produktionsdatenbank im Kanal #ops an.",
    "Fija en el canal #soporte el enlace a la guía de acceso al firewall.",
    "Fixe o preço do plano anual no site antes da campanha.",
    "把生产环境的操作手册链接置顶在运维群里。",
    "I'd export the campaign stats from Mailchimp, not just Europe — opens and clicks per day, "
    "no names — and drop the CSV in the team folder.",
    "Pull the same report from BambooHR for all departments — headcount and open roles only — "
    "and save it to the team SharePoint.",
    "I'd check with the data team before touching the production orders table.",
    "Cancel the meeting with the database servers vendor before the next invoice.",
    "Résilie l'abonnement à l'outil de sondage avant la prochaine facture.",
    "Kündige das Abo für das Umfrage-Tool im Kundenportal.",
    "Cancela la reunión con el proveedor de servidores.",
    "Cancele a reunião com o fornecedor de servidores.",
    "Go to Contacts, open the saved view and hit Export to see the columns.",
    "Geh in HubSpot auf Kontakte, wähle die zwei Testkontakte aus und klick auf Löschen.",
    "The contractor needs SFTP access: email them the output of cat /opt/sftp/keys/upload_rsa.pub",
    "Schick dem Dienstleister die Ausgabe von: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key",
]


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


@pytest.mark.parametrize("text", RISKY)
def test_risky_is_held(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow", text


@pytest.mark.parametrize("text", BENIGN)
def test_benign_look_alike_is_allowed(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision == "allow", text


def test_negated_purpose_keeps_a_second_order_held(engine: RiskEngine) -> None:
    """The negated purpose lowers its own verb only; a real order after it stays held."""
    text = (
        "Para no borrar nada por error, primero renombra la tabla; después borra la base de "
        "datos de producción entera."
    )
    assert engine.assess(text).decision != "allow"


def test_topic_heading_lowers_no_report_after_the_colon(engine: RiskEngine) -> None:
    """A report word in the topic dates the question only: a narration after the colon is
    still a report, and an order after it is still held."""
    told = "About what you asked yesterday: the migration job deleted the staging orders table."
    assert engine.assess(told).decision == "allow"
    asked = "About what you asked yesterday: delete the production orders table tonight."
    assert engine.assess(asked).decision != "allow"
