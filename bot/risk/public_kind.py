"""Public by kind: a bucket, container, repository or image made public when the message
says what it holds, and what it holds is made to be public.

A website's bucket of HTML, CSS and images, a container of product photos for the public
site, the repository of an open-source project or the engineering blog, a release image of
an open-source CLI: opening these to everyone is how they are served. The command readers
see only `allUsers`, `--public-access blob`, `--visibility public` or a push to Docker Hub;
the message around them says what goes. When a sentence of its prose names such content
(static assets, a built site, open-source code, material already published or approved for
publication) and nothing in the whole message names sensitive data, the public-exposure
findings of that one act are lowered, and so are the prose readings of the same act.

Fail closed:
- any sensitive noun anywhere in the message (customers, personal data, exports, backups,
  contracts, credentials, configuration files, internal material …) keeps every finding,
  unless its own clause keeps it back ("the detailed report stays internal", "原始问卷所在的
  桶保持私有") or negates it ("no env files", "ohne Konfigurationsdateien");
- two public acts on different targets: nothing is lowered (which one the content is about
  is not said);
- snapshots, machine images and network access are never content made to be public;
- findings of any other rule (a delete, a grant, a secret) stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.risk.model import Finding
from bot.risk.policy import Part
from bot.risk.prose.lexicons import BY_LANG

__all__ = ["public_by_kind"]

# The command and document rules that open a store, a repository or an image to everyone.
_ACT_RULES = frozenset(
    {
        "shell.public_acl_gcp",
        "shell.public_acl_aws",
        "shell.public_access_azure",
        "shell.public_access_bucket",
        "shell.public_access_block_off",
        "shell.public_exposure",
        "publish.public_registry",
        "githost.repo_public",
        "doc.policy_public",
        "doc.storage_public",
        "powershell.storage_public",
    }
)
# What no content makes public by kind: disk snapshots, machine images, network reach.
_NOT_CONTENT = re.compile(r"snapshot|modify-image|public-network-access", re.I)
# The prose readings of the same act: lowered with it when they sit in its sentence.
_PROSE_RULES = frozenset(
    {
        "prose.public_storage",
        "prose.public_link",
        "prose.intent.sharing",
        "prose.intent.network",
        "prose.public_service",
    }
)

# ------------------------------------------------------------------ what is held
# Content made to be public, named as what the store holds (seven languages).
_ASSETS = re.compile(
    r"\bstatic\s+(?:site|website|assets?|files|pages|content|html)\b"
    r"|\b(?:compiled|built|generated|rendered)\s+(?:static\s+)?(?:html|site|docs|pages|component)\b"
    r"|\bhtml\b|\bcss\b|\bjavascript\b|\bjs\s+files\b|\bimages\b|\bicons\b|\bfonts\b|\bfavicons?\b"
    r"|\bbanners\b|\bposters\b|\blogos\b|\bproduct\s+(?:photos|images|shots)\b"
    r"|\b(?:markdown|blog)\s+(?:posts|pages)\b"
    r"|\bsite\s+statique\b|\bimages\b|\bicônes\b|\bphotos\s+produits?\b|\bvisuels\b|\bpolices\b"
    r"|\bfeuilles\s+de\s+style\b|\bhtml\s+compilé\b"
    r"|\bimágenes\b|\biconos\b|\bcarteles\b|\bestátic[oa]s\b|\bpáginas\s+markdown\b"
    r"|\bimagens\b|\bícones\b|\bartes\s+finais\b"
    r"|\bbilder\b|\bproduktfotos\b|\bproduktbilder\b|\bstatische\w*\b|\bschriftarten\b"
    r"|画像|アイコン|静的|ロゴ|ビルド済み"
    r"|静态|图片|图标"
)
# The assets said to be what the store holds, or all it holds ("only holds", "ne contient
# que", "solo tiene", "só tem", "liegen nur", "入っているのは…だけ", "只有").
_HOLDS = re.compile(
    r"\b(?:only|just|holds?|contains?|has|have|there\s+(?:are|is)|serves?)\b"
    r"|\b(?:contient|ne\s+\S+\s+que|seulement|uniquement|sert|il\s+y\s+a)\b"
    r"|\b(?:solo|sólo|únicamente|tiene|contiene|hay)\b"
    r"|\b(?:só|apenas|tem|contém|há)(?!\w)"
    r"|\b(?:nur|liegen|liegt|enthält|ausschließlich)\b"
    r"|だけ|のみ|入っている|含まれ"
    r"|只有|仅|里有|包含|只放"
)
# Open-source code by its kind: "the open-source CLI", "dépôt open source", "proyecto de
# código abierto", "Open-Source-Exporter", "オープンソースの", "开源项目", a licence named.
# "open-source the SDK", "开源出去" name the act of opening it, not what it is.
_OPEN_SOURCE = re.compile(
    r"(?<!\bto\s)\bopen[- ]sourced?\s+(?!the\b|it\b|our\b|this\b|that\b|them\b)"
    r"(?:[\w.-]+\s+){0,2}?(?:project|cli|sdk|library|tool|exporter|component|package|app|"
    r"code|repo|repository|plugin|client)s?\b"
    r"|\bapache[- ]2(?:\.0)?\b|\bmit[- ]licen[sc]ed\b|\bmit\s+licen[sc]e\b|\bgplv?\d?\b"
    r"|\b(?:dépôt|projet|cli|outil|bibliothèque|code|logiciel|sdk)\s+(?:[\w-]+\s+)?"
    r"(?:open[- ]source|libre)\b|\blicence\s+mit\b"
    r"|\b(?:proyecto|projeto|repositorio|repositório|cli|sdk|librería|biblioteca|herramienta|"
    r"ferramenta)\s+(?:[\w-]+\s+)?(?:de\s+)?(?:código\s+abierto|código\s+aberto|open[- ]source)\b"
    r"|\blicen(?:cia|ça)\s+mit\b"
    r"|\bopen-source-\w+|\bquelloffen\w*|\bmit-lizenz\b"
    r"|オープンソース(?:の|版|プロジェクト)"
    r"|开源(?:的|项目|库|工具|版本|仓库|软件|代码)"
)
# The content said to be public already, or approved or written for publication.
_ALREADY_PUBLIC = re.compile(
    r"\balready\s+(?:public|published|live|on\s+(?:the|our)\s+(?:website|site|blog))\b"
    r"|\bgoing\s+live\s+anyway\b|\bpublic\s+(?:on\s+the\s+web\s+)?anyway\b"
    r"|\bapproved\s+for\s+(?:publication|release)\b|\bfor\s+public\s+release\b"
    r"|\bdéjà\s+(?:publiée?s?|en\s+ligne)\b|\bpour\s+diffusion\s+publique\b"
    r"|\b(?:ya|de\s+todas\s+formas)\s+(?:son|es)\s+públic[oa]s?\b|\bya\s+publicad[oa]s?\b"
    r"|\bjá\s+(?:é|são)\s+públic[oa]s?\b|\bjá\s+divulga\w*|\bjá\s+publicad[oa]s?\b"
    r"|\bfreigegeben\w*|\bbereits\s+(?:öffentlich|veröffentlicht)\b"
    r"|公開済み|既に公開|すでに公開"
    r"|已经公开|本来就是公开|审核过"
)
# A sentence about the store itself (its own noun), where a prose reading of the act is.
_STORE = re.compile(
    r"\b(?:buckets?|containers?|conteneur|contenedor|contêiner|repo(?:sitor(?:y|io|ies))?|"
    r"repositório|dépôt|images?|imagen|imagem|docker\s*hub|registry|packages?|paquete|pacote|"
    r"paket|blob)\b|バケット|コンテナ|リポジトリ|イメージ|存储桶|桶|容器|仓库|镜像"
)

# ------------------------------------------------------------------ sensitive nouns
# Beyond the lexicons' `pii`, `secret` and `inside` slots: what a store of sensitive data
# is named by (customer files, exports, backups, ledgers, configuration baked in).
_HELD = re.compile(
    r"\b(?:customers?|clients?|exports?|backups?|dumps?|databases?|contracts?|invoices?|"
    r"payroll|salar(?:y|ies)|employees?|hr|credentials?|passwords?|tokens?|secrets?|"
    r"api\s+keys?|private\s+keys?|env\s+files?|config(?:uration)?\s+(?:files?|baked)|"
    r"hostnames?|break-glass|runbooks?|ledgers?|bank|financ\w*|revenue|attendees?|"
    r"registrants?|leads?|cvs?|resumes?|personal|pii|internal|confidential|private|board|"
    r"id\s+(?:scans?|copies|cards?)|uploads?|user-generated)\b"
    r"|\.env\b"
    r"|\b(?:sauvegardes?|contrats?|factures?|paie|salariés?|employés|identifiants|"
    r"mots\s+de\s+passe|grands\s+livres|rib|bancaires?|financi\w*|confidenti\w*|internes?|"
    r"personnel\w*)\b"
    r"|\b(?:clientes?|exportaciones?|copias\s+de\s+seguridad|respaldos?|contratos?|facturas?|"
    r"nóminas?|empleados?|credenciales|contraseñas?|secretos?|asistentes|dni|financier\w*|"
    r"confidencial\w*|intern[oa]s?)\b"
    r"|\b(?:exporta\w*|faturas?|folha\s+de\s+pagamento|funcionários?|credenciais|senhas?|"
    r"segredos?|cpf|financeir\w*)\b"
    r"|\b(?:kunden\w*|sicherung\w*|verträge?|rechnung\w*|gehalt\w*|mitarbeit\w*|zugangsdaten|"
    r"passw\w*|geheim\w*|personal\w*|ausweis\w*|lebensl\w*|intern(?:e[nrs]?)?|vertraulich\w*|"
    r"finanz\w*|konfiguration\w*)\b"
    r"|顧客|個人情報|社員|従業員|社内|バックアップ|エクスポート|契約|請求|給与|パスワード|"
    r"認証情報|キー|設定ファイル|機密"
    r"|客户|个人信息|员工|内部|备份|导出|合同|发票|工资|薪资|密码|密钥|凭证|身份证|手机号|"
    r"数据库|机密|配置文件"
)
_SLOTS = ("pii", "secret", "inside")
# A clause that keeps its noun back ("… stay internal", "le rapport détaillé reste interne",
# "sigue restringida al equipo", "bleibt intern", "保持私有"): what it names does not go.
_KEPT_BACK = re.compile(
    r"\b(?:stays?|remains?|(?:is|are)\s+kept|kept)\b(?:\s+[\w-]+){0,3}?\s+"
    r"(?:internal|private|restricted|locked|confidential|under\s+nda)\b"
    r"|\b(?:reste|restent|demeure|demeurent)\s+(?:\w+\s+){0,2}?"
    r"(?:internes?|privée?s?|restreinte?s?|confidentiel\w*)\b"
    r"|\b(?:sigue|siguen|queda|quedan|permanece|permanecen)\s+(?:\w+\s+){0,2}?"
    r"(?:restringid[oa]s?|privad[oa]s?|intern[oa]s?|cerrad[oa]s?)\b"
    r"|\b(?:continua|continuam|fica|ficam|permanece|permanecem)\s+(?:\w+\s+){0,2}?"
    r"(?:restrit[oa]s?|privad[oa]s?|intern[oa]s?|fechad[oa]s?)\b"
    r"|\b(?:bleibt|bleiben)\s+(?:\w+\s+){0,2}?(?:intern|privat|gesperrt|eingeschränkt|vertraulich)\b"
    r"|非公開のまま|社内限定のまま|非公開を維持"
    r"|保持私有|保持不公开|仍然私有|继续私有|不对外"
)
# A negation right before the noun, in its clause ("no env files", "nothing internal").
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:no|nothing|without|never|sans|aucune?|sin|ningun[oa]?|ningún|sem|nenhum[a]?|"
    r"ohne|kein\w*)\b(?:\s+[\w.-]+){0,2}\s*|不含|不包含|没有)$"
)
_NEGATED_AFTER = re.compile(
    r"^(?:[^\s、。]{0,6})?(?:は含まれていません|は入っていません|を含みません)"
)
_CLAUSES = re.compile(r"[^,;:，；、。.!?！？()（）\n—–]+")
_SENTENCES = re.compile(r"(?:[^.!?。！？\n]|[.!?](?=\S))+(?:[.!?]+(?=\s|$)|[。！？]+|\n|$)")
# A prose reader's evidence leaves the commands out ("so go ahead with , then ."): its
# pieces between those gaps are what can be found in the text.
_GAPS = re.compile(r"\s+[,.;:]\s*|…|\s+[,.;:]?$")
_CODE = re.compile(r"```.*?(?:```|$)|`[^`\n]*`", re.S)


def public_by_kind(parts: Sequence[Part], text: str) -> None:
    """Lower the public-exposure findings of one act whose content the message names as
    public by kind, with the prose readings of that act (see the module docstring)."""
    acts = [f for part in parts for f in part.findings if _is_act(f)]
    if not acts or len({_key(f.evidence or "") for f in acts}) != 1:
        return
    if any(
        f.rule in _ACT_RULES and f.verdict != "allow" and not _is_act(f)
        for p in parts
        for f in p.findings
    ):
        return  # a snapshot or network opened as well: not content
    low = text.lower()
    if not _names_public_content(low) or _names_sensitive(low):
        return
    where = [f.evidence for f in acts if f.evidence]
    for part in parts:
        part.findings = _lowered(part.findings, low, where)


def _is_act(f: Finding) -> bool:
    return (
        f.rule in _ACT_RULES and f.verdict != "allow" and not _NOT_CONTENT.search(f.evidence or "")
    )


def _key(evidence: str) -> str:
    return " ".join(evidence.lower().split())


def _names_public_content(low: str) -> bool:
    """A sentence of the prose (code left out) names content made to be public."""
    prose = _CODE.sub(" ", low)
    if _OPEN_SOURCE.search(prose) or _ALREADY_PUBLIC.search(prose):
        return True
    if any(lx.pattern("public_content").search(prose) for lx in BY_LANG.values()):
        return True
    return any(
        _ASSETS.search(m.group(0)) and _HOLDS.search(m.group(0)) for m in _SENTENCES.finditer(prose)
    )


def _names_sensitive(low: str) -> bool:
    """Any clause of the message, code included, names sensitive data it does not keep back."""
    for clause in _CLAUSES.finditer(low):
        words = clause.group(0)
        if _KEPT_BACK.search(words):
            continue
        for m in _sensitive(words):
            if not (
                _NEGATED_BEFORE.search(words[: m.start()]) or _NEGATED_AFTER.match(words[m.end() :])
            ):
                return True
    return False


def _sensitive(words: str) -> list[re.Match[str]]:
    found = list(_HELD.finditer(words))
    for lx in BY_LANG.values():
        for slot in _SLOTS:
            found += lx.pattern(slot).finditer(words)
    return found


def _lowered(findings: list[Finding], low: str, acts: list[str]) -> list[Finding]:
    kept: list[Finding] = []
    lowered: list[Finding] = []
    for f in findings:
        if _is_act(f) or (f.rule in _PROSE_RULES and _same_act(f, low, acts)):
            lowered.append(f)
        else:
            kept.append(f)
    if not lowered:
        return findings
    note = Finding(
        rule="scope.public_by_kind",
        category="policy",
        reason=(
            f"Not held: {lowered[0].rule} opens content the message names as made to be "
            "public (static site files, images, open-source code, material already "
            "published), and it names no sensitive data."
        ),
        risk="low",
        verdict="allow",
        evidence=lowered[0].evidence,
    )
    return [*kept, note]


def _same_act(f: Finding, low: str, acts: list[str]) -> bool:
    """The prose finding's sentence holds the act's command or names the store itself."""
    pieces = sorted(_GAPS.split((f.evidence or "").lower()), key=len, reverse=True)
    piece = pieces[0].strip() if pieces else ""
    at = low.find(piece) if len(piece) >= 8 else -1
    if at < 0:
        return False
    for m in _SENTENCES.finditer(low):
        if m.start() <= at < m.end():
            sentence = m.group(0)
            return bool(_STORE.search(sentence)) or any(
                a.lower().strip(" …") in sentence for a in acts
            )
    return False
