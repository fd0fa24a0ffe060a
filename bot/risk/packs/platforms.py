"""Platform CLIs and web APIs beyond the big clouds: database and app platforms whose
subcommand verbs delete (PlanetScale, Neon, MongoDB Atlas, Confluent, Cloud Foundry, …),
scheduler jobs purged, whole folders of customer data pulled from a bucket or a data
lake onto a laptop, and SaaS web APIs called with curl that bring an outside
organisation into a channel or open a file to anyone."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.risk.packs.base import Rule, Safe, p

# Database, app and streaming platforms whose subcommands read `<noun> delete <name>`:
# `service_verb` (the shell detector's check) reads their verbs as it does for
# `heroku`, `doctl` or `gcloud`.
PLATFORM_CLIS = (
    "pscale",
    "neonctl",
    "neon",
    "atlas",
    "mongocli",
    "confluent",
    "ccloud",
    "cf",
    "yc",
    "tccli",
    "vultr-cli",
    "civo",
    "koyeb",
    "turso",
    "upstash",
    "snow",
)

# Where a copy lands on this machine: the working directory, a home folder, a drive.
_LOCAL_DEST_RE = re.compile(
    r"(?i)^(?:\.{1,2}(?:/|\\|$)|~|/(?:Users|home)/|[A-Z]:\\|[\w.-]+/?$)|downloads|desktop"
)
_REMOTE_SRC_RE = re.compile(r"(?i)^(?:s3|gs|az|r2|dbfs|abfss?|wasbs?)://|^dbfs:/|\.blob\.core\.")
_RCLONE_REMOTE_RE = re.compile(r"^[A-Za-z][\w-]*:")
# Words in a bucket or path that say whose data it is: people.
_PEOPLE_DATA_RE = re.compile(
    r"(?i)pii|customer|client|patient|claim|member|subscriber|user|employee|staff|payroll|"
    r"salar|contact|ssn|personal|health|medical|billing|invoice|payment|card|crm|passport|"
    r"(?:^|[/_.-])hr(?:$|[/_.-])"
)
_BULK_FLAGS = frozenset({"-r", "-R", "--recursive", "--recurse"})
# (program, subcommand words) that copy; sync/mirror/batch copies are bulk by nature.
_COPIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "aws": (("s3", "cp"), ("s3", "sync")),
    "gsutil": (("cp",), ("-m", "cp"), ("rsync",), ("-m", "rsync")),
    "gcloud": (("storage", "cp"), ("storage", "rsync")),
    "databricks": (("fs", "cp"),),
    "az": (("storage", "blob", "download-batch"), ("storage", "fs", "directory", "download")),
    "azcopy": (("copy",), ("cp",), ("sync",)),
    "rclone": (("copy",), ("sync",), ("copyto",)),
    "s3cmd": (("get",), ("sync",)),
    "mc": (("cp",), ("mirror",)),
}
_ALWAYS_BULK = frozenset({"sync", "rsync", "mirror", "download-batch", "download"})


def check_bulk_download(cmd: Any, walk: Any) -> bool:
    """A whole folder of people's data copied from a bucket or data lake to this machine."""
    shapes = _COPIES.get(cmd.name)
    if not shapes:
        return False
    words = [a for a in cmd.args if a in ("-m",) or not a.startswith("-")]
    shape = next((s for s in shapes if tuple(words[: len(s)]) == s), None)
    if shape is None:
        return False
    bulk = (
        bool(cmd.flags & _BULK_FLAGS)
        or shape[-1] in _ALWAYS_BULK
        or (cmd.name == "rclone" and shape[-1] == "copy")  # rclone copies directories
    )
    return any(
        _downloads_people_data(cmd, src, dest, bulk) for src, dest in _copy_pairs(cmd, shape)
    )


def _copy_pairs(cmd: Any, shape: tuple[str, ...]) -> list[tuple[str, str]]:
    """(source, destination) pairs a copy command may mean."""
    if cmd.name == "az":
        sources = cmd.value("--source", "-s", "--source-path") + cmd.value("--account-name")
        dests = cmd.value("--destination", "-d", "--destination-path")
        return [(s, d) for s in sources for d in dests]
    rest = [a for a in cmd.pos if a not in shape]
    return [(a, b) for a, b in zip(rest, rest[1:], strict=False)]


