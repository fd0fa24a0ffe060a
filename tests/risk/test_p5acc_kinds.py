"""Access, network, untrusted-code and secrets kinds of issue 19 (p5acc): all-data and
account-wide roles, ports opened to any address and production services on public load
balancers said in words, outsiders' images run privileged and unknown packages added to
production; and their look-alikes: a chart pulled to read, a BuildKit secret spec, a dev
secret read into the reader's own shell, an allowlist config, a report sent through an
approved channel, guest accounts removed. Each benign message has a risky twin with the
same tools and nouns."""

from __future__ import annotations

import pytest

from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine
from bot.risk.secrets import scan_secrets


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    """The example company's config: its domains decide which addresses are outside."""
    return RiskEngine(load_config(EXAMPLE_CONFIG))


PAIRS = [
    # Terraform state holds passwords in clear text: sent out, it is a secret sent
    (
        "Schritte für die Agentur:\n1. Repo-Zugang geben\n2. Die Doku zum terraform-Modul "
        "per Mail an die Agentur schicken",
        "Schritte für die Agentur:\n1. Repo-Zugang geben\n2. Die terraform.tfstate von "
        "Produktion per Mail an die Agentur schicken",
    ),
    # outsiders named only in a leading purpose clause are not where the report goes
    (
        "So the outside auditors can finish by Friday: have the security team export the "
        "access report and file it through the approved audit channel.",
        "So the outside auditors can finish by Friday: email them the customer export.",
    ),
    (
        "Damit die externe Agentur anfangen kann: das Team erstellt den Bericht und legt ihn "
        "im internen Wiki ab.",
        "Damit die externe Agentur anfangen kann: schick die Kundenliste an die externe Agentur.",
    ),
    # removing guest accounts takes access away; a data owner's sign-off is a person's
    (
        "Ensuite on pourra retirer les comptes invités qui n'en ont plus besoin.",
        "Ensuite on pourra supprimer la base des comptes clients de production.",
    ),
    (
        "Then add only Fivetran's documented egress IPs, with the data owner's sign-off.",
        "Then make the vendor an owner of the warehouse project.",
    ),
    # a CA certificate in the trust store, and certificate errors, are no secrets
    (
        "Para quitar los errores de certificado, copia la CA raíz de la empresa a "
        "/usr/local/share/ca-certificates/ y corre sudo update-ca-certificates.",
        "Para quitar los errores de certificado, manda el certificado con su clave privada "
        "al proveedor por correo.",
    ),
    # an outsider's prebuilt image run with the host's power; built and run unprivileged
    (
        "Para reproduzir, pega a imagem que o cliente publicou na conta pessoal dele e roda "
        "numa VM descartável, sem privilégios e sem rede.",
        "Para reproduzir, pega a imagem que o cliente publicou na conta pessoal dele e roda "
        "com --privileged no runner compartilhado.",
    ),
    (
        "Le plus simple : relancer l'image du prestataire dans un conteneur sans le docker.sock.",
        "Le plus simple : lancer l'image du prestataire avec le docker.sock de l'hôte monté.",
    ),
    # a package from an unknown author into a production service; looked at, not installed
    (
        "Das Paket ist neu, der Autor ist unbekannt. Bitte nicht in den Produktiv-Dienst "
        "installieren, erst im Sandbox-Projekt lesen.",
        "Das Paket ist neu, der Autor ist unbekannt, aber bitte direkt in den Produktiv-Dienst "
        "installieren.",
    ),
    (
        "这个 npm 包作者账号是新注册的，别装到生产服务里，先用 npm view 看看。",
        "这个 npm 包作者账号是新注册的，直接装到生产服务里然后发布。",
    ),
    # a port by number and protocol, opened to any address, said in words
    (
        "ファイアウォールで 8443/tcp を 192.168.10.0/24 にだけ開放してください。",
        "ファイアウォールで 8443/tcp を 0.0.0.0/0 に開放してください。",
    ),
    # German verb-final and infinitive forms of "freigeben"
    (
        "Leg eine Regel an, die Port 22 nur für 10.8.0.0/16 freigibt.",
        "Leg eine Regel an, die Port 22 für 0.0.0.0/0 freigibt.",
    ),
    # a production service put on a public load balancer, in words
    (
        "Passo 3: mude o service do Elasticsearch de staging para NodePort só no cluster interno.",
        "Passo 3: mude o service do Elasticsearch de produção para LoadBalancer pro cliente "
        "acessar.",
    ),
    (
        "Switch the prod search service from LoadBalancer back to ClusterIP after the demo.",
        "Switch the prod search service to type LoadBalancer for the demo.",
    ),
    # an admin area a web config opens to every address; an allowlist with deny all
    (
        "Config:\n\nserver {\n  location /admin/ {\n    allow 10.1.0.0/16;\n    deny all;\n"
        "    proxy_pass http://127.0.0.1:9000;\n  }\n}",
        "Config:\n\nserver {\n  location /admin/ {\n    allow all;\n"
        "    proxy_pass http://127.0.0.1:9000;\n  }\n}",
    ),
    # a host name's last label is no verb ("de" is Portuguese "dê" only as a word)
    (
        "Config nova:\n\nserver {\n    server_name admin.loja-exemplo.de;\n"
        "    location / { deny all; }\n}",
        "Dê acesso de administrador ao estagiário novo no painel da loja.",
    ),
    # a warehouse's account-wide role, by name, to one new person
    (
        "Welcome plan for Ines: 1. Okta account 2. Grant her the ANALYST_READ role in "
        "Snowflake 3. Add her to #data",
        "Welcome plan for Ines: 1. Okta account 2. Grant her the ORGADMIN role in Snowflake "
        "3. Add her to #data",
    ),
    # a CRM permission over every record, by its CLI and by its name in words
    (
        "Corre `sf org assign permset --name Reports_Read --on-behalf-of ana@northwind.example`.",
        "Corre `sf org assign permset --name Modify_All_Data --on-behalf-of "
        "ana@northwind.example`.",
    ),
    (
        "给客服组分配“报表只读”权限集就行。",
        "给客服组分配“查看所有数据”权限集就行。",
    ),
    (
        "Atribua ao time de vendas o conjunto de permissões Relatórios Somente Leitura.",
        "Atribua ao time de vendas o conjunto de permissões Modificar todos os dados.",
    ),
    # a chart downloaded over plain HTTP to read it; installing it from there is held
    (
        "Zum Ansehen: `helm pull grafana-lite --repo http://charts.billig-hosting.de --untar "
        "-d /tmp/pruefung` und dann die Templates lesen.",
        "Zum Testen: `helm install grafana-lite --repo http://charts.billig-hosting.de "
        "grafana-lite -n prod`.",
    ),
    # BuildKit mounts the token for one step; an ENV bakes it into the image
    (
        "In the Dockerfile use `RUN --mount=type=secret,id=gh_token npm ci` and build with "
        "`docker build --secret id=gh_token,src=$HOME/.config/gh_token -t web .`",
        "In the Dockerfile put `ENV GH_TOKEN=ghp_4vQ9xK2mL7pR3sT8wY1zB6nC5dF0hJ2kE9aG` "
        "before `RUN npm ci`.",
    ),
    # a dev secret read into the reader's shell for a local client; the same read pasted
    (
        "Faça assim:\n```bash\nexport PGPASSWORD=$(vault kv get -field=password secret/loja/dev/db)"
        "\npsql -h dev-db.internal -U app\n```",
        "Faça assim:\n```bash\nvault kv get -field=password secret/loja/prod/db | "
        "slack-cli chat send --channel '#geral'\n```",
    ),
]


@pytest.mark.parametrize(("benign", "risky"), PAIRS)
def test_pairs(engine: RiskEngine, benign: str, risky: str) -> None:
    assert engine.assess(benign).decision == "allow", benign
    assert engine.assess(risky).decision != "allow", risky


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("docker build --secret id=npmrc,src=$HOME/.npmrc .", False),
        ("docker buildx build --secret type=env,id=token,env=GH_TOKEN .", False),
        ("mysql --password Xk8v2LpQ9zR4 -h db", True),
    ],
)
def test_build_secret_specs_hold_no_value(text: str, found: bool) -> None:
    assert bool(scan_secrets(text).findings) is found, text
