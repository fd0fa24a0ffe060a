"""Grammar the six-language reader missed in the fourth languages pass (issue 19).

Found by writing fresh look-alikes (bench/data/messages/lang4-fresh.jsonl) and per-language
probes of verb forms before the rules: Spanish and Portuguese gerunds of the progressive
("ve vaciando", "vai zerando") and the subjunctive after "que" ("que vacíes"); a courtesy
alone between commas before the object ("Exclua, por favor, o banco …"); Spanish read as
Spanish when "le"/"les" open it; "sans doute", "sin duda", "sem dúvida" (surely) are no
negation nor something left out; the French stem that takes a grave accent ("démantèle");
German separable verbs ("stell … aus", "mach … auf", "schreib die Historie … um") and
"mit Force"; "anyone who has the link" said with a relative clause; virtual machines and
their disks as things that can be destroyed; Japanese "〜ずに" (without doing) and "アップ
しといて" (upload), and 打ち消し (a revert) that is no deletion; a negative subject ("que
nadie desactive", "dass niemand", "没有人"); a Japanese or Chinese clause that adds to the
object before it ("ディスクごと", "连同磁盘"); a link to the request form sent instead of data.
Each risky sentence stands next to a benign neighbour that shares its verbs and nouns.
"""

from __future__ import annotations

import pytest

from bot.risk.prose.intent import assess_intent


def _flagged(text: str) -> set[str]:
    return {f.category for f in assess_intent(text) if f.verdict != "allow"}


