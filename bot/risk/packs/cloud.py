"""Cloud CLIs (aws, gcloud, az, doctl, hcloud, openstack, scw, linode-cli, oci): networks
opened to the internet on an admin or database port, databases made reachable from
anywhere, deletion protection removed, and the read-only listings of IAM and secrets that
must stay allowed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from bot.risk.packs.base import Rule, Safe, p
from bot.risk.packs.net import covers_admin_port, is_anywhere

_CIDR_IN_ARGS = re.compile(r"(?i)Cidr(?:Ip|Ipv6)?\"?\s*[=:]\s*\"?([0-9a-f:./]+)")
_PORTS_IN_ARGS = re.compile(r"(?i)FromPort\"?\s*[=:]\s*(-?\d+)\D+?ToPort\"?\s*[=:]\s*(-?\d+)")
_PROTO_ALL = re.compile(r"(?i)IpProtocol\"?\s*[=:]\s*\"?(?:-1|all)\b")


def _aws_ingress(cmd: Any) -> bool:
    sources = cmd.value("--cidr") + _CIDR_IN_ARGS.findall(cmd.joined)
    if not any(is_anywhere(s) for s in sources):
        return False
    ports = cmd.value("--port") + [f"{a}-{b}" for a, b in _PORTS_IN_ARGS.findall(cmd.joined)]
    if any(v.lower() in ("-1", "all") for v in cmd.value("--protocol")) or _PROTO_ALL.search(
        cmd.joined
    ):
        return True
    return not ports or covers_admin_port(ports)


def _gcloud_firewall(cmd: Any) -> bool:
    if any(d.lower() in ("egress", "out") for d in cmd.value("--direction")):
        return False
    if any(a.lower() == "deny" for a in cmd.value("--action")):
        return False
    ranges = [r for v in cmd.value("--source-ranges") for r in v.split(",")]
    tags = cmd.value("--source-tags", "--source-service-accounts")
    if ranges:
        if not any(is_anywhere(r) for r in ranges):
            return False
    elif "update" in cmd.pos or tags:
        return False  # update keeps its sources; tags/accounts scope it
    allowed = [a for v in cmd.value("--allow", "--rules") for a in v.split(",")]
    return not allowed or covers_admin_port(allowed)


def _az_nsg_rule(cmd: Any) -> bool:
    if any(v.lower() == "deny" for v in cmd.value("--access")):
        return False
    if any(v.lower() == "outbound" for v in cmd.value("--direction")):
        return False
    sources = cmd.value("--source-address-prefixes", "--source-address-prefix")
    if "update" in cmd.pos and not sources:
        return False
    if sources and not any(is_anywhere(s) for v in sources for s in v.split()):
        return False  # default source is "*": anywhere
    ports = cmd.value("--destination-port-ranges", "--destination-port-range")
    return covers_admin_port(ports or ["80"])


def _az_open_port(cmd: Any) -> bool:
    return covers_admin_port(cmd.value("--port"))


def _doctl_firewall(cmd: Any) -> bool:
    for spec in cmd.value("--inbound-rules"):
        for rule in spec.split():
            fields = dict(f.split(":", 1) for f in rule.split(",") if ":" in f)
            addresses = [v for k, v in fields.items() if k == "address"]
            if any(is_anywhere(a) for a in addresses) and covers_admin_port(
                [fields.get("ports", "all")]
            ):
                return True
    return False


def _az_firewall_all(cmd: Any) -> bool:
    start, end = cmd.value("--start-ip-address"), cmd.value("--end-ip-address")
    return start == ["0.0.0.0"] and end == ["255.255.255.255"]  # noqa: S104


def _hcloud_rule(cmd: Any) -> bool:
    """`hcloud firewall add-rule fw --direction in --protocol tcp --port 22 --source-ips …`"""
    if any(d.lower() != "in" for d in cmd.value("--direction")):
        return False
    if any(v.lower() not in ("tcp", "udp") for v in cmd.value("--protocol")):
        return False  # icmp, esp, gre: no port to reach
    sources = [s for v in cmd.value("--source-ips") for s in v.split(",")]
    return any(is_anywhere(s) for s in sources) and covers_admin_port(
        cmd.value("--port") or ["all"]
    )


def _openstack_rule(cmd: Any) -> bool:
    """`openstack security group rule create --dst-port 22 SG`: with no --remote-ip or
    --remote-group the source is 0.0.0.0/0."""
    if "--egress" in cmd.args or cmd.value("--remote-group"):
        return False
    sources = cmd.value("--remote-ip")
    if sources and not any(is_anywhere(s) for s in sources):
        return False
    if any(v.lower() in ("icmp", "ipv6-icmp") for v in cmd.value("--protocol")):
        return False
    return covers_admin_port(cmd.value("--dst-port") or ["all"])


def _key_values(cmd: Any) -> dict[str, str]:
    return {k.lower(): v for k, eq, v in (a.partition("=") for a in cmd.pos) if eq}


def _scw_rule(cmd: Any) -> bool:
    """`scw instance security-group create-rule direction=inbound action=accept
    ip-range=0.0.0.0/0 dest-port-from=22`"""
    kv = _key_values(cmd)
    if kv.get("direction", "inbound") != "inbound" or kv.get("action", "accept") != "accept":
        return False
    if not is_anywhere(kv.get("ip-range", "0.0.0.0/0")):
        return False
    low, high = kv.get("dest-port-from"), kv.get("dest-port-to")
    ports = [f"{low}-{high}" if high else low] if low else ["all"]
    return covers_admin_port(ports)


def _json_rules(values: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for value in values:
        try:
            data = json.loads(value)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        out += [r for r in items if isinstance(r, dict)]
    return out


def _linode_rules(cmd: Any) -> bool:
    """`linode-cli firewalls rules-update ID --inbound '[{"ports": "22", "addresses":
    {"ipv4": ["0.0.0.0/0"]}, "action": "ACCEPT"}]'`"""
    for rule in _json_rules(cmd.value("--inbound", "--rules.inbound")):
        if str(rule.get("action", "ACCEPT")).upper() != "ACCEPT":
            continue
        addresses = rule.get("addresses") or {}
        sources = [a for v in addresses.values() if isinstance(v, list) for a in v]
        if any(is_anywhere(str(a)) for a in sources) and covers_admin_port(
            [str(rule.get("ports") or "all")]
        ):
            return True
    return False


def _oci_rules(cmd: Any) -> bool:
    """`oci network security-list update --ingress-security-rules '[{"source": "0.0.0.0/0",
    "protocol": "6", "tcpOptions": {"destinationPortRange": {"min": 22, "max": 22}}}]'`"""
    values = cmd.value("--ingress-security-rules", "--security-rules")
    for rule in _json_rules(values):
        if str(rule.get("direction", "INGRESS")).upper() != "INGRESS":
            continue
        if not is_anywhere(str(rule.get("source", ""))):
            continue
        options = rule.get("tcpOptions") or rule.get("udpOptions") or {}
        span = options.get("destinationPortRange") if isinstance(options, dict) else None
        if isinstance(span, dict):
            ports = [f"{span.get('min', 0)}-{span.get('max', 65535)}"]
        else:
            ports = ["all"] if str(rule.get("protocol", "all")) in ("all", "6", "17") else []
        if covers_admin_port(ports):
            return True
    return False


def _doctl_database_firewall(cmd: Any) -> bool:
    # `doctl databases firewalls append db --rule ip_addr:0.0.0.0/0`: the database itself
    return any(
        is_anywhere(r.split(":", 1)[-1]) for r in cmd.value("--rule") if r.startswith("ip_addr")
    )


def _az_nsg_change(cmd: Any) -> bool:
    return cmd.pos[3] in ("create", "update") and _az_nsg_rule(cmd)


_Opener = tuple[Callable[[list[str]], bool], Callable[[Any], bool]]
_WORLD_OPENERS: dict[str, tuple[_Opener, ...]] = {
    "aws": ((lambda pos: "authorize-security-group-ingress" in pos, _aws_ingress),),
    "gcloud": (
        (
            lambda pos: "firewall-rules" in pos and ("create" in pos or "update" in pos),
            _gcloud_firewall,
        ),
    ),
    "az": (
        (lambda pos: pos[:3] == ["network", "nsg", "rule"] and len(pos) > 3, _az_nsg_change),
        (lambda pos: pos[:2] == ["vm", "open-port"], _az_open_port),
        (lambda pos: "firewall-rule" in pos and "create" in pos, _az_firewall_all),
    ),
    "doctl": (
        (lambda pos: "firewall" in pos, _doctl_firewall),
        (lambda pos: pos[:2] == ["databases", "firewalls"], _doctl_database_firewall),
    ),
    "hcloud": ((lambda pos: pos[:2] == ["firewall", "add-rule"], _hcloud_rule),),
    "openstack": (
        (lambda pos: pos[:4] == ["security", "group", "rule", "create"], _openstack_rule),
    ),
    "scw": ((lambda pos: "security-group" in pos and "create-rule" in pos, _scw_rule),),
    "linode-cli": ((lambda pos: pos[:1] == ["firewalls"], _linode_rules),),
    "oci": ((lambda pos: pos[:1] == ["network"], _oci_rules),),
}
"""Program → (which subcommand writes a firewall rule, the reader that judges it); the
first subcommand that applies decides."""


def check_world_open(cmd: Any, walk: Any) -> bool:
    """An inbound rule from anywhere (0.0.0.0/0, ::/0, *, Internet) that reaches an admin
    or database port, or every port. A web port (80, 443) open to the world is normal."""
    for applies, judge in _WORLD_OPENERS.get(cmd.name, ()):
        if applies(cmd.pos):
            return judge(cmd)
    return False


# A destination named for someone else, a person, or the public.
_FOREIGN_NAME_RE = re.compile(
    r"(?i)vendor|partner|agency|consult|contractor|external|third-?party|intake|"
    r"personal|public|(?:^|[-_.])(?:home|shared|open)(?:$|[-_.])"
)
_STORE_NAME_RE = re.compile(r"^(?:(?:s3|gs|az|https?)://)?([^/\s]+)")


def check_foreign_export(cmd: Any, walk: Any) -> bool:
    """A database export whose storage target's account or bucket name says it is not the
    company's own (`vendorintake.blob…`, `gs://agency-drop`, `--s3-bucket-name jd-personal`)."""
    targets = cmd.value("--storage-uri", "--s3-bucket-name", "--s3-bucket", "--uri")
    targets += [a for a in cmd.pos if a.startswith(("gs://", "s3://"))]
    for target in targets:
        m = _STORE_NAME_RE.match(target)
        if m and _FOREIGN_NAME_RE.search(m.group(1).split(".")[0]):
            return True
    return False


