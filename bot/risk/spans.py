"""Find commands and statements anywhere in a message, with no lead-in word required.

Agents write "Simplest fix: kubectl delete deployment api -n prod and let the
pipeline redeploy" or "…then DELETE FROM invoices on the ledger primary". The
finder anchors on program names (a table, below) and SQL/Mongo/dataframe
statement keywords at any position of any line, and takes the span to the end
of its clause: a sentence end, a comma, a connective ("and", "then", "puis",
"dann", …), a dash, CJK text, or the line end; SQL runs on over lines until `;`.
Each span keeps the sentence it sits in (`context`) so a reader of negation or
quotation can judge it. Parsing and judging are the detectors' job.

Everything is linear: one pass of a word regex, dictionary look-ups, bounded
forward scans. A message with more spans than `MAX_SPANS` is reported as cut
short (the caller holds it), never silently read in part.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.risk.sql_shape import looks_like_sql

SpanKind = Literal["shell", "sql", "mongo", "dataframe"]

MAX_SPANS = 80
"""More spans than this in one text: the rest is not read, and the text is held."""
MAX_SHELL_SPAN = 1000
MAX_SQL_SPAN = 4000
MAX_SQL_LINES = 40
MAX_CALL_SPAN = 4000
SCAN_BUDGET = 150_000
"""Characters the forward scans may read in one text (a few ms); past it, cut short."""
_ANCHOR_COST = 64
_LOOKBACK = 60
_CONTEXT = 400


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    text: str
    start: int
    context: str
    """The sentence (or line) the span sits in: what a negation/quotation reader needs."""
    reported: bool = False
    """Its own clause warns against it or tells that it was run: not an instruction."""


@dataclass(frozen=True, slots=True)
class Spans:
    spans: list[Span]
    cut_short: bool
    """More than MAX_SPANS anchors: the text was not read to its end."""


def _words(text: str) -> list[str]:
    return text.split()


# -- the anchor table ----------------------------------------------------------------------------
# Programs whose names are not English words: any following token starts a span.
_DISTINCT = _words(
    """
