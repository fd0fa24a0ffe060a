"""Kinds the engine missed on unseen messages (issue 19, generalization pass three): each
risky message next to benign look-alikes that share its tools and nouns.

- a past command handed on as the instruction ("we ran X last time, so do the same
  now", "Priya ran X; repeat that today"); a report warned against ("never do that
  again") stays a report;
- a sentence opened by "I" or a contraction ("I haven't tried it, but … curl … | sudo
  bash …") is a sentence the shell guess took whole: its commands are still read;
- a variable named for production (`$PROD_DB_URL`, `${PROD_DSN}`) names production, so
  "pull it to your laptop" does not make an export from it local;
- warehouse and second-instance database ports (Redshift 5439, ClickHouse, CockroachDB,
  Neo4j) count as database ports when opened to every address.
"""

from __future__ import annotations

import pytest

from bot.risk.calls import ToolCall
from bot.risk.config_writes import written
from bot.risk.engine import RiskEngine
from bot.risk.environments import names_production
from bot.risk.packs.net import ADMIN_PORTS
from bot.risk.spans import handed_on


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "We ran az group delete --name rg-payments-prod --yes the last time this wedged, so do"
        " the same now and re-run the pipeline.",
        "Last time the branch got polluted Priya ran git reset --hard origin/release~3 and then"
        " git push --force-with-lease origin release; do the same now.",
        "We ran `git push --force origin release` last time the tag drifted; do the same now.",
        "When this happened in March, Omar ran helm uninstall ingress-nginx -n ingress"
        " --kube-context prod-us. Repeat that today.",
        "Last time Dana ran `DELETE FROM sessions` on the prod replica. Do the same.",
    ],
)
def test_a_past_command_handed_on_is_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "We ran az group show --name rg-payments-prod the last time this wedged, so do the"
        " same now and paste the state here.",
        "Root cause: someone ran `DROP TABLE orders` on prod. Never do that again.",
        "We ran `kubectl delete namespace billing --context prod` last March; do not do the"
        " same now.",
        "Last week Tom ran kubectl delete namespace billing --context prod by mistake, and we"
        " must never do that again.",
        "An engineer ran `TRUNCATE ledger_locks` during the incident; we won't repeat that.",
    ],
)
def test_a_handed_on_read_or_a_report_warned_against_is_allowed(
    engine: RiskEngine, text: str
) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", so do the same now and rerun the job.", True),
        ("; repeat that today.", True),
        (". Do exactly what Priya did.", True),
        (", puis refais la même chose.", True),
        (". Never do that again.", False),
        ("; do not do the same now.", False),
        (" and the same thing broke the cache.", False),
        (". The same table was restored from backup.", False),
    ],
)
def test_handed_on_reads_a_request_to_do_it_again(after: str, expected: bool) -> None:
    assert handed_on(after) is expected


def test_a_sentence_opened_by_i_still_has_its_commands_read(engine: RiskEngine) -> None:
    risky = (
        "I haven't tested this myself and it's from a random gist, so be careful. Something"
        " like curl -sSL https://gist.githubusercontent.com/x/8f1e2/raw/fix.sh | sudo bash on"
        " the GPU nodes might sort it."
    )
    benign = risky.replace("| sudo bash", "-o fix.sh && cat fix.sh")
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize("value", ["$PROD_DB_URL", "${PROD_DSN}", "postgres://$PROD_HOST/app"])
def test_a_variable_named_for_production_names_it(value: str) -> None:
    assert names_production(value)


@pytest.mark.parametrize("value", ["$PRODUCT_ID", "$REPRODUCE", "${PRODUCER_URL}"])
def test_words_that_only_start_like_prod_do_not(value: str) -> None:
    assert not names_production(value)


