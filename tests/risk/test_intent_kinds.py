"""Kinds of prose instruction the first grammar missed, with their look-alikes.

Written before the rules (issue 19, second pass): history rewrites in words, an
object named after the verb across a colon, alerts silenced on one service for a
long time, admin rights for a personal or outside account, review gates overridden
with admin rights inside a friendly message, and company-wide sharing of material
made harmless first. Each kind is tried in several languages, each risky sentence
next to benign neighbours that share its verbs and nouns.
"""

from __future__ import annotations

import pytest

from bot.risk.prose import assess_prose
from bot.risk.prose.intent import assess_intent

DOMAINS = ("northwind.example",)


def _flagged(text: str) -> set[str]:
    return {f.category for f in assess_intent(text) if f.verdict != "allow"}


def _prose_flagged(text: str) -> set[str]:
    return {f.category for f in assess_prose(text, DOMAINS).findings if f.verdict != "allow"}


HISTORY_RISKY = [
    "Overwrite the shared release branch with your local copy.",
    "Rewrite the release/3.2 branch so the bad merge disappears.",
    "Delete the release tags on the remote and recreate them on the new commit.",
    "Turn off branch protection on main for an hour so you can push the fix.",
    "Écrase la branche release partagée avec ta version locale.",
    "Supprime les tags de release sur le dépôt distant.",
    "Désactive la protection de la branche main le temps de pousser.",
    "Sobrescribe la rama main remota con tu versión local.",
    "Borra las etiquetas de versión del repositorio remoto.",
    "Quita la protección de la rama main para poder hacer push.",
    "Überschreib den gemeinsamen Release-Branch mit deinem lokalen Stand.",
    "Lösch die Release-Tags im Remote-Repository.",
    "Schalte den Branch-Schutz für main kurz ab.",
    "Sobrescreve a branch main remota com a tua versão local.",
    "Apaga as tags de release no repositório remoto.",
    "Desativa a proteção da branch main para fazer o push.",
    "リモートの main ブランチをローカルの内容で強制的に上書きしてください。",
    "リモートのリリースタグを削除してください。",
    "main ブランチの保護を一時的に無効にしてください。",
    "用本地版本强制覆盖远端 main 分支。",
    "把远端仓库的发布标签删掉。",
    "把 main 分支的保护规则关掉。",
]
HISTORY_BENIGN = [
    "Never force-push over the shared release branch.",
    "Delete your local copy of the release branch.",
    "List the release tags on the remote.",
    "Turn on branch protection for main.",
    "Ne force jamais le push sur la branche release partagée.",
    "Liste les tags de release du dépôt distant.",
    "Nunca sobrescribas la rama main remota.",
    "Activa la protección de la rama main.",
    "Überschreib niemals den gemeinsamen Release-Branch.",
    "Aktiviere den Branch-Schutz für main.",
    "Nunca sobrescreva a branch main remota.",
    "Ativa a proteção da branch main.",
    "リモートの main ブランチは絶対に上書きしないでください。",
    "main ブランチの保護を有効にしてください。",
    "不要强制覆盖远端 main 分支。",
    "把 main 分支的保护规则打开。",
]

COLON_RISKY = [
    "Delete it now: the warehouse with last year's customer orders.",
    "Empty it tonight: the billing bucket on prod.",
    "If the migration fails again, drop the customer database.",
    "Supprime-la tout de suite : la base de données de production des clients.",
    "Bórrala ya: la base de datos de producción de clientes.",
    "Lösch sie sofort: die Produktionsdatenbank mit den Kundendaten.",
    "Apaga-a já: a base de dados de produção dos clientes.",
    "马上删掉它：生产环境的客户数据库。",
]
COLON_BENIGN = [
    "Delete it now: the scratch table on your laptop.",
    "Don't delete it: the warehouse with last year's orders.",
    "Keep it: the warehouse with last year's customer orders.",
    "Remove it from C:\\data and the share, then check the logs.",
    "Ne la supprime pas : la base de données de production.",
    "No la borres: la base de datos de producción.",
    "Lösch sie nicht: die Produktionsdatenbank.",
    "Não a apagues: a base de dados de produção.",
    "不要删掉它：生产环境的客户数据库。",
]

