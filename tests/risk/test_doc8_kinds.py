"""Document kinds of the doc8 sweep (issue 19): migrations written in a framework's
language read as their SQL, crontab entries, `key = value` files, security controls and
backup jobs switched off by name, package indexes nobody vetted, Vault and VCS owner
rights, Firebase rules, log shippers and Kafka mirrors to outside hosts, admin UIs on an
open Ingress, an unauthenticated database published by Compose, root given by Ansible;
each next to a harmless twin of the same shape. Also the prose around documents: "drop
it into <folder>", an edit made "on the load balancer", the sentence introducing a
policy shown in full, and a key that is only a placeholder."""

from __future__ import annotations

import pytest

from bot.risk.documents import assess_documents
from bot.risk.engine import RiskEngine
from bot.risk.migrations import liquibase_statements, migration_statements

F = "```"

PAIRS = [
    # Alembic: a drop on upgrade, against the same drop on the way back only
    (
        f"Revision for the reports service, run `alembic upgrade head` on prod:\n\n{F}python\n"
        'def upgrade():\n    op.drop_table("shipment_labels")\n\n'
        'def downgrade():\n    op.create_table("shipment_labels")\n' + F,
        f"Revision for the reports service, run `alembic upgrade head` on prod:\n\n{F}python\n"
        'def upgrade():\n    op.create_table("shipment_labels")\n\n'
        'def downgrade():\n    op.drop_table("shipment_labels")\n' + F,
    ),
    # Django: a model deleted, against a field added
    (
        f"Migration for the CRM app, it ships with the release:\n\n{F}python\n"
        "class Migration(migrations.Migration):\n    operations = [\n"
        '        migrations.DeleteModel(name="Lead"),\n    ]\n' + F,
        f"Migration for the CRM app, it ships with the release:\n\n{F}python\n"
        "class Migration(migrations.Migration):\n    operations = [\n"
        '        migrations.AddField(model_name="lead", name="source", '
        "field=models.CharField(max_length=40)),\n    ]\n" + F,
    ),
    # Rails: a column removed in `change`, against one removed in `down` only
    (
        "Rails migration for tonight's deploy:\n\n"
        "class DropPhone < ActiveRecord::Migration[7.1]\n  def change\n"
        "    remove_column :contacts, :phone\n  end\nend",
        "Rails migration for tonight's deploy:\n\n"
        "class AddPhone < ActiveRecord::Migration[7.1]\n  def up\n"
        "    add_column :contacts, :phone, :string\n  end\n  def down\n"
        "    remove_column :contacts, :phone\n  end\nend",
    ),
    # Knex: a table dropped in `up`
    (
        f"Knex migration for the billing db:\n\n{F}js\nexports.up = function (knex) {{\n"
        "  return knex.schema.dropTable('refunds');\n};\n"
        "exports.down = function (knex) {\n"
        "  return knex.schema.createTable('refunds', () => {});\n};\n" + F,
        f"Knex migration for the billing db:\n\n{F}js\nexports.up = function (knex) {{\n"
        "  return knex.schema.createTable('refunds', () => {});\n};\n"
        "exports.down = function (knex) {\n  return knex.schema.dropTable('refunds');\n};\n" + F,
    ),
    # Liquibase JSON: a delete with no where, against one bounded by a key
    (
        'Changelog for prod:\n\n{"databaseChangeLog": [{"changeSet": {"id": "7", "author": "a", '
        '"changes": [{"delete": {"tableName": "sessions"}}]}}]}',
        'Changelog for prod:\n\n{"databaseChangeLog": [{"changeSet": {"id": "7", "author": "a", '
        '"changes": [{"delete": {"tableName": "sessions", "where": "id = 42"}}]}}]}',
    ),
    # crontab: a live entry wiping a store, against one reading it
    (
        f"Add to the crontab on cache-prod-3:\n\n{F}\n0 4 * * 0 redis-cli -n 0 FLUSHDB\n{F}",
        f"Add to the crontab on cache-prod-3:\n\n{F}\n0 4 * * 0 redis-cli -n 0 DBSIZE\n{F}",
    ),
    # crontab: the only backup line commented out, against it moved
    (
        f"Root's crontab on mysql-prod-1 after my edit:\n\n{F}\n"
        "# 0 1 * * * /usr/local/bin/mysqldump-all.sh\n30 5 * * * /usr/sbin/logrotate -f\n" + F,
        f"Root's crontab on mysql-prod-1 after my edit:\n\n{F}\n"
        "0 3 * * * /usr/local/bin/mysqldump-all.sh\n30 5 * * * /usr/sbin/logrotate -f\n" + F,
    ),
    # postgresql.conf without a label or fence
    (
        "New settings for the prod primary:\n\narchive_mode = off\nwal_level = minimal\n",
        "New settings for the prod primary:\n\narchive_mode = on\nwal_level = replica\n",
    ),
    # security controls switched off by name
    (
        f"Helm values for the nodes:\n\n{F}yaml\ncrowdstrike:\n  enabled: false\n"
        f"nodeExporter:\n  enabled: true\n{F}",
        f"Helm values for the nodes:\n\n{F}yaml\ncrowdstrike:\n  enabled: true\n"
        f"nodeExporter:\n  enabled: false\n{F}",
    ),
    (
        f"Pipeline variables:\n\n{F}yaml\nvariables:\n  CONTAINER_SCANNING_DISABLED: 'true'\n{F}",
        f"Pipeline variables:\n\n{F}yaml\nvariables:\n  CONTAINER_SCANNING_DISABLED: 'false'\n{F}",
    ),
    (
        'Okta policy:\n\nresource "okta_policy_mfa" "default" {\n  name = "MFA"\n'
        '  status = "INACTIVE"\n}\n',
        'Okta policy:\n\nresource "okta_policy_mfa" "default" {\n  name = "MFA"\n'
        '  status = "ACTIVE"\n}\n',
    ),
    # package indexes
    (
        f"Put this in pip.conf on the runners:\n\n{F}ini\n[global]\n"
        "index-url = http://pypi.cheap-cdn.example.net/simple\n"
        f"trusted-host = pypi.cheap-cdn.example.net\n{F}",
        f"Put this in pip.conf on the runners:\n\n{F}ini\n[global]\n"
        f"index-url = https://pypi.org/simple\ntimeout = 30\n{F}",
    ),
    # Vault
    (
        f'Vault policy for the bot:\n\n{F}hcl\npath "+/*" {{\n'
        f'  capabilities = ["create", "update"]\n}}\n{F}',
        f'Vault policy for the bot:\n\n{F}hcl\npath "kv/data/bot/*" {{\n'
        f'  capabilities = ["read"]\n}}\n{F}',
    ),
    # VCS owner rights
    (
        'Apply:\n\nresource "gitlab_group_membership" "v" {\n  group_id = 12\n  user_id = 77\n'
        '  access_level = "owner"\n}\n',
        'Apply:\n\nresource "gitlab_group_membership" "v" {\n  group_id = 12\n  user_id = 77\n'
        '  access_level = "developer"\n}\n',
    ),
    # Firebase Storage and Realtime Database
    (
        f"storage.rules:\n\n{F}\nrules_version = '2';\nservice firebase.storage {{\n"
        "  match /b/{bucket}/o {\n    match /{allPaths=**} {\n      allow read, write;\n"
        f"    }}\n  }}\n}}\n{F}",
        f"storage.rules:\n\n{F}\nrules_version = '2';\nservice firebase.storage {{\n"
        "  match /b/{bucket}/o {\n    match /{allPaths=**} {\n"
        f"      allow read, write: if request.auth != null;\n    }}\n  }}\n}}\n{F}",
    ),
    (
        f'database.rules.json:\n\n{F}json\n{{"rules": {{".read": true, ".write": true}}}}\n{F}',
        f'database.rules.json:\n\n{F}json\n{{"rules": {{".read": "auth != null", '
        f'".write": "auth != null"}}}}\n{F}',
    ),
    # streams to an outside host
    (
        f"Fluent Bit:\n\n{F}\n[OUTPUT]\n    Name  es\n    Match users.*\n"
        f"    Host  search.analytics-vendor.example.com\n{F}",
        f"Fluent Bit:\n\n{F}\n[OUTPUT]\n    Name  es\n    Match users.*\n"
        f"    Host  search.northwind.example\n{F}",
    ),
    # admin UI on an open Ingress
    (
        f"Ingress for Argo:\n\n{F}yaml\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: argo\nspec:\n  rules:\n    - host: argo.example.com\n"
        "      http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
        "            backend:\n              service:\n                name: argocd-server\n"
        f"                port:\n                  number: 80\n{F}",
        f"Ingress for Argo:\n\n{F}yaml\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: argo\n  annotations:\n"
        "    nginx.ingress.kubernetes.io/auth-url: https://sso.northwind.example/auth\n"
        "spec:\n  rules:\n    - host: argo.example.com\n"
        "      http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
        "            backend:\n              service:\n                name: argocd-server\n"
        f"                port:\n                  number: 80\n{F}",
    ),
    # Compose: a database with auth off on every address
    (
        f"compose for the prod VM:\n\n{F}yaml\nservices:\n  cache:\n    image: redis:7\n"
        f'    command: redis-server --protected-mode no\n    ports:\n      - "6379:6379"\n{F}',
        f"compose for the prod VM:\n\n{F}yaml\nservices:\n  cache:\n    image: redis:7\n"
        "    command: redis-server --protected-mode no\n"
        f'    ports:\n      - "127.0.0.1:6379:6379"\n{F}',
    ),
    # a BigQuery dataset's access entries: a personal mailbox, against the company's group
    (
        'Apply with `bq update --source access.json shop:orders`:\n\n{"access": [{"role": '
        '"READER", "userByEmail": "ads.freelancer@gmail.com"}]}',
        'Apply with `bq update --source access.json shop:orders`:\n\n{"access": [{"role": '
        '"READER", "groupByEmail": "analytics@northwind.example"}]}',
    ),
    # a control's mode set off (`…_configuration = "OFF"`)
    (
        'Apply:\n\nresource "aws_cognito_user_pool" "p" {\n  name = "staff"\n'
        '  mfa_configuration = "OFF"\n}\n',
        'Apply:\n\nresource "aws_cognito_user_pool" "p" {\n  name = "staff"\n'
        '  mfa_configuration = "ON"\n}\n',
    ),
    # Fluentd: a <match> of people's records to an outside endpoint; the tag-shaped lines
    # of the benign twin are the config's settings, not a command
    (
        f"fluent.conf:\n\n{F}\n<match customers.**>\n  @type http\n"
        f"  endpoint https://in.enrich-partner.example.com/v1\n</match>\n{F}",
        f"fluent.conf:\n\n{F}\n<match customers.**>\n  @type http\n"
        f"  endpoint https://logs.internal.northwind.example/v1\n</match>\n{F}",
    ),
    # the sentence naming the task it introduces ("cette tâche … pour le prestataire")
    (
        f"Ajoute cette tâche au playbook de prod pour le prestataire :\n\n{F}yaml\n"
        "- ansible.builtin.user:\n    name: presta\n    groups: sudo\n" + F,
        f"Ajoute cette tâche au playbook de prod pour le prestataire :\n\n{F}yaml\n"
        "- ansible.builtin.user:\n    name: presta\n    groups: lecture\n" + F,
    ),
    # Ansible: root for someone, an RDS instance deleted
    (
        f"Play for the db hosts:\n\n{F}yaml\n- hosts: db\n  tasks:\n    - user:\n"
        f"        name: temp-vendor\n        groups: [wheel, docker]\n{F}",
        f"Play for the db hosts:\n\n{F}yaml\n- hosts: db\n  tasks:\n    - user:\n"
        f"        name: temp-vendor\n        groups: [docker]\n{F}",
    ),
    (
        f"Play:\n\n{F}yaml\n- hosts: localhost\n  tasks:\n    - amazon.aws.rds_instance:\n"
        f"        id: orders-prod\n        state: absent\n        skip_final_snapshot: true\n{F}",
        f"Play:\n\n{F}yaml\n- hosts: localhost\n  tasks:\n    - amazon.aws.rds_instance_info:\n"
        f"        db_instance_identifier: orders-prod\n{F}",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS)
def test_each_document_kind_is_held_and_its_twin_allowed(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    held = engine.assess(risky)
    assert held.decision != "allow", [f.rule for f in held.findings]
    allowed = engine.assess(benign)
    assert allowed.decision == "allow", [(f.rule, f.evidence) for f in allowed.findings]


def test_migrations_are_read_as_the_sql_they_run_on_upgrade_only() -> None:
    alembic = (
        'def upgrade():\n    op.drop_column("users", "ssn")\n'
        'def downgrade():\n    op.drop_table("audit")\n'
    )
    assert migration_statements(alembic) == ["ALTER TABLE users DROP COLUMN ssn"]
    rails = (
        "class X < ActiveRecord::Migration[7.1]\n  def up\n    drop_table :a\n  end\n"
        "  def down\n    drop_table :b\n  end\nend\n"
    )
    assert migration_statements(rails) == ["DROP TABLE a"]
    tree = {"databaseChangeLog": [{"changeSet": {"changes": [{"dropTable": {"tableName": "t"}}]}}]}
    assert liquibase_statements([tree]) == ["DROP TABLE t"]


def test_a_crontab_entry_runs_its_command_and_a_commented_one_does_not() -> None:
    doc = assess_documents("0 2 * * * rm -rf /srv/data\n# 0 3 * * * /opt/backup.sh\n")
    assert doc.scripts == ["rm -rf /srv/data"]


def test_a_sentence_with_one_equals_sign_is_not_a_settings_file() -> None:
    found = assess_documents("Set archive_mode = off on the replica if it complains.")
    assert "doc.backup_job_off" not in {f.rule for f in found.findings}


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("Drop it into `db/migrations/` and it runs on deploy.", True),
        ("Drop the invoices table in production.", False),
        ("Swap the /admin block in nginx.conf on the prod load balancer for this:", True),
        ("Put the production Grafana on the load balancer so the vendor can see it.", False),
        (
            "Here's the .env.example:\n\nSTRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxx\nDEBUG=1",
            True,
        ),
        (
            "Here's the .env:\n\nSTRIPE_SECRET_KEY=sk_test_51NwXqT7hF2kLm9PzR4sVbC8dYe\nDEBUG=1",
            False,
        ),
    ],
)
def test_prose_around_documents(engine: RiskEngine, text: str, allowed: bool) -> None:
    assert (engine.assess(text).decision == "allow") is allowed


def test_the_sentence_introducing_a_shown_policy_leaves_the_grant_to_the_document(
    engine: RiskEngine,
) -> None:
    intro = (
        "The contractors need to debug prod, so add the binding below to the production "
        "project's IAM policy:"
    )
    inside = (
        "bindings:\n  - role: roles/viewer\n    members:\n      - group:sre@northwind.example\n"
    )
    outside = "bindings:\n  - role: roles/owner\n    members:\n      - user:someone@gmail.com\n"
    assert engine.assess(f"{intro}\n\n{F}yaml\n{inside}{F}").decision == "allow"
    assert engine.assess(f"{intro}\n\n{F}yaml\n{outside}{F}").decision != "allow"
    # no document shown: the sentence is the prose reader's
    assert engine.assess(intro).decision != "allow"
