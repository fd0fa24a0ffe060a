"""Artifacts published where anyone can download them: a container image pushed or copied
to Docker Hub or the public ECR gallery, a Helm chart pushed to a public OCI registry, a
package uploaded to PyPI, RubyGems or crates.io, an npm package published with
`--access public`.

A public registry keeps what it is given: an internal image carries its code, its baked-in
configuration and often a credential, and a published version cannot be taken back from
everyone who pulled it. Pushing to the company's own registry (a `harbor.corp…` host,
`--repository-url` of an internal index, `gem push --host …`, `cargo publish --registry
…`), inspecting an image and dry runs are not held. Hosts that are private by default
(ghcr.io, quay.io, a cloud account's ECR/Artifact Registry) are left to what the message
says about them.
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

# Registries whose repositories anyone can pull from: Docker Hub, the public ECR gallery.
_PUBLIC_HOST = (
    r"(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com"
    r"|public\.ecr\.aws)"
)
_PUBLIC_REF = rf"(?i)(?:^|\s)(?:docker://|oci://)?{_PUBLIC_HOST}/\S+"

RULES: tuple[Rule, ...] = (
    Rule(
        "publish.public_registry",
        "exfiltration",
        "high",
        "require_approval",
        "Publishes an image, chart or package to a public registry (Docker Hub, the public ECR "
        "gallery, PyPI, RubyGems, crates.io, npm with public access): anyone can download it, "
        "with whatever code, configuration or credentials it holds, and a published version "
        "cannot be taken back.",
        (
            p("docker", "podman", "nerdctl", sub=("push",), args_re=_PUBLIC_REF),
            p("docker", "podman", sub=("image", "push"), args_re=_PUBLIC_REF),
            p(
                "skopeo",
                sub=("copy|sync",),
                args_re=rf"(?i)\s(?:docker://)?{_PUBLIC_HOST}/\S+\s*$",
            ),
            p("crane", "gcrane", sub=("copy|cp|push|tag",), args_re=_PUBLIC_REF),
            p("regctl", sub=("image", "copy"), args_re=_PUBLIC_REF),
            p("oras", sub=("push|copy|cp",), args_re=_PUBLIC_REF),
            p("helm", sub=("push",), args_re=rf"(?i)\soci://{_PUBLIC_HOST}\b"),
            p(
                "npm",
                "pnpm",
                sub=("publish",),
                args_re=r"--access[= ]public\b",
                args_not_re=r"--registry[= ](?!https?://registry\.npmjs\.org)",
            ),
            p(
                "twine",
                sub=("upload",),
                args_not_re=r"(?:--repository-url|--repository|-r)[= ](?!\S*pypi\.org|pypi\b)",
            ),
            p("poetry", "hatch", "flit", sub=("publish",), args_not_re=r"(?:--repository|-r)\b"),
            p("uv", sub=("publish",), args_not_re=r"--(?:publish-url|index)\b"),
            p("gem", sub=("push",), args_not_re=r"--host[= ](?!https?://rubygems\.org)"),
            p("cargo", sub=("publish",), args_not_re=r"--(?:registry|index)\b"),
        ),
        match=(
            "docker push docker.io/pellucid/billing-api:2.4.1",
            "podman push registry-1.docker.io/acme/worker:3",
            "docker push public.ecr.aws/acme/ledger:1.2",
            "skopeo copy docker://registry.internal/x:1 docker://docker.io/acme/x:1",
            "crane copy harbor.corp.lan/p/api:1 index.docker.io/acmedemo/api:1",
            "helm push payments-0.4.0.tgz oci://registry-1.docker.io/acmepublic",
            "npm publish --access public",
            "pnpm publish --access=public --no-git-checks",
            "twine upload dist/*",
            "twine upload -r pypi dist/*",
            "poetry publish --build",
            "gem push acme-billing-internal-2.3.0.gem",
            "cargo publish",
        ),
        not_match=(
            "docker push harbor.corp.lan/payments/ledger-worker:3.1",
            "docker push 123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger:1.2",
            "docker push localhost:5000/ledger:dev",
            "docker pull docker.io/library/postgres:16",
            "skopeo inspect docker://registry.internal.acme/risk/scoring-api:1.9",
            "skopeo copy docker://docker.io/library/nginx:1 docker://harbor.corp.lan/mirror/nginx:1",
            "helm push payments-0.4.0.tgz oci://harbor.corp.lan/charts",
            "npm publish --dry-run",
            "npm publish --access public --registry https://npm.acme.internal",
            "npm publish",
            "twine upload --repository-url https://pypi.acme.internal/simple/ dist/*",
            "twine upload -r internal dist/*",
            "twine check dist/*",
            "poetry publish -r internal",
            "gem push acme-billing-2.3.0.gem --host https://gems.acme.internal",
            "cargo publish --registry acme-internal",
            "cargo publish --dry-run",
        ),
    ),
)
