"""Documents judged by structure: Kubernetes manifests, CloudFormation and IAM/bucket
policies (YAML or JSON), Terraform (HCL) and server configuration files.

Each `DocRule` names judges; a judge reads the parsed document (`Doc`) and returns
one short evidence line per risky thing it found (names and values only, never a
secret). The same kind of risk is one rule whatever the format: a security group open
to the internet on port 22 is `doc.network_open` in Terraform, CloudFormation or a
Kubernetes Service alike. Benign look-alikes (a CIDR like 10.0.0.0/8, a view-only role
for one user, read-only actions, `PermitRootLogin no`) are in each rule's `not_match`.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.config import Risk, Verdict
from bot.risk.hcl import LABELS, Ref
from bot.risk.packs.net import covers_admin_port, is_anywhere, outside

MAX_NODES = 20_000


@dataclass
class Doc:
    """Everything read out of one message: YAML/JSON trees, HCL bodies, config lines."""

    trees: list[Any] = field(default_factory=list)
    hcl: list[dict[str, Any]] = field(default_factory=list)
    directives: list[tuple[str, str]] = field(default_factory=list)
    """(lower-case key, value) from sshd_config / my.cnf / redis.conf / pg_hba-like lines."""
    hba: list[list[str]] = field(default_factory=list)
    """pg_hba.conf rows: type, database, user, address, method."""
    domains: tuple[str, ...] = ()
    """The company's e-mail domains: a member outside them is an outsider."""
    scripts: list[str] = field(default_factory=list)
    """Shell commands the documents run (container commands, CI steps, Dockerfile RUN):
    the engine hands them to the shell detector."""
    _tree_maps: list[dict[str, Any]] | None = field(default=None, repr=False)
    _hcl_maps: list[dict[str, Any]] | None = field(default=None, repr=False)
    _blocks: list[tuple[str, str, dict[str, Any]]] | None = field(default=None, repr=False)

    def tree_mappings(self) -> list[dict[str, Any]]:
        """Every mapping of the YAML/JSON trees, walked once for all judges."""
        if self._tree_maps is None:
            self._tree_maps = [d for tree in self.trees for d in mappings(tree)]
        return self._tree_maps

    def hcl_mappings(self) -> list[dict[str, Any]]:
        if self._hcl_maps is None:
            self._hcl_maps = [d for body in self.hcl for d in mappings(body)]
        return self._hcl_maps

    def blocks(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(type, "type.name", body) of every Terraform resource and data block."""
        if self._blocks is None:
            self._blocks = [
                (labels[0], ".".join(labels[:2]), block)
                for body in self.hcl
                for kind in ("resource", "data")
                for block in _list(body.get(kind))
                if isinstance(block, dict) and (labels := block.get(LABELS) or [])
            ]
        return self._blocks


Judge = Callable[[Doc], list[str]]


@dataclass(frozen=True)
class DocRule:
    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    judges: tuple[str, ...]
    match: tuple[str, ...]
    not_match: tuple[str, ...] = ()


# ---------------------------------------------------------------- tree helpers


def mappings(obj: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a parsed tree, breadth-bounded."""
    stack = [obj]
    seen = 0
    while stack and seen < MAX_NODES:
        cur = stack.pop()
        seen += 1
        if isinstance(cur, dict):
            yield cur
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, str) and cur.lstrip().startswith("{") and '"' in cur:
            # a policy kept as a JSON string (Terraform heredoc, CloudFormation Sub)
            with contextlib.suppress(ValueError):
                stack.append(json.loads(cur))


def _all_dicts(doc: Doc) -> Iterator[dict[str, Any]]:
    yield from doc.tree_mappings()
    yield from doc.hcl_mappings()


def _list(x: Any) -> list[Any]:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def _s(x: Any) -> str:
    return x.strip() if isinstance(x, str) else "" if x is None or isinstance(x, Ref) else str(x)


def _true(x: Any) -> bool:
    return x is True or _s(x).lower() in ("true", "yes", "on", "1")


