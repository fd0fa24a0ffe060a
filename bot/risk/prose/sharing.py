"""Sharing, access and control changes described in words.

Agents rarely type `gsutil iam ch allUsers:…`; they tell a person to click
*Share → Anyone with the link*, to invite someone@their-agency.com, to make a
contractor *Super Admin* or to "just disable MFA for a week". This detector
reads that prose (and the commands inside it) for the ways data leaves its
intended audience:

- public exposure: anyone with the link, publish to web, public buckets;
- company-wide exposure: everyone at the company, all-staff groups, #general;
- outsiders: addresses and domains outside `company_domains`, guests, Slack
  Connect, look-alike domains;
- privilege: admin / owner / superuser grants;
- controls off: MFA, SSO, DLP, audit logging, row-level security …;
- data posted where it should not go: credentials or personal data into
  channels and tickets, exports to vendors, personal mailboxes and file drops.

It also names the resources the prose mentions (channels, document and bucket
URLs, tables after share/export/grant) so the catalog can classify them: the
policy combines a finding here with that classification (making the public
status page public is fine; making the customer export public is not).

All patterns are compiled at import and run on lower-cased text; each family
runs on a sentence only when the sentence contains one of its words (a set
intersection), which keeps the common case to a few microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.config import RISK_ORDER, VERDICT_ORDER
from bot.risk.listing import warned_item
from bot.risk.model import Finding
from bot.risk.prose.home import flow_home, home_domains, named_for_outsiders
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.resources import resources
from bot.risk.prose.text import KEYS_ONLY_READ, PURPOSE_AFTER
from bot.risk.prose.text import Rule as _Rule
from bot.risk.prose.text import Sentence as _Sentence
from bot.risk.prose.text import compile_lower as _re
from bot.risk.prose.text import finding as _finding
from bot.risk.prose.text import lower as _lower
from bot.risk.prose.text import sentence_spans as _sentence_spans
from bot.risk.prose.text import window as _window

__all__ = [
    "ProseResult",
    "assess_sharing",
    "classify_domain",
    "inferred_home",
    "outside_domain",
    "personal_mailbox",
    "Dump",
    "dumped_files",
    "dumps_in",
]


@dataclass(frozen=True)
class ProseResult:
    findings: list[Finding]
    resources: list[str]
    """Things named in the prose that the data catalog may know: #channels,
    document/drive/sheet URLs, bucket names, datasets/tables after verbs like
    share/export/grant."""


_NEGATION = _re(
    r"\b(?:don'?t|do not|does not|doesn'?t|never|no longer|not|without|instead of|rather than|"
    r"avoid|refuse|decline|instead"
    # still to be decided: "whether to make anything public is for the review"
    r"|whether(?:\s+or\s+not)?\s+(?:to|we|you|they|it|anything|this))\b"
    # an aside that leaves a thing out, in the other Latin-script languages: "(pas le .env)",
    # "(no el .env)", "(não o .env)", "(nicht die .env)"
    r"|\(\s*(?:mais\s+|pero\s+|mas\s+|aber\s+)?(?:pas|jamais|no|nunca|não|nao|nicht)\s",
)


# "no AllUsers grant", "no keys needed": the noun itself is denied (a check, not an ask).
_NO_BEFORE = _re(
    r"\b(?:no|zero|any|aucun|pas\s+de|sans|ningún|ninguna|sin|kein\w*|ohne|nenhum\w*|sem)"
    r"\s+(?:[\w-]+\s+)?$|(?:没有|不含|无)\s*$"
)
# "allUsers が含まれていないこと", "allUsers n'apparaît pas", "allUsers nicht enthalten ist": the
# thing denied right after it, in the languages that put the negation there.
_NONE_AFTER = _re(
    r"\S*\s*(?:が|は|も)?\s*(?:含まれていない|含まれない|入っていない|ないこと|不在|未包含|没有)"
    r"|\S*\s+(?:n'(?:apparaît|apparait|figure|est)\s+pas|no\s+(?:aparece|figura|está)"
    r"|nicht\s+(?:enthalten|vorhanden|auftaucht|drin)|não\s+(?:aparece|consta|está))"
)


def _negated(sentence: str, start: int) -> bool:
    """A negation shortly before the match in the same sentence ("don't make it public")."""
    return bool(_NEGATION.search(sentence[max(0, start - 45) : start]))


# Taking access away: a removal command or verb before the member, with no grant or
# share verb between them ("revoke the contractor's owner role", `iam ch -d allUsers`).
_REMOVAL = _re(
    r"\b(?:remove-iam-policy-binding|revoke-[a-z-]+|(?:assignment|binding)s?\s+delete"
    r"|(?:iam|acl|defacl)\s+ch\s+-d|remov(?:e|es|ing)|revok(?:e|es|ing)|delet(?:e|es|ing)"
    r"|detach(?:es|ing)?|deactivat(?:e|es|ing)|offboard(?:s|ing)?|downgrad(?:e|es|ing)"
    r"|kick(?:s|ing)?\s+out|take\s+away)\b"
)
_GRANT_BETWEEN = _re(
    # ":arrow_right:" between a member and a role reads as a grant; an ARN's colons do not
    r"\b(?:share|invite|grant|give|add|make|promote|assign|set|upgrade|elevate)\b|(?<![\w:]):\s*\S+:"
)


def _removing(sentence: str, start: int) -> bool:
    """The member or role at `start` is what a removal before it takes away."""
    ends = [m.end() for m in _REMOVAL.finditer(sentence, 0, start)]
    return bool(ends) and not _GRANT_BETWEEN.search(sentence, ends[-1], start)


def _denied(sentence: str, start: int) -> bool:
    """Negated, or the thing itself denied right before or after it ("confirm there is no
    AllUsers grant", "no keys needed", "allUsers が含まれていないこと")."""
    before = sentence[max(0, start - 30) : start]
    return (
        _negated(sentence, start)
        or bool(_NO_BEFORE.search(before))
        or bool(_NONE_AFTER.match(sentence, start))
    )


# ------------------------------------------------------------------ vocabulary
_SENSITIVE = _re(
    r"\b(?:customers?(?!-facing)|clients?|users?\s+(?:data|list|table)|payroll|salar(?:y|ies)|"
    r"employees?|hr\b|"
    r"contracts?|legal|financ\w*|revenue|pii|personal|internal|confidential|private|restricted|"
    r"exports?|dumps?|backups?|database|credentials?|interview\w*|invoices?|"
    r"payments?|ssn|medical|patients?|board|churn|forecast|investigations?|escalations?)\b",
)
_PUBLIC_CONTENT = _re(
    r"status[\s.-]?page|\bstatus\.[a-z0-9-]+\.|\buptime\b|\bchangelog\b|release notes|\bblog\b|"
    r"press release|"
    r"marketing (?:site|page)|\bwebsite\b|landing page|help cent(?:er|re)|docs? site|"
    r"public docs|careers? page|job posting|open[- ]source|public roadmap|\bbrand assets\b",
)
# made to be public by its kind (the English lexicon's `public_content`: talk slides, press
# kits, logos, job descriptions, code snippets, synthetic samples)
_PUBLIC_BY_KIND = BY_LANG["en"].pattern("public_content")
# The same kind in the other languages, for a sentence that names the public setting in
# the product's English ("发布到网上（Publish to web）"): public content only when that
# language's lexicon names no personal data, secret, production data or internal document
# in it.
_OTHER_LEXICONS = tuple(lx for lang, lx in BY_LANG.items() if lang != "en")


def _public_by_kind_elsewhere(low: str) -> bool:
    for lx in _OTHER_LEXICONS:
        if lx.pattern("public_content").search(low) and not any(
            lx.pattern(slot).search(low) for slot in ("pii", "secret", "prod", "inside")
        ):
            return True
    return False


# A purpose clause that names who will read what is published, not what is published:
# "… public so customers can read it", "pour que les clients puissent le consulter",
# "让客户直接查看". The readers' noun is no sign of customer data; the object before is
# judged without it.
_READERS_CLAUSE = _re(
    r"\b(?:so(?:\s+that)?|for|to\s+let|letting)\s+(?:our\s+|the\s+|all\s+|new\s+|existing\s+)?"
    r"(?:customers?|clients?|users?|developers?|partners?|visitors?|prospects?|readers?|people|"
    r"attendees)\s+(?:can|could|will\s+be\s+able\s+to|to)\s+(?:\w+\s+)?(?:read|see|view|find|open|"
    r"download|access|use|browse|follow|check|look)\b[^.;\n]*"
    r"|\bpour\s+que\s+(?:les\s+|nos\s+)?(?:clients|utilisateurs|développeurs|visiteurs|"
    r"participants)\s+puissent\s+[^.;\n]*"
    r"|\bpara\s+que\s+(?:los\s+|las\s+|nuestros\s+|os\s+|as\s+|nossos\s+)?(?:clientes|usuari[oa]s|"
    r"usuários|desarrolladores|desenvolvedores|visitantes|asistentes|participantes)\s+[^.;\n]*"
    r"|\bdamit\s+(?:die\s+|unsere\s+)?(?:kunden|nutzer|benutzer|entwickler|besucher)\s+[^.;\n]*"
    r"|(?:让|方便|供)(?:客户|用户|大家|开发者|访客)(?:直接|随时|可以)?(?:查看|阅读|查阅|下载|访问)"
    r"|(?:お客様|顧客|ユーザー|利用者)(?:が|に)(?:見|閲覧|参照|ダウンロード)"
)
_STRONG_SENSITIVE = _re(
    r"\b(?:internal|confidential|private|restricted|pii|personal data|payroll|salar(?:y|ies)|ssn|"
    r"credentials?|exports?|dumps?|backups?|customer (?:list|data|records|emails?|table))\b",
)

# ------------------------------------------------------------------ public exposure
_PUBLIC_LINK = _re(
    r"anyone\s+(?:who\s+has|with)\s+(?:the\s+)?link"
    r"|people\s+with\s+the\s+link"
    r"|anyone\s+on\s+the\s+internet"
    r"|(?:--type[= ]+|[\"']type[\"']\s*:\s*[\"'])anyone\b"
    r"|\bpublish(?:ed|ing)?\b[^.\n]{0,80}?\bto\s+(?:the\s+)?web\b"
    r"|\bshare\s+to\s+(?:the\s+)?web\b"
    r"|\blinks?\b[^.\n]{0,60}?\b(?:that\s+|which\s+)?(?:anyone|anybody|everyone)\s+(?:can|could|may|will\s+be\s+able\s+to)\s+"
    r"(?:open|view|access|see|read|download|edit|use)\b"
    r"|\bpublic\s+(?:link|url|access|sharing|on\s+the\s+web|snapshot|embed)s?\b"
    r"(?!\s+(?:block|(?:is\s+|stays\s+|remains\s+)?(?:limited|restricted|blocked|off|disabled|"
    r"denied)\b|settings?\b|prevention\b))"
    r"|\bmake\s+(?!sure\b)(?:[^.\n]{0,60}?\s)?public(?:ly\s+(?:available|accessible|visible))?\b"
    r"(?!\s*(?:key|schema|ip|channel|holiday|method|class|static|subnet|dns|cloud))"
    r"|\b(?:set|switch|change|turn|flip|move)\b[^.\n]{0,50}?\bto\W{0,3}public(?:ly)?\b(?!\s*channel)"
    r"|--visibility[= ]+public\b|\bgist\s+create\b[^\n]*--public\b"
    r"|\bpublic(?:ly)?\s+(?:accessible|available|visible|readable|viewable|indexed|searchable)\b"
    r"|\ballow\s+search\s+engines\b|\banonymous\s+(?:access|read(?:ing)?|view(?:ing)?)\b"
    r"|\btableau\s+public\b"
    r"|\b(?:publish|share|post|expose)\w*\b[^.\n]{0,40}?\bpublicly\b"
    r"|\bopen\s+(?:it\s+|them\s+)?up\b[^.\n]{0,40}?\bto\s+(?:the\s+)?(?:public|internet|world)\b",
)
_CODE_PUBLIC = _re(
    r"\b(?:function|method|class|api|endpoint|variable|field|property|constructor|interface|"
    r"module|symbol|helper|getter|setter|attribute|member|struct|enum|type|trait)s?\s+public\b"
)
_CHANGED_FROM = _re(r"\bfrom\s+[\"'“«]$")
# The rest of a quoted setting's label, then "off": the setting is turned off.
_SWITCHED_OFF = _re(r"[^\"”»'\n]{0,30}[\"”»']\s*off\b")
_EXCEPTION_AFTER = _re(r"\s+(?:exceptions?|exemptions?|overrides?|bypass(?:es)?)\b")
# "… to `level: None` only for `get`/`watch` on events": a narrow carve-out, not the control off.
_NARROWED_AFTER = _re(r"[^.\n;]{0,20}?\b(?:only|just)\s+(?:for|on)\b")
_BLOCK_BEFORE = _re(r"block\s+(?:all\s+)?$")
# "Revoke public access", "remove the public link": undoing exposure, not causing it.
_REVERSAL_BEFORE = _re(
    r"\b(?:revok\w*|remov\w*|disabl\w*|delet\w*|restrict\w*|clos\w*|stop\w*|prevent\w*|"
    r"block\w*|expir\w*|kill\w*|turn\w*\s+off|switch\w*\s+off|lock\w*\s+down|take\s+away|"
    r"get\s+rid\s+of|no\s+more)\s+(?:the\s+|all\s+|any\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$"
)

_PUBLIC_STORAGE = _re(
    r"\ball\s*(?:authenticated\s*)?users\b(?<!\ball users)"
    r"|\bpublic-read(?:-write)?\b"
    r"|[\"']Principal[\"']\s*:\s*(?:[\"']\*[\"']|\{\s*[\"']AWS[\"']\s*:\s*[\"']\*[\"'])"
    r"|\bprincipal\s*(?:[:=]|\bto\b|\bof\b|\bis\b|\bas\b)?\s*[\"'“”`]?\*(?![\w*])"
    r"|--public-access\s+(?:blob|container)\b"
    r"|\bdelete-public-access-block\b"
    r"|\b(?:untick|uncheck|disable|turn\s+off|switch\s+off|remove|clear|deselect)\b[^.\n]{0,30}?"
    r"block\s+(?:all\s+)?public\s+access"
    r"|\bBlockPublic(?:Acls|Policy)\s*[=:]\s*false\b"
    r"|\b(?:mc|mcli)\s+(?:anonymous|policy)\s+set\s+(?:download|public|upload)\b"
    r"|\bchmod\s+(?:-[A-Za-z]+\s+)*0?777\b",
)
# One static web asset copied up public-read (`aws s3 cp ./press/logo.png s3://site/ --acl
# public-read`): a website serves it; a folder (`--recursive`) may hold anything, except a
# static site's build folder (`aws s3 sync ./dist s3://site --acl public-read`). The same
# asset made readable on Cloud Storage (`gsutil acl ch -u AllUsers:R gs://site/logo.svg`).
_STATIC_ASSET_COPY = _re(
    r"\bs3\s+cp\s+(?![^\n]*--recursive)[^\s`]+\.(?:png|jpe?g|gif|svg|webp|ico|css|woff2?|ttf|otf)\s"
    r"|\bs3\s+(?:cp|sync)\s+\.?/?(?:dist|build|_site|public|out|www)/?\s+s3://"
)
_STATIC_ASSET_GRANT = _re(
    r"\bgsutil\s+acl\s+ch\s+(?![^\n`]*\s-[r]\b)(?:-u|--user)\s+allusers:(?:r|read)\s+"
    r"gs://[^\s/*`]+/[^\s*`]+\.(?:png|jpe?g|gif|svg|webp|ico|css|woff2?|ttf|otf)(?=[\s`]|$)"
)
_PRESIGN = _re(r"\bpresign\b[^\n]*?--expires-in[= ]+(\d+)")
_PRESIGN_LIMIT_SECONDS = 24 * 3600

# ------------------------------------------------------------------ company-wide
_COMPANY_WIDE = _re(
    r"\b(?:the\s+)?(?:whole|entire)\s+(?:company|org(?:ani[sz]ation)?|workspace|staff|team\s+drive)\b"
    r"|\ball[- ](?:staff|employees|company|hands)\b"
    r"(?!\s+(?:recording|meeting|slides|deck|video|notes|call|session|q&a|agenda|summary))"
    r"|\b(?:everyone|everybody)\s+(?:at|in)\s+(?:the\s+)?(?:company|org(?:ani[sz]ation)?|workspace|"
    r"{company})\b"
    r"|\b(?:everyone|all|allstaff|all-staff|staff|company|all-employees|everybody)@"
    r"|\beveryone\s+except\s+external\s+users\b"
    # a Drive permission of type `domain`: everyone signed in at the company
    r"|(?:--type[= ]+|[\"']type[\"']\s*:\s*[\"'])domain\b"
    r"|\b(?:anyone|everyone|people)\s+in\s+(?:this|the|your|our)\s+"
    r"(?:organi[sz]ation|org|company|domain|workspace)\b"
    r"|\b(?:add|share\s+with)\s+the\s+[^.\n]{0,30}?\bdomain\s+as\s+(?:viewer|editor|commenter|reader)"
    r"|\b(?:convert|change|switch|make|turn)\b[^.\n]{0,50}?\b(?:to|into)\s+an?\s+public\s+channel\b",
)
# Material made harmless before it goes company-wide (the sharing itself is the point).
_HARMLESS = _re(
    r"\b(?:redacted|anonymi[sz]ed|saniti[sz]ed|de-?identified|pseudonymi[sz]ed|aggregated|"
    r"already[- ]public|publicly\s+available|already\s+(?:published|announced|on\s+our\s+"
    r"(?:website|blog))|press\s+release|public\s+(?:blog\s+post|announcement))\b"
)
# Personal fields named as what a file holds ("with phone numbers", "names and emails").
_FIELDS = BY_LANG["en"].pattern("fields")
# Right before a control's switching off: a question about who may do it ("check which roles
# can disable MFA"), not an order to.
_ASKS_WHO_MAY = BY_LANG["en"].pattern("holders")


# A whole file or set of records ("the whole customer export", "the full CRM dump").
_WHOLE_DATA = _re(
    r"\b(?:whole|full|entire|complete|all\s+(?:of\s+)?the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:exports?|dumps?|lists?|database|tables?|backups?|files?|csvs?|extracts?|records|crm)\b"
)


def _harmless(low: str) -> bool:
    """The sentence says its material is harmless (anonymised, aggregated, already public)
    and names no personal field that is not itself masked or left out right there ("the
    export with phone numbers, already public on our site" still holds the numbers), and no
    whole file the claim does not qualify ("the whole customer export, it's anonymised";
    "the full anonymised export" is qualified)."""
    if _HARMLESS.search(low) is None:
        return False
    if any(_HARMLESS.search(m.group(0)) is None for m in _WHOLE_DATA.finditer(low)):
        return False
    return not any(
        not _PII_NEGATION.search(low, max(0, f.start() - 30), f.start())
        for f in _FIELDS.finditer(low)
    )


# "Someone asked whether we could make it public": a question reported, not an ask.
_ASKED_WHETHER = _re(r"\b(?:asked|wondered|wonders|asks|asking)\s+(?:whether|if)\b")
_WIDE_CHANNEL = _re(
    r"(?<![\w-])#(?:general|random|announcements?|everyone|company|all-[\w-]+|town-?hall)\b",
)

# ------------------------------------------------------------------ outsiders
_EMAIL = _re(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24})\b"
)
_TLDS = (
    "com|net|org|io|co|ai|app|dev|agency|studio|consulting|partners|solutions|services|tech|biz|"
    "info|us|uk|de|fr|nl|es|it|eu|ca|au|in|jp|ch|se|no|dk|fi|pl|be|at|ie|nz|sg|br|mx|xyz|cloud|"
    "digital|group|global|media|design|marketing|example"
)
_BARE_DOMAIN = _re(
    r"(?<![@\w./:\-])((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:" + _TLDS + r"))(?![\w\-]|\.\w)",
)
# Where suspicious mail is reported (`phishing@`, `abuse@`, `security@`): forwarding the
# lure there is what security asks for, not sharing company data.
_REPORT_MAILBOX = _re(
    r"(?:phish\w*|report-?phish\w*|abuse|spam|security|infosec|soc|csirt|cert|it-?security)@"
)
_SUSPICIOUS = _re(r"\b(?:phish\w*|suspicious|scam\w*|spam|spoof\w*|malicious|lure)\b")
_PORT_AFTER = _re(r":\d{1,5}\b")
# Right before a bare domain: where something is fetched from, not sent to ("from
# addons.mozilla.org", "desde releases.hashicorp.com", "von download.docker.com").
# Only after a fetching verb: "invite Jo from acme-contractors.com" names who receives.
_SOURCE_BEFORE = _re(
    r"\b(?:install|download|fetch|pull|grab|clone|get|instal|descarg|baix|télécharg|herunterlad|lad)"
    r"\w*\b[^.;\n]{0,60}?\b(?:from|von|desde|depuis|de|do|da)\s+(?:the\s+|la\s+|le\s+|der\s+)?$"
)
# a site something is the backend of or is published on ("since it backs developers.acme.io",
# "qui sert docs.acme.fr", "das hinter docs.acme.de steht"): the public site, not a recipient
_SITE_BEFORE = _re(
    r"\b(?:backs|backing|serves|serving|powers|powering|behind|hosted\s+(?:at|on)|"
    r"published\s+(?:at|on)|live\s+(?:at|on)|sert|alimente|derrière|sirve|alimenta|detrás\s+de|"
    r"serve|por\s+trás\s+de|hinter|bedient|speist)\s+(?:the\s+|le\s+|la\s+|el\s+|o\s+|a\s+)?$"
)
# Right before an address or domain: the mail it names came from there, it is not sent
# there ("the email came from a lookalike domain (vend0rsupport.com)", "la demande vient de
# paie@…", "die Mail kam von info@…", "el correo llegó desde …", "o e-mail veio de …").
_MAIL_SOURCE_BEFORE = _re(
    r"(?:\b(?:came|comes|coming|arrived|arrives|originated|sent|was\s+sent)\s+(?:in\s+)?from"
    r"|\b(?:vient|venait|provient|provenait)\s+d[e']|\benvoyée?s?\s+depuis"
    r"|\b(?:kam|kommt|stammt|stammte)\s+von|\babsender(?:adresse)?(?:\s+(?:ist|war))?"
    r"|\b(?:llegó|llego|viene|vino|proviene|provino)\s+(?:desde|de)|\benviad[oa]\s+desde"
    r"|\b(?:veio|vem|chegou)\s+(?:de|do|da)|\bremetente(?:\s+(?:é|era))?"
    r"|\bsender(?:'s)?(?:\s+address)?(?:\s+(?:is|was))?)"
    r"[^.;:!?\n]{0,40}$"
)
# Right before an address: a lookup key in a query, not a recipient (`…/employees?email=…`,
# `&mail=…`, `WHERE email = '…'`): it names whose record is read.
_LOOKUP_BEFORE = _re(
    r"[?&](?:e-?mail|mail|email_address|user(?:name)?|login|upn)=$"
    r"|\bwhere\s+(?:\w+\.)?e-?mail\s*=\s*'$"
)
_HOST_FLAG_BEFORE = _re(
    r"(?:\s-(?:connect|servername|host|h|server)|\s--(?:host|hostname|server|endpoint|endpoint-url))"
    r"[= ]\s*$"
)
_SHARE_VERB = _re(
    r"\b(?:share[sd]?|sharing|invite[sd]?|inviting|add(?:ed)?|grant(?:ed)?|give|gave|send|sent|"
    r"forward(?:ed)?|e-?mail(?:ed)?|mail(?:ed)?|cc|bcc|transfer|collaborator|connect(?:ed)?|"
    r"access|member|as\s+(?:viewer|editor|commenter|owner|creator|admin))\b"
    r"|--(?:member|email|user)\b|emailAddress|\bslack connect\b"
    # IAM and ACL members (`gsutil iam ch user:jo@x.com:objectViewer`, `acl ch -u jo@x.com:R`)
    r"|\b(?:iam|acl)\s+ch\b|\b(?:user|group|serviceaccount):[\w.+-]+@[\w.-]+:[a-z]"
    # an automation set up to send ("create a filter that forwards every invoice to …", "a
    # zap which sends all new tickets to …"): what it sends, it sends on every run
    r"|\b(?:rules?|filters?|zaps?|flows?|workflows?|automations?|jobs?|triggers?|webhooks?|"
    r"integrations?|scripts?|cron(?:\s+job)?|macros?|recipes?|scenarios?)\s+(?:that|which)\s+"
    r"(?:automatically\s+|then\s+)?(?:forwards|sends|e-?mails|mails|copies|posts|pushes|uploads)\b",
)
_CONSUMER_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "zoho.com",
        "fastmail.com",
        "hey.com",
    ]
)
_GUEST = _re(
    r"\b(?:single|multi)[- ]channel\s+guests?\b|\bas\s+(?:an?\s+)?(?:external\s+)?guests?\b"
    r"|\bguest\s+(?:account|access|user|invite)s?\b|\b(?:invite|add)\b[^.\n]{0,40}?\bguests?\b"
    r"|\bexternal\s+(?:collaborators?|users?|guests?)\b",
)
_DATA_SHARE = _re(
    r"\bALTER\s+SHARE\b[^;\n]*\bADD\s+ACCOUNTS?\b|\bGRANT\b[^;\n]*\bTO\s+SHARE\b"
    r"|\bCREATE\s+(?:OR\s+REPLACE\s+)?SHARE\b|\bdelta\s+shar(?:e|ing)\b",
)
_UNDO = _re(
    r"\b(?:remov\w*|revok\w*|delet\w*|deactivat\w*|disabl\w*|expir\w*|offboard\w*|audit|"
    r"list|review|check|count|find)\b",
)
_SLACK_CONNECT = _re(r"\bslack\s+connect\b")
_CONNECT_SETUP = _re(
    r"\b(?:set\s+up|start|create|accept|connect|share|open|invite|add|join)\b",
)
# A new channel made for the outsiders holds only what is put in it: not the same as
# connecting an existing internal channel.
_CONNECT_DEDICATED = _re(
    r"\b(?:new|dedicated|separate|fresh)\s+(?:[\w#-]+\s+){0,2}?channel\b"
    r"|\bcanal\s+(?:[\w#-]+\s+)?(?:dédié|novo|nuevo|dedicado|exclusivo)"
    r"|\b(?:nouveau|novo|nuevo)\s+canal\b|\b(?:eigene|neue|separate)n?[rs]?\s+kanal\b|新建|单独|専用"
)
# A channel the sentence creates is new, whatever it is called ("create their Slack Connect
# channel #vendor-acme", "crée un canal Slack Connect", "cria um canal"), unless an existing
# channel is named beside it ("create a Slack Connect channel from #finance").
_CONNECT_CREATED = _re(
    r"\b(?:create[sd]?|creating|set\s+up|cr[ée]{2}r?|cr[ée]ez|crea(?:r|d)?|cria(?:r)?)\s+"
    r"(?:a|an|their|our|the|its|un|une|um|uma|leur|su|seu|sua)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:channel|canal)\b"
)
# The new channel's own handle, right after the word "channel" ("… channel #vendor-acme",
# "… channel called #ext-acme"): its name, not an existing channel brought in.
_NEW_HANDLE = _re(
    r"(?:channel|canal|kanal)\s+(?:(?:called|named|nommé|llamado|chamado)\s+)?[`*_]?#"
)
_CONNECT_REFUSE = _re(
    r"\b(?:decline|reject|disconnect|leave|remove|revoke|ignore|block|don'?t|do not)\b",
)