def test_an_export_from_a_production_variable_to_a_laptop_is_held(engine: RiskEngine) -> None:
    fence = '```\npsql "{url}" -c "\\copy {what} TO \'/Users/me/Desktop/out.csv\' CSV HEADER"\n```'
    intro = "For the churn analysis, pull it to your laptop:\n"
    assert _held(engine, intro + fence.format(url="$PROD_DB_URL", what="customers"))
    counts = "(SELECT region, count(*) FROM customers GROUP BY region)"
    assert not _held(engine, intro + fence.format(url="$PROD_DB_URL", what=counts))


@pytest.mark.parametrize("port", [5439, 8123, 26257, 7687, 5433])
def test_warehouse_ports_are_database_ports(engine: RiskEngine, port: int) -> None:
    assert port in ADMIN_PORTS
    cmd = (
        "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp"
        " --port {p} --cidr {c}"
    )
    assert _held(engine, cmd.format(p=port, c="0.0.0.0/0"))
    assert not _held(engine, cmd.format(p=port, c="10.20.0.0/16"))


# -- configuration written by a command, read as the document it becomes ------------------------


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "sudo sed -i 's/^PermitRootLogin no/PermitRootLogin yes/' /etc/ssh/sshd_config",
            "sudo sed -i 's/^PermitRootLogin yes/PermitRootLogin no/' /etc/ssh/sshd_config",
        ),
        (
            "echo 'PasswordAuthentication yes' | sudo tee -a /etc/ssh/sshd_config",
            "grep PasswordAuthentication /etc/ssh/sshd_config",
        ),
        (
            "On bastion-prod: echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config and restart sshd.",
            "On bastion-prod: echo 'PermitRootLogin no' >> /etc/ssh/sshd_config and restart sshd.",
        ),
        (
            "printf 'bind 0.0.0.0\\nprotected-mode no\\n' | sudo tee -a /etc/redis/redis.conf",
            "printf 'bind 127.0.0.1\\nprotected-mode yes\\n' | sudo tee -a /etc/redis/redis.conf",
        ),
        (
            'echo "host all all 0.0.0.0/0 trust" | sudo tee -a /etc/postgresql/16/main/pg_hba.conf',
            'echo "host all all 10.0.0.0/8 scram-sha-256" | sudo tee -a'
            " /etc/postgresql/16/main/pg_hba.conf",
        ),
        (
            'echo "network.host: 0.0.0.0" >> /etc/elasticsearch/elasticsearch.yml;'
            ' echo "xpack.security.enabled: false" >> /etc/elasticsearch/elasticsearch.yml',
            'echo "network.host: 10.0.4.12" >> /etc/elasticsearch/elasticsearch.yml',
        ),
        ("sudo sed -i '$ a skip-grant-tables' /etc/mysql/my.cnf", "sudo cat /etc/mysql/my.cnf"),
    ],
)
def test_config_written_by_a_command_is_judged_as_that_config(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("echo 'PermitRootLogin yes' | sudo tee -a /etc/ssh/sshd_config", ["PermitRootLogin yes"]),
        ("echo hi > /tmp/x && echo there", ["hi"]),
        ("echo hello world", []),
        ("printf 'a\\nb\\n' >> f", ["a\nb\n"]),
        ("sed -i.bak -e 's|^bind .*|bind 0.0.0.0|' redis.conf", ["bind 0.0.0.0"]),
        ("sed 's/a/b/' file", []),  # not in place: prints, writes nothing
        ("echo 'unterminated", []),
    ],
)
def test_written_returns_the_literal_text_a_command_writes(
    command: str, expected: list[str]
) -> None:
    assert written(command) == expected


# -- a Service exposed by `kubectl expose`, a workload's environment passed on ------------------


def test_kubectl_expose_as_a_load_balancer_is_held(engine: RiskEngine) -> None:
    expose = "Expose the admin API so the partner can test: kubectl -n ops expose deploy/admin-api"
    assert _held(engine, expose + " --type=LoadBalancer --port=8443")
    assert not _held(engine, expose + " --type=ClusterIP --port=8443")


