"""Per-language word lists for the prose intent grammar, compiled once.

A lexicon is data: for each *slot* (an action such as `destroy`, an object such
as `backup`, a destination such as `messaging`, or a scope marker such as
`neg_before`) a tuple of lower-case regex fragments, plus examples each slot
must match (checked by the tests). The grammar in `intent.py` is the same for
every language; only these lists differ.

How fragments match depends on the script:
- spaced scripts: a fragment starts at a word start and runs to the end of the
  word (`supprim` matches supprime, supprimez, supprimer), so stems cover
  inflections; with `compounds`, object and destination fragments may also
  start inside a word (German `Produktionsdatenbank`, `Sicherungen`);
- Chinese and Japanese: fragments match anywhere, over character spans.

Patterns never begin with a repeat, so matching stays linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Final

from bot.risk.prefilter import words_search

ACTIONS: Final = (
    "destroy",
    "reset",
    "disable",
    "bypass",
    "grant",
    "share",
    "move",
    "export",
    "open",
    "history",  # rewriting shared history: force-push, 强制覆盖
    "rewrite",  # rewriting something: risky only for a shared branch or tag
)
OBJECTS: Final = (
    "data",
    "data_weak",
    "system",
    "backup",
    "control",
    "alerting",  # alerts and monitors: risky to silence in bulk, not one for an hour
    "gate",
    "secret",
    "pii",
    "people",  # a whole population of people's records ("every customer", "all conversations",
    # "the user base", "la base de clientes", "全顧客", "所有客户"): exported, personal data in bulk
    "admin",
    "untrusted",
    "network",  # ports, firewall rules, security groups: opened to the internet
    "prod",
    "bulk",
    "lasting",  # a long or open-ended duration ("until next quarter", "dauerhaft")
    "ref",  # a shared branch or tag (release branch, main, release tags): history
    "service",  # a named service: silencing its alerts leaves an outage unseen
)
DESTINATIONS: Final = (
    "public",
    "everyone",
    "external",
    "personal",
    "ai",
    "messaging",
    "workspace",
    "channel",  # a chat channel or group: everyone in it can read what is posted
    "email",  # an e-mail: a fine place for a report, not for a private key
    "link",  # the link-sharing setting "anyone with the link", in the product's own words
)
SCOPES: Final = (
    "neg_before",  # a negator before the action in its clause ("never", "ne", "不要")
    "neg_after",  # a negator after it ("nicht", "しないで")
    "affirm",  # cancels a negation ("don't forget to", "n'oubliez pas de")
    "hypothetical",  # always hypothetical ("hypothetically", "what would happen if")
    "conditional",  # hypothetical only in a question ("if … ?")
    "report",  # narration of what happened ("yesterday", "root cause", "postmortem")
    "local",  # local scope ("local dev environment", "your laptop", "ローカル")
    "output",  # where a sending verb's object stands: the value a command printed ("the
    # output", "what it prints", "colle-le", "出力を"), not another thing
    "determiner",  # a noun phrase starts there, so the verb names its object ("the", "le",
    # "die"; Japanese を and Chinese 把 mark the object before the verb)
    "pronoun",  # refers back to an object in the previous clause ("it", "les", "lo")
    "exception",  # the object is an exception to a control ("remove the MFA exemption")
    "sanitized",  # the data is made harmless first ("anonymized sample", "without emails")
    "excluded",  # what is left out of what is sent ("without the appendix", "不含客户数据")
    "proposal",  # the action is the content of a request or plan ("draft a change request to")
    "warning",  # the sentence warns about what it names ("that's a classic phishing trick")
    "temporal",  # right before the action: a time clause, not an order ("al abrirla", "ao
    # abrir", "upon opening it": what happens when it is done)
    "declined",  # opens the reply right after a question, and it says no ("I don't think
    # so", "Yo creo que no", "Je ne pense pas", "Ich glaube nicht", "我觉得不行"): the act the
    # question asked about is turned down
    "dedicated",  # a new, separate space for outsiders ("a dedicated channel", "新建频道")
    "recipient",  # points at recipients named in the sentence before ("send it to them")
    "reported",  # someone else's request, reported ("they asked me to install …")
    "shared",  # the shared side of a branch is named ("remote", "partagée", "远端")
    "brief",  # a short, bounded duration ("for an hour", "during the deploy", "1時間")
    "hold",  # a legal hold keeps what it covers: deleting it is a backup matter
    "topic",  # opens a sentence with what it is about, up to a colon ("About what you asked
    # yesterday:", "Sobre lo que me preguntaste ayer:", "Zu deiner Frage von gestern:", "…の件
    # について："): a report word in it dates the topic, not the order after the colon
    "purpose_neg",  # a negated purpose up to its own verb ("para no retrasar", "pour ne pas
    # bloquer", "so we don't hold up", "um die Frist nicht zu verpassen"): its negator negates
    # that verb, not an order that follows in the same clause
    "public_part",  # the public half of a key pair: naming it is not naming the secret
    "request",  # a question that asks for the act ("can you …?", "peux-tu …?", "你能……吗")
    "metadata",  # what is moved is named and is about a secret, not it ("paste the date")
    "owned",  # right before a destination: the company's own ("our internal LLM gateway")
    "withdrawn",  # right before a destination: it is taken away ("revoke the public link")
    "prompted",  # a file or program that itself asks for the act, described ("the workbook
    # asks you to enable", "le fichier … demande d'activer"): its prompt, not an order
    "deliberate",  # a question the writer and others will settle later, ending with its
    # question word: the action after it is what they will decide on ("we'll work out with
    # the team how to", "klären wir mit dem Team, wie wir", "on verra avec eux comment")
    "source",  # the destination is where a thing came from, not where it goes: ends right
    # before it in spaced scripts ("the mail from the vendor", "envoyé par ce fournisseur"),
    # starts right after it in Chinese and Japanese ("取引先を名乗る人から届いた", "供应商发来的")
    "access_part",  # right after a removal: access goes, not data ("remove public access from")
    "withheld",  # a plan step keeps the secret part back ("leave out the tfstate")
    "sanctioned",  # the AI tool is the company's own ("our internal LLM gateway")
    "own_space",  # the reader's own cloud sandbox ("your personal sandbox stack")
    "pointer",  # what is sent is a link to how to ask for it ("el enlace a la guía para pedir")
    "nominal",  # a formal request right before an action noun: the noun is the act asked
    # for ("Ich bitte um Löschung …", "solicito la eliminación …", "procéder à la suppression")
    "passive",  # right after a participle: a passive still to happen ("gelöscht werden")
    "inbound",  # right before a sending verb: it sends to us ("que nos mande", "nous envoyer")
    "state",  # right before a participle: the state asked for ("que queden desactivadas")
    "wish",  # a wish or command frame before a past-looking form: it asks for the act
    # ("gostaria que desativasse", "que vous désactiviez", "把订单表给删了")
    "described",  # right before the action: what a thing would do ("it would remove")
    "contained",  # where a file is opened so that nothing in it runs ("in Protected View",
    # "in der geschützten Ansicht", "保護ビューで", "in the malware sandbox")
    "limited",  # a share limited in rights or time ("read-only", "lecture seule", "只读")
    "permission",  # the writer asks leave to act ("may I delete …?", "削除してもよいか")
    "nonprod",  # an environment named for development or tests in the language's own word
    # order ("l'environnement de dev", "entorno de pruebas", "Testumgebung", "開発用", "测试环境")
    "along",  # what the clause names goes along with the object before ("ディスクごと", "连同磁盘")
    "route",  # the exchange channel already set up with that outsider ("the partner portal
    # we already use", "l'extranet partenaires habituel", "das übliche Partnerportal")
    "few",  # a counted handful of documents ("those three PDFs", "ses quatre factures")
    "vetted",  # the source named is a vetted one: the distribution's repositories, the
    # official store ("install python3 from the distro repos", "depuis les dépôts officiels")
    "contracted",  # the channel or agreement set up with that outsider for this data ("the
    # data room set up under the consultancy contract", "AV-Vertrag … über den vereinbarten
    # Kanal", "la carpeta de Box que tenemos con su despacho", "合同里约定的"): a sanctioned route
    "taken_up",  # a pro-verb order after an act, taking it up ("; do it", "hazlo", "照做")
    "public_content",  # made to be public by its kind ("the webinar slides", "the press
    # kit", "a code snippet", "職位描述"): published on purpose, unless sensitive data goes too
    "publication",  # the post or article itself, or its readers ("attach it to the post"):
    # published where a public place named earlier in the message is
    "relative",  # opens a relative clause about the object ("that", "que", "die … hat"):
    # a report word after it dates the object ("the file she sent yesterday"), not the act
    "cause",  # closes a reason clause before the act ("…昨日から接続できないので、", "…连不上，
    # 所以"): a report word before it narrates the reason, and the act after it is still asked
    "pressed",  # right before an action word: a console button pressed ("hit Delete", "clique
    # sur Supprimer", "haz clic en Eliminar"): it acts on what was selected before
    "fields",  # personal fields named as what a file holds ("with phone numbers", "CPF e
    # endereço", "氏名・電話番号"): a claim that the file is harmless does not cover them
    "governed",  # the company's own governed data store as where an export is loaded ("load it
    # into the RAW schema of our Snowflake warehouse", "dans notre entrepôt de données", "社内の
    # DWH に取り込む"): the records stay in a system that guards them
    "safeguard",  # a backup taken as the safety step before the act ("I took a backup",
    # "fiz o backup", "备份已经做好了"): the backup was made, a later bare verb removes it not
    "holders",  # right before the action (up to it): a question about who may do it, asked
    # of the reader ("check which roles can", "vérifie qui peut", "查一下谁可以"): the act is
    # what the question is about, nobody is asked to do it
    "workload",  # running machines and pods ("servers", "instances", "pods", "サーバー"):
    # stopped all at once in production, the service they run goes down
    "inside",  # right by a document noun: the document is the company's own business, kept
    # inside ("the internal margin sheet", "la planilha interna", "社外秘の", "内部的…表格")
    "addressee",  # right before an admin noun (up to it): the admin is the one asked to act
    # ("ask your Google Workspace admin to grant …", "demande à ton admin de", "pídele al
    # administrador que"), not a role handed out
)
# Outside AI services named by their address, in any language: a two-label domain whose
# name says it summarizes, translates or transcribes ("quickrecap.io", "translate-now.app",
# "zusammenfasser.ai"), or any bare `.ai` site. A company's own subdomain
# ("translate.acme.com") has three labels and is not one.
# "q4-summary.pdf", "transcript.vtt": a file, not a site
_FILE_EXT = (
    r"(?:pdf|csv|tsv|txt|docx?|xlsx?|pptx?|json|md|png|jpe?g|gif|zip|gz|tar|mp[34]|wav|m4a|"
    r"html?|log|py|js|ts|ya?ml|sql|parquet|srt|vtt|key|pem)(?![\w-])"
)
AI_SITES: Final = (
    r"(?<![\w.-])[a-z0-9-]*(?:summar|recap|tldr|translat|tradu[cz]|übersetz|transcri|transkri|"
    r"notetak|paraphras|gpt|llm|zusammenfass|resum)[a-z0-9-]*\.(?!" + _FILE_EXT + r")[a-z]{2,6}"
    r"(?![\w-]|\.\w)",
    r"(?<![\w.-])[a-z0-9][a-z0-9-]*\.ai(?![\w-]|\.\w)",
)
# Social networks, named by brand in any language ("posta no LinkedIn", "发到微博"): a
# public place, whatever is posted there is read by anyone. Each starts with a literal
# character (see ADMIN_ROLES).
_PAGE = r"(?:\s+(?:channel|page|account|profile|feed|group))?"  # "our YouTube channel"
SOCIAL_SITES: Final = (
    r"linked\s*in(?![a-z])" + _PAGE,
    r"facebook(?![a-z])" + _PAGE,
    r"instagram(?![a-z])" + _PAGE,
    r"youtube(?![a-z])" + _PAGE,
    r"tiktok(?![a-z])" + _PAGE,
    r"mastodon(?![a-z])" + _PAGE,
    r"bluesky(?![a-z])" + _PAGE,
    r"weibo(?![a-z])" + _PAGE,
    "微博",
    "小红书",
    "抖音",
    "知乎",
)
# Devices and accounts a person owns, in the Latin-script languages: "your personal
# laptop" or "ton Google Drive perso" is a place outside the company, not the reader's own
# sandbox (a word that may stand between a possessive and "personal" in `own_space`).
PERSONAL_DEVICES: Final = (
    r"(?:google|drive|dropbox|onedrive|icloud|gmail|mail|e-?mail|correo|compte|cuenta|conta|"
    r"notebook|laptop|pc|mac|ordi\w*|computador\w*|ordenador\w*|port[aá]til\w*|"
    r"t[eé]l[eé]phone|tel[eé]fono|telem[oó]vel|celular|m[oó]vil|portable|disco|hd|nas|"
    r"cloud|nube|nuvem|whatsapp|telegram)(?![\w-])"
)
# Channels the whole company reads, named the same in any language ("貼到 #all-company",
# "poste-le dans #general"): everyone.
WIDE_CHANNELS: Final = (
    r"#(?:general|random|announcements?|everyone|company|all-[\w-]+|town-?hall)(?![\w-])",
)
# Role names products spell in English whatever the language around them ("gib ihm
# cluster-admin", "加到 Domain Admins 组里"): admin objects in every lexicon. They start
# with a letter, not a lookbehind: a spaced lexicon checks the word start itself, and a
# literal first character keeps the scan over Chinese and Japanese text fast.
ADMIN_ROLES: Final = (
    r"cluster-admin(?![a-z])",
    r"domain[\s-]+admins(?![a-z])",
    r"enterprise[\s-]+admins(?![a-z])",
    r"schema[\s-]+admins(?![a-z])",
    r"global(?:e[rn]?)?[\s-]+admin\w*",
    r"administratoraccess(?![a-z])",
    r"roles/owner(?![a-z])",
    r"sudoers(?![a-z])",
    # a warehouse's account-wide roles and a CRM's permissions over every record
    # ("Grant her the ACCOUNTADMIN role", "分配 Modify All Data 权限集")
    r"(?:account|security|org)admin(?![a-z])",
    r"(?:modify|view)[\s_]+all[\s_]+data(?![a-z])",
    # an ERP's all-powerful profiles ("das Profil SAP_ALL", "le profil SAP_ALL")
    r"sap_(?:all|new)(?![a-z])",
)
# A port written with its protocol ("3000/tcp を開放", "5432/TCP freigeben"): a network
# object in every lexicon, whatever word for "port" the sentence leaves out.
# A port in any language: `5432/tcp`, and the protocol before the number ("TCP 5432",
# "tcp:22", "UDP 500-4500") as a console's rule form writes it.
PORT_SPECS: Final = (
    r"\d{2,5}/(?:tcp|udp)(?![a-z])",
    r"(?:tcp|udp)[\s:]*\d{2,5}(?:\s*-\s*\d{2,5})?(?![\d.])",
)
# Files that hold secrets whatever the language around them: Terraform state keeps every
# output and attribute in clear text, passwords too ("envíales el terraform.tfstate").
SECRET_FILES: Final = (
    r"tfstate(?![\w-])",
    # an environment's own dotenv file (`.env.production`, `.env.prod`, `.env.local`): its
    # real values; a template (`.env.example`) holds none
    r"\.env\.(?!(?:example|sample|template|dist)(?![\w-]))[a-z][\w-]*(?![\w.-])",
)
# Template files by their conventional names, in any language (`.env.example`,
# `config.sample.yml`, `settings.template.toml`): variable names and placeholders, no values.
TEMPLATE_FILES: Final = (
    r"\.env\.(?:example|sample|template|dist)(?![\w.-])",
    r"\.(?:example|sample|template|dist)\.(?:ya?ml|toml|json|ini|env|conf|cfg|properties|xml)(?![\w-])",
)
# Data stores named by product in Chinese and Japanese text ("本番の RDS を解約", "把线上的
# Redis 释放掉"), where a Latin name stands out: data objects there. (The spaced lexicons
# leave them to English: "le redis de prod" also names a cache checked with `redis-cli`.)
DATA_STORES: Final = (
    r"(?:postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|redis|elasticsearch|opensearch|cassandra|"
    r"dynamo(?:db)?|cockroach(?:db)?|clickhouse|bigquery|snowflake|rds|aurora)(?![a-z])"
)
# Security products named in English whatever the language ("stopp das CloudTrail-Logging",
# "关掉 GuardDuty"): controls in every lexicon.
CONTROL_PRODUCTS: Final = (
    r"cloudtrail(?![a-z])",
    r"guard\s*duty(?![a-z])",
    r"crowdstrike(?![a-z])",
    r"sentinelone(?![a-z])",
    r"security\s*hub(?![a-z])",
    r"waf(?![a-z])",
    # code and dependency scanners a merge rule can require ("合并前必须通过 SAST")
    r"sast(?![a-z])",
    r"dast(?![a-z])",
    r"codeql(?![a-z])",
    r"snyk(?![a-z])",
    r"semgrep(?![a-z])",
    r"trivy(?![a-z])",
    r"dependabot(?![a-z])",
    # card payments' own checks, by their English names ("3-D Secure", "3DS2", "Stripe Radar")
    r"3-?d[\s-]*secure(?![a-z])",
    r"3ds2?(?![a-z])",
    r"stripe\s+radar(?![a-z])",
)
# Paging products named in English whatever the language ("desative o PagerDuty desse
# serviço"): alerting in every lexicon.
PAGERS: Final = (r"pagerduty(?![a-z])", r"opsgenie(?![a-z])", r"victorops(?![a-z])")
# Branch and merge rules by their settings' English names, quoted in any language ("die
# Regel „Require pull request before merging\""): gates in every lexicon.
GATE_SETTINGS: Final = (
    r"require\s+(?:a\s+)?pull\s+requests?",
    r"pipelines?\s+must\s+succeed",
    r"required\s+(?:status\s+)?checks?",
    r"required\s+(?:approving\s+)?reviews?",
)
# Third-party AI assistants named by brand, in any language ("cola a planilha no Gemini",
# "贴到文心一言里"): an outside AI destination in every lexicon.
AI_TOOLS: Final = (
    r"chat\s*gpt",
    "openai",
    r"claude(?![a-z])",
    r"gemini(?![a-z])",
    "deepseek",
    r"copilot(?![a-z])",
    "perplexity",
    r"grok(?![a-z])",
    r"mistral(?![a-z])",
    r"deepl(?![a-z])",
    "文心一言",
    "豆包",
    "通义千问",
    r"kimi(?![a-z])",
)
# A push with its force flag, in prose of any language ("haz un push --force a main",
# "pushe main mit --force"): a history action wherever it stands, unless what is pushed
# is the author's own topic branch ("git push --force origin feature/rechnungen").
# A flag inside a parenthesis opened after the push is an aside about it ("git push origin
# release/2.0（不要加 -f）": "don't add -f"), not the push's own flag.
FORCE_PUSH: Final = (
    r"push\w*\s+(?:[^\s(]+\s+){0,10}?(?:--force(?:-with-lease)?|-f)(?![a-z0-9_-])"
    r"(?!\s+(?:\S+\s+)?(?:feature|feat|fix|bugfix|topic|wip)/)",
)
# After "all inbound traffic" in any Latin-script language: no source named but the whole
# internet ("from the app subnet" narrows it; "from anywhere" does not).
NO_SOURCE: Final = (
    r"(?!\s+(?:from|de|desde|von|vom|aus|do|da|depuis)\s+"
    r"(?!(?:anywhere|any|everywhere|partout|cualquier|qualquer|überall|0\.0\.0\.0)\b))"
)
SLOTS: Final = ACTIONS + OBJECTS + DESTINATIONS + SCOPES
_STEMMED: Final = frozenset(ACTIONS + OBJECTS + DESTINATIONS)


@dataclass(frozen=True)
class Lexicon:
    lang: str
    spaced: bool
    """Words are separated by spaces (stems match from a word start)."""
    entries: MappingProxyType[str, tuple[str, ...]]
    examples: MappingProxyType[str, tuple[str, ...]]
    markers: frozenset[str] = frozenset()
    """Common function words that say a spaced text is in this language."""
    past_form: str = r"(?!)"
    """An action word in this form reports the past (`deleted`, `supprimé`, `gelöscht`)."""
    past_after: str = r"(?!)"
    """Text right after the action that makes it past (`した`, `了`)."""
    past_subject: str = r"(?!)"
    """Irregular verbs whose past is their bare form ("put", "set", "let") tell the past
    only after a subject: "I set it to false last week" against "Set it to false". Matched
    against the text before the word, ending at it."""
    compounds: bool = False
    """Object and destination stems may start inside a word (German)."""
    enclitic: str = r"(?!)"
    """The end of an action word (and the four characters after it) that carries an
    object pronoun ("bórralo", "eliminá-lo"): the object was named before."""
    noun_form: str = r"(?!)"
    """An action word in this form is a noun ("deletion", "Veröffentlichung", "instalador")."""
    verb_form: str = r"(?!)"
    """A noun-looking action word in this form is an imperative when it starts its clause
    (French "Partage le dossier", "Dégage les sauvegardes"; "le partage" stays a noun)."""
    imperative_form: str = r"(?!)"
    """A past-looking action word in this form is an imperative when it starts its clause
    (French "Copiez", "Publiez", "Copions" of the -ier verbs; Spanish "Pase", "Liquida";
    Portuguese "Passe", "Passem"; German "Deaktiviert die MFA", the ihr-imperative): the
    imperfect, subjunctive or participle it looks like follows a subject, a conjunction or
    an auxiliary ("vous copiiez", "se ele passasse", "wir haben … deaktiviert")."""
    fold_accents: bool = False
    """Actions are matched with stress accents removed (Spanish "bórralo", "mándales")."""
    verb_lead: frozenset[str] | None = None
    """When set, the words that may come right before an action for it to be a verb
    (English: "please", "to", a modal…; or nothing, at the start of a clause), so that
    "the export" and "public sharing" are read as nouns."""
    causative: frozenset[str] = frozenset()
    """Words that put the next clause's verb after its subject ("let the consultant
    download …"): an action up to three words after one stands where a verb does."""
    _cache: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)
    _heads: dict[str, frozenset[str] | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    _gates: dict[str, list[tuple[str, frozenset[str] | None, re.Pattern[str]]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _exact_heads: dict[str, frozenset[str] | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    _literals: dict[str, re.Pattern[str] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def pattern(self, slot: str) -> re.Pattern[str]:
        """The compiled alternation for one slot; never matches when the slot is empty."""
        try:
            return self._cache[slot]
        except KeyError:
            pass
        fragments = self.entries.get(slot, ())
        if self.fold_accents and slot in ACTIONS:
            fragments = tuple(f.translate(ACCENTS) for f in fragments)
        compiled = re.compile(self._wrap(slot, fragments) if fragments else r"(?!)")
        self._cache[slot] = compiled
        return compiled

    def _wrap(self, slot: str, fragments: Sequence[str]) -> str:
        ordered = sorted(fragments, key=len, reverse=True)
        if self.spaced:
            # one word-start check in front of the words (a lookbehind inside every branch
            # would be tried at every position); punctuation-led fragments go alone
            words = "|".join(f"(?:{f})" for f in ordered if not f.startswith(_NO_BOUNDARY))
            marks = "|".join(f"(?:{f})" for f in ordered if f.startswith(_NO_BOUNDARY))
            body = "|".join(x for x in (rf"(?<!\w)(?:{words})" if words else "", marks) if x)
        else:
            body = "|".join(f"(?:{f})" for f in ordered)
        if not self.spaced:
            return f"(?:{body})"
        if slot in _STEMMED:
            if self.compounds and slot not in ACTIONS:
                body = "|".join(f"(?:{f})" for f in sorted(fragments, key=len, reverse=True))
            if slot in DESTINATIONS and slot != "channel":
                # "#contractors", "partner-success@…": a name, not a destination
                before = r"(?<![#@/.])" if self.compounds else r"(?<![#@/.\-])"
                return rf"{before}(?:{body})\w*"
            if slot in OBJECTS:
                return rf"(?<![#@])(?:{body})\w*"  # "#data-eng" names a channel, not data
            return rf"(?:{body})\w*"
        # whole words or phrases; a fragment may end in an apostrophe (French n', l')
        return rf"(?:{body})(?:(?<=['’])|(?!\w))"

    @cached_property
    def action_index(self) -> tuple[dict[str, tuple[str, ...]], dict[str, re.Pattern[str]]]:
        """For spaced scripts: the action slots keyed by the literal start of their
        fragments (one dict lookup per word instead of a regex scan per slot), and,
        per slot, a pattern of the fragments that have no literal start."""
        heads: dict[str, set[str]] = {}
        headless: dict[str, list[str]] = {}
        for slot in ACTIONS:
            for fragment in self.entries.get(slot, ()):
                if self.fold_accents:
                    fragment = fragment.translate(ACCENTS)
                found = _literal_heads(fragment)
                if found:
                    for head in found:
                        heads.setdefault(head, set()).add(slot)
                else:
                    headless.setdefault(slot, []).append(fragment)
        index = {h: tuple(sorted(slots)) for h, slots in heads.items()}
        rest = {slot: re.compile(self._wrap(slot, frags)) for slot, frags in headless.items()}
        return index, rest

    @cached_property
    def action_starts(self) -> re.Pattern[str]:
        """Word starts that may begin an action (one C-speed scan instead of a word loop)."""
        index, _ = self.action_index
        if all(_WORD_CHARS.fullmatch(h) for h in index):
            return re.compile(_head_trie(index))
        heads = sorted(index, key=len, reverse=True)
        # `\b` rather than a lookbehind: measured 8x faster on long runs of punctuation.
        return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads) + ")")

    @cached_property
    def enclitic_re(self) -> re.Pattern[str]:
        return re.compile(self.enclitic)

    @cached_property
    def noun_form_re(self) -> re.Pattern[str]:
        return re.compile(self.noun_form)

    @cached_property
    def verb_form_re(self) -> re.Pattern[str]:
        return re.compile(self.verb_form)

    @cached_property
    def imperative_form_re(self) -> re.Pattern[str]:
        return re.compile(self.imperative_form)

    def gates(
        self, names: tuple[str, ...]
    ) -> list[tuple[str, frozenset[str] | None, re.Pattern[str]]]:
        """(slot, heads, pattern) for each slot in `names`, built once."""
        key = "\x00".join(names)
        out = self._gates.get(key)
        if out is None:
            out = [(n, self.heads(n), self.pattern(n)) for n in names]
            self._gates[key] = out
        return out

    def heads(self, slot: str) -> frozenset[str] | None:
        """The literal starts every match of `slot` begins with, or None when some
        fragment has none (then the slot must always be searched)."""
        cached = self._heads.get(slot, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        heads: set[str] = set()
        out: set[str] | None = heads
        for fragment in self.entries.get(slot, ()):
            if self.fold_accents and slot in ACTIONS:
                fragment = fragment.translate(ACCENTS)
            if self.spaced:
                found = _literal_heads(fragment)
                if found is None:
                    out = None
                    break
                heads |= found
                continue
            head = fragment[:1]
            # a lower-case letter or digit is a character of the text like any other
            # ("cluster-admin" in Chinese), unless a quantifier makes it optional
            literal = head.isalnum() and (not head.isascii() or head.islower() or head.isdigit())
            if not literal or fragment[1:2] in ("?", "*", "{"):
                out = None
                break
            heads.add(head)
        if self.compounds and slot not in ACTIONS:
            out = None  # a compound's part may start anywhere in a word
        result = frozenset(out) if out is not None else None
        self._heads[slot] = result
        return result

    def exact_heads(self, slot: str) -> frozenset[str] | None:
        """`heads(slot)` when they hold for every match: None also when a fragment is an
        alternation outside any group (`db_owner|sysadmin|…`), whose later branches start
        otherwise than its first. `heads` reads such a fragment by its first branch (the
        text-wide gate keeps that reading); a gate that may skip a search on a piece of
        text (`intent._slots`) must not."""
        try:
            return self._exact_heads[slot]
        except KeyError:
            pass
        heads = self.heads(slot)
        if heads is not None and any(
            len(_top_level_split(fragment)) > 1 for fragment in self.entries.get(slot, ())
        ):
            heads = None
        self._exact_heads[slot] = heads
        return heads

    def literals(self, slot: str) -> re.Pattern[str] | None:
        """A search for the words one of which every match of `slot` holds (proven from its
        pattern, `prefilter.required_literals`, any number of words of any length), or None
        when none can be proven. A text without one has no match of the slot in any piece
        of it: a piece's match is a piece of the text, and holds one of the words."""
        try:
            return self._literals[slot]
        except KeyError:
            pass
        compiled = words_search(self.pattern(slot), min_len=1, max_words=None)
        self._literals[slot] = compiled
        return compiled

    @cached_property
    def past_form_re(self) -> re.Pattern[str]:
        return re.compile(self.past_form)

    @cached_property
    def past_after_re(self) -> re.Pattern[str]:
        return re.compile(self.past_after)

    @cached_property
    def past_subject_re(self) -> re.Pattern[str]:
        return re.compile(self.past_subject)

    def past_at(self, low: str, start: int, word: str, clause_start: int) -> bool:
        """The word at `start` reports the past: a past form, or a bare-form past
        ("put", "set") right after its subject."""
        if self.past_form_re.search(word):
            if self.imperative_form_re.search(word) and not low[clause_start:start].strip(
                _CLAUSE_LEAD
            ):
                return False  # "Copiez la base …", "Pase la contraseña …": an imperative
            # "o mais rápido", "lo más rápido", "very tired": an adjective after a degree word
            return not _DEGREE_BEFORE.search(low, max(0, start - 8), start)
        return bool(self.past_subject_re.search(low[max(clause_start, start - 48) : start] + word))


# What may stand before the first word of a clause: list marks, numbers, quotes.
_CLAUSE_LEAD = " \t\n*-•>_#0123456789.)([]"
# Degree words: a past-looking form right after one is an adjective ("o mais rápido").
_DEGREE_BEFORE = re.compile(
    r"(?:^|\s)(?:mais|menos|muito|muita|tão|más|muy|tan|plus|moins|très|most|more|very|too)\s+$"
)


def lexicon(
    lang: str,
    *,
    spaced: bool,
    entries: dict[str, tuple[str, ...]],
    examples: dict[str, tuple[str, ...]],
    markers: str = "",
    past_form: str = r"(?!)",
    past_after: str = r"(?!)",
    past_subject: str = r"(?!)",
    compounds: bool = False,
    verb_lead: str | None = None,
    causative: str = "",
    noun_form: str = r"(?!)",
    verb_form: str = r"(?!)",
    imperative_form: str = r"(?!)",
    fold_accents: bool = False,
    enclitic: str = r"(?!)",
) -> Lexicon:
    """Build a lexicon, refusing unknown slot names (a typo would silently match nothing)."""
    unknown = (set(entries) | set(examples)) - set(SLOTS)
    if unknown:
        raise ValueError(f"{lang}: unknown lexicon slots {sorted(unknown)}")
    return Lexicon(
        lang=lang,
        spaced=spaced,
        entries=MappingProxyType(dict(entries)),
        examples=MappingProxyType(dict(examples)),
        markers=frozenset(markers.split()),
        past_form=past_form,
        past_after=past_after,
        past_subject=past_subject,
        compounds=compounds,
        verb_lead=frozenset(verb_lead.split()) if verb_lead else None,
        causative=frozenset(causative.split()),
        noun_form=noun_form,
        verb_form=verb_form,
        imperative_form=imperative_form,
        fold_accents=fold_accents,
        enclitic=enclitic,
    )


# Stress accents, removed one for one (offsets stay valid): "bórralo" reads as "borralo".
ACCENTS: Final = str.maketrans("áéíóúâêôãõàè", "aeiouaeoaoae")
# Fragments that start with punctuation (".exe", "#general") may follow a letter.
_WORD_CHARS = re.compile(r"\w+")
_Trie = dict[str, "_Trie"]


def _head_trie(heads: Iterable[str]) -> str:
    """`\\b(?:head|…)` for heads made of word characters, as a trie whose every branch
    starts with a letter: `re` then skips to a possible first letter in C and tries a few
    branches there, not every head at every word start (3x faster on 64 KB). The word
    start is checked after the first letter (`(?<!\\w.)`: no word character before it),
    which finds the same starts: no head holds a word start of its own."""
    trie: _Trie = {}
    for head in heads:
        node = trie
        for ch in head:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: _Trie, top: bool) -> str:
        parts = [
            re.escape(ch) + (r"(?<!\w.)" if top else "") + branches(node[ch], False)
            for ch in sorted(node)
            if ch
        ]
        if not parts:
            return ""
        if "" in node:  # a head ends here: what follows is a longer head, if any
            return "(?:" + "|".join(parts) + ")?"
        return parts[0] if len(parts) == 1 and not top else "(?:" + "|".join(parts) + ")"

    return branches(trie, True)


_NO_BOUNDARY = ("\\.", "#", "@", "/")
_REGEX_SPECIAL = frozenset("\\()[]{}?*+|.^$")


def _literal_heads(fragment: str) -> set[str] | None:
    """The literal starts (up to three letters) any match of `fragment` begins with:
    lookarounds in front are skipped, a leading group's alternatives are each read
    (`(?:release|main)\\s+branch` → rel, mai), an optional group adds what follows it.
    None when unsure."""
    while fragment.startswith(("(?<!", "(?<=", "(?!", "(?=")):
        end = _group_end(fragment)
        if end is None:
            return None
        fragment = fragment[end + 1 :]
    if fragment.startswith("("):
        end = _group_end(fragment)
        if end is None:
            return None
        inner = fragment[3:end] if fragment.startswith("(?:") else fragment[1:end]
        after = fragment[end + 1 :]
        out: set[str] = set()
        for alternative in _top_level_split(inner):
            found = _literal_heads(alternative)
            if found is None:
                return None
            out |= found
        if after[:1] in ("?", "*") or after.startswith("{0"):
            rest = _literal_heads(after[after.index("}") + 1 :] if after[:1] == "{" else after[1:])
            if rest is None:
                return None
            out |= rest
        return out
    if fragment.startswith("\\d"):
        return set("0123456789")
    if fragment.startswith(("\\.", "#", "@", "/")):
        return {fragment[1] if fragment[0] == "\\" else fragment[0]}  # ".exe", "#general"
    head = _literal_head(fragment)
    return {head} if head else None


def _group_end(fragment: str) -> int | None:
    """Index of the parenthesis closing the group `fragment` starts with."""
    depth = 0
    escaped = in_class = False
    for i, ch in enumerate(fragment):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _top_level_split(inner: str) -> list[str]:
    out: list[str] = []
    depth = 0
    escaped = in_class = False
    start = 0
    for i, ch in enumerate(inner):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(inner[start:i])
            start = i + 1
    out.append(inner[start:])
    return out


def _literal_head(fragment: str) -> str:
    """Up to three letters every match of `fragment` starts with ("" if unsure)."""
    out: list[str] = []
    for i, ch in enumerate(fragment):
        if ch in _REGEX_SPECIAL or not ch.isalnum():
            if ch in "?*{" and out:
                out.pop()  # "dbs?": the quantifier makes the last letter optional
            break
        out.append(ch)
        if len(out) == 3:
            nxt = fragment[i + 1 : i + 2]
            if nxt in ("?", "*", "{"):
                out.pop()
            break
    return "".join(out)