def _downloads_people_data(cmd: Any, src: str, dest: str, bulk: bool) -> bool:
    """A remote folder (or glob) of people's data copied to a local path."""
    remote = (
        cmd.name == "az"
        or _REMOTE_SRC_RE.search(src)
        or (cmd.name == "rclone" and _RCLONE_REMOTE_RE.match(src))
    )
    if not remote or _REMOTE_SRC_RE.search(dest) or _RCLONE_REMOTE_RE.match(dest):
        return False
    if not _LOCAL_DEST_RE.search(dest):
        return False
    return bool((bulk or "*" in src or src.endswith("/")) and _PEOPLE_DATA_RE.search(src))


_REDIS_DELETE = frozenset({"del", "unlink"})
_REDIS_VALUE_OPTS = frozenset({"-h", "-p", "-a", "-n", "-u", "--user", "--pass", "--pattern"})


def check_redis_bulk_delete(cmd: Any, walk: Any) -> bool:
    """`redis-cli --scan --pattern 'session:*' | xargs redis-cli DEL`: every key a scan
    finds is deleted, however many there are."""
    if not cmd.args_from_stdin:
        return False
    args, i = cmd.args, 0
    while i < len(args):
        if args[i] in _REDIS_VALUE_OPTS:
            i += 2
            continue
        if not args[i].startswith("-"):
            return args[i].lower() in _REDIS_DELETE
        i += 1
    return False


_SAS_BROAD_PERMS = frozenset("wdlcaxy")  # write, delete, list, create, add, execute, move
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
SAS_MAX_DAYS = 7
"""A SAS token valid longer than this is a standing key to the data, not a handover."""


def check_sas_exposes(cmd: Any, walk: Any) -> bool:
    """`az storage … generate-sas`: a token anyone holding it can use. Held when it covers
    the whole account, lists or writes a whole container or share, or lives for weeks."""
    if "generate-sas" not in cmd.pos[:4]:
        return False
    level = cmd.pos[1] if len(cmd.pos) > 1 else ""
    if level == "account":
        return True
    perms = "".join(cmd.value("--permissions")).lower()
    if level in ("container", "share", "fs", "queue", "table") and set(perms) & _SAS_BROAD_PERMS:
        return True
    for expiry in cmd.value("--expiry"):
        m = _DATE_RE.match(expiry)
        if m is None:
            continue  # computed at run time (`$(date …)`): judged by its permissions
        try:
            until = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return True  # an expiry nobody can read: fail closed
        if (until - date.today()).days > SAS_MAX_DAYS:
            return True
    return False


CHECKS = {
    "bulk_download": check_bulk_download,
    "redis_bulk_delete": check_redis_bulk_delete,
    "sas_exposes": check_sas_exposes,
}