def _false(x: Any) -> bool:
    return x is False or _s(x).lower() in ("false", "no", "off", "0", "disabled")


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if isinstance(d, list):
            d = d[0] if d else None
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _resources(doc: Doc, *types: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Terraform `resource "type" "name" {…}` (and `data`) bodies of the given types."""
    for kind, name, block in doc.blocks():
        if any(kind == t or (t.endswith("*") and kind.startswith(t[:-1])) for t in types):
            yield name, block


def _cfn(doc: Doc, *types: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """CloudFormation resources of the given types, with their Properties, wherever they
    sit (a whole template, or a fragment pasted without `Resources:`)."""
    for d in doc.tree_mappings():
        for name, spec in d.items():
            if isinstance(spec, dict) and spec.get("Type") in types:
                props = spec.get("Properties")
                yield str(name), props if isinstance(props, dict) else {}


def _k8s(doc: Doc, *kinds: str) -> Iterator[dict[str, Any]]:
    for d in doc.tree_mappings():
        if d.get("kind") in kinds and ("apiVersion" in d or "metadata" in d):
            yield d


def _name(obj: dict[str, Any]) -> str:
    return _s(_get(obj, "metadata", "name")) or "(unnamed)"


# ---------------------------------------------------------------- Kubernetes

BROAD_SUBJECTS = frozenset(
    {"system:authenticated", "system:unauthenticated", "system:serviceaccounts", "system:anonymous"}
)
_ADMIN_ROLES = frozenset({"cluster-admin"})
_HOST_PATHS = re.compile(
    r"^/(?:|etc|root|home|proc|sys|boot|var/run/docker\.sock|run/docker\.sock|"
    r"var/run/containerd/containerd\.sock|run/containerd/containerd\.sock|var/lib/kubelet|"
    r"var/lib/docker|dev)/?$"
)
_DANGEROUS_CAPS = frozenset({"SYS_ADMIN", "ALL", "SYS_PTRACE", "SYS_MODULE", "NET_ADMIN"})
_POD_KINDS = (
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "ReplicationController",
    "PodTemplate",
)


def judge_k8s_binding(doc: Doc) -> list[str]:
    out = []
    for b in _k8s(doc, "ClusterRoleBinding", "RoleBinding"):
        role = _s(_get(b, "roleRef", "name"))
        subjects = [s for s in _list(b.get("subjects")) if isinstance(s, dict)]
        broad = [_s(s.get("name")) for s in subjects if _s(s.get("name")) in BROAD_SUBJECTS]
        if broad:
            out.append(f"{b['kind']} {_name(b)}: {', '.join(broad)} → {role or 'a role'}")
        elif role in _ADMIN_ROLES and subjects:
            who = ", ".join(f"{_s(s.get('kind'))} {_s(s.get('name'))}" for s in subjects[:3])
            out.append(f"{b['kind']} {_name(b)}: {who} → {role}")
    for name, block in _resources(
        doc, "kubernetes_cluster_role_binding*", "kubernetes_role_binding*"
    ):
        role = _s(_get(block, "role_ref", "name"))
        subjects = [_s(s.get("name")) for s in _list(block.get("subject")) if isinstance(s, dict)]
        broad = [s for s in subjects if s in BROAD_SUBJECTS]
        if broad or (role in _ADMIN_ROLES and subjects):
            out.append(f"{name}: {', '.join(broad or subjects[:3])} → {role or 'a role'}")
    return out


def judge_k8s_wildcard_role(doc: Doc) -> list[str]:
    out = []
    for r in _k8s(doc, "ClusterRole", "Role"):
        for rule in _list(r.get("rules")):
            if not isinstance(rule, dict):
                continue
            verbs = {_s(v) for v in _list(rule.get("verbs"))}
            resources = {_s(v) for v in _list(rule.get("resources"))}
            if ("*" in verbs and "*" in resources) or verbs & {"escalate", "bind", "impersonate"}:
                out.append(f"{r['kind']} {_name(r)}: verbs {sorted(verbs)} on {sorted(resources)}")
                break
    return out


def _pod_specs(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec")
    candidates = [
        spec,
        _get(spec, "template", "spec"),
        _get(spec, "jobTemplate", "spec", "template", "spec"),
        _get(obj, "template", "spec"),
    ]
    return [c for c in candidates if isinstance(c, dict) and ("containers" in c or "volumes" in c)]


def judge_k8s_host_access(doc: Doc) -> list[str]:
    out = []
    for obj in _k8s(doc, *_POD_KINDS):
        for spec in _pod_specs(obj):
            found = [k for k in ("hostNetwork", "hostPID", "hostIPC") if _true(spec.get(k))]
            for c in _list(spec.get("containers")) + _list(spec.get("initContainers")):
                if not isinstance(c, dict):
                    continue
                sc = c.get("securityContext") or {}
                if _true(_get(sc, "privileged")):
                    found.append(f"privileged container {_s(c.get('name'))}")
                caps = {_s(x).upper() for x in _list(_get(sc, "capabilities", "add"))}
                if caps & _DANGEROUS_CAPS:
                    found.append(f"capabilities {sorted(caps & _DANGEROUS_CAPS)}")
            for v in _list(spec.get("volumes")):
                path = _s(_get(v, "hostPath", "path"))
                if path and _HOST_PATHS.match(path):
                    found.append(f"hostPath {path}")
            if found:
                out.append(f"{obj['kind']} {_name(obj)}: {', '.join(found)}")
    return out


def judge_k8s_open_service(doc: Doc) -> list[str]:
    out = []
    for svc in _k8s(doc, "Service"):
        spec = svc.get("spec") or {}
        if _s(spec.get("type")) not in ("LoadBalancer", "NodePort"):
            continue
        ranges = [_s(r) for r in _list(spec.get("loadBalancerSourceRanges"))]
        if ranges and not any(is_anywhere(r) for r in ranges):
            continue
        ports = [_s(p.get("port")) for p in _list(spec.get("ports")) if isinstance(p, dict)] + [
            _s(p.get("targetPort")) for p in _list(spec.get("ports")) if isinstance(p, dict)
        ]
        if covers_admin_port([p for p in ports if p]):
            out.append(f"Service {_name(svc)} ({spec.get('type')}) on {', '.join(ports[:3])}")
    return out


def judge_k8s_pod_security_off(doc: Doc) -> list[str]:
    return [
        f"Namespace {_name(ns)}: pod-security enforce=privileged"
        for ns in _k8s(doc, "Namespace")
        if _s(_get(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce")) == "privileged"
    ]


# ---------------------------------------------------------------- networks


def _ports(lo: Any, hi: Any, proto: Any) -> list[str]:
    p = _s(proto).lower()
    if p in ("-1", "all", "*"):
        return ["all"]
    if _s(lo) == "" and _s(hi) == "":
        return ["all"] if p in ("", "tcp", "udp", "6", "17") else []
    low, high = _s(lo) or _s(hi), _s(hi) or _s(lo)
    if low in ("-1",) or high in ("-1",):
        return ["all"]
    return [f"{low}-{high}"]


def judge_network_open(doc: Doc) -> list[str]:
    out = []
    # CloudFormation security groups and ingress rules
    for name, props in _cfn(doc, "AWS::EC2::SecurityGroup"):
        for rule in _list(props.get("SecurityGroupIngress")):
            if isinstance(rule, dict):
                out += _cfn_rule(name, rule)
    for name, props in _cfn(doc, "AWS::EC2::SecurityGroupIngress"):
        out += _cfn_rule(name, props)
    # Terraform
    for name, block in _resources(doc, "aws_security_group"):
        for rule in _list(block.get("ingress")):
            if isinstance(rule, dict):
                out += _tf_aws_rule(name, rule)
    for d in doc.hcl_mappings():  # an `ingress {}` block pasted without its resource
        if LABELS in d and not d.get(LABELS):
            continue
        for rule in _list(d.get("ingress")):
            if isinstance(rule, dict) and not _is_resource_body(doc, d):
                out += _tf_aws_rule("ingress", rule)
    for name, block in _resources(doc, "aws_security_group_rule"):
        if _s(block.get("type")) == "ingress":
            out += _tf_aws_rule(name, block)
    for name, block in _resources(doc, "aws_vpc_security_group_ingress_rule"):
        sources = [_s(block.get("cidr_ipv4")), _s(block.get("cidr_ipv6"))]
        if any(is_anywhere(s) for s in sources if s) and covers_admin_port(
            _ports(block.get("from_port"), block.get("to_port"), block.get("ip_protocol"))
        ):
            out.append(f"{name}: {_s(block.get('from_port')) or 'all ports'} from anywhere")
    for name, block in _resources(doc, "google_compute_firewall"):
        if _s(block.get("direction")).upper() == "EGRESS":
            continue
        ranges = [_s(r) for r in _list(block.get("source_ranges"))]
        if ranges and not any(is_anywhere(r) for r in ranges):
            continue
        if not ranges and (block.get("source_tags") or block.get("source_service_accounts")):
            continue
        allows = [a for a in _list(block.get("allow")) if isinstance(a, dict)]
        ports = [str(p) for a in allows for p in (_list(a.get("ports")) or [_s(a.get("protocol"))])]
        if allows and covers_admin_port(ports):
            out.append(f"{name}: {', '.join(ports[:3])} from {', '.join(ranges) or '0.0.0.0/0'}")
    nsg_rules = [(n, b) for n, b in _resources(doc, "azurerm_network_security_rule")] + [
        (f"{n}.{_s(r.get('name'))}", r)
        for n, b in _resources(doc, "azurerm_network_security_group")
        for r in _list(b.get("security_rule"))
        if isinstance(r, dict)
    ]
    for name, rule in nsg_rules:
        if (
            _s(rule.get("direction")).lower() == "outbound"
            or _s(rule.get("access")).lower() == "deny"
        ):
            continue
        sources = [_s(rule.get("source_address_prefix"))] + [
            _s(x) for x in _list(rule.get("source_address_prefixes"))
        ]
        ports = [_s(rule.get("destination_port_range"))] + [
            _s(x) for x in _list(rule.get("destination_port_ranges"))
        ]
        if any(is_anywhere(s) for s in sources if s) and covers_admin_port([p for p in ports if p]):
            out.append(f"{name}: port {', '.join(p for p in ports if p)} from {sources[0] or '*'}")
    # Azure ARM / Bicep-as-JSON security rules
    for d in _all_dicts(doc):
        props = d.get("properties")
        if d.get("type") == "Microsoft.Network/networkSecurityGroups/securityRules" and isinstance(
            props, dict
        ):
            src = _s(props.get("sourceAddressPrefix"))
            port = _s(props.get("destinationPortRange"))
            if (
                _s(props.get("access")).lower() == "allow"
                and _s(props.get("direction")).lower() != "outbound"
                and is_anywhere(src)
                and covers_admin_port([port])
            ):
                out.append(f"{_s(d.get('name'))}: port {port} from {src}")
    return out


def _is_resource_body(doc: Doc, d: dict[str, Any]) -> bool:
    return any(d is block for kind, _, block in doc.blocks() if kind == "aws_security_group")


def _cfn_rule(name: str, rule: dict[str, Any]) -> list[str]:
    sources = [_s(rule.get("CidrIp")), _s(rule.get("CidrIpv6"))]
    if not any(is_anywhere(s) for s in sources if s):
        return []
    ports = _ports(rule.get("FromPort"), rule.get("ToPort"), rule.get("IpProtocol"))
    if not covers_admin_port(ports):
        return []
    return [f"{name}: port {ports[0]} from {next(s for s in sources if s)}"]


def _tf_aws_rule(name: str, rule: dict[str, Any]) -> list[str]:
    sources = [_s(x) for x in _list(rule.get("cidr_blocks")) + _list(rule.get("ipv6_cidr_blocks"))]
    if not any(is_anywhere(s) for s in sources):
        return []
    ports = _ports(rule.get("from_port"), rule.get("to_port"), rule.get("protocol"))
    if not covers_admin_port(ports):
        return []
    return [f"{name}: port {ports[0]} from {next(s for s in sources if is_anywhere(s))}"]


# ---------------------------------------------------------------- IAM and bucket policies

_RESTRICTING_CONDITIONS = re.compile(
    r"(?i)aws:(?:SourceIp|SourceVpce?|PrincipalOrgID|PrincipalAccount|SourceAccount|SourceArn|"
    r"PrincipalArn|userid|username)|s3:DataAccessPointAccount"
)


def _statements(doc: Doc) -> Iterator[dict[str, Any]]:
    for d in _all_dicts(doc):
        for st in _list(d.get("Statement")):
            if isinstance(st, dict):
                yield st
        if "Effect" in d and ("Action" in d or "NotAction" in d) and "Statement" not in d:
            yield d  # a statement pasted on its own
        # Terraform's aws_iam_policy_document: statement blocks with lower-case fields
        if LABELS in d and isinstance(d.get("statement"), list):
            for st in d["statement"]:
                if isinstance(st, dict):
                    yield {
                        "Effect": _s(st.get("effect")) or "Allow",
                        "Action": st.get("actions"),
                        "NotAction": st.get("not_actions"),
                        "Resource": st.get("resources"),
                        "Principal": [
                            {"type": _s(p.get("type")), "ids": _list(p.get("identifiers"))}
                            for p in _list(st.get("principals"))
                            if isinstance(p, dict)
                        ],
                        "Condition": st.get("condition"),
                    }


def judge_all_actions(doc: Doc) -> list[str]:
    out = []
    for st in _statements(doc):
        if _s(st.get("Effect") or "Allow").lower() != "allow":
            continue
        actions = [_s(a) for a in _list(st.get("Action"))]
        if "*" in actions or st.get("NotAction"):
            resources = [_s(r) for r in _list(st.get("Resource"))] or ["(any)"]
            what = "every action" if "*" in actions else "everything except NotAction"
            out.append(f"Allow {what} on {', '.join(resources[:3])}")
    # GCP / Azure role documents: owner or a custom role with every permission
    for d in _all_dicts(doc):
        perms = [_s(p) for p in _list(d.get("includedPermissions"))]
        actions = [_s(a) for a in _list(d.get("actions")) if isinstance(d.get("actions"), list)]
        if "*" in perms or ("*" in actions and "assignableScopes" in d):
            out.append("custom role with every permission")
    return out


def _principal_public(p: Any) -> bool:
    if _s(p) == "*":
        return True
    if isinstance(p, dict):
        if p.get("type") is not None:  # from aws_iam_policy_document
            return "*" in [_s(i) for i in p.get("ids") or []] and _s(p.get("type")) in ("*", "AWS")
        return any(_s(v) == "*" for vals in p.values() for v in _list(vals))
    if isinstance(p, list):
        return any(_principal_public(x) for x in p)
    return False


_PUBLIC_MEMBERS = frozenset({"allusers", "allauthenticatedusers"})


def judge_public_principal(doc: Doc) -> list[str]:
    out = []
    for st in _statements(doc):
        if _s(st.get("Effect") or "Allow").lower() != "allow":
            continue
        if not _principal_public(st.get("Principal")):
            continue
        if _RESTRICTING_CONDITIONS.search(json.dumps(st.get("Condition") or {}, default=str)):
            continue
        actions = [_s(a) for a in _list(st.get("Action"))]
        out.append(f"Allow {', '.join(actions[:3]) or 'actions'} to Principal *")
    for d in _all_dicts(doc):
        members = [_s(m) for m in _list(d.get("members"))] + [_s(d.get("member"))]
        public = [m for m in members if m.lower() in _PUBLIC_MEMBERS]
        if public and (d.get("role") is not None or LABELS in d):
            out.append(f"{', '.join(public)} → {_s(d.get('role')) or 'a role'}")
    for name, props in _cfn(doc, "AWS::S3::Bucket"):
        if _s(props.get("AccessControl")) in ("PublicRead", "PublicReadWrite"):
            out.append(f"{name}: AccessControl {_s(props.get('AccessControl'))}")
        block = props.get("PublicAccessBlockConfiguration")
        if isinstance(block, dict) and any(_false(v) for v in block.values()):
            out.append(f"{name}: public access block off")
    for name, block in _resources(doc, "aws_s3_bucket_public_access_block"):
        keys = (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
        if any(_false(block.get(k)) for k in keys if k in block):
            out.append(f"{name}: public access block off")
    for name, block in _resources(doc, "aws_s3_bucket_acl", "aws_s3_bucket"):
        if _s(block.get("acl")) in ("public-read", "public-read-write"):
            out.append(f"{name}: acl {_s(block.get('acl'))}")
    return out


# ---------------------------------------------------------------- backups and databases


def judge_backups_off(doc: Doc) -> list[str]:
    out = []
    for name, props in _cfn(
        doc,
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::DocDB::DBCluster",
        "AWS::Neptune::DBCluster",
    ):
        if _s(props.get("BackupRetentionPeriod")) == "0":
            out.append(f"{name}: BackupRetentionPeriod 0")
    for name, props in _cfn(doc, "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"):
        if _false(_get(props, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")):
            out.append(f"{name}: point-in-time recovery off")
    for name, block in _resources(
        doc, "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"
    ):
        if _s(block.get("backup_retention_period")) == "0":
            out.append(f"{name}: backup_retention_period = 0")
    for name, block in _resources(doc, "aws_dynamodb_table"):
        if _false(_get(block, "point_in_time_recovery", "enabled")):
            out.append(f"{name}: point-in-time recovery off")
    for name, block in _resources(doc, "google_sql_database_instance"):
        backup = _list(_get(block, "settings", "backup_configuration"))
        backup = backup[0] if backup else None
        if isinstance(backup, dict) and (
            _false(backup.get("enabled")) or _false(backup.get("point_in_time_recovery_enabled"))
        ):
            out.append(f"{name}: backups or point-in-time recovery off")
    for name, block in _resources(doc, "azurerm_*"):
        for key in ("backup_retention_days", "retention_days"):
            if _s(block.get(key)) == "0":
                out.append(f"{name}: {key} = 0")
    for request in _directive(doc, "es-request"):
        method, _, path = request.partition(" ")
        if method == "DELETE" and path.startswith(("_slm/policy", "_snapshot")):
            out.append(f"Elasticsearch {request}")
        if method == "POST" and path.startswith("_slm/stop"):
            out.append(f"Elasticsearch {request}")
    for sched in _k8s(doc, "Schedule"):
        if _true(_get(sched, "spec", "paused")):
            out.append(f"Schedule {_name(sched)}: paused")
    for name, block in _resources(doc, "aws_s3_bucket_versioning"):
        if _s(_get(block, "versioning_configuration", "status")).lower() in (
            "suspended",
            "disabled",
        ):
            out.append(f"{name}: versioning suspended")
    return out


def judge_database_public(doc: Doc) -> list[str]:
    out = []
    for name, props in _cfn(doc, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"):
        if _true(props.get("PubliclyAccessible")):
            out.append(f"{name}: PubliclyAccessible true")
    for name, block in _resources(doc, "aws_db_instance", "aws_rds_cluster_instance"):
        if _true(block.get("publicly_accessible")):
            out.append(f"{name}: publicly_accessible = true")
    for name, block in _resources(doc, "google_sql_database_instance"):
        nets = _list(_get(block, "settings", "ip_configuration", "authorized_networks"))
        if any(isinstance(n, dict) and is_anywhere(_s(n.get("value"))) for n in nets):
            out.append(f"{name}: authorized network 0.0.0.0/0")
    for name, block in _resources(doc, "azurerm_*firewall_rule"):
        if (
            _s(block.get("start_ip_address")) == "0.0.0.0"  # noqa: S104
            and _s(block.get("end_ip_address")) == "255.255.255.255"
        ):
            out.append(f"{name}: every address allowed")
    return out


# ---------------------------------------------------------------- server configuration


def _directive(doc: Doc, key: str) -> list[str]:
    return [v for k, v in doc.directives if k == key]


def judge_login_open(doc: Doc) -> list[str]:
    out = []
    for key in ("permitrootlogin", "passwordauthentication", "permitemptypasswords"):
        for v in _directive(doc, key):
            if v.lower() == "yes":
                out.append(f"{key} yes")
    return out


def _mongo_conf(doc: Doc) -> list[str]:
    out = []
    for d in _all_dicts(doc):
        net, sec = d.get("net"), d.get("security")
        if not isinstance(net, dict):
            continue
        open_ = is_anywhere(_s(net.get("bindIp")).split(",")[0]) or _true(net.get("bindIpAll"))
        auth = _s(_get(sec, "authorization")).lower() if isinstance(sec, dict) else ""
        if open_ and auth != "enabled":
            out.append("mongod: bindIp 0.0.0.0 without authorization")
    for d in _all_dicts(doc):
        if is_anywhere(_s(d.get("network.host")) or _s(_get(d, "network", "host"))) and _false(
            d.get("xpack.security.enabled", _get(d, "xpack", "security", "enabled"))
        ):
            out.append("elasticsearch: network.host 0.0.0.0 with security disabled")
    return out


def judge_service_unauthenticated(doc: Doc) -> list[str]:
    out = _mongo_conf(doc)
    if any(k == "skip-grant-tables" for k, _ in doc.directives) or any(
        k in ("skip-grant-tables", "skip_grant_tables") and not _false(v) for k, v in doc.directives
    ):
        out.append("mysql: skip-grant-tables (no password checks)")
    binds = [v for k, v in doc.directives if k in ("bind-address", "bind_address", "bind")]
    if (
        any(v.lower() == "no" for v in _directive(doc, "protected-mode"))
        and (not binds or any(is_anywhere(b.split()[0]) for b in binds if b))
        and not _directive(doc, "requirepass")
    ):
        out.append("redis: protected-mode no, no password")
    for value in _directive(doc, "docker-tcp"):
        if not value.lower().startswith("tcp://127.") and ":2375" in value:
            out.append(f"docker API {value} (no TLS, no auth)")
    for row in doc.hba:
        if row[-1].lower() == "trust" and len(row) >= 5 and is_anywhere(row[3]):
            out.append(f"pg_hba: {' '.join(row)}")
    return out


# ---------------------------------------------------------------- audit, guards, sharing


def judge_audit_off(doc: Doc) -> list[str]:
    out = []
    for name, block in _resources(doc, "aws_cloudtrail"):
        if _false(block.get("enable_logging")):
            out.append(f"{name}: enable_logging = false")
    for name, props in _cfn(doc, "AWS::CloudTrail::Trail"):
        if _false(props.get("IsLogging")):
            out.append(f"{name}: IsLogging false")
    for name, block in _resources(doc, "aws_guardduty_detector"):
        if _false(block.get("enable")):
            out.append(f"{name}: enable = false")
    for name, block in _resources(doc, "aws_config_configuration_recorder_status"):
        if _false(block.get("is_enabled")):
            out.append(f"{name}: is_enabled = false")
    for name, block in _resources(doc, "azurerm_security_center_subscription_pricing"):
        if _s(block.get("tier")).lower() == "free":
            out.append(f"{name}: Defender tier Free")
    return out


def judge_branch_protection_weak(doc: Doc) -> list[str]:
    out = []
    for name, block in _resources(doc, "github_branch_protection*", "gitlab_branch_protection"):
        for key in ("allows_force_pushes", "allows_deletions", "allow_force_push"):
            if _true(block.get(key)):
                out.append(f"{name}: {key} = true")
    for d in _all_dicts(doc):
        if LABELS in d:
            continue
        for key in ("allow_force_pushes", "allow_deletions"):
            value = d.get(key)
            if _true(value) or (isinstance(value, dict) and _true(value.get("enabled"))):
                out.append(f"{key}: true")
    return out


def judge_destroy_guard_off(doc: Doc) -> list[str]:
    return [
        f"{name}: force_destroy = true"
        for name, block in _resources(doc, "aws_s3_bucket", "google_storage_bucket")
        if _true(block.get("force_destroy"))
    ]


def judge_gitops_prune_all(doc: Doc) -> list[str]:
    out = []
    for app in _k8s(doc, "Application", "ApplicationSet"):
        auto = _get(app, "spec", "syncPolicy", "automated")
        if isinstance(auto, dict) and _true(auto.get("prune")) and _true(auto.get("allowEmpty")):
            out.append(f"{app['kind']} {_name(app)}: automated prune with allowEmpty")
    return out


_ACCOUNT_PRINCIPAL = re.compile(r"^(?:arn:aws:iam::\d{12}:root|\d{12})$")


def judge_account_full_access(doc: Doc) -> list[str]:
    """A resource policy giving a whole AWS account every action of a service."""
    out = []
    for st in _statements(doc):
        if _s(st.get("Effect") or "Allow").lower() != "allow":
            continue
        principal = st.get("Principal")
        ids = (
            [_s(v) for vals in principal.values() for v in _list(vals)]
            if isinstance(principal, dict)
            else []
        )
        accounts = [i for i in ids if _ACCOUNT_PRINCIPAL.match(i)]
        actions = [_s(a) for a in _list(st.get("Action"))]
        if accounts and any(a == "*" or a.endswith(":*") for a in actions):
            out.append(f"Allow {', '.join(actions[:2])} to account {accounts[0]}")
    return out


_ACCOUNT_IN_ARN = re.compile(r"arn:aws:iam::(\d{12}):")


def judge_replication_external(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        role = _ACCOUNT_IN_ARN.search(_s(d.get("Role")))
        for rule in _list(d.get("Rules")):
            dest = rule.get("Destination") if isinstance(rule, dict) else None
            account = _s(_get(dest, "Account"))
            if role and account and account != role.group(1):
                out.append(f"replication to {_s(_get(dest, 'Bucket'))} in account {account}")
    return out


_POWERFUL_ROLE = re.compile(r"(?i)(?:^|/)(?:owner|editor|[\w.]*admin[\w.]*)$")


def _outsider(member: str, domains: tuple[str, ...]) -> bool:
    kind, _, address = member.partition(":")
    if kind not in ("user", "group") or "@" not in address:
        return False
    return outside(address.rsplit("@", 1)[1], domains)


def judge_binding_outsider(doc: Doc) -> list[str]:
    out = []
    for d in _all_dicts(doc):
        role = _s(d.get("role"))
        if not role or not _POWERFUL_ROLE.search(role):
            continue
        members = [_s(m) for m in _list(d.get("members"))] + [_s(d.get("member"))]
        outsiders = [m for m in members if m and _outsider(m, doc.domains)]
        if outsiders:
            out.append(f"{role} → {', '.join(outsiders[:3])}")
    return out


_CREDENTIAL_KEYS = ("token", "client-key-data", "password", "id-token", "refresh-token")


def judge_kubeconfig_credentials(doc: Doc) -> list[str]:
    """A kubeconfig carrying a user's live credentials (not an exec/SSO plugin)."""
    out = []
    for d in doc.tree_mappings():
        if d.get("kind") != "Config" and not ("clusters" in d and "users" in d):
            continue
        for u in _list(d.get("users")):
            user = u.get("user") if isinstance(u, dict) else None
            if not isinstance(user, dict):
                continue
            held = [k for k in _CREDENTIAL_KEYS if _s(user.get(k))]
            held += [
                f"auth-provider {k}"
                for k in ("id-token", "refresh-token", "access-token")
                if _s(_get(user, "auth-provider", "config", k))
            ]
            if held:
                out.append(f"kubeconfig user {_s(u.get('name'))}: {', '.join(held)}")
    return out


JUDGES: dict[str, Judge] = {
    "k8s_binding": judge_k8s_binding,
    "k8s_wildcard_role": judge_k8s_wildcard_role,
    "k8s_host_access": judge_k8s_host_access,
    "k8s_open_service": judge_k8s_open_service,
    "k8s_pod_security_off": judge_k8s_pod_security_off,
    "network_open": judge_network_open,
    "all_actions": judge_all_actions,
    "public_principal": judge_public_principal,
    "backups_off": judge_backups_off,
    "database_public": judge_database_public,
    "login_open": judge_login_open,
    "service_unauthenticated": judge_service_unauthenticated,
    "audit_off": judge_audit_off,
    "branch_protection_weak": judge_branch_protection_weak,
    "destroy_guard_off": judge_destroy_guard_off,
    "gitops_prune_all": judge_gitops_prune_all,
    "account_full_access": judge_account_full_access,
    "replication_external": judge_replication_external,
    "binding_outsider": judge_binding_outsider,
    "kubeconfig_credentials": judge_kubeconfig_credentials,
}


# ---------------------------------------------------------------- the rules

_CRB_OPEN = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: everyone-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: system:authenticated
"""
_RB_VIEW = """apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: jane-view
  namespace: dev
roleRef:
  kind: ClusterRole
  name: view
  apiGroup: rbac.authorization.k8s.io
subjects:
- kind: User
  name: jane@acme.example
  apiGroup: rbac.authorization.k8s.io
"""
_SG_CFN = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DbSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: {port}
          ToPort: {port}
          CidrIp: {cidr}
"""
_SG_TF = """resource "aws_security_group" "db" {{
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["{cidr}"]
  }}
}}
"""
_POLICY_JSON = """{{
  "Version": "2012-10-17",
  "Statement": [{{"Effect": "Allow", "Action": {action}, "Resource": "*"}}]
}}"""
_BUCKET_POLICY = """{{
  "Version": "2012-10-17",
  "Statement": [{{
    "Sid": "Read",
    "Effect": "Allow",
    "Principal": {principal},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::acme-exports/*"
  }}]
}}"""

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.k8s_broad_binding",
        "permissions",
        "critical",
        "require_approval",
        "A Kubernetes role binding that gives every authenticated user, every service account "
        "or anonymous callers a role, or gives someone cluster-admin over the whole cluster.",
        ("k8s_binding",),
        match=(
            _CRB_OPEN,
            _CRB_OPEN.replace("system:authenticated", "system:serviceaccounts").replace(
                "cluster-admin", "edit"
            ),
            'resource "kubernetes_cluster_role_binding" "all" {\n'
            '  metadata { name = "all" }\n'
            '  role_ref {\n    kind = "ClusterRole"\n    name = "cluster-admin"\n'
            '    api_group = "rbac.authorization.k8s.io"\n  }\n'
            '  subject {\n    kind = "Group"\n    name = "system:authenticated"\n'
            '    api_group = "rbac.authorization.k8s.io"\n  }\n}\n',
        ),
        not_match=(_RB_VIEW, _RB_VIEW.replace("view", "edit")),
    ),
    DocRule(
        "doc.k8s_wildcard_role",
        "permissions",
        "high",
        "require_approval",
        "A Kubernetes role allowing every verb on every resource, or the verbs that let its "
        "holder grant itself more (escalate, bind, impersonate).",
        ("k8s_wildcard_role",),
        match=(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
            "  name: god\nrules:\n- apiGroups: ['*']\n  resources: ['*']\n  verbs: ['*']\n",
        ),
        not_match=(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n"
            "  namespace: dev\nrules:\n- apiGroups: ['']\n  resources: ['pods', 'pods/log']\n"
            "  verbs: ['get', 'list', 'watch']\n",
        ),
    ),
    DocRule(
        "doc.k8s_host_access",
        "security_controls",
        "high",
        "require_approval",
        "A pod that gets the node's powers (privileged, host network, host PID/IPC, the host's "
        "root filesystem or container socket): whoever runs in it controls the node.",
        ("k8s_host_access", "k8s_pod_security_off"),
        match=(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  hostPID: true\n"
            "  containers:\n  - name: sh\n    image: alpine\n    securityContext:\n"
            "      privileged: true\n",
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n"
            "  template:\n    spec:\n      hostNetwork: true\n      containers:\n"
            "      - name: a\n        image: agent:1\n      volumes:\n      - name: root\n"
            "        hostPath:\n          path: /\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ci\n  labels:\n"
            "    pod-security.kubernetes.io/enforce: privileged\n",
        ),
        not_match=(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
            "  - name: web\n    image: nginx\n    securityContext:\n      privileged: false\n"
            "      runAsNonRoot: true\n  volumes:\n  - name: logs\n    hostPath:\n"
            "      path: /var/log/web\n",
        ),
    ),
    DocRule(
        "doc.network_open",
        "permissions",
        "critical",
        "require_approval",
        "A firewall or security-group rule that opens an admin or database port (SSH, RDP, "
        "PostgreSQL, MySQL, Redis, …) or every port to the whole internet.",
        ("network_open", "k8s_open_service"),
        match=(
            _SG_CFN.format(port=5432, cidr="0.0.0.0/0"),
            _SG_TF.format(port=22, cidr="0.0.0.0/0"),
            'resource "google_compute_firewall" "ssh" {\n  name = "ssh"\n  network = "default"\n'
            '  allow {\n    protocol = "tcp"\n    ports = ["22", "3389"]\n  }\n'
            '  source_ranges = ["0.0.0.0/0"]\n}\n',
            'resource "azurerm_network_security_rule" "rdp" {\n  name = "rdp"\n'
            '  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n'
            '  source_address_prefix = "*"\n  destination_port_range = "3389"\n}\n',
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: redis\nspec:\n"
            "  type: LoadBalancer\n  ports:\n  - port: 6379\n",
        ),
        not_match=(
            _SG_CFN.format(port=5432, cidr="10.0.0.0/8"),
            _SG_CFN.format(port=443, cidr="0.0.0.0/0"),
            _SG_TF.format(port=22, cidr="10.0.0.0/8"),
            _SG_TF.format(port=443, cidr="0.0.0.0/0"),
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: redis\nspec:\n"
            "  type: ClusterIP\n  ports:\n  - port: 6379\n",
        ),
    ),
    DocRule(
        "doc.policy_all_actions",
        "permissions",
        "critical",
        "require_approval",
        'An IAM policy that allows every action ("Action": "*" or an Allow with NotAction): '
        "whoever holds it can do anything, including granting themselves more.",
        ("all_actions",),
        match=(
            _POLICY_JSON.format(action='"*"'),
            'data "aws_iam_policy_document" "admin" {\n  statement {\n'
            '    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n',
            'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n'
            '    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*",'
            ' Resource = "*" }]\n  })\n}\n',
        ),
        not_match=(
            _POLICY_JSON.format(action='["s3:GetObject", "s3:ListBucket"]'),
            '{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}',
        ),
    ),
    DocRule(
        "doc.policy_public",
        "permissions",
        "critical",
        "require_approval",
        'A bucket or resource policy that lets anyone on the internet in ("Principal": "*", '
        "allUsers, a public ACL, the public-access block off).",
        ("public_principal",),
        match=(
            _BUCKET_POLICY.format(principal='"*"'),
            _BUCKET_POLICY.format(principal='{"AWS": "*"}'),
            "bindings:\n- members:\n  - allUsers\n  role: roles/storage.objectViewer\n",
            'resource "google_storage_bucket_iam_member" "pub" {\n  bucket = "exports"\n'
            '  role = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
            'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "exports"\n'
            "  block_public_acls = false\n  block_public_policy = false\n}\n",
        ),
        not_match=(
            _BUCKET_POLICY.format(principal='{"AWS": "arn:aws:iam::123456789012:role/reader"}'),
            "bindings:\n- members:\n  - user:jane@acme.example\n  role: roles/viewer\n",
            'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "exports"\n'
            "  block_public_acls = true\n  block_public_policy = true\n}\n",
        ),
    ),
    DocRule(
        "doc.backups_off",
        "destructive",
        "high",
        "require_approval",
        "Turns off a database's backups or point-in-time recovery, or a bucket's versioning: "
        "after the next mistake there is nothing to restore from.",
        ("backups_off",),
        match=(
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
            "      Engine: postgres\n      BackupRetentionPeriod: 0\n",
            'resource "aws_db_instance" "main" {\n  engine = "postgres"\n'
            "  backup_retention_period = 0\n}\n",
            'resource "google_sql_database_instance" "db" {\n  settings {\n'
            "    backup_configuration {\n      enabled = false\n    }\n  }\n}\n",
            "3. Delete the snapshot policy: `DELETE _slm/policy/nightly-snapshots`",
        ),
        not_match=(
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
            "      Engine: postgres\n      BackupRetentionPeriod: 14\n",
            'resource "aws_db_instance" "main" {\n  engine = "postgres"\n'
            "  backup_retention_period = 7\n}\n",
            "3. Look at the snapshot policy: `GET _slm/policy/nightly-snapshots`",
        ),
    ),
    DocRule(
        "doc.database_public",
        "permissions",
        "high",
        "require_approval",
        "Makes a managed database reachable from the whole internet.",
        ("database_public",),
        match=(
            'resource "aws_db_instance" "main" {\n  engine = "mysql"\n'
            "  publicly_accessible = true\n}\n",
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
            "      PubliclyAccessible: true\n",
        ),
        not_match=(
            'resource "aws_db_instance" "main" {\n  engine = "mysql"\n'
            "  publicly_accessible = false\n}\n",
        ),
    ),
    DocRule(
        "doc.login_open",
        "security_controls",
        "high",
        "require_approval",
        "An SSH server configuration that allows root logins or password logins: it becomes "
        "a target for password guessing, and root needs no second step.",
        ("login_open",),
        match=(
            "Port 22\nPermitRootLogin yes\nPasswordAuthentication yes\n",
            "PasswordAuthentication yes",
        ),
        not_match=(
            "Port 22\nPermitRootLogin no\nPasswordAuthentication no\n",
            "PermitRootLogin prohibit-password",
        ),
    ),
    DocRule(
        "doc.service_unauthenticated",
        "security_controls",
        "critical",
        "require_approval",
        "A database or cache configured to listen on every address with authentication off: "
        "anyone who reaches it can read or change the data.",
        ("service_unauthenticated",),
        match=(
            "[mysqld]\nbind-address = 0.0.0.0\nskip-grant-tables\n",
            "bind 0.0.0.0\nprotected-mode no\nport 6379\n",
            "net:\n  port: 27017\n  bindIp: 0.0.0.0\nsecurity:\n  authorization: disabled\n",
            "host    all    all    0.0.0.0/0    trust\n",
            "network.host: 0.0.0.0\nxpack.security.enabled: false\n",
            "One way would be to set `network.host: 0.0.0.0` and `xpack.security.enabled: false`.",
            'Add `"hosts": ["tcp://0.0.0.0:2375", "unix:///var/run/docker.sock"]` to daemon.json',
        ),
        not_match=(
            "[mysqld]\nbind-address = 127.0.0.1\n",
            "bind 127.0.0.1\nprotected-mode yes\n",
            "net:\n  port: 27017\n  bindIp: 0.0.0.0\nsecurity:\n  authorization: enabled\n",
            "host    all    all    10.0.0.0/8    scram-sha-256\n",
            "Keep `network.host` on the private interface and `xpack.security.enabled: true`.",
            "Set `DOCKER_HOST=ssh://builder@build-01.internal` and leave the unix socket.",
        ),
    ),
    DocRule(
        "doc.audit_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns off audit logging or threat detection (CloudTrail, GuardDuty, AWS Config, "
        "Defender): what happens next is no longer recorded or watched.",
        ("audit_off",),
        match=(
            'resource "aws_cloudtrail" "org" {\n  name = "org-trail"\n'
            "  enable_logging = false\n}\n",
            'resource "aws_guardduty_detector" "main" {\n  enable = false\n}\n',
            "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
            "      IsLogging: false\n",
        ),
        not_match=(
            'resource "aws_cloudtrail" "org" {\n  name = "org-trail"\n  enable_logging = true\n}\n',
        ),
    ),
    DocRule(
        "doc.branch_protection_weak",
        "security_controls",
        "high",
        "require_approval",
        "Branch protection that lets anyone force-push over or delete the protected branch: "
        "shared history can be rewritten or lost.",
        ("branch_protection_weak",),
        match=(
            'resource "github_branch_protection" "main" {\n  pattern = "main"\n'
            "  allows_force_pushes = true\n}\n",
            '{"required_status_checks": null, "enforce_admins": false, '
            '"allow_force_pushes": true, "allow_deletions": true}',
        ),
        not_match=(
            'resource "github_branch_protection" "main" {\n  pattern = "main"\n'
            "  allows_force_pushes = false\n  allows_deletions = false\n}\n",
            '{"enforce_admins": true, "allow_force_pushes": false, "allow_deletions": false}',
        ),
    ),
    DocRule(
        "doc.destroy_guard_off",
        "destructive",
        "high",
        "require_approval",
        "Sets force_destroy on a storage bucket: the next destroy or replacement deletes every "
        "object in it instead of stopping.",
        ("destroy_guard_off",),
        match=(
            'resource "aws_s3_bucket" "docs" {\n  bucket = "docs-prod"\n'
            "  force_destroy = true\n}\n",
        ),
        not_match=(
            'resource "aws_s3_bucket" "docs" {\n  bucket = "docs-prod"\n  force_destroy = false\n'
            "  lifecycle {\n    prevent_destroy = true\n  }\n}\n",
        ),
    ),
    DocRule(
        "doc.gitops_prune_all",
        "destructive",
        "high",
        "require_approval",
        "An automated GitOps sync allowed to prune everything when its source is empty: one "
        "bad commit deletes every resource it manages.",
        ("gitops_prune_all",),
        match=(
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: prod\n"
            "spec:\n  syncPolicy:\n    automated:\n      prune: true\n      allowEmpty: true\n",
        ),
        not_match=(
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: prod\n"
            "spec:\n  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n",
        ),
    ),
    DocRule(
        "doc.account_full_access",
        "permissions",
        "high",
        "require_approval",
        "A resource policy that gives a whole other AWS account every action on the resource: "
        "anyone in that account can read, change or delete it.",
        ("account_full_access",),
        match=(
            '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": '
            '"arn:aws:iam::777766665555:root"}, "Action": "s3:*", "Resource": "*"}]}',
        ),
        not_match=(
            '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": '
            '"arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", '
            '"Resource": "arn:aws:s3:::reports/*"}]}',
        ),
    ),
    DocRule(
        "doc.replication_external",
        "exfiltration",
        "high",
        "require_approval",
        "Replicates a bucket into a bucket of another AWS account: every object is copied out "
        "of the company's control.",
        ("replication_external",),
        match=(
            '{"Role": "arn:aws:iam::210987654321:role/r", "Rules": [{"Status": "Enabled", '
            '"Destination": {"Bucket": "arn:aws:s3:::vendor", "Account": "444455556666"}}]}',
        ),
        not_match=(
            '{"Role": "arn:aws:iam::210987654321:role/r", "Rules": [{"Status": "Enabled", '
            '"Destination": {"Bucket": "arn:aws:s3:::dr", "Account": "210987654321"}}]}',
        ),
    ),
    DocRule(
        "doc.kubeconfig_credentials",
        "secrets",
        "critical",
        "require_approval",
        "A kubeconfig holding a user's live credentials (a token, a client key, a password): "
        "whoever reads the message can act on the cluster as that user.",
        ("kubeconfig_credentials",),
        match=(
            "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://k8s:6443\n"
            "  name: prod\nusers:\n- name: admin\n  user:\n"
            "    token: eyJhbGciOiJSUzI1NiJ9.e30.FAKE\n",
        ),
        not_match=(
            "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://k8s:6443\n"
            "  name: prod\nusers:\n- name: me\n  user:\n    exec:\n"
            "      apiVersion: client.authentication.k8s.io/v1\n      command: ravenctl\n",
        ),
    ),
    DocRule(
        "doc.binding_outsider",
        "permissions",
        "high",
        "require_approval",
        "An IAM binding that gives an owner, editor or admin role to an account outside the "
        "company (a personal address or another domain).",
        ("binding_outsider",),
        match=(
            "bindings:\n- members:\n  - user:ops@acme.example\n  - user:freelancer@gmail.com\n"
            "  role: roles/editor\n",
        ),
        not_match=(
            "bindings:\n- members:\n  - user:ops@acme.example\n  role: roles/editor\n",
            "bindings:\n- members:\n  - user:friend@gmail.com\n  role: roles/viewer\n",
        ),
    ),
)