# ------------------------------------------------------------------ privilege
_GRANT_VERB = _re(
    r"\b(?:make|made|promote[sd]?|assign(?:ed)?|grant(?:ed)?|give|gave|given|elevate[sd]?|"
    r"upgrade[sd]?|add(?:ed)?|set|change[sd]?|switch|bump)\b(?!\s+sure)"
    r"|\blet\s+(?:[\w@.-]+\s+){1,3}(?:have|keep|become|be)\b",
)
_ADMIN_ROLE = _re(
    r"(?<![\w-])(?:super\s*-?\s*admin(?:istrator)?|superuser|super\s+user|cluster-admin"
    r"|(?:account|security|org)admin|(?:modify|view)[\s_]+all[\s_]+data"
    r"|(?:workspace|org(?:ani[sz]ation)?|primary|account|project|billing|repo(?:sitory)?|domain|"
    r"tenant|global|site|team|group)\s+(?:owner|admin(?:istrator)?)"
    r"|full\s+(?:control|admin(?:istrator)?(?:\s+access)?|access\s+to\s+everything)|all\s+privileges"
    r"|root\s+(?:access|privileges|rights)|sudo\s+(?:access|rights)"
    r"|(?:an?|as|to|→|->|\*\*?|the)\s+\**(?:co-?)?(?:owner|admin(?:istrator)?)\b\**(?!\s*(?:→|->|console|"
    r"settings|panel|page|api|portal|cent(?:er|re)|ui|tab|menu|sdk|of\s+the\s+doc|will|is|said|"
    r"field|column|attribute|property|tag|label|metadata|check|"
    # a shell run as administrator ("in an admin PowerShell"): where a command runs, no role
    r"powershell|shell|terminal|(?:command\s+)?prompt|cmd|session|window))"
    r"|\badmin(?:istrator)?\s+(?:rights|access|role|privileges|permissions)\b)",
)
_ADMIN_ROLE_PIECES = (
    "admin",
    "owner",
    "super",
    "full",
    "privileges",
    "root",
    "sudo",
    "all data",
    "all_data",
)
"""Every `_ADMIN_ROLE` match holds one of these (lower-case)."""
_READ_ONLY = _re(r"read[- ]?only|non-|help ?desk|limited|billing\s+$")
# Right before an admin role: a question about who holds it, with no granting verb between.
_ASKS_WHO_HAS = _re(
    r"\b(?:who|whether|which\s+(?:\w+\s+)?|tell\s+me\s+if|see\s+if|check\s+if|find\s+out\s+if)"
    r"\b(?:(?!\b(?:make|give|grant|assign|attach|add|set|promote|let)\b)[^.?!\n]){0,40}$"
)


