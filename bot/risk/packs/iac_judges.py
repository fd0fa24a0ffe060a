"""Judges of documents: each reads the parsed documents of a message (`Doc`) and returns
one short evidence line per risky thing it finds (names and values, never a secret)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from bot.risk.hcl import LABELS
from bot.risk.packs.docmodel import (
    Doc,
    Judge,
    all_mappings,
    as_list,
    cfn_resources,
    falsy,
    get_path,
    k8s_objects,
    mappings,
    object_name,
    text_of,
    tf_resources,
    truthy,
)
from bot.risk.packs.iac_settings import (
    judge_admin_policy,
    judge_backup_settings_off,
    judge_count_zero,
    judge_secret_default,
)
from bot.risk.packs.net import PERSONAL_MAIL, covers_admin_port, is_anywhere, outside
from bot.risk.packs.web_judges import judge_web_exposed

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
    return [*_k8s_bindings(doc), *_tf_k8s_bindings(doc)]


def _k8s_bindings(doc: Doc) -> list[str]:
    """(Cluster)RoleBindings to everyone, every service account, or an admin role."""
    out = []
    for b in k8s_objects(doc, "ClusterRoleBinding", "RoleBinding"):
        role = text_of(get_path(b, "roleRef", "name"))
        subjects = [s for s in as_list(b.get("subjects")) if isinstance(s, dict)]
        broad = [
            text_of(s.get("name")) for s in subjects if text_of(s.get("name")) in BROAD_SUBJECTS
        ]
        if broad:
            out.append(f"{b['kind']} {object_name(b)}: {', '.join(broad)} → {role or 'a role'}")
        elif role in _ADMIN_ROLES and subjects:
            who = ", ".join(
                f"{text_of(s.get('kind'))} {text_of(s.get('name'))}" for s in subjects[:3]
            )
            out.append(f"{b['kind']} {object_name(b)}: {who} → {role}")
    return out


def _tf_k8s_bindings(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(
        doc, "kubernetes_cluster_role_binding*", "kubernetes_role_binding*"
    ):
        role = text_of(get_path(block, "role_ref", "name"))
        names = [
            text_of(s.get("name")) for s in as_list(block.get("subject")) if isinstance(s, dict)
        ]
        wide = [s for s in names if s in BROAD_SUBJECTS]
        if wide or (role in _ADMIN_ROLES and names):
            out.append(f"{name}: {', '.join(wide or names[:3])} → {role or 'a role'}")
    return out


def judge_k8s_wildcard_role(doc: Doc) -> list[str]:
    out = []
    for r in k8s_objects(doc, "ClusterRole", "Role"):
        for rule in as_list(r.get("rules")):
            if not isinstance(rule, dict):
                continue
            verbs = {text_of(v) for v in as_list(rule.get("verbs"))}
            resources = {text_of(v) for v in as_list(rule.get("resources"))}
            if ("*" in verbs and "*" in resources) or verbs & {"escalate", "bind", "impersonate"}:
                out.append(
                    f"{r['kind']} {object_name(r)}: verbs {sorted(verbs)} on {sorted(resources)}"
                )
                break
    return out


def _pod_specs(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec")
    candidates = [
        spec,
        get_path(spec, "template", "spec"),
        get_path(spec, "jobTemplate", "spec", "template", "spec"),
        get_path(obj, "template", "spec"),
    ]
    return [c for c in candidates if isinstance(c, dict) and ("containers" in c or "volumes" in c)]


def _loose_pod_specs(doc: Doc, seen: set[int]) -> Iterator[dict[str, Any]]:
    """Pod specs pasted without their object (a Helm values block, a diff's hunk, the
    `containers:` of a Deployment cut out): a mapping whose `containers` or
    `initContainers` are containers (each with an `image`)."""
    for d in doc.tree_mappings():
        if id(d) in seen:
            continue
        boxes = as_list(d.get("containers")) + as_list(d.get("initContainers"))
        if boxes and all(isinstance(c, dict) and "image" in c for c in boxes):
            yield d


def _host_powers(spec: dict[str, Any]) -> list[str]:
    """What one pod spec takes from the node: host namespaces, privileged containers,
    dangerous capabilities, the node's root or container socket."""
    found = [k for k in ("hostNetwork", "hostPID", "hostIPC") if truthy(spec.get(k))]
    for c in as_list(spec.get("containers")) + as_list(spec.get("initContainers")):
        if not isinstance(c, dict):
            continue
        sc = c.get("securityContext") or {}
        if truthy(get_path(sc, "privileged")):
            found.append(f"privileged container {text_of(c.get('name'))}")
        caps = {text_of(x).upper() for x in as_list(get_path(sc, "capabilities", "add"))}
        if caps & _DANGEROUS_CAPS:
            found.append(f"capabilities {sorted(caps & _DANGEROUS_CAPS)}")
    for v in as_list(spec.get("volumes")):
        path = text_of(get_path(v, "hostPath", "path"))
        if path and _HOST_PATHS.match(path):
            found.append(f"hostPath {path}")
    return found


