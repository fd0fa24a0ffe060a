"""Judges of web server configuration (`bot.risk.webconf`): a path that lists its files
when it holds backups, dumps or exports, an admin tool's path open to everyone, and an
admin area the config opens to every address in so many words.

A location is closed when it denies everyone (`deny all`, `Require all denied`), asks for
a login (`auth_basic`, `AuthType`, `Require valid-user`, `auth_request`) or admits only
private addresses (`allow 10.0.0.0/8; deny all;`, `Require ip 192.168.1.0/24`).
"""

from __future__ import annotations

import re

from bot.risk.packs.docmodel import Doc
from bot.risk.webconf import Section

_SENSITIVE = re.compile(
    r"(?i)backup|dump|export|archive|snapshot|\.sql\b|\.git\b|\.env\b|secret|private|"
    r"/var/lib/(?:mysql|postgresql|redis)|/etc\b|/home\b|/root\b"
)
_ADMIN_TOOL = re.compile(
    r"(?i)/(?:phpmyadmin|pma|pgadmin|adminer|actuator|server-status|server-info|nginx_status|"
    r"manager/html|jmx-console|web-console|solr/admin|_cat|_cluster|jolokia|h2-console|"
    r"debug/pprof|rabbitmq|flower|kibana|elasticsearch|grafana/api/admin)"
)
# An application's own admin or monitoring area: open to everyone only when the config
# says so in words (`allow all`, `Require all granted`), not by leaving it unrestricted.
_ADMIN_AREA = re.compile(
    r"(?i)/(?:admin|administration|backoffice|manage(?:ment)?|console|grafana|prometheus|"
    r"wp-admin)(?:/|$|\b)"
)
_PRIVATE = re.compile(r"^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|127\.|::1|fd|unix:)")


def _values(sec: Section, *names: str) -> list[str]:
    return [v.lower() for n in names for v in sec.settings.get(n, [])]


def _closed(sec: Section) -> bool:
    """Everyone is denied, a login is asked for, or only private addresses are let in."""
    denies = "all" in _values(sec, "deny") or any(
        v.startswith("all denied") for v in _values(sec, "require")
    )
    allowed = _values(sec, "allow")
    private_only = denies and bool(allowed) and all(_PRIVATE.match(a) for a in allowed)
    if denies and not (allowed and not private_only):
        return True
    login = [v for v in _values(sec, "auth_basic") if v != "off"]
    login += _values(sec, "authtype", "auth_request")
    login += [v for v in _values(sec, "require") if v.startswith(("valid-user", "user", "group"))]
    ips = [v for v in _values(sec, "require") if v.startswith("ip ")]
    return bool(login) or (bool(ips) and all(_PRIVATE.match(v[3:]) for v in ips))


def _lists_files(sec: Section) -> bool:
    if "on" in _values(sec, "autoindex"):
        return True
    return any(
        re.search(r"(?:^|\s)\+?indexes\b", v) and "-indexes" not in v
        for v in _values(sec, "options")
    )


# A listen/bind address that names every interface in so many words (`0.0.0.0:9443`,
# `*:8404`, `[::]:443`, `:::8443`).
_EVERY_INTERFACE = re.compile(r"^(?:0\.0\.0\.0|\*|\[::\]|::)(?::\d+)?(?:\s|$)")


def _opened_to_all(sec: Section) -> bool:
    """The section itself lets in every address (`allow all`, `allow 0.0.0.0/0`,
    `Require all granted`), or its server listens on every interface by address
    (`listen 0.0.0.0:9443`)."""
    allowed = _values(sec, "allow")
    return (
        any(a in ("all", "0.0.0.0/0", "::/0") for a in allowed)
        or any(v.startswith("all granted") for v in _values(sec, "require"))
        or any(_EVERY_INTERFACE.match(v) for v in _values(sec, "listen"))
    )


# HAProxy: a `frontend`/`listen` section for an admin or stats page, bound on every
# interface, with no login (`stats auth`) and no rule that turns sources away.
_HAPROXY_ADMIN = re.compile(r"(?i)admin|stats|manage|mgmt|console|dashboard|backoffice")
_HAPROXY_GUARD = re.compile(r"(?i)^(?:auth\b|deny\b|reject\b|silent-drop\b)|\bdeny\b|\breject\b")


def _haproxy_admin_open(doc: Doc) -> list[str]:
    out: list[str] = []
    section: str | None = None
    binds: list[str] = []
    admin = guarded = False

    def close() -> None:
        if section is not None and admin and not guarded:
            out.extend(
                f"haproxy {section}: bind {b} (admin page on every interface)" for b in binds
            )

    for key, value in doc.directives:
        if key in ("frontend", "listen", "backend"):
            close()
            section = f"{key} {value}".strip() if key != "backend" else None
            binds, guarded = [], False
            admin = bool(_HAPROXY_ADMIN.search(value)) and key != "backend"
        elif section is None:
            continue
        elif key == "bind" and _EVERY_INTERFACE.match(value.strip().lower()):
            binds.append(value.split()[0])
        elif key == "stats" and re.match(r"(?i)(?:admin|enable|uri)\b", value):
            admin = True
        elif key in ("stats", "http-request", "tcp-request") and _HAPROXY_GUARD.search(value):
            guarded = True
    close()
    return out


def judge_web_exposed(doc: Doc) -> list[str]:
    """Paths of a web server that list backups, dumps or exports, or serve an admin tool,
    to everyone."""
    out = []
    for sec in doc.web:
        if sec.kind in ("server", "virtualhost") or _closed(sec):
            continue
        where = " ".join([sec.path, *_values(sec, "alias", "root", "documentroot")])
        if _lists_files(sec) and _SENSITIVE.search(where):
            out.append(f"{sec.kind} {sec.path}: lists files ({where.strip()[:80]})")
        elif _ADMIN_TOOL.search(sec.path):
            out.append(f"{sec.kind} {sec.path}: admin tool open to everyone")
        elif _ADMIN_AREA.search(sec.path) and _opened_to_all(sec):
            out.append(f"{sec.kind} {sec.path}: admin area opened to every address")
    return out + _haproxy_admin_open(doc)