def _opens(word: str) -> str:
    """`\\bword` with the boundary checked after the word: when every branch opens on a
    letter, `re` skips to those letters instead of trying each branch at every place."""
    return rf"{word}(?<!\w{word})"


_ADMIN_TOKEN = _re(
    rf"{_opens('roles/')}(?:owner|resourcemanager\.organizationAdmin|iam\.securityAdmin|"
    r"iam\.serviceAccountAdmin|bigquery\.admin|bigquery\.dataOwner|storage\.admin|cloudsql\.admin)\b"
    rf"|{_opens('AdministratorAccess')}\b|{_opens('IAMFullAccess')}\b|{_opens('PowerUserAccess')}\b"
    r"|--clusterrole[= ]+cluster-admin\b"
    r"|--role[= ]+[\"']?(?:Owner|User Access Administrator)\b"
    rf"|{_opens('permission=admin')}\b"
    rf"|{_opens('GRANT')}\s+ROLE\s+(?:ACCOUNTADMIN|SECURITYADMIN|SYSADMIN|ORGADMIN|USERADMIN)\b"
    rf"|{_opens('WITH')}\s+SUPERUSER\b(?=[^;\n]*;|\s+LOGIN|\s*$)"
    rf"|{_opens('SUPERUSER')}\b(?=[^;\n]*;|\s+LOGIN|\s*$)"
    rf"|{_opens('WITH')}\s+GRANT\s+OPTION\b"
    rf"|{_opens('GRANT')}\s+ALL(?:\s+PRIVILEGES)?\b"
    rf"|{_opens('GRANT')}\b[^;\n]{{0,120}}\bTO\s+PUBLIC\b",
)


# ------------------------------------------------------------------ controls off
_CONTROL = (
    r"(?:mfa|2fa|two[- ]factor(?:\s+auth\w*)?|2[- ]step(?:\s+verification)?|2sv|multi[- ]factor"
    r"(?:\s+auth\w*)?|sso|single\s+sign[- ]on|require\s+sso|dlp(?:\s+rules?|\s+polic(?:y|ies))?|"
    r"data\s+loss\s+prevention|audit\s*(?:-\s*)?(?:log(?:ging|s)?|trail|configs?|polic(?:y|ies))|auditconfigs?|"
    r"auditd|cloudtrail|access\s+logs?|data[- ]access\s+(?:audit\s+)?logs?|push\s+protection|"
    r"secret\s+scanning|row[- ]level\s+security|\brls\b|macie|guardduty|security\s+alerts?|"
    r"login\s+challenge|prompt\s+for\s+factor|(?:external\s+)?sharing\s+warning|"
    r"password\s+protection|require\s+password|passcode(?:\s+protection)?|encryption|"
    r"branch\s+protection|firewall|crowdstrike|antivirus|endpoint\s+protection|mdm|"
    r"device\s+polic(?:y|ies)|ip\s+allowlist|session\s+timeout|enforcement)"
)
_OFF_VERB = (
    r"(?:disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\s+off|switch(?:es|ed|ing)?\s+off|deactivat\w+|"
    r"paus(?:e|es|ed|ing)|stop(?:s|ped|ping)?|suspend\w*|remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|"
    r"bypass\w*|skip(?:s|ped|ping)?|untick|uncheck|exempt\w*|opt\s+out\s+of|kill|drop)"
)
_CONTROLS_OFF = _re(
    r"\b" + _OFF_VERB + r"\b[^.\n]{0,50}?\b" + _CONTROL + r"\b"
    r"|\b" + _CONTROL + r"\b[^.\n]{0,30}?\b(?:disabled|off|turned\s+off|paused|stopped|suspended|"
    r"(?:set\s+)?to\s+\W{0,4}(?:level\s*:\s*)?(?:never|none|off|false|disabled)\b|disable\b)"
    r"|\bstop-logging\b|\bdiagnostic-settings\s+delete\b|\bvault\s+audit\s+disable\b"
    r"|\bpgaudit\.log\s*=\s*'none'|\blog_statement\s*=\s*'none'"
    r"|\bupdate-macie-session\b[^\n]*--status\s+PAUSED|\bsetenforce\s+0\b"
    r"|\bMINS_TO_BYPASS_MFA\b|\bDISABLE\s+ROW\s+LEVEL\s+SECURITY\b"
    r"|\bwithout\s+(?:the\s+|any\s+)?(?:warning|mfa|2fa|sso|dlp|approval|review)\b"
    r"|\ballow\s+(?:users\s+to\s+)?shar(?:e|ing)\s+(?:outside|externally)\b",
)

