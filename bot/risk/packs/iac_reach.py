"""Documents that hand the host, the internet or outside code more reach than they should:
a Compose service with the host's root, Docker socket or process space; an Azure
database firewall rule from every address; an Azure storage account or container open
to anonymous readers; a GitHub workflow that runs a fork's code with the repository's
secrets (`pull_request_target` checking out the pull request's head).

Judges and rules as data, in the same shape as `iac` (whose `RULES` and `JUDGES` include
these): a judge reads the parsed `Doc` and returns one evidence line per finding.
"""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.docmodel import Doc, DocRule, Judge, as_list, text_of, tf_resources, truthy

# -- Compose: the host handed to a container ------------------------------------------------------

_HOST_MOUNT = re.compile(r"^(?:/|/var/run/docker\.sock|/run/docker\.sock|/etc|/root|/proc)(?::|$)")
_HOST_MODES = ("network_mode", "pid", "ipc")


def _compose_services(doc: Doc) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for d in doc.tree_mappings():
        services = d.get("services")
        if isinstance(services, dict):
            out += [(str(n), s) for n, s in services.items() if isinstance(s, dict)]
    return out


def judge_compose_host_access(doc: Doc) -> list[str]:
    """A Compose service that is privileged, shares the host's network/PIDs/IPC, or mounts
    the host's root, /etc or the Docker socket: whatever runs in it owns the host."""
    out = []
    for name, svc in _compose_services(doc):
        found = ["privileged"] if truthy(svc.get("privileged")) else []
        found += [f"{k}: host" for k in _HOST_MODES if text_of(svc.get(k)).lower() == "host"]
        for volume in as_list(svc.get("volumes")):
            source = text_of(volume.get("source")) if isinstance(volume, dict) else text_of(volume)
            if _HOST_MOUNT.match(source.strip()):
                found.append(f"mounts {source.split(':', 1)[0]}")
        if found:
            out.append(f"service {name}: {', '.join(found)}")
    return out


# -- Azure: database firewalls and storage open to everyone ------------------------------------

_AZ_DB_FIREWALLS = (
    "azurerm_mssql_firewall_rule",
    "azurerm_sql_firewall_rule",
    "azurerm_postgresql_firewall_rule",
    "azurerm_postgresql_flexible_server_firewall_rule",
    "azurerm_mysql_firewall_rule",
    "azurerm_mysql_flexible_server_firewall_rule",
    "azurerm_mariadb_firewall_rule",
    "azurerm_redis_firewall_rule",
    "azurerm_cosmosdb_*",
)


def _ip(value: str) -> tuple[int, ...] | None:
    parts = value.strip().split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def judge_azure_db_firewall_open(doc: Doc) -> list[str]:
    """An Azure database firewall rule whose range spans most of the internet (start in
    0–1.x, end in 223–255.x). `0.0.0.0`–`0.0.0.0` is Azure's "allow Azure services"."""
    out = []
    for name, block in tf_resources(doc, *_AZ_DB_FIREWALLS):
        start = _ip(text_of(block.get("start_ip_address") or block.get("start_ip")))
        end = _ip(text_of(block.get("end_ip_address") or block.get("end_ip")))
        if start is not None and end is not None and start[0] <= 1 and end[0] >= 223:
            out.append(f"{name}: {'.'.join(map(str, start))}-{'.'.join(map(str, end))}")
    return out


def judge_azure_storage_public(doc: Doc) -> list[str]:
    """An Azure storage account that lets containers be public, or a container that is."""
    out = []
    for name, block in tf_resources(doc, "azurerm_storage_account"):
        for key in ("allow_nested_items_to_be_public", "allow_blob_public_access"):
            if truthy(block.get(key)):
                out.append(f"{name}: {key} = true")
    for name, block in tf_resources(doc, "azurerm_storage_container"):
        access = text_of(block.get("container_access_type")).lower()
        if access in ("blob", "container"):
            out.append(f"{name}: container_access_type = {access}")
    return out


# -- GitHub Actions: a fork's code run with the repository's secrets ---------------------------

_TRIGGERS_WITH_SECRETS = ("pull_request_target", "workflow_run")
_FORK_REF = re.compile(
    r"github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref"
    r"|github\.event\.workflow_run\.head_(?:sha|branch)|refs/pull/"
)