def judge_k8s_host_access(doc: Doc) -> list[str]:
    out = []
    seen: set[int] = set()
    for obj in k8s_objects(doc, *_POD_KINDS):
        for spec in _pod_specs(obj):
            seen.add(id(spec))
            found = _host_powers(spec)
            if found:
                out.append(f"{obj['kind']} {object_name(obj)}: {', '.join(found)}")
    for spec in _loose_pod_specs(doc, seen):
        found = _host_powers(spec)
        if found:
            out.append(f"pod spec: {', '.join(found)}")
    return out


def judge_k8s_open_ingress(doc: Doc) -> list[str]:
    """A NetworkPolicy rule that admits every source: an ingress rule with no `from` (or
    an empty one), or an `ipBlock` of the whole internet. Sources limited to pods,
    namespaces or a private range are the point of the policy."""
    out = []
    for pol in k8s_objects(doc, "NetworkPolicy"):
        for rule in as_list(get_path(pol, "spec", "ingress")):
            if not isinstance(rule, dict):
                continue
            sources = [s for s in as_list(rule.get("from")) if isinstance(s, dict)]
            cidrs = [text_of(get_path(s, "ipBlock", "cidr")) for s in sources]
            if not sources or any(is_anywhere(c) for c in cidrs if c):
                ports = [text_of(get_path(p, "port")) for p in as_list(rule.get("ports"))]
                if not ports or covers_admin_port([p for p in ports if p]):
                    what = f"ports {', '.join(ports)}" if ports else "every port"
                    out.append(f"NetworkPolicy {object_name(pol)}: ingress from anywhere, {what}")
    return out


def judge_k8s_open_service(doc: Doc) -> list[str]:
    out = []
    for svc in k8s_objects(doc, "Service"):
        spec = svc.get("spec") or {}
        if text_of(spec.get("type")) not in ("LoadBalancer", "NodePort"):
            continue
        ranges = [text_of(r) for r in as_list(spec.get("loadBalancerSourceRanges"))]
        if ranges and not any(is_anywhere(r) for r in ranges):
            continue
        ports = [
            text_of(p.get("port")) for p in as_list(spec.get("ports")) if isinstance(p, dict)
        ] + [
            text_of(p.get("targetPort")) for p in as_list(spec.get("ports")) if isinstance(p, dict)
        ]
        if covers_admin_port([p for p in ports if p]):
            out.append(f"Service {object_name(svc)} ({spec.get('type')}) on {', '.join(ports[:3])}")
    return out


def _compose_bindings(port: Any) -> tuple[str, str] | None:
    """(host address, container port) of one Compose `ports:` entry, short or long form;
    None when no host address is written (Docker's default is left to other rules)."""
    if isinstance(port, dict):
        host, target = text_of(port.get("host_ip")), text_of(port.get("target"))
        return (host, target) if host and target else None
    spec = text_of(port).split("/", 1)[0]
    if spec.startswith("["):  # `[::]:5432:5432`
        host, _, rest = spec[1:].partition("]:")
        parts = [host, *rest.split(":")]
    else:
        parts = spec.split(":")
    return (parts[0], parts[-1]) if len(parts) == 3 else None


def judge_compose_open_port(doc: Doc) -> list[str]:
    """A Compose service publishing an admin or database port on every address
    (`"0.0.0.0:6379:6379"`, `host_ip: 0.0.0.0`): the host's firewall is all that is left."""
    out = []
    for d in doc.tree_mappings():
        services = d.get("services")
        if not isinstance(services, dict):
            continue
        for name, svc in services.items():
            if not isinstance(svc, dict):
                continue
            for port in as_list(svc.get("ports")):
                bound = _compose_bindings(port)
                every = bound and (is_anywhere(bound[0]) or bound[0] == "::")
                if bound and every and covers_admin_port([bound[1]]):
                    out.append(f"service {name} publishes {bound[1]} on {bound[0]}")
    return out


# -- data pipelines: a sync whose source is a table of people and whose destination is not ours

_SYNC_SOURCE_KEYS = ("source", "sourceid", "source_id", "origen", "origem", "quelle", "src")
_SYNC_DEST_KEYS = (
    "destination",
    "destinationid",
    "destination_id",
    "destino",
    "ziel",
    "sink",
)
_PEOPLE_TABLE_RE = re.compile(
    r"(?i)(?<![\w-])(?:customers?|clients?|clientes?|users?|usuari[oa]s|accounts|contacts|"
    r"contactos|contatos|patients?|pacientes|employees|empleados|funcion[aá]rios|kunden|"
    r"benutzer|mitarbeiter|members|subscribers|payments?|pagos|pagamentos|zahlungen)(?![\w-])"
)
_ALL_COLUMNS_RE = re.compile(r"(?i)(?:columns|columnas|colunas|spalten|fields)'?:\s*'\*'")
_THIRD_PARTY_RE = re.compile(
    r"(?i)agency|agencia|agência|agentur|consult|vendor|proveedor|fornecedor|lieferant|partner|"
    r"socio|parceiro|distribu|reseller|external|externo|extern\b|third.?party|personal|"
    r"gsheets|google.?sheets|dropbox|webhook|mailchimp|\bshared\b"
)
_HOST_IN_TEXT_RE = re.compile(r"(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b")
_INTERNAL_LABEL_RE = re.compile(
    r"(?i)(?:^|\.)(?:internal|interno|interna|intern|interne|corp|intranet|lan|local)(?:\.|$)"
)