CHECKS = {"world_open": check_world_open, "foreign_export": check_foreign_export}

_ANYWHERE_NETS = r"(?:^|[\s=,'\"])(?:0\.0\.0\.0/0|::/0)(?:$|[\s,'\"])"

RULES: tuple[Rule, ...] = (
    Rule(
        "cloud.firewall_world_open",
        "permissions",
        "critical",
        "require_approval",
        "Opens an admin or database port (SSH, RDP, PostgreSQL, MySQL, Redis, …) or every "
        "port to the whole internet; anyone can try to log in or read the data.",
        (
            p(
                "aws",
                "gcloud",
                "az",
                "doctl",
                "hcloud",
                "openstack",
                "scw",
                "linode-cli",
                "oci",
                check="world_open",
            ),
        ),
        match=(
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp "
            "--port 5432 --cidr 0.0.0.0/0",
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions "
            "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]",
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol -1 "
            "--cidr 0.0.0.0/0",
            "gcloud compute firewall-rules create allow-pg --allow tcp:5432 "
            "--source-ranges 0.0.0.0/0",
            "gcloud compute firewall-rules create open-ssh --network prod --allow tcp:22",
            "az network nsg rule create -g rg --nsg-name nsg -n ssh --priority 100 "
            "--destination-port-ranges 22 --source-address-prefixes '*' --access Allow",
            "az network nsg rule create -g rg --nsg-name nsg -n rdp --priority 110 "
            "--destination-port-ranges 3389 --source-address-prefixes Internet",
            "az vm open-port -g rg -n vm1 --port 3389",
            "az postgres flexible-server firewall-rule create -g rg -n pg --rule-name all "
            "--start-ip-address 0.0.0.0 --end-ip-address 255.255.255.255",
            "doctl compute firewall create --name db --inbound-rules "
            "protocol:tcp,ports:27017,address:0.0.0.0/0",
            "hcloud firewall add-rule fw-prod --direction in --protocol tcp --port 22 "
            "--source-ips 0.0.0.0/0 --source-ips ::/0",
            "doctl databases firewalls append db-prod --rule ip_addr:0.0.0.0/0",
            "openstack security group rule create --protocol tcp --dst-port 5432:5432 default",
            "scw instance security-group create-rule security-group-id=11 direction=inbound "
            "action=accept protocol=TCP ip-range=0.0.0.0/0 dest-port-from=3306",
            'linode-cli firewalls rules-update 42 --inbound \'[{"protocol": "TCP", '
            '"ports": "22", "addresses": {"ipv4": ["0.0.0.0/0"]}, '
            '"action": "ACCEPT"}]\'',
            "oci network security-list update --security-list-id ocid1.x "
            '--ingress-security-rules \'[{"source": "0.0.0.0/0", "protocol": "6", '
            '"tcpOptions": {"destinationPortRange": {"min": 22, "max": 22}}}]\'',
        ),
        not_match=(
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp "
            "--port 443 --cidr 0.0.0.0/0",
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --port 5432 "
            "--cidr 10.0.0.0/8",
            "gcloud compute firewall-rules create allow-pg --allow tcp:5432 "
            "--source-ranges 10.0.0.0/8",
            "gcloud compute firewall-rules create web --allow tcp:443 --source-ranges 0.0.0.0/0",
            "gcloud compute firewall-rules create ssh-iap --allow tcp:22 "
            "--source-ranges 35.235.240.0/20",
            "az network nsg rule create -g rg --nsg-name nsg -n ssh --priority 100 "
            "--destination-port-ranges 22 --source-address-prefixes 10.0.0.0/8",
            "az network nsg rule create -g rg --nsg-name nsg -n web --priority 100 "
            "--destination-port-ranges 443 --source-address-prefixes '*'",
            "gcloud compute firewall-rules list",
            "az network nsg rule list -g rg --nsg-name nsg",
            "aws ec2 describe-security-groups --group-ids sg-1",
            "hcloud firewall add-rule fw-prod --direction in --protocol tcp --port 443 "
            "--source-ips 0.0.0.0/0",
            "hcloud firewall add-rule fw-prod --direction in --protocol tcp --port 22 "
            "--source-ips 10.0.0.0/8",
            "hcloud firewall add-rule fw-prod --direction in --protocol icmp "
            "--source-ips 0.0.0.0/0",
            "hcloud firewall describe fw-prod",
            "doctl databases firewalls append db-prod --rule ip_addr:10.0.0.0/8",
            "doctl databases firewalls append db-prod --rule k8s:bd5f8fcc",
            "openstack security group rule create --protocol tcp --dst-port 22 "
            "--remote-ip 10.20.0.0/16 default",
            "openstack security group rule list default",
            "scw instance security-group create-rule security-group-id=11 direction=inbound "
            "action=accept protocol=TCP ip-range=10.0.0.0/8 dest-port-from=3306",
            'linode-cli firewalls rules-update 42 --inbound \'[{"protocol": "TCP", '
            '"ports": "443", "addresses": {"ipv4": ["0.0.0.0/0"]}, '
            '"action": "ACCEPT"}]\'',
            "linode-cli firewalls list",
            "oci network security-list update --security-list-id ocid1.x "
            '--ingress-security-rules \'[{"source": "10.0.0.0/16", "protocol": "6", '
            '"tcpOptions": {"destinationPortRange": {"min": 22, "max": 22}}}]\'',
        ),
    ),
    Rule(
        "cloud.database_export",
        "exfiltration",
        "medium",
        "require_approval",
        "Exports a whole managed database into a storage account or bucket that, by its name, "
        "belongs to someone else (a vendor, a partner, a person) or is public.",
        (
            p("az", sub=("sql|mysql|postgres", "db", "export"), check="foreign_export"),
            p("gcloud", sub=("sql", "export", "sql|csv|bak"), check="foreign_export"),
            p("gcloud", sub=("firestore|datastore", "export"), check="foreign_export"),
            p("gcloud", sub=("spanner", "databases", "export"), check="foreign_export"),
            p("aws", sub=("rds", "start-export-task"), check="foreign_export"),
            p("aws", sub=("dynamodb", "export-table-to-point-in-time"), check="foreign_export"),
        ),
        match=(
            "az sql db export -g rg-crm -s sql-crm-prod -n crm --storage-key-type SharedAccessKey "
            "--storage-key k --storage-uri https://partnerdrop.blob.core.windows.net/c/crm.bacpac",
            "gcloud sql export sql prod-db gs://vendor-intake-acme/prod.sql.gz --database=crm",
            "gcloud firestore export gs://jd-personal-exports/fs",
            "aws rds start-export-task --export-task-identifier t --source-arn arn:aws:rds:x "
            "--s3-bucket-name agency-shared-ingest --iam-role-arn r --kms-key-id k",
            "aws dynamodb export-table-to-point-in-time --table-arn arn:aws:dynamodb:x "
            "--s3-bucket acme-public-datasets",
        ),
        not_match=(
            "az sql db export -g rg-crm -s sql-crm-prod -n crm --storage-key-type StorageAccessKey "
            "--storage-key k --storage-uri https://stcrmbackups.blob.core.windows.net/c/crm.bacpac",
            "gcloud sql export sql prod-db gs://acme-db-exports/prod.sql.gz --database=crm",
            "aws rds start-export-task --export-task-identifier t --source-arn arn:aws:rds:x "
            "--s3-bucket-name acme-exports --iam-role-arn r --kms-key-id k",
            "az sql db show -g rg-crm -s sql-crm-prod -n crm",
            "gcloud sql operations list --instance prod-db",
            "gcloud sql import sql prod-db gs://acme-exports/seed.sql",
            "aws rds describe-export-tasks",
        ),
    ),
    Rule(
        "cloud.resource_group_delete",
        "destructive",
        "critical",
        "require_approval",
        "Deletes a whole resource group, project or stack: every database, machine, bucket "
        "and network in it goes at once.",
        (
            p("az", sub=("group", "delete")),
            p("gcloud", sub=("projects", "delete")),
            p("aws", sub=("cloudformation", "delete-stack")),
            p("doctl", sub=("projects", "delete")),
        ),
        match=(
            "az group delete --name rg-prod --yes",
            "gcloud projects delete acme-prod --quiet",
            "aws cloudformation delete-stack --stack-name prod-core",
        ),
        not_match=(
            "az group list --output table",
            "gcloud projects describe acme-prod",
            "aws cloudformation describe-stacks --stack-name prod-core",
        ),
    ),
    Rule(
        "cloud.database_public",
        "permissions",
        "critical",
        "require_approval",
        "Makes a managed database reachable from the whole internet.",
        (
            p(
                "aws",
                sub=("rds|docdb|neptune", "modify-db-\\S+|create-db-\\S+"),
                flags_any=("--publicly-accessible",),
            ),
            p(
                "gcloud",
                sub=("sql", "instances", "patch|create"),
                args_re=r"--authorized-networks[= ]\S*" + r"(?:0\.0\.0\.0/0|::/0)",
            ),
        ),
        match=(
            "aws rds modify-db-instance --db-instance-identifier prod --publicly-accessible",
            "gcloud sql instances patch prod-db --authorized-networks=0.0.0.0/0",
        ),
        not_match=(
            "aws rds modify-db-instance --db-instance-identifier prod --no-publicly-accessible",
            "gcloud sql instances patch prod-db --authorized-networks=203.0.113.4/32",
            "aws rds describe-db-instances --db-instance-identifier prod",
        ),
    ),
    Rule(
        "cloud.cluster_api_public",
        "permissions",
        "high",
        "require_approval",
        "Opens a Kubernetes cluster's control plane (its API server) to the whole internet; "
        "anyone can reach the endpoint that runs the cluster.",
        (
            p(
                "aws",
                sub=("eks", "update-cluster-config|create-cluster"),
                args_re=r"(?i)publicAccessCidrs=\W*(?:0\.0\.0\.0/0|::/0)"
                r"|endpointPublicAccess=true(?!.*publicAccessCidrs)",
            ),
            p(
                "gcloud",
                sub=("container", "clusters", "update|create"),
                args_re=r"--master-authorized-networks[= ]\S*(?:0\.0\.0\.0/0|::/0)"
                r"|--no-enable-master-authorized-networks\b",
            ),
        ),
        match=(
            "aws eks update-cluster-config --name prod --resources-vpc-config "
            'endpointPublicAccess=true,publicAccessCidrs="0.0.0.0/0"',
            "aws eks update-cluster-config --name prod --resources-vpc-config "
            "endpointPublicAccess=true",
            "gcloud container clusters update prod --master-authorized-networks 0.0.0.0/0",
            "gcloud container clusters update prod --no-enable-master-authorized-networks",
        ),
        not_match=(
            "aws eks update-cluster-config --name prod --resources-vpc-config "
            'endpointPublicAccess=true,publicAccessCidrs="203.0.113.0/24"',
            "aws eks update-cluster-config --name prod --resources-vpc-config "
            "endpointPublicAccess=false,endpointPrivateAccess=true",
            "aws eks describe-cluster --name prod",
            "gcloud container clusters update prod --master-authorized-networks 10.0.0.0/8",
        ),
    ),
    Rule(
        "cloud.deletion_protection_off",
        "security_controls",
        "high",
        "require_approval",
        "Removes deletion protection from a database or cluster: the next delete, by anyone "
        "or by mistake, goes through.",
        (
            p("aws", flags_any=("--no-deletion-protection", "--no-deletion-protection-enabled")),
            p("aws", args_re=r"DeletionProtection(?:Enabled)?\"?\s*[=:]\s*\"?false\b"),
            p("gcloud", flags_any=("--no-deletion-protection",)),
            p("az", args_re=r"--(?:enable-)?deletion-protection[= ](?:false|disabled)\b"),
        ),
        match=(
            "aws rds modify-db-cluster --db-cluster-identifier prod --no-deletion-protection",
            "gcloud sql instances patch prod-db --no-deletion-protection",
            "aws dynamodb update-table --table-name orders-prod --no-deletion-protection-enabled",
        ),
        not_match=(
            "aws dynamodb update-table --table-name orders-prod --deletion-protection-enabled",
            "aws rds modify-db-cluster --db-cluster-identifier prod --deletion-protection",
            "gcloud sql instances patch prod-db --deletion-protection",
        ),
    ),
)