# ------------------------------------------------------------------ data posted / leaving
_POST_VERB = _re(
    r"\b(?:post(?:s|ed|ing)?|paste[sd]?|pasting|share[sd]?|send|sent|drop|put|add|upload(?:ed)?|"
    r"dm|forward(?:ed)?|copy|attach|e-?mail(?:ed)?|message|include|publish|commit|push|give|hand|"
    r"airdrop|sync|move|transfer|tweet|screenshot|rclone|scp)\b",
)
_PRONOUN_POST = _re(
    r"\b(?:post|paste|share|send|drop|put|add|upload|forward|copy|dm|give|email|attach)\s+"
    r"(?:it|them|this|these|that|those|the\s+(?:results?|output|list|file|csv|export|rows|values?))\b",
)
_CREDENTIAL = _re(
    r"\b(?:passwords?|passwd|credentials?|creds|api[- ]?keys?|access[- ]keys?|secret[- ]keys?|"
    r"secrets|(?:bot|access|auth|bearer|api|personal\s+access|oauth|refresh|session|slack|github)"
    r"\s+tokens?|tokens?|private\s+keys?|(?<!public )ssh\s+keys?|(?<!public )(?:deploy\s+)?keys|"
    r"id_rsa|"
    r"connection\s+strings?|root\s+login|service\s+account\s+keys?|kubeconfig|\.pgpass|\.netrc|"
    r"signing\s+secret)\b"
    r"(?![.\w-]*\.(?:example|sample|template|dist)\b|[_-](?:example|sample|template))"
    r"|(?<![\w.])\.env\b(?!\.(?:example|sample|template|dist))",
)
_CREDENTIAL_FILE_READ = _re(
    r"\b(?:cat|type|less|more|head|tail|print|show|open|copy)\s+[^\s`]*(?:credentials|\.env\b"
    r"(?!\.(?:example|sample))|id_rsa|id_ed25519|\.pgpass|kubeconfig|\.netrc|secrets?\.(?:ya?ml|json))",
)
_DESTINATION = _re(
    r"(?<![\w&/])#[a-z0-9][\w.-]*|\b(?:channel|thread|here|runbook|wiki|confluence|notion|jira|"
    # "the support ticket export" is the thing sent, "group the complaints" a verb
    r"ticket(?!\s+(?:exports?|data|dumps?|history|lists?|logs?))|issue|gist|whatsapp|telegram|"
    r"signal|sms|text\s+message|slack|forum|group(?!\s+(?:the|them|it|these|those|by)\b)|chat|"
    r"shared\s+doc|google\s+doc|spreadsheet|email\s+to|doc|document|notes|notebook|sheet|"
    r"slides?|deck|wiki\s+page)\b"
    r"|\b(?:in|via|by|over|through|as)\s+(?:a\s+|an\s+)?(?:slack\s+)?(?:dms?|direct\s+messages?|"
    r"private\s+messages?)\b",
)
# "to the `deploy` user on app-01", "to authorized_keys": a key installed into an account
# or host, not handed to a person; "to the secrets manager", "to Vault": where a secret
# belongs, the move that takes it out of files and messages.
_PERSON_DESTINATION = _re(
    r"\b(?:with|to)\s+"
    r"(?!(?:the\s+|our\s+|your\s+)?(?:secrets?\s+(?:manager|store|vault)|(?:hashicorp\s+)?vault|"
    r"key\s*vault|keychain|password\s+manager|1password|bitwarden|parameter\s+store)\b)"
    r"(?:the\s+)?(?:new\s+)?\w+"
    r"(?![\w.-]*(?:\s+[\w.-]+)?\s+(?:user|account|host|server|machine|box|vm|runner)s?\b)"
    r"(?<!\bauthorized_keys)(?<!\bauthorized)"
)
# "the commit with …", "a push to …": a posting word used as a noun.
_NOUN_BEFORE = _re(r"\b(?:the|a|an|this|that|each|every|its|their|our|your|my)\s+$")
_PII_NOUN = _re(
    r"\b(?:ssns?|social\s+security(?:\s+numbers?)?|dates?\s+of\s+birth|dob|birth\s*dates?|"
    r"full\s+card\s+numbers?|card\s+numbers?|credit\s+cards?|ibans?|bank\s+(?:details|accounts?)|"
    r"account\s+numbers|routing\s+numbers?|home\s+address(?:es)?|mailing\s+address(?:es)?|"
    r"phone\s+numbers?|mobile\s+numbers?|,\s*phone|phone(?=\s*,)|salar(?:y|ies)(?!\s+(?:bands?|ranges?|budgets?|"
    r"benchmarks?|survey))|compensation\s+(?:details|data)|personal\s+e-?mails?|"
    r"(?:customer|user|client|patient|employee|contact)(?:s|'s|s')?\s+(?:e-?mail\s+)?"
    r"(?:list|e-?mails?|e-?mail\s+addresses|addresses|phone\s+numbers|pii|"
    r"records)|pii|personal\s+data|personally\s+identifiable|"
    r"passports?|driver'?s\s+licen[cs]es?|medical|health\s+records|login\s+ips?|ip\s+addresses|"
    r"(?:employees|customers|contacts|users|payroll|salaries)\.(?:csv|xlsx?|json|sql)|"
    r"contact\s+(?:details|info)|e-?mails?\s+and\s+phones?|their\s+e-?mails?|"
    r"full_name|date_of_birth|home_address|personal_email|billing_address|card_number)\b",
)
_PII_NEGATION = _re(
    r"\b(?:without|no|excluding|except|minus|strip(?:ped)?|remov(?:e|ed|ing)|redact(?:ed)?|"
    r"mask(?:ed)?|not|hash(?:ed)?|anonymi[sz]ed?|block(?:s|ing)?|prevents?|detects?|flags?|"
    r"catch(?:es)?)\b[^.\n]{0,20}$",
)
_PII_META_AFTER = _re(
    r"\s*(?:fields?|columns?|attributes?|masking|rules?|polic(?:y|ies)|formats?|validation|"
    r"regex(?:es)?|types?|schema|checks?|inputs?|placeholders?|definitions?)\b"
)
_PII_META_BEFORE = _re(r"\b(?:columns?|fields?|attributes?)\s+(?:for|called|named)\s+$")
# "customer" naming a marketing piece made with the customer for publication ("the customer
# case-study folder", "customer stories", "customer logos"): the piece, not customer records
_MARKETING_AFTER = (
    r"(?![\s-]+(?:case[\s-]stud(?:y|ies)|success\s+stor(?:y|ies)|stor(?:y|ies)|testimonials?|"
    r"quotes?|logos?)\b)"
)
_DATA_NOUN = _re(
    rf"\b(?:customers?{_MARKETING_AFTER}|contacts|users|employees|payroll|tickets|records|"
    r"table|dump|backup|exports?|database|all\s+(?:properties|contacts|customers|users|rows|tickets|data)|whole\s+table|"
    r"full\s+(?:export|dump|backup|table|ticket\s+export|list))\b"
    r"|\.(?:csv|xlsx?|sql(?:\.gz)?|dump|parquet|json|ndjson|bak)\b",
)
# Numbers about the data, not the data: "the subscriber count per segment", "totals by region".
_AGGREGATE = _re(
    r"\b(?:counts?|totals?|sums?|averages?)\s+(?:by|per)\b|\bhow\s+many\b|\baggregated?\b"
    r"|\b(?:row|record)\s+counts?\b"
)
# "the number of customers affected", "how many users": a count, not the records.
_COUNTED = _re(r"\b(?:(?:number|count|total)s?\s+of|how\s+many)\s+(?:the\s+|our\s+|all\s+)?$")
# "Export the slides …", "then export it": the verb, not an export file.
_VERB_LEAD = _re(
    r"(?:^|\b(?:please|then|and|to|just|could|can|would|should|will|'ll|we|you|i|also))\W*$"
)
# Personal places: company data has no business there whatever it is, so these
# count even when the data itself is only "it" (the command naming it was split
# off into a code block that the prose detector does not see).
_PERSONAL = _re(
    r"\bpersonal[-\s]*(?:google\s+|microsoft\s+|apple\s+|one)?(?:gmail|e-?mail|laptop|computer|drive|gdrive|dropbox|account|device|phone|"
    r"machine|nas|box|cloud)\b(?!\s+(?:address|number|domain)e?s?\b)|\bhome[- ]nas\b"
    r"|\b(?:my|your|his|her|their)\s+(?:own\s+)?(?:personal\s+)?(?:gmail|yahoo|hotmail|icloud|"
    r"proton\w*|home\s+(?:computer|pc|laptop)|laptop)\b"
    r"|\bairdrop\b|\busb\s+(?:stick|drive|key)\b"
    # a machine at someone's home, by name or by its dynamic-DNS host name
    r"|\bhome[- ](?:desktop|pc|server|box|lab|machine|computer|laptop)\b"
    r"|\b(?:machine|desktop|pc|computer|server|nas|box|laptop)\s+at\s+home\b"
    r"|\.(?:duckdns\.org|ddns\.net|no-ip\.(?:org|com|biz)|dyndns\.(?:org|com)|hopto\.org|"
    r"synology\.me|myqnapcloud\.com|tplinkdns\.com)\b"
)
_OUTSIDE = _re(
    r"\b(?:the|a|our|their|new)\s+(?:\w+\s+)?(?:vendor|agency|partner|consultant|contractor|"
    r"freelancer|third[- ]party|outside\s+counsel|investor|recruiter)(?:'s|s)?(?![\w-])"
    r"|\bagency'?s\b|\bvendor'?s\b|\bpublic\s+forum\b"
    r"|\bcommunity\s+forum\b|\btweet\b|\bslack\s+connect\b|\bshared\s+channel\s+with\b"
)
_PUBLIC_REPO = _re(
    r"\bpublic\s+(?:github\s+|gitlab\s+|bitbucket\s+|hugging\s*face\s+|git\s+)?"
    r"(?:repo(?:sitory|sitories|s)?|gists?|projects?\s+on\s+git(?:hub|lab))\b"
)
_FILE_DROP = _re(
    r"\b(?:transfer\.sh|file\.io|wetransfer(?:\.com)?|we\.tl|pastebin\.com|0x0\.st|gofile\.io|"
    r"mega\.nz|sendspace\.com|anonfiles\.com|paste\.ee|hastebin\.com|termbin\.com|temp\.sh)\b",
)

# ------------------------------------------------------------------ helpers
_R_PUBLIC = _Rule("prose.public_link", "sharing", "high", "require_approval")
_R_PUBLIC_CONTENT = _Rule("prose.public_content", "sharing", "low", "allow")
_R_STORAGE = _Rule("prose.public_storage", "sharing", "high", "require_approval")
_R_PRESIGN = _Rule("prose.long_lived_link", "sharing", "medium", "require_approval")
_R_COMPANY = _Rule("prose.company_wide", "sharing", "medium", "require_approval")
_R_EXTERNAL = _Rule("prose.external_recipient", "sharing", "high", "require_approval")
_R_LOOKALIKE = _Rule("prose.lookalike_domain", "sharing", "high", "require_approval")
_R_UNKNOWN_DOMAIN = _Rule("prose.unverified_domain", "sharing", "medium", "require_approval")
# An address at a company domain the configuration does not list: held as
# `prose.external_recipient` when the message marks the recipient as an outsider or the
# material as sensitive (`cues.outsider_or_sensitive`), else recorded and allowed.
_R_UNLISTED = _Rule("prose.unlisted_recipient", "sharing", "high", "require_approval")
_R_UNLISTED_ONLY = _Rule("prose.unlisted_recipient", "sharing", "low", "allow")
_R_GUEST = _Rule("prose.guest_access", "sharing", "high", "require_approval")
_R_CONNECT = _Rule("prose.slack_connect", "sharing", "high", "require_approval")
_R_ADMIN = _Rule("prose.admin_grant", "access", "high", "require_approval")
_R_CONTROLS = _Rule("prose.controls_off", "controls", "high", "require_approval")
_R_POST_CREDS = _Rule("prose.post_credentials", "secrets", "high", "require_approval")
_R_POST_PII = _Rule("prose.post_personal_data", "pii", "high", "require_approval")
_R_LEAVING = _Rule("prose.data_leaving", "exfiltration", "high", "require_approval")


def classify_domain(domain: str, company_domains: Sequence[str]) -> str:
    """'internal', 'lookalike', 'external' or 'unknown' (no company domains configured).

    Subdomains of a company domain are internal; a domain that merely contains
    a company domain or its name ("northwind.example.co") is a look-alike.
    """
    domain = domain.lower().rstrip(".")
    companies = [d.lower().strip(".") for d in company_domains if d.strip(".")]
    if domain.endswith(".iam.gserviceaccount.com"):
        project = domain.split(".", 1)[0]
        labels = {c.split(".")[0] for c in companies}
        return "internal" if any(project.startswith(label) for label in labels) else "external"
    for company in companies:
        if domain == company or domain.endswith("." + company):
            return "internal"
    if not companies:
        return "unknown"
    for company in companies:
        label = company.split(".")[0]
        if company in domain or (len(label) >= 4 and label in domain.split(".")[0].split("-")):
            return "lookalike"
    return "external"


def inferred_home(lowered: str) -> tuple[str, ...]:
    """The domains a lower-cased message shows as its own organisation's (`home_domains`)."""
    return home_domains(lowered, _CONSUMER_MAIL)


def personal_mailbox(domain: str) -> bool:
    """`domain` is a consumer mail service (gmail.com, gmx.de, qq.com): a person's own
    mailbox, outside the company whatever its configured domains."""
    return domain.lower().rstrip(".") in _CONSUMER_MAIL


def outside_domain(domain: str, company_domains: Sequence[str]) -> bool:
    """An address at `domain` is outside the company: a personal mailbox, a look-alike or
    any other domain once the company's are known (unknown ones stay undecided: False)."""
    domain = domain.lower().rstrip(".")
    return domain in _CONSUMER_MAIL or classify_domain(domain, company_domains) in (
        "external",
        "lookalike",
    )