kubectl helm helmfile kustomize terraform terragrunt tofu pulumi cdk packer vagrant nomad consul
etcdctl crictl istioctl linkerd argocd velero eksctl minikube k3d oc rosa
aws gcloud gsutil bq cbt az azcopy doctl hcloud linode-cli scw ibmcloud oci openstack upcloud
exo aliyun s3cmd s5cmd rclone restic borg duplicity wrangler vercel netlify heroku flyctl
firebase supabase stripe gh glab git svn hg psql pg_dump pg_dumpall pg_restore dropdb createdb
mysql mysqldump mysqladmin mariadb mariadb-dump mongo mongosh mongodump mongorestore
mongoexport mongoimport redis-cli valkey-cli keydb-cli sqlcmd bcp snowsql sqlite3 duckdb
clickhouse-client cqlsh influx trino beeline spark-sql databricks dbt rm rmdir shred wipefs
dd mkfs mke2fs mkswap fdisk sgdisk parted blkdiscard chmod chown chgrp chattr setfacl
iptables ip6tables nft ufw firewall-cmd netsh setenforce auditctl systemctl launchctl
csrutil spctl curl wget scp sftp rsync ssh nc ncat netcat socat ngrok cloudflared
localtunnel docker docker-compose podman nerdctl lxc virsh multipass sudo doas pkill killall
crontab xargs truncate unlink useradd usermod userdel groupdel passwd chpasswd visudo
ssh-keygen gpg openssl base64 ansible ansible-playbook ansible-vault doppler sops aws-vault
lpass infisical rpk kcat kafkacat kafka-topics kafka-acls kafka-configs kafka-consumer-groups
kafka-delete-records rabbitmqctl rabbitmqadmin nats zfs zpool lvremove vgremove pvremove
btrfs npm npx yarn pnpm pip pip3 pipx cargo brew apt apt-get yum dnf
python3 pwsh powershell iex
icacls takeown vssadmin wbadmin bcdedit diskpart cipher wevtutil auditpol schtasks wmic
gitlab-runner circleci jenkins-cli bitbucket sentry-cli datadog-ci newrelic
pgbackrest barman kopia wal-g wal-e tarsnap gam salt-ssh salt-call pdsh clush pssh parallel-ssh
sqlplus mysqlsh cockroach usql pgcli mycli tabcmd keepassxc-cli
pscale neonctl mongocli ccloud tccli vultr-cli civo koyeb turso upstash
amtool twine skopeo regctl oras gcrane printenv
"""
)

# Programs that are also words (English or otherwise): a span only when the next token
# has shell syntax (a flag, a path, a variable, a quoted argument) or is a subcommand.
# Process substitution and redirection count too: `bash <(curl …)`, `sh < install.sh`.
# A word ending in `:` then a space is prose ("the salt master: salt '*' …"), not `host:path`.
_SHELLISH_NEXT = (
    r"(?:-{1,2}[A-Za-z0-9]|[/~$\"'*]|\.{1,2}/|\w[\w.-]*(?:[/=@]|:(?!\s))|<{1,3}\s*<?[(/~$\w])"
)
_WORDLIKE: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "find cat head tail less touch make kill mount umount tee echo env sed awk grep "
            "watch time nohup timeout source export service history set unset exec eval ln "
            "zip unzip tar cp mv mkdir ls cd go java su shutdown reboot halt poweroff node python "
            "ruby perl php bash sh zsh deno bun snap apk kind ctr salt"
        ),
        _SHELLISH_NEXT,
    ),
    # cmd.exe: switches are written `/s`, drives `D:`
    "rd": r"/[A-Za-z]",
    "del": r"/[A-Za-z]",
    "erase": r"/[A-Za-z]",
    "format": r"[A-Za-z]:(?:\s|$)|/[A-Za-z]",
    "net": r"(?:user|localgroup|group|share|stop|use|accounts)\b",
    "reg": r"(?:delete|add|import)\s+HK",
    "sc": r"(?:stop|delete|config)\s",
    "attrib": r"[-+/]",
    "op": rf"(?:item|read|document|vault|user|signin|run|inject|group|connect|account)\b"
    rf"|{_SHELLISH_NEXT}",
    "vault": rf"(?:kv|read|write|delete|secrets|auth|policy|token|operator|audit|lease|list)\b"
    rf"|{_SHELLISH_NEXT}",
    "bw": rf"(?:get|list|export|send|create|edit|delete|unlock|sync|share|move)\b"
    rf"|{_SHELLISH_NEXT}",
    "flux": rf"(?:uninstall|delete|suspend|resume|bootstrap|reconcile|create|export|get)\b"
    rf"|{_SHELLISH_NEXT}",
    # platform CLIs named like words: a span only before one of their own nouns
    "atlas": rf"(?:clusters|projects|dbusers|backups|accessLists|networking|organizations)\b"
    rf"|{_SHELLISH_NEXT}",
    "confluent": rf"(?:kafka|iam|environment|api-key|schema-registry|connect)\b|{_SHELLISH_NEXT}",
    "cf": r"(?:delete|delete-service|delete-space|delete-org|purge-service-offering)\b",
    "snow": r"(?:object|sql|stage|connection)\b",
    "mc": rf"(?:rb|rm|mirror|cp|anonymous|admin|policy|retention)\b|{_SHELLISH_NEXT}",
    "hdfs": r"(?:dfs|dfsadmin)\b",
    "hadoop": r"(?:fs|dfs|distcp)\b",
    # publishing and alerting CLIs named like words
    "gem": rf"(?:push|yank|owner)\b|{_SHELLISH_NEXT}",
    "dog": r"(?:monitor|downtime)\s",
    "crane": r"(?:copy|cp|push|tag)\s",
    "poetry": r"publish\b",
    "hatch": r"publish\b",
    "flit": r"publish\b",
    "uv": r"publish\b",
}
# PowerShell cmdlets are Verb-Noun; the verbs that change or run things, and Get/Test.
_PS_VERBS = frozenset(
    _words(
        "remove clear format invoke set stop disable enable add grant new start restart uninstall "
        "reset revoke update export copy move get test out send write import install register "
        "unregister suspend mount dismount initialize publish unpublish block unblock protect "
        "unprotect rename join select"
    )
)

# A program name followed by a function word is a noun in a sentence ("the git history is
# long", "docker is down", "terraform for the win"): no command starts there.
_FUNCTION_WORDS = frozenset(
    _words(
        "the a an is was are were be been to of for in on and or that this it its with as at by "
        "has have had will would can could should may might must not but so than then there "
        "which who what when where why how le la les est et de des du un une el los las es y "
        "der die das ist und ein eine o os as é um uma"
    )
)
_PROGRAMS: dict[str, str | None] = {**dict.fromkeys(_DISTINCT), **_WORDLIKE}
_PROGRAM_NAMES = frozenset(_PROGRAMS)
_NOUN = re.compile(r"[A-Z][a-z]+[,.;:!?]?")  # the whole next token: "Kafka", not "Personal.dbo.x"
_NEXT_RE = {name: re.compile(p) for name, p in _WORDLIKE.items() if p is not None}

_TOKEN = re.compile(r"[A-Za-z][\w-]*")
# `：` (full-width colon) is folded to `:` with no space after it: "全消去：redis-cli …"
# reads "全消去:redis-cli", so a colon right after CJK text still starts a command.
_ANCHOR_EDGE = r"(?:(?<![\w\-./\\$@=%:#])|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]:))"
_PS_CMDLET = re.compile(r"[A-Za-z]+-[A-Za-z][A-Za-z]+")

# A clause ends at sentence punctuation, a comma, a dash, a connective in one of the
# seven languages, CJK text, or a parenthetical. Quoted strings are skipped whole.
_CONNECTIVES = (
    "and|then|so|but|because|once|before|after|since|until|unless|which|while|if|when|"
    "where|or|to|on|in|for|from|with|as|et|puis|pour|avant|après|ou|y|luego|después|para|"
    "antes|pero|und|dann|danach|um|bevor|oder|aber|e|depois|ou|mas|ent[aã]o"
)
# A parenthetical aside: words, closed soon ("(it's a no-downtime restart)", "(optional)");
# `(iwr 'https://…')` or `(SELECT …)` is code.
_ASIDE = r"(?=(?!(?i:select|with|values)\b)[A-Za-z][a-z' ,-]{0,60}\))"
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff01-\uff60"
_CLAUSE_END = re.compile(
    r"'[^'\n]{0,200}'|\"[^\"\n]{0,200}\""  # quoted arguments belong to the command
    r"|(?P<end>(?<=\S)[.?!;:](?=\s|$)|,\s|\s[—–]\s?|[—–]"
    # "ufw allow from 10.8.0.0/24 to any port 9200": an address after the word is the
    # command's own grammar, not a new clause
    rf"|\s+(?:{_CONNECTIVES})\s+(?=[^\s-])(?!(?:any|\d{{1,3}}(?:\.\d{{1,3}}){{3}})\b)"
    rf"|[{_CJK}]|\s+\({_ASIDE}|[”»」』)]|\n|\Z)"
)
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|[。！？\n]")
_OPEN_QUOTES = {'"': '"', "“": "”", "«": "»", "「": "」", "『": "』", "'": "'", "`": "`"}

# The few words right before a command that make it not an instruction: a warning
# ("never run", "ne lancez jamais", "不要执行") or a report of the past ("someone ran",
# "was executed"). The prose reader judges whole sentences; this only keeps a span
# from being read as an order when its own clause says otherwise.
_CLAUSE_BEFORE = r"[^.,!?;:—–\n。、，！？；：]{0,40}$"
_WARNED_BEFORE = re.compile(
    r"(?:\b(?:never|don'?t|do\s+not|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|"
    r"[ée]vite[sz]?|evita|evite|vermeide|"
    r"wouldn'?t|would\s+not|won'?t|can'?t|cannot|"
    r"jamais|ne\s+\w+\s+pas|nunca|no\s+(?:ejecutes|corras|uses|lances|hagas)|niemals|nie|"
    r"nicht|kein\w*|não|nao)\b"
    # 不要 warns in Chinese ("不要执行"); in Japanese 不要な/不要です means "not needed"
    r"|不要(?![なだでにのと])|别|切勿|禁止|请勿|絶対に|決して)" + _CLAUSE_BEFORE,
    re.I,
)
# The command is what to do *instead of*: "rather than `npm install …`, forward the link".
_INSTEAD_BEFORE = re.compile(
    r"\b(?:rather\s+than|instead\s+of)\s+(?:running|using|installing|executing|typing|pasting|"
    r"doing|piping\s+(?:it|this)\s+(?:in)?to)?\s*[`'\"“]?$",
    re.I,
)
_AFFIRMED = re.compile(r"\b(?:forget|hesitate|fail|oubliez|olvides|vergiss|esqueça)\b", re.I)
_PAST_BEFORE = re.compile(
    # "what if you ran X?" suggests it: the past tense of a hypothetical, not a report
    r"\b(?<!what if you )(?<!what if we )"
    r"(?:ran|executed|typed|pasted|(?:was|were|had\s+been|got)\s+(?:run|executed)|"
    r"a\s+(?:lancé|exécuté)|ejecutó|lanzó|hat\s+\w+\s+ausgeführt|führte|executou|rodou)\b"
    + _CLAUSE_BEFORE,
    re.I,
)


# Literal pieces of every trigger above: most text has none, and a substring test is cheap.
_TRIGGER_PIECES = (
    "n't", "not", "nev", "avoid", "vite", "evit", "vermeide", "jamais", " ne ", "nunca", "no ",
    "nie", "nicht", "kein", "não", "nao", "ran", "exec", "typed", "pasted", "run", "lancé",
    "ejecut", "lanzó", "ausgeführt", "führte", "rodou", "rather", "instead", "不要", "别", "切勿",
    "禁止", "请勿", "絶対", "決して",
)  # fmt: skip


def reported(before: str) -> bool:
    """True when the words just before a command warn against it or report it as past."""
    tail = before[-72:]  # a trigger, then at most 40 characters of its own clause
    low = tail.lower()
    spaced = " " + low  # "Ne fais pas …" may start the text
    if not any(piece in spaced for piece in _TRIGGER_PIECES):
        return False
    if _INSTEAD_BEFORE.search(tail):
        return True
    if _WARNED_BEFORE.search(tail):
        return not _AFFIRMED.search(tail)
    return bool(_PAST_BEFORE.search(tail))


# A report handed on as the order: "we ran X last time, so do the same now", "Priya ran X;
# repeat that today". The words after the command point back at it and ask for it again.
HANDED_ON_REACH = 300
"""Characters after a reported command read for a request to do it again (its sentence and
the next)."""
_HANDED_ON = re.compile(
    r"\b(?:do|repeat|redo|run|rerun|re-run|try|apply)\s+(?:exactly\s+)?"
    r"(?:the\s+same(?:\s+(?:thing|fix|steps?|command|again))?|that|it|this)"
    r"\s+(?:again|now|here|today|tonight|too|as\s+well|this\s+time)\b"
    r"|\b(?:do|repeat|redo)\s+(?:exactly\s+)?the\s+same\b"
    r"|\bsame\s+(?:again|fix|thing)\s+(?:now|here|today|tonight|this\s+time)\b"
    r"|\bdo\s+(?:exactly\s+)?what\s+\w+\s+did\b"
    r"|\b(?:refais|refaites|refaire)\s+(?:la\s+m[êe]me\s+chose|pareil|[çc]a)\b"
    r"|\bhaz\s+lo\s+mismo\b|\bhaga\s+lo\s+mismo\b"
    r"|\bmach\s+(?:das\s+)?(?:dasselbe|gleiche|nochmal|noch\s*mal)\b"
    r"|\bfa[çc]a\s+o\s+mesmo\b",
    re.I,
)


def handed_on(after: str) -> bool:
    """True when the words after a reported command ask for it again, not warned against:
    "…, so do the same now" hands it on; "…; never do that again" does not."""
    return any(
        not reported(after[max(0, m.start() - 120) : m.start()]) for m in _HANDED_ON.finditer(after)
    )


# -- SQL ------------------------------------------------------------------------------------------
_SQL_WORDS = (
    "delete|update|insert|drop|truncate|alter|grant|revoke|merge|copy|unload|export|create|"
    "select|with|explain|replace|undrop|vacuum|exec|execute"
)
# Searched in the lower-cased text (a case-sensitive search is twice as fast); the word's
# own case and the character before it are checked on the original.
_SQL_KEY = re.compile(rf"\b(?:{_SQL_WORDS})\b")
_SQL_KEY_ANY_CASE = re.compile(rf"\b(?:{_SQL_WORDS})\b", re.I)
_NOT_BEFORE_SQL = frozenset(".$@-_")
# A lower-case keyword is SQL only where a statement can start: a line start (after a
# list marker or prompt), a colon or semicolon, or an imperative run/execute/try/use.
_LEAD = r"[\s*>$`\\]*(?:\d{1,3}[.)]\s*|[-*•+]\s+|step\s+\d{1,3}\s*[:.)-]\s*)?"
_LINE_HEAD = re.compile(_LEAD, re.I)
_CLAUSE_START = re.compile(rf"(?:[:;]|\b(?:run|execute|exec|try|use|with)\b){_LEAD}$", re.I)
# Mid-sentence, a lower-case write keyword after an adverb of sequence ("then delete from
# invoices", "just drop table payments"): SQL still needs its shape (looks_like_sql).
_WRITE_KEYWORDS = frozenset({"delete", "update", "drop", "truncate", "grant", "revoke", "insert"})
_SEQUENCE_BEFORE = re.compile(
    r"\b(?:then|just|simply|also|now|please|and|first|finally|next|run|execute)\s+$", re.I
)
SQL_CONTINUES = re.compile(
    r"^\s*(?:from|where|set|and|or|join|left|right|inner|outer|full|cross|on|values|returning|"
    r"group|order|limit|having|using|into|select|union|when|then|else|end|as|top|with|"
    r"delete|update|insert|\(|\)|,)\b",
    re.I,
)
# English after a statement: a preposition with an article, a connective, a sentence end.
_SQL_PROSE_TAIL = re.compile(
    r"\s+(?:on|in|at|for|of|to|with|from|into|across|against)\s+"
    r"(?:the|our|your|a|an|this|that|each|every|its|their|my|prod|production|staging)\b"
    r"|\s+(?:and\s+)?(?:then|so|because|once|before|after|since|until|unless|but|which|while|"
    r"to\s+(?:free|clean|fix|reset|make|get|clear|save|reclaim|remove|start))\b"
    r"|,\s+(?:and|then|so|but|which|after|before)\b|\s[—–]\s|(?<=[\w)'\"])\.(?=\s+[A-Z]|\s*$)"
    rf"|\s+\({_ASIDE}|[{_CJK}]"
    r"|\s+(?:in|on|from|via|with|using)\s+(?:psql|mysql|snowsql|sqlcmd|bq|mongosh|beeline|"
    r"spark-sql|databricks|redshift|bigquery|snowflake|postgres|the\s+\w+\s+(?:console|shell|cli))\b"
    # "… and tell finance", "… and reload": a verb after and/or, where SQL has a condition
    r"|\s+(?:and|or)\s+(?=[a-z]+(?:[.!?]?\s*$|\s+(?!(?:in|is|not|like|ilike|between|and|or)\b)"
    r"[a-z#@]))(?![a-z_.]+\s*(?:[=<>!]|\()|(?:true|false|null)\b)",
)

# -- HTTP console requests ---------------------------------------------------------------------
# Kibana/OpenSearch Dev Tools, REST-client files: `DELETE _slm/policy/nightly`, `POST
# /orders/_delete_by_query`. Read as the equivalent HTTPie command, so the shell rules for
# HTTP requests judge them.
_HTTP_REQUEST = re.compile(
    r"(?:^|(?<=[`:>]) ?|(?<=\n))[ \t]*(?P<m>GET|PUT|POST|DELETE|PATCH)[ \t]+"
    r"(?P<p>https?://[^\s`'\"]+|/?_[\w.*,%-]+(?:/[^\s`'\"]*)?|/[\w.*,%-]+(?:/[^\s`'\"]*)?)",
    re.M,
)

_HTTP_HINT = re.compile(r"(?:GET|PUT|POST|DELETE|PATCH)[ \t]+[/_h]")

# -- Mongo and dataframes -------------------------------------------------------------------------
_MONGO = re.compile(
    r"(?<![\w.])db\.(?:[A-Za-z_$][\w$-]*\.[A-Za-z]\w*\s*\(|getCollection\(|"
    r"getSiblingDB\(|dropDatabase\s*\(|[A-Za-z_$][\w$-]*\.[A-Za-z_$][\w$-]*\.|"
    r"(?:[A-Za-z_$][\w$-]*\.drop|dropDatabase)(?![\w$(]|\.\w))"  # a drop without "()"
    # driver code: db["orders"]., db.collection("orders")., client.shop.orders.x(, client.drop_…
    r"|(?<![\w.])(?:db|database|\w+_db)(?:\[\s*['\"]|\.(?:collection|get_collection|"
    r"drop_collection|drop_database)\()"
    r"|(?<![\w.])\w*client(?:\.\w+|\[\s*['\"][\w.-]+['\"]\s*\])(?:\.\w+|\[)"
)
_DATAFRAME = re.compile(r"\.(?:to_sql|saveAsTable|insertInto|writeTo|write_database|mode)\s*\(")


def _clause_end(text: str, i: int, limit: int, closer: str | None) -> int:
    """Index where the clause starting at `i` ends."""
    stop = min(len(text), i + limit)
    if closer:
        j = text.find(closer, i, stop)
        if j >= 0:
            stop = j
    for m in _CLAUSE_END.finditer(text, i, stop):
        if m.group("end") is None:
            continue
        j = m.start()
        if j < stop and text[j] == ")" and text.count("(", i, j) > text.count(")", i, j):
            continue  # closes a parenthesis the command opened: `iex (iwr …).Content`
        if j < stop and _CJK_CHAR.match(text, j):
            token = text[max(text.rfind(" ", i, j), i) : j]
            if "/" in token or "\\" in token:
                continue  # `~/demo/演示数据.sql`: CJK inside a path is part of the command
        return j
    return stop


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (within its line) holding text[start:end]."""
    left = max(text.rfind("\n", max(0, start - _CONTEXT), start), start - _CONTEXT - 1) + 1
    for m in _SENTENCE_BREAK.finditer(text, left, start):
        left = m.end()
    right = text.find("\n", end, end + _CONTEXT)
    right = min(len(text), end + _CONTEXT) if right < 0 else right
    brk = _SENTENCE_BREAK.search(text, end, right)
    if brk:
        right = brk.start() + (1 if text[brk.start()] in "。！？" else 0)
    return text[left:right].strip()