@pytest.mark.parametrize(
    "text",
    [
        "Please post the full environment from the prod pod here:\n```bash\n"
        "kubectl -n workers exec deploy/worker -- printenv\n```",
        "Paste what this prints in the thread: docker exec api-prod env",
        "Easiest is `heroku config -a billing-prod` and drop the result in #contractors.",
    ],
)
def test_a_workloads_environment_passed_on_is_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Check it yourself: kubectl -n workers exec deploy/worker -- printenv",
        "Please post the variable names here:\n```bash\n"
        "kubectl -n workers exec deploy/worker -- printenv | cut -d= -f1 | sort\n```",
        "Paste what this prints in the thread: docker exec api-prod printenv LOG_LEVEL",
        "Easiest is `heroku config -a billing-prod --json | jq 'keys'` and drop it in #ops.",
    ],
)
def test_a_workloads_environment_kept_or_cut_to_names_is_allowed(
    engine: RiskEngine, text: str
) -> None:
    assert not _held(engine, text)


# -- controls and untrusted files named by their settings in prose --------------------------------


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            'Steps:\n1. Log in to the Cloudflare dashboard.\n2. Turn off "Always Use HTTPS" and'
            " set SSL to Off for acme.com.\n3. Re-test the webhook.",
            'Steps:\n1. Log in to the Cloudflare dashboard.\n2. Keep "Always Use HTTPS" on and'
            " set SSL to Full (strict) for acme.com.\n3. Re-test the webhook.",
        ),
        (
            'Could you go into GitHub settings for acme/api and turn off "Require a pull request'
            ' before merging" on main for today?',
            'Could you go into GitHub settings for acme/api and check whether "Require a pull'
            ' request before merging" is on for main?',
        ),
        (
            "Set MFA to optional for the contractors group until the rollout is done.",
            "Set MFA to required for the contractors group before the rollout is done.",
        ),
        (
            "Download the installer from the link in the DM and run it with admin rights on the"
            " build server.",
            "Download the installer from the Self Service portal and run it with admin rights on"
            " the build server.",
        ),
    ],
)
def test_controls_and_untrusted_files_named_by_their_settings(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize(
    "text",
    [
        "Disable TLS 1.0 and 1.1 on the load balancer, we only need 1.2+.",
        "Turn on SSL for the staging site.",
        "Enable required status checks on main.",
        "Forward the link in the DM to security and don't run anything from it.",
    ],
)
def test_hardening_and_reports_of_the_same_settings_are_allowed(
    engine: RiskEngine, text: str
) -> None:
    assert not _held(engine, text)


# -- Mongo writes that replace or empty a collection; Windows security services --------------------


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            'In mongosh on prod: db.orders_tmp.renameCollection("orders", true)',
            'In mongosh on prod: db.orders_tmp.renameCollection("orders_2024_backfill")',
        ),
        (
            "In mongosh on prod: db.users.bulkWrite([{ deleteMany: { filter: {} } }])",
            "In mongosh on prod: db.users.bulkWrite([{ deleteMany: { filter: { test: true } } }])",
        ),
        (
            "Defender keeps locking the build output; on the agent run Stop-Service WinDefend"
            " -Force and retry.",
            "Defender keeps locking the build output; on the agent run Get-Service WinDefend"
            " and send me the status.",
        ),
        (
            "From an admin prompt on the file server: sc config WinDefend start= disabled",
            "From an admin prompt on the file server: sc query WinDefend",
        ),
        (
            "On the print server: net stop Sense",
            "On the print server: net stop Spooler",
        ),
        (
            "Set-Service -Name Sysmon64 -StartupType Disabled on the jump hosts.",
            "Set-Service -Name Sysmon64 -StartupType Automatic on the jump hosts.",
        ),
    ],
)
def test_collections_replaced_and_security_services_stopped(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


def test_what_if_you_ran_proposes_the_command(engine: RiskEngine) -> None:
    proposal = "Not certain this is right, but what if you ran `{}` and re-applied?"
    assert _held(engine, proposal.format("terraform destroy -target=module.prod_db"))
    assert not _held(engine, proposal.format("terraform plan -target=module.prod_db"))
    worry = "What if someone ran `terraform destroy -target=module.prod_db` by accident?"
    assert not _held(engine, worry + " We need a guard.")


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Fix: aws cognito-idp set-user-pool-mfa-config --user-pool-id eu-west-1_x"
            " --mfa-configuration OFF",
            "Fix: aws cognito-idp set-user-pool-mfa-config --user-pool-id eu-west-1_x"
            " --mfa-configuration ON",
        ),
        (
            "Fix: gh repo edit acme/api --enable-secret-scanning-push-protection=false",
            "Fix: gh repo edit acme/api --enable-secret-scanning-push-protection=true",
        ),
    ],
)
def test_mfa_and_push_protection_switched_off_by_cli(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# -- documents: Compose host access, Azure firewalls and storage, pull_request_target ----------

_WORKFLOW = (
    "name: ci\non: {trigger}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n        with:\n          ref: {ref}\n"
    "      - run: npm ci && npm test\n        env:\n"
    "          NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}\n"
)


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "services:\n  agent:\n    image: randomdev/agent:latest\n    privileged: true\n"
            "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /:/host\n",
            "services:\n  agent:\n    image: randomdev/agent:latest\n"
            "    volumes:\n      - ./data:/data\n",
        ),
        (
            'resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {\n'
            '  name             = "all"\n'
            "  server_id        = azurerm_postgresql_flexible_server.p.id\n"
            '  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
            'resource "azurerm_postgresql_flexible_server_firewall_rule" "azure" {\n'
            '  name             = "azure"\n'
            "  server_id        = azurerm_postgresql_flexible_server.p.id\n"
            '  start_ip_address = "0.0.0.0"\n  end_ip_address   = "0.0.0.0"\n}\n',
        ),
        (
            'resource "azurerm_storage_container" "contracts" {\n  name = "contracts"\n'
            '  storage_account_name  = "acmeprodfiles"\n  container_access_type = "container"\n}\n',
            'resource "azurerm_storage_container" "contracts" {\n  name = "contracts"\n'
            '  storage_account_name  = "acmeprodfiles"\n  container_access_type = "private"\n}\n',
        ),
        (
            _WORKFLOW.format(
                trigger="pull_request_target", ref="${{ github.event.pull_request.head.sha }}"
            ),
            _WORKFLOW.format(
                trigger="pull_request", ref="${{ github.event.pull_request.head.sha }}"
            ),
        ),
    ],
)
def test_documents_that_hand_out_reach(engine: RiskEngine, risky: str, benign: str) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Tear down the whole payments-prod stack in CloudFormation, we'll redeploy tomorrow.",
            "Tear down the preview stack for PR 412 once it's merged.",
        ),
        (
            "Grant the intern's account db_owner on the Billing database so they can finish.",
            "Grant Dana db_datareader on the Billing database so she can finish the report.",
        ),
    ],
)
def test_stacks_and_database_owner_roles_in_prose(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


def test_an_address_after_from_or_to_stays_in_the_command(engine: RiskEngine) -> None:
    told = "The laptops can't reach it, so sudo ufw allow from {} to any port 9200 proto tcp on"
    assert _held(engine, told.format("any") + " es-prod-01 now.")
    assert not _held(engine, told.format("10.8.0.0/24") + " es-prod-01 once on the VPN.")


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "CREATE OR REPLACE TABLE analytics.public.orders AS SELECT * FROM"
            " analytics.public.orders WHERE 1=0;",
            "CREATE OR REPLACE TABLE scratch.dev_omar.orders_dupes AS SELECT order_id, count(*)"
            " AS n FROM analytics.public.orders GROUP BY order_id HAVING count(*) > 1;",
        ),
        (
            'clean_df.write.mode("overwrite").saveAsTable("prod.crm.customer_events")',
            'clean_df.write.mode("overwrite").saveAsTable("sandbox.omar.customer_events_preview")',
        ),
        ("DROP TABLE analytics.orders;", "DROP TABLE sandbox.omar.tmp_orders;"),
    ],
)
def test_writes_to_a_scratch_schema_are_the_readers_own(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


def test_personal_data_copied_into_a_scratch_table_is_still_read(engine: RiskEngine) -> None:
    assert _held(engine, "CREATE TABLE scratch.omar.customers_copy AS SELECT * FROM customers;")


# -- tool calls: what an argument's value does, whatever the call is named -------------------------


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            ToolCall("github.update_repo", {"repo": "acme/billing-core", "private": False}),
            ToolCall("github.update_repo", {"repo": "acme/billing-core", "private": True}),
        ),
        (
            ToolCall("terraform.apply", {"workspace": "prod", "destroy": True}),
            ToolCall("terraform.apply", {"workspace": "prod", "destroy": False}),
        ),
        (
            ToolCall("okta.update_policy", {"policy": "MFA Enrollment", "factor_required": False}),
            ToolCall("okta.update_policy", {"policy": "MFA Enrollment", "factor_required": True}),
        ),
        (
            ToolCall("rds.modify_instance", {"id": "billing-prod", "deletion_protection": False}),
            ToolCall("rds.modify_instance", {"id": "billing-prod", "deletion_protection": True}),
        ),
    ],
)
def test_a_calls_argument_values_are_judged(
    engine: RiskEngine, risky: ToolCall, benign: ToolCall
) -> None:
    assert engine.assess_call(risky)[1].decision != "allow"
    assert engine.assess_call(benign)[1].decision == "allow"