# ------------------------------------------------------------------ families
def _public(s: _Sentence) -> Iterator[Finding]:
    for m in _PUBLIC_LINK.finditer(s.lower):
        if _negated(s.lower, m.start()) or _BLOCK_BEFORE.search(s.lower[: m.start()]):
            continue
        if m.group(0).startswith("public") and _REVERSAL_BEFORE.search(
            s.lower[max(0, m.start() - 40) : m.start()]
        ):
            continue
        if _CODE_PUBLIC.search(m.group(0)):
            continue  # "make the helper function public": visibility in code, not sharing
        if _CHANGED_FROM.search(s.lower, max(0, m.start() - 12), m.start()):
            continue  # "from 'Anyone with the link' to 'Restricted'": the setting taken away
        if _SWITCHED_OFF.match(s.lower, m.end()):
            continue  # 'Toggle "Allow anyone with the link to view" off': the setting turned off
        phrase = m.group(0)
        public = (
            _PUBLIC_CONTENT.search(s.lower)
            or _PUBLIC_BY_KIND.search(s.lower)
            or _public_by_kind_elsewhere(_READERS_CLAUSE.sub(" ", s.lower))
        )
        if public and not _SENSITIVE.search(_READERS_CLAUSE.sub(" ", s.lower)):
            yield _finding(
                _R_PUBLIC_CONTENT,
                "Makes something public that reads as public-facing content (status page, "
                "release notes, website); allowed unless the catalog classifies it otherwise.",
                _window(s.text, m.start(), m.end()),
            )
        else:
            yield _finding(
                _R_PUBLIC,
                f"Opens a document or resource to anyone on the internet (“{phrase.strip()}”); "
                "whoever gets the link can read it, with no sign-in and no record of who did.",
                _window(s.text, m.start(), m.end()),
                risk="critical" if _STRONG_SENSITIVE.search(s.lower) else None,
            )
        return


def _storage(s: _Sentence) -> Iterator[Finding]:
    m = _PUBLIC_STORAGE.search(s.lower)
    if m and _looked_up(s.lower, m.start()):
        m = None  # `gcloud storage buckets get-iam-policy …`, then "allUsers が含まれていないこと"
    # one logo or stylesheet copied up, or a site build, for a website to serve; the only
    # public grant in the sentence (a second one stays judged)
    static = {"public-read": _STATIC_ASSET_COPY, "allusers": _STATIC_ASSET_GRANT}
    if (
        m
        and m.group(0) in static
        and static[m.group(0)].search(s.lower)
        and len(_PUBLIC_STORAGE.findall(s.lower)) == 1
    ):
        m = None
    if m and not _denied(s.lower, m.start()) and not _removing(s.lower, m.start()):
        yield _finding(
            _R_STORAGE,
            "Makes a bucket, container or files publicly readable (public ACL, allUsers, "
            "anonymous access or removed public-access block); anyone can download the data.",
            _window(s.text, m.start(), m.end()),
        )
    p = _PRESIGN.search(s.lower)
    if p and int(p.group(1)) > _PRESIGN_LIMIT_SECONDS:
        days = int(p.group(1)) / 86400
        yield _finding(
            _R_PRESIGN,
            f"Creates a download link that works for anyone who has it for {days:.0f} days.",
            _window(s.text, p.start(), p.end()),
        )


def _company(s: _Sentence, company_names: str) -> Iterator[Finding]:
    if _harmless(s.lower):
        return  # redacted, anonymised or already public: the company may read it
    regex = _company_regex(company_names)
    m = regex.search(s.lower)
    if m and s.lower[m.start() - 1 : m.start()] == "#":
        m = None  # `#all-company` names a channel: judged below by what is posted into it
    if m and _policy_scope(s.lower, m.start()) and not _READERS_AFTER.match(s.lower, m.end()):
        m = None  # "set the MFA policy back to 'Required' for the whole organisation"
    if m and not _negated(s.lower, m.start()) and not _ASKED_WHETHER.search(s.lower, 0, m.start()):
        yield _finding(
            _R_COMPANY,
            "Shares with the whole company (everyone, all-staff groups or a public channel) "
            "instead of the people who need it.",
            _window(s.text, m.start(), m.end()),
            risk="high" if _SENSITIVE.search(s.lower) else None,
        )
        return
    c = _WIDE_CHANNEL.search(s.lower)
    if (
        c
        and _POST_VERB.search(s.lower)
        and (_DATA_NOUN.search(s.lower) or _PII_NOUN.search(s.lower))
    ):
        yield _finding(
            _R_COMPANY,
            f"Posts data or files into {c.group(0)}, a channel the whole company can read.",
            _window(s.text, c.start(), c.end()),
            risk="high",
        )


# A control made stricter before the company is named: the company is the scope of the
# setting, not an audience ("enforce MFA for the whole org", "set the policy back to
# 'Required' for the whole organisation"). Enabling anything else org-wide ("legacy
# authentication", "external sharing") is no such thing and stays held.
_SETTING_BEFORE = _re(
    r"(?:\b(?:enforce|require|re-?enable|mandate)\b|\bset\b[^.\n]{0,40}\bback\s+to\b"
    r"|\bturn\b[^.\n]{0,40}\bback\s+on\b)[^.\n]{0,80}$"
)


# "… so the whole organisation can view it": the company reads it after all.
_READERS_AFTER = _re(
    r"\s+(?:can|could|may|will\s+be\s+able\s+to|to)\s+(?:view|see|read|open|edit|download|"
    r"comment|find|browse|get)\b"
)


def _policy_scope(low: str, at: int) -> bool:
    """The whole company is where a setting applies ("enforce MFA for the whole org"), and
    nothing in the sentence is shared, sent or posted."""
    return bool(_SETTING_BEFORE.search(low, max(0, at - 90), at)) and not (
        _SHARE_VERB.search(low) or _POST_VERB.search(low)
    )


_company_cache: dict[str, re.Pattern[str]] = {}


def _company_regex(company_names: str) -> re.Pattern[str]:
    regex = _company_cache.get(company_names)
    if regex is None:
        names = company_names or "company"
        regex = re.compile(_COMPANY_WIDE.pattern.replace("{company}", names))
        if len(_company_cache) < 64:
            _company_cache[company_names] = regex
    return regex


def _outsiders(s: _Sentence, company_domains: Sequence[str]) -> Iterator[Finding]:
    if not s.words.isdisjoint(_SHARE_WORDS) and _SHARE_VERB.search(s.lower):
        yield from _addressees(s, company_domains)
    yield from _data_share(s)
    yield from _guest(s)
    yield from _connect(s)


def _targets(s: _Sentence) -> list[tuple[str, int, int, bool]]:
    """Addresses and bare domains in the sentence: (domain, start, end, is an address)."""
    targets: list[tuple[str, int, int, bool]] = []
    if "@" in s.text:
        targets += [(m.group(1), m.start(), m.end(), True) for m in _EMAIL.finditer(s.lower)]
    bare = list(_BARE_DOMAIN.finditer(s.lower)) if "." in s.lower else []  # a domain has one
    # `api.example.mx:443`, `-servername api.example.mx`: a server talked to, not a recipient
    # a site something comes from ("install the add-on from addons.mozilla.org"): a source;
    # the site it backs ("since it backs developers.acme.io"): where it is published
    servers = {
        m.group(1)
        for m in bare
        if _PORT_AFTER.match(s.lower, m.end())
        or _HOST_FLAG_BEFORE.search(s.lower, 0, m.start())
        or _SOURCE_BEFORE.search(s.lower, max(0, m.start() - 90), m.start())
        or _SITE_BEFORE.search(s.lower, max(0, m.start() - 30), m.start())
    }
    targets += [(m.group(1), m.start(), m.end(), False) for m in bare if m.group(1) not in servers]
    return targets


# What a company sends outsiders every day, harmless by its kind: material made for the
# public (a public price list, a brochure, the press kit, release notes, the public docs),
# a meeting invitation, agenda or webinar link. Sent, not opened up: access given to the
# address ("add … as editor", "grant") is judged as access whatever the document is.
_OUTBOUND_HARMLESS = _re(
    r"\bpublic\s+(?:price\s+list|pricing(?:\s+sheet)?|docs|documentation|roadmap)\b"
    r"|\bpricing\s+page\b|\b(?:product\s+|marketing\s+|sales\s+)?(?:brochures?|flyers?|datasheets?)\b"
    r"|\b(?:press|media)[\s-]kit\b|\bpress\s+release\b|\bbrand\s+(?:assets|guidelines)\b"
    r"|\brelease\s+notes\b|\bchangelog\b|\bstatus\s+page\b|\bapi\s+reference\b"
    r"|\b(?:user|product|installation)\s+(?:guide|manual)\b|\bjob\s+(?:posting|description)s?\b"
    r"|\bwebinar\s+(?:link|slides|recording|invite|invitation)\b"
    r"|\b(?:meeting|calendar|zoom|teams|meet|webex)\s+(?:invite|invitation|link)s?\b"
    r"|\b(?:the|an?|our)\s+(?:\w+\s+)?(?:agenda|invite|invitation)\b"
)
_SEND_ONLY = _re(r"\b(?:send|sent|forward(?:ed)?|e-?mail(?:ed)?|mail(?:ed)?)\b")
_ACCESS_WORDS = _re(
    r"\b(?:grant\w*|access|add(?:ed)?|member|viewer|editor|commenter|owner|admin|collaborator|"
    r"connect(?:ed)?|share[sd]?|sharing|iam|acl)\b|--(?:member|email|user)\b"
)
# a file named in the sentence: harmless only when its own name says so ("pricing-2025.pdf")
_NAMED_FILE = _re(r"[\w.-]+\.(?:pdf|csv|tsv|xlsx?|docx?|pptx?|json|zip|gz|sql|txt|parquet|ics)\b")
_HARMLESS_FILE = _re(
    r"pric|brochure|flyer|datasheet|press|brand|logo|release|changelog|faq|guide|manual|"
    r"agenda|invite|webinar|\.ics\b"
)


def _harmless_send(low: str) -> bool:
    """Sent (not shared as access) to one outside domain, and what goes is harmless by its
    kind (`_OUTBOUND_HARMLESS`) or made harmless (`_harmless`: redacted, anonymised, no
    personal field left in), with nothing sensitive named beside it and every file named
    for what it is."""
    if not _SEND_ONLY.search(low) or _ACCESS_WORDS.search(low):
        return False
    if not (_OUTBOUND_HARMLESS.search(low) or _harmless(low)):
        return False
    if _SENSITIVE.search(low) or _WHOLE_DATA.search(low):
        return False
    if any(
        not _PII_NEGATION.search(low, max(0, f.start() - 30), f.start())
        for f in _FIELDS.finditer(low)
    ):
        return False
    return all(_HARMLESS_FILE.search(f.group(0)) for f in _NAMED_FILE.finditer(low))


def _addressees(s: _Sentence, company_domains: Sequence[str]) -> Iterator[Finding]:
    """Each outside domain shared with or sent to, once; none when one outside domain is
    sent something harmless by its kind."""
    if len({t[0].lower() for t in _targets(s)}) == 1 and _harmless_send(s.lower):
        return
    seen: set[str] = set()
    reporting = _SUSPICIOUS.search(s.lower) is not None
    dedicated = _dedicated_connect(s.lower)
    for domain, start, end, is_email in _targets(s):
        domain = domain.lower()
        if domain in seen or _negated(s.lower, start) or _removing(s.lower, start):
            continue
        if dedicated and not is_email:
            continue  # a new Slack Connect channel for that domain holds only what is put in it
        if reporting and is_email and _REPORT_MAILBOX.match(s.lower, start):
            continue  # forwarding a phishing mail to the address that collects them
        if _not_a_recipient(s.lower, start):
            continue  # this mention only; a later one that is sent to still counts
        seen.add(domain)
        kind = classify_domain(domain, company_domains)
        if kind != "internal":
            who = "an email address" if is_email else "the domain"
            yield _domain_finding(kind, domain, who, _window(s.text, start, end))


def _not_a_recipient(low: str, start: int) -> bool:
    """The address or domain at `start` is where a mail came from or a lookup key, not
    someone data goes to."""
    return bool(
        _MAIL_SOURCE_BEFORE.search(low, max(0, start - 70), start)
        or _LOOKUP_BEFORE.search(low, max(0, start - 30), start)
    )


def _domain_finding(kind: str, domain: str, who: str, evidence: str) -> Finding:
    if kind == "lookalike":
        return _finding(
            _R_LOOKALIKE,
            f"Shares with {who} at {domain}, which looks like a company domain but is "
            "not one; this is how data reaches impostors.",
            evidence,
        )
    if kind == "unknown":
        return _finding(
            _R_UNKNOWN_DOMAIN,
            f"Shares with {who} at {domain}; no company domains are configured, so "
            "TwoKey cannot tell whether it is inside the company.",
            evidence,
        )
    if domain in _CONSUMER_MAIL or who == "the domain" or named_for_outsiders(domain):
        # a personal mailbox; everyone at a whole domain; a domain named for an outsider
        mailbox = " (a personal mailbox)" if domain in _CONSUMER_MAIL else ""
        return _finding(
            _R_EXTERNAL,
            f"Shares with or sends to {who} at {domain}{mailbox}, outside the company.",
            evidence,
        )
    return _finding(
        _R_UNLISTED,
        f"Shares with or sends to {who} at {domain}, outside the company.",
        evidence,
    )