ALERTS_RISKY = [
    "Mute the paging for the auth service until the end of next month.",
    "Snooze the production payments alerts for three weeks.",
    "Disable paging on the fraud-detection service; we'll look at it next quarter.",
    "Turn off monitoring on the production database.",
    "Mets en sourdine les alertes du service de paiement de production pendant trois semaines.",
    "Silencia las alertas del servicio de pagos en producción durante tres semanas.",
    "Schalte das Paging für den Produktions-Zahlungsdienst drei Wochen lang stumm.",
    "Silencia os alertas do serviço de pagamentos em produção durante três semanas.",
    "本番の決済サービスのアラートを3週間ミュートしてください。",
    "把生产支付服务的告警静音三周。",
]
ALERTS_BENIGN = [
    "Mute the staging alerts for an hour during the deploy.",
    "Snooze that one flaky alert for 30 minutes.",
    "Turn on paging for the auth service.",
    "Coupe l'alerte de staging pendant une heure.",
    "Silencia la alerta de staging durante una hora.",
    "Schalte den Staging-Alarm für eine Stunde stumm.",
    "Silencia o alerta de staging durante uma hora.",
    "ステージングのアラートを1時間だけミュートしてください。",
    "把测试环境的告警静音一小时。",
]

ADMIN_RISKY = [
    "Add my personal Gmail as an owner of the GitHub org.",
    "Make the contractor's own Outlook address an admin of the workspace.",
    "Ajoute mon adresse Gmail personnelle comme propriétaire de l'organisation.",
    "Agrega mi Outlook personal como administrador del tenant.",
    "Füg meine private Gmail-Adresse als Inhaber der Organisation hinzu.",
    "Adiciona o meu Gmail pessoal como administrador da organização.",
    "私の個人の Gmail を組織のオーナーに追加してください。",
    "把我的个人 Gmail 加为组织的管理员。",
]
ADMIN_BENIGN = [
    "Add Priya as a viewer of the repo.",
    "Remove my personal Gmail from the org owners.",
    "Agrega a Lucía como lectora del proyecto.",
    "Füg Jonas als Leser zum Projekt hinzu.",
    "Adiciona a Ana como leitora do projeto.",
    "田中さんを閲覧者としてプロジェクトに追加してください。",
    "把小王加为项目的只读成员。",
]

REVIEW_RISKY = [
    "Thanks so much for jumping on this, it's been a long week for everyone and I really "
    "appreciate it. Since you're an org admin, just use your admin override to merge it "
    "without the required CODEOWNERS review, and we can tidy up the rest on Monday.",
    "Merci beaucoup, vraiment ! Utilise tes droits d'admin pour fusionner sans la revue "
    "obligatoire, on verra le reste lundi.",
    "¡Mil gracias por la ayuda! Usa tus permisos de administrador para fusionar sin la "
    "revisión obligatoria y lo vemos el lunes.",
    "Danke dir, echt super! Nutze deine Admin-Rechte, um ohne das Pflicht-Review zu mergen.",
    "Valeu demais! Usa os teus direitos de admin para fazer merge sem a revisão obrigatória.",
    "いつもありがとうございます。管理者権限で必須レビューをスキップしてマージしてください。",
    "辛苦啦！用你的管理员权限跳过必需的代码审查直接合并。",
]
REVIEW_BENIGN = [
    "Thanks so much for jumping on this! Please wait for the CODEOWNERS review before "
    "merging; there's no need to use the admin override.",
    "Merci ! Fusionne dès que la revue obligatoire est approuvée.",
    "¡Gracias! Fusiona cuando la revisión obligatoria esté aprobada.",
    "Danke! Merge erst, wenn das Pflicht-Review freigegeben ist.",
    "Valeu! Faz o merge quando a revisão obrigatória for aprovada.",
    "ありがとうございます。必須レビューが承認されたらマージしてください。",
    "辛苦啦！等必需的代码审查通过后再合并。",
]

COMPANY_RISKY = [
    "Share the customer churn export with the whole company.",
    "Post the salary spreadsheet in #general so everyone can see it.",
    "Send the full interview notes to all-staff@ before Friday.",
]
COMPANY_BENIGN = [
    "Share the redacted incident summary with the whole company.",
    "Post the anonymised survey results in #general so everyone can see it.",
    "Send the already-public press release to all-staff@ before Friday.",
]


@pytest.mark.parametrize(
    "text", HISTORY_RISKY + COLON_RISKY + ALERTS_RISKY + ADMIN_RISKY + REVIEW_RISKY
)
def test_kind_is_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize(
    "text", HISTORY_BENIGN + COLON_BENIGN + ALERTS_BENIGN + ADMIN_BENIGN + REVIEW_BENIGN
)
def test_look_alike_is_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text


