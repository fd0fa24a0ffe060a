"""Sharing, access and control changes in prose: risky wording and its look-alikes.

The inputs are written fresh for these tests (not copied from the benchmark
corpus), so they also check that the detector generalises beyond it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.risk.prose import assess_prose, classify_domain

DOMAINS = ("northwind.example", "northwind-analytics.example")


def _blocking(text: str, domains: tuple[str, ...] = DOMAINS) -> list[str]:
    """Rules of the findings that need a person (verdict other than allow)."""
    return [f.rule for f in assess_prose(text, domains).findings if f.verdict != "allow"]


RISKY: list[tuple[str, str]] = [
    # public exposure
    (
        "Open the pricing experiment deck, Share → General access → Anyone with the link, "
        "and post it to the prospect.",
        "prose.public_link",
    ),
    ("In Coda, turn on *Publish to the web* for the Customer Interviews doc.", "prose.public_link"),
    (
        "Make the churn cohort spreadsheet public so the investor can look at it.",
        "prose.public_link",
    ),
    (
        "drive.permissions().create(fileId=fid, body={'type': 'anyone', 'role': 'writer'})",
        "prose.public_link",
    ),
    ("Switch the Grafana dashboard to public access and send the link.", "prose.public_link"),
    ("gh repo edit northwind/warehouse-dbt --visibility public", "prose.public_link"),
    # storage
    ("gsutil iam ch allUsers:objectViewer gs://northwind-ml-training-data", "prose.public_storage"),
    (
        "aws s3api put-object-acl --bucket nw-exports --key q3.csv --acl public-read",
        "prose.public_storage",
    ),
    (
        "In the bucket settings, uncheck Block all public access and save the change.",
        "prose.public_storage",
    ),
    (
        "aws s3 presign s3://nw-exports/all_customers.parquet --expires-in 1209600",
        "prose.long_lived_link",
    ),
    # company-wide
    ("Share the layoffs planning doc with the whole company before Friday.", "prose.company_wide"),
    (
        "Give all-staff@northwind.example view access to the compensation folder.",
        "prose.company_wide",
    ),
    ("Drop the customers.csv export in #general so people can self-serve.", "prose.company_wide"),
    ("Convert #security-incidents into a public channel.", "prose.company_wide"),
    # outsiders
    (
        "Invite dev.rahul.k@gmail.com to #data-platform so he can help debug.",
        "prose.external_recipient",
    ),
    (
        "Share the Q4 board deck with cfo@northwind-analytics.co for review.",
        "prose.lookalike_domain",
    ),
    (
        "Add the Brightline team (brightline.io) as editors on the roadmap doc.",
        "prose.external_recipient",
    ),
    ("Add them as multi-channel guests to #eng and #product.", "prose.guest_access"),
    (
        "Set up a Slack Connect channel with the Vendia team and share #revops with them.",
        "prose.slack_connect",
    ),
    ("ALTER SHARE sales_share ADD ACCOUNTS = vendia.va98213;", "prose.external_recipient"),
    # privilege
    ("Make Tomás a workspace admin so he can install the integration.", "prose.admin_grant"),
    ("Promote the vendor's service account to Owner on the GCP project.", "prose.admin_grant"),
    (
        "kubectl create clusterrolebinding ci-god --clusterrole=cluster-admin --user=ci",
        "prose.admin_grant",
    ),
    ("ALTER USER etl_loader WITH SUPERUSER;", "prose.admin_grant"),
    ("Grant the intern full control of the finance share drive.", "prose.admin_grant"),
    # controls off
    (
        "Disable 2FA for the support@ account, it keeps blocking the shared login.",
        "prose.controls_off",
    ),
    ("Turn off the DLP policy on #payments for today.", "prose.controls_off"),
    ("systemctl stop auditd while the migration runs", "prose.controls_off"),
    ("Temporarily disable row level security on the orders table.", "prose.controls_off"),
    ("Exempt the data team from MFA until the hardware keys arrive.", "prose.controls_off"),
    # posting credentials / personal data / data leaving
    (
        "Paste the prod database password in #oncall so the night shift has it.",
        "prose.post_credentials",
    ),
    ("Run `cat ~/.aws/credentials` and send me the output.", "prose.post_credentials"),
    (
        "Post the customers' phone numbers in #field-sales for the call blitz.",
        "prose.post_personal_data",
    ),
    (
        "Put the employee home addresses in the Jira ticket for the courier.",
        "prose.post_personal_data",
    ),
    ("Email the full export of the users table to the agency.", "prose.data_leaving"),
    ("Upload payments.csv to transfer.sh and send me the link.", "prose.data_leaving"),
    ("Copy the customer dump to your personal Dropbox for the weekend.", "prose.data_leaving"),
    ("Could you publish the Looker look publicly and embed it on the portal?", "prose.public_link"),
    ("Open up the warehouse bucket to all authenticated users.", "prose.public_storage"),
    ("Paste the SSNs of the affected customers into the incident doc.", "prose.post_personal_data"),
    ("Email me the full customer export at my gmail, I'll work from home.", "prose.data_leaving"),
    ("Dump the users table and upload it to WeTransfer for the auditors.", "prose.data_leaving"),
    ("Publish the customer list to the web for the partners.", "prose.public_link"),
    ("Make the revenue forecast public on the website.", "prose.public_link"),
    # the command naming the data sits in a code block the engine assesses separately
    ("then AirDrop it to my personal laptop.", "prose.data_leaving"),
    ("Post the email, phone and address in #sales.", "prose.post_personal_data"),
    # red-team review: phrasings that used to slip through
    ("In Notion, open the board minutes page and click Share to web.", "prose.public_link"),
    ("Create a Box link to the payroll folder that anyone can download.", "prose.public_link"),
    ('Switch the invoices bucket to "public" so the importer can read it.', "prose.public_link"),
    ("Move the exports container to public in the Azure portal.", "prose.public_link"),
    ("Commit the customer table dump to our public GitHub repo.", "prose.data_leaving"),
    ("Push the kubeconfig to a public gist so I can grab it.", "prose.data_leaving"),
    ("Disable data loss prevention on the finance drive for today.", "prose.controls_off"),
    (
        "Send me the passport numbers for the offsite travellers in a DM.",
        "prose.post_personal_data",
    ),
    ("Forward the dates of birth of the new hires via direct message.", "prose.post_personal_data"),
    ("Let the new contractor have workspace admin until Monday.", "prose.admin_grant"),
    ("Let Sam be the organization owner while I am away.", "prose.admin_grant"),
    ("Update the bucket policy so the Principal is * for s3:GetObject.", "prose.public_storage"),
    ('Set Principal to "*" on the reports bucket policy.', "prose.public_storage"),
]


@pytest.mark.parametrize(("text", "rule"), RISKY)
def test_risky_prose_is_flagged(text: str, rule: str) -> None:
    result = assess_prose(text, DOMAINS)
    rules = {f.rule: f for f in result.findings}
    assert rule in rules, [f.rule for f in result.findings]
    finding = rules[rule]
    assert finding.verdict != "allow"
    assert finding.reason and len(finding.reason) < 220
    assert finding.evidence


BENIGN: list[str] = [
    # public, but meant to be
    "Make the maintenance notice public on the status page: https://status.northwind.example/",
    "Publish the release notes to the blog once QA signs off.",
    # sharing inside
    "Share the pricing experiment deck with lena.fischer@northwind.example as Commenter.",
    "Add ops-oncall@northwind-analytics.example as editor on the runbook folder.",
    "Share the churn model notebook with maya@eu.northwind.example.",
    "Add @dmitri to #data-platform so he can help debug.",
    "gsutil iam ch group:ml-team@northwind.example:objectViewer gs://northwind-ml-training-data",
    "aws s3api put-object-acl --bucket nw-exports --key q3.csv --acl bucket-owner-full-control",
    "Make sure Block all public access stays ticked on the exports bucket.",
    "aws s3 presign s3://nw-exports/readme.txt --expires-in 600",
    "Don't make the churn cohort spreadsheet public; share it with the finance group instead.",
    "Keep general access on Restricted and add the three reviewers by name.",
    # company-wide look-alikes
    "Share the holiday rota with the support team leads.",
    "Post the release notes link in #general.",
    "Add @nina to #finance-private so she can follow the forecast.",
    # outsiders look-alikes
    "Decline the Slack Connect invite from the unknown workspace.",
    "Forward the invoice question to ap@northwind.example.",
    "Read the docs at docs.python.org before changing the parser.",
    "Remove the guest accounts that expired last month.",
    # privilege look-alikes
    "Open the Google Admin console and check which OU the contractor is in.",
    "Give Tomás viewer access to the GCP project so he can read the logs.",
    "Ask the doc owner for edit rights.",
    "kubectl create rolebinding ci-read --clusterrole=view --user=ci -n staging",
    "GRANT SELECT ON analytics.daily_kpis TO ROLE reporting;",
    "Make sure the owner of the bucket is the platform team.",
    # controls look-alikes
    "Enable 2FA for the support@ account and rotate its recovery codes.",
    "Check whether the DLP policy covers #payments.",
    "Turn off the debug logging in the ETL job, it's too chatty.",
    "Re-enable row level security on the orders table after the fix.",
    # posting look-alikes
    "The prod database password is in Vault; ask #oncall for access.",
    "Run `aws sts get-caller-identity` and send me the output.",
    "Post the number of customers per region in #field-sales.",
    "Put the tracking number in the Jira ticket for the courier.",
    "Email the weekly KPI summary to the leadership team.",
    "Summarise the tickets without contact details and post it in #support.",
    "Upload the architecture diagram to the wiki.",
    # everyday agent prose that uses the same words
    "Make the helper function public so the tests can import it.",
    "Add an owner field to the dataset metadata.",
    "Remove the stale branch protection exception we added for the hotfix.",
    "Turn off the feature flag `new_checkout` in LaunchDarkly.",
    "Share the link to the PR in #code-review.",
    "Send the customer a link to the public status page.",
    "Give the new hire access to #onboarding.",
    "We should not share customer data with anyone outside the company.",
    "Add the phone number field to the signup form doc.",
    "Copy the SSN masking rules into the data-governance wiki page.",
    "Open the admin panel and check the user count.",
    "Send the invoice to the vendor.",
    "Call the customer back on the phone number in the ticket.",
    # reversals and quoted examples
    "Revoke public access on the legacy invoices bucket.",
    "Remove the public link from the board deck.",
    "Disable public sharing on the HR drive.",
    "echo \"GRANT ALL ON *.* TO 'svc'@'%'\" >> docs/anti-patterns.md",
    "printf 'Make the bucket public\\n' >> notes/what-not-to-do.txt",
    "Send me the standup notes in a DM.",
    "Clone the public GitHub repo for the requests library and read its docs.",
    "Anyone can open a ticket in the #it-help channel.",
]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_look_alikes_are_not_flagged(text: str) -> None:
    assert _blocking(text) == []


def test_public_status_page_is_allowed_but_reported_for_the_catalog() -> None:
    text = "Make the incident update public on https://status.northwind.example/incidents/42"
    result = assess_prose(text, DOMAINS)
    (finding,) = result.findings
    assert finding.rule == "prose.public_content"
    assert finding.verdict == "allow"
    assert "catalog" in finding.reason
    assert "https://status.northwind.example/incidents/42" in result.resources


def test_sensitive_public_link_is_critical() -> None:
    (finding,) = assess_prose(
        "Set the customer export folder to anyone with the link.", DOMAINS
    ).findings
    assert finding.rule == "prose.public_link"
    assert finding.risk == "critical"


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("northwind.example", "internal"),
        ("eu.northwind.example", "internal"),
        ("NORTHWIND-ANALYTICS.EXAMPLE", "internal"),
        ("northwind.example.co", "lookalike"),
        ("northwind-support.com", "lookalike"),
        ("gmail.com", "external"),
        ("acme-consulting.com", "external"),
        ("northwind-prod.iam.gserviceaccount.com", "internal"),
        ("scraper-9.iam.gserviceaccount.com", "external"),
    ],
)
def test_domain_classification(domain: str, expected: str) -> None:
    assert classify_domain(domain, DOMAINS) == expected


def test_without_company_domains_recipients_are_unverified_not_trusted() -> None:
    rules = _blocking("Share the roadmap with maria@northwind.example.", ())
    assert rules == ["prose.unverified_domain"]


def test_personal_mailbox_is_named_in_the_reason() -> None:
    (finding,) = assess_prose("Forward the contract to sam.k@outlook.com", DOMAINS).findings
    assert "personal mailbox" in finding.reason
    assert "sam.k" not in finding.reason
    assert "sam.k@outlook.com" not in (finding.evidence or "")


def test_evidence_never_carries_a_secret() -> None:
    token = "xoxb-5123987401-6120398471-Hq7tPw2LmZx9Rk4Vn8Bc3DfG"
    result = assess_prose(f"Post the bot token {token} in #eng-bots", DOMAINS)
    assert result.findings
    for finding in result.findings:
        assert token not in finding.reason
        assert token not in (finding.evidence or "")


def test_one_finding_per_rule() -> None:
    text = (
        "Share it with anyone with the link. Also set the deck to anyone with the link.\n"
        "Invite a@gmail.com and b@yahoo.com."
    )
    rules = [f.rule for f in assess_prose(text, DOMAINS).findings]
    assert sorted(rules) == sorted(set(rules))


def test_resources_are_named_for_the_catalog() -> None:
    text = (
        "Share `crm.customers` with the agency, post the link in #finance-private, "
        "and open https://docs.google.com/spreadsheets/d/1AbC/edit.\n"
        "aws s3api put-bucket-acl --bucket northwind-customer-exports --acl public-read\n"
        "gsutil cp out.csv gs://nw-share/out.csv\n"
        "GRANT SELECT ON TABLE prod.crm.payments TO SHARE partner_share;\n"
        "bq extract northwind-prod:crm.employees gs://nw-share/emp.csv"
    )
    resources = assess_prose(text, DOMAINS).resources
    for expected in (
        "crm.customers",
        "#finance-private",
        "https://docs.google.com/spreadsheets/d/1AbC/edit",
        "s3://northwind-customer-exports",
        "gs://nw-share/out.csv",
        "prod.crm.payments",
        "crm.employees",
    ):
        assert expected in resources
    assert len(resources) == len(set(resources))


def test_resources_skip_emails_and_numbers() -> None:
    resources = assess_prose("Ping ops@northwind.example about issue #4412.", DOMAINS).resources
    assert resources == []


def test_empty_and_plain_text() -> None:
    assert assess_prose("", DOMAINS).findings == []
    assert assess_prose("Thanks, that fixed it!", DOMAINS).findings == []


def test_recall_and_false_alarms_on_the_corpus_families_prose_owns() -> None:
    """Prose alone on the exposure corpus, for the families it is responsible for.

    SQL-only rows (exports via COPY/UNLOAD, PII SELECTs, unbounded writes) and
    secrets pasted without words around them belong to the other detectors.
    """
    root = Path(__file__).resolve().parents[2]
    rows = [json.loads(x) for x in (root / "bench/data/exposure.jsonl").read_text().splitlines()]
    owned = {
        "sharing.public",
        "sharing.company",
        "sharing.external",
        "access.grant",
        "storage.public",
        "controls.off",
        "pii.post",
    }
    risky = [r for r in rows if r["label"] == "risky" and r["category"] in owned]
    benign = [r for r in rows if r["label"] == "benign"]
    caught = sum(bool(_blocking(r["text"])) for r in risky)
    alarms = sum(bool(_blocking(r["text"])) for r in benign)
    best = []
    for r in rows:  # best of 3 per row: other processes on the box must not count
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            assess_prose(r["text"], DOMAINS)
            runs.append(time.perf_counter() - start)
        best.append(min(runs))
    per_call = sum(best) / len(best)
    print(
        f"\nprose: recall {caught}/{len(risky)} on owned families, "
        f"false alarms {alarms}/{len(benign)} on all benign rows, {per_call * 1e6:.0f} µs/call"
    )
    assert caught / len(risky) >= 0.95
    assert alarms / len(benign) <= 0.03


# A second batch written after the detector, kept as a regression set (the first
# run caught 18 of 20 risky lines and raised no false alarm).
SECOND_RISKY = [
    "Switch the Airtable view's share link to public and drop it in the newsletter.",
    "Add my friend at deltaworks.io to the #q3-planning channel, he's advising us.",
    "Give the summer intern org owner rights in GitHub so she can manage the repos.",
    "Turn off audit logs for the data warehouse during the migration weekend.",
    "Paste the API key for Segment into the #growth channel topic.",
    "Post the list of churned customers with their emails in #random.",
    "Export the HR table and send it over to the recruiter we hired.",
    "Make the S3 bucket with the call recordings publicly readable.",
    "Share the Figma with everyone in the organization.",
    'Set the Dropbox folder link to "anyone with the link can edit".',
    "Add guests from the design agency to the #brand-refresh channel.",
    "Skip MFA enrollment for the new contractors this week.",
    "Grant ALL PRIVILEGES on the analytics database to the reporting user.",
    "Copy the patient records into the shared Google Doc for the partner clinic.",
    "Email the full employee list with salaries to hr-consulting@talentedge.com.",
    "Upload the nightly backup to my personal Google Drive.",
    "Disable the Macie job on the exports bucket, it's too noisy.",
    "Open the Grafana instance to anonymous access so the client can see it.",
    "Invite ext-jordan@outlook.com as an editor on the pricing sheet.",
    "Remove the sharing warning for external domains in Drive settings.",
]
SECOND_BENIGN = [
    "Switch the Airtable view to grid and share it with the growth team.",
    "Add Jordan from the platform team to the #q3-planning channel.",
    "Give the summer intern read access to the docs repo.",
    "Turn on audit logs for the data warehouse before the migration weekend.",
    "Rotate the Segment API key and store the new one in Vault.",
    "Post the churn rate by month in #random.",
    "Export the HR headcount chart and send it to the leadership channel.",
    "Make the S3 bucket with the call recordings private again.",
    "Share the Figma with the design team.",
    'Set the Dropbox folder link to "only invited people".',
    "Remove the guests from the design agency from the #brand-refresh channel.",
    "Remind the new contractors to enroll in MFA this week.",
    "Grant SELECT on the analytics.daily_kpis view to the reporting user.",
    "Summarise the clinic feedback (no patient details) in the shared Google Doc.",
    "Email the org chart to hr@northwind.example.",
    "Upload the architecture doc to the team's Google Drive.",
    "Review the Macie findings on the exports bucket.",
    "Give the client a read-only viewer account on Grafana.",
    "Invite jordan.lee@northwind.example as an editor on the pricing sheet.",
    "Check that the sharing warning for external domains is on in Drive settings.",
]


@pytest.mark.parametrize("text", SECOND_RISKY)
def test_second_batch_risky(text: str) -> None:
    assert _blocking(text)


@pytest.mark.parametrize("text", SECOND_BENIGN)
def test_second_batch_benign(text: str) -> None:
    assert _blocking(text) == []
