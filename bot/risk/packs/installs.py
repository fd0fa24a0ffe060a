"""Package installs straight from a URL or a Git repository, not pinned to a commit or a
hash: whatever that branch or file holds at install time runs with your rights (setup
scripts, install hooks, the code itself). Installs from the registry, from the company's
own Git host, or pinned to a full commit, a release tag or a sha256 stay allowed."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p

_SOURCE_RE = re.compile(r"^(?:(?:git|hg|svn|bzr)\+)?(?:https?|ssh|git)://\S+$|^github:\S+$")
# A full commit, a release tag (`@v1.4.2`) or a content hash pins what gets installed.
_PINNED_RE = re.compile(
    r"(?:@|#)[0-9a-f]{40}\b|@v?\d+(?:\.\d+)+(?:[-+][\w.]+)?(?:#|$)|#sha256=[0-9a-f]{64}\b", re.I
)
_HOST_RE = re.compile(r"://(?:[^@/\s]+@)?([^/:\s]+)")


def _company_host(url: str, domains: tuple[str, ...]) -> bool:
    m = _HOST_RE.search(url)
    host = m.group(1).lower() if m else ""
    return any(host == d or host.endswith("." + d) for d in domains)


_INSTALL_VERBS = frozenset({"install", "i", "add"})


_INDEX_FLAGS = ("--index-url", "-i", "--extra-index-url", "--registry")
# A host named for the company network: an `internal`, `intranet` or `corp` label, or a
# name under a reserved private suffix (`pypi.internal.acme.io`, `nexus.corp`, `repo.lan`).
_INTERNAL_LABEL_RE = re.compile(
    r"(?:^|\.)(?:internal|intranet|corp)\.|\.(?:internal|intranet|corp|lan|home\.arpa)$", re.I
)
# A requirement pinned to one version (`ydata-profiling==4.6.4`, `left-pad@1.3.0`).
_EXACT_PIN_RE = re.compile(r"^[A-Za-z0-9][\w.\[\],-]*(?:==\d+(?:\.\d+)*|@\d+\.\d+\.\d+)$")


def _pinned_from_internal_index(cmd: Any, words: list[str]) -> set[str]:
    """The index URLs to leave out: each is on a host named internal, and every package
    installed is pinned to one version. A pinned package from the company's own mirror is
    how an approved version is installed; an unpinned one, or an outside index, is not."""
    indexes = cmd.value(*_INDEX_FLAGS)
    if not indexes:
        return set()
    verb = next(i for i, w in enumerate(words[:3]) if w in _INSTALL_VERBS)
    packages = [w for w in words[verb + 1 :] if w not in indexes]
    if not packages or not all(_EXACT_PIN_RE.match(w) for w in packages):
        return set()
    hosts = [_HOST_RE.search(u) for u in indexes]
    if not all(m and _INTERNAL_LABEL_RE.search(m.group(1)) for m in hosts):
        return set()
    return set(indexes)


def check_unpinned_source(cmd: Any, walk: Any) -> bool:
    words = cmd.pos
    if not any(w in _INSTALL_VERBS for w in words[:3]):
        return False
    if "--require-hashes" in cmd.flags:
        return False
    domains = getattr(walk, "domains", ())
    internal = _pinned_from_internal_index(cmd, words)
    return any(
        _SOURCE_RE.match(w)
        and not _PINNED_RE.search(w)
        and not _company_host(w, domains)
        and w not in internal
        for w in words
    )


# A package whose own name says it is unofficial, cracked or pirated (`lockfix-unofficial`,
# `office-crack`, `nulled-theme`): nobody vouches for it, and an install script runs at once.
_UNVOUCHED_NAME = re.compile(
    r"(?i)(?:^|[-_.@/])(?:unofficial|inofficial|inoffiziell|cracked|crack|nulled|keygen|"
    r"warez|pirated?)(?:$|[-_.@/])"
)


def check_unvouched_package(cmd: Any, walk: Any) -> bool:
    words = cmd.pos
    verb = next((i for i, w in enumerate(words[:3]) if w in _INSTALL_VERBS), None)
    if verb is None:
        return False
    return any(_UNVOUCHED_NAME.search(w) for w in words[verb + 1 :])


# Runners that fetch a package from the registry and run it in one step.
_RUNNERS: dict[str, tuple[str, ...]] = {
    "npx": (),
    "bunx": (),
    "pnpx": (),
    "uvx": (),
    "pnpm": ("dlx",),
    "yarn": ("dlx",),
    "npm": ("exec",),
    "pipx": ("run",),
    "bun": ("x",),
}
_CREDENTIAL_RE = re.compile(
    r"(?i)^\$\{?\w*(?:token|secret|password|passwd|api_?key|access_?key|private_?key|"
    r"credential|pat)\w*\}?$|^--?(?:token|api-?key|password|secret|access-key)(?:=\S+)?$"
)
_EXACT_VERSION_RE = re.compile(r"@\d+\.\d+\.\d+(?:[-+][\w.]+)?$|==\d+(?:\.\d+)+$")


def check_runner_credential(cmd: Any, walk: Any) -> bool:
    """`npx some-tool@latest --token $PROD_TOKEN`: a package fetched at run time is handed a
    credential, unpinned, so whoever publishes its next version gets the credential."""
    lead = _RUNNERS.get(cmd.name)
    if lead is None:
        return False
    args = [a for a in cmd.args if a not in ("-y", "--yes")]
    if tuple(args[: len(lead)]) != lead:
        return False
    rest = args[len(lead) :]
    package = next((a for a in rest if not a.startswith("-")), "")
    if not package or _EXACT_VERSION_RE.search(package):
        return False
    after = rest[rest.index(package) + 1 :]
    return any(_CREDENTIAL_RE.match(a) for a in after)


# A manifest URL pinned to a release: a version tag or a full commit in its path.
_PINNED_PATH_RE = re.compile(
    r"/v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?/|/[0-9a-f]{40}/|/releases/download/v?\d", re.I
)


def check_unpinned_manifest(cmd: Any, walk: Any) -> bool:
    """`kubectl apply -f https://raw.githubusercontent.com/x/y/main/fix.yaml`: whatever that
    branch holds when the command runs is applied to the cluster with your rights."""
    if not cmd.pos or cmd.pos[0] not in ("apply", "create", "replace"):
        return False
    domains = getattr(walk, "domains", ())
    return any(
        u.startswith(("http://", "https://"))
        and not _PINNED_PATH_RE.search(u)
        and not _company_host(u, domains)
        for u in cmd.value("-f", "--filename")
    )


_LOCAL_HOST_RE = re.compile(r"^http://(?:localhost|127\.[\d.]+|\[::1\])(?::\d+)?(?:/|$)")


def _plain_http(url: str, domains: tuple[str, ...]) -> bool:
    return (
        url.lower().startswith("http://")
        and not _LOCAL_HOST_RE.match(url)
        and not _company_host(url, domains)
    )


def check_plain_http_charts(cmd: Any, walk: Any) -> bool:
    """`helm repo add x http://…`, `helm install --repo http://…`: charts fetched over plain
    HTTP from outside the company; anyone on the path can swap what gets installed.
    `helm pull` only downloads the chart to read it (`--untar` into a review folder): nothing
    runs, and the later install is judged on its own."""
    domains = getattr(walk, "domains", ())
    if cmd.pos[:2] == ["repo", "add"]:
        return any(_plain_http(u, domains) for u in cmd.pos[2:])
    if cmd.pos[:1] in (["install"], ["upgrade"], ["template"]):
        urls = cmd.value("--repo") + [u for u in cmd.pos[1:] if "://" in u]
        return any(_plain_http(u, domains) for u in urls)
    return False


# A mirror on the company network: loopback, a private address, a bare internal name.
_INTERNAL_HOST_RE = re.compile(
    r"^(?:localhost|127\.[\d.]+|10\.[\d.]+|192\.168\.[\d.]+|172\.(?:1[6-9]|2\d|3[01])\.[\d.]+"
    r"|[a-z][\w-]*)(?::\d+)?$",
    re.I,
)


def check_trusted_host(cmd: Any, walk: Any) -> bool:
    """`pip install --trusted-host H`: TLS is not checked for H, unless H is the company's own."""
    if not any(w in _INSTALL_VERBS for w in cmd.pos[:3]):
        return False
    domains = getattr(walk, "domains", ())
    hosts = cmd.value("--trusted-host")
    return any(
        not (_company_host("https://" + h, domains) or _INTERNAL_HOST_RE.match(h)) for h in hosts
    )