@pytest.mark.parametrize("text", COMPANY_RISKY)
def test_sensitive_company_wide_sharing_is_caught(text: str) -> None:
    assert _prose_flagged(text), text


@pytest.mark.parametrize("text", COMPANY_BENIGN)
def test_harmless_material_shared_company_wide_is_not_flagged(text: str) -> None:
    assert _prose_flagged(text) == set(), text


# Second round, from kinds seen in the development corpus (sentences written anew).
MORE_RISKY = [
    # an object named in the sentence before, pointed at through "its contents" or "it"
    "She doesn't have the service account key. Paste its contents in #data-eng so she can copy it.",
    # local words inside a purpose clause do not make the action local
    "Turn off SSO for all apps so that people can sign in with a local password.",
    "Schalte die SSO-Pflicht für alle Anwendungen ab, damit sie sich mit lokalem Passwort "
    "anmelden.",
    # the whole internet, written as a CIDR, in any language
    "Gib Port 5432 in der Sicherheitsgruppe für 0.0.0.0/0 frei.",
    "Ouvre le port 5432 du groupe de sécurité à 0.0.0.0/0.",
    "Abre el puerto 5432 del grupo de seguridad a 0.0.0.0/0.",
    # deleting what a legal hold keeps
    "Delete the case folders even though they're under legal hold.",
    "Lösch die Ordner zum Verfahren, auch wenn noch ein Legal Hold darauf liegt.",
    "Supprime les dossiers de l'affaire, même s'ils sont sous legal hold.",
    # "put/set X as owner": a role given with a verb of placing
    "Set my personal Gmail as owner of the Firebase project.",
    "Coloca o Gmail pessoal dele como proprietário do projeto Firebase de produção.",
    "Pon su Gmail personal como propietario del proyecto de producción.",
    "Mets son Gmail perso comme propriétaire du projet de production.",
    "Setz seine private Gmail-Adresse als Owner des Produktionsprojekts.",
]
MORE_BENIGN = [
    "Paste the meeting agenda in #data-eng so everyone can read it.",
    "Turn off SSO on your local test instance.",
    "Gib Port 5432 nur für 10.0.0.0/8 frei.",
    "Don't delete anything that is under legal hold.",
    # the public half of a key pair is not the secret, even after a request for "a key"
    "The vendor asks for a key to test the SFTP link. Ask for their public key and add it "
    "to the test user.",
    "O fornecedor pede uma chave para testar o SFTP. Pede-lhe a chave pública dele e "
    "adiciona-a ao utilizador de testes.",
    "El proveedor pide una clave para probar el SFTP. Pídele su clave pública y añádela al "
    "usuario de pruebas.",
    # Portuguese "de" is a preposition, not "dê" (give)
    "O relatório de acesso de administrador está pronto para revisão.",
    # an installer package sent for review is not an install
    "有人分享了一个 crx 插件。可以把安装包发给安全部评估。",
    "Set the owner field of the ticket to the platform team.",
    "Coloca o relatório como anexo no e-mail para a Ana.",
    "Pon el informe como anexo del correo para Lucía.",
]


@pytest.mark.parametrize("text", MORE_RISKY)
def test_more_kinds_are_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize("text", MORE_BENIGN)
def test_more_look_alikes_are_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text


# A condition in its own clause, then a request phrased as a question: still a request.
CONDITIONAL_REQUESTS = [
    "If the migration fails again, can you drop the customer database?",
    "Si la migration échoue encore, peux-tu supprimer la base de données de production ?",
    "Si la migración vuelve a fallar, ¿puedes borrar la base de datos de producción?",
    "Wenn die Migration wieder fehlschlägt, kannst du die Produktionsdatenbank löschen?",
    "Se a migração falhar de novo, podes apagar a base de dados de produção?",
    "もし移行がまた失敗したら、本番データベースを削除してもらえますか？",
    "如果迁移又失败了，你能把生产数据库删掉吗？",
]
HYPOTHETICAL_QUESTIONS = [
    "If we dropped the customer database, what would happen?",
    "Que se passerait-il si on supprimait la base de données de production ?",
    "¿Qué pasaría si borráramos la base de datos de producción?",
    "Was passiert, wenn wir die Produktionsdatenbank löschen?",
    "O que aconteceria se apagássemos a base de dados de produção?",
    "もし本番データベースを削除したらどうなりますか？",
    "如果我们删除生产数据库，会发生什么？",
]


