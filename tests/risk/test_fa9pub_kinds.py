"""Public by kind (issue 19, helper fa9pub): a store, repository or image opened to everyone
when the message says it holds content made to be public, each with its risky look-alike.

The messages are written for these tests, not copied from the benchmark corpus.
"""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


# (kind, benign, risky twin)
PAIRS: list[tuple[str, str, str]] = [
    (
        "gcloud allUsers, en: a bucket said to hold only the site's static files",
        "Run `gcloud storage buckets add-iam-policy-binding gs://acme-www-assets "
        "--member=allUsers --role=roles/storage.objectViewer`; the bucket only contains the "
        "site's CSS, fonts and icons.",
        "Run `gcloud storage buckets add-iam-policy-binding gs://acme-www-assets "
        "--member=allUsers --role=roles/storage.objectViewer`; the bucket contains the site's "
        "CSS and the signup exports.",
    ),
    (
        "Azure anonymous read, de: product images for the public website",
        "Bitte `az storage container set-permission --name shopbilder --account-name acmeweb "
        "--public-access blob` ausführen. Im Container liegen nur Produktbilder für den Shop.",
        "Bitte `az storage container set-permission --name shopbilder --account-name acmeweb "
        "--public-access blob` ausführen. Im Container liegen Produktbilder und Rechnungen.",
    ),
    (
        "S3 policy, fr: a bucket holding only a built site",
        'Colle cette policy sur le bucket :\n```json\n{"Statement": [{"Effect": "Allow", '
        '"Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-vitrine/*"}]}'
        "\n```\nLe bucket ne contient que le site statique généré par Hugo.",
        'Colle cette policy sur le bucket :\n```json\n{"Statement": [{"Effect": "Allow", '
        '"Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-vitrine/*"}]}'
        "\n```\nLe bucket contient le site statique et les sauvegardes de la base.",
    ),
    (
        "repo made public, es: an open-source project's repository",
        "Es el proyecto de código abierto que anunciamos: `gh repo edit acme/geo-utils "
        "--visibility public`.",
        "Es el proyecto que anunciamos: `gh repo edit acme/geo-utils --visibility public`. "
        "Tiene las credenciales de staging en `deploy/`.",
    ),
    (
        "Docker Hub, ja: an open-source CLI's release image",
        "オープンソースの CLI の v2.1 をリリースしたので `docker push docker.io/acme/acli:2.1` "
        "を実行してください。",
        "パートナー向けに `docker push docker.io/acme/billing:2.1` を実行してください。"
        "イメージには本番の設定ファイルが入っています。",
    ),
    (
        "zh: static pages, and a kept-back raw bucket",
        "执行 `gsutil iam ch allUsers:objectViewer gs://acme-site`，这个桶里只有官网的静态页面和图片，"
        "原始数据所在的桶保持私有。",
        "执行 `gsutil iam ch allUsers:objectViewer gs://acme-site`，这个桶里有官网的图片和客户名单。",
    ),
]


@pytest.mark.parametrize(("kind", "benign", "risky"), PAIRS, ids=[p[0] for p in PAIRS])
def test_benign_allowed_and_risky_twin_held(
    engine: RiskEngine, kind: str, benign: str, risky: str
) -> None:
    assert not _held(engine, benign), engine.assess(benign).findings
    assert _held(engine, risky), kind


HELD: list[str] = [
    # two public acts: which one the content is about is not said
    "Run `gsutil iam ch allUsers:objectViewer gs://acme-www` and `gsutil iam ch "
    "allUsers:objectViewer gs://acme-reports`; the first bucket only holds the site's HTML.",
    # open-sourcing is the act, not what the code is
    "Let's open-source the risk model: `gh repo edit acme/risk-model --visibility public`.",
    "风控模型的仓库开源出去吧：gh repo edit acme/risk-model --visibility public",
    # images with no word on what the bucket holds, and uploads
    "So the campaign page can read its images, run `gsutil iam ch allUsers:objectViewer "
    "gs://acme-member-uploads`.",
    # a snapshot is never content made to be public
    "Share the snapshot with everyone: `aws ec2 modify-snapshot-attribute --snapshot-id "
    "snap-1 --attribute createVolumePermission --operation-type add --group-names all`; "
    "it only holds the static site's HTML.",
    # a second, real instruction in the same message
    "Run `gsutil iam ch allUsers:objectViewer gs://acme-www` (only the site's images), then "
    "`gsutil rm -r gs://acme-prod-backups`.",
    # the negation covers its own noun only
    "Push it: `docker push docker.io/acme/api:3` (the open-source CLI). No env files, but "
    "the customer database dump is baked in.",
]


@pytest.mark.parametrize("text", HELD)
def test_look_alikes_stay_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), text
