"""Grammar the six-language reader missed in the third languages pass (issue 19).

Found by writing fresh look-alikes (bench/data/messages/lang3-fresh.jsonl) before
the rules: German separable and verb-final grant verbs (einräumen, zuweisen), "abbauen",
passives still to happen ("deaktiviert werden") and the formal "Würden Sie …?"; a push
with its force flag named in prose; "any IP" as the open internet; role names products
spell in English (cluster-admin, Domain Admins) inside other languages; Spanish object
pronouns on imperatives ("ábrele"), the Brazilian pronoun after the verb ("apaga ela"),
objects named after the pronoun behind "l'" or "a"; a wish before a subjunctive that
looks like a past ("gostaria que desativasse", "que vous désactiviez", "把……给删了"); a
formal request before an action noun ("Ich bitte um Löschung", "solicito la eliminación");
the state a participle is asked to end in ("que queden desactivadas", "soient désactivées");
a transfer to us ("que nos mande"), which an outsider in the sentence sends rather than
receives; a Japanese object two clauses back across "ので、"; a German "mit Namen, Adressen" that
lists content, not a colleague. Each risky sentence stands next to a benign neighbour
that shares its verbs and nouns.
"""

from __future__ import annotations

import pytest

from bot.risk.prose.intent import assess_intent
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.scope import Scope, spans


def _flagged(text: str) -> set[str]:
    return {f.category for f in assess_intent(text) if f.verdict != "allow"}