def _flat(x: Any, budget: int = 2000) -> str:
    return json.dumps(x, default=str, ensure_ascii=False)[:budget]


def _first_key(d: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((k for k in d if isinstance(k, str) and k.lower() in keys), None)


def judge_sync_external(doc: Doc) -> list[str]:
    """A data-sync definition (Airbyte/Fivetran-like: a source, a destination) that copies
    a table of people (customers, users, payments; or every column) to a destination that
    is not the company's: a third party by name, or a host outside the company."""
    out = []
    for d in doc.tree_mappings():
        src_key, dst_key = _first_key(d, _SYNC_SOURCE_KEYS), _first_key(d, _SYNC_DEST_KEYS)
        if src_key is None or dst_key is None:
            continue
        dest = _flat(d[dst_key])
        rest = _flat({k: v for k, v in d.items() if k != dst_key})
        if not (_PEOPLE_TABLE_RE.search(rest) or _ALL_COLUMNS_RE.search(rest.replace('"', "'"))):
            continue
        hosts = [
            h
            for h in _HOST_IN_TEXT_RE.findall(dest)
            if not _INTERNAL_LABEL_RE.search(h) and "." in h and not h[-1].isdigit()
        ]
        outsider = [h for h in hosts if outside(h, doc.domains) or not doc.domains]
        third = _THIRD_PARTY_RE.search(dest)
        if third or outsider:
            where = third.group(0) if third else outsider[0]
            out.append(f"sync from {text_of(d[src_key])[:40]} to {where}")
    return out


def judge_k8s_pod_security_off(doc: Doc) -> list[str]:
    return [
        f"Namespace {object_name(ns)}: pod-security enforce=privileged"
        for ns in k8s_objects(doc, "Namespace")
        if text_of(get_path(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"))
        == "privileged"
    ]


# ---------------------------------------------------------------- networks


def _ports(lo: Any, hi: Any, proto: Any) -> list[str]:
    p = text_of(proto).lower()
    if p in ("-1", "all", "*"):
        return ["all"]
    if text_of(lo) == "" and text_of(hi) == "":
        return ["all"] if p in ("", "tcp", "udp", "6", "17") else []
    low, high = text_of(lo) or text_of(hi), text_of(hi) or text_of(lo)
    if low in ("-1",) or high in ("-1",):
        return ["all"]
    return [f"{low}-{high}"]


def _cfn_groups(doc: Doc) -> list[str]:
    """CloudFormation security groups and ingress rules."""
    out = []
    for name, props in cfn_resources(doc, "AWS::EC2::SecurityGroup"):
        for rule in as_list(props.get("SecurityGroupIngress")):
            if isinstance(rule, dict):
                out += _cfn_rule(name, rule)
    for name, props in cfn_resources(doc, "AWS::EC2::SecurityGroupIngress"):
        out += _cfn_rule(name, props)
    return out


def _tf_aws_groups(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "aws_security_group"):
        for rule in as_list(block.get("ingress")):
            if isinstance(rule, dict):
                out += _tf_aws_rule(name, rule)
    return out


def _tf_loose_ingress(doc: Doc) -> list[str]:
    """An `ingress {}` block pasted without its resource."""
    out = []
    for d in doc.hcl_mappings():
        if LABELS in d and not d.get(LABELS):
            continue
        for rule in as_list(d.get("ingress")):
            if isinstance(rule, dict) and not _is_resource_body(doc, d):
                out += _tf_aws_rule("ingress", rule)
    return out


def _tf_aws_rules(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "aws_security_group_rule"):
        if text_of(block.get("type")) == "ingress":
            out += _tf_aws_rule(name, block)
    for name, block in tf_resources(doc, "aws_vpc_security_group_ingress_rule"):
        sources = [text_of(block.get("cidr_ipv4")), text_of(block.get("cidr_ipv6"))]
        if any(is_anywhere(s) for s in sources if s) and covers_admin_port(
            _ports(block.get("from_port"), block.get("to_port"), block.get("ip_protocol"))
        ):
            out.append(f"{name}: {text_of(block.get('from_port')) or 'all ports'} from anywhere")
    return out


def _gcp_firewalls(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "google_compute_firewall"):
        if text_of(block.get("direction")).upper() == "EGRESS":
            continue
        ranges = [text_of(r) for r in as_list(block.get("source_ranges"))]
        if ranges and not any(is_anywhere(r) for r in ranges):
            continue
        if not ranges and (block.get("source_tags") or block.get("source_service_accounts")):
            continue
        allows = [a for a in as_list(block.get("allow")) if isinstance(a, dict)]
        ports = [
            str(p)
            for a in allows
            for p in (as_list(a.get("ports")) or [text_of(a.get("protocol"))])
        ]
        if allows and covers_admin_port(ports):
            out.append(f"{name}: {', '.join(ports[:3])} from {', '.join(ranges) or '0.0.0.0/0'}")
    return out


def _azure_nsg_rules(doc: Doc) -> list[str]:
    out = []
    nsg_rules = [(n, b) for n, b in tf_resources(doc, "azurerm_network_security_rule")] + [
        (f"{n}.{text_of(r.get('name'))}", r)
        for n, b in tf_resources(doc, "azurerm_network_security_group")
        for r in as_list(b.get("security_rule"))
        if isinstance(r, dict)
    ]
    for name, rule in nsg_rules:
        if (
            text_of(rule.get("direction")).lower() == "outbound"
            or text_of(rule.get("access")).lower() == "deny"
        ):
            continue
        sources = [text_of(rule.get("source_address_prefix"))] + [
            text_of(x) for x in as_list(rule.get("source_address_prefixes"))
        ]
        ports = [text_of(rule.get("destination_port_range"))] + [
            text_of(x) for x in as_list(rule.get("destination_port_ranges"))
        ]
        if any(is_anywhere(s) for s in sources if s) and covers_admin_port([p for p in ports if p]):
            out.append(f"{name}: port {', '.join(p for p in ports if p)} from {sources[0] or '*'}")
    return out


def _ec2_permissions(doc: Doc) -> list[str]:
    """The EC2 API shape (CLI `--cli-input-json`, SDK calls, describe output pasted as a
    plan): IpPermissions entries whose IpRanges / Ipv6Ranges hold the sources."""
    out = []
    for d in all_mappings(doc):
        for perm in as_list(d.get("IpPermissions")):
            if isinstance(perm, dict):
                out += _ec2_permission(text_of(d.get("GroupId")) or "IpPermissions", perm)
    return out


def _arm_rules(doc: Doc) -> list[str]:
    """Azure ARM / Bicep-as-JSON security rules."""
    out = []
    for d in all_mappings(doc):
        arm = d.get("properties")
        if d.get("type") == "Microsoft.Network/networkSecurityGroups/securityRules" and isinstance(
            arm, dict
        ):
            src = text_of(arm.get("sourceAddressPrefix"))
            port = text_of(arm.get("destinationPortRange"))
            if (
                text_of(arm.get("access")).lower() == "allow"
                and text_of(arm.get("direction")).lower() != "outbound"
                and is_anywhere(src)
                and covers_admin_port([port])
            ):
                out.append(f"{text_of(d.get('name'))}: port {port} from {src}")
    return out


_NETWORK_READERS: tuple[Callable[[Doc], list[str]], ...] = (
    _cfn_groups,
    _tf_aws_groups,
    _tf_loose_ingress,
    _tf_aws_rules,
    _gcp_firewalls,
    _azure_nsg_rules,
    _ec2_permissions,
    _arm_rules,
)
"""One reader per way of writing a firewall rule; each says which rules let anyone in."""


def judge_network_open(doc: Doc) -> list[str]:
    return [hit for read in _NETWORK_READERS for hit in read(doc)]


def _is_resource_body(doc: Doc, d: dict[str, Any]) -> bool:
    return any(d is block for kind, _, block in doc.blocks() if kind == "aws_security_group")


def _cfn_rule(name: str, rule: dict[str, Any]) -> list[str]:
    sources = [text_of(rule.get("CidrIp")), text_of(rule.get("CidrIpv6"))]
    if not any(is_anywhere(s) for s in sources if s):
        return []
    ports = _ports(rule.get("FromPort"), rule.get("ToPort"), rule.get("IpProtocol"))
    if not covers_admin_port(ports):
        return []
    return [f"{name}: port {ports[0]} from {next(s for s in sources if s)}"]


def _ec2_permission(name: str, perm: dict[str, Any]) -> list[str]:
    sources = [
        text_of(r.get(key))
        for field, key in (("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6"))
        for r in as_list(perm.get(field))
        if isinstance(r, dict)
    ]
    anywhere = [s for s in sources if s and is_anywhere(s)]
    if not anywhere:
        return []
    ports = _ports(perm.get("FromPort"), perm.get("ToPort"), perm.get("IpProtocol"))
    if not covers_admin_port(ports):
        return []
    return [f"{name}: port {ports[0]} from {anywhere[0]}"]


def _tf_aws_rule(name: str, rule: dict[str, Any]) -> list[str]:
    sources = [
        text_of(x) for x in as_list(rule.get("cidr_blocks")) + as_list(rule.get("ipv6_cidr_blocks"))
    ]
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
    for d in all_mappings(doc):
        for st in as_list(d.get("Statement")):
            if isinstance(st, dict):
                yield st
        if "Effect" in d and ("Action" in d or "NotAction" in d) and "Statement" not in d:
            yield d  # a statement pasted on its own
        # Terraform's aws_iam_policy_document: statement blocks with lower-case fields
        if LABELS in d and isinstance(d.get("statement"), list):
            for st in d["statement"]:
                if isinstance(st, dict):
                    yield {
                        "Effect": text_of(st.get("effect")) or "Allow",
                        "Action": st.get("actions"),
                        "NotAction": st.get("not_actions"),
                        "Resource": st.get("resources"),
                        "Principal": [
                            {"type": text_of(p.get("type")), "ids": as_list(p.get("identifiers"))}
                            for p in as_list(st.get("principals"))
                            if isinstance(p, dict)
                        ],
                        "Condition": st.get("condition"),
                    }


def judge_all_actions(doc: Doc) -> list[str]:
    out = []
    for st in _statements(doc):
        if text_of(st.get("Effect") or "Allow").lower() != "allow":
            continue
        actions = [text_of(a) for a in as_list(st.get("Action"))]
        if "*" in actions or st.get("NotAction"):
            resources = [text_of(r) for r in as_list(st.get("Resource"))] or ["(any)"]
            what = "every action" if "*" in actions else "everything except NotAction"
            out.append(f"Allow {what} on {', '.join(resources[:3])}")
    # GCP / Azure role documents: owner or a custom role with every permission
    for d in all_mappings(doc):
        perms = [text_of(p) for p in as_list(d.get("includedPermissions"))]
        actions = [
            text_of(a) for a in as_list(d.get("actions")) if isinstance(d.get("actions"), list)
        ]
        if "*" in perms or ("*" in actions and "assignableScopes" in d):
            out.append("custom role with every permission")
    return out


def _principal_public(p: Any) -> bool:
    if text_of(p) == "*":
        return True
    if isinstance(p, dict):
        if p.get("type") is not None:  # from aws_iam_policy_document
            return "*" in [text_of(i) for i in p.get("ids") or []] and text_of(p.get("type")) in (
                "*",
                "AWS",
            )
        return any(text_of(v) == "*" for vals in p.values() for v in as_list(vals))
    if isinstance(p, list):
        return any(_principal_public(x) for x in p)
    return False


_PUBLIC_MEMBERS = frozenset({"allusers", "allauthenticatedusers"})


def _public_statements(doc: Doc) -> list[str]:
    """Policy statements that allow anyone (`Principal: *`) with no condition to narrow it."""
    out = []
    for st in _statements(doc):
        if text_of(st.get("Effect") or "Allow").lower() != "allow":
            continue
        if not _principal_public(st.get("Principal")):
            continue
        if _RESTRICTING_CONDITIONS.search(json.dumps(st.get("Condition") or {}, default=str)):
            continue
        actions = [text_of(a) for a in as_list(st.get("Action"))]
        out.append(f"Allow {', '.join(actions[:3]) or 'actions'} to Principal *")
    return out


def _public_members(doc: Doc) -> list[str]:
    """IAM bindings (GCP style) whose members include allUsers / allAuthenticatedUsers."""
    out = []
    for d in all_mappings(doc):
        members = [text_of(m) for m in as_list(d.get("members"))] + [text_of(d.get("member"))]
        public = [m for m in members if m.lower() in _PUBLIC_MEMBERS]
        if public and (d.get("role") is not None or LABELS in d):
            out.append(f"{', '.join(public)} → {text_of(d.get('role')) or 'a role'}")
    return out


def _public_buckets(doc: Doc) -> list[str]:
    """S3 buckets with a public ACL or their public access block switched off."""
    out = []
    for name, props in cfn_resources(doc, "AWS::S3::Bucket"):
        if text_of(props.get("AccessControl")) in ("PublicRead", "PublicReadWrite"):
            out.append(f"{name}: AccessControl {text_of(props.get('AccessControl'))}")
        block = props.get("PublicAccessBlockConfiguration")
        if isinstance(block, dict) and any(falsy(v) for v in block.values()):
            out.append(f"{name}: public access block off")
    for name, block in tf_resources(doc, "aws_s3_bucket_public_access_block"):
        keys = (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
        if any(falsy(block.get(k)) for k in keys if k in block):
            out.append(f"{name}: public access block off")
    for name, block in tf_resources(doc, "aws_s3_bucket_acl", "aws_s3_bucket"):
        if text_of(block.get("acl")) in ("public-read", "public-read-write"):
            out.append(f"{name}: acl {text_of(block.get('acl'))}")
    return out


def judge_public_principal(doc: Doc) -> list[str]:
    return [*_public_statements(doc), *_public_members(doc), *_public_buckets(doc)]


# ---------------------------------------------------------------- backups and databases


def _retention_zero(doc: Doc) -> list[str]:
    """Databases whose backups are kept zero days, or whose point-in-time recovery is off."""
    out = []
    for name, props in cfn_resources(
        doc,
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::DocDB::DBCluster",
        "AWS::Neptune::DBCluster",
    ):
        if text_of(props.get("BackupRetentionPeriod")) == "0":
            out.append(f"{name}: BackupRetentionPeriod 0")
    for name, props in cfn_resources(doc, "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"):
        if falsy(get_path(props, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")):
            out.append(f"{name}: point-in-time recovery off")
    for name, block in tf_resources(
        doc, "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"
    ):
        if text_of(block.get("backup_retention_period")) == "0":
            out.append(f"{name}: backup_retention_period = 0")
    for name, block in tf_resources(doc, "aws_dynamodb_table"):
        if falsy(get_path(block, "point_in_time_recovery", "enabled")):
            out.append(f"{name}: point-in-time recovery off")
    return out


def _cloud_sql_backups_off(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "google_sql_database_instance"):
        backups = as_list(get_path(block, "settings", "backup_configuration"))
        backup = backups[0] if backups else None
        if isinstance(backup, dict) and (
            falsy(backup.get("enabled")) or falsy(backup.get("point_in_time_recovery_enabled"))
        ):
            out.append(f"{name}: backups or point-in-time recovery off")
    for name, block in tf_resources(doc, "azurerm_*"):
        for key in ("backup_retention_days", "retention_days"):
            if text_of(block.get(key)) == "0":
                out.append(f"{name}: {key} = 0")
    return out


def _snapshots_stopped(doc: Doc) -> list[str]:
    """Snapshot policies deleted or stopped, backup schedules paused, versioning suspended."""
    out = []
    for request in _directive(doc, "es-request"):
        method, _, path = request.partition(" ")
        if method == "DELETE" and path.startswith(("_slm/policy", "_snapshot")):
            out.append(f"Elasticsearch {request}")
        if method == "POST" and path.startswith("_slm/stop"):
            out.append(f"Elasticsearch {request}")
    for sched in k8s_objects(doc, "Schedule"):
        if truthy(get_path(sched, "spec", "paused")):
            out.append(f"Schedule {object_name(sched)}: paused")
    for name, block in tf_resources(doc, "aws_s3_bucket_versioning"):
        if text_of(get_path(block, "versioning_configuration", "status")).lower() in (
            "suspended",
            "disabled",
        ):
            out.append(f"{name}: versioning suspended")
    return out


def judge_backups_off(doc: Doc) -> list[str]:
    return [*_retention_zero(doc), *_cloud_sql_backups_off(doc), *_snapshots_stopped(doc)]


def judge_database_public(doc: Doc) -> list[str]:
    out = []
    for name, props in cfn_resources(doc, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"):
        if truthy(props.get("PubliclyAccessible")):
            out.append(f"{name}: PubliclyAccessible true")
    for name, block in tf_resources(doc, "aws_db_instance", "aws_rds_cluster_instance"):
        if truthy(block.get("publicly_accessible")):
            out.append(f"{name}: publicly_accessible = true")
    for name, block in tf_resources(doc, "google_sql_database_instance"):
        nets = as_list(get_path(block, "settings", "ip_configuration", "authorized_networks"))
        if any(isinstance(n, dict) and is_anywhere(text_of(n.get("value"))) for n in nets):
            out.append(f"{name}: authorized network 0.0.0.0/0")
    for name, block in tf_resources(doc, "azurerm_*firewall_rule"):
        if (
            text_of(block.get("start_ip_address")) == "0.0.0.0"  # noqa: S104
            and text_of(block.get("end_ip_address")) == "255.255.255.255"
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
    for d in all_mappings(doc):
        net, sec = d.get("net"), d.get("security")
        if not isinstance(net, dict):
            continue
        open_ = is_anywhere(text_of(net.get("bindIp")).split(",")[0]) or truthy(
            net.get("bindIpAll")
        )
        auth = text_of(get_path(sec, "authorization")).lower() if isinstance(sec, dict) else ""
        if open_ and auth != "enabled":
            out.append("mongod: bindIp 0.0.0.0 without authorization")
    for d in all_mappings(doc):
        if is_anywhere(
            text_of(d.get("network.host")) or text_of(get_path(d, "network", "host"))
        ) and falsy(d.get("xpack.security.enabled", get_path(d, "xpack", "security", "enabled"))):
            out.append("elasticsearch: network.host 0.0.0.0 with security disabled")
    return out


# Helm values of a database or cache chart: `auth.enabled: false` (`usePassword: false`),
# exposed outside the cluster by a LoadBalancer or NodePort with no source ranges, or by
# the chart's `externalAccess`.
_OUTSIDE_SERVICE_TYPES = frozenset(["loadbalancer", "nodeport"])


def _exposed_outside(values: dict[str, Any]) -> bool:
    for d in mappings(values):
        if get_path(d, "externalAccess", "enabled") is not None and truthy(
            get_path(d, "externalAccess", "enabled")
        ):
            return True
        kind = text_of(d.get("type")).lower()
        if kind in _OUTSIDE_SERVICE_TYPES and not as_list(d.get("loadBalancerSourceRanges")):
            return True
    return False


def _helm_values_open(doc: Doc) -> list[str]:
    """Chart values with authentication off and a service reachable from outside."""
    for tree in doc.trees:
        if not isinstance(tree, dict) or "apiVersion" in tree or "kind" in tree:
            continue
        auth = tree.get("auth")
        off = (isinstance(auth, dict) and falsy(auth.get("enabled"))) or falsy(
            tree.get("usePassword")
        )
        if off and _exposed_outside(tree):
            return ["chart values: auth disabled, service exposed outside the cluster"]
    return []


def judge_service_unauthenticated(doc: Doc) -> list[str]:
    out = _mongo_conf(doc) + _helm_values_open(doc)
    if any(k == "skip-grant-tables" for k, _ in doc.directives) or any(
        k in ("skip-grant-tables", "skip_grant_tables") and not falsy(v) for k, v in doc.directives
    ):
        out.append("mysql: skip-grant-tables (no password checks)")
    if _redis_open(doc):
        out.append("redis: protected-mode no, no password")
    for value in _directive(doc, "docker-tcp"):
        if not value.lower().startswith("tcp://127.") and ":2375" in value:
            out.append(f"docker API {value} (no TLS, no auth)")
    for row in doc.hba:
        if row[-1].lower() == "trust" and len(row) >= 5 and is_anywhere(row[3]):
            out.append(f"pg_hba: {' '.join(row)}")
    return out


def _redis_open(doc: Doc) -> bool:
    """protected-mode off, bound to every interface (or not bound), and no password."""
    binds = [v for k, v in doc.directives if k in ("bind-address", "bind_address", "bind")]
    return (
        any(v.lower() == "no" for v in _directive(doc, "protected-mode"))
        and (not binds or any(is_anywhere(b.split()[0]) for b in binds if b))
        and not _directive(doc, "requirepass")
    )


# ---------------------------------------------------------------- audit, guards, sharing


def judge_audit_off(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "aws_cloudtrail"):
        if falsy(block.get("enable_logging")):
            out.append(f"{name}: enable_logging = false")
    for name, props in cfn_resources(doc, "AWS::CloudTrail::Trail"):
        if falsy(props.get("IsLogging")):
            out.append(f"{name}: IsLogging false")
    for name, block in tf_resources(doc, "aws_guardduty_detector"):
        if falsy(block.get("enable")):
            out.append(f"{name}: enable = false")
    for name, block in tf_resources(doc, "aws_config_configuration_recorder_status"):
        if falsy(block.get("is_enabled")):
            out.append(f"{name}: is_enabled = false")
    for name, block in tf_resources(doc, "azurerm_security_center_subscription_pricing"):
        if text_of(block.get("tier")).lower() == "free":
            out.append(f"{name}: Defender tier Free")
    out += _k8s_audit_off(doc)
    return out


_AUDIT_SELECTORS = ("resources", "users", "userGroups", "verbs", "namespaces", "nonResourceURLs")


def _k8s_audit_off(doc: Doc) -> list[str]:
    """A Kubernetes audit Policy whose first catch-all rule (no resource, user, verb or
    namespace selector) is `level: None`: rules match in order, so nothing after it is
    ever recorded."""
    out = []
    for policy in k8s_objects(doc, "Policy"):
        if "audit.k8s.io" not in text_of(policy.get("apiVersion")):
            continue
        for rule in as_list(policy.get("rules")):
            if not isinstance(rule, dict) or any(rule.get(k) for k in _AUDIT_SELECTORS):
                continue
            if text_of(rule.get("level")) == "None":
                out.append(f"audit Policy {object_name(policy)}: level None for every request")
            break
    return out


def judge_branch_protection_weak(doc: Doc) -> list[str]:
    out = []
    for name, block in tf_resources(doc, "github_branch_protection*", "gitlab_branch_protection"):
        for key in ("allows_force_pushes", "allows_deletions", "allow_force_push"):
            if truthy(block.get(key)):
                out.append(f"{name}: {key} = true")
    for d in all_mappings(doc):
        if LABELS in d:
            continue
        for key in ("allow_force_pushes", "allow_deletions"):
            value = d.get(key)
            if truthy(value) or (isinstance(value, dict) and truthy(value.get("enabled"))):
                out.append(f"{key}: true")
        if d.get("target") == "branch" and d.get("enforcement") == "disabled" and "rules" in d:
            out.append(f"ruleset {text_of(d.get('name'))}: enforcement disabled")
    return out


_CFN_STATEFUL = (
    "AWS::RDS::",
    "AWS::DynamoDB::",
    "AWS::S3::Bucket",
    "AWS::EFS::",
    "AWS::ElastiCache::",
    "AWS::DocDB::",
    "AWS::Neptune::",
    "AWS::Redshift::",
    "AWS::OpenSearchService::",
    "AWS::Elasticsearch::",
)


def judge_destroy_guard_off(doc: Doc) -> list[str]:
    out = [
        f"{name}: force_destroy = true"
        for name, block in tf_resources(doc, "aws_s3_bucket", "google_storage_bucket")
        if truthy(block.get("force_destroy"))
    ]
    for d in doc.tree_mappings():  # CloudFormation: a data store deleted outright, no snapshot
        resources = d.get("Resources")
        if not isinstance(resources, dict):
            continue
        for name, res in resources.items():
            if not isinstance(res, dict) or not str(res.get("Type", "")).startswith(_CFN_STATEFUL):
                continue
            if str(res.get("DeletionPolicy", "")).lower() == "delete":
                out.append(f"{name} ({res.get('Type')}): DeletionPolicy Delete")
    return out


def judge_gitops_prune_all(doc: Doc) -> list[str]:
    out = []
    for app in k8s_objects(doc, "Application", "ApplicationSet"):
        auto = get_path(app, "spec", "syncPolicy", "automated")
        if isinstance(auto, dict) and truthy(auto.get("prune")) and truthy(auto.get("allowEmpty")):
            out.append(f"{app['kind']} {object_name(app)}: automated prune with allowEmpty")
    return out


_ACCOUNT_PRINCIPAL = re.compile(r"^(?:arn:aws:iam::\d{12}:root|\d{12})$")


def judge_account_full_access(doc: Doc) -> list[str]:
    """A resource policy giving a whole AWS account every action of a service."""
    out = []
    for st in _statements(doc):
        if text_of(st.get("Effect") or "Allow").lower() != "allow":
            continue
        principal = st.get("Principal")
        ids = (
            [text_of(v) for vals in principal.values() for v in as_list(vals)]
            if isinstance(principal, dict)
            else []
        )
        accounts = [i for i in ids if _ACCOUNT_PRINCIPAL.match(i)]
        actions = [text_of(a) for a in as_list(st.get("Action"))]
        if accounts and any(a == "*" or a.endswith(":*") for a in actions):
            out.append(f"Allow {', '.join(actions[:2])} to account {accounts[0]}")
    return out


_ACCOUNT_IN_ARN = re.compile(r"arn:aws:iam::(\d{12}):")


def judge_replication_external(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        role = _ACCOUNT_IN_ARN.search(text_of(d.get("Role")))
        for rule in as_list(d.get("Rules")):
            dest = rule.get("Destination") if isinstance(rule, dict) else None
            account = text_of(get_path(dest, "Account"))
            if role and account and account != role.group(1):
                out.append(
                    f"replication to {text_of(get_path(dest, 'Bucket'))} in account {account}"
                )
    return out


_POWERFUL_ROLE = re.compile(
    r"(?i)(?:^|/)(?:owner|editor|[\w.]*admin[\w.]*|super[\s_-]*admin(?:istrator)?)$"
)
# Role-assignment files that list people by bare address ({"role": "Super Admin",
# "assignees": ["x@agency.example"]}): each address is a user.
_ASSIGNEE_KEYS = ("assignees", "assignee", "users", "principals", "emails")


def _outsider(member: str, domains: tuple[str, ...], powerful: bool) -> bool:
    """A user or group outside the company: any outside domain for a powerful role, a
    personal mailbox (never the company's) for any role."""
    kind, _, address = member.partition(":")
    if kind not in ("user", "group") or "@" not in address:
        return False
    host = address.rsplit("@", 1)[1].lower()
    return outside(host, domains) if powerful else host in PERSONAL_MAIL


_ACCESS_ENTRY_KEYS = (
    ("userByEmail", "user"),
    ("groupByEmail", "group"),
    ("user_by_email", "user"),
    ("group_by_email", "group"),
)


def judge_binding_outsider(doc: Doc) -> list[str]:
    out = []
    for d in all_mappings(doc):
        role = text_of(d.get("role"))
        if not role:
            continue
        powerful = _POWERFUL_ROLE.search(role) is not None
        members = [text_of(m) for m in as_list(d.get("members"))] + [text_of(d.get("member"))]
        # a BigQuery dataset's access entry (`bq update --source`, Terraform `access {}`)
        members += [
            f"{kind}:{text_of(d.get(key))}"
            for key, kind in _ACCESS_ENTRY_KEYS
            if text_of(d.get(key))
        ]
        members += [
            text if ":" in text else f"user:{text}"
            for key in _ASSIGNEE_KEYS
            for m in as_list(d.get(key))
            if "@" in (text := text_of(m))
        ]
        outsiders = [m for m in members if m and _outsider(m, doc.domains, powerful)]
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
        for u in as_list(d.get("users")):
            user = u.get("user") if isinstance(u, dict) else None
            if not isinstance(user, dict):
                continue
            held = [k for k in _CREDENTIAL_KEYS if text_of(user.get(k))]
            held += [
                f"auth-provider {k}"
                for k in ("id-token", "refresh-token", "access-token")
                if text_of(get_path(user, "auth-provider", "config", k))
            ]
            if held:
                out.append(f"kubeconfig user {text_of(u.get('name'))}: {', '.join(held)}")
    return out


_CI_SECRET = re.compile(r"\$\{\{\s*secrets\.(?P<name>[A-Za-z_][\w-]*)\s*\}\}")
# The secret is printed into a pipe that encodes it past the log masking or sends it out.
_CI_LEAK = re.compile(
    r"\b(?:echo|printf|cat)\b[^|\n]*\$\{\{\s*secrets\.[^|\n]*\|\s*"
    r"(?:base64|base32|xxd|od|rev|gzip|openssl\s+enc|curl|wget|nc|ncat|socat|tee)\b"
)


def judge_ci_secret_exposed(doc: Doc) -> list[str]:
    """A CI step that prints a repository secret into an encoder (which defeats the log
    masking) or into a program that sends it somewhere. Handing it to a tool (`env:`,
    `| docker login --password-stdin`) is how secrets are used."""
    out = []
    for d in doc.tree_mappings():
        for key in ("run", "script"):
            for step in as_list(d.get(key)):
                if not isinstance(step, str) or "secrets." not in step:
                    continue
                for line in step.splitlines():
                    if _CI_LEAK.search(line):
                        names = ", ".join(m.group("name") for m in _CI_SECRET.finditer(line))
                        out.append(f"CI step prints secret {names} into a pipe")
    return out


JUDGES: dict[str, Judge] = {
    "ci_secret_exposed": judge_ci_secret_exposed,
    "k8s_binding": judge_k8s_binding,
    "k8s_wildcard_role": judge_k8s_wildcard_role,
    "k8s_host_access": judge_k8s_host_access,
    "k8s_open_service": judge_k8s_open_service,
    "k8s_open_ingress": judge_k8s_open_ingress,
    "backup_settings_off": judge_backup_settings_off,
    "count_zero": judge_count_zero,
    "secret_default": judge_secret_default,
    "admin_policy": judge_admin_policy,
    "web_exposed": judge_web_exposed,
    "compose_open_port": judge_compose_open_port,
    "sync_external": judge_sync_external,
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