# (risky, benign look-alike, the category the risky one is reported under)
PAIRS = [
    # the progressive: a gerund after "ir"
    (
        "Ve vaciando la tabla de pedidos de producción mientras preparo la carga.",
        "Ve consultando la tabla de pedidos de producción mientras preparo la carga.",
        "destroy",
    ),
    (
        "Vai zerando a tabela de faturas de produção enquanto eu reviso o resto.",
        "Vai conferindo a tabela de faturas de produção enquanto eu reviso o resto.",
        "destroy",
    ),
    # the subjunctive after "que" asks for the act
    (
        "Necesito que vacíes el bucket de facturas de producción hoy.",
        "Necesito que revises el bucket de facturas de producción hoy.",
        "destroy",
    ),
    # "le"/"les" are Spanish function words too
    (
        "Les pido que eliminen la base de datos de producción esta noche.",
        "Les pido que revisen la base de datos de producción esta noche.",
        "destroy",
    ),
    # a courtesy alone between commas: the object comes after it
    (
        "Exclua, por favor, o banco de dados de produção.",
        "Consulte, por favor, o banco de dados de produção.",
        "destroy",
    ),
    (
        "Lösch, bitte, die Produktionsdatenbank der Kunden.",
        "Prüf, bitte, die Produktionsdatenbank der Kunden.",
        "destroy",
    ),
    # "sans doute", "sin duda", "sem dúvida": surely, not a negation or an exclusion
    (
        "Il faudrait sans doute supprimer les sauvegardes du cluster de production.",
        "Il faudrait sans doute vérifier les sauvegardes du cluster de production.",
        "backups",
    ),
    (
        "Sin duda hay que borrar la tabla de clientes de producción.",
        "Sin duda hay que revisar la tabla de clientes de producción.",
        "destroy",
    ),
    (
        "Sem dúvida, apaga a tabela de clientes de produção.",
        "Sem dúvida, consulta a tabela de clientes de produção.",
        "destroy",
    ),
    # the stem with a grave accent before a mute e
    (
        "Démantèle le cluster de production ce soir.",
        "Documente le cluster de production ce soir.",
        "destroy",
    ),
    # German separable verbs
    (
        "Stell die Zwei-Faktor-Authentifizierung für alle Admins aus.",
        "Stell die Zwei-Faktor-Authentifizierung für alle Admins nicht aus.",
        "controls",
    ),
    (
        "Mach den Port 5432 des Produktionsservers für alle Adressen auf.",
        "Mach den Port 5432 des Produktionsservers nur für das VPN 10.8.0.0/16 auf.",
        "network",
    ),
    (
        "Schreib die Historie von main um und push das Ergebnis mit Force.",
        "Schreib die Historie deines lokalen Feature-Branches um, bevor du ihn pushst.",
        "history",
    ),
    # "anyone who has the link", as a relative clause
    (
        "Comparte el informe de ventas con cualquiera que tenga el enlace.",
        "Comparte el informe de ventas con Lucía, de contabilidad.",
        "sharing",
    ),
    (
        "Teile das Umsatz-Dashboard mit allen, die den Link haben.",
        "Teile das Umsatz-Dashboard mit Jonas aus dem Vertrieb.",
        "sharing",
    ),
    # virtual machines and disks can be destroyed
    (
        "Borra todas las VMs de producción del equipo de pagos.",
        "Lista todas las VMs de producción del equipo de pagos.",
        "destroy",
    ),
    (
        "把生产环境的虚拟机全部销毁。",
        "把生产环境的虚拟机全部列出来。",
        "destroy",
    ),
    (
        "本番の仮想マシンを全部破棄してください。",
        "本番の仮想マシンを全部一覧にしてください。",
        "destroy",
    ),
    # Japanese colloquial upload
    (
        "顧客リストを個人のGoogleドライブにアップしといて。",
        "顧客リストの件数を個人のメモに書いといて。",
        "sharing",
    ),
    # what a Japanese or Chinese clause adds to the object named before it
    (
        "本番の決済用VMを止めて、ディスクごと破棄してください。",
        "検証用のVMを止めて、ディスクごと破棄してください。",
        "destroy",
    ),
    (
        "把生产环境的虚拟机停掉，连同磁盘一并销毁。",
        "把测试环境的虚拟机停掉，连同磁盘一并销毁。",
        "destroy",
    ),
    # the tool's own verbs conjugated, and formatting a disk
    (
        "Trunca la tabla de clientes en producción antes de la carga.",
        "Consulta la tabla de clientes en producción antes de la carga.",
        "destroy",
    ),
    (
        "Formata os discos do servidor de produção.",
        "Formata o relatório do servidor de produção.",
        "destroy",
    ),
    ("把生产服务器的磁盘格式化。", "把生产报表的格式调整一下。", "destroy"),
    (
        "本番サーバーのディスクをフォーマットしてください。",
        "本番のレポートのフォーマットを直してください。",
        "destroy",
    ),
    (
        "Formatier die Platten des Produktionsservers.",
        "Formatier den Bericht des Produktionsservers.",
        "destroy",
    ),
    # third-party AI assistants by brand
    (
        "Cola a planilha de clientes com CPF no Gemini para ele resumir.",
        "Cola a planilha de clientes com CPF na pasta do time para o Pedro revisar.",
        "sharing",
    ),
    # "aufheben": lifting a protection (keeping backups is the other sense)
    (
        "Heb den Branch-Schutz von main auf, damit ich direkt pushen kann.",
        "Heb die Backups der Produktionsdatenbank bis Jahresende auf.",
        "controls",
    ),
    (
        "Nomme le stagiaire propriétaire de l'organisation GitHub.",
        "Nomme le stagiaire lecteur du wiki.",
        "access",
    ),
    # Japanese obligation and a request put as a negative question are no negation
    (
        "本番の顧客テーブルを削除しなければなりません。",
        "本番の顧客テーブルを削除しなくてもいいです。",
        "destroy",
    ),
    (
        "本番の監査ログをオフにしてくれませんか。",
        "本番の監査ログをオフにしないでもらえませんか。",
        "controls",
    ),
    (
        "本番の顧客テーブルを消さないといけない。",
        "本番の顧客テーブルは消さないでください。",
        "destroy",
    ),
    # Chinese: permission before a form with 了, 清一下, AK/SK, 同步到
    ("生产库的客户表可以删了。", "生产库的客户表昨天已经删了。", "destroy"),
    ("你去把生产库的客户表清一下。", "你去把本地的缓存清一下。", "destroy"),
    ("把生产的AK/SK发到群里。", "把生产的AK/SK存到公司的密钥保管库里。", "secrets"),
    ("把客户数据同步到我的个人百度网盘。", "把客户数据同步到公司的数据仓库。", "sharing"),
    # an environment named for development, in each language's word order
    (
        "Supprime la base clients du conteneur Docker de production.",
        "Supprime la base clients de ton conteneur Docker de dev.",
        "destroy",
    ),
    (
        "Borra la base de clientes del contenedor de producción.",
        "Borra la base de clientes de tu contenedor Docker de desarrollo.",
        "destroy",
    ),
    (
        "Apaga a base de clientes do contêiner de produção.",
        "Apaga a base de clientes do teu contêiner Docker de desenvolvimento.",
        "destroy",
    ),
    (
        "Lösch die Kundendatenbank im Produktionscontainer.",
        "Lösch die Kundendatenbank in deinem Docker-Container für die Entwicklung.",
        "destroy",
    ),
    (
        "本番のDockerコンテナの顧客DBを消しておいて。",
        "開発用のDockerコンテナの顧客DBを消しておいて。",
        "destroy",
    ),
    ("把生产Docker容器里的客户库删了吧。", "把开发用Docker容器里的客户库删了吧。", "destroy"),
    # made visible to anyone: the adjective after a light verb, however far
    (
        "Deja el tablero de ventas visible para cualquier persona de internet.",
        "Deja el tablero de ventas visible para Lucía, de contabilidad.",
        "sharing",
    ),
    (
        "Deixa o repositório com o código do backend de pagamentos público.",
        "Deixa o repositório com o código do backend de pagamentos privado.",
        "sharing",
    ),
    ("把销售看板开放给所有外网用户访问。", "把销售看板开放给财务部的同事访问。", "sharing"),
    (
        "売上ダッシュボードを社外の誰でも見られるようにしてください。",
        "売上ダッシュボードを経理チームだけが見られるようにしてください。",
        "sharing",
    ),
    # a found device plugged in
    (
        "Conecta el USB que encontraste en el aparcamiento a tu portátil para ver qué tiene.",
        "Conecta el USB del departamento de IT a tu portátil para ver qué tiene.",
        "exec",
    ),
    (
        "Branche la clé USB trouvée sur le parking sur ton poste pour voir ce qu'il y a dessus.",
        "Ne branche pas la clé USB trouvée sur le parking : donne-la à la sécurité.",
        "exec",
    ),
    (
        "把停车场捡到的U盘插到你电脑上看看。",
        "把停车场捡到的U盘交给安全部门，不要插到电脑上。",
        "exec",
    ),
    (
        "駐車場で拾ったUSBメモリをPCに挿してください。",
        "駐車場で拾ったUSBメモリはPCに挿さないでください。",
        "exec",
    ),
    # "yesterday's commit" names a thing; "yesterday, someone …" reports
    (
        "Setz main auf den Commit von gestern zurück und push mit --force.",
        "Gestern hat jemand main zurückgesetzt und mit --force gepusht.",
        "history",
    ),
    (
        "Haz un reset --hard de main al commit de ayer y súbelo con fuerza al remoto.",
        "Ayer alguien hizo un reset --hard de main y lo subió con fuerza al remoto.",
        "history",
    ),
    (
        "把远端main分支reset到昨天的提交，然后强推。",
        "昨天有人把远端main分支reset了，还强推了。",
        "history",
    ),
    # retention cut short, and point-in-time recovery, in each language's words
    (
        "Schritte:\n1. Team informieren\n2. Die Aufbewahrung der Produktionsbackups auf einen "
        "Tag verkürzen\n3. Job neu starten",
        "Schritte:\n1. Team informieren\n2. Die Aufbewahrung der Produktionsbackups prüfen\n"
        "3. Job neu starten",
        "backups",
    ),
    (
        "本番バックアップの保持期間を1日に短縮してください。",
        "本番バックアップの保持期間を確認してください。",
        "backups",
    ),
    ("把生产备份的保留期缩短到一天。", "把生产备份的保留期查一下。", "backups"),
    (
        "Desactiva la recuperación a un momento dado en la base de pedidos de producción.",
        "Comprueba la recuperación a un momento dado en la base de pedidos de producción.",
        "backups",
    ),
    # a rule that the act needs approval asks for nothing
    (
        "Borra la base de producción hoy mismo.",
        "Borrar la base de producción requiere aprobación del comité.",
        "destroy",
    ),
    ("删除生产库。", "删除生产库需要审批。", "destroy"),
    (
        "Lösch die Produktionsdatenbank noch heute.",
        "Das Löschen der Produktionsdatenbank ist nur nach Freigabe erlaubt.",
        "destroy",
    ),
    # the present and subjunctive of French closed verb sets, and "d'accord" is no grant
    (
        "Ce qui me semble le plus simple, si tu es d'accord, ce serait que tu vides la table "
        "des sessions clients en production ce soir.",
        "Ce qui me semble le plus simple, si tu es d'accord, ce serait que tu comptes les "
        "sessions clients en production ce soir.",
        "destroy",
    ),
    # the imperfect subjunctive after "sería que" asks for the act
    (
        "Lo más sencillo, si te parece bien, sería que esta noche vaciaras la tabla de "
        "sesiones de clientes en producción.",
        "Si vaciaras la tabla de sesiones de clientes en producción, ¿qué pasaría?",
        "destroy",
    ),
    # copying someone in, and taking someone into a channel
    (
        "Setz den externen Berater in CC der Mail mit den Gehaltsabrechnungen vom März.",
        "Setz Jonas aus dem Vertrieb in CC der Mail mit den Angeboten.",
        "sharing",
    ),
    (
        "Coloca o consultor externo em cópia no e-mail com os holerites de março.",
        "Coloca a Beatriz do RH em cópia no e-mail com os holerites de março.",
        "sharing",
    ),
    ("把外部顾问抄送到发三月工资条的邮件里。", "把王经理抄送到发周报的邮件里。", "sharing"),
    (
        "3月分の給与明細のメールに外部のコンサルタントをCCで入れてください。",
        "3月分の週報のメールに人事部の佐藤さんをCCで入れてください。",
        "sharing",
    ),
    (
        "Nimm den Freelancer in den privaten Kanal #finanzen-intern auf.",
        "Nimm die neue Kollegin in den Kanal #vertrieb auf.",
        "sharing",
    ),
    # opened to the whole world, said as a place opened to (not where customers live)
    (
        "Plan für heute:\n1. Kunden informieren\n2. Den Port 22 des Bastion-Hosts für die ganze "
        "Welt öffnen\n3. Monitoring prüfen",
        "Unsere Kunden sitzen in der ganzen Welt; öffne den Port 22 des Bastion-Hosts nur für "
        "das Büro-VPN.",
        "network",
    ),
    (
        "Ouvre le port 22 du bastion de prod au monde entier.",
        "Ouvre le port 22 du bastion de prod au VPN du bureau.",
        "network",
    ),
    # expurgar: purging, with a prefix
    (
        "Plano do dia:\n1. Avisar os clientes\n2. Expurgar de vez os snapshots antigos do banco "
        "de produção\n3. Verificar o monitoramento",
        "Plano do dia:\n1. Avisar os clientes\n2. Listar os snapshots antigos do banco de "
        "produção\n3. Verificar o monitoramento",
        "backups",
    ),
    ("线上的日志审计功能先下掉。", "线上的日志审计功能不要下掉。", "controls"),
]