def _triggers(workflow: dict[Any, Any]) -> list[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on:` key as True
    if isinstance(on, dict):
        return [str(k) for k in on]
    return [text_of(t) for t in as_list(on)]


def judge_ci_untrusted_checkout(doc: Doc) -> list[str]:
    """A `pull_request_target` / `workflow_run` workflow (it runs with the repository's
    secrets and write token) that checks out the pull request's own head."""
    out = []
    for wf in doc.tree_mappings():
        if not isinstance(wf.get("jobs"), dict):
            continue
        trigger = next((t for t in _triggers(wf) if t in _TRIGGERS_WITH_SECRETS), None)
        if trigger is None:
            continue
        for job_name, job in wf["jobs"].items():
            for step in as_list(job.get("steps") if isinstance(job, dict) else None):
                if not isinstance(step, dict):
                    continue
                uses = text_of(step.get("uses"))
                ref = text_of((step.get("with") or {}).get("ref")) if uses else ""
                if uses.startswith("actions/checkout") and _FORK_REF.search(ref):
                    out.append(f"{trigger} job {job_name} checks out {ref}")
    return out


JUDGES: dict[str, Judge] = {
    "compose_host_access": judge_compose_host_access,
    "azure_db_firewall_open": judge_azure_db_firewall_open,
    "azure_storage_public": judge_azure_storage_public,
    "ci_untrusted_checkout": judge_ci_untrusted_checkout,
}

_WORKFLOW = """name: ci
on: {trigger}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: {ref}
      - run: npm ci && npm test
"""

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.container_host_access",
        "permissions",
        "critical",
        "require_approval",
        "A Compose service runs privileged, shares the host's network or processes, or "
        "mounts the host's root, /etc or the Docker socket: whatever runs in it controls "
        "the host.",
        ("compose_host_access",),
        match=(
            "services:\n  agent:\n    image: x/agent\n    privileged: true\n",
            "services:\n  agent:\n    image: x/agent\n    volumes:\n"
            "      - /var/run/docker.sock:/var/run/docker.sock\n",
            "services:\n  agent:\n    image: x/agent\n    network_mode: host\n",
        ),
        not_match=(
            "services:\n  web:\n    image: nginx\n    volumes:\n      - ./site:/usr/share/nginx\n",
            "services:\n  web:\n    image: nginx\n    privileged: false\n"
            "    network_mode: bridge\n",
        ),
    ),
    DocRule(
        "doc.database_firewall_open",
        "permissions",
        "critical",
        "require_approval",
        "An Azure database firewall rule admits every address on the internet.",
        ("azure_db_firewall_open",),
        match=(
            'resource "azurerm_mssql_firewall_rule" "all" {\n  name = "all"\n'
            '  start_ip_address = "0.0.0.0"\n  end_ip_address = "255.255.255.255"\n}\n',
        ),
        not_match=(
            'resource "azurerm_mssql_firewall_rule" "azure" {\n  name = "azure"\n'
            '  start_ip_address = "0.0.0.0"\n  end_ip_address = "0.0.0.0"\n}\n',
            'resource "azurerm_mssql_firewall_rule" "office" {\n  name = "office"\n'
            '  start_ip_address = "203.0.113.0"\n  end_ip_address = "203.0.113.255"\n}\n',
        ),
    ),
    DocRule(
        "doc.storage_public",
        "permissions",
        "high",
        "require_approval",
        "An Azure storage account lets its containers be read anonymously, or a container "
        "is: anyone with the URL can read the files.",
        ("azure_storage_public",),
        match=(
            'resource "azurerm_storage_account" "files" {\n  name = "acmefiles"\n'
            "  allow_nested_items_to_be_public = true\n}\n",
            'resource "azurerm_storage_container" "c" {\n  name = "contracts"\n'
            '  container_access_type = "blob"\n}\n',
        ),
        not_match=(
            'resource "azurerm_storage_account" "files" {\n  name = "acmefiles"\n'
            "  allow_nested_items_to_be_public = false\n}\n",
            'resource "azurerm_storage_container" "c" {\n  name = "contracts"\n'
            '  container_access_type = "private"\n}\n',
        ),
    ),
    DocRule(
        "doc.ci_untrusted_checkout",
        "remote_code",
        "critical",
        "require_approval",
        "A workflow triggered by pull_request_target or workflow_run (it runs with the "
        "repository's secrets and a write token) checks out the pull request's own code: "
        "anyone who opens a pull request runs code with those secrets.",
        ("ci_untrusted_checkout",),
        match=(
            _WORKFLOW.format(
                trigger="pull_request_target", ref="${{ github.event.pull_request.head.sha }}"
            ),
            _WORKFLOW.format(trigger="[pull_request_target]", ref="${{ github.head_ref }}"),
        ),
        not_match=(
            _WORKFLOW.format(
                trigger="pull_request", ref="${{ github.event.pull_request.head.sha }}"
            ),
            _WORKFLOW.format(trigger="pull_request_target", ref="${{ github.sha }}"),
        ),
    ),
)