def _opener(text: str, i: int) -> str | None:
    before = text[i - 1] if i > 0 else ""
    return _OPEN_QUOTES.get(before)


def _balanced_end(text: str, i: int, limit: int) -> int:
    """End of a call chain starting at `i`: balanced (), [], {} with strings skipped."""
    depth = 0
    j = i
    stop = min(len(text), i + limit)
    quote = ""
    seen_call = False
    while j < stop:
        c = text[j]
        if quote:
            if c == "\\":
                j += 2
                continue
            if c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif c in "([{":
            depth += 1
            seen_call = True
        elif c in ")]}":
            depth -= 1
            if depth <= 0 and seen_call:
                k = j + 1
                while k < stop and text[k] in " \t\n":
                    k += 1
                if k < stop and text[k] == ".":
                    j = k
                    depth = 0
                    continue
                return j + 1
        elif depth == 0 and c in ";\n" and seen_call:
            return j
        j += 1
    return stop


def _statement_start(text: str, i: int) -> int:
    """Start of the (possibly multi-line, `.`-chained) statement holding position `i`."""
    start = text.rfind("\n", 0, i) + 1
    while start > 0 and text[start:i].lstrip().startswith("."):
        start = text.rfind("\n", 0, start - 1) + 1
    semi = text.rfind(";", start, i)
    return semi + 1 if semi >= 0 else start