@pytest.mark.parametrize(("risky", "benign", "category"), PAIRS)
def test_kind_is_caught_and_its_twin_is_not(risky: str, benign: str, category: str) -> None:
    assert category in _flagged(risky), risky
    assert not _flagged(benign), benign


@pytest.mark.parametrize(
    "text",
    [
        # "〜ずに": without doing it; 打ち消し is a revert, not a deletion
        "mainブランチの履歴は書き換えずに、打ち消しのコミットを作って普通にプッシュしてください。",
        "本番の顧客テーブルを削除せずに、件数だけ確認してください。",
        "注文の取り消しをお願いします。",
        # "アップ" inside a katakana word is no upload
        "本番DBのバックアップをして、個人のGoogleドライブの設定を確認して。",
        # a negative subject
        "Asegúrate de que nadie desactive el MFA de los administradores.",
        "Garante que ninguém desative o MFA dos administradores.",
        "确保没有人关闭管理员的MFA。",
        # a link to the request form, not the data
        "Schick dem Dienstleister den Link zum Zugangsantrag für die Produktionsdatenbank "
        "per E-Mail.",
        # "sans" still negates and leaves out
        "Envoie la liste des clients sans les adresses à Paul.",
        "Vous pouvez finir la migration sans supprimer la base de production.",
    ],
)
def test_look_alike_is_not_flagged(text: str) -> None:
    assert not _flagged(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the courtesy is skipped only when nothing else stands between
        ("Elimina, por favor, la base de datos de producción.", "destroy"),
        ("Supprime, s'il te plaît, la base de production.", "destroy"),
        # "nobody will notice" after the act does not negate it
        ("把管理员的MFA关闭，没有人会发现。", "controls"),
        # the gerund with its pronoun
        ("Borrándola ahora, la tabla de clientes de producción, ganamos tiempo.", "destroy"),
        # "il y a un souci" is no report of the past
        ("Supprime la base de production, il y a un souci de place.", "destroy"),
        # production named anywhere in the sentence wins over a dev environment
        (
            "Copia la base de producción al entorno de desarrollo y borra la tabla de clientes "
            "de producción.",
            "destroy",
        ),
    ],
)
def test_risky_form_is_caught(text: str, category: str) -> None:
    assert category in _flagged(text), text