RULES: tuple[Rule, ...] = (
    Rule(
        "platform.service_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes a database, cluster, app or project on a hosting platform: its data and "
        "everything that depends on it go with it.",
        (p(*PLATFORM_CLIS, check="service_verb"),),
        match=(
            "pscale database delete ledger-prod --force",
            "pscale branch delete ledger main",
            "neonctl projects delete proud-rain-123456",
            "atlas clusters delete prod-cluster --force",
            "confluent kafka cluster delete lkc-abc123",
            "cf delete billing-prod -f",
            "cf delete-service orders-db -f",
            "yc managed-postgresql cluster delete --name ledger",
            "snow object drop table analytics.events",
        ),
        not_match=(
            "pscale branch list ledger-prod",
            "pscale database show ledger-prod",
            "neonctl projects list",
            "atlas clusters describe prod-cluster",
            "confluent kafka cluster list",
            "cf apps",
            "snow object list table",
        ),
    ),
    Rule(
        "platform.job_purge",
        "destructive",
        "high",
        "require_approval",
        "Stops a scheduler job and purges it: its definition, history and allocations are "
        "gone, and the service it ran is down until someone resubmits it.",
        (p("nomad", sub=("job", "stop"), args_re=r"(?:^|\s)--?purge(?:\s|=|$)"),),
        match=("nomad job stop -purge payments-api", "nomad job stop -purge -detach api"),
        not_match=(
            "nomad job status payments-api",
            "nomad job stop -detach canary-test",
            "nomad job plan api.nomad",
        ),
    ),
    Rule(
        "platform.redis_bulk_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes every Redis key a scan or a list feeds it: sessions, caches or queues go in "
        "bulk, and Redis keeps no undo.",
        (p("redis-cli", "valkey-cli", "keydb-cli", check="redis_bulk_delete"),),
        match=(
            "redis-cli -h cache-prod --scan --pattern 'session:*' | xargs redis-cli -h cache-prod "
            "DEL",
            "redis-cli --scan --pattern 'cart:*' | xargs -n 100 redis-cli UNLINK",
        ),
        not_match=(
            "redis-cli -h cache-prod --scan --pattern 'session:*' | head -20",
            "redis-cli --scan --pattern 'cart:*' | xargs -n 100 redis-cli TTL",
            "redis-cli -h cache-prod DEL session:4f1c2a",
        ),
    ),
    Rule(
        "platform.hdfs_delete",
        "destructive",
        "high",
        "require_approval",
        "Deletes a Hadoop directory tree, or skips the trash: the data lake's files are gone "
        "with no way back.",
        (
            p(
                "hdfs",
                "hadoop",
                sub=("dfs|fs",),
                args_re=r"(?:^|\s)-rmr(?:\s|$)|(?:^|\s)-rm\s(?:.*\s)?(?:-r|-R|-skipTrash)(?:\s|$)",
            ),
        ),
        match=(
            "hdfs dfs -rm -r -skipTrash /data/warehouse/events",
            "hadoop fs -rmr /user/hive/warehouse/crm.db",
            "hdfs dfs -rm -skipTrash /data/raw/2024-05-01.parquet",
        ),
        not_match=(
            "hdfs dfs -ls -R /data/warehouse/events",
            "hdfs dfs -rm /tmp/job-42/_SUCCESS",
            "hadoop fs -du -s -h /user/hive/warehouse",
        ),
    ),
    Rule(
        "platform.pool_destroy",
        "destructive",
        "high",
        "require_approval",
        "Destroys a ZFS dataset, its snapshots or a whole pool: every file on it goes, and "
        "snapshots are often the backups.",
        (p("zfs", sub=("destroy",)), p("zpool", sub=("destroy|labelclear",))),
        match=(
            "zfs destroy -r tank/backups",
            "zfs destroy tank/db@2024-05-01",
            "zpool destroy tank",
        ),
        not_match=("zfs list -t snapshot", "zfs snapshot tank/db@pre-upgrade", "zpool status"),
    ),
    Rule(
        "platform.bulk_download",
        "exfiltration",
        "high",
        "require_approval",
        "Copies a whole folder of customer, patient or staff data from a bucket or data lake "
        "onto this machine: the data leaves the place where access is controlled and logged.",
        (p(*_COPIES, check="bulk_download"),),
        match=(
            "databricks fs cp -r dbfs:/mnt/prod/claims_pii/ ./claims_pii_local/",
            "aws s3 cp s3://acme-prod/customers/ ~/Downloads/ --recursive",
            "aws s3 sync s3://northwind-customer-exports/ .",
            "gsutil -m cp -r gs://acme-patients-raw/* /Users/jl/Desktop/",
            "gcloud storage cp -r gs://acme-crm/contacts ./contacts",
            "rclone copy prod-s3:acme-payroll/2024 ~/payroll",
            "azcopy copy 'https://acmeprod.blob.core.windows.net/customers/*' ./dump",
        ),
        not_match=(
            "aws s3 cp s3://acme-prod-assets/logo.png ./logo.png",
            "aws s3 sync s3://acme-ml-models/resnet/ ./models",
            "aws s3 cp ./customers.csv s3://acme-customers/ --recursive",
            "databricks fs ls dbfs:/mnt/prod/claims_pii/",
            "databricks fs cp ./notebook.py dbfs:/mnt/prod/code/notebook.py",
            "gsutil cp gs://acme-customers/schema.json ./schema.json",
            "aws s3 sync s3://acme-customers/ s3://acme-customers-backup/",
            "aws s3 ls s3://acme-customers/ --recursive",
        ),
    ),
    Rule(
        "platform.slack_connect_invite",
        "exfiltration",
        "high",
        "require_approval",
        "Invites an outside organisation into a Slack channel (Slack Connect): everything "
        "said and shared there, past and future, is readable outside the company.",
        (
            p(
                "curl",
                "http",
                "https",
                "xh",
                "wget",
                args_re=r"(?i)slack\.com/api/(?:conversations\.inviteShared|"
                r"admin\.conversations\.(?:setTeams|convertToShared)|"
                r"conversations\.acceptSharedInvite)",
            ),
        ),
        match=(
            "curl -X POST https://slack.com/api/conversations.inviteShared -H 'Authorization: "
            "Bearer $T' -d channel=C04LEGAL -d emails=counsel@harlow-law.com",
            "http POST https://slack.com/api/conversations.inviteShared channel=C1 "
            "external_limited=false",
        ),
        not_match=(
            "curl -X POST https://slack.com/api/conversations.invite -d channel=C04LEGAL "
            "-d users=U02ANA77",
            "curl https://slack.com/api/conversations.info?channel=C04LEGAL",
        ),
    ),
    Rule(
        "platform.sas_link",
        "permissions",
        "medium",
        "require_approval",
        "Creates an Azure SAS token: anyone holding the link reads (or writes) the data "
        "without logging in, for the whole account, a whole container, or for weeks.",
        (p("az", sub=("storage",), check="sas_exposes"),),
        match=(
            "az storage container generate-sas --account-name acmeprod -n invoices "
            "--permissions rl --expiry 2099-01-01 -o tsv",
            "az storage account generate-sas --account-name acmeprod --services b "
            "--resource-types sco --permissions r --expiry 2099-01-01",
            "az storage blob generate-sas --account-name acmeprod -c invoices -n q3.pdf "
            "--permissions r --expiry 2099-06-30T00:00Z",
        ),
        not_match=(
            "az storage blob generate-sas --account-name acmeprod -c invoices -n q3.pdf "
            "--permissions r --expiry $(date -u -d '30 minutes' '+%Y-%m-%dT%H:%MZ')",
            "az storage container show --account-name acmeprod -n invoices",
            "az storage container list --account-name acmeprod",
        ),
    ),
    Rule(
        "platform.public_link_api",
        "permissions",
        "critical",
        "require_approval",
        "Calls a file-sharing API to open a file to anyone with the link or to the whole "
        "internet: it can be read outside the company.",
        (
            p(
                "curl",
                "http",
                "https",
                "xh",
                "wget",
                args_re=r"(?i)slack\.com/api/files\."
                r"sharedPublicURL",
            ),
            p(
                "curl",
                "http",
                "https",
                "xh",
                "wget",
                args_re=r"(?i)googleapis\.com/drive/v\d/files/\S+/permissions\b.*"
                r"[\"']?type[\"']?\s*[:=]\s*[\"']?anyone",
            ),
        ),
        match=(
            "curl -X POST https://slack.com/api/files.sharedPublicURL -d file=F0123ABC",
            "curl -X POST 'https://www.googleapis.com/drive/v3/files/1AbC/permissions' "
            '-d \'{"role": "reader", "type": "anyone"}\'',
        ),
        not_match=(
            "curl https://slack.com/api/files.info?file=F0123ABC",
            "curl -X POST 'https://www.googleapis.com/drive/v3/files/1AbC/permissions' "
            '-d \'{"role": "reader", "type": "user", "emailAddress": '
            '"dana@acme.example"}\'',
        ),
    ),
)

