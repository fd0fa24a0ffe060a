"""Documents read by content: every rule's own examples, the same documents fenced, bare
in prose and embedded in a shell heredoc, CloudFormation tags, and harmless twins."""

from __future__ import annotations

import json

import pytest

from bot.risk import hcl
from bot.risk.documents import assess_documents, read_documents, verify_document_rules
from bot.risk.packs.iac import RULES, DocRule
from tests.growth import assert_linear


def rules_of(text: str) -> set[str]:
    return {f.rule for f in assess_documents(text).findings}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in RULES for ex in r.match],
    ids=lambda v: v.id if isinstance(v, DocRule) else v[:40],
)
def test_rule_matches_its_examples(rule: DocRule, example: str) -> None:
    assert rule.id in rules_of(example)
    if "`" not in example:  # a whole document: the same inside a fence
        assert rule.id in rules_of(f"Here is the file:\n\n```\n{example}\n```\nApply it today.")


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in RULES for ex in r.not_match],
    ids=lambda v: v.id if isinstance(v, DocRule) else v[:40],
)
def test_rule_ignores_its_counter_examples(rule: DocRule, example: str) -> None:
    assert rule.id not in rules_of(example)
    assert rule.id not in rules_of(f"Here is the file:\n\n```\n{example}\n```\nApply it today.")


def test_rules_verify_at_load() -> None:
    verify_document_rules()


CRB = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: open
roleRef:
  kind: ClusterRole
  name: cluster-admin
  apiGroup: rbac.authorization.k8s.io