def _data_share(s: _Sentence) -> Iterator[Finding]:
    d = _DATA_SHARE.search(s.lower) if "share" in s.lower else None
    if d:
        yield _finding(
            _R_EXTERNAL,
            "Sets up a data share (e.g. a Snowflake share) that lets another account query "
            "the tables directly.",
            _window(s.text, d.start(), d.end()),
        )


# An option in a list of options turned down ("I looked at a few options (guest accounts,
# a shared inbox) and none of them are great"): weighed, not asked for.
_TURNED_DOWN_AFTER = _re(
    r"^[^()\n]{0,120}\)\s*(?:,\s*)?(?:and|but)\s+(?:none|neither)\s+of\s+(?:them|these|those)\s+"
    r"(?:is|are|was|were|seems?|looks?|works?|fits?)\b"
)


def _guest(s: _Sentence) -> Iterator[Finding]:
    g = _GUEST.search(s.lower) if not s.words.isdisjoint(_GUEST_WORDS) else None
    if g and _TURNED_DOWN_AFTER.search(s.lower[g.end() :]):
        g = None
    if g and not _negated(s.lower, g.start()) and not _UNDO.search(s.lower[: g.start()]):
        yield _finding(
            _R_GUEST,
            "Adds a guest or external account, giving someone outside the company access.",
            _window(s.text, g.start(), g.end()),
        )


def _dedicated_connect(low: str) -> bool:
    """The sentence sets up a new, dedicated Slack Connect channel with the outsiders and
    brings no existing channel into it ("a new channel … without any history")."""
    return (
        "connect" in low
        and _SLACK_CONNECT.search(low) is not None
        and (_CONNECT_DEDICATED.search(low) or _CONNECT_CREATED.search(low)) is not None
        and not _existing_channel(low)
    )


def _existing_channel(low: str) -> bool:
    """A channel handle in the sentence other than the new channel's own name."""
    if "#" not in low:
        return False
    named = {m.end() - 1 for m in _NEW_HANDLE.finditer(low)}
    return any(m.start() not in named for m in _EXISTING_CHANNEL.finditer(low))


# an existing channel named by its handle ("#rh-confidentiel"): not a new one
_EXISTING_CHANNEL = _re(r"(?<![\w#])#[a-z0-9][\w-]*")


def _connect(s: _Sentence) -> Iterator[Finding]:
    c = _SLACK_CONNECT.search(s.lower) if "connect" in s.lower else None
    if (
        c
        and _CONNECT_SETUP.search(s.lower)
        and not _CONNECT_REFUSE.search(s.lower)
        and not _CONNECT_DEDICATED.search(s.lower)
        and not (_CONNECT_CREATED.search(s.lower) and not _existing_channel(s.lower))
        and not (_POST_VERB.search(s.lower) and not _CONNECT_SETUP.search(s.lower[: c.start()]))
    ):
        yield _finding(
            _R_CONNECT,
            "Connects a channel with another organisation through Slack Connect; everything "
            "in it, past and future, becomes readable outside the company.",
            _window(s.text, c.start(), c.end()),
        )


# A command that reads access back (`get-iam-policy`, `list-attached-role-policies`,
# `role assignment list`); an admin role named after it is what is looked for.
_READ_ONLY_COMMAND = _re(
    r"\b(?:get-iam-policy|(?:list|get|describe)-[a-z-]+|(?:assignment|binding|member)s?\s+"
    r"(?:list|show)|show\s+grants|--filter\b|(?:iam|acl|defacl)\s+get\b|show-permission\b)"
)
_CHANGING_COMMAND = _re(
    r"\b(?:add-iam-policy-binding|set-iam-policy|(?:attach|put|create|update|add|set)-[a-z-]+|"
    r"grant|assign|promote|make|give)\b|\b(?:assignment|binding|member)s?\s+(?:create|add)\b"
)


def _looked_up(low: str, at: int) -> bool:
    """The sentence only reads access back: a read-only command before `at` and no
    command or verb that changes anything."""
    return bool(_READ_ONLY_COMMAND.search(low, 0, at)) and not _CHANGING_COMMAND.search(low)


def _admin(s: _Sentence) -> Iterator[Finding]:
    if "*" in s.text:
        lower = s.lower.replace("*", "").replace("_", " ")
        s = _Sentence(s.text.replace("*", "").replace("_", " "), s.start, lower, s.words)
    m = _ADMIN_TOKEN.search(s.lower)
    if (
        m
        and _READ_ONLY_COMMAND.search(s.lower, 0, m.start())
        and not _CHANGING_COMMAND.search(s.lower)
    ):
        m = None  # `aws iam list-attached-role-policies … AdministratorAccess?`: a lookup
    if m and _ASKS_WHO_HAS.search(s.lower, max(0, m.start() - 60), m.start()):
        m = None  # "review who has AdministratorAccess", "tell me if AdministratorAccess is there"
    if m and not _negated(s.lower, m.start()) and not _removing(s.lower, m.start()):
        yield _finding(
            _R_ADMIN,
            "Grants owner, admin or superuser rights (or every privilege) — far more than "
            "reading the data needs, and hard to notice later.",
            _window(s.text, m.start(), m.end()),
        )
        return
    if not any(piece in s.lower for piece in _ADMIN_ROLE_PIECES):
        return  # no role the verbs could grant: "GRANT SELECT … GRANT …" is not read verb by verb
    for v in _GRANT_VERB.finditer(s.lower):
        tail = s.lower[v.end() : v.end() + 90]
        r = _ADMIN_ROLE.search(tail)
        if r is None or _negated(s.lower, v.start()) or _removing(s.lower, v.start()):
            continue
        before = tail[max(0, r.start() - 25) : r.start()]
        if _READ_ONLY.search(before + r.group(0)):
            continue
        yield _finding(
            _R_ADMIN,
            f"Grants {' '.join(r.group(0).strip(' *→->').split())} rights — control over "
            "settings, members and all data, far more than most tasks need.",
            _window(s.text, v.start(), v.end() + r.end(), pad=10),
        )
        return


# "it was switched off during the migration", "MFA had been disabled by mistake": a passive
# of the past tells the state a control was left in, it asks nobody to switch it off.
_PASSIVE_BEFORE = _re(r"\b(?:was|were|been|got|gotten)\s+(?:\w+\s+)?$")
_PASSIVE_STATE = _re(
    r"\b(?:was|were|been|got|gotten)\s+(?:\w+\s+)?(?:disabled|turned\s+off|switched\s+off|"
    r"paused|stopped|suspended|removed|deleted|deactivated)\b"
)


# "make sure MFA has been disabled", "check that logging was turned off before …": the
# state is asked for, whatever the tense.
_STATE_ASKED = _re(
    r"\b(?:make\s+sure|ensure|ensuring|confirm|verify|check|keep|leave|until|so\s+that|once)\b"
    r"[^.;\n]{0,60}$"
)


def _reported_off(low: str, m: re.Match[str]) -> bool:
    """The control's switching off is told in the passive past, not asked for (a state
    someone is to make sure of is asked for)."""
    before = low[max(0, m.start() - 24) : m.start()]
    told = bool(_PASSIVE_BEFORE.search(before)) or bool(_PASSIVE_STATE.search(m.group(0)))
    return told and not _STATE_ASKED.search(low, max(0, m.start() - 80), m.start())


def _controls(s: _Sentence) -> Iterator[Finding]:
    low = s.lower
    for m in _CONTROLS_OFF.finditer(low):
        if (
            _negated(low, m.start())
            or _EXCEPTION_AFTER.match(low, m.end())
            or _NARROWED_AFTER.match(low, m.end())
            or _reported_off(low, m)
            or _ASKS_WHO_MAY.search(low, max(0, m.start() - 120), m.start())
        ):
            continue
        yield _finding(
            _R_CONTROLS,
            "Turns off a security control (MFA/SSO, DLP, audit logging, row-level security or "
            "similar); what happens next is neither prevented nor recorded.",
            _window(s.text, m.start(), m.end()),
        )
        return


def _named_credential(s: _Sentence, verb: re.Match[str]) -> re.Match[str] | None:
    """The credential the sentence names; none when its own command before the verb prints
    only the secret's key names (`… -o json | jq 'keys'`)."""
    if s.words.isdisjoint(_CRED_WORDS) or KEYS_ONLY_READ.search(s.lower, 0, verb.start()):
        return None
    return _CREDENTIAL.search(s.lower)


def _posted_credential(
    s: _Sentence, first: re.Match[str], verb: re.Match[str]
) -> re.Match[str] | None:
    """The credential the sentence posts, read from the first one named on: one secret
    masked or replaced before does not stand for the file posted after it ("replace the
    password with ****, then paste the whole .env.production into #vendor-support")."""
    for cred in _CREDENTIAL.finditer(s.lower, first.start()):
        if not _denied(s.lower, cred.start()) and _object_of_post(s.lower, cred, verb):
            return cred
    return None


def _post_verb(low: str) -> re.Match[str] | None:
    """The first posting word used as a verb ("the commit with …" is a noun)."""
    for verb in _POST_VERB.finditer(low):
        if verb.group(0) == "drop" and _DROP_THING.match(low, verb.start()):
            continue  # "drop that commit": destroyed, not dropped somewhere
        if not _NOUN_BEFORE.search(low, max(0, verb.start() - 8), verb.start()):
            return verb
    return None


def _posting(s: _Sentence) -> Iterator[Finding]:
    verb = _post_verb(s.lower)
    read = _CREDENTIAL_FILE_READ.search(s.lower) if not s.words.isdisjoint(_READ_WORDS) else None
    if read and (verb or "here" in s.lower):
        yield _finding(
            _R_POST_CREDS,
            "Asks for the contents of a credentials file to be printed and posted; the secrets "
            "in it would be exposed to everyone who can read the message.",
            _window(s.text, read.start(), read.end()),
        )
    if verb is None:
        return
    dest = _DESTINATION.search(s.lower, verb.start())
    cred = _named_credential(s, verb)
    if cred and dest is None:
        dest = _PERSON_DESTINATION.search(s.lower, verb.end())
    if dest is None:
        return
    posted = _posted_credential(s, cred, verb) if cred else None
    if posted:
        yield _finding(
            _R_POST_CREDS,
            f"Asks for {posted.group(0).strip()} to be posted or shared in a message, channel "
            "or document, where everyone who can read it can use it.",
            _window(s.text, verb.start(), dest.end(), pad=0),
        )
    if _PERSON_DESTINATION.match(dest.group(0)) or s.words.isdisjoint(_PII_WORDS):
        return
    for pii in _PII_NOUN.finditer(s.lower):
        before = s.lower[max(0, pii.start() - 30) : pii.start()]
        if _PII_NEGATION.search(before) or _PII_META_BEFORE.search(before):
            continue
        if _PII_META_AFTER.match(s.lower, pii.end()):
            continue  # "the phone number field", "SSN masking rules": about the field
        yield _finding(
            _R_POST_PII,
            f"Asks for personal data ({pii.group(0).strip()}) to be posted or sent to "
            f"{dest.group(0).strip()}, where people who should not see it can.",
            _window(s.text, pii.start(), pii.end()),
        )
        break


def _object_of_post(text: str, noun: re.Match[str], verb: re.Match[str]) -> bool:
    """The credential is what gets posted: right after a post verb, or referred back to."""
    for v in _POST_VERB.finditer(text):
        if _NOUN_BEFORE.search(text, max(0, v.start() - 8), v.start()):
            continue
        if 0 <= noun.start() - v.end() <= 40 and not _NOT_THE_OBJECT.search(
            text, v.end(), noun.start()
        ):
            return True
    back = _PRONOUN_POST.search(text, noun.end())
    if (
        back
        and _WHICH_BEFORE.search(text, max(0, noun.start() - 16), noun.start())
        and _LIST_BACK.fullmatch(back.group(0))
        and not _LIST_OF.match(text, back.end())
    ):
        return False  # "check which keys the secret has … paste the list": their names
    return bool(back) and verb.start() > noun.start()


# The credential asked about by a question word ("check which keys the secret has", "see what
# tokens the app uses"), then "the list" of them posted: a list of names, not the values.
_WHICH_BEFORE = _re(r"\b(?:which|what)\s+(?:of\s+the\s+)?$")
_LIST_BACK = _re(r"\w+\s+the\s+list")
_LIST_OF = _re(r"\s+(?:of|with)\b")


