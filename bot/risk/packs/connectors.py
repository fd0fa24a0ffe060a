"""Data connectors told in prose or a plan: an ELT or reverse-ETL tool (Airbyte, Fivetran,
Stitch, Hightouch, Census, Meltano, …) set up to copy a table of people (customers, users,
payments, addresses, e-mails) into a destination that is not the company's: a consultant's
or agency's project, a vendor's account, a freelancer's personal warehouse, a free trial.

The parts of such a setup are usually spread over a message (the tool in step 1, the tables
in step 2, the destination in step 3), so this reads the whole message: the tool named
anywhere, people data named anywhere, and a clause that says where the data goes (a
destination word, "into", "a la", "に同期", "到") naming an outsider, without the company's
own ("our own", "internal", "社内") in that same clause. Syncing the product catalog, a
masked, anonymised, synthetic or aggregated copy, or people data into the company's own
warehouse or CRM, is not held; neither is a clause that warns against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.config import Risk, Verdict
from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered

__all__ = ["CONNECTOR_RULE", "ConnectorRule", "assess_connectors"]

# searched in every message: its names are looked for first (`prefilter`), not tried
# ignoring case at every position
_TOOLS = prefiltered(
    re.compile(
        r"(?i)\b(?:airbyte|fivetran|hightouch|meltano|rudderstack|hevo(?:\s+data)?|polytomic|"
        r"singer\s+tap|stitch\s*data|reverse[- ]etl|elt\s+(?:pipeline|connector|sync))\b"
        r"|\b(?:Stitch|Census|Segment|Portable)\b"
    )
)
_PEOPLE = re.compile(
    r"(?i)(?<![\w-])(?:customers?|clients?|clientes?|users?|usuari[oa]s|accounts|contacts|"
    r"contactos|contatos|patients?|pacientes|employees|empleados|funcion[aá]rios|kunden\w*|"
    r"benutzer|mitarbeiter|members|subscribers|payments?|pagos|pagamentos|zahlungen|"
    r"addresses|adresses|direcciones|endere[cç]os|adressen|e-?mails?|correos?|"
    r"phones?|tel[eé]fonos?|telefones?|t[eé]l[eé]phones?)(?![\w-])"
    r"|顧客|会員|氏名|メールアドレス|住所|電話番号|客户|用户|会员|手机号|邮箱|地址|姓名"
)
# Where the data goes: a destination word, or a preposition of direction.
_DEST = re.compile(
    r"(?i)\b(?:destinations?|target|sink|into|onto|to\s+(?:the|their|a|an|his|her)|ziel\w*|"
    r"nach|(?:an|in)\s+(?:die|das|den)|destinos?|hacia|en\s+(?:el|la)|vers|dans\s+(?:le|la|l')|"
    r"sur\s+(?:le|la)|para\s+(?:o|a|os|as)|a\s+la|al|no|na)\b|→|->"
    r"|に[^\s、。]{0,4}?(?:同期|連携|送|転送|書き出|ロード|流)|へ|到|至|同步给|发给|目标|目的地|同期先"
    r"|連携先|送信先"
)
_OUTSIDER = re.compile(
    r"(?i)\b(?:agency|agencies|consultants?|consultancy|contractors?|freelancers?|freelance|"
    r"vendors?|partners?|third[- ]party|external|outside|personal|free\s+trial|trial|"
    r"their\s+own|agentur\w*|berat\w*|dienstleister\w*|extern\w*|persönlich\w*|"
    r"agencias?|consultor\w*|proveedor\w*|socios?|extern[oa]s?|prueba\s+gratuita|"
    r"agences?|prestataires?|partenaires?|personnel(?:le)?|essai(?:\s+gratuit)?|"
    r"agências?|fornecedor\w*|parceir[oa]s?|pessoal|teste\s+gr[aá]tis)\b"
    r"|外部|代理店|委託先|取引先|個人|トライアル|パートナー|第三方|代理商|供应商|合作方|个人|试用"
)
_OWN = re.compile(
    r"(?i)\b(?:our\s+own|(?:the\s+)?company'?s\s+own|in-house|internal|unser\w*\s+eigen\w*|"
    r"intern(?:e[nrs]?)?|nuestr[oa]s?\s+propi[oa]s?|intern[oa]s?|notre\s+\w+\s+interne|"
    r"nosso\s+pr[oó]prio|nossa\s+pr[oó]pria)\b|-interne?\b|社内|自社|内部|公司自己"
)
# A copy that holds no one's records: masked, anonymised, synthetic, or totals only.
_SANITIZED = re.compile(
    r"(?i)\b(?:mask(?:ed|ing)|anonymi[sz]\w*|pseudonymi[sz]\w*|de-?identified|hashed|redacted|"
    r"synthetic|fake|aggregat\w*|totals|counts|maskiert\w*|anonymisiert\w*|pseudonymisiert\w*|"
    r"aggregiert\w*|synthetisch\w*|anonimizad\w*|enmascarad\w*|agregad\w*|sint[eé]tic\w*|"
    r"anonymis\w*|masqu[ée]\w*|agr[ée]g[ée]\w*|synth[ée]tique\w*|mascarad\w*)\b"
    r"|匿名化|マスク|集計|ダミー|脱敏|汇总|聚合|假数据"
)
_WARNING = re.compile(
    r"(?i)\b(?:never|don'?t|do\s+not|must\s+not|should\s+not|nie(?:mals)?|nicht|nunca|no\s+"
    r"(?:configures|mandes|sincronices)|jamais|ne\s+\w+\s+pas|n[aã]o)\b|しないで|禁止|不要|别"
)
_CLAUSE = re.compile(r"[^,;.!?\n。！？，；、]+")


@dataclass(frozen=True)
class ConnectorRule:
    id: str
    category: str
    risk: Risk
    verdict: Verdict
    reason: str
    match: tuple[str, ...]
    not_match: tuple[str, ...]


CONNECTOR_RULE = ConnectorRule(
    "connector.sync_external",
    "exfiltration",
    "high",
    "require_approval",
    "Sets up a data connector (ELT or reverse ETL) that copies a table of people into a "
    "destination outside the company (a consultant's, agency's, vendor's or personal "
    "workspace, a free trial): every sync hands their records to someone else.",
    match=(
        "Plan:\n1. Create an Airbyte connection\n2. Source: the customers table\n"
        "3. Destination: the agency's BigQuery project",
        "Configura en Hightouch un sync de los correos de clientes a la cuenta de la agencia "
        "externa.",
        "In Fivetran, sync users and payments into the vendor's free trial warehouse.",
        "Census で顧客テーブルを外部の代理店のシートに同期してください。",
    ),
    not_match=(
        "Plan:\n1. Create an Airbyte connection\n2. Source: the customers table\n"
        "3. Destination: our own Snowflake warehouse",
        "In Fivetran, sync the products table into the agency's BigQuery project.",
        "Never use Hightouch to sync customers into the agency's account.",
        "In Fivetran, sync users into our own warehouse, where the consultants get a masked view.",
        "In Fivetran, sync anonymised users into the vendor's free trial warehouse.",
    ),
)


def _outward(text: str) -> str | None:
    """The first clause that sends data to an outsider (not also to the company's own)."""
    for m in _CLAUSE.finditer(text):
        clause = m.group(0)
        if not _DEST.search(clause):
            continue
        out = _OUTSIDER.search(clause)
        if out and not _OWN.search(clause) and not _WARNING.search(clause):
            return clause.strip()
    return None


def assess_connectors(text: str) -> list[Finding]:
    tool = _TOOLS.search(text)
    if tool is None or not _PEOPLE.search(text) or _SANITIZED.search(text):
        return []
    clause = _outward(text)
    if clause is None:
        return []
    rule = CONNECTOR_RULE
    return [
        Finding(
            rule=rule.id,
            category=rule.category,
            reason=rule.reason,
            risk=rule.risk,
            verdict=rule.verdict,
            evidence=f"{tool.group(0)} … {clause}"[:200],
        )
    ]