subjects:
  - kind: Group
    name: system:authenticated
    apiGroup: rbac.authorization.k8s.io"""


def test_unfenced_manifest_between_sentences() -> None:
    text = f"The dashboards need access, so apply this:\n{CRB}\nThen restart the pods."
    assert "doc.k8s_broad_binding" in rules_of(text)


def test_manifest_in_a_shell_heredoc() -> None:
    text = f"```bash\nkubectl apply -f - <<EOF\n{CRB}\nEOF\n```"
    assert "doc.k8s_broad_binding" in rules_of(text)


def test_several_documents_in_one_stream() -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostNetwork: true\n"
    pod += "  containers:\n  - name: a\n    image: nginx\n"
    found = rules_of(f"```yaml\n{pod}---\n{CRB}\n```")
    assert {"doc.k8s_host_access", "doc.k8s_broad_binding"} <= found


def test_cloudformation_tags_and_json_template() -> None:
    yaml_doc = (
        "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
        "      VpcId: !Ref Vpc\n      GroupDescription: !Sub '${Env} db'\n"
        "      SecurityGroupIngress:\n      - IpProtocol: '-1'\n        CidrIp: 0.0.0.0/0\n"
    )
    assert "doc.network_open" in rules_of(yaml_doc)
    template = {
        "Resources": {
            "Sg": {
                "Type": "AWS::EC2::SecurityGroupIngress",
                "Properties": {
                    "IpProtocol": "tcp",
                    "FromPort": 3389,
                    "ToPort": 3389,
                    "CidrIpv6": "::/0",
                },
            }
        }
    }
    assert "doc.network_open" in rules_of("Deploy: " + json.dumps(template))
    template["Resources"]["Sg"]["Properties"]["CidrIpv6"] = "fd00::/8"
    assert "doc.network_open" not in rules_of("Deploy: " + json.dumps(template))


def test_policy_inline_after_a_colon() -> None:
    risky = (
        'Attach this to the CI role: {"Statement": [{"Effect": "Allow", "Action": "*", '
        '"Resource": "*"}]} and re-run.'
    )
    assert "doc.policy_all_actions" in rules_of(risky)
    benign = risky.replace('"Action": "*"', '"Action": ["logs:PutLogEvents"]')
    assert rules_of(benign) == set()


def test_config_directives_only_as_lines_or_code() -> None:
    assert "doc.login_open" in rules_of("In /etc/ssh/sshd_config set `PermitRootLogin yes`.")
    assert "doc.login_open" in rules_of("Add these lines:\n\n    PermitRootLogin yes\n")
    assert rules_of("Make sure PermitRootLogin yes never ships; we use no.") == set()
    assert rules_of("`PermitRootLogin no`") == set()


def test_terraform_references_are_unknown_not_open() -> None:
    tf = (
        'resource "aws_security_group_rule" "db" {\n  type = "ingress"\n'
        '  from_port = 5432\n  to_port = 5432\n  protocol = "tcp"\n'
        "  cidr_blocks = [var.office_cidr]\n}\n"
    )
    assert rules_of(tf) == set()
    assert "doc.network_open" in rules_of(tf.replace("var.office_cidr", '"0.0.0.0/0"'))


def test_hcl_reader_values() -> None:
    body = hcl.parse(
        'resource "x" "y" {\n  a = 1\n  b = [true, "s", null]\n  c = { k = "v", "q": 2 }\n'
        '  d = var.z ? 1 : 0\n  e = jsonencode({ A = "*" })\n  nested {\n    f = -1\n  }\n'
        '  g = <<EOT\n{"S": 1}\nEOT\n}\n'
    )
    block = body["resource"][0]
    assert block["__labels__"] == ["x", "y"]
    assert block["a"] == 1 and block["b"] == [True, "s", None]
    assert block["c"] == {"k": "v", "q": 2}
    assert isinstance(block["d"], hcl.Ref)
    assert block["e"] == {"A": "*"} and block["nested"][0]["f"] == -1
    assert block["g"].strip() == '{"S": 1}'


def test_prose_is_not_a_document() -> None:
    text = (
        "Summary: the migration went well.\nNext steps:\n- review the logs\n"
        "- tell the team\nOwner: Dana"
    )
    assert rules_of(text) == set()


def test_unparsable_yaml_is_ignored_not_crashing() -> None:
    assert rules_of("```yaml\nkind: [unclosed\n  - : :\n```") == set()
    assert read_documents("{" * 5000).trees == []


def test_long_documents_stay_fast() -> None:
    many = "\n---\n".join(CRB.replace("open", f"b{i}") for i in range(200))
    for text in (many[:65536], ('{"a": ' * 3000), "key: value\n" * 6000, "x " * 32000):
        assert_linear(assess_documents, text, text[:20])  # quadratic parsing grows 16x


def test_a_document_longer_than_what_is_read_is_held() -> None:
    long_yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n"
    long_yaml += "\n".join(f"  key{i}: value" for i in range(3000))
    assert "doc.partly_read" in rules_of(long_yaml)
    assert "doc.partly_read" not in rules_of("x " * 20000)  # long, but no document
    assert rules_of(CRB) == {"doc.k8s_broad_binding"}


def test_scripts_documents_run_are_returned_for_the_shell_detector() -> None:
    job = (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: c\nspec:\n  template:\n"
        "    spec:\n      containers:\n      - name: c\n        image: amazon/aws-cli:2\n"
        '        args: ["s3", "rm", "s3://media-prod/", "--recursive"]\n'
    )
    assert assess_documents(job).scripts == ["aws s3 rm s3://media-prod/ --recursive"]
    workflow = "jobs:\n  a:\n    steps:\n      - run: terraform destroy -auto-approve\n"
    assert assess_documents(workflow).scripts == ["terraform destroy -auto-approve"]
    dockerfile = "FROM python:3.12\nRUN curl -sSL https://x.example/i.sh | sh\n"
    assert assess_documents(dockerfile).scripts == ["curl -sSL https://x.example/i.sh | sh"]


def test_fragments_pasted_without_their_wrapper() -> None:
    ingress = (
        "Add this to network.tf:\n\n```hcl\ningress {\n  from_port = 22\n  to_port = 22\n"
        '  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n```'
    )
    assert "doc.network_open" in rules_of(ingress)
    assert rules_of(ingress.replace("0.0.0.0/0", "10.20.0.0/16")) == set()
    statement = 'Replace the statements with `{"Effect":"Allow","Action":"*","Resource":"*"}`'
    assert "doc.policy_all_actions" in rules_of(statement)
    read_only = statement.replace('"Action":"*"', '"Action":"logs:GetLogEvents"')
    assert rules_of(read_only) == set()


def test_outside_members_use_the_company_domains() -> None:
    binding = "bindings:\n- members:\n  - user:dana@partner.example\n  role: roles/owner\n"
    assert "doc.binding_outsider" not in rules_of(binding)  # no company domains known
    found = {f.rule for f in assess_documents(binding, ("acme.example",)).findings}
    assert "doc.binding_outsider" in found
    inside = binding.replace("partner.example", "eu.acme.example")
    assert not assess_documents(inside, ("acme.example",)).findings