SAFE: tuple[Safe, ...] = (
    Safe(
        "platform.bounded_series_delete",
        "Deletes the points of one series (a tag or measurement named with `=`) inside a "
        "bounded time window: the time-series form of `DELETE … WHERE key = …`.",
        (
            p(
                "influx",
                sub=("delete",),
                args_re=r"--predicate\s+\S*\w+\s*=\s*\S+.*--start\s+(?!1970|0001)\d{4}-"
                r"|--start\s+(?!1970|0001)\d{4}-.*--predicate\s+\S*\w+\s*=\s*\S+",
                args_not_re=r"--stop\s+(?:20[3-9]\d|2[1-9]\d\d|9999)",
            ),
        ),
        match=(
            "influx delete --bucket metrics-prod --org acme --start 2024-05-02T10:00:00Z "
            '--stop 2024-05-02T10:05:00Z --predicate \'_measurement="cpu" AND host="a7"\'',
        ),
        not_match=(
            "influx delete --bucket metrics-prod --org acme --start 1970-01-01T00:00:00Z "
            "--stop 2030-01-01T00:00:00Z",
            "influx delete --bucket metrics-prod --start 2024-05-02T10:00:00Z "
            "--stop 2024-05-02T10:05:00Z",
            "influx delete --bucket m --start 2024-01-01T00:00:00Z --stop 2099-01-01T00:00:00Z "
            "--predicate 'host=\"a7\"'",
        ),
    ),
    Safe(
        "platform.bfg_local_rewrite",
        "BFG Repo-Cleaner rewrites a local clone; the file names it takes are what to strip, "
        "not files it reads. Pushing the result is judged on its own.",
        (p("bfg"),),  # `java -jar bfg.jar …` reaches the rules as `bfg …`
        match=(
            "java -jar bfg.jar --delete-files id_rsa /tmp/platform-infra-mirror.git",
            "bfg --replace-text passwords.txt repo.git",
        ),
        not_match=("cat ~/.ssh/id_rsa", "java -jar tool.jar --read ~/.ssh/id_rsa"),
    ),
)