class _Finder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[Span] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cut_short = False
        self.budget = SCAN_BUDGET
        self.seen: set[tuple[str, int]] = set()
        self.breaks: list[int] | None = None

    def add(self, kind: SpanKind, start: int, end: int, as_text: str | None = None) -> None:
        body = as_text or self.text[start:end].strip().rstrip(",")
        if body.endswith(("**", "__")):
            body = body[:-2].rstrip()  # markdown emphasis around a command
        if not body or (kind == "shell" and " " not in body and "-" not in body):
            return  # a program named alone ("the node", "git") is a word, not a command
        said = reported(self.text[max(0, start - 120) : start]) and not handed_on(
            self.text[end : end + HANDED_ON_REACH]
        )
        self._take(start, end)
        key = (body, bisect_right(self._sentence_breaks(), start))
        if key in self.seen:  # the same command in the same sentence: read once
            return
        if len(self.out) >= MAX_SPANS:
            self.cut_short = True
            return
        self.seen.add(key)
        self.out.append(Span(kind, body, start, sentence_around(self.text, start, end), said))

    def _sentence_breaks(self) -> list[int]:
        """Where sentences end in the whole text (found once, on first use)."""
        if self.breaks is None:
            self.breaks = [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        return self.breaks

    def _take(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def free(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k < 0 or self.ends[k] <= i

    # -- the kinds ----------------------------------------------------------------------------

    def calls(self) -> None:
        text = self.text
        if "db" in text or "client" in text or "database" in text:
            for m in _MONGO.finditer(text):
                if self.cut_short:
                    return
                if self.free(m.start()):
                    end = _balanced_end(text, m.start(), MAX_CALL_SPAN)
                    if not self._spend(end - m.start()):
                        return
                    self.add("mongo", m.start(), end)
        if "(" in text and ("to_sql" in text or "write" in text or "mode" in text):
            for m in _DATAFRAME.finditer(text):
                if self.cut_short:
                    return
                if self.free(m.start()):
                    start = _statement_start(text, m.start())
                    end = _balanced_end(text, start, MAX_CALL_SPAN)
                    if not self._spend(end - start + (m.start() - start)):
                        return
                    self.add("dataframe", start, end)

    def http(self) -> None:
        if not _HTTP_HINT.search(self.text):
            return
        for m in _HTTP_REQUEST.finditer(self.text):
            if self.cut_short:
                return
            if self.free(m.start("m")):
                self.add("shell", m.start("m"), m.end(), as_text=f"http {m['m']} {m['p']}")

    def sql(self) -> None:
        text = self.text
        low = text.lower()
        keys = _SQL_KEY.finditer(low) if len(low) == len(text) else _SQL_KEY_ANY_CASE.finditer(text)
        for m in keys:
            if self.cut_short:
                return
            i = m.start()
            if (i and text[i - 1] in _NOT_BEFORE_SQL) or not self.free(i):
                continue
            word = text[i : m.end()]
            if not word.isupper() and not self._statement_may_start(i):
                continue
            end = self._sql_end(i)
            if not self._spend(end - i + _ANCHOR_COST):
                return
            if end > i and looks_like_sql(text[i:end]):
                # psql's `\copy` is COPY run by the client: keep the backslash with it
                self.add("sql", i - 1 if i and text[i - 1] == "\\" else i, end)

    def _statement_may_start(self, i: int) -> bool:
        text = self.text
        line_start = text.rfind("\n", max(0, i - _LOOKBACK), i) + 1
        if line_start == 0 and i > _LOOKBACK:
            line_start = -1  # the line began further back: only a colon or a verb counts
        if line_start >= 0 and _LINE_HEAD.fullmatch(text, line_start, i):
            return True
        if _CLAUSE_START.search(text, max(0, i - _LOOKBACK), i):
            return True
        word = text[i : i + 9].split(None, 1)[0].lower()
        return word in _WRITE_KEYWORDS and bool(_SEQUENCE_BEFORE.search(text, max(0, i - 20), i))

    def _spend(self, cost: int) -> bool:
        """Charge a bounded scan to the text's budget; False once it is spent."""
        self.budget -= cost
        if self.budget < 0:
            self.cut_short = True
            return False
        return True

    def _sql_end(self, i: int) -> int:
        text = self.text
        closer = _OPEN_QUOTES.get(text[i - 1]) if i > 0 and text[i - 1] in "\"“«「'`" else None
        stop = min(len(text), i + MAX_SQL_SPAN)
        if "\n" not in text[i : i + 1500]:
            stop = min(stop, i + 1500)  # one line of SQL in prose is not longer than that
        pos = i
        for _ in range(MAX_SQL_LINES):
            nl = text.find("\n", pos, stop)
            line_end = stop if nl < 0 else nl
            semi = text.find(";", pos, line_end)
            close = text.find(closer, pos, line_end) if closer else -1
            if close >= 0 and (semi < 0 or close < semi):
                return close
            if semi >= 0:
                tail = _SQL_PROSE_TAIL.search(text, pos, semi)
                return tail.start() if tail else semi + 1
            tail = _SQL_PROSE_TAIL.search(text, pos, line_end)
            if tail:
                return tail.start()
            if nl < 0:
                return line_end
            nxt_end = text.find("\n", nl + 1, stop)
            nxt = text[nl + 1 : stop if nxt_end < 0 else nxt_end]
            if not nxt.strip() or not SQL_CONTINUES.match(nxt):
                return line_end
            pos = nl + 1
        return pos

    def shell(self) -> None:
        text = self.text
        tokens = set(_TOKEN.findall(text))
        names = (tokens & _PROGRAM_NAMES) | {w for w in tokens if "-" in w and _is_cmdlet(w)}
        if not names:
            return  # most prose names no program: one C-level pass decides that
        for m in _anchored(text, frozenset(names)):
            if self.cut_short:
                return
            name = m.group(1)
            if name in _PROGRAMS:
                nxt = text[m.start(2) : m.start(2) + 12].split(None, 1)[0]
                if nxt.rstrip(",.;:!?").lower() in _FUNCTION_WORDS or _NOUN.fullmatch(nxt):
                    continue  # "git is slow", "minikube Kafka": a noun in a sentence
                pattern = _NEXT_RE.get(name)
                if pattern is not None and not pattern.match(text, m.start(2)):
                    continue
            i = m.start()
            if not self.free(i):
                continue
            end = _clause_end(text, m.end(), MAX_SHELL_SPAN, _opener(text, i))
            if not self._spend(end - i + _ANCHOR_COST):
                return
            self.add("shell", i, end)


def is_program(word: str) -> bool:
    """A word the span finder anchors on: a program name or a PowerShell cmdlet."""
    return word in _PROGRAM_NAMES or _is_cmdlet(word)


def _is_cmdlet(word: str) -> bool:
    return (
        "-" in word
        and word[0].isupper()
        and bool(_PS_CMDLET.fullmatch(word))
        and word.split("-", 1)[0].lower() in _PS_VERBS
    )


_ANCHOR_AT = re.compile(rf"{_ANCHOR_EDGE}([A-Za-z][\w-]*)(?![\w-])(?:\.exe)?(?=[ \t]+(\S))")


def _anchored(text: str, names: frozenset[str]) -> Iterator[re.Match[str]]:
    """Each word of `names` standing where a command can start, in text order: group 1 the
    name, group 2 the first character after it. In a message, each word is checked in
    place (a regex of the names it holds would cost a compile, ~2 ms, per message); in a
    long text, that regex is cheaper than a Python step per word."""
    if len(text) > _LONG_TEXT:
        yield from _anchors(names).finditer(text)
        return
    after = 0
    for tok in _TOKEN.finditer(text):
        if tok.start() < after or tok.group(0) not in names:
            continue
        m = _ANCHOR_AT.match(text, tok.start())
        if m is not None:
            after = m.end()
            yield m


_LONG_TEXT = 8192


@lru_cache(maxsize=128)
def _anchors(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"{_ANCHOR_EDGE}({alternatives})(?![\w-])(?:\.exe)?(?=[ \t]+(\S))")


def find_calls(text: str) -> Spans:
    """Mongo shell calls and dataframe writes only: they hide inside lines of any kind
    (`use shop; db.dropDatabase()`, a Python block), so the whole text is searched."""
    finder = _Finder(text)
    finder.calls()
    return Spans(finder.out, finder.cut_short)


def find_spans(text: str) -> list[Span]:
    return scan(text).spans


def scan(text: str) -> Spans:
    """Every shell command, HTTP request and SQL statement in `text`, in order of appearance.
    Mongo calls and dataframe writes are `find_calls`'s: they are searched in whole texts."""
    finder = _Finder(text)
    finder.http()
    finder.sql()
    finder.shell()
    spans = sorted(finder.out, key=lambda s: s.start)
    return Spans(spans, finder.cut_short)