_GRAPH_ROLE = (
    r"(?i)graph\.microsoft\.com/\S*(?:directoryRoles|roleManagement/directory/roleAssignments)"
)

RULES += (
    Rule(
        "cloud.security_service_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns off a cloud security service or guardrail (Defender plans, organization "
        "policies, Security Command Center): threats and risky settings stop being caught.",
        (
            p("az", sub=("security", "pricing", "create|update"), args_re=r"(?i)--tier[= ]free\b"),
            p(
                "az",
                sub=("security", "auto-provisioning-setting", "update"),
                args_re=r"(?i)--auto-provision[= ]off\b",
            ),
            p("gcloud", sub=("resource-manager", "org-policies", "disable-enforce|delete")),
            p("gcloud", sub=("org-policies", "delete|reset")),
            p("gcloud", sub=("scc", "\\S+", "delete|disable")),
            # an AWS service control policy taken off an account, unit or the root
            p("aws", sub=("organizations", "detach-policy")),
        ),
        match=(
            "az security pricing create -n VirtualMachines --tier Free",
            "aws organizations detach-policy --policy-id p-guardrails --target-id r-root",
            "gcloud resource-manager org-policies disable-enforce compute.vmExternalIpAccess "
            "--organization=482910573618",
        ),
        not_match=(
            "az security pricing create -n VirtualMachines --tier Standard",
            "gcloud resource-manager org-policies describe compute.vmExternalIpAccess "
            "--organization=482910573618",
            "aws organizations list-policies-for-target --target-id r-root "
            "--filter SERVICE_CONTROL_POLICY",
        ),
    ),
    Rule(
        "cloud.directory_role_grant",
        "permissions",
        "critical",
        "require_approval",
        "Adds someone to a Microsoft Entra (Azure AD) directory role through the Graph API: "
        "directory roles control every user, app and sign-in of the tenant.",
        (
            p("az", sub=("rest",), args_re=_GRAPH_ROLE, args_not_re=r"(?i)--method[= ]get\b"),
            p("curl", args_re=_GRAPH_ROLE + r"(?=.*(?:-X\s*POST|--data|-d\s))"),
        ),
        match=(
            "az rest --method POST --uri https://graph.microsoft.com/v1.0/directoryRoles/"
            "roleTemplateId=62e90394/members/$ref --body '{}'",
        ),
        not_match=("az rest --method GET --uri https://graph.microsoft.com/v1.0/directoryRoles",),
    ),
)

