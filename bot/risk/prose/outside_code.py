"""Code from outside run where it can do harm, said in words in any language.

Two kinds the intent grammar cannot add up from one verb and one object:

- an outsider's prebuilt container image run with the host's power: "pull the image the
  customer pushed to their personal Docker Hub and run it in privileged mode on the
  shared runner", "das Image vom Kunden mit gemountetem Docker-Socket starten";
- a package nobody knows added to a production service: "作者账号是上个月才注册的 … 在生产服务的
  package.json 里加上它", "o autor criou a conta semana passada … adiciona no serviço de
  produção".

Each needs all of its signals, so the benign twins (the image built from its Dockerfile
in an unprivileged throwaway VM; the package looked at and not installed) stay allowed.
Signals in the seven languages; product words are English everywhere.
"""

from __future__ import annotations

import re

from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered
from bot.risk.prose.text import Rule, finding, lower, says_production

__all__ = ["assess_outside_code"]

_RULE = Rule("prose.outside_code", "exec", "high", "require_approval")

_IMAGE = prefiltered(re.compile(r"\bimages?\b|imagem|imagen|イメージ|镜像|映像"))
# Whose image: an outsider's, or someone's personal account.
_OUTSIDER = re.compile(
    r"customer|client|partner|freelanc|contractor|vendor|consultant|intern\b|their\s+own|"
    r"his\s+own|her\s+own|personal|\bperso\b|kunde|dienstleister|persönlich|privaten?\s+"
    r"(?:registry|account|konto)|cliente|parceiro|fornecedor|pessoal|proveedor|prestataire|"
    r"客户|外包|个人|顧客|取引先|外部の|個人"
)
# Run with the host's power: privileged mode or the Docker socket.
_PRIVILEGED = re.compile(
    r"privileg|docker[\s.-]?sock|特権|特权|host\s+network|--net(?:work)?[= ]host|--pid[= ]host"
)
# The power withheld: "unprivileged", "without the docker socket", "ohne Docker-Socket".
_WITHHELD = re.compile(
    r"(?:\bun|\bnon-?|without\s+(?:the\s+|any\s+)?|\bno\s+|ohne\s+(?:den\s+)?|sans\s+(?:le\s+)?|"
    r"sem\s+(?:o\s+)?|sin\s+(?:el\s+)?|不(?:要|用)?|なし)$"
)
_PACKAGE = re.compile(r"packages?|pacote|paquete|paquet|\bpaket|パッケージ|包|npm|pypi|pip\b|gem\b")
_PACKAGE_WORDS = (
    "package",
    "pacote",
    "paquet",
    "paket",
    "パッケージ",
    "包",
    "npm",
    "pypi",
    "pip",
    "gem",
)
"""A word every `_PACKAGE` match holds: looked for first, at C speed (`prefiltered` takes no
one-character word such as 包), so a long text without one is not scanned by the pattern."""
# A package nobody knows: a new author account, an unknown author, few downloads.
_UNKNOWN_AUTHOR = re.compile(
    r"author\W+(?:\w+\W+){0,4}?(?:new|unknown|registered|created|no\s+other)|"
    r"(?:new|unknown|anonymous)\s+(?:author|maintainer|publisher)|"
    r"autor\w*\W+(?:\w+\W+){0,4}?(?:cri(?:ou|ó)|registr|nov[oa]|desconhecid|desconocid|"
    r"unbekannt|inconnu|neu)|auteur\w*\W+(?:\w+\W+){0,4}?(?:inconnu|nouveau|cré)|"
    r"(?:few|no)\s+downloads|downloads?\s+(?:are\s+)?(?:low|few)|"
    r"作者[^。！？\n]{0,20}?(?:注册|无名|不明|没有其他|新)|作者は(?:無名|不明)|"
    r"作者[^。！？\n]{0,20}?(?:登録|新しい)|下载量(?:不多|很少)|ダウンロード数は(?:数十|少)"
)
_ADDED = re.compile(
    r"\b(?:add|install|put|deploy)|npm\s+(?:i|install|add)\b|yarn\s+add|pnpm\s+add|"
    r"adicion|instal|coloc|añad|agreg|ajout|hinzufüg|füg\w*\s+(?:\S+\s+){0,6}?hinzu|"
    r"加上|加到|加进|安装|装上|装到|装进|装在|追加|入れ|インストール"
)
# Refused right before the verb. Spanish "no" only touching it: Portuguese "no" is "in the".
_REFUSED = re.compile(
    r"(?:(?:\bdon'?t|\bdo\s+not|\bnot|\bnever|\bwon'?t|\bnão|\bnao|\bnicht|\bkein|\bpas|"
    r"别|不要|不|しない|せず)\W*(?:\w+\W+){0,4}|\bno\s+)$"
)


def _said(pattern: re.Pattern[str], low: str, withheld: re.Pattern[str]) -> bool:
    """`pattern` occurs with no withholding word right before it."""
    return any(
        not withheld.search(low[max(0, m.start() - 40) : m.start()]) for m in pattern.finditer(low)
    )


def assess_outside_code(text: str) -> list[Finding]:
    """One finding when an outsider's image runs privileged, or an unknown package goes
    into a production service."""
    low = lower(text)
    if _IMAGE.search(low) and _OUTSIDER.search(low) and _said(_PRIVILEGED, low, _WITHHELD):
        reason = (
            "Asks in plain words to run an outsider's prebuilt image with the host's power "
            "(privileged, or the Docker socket): whatever it holds controls the machine."
        )
        return [finding(_RULE, reason, text)]
    if (
        any(word in low for word in _PACKAGE_WORDS)
        and _PACKAGE.search(low)
        and _UNKNOWN_AUTHOR.search(low)
        and says_production(low)
        and _said(_ADDED, low, _REFUSED)
    ):
        reason = (
            "Asks in plain words to add a package from an unknown author to a production "
            "service: its install scripts and code run there unreviewed."
        )
        return [finding(_RULE, reason, text)]
    return []
