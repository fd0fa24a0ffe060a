"""Content made to be public, as a message states it: what a store, repository or
document holds named as public by kind (static site files, images, open-source code,
material already published or written for publication, a separate copy with only the
shareable part while the rest is kept back), and whether the message names sensitive data
it does not keep back or negate.

Read by the prose grammar (a share to everyone of such content, `intent`) and by the
engine for the command and document readers (`bot.risk.public_kind`). Fail closed: any
sensitive noun in a clause that neither keeps it back ("stays internal", "reste interne",
"sigue restringida", "bleibt intern", "保持私有") nor negates it ("no env files") counts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from bot.risk.prose.lexicons import BY_LANG

__all__ = ["SENTENCES", "names_public_content", "names_sensitive", "states_public_content"]

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
    r"|\bimagens\b|\bícones\b|\bartes\s+finais\b|\bphotos\b|\bfotos\b"
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
# A copy made to be shared, with only the shareable part ("a separate folder with only the
# final artwork", "un document à part", "solo ese documento", "ein eigenes Dokument nur mit
# …", "别的文档"): public by kind when the message also says what is kept back.
_SEPARATE = re.compile(
    r"\b(?:a|one)\s+separate\s+(?:doc(?:ument)?|folder|copy|version|sheet|page|file)\b"
    r"|\bonly\s+(?:that|this)\s+(?:doc(?:ument)?|folder|copy|version|sheet|page|file)\b"
    r"|\b(?:document|dossier|copie|version|fichier)\s+(?:à\s+part|séparée?|dédiée?)\b"
    r"|\b(?:uniquement|seulement)\s+(?:ce|cette)\s+(?:document|dossier|lettre|copie|version)\b"
    r"|\b(?:documento|carpeta|copia|versión|archivo)\s+(?:aparte|separad[oa]|dedicad[oa])\b"
    r"|\bsolo\s+(?:ese|esa|este|esta)\s+(?:documento|carpeta|copia|versión|archivo)\b"
    r"|\b(?:documento|pasta|cópia|versão|arquivo)\s+(?:à\s+parte|separad[oa]|dedicad[oa])\b"
    r"|\bsó\s+(?:esse|essa|este|esta)\s+(?:documento|pasta|cópia|versão|arquivo)\b"
    r"|\b(?:eigene|separate)[snm]?\s+(?:dokument|ordner|kopie|version|datei)\b"
    r"|\bnur\s+(?:dieses|diesen|diese)\s+(?:dokument|ordner|kopie|datei)\b"
    r"|別の(?:ドキュメント|資料|フォルダ|ファイル)|単独の(?:ドキュメント|資料)"
    r"|单独(?:的|一个|一份)?(?:文档|文件夹|文件|版本)|另建(?:一个|一份)?(?:文档|文件夹)"
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
    r"\balready\s+(?:public|published|live|on\s+(?:the|our)\s+(?:[\w-]+\s+)?(?:website|site|blog))\b"
    r"|\bgoing\s+live\s+anyway\b|\bpublic\s+(?:on\s+the\s+web\s+)?anyway\b"
    r"|\bapproved\s+for\s+(?:publication|release)\b|\bfor\s+public\s+release\b"
    r"|\bdéjà\s+(?:\w+\s+)?(?:publiée?s?|en\s+ligne)\b|\bpour\s+diffusion\s+publique\b"
    r"|\b(?:ya|de\s+todas\s+formas)\s+(?:son|es)\s+públic[oa]s?\b|\bya\s+(?:\w+\s+)?publicad[oa]s?\b"
    r"|\bjá\s+(?:é|são)\s+públic[oa]s?\b|\bjá\s+divulga\w*|\bjá\s+(?:\w+\s+)?publicad[oa]s?\b"
    r"|\bfreigegeben\w*|\bbereits\s+(?:\w+\s+)?(?:öffentlich|veröffentlicht)\b"
    r"|公開済み|既に公開|すでに公開"
    r"|已经公开|本来就是公开|审核过"
)
# ------------------------------------------------------------------ sensitive nouns
# Beyond the lexicons' `pii`, `secret` and `inside` slots: what a store of sensitive data
# is named by (customer files, exports, backups, ledgers, configuration baked in).
_HELD = re.compile(
    r"\b(?:customers?(?![\s-]+(?:case[\s-]stud(?:y|ies)|success\s+stor|stor(?:y|ies)|testimonials?|logos?)\b)|clients?|exports?|backups?|dumps?|databases?|contracts?|invoices?|"
    r"payroll|salar(?:y|ies)|employees?|hr|credentials?|passwords?|tokens?|secrets?|"
    r"api\s+keys?|private\s+keys?|env\s+files?|config(?:uration)?\s+(?:files?|baked)|"
    r"hostnames?|break-glass|runbooks?|ledgers?|bank|financ\w*|revenue|attendees?|"
    r"registrants?|leads?|cvs?|resumes?|pii|internal|confidential|private|board|"
    # personal data, not a personal place ("their planners use personal Gmail accounts")
    r"personal(?!\s+(?:gmail|yahoo|outlook|e-?mail\s+accounts?|accounts?|laptops?|devices?|"
    r"phones?|computers?|drives?)\b)|"
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
    r"passw\w*|geheim\w*|personal(?:akte|daten|abteilung|nummer)\w*|ausweis\w*|lebensl\w*|intern(?:e[nrs]?)?|vertraulich\w*|"
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
    r"|\b(?:under|sous|bajo|sob|unter)\s+nda\b"
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
# Who reads what is published, after a purpose opener (see `_readers`).
_PEOPLE = re.compile(
    r"customers?|clients?|users?|candidates?|applicants?|attendees?|partners?|visitors?"
    r"|clientes?|candidat[oa]s?|candidats?|usuari[oa]s?|usuários?|utilisateurs?|participant[ea]s?"
    r"|kunden|bewerber(?:innen)?|kandidat(?:en|innen)?|nutzer(?:innen)?|teilnehmer(?:innen)?"
    r"|客户|用户|候选人|应聘者|お客様|顧客|候補者|応募者|ユーザー"
)
_PURPOSE_OPENER = re.compile(
    r"(?:\bso(?:\s+that)?|\bfor|\bto\s+let|\bletting|\bpour\s+que|\bpara\s+que|\bdamit"
    r"|让|方便|供)\s*(?:(?:our|the|all|new|les|nos|los|las|os|as|nossos|nuestros|die|unsere)\s+)?$"
)
_DATA_AFTER = re.compile(
    r"[\s-]*(?:export|list|data|table|records?|files?|dump|csv|sheet|base|details|emails?|"
    r"liste|données|fichier|lista|datos|dados|tabla|tabela|daten|tabelle|名单|数据|リスト|データ)"
)
_CLAUSES = re.compile(r"[^,;:，；、。.!?！？()（）\n—–]+")
# A contrast starts a clause of its own: "the contracts stay internal but the customer list
# is in there too" keeps back the contracts only.
_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|yet|mais|cependant|pourtant|pero|aunque|sin\s+embargo|"
    r"mas|porém|embora|aber|jedoch|doch|allerdings)\b|但是|但|不过|可是|ただし|しかし|でも|けど"
)
SENTENCES = re.compile(r"(?:[^.!?。！？\n]|[.!?](?=\S))+(?:[.!?]+(?=\s|$)|[。！？]+|\n|$)")
_CODE = re.compile(r"```.*?(?:```|$)|`[^`\n]*`", re.S)


# What a statement of public content is read in: a message of ordinary length. A longer
# one is never lowered by it and always counts as naming sensitive data (fail closed), so
# a 64 KB input costs no more than its first pass.
_MAX_CHARS = 8000


def names_public_content(low: str) -> bool:
    """A sentence of the prose (code left out) names content made to be public."""
    if len(low) > _MAX_CHARS:
        return False
    prose = _CODE.sub(" ", low)
    if _OPEN_SOURCE.search(prose) or _ALREADY_PUBLIC.search(prose):
        return True
    if _SEPARATE.search(prose) and _KEPT_BACK.search(prose):
        return True
    if any(lx.pattern("public_content").search(prose) for lx in BY_LANG.values()):
        return True
    return any(
        _ASSETS.search(m.group(0)) and _HOLDS.search(m.group(0)) for m in SENTENCES.finditer(prose)
    )


def names_sensitive(low: str) -> bool:
    """Any clause of the message, code included, names sensitive data it does not keep back."""
    if len(low) > _MAX_CHARS:
        return True
    clauses = _clauses(low)
    kept: dict[tuple[int, int], bool] = {}
    for m in _sensitive(low):
        i = bisect_right(clauses, (m.start(), 1 << 62)) - 1
        if i < 0 or not clauses[i][0] <= m.start() < clauses[i][1]:
            return True  # not inside a clause: counted (fail closed)
        a, b = clauses[i]
        if kept.setdefault((a, b), _KEPT_BACK.search(low, a, b) is not None):
            continue
        if not (
            _NEGATED_BEFORE.search(low[max(a, m.start() - 60) : m.start()])
            or _NEGATED_AFTER.match(low[m.end() : min(b, m.end() + 20)])
            or _readers(low, a, m)
        ):
            return True
    return False


def _clauses(low: str) -> list[tuple[int, int]]:
    """The clauses' spans, in order: split at punctuation, then at a contrast."""
    spans: list[tuple[int, int]] = []
    for c in _CLAUSES.finditer(low):
        start = c.start()
        for k in _CONTRAST.finditer(low, c.start(), c.end()):
            spans.append((start, k.start()))
            start = k.end()
        spans.append((start, c.end()))
    return spans


def _readers(low: str, start: int, m: re.Match[str]) -> bool:
    """The noun names who will read what is published ("so that candidates can see the
    process", "damit Bewerber den Ablauf kennen", "让客户直接查看"), not data about them: one
    people noun right after a purpose opener, not followed by a data noun ("so the customer
    export …" is data)."""
    noun = m.group(0).strip()
    return (
        _PEOPLE.fullmatch(noun) is not None
        and _PURPOSE_OPENER.search(low[max(start, m.start() - 40) : m.start()]) is not None
        and _DATA_AFTER.match(low[m.end() : m.end() + 20]) is None
    )


def _sensitive(words: str) -> list[re.Match[str]]:
    found = list(_HELD.finditer(words))
    for lx in BY_LANG.values():
        for slot in _SLOTS:
            found += lx.pattern(slot).finditer(words)
    return found


def states_public_content(low: str) -> bool:
    """The lower-cased message names content made to be public and no sensitive data (the
    length first: a long text is never hashed for the cache)."""
    return len(low) <= _MAX_CHARS and _states(low)


@lru_cache(maxsize=16)
def _states(low: str) -> bool:
    return names_public_content(low) and not names_sensitive(low)