# Between a post verb and a credential: the credential is not what is posted. A content
# clause ("post in #eng that the token rotated") or a fact about it ("paste the rotation
# date of the key", "send the key's fingerprint").
_NOT_THE_OBJECT = _re(
    r"\b(?:that|saying|whether|to\s+say)\s+(?:the|a|an|our|your|its|their|this|it|we|they)\b"
    r"|\b(?:dates?|timestamps?|version(?:\s+(?:numbers?|ids?))?|expiry|expiration|age|"
    r"fingerprints?|names?|titles?|ids?|arns?|metadata|owners?|length|rotation\s+status)"
    r"\s+(?:of|for)\s+(?:the\s+|our\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,2}$"
)


# "Drop the scratch table", `DROP SCHEMA …`: destroying a thing, not dropping it somewhere.
_DROP_THING = _re(
    r"drop\s+(?:the\s+|a\s+|this\s+|that\s+|your\s+|if\s+exists\s+)?(?:[\w.-]+\s+){0,3}?"
    r"(?:tables?|schemas?|databases?|db|collections?|index(?:es)?|views?|columns?|partitions?|"
    r"commits?|stash(?:es)?)\b"  # "drop that commit with an interactive rebase"
)


def _moving_verb(low: str) -> re.Match[str] | None:
    """The first verb that moves something somewhere (not `drop` of a table)."""
    for verb in _POST_VERB.finditer(low):
        if verb.group(0) == "drop" and _DROP_THING.match(low, verb.start()):
            continue
        return verb
    return None


def _leaving(s: _Sentence) -> Iterator[Finding]:
    if _AGGREGATE.search(s.lower) and not _PII_NOUN.search(s.lower):
        return  # "the subscriber count per segment": numbers leave, not the records
    data = _data_noun(s)
    found = _dropped(s, data)
    if found is None and _moving_verb(s.lower) is not None:
        for judge in (_to_public_repo, _to_personal, _to_outside):
            found = judge(s, data)
            if found is not None:
                break
    if found is not None:
        yield found


def _data_noun(s: _Sentence) -> re.Match[str] | None:
    """The data the sentence names ("the slides without the customer appendix": the
    customers stay behind)."""
    return next(
        (
            d
            for d in _DATA_NOUN.finditer(s.lower)
            if not _PII_NEGATION.search(s.lower[max(0, d.start() - 30) : d.start()])
            and not _COUNTED.search(s.lower, max(0, d.start() - 30), d.start())
            and not (d.group(0) == "export" and _VERB_LEAD.search(s.lower, 0, d.start()))
        ),
        None,
    )


def _dropped(s: _Sentence, data: re.Match[str] | None) -> Finding | None:
    drop = _FILE_DROP.search(s.lower) if any(h in s.lower for h in _DROP_HOSTS) else None
    if drop is None or data is None:
        return None
    return _finding(
        _R_LEAVING,
        f"Uploads data to {drop.group(0)}, a public file-drop service outside the company.",
        _window(s.text, drop.start(), drop.end()),
    )


def _to_public_repo(s: _Sentence, data: re.Match[str] | None) -> Finding | None:
    repo = _PUBLIC_REPO.search(s.lower) if "public" in s.words else None
    if repo is None or _negated(s.lower, repo.start()) or _harmless(s.lower):
        return None
    what = data or (_PII_NOUN.search(s.lower) if not s.words.isdisjoint(_PII_WORDS) else None)
    what = what or (_CREDENTIAL.search(s.lower) if not s.words.isdisjoint(_CRED_WORDS) else None)
    if what is None or (what is not data and _for_purpose(s.lower, what.start())):
        return None  # "add this step … to check the token is wired up": what it is for
    return _finding(
        _R_LEAVING,
        f"Puts company data ({what.group(0).strip()}) into {repo.group(0).strip()}, "
        "where anyone on the internet can read and copy it, forever, from its history.",
        _window(s.text, repo.start(), repo.end()),
        risk="critical" if _SENSITIVE.search(s.lower) else None,
    )


def _for_purpose(low: str, at: int) -> bool:
    """The word at `at` comes after a purpose marker that follows the sentence's moving
    verb ("add this step to the workflow to check the token …"): what the act is for."""
    verb = _moving_verb(low)
    if verb is None or verb.start() > at:
        return False
    purpose = PURPOSE_AFTER.search(low, verb.end(), at)
    return purpose is not None


def _to_personal(s: _Sentence, data: re.Match[str] | None) -> Finding | None:
    personal = _PERSONAL.search(s.lower)
    if personal is None or _negated(s.lower, personal.start()):
        return None
    if data is None and _harmless(s.lower):
        return None  # the press kit that is already on the website
    moved = f"company data ({data.group(0).strip()})" if data else "company files"
    return _finding(
        _R_LEAVING,
        f"Moves {moved} to {personal.group(0).strip()}, a personal place outside the "
        "company's systems and controls.",
        _window(s.text, personal.start(), personal.end()),
        risk="critical" if data and _SENSITIVE.search(s.lower) else None,
    )


# A dump that writes table definitions and no rows (`mysqldump --no-data`, `-d`;
# `pg_dump --schema-only`, `-s`), or a sentence that sends "the schema only".
# (each dump's words run to the next dump: "--schema-only …, and also pg_dump app" is two)
_DUMP = _re(
    r"\b(?:mysqldump|mariadb-dump|pg_dump)\b"
    r"(?:(?!(?:mysqldump|mariadb-dump|pg_dump)\b)[^\n|;&])*"
)
_NO_ROWS_FLAG = {
    "mysqldump": _re(r"(?<!\S)(?:--no-data|-d)(?!\S)"),
    "mariadb-dump": _re(r"(?<!\S)(?:--no-data|-d)(?!\S)"),
    "pg_dump": _re(r"(?<!\S)(?:--schema-only|-s)(?!\S)"),
}
# Every row of a database or collection written to a file (a dump or a collection export
# with no flag that keeps the rows out), and the file it writes, when it names one.
_ROW_DUMP = re.compile(
    r"\b(?:mysqldump|mariadb-dump|pg_dump(?:all)?|mongodump|mongoexport)\b"
    r"(?:(?!(?:mysqldump|mariadb-dump|pg_dump|mongodump|mongoexport)\b)[^\n|;&`])*"
)
_DUMP_OUTPUT = re.compile(
    r"(?:>\s*|(?<!\S)(?:-f|--file|-o|--out|--output|--archive)[= ]\s*)[\"']?([\w./~-]+)"
)
_NO_ROWS_PG = re.compile(r"(?<!\S)(?:--schema-only|-s)(?!\S)")
_NO_ROWS_MY = re.compile(r"(?<!\S)(?:--no-data|-d)(?!\S)")  # pg_dump's `-d` names the database
_NONPROD_DUMP = re.compile(
    r"\blocalhost\b|\b127\.0\.0\.1\b|\b[a-z][\w-]*[_-](?:dev|test|qa|sandbox)(?![\w.-])"
    r"|\b(?:dev|test|qa|sandbox)[_-][\w-]+(?![\w.])"
)


class Dump(NamedTuple):
    """A database dump a text runs: where it starts and ends, the file it writes ("" when
    it names none: the terminal or a pipe), and whether that file holds rows of real data
    (not table definitions only, not a local or development database)."""

    at: int
    end: int
    file: str
    rows: bool


@lru_cache(maxsize=8)
def dumps_in(low: str) -> tuple[Dump, ...]:
    """The dumps in a lower-cased text (`Dump`)."""
    if "dump" not in low and "mongoexport" not in low:
        return ()
    out = []
    for d in _ROW_DUMP.finditer(low):
        text = d.group(0)
        no_rows = _NO_ROWS_PG if text.startswith("pg_") else _NO_ROWS_MY
        structure = not text.startswith("mongo") and no_rows.search(text) is not None
        o = _DUMP_OUTPUT.search(text)
        name = o.group(1).rsplit("/", 1)[-1] if o else ""
        rows = not structure and not _NONPROD_DUMP.search(text)
        out.append(Dump(d.start(), d.end(), name, rows))
    return tuple(out)


def dumped_files(commands: Iterable[str]) -> tuple[Dump, ...]:
    """The dumps the commands run (positions are within each command)."""
    return tuple(d for c in commands for d in dumps_in(_lower(c)))


_STRUCTURE_WORDS = _re(
    r"\b(?:schema|structure|ddl|table\s+definitions?)[- ]only\b"
    r"|\bonly\s+the\s+(?:schema|structure|ddl|table\s+definitions?)\b"
    r"|\b(?:schema|structure|ddl)\s*,?\s+(?:no|without)\s+(?:data|rows|records)\b"
)


def _structure_only(low: str) -> bool:
    """What leaves is the tables' structure: every dump the sentence runs writes no rows,
    or (running none) it says it sends the schema only. A dump without the flag, under
    the words "schema only", still sends its rows."""
    dumps = [(d.group(0), d.group(0).split()[0]) for d in _DUMP.finditer(low)]
    if dumps:
        return all(_NO_ROWS_FLAG[name].search(text) for text, name in dumps)
    return bool(_STRUCTURE_WORDS.search(low))


def _to_outside(s: _Sentence, data: re.Match[str] | None) -> Finding | None:
    out = _OUTSIDE.search(s.lower)
    if out is None or data is None or _negated(s.lower, out.start()):
        return None
    if _structure_only(s.lower):
        return None  # "send them the schema only: mysqldump --no-data …": no rows leave
    if _harmless(s.lower):
        return None  # "the anonymised churn sample", with no personal field named
    return _finding(
        _R_LEAVING,
        f"Sends a copy of company data ({data.group(0).strip()}) to {out.group(0).strip()}, "
        "outside the company's systems and controls.",
        _window(s.text, out.start(), out.end()),
        risk="critical" if _SENSITIVE.search(s.lower) else None,
    )


# ------------------------------------------------------------------ entry point
def _company_names(company_domains: Sequence[str]) -> str:
    labels = sorted({d.lower().strip(".").split(".")[0] for d in company_domains if d.strip(".")})
    words = {w for label in labels for w in (label, label.replace("-", " ")) if w}
    return "|".join(re.escape(w) for w in sorted(words)) or "company"