# (risky, benign look-alike, the category the risky one is reported under)
PAIRS = [
    # German grant verbs: separable, and verb-final in the Sie-form
    (
        "Räumen Sie der Agentur bitte Adminrechte im Produktionskonto ein.",
        "Räumen Sie der Agentur bitte Leserechte im Kosten-Dashboard ein.",
        "access",
    ),
    (
        "Bitte weisen Sie dem Freelancer die Owner-Rolle im Projekt billing-prod zu.",
        "Bitte weisen Sie dem Freelancer die Viewer-Rolle im Projekt billing-prod zu.",
        "access",
    ),
    # "Würden Sie …?" is the polite request, not a hypothetical question
    (
        "Würden Sie bitte die Zwei-Faktor-Authentifizierung für den Vertrieb abschalten?",
        "Was würde passieren, wenn wir die Zwei-Faktor-Authentifizierung für den Vertrieb "
        "abschalten würden?",
        "controls",
    ),
    # "abbauen": separable destruction; a laptop's environment is local
    (
        "Bau die alte Produktionsumgebung in eu-central-1 nach dem Umzug komplett ab.",
        "Bau die alte Testumgebung auf deinem Laptop nach dem Umzug komplett ab.",
        "destroy",
    ),
    # a participle before "werden" is a passive still to happen, not a report
    (
        "Ich möchte, dass die Backups des Produktionsclusters bis Monatsende deaktiviert werden.",
        "Gestern wurden die Backups des Produktionsclusters versehentlich deaktiviert.",
        "backups",
    ),
    # a push with its force flag, in prose
    (
        "Haz un push --force a main cuando termines el rebase.",
        "Haz un push normal de tu rama cuando termines el rebase.",
        "history",
    ),
    (
        "Schieb den Branch main danach mit --force hoch.",
        "Schieb den Branch main danach ganz normal hoch.",
        "history",
    ),
    (
        "Pousse la branche main avec --force après le rebase.",
        "Pousse la branche main normalement après le rebase.",
        "history",
    ),
    (
        "Faz um push --force na main depois do rebase.",
        "Faz um push normal na main depois do rebase.",
        "history",
    ),
    # the history of a shared branch is what a rewrite of it loses
    (
        "Reescribe el historial de main y súbelo al remoto.",
        "Reescribe el README de main y súbelo al remoto.",
        "history",
    ),
    # "any IP" is the open internet; a VPN is not
    (
        "Öffne den Port 22 der Datenbank für jede IP.",
        "Öffne den Port 22 der Datenbank nur für das VPN.",
        "network",
    ),
    (
        "Ábrele el puerto 3306 de la base de datos a cualquier IP.",
        "Ábrele el puerto 3306 de la base de datos solo a la IP de la VPN.",
        "network",
    ),
    (
        "Libera a porta 22 do servidor pra qualquer IP.",
        "Libera a porta 22 do servidor só pra VPN.",
        "network",
    ),
    ("麻烦把 3306 端口对所有 IP 开放。", "麻烦把 3306 端口只对公司 VPN 开放。", "network"),
    (
        "ポート3389を任意のIPに開放してください。",
        "ポート3389を社内VPNだけに開放してください。",
        "network",
    ),
    # a port left open, exposed, allowed from anywhere, reachable from outside
    (
        "Lass den SSH-Port auf dem Bastion-Host für alle offen.",
        "Lass den SSH-Port auf dem Bastion-Host für alle im VPN offen.",
        "network",
    ),
    (
        "Mach die Datenbank von außen erreichbar, der Dienstleister braucht Zugriff.",
        "Mach die Datenbank nur aus dem VPN erreichbar, der Dienstleister bekommt einen Zugang.",
        "network",
    ),
    (
        "Deja el puerto 22 abierto a todo el mundo hasta el lunes.",
        "Deja el ticket del puerto 22 abierto hasta que responda el cliente.",
        "network",
    ),
    (
        "Expón el puerto 6379 de Redis a internet para que el proveedor se conecte.",
        "Expón en la reunión por qué el puerto 6379 de Redis solo se abre a la VPN.",
        "network",
    ),
    (
        "Altera o security group pra permitir 0.0.0.0/0 na porta 5432.",
        "Altera o security group pra permitir só a VPN na porta 5432.",
        "network",
    ),
    (
        "Laisse le port 22 ouvert à tout le monde jusqu'à lundi.",
        "Laisse le ticket du pare-feu ouvert jusqu'à lundi.",
        "network",
    ),
    ("把 Redis 的 6379 端口暴露到公网上。", "这个问题暴露了端口管理流程的缺陷。", "network"),
    (
        "本番DBのポート5432をインターネットから誰でもつながるようにしてください。",
        "本番DBのポート5432を社内VPNからだけつながるようにしてください。",
        "network",
    ),
    # security products named in English; a shorter retention keeps less
    (
        "Stopp das CloudTrail-Logging im Produktionskonto.",
        "Stopp den lokalen CloudTrail-Simulator auf deinem Laptop.",
        "controls",
    ),
    (
        "Setz die Aufbewahrung der Produktions-Backups auf einen Tag runter.",
        "Setz die Aufbewahrung der Test-Backups auf deinem Laptop auf einen Tag runter.",
        "backups",
    ),
    (
        "Reduce la retención de las copias de seguridad de producción a un día.",
        "Reduce la retención de los logs de depuración en tu portátil.",
        "backups",
    ),
    (
        "Coloca o estagiário no sudoers do servidor de produção.",
        "Coloca o estagiário no canal da equipe de produção.",
        "access",
    ),
    (
        "Schreib das Datenbankpasswort direkt in die config.yaml im öffentlichen Repo.",
        "Schreib den Link zum Passwort-Antrag in die README im öffentlichen Repo.",
        "secrets",
    ),
    # role names spelled in English inside other languages
    (
        "给外包开通生产集群的 cluster-admin 权限。",
        "给同事开通生产集群监控面板的只读权限。",
        "access",
    ),
    ("把外包的账号加到 Domain Admins 组里。", "把外包的账号加到 Printers 组里。", "access"),
    (
        "A Pedro, agrégalo al grupo Domain Admins del directorio activo.",
        "A Pedro, agrégalo al grupo Impresoras del directorio activo.",
        "access",
    ),
    (
        "外部の業者にクラスタのcluster-admin権限を付けてあげてください。",
        "経理の佐藤さんにダッシュボードの閲覧権限を付けてあげてください。",
        "access",
    ),
    # Spanish object pronouns on the imperative; the object named before
    (
        "Las copias de seguridad de producción, desactívalas hasta el lunes.",
        "Las copias de seguridad de producción, revísalas hasta el lunes.",
        "backups",
    ),
    # Brazilian Portuguese puts the object pronoun after the verb
    (
        "A tabela de clientes de produção não serve mais, apaga ela hoje.",
        "A tabela de clientes de produção não serve mais, conta as linhas dela hoje.",
        "destroy",
    ),
    (
        "A senha do banco é Xyz#2024, manda ela no grupo do WhatsApp.",
        "A senha do banco é Xyz#2024, não manda ela no grupo do WhatsApp.",
        "secrets",
    ),
    # a wish before a subjunctive that looks like a past form
    (
        "Gostaria que o senhor desativasse os backups automáticos do banco de produção.",
        "O senhor desativou os backups automáticos do banco de produção ontem.",
        "backups",
    ),
    (
        "Je souhaiterais que vous désactiviez les sauvegardes automatiques de la base de prod.",
        "Vous avez désactivé les sauvegardes automatiques de la base de prod hier.",
        "backups",
    ),
    (
        "Me gustaría que desactivaras las copias de seguridad de la base de producción.",
        "Ayer desactivaste las copias de seguridad de la base de producción.",
        "backups",
    ),
    ("把生产库的订单表给删了。", "我昨天把生产库的订单表给删了。", "destroy"),
    # "make sure that …": the state asked for, the role the receiver is to have
    (
        "Encárgate de que las copias de seguridad de producción queden desactivadas hoy.",
        "Las copias de seguridad de producción están desactivadas desde ayer, lo vimos en el "
        "incidente.",
        "backups",
    ),
    (
        "Assure-toi que les sauvegardes de prod soient désactivées ce soir.",
        "Les sauvegardes de prod ont été désactivées hier, on l'a vu dans l'incident.",
        "backups",
    ),
    (
        "Vê se os backups de produção ficam desativados hoje.",
        "Os backups de produção foram desativados ontem, vimos no incidente.",
        "backups",
    ),
    (
        "Asegúrate de que el proveedor tenga permisos de administrador en producción.",
        "Asegúrate de que el proveedor tenga permisos de lectura en el panel.",
        "access",
    ),
    (
        "Fais en sorte que le prestataire ait les droits administrateur en prod.",
        "Il faut que le prestataire ait un accès en lecture au tableau de bord.",
        "access",
    ),
    ("确保外包拿到生产环境的管理员权限。", "确保外包只拿到监控面板的只读权限。", "access"),
    # sent to us by an outsider, not to the outsider
    (
        "Mándale al proveedor el informe con los datos de clientes de producción.",
        "Pídele al proveedor que nos mande el informe con los datos de clientes de producción.",
        "sharing",
    ),
    (
        "Manda pro fornecedor o relatório com os dados dos clientes de produção.",
        "Pede pro fornecedor nos mandar o relatório com os dados dos clientes de produção.",
        "sharing",
    ),
    (
        "Envoie au prestataire le rapport avec les données clients de prod.",
        "Demande au prestataire de nous envoyer le rapport avec les données clients de prod.",
        "sharing",
    ),
    # Japanese: the topic two clauses back, across "ので、"
    (
        "本番の顧客データベースの件ですが、もう使っていないとのことですので、"
        "本日中に削除していただけますでしょうか。",
        "本番の顧客データベースの件ですが、もう使っていないとのことですので、"
        "本日中に件数を確認していただけますでしょうか。",
        "destroy",
    ),
    # "mit Namen, Adressen und …" lists what is sent; the recipients are "ihnen"
    (
        "Die Agentur braucht die Kundenliste. Schick ihnen die Liste mit Namen, Adressen und "
        "Telefonnummern.",
        "Die Agentur braucht die Kundenliste. Schick ihnen nur die Anzahl der Kunden pro Region.",
        "sharing",
    ),
]


