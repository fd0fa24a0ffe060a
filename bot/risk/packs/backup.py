"""Backups: turning off a managed database's backups or point-in-time recovery, bucket
versioning or soft delete, and deleting backups, snapshots, vaults or schedules. The
reason says what is lost: the way back after a mistake."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, Safe, p

# systemd units of backup jobs: by name, or by the backup tool they run.
BACKUP_UNITS = (
    r"(?i)\S*(?:backup|borgmatic|restic|autorestic|velero|bacula|duplicity|duplicati|rsnapshot|"
    r"pgbackrest|barman|wal-g|kopia|backupninja|snapper)\S*"
)

_BACKUP_JOB_RE = re.compile(
    BACKUP_UNITS
    + r"|pg_basebackup|pg_dump|mysqldump|mongodump|\bborg\b|xtrabackup|mariabackup|snapshot"
)


def check_cron_backup_removed(cmd: Any, walk: Any) -> bool:
    """`crontab -l | grep -v BACKUP | crontab -` or `sed -i '/backup/d'` on a crontab: the
    scheduled backup job is dropped."""
    if cmd.name == "crontab" and cmd.pos[-1:] == ["-"]:
        return any(
            u.name in ("grep", "egrep") and "-v" in u.flags and _BACKUP_JOB_RE.search(u.joined)
            for u in cmd.upstream
        )
    if cmd.name == "sed" and any("cron" in a for a in cmd.pos):
        return any(
            _BACKUP_JOB_RE.search(a) and (a.endswith("/d") or a.startswith("s/^/#"))
            for a in cmd.pos
        )
    return False


CHECKS = {"cron_backup_removed": check_cron_backup_removed}

RULES: tuple[Rule, ...] = (
    Rule(
        "backup.backups_off",
        "destructive",
        "high",
        "require_approval",
        "Turns off backups, point-in-time recovery, versioning or soft delete: after the "
        "next mistake or attack there is nothing to restore from.",
        (
            p("aws", args_re=r"--backup-retention-period[= ]0(?:\s|$)"),
            p("aws", args_re=r"--snapshot-retention-limit[= ]0(?:\s|$)"),
            p(
                "aws",
                sub=("dynamodb", "update-continuous-backups"),
                args_re=r"(?i)PointInTimeRecoveryEnabled\"?\s*[=:]\s*\"?false",
            ),
            p(
                "aws",
                sub=("s3api", "put-bucket-versioning"),
                args_re=r"(?i)Status\"?\s*[=:]\s*\"?Suspended",
            ),
            p("aws", sub=("backup", "delete-backup-plan|delete-backup-selection")),
            p(
                "gcloud",
                sub=("sql", "instances", "patch"),
                flags_any=(
                    "--no-backup",
                    "--no-enable-point-in-time-recovery",
                    "--no-enable-bin-log",
                ),
            ),
            p("gcloud", args_re=r"--retained-backups-count[= ]0(?:\s|$)"),
            p("gcloud", sub=("storage", "buckets", "update"), flags_any=("--no-versioning",)),
            p("gsutil", sub=("versioning", "set", "off")),
            p("az", args_re=r"--backup-retention(?:-days)?[= ]0(?:\s|$)"),
            p("az", sub=("backup", "protection", "disable")),
            p(
                "az",
                sub=("storage", "account", "blob-service-properties", "update"),
                args_re=r"--enable-(?:delete-retention|versioning|container-delete-retention)"
                r"[= ]false",
            ),
            p("velero", sub=("schedule", "pause")),
            # pgBackRest's `stop` halts every pgBackRest process, WAL archiving included
            p("pgbackrest", sub=("stop",)),
            p("crontab", "sed", check="cron_backup_removed"),
            p("systemctl", sub=("stop|disable|mask",), args_re=BACKUP_UNITS),
        ),
        match=(
            "aws rds modify-db-instance --db-instance-identifier prod-db "
            "--backup-retention-period 0 --apply-immediately",
            "aws rds modify-db-cluster --db-cluster-identifier prod --backup-retention-period=0",
            "aws dynamodb update-continuous-backups --table-name orders "
            "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=false",
            "aws s3api put-bucket-versioning --bucket acme-data "
            "--versioning-configuration Status=Suspended",
            "aws backup delete-backup-plan --backup-plan-id 1234",
            "gcloud sql instances patch prod-db --no-backup",
            "gcloud sql instances patch prod-db --no-enable-point-in-time-recovery",
            "gsutil versioning set off gs://acme-data",
            "az postgres flexible-server update -g rg -n prod-pg --backup-retention 0",
            "az backup protection disable --container-name c --item-name vm1 -g rg -v vault "
            "--delete-backup-data true --yes",
            "az storage account blob-service-properties update --account-name acme "
            "--enable-delete-retention false",
            "velero schedule pause daily",
            "pgbackrest --stanza=main stop",
            "crontab -l | grep -v pg_basebackup | crontab -",
            "sudo sed -i '/borgmatic/d' /etc/cron.d/backups",
            "sudo systemctl disable --now pg-backup.timer",
            "sudo systemctl disable --now borgmatic.timer",
        ),
        not_match=(
            "aws rds modify-db-instance --db-instance-identifier prod-db "
            "--backup-retention-period 14",
            "aws dynamodb update-continuous-backups --table-name orders "
            "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
            "aws dynamodb describe-continuous-backups --table-name orders",
            "aws s3api put-bucket-versioning --bucket b --versioning-configuration Status=Enabled",
            "gcloud sql instances patch prod-db --backup-start-time 02:00",
            "gcloud sql instances patch prod-db --enable-point-in-time-recovery",
            "gsutil versioning set on gs://acme-data",
            "az postgres flexible-server update -g rg -n prod-pg --backup-retention 14",
            "systemctl status pg-backup.timer",
            "pgbackrest --stanza=main start",
            "crontab -l | grep pg_basebackup",
            "crontab -l | grep -v '^#' | crontab -",
        ),
    ),
    Rule(
        "backup.delete_backups",
        "destructive",
        "high",
        "require_approval",
        "Deletes backups, snapshots, recovery points or a backup vault or schedule: the copies "
        "kept for recovering from a mistake are gone.",
        (
            p("aws", sub=("backup", "delete-(?:backup-vault|recovery-point)\\S*")),
            p("aws", sub=("rds|docdb|neptune", "delete-db(?:-cluster)?-snapshot")),
            p("aws", sub=("ec2", "delete-snapshot|deregister-image")),
            p("aws", sub=("dynamodb", "delete-backup")),
            p("aws", sub=("lightsail|redshift|elasticache", "delete-\\S*snapshot\\S*")),
            p("gcloud", sub=("sql", "backups", "delete")),
            p("gcloud", sub=("compute", "snapshots|resource-policies|machine-images", "delete")),
            p("gcloud", sub=("\\S+", "backups", "delete")),
            p("az", sub=("backup", "vault|recoverypoint|policy", "delete")),
            p("az", sub=("snapshot", "delete")),
            p("az", sub=("\\S+", "\\S*backup\\S*", "delete")),
            p("velero", sub=("backup|schedule|snapshot-location|backup-location", "delete")),
            p("doctl", sub=("compute", "snapshot", "delete")),
            p("restic", sub=("forget",)),
            p("borg", sub=("delete|prune",)),
            p("pgbackrest", sub=("stanza-delete",)),
            p("barman", sub=("delete",)),
            p("kopia", sub=("snapshot", "delete|expire"), flags_any=("--delete",)),
            p("kopia", sub=("repository", "disconnect|set-parameters"), args_re=r"--retention"),
            p("wal-g", "wal-e", sub=("delete",)),
            p(
                "duplicity",
                sub=("remove-older-than|remove-all-but-n-full|remove-all-inc-of-but-n-full",),
                flags_any=("--force",),
            ),
            p("tarsnap", flags_any=("-d", "--nuke")),
            p("vssadmin", sub=("delete",), args_re=r"(?i)shadows"),
            p("wbadmin", sub=("delete",)),
        ),
        match=(
            "aws backup delete-backup-vault --backup-vault-name prod-vault",
            "aws backup delete-recovery-point --backup-vault-name prod "
            "--recovery-point-arn arn:aws:backup:x",
            "aws rds delete-db-snapshot --db-snapshot-identifier prod-snap-2026",
            "aws rds delete-db-cluster-snapshot --db-cluster-snapshot-identifier x",
            "aws ec2 delete-snapshot --snapshot-id snap-1",
            "gcloud sql backups delete 123 --instance prod-db",
            "gcloud compute snapshots delete prod-disk-snap",
            "az backup vault delete --name v --resource-group rg --yes",
            "velero backup delete --all --confirm",
            "velero schedule delete daily-prod",
            "doctl compute snapshot delete 1234 --force",
            "restic -r s3:s3.amazonaws.com/backups forget --keep-last 1 --prune",
            "borg delete /mnt/backups::archive-1",
            "pgbackrest --stanza=main --force stanza-delete",
            "barman delete pg-main oldest",
            "kopia snapshot delete k1f2 --delete",
            "wal-g delete everything FORCE --confirm",
            "duplicity remove-all-but-n-full 1 --force s3://acme-backups/db",
            "tarsnap -d -f nightly-2026-11-30",
        ),
        not_match=(
            "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod",
            "aws rds describe-db-snapshots",
            "aws rds create-db-snapshot --db-instance-identifier prod --db-snapshot-identifier s",
            "gcloud sql backups list --instance prod-db",
            "velero backup get",
            "velero backup describe nightly",
            "velero backup create nightly --include-namespaces prod",
            "velero schedule get",
            "restic -r /srv/restic snapshots",
            "borg list /mnt/backups",
            "pgbackrest --stanza=main info",
            "pgbackrest --stanza=main check",
            "barman list-backup pg-main",
            "kopia snapshot list",
            "kopia snapshot delete k1f2",
            "wal-g backup-list",
            "duplicity remove-all-but-n-full 1 s3://acme-backups/db",
            "tarsnap --list-archives",
        ),
    ),
)

SAFE: tuple[Safe, ...] = (
    Safe(
        "backup.read_only",
        "Lists, describes or creates backups without removing any.",
        (
            p("velero", sub=("backup|schedule|restore", "get|describe|logs|create")),
            p("aws", sub=("backup|rds|dynamodb", "(?:list|describe|get)-[\\w-]+")),
            p("gcloud", sub=("sql", "backups", "list|describe|create")),
        ),
        match=(
            "velero backup get",
            "velero backup describe nightly --details",
            "aws backup list-backup-vaults",
            "aws rds describe-db-snapshots --db-instance-identifier prod",
            "gcloud sql backups list --instance prod-db",
        ),
        not_match=(
            "velero backup delete --all --confirm",
            "aws backup delete-backup-vault --backup-vault-name v",
        ),
    ),
)
