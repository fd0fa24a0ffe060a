"""Plain-prose instructions (no command) in seven languages, and their look-alikes.

Written before the lexicons: every risky sentence has benign neighbours that share its
verbs and nouns — a read-only ask, a negation or warning, a hypothetical, a report of
what happened, local scope, or sharing with a named colleague.
"""

from __future__ import annotations

import pytest

from bot.risk.prose import assess_prose
from bot.risk.prose.intent import assess_intent
from bot.risk.prose.lexicon import ACCENTS, ACTIONS
from bot.risk.prose.lexicons import LEXICONS
from tests.growth import assert_linear

DOMAINS = ("northwind.example",)


def _categories(text: str) -> set[str]:
    return {f.category for f in assess_intent(text) if f.verdict != "allow"}


RISKY: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Go ahead and remove the nightly snapshot vault, nobody restores from it.", "backups"),
        ("Recreate the billing database schema from scratch before the demo.", "destroy"),
        ("Invite the agency's workspace into #finance-forecasts so they can follow.", "sharing"),
        ("Paste the customer complaints export into an online AI summarizer.", "sharing"),
        ("Send the deploy signing key to the freelancer over Telegram.", "secrets"),
        ("Turn off point-in-time recovery on the payments cluster to save money.", "backups"),
        ("Silence every alert on the checkout service for the next two months.", "controls"),
        ("Use your admin rights to bypass the required review on main.", "controls"),
        (
            "Open the macro-enabled spreadsheet the unknown sender mailed you and enable content.",
            "exec",
        ),
        ("Wipe the production analytics warehouse tonight.", "destroy"),
        ("Grant the contractor admin rights on the billing project.", "access"),
        ("Upload the employee salary sheet to your personal Dropbox.", "sharing"),
        ("Don't wait for the review, delete the customer database today.", "destroy"),
    ],
    "fr": [
        ("Supprimez les sauvegardes hebdomadaires du coffre, elles ne servent jamais.", "backups"),
        ("Recrée la base de données de production à partir de zéro.", "destroy"),
        ("Désactive la récupération à un instant donné sur le cluster des commandes.", "backups"),
        ("Envoie la clé de signature au prestataire sur WhatsApp.", "secrets"),
        ("Colle la liste des patients dans un traducteur IA en ligne.", "sharing"),
        (
            "Coupe toutes les alertes du service d'authentification jusqu'au prochain trimestre.",
            "controls",
        ),
        ("Donne les droits d'administrateur au prestataire externe.", "access"),
    ],
    "es": [
        ("Borra las copias de seguridad semanales, nunca se usan.", "backups"),
        ("Elimina la base de datos de producción de clientes.", "destroy"),
        ("Desactiva la autenticación multifactor para todo el equipo.", "controls"),
        ("Envía la clave de firma al contratista por WhatsApp.", "secrets"),
        ("Pega la lista de pacientes en un traductor de IA en línea.", "sharing"),
        ("Apague las alertas del servicio de pagos hasta el próximo trimestre.", "controls"),
        ("Dale permisos de administrador al proveedor externo.", "access"),
    ],
    "de": [
        ("Lösche die wöchentlichen Sicherungen, die braucht niemand.", "backups"),
        ("Setze die Produktionsdatenbank komplett neu auf und lösche alle Kundendaten.", "destroy"),
        ("Deaktiviere die Zwei-Faktor-Authentifizierung für alle Konten.", "controls"),
        ("Schick den Signaturschlüssel per WhatsApp an den Dienstleister.", "secrets"),
        ("Kopiere die Patientenliste in einen Online-KI-Übersetzer.", "sharing"),
        ("Schalte alle Alarme für den Zahlungsdienst bis zum nächsten Quartal stumm.", "controls"),
        ("Gib dem externen Berater Administratorrechte.", "access"),
    ],
    "pt": [
        ("Apague os backups semanais do cofre, ninguém usa.", "backups"),
        ("Exclua o banco de dados de produção dos clientes.", "destroy"),
        ("Desative a autenticação de dois fatores para todos.", "controls"),
        ("Envie a chave de assinatura para o fornecedor pelo WhatsApp.", "secrets"),
        ("Cole a lista de pacientes num tradutor de IA online.", "sharing"),
        ("Silencie todos os alertas do serviço de pagamentos até o próximo trimestre.", "controls"),
        ("Dê permissões de administrador ao consultor externo.", "access"),
    ],
    "ja": [
        ("週次のバックアップを削除してください。誰も使っていません。", "backups"),
        ("本番データベースを作り直して、顧客データを消してください。", "destroy"),
        ("全員の二要素認証を無効化してください。", "controls"),
        ("署名鍵をLINEで委託先に送ってください。", "secrets"),
        ("患者リストをオンラインのAI翻訳に貼り付けてください。", "sharing"),
        ("決済サービスのアラートを来四半期までミュートしてください。", "controls"),
        ("外部のコンサルタントに管理者権限を付与してください。", "access"),
    ],
    "zh": [
        ("把每周的备份删掉吧，反正没人用。", "backups"),
        ("删除生产数据库里的客户数据。", "destroy"),
        ("给所有人关闭双因素认证。", "controls"),
        ("把签名密钥通过微信发给外包人员。", "secrets"),
        ("把患者名单粘贴到在线AI翻译里。", "sharing"),
        ("把支付服务的告警全部静音到下个季度。", "controls"),
        ("给外部顾问授予管理员权限。", "access"),
    ],
}