CHECKS = {
    "trusted_host": check_trusted_host,
    "plain_http_charts": check_plain_http_charts,
    "unpinned_source": check_unpinned_source,
    "unvouched_package": check_unvouched_package,
    "runner_credential": check_runner_credential,
    "unpinned_manifest": check_unpinned_manifest,
}

RULES: tuple[Rule, ...] = (
    Rule(
        "install.unvouched_package",
        "remote_code",
        "high",
        "require_approval",
        "Installs a package whose own name says it is unofficial, cracked or pirated: nobody "
        "vouches for its code, and its install scripts run at once (as root under sudo).",
        (
            p(
                "pip",
                "pip3",
                "pipx",
                "uv",
                "npm",
                "pnpm",
                "yarn",
                "bun",
                "gem",
                "cargo",
                "brew",
                check="unvouched_package",
                dry_run_exempt=False,
            ),
        ),
        match=(
            "sudo npm i -g lockfix-unofficial",
            "pip install --user certfix-unofficial",
            "npm install office-activator-crack",
            "gem install theme-nulled",
            "sudo pip3 install pdf-pro-cracked",
        ),
        not_match=(
            "sudo npm i -g yarn",
            "pip install crackle",
            "pip install crackerjack",
            "npm uninstall -g lockfix-unofficial",
            "npm view lockfix-unofficial",
        ),
    ),
    Rule(
        "install.plain_http_charts",
        "remote_code",
        "high",
        "require_approval",
        "Adds or installs Helm charts from an outside repository over plain HTTP: nothing "
        "checks who served them, and what they deploy runs in the cluster.",
        (p("helm", check="plain_http_charts"),),
        match=(
            "helm repo add quickcharts http://charts.quickdeploy.io",
            "helm install shipper log-shipper --repo http://charts.example.net -n logging",
        ),
        not_match=(
            "helm repo add fluent https://fluent.github.io/helm-charts",
            "helm repo add dev http://localhost:8879",
            "helm install shipper fluent/fluent-bit --version 0.47.10 -n logging",
            "helm repo list",
            "helm pull monitoring --repo http://charts.example.net --untar --untardir /tmp/review",
        ),
    ),
    Rule(
        "install.unpinned_source",
        "remote_code",
        "high",
        "require_approval",
        "Installs a package straight from a Git repository or a URL without pinning a commit "
        "or a hash: whatever is there at install time runs, unreviewed.",
        (
            p(
                "pip",
                "pip3",
                "pipx",
                "uv",
                "npm",
                "pnpm",
                "yarn",
                "bun",
                check="unpinned_source",
                dry_run_exempt=False,
            ),
        ),
        match=(
            "pip install git+https://github.com/xq-dev-9/pytest-fixture-fixer@main",
            "pip3 install https://files.example.net/tool-1.0.tar.gz",
            "uv pip install git+https://github.com/someone/pkg",
            "npm install -g github:someone/lockfix",
            "yarn add https://example.net/pkg.tgz",
            "pip install ydata-profiling --index-url https://pypi.internal.acme.io/simple",
            "pip install fast-prof==1.0 --extra-index-url http://pypi.fastml-mirror.xyz/simple",
        ),
        not_match=(
            "pip install -r requirements-dev.lock --require-hashes",
            "pip install requests==2.32.3",
            "pip install git+https://github.com/acme/pkg@0123456789abcdef0123456789abcdef01234567",
            "pip install git+https://github.com/acme/pkg@v1.4.2",
            "npm install lodash",
            "pip download git+https://github.com/someone/pkg",
            "pip install ydata-profiling==4.6.4 --index-url https://pypi.internal.acme.io/simple",
        ),
    ),
    Rule(
        "install.runner_credential",
        "remote_code",
        "high",
        "require_approval",
        "Fetches a package at run time (npx, uvx, pnpm dlx, …) without pinning a version and "
        "hands it a credential: whoever publishes that package's next version gets the key.",
        (p(*_RUNNERS, check="runner_credential", dry_run_exempt=False),),
        match=(
            "npx super-deploy-helper@latest --token $PROD_DEPLOY_TOKEN",
            "uvx db-migrate-helper --password $DB_PASSWORD",
            "pnpm dlx release-bot --api-key=$NPM_TOKEN",
            "npx -y envsync ${GITHUB_TOKEN}",
        ),
        not_match=(
            "npx prettier --write .",
            "npx super-deploy-helper@2.4.1 --token $PROD_DEPLOY_TOKEN",
            "uvx ruff check .",
            "npx tsc --noEmit",
            "npm install --save-dev super-deploy-helper",
        ),
    ),
    Rule(
        "install.unpinned_manifest",
        "remote_code",
        "high",
        "require_approval",
        "Applies a Kubernetes manifest straight from a URL that is not pinned to a release or "
        "a commit: whatever it holds at that moment runs in the cluster, unreviewed.",
        (p("kubectl", "oc", check="unpinned_manifest"),),
        match=(
            "kubectl apply -f https://raw.githubusercontent.com/randomdev/k8s-fix/main/fix.yaml",
            "kubectl create -f https://gist.githubusercontent.com/x/abc/raw/patch.yaml -n prod",
            "kubectl apply -f https://github.com/x/y/releases/latest/download/install.yaml",
        ),
        not_match=(
            "kubectl apply -f https://github.com/cert-manager/cert-manager/releases/download/"
            "v1.14.4/cert-manager.yaml",
            "kubectl apply -f https://raw.githubusercontent.com/kubernetes/dashboard/v2.7.0/aio/"
            "deploy/recommended.yaml",
            "kubectl apply -f ./k8s/deployment.yaml",
            "kubectl get -f https://raw.githubusercontent.com/randomdev/k8s-fix/main/fix.yaml",
        ),
    ),
    Rule(
        "install.unverified_packages",
        "remote_code",
        "high",
        "require_approval",
        "Installs packages with their signature or TLS checks turned off, or adds a package "
        "repository marked trusted: anyone between you and that server can swap in code that "
        "then runs as root.",
        (
            p("yum", "dnf", "microdnf", "tdnf", flags_any=("--nogpgcheck",)),
            p("zypper", flags_any=("--no-gpg-checks",)),
            p(
                "apt",
                "apt-get",
                flags_any=("--allow-unauthenticated", "--allow-insecure-repositories"),
            ),
            p("rpm", flags_any=("--nosignature", "--nodigest")),
            p("pip", "pip3", "uv", check="trusted_host", dry_run_exempt=False),
            # a sources.list line that skips the repository's signature
            p("echo", "printf", "tee", args_re=r"\bdeb(?:-src)?\s+\[[^\]]*\btrusted=yes"),
        ),
        match=(
            "yum install --nogpgcheck https://dl.example.net/rpms/perf-tools-2.1.rpm",
            "dnf install -y --nogpgcheck agent",
            "apt-get install -y --allow-unauthenticated fastagent",
            "rpm -i --nosignature tool.rpm",
            "pip install --trusted-host pypi.fastmirror.xyz -i http://pypi.fastmirror.xyz/simple x",
            "echo 'deb [trusted=yes] http://apt.example.io/ stable main' | sudo tee /etc/apt/x",
        ),
        not_match=(
            "yum install perf-tools",
            "apt-get install -y sysstat",
            "rpm -qi gpg-pubkey",
            "pip install requests==2.32.3",
            "echo 'deb [signed-by=/usr/share/keyrings/x.gpg] https://apt.example.io/ stable main'",
        ),
    ),
)