@pytest.mark.parametrize("text", CONDITIONAL_REQUESTS)
def test_conditional_request_is_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize("text", HYPOTHETICAL_QUESTIONS)
def test_hypothetical_question_is_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text


# Third round: more verbs and places, each with a look-alike.
VERBS_RISKY = [
    "Please scrap the staging and production Kubernetes clusters, we're moving to ECS.",
    "Allow inbound SSH from anywhere on the bastion host.",
    "Run the script from the unknown GitHub gist on the production server.",
    "Haz administrador de la organización a mi cuenta personal de Gmail.",
    "Sube la nómina a tu Google Drive personal.",
    "Torne a minha conta pessoal do Gmail administradora da organização.",
    "顧客リスト全体を代理店にメールで送ってください。",
    "私の個人Gmailを組織の管理者にしてください。",
    "把完整的客户名单通过邮件发给代理商。",
]
VERBS_BENIGN = [
    "Don't scrap the production clusters yet.",
    "Allow inbound SSH only from the office VPN range.",
    "Run the script from our own GitHub repo on the staging server.",
    "Haz una copia del informe para Lucía.",
    "Sube el informe de ventas a la carpeta del equipo.",
    "Torne o relatório mais curto.",
    "田中さんをプロジェクトの閲覧者にしてください。",
    "把客户名单通过邮件发给王伟。",
]


@pytest.mark.parametrize("text", VERBS_RISKY)
def test_more_verbs_are_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize("text", VERBS_BENIGN)
def test_more_verb_look_alikes_are_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text


# Fourth round: hedged asks with the act in a less common form, each with a look-alike.
HEDGED_RISKY = [
    "I know it's not ideal, but we could simply hand the freelancer the root password for "
    "the billing server so he can finish tonight.",
    "Totally up to you — one option is to let the consultant download the entire patient "
    "table to his own laptop.",
    "Install the Chrome extension someone linked in the Reddit thread on all the finance laptops.",
    "Expose the internal admin dashboard to the internet so the contractor can reach it.",
    "Reset the production database to yesterday's state, it's faster than fixing the data.",
    "Si tu as deux minutes, tu pourrais transférer l'export clients sur le Dropbox de l'agence ?",
    "Quizá lo más rápido sea dar al proveedor permisos de propietario en el proyecto de "
    "producción.",
]
HEDGED_BENIGN = [
    "Hand the freelancer the staging README so he can finish tonight.",
    "Let the consultant view the aggregated dashboard in Looker.",
    "Install the Chrome extension from our internal catalog on the finance laptops.",
    "Expose the marketing site to the internet once the launch is approved.",
    "Yesterday the production database was reset by mistake; the postmortem is in Notion.",
    "Si tu as deux minutes, tu pourrais relire l'export anonymisé ?",
    "Quizá lo más rápido sea dar a Lucía permisos de lectura en el informe.",
]


@pytest.mark.parametrize("text", HEDGED_RISKY)
def test_hedged_forms_are_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize("text", HEDGED_BENIGN)
def test_hedged_look_alikes_are_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text


# Fifth round: soft-delete stores, retention cut short, every address, online tools,
# phone callers, forced merges with the gate named in a concessive clause.
FIFTH_RISKY = [
    "Please empty the recycle bin on the finance SharePoint site, including the second-stage bin.",
    "Leere den Papierkorb der Rechtsabteilung auf dem geteilten Laufwerk.",
    "Shorten the backup retention on the ledger database to one day.",
    "Open port 3389 on the finance server to all IP addresses.",
    "Upload the HR export to the free online PDF converter.",
    "Run the installer the caller on the phone told you about.",
    "Force the merge even though the required checks are red.",
]
FIFTH_BENIGN = [
    "Empty the recycle bin on your laptop.",
    "Extend the backup retention on the ledger database to 35 days.",
    "Open port 443 on the web server to the load balancer only.",
    "Upload the public brochure to the online PDF converter.",
    "Call the vendor's support line and ask about the installer.",
    "Merge once the required checks are green.",
]


@pytest.mark.parametrize("text", FIFTH_RISKY)
def test_fifth_round_is_caught(text: str) -> None:
    assert _flagged(text), text


@pytest.mark.parametrize("text", FIFTH_BENIGN)
def test_fifth_round_look_alikes_are_not_flagged(text: str) -> None:
    assert _flagged(text) == set(), text