SAFE: tuple[Safe, ...] = (
    Safe(
        "cloud.access_removed",
        "Takes access away (an IAM binding or role assignment removed, an inbound rule "
        "revoked, a public member dropped): it narrows who can reach the data, it opens nothing.",
        (
            p("gcloud", sub=("projects|organizations|folders", "remove-iam-policy-binding")),
            p("gcloud", sub=("storage", "buckets", "remove-iam-policy-binding")),
            # every change is a removal (`-d X`), then only the buckets or objects
            p(
                "gsutil",
                sub=("iam|acl|defacl", "ch"),
                args_re=r"^\S+\s+ch\s+(?:-d\s+\S+\s+)+gs://\S+(?:\s+gs://\S+)*$",
            ),
            p("az", sub=("role", "assignment", "delete")),
            p("aws", sub=("ec2", "revoke-security-group-ingress|revoke-security-group-egress")),
        ),
        match=(
            "gcloud projects remove-iam-policy-binding acme --member=user:x@gmail.com "
            "--role=roles/owner",
            "gsutil iam ch -d allUsers gs://acme-data",
            "gsutil acl ch -d AllUsers gs://acme-data/report.csv",
            "az role assignment delete --assignee x@outlook.com --role Owner --scope /",
            "aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 22 "
            "--cidr 0.0.0.0/0",
        ),
        not_match=(
            "gcloud projects add-iam-policy-binding acme --member=user:x@gmail.com "
            "--role=roles/owner",
            "gsutil iam ch allUsers:objectViewer gs://acme-data",
            "gsutil iam ch -d user:a@acme.com allUsers:objectViewer gs://acme-data",
            "az role assignment create --assignee x@outlook.com --role Owner --scope /",
            "aws ec2 authorize-security-group-ingress --group-id sg-1 --port 22 --cidr 0.0.0.0/0",
        ),
    ),
    Safe(
        "cloud.read_only_listing",
        "Lists or describes IAM bindings, role assignments, policies, secrets' metadata or "
        "firewall rules without changing them or revealing a secret value.",
        (
            p("gcloud", sub=("projects|organizations|folders", "get-iam-policy")),
            p("gcloud", sub=("iam", "roles|service-accounts", "list|describe|get-iam-policy")),
            p("gcloud", sub=("secrets", "list|describe")),
            p("gcloud", sub=("secrets", "versions", "list|describe")),
            p("aws", sub=("iam", "(?:list|get)-[\\w-]+")),
            p(
                "aws",
                sub=("secretsmanager", "describe-secret|list-secrets|list-secret-version-ids"),
            ),
            p("az", sub=("role", "assignment|definition", "list|show")),
            p("az", sub=("keyvault", "secret", "list|list-versions|list-deleted")),
            p("vault", sub=("kv", "metadata", "get|list")),
            p("vault", sub=("kv|secrets|policy", "list")),
            p("vault", sub=("list",)),
            p("vault", sub=("policy", "read|list")),
            p("op", sub=("item|vault|document", "list")),
            # Doppler prints names only when asked to; `doppler secrets` alone prints values
            p(
                "doppler",
                sub=("secrets",),
                args_re=r"(?:^|\s)--only-names(?:\s|$)",
                args_not_re=r"(?:^|\s)(?:download|get|set|delete|upload|substitute)(?:\s|$)",
            ),
            # storage access read back, not changed
            p("gsutil", sub=("iam|acl|defacl", "get")),
            p("gcloud", sub=("storage", "buckets|objects", "get-iam-policy|describe")),
            p("bq", sub=("show|get-iam-policy",)),
            p(
                "aws",
                sub=(
                    "s3api",
                    "get-bucket-acl|get-bucket-policy|get-bucket-policy-status|"
                    "get-public-access-block|get-object-acl",
                ),
            ),
        ),
        match=(
            "gcloud projects get-iam-policy acme",
            "aws iam list-attached-user-policies --user-name bob",
            "aws iam get-policy-version --policy-arn arn:aws:iam::1:policy/p --version-id v1",
            "az role assignment list --assignee bob@acme.com",
            "aws secretsmanager describe-secret --secret-id prod/db",
            "aws secretsmanager list-secret-version-ids --secret-id prod/db",
            "az keyvault secret list --vault-name kv",
            "vault kv metadata get secret/prod/db",
            "vault kv list secret/prod",
            "op item list --vault Prod",
            "doppler secrets -p ledger -c prd --only-names",
            "vault policy read readers",
            "gsutil iam get gs://acme-data and check there is no allUsers binding",
            "gsutil acl get gs://acme-data/report.csv",
            "gcloud storage buckets get-iam-policy gs://acme-data",
            "aws s3api get-bucket-acl --bucket acme-data",
            "aws s3api get-bucket-policy --bucket acme-data --query Policy --output text",
        ),
        not_match=(
            "gsutil iam ch allUsers:objectViewer gs://acme-data",
            "gsutil acl ch -u AllUsers:R gs://acme-data/report.csv",
            "aws s3api put-bucket-acl --bucket acme-data --acl public-read",
            "aws secretsmanager get-secret-value --secret-id prod/db",
            "gcloud secrets versions access latest --secret db",
            "vault kv get -field=password secret/prod/db",
            "op read op://prod/db/password",
            "doppler secrets -p ledger -c prd",
            "doppler secrets download --no-file -p ledger -c prd",
            "az role assignment create --assignee x@gmail.com --role Owner",
            "aws iam attach-user-policy --user-name bob --policy-arn "
            "arn:aws:iam::aws:policy/AdministratorAccess",
        ),
        no_secret_value=True,
    ),
)
