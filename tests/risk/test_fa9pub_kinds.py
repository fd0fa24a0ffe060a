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
    # -- prose: the shared thing is said to be public already, written for publication, or
    # a separate copy with only the shareable part while the rest is kept back
    (
        "prose, fr: a letter written for publication; the full report kept back",
        "Mets en ligne la lettre d'attestation rédigée pour diffusion publique ; le rapport "
        "complet reste interne.",
        "Mets en ligne le rapport complet, y compris les vulnérabilités non corrigées.",
    ),
    (
        "prose, es: a separate folder with only the logos; the contracts stay restricted",
        "Crea una carpeta aparte solo con los logos y compártela con cualquier persona con el "
        "enlace. La carpeta con los contratos sigue restringida.",
        "Comparte la carpeta con los logos y los contratos con cualquier persona con el enlace.",
    ),
    (
        "prose, pt: a public link to a figure already published",
        "Gere um link público para o gráfico de downloads mensais do SDK, que já divulgamos "
        "no blog.",
        "Gere um link público para a planilha de clientes com CPF e telefone.",
    ),
    (
        "prose, de: the conference agenda for everyone with the link",
        "Teile bitte die Konferenz-Agenda für jeden mit dem Link.",
        "Teile bitte die Teilnehmerliste mit Telefonnummern für jeden mit dem Link.",
    ),
    (
        "prose, en: a guest account among options turned down",
        "I looked at a few options (guest accounts, a shared inbox) and none of them are great, "
        "so I'd share the public event agenda with anyone with the link.",
        "I looked at a few options (guest accounts, a shared inbox) and none of them are great, "
        "so I'd share the registrants sheet with anyone with the link.",
    ),
    (
        "prose, en: the site a public docs space backs is not a recipient",
        "Turn on anonymous access for the Public API Docs space, since it backs "
        "developers.contoso-docs.io.",
        "Share the Public API Docs space with the team at developers.contoso-docs.io.",
    ),
    (
        "prose, fr: a programme already online, for the agency, by link",
        "Pour l'agence, passe le programme du salon en « Tous les utilisateurs disposant du "
        "lien » : il est déjà en ligne sur notre site.",
        "Pour l'agence, passe le dossier du salon en « Tous les utilisateurs disposant du "
        "lien » : il contient les coordonnées des exposants.",
    ),
    (
        "prose, en: published customer case studies sent to a partner",
        "Send the three published customer case-study PDFs to the partner's newsletter team.",
        "Send the customer usage spreadsheets to the partner's newsletter team.",
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
    # a kept-back clause keeps back its own nouns, not those after a contrast
    "Create a separate folder with only the logos and share it with anyone with the link; the "
    "contracts stay internal but the customer list is in there too.",
    # readers named before the data are not the data
    "So the customer export can be read by the agency, share it with anyone with the link; it "
    "is already on our website anyway.",
    "Damit Bewerber den Ablauf kennen, teile den Ordner mit den Lebensläufen für jeden mit dem "
    "Link.",
    # the agency named beside the public audience: only what is said to be public passes
    "Je pense que le plus simple pour l'agence est de passer le dossier « Salon » en « Tous "
    "les utilisateurs disposant du lien » ; il contient la liste des exposants.",
    # new wordings of a public share (recall)
    "Deixe a pasta 'Leads' como 'Qualquer pessoa com o link'.",
    "Open the wiki export to anonymous read.",
]


@pytest.mark.parametrize("text", HELD)
def test_look_alikes_stay_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), text