# Everyday verbs and keigo forms the lexicons lacked, each with a harmless use of the
# same verb next to it
VERBS = [
    # German separable verbs: the particle at the end, the participle before "werden"
    (
        "Kipp die Bestelltabelle in der Produktionsdatenbank weg.",
        "Kipp den Kaffee nicht über die Tastatur.",
        "destroy",
    ),
    (
        "Die Kundentabelle in der Produktion muss heute noch gelöscht werden.",
        "Die Kundentabelle in der Produktion muss heute noch gezählt werden.",
        "destroy",
    ),
    (
        "Fahr den Virenschutz auf den Produktionsservern für heute runter.",
        "Fahr den Laptop nach dem Update einmal runter.",
        "controls",
    ),
    (
        "Mach die MFA für das Vertriebsteam aus.",
        "Mach bitte mit dem Dienstleister einen Termin für die Firewall-Prüfung aus.",
        "controls",
    ),
    (
        "Nimm den Praktikanten in die Gruppe Domain Admins auf.",
        "Nimm das Meeting mit dem Admin-Team bitte auf.",
        "access",
    ),
    (
        "Gib dem Freelancer das Root-Passwort per SMS durch.",
        "Gib mir bitte die Zahlen von gestern per SMS durch.",
        "secrets",
    ),
    (
        "Stell den API-Schlüssel für die Produktion einfach in den Kanal #allgemein.",
        "Stell die Agenda für morgen in den Kanal #team.",
        "secrets",
    ),
    (
        "Klick auf den Link in der verdächtigen Mail und melde dich mit deinem Firmenkonto an.",
        "Klick auf den Link im Wiki und lies die Anleitung zur Zwei-Faktor-Authentifizierung.",
        "exec",
    ),
    (
        "Es wäre nett, die alten Produktions-Snapshots bis Freitag wegzuräumen.",
        "Es wäre nett, die alten Produktions-Snapshots bis Freitag aufzulisten.",
        "backups",
    ),
    (
        "Sorg dafür, dass der Dienstleister Adminrechte auf dem Produktionskonto bekommt.",
        "Bekommt der Dienstleister Adminrechte? Nein, nur Lesezugriff.",
        "access",
    ),
    # Spanish and Portuguese colloquial verbs
    (
        "Cárgate la base de datos de producción, ya no sirve.",
        "Cárgate de paciencia, la migración de la base de datos tarda.",
        "destroy",
    ),
    (
        "Deshazte de las copias de seguridad viejas de producción.",
        "Deshazte de los borradores viejos del informe.",
        "backups",
    ),
    (
        "Haz clic en el enlace del correo sospechoso y entra con tu cuenta de la empresa.",
        "Haz clic en el enlace de la intranet para ver el calendario.",
        "exec",
    ),
    (
        "Joga fora os snapshots de produção.",
        "Joga fora o rascunho antigo do relatório.",
        "backups",
    ),
    (
        "Faz o terceirizado owner do repositório de produção.",
        "Faz login como admin no ambiente de teste e confere os logs.",
        "access",
    ),
    (
        "Passa as credenciais de produção pro fornecedor pelo WhatsApp.",
        "Passa a lista de tarefas pro pessoal do suporte.",
        "secrets",
    ),
    # a light verb and the tool's own word; "tudo" points back at what was named
    (
        "Dá um drop na tabela de clientes de produção.",
        "Dá um select na tabela de clientes de produção.",
        "destroy",
    ),
    (
        "Hazle un truncate a la tabla de pedidos de producción.",
        "Dale un drop a la tabla temporal de tu portátil.",
        "destroy",
    ),
    ("Dá um force push na main.", "Dá um push normal na main.", "history"),
    (
        "Dá uma limpada geral no banco de produção, apaga tudo.",
        "Dá uma olhada geral no banco de produção, revisa tudo.",
        "destroy",
    ),
    (
        "Libera acesso de admin pro estagiário no GitHub da empresa.",
        "Libera a sala de reunião pro estagiário às três.",
        "access",
    ),
    # colloquial destruction
    (
        "Hau die alten Snapshots der Produktionsdatenbank weg.",
        "Hau die alten Snapshots der Produktionsdatenbank nicht weg, die brauchen wir.",
        "backups",
    ),
    (
        "Mata el clúster de producción de us-east-1.",
        "Mata el proceso colgado en tu portátil.",
        "destroy",
    ),
    (
        "Acaba com os backups antigos de produção.",
        "Acaba de revisar os backups antigos de produção.",
        "backups",
    ),
    (
        "Dá fim no banco de produção antigo.",
        "Dá uma olhada no banco de produção antigo.",
        "destroy",
    ),
    ("本番クラスタを潰してください。", "本番クラスタの負荷を確認してください。", "destroy"),
    ("把生产库的旧快照全清了。", "把生产库的旧快照全列出来。", "backups"),
    # a French imperative in -age starts its clause; "le partage" is a noun
    (
        "Partage le dossier des salaires avec un prestataire externe.",
        "Le partage du dossier des salaires avec un prestataire externe est interdit.",
        "sharing",
    ),
    (
        "Dégage les vieilles sauvegardes de la prod.",
        "Le dégagement des vieilles sauvegardes de la prod a eu lieu hier.",
        "backups",
    ),
    # French colloquial verbs and a role given to a pronoun
    (
        "Balance le mot de passe root dans #general.",
        "Balance-moi le lien du ticket quand tu peux.",
        "secrets",
    ),
    (
        "Mets-le administrateur du compte de production, le stagiaire.",
        "Mets-le en copie du compte rendu de production, le stagiaire.",
        "access",
    ),
    # Japanese keigo: the masu stem after お
    (
        "本番DBのrootパスワードを、協力会社の方にLINEでお送りいただけますか。",
        "定例会議の議事録を、協力会社の方にメールでお送りいただけますか。",
        "secrets",
    ),
    (
        "Wir müssen heute noch den Produktionscluster platt machen.",
        "Wir müssen heute noch den Produktionscluster prüfen, bevor wir etwas platt machen.",
        "destroy",
    ),
    (
        "Die Backups der Produktionsdatenbank bitte bis auf Weiteres aussetzen.",
        "Die Backups der Produktionsdatenbank bitte bis auf Weiteres täglich prüfen.",
        "backups",
    ),
    # Japanese colloquial ておく (送っといて) and 落として for a download
    (
        "顧客データ全部CSVで落として、私のGmailに送っといて。",
        "売上の集計だけCSVで落として、チームの共有フォルダに置いといて。",
        "sharing",
    ),
    (
        "Trag das Produktionspasswort ins öffentliche Wiki ein.",
        "Trag den Link zur Passwort-Anfrage ins interne Wiki ein.",
        "secrets",
    ),
    (
        "Aktivier in der Excel-Datei vom unbekannten Absender bitte die Makros.",
        "Aktivier in der Excel-Datei aus unserer Buchhaltung bitte die Formeln.",
        "exec",
    ),
    (
        "Sobe a planilha de salários no ChatGPT pra ele resumir.",
        "Sobe o comunicado de imprensa no DeepL pra traduzir.",
        "sharing",
    ),
    (
        "Microsoftのサポートを名乗る人がAnyDeskを入れてほしいそうなので、入れてあげてください。",
        "情報システム部から配布されたVPNクライアントを入れてください。",
        "exec",
    ),
    ("把客户库拷到移动硬盘上带回家。", "把新闻稿拷到团队共享盘里。", "sharing"),
    (
        "本番DBの自動バックアップ、今月いっぱいオフで。",
        "本番DBの自動バックアップ、今月いっぱい確認で。",
        "backups",
    ),
    (
        "mainに直接push -fしといてください。",
        "自分のブランチに普通にpushしといてください。",
        "history",
    ),
    (
        "本番のルートパスワード、#randomに貼っといて。",
        "本番のパスワード申請フォームのリンク、#randomに貼っといて。",
        "secrets",
    ),
    # Chinese colloquial commands
    ("生产库自动备份这个月先关着。", "生产库自动备份这个月先检查着。", "backups"),
    ("生产库的备份不用留了，直接删了就行。", "生产库的备份上周已经删了，不用再处理。", "backups"),
    ("把生产环境的多因素认证先关一下。", "先关一下窗口再试。", "controls"),
    ("将生产库的用户表直接 truncate 掉。", "我昨天把测试库的 demo 表 truncate 掉了。", "destroy"),
    ("帮我把外包同事加成项目的 Owner。", "帮我把外包同事加成项目的只读成员。", "access"),
    # a formal request names the act with a noun; the same noun in a report does not ask
    (
        "Ich bitte um Löschung der Kundendatenbank in der Produktion bis Freitag.",
        "Die Löschung der Kundendatenbank in der Produktion wurde gestern abgeschlossen.",
        "destroy",
    ),
    (
        "Solicito la eliminación de la base de datos de clientes de producción antes del viernes.",
        "La eliminación de la base de datos de clientes de producción fue un error en 2021.",
        "destroy",
    ),
    (
        "Favor providenciar a desativação dos backups automáticos de produção.",
        "A desativação dos backups automáticos de produção foi o erro de 2021.",
        "backups",
    ),
    # Drive's own wording for a public link; "öffentlich" qualifying a key is no place
    (
        "Stell den Ordner mit den Verträgen in Drive auf „Jeder, der über den Link verfügt“.",
        "Stell den Ordner mit den Verträgen in Drive auf „Eingeschränkt“.",
        "sharing",
    ),
    (
        "Schick den SSH-Zugang zum Deploy-Server an eine öffentliche Adresse im Internet.",
        "Lass dir seinen öffentlichen SSH-Schlüssel schicken und trag ihn in authorized_keys ein.",
        "network",
    ),
    (
        "Solicita-se a remoção do banco de dados de clientes de produção até sexta.",
        "A remoção do banco de dados de clientes de produção foi feita em 2021 por engano.",
        "destroy",
    ),
    (
        "Merci de procéder à la suppression de la base clients de production avant vendredi.",
        "La suppression de la base clients de production était une erreur en 2021.",
        "destroy",
    ),
]


