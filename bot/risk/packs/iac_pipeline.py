"""Automation and application configs read by content: security scans taken out of CI,
third-party code run by automation, anonymous access switched on, webhooks that ship
whole customer records outside.

- A CI job, step or Jenkinsfile stage that runs a security scanner (CodeQL, Semgrep,
  Snyk, Trivy, Gitleaks, GitLab SAST …) switched off (`if: false`, `when: never`), made
  unable to block (`continue-on-error`, `allow_failure`), or commented out of the file
  while nothing else in it runs that scanner.
- A GitHub Actions step that runs a community action (not a known publisher) from a
  moving reference (`@main`, `@latest`) or hands it secrets without pinning a commit; a
  GitLab `include: remote:` from outside the company without an integrity hash.
- An Ansible, Salt or Chef task that downloads a program from outside the company
  without a checksum and makes it executable, or copies one from a Downloads folder.
- Anonymous access in Grafana (`[auth.anonymous]`, `GF_AUTH_ANONYMOUS_ENABLED`),
  Elasticsearch (an anonymous user with a role beyond monitoring), Kibana (an anonymous
  login provider), Jenkins (anonymous read, `unsecured`), Jupyter (no token, listening
  beyond localhost).
- A webhook to a host outside the company subscribed to customer, member, payment or
  order events with the full record as payload.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from bot.risk.packs.docmodel import Doc, DocRule, Judge, as_list, falsy, text_of, truthy
from bot.risk.packs.net import outside

_SCANNER = re.compile(
    r"(?i)(?<![a-z])(?:codeql|semgrep|snyk|trivy|grype|anchore|gitleaks|trufflehog|"
    r"sonar(?:qube|cloud|scanner)?|checkov|tfsec|kics|bandit|gosec|brakeman|owasp|zap|"
    r"sast|dast|dependency[-_ ]?(?:check|scanning|review)|secret[-_ ]?(?:detection|scan\w*)|"
    r"container[-_ ]?scanning|security[-_ ]?scan\w*|osv-scanner|veracode|fortify|"
    r"blackduck|mend|whitesource|npm\s+audit|pip-audit)(?![a-z])"
)
_OFF_WHEN = ("never", "manual")


def _dump(value: Any) -> str:
    try:
        return json.dumps(value, default=str)[:4000]
    except (TypeError, ValueError):
        return str(value)[:4000]


def _disabled(job: dict[str, Any]) -> str | None:
    """How a job or step is kept from running or from blocking, if it is."""
    if "if" in job and (falsy(job["if"]) or text_of(job["if"]).replace(" ", "") == "${{false}}"):
        return "if: false"
    for key in ("continue-on-error", "allow_failure", "ignore_failure", "soft_fail"):
        if key in job and (truthy(job[key]) or isinstance(job[key], dict)):
            return f"{key}: true"
    if text_of(job.get("when")).lower() in _OFF_WHEN:
        return f"when: {text_of(job.get('when')).lower()}"
    rules = [r for r in as_list(job.get("rules")) if isinstance(r, dict)]
    if rules and all(text_of(r.get("when")).lower() in _OFF_WHEN for r in rules):
        return "rules: when: never"
    return None


def judge_ci_scan_disabled(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        # a job under its name (GitLab `sast:`), or a step naming its scanner itself
        candidates = [(str(k), v) for k, v in d.items() if isinstance(v, dict)]
        candidates.append(("", d))
        for name, job in candidates:
            how = _disabled(job)
            if how is None:
                continue
            named = _SCANNER.search(name) or (
                not name
                and _SCANNER.search(
                    _dump(
                        {
                            k: job.get(k)
                            for k in ("uses", "name", "run", "script", "image", "extends", "steps")
                        }
                    )
                )
            )
            if named:
                out.append(f"{named.group(0)}: {how}")
    live = (_dump(doc.trees) + _dump(doc.settings)).lower()
    for line in doc.comments:  # a scanner's job or step commented out, run nowhere else
        m = _SCANNER.search(line)
        if m and m.group(0).lower() not in live and _looks_like_ci(doc):
            out.append(f"commented out: {line[:60]}")
    return list(dict.fromkeys(out))


def _looks_like_ci(doc: Doc) -> bool:
    keys = ("jobs", "steps", "workflows", "stages", "pipeline", "script", "runs-on")
    if any(section == "jenkinsfile" for section, _, _ in doc.settings):
        return True
    return any(k in d for d in doc.tree_mappings() for k in keys)


# ------------------------------------------------------------- third-party actions

_KNOWN_PUBLISHERS = frozenset(
    {
        *("actions", "github", "docker", "aws-actions", "azure", "google-github-actions"),
        *("hashicorp", "microsoft", "gradle", "sigstore", "slackapi", "codecov", "cloudflare"),
        *("pulumi", "snyk", "returntocorp", "semgrep", "aquasecurity", "gitleaks", "ossf"),
        *("step-security", "jetbrains", "oracle-actions", "datadog", "getsentry", "vercel"),
        *("netlify", "dependabot", "anchore", "sonarsource", "trufflesecurity"),
    }
)
"""Publishers GitHub marks as verified (the company's own organisation is not known here)."""
_USES_RE = re.compile(r"^(?P<owner>[\w.-]+)/(?P<repo>[\w./-]+)@(?P<ref>\S+)$")
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")


def _remote_include(d: dict[str, Any], doc: Doc) -> str | None:
    """GitLab `include: - remote: <url>` from outside the company, with no integrity hash."""
    url = text_of(d.get("remote"))
    if url and "integrity" not in d and _outside_url(url, doc.domains):
        return f"include remote {url[:80]}"
    return None


def judge_ci_community_action(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        remote = _remote_include(d, doc) if "remote" in d else None
        if remote:
            out.append(remote)
        uses = d.get("uses")
        m = _USES_RE.match(text_of(uses)) if isinstance(uses, str) else None
        if m is None or m.group("owner").lower() in _KNOWN_PUBLISHERS:
            continue
        ref = m.group("ref")
        if _SHA_RE.match(ref.lower()):
            continue
        moving = not any(c.isdigit() for c in ref)
        secrets = "secrets." in _dump({k: d.get(k) for k in ("with", "env")})
        if moving or secrets:
            why = "a moving reference" if moving else "secrets, unpinned"
            out.append(f"{uses} ({why})")
    return out


# ------------------------------------------------------------- downloaded programs

_GET_URL = ("get_url", "ansible.builtin.get_url", "win_get_url", "ansible.windows.win_get_url")
_COPY = ("copy", "ansible.builtin.copy", "win_copy", "ansible.windows.win_copy")
_INTERNAL = re.compile(
    r"(?i)(?:^|\.)(?:internal|interno|interna|intern|interne|corp|intranet|lan|local)(?:\.|$)"
)
_UNKNOWN_ORIGIN = re.compile(r"(?i)^~|/(?:home|users)/[^/]+/|downloads|desktop|^/tmp/")


def _outside_url(url: str, domains: tuple[str, ...]) -> str | None:
    if not url.lower().startswith(("http://", "https://", "ftp://")):
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host or _INTERNAL.search(host) or (domains and not outside(host, domains)):
        return None
    return host


def _executable(params: dict[str, Any], run: str) -> bool:
    mode = text_of(params.get("mode"))
    dest = text_of(params.get("dest") or params.get("name"))
    return (
        bool(re.search(r"[1357]", mode[-3:]) or "+x" in mode)
        or bool(re.search(r"/s?bin/|\.(?:exe|msi|sh|bin|ps1)$", dest))
        or bool(dest and dest in run)
    )


def _salt_params(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in as_list(value):
        if isinstance(item, dict):
            out.update(item)
    return out


def _task_program(key: str, params: dict[str, Any], doc: Doc, run: str) -> str | None:
    """What one task fetches and makes executable without knowing where it comes from."""
    if key in _GET_URL or key == "file.managed":
        url = text_of(params.get("url") or params.get("source"))
        verified = params.get("checksum") or params.get("source_hash")
        if key == "file.managed" and truthy(params.get("skip_verify")):
            verified = None
        if _outside_url(url, doc.domains) and not verified and _executable(params, run):
            return f"{url[:80]} (no checksum)"
    elif key == "cmd.script":
        src = text_of(params.get("source"))
        return src[:80] if _outside_url(src, doc.domains) else None
    elif key in _COPY:
        src = text_of(params.get("src"))
        if src and _UNKNOWN_ORIGIN.search(src) and _executable(params, run):
            return src[:80]
    return None


def _chef_programs(doc: Doc) -> list[str]:
    """Chef `remote_file` from outside the company, no checksum, made executable."""
    files: dict[str, dict[str, str]] = {}
    for section, key, value in doc.settings:
        if section.startswith("chef:"):
            files.setdefault(section[5:], {})[key] = value
    return [
        f"{props['source'][:80]} (no checksum)"
        for path, props in files.items()
        if _outside_url(props.get("source", ""), doc.domains)
        and "checksum" not in props
        and _executable({"mode": props.get("mode"), "dest": path}, "")
    ]


def judge_unverified_program(doc: Doc) -> list[str]:
    run = " ".join(doc.scripts)
    out = _chef_programs(doc)
    for d in doc.tree_mappings():
        for key, value in d.items():
            params = value if isinstance(value, dict) else _salt_params(value)
            found = _task_program(str(key), params, doc, run)
            if found:
                out.append(found)
    return out


# ------------------------------------------------------------- anonymous access

_ALL_INTERFACES = ("0.0.0.0", "*", "::")  # noqa: S104  (what we look for)
_READONLY_ROLE = re.compile(r"(?i)monitor|health|status")


def _anonymous_settings(doc: Doc) -> list[str]:
    """INI and Python configs: Grafana's `[auth.anonymous]`, Jupyter without a token."""
    out = []
    sections: dict[str, dict[str, str]] = {}
    for section, key, value in doc.settings:
        sections.setdefault(section, {})[key] = value
    if truthy(sections.get("auth.anonymous", {}).get("enabled")):
        out.append("Grafana [auth.anonymous] enabled")
    for name in ("notebookapp", "serverapp"):
        conf = sections.get(name, {})
        open_ip = conf.get("ip", "") in _ALL_INTERFACES or truthy(conf.get("allow_remote_access"))
        if "token" in conf and conf["token"] == "" and open_ip:
            out.append(f"Jupyter {name} without a token on {conf.get('ip') or 'all interfaces'}")
    return out


def _role_names(value: Any) -> list[str]:
    roles = value.get("roles") if isinstance(value, dict) else None
    if isinstance(roles, str):
        return [r.strip() for r in roles.split(",")]
    return [text_of(r) for r in as_list(roles)]


def _anonymous_key(key: str, value: Any) -> str | None:
    """One YAML setting that lets anonymous callers in."""
    k = key.lower()
    if k == "gf_auth_anonymous_enabled" and truthy(value):
        return "GF_AUTH_ANONYMOUS_ENABLED=true"
    if k.startswith("anonymous.") and isinstance(value, dict):
        return f"Kibana anonymous login provider {key}"
    if k == "allowanonymousread" and truthy(value):
        return "Jenkins allowAnonymousRead"
    if k == "authorizationstrategy" and text_of(value).lower() == "unsecured":
        return "Jenkins authorizationStrategy: unsecured"
    if k.endswith("authc.anonymous") or (k == "anonymous" and "roles" in _dump(value)):
        names = _role_names(value)
        if any(r and not _READONLY_ROLE.search(r) for r in names):
            return f"Elasticsearch anonymous user with {', '.join(names)}"
    return None


_GF_ENV_RE = re.compile(r"(?i)GF_AUTH_ANONYMOUS_ENABLED=[\"']?true")
_JENKINS_ANON_RE = re.compile(r"(?i)(?:overall|job)/\w+:anonymous\b")


def judge_anonymous_access(doc: Doc) -> list[str]:
    out = _anonymous_settings(doc)
    for d in doc.tree_mappings():
        out += [found for k, v in d.items() if (found := _anonymous_key(str(k), v))]
        env = [i for i in as_list(d.get("environment")) if isinstance(i, str)]
        out += ["GF_AUTH_ANONYMOUS_ENABLED=true" for i in env if _GF_ENV_RE.match(i)]
        perms = as_list(d.get("permissions")) + as_list(d.get("entries"))
        out += [f"Jenkins {p}" for p in perms if isinstance(p, str) and _JENKINS_ANON_RE.search(p)]
    return list(dict.fromkeys(out))


# ------------------------------------------------------------- webhooks, whole records

_URL_KEYS = ("url", "endpoint", "webhook_url", "target_url", "uri")
_PEOPLE_EVENT = re.compile(
    r"(?i)(?<![a-z])(?:customer|member|user|contact|patient|payment|order|subscriber|lead|"
    r"client|cliente|kunde|employee|account|profile|charge|invoice)s?[._:/]"
)
_WHOLE = frozenset({"full", "all", "all_fields", "*", "complete", "everything", "raw"})


def judge_hook_full_records(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        lowered = {str(k).lower(): v for k, v in d.items()}
        url = next((text_of(lowered[k]) for k in _URL_KEYS if k in lowered), "")
        host = _outside_url(url, doc.domains)
        if not host:
            continue
        events = [text_of(e) for e in as_list(lowered.get("events") or lowered.get("topics"))]
        people = [e for e in events if _PEOPLE_EVENT.search(e + ".")]
        whole = any(
            text_of(lowered.get(k)).lower() in _WHOLE
            for k in ("payload", "include", "fields", "body", "data", "payload_type", "content")
        )
        if people and whole:
            out.append(f"{', '.join(people[:3])} with the full record to {host}")
    return out


JUDGES: dict[str, Judge] = {
    "ci_scan_disabled": judge_ci_scan_disabled,
    "ci_community_action": judge_ci_community_action,
    "unverified_program": judge_unverified_program,
    "anonymous_access": judge_anonymous_access,
    "hook_full_records": judge_hook_full_records,
}

_GH = "jobs:\n  {name}:\n    runs-on: ubuntu-latest\n{extra}    steps:\n      - uses: {uses}\n"
_PLAY = (
    "- hosts: web\n  become: true\n  tasks:\n    - get_url:\n        url: {url}\n"
    "        dest: /usr/local/bin/tool\n        mode: '0755'\n{extra}"
)
_JENKINS = (
    "pipeline {{\n  agent any\n  stages {{\n    stage('Build') {{ steps {{ sh 'make' }} }}\n"
    "    {scan}\n  }}\n}}\n"
)
_CHEF = (
    "remote_file '/usr/local/bin/agent' do\n  source 'https://we.tl/t-x1'\n{extra}"
    "  mode '0755'\nend\n"
)
_HOOK = "webhooks:\n  - url: {url}\n    events: [{events}]\n    payload: full\n"

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.ci_scan_disabled",
        "controls",
        "high",
        "require_approval",
        "Takes a security scan out of the pipeline (switched off, commented out, or allowed "
        "to fail without blocking): code reaches the main branch or production unscanned.",
        ("ci_scan_disabled",),
        match=(
            _GH.format(
                name="codeql", extra="    if: false\n", uses="github/codeql-action/analyze@v3"
            ),
            _GH.format(
                name="scan", extra="    continue-on-error: true\n", uses="snyk/actions/node@v1"
            ),
            "sast:\n  rules:\n    - when: never\n",
            "jobs:\n  # semgrep:\n  #   uses: returntocorp/semgrep-action@v1\n  test:\n"
            "    runs-on: ubuntu-latest\n",
            _JENKINS.format(scan="// stage('Snyk') { steps { sh 'snyk test' } }"),
        ),
        not_match=(
            _GH.format(name="codeql", extra="", uses="github/codeql-action/analyze@v3"),
            _GH.format(
                name="lint", extra="    continue-on-error: true\n", uses="actions/setup-node@v4"
            ),
            "jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      # run semgrep first\n"
            "      - uses: returntocorp/semgrep-action@v1\n",
            _JENKINS.format(scan="stage('Snyk') { steps { sh 'snyk test' } }"),
        ),
    ),
    DocRule(
        "doc.ci_community_action",
        "remote_code",
        "high",
        "require_approval",
        "Runs a community GitHub Action from a moving reference, or hands one secrets without "
        "pinning a commit: whoever controls that repository runs code in the pipeline.",
        ("ci_community_action",),
        match=(
            _GH.format(name="sync", extra="", uses="some-dev/sync-action@main"),
            _GH.format(name="sync", extra="", uses="some-dev/sync-action@v2")
            + "        with:\n          token: ${{ secrets.PROD_TOKEN }}\n",
            "include:\n  - remote: 'https://pastebin.com/raw/abc'\ndeploy:\n  script: ./d.sh\n",
        ),
        not_match=(
            _GH.format(name="build", extra="", uses="actions/checkout@v4"),
            _GH.format(name="sync", extra="", uses="some-dev/sync-action@" + "a" * 40)
            + "        with:\n          token: ${{ secrets.PROD_TOKEN }}\n",
            _GH.format(name="lint", extra="", uses="some-dev/lint-action@v2"),
            "include:\n  - project: platform/ci\n    ref: v3\n    file: /d.yml\n"
            "deploy:\n  script: ./d.sh\n",
        ),
    ),
    DocRule(
        "doc.unverified_program",
        "remote_code",
        "high",
        "require_approval",
        "Automation downloads a program from outside the company without checking its "
        "checksum (or copies one from someone's Downloads folder) and makes it executable "
        "on the hosts it manages: nobody knows what will run there.",
        ("unverified_program",),
        match=(
            _PLAY.format(url="https://files.share-now.io/d/x/tool", extra=""),
            "- hosts: prod\n  tasks:\n    - copy:\n        src: ~/Downloads/agent.bin\n"
            "        dest: /usr/local/bin/agent\n        mode: '0755'\n",
            _CHEF.format(extra=""),
        ),
        not_match=(
            _PLAY.format(
                url="https://files.share-now.io/d/x/tool",
                extra="        checksum: sha256:" + "b" * 64 + "\n",
            ),
            _PLAY.format(url="https://artifacts.internal.example/tool", extra=""),
            "- hosts: prod\n  tasks:\n    - copy:\n        src: files/motd\n"
            "        dest: /etc/motd\n",
            _CHEF.format(extra="  checksum '" + "d" * 64 + "'\n"),
        ),
    ),
    DocRule(
        "doc.anonymous_access",
        "sharing",
        "high",
        "require_approval",
        "Switches on anonymous access to an application (Grafana, Elasticsearch, Jenkins, "
        "Jupyter): anyone who can reach it sees its data without logging in.",
        ("anonymous_access",),
        match=(
            "[auth.anonymous]\nenabled = true\norg_role = Viewer\n",
            "services:\n  grafana:\n    environment:\n      GF_AUTH_ANONYMOUS_ENABLED: 'true'\n",
            "jenkins:\n  authorizationStrategy:\n    loggedInUsersCanDoAnything:\n"
            "      allowAnonymousRead: true\n",
            "c.ServerApp.ip = '0.0.0.0'\nc.ServerApp.token = ''\n",
            "xpack.security.authc.providers:\n  anonymous.anonymous1:\n    order: 0\n"
            "    credentials:\n      username: kiosk\n",
        ),
        not_match=(
            "[auth.anonymous]\nenabled = false\n",
            "jenkins:\n  authorizationStrategy:\n    loggedInUsersCanDoAnything:\n"
            "      allowAnonymousRead: false\n",
            "c.ServerApp.ip = '127.0.0.1'\nc.ServerApp.token = ''\n",
        ),
    ),
    DocRule(
        "doc.hook_full_records",
        "exfiltration",
        "high",
        "require_approval",
        "A webhook that sends every customer, member, payment or order event with the whole "
        "record to a host outside the company: personal data leaves on every change.",
        ("hook_full_records",),
        match=(_HOOK.format(url="https://hooks.partner-agency.io/in", events="customer.updated"),),
        not_match=(
            _HOOK.format(url="https://hooks.partner-agency.io/in", events="build.finished"),
            _HOOK.format(url="https://hooks.internal.example/in", events="customer.updated"),
        ),
    ),
)