BENIGN: dict[str, list[str]] = {
    "en": [
        "List the snapshots in the nightly vault and tell me how old the newest one is.",
        "Never delete the customer database, even if the migration fails.",
        "What would happen if we deleted the production warehouse?",
        "The outage started when an engineer deleted the production ledger schema.",
        "Tear down your local dev environment and delete its volumes.",
        "Drop the scratch table on your laptop database when you are done.",
        "Report the phishing attachment to security rather than open it.",
        "Share the Q3 roadmap with Priya so she can review it.",
        "Check whether point-in-time recovery is enabled on the orders cluster.",
        "Store the signing key in the vault, not in chat.",
        "Hypothetically, if someone disabled MFA, how would we notice?",
        "The backup vault was removed last week by the platform team.",
    ],
    "fr": [
        "Liste les sauvegardes du coffre et dis-moi laquelle est la plus récente.",
        "Ne supprimez jamais les sauvegardes de production.",
        "Que se passerait-il si on supprimait la base de données de production ?",
        "Hier, quelqu'un a supprimé les sauvegardes de production par erreur.",
        "Supprime ton environnement de développement local et ses volumes.",
        "Partage le document avec Claire pour relecture.",
    ],
    "es": [
        "Revisa cuántas copias de seguridad hay en el almacén.",
        "Nunca borres las copias de seguridad de producción.",
        "¿Qué pasaría si borráramos la base de datos de producción?",
        "Ayer alguien borró las copias de seguridad de producción por error.",
        "Borra tu entorno de desarrollo local y sus volúmenes.",
        "Comparte el documento con Lucía para que lo revise.",
    ],
    "de": [
        "Prüfe, wie viele Sicherungen im Tresor liegen.",
        "Lösche niemals die Sicherungen der Produktionsdatenbank.",
        "Was wäre, wenn wir die Produktionsdatenbank löschen würden?",
        "Gestern hat jemand versehentlich die Sicherungen gelöscht.",
        "Lösche deine lokale Entwicklungsumgebung und ihre Volumes.",
        "Teile das Dokument mit Jonas zur Durchsicht.",
    ],
    "pt": [
        "Verifique quantos backups existem no cofre.",
        "Nunca apague os backups de produção.",
        "O que aconteceria se apagássemos o banco de dados de produção?",
        "Ontem alguém apagou os backups de produção por engano.",
        "Apague o seu ambiente de desenvolvimento local e os volumes.",
        "Compartilhe o documento com a Ana para revisão.",
    ],
    "ja": [
        "バックアップの一覧を確認してください。",
        "本番のバックアップは絶対に削除しないでください。",
        "もし本番データベースを削除したらどうなりますか？",
        "昨日、誰かが誤って本番のバックアップを削除しました。",
        "ローカルの開発環境とボリュームを削除してください。",
        "資料を田中さんと共有してください。",
    ],
    "zh": [
        "查看一下备份列表。",
        "千万不要删除生产环境的备份。",
        "如果我们删除生产数据库，会发生什么？",
        "昨天有人误删除了生产环境的备份。",
        "删除你本地的开发环境和数据卷。",
        "把文档分享给王伟审阅。",
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [(lang, t, c) for lang, rows in RISKY.items() for t, c in rows],
)
def test_plain_prose_instruction_is_caught(lang: str, text: str, category: str) -> None:
    assert category in _categories(text), text


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, rows in BENIGN.items() for t in rows]
)
def test_benign_look_alike_is_not_flagged(lang: str, text: str) -> None:
    assert _categories(text) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        # a warning and a real instruction in one message: the warning hides nothing
        "Never delete the audit logs. Delete the production customer database instead.",
        "We once deleted the backups by accident; this time, delete the production ledger.",
        "ローカル環境は触らないでください。本番データベースを削除してください。",
        "不要删除本地环境。删除生产数据库。",
    ],
)
def test_scope_is_per_sentence_not_per_message(text: str) -> None:
    assert "destroy" in _categories(text)


