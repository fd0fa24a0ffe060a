"""Documents that switch a protection off, open a store's rules, or hand out the keys.

Kinds the other document packs did not read (found by the doc8 sweep of issue 19):

- a security control switched off by its name, whatever the file: Helm values
  (`falco: {enabled: false}`), CI variables (`SAST_DISABLED: "true"`), an identity
  provider's realm (`bruteForceProtected: false`, a TOTP required action disabled), a
  conditional-access or MFA policy resource whose `state` is `disabled`;
- a backup job taken out: a Kubernetes CronJob that runs backups suspended, a Velero
  chart schedule disabled, a crontab backup line commented out while no other runs,
  PostgreSQL WAL archiving off, a backup vault's soft delete or immutability off;
- a package index nobody vetted: pip's `extra-index-url` / `trusted-host`, `.npmrc`
  `registry` over plain HTTP or with `strict-ssl=false`, pointing outside the company
  and the public registries;
- a Vault policy over every path, a GitHub / GitLab membership with the owner role;
- Firebase security rules (Firestore, Storage, Realtime Database) open to anyone;
- a log shipper or a Kafka mirror streaming people's records to a host outside;
- an admin UI (Kubernetes dashboard, Argo CD, Kibana …) on an Ingress with no source
  range and no authentication in front;
- a database published by Compose on every address with its authentication off;
- an Ansible task giving someone root (sudo / wheel group, a NOPASSWD sudoers line).

Each judge reads parsed trees, HCL bodies and settings (`bot.risk.documents`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.risk.hcl import LABELS
from bot.risk.packs.docmodel import (
    Doc,
    DocRule,
    Judge,
    all_mappings,
    as_list,
    falsy,
    get_path,
    k8s_objects,
    object_name,
    text_of,
    truthy,
)
from bot.risk.packs.net import covers_admin_port, is_anywhere, outside

# ---------------------------------------------------------------- security controls off

_CONTROL = (
    r"(?:falco|falcosidekick|crowdstrike|falcon|sysdig|wazuh|osquery|defender|guardduty|"
    r"securityhub|inspector|macie|trivyoperator|kyverno|gatekeeper|waf|modsecurity|apparmor|"
    r"selinux|seccomp|auditd|auditlog|auditlogging|bruteforce|bruteforceprotection|"
    # the record of who did what: an audit trail, access logs, CloudTrail, flow logs
    r"audit|auditing|audittrail|auditlogs|accesslogs?|accesslogging|cloudtrail|flowlogs?|"
    r"bruteforcedetection|mfa|2fa|twofactor|twofactorauth|otp|totp|webauthn|dlp|antivirus|"
    r"clamav|edr|sast|dast|secretdetection|secretscanning|dependencyscanning|"
    r"containerscanning|codeql|pushprotection|signatureverification|imageverification|"
    # an endpoint agent's protections by their settings' names (Defender, Falcon, EDR
    # policies): real-time scanning, tamper protection, cloud and on-sensor detection,
    # behaviour monitoring, quarantine, exploit and ransomware protection
    r"realtimeprotection|realtimemonitoring|realtimescanning|tamperprotection|antitamper|"
    r"antitampering|sensorantitampering|cloudprotection|clouddeliveredprotection|onsensorml|"
    r"cloudml|behaviou?rmonitoring|behaviou?rprotection|quarantine|exploitprotection|"
    r"ransomwareprotection|networkprotection|webprotection|urlfiltering|webfiltering|"
    r"sslinspection|tlsinspection|"
    # what stops a payment going out unchecked: card authentication, fraud screening and a
    # second person's approval ("three_d_secure: disabled", "require_second_approver: false")
    r"threedsecure|threeds|3ds|3dsecure|frauddetection|fraudscreening|fraudrules|"
    r"fraudprevention|fraudfilters?|fraudchecks?|antifraud|radarrules|secondapprover|"
    r"secondapproval|dualapproval|dualcontrol|foureyes|makerchecker)"
)
_CONTROL_SWITCH = re.compile(
    rf"^(?:enable|enabled|is|require|requires)?{_CONTROL}"
    r"(?:enabled|enable|protected|on|configuration|mode|enforcement|status|state)?$"
)
_CONTROL_OFF = re.compile(
    rf"^(?:disable|disabled|skip|no){_CONTROL}$|^{_CONTROL}(?:disabled|off|skip)$"
)
_CONTROL_ALIAS = re.compile(rf"(?i)^{_CONTROL}$|^configure_?(?:totp|otp|mfa)$|^webauthn")
_OFF_STATES = frozenset(
    {"disabled", "inactive", "off", "enabledforreportingbutnotenforced", "reportonly"}
)
_POLICY_TYPE = re.compile(
    r"(?i)conditional_?access|mfa|authentication_?polic|sign_?on_?polic|password_?polic"
)
_POLICY_SHAPE = ("grant_controls", "grantControls", "conditions")


def _norm(key: str) -> str:
    return re.sub(r"[\W_]", "", key.lower())


def _switch_off(key: str, value: Any) -> str | None:
    k = _norm(key)
    if isinstance(value, dict):
        if re.fullmatch(_CONTROL, k):
            for switch in ("enabled", "enable", "active"):
                if switch in value and falsy(value[switch]):
                    return f"{key}.{switch}: false"
        return None
    if isinstance(value, list):
        return None
    if _CONTROL_OFF.match(k) and truthy(value):
        return f"{key}: {text_of(value) or 'true'}"
    if _CONTROL_SWITCH.match(k) and falsy(value) and text_of(value) != "0":
        return f"{key}: {text_of(value) or 'false'}"
    return None


def judge_proxy_open(doc: Doc) -> list[str]:
    """A Squid filtering proxy that lets every request through (`http_access allow all`:
    no source, destination or category rule applies) or keeps no access log (`access_log
    none`): what the proxy existed to filter or record passes unseen."""
    out = []
    for key, value in doc.directives:
        words = value.lower().split()
        if key == "http_access" and words[:1] == ["allow"] and words[1:] == ["all"]:
            out.append("squid: http_access allow all")
        elif key == "access_log" and words[:1] == ["none"]:
            out.append("squid: access_log none")
    return out


def judge_control_switch_off(doc: Doc) -> list[str]:
    """A security control switched off by its key, in YAML, JSON, HCL or a settings file;
    a required action (TOTP, WebAuthn) disabled; an MFA or conditional-access policy whose
    state is disabled or report-only."""
    out = []
    for d in all_mappings(doc):
        out += [
            hit
            for key, value in d.items()
            if isinstance(key, str) and key != LABELS and value is not None
            if (hit := _switch_off(key, value))
        ]
        out += _action_or_policy_off(d)
    out += [hit for _s, key, value in doc.settings if (hit := _switch_off(key, value))]
    return list(dict.fromkeys(out))


def _action_or_policy_off(d: dict[str, Any]) -> list[str]:
    """A required action (TOTP, WebAuthn) disabled; an MFA / conditional-access policy in
    state disabled or report-only."""
    out = []
    alias = text_of(d.get("alias") or d.get("providerId"))
    if alias and _CONTROL_ALIAS.match(alias) and falsy(d.get("enabled")):
        out.append(f"{alias}: enabled false")
    state = _norm(text_of(d.get("state") or d.get("status")))
    labels = [str(x) for x in d.get(LABELS) or []]
    typed = bool(labels and _POLICY_TYPE.search(labels[0])) or any(k in d for k in _POLICY_SHAPE)
    if state in _OFF_STATES and typed:
        name = text_of(d.get("display_name") or d.get("displayName") or d.get("name"))
        out.append(f"policy {name or '.'.join(labels[:2])}: state {state}")
    return out


# ---------------------------------------------------------------- backup jobs taken out

_BACKUP_WORDS = re.compile(
    r"(?i)backup|basebackup|pg_dump|mysqldump|mongodump|snapshot|wal-g|walg|pgbackrest|"
    r"barman|restic|borg|velero|rsnapshot|duplicity|sauvegarde|respaldo|sicherung|"
    r"\bdump(?:all)?\b"
)


def _cronjob_backup(obj: dict[str, Any]) -> bool:
    spec: dict[str, Any] = obj["spec"] if isinstance(obj.get("spec"), dict) else {}
    containers = get_path(spec, "jobTemplate", "spec", "template", "spec", "containers")
    said = [object_name(obj)] + [
        f"{text_of(c.get('name'))} {text_of(c.get('image'))} {c.get('command') or ''}"
        for c in as_list(containers)
        if isinstance(c, dict)
    ]
    return any(_BACKUP_WORDS.search(s) for s in said)


def _velero_schedules(d: dict[str, Any]) -> list[str]:
    """Chart values `schedules: {name: {disabled: true, template: {ttl, includedNamespaces}}}`."""
    out: list[str] = []
    schedules = d.get("schedules")
    if not isinstance(schedules, dict):
        return out
    for name, s in schedules.items():
        if not isinstance(s, dict):
            continue
        template: dict[str, Any] = s["template"] if isinstance(s.get("template"), dict) else {}
        velero = any(k in template for k in ("ttl", "includedNamespaces", "snapshotVolumes"))
        if velero and (truthy(s.get("disabled")) or truthy(s.get("paused"))):
            out.append(f"backup schedule {name}: disabled")
    return out


_ARCHIVE_NOOP = frozenset({"/bin/true", "true", ":", "exit 0", "/usr/bin/true", ""})


def judge_backup_job_off(doc: Doc) -> list[str]:
    """A backup CronJob suspended, a Velero schedule disabled, a vault's soft delete or
    immutability off, the only crontab backup line commented out, WAL archiving off."""
    out = []
    for obj in k8s_objects(doc, "CronJob"):
        spec: dict[str, Any] = obj["spec"] if isinstance(obj.get("spec"), dict) else {}
        if truthy(spec.get("suspend")) and _cronjob_backup(obj):
            out.append(f"CronJob {object_name(obj)}: suspended")
    for d in all_mappings(doc):
        out += _velero_schedules(d)
        out += [
            hit
            for key, value in d.items()
            if isinstance(key, str) and not isinstance(value, dict | list)
            if (hit := _recovery_off(key, value))
        ]
    return list(dict.fromkeys(out + _cron_and_archive_off(doc)))


_SOFT_DELETE = re.compile(r"(?:enable)?softdelete(?:enabled|retentionindays|retentiondays)?")


def _recovery_off(key: str, value: Any) -> str | None:
    """A vault's soft delete (`soft_delete_enabled = false`, retention 0 days) or
    immutability (`Disabled`) off."""
    k = _norm(key)
    if _SOFT_DELETE.fullmatch(k) and (
        falsy(value) or (k.endswith("days") and text_of(value) == "0")
    ):
        return f"{key}: {text_of(value) or 'false'}"
    if k == "immutability" and text_of(value).lower() == "disabled":
        return f"{key}: Disabled"
    return None


def _cron_and_archive_off(doc: Doc) -> list[str]:
    out = []
    live = [c for on, c in doc.cron if on and _BACKUP_WORDS.search(c)]
    off = [c for on, c in doc.cron if not on and _BACKUP_WORDS.search(c)]
    if off and not live:
        out.append(f"crontab: backup job commented out ({off[0][:60]})")
    settings = {key: value for section, key, value in doc.settings if section in ("", "main")}
    settings.update(dict(doc.directives))
    if settings.get("archive_mode", "").lower() in ("off", "false", "no"):
        out.append("archive_mode = off (no WAL archive)")
    elif "archive_mode" in settings and settings.get("archive_command", "x").strip() in (
        _ARCHIVE_NOOP
    ):
        out.append("archive_command does nothing")
    return out


# ---------------------------------------------------------------- package sources

_PUBLIC_INDEXES = (
    "pypi.org",
    "pypi.python.org",
    "files.pythonhosted.org",
    "registry.npmjs.org",
    "registry.yarnpkg.com",
    "npm.pkg.github.com",
    "download.pytorch.org",
    "rubygems.org",
    "repo.maven.apache.org",
    "repo1.maven.org",
    "proxy.golang.org",
)
_INDEX_KEYS = frozenset(
    {
        "index-url",
        "index_url",
        "extra-index-url",
        "extra_index_url",
        "registry",
        "npmregistryserver",
    }
)
_TRUST_KEYS = frozenset({"trusted-host", "trusted_host"})
_TLS_OFF_KEYS = frozenset(
    {"strict-ssl", "strict_ssl", "enablestrictssl", "sslverify", "ssl_verify"}
)
_INTERNAL_HOST = re.compile(r"(?i)(?:^|\.)(?:internal|corp|intranet|lan|local|localhost)(?:\.|$)")


def _unknown_host(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().strip()
    if not host or _INTERNAL_HOST.search(host) or re.match(r"^(?:10|127|192\.168)\.", host):
        return False
    if any(host == p or host.endswith("." + p) for p in _PUBLIC_INDEXES):
        return False
    return not domains or outside(host, domains)


def _settings_and_keys(doc: Doc) -> list[tuple[str, str]]:
    pairs = [(key, value) for _s, key, value in doc.settings]
    for d in all_mappings(doc):
        for key, value in d.items():
            if isinstance(key, str) and isinstance(value, str | bool):
                pairs.append((key, value if isinstance(value, str) else str(value).lower()))
    return pairs


_TLS_OFF = frozenset(_norm(t) for t in _TLS_OFF_KEYS)
_INDEX = frozenset(_norm(x) for x in _INDEX_KEYS)


def _index_untrusted(
    key: str, url: str, domains: tuple[str, ...], trusted: set[str], tls_off: bool
) -> str | None:
    """An index setting (`registry`, `@scope:registry`, `index-url`, `extra-index-url`)
    naming an unknown host over HTTP, trusted, with TLS off, or as an extra index."""
    k = key.lower().split(":")[-1] if key.startswith("@") else key.lower()
    if ("registry" not in k and "index" not in k) or _norm(k) not in _INDEX:
        return None
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    if not _unknown_host(host, domains):
        return None
    if parts.scheme == "http" or host in trusted or tls_off or "extra" in k:
        return f"{key} = {parts.scheme}://{host}"
    return None


def judge_package_source(doc: Doc) -> list[str]:
    """pip / npm / yarn configuration pointing at an index outside the company and the
    public registries over plain HTTP, trusted without TLS, or added as an extra index
    (a look-alike package there wins); TLS checks turned off for such an index."""
    pairs = _settings_and_keys(doc)
    tls_off = any(_norm(k) in _TLS_OFF and falsy(v) for k, v in pairs)
    trusted = {
        h.strip().lower()
        for k, v in pairs
        if k.lower() in _TRUST_KEYS
        for h in re.split(r"[\s,]+", text_of(v))
        if h
    }
    out = [
        hit
        for key, value in pairs
        if (hit := _index_untrusted(key, text_of(value), doc.domains, trusted, tls_off))
    ]
    for host in trusted:
        if _unknown_host(host, doc.domains) and not any(host in o for o in out):
            out.append(f"trusted-host = {host}")
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- access: Vault, VCS admin

_VAULT_WIDE = re.compile(r"^(?:\*|\+/\*|sys/\*|auth/\*|identity/\*|sys/.*|\+/.*)$")
_WRITE_CAPS = frozenset({"create", "update", "delete", "sudo", "patch"})


def judge_vault_policy_broad(doc: Doc) -> list[str]:
    """A Vault policy granting write or sudo on every path (`path "*"`), on `sys/` or on
    every mount (`+/*`); `sudo` on any path."""
    out = []
    for body in doc.hcl:
        for block in as_list(body.get("path")):
            if not isinstance(block, dict):
                continue
            path = " ".join(str(x) for x in block.get(LABELS) or [])
            caps = {text_of(c).lower() for c in as_list(block.get("capabilities"))}
            if "deny" in caps:
                continue
            if _VAULT_WIDE.match(path) and (caps & _WRITE_CAPS or path == "*"):
                out.append(f'path "{path}": {", ".join(sorted(caps))}')
            elif "sudo" in caps:
                out.append(f'path "{path}": sudo')
    return out


_VCS_ADMIN = {
    "github_membership": ("role", {"admin"}),
    "github_repository_collaborator": ("permission", {"admin"}),
    "github_enterprise_organization": ("admin_logins", set()),
    "gitlab_group_membership": ("access_level", {"owner", "50"}),
    "gitlab_project_membership": ("access_level", {"owner", "50"}),
    "gitlab_member_role": ("base_access_level", {"owner", "50"}),
}


def judge_vcs_admin(doc: Doc) -> list[str]:
    """GitHub organisation admin (owner) or repository admin given to an account, GitLab
    owner access level."""
    out = []
    for kind, name, block in doc.blocks():
        rule = _VCS_ADMIN.get(kind)
        if not rule:
            continue
        key, values = rule
        value = text_of(block.get(key)).lower()
        if value and value in values:
            who = text_of(block.get("username") or block.get("user_id") or "")
            out.append(f"{name}: {key} {value}" + (f" for {who}" if who else ""))
    return out


# ---------------------------------------------------------------- Firebase rules

_WRITE_OPS = frozenset({"write", "create", "update", "delete"})


def judge_rules_open(doc: Doc) -> list[str]:
    """Firebase rules with no condition (`allow read, write: if true;`) that let anyone
    write anywhere, or read a whole database or bucket (a `{document=**}` / `{allPaths=**}`
    wildcard); Realtime Database rules with `.read` / `.write` true."""
    out = []
    for section, ops, cond in doc.settings:
        if not section.startswith("firebase:"):
            continue
        path = section.split(":", 1)[1]
        if cond.strip().lower() != "true":
            continue
        allowed = {o.strip().lower() for o in ops.split(",")}
        wide = "=**}" in path
        if allowed & _WRITE_OPS or (wide and allowed & {"read", "get", "list"}):
            out.append(f"match {path}: allow {ops} if true")
    for d in doc.tree_mappings():
        for key in (".read", ".write"):
            if key in d and truthy(d[key]):
                out.append(f'"{key}": true')
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- streams to outside hosts

_PEOPLE = re.compile(
    r"(?i)(?<![a-z])(?:customer|member|user|contact|patient|payment|order|subscriber|"
    r"client|cliente|kunde|employee|account|profile|invoice|pii)s?(?![a-z])|^\*$"
)


def _host_outside(value: str, domains: tuple[str, ...]) -> str | None:
    host = value.strip().lower()
    if "://" in host:
        host = urlsplit(host).hostname or ""
    host = host.split(",")[0].rsplit(":", 1)[0] if not host.startswith("[") else host
    if not re.search(r"[a-z]", host) or "." not in host or _INTERNAL_HOST.search(host):
        return None
    return host if not domains or outside(host, domains) else None


_TARGET_KEYS = ("host", "endpoint", "url", "uri", "hosts", "endpoint_url")


def judge_stream_outside(doc: Doc) -> list[str]:
    """A log shipper output (Fluent Bit / Fluentd `[OUTPUT]`) whose match covers people's
    records, or a Kafka MirrorMaker 2 flow of such topics, to a host outside the company."""
    out = []
    sections: dict[str, dict[str, str]] = {}
    for n, (section, key, value) in enumerate(doc.settings):
        if section in ("output", "outputs", "match"):
            # one [OUTPUT] section after another: a new one starts at each `name`
            bucket = f"{section}#{n}" if key == "name" else None
            current = bucket or next(reversed(sections), f"{section}#0")
            sections.setdefault(current, {})[key] = value
    for where, values in sections.items():
        target = next((values[k] for k in _TARGET_KEYS if values.get(k)), "")
        host = _host_outside(target, doc.domains)
        pattern = values.get("name", "") if where.startswith("match") else values.get("match", "")
        if host and _PEOPLE.search(pattern.replace(".", " ").strip()):
            out.append(f"log output {pattern} to {host}")
    flat = {key: value for section, key, value in doc.settings if section == ""}
    for key, value in flat.items():
        m = re.fullmatch(r"(?P<src>[\w.-]+)->(?P<dst>[\w.-]+)\.enabled", key)
        if not m or not truthy(value):
            continue
        host = _host_outside(flat.get(f"{m.group('dst')}.bootstrap.servers", ""), doc.domains)
        topics = flat.get(f"{m.group('src')}->{m.group('dst')}.topics", "")
        if host and _PEOPLE.search(topics.replace(",", " ").replace("*", " ")):
            out.append(f"mirror {m.group('src')}->{m.group('dst')} ({topics[:40]}) to {host}")
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- admin UIs, open databases

_ADMIN_UI = re.compile(
    r"(?i)kubernetes-dashboard|argocd-server|kibana|grafana|prometheus|alertmanager|jenkins|"
    r"rabbitmq|pgadmin|phpmyadmin|adminer|kafka-ui|akhq|traefik|portainer|vault-ui|"
    r"elasticsearch|kafdrop|airflow-web|spark-ui|jupyter"
)
_INGRESS_GUARDS = re.compile(
    r"(?i)whitelist-source-range|allowlist-source-range|auth-url|auth-type|auth-signin|"
    r"auth-tls|oauth|ip-allowlist|inbound-cidrs|scheme.*internal|internal"
)


def judge_admin_ui_ingress(doc: Doc) -> list[str]:
    """An Ingress routing to an admin UI with no source range, no authentication
    annotation and no internal class."""
    out = []
    for ing in k8s_objects(doc, "Ingress"):
        annotations = get_path(ing, "metadata", "annotations")
        said = " ".join(
            [*(f"{k}={v}" for k, v in (annotations or {}).items())]
            if isinstance(annotations, dict)
            else []
        )
        said += " " + text_of(get_path(ing, "spec", "ingressClassName"))
        if _INGRESS_GUARDS.search(said):
            continue
        names = [
            text_of(get_path(p, "backend", "service", "name"))
            for rule in as_list(get_path(ing, "spec", "rules"))
            for p in as_list(get_path(rule, "http", "paths"))
        ]
        ui = next((n for n in names if _ADMIN_UI.search(n)), None)
        if ui:
            out.append(f"Ingress {object_name(ing)} publishes {ui}")
    return out


_AUTH_OFF = re.compile(
    r"(?i)--noauth\b|--no-auth\b|host_auth_method[=:]\s*trust|allow_empty_password[=:]\s*(?:yes|true|1)|"
    r"--protected-mode\s+no|xpack\.security\.enabled[=:]\s*false|--skip-grant-tables|"
    r"mysql_allow_empty_password[=:]\s*(?:yes|true|1)"
)


def _said(svc: dict[str, Any]) -> str:
    parts = [text_of(svc.get("command"))] + [
        text_of(x) for x in as_list(svc.get("command")) if isinstance(svc.get("command"), list)
    ]
    env = svc.get("environment")
    if isinstance(env, dict):
        parts += [f"{k}={text_of(v)}" for k, v in env.items()]
    else:
        parts += [text_of(x) for x in as_list(env)]
    return " ".join(parts)


def judge_compose_open_unauthenticated(doc: Doc) -> list[str]:
    """A Compose service publishing a database port with no host address (Docker binds it
    on every address) while its authentication is off (`--noauth`, `trust`, empty
    passwords, protected mode off)."""
    out = []
    for d in doc.tree_mappings():
        services = d.get("services")
        if not isinstance(services, dict):
            continue
        for name, svc in services.items():
            if not isinstance(svc, dict) or not _AUTH_OFF.search(_said(svc)):
                continue
            for port in as_list(svc.get("ports")):
                spec = text_of(port).split("/", 1)[0]
                parts = spec.split(":")
                bound = len(parts) <= 2 or is_anywhere(parts[0])
                if isinstance(port, dict):
                    bound = not text_of(port.get("host_ip")) or is_anywhere(
                        text_of(port.get("host_ip"))
                    )
                    parts = [text_of(port.get("target"))]
                if bound and covers_admin_port([parts[-1]]):
                    out.append(f"service {name}: {parts[-1]} on every address, auth off")
    return out


# ---------------------------------------------------------------- Ansible: root for someone

_ADMIN_GROUPS = re.compile(r"(?i)^(?:sudo|wheel|admin|admins|root|sudoers)$")
_SUDOERS = re.compile(r"(?i)NOPASSWD\s*:\s*ALL|ALL\s*=\s*\(ALL(?::ALL)?\)\s*ALL")


def judge_ansible_root(doc: Doc) -> list[str]:
    """An Ansible task adding a user to sudo / wheel, or writing a sudoers line giving
    ALL (with or without a password)."""
    out = []
    for d in doc.tree_mappings():
        for module, params in d.items():
            if not isinstance(module, str) or not isinstance(params, dict):
                continue
            short = module.rsplit(".", 1)[-1]
            if short == "user":
                groups = params.get("groups")
                names = (
                    [text_of(g) for g in groups]
                    if isinstance(groups, list)
                    else re.split(r"[\s,]+", text_of(groups))
                )
                if any(_ADMIN_GROUPS.match(g) for g in names if g):
                    out.append(f"user {text_of(params.get('name'))}: groups {', '.join(names)}")
            elif short in ("copy", "lineinfile", "blockinfile", "template"):
                dest = text_of(params.get("dest") or params.get("path"))
                content = " ".join(text_of(params.get(k)) for k in ("content", "line", "block"))
                if "sudoers" in dest and _SUDOERS.search(content):
                    out.append(f"{dest}: {_SUDOERS.search(content).group(0)}")  # type: ignore[union-attr]
    return out


JUDGES: dict[str, Judge] = {
    "control_switch_off": judge_control_switch_off,
    "proxy_open": judge_proxy_open,
    "backup_job_off": judge_backup_job_off,
    "package_source": judge_package_source,
    "vault_policy_broad": judge_vault_policy_broad,
    "vcs_admin": judge_vcs_admin,
    "rules_open": judge_rules_open,
    "stream_outside": judge_stream_outside,
    "admin_ui_ingress": judge_admin_ui_ingress,
    "compose_open_unauthenticated": judge_compose_open_unauthenticated,
    "ansible_root": judge_ansible_root,
}


# ---------------------------------------------------------------- the rules

_CRONJOB = (
    "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n"
    '  schedule: "0 1 * * *"\n  suspend: {suspend}\n  jobTemplate:\n    spec:\n'
    "      template:\n        spec:\n          containers:\n            - name: job\n"
    "              image: {image}\n"
)
_VELERO = (
    "schedules:\n  daily:\n    disabled: {off}\n    schedule: '0 2 * * *'\n"
    "    template:\n      ttl: 720h\n      includedNamespaces: ['*']\n"
)
_FIRESTORE = (
    "rules_version = '2';\nservice cloud.firestore {{\n"
    "  match /databases/{{database}}/documents {{\n"
    "    match {path} {{\n      allow {ops}{cond};\n    }}\n  }}\n}}\n"
)
_INGRESS = (
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: dash\n"
    "  annotations:\n    {annotation}\nspec:\n  rules:\n    - host: dash.example.com\n"
    "      http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
    "            backend:\n              service:\n                name: {service}\n"
    "                port:\n                  number: 443\n"
)

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.control_switched_off",
        "security_controls",
        "high",
        "require_approval",
        "Switches a security control off by its setting (runtime detection, code or secret "
        "scanning, brute-force protection, MFA, a conditional-access policy): what it "
        "watched or blocked goes through unseen.",
        ("control_switch_off",),
        match=(
            "falco:\n  enabled: false\nkube-bench:\n  enabled: true\n",
            'variables:\n  SAST_DISABLED: "true"\n  SECRET_DETECTION_DISABLED: "true"\n',
            '{"realm": "acme", "bruteForceProtected": false}',
            "audit:\n  enabled: false\n  retention_days: 0\n",
            '{"workflow": "AP", "require_second_approver": false}',
            '{"sensor_anti_tampering": false, "on_sensor_ml": "DISABLED"}',
            '{"requiredActions": [{"alias": "CONFIGURE_TOTP", "enabled": false}]}',
            'resource "azuread_conditional_access_policy" "mfa" {\n'
            '  display_name = "Require MFA"\n  state = "disabled"\n}\n',
        ),
        not_match=(
            "falco:\n  enabled: true\n  resources:\n    limits:\n      cpu: 500m\n",
            'variables:\n  SAST_EXCLUDED_PATHS: "spec, test"\n',
            '{"realm": "acme", "bruteForceProtected": true, "failureFactor": 10}',
            '{"workflow": "AP", "require_second_approver": true}',
            'resource "azuread_conditional_access_policy" "mfa" {\n'
            '  display_name = "Require MFA"\n  state = "enabled"\n}\n',
            "logging:\n  enabled: false\nmetrics:\n  enabled: false\n",
            "audit:\n  enabled: true\n  retention_days: 400\n",
        ),
    ),
    DocRule(
        "doc.proxy_open",
        "security_controls",
        "high",
        "require_approval",
        "Opens a filtering proxy to every request (`http_access allow all`) or stops its "
        "access log: the web filtering, and the record of who reached what, are gone for "
        "everyone behind it.",
        ("proxy_open",),
        match=(
            "http_port 3128\nhttp_access allow all\n",
            "acl localnet src 10.0.0.0/8\nhttp_access allow localnet\naccess_log none\n",
        ),
        not_match=(
            "acl localnet src 10.0.0.0/8\nhttp_access allow localnet\nhttp_access deny all\n"
            "access_log /var/log/squid/access.log squid\n",
            "acl tools dstdomain .figma.com\nacl mkt src 10.40.12.0/24\n"
            "http_access allow mkt tools\n",
        ),
    ),
    DocRule(
        "doc.backup_job_off",
        "destructive",
        "high",
        "require_approval",
        "Takes a backup out of service: a backup CronJob suspended, a backup schedule "
        "disabled or commented out of the crontab, WAL archiving off, a backup vault's soft "
        "delete or immutability off. The next loss has nothing to restore from.",
        ("backup_job_off",),
        match=(
            _CRONJOB.format(name="pg-basebackup", suspend="true", image="pg-backup:2"),
            _VELERO.format(off="true"),
            "MAILTO=ops@acme.example\n# 15 0 * * * /opt/backup/pg_dumpall.sh\n"
            "0 6 * * * /usr/sbin/logrotate /etc/logrotate.conf\n",
            "archive_mode = off\narchive_command = '/bin/true'\n",
            'resource "azurerm_recovery_services_vault" "v" {\n  name = "v"\n'
            "  soft_delete_enabled = false\n}\n",
        ),
        not_match=(
            _CRONJOB.format(name="pg-basebackup", suspend="false", image="pg-backup:2"),
            _CRONJOB.format(name="report-mailer", suspend="true", image="mailer:1"),
            _VELERO.format(off="false"),
            "# 15 0 * * * /opt/backup/pg_dumpall.sh\n15 2 * * * /opt/backup/pg_dumpall.sh\n",
            "archive_mode = on\narchive_command = 'gzip < %p > /mnt/wal/%f.gz'\n",
            'resource "azurerm_recovery_services_vault" "v" {\n  name = "v"\n'
            "  soft_delete_enabled = true\n}\n",
        ),
    ),
    DocRule(
        "doc.package_source_untrusted",
        "remote_code",
        "high",
        "require_approval",
        "Points pip, npm or yarn at a package index outside the company and the public "
        "registries, over plain HTTP, trusted without TLS or as an extra index: whatever it "
        "serves is installed and run on the build machines.",
        ("package_source",),
        match=(
            "[global]\nextra-index-url = http://pypi.fastmirror.example.top/simple\n"
            "trusted-host = pypi.fastmirror.example.top\n",
            "registry=http://registry.npm-speedy.xyz/\nstrict-ssl=false\n",
            "[global]\nindex-url = https://pkgs.some-vendor.io/simple\n"
            "trusted-host = pkgs.some-vendor.io\n",
        ),
        not_match=(
            "[global]\nindex-url = https://pypi.org/simple\ntimeout = 60\n",
            "registry=https://registry.npmjs.org/\nsave-exact=true\n",
            "[global]\nindex-url = https://pypi.internal.acme.example/simple\n"
            "cert = /etc/ssl/certs/acme-ca.pem\n",
        ),
    ),
    DocRule(
        "doc.vault_policy_broad",
        "permissions",
        "critical",
        "require_approval",
        "A Vault policy granting write or sudo on every path, on `sys/` or on every mount: "
        "its holder reads and changes every secret and can grant itself more.",
        ("vault_policy_broad",),
        match=(
            'path "*" {\n'
            '  capabilities = ["create", "read", "update", "delete", "list", "sudo"]\n}\n',
            'path "sys/*" {\n  capabilities = ["update"]\n}\n',
        ),
        not_match=(
            'path "secret/data/support/*" {\n  capabilities = ["read", "list"]\n}\n',
            'path "*" {\n  capabilities = ["deny"]\n}\n',
        ),
    ),
    DocRule(
        "doc.vcs_admin",
        "permissions",
        "high",
        "require_approval",
        "Makes an account a GitHub organisation owner or repository admin, or a GitLab owner: "
        "it can change every setting, protection and member.",
        ("vcs_admin",),
        match=(
            'resource "github_membership" "m" {\n  username = "someone"\n  role = "admin"\n}\n',
            'resource "github_repository_collaborator" "c" {\n  repository = "api"\n'
            '  username = "someone"\n  permission = "admin"\n}\n',
        ),
        not_match=(
            'resource "github_membership" "m" {\n  username = "someone"\n  role = "member"\n}\n',
            'resource "github_repository_collaborator" "c" {\n  repository = "api"\n'
            '  username = "someone"\n  permission = "pull"\n}\n',
        ),
    ),
    DocRule(
        "doc.rules_open",
        "sharing",
        "critical",
        "require_approval",
        "Firebase security rules with no condition: anyone on the internet can write to the "
        "database or bucket, or read all of it.",
        ("rules_open",),
        match=(
            _FIRESTORE.format(path="/{document=**}", ops="read, write", cond=": if true"),
            _FIRESTORE.format(path="/orders/{id}", ops="write", cond=""),
            '{"rules": {".read": true, ".write": true}}',
        ),
        not_match=(
            _FIRESTORE.format(
                path="/users/{userId}/{document=**}",
                ops="read, write",
                cond=": if request.auth != null && request.auth.uid == userId",
            ),
            _FIRESTORE.format(path="/public/{id}", ops="read", cond=": if true"),
            '{"rules": {".read": "auth != null", ".write": false}}',
        ),
    ),
    DocRule(
        "doc.stream_outside",
        "exfiltration",
        "high",
        "require_approval",
        "Streams people's records (customers, users, payments) to a host outside the company: "
        "a log shipper's output or a Kafka mirror.",
        ("stream_outside",),
        match=(
            "[OUTPUT]\n    Name  http\n    Match app.customers.*\n"
            "    Host  ingest.partner-insights.io\n    Port  443\n",
            "<match payments.**>\n  @type http\n  endpoint https://collector.vendor.io/in\n"
            "</match>\n",
            "clusters = prod, vendor\nvendor.bootstrap.servers = broker.vendor-cloud.io:9094\n"
            "prod->vendor.enabled = true\nprod->vendor.topics = customers.*, payments.*\n",
        ),
        not_match=(
            "[OUTPUT]\n    Name  http\n    Match app.customers.*\n"
            "    Host  logs.internal.acme.example\n    Port  443\n",
            "<match payments.**>\n  @type http\n  endpoint https://logs.internal.acme.example/in\n"
            "</match>\n",
            "[OUTPUT]\n    Name  http\n    Match kube.nginx.*\n"
            "    Host  ingest.partner-insights.io\n    Port  443\n",
            "clusters = prod, dr\ndr.bootstrap.servers = kafka-dr-1.internal.acme.example:9092\n"
            "prod->dr.enabled = true\nprod->dr.topics = customers.*\n",
        ),
    ),
    DocRule(
        "doc.admin_ui_ingress",
        "permissions",
        "high",
        "require_approval",
        "Publishes an admin UI (Kubernetes dashboard, Argo CD, Kibana, Grafana, Jenkins …) "
        "on an Ingress with no source range and no authentication in front of it.",
        ("admin_ui_ingress",),
        match=(
            _INGRESS.format(
                annotation='nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"',
                service="kubernetes-dashboard",
            ),
        ),
        not_match=(
            _INGRESS.format(
                annotation='nginx.ingress.kubernetes.io/whitelist-source-range: "10.8.0.0/16"',
                service="kubernetes-dashboard",
            ),
            _INGRESS.format(
                annotation='nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"',
                service="storefront",
            ),
        ),
    ),
    DocRule(
        "doc.database_open_unauthenticated",
        "permissions",
        "critical",
        "require_approval",
        "A Compose service publishes a database on every address (no host address given) "
        "with its authentication switched off: anyone who reaches the host reads it.",
        ("compose_open_unauthenticated",),
        match=(
            'services:\n  mongo:\n    image: mongo:7\n    command: ["mongod", "--bind_ip_all",'
            ' "--noauth"]\n    ports:\n      - "27017:27017"\n',
            "services:\n  db:\n    image: postgres:16\n    environment:\n"
            "      POSTGRES_HOST_AUTH_METHOD: trust\n    ports:\n      - 5432:5432\n",
        ),
        not_match=(
            'services:\n  mongo:\n    image: mongo:7\n    command: ["mongod", "--auth"]\n'
            '    ports:\n      - "127.0.0.1:27017:27017"\n',
            "services:\n  db:\n    image: postgres:16\n    environment:\n"
            "      POSTGRES_HOST_AUTH_METHOD: trust\n    ports:\n      - 127.0.0.1:5432:5432\n",
        ),
    ),
    DocRule(
        "doc.ansible_root",
        "permissions",
        "high",
        "require_approval",
        "An Ansible task puts a user in the sudo / wheel group or writes a sudoers line "
        "giving ALL: root on every host of the play.",
        ("ansible_root",),
        match=(
            "- hosts: bastion\n  tasks:\n    - ansible.builtin.user:\n        name: jo\n"
            "        groups: sudo\n        append: true\n",
            "- hosts: bastion\n  tasks:\n    - copy:\n        dest: /etc/sudoers.d/jo\n"
            '        content: "jo ALL=(ALL) NOPASSWD:ALL"\n',
        ),
        not_match=(
            "- hosts: bastion\n  tasks:\n    - ansible.builtin.user:\n        name: jo\n"
            "        groups: readonly-ops\n        append: true\n",
            "- hosts: bastion\n  tasks:\n    - copy:\n        dest: /etc/motd\n"
            '        content: "welcome"\n',
        ),
    ),
)
