"""Kinds from the p6b analysis set (issue 19): history erased in Perforce, TFVC, Plastic and
Mercurial; identity-provider access policies switched off (Graph PowerShell, Okta,
Cloudflare Access, Google access-context-manager); a firewall rule *added* in a hedged
message (German and Chinese verbs, a Japanese reason clause dated "yesterday"); whole sets
of people's records (candidates, members, donors, leads) sent to partners or into private
workspaces.

Every risky sentence has a benign look-alike with its tool and nouns; none is a corpus or
probe row.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.packs import idp, vcs

PAIRS = [
    # Perforce obliterate: -y on a shared depot, not a preview or a personal sandbox
    (
        "Clean up the old art drops with `p4 obliterate -y //depot/art/2018/...` on the main "
        "server.",
        "Clean up your own experiments with `p4 obliterate -y //sandbox/lena/experiments/...`.",
    ),
    (
        "Clean up the old art drops with `p4 obliterate -y //depot/art/2018/...` on the main "
        "server.",
        "First see what would go: `p4 obliterate //depot/art/2018/...` (no -y, a preview).",
    ),
    # Graph PowerShell: a conditional-access policy off or report-only, not enabled or read
    (
        "Run `Update-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $cap.Id "
        "-State disabled` so the contractors can sign in.",
        "Run `Update-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId $cap.Id "
        "-State enabled` now that the pilot is over.",
    ),
    # Okta: a policy deactivated, not activated
    (
        "Then: curl -X POST -H 'Authorization: SSWS $T' "
        "https://corp.okta.com/api/v1/policies/00pq7/lifecycle/deactivate",
        "Then: curl -X POST -H 'Authorization: SSWS $T' "
        "https://corp.okta.com/api/v1/policies/00pq7/lifecycle/activate",
    ),
    # a firewall rule added (verb-final German), to the internet vs one partner address
    (
        "Vielleicht könntest du im Security-Group-Set sg-db eine Regel für Port 3306 von "
        "0.0.0.0/0 hinzufügen, bis wir die Adressen haben.",
        "Vielleicht könntest du im Security-Group-Set sg-web eine Regel für Port 443 von "
        "198.51.100.30/32 hinzufügen, bis wir die Adressen haben.",
    ),
    # Chinese: "允许" lets the internet in
    (
        "可以先在安全组 sg-cache 里加规则，允许 0.0.0.0/0 访问 6379 端口。",
        "可以先在安全组 sg-web 里加规则，允许 198.51.100.8/32 访问 443 端口。",
    ),
    # Japanese: a reason clause dated yesterday ends with ので、; the act after it is asked
    (
        "先方が昨日から繋がらないので、sg-db に 0.0.0.0/0 からポート 3306 を許可してください。",
        "先方が昨日から繋がらないので、sg-web に 198.51.100.8/32 から"
        "ポート 443 を許可してください。",
    ),
    # the cloud firewall "groupe de sécurité" is neither a control nor a chat group
    (
        "Le sous-traitant est bloqué : ajoute dans le groupe de sécurité sg-db une règle pour "
        "le port 5432 depuis 0.0.0.0/0.",
        "Le sous-traitant est bloqué : ajoute dans le groupe de sécurité sg-web une règle pour "
        "le port 443 depuis leur IP fixe 198.51.100.4/32.",
    ),
    # whole sets of people's records to outsiders or private places, vs aggregates/company
    (
        "Please send the volunteer agency our complete volunteer database with home addresses.",
        "Please send the volunteer agency the number of volunteers per city, no names.",
    ),
    (
        "Envoie au cabinet partenaire la base des adhérents avec leurs coordonnées.",
        "Envoie au cabinet partenaire le nombre d'adhérents par région, sans nom.",
    ),
    (
        "Mándale a la academia externa el listado de alumnos con sus teléfonos.",
        "Mándale a la academia externa el número de alumnos por curso, sin datos personales.",
    ),
    (
        "Importier bitte alle Spender mit Adressen in das private Notion von Jonas.",
        "Importier bitte die Spendensumme pro Monat in das Team-Notion der Firma.",
    ),
    (
        "Importa a lista de sócios com moradas no Airtable pessoal do Rui.",
        "Importa o número de sócios por distrito no Airtable da empresa.",
    ),
    (
        "He made a private Notion on his own Gmail; import the subscriber list there.",
        "He made a team page in the company Notion; import the release notes there.",
    ),
    # pt: "o export" is a noun, not the verb; a setting switched "para público" is a share
    (
        "Sugestão: mudar o painel com o export dos clientes para público no Looker.",
        "Sugestão: manter o painel com o export dos clientes privado no Looker.",
    ),
    (
        "会員名簿を外部のイベント会社にそのまま送ってください。",
        "会員数の月別推移を外部のイベント会社に送ってください。",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS, ids=lambda t: t[:40])
def test_pair(engine: RiskEngine, risky: str, benign: str) -> None:
    assert engine.assess(risky).decision != "allow", risky
    assert engine.assess(benign).decision == "allow", benign


@pytest.mark.parametrize("command", vcs.RULES[0].match + idp.RULES[0].match)
def test_pack_examples_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert rules & {"vcs.history_erased", "idp.policy_off"}, command


@pytest.mark.parametrize("command", vcs.RULES[0].not_match + idp.RULES[0].not_match)
def test_pack_counter_examples_not_flagged(engine: RiskEngine, command: str) -> None:
    rules = {f.rule for f in engine.assess(command).findings}
    assert not rules & {"vcs.history_erased", "idp.policy_off"}, command