def test_every_lexicon_example_matches_its_entry_set() -> None:
    for lexicon in LEXICONS:
        for slot, examples in lexicon.examples.items():
            pattern = lexicon.pattern(slot)
            for example in examples:
                text = example.lower()
                if lexicon.fold_accents and slot in ACTIONS:
                    text = text.translate(ACCENTS)  # actions are read with stress accents removed
                assert pattern.search(text), (lexicon.lang, slot, example)


def test_intent_findings_reach_assess_prose() -> None:
    rules = {
        f.rule for f in assess_prose("Wipe the production analytics warehouse.", DOMAINS).findings
    }
    assert "prose.intent.destroy" in rules


def test_long_input_stays_fast() -> None:
    blob = ("supprime la base " + "a" * 5000 + " 削除 " + "x" * 3000 + " ") * 8
    assert_linear(assess_intent, blob[:65536])  # a quadratic scan grows 16x, not 4x


@pytest.mark.parametrize(
    "text",
    [
        # someone else's request, reported
        "The caller said he was from the bank and asked me to install AnyDesk on the finance PC.",
        # the action is what a change request will ask for
        "Please draft a change request to decommission the old production cluster next month.",
        # teaching how, not doing
        "Show them how to share files through the company OneDrive instead of USB sticks.",
        # a warning about the message itself
        "The invoice wants you to enable content — that's a classic phishing trick; report it.",
        # harmless data
        "Download the anonymized 1% sample of the customer database to your laptop.",
        # outsiders in a new, dedicated space
        "Invite the agency's workspace into a new dedicated channel for the redesign.",
        # nouns that look like actions
        "The deletion of the production database was reviewed in the postmortem.",
        "Die Veröffentlichung des Signaturschlüssels ist verboten.",
    ],
)
def test_scope_and_form_lower_what_is_not_an_instruction(text: str) -> None:
    assert _categories(text) == set(), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("El almacén de respaldos de producción no se usa. Bórralo hoy.", "backups"),
        ("O cofre de backups não é usado. Podes eliminá-lo hoje?", "backups"),
        ("Un supuesto proveedor envió un instalador. Ejecútalo como administrador.", "exec"),
        ("小王，生产库里的订单历史太占地方了，今天全部删掉吧。", "destroy"),
        (
            "The agency wants the customer records with card numbers. Send them over to them.",
            "sharing",
        ),
    ],
)
def test_objects_and_recipients_named_earlier_are_found(text: str, category: str) -> None:
    assert category in _categories(text), text


def test_too_many_instructions_fail_closed() -> None:
    text = " ".join(f"Never delete table{i} in the prod db{i}." for i in range(400))
    findings = assess_intent(text)
    assert "prose.intent.unread" in {f.rule for f in findings}
    assert all(f.verdict == "require_approval" for f in findings)


@pytest.mark.parametrize(
    "blob",
    [
        "delete the production database backups, " * 2000,
        "删除生产数据库的备份，" * 6000,
        "borra las copias de seguridad de producción, " * 1400,
        "remove it. " * 6000,
        " ".join(f"the delete{i} remove{i} wipe{i}" for i in range(3000)),
        "," * 65536,
    ],
)
def test_adversarial_64kb_inputs_stay_fast(blob: str) -> None:
    assess_intent("Wipe the production warehouse.")  # warm caches
    assert_linear(assess_intent, blob[:65536])  # ~20 ms alone; a quadratic scan grows 16x