def _strongest(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, the strongest."""
    best: dict[str, Finding] = {}
    for f in findings:
        cur = best.get(f.rule)
        if cur is None or (VERDICT_ORDER[f.verdict], RISK_ORDER[f.risk]) > (
            VERDICT_ORDER[cur.verdict],
            RISK_ORDER[cur.risk],
        ):
            best[f.rule] = f
    return list(best.values())


_WORD = re.compile(r"[a-z0-9_]+")


def _words(*items: str) -> frozenset[str]:
    return frozenset(w for item in items for w in item.split())


# Family gates: a family's regexes only run when the text has one of its words
# (set intersection on the text's words costs a few microseconds; the
# case-insensitive alternations cost 5-20 µs each per text).
_PUBLIC_WORDS = _words(
    "anyone public publicly publish published publishing anonymous visibility internet world"
)
_STORAGE_WORDS = _words(
    "allusers allauthenticatedusers authenticated public principal anonymous presign 777 0777",
    "blockpublicacls blockpublicpolicy",
)
_COMPANY_WORDS = _words(
    "everyone everybody whole entire staff domain organization organisation org company",
    "general random announcements announcement hands employees townhall channel",
)
_SHARE_WORDS = _words(
    "share shared shares sharing invite invited invites inviting add added grant granted give",
    "gave send sent forward forwarded email emailed mail mailed cc bcc transfer collaborator",
    "collaborators connect connected access member members guest guests external viewer editor",
    "commenter creator iam acl emailaddress forwards sends emails mails copies posts pushes",
    "uploads",
)
_ADMIN_WORDS = _words(
    "admin administrator admins administrators owner owners coowner superuser root full",
    "privileges sudo cluster grant accountadmin securityadmin sysadmin orgadmin useradmin",
    "administratoraccess iamfullaccess poweruseraccess superadmin modify_all_data view_all_data",
    "all",
)
_CONTROL_WORDS = _words(
    "mfa 2fa factor 2sv sso dlp audit auditd auditconfigs auditconfig cloudtrail logs logging",
    "protection scanning rls security macie guardduty alerts challenge warning passcode password",
    "encryption firewall crowdstrike antivirus mdm policy policies allowlist timeout enforcement",
    "verification sign setenforce pgaudit log_statement mins_to_bypass_mfa diagnostic outside",
    "externally prevention",
)
_OFF_WORDS = _words(
    "disable disabled disables disabling turn turned turning switch switched off deactivate",
    "deactivated pause paused pausing stop stopped stopping suspend suspended remove removed",
    "removing delete deleted bypass skip skipped untick uncheck exempt opt kill drop never none",
    "false without allow setenforce mins_to_bypass_mfa",
)
_POST_WORDS = _words(
    "post posts posted posting paste pasted pastes pasting share shared shares send sent drop",
    "put add upload uploaded dm forward forwarded copy attach email emailed message include",
    "publish commit push give hand airdrop sync move transfer tweet screenshot rclone scp cat",
    "here",
)
_OUTSIDE_WORDS = _words(
    "personal home laptop vendor vendors agency partner consultant contractor freelancer third",
    "outside investor recruiter airdrop usb forum tweet slack shared transfer file wetransfer",
    "we pastebin 0x0 gofile mega sendspace anonfiles paste hastebin termbin temp",
    "gmail yahoo hotmail icloud proton protonmail public duckdns ddns dyndns hopto synology",
    "myqnapcloud tplinkdns",
)


_READ_WORDS = _words("cat type less more head tail print show open copy")
_CRED_WORDS = _words(
    "password passwords passwd credential credentials creds key keys token tokens secret secrets",
    "id_rsa env connection login kubeconfig pgpass netrc apikey api_key",
)
_PII_WORDS = _words(
    "ssn ssns social birth dob birthdate card cards credit iban ibans bank account routing home",
    "mailing address addresses phone phones mobile salary salaries compensation personal",
    "customer customers customer_s user users client clients patient patients employee",
    "employees contact contacts pii personally passport passports driver medical health login",
    "ip ips payroll emails email full_name date_of_birth home_address personal_email",
    "billing_address card_number their",
)
_GUEST_WORDS = _words("guest guests external")
_DROP_HOSTS = (
    "transfer.sh",
    "file.io",
    "wetransfer",
    "we.tl",
    "pastebin",
    "0x0.st",
    "gofile",
    "mega.nz",
    "sendspace",
    "anonfiles",
    "paste.ee",
    "hastebin",
    "termbin",
    "temp.sh",
)

_Family = Callable[[_Sentence], Iterator[Finding]]


def _families(company_domains: Sequence[str]) -> list[tuple[Callable[[_Sentence], bool], _Family]]:
    """(gate, family) pairs; a gate is a cheap test on a sentence's words."""
    names = _company_names(company_domains)
    return [
        (
            lambda s: (
                not s.words.isdisjoint(_PUBLIC_WORDS)
                or "with the link" in s.lower
                or "to web" in s.lower
            ),
            _public,
        ),
        (lambda s: not s.words.isdisjoint(_STORAGE_WORDS), _storage),
        (lambda s: not s.words.isdisjoint(_ADMIN_WORDS), _admin),
        (
            lambda s: not s.words.isdisjoint(_CONTROL_WORDS) and not s.words.isdisjoint(_OFF_WORDS),
            _controls,
        ),
        (
            lambda s: (
                not s.words.isdisjoint(_COMPANY_WORDS) or "all-" in s.lower or "all@" in s.lower
            ),
            lambda s: _company(s, names),
        ),
        (
            lambda s: (
                "@" in s.text
                or not s.words.isdisjoint(_SHARE_WORDS)
                or not s.words.isdisjoint(_GUEST_WORDS)
                or "connect" in s.lower
            ),
            lambda s: _outsiders(s, company_domains),
        ),
        (lambda s: not s.words.isdisjoint(_POST_WORDS), _posting),
        (lambda s: not s.words.isdisjoint(_OUTSIDE_WORDS), _leaving),
    ]


# `echo "GRANT ALL …" >> docs/bad-examples.md`: a quoted literal written into a file is
# data being stored, not an instruction to grant, share or disable anything.
_WRITTEN_LITERAL = re.compile(
    r"\b(?:echo|printf)\s+(?:-[a-zA-Z]+\s+)*(?:\"(?P<body>[^\"\n]*)\"|'(?P<body2>[^'\n]*)')"
    r"\s*(?:>>?|\|\s*tee\s+(?:-a\s+)?)\s*[\w./~-]+"
)


def _blank_written_literals(text: str) -> str:
    """Blank quoted text echoed into a file, keeping offsets (same length)."""
    if "echo" not in text and "printf" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        group = "body" if m.group("body") is not None else "body2"
        start, end = m.start(group) - m.start(), m.end(group) - m.start()
        return m.group(0)[:start] + " " * (end - start) + m.group(0)[end:]

    return _WRITTEN_LITERAL.sub(blank, text)


# "Someone suggested making it public; please don't, share it with …": a suggestion
# reported, then refused outright (a bare "don't" that takes no verb of its own).
_SUGGESTED = _re(
    r"\b(?:suggest(?:ed|s)|propos(?:ed|es)|recommend(?:ed|s)|asked\s+(?:us\s+|me\s+)?to)\b"
)
_BARE_REFUSAL = _re(
    r"^\W{0,3}(?:please\s+)?(?:don'?t|do\s+not|let'?s\s+not|we\s+(?:won'?t|shouldn'?t))\s*[,.!;:—–-]"
    r"|^\W{0,3}(?:no|nope)\s*[,.!;:—–-]"
    # "I'd really advise against that;", "I'd rather not.": the writer refuses it
    r"|^\W{0,3}(?:i|we)(?:'d|\s+would)\s+(?:really\s+|strongly\s+)?(?:advise|recommend|argue)\s+"
    r"against\s+(?:it|that|this)\b|^\W{0,3}(?:i|we)(?:'d|\s+would)\s+rather\s+not\b"
)
_REFUSABLE = frozenset(
    {"prose.public_link", "prose.public_storage", "prose.company_wide", "prose.controls_off"}
)

_families_cache: dict[tuple[str, ...], list[tuple[Callable[[_Sentence], bool], _Family]]] = {}


def _families_for(key: tuple[str, ...]) -> list[tuple[Callable[[_Sentence], bool], _Family]]:
    families = _families_cache.get(key)
    if families is None:
        families = _families(key)
        if len(_families_cache) < 64:
            _families_cache[key] = families
    return families


# A document inside a message: a fenced block, or a paragraph that is a JSON object or list
# or an HCL block (a fence's body also reaches this reader on its own, without its fence).
_DOCUMENT = re.compile(
    r"^[ \t]*```[^\n]*\n.*?(?:^[ \t]*```|\Z)"
    r"|^[ \t]*(?:[{\[]|(?:resource|data|module)[ \t]+\")(?:.*?)(?=\n[ \t]*\n|\Z)",
    re.M | re.S,
)


class _Documents:
    """Where a sentence's data stays (`flow_home`): read from the sentence itself, or from
    the whole document (a fence, a JSON paragraph) when the sentence is one of its lines,
    as a flow's mailbox and its forward target sit on different lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
        self.homes: dict[int, tuple[str, ...]] = {}

    def home(self, sentence: str, start: int) -> tuple[str, ...]:
        for k, (a, b) in enumerate(self.spans):
            if a <= start < b:
                if k not in self.homes:
                    self.homes[k] = flow_home(_lower(self.text[a:b]), _CONSUMER_MAIL)
                return self.homes[k]
        return flow_home(_lower(sentence), _CONSUMER_MAIL)


def _refused_next(every: Sequence[str], i: int) -> bool:
    """ "Someone suggested X; please don't, …": the suggestion refused right after."""
    return (
        i + 1 < len(every)
        and _SUGGESTED.search(_lower(every[i])) is not None
        and _BARE_REFUSAL.search(_lower(every[i + 1])) is not None
    )


# More than a look: editing, owning or managing what is shared.
_EDIT_ACCESS = _re(
    r"\b(?:editors?|writers?|owners?|organi[sz]ers?|managers?|contributors?|co-?owners?|"
    r"full\s*access|(?:edit|write)\s+(?:access|rights|permissions?))\b"
)
# A mailbox forwarded as a whole (every message it will receive), in the seven languages.
_MAILBOX_FORWARD = _re(
    r"\bforward\s+on\b|forwarding|auto-?forward|redirect-?to|\bredirectto\b|"
    r"transfert\s+automatique|r[eè]gle\s+de\s+transfert|reenv[ií]o\s+autom[aá]tico|"
    r"regla\s+de\s+reenv[ií]o|weiterleitung|encaminhamento\s+autom[aá]tico|"
    r"regra\s+de\s+encaminhamento|自動転送|転送ルール|自动转发|转发规则"
)
# Results not yet published: the quarter's or the year's numbers.
_RESULTS = _re(
    r"\b(?:q[1-4]|h[12]|quarterly|annual|year-end|monthly)\s+(?:numbers|results|figures|"
    r"financials|earnings|p&l)\b"
)


def names_sensitive(low: str) -> bool:
    """English words for sensitive material or access: customers, payroll, credentials, a
    whole export or database, personal fields, results not yet published, a data file not
    named for a harmless kind, edit or owner access, a whole mailbox forwarded (the other
    languages' material words are the intent lexicons')."""
    if _SENSITIVE.search(low) or _WHOLE_DATA.search(low) or _FIELDS.search(low):
        return True
    if _EDIT_ACCESS.search(low) or _MAILBOX_FORWARD.search(low) or _RESULTS.search(low):
        return True
    return any(not _HARMLESS_FILE.search(f.group(0)) for f in _NAMED_FILE.finditer(low))


def _unlisted(findings: list[Finding], cued: Callable[[], bool]) -> list[Finding]:
    """Sends to a company domain the configuration does not list: outside (held) when the
    message marks the recipient or the material (`cued`), else recorded only."""
    if not any(f.rule == _R_UNLISTED.rule for f in findings):
        return findings
    held = cued()
    out = []
    for f in findings:
        if f.rule == _R_UNLISTED.rule:
            if held:
                f = f.model_copy(update={"rule": _R_EXTERNAL.rule})
            else:
                f = f.model_copy(
                    update={
                        "risk": _R_UNLISTED_ONLY.risk,
                        "verdict": _R_UNLISTED_ONLY.verdict,
                        "reason": f.reason.removesuffix("outside the company.")
                        + "a domain the configuration does not list as the company's; the "
                        "message names no outsider and nothing sensitive, so it is recorded, "
                        "not held.",
                    }
                )
        out.append(f)
    return out


def assess_sharing(
    text: str, company_domains: Sequence[str] = (), cued: Callable[[], bool] | None = None
) -> ProseResult:
    """Findings for sharing, access and control changes described in `text`.

    `company_domains` decides which addresses and domains are inside the
    company (subdomains count); an address at another company domain is held only when
    `cued()` says the message marks the recipient as an outsider or the material as
    sensitive (none given: always held); with none configured every outside-looking
    recipient is reported as unverified rather than trusted. Only with none configured,
    domains the message itself shows as its own organisation's (`home_domains`) count as
    the company's for it: once an admin has listed the company's domains, any other
    domain is outside, whatever the message suggests, save the one a command or document
    itself shows the data living in (`flow_home`).
    """
    text = _blank_written_literals(text)
    lowered = _lower(text)
    inferred = () if company_domains else home_domains(lowered, _CONSUMER_MAIL)
    key = tuple(company_domains) + inferred
    families = _families_for(key)
    findings: list[Finding] = []
    # a sentence's findings depend on its words and on the domains its own command or
    # document shows data staying in (`flow_home`)
    read: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
    every, starts = _sentence_spans(text)
    suggests = any(w in lowered for w in ("suggest", "propos", "recommend", "asked"))
    lines = "\n" in text  # once: a text of thousands of sentences is not searched for each
    documents = _Documents(text) if "@" in text else None
    for i, sentence in enumerate(every):
        if lines and warned_item(text, starts[i]):
            continue  # an item under "Never do any of these:" is not an instruction
        refused = suggests and _refused_next(every, i)
        home = documents.home(sentence, starts[i]) if documents and "@" in sentence else ()
        found = read.get((sentence, home))
        if found is None:
            low = _lower(sentence)
            s = _Sentence(sentence, starts[i], low, frozenset(_WORD.findall(low)))
            chosen = _families_for(key + home) if home else families
            found = read[sentence, home] = [f for gate, fam in chosen if gate(s) for f in fam(s)]
        if found:
            findings += [f for f in found if not (refused and f.rule in _REFUSABLE)]
    findings = _unlisted(findings, cued or _always)
    return ProseResult(findings=_strongest(findings), resources=resources(text, lowered))


def _always() -> bool:
    return True