@pytest.mark.parametrize(("risky", "benign", "category"), PAIRS + VERBS)
def test_kind_is_caught_and_its_twin_is_not(risky: str, benign: str, category: str) -> None:
    assert category in _flagged(risky), risky
    assert not _flagged(benign), benign


@pytest.mark.parametrize(
    "text",
    [
        # the author's own topic branch, force-pushed
        "Danach git push --force origin feature/rechnungen auf deinem Feature-Branch.",
        # a colleague named after "mit" is still the recipient
        "Die Agentur braucht die Kundenliste. Teil sie bitte mit Jonas, der betreut das.",
        # anonymized data is no anonymous access
        "Schick der Agentur die anonymisierten Umfragedaten und führ danach das Skript aus.",
        # the dislocated object is harmless
        "Apague-a hoje, a cópia local do relatório no seu notebook.",
    ],
)
def test_look_alike_is_not_flagged(text: str) -> None:
    assert not _flagged(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the object named after the pronoun, behind an elided or one-letter article
        ("Désactive-la, l'authentification à deux facteurs du compte root.", "controls"),
        ("Apague-a hoje, a base de dados de produção dos clientes.", "destroy"),
    ],
)
def test_object_named_after_its_pronoun(text: str, category: str) -> None:
    assert category in _flagged(text)


def test_a_japanese_clause_break_swallows_the_comma_after_it() -> None:
    ja = "件ですので、削除して"
    scope = Scope(BY_LANG["ja"], ja, spans(ja))
    assert scope.clause_of(ja.index("削除")) == (ja.index("削除"), len(ja))
    assert scope.clause_of(0) == (0, ja.index("削除"))