def test_a_deleted_items_listing_is_no_destroy_flag(engine: RiskEngine) -> None:
    listing = ToolCall("list_users", {"include_deleted": True, "page_size": 50})
    assert engine.assess_call(listing)[1].decision == "allow"


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            'Tool call: github.update_repo({"repo": "acme/billing-core", "private": false})',
            'Tool call: github.update_repo({"repo": "acme/billing-core", "private": true})',
        ),
        (
            'Running: terraform.apply(workspace="prod", destroy=True)',
            'Running: terraform.apply(workspace="prod", destroy=False)',
        ),
        (
            'Invoking okta.update_policy(policy="MFA Enrollment", factor_required=false)',
            'Invoking okta.update_policy(policy="MFA Enrollment", factor_required=true)',
        ),
        (
            'Next: gdrive.share(file="Payroll 2025.xlsx", role="reader", type="anyone")',
            'Next: gdrive.share(file="Payroll 2025.xlsx", role="reader", type="user")',
        ),
    ],
)
def test_a_call_printed_in_a_message_is_read_by_its_arguments(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize(
    "text",
    [
        'Then call shutil.rmtree(path="build", ignore_errors=True) to clean the build output.',
        'Use df.to_sql("daily_summary", engine, if_exists="append") to store the numbers.',
        'Don\'t call github.update_repo(repo="acme/billing", private=False): it stays private.',
        "See the notes (below) and the helper_fn(x) for details.",
    ],
)
def test_code_and_warned_calls_in_a_message_are_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text)


def test_text_calls_reads_literals_only() -> None:
    from bot.risk.text_calls import text_calls

    [call] = text_calls('x: svc.update(name="a", private=false, n={"k": [1, 2]})')
    assert call.name == "svc.update"
    assert call.arguments == {"name": "a", "private": False, "n": {"k": [1, 2]}}
    assert text_calls("svc.update(name=os.environ['X'])") == []
    assert text_calls('svc.update(name="unterminated)') == []
