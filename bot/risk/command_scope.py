"""Scope for commands: when a command named in a message is not an order to run it.

An agent quotes commands for many reasons besides asking for them: a warning ("never
run this on the primary:"), a postmortem quoting the statement that caused an outage,
a hypothetical ("if you were to run X, every pod would be gone"), the content of a
proposal ("draft a change request to run X"), or a command whose own target is this
machine (`--context minikube`, `-h localhost`, `docker compose exec db …`).

Each command candidate is judged on its own sentence (`Candidate.context`: the
sentence around a span or an inline command, the sentence introducing a fence or a
command line) with the prose reader's lexicons and clause structure. The judgement
lowers that one candidate only: a second command in the same message is a candidate
of its own with its own sentence, so "never run X. Now run Y" still holds Y.

Local scope is structural: the command's own target says "this machine" (a local
host, a local Kubernetes context, a Compose service, a file database), or the
sentence says so ("on your laptop", "your local copy") and the command names no
production or remote target at all. Local scope lowers destruction and copies of
data only, never sharing, access, exposure or running untrusted code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from bot.risk.deidentified import (
    command_sources_marked,
    sentence_says_no_ones,
    sql_sources_marked,
)
from bot.risk.environments import NONPROD_RE, PRODUCTION_RE
from bot.risk.extract import Candidate
from bot.risk.model import Finding
from bot.risk.prefilter import Prefiltered, prefiltered
from bot.risk.prose.handover import hands_over_value
from bot.risk.prose.intent import fields_go, languages
from bot.risk.prose.lexicon import ACCENTS, Lexicon
from bot.risk.prose.scope import ADVISED, COUNTERFACTUAL, SOMEONE, Scope, spans
from bot.risk.prose.text import lower
from bot.risk.spans import HANDED_ON_REACH, handed_on, reported, scan
from bot.risk.value_flow import value_flow

__all__ = [
    "OWN_USE_RULES",
    "SAYS_PROD",
    "Why",
    "has_report_words",
    "judge",
    "local_target",
    "lower_findings",
    "never_lowered",
    "opens_session",
    "passes_on",
    "bounded_write",
    "reads_only",
    "remote_target",
    "rerun_elsewhere",
]

Why = Literal[
    "warning",
    "report",
    "hypothetical",
    "proposal",
    "question",
    "local",
    "own_use",
    "scratch",
    "deidentified",
]

COMMAND_KINDS = frozenset({"shell", "sql", "mongo", "dataframe"})
_UNTOUCHED = frozenset({"engine", "parse", "obfuscation", "policy"})
"""Findings about reading the text, not about what the command does: never lowered."""
LOCAL_LOWERS = frozenset({"destructive", "infrastructure", "exfiltration", "backups", "pii"})
DEIDENTIFIED_LOWERS = frozenset({"exfiltration", "pii"})
"""What a copy of data that is no one's makes harmless: the copy and the read, nothing else."""
"""What a local target makes harmless: destroying or copying data that is this machine's."""

_REASONS: dict[str, str] = {
    "warning": "named in a warning against running it",
    "report": "quoted in a report of what happened",
    "hypothetical": "named in a hypothetical",
    "proposal": "the content of a proposal, not the order",
    "question": "named in a question asking leave to run it, not an order",
    "local": (
        "its target is this machine (a local database, cluster or container) or the "
        "reader's own sandbox (a personal dev stack, namespace or cluster) or an "
        "environment named for development, tests or previews"
    ),
    "own_use": "a value read to the reader's own terminal, passed on nowhere",
    "scratch": "aimed only at a scratch or personal schema, the reader's own space",
    "deidentified": "a copy of data named synthetic or de-identified: no person's data goes",
}

OWN_USE_RULES = frozenset(
    {"shell.secret_manager_read", "envdump.workload_env", "shell.k8s_secret_dump"}
)
"""Reading a secret into one's own terminal is how a secrets manager is used (a Kubernetes
secret decoded into `PGPASSWORD=$(…) psql` too); the risk is the value passed on (a pipe,
a redirect, a message that asks to paste, post or send it)."""


def _words(text: str) -> list[str]:
    return text.split()


# -- targets ------------------------------------------------------------------------------------

_LOCAL_HOST = (
    r"(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal"
    r"|[\w-]+\.localhost)"
)
_LOCAL_HOST_RE = re.compile(rf"^(?:[^@/\s]*@)?{_LOCAL_HOST}(?::\d+)?$", re.I)
_URL = prefiltered(  # "://" first: ignoring case, re tries this at every position of 64 KB
    re.compile(
        r"(?<![\w.])[a-z][\w+.-]{1,20}://(?P<auth>[^@/\s'\"`]*@)?(?P<host>[^/\s:'\"`?#]*)", re.I
    )
)
_SCP = re.compile(r"(?<![\w/])[\w.-]+@(?P<host>[\w.-]+):")
# Flags whose value names the server a command talks to.
_HOST_FLAGS = frozenset(
    _words(
        """
-h --host --hostname --server --uri --url --endpoint --endpoint-url --address --addr -H
--dsn --connection --db-url --database-url
"""
    )
)
# Flags whose value names a Kubernetes or Docker context.
_CONTEXT_FLAGS = frozenset(
    _words(
        """
--context --kube-context --kubecontext --cluster
"""
    )
)
_LOCAL_CONTEXT = re.compile(
    r"^(?:minikube|docker-desktop|docker-for-desktop|rancher-desktop|colima|orbstack|microk8s"
    r"|(?:kind|k3d|minikube)-[\w.-]+)$",
    re.I,
)
# Production named anywhere in the command: a namespace, a profile, a database name.
_PROD = prefiltered(PRODUCTION_RE)  # read in commands of up to 64 KB, several times each
# A development box others use too ("the shared dev host") is not the reader's to wipe.
_SHARED = re.compile(r"\bshared\b|\beveryone'?s\b", re.I)
# Programs whose every target is somewhere else: cloud and hosting CLIs, remote shells,
# infrastructure-as-code (state and resources live in the cloud).
_REMOTE_PROGRAMS = frozenset(
    _words(
        """
aws gcloud gsutil bq cbt az azcopy doctl hcloud linode-cli scw ibmcloud oci openstack
aliyun heroku flyctl vercel netlify firebase supabase stripe wrangler gh glab ssh scp
sftp ansible ansible-playbook terraform terragrunt tofu pulumi eksctl velero argocd
rclone s3cmd s5cmd databricks snowsql rosa oc
"""
    )
)
# Programs whose target is this machine by nature: local clusters, Compose projects,
# file databases.
_LOCAL_PROGRAMS = frozenset(
    _words(
        """
minikube kind k3d sqlite3 duckdb docker-compose
"""
    )
)
_SPLIT = re.compile(r"\|\|?|&&|;|\n|\$\(|`")
_WRAPPERS = frozenset(
    _words(
        """
sudo doas env time nohup timeout exec command
"""
    )
)


def _tokens(command: str) -> list[str]:
    if "'" not in command and '"' not in command and "`" not in command:
        return command.split()  # nothing to strip: the split alone, at C speed
    return [t.strip("'\"`") for t in command.split()]


def _flag_values(tokens: Sequence[str], flags: frozenset[str]) -> list[str]:
    if flags.isdisjoint(tokens) and "=" not in "\0".join(tokens):
        return []  # no flag as a token, no `--flag=value`: 64 KB of words are not walked
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if "=" in tok and tok.startswith("-"):
            name, _, value = tok.partition("=")
            if name in flags:
                out.append(value)
        elif tok in flags and i + 1 < len(tokens):
            out.append(tokens[i + 1])
    return out


Programs = list[tuple[str, list[str]]]
"""(program, its tokens) for each distinct simple command of a pipeline or list."""


def _programs(command: str) -> Programs:
    """(program, its tokens) for each distinct simple command of a pipeline or list. The
    target checks each read it: a caller that runs several reads it once and passes it."""
    out = []
    for piece in dict.fromkeys(_SPLIT.split(command)):  # `ls; ls; ls; …` is one command
        tokens = _tokens(piece)
        while tokens and (tokens[0] in _WRAPPERS or "=" in tokens[0]):
            tokens = tokens[1:]  # `sudo`, `FOO=bar`: the program comes after
        if tokens:
            out.append((tokens[0].rsplit("/", 1)[-1].lower(), tokens))
    return out


def _remote_host(host: str) -> bool:
    return bool(host) and not _LOCAL_HOST_RE.match(host)


def _host_of(value: str) -> str:
    """The host in a flag's value: `db-1:5432`, `postgres://u@db-1/app`, `localhost`."""
    m = _URL.match(value)
    if m is not None:
        return m.group("host")
    return value.split("/", 1)[0]


def remote_target(command: str, programs: Programs | None = None) -> bool:
    """The command names a server, cloud, production or remote place to act on."""
    if _PROD.search(command):
        return True
    for m in _URL.finditer(command):
        if m.group(0).lower().startswith(("file://", "unix://")):
            continue
        if _remote_host(m.group("host")):
            return True
    if _SCP.search(command):
        return True
    for program, tokens in _programs(command) if programs is None else programs:
        if program in _REMOTE_PROGRAMS:
            return True
        if program == "git" and any(t in ("push", "remote") for t in tokens[1:3]):
            return True
        if any(_remote_host(_host_of(v)) for v in _flag_values(tokens, _HOST_FLAGS)):
            return True
        if any(not _LOCAL_CONTEXT.match(v) for v in _flag_values(tokens, _CONTEXT_FLAGS)):
            return True
    return False


def _local_marker(command: str, programs: Programs | None = None) -> bool:
    """Developer tooling that only ever targets this machine. `localhost` is not enough on
    its own: on a server it is that server (`curl -X DELETE localhost:9200/_all` there
    deletes production); it only keeps a command from being remote, so the sentence's
    words ("your local database") may decide."""
    for program, tokens in _programs(command) if programs is None else programs:
        if program in _LOCAL_PROGRAMS:
            return True
        if program in ("docker", "podman") and len(tokens) > 1 and tokens[1] == "compose":
            return True
        contexts = _flag_values(tokens, _CONTEXT_FLAGS)
        if contexts and all(_LOCAL_CONTEXT.match(v) for v in contexts):
            return True
    return False


def _local_test_database(command: str, programs: Programs | None = None) -> bool:
    """Two signs together: the server is this machine (`mongodb://localhost/…`, `-h
    127.0.0.1`) and the database is named for tests or development (`shop_test`)."""
    hosts = [m.group("host") for m in _URL.finditer(command)]
    for _program, tokens in _programs(command) if programs is None else programs:
        hosts += [_host_of(v) for v in _flag_values(tokens, _HOST_FLAGS)]
    if not hosts or not all(h and _LOCAL_HOST_RE.match(h) for h in hosts):
        return False
    return bool(NONPROD_RE.search(command))


def local_target(command: str, programs: Programs | None = None) -> bool:
    """The command's own target is this machine, and it names nothing remote."""
    if programs is None:
        programs = _programs(command)
    return _local_marker(command, programs) and not remote_target(command, programs)


# -- sentences -----------------------------------------------------------------------------------

# Production named in the command's sentence ("on your laptop first, then on production:
# X"): the sentence's local words do not make the command local.
SAYS_PROD = _SAYS_PROD = re.compile(
    r"(?<![\w-])(?:prod|production|prd|produktion|produktiv\w*|producci[oó]n|produ[cç][aã]o)"
    r"(?![\w]|-like|-ish)|本番|プロダクション|生产|生產|线上|線上|正式环境|正式環境",
    re.I,
)
"""Like `environments.PRODUCTION_RE` for prose: "live" is an ordinary word in a sentence."""

_MARK = "zqcmdzq"
"""Stands for the command in its sentence: a word no lexicon knows."""
# Words that point forward at a command shown after its sentence ("never run this:").
_FORWARD = re.compile(
    r"\b(?:this|these|that|it|below|the\s+following|following|ceci|cela|ça|ce\s+qui\s+suit|"
    r"suivante?s?|esto|esta|este|eso|lo\s+siguiente|siguientes?|abajo|das|dies|diesen?|"
    r"folgende[nsm]?|unten|isto|isso|o\s+seguinte|seguintes?|abaixo)\b"
    r"|これ|以下|次の|下記|这|下面|如下"
)
# A warning against running what follows: strong negators only ("it won't hurt to run
# this:" and "no need to wait, run this:" are not warnings).
_WARNS = re.compile(
    r"\b(?:never|don'?t|don’t|do\s+not|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|"
    r"under\s+no\s+circumstances|jamais|ne\s+\w+\s+pas|n'\w+\s+pas|nunca|no\s+(?:ejecutes|"
    r"corras|uses|lances|hagas|pegues|copies)|niemals|nie|keinesfalls|nicht|não|nao"
    r"|what\s+not\s+to|things\s+not\s+to|anti-?patterns?|mistakes\s+to\s+avoid)\b"
    r"|しないで|ないで|てはいけ|ては(?:だめ|ダメ)|禁止|厳禁|不要|别|切勿|请勿|千万不要",
    re.I,
)
# Negative-form polite requests are requests ("実行してもらえませんか").
_REQUEST = re.compile(r"ませんか|ないか|ないでしょうか|もらえない|くれない|いただけない")
# Asking the reader to act, which a hypothetical question does not.
_ASKS = re.compile(
    r"\b(?:could|can|would|will)\s+you\b|\bplease\b|\bpourr(?:ais|iez)\b|\bpeux-tu\b|"
    r"\bpouvez-vous\b|\bpodr[ií]as?\b|\bpuedes\b|\bk[öo]nnt(?:est|en)\b|\bkannst\b|"
    r"\bpoderia\b|\bpode\b|\bpodes\b|可以|能不能|请|もらえ|ください|いただけ|くれ",
    re.I,
)
# The consequence of a condition that is not real: "…, it would wipe", "ça effacerait".
_COUNTERFACTUAL = COUNTERFACTUAL
# An English negator before these words warns against nothing ("don't worry about this
# one", "never mind the old one", "don't forget to run this"); nor does one that says a
# thing is not needed ("the team said they don't need it:"), the reason to remove it.
_IDLE_AFTER = re.compile(
    r"\s+(?:ever\s+)?(?:worry|panic|forget|mind|hesitate|wait|bother|fret|stress|skip|miss|omit"
    r"|be\s+(?:afraid|alarmed|scared|shy))\b"
)
# "… don't need it": said of someone else, not of the reader ("you don't need this:").
_NOT_NEEDED = re.compile(
    r"\s+(?:really\s+|even\s+)?need\s+(?:it|this|that|them|these|those|the\s+\w+)"
    r"(?:\s+(?:any\s*more|any\s+longer))?\s*(?:[,.;:!]|$)"
)
_READER = re.compile(r"\byou\s*$")
_ENGLISH_WARN = re.compile(
    r"never|don'?t|don’t|do\s+not|must\s+not|mustn'?t|should\s+not|shouldn'?t"
)
# A later clause of the sentence that orders it after all ("…, but apply it on staging").
_ORDER_AFTER = re.compile(
    r"(?:^|[,;:]\s*|\s(?:but|and|then|so|instead)\s+)(?:(?:just|please|now|instead)\s+)*"
    r"(?:run|apply|execute|deploy|use|paste|merge|push|install)\b(?!\s+not)"
)


# A negator inside a purpose clause says what the order avoids, not what to avoid doing:
# "põe isto no workflow para não travar o merge", "pour que ça ne bloque pas", "damit es
# nicht hängt".
_PURPOSE_BEFORE = re.compile(
    r"(?:\bpara(?:\s+que)?|\bpra|\bpour(?:\s+que)?|\bafin\s+(?:de|que)|\bdamit)"
    r"\b[^,.:;!?\n]{0,40}$",
    re.I,
)


def _idle_warning(text: str, warns: re.Match[str]) -> bool:
    if _PURPOSE_BEFORE.search(text, 0, warns.start()):
        return True
    if not _ENGLISH_WARN.fullmatch(warns.group(0)):
        return False
    if _IDLE_AFTER.match(text, warns.end()):
        return True
    return bool(_NOT_NEEDED.match(text, warns.end())) and not _READER.search(text, 0, warns.start())


_UNREAL_IF = re.compile(r"\bwere\s+to\b|\bhad\b")
_INTRO_END = re.compile(r"[\s:：.。!！]*$")


def _placed(cand: Candidate) -> tuple[str, bool] | None:
    """The candidate's sentence with the command replaced by `_MARK`, and whether the
    command stood inside the sentence (False: the sentence introduces it)."""
    ctx = cand.context
    if not ctx:
        return None
    for needle in (cand.text, cand.text.split("\n", 1)[0].strip()):
        i = ctx.find(needle) if needle else -1
        if i >= 0:
            return ctx[:i] + _MARK + ctx[i + len(needle) :], True
    return _INTRO_END.sub("", ctx) + " " + _MARK, False


# A message that is a report as a whole: its headline or another sentence names the
# postmortem, so a past-tense sentence introducing a command quotes what happened.
_REPORT_MESSAGE = prefiltered(  # read in the whole message for each command in it
    re.compile(
        r"\bpost[- ]?mortem\b|\broot\s+cause\b|\bincident\s+(?:review|report|timeline|summary)\b"
        r"|\brétrospective\b|\bpostmortem\b|事後|复盘|事故报告",
        re.I,
    )
)
# An order to run in the sentence itself ("…, now run it on prod:"): not a report.
_ORDERS_RUN = re.compile(
    r"(?:^|[,;:]\s*|\b(?:now|then|so|and|just|please|you)\s+)(?:re-?)?(?:run|execute|apply|paste)\b",
    re.I,
)
# A past-tense lead-in that names a remedy recommends it again: "What unblocked it last
# time: X", "What worked for the other team: X", "The fix that worked before — X".
# What broke or caused something is still a report; a postmortem's remedy too.
_REMEDY = re.compile(
    r"\b(?:what|whatever|the\s+(?:\w+\s+)?(?:fix|workaround|trick|solution|command|thing|step|way)"
    r"(?:\s+(?:that|which))?|that(?:'s|’s|\s+is)\s+what)\s+(?:\w+\s+){0,3}?"
    r"(?:fixed|solved|resolved|unblocked|unstuck|unjammed|worked|helped|cleared|sorted|saved|"
    r"did\s+the\s+trick|got\s+(?:it|us|them|things|the\s+\w+)\s+(?:going|working|unstuck|out|back)"
    r"|brought\s+\w+\s+back)\b"
    # "… and it fixed it:", "Marco fixed the same thing with X"
    r"|\b(?:it|that|this)\s+(?:fixed|solved|resolved|unblocked|worked|helped|did\s+the\s+trick)\b"
    r"|\b(?:fixed|solved|resolved|unblocked|sorted)\s+(?:\S+\s+){0,4}?(?:with|by\s+(?:running|using))\b"
    r"|\bce\s+qui\s+a\s+(?:marché|fonctionné|débloqué|réglé|résolu|aidé)"
    r"|\blo\s+que\s+(?:funcionó|sirvió|arregló|resolvió|desbloqueó|ayudó)"
    r"|\bwas\s+(?:\w+\s+){0,4}?(?:geholfen|funktioniert|gewirkt)\s+hat"
    r"|\bo\s+que\s+(?:funcionou|resolveu|destravou|ajudou|deu\s+certo)",
    re.I,
)
# The command continues a series its previous clause began ("ran X and then Y").
_SERIES_END = re.compile(r"(?:\band(?:\s+then)?|\bthen|,)\s*$")


# A table a statement or a dataframe writes, creates, empties or drops.
_WRITTEN_TABLE = re.compile(
    r"(?i)\b(?:create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?table(?:\s+if\s+not\s+exists)?"
    r"|insert\s+(?:overwrite\s+)?(?:into\s+)?(?:table\s+)?|drop\s+table(?:\s+if\s+exists)?"
    r"|truncate\s+(?:table\s+)?|delete\s+from|update|merge\s+into)\s+(?P<t>[\w`\"$.-]+)"
    r"|\.(?:saveAsTable|insertInto|writeTo|to_sql)\(\s*[\"'](?P<d>[\w.$-]+)[\"']"
)
# Schemas and datasets that are one person's workspace by name.
_SCRATCH_PART = re.compile(
    r"(?i)^(?:scratch|sandbox|playground|tmp|temp|dev_[a-z]\w*|user_[a-z]\w*|personal_[a-z]\w*"
    r"|scratch_\w+|sandbox_\w+)$"
)


def scratch_only(command: str) -> bool:
    """Every table the command writes sits in a scratch or personal schema (`scratch.…`,
    `sandbox.omar.…`, `dev_omar.…`): the reader's own space, not shared data."""
    found = False
    for m in _WRITTEN_TABLE.finditer(command):  # lazily: the first shared table settles it
        table = m.group("t") or m.group("d")
        parts = table.replace("`", "").replace('"', "").split(".")
        if len(parts) < 2 or not any(_SCRATCH_PART.match(p) for p in parts[:-1]):
            return False
        found = True
    return found


_SHELL_SYNTAX = re.compile(r"[|;&<>`$]")
_PROSE_WORD = re.compile(
    r"\s(?:on|in|to|the|your|my|our|its|then|so|for|from|with|it|this|that|against|into|"
    r"before|after|no|na|em|en|dans|sur|pour|auf|im|für|para|del|de)\s",
    re.I,
)


def _without_tail(cand: Candidate) -> Candidate:
    """A line read whole as a command whose tail is a sentence ("redis-cli -h localhost
    FLUSHALL on your local redis"): the command is its first span, and the whole line is
    its sentence, so the tail's words ("your local redis") are read as words."""
    if cand.kind != "shell" or "\n" in cand.text or len(cand.text) > 400:
        return cand
    if not _PROSE_WORD.search(cand.text):
        return cand  # no sentence words: nothing to cut (and no scan to pay for)
    found = scan(cand.text).spans
    if len(found) != 1 or found[0].start != 0 or found[0].kind != "shell":
        return cand
    tail = cand.text[len(found[0].text) :]
    if len(tail.strip(" .,;:!")) < 3 or _SHELL_SYNTAX.search(tail):
        return cand
    return Candidate("shell", found[0].text, cand.explicit, cand.context or cand.text)


# Outside a blockquote, words that take the quoted command up as the writer's own order:
# "do the same", "run the command above", "follow the quoted steps", "faites pareil",
# "haz lo mismo", "mach das auch", "faça o mesmo", "同じ操作を", "照做" — unless negated.
_ADOPTS = re.compile(
    r"(?<!n't\s)(?<!n’t\s)(?<!not\s)(?<!never\s)"
    r"\b(?:do|run|execute|repeat|follow|apply|redo)\s+(?:it|them|that|the\s+same|the\s+"
    r"(?:quoted|above)\b|(?:the\s+)?(?:command|steps?|fix)\s+(?:above|quoted)|what\s+(?:it|they)\s+"
    r"(?:says?|did))|\b(?:as|like)\s+(?:quoted|above|described\s+above)\b"
    r"|\b(?:fai(?:s|tes)\s+(?:pareil|la\s+même\s+chose)|(?:lance|exécute)[sz]?\s+(?:-la|-le|la\s+même))"
    r"|\b(?:haz|haga|ejecuta)\s+lo\s+mismo|\bfa[çc]a\s+o\s+mesmo|\b(?:mach|führ)\w*\s+(?:das|es)\s+"
    r"(?:auch|genauso|ebenso)|(?:同じ(?:操作|こと|コマンド)を(?:実行|し|やっ)(?!ない))|照做|(?<!不要)(?<!别)再执行一次",
    re.I,
)


def quote_adopted(message: str) -> bool:
    """A quoted command is an order after all: the message is no record of what happened
    (no postmortem, root cause or incident report: "Here's what Priya suggested: > …
    Can you take care of it?" passes a suggestion on), or the words outside the quote take
    it up ("do the same")."""
    record = _REPORT_MESSAGE.search(message) or _INCIDENT.search(message)
    return record is None or bool(_ADOPTS.search(message))


# An incident named in any of the seven languages: a quote beside one is its record.
_INCIDENT = re.compile(
    r"\bINC-?\d+|\bincid(?:ent|ente|encia)s?\b|\bvorfall|\bstörung|\bausfall|\boutage\b"
    r"|\bpanne\b|\bcaída\b|\bqueda\b|インシデント|障害|事故|故障|宕机",
    re.I,
)


def judge(
    cand: Candidate,
    message: str = "",
    chosen: Selections | None = None,
    report_words: bool = True,
) -> Why | None:
    """Why this command is not an order to run it here, or None when it is one.

    `message` is the whole text: a postmortem's headline makes a past-tense sentence
    introducing a command a report even when the sentence does not say "postmortem".
    `chosen` is `selections(message)` and `report_words` is `has_report_words(message)`,
    both read once by a caller that judges many commands."""
    if chosen is None:
        chosen = selections(message)
    if cand.kind not in COMMAND_KINDS:
        return None
    if cand.kind in ("sql", "dataframe") and scratch_only(cand.text):
        return "scratch"  # "CREATE OR REPLACE TABLE scratch.dev_omar.dupes AS SELECT …"
    cand = _without_tail(cand)
    placed = _placed(cand)
    if placed is None:
        if _own_target(cand.text, chosen):
            return "local"
        return "deidentified" if _sources_no_ones(cand) else None
    text, inside = placed
    low = lower(text)
    pos = low.find(_MARK)
    structure = spans(low)
    sentence_local = own = nonprod = False
    reported = report_words and _reports(message, cand.context)
    for lx in languages(low):
        scope = Scope(lx, low, structure)
        why = _sentence_scope(lx, scope, pos, inside, reported)
        if why is not None:
            return why
        sentence_local = sentence_local or scope.sentence_has(scope.sentence_of(pos), "local")
        own = own or scope.sentence_has(scope.sentence_of(pos), "own_space")
        nonprod = nonprod or scope.nonprod(scope.sentence_of(pos))
    nonprod = nonprod or _selected_nonprod(cand.text, chosen) or _test_mode(cand.text, message)
    if sentence_local and _LAPTOP_AS_DESTINATION.search(low):
        sentence_local = False  # "… and keep it on your machine": where the copy goes
    why = _target_scope(cand.text, low, sentence_local, own, nonprod)
    if why is None and _copies_no_ones(cand, low, pos):
        return "deidentified"
    return why


# CLIs that act in their vendor's test mode unless told otherwise (`stripe … --live`).
_TEST_MODE_BY_DEFAULT = frozenset({"stripe"})
# A command of one of them, in the message, that asks for live mode: then the message's
# other commands of that CLI work on live data too (`stripe customers list --live` feeds
# `stripe customers delete`).
_LIVE_RUN = re.compile(r"\bstripe\s[^`\n]*(?:--live\b|\b[rs]k_live_)")


def _test_mode(command: str, message: str) -> bool:
    """A CLI whose default is its test mode, and nothing in the message runs it live: the
    Stripe CLI without `--live` touches only test-mode objects."""
    programs = _programs(command)
    return (
        bool(programs)
        and all(p in _TEST_MODE_BY_DEFAULT for p, _ in programs)
        and not _LIVE_RUN.search(message or command)
    )


def _sources_no_ones(cand: Candidate) -> bool:
    """The command reads only sources named synthetic or de-identified, and names no
    production (`--uri "$PROD_MONGO_URI"` keeps a synthetic collection held)."""
    if _PROD.search(cand.text):
        return False
    if cand.kind == "sql":
        return sql_sources_marked(cand.text)
    if cand.kind != "shell":
        return False
    return command_sources_marked(_programs(cand.text.replace("\\\n", " ")))


def _copies_no_ones(cand: Candidate, low: str, pos: int) -> bool:
    """What the command copies is named synthetic or de-identified: by the command's own
    sources, or by its sentence, which names no personal field as going and no production."""
    if _sources_no_ones(cand):
        return True
    if _PROD.search(cand.text) or _names_production(low):
        return False
    for lx in languages(low):
        scope = Scope(lx, low, spans(low))
        a, b = scope.sentence_of(pos)
        if sentence_says_no_ones(low, a, b + 1) and not fields_go(lx, low, (a, b + 1)):
            return True
    return False


# The reader's own machine named as where a copy is kept ("keep it on your machine",
# "save the file to your laptop", "guárdalo en tu portátil", "garde-le sur ton PC", "leg
# sie auf deinem Laptop ab", "salva no seu notebook", "存到你电脑上", "自分のPCに保存"): the
# destination of what the command writes, not the place the command acts on.
_LAPTOP_AS_DESTINATION = re.compile(
    r"\b(?:keep|put|save|store|copy|move|download|leave)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"(?:on|onto|to|in|into)\s+(?:your|my)\s+(?:own\s+)?(?:laptop|machine|computer|desktop|mac|pc)\b"
    r"|\b(?:guard|copi|baj|descarg)\w*\s+(?:[\w-]+\s+){0,3}?en\s+tu\s+(?:portátil|ordenador|pc|compu\w*)"
    r"|\b(?:gard|copi|enregistr|sauvegard|télécharg)\w*[\w-]*\s+(?:[\w-]+\s+){0,3}?sur\s+(?:ton|votre)\s+"
    r"(?:pc|ordi\w*|portable|poste|mac)"
    r"|\bauf\s+(?:deinem|ihrem|deinen|ihren)\s+(?:laptop|rechner|notebook|pc|mac)\b"
    r"|\b(?:salv|guard|copi|baix)\w*\s+(?:[\w-]+\s+){0,3}?n[oa]\s+(?:seu|teu)\s+(?:notebook|computador|pc|mac|portátil)"
    r"|(?:存|放|拷|下载)(?:到|在)(?:你|自己)的?(?:电脑|笔记本)|(?:自分|あなた)の(?:pc|パソコン|ノートpc)に(?:保存|置)"
)


def _target_scope(
    command: str, low: str, sentence_local: bool, own: bool, nonprod: bool
) -> Why | None:
    """Why "local": when the command's target, or its sentence, names no one's real data."""
    if _names_production(low) or _PROD.search(command):
        return None  # "on the prod cluster, `docker compose down -v`": not this machine
    programs = _programs(command)
    if (nonprod or _nonprod_target(command, programs)) and not _SHARED.search(low):
        return "local"  # `--context preview`, "in the dev Kafka cluster": nobody's real data
    if local_target(command, programs) or (
        (sentence_local or _local_test_database(command, programs))
        and not remote_target(command, programs)
        and not _SAYS_PROD.search(low)
    ):
        return "local"
    if own:
        return "local"  # a cloud target that is the reader's own sandbox ("your dev stack")
    return None


_ENV_FLAGS = (
    _CONTEXT_FLAGS
    | _HOST_FLAGS
    | frozenset(
        _words(
            """
-n --namespace --profile --env --environment --stack --workspace --project --resource-group
--subscription --name --table-name --db-instance-identifier --instance
"""
        )
    )
)
_ENV_FLAGS_DASHED = all(f.startswith("-") for f in _ENV_FLAGS)
"""Every flag starts with a dash: a command without one names none (no word to read)."""
# A step that selects where the next steps act: a stack, a workspace, a context, a project.
_SELECTS = re.compile(
    r"\b(?P<tool>pulumi|terraform|tofu|terragrunt|kubectl|gcloud|az)\s+"
    r"(?:stack\s+select|workspace\s+(?:select|new)|config\s+use-context|"
    r"config\s+set\s+(?:core/)?project|account\s+set\s+(?:-s|--subscription))"
    r"(?:\s+-\S+)*\s+['\"]?(?P<value>[\w./:@-]+)"
)
# The tools a selection carries over to (`kubectl config use-context` scopes helm too).
_SELECTED_FOR = {
    "pulumi": ("pulumi",),
    "terraform": ("terraform", "terragrunt"),
    "tofu": ("tofu",),
    "terragrunt": ("terragrunt", "terraform"),
    "kubectl": ("kubectl", "helm", "oc"),
    "gcloud": ("gcloud", "gsutil", "bq"),
    "az": ("az",),
}


def _selected_nonprod(command: str, chosen: Selections, found: Programs | None = None) -> bool:
    """An earlier step selected a development stack, workspace, context or project for this
    command's tool ("pulumi stack select dev-omar", then "pulumi destroy --yes"), the command
    names no place of its own, and the message never names production."""
    if not chosen:
        return False
    programs = {p for p, _ in (_programs(command) if found is None else found)}
    mine = [value for tool, value in chosen if programs & set(_SELECTED_FOR[tool])]
    if not mine or _own_env_flags(command):
        return False
    return all(NONPROD_RE.search(f" {v} ") for v in mine)


Selections = tuple[tuple[str, str], ...]
"""(tool, stack/workspace/context/project) pairs a message selects."""


def selections(message: str) -> Selections:
    """What the message selects for each tool; empty when it selects nothing or names
    production anywhere. Read once per message, not per command: a 64 KB message of
    5,000 commands read it 5,000 times."""
    if not message or not any(w in message for w in ("select", "set", "use-context", "new")):
        return ()
    found = tuple((m.group("tool"), m.group("value")) for m in _SELECTS.finditer(message))
    if not found or _SAYS_PROD.search(message.lower()):
        return ()
    return found


def _own_env_flags(command: str) -> bool:
    return any(w.partition("=")[0] in _ENV_FLAGS for w in command.split())


def _own_target(command: str, chosen: Selections) -> bool:
    """A command with no sentence of its own is local when its own target is this machine,
    a development place it names, or one an earlier step selected."""
    if _PROD.search(command):
        return False
    programs = _programs(command)
    return (
        local_target(command, programs)
        or _local_test_database(command, programs)
        or _nonprod_target(command, programs)
        or _selected_nonprod(command, chosen, programs)
    )


def _nonprod_target(command: str, programs: Programs | None = None) -> bool:
    """Every context, namespace, profile or host the command names is a development, test
    or preview one (`--context preview`, `-n dev`), and it names at least one."""
    words = command.split() if "-" in command or not _ENV_FLAGS_DASHED else []
    values = []
    for i, word in enumerate(words):
        flag, eq, value = word.partition("=")
        if flag in _ENV_FLAGS:
            values.append(value if eq else (words[i + 1] if i + 1 < len(words) else ""))
    values += _named_resource(command, programs)
    return bool(values) and all(NONPROD_RE.search(f" {v} ") for v in values)


# Cloud and cluster CLIs whose last word names the resource acted on
# (`gcloud sql instances delete orders-test`, `bq rm -t northwind-dev:scratch.tmp`).
_NAMED_RESOURCE_PROGRAMS = frozenset(
    _words(
        """
aws gcloud gsutil bq az doctl heroku flyctl databricks kubectl oc helm argocd pulumi cdk
eksctl
"""
    )
)


# Flags that take a value which places the command (a region, a zone) or shapes its output:
# the word after one is that value, never the resource (`… delete review-x --region eu-west1`).
_PLACE_FLAGS = frozenset(
    _words(
        """
--region --zone --location --format --output -o --filter --account --configuration
--project --profile --subscription --resource-group -g --namespace -n --context
"""
    )
)
# Flags whose value is the resource itself (`--stack-name workshop-demo`).
_NAME_FLAGS = frozenset(
    _words(
        """
--stack-name --cluster-name --cluster --cluster-identifier --db-cluster-identifier
--db-instance-identifier --function-name --bucket --app --service --name --instance
--environment-name --application-name --table-name
"""
    )
)


_HTTP_CLIENTS = frozenset(_words("curl wget http https xh"))
# A URL whose path is one name at the root: an Elasticsearch or OpenSearch index, a bucket
# (`https://es-staging:9200/loadtest-*`); a deeper path is an API's object (`/users/test`).
_ROOT_PATH = re.compile(
    r"(?i)\b[a-z][\w+.-]*://[^/\s'\"`]+/(?P<name>[^/\s'\"`?#]+)/?(?=[\s'\"`?#]|$)"
)


def _root_resources(command: str) -> list[str]:
    """The root-level names an HTTP client's URLs act on, when each is a compound name
    (`loadtest-*`, `dev_logs`; a bare `test` may name anything); [] when any URL names
    none or a bare word: no target to read."""
    names = []
    for m in _URL.finditer(command):
        root = _ROOT_PATH.match(command, m.start())
        name = root.group("name") if root else ""
        if not name or not re.search(r"[-_]", name):
            return []
        names.append(name)
    return names


def _named_resource(command: str, programs: Programs | None = None) -> list[str]:
    """The resource a cloud or cluster CLI acts on: the value of its name flag, else its
    last word that is no flag and no flag's value."""
    if programs is None:
        programs = _programs(command)
    if len(programs) == 1 and programs[0][0] in _HTTP_CLIENTS:
        return _root_resources(command)
    if len(programs) != 1 or programs[0][0] not in _NAMED_RESOURCE_PROGRAMS:
        return []
    tokens = programs[0][1][1:]
    named = _flag_values(tokens, _NAME_FLAGS)
    if named:
        return named
    words = [
        t
        for i, t in enumerate(tokens)
        if not t.startswith("-") and not (i and tokens[i - 1] in _PLACE_FLAGS)
    ]
    last = words[-1] if len(words) >= 2 else ""
    return [last] if re.search(r"[-_.:/]", last) else []


# "on your laptop, not on prod": production named only to be excluded
_NOT_BEFORE = re.compile(
    r"\b(?:not|never|no|nothing|instead\s+of|rather\s+than|away\s+from|outside(?:\s+of)?)"
    r"\s+(?:\w+\s+){0,2}$"
)


# "…; production stays untouched", "o projeto de produção fica ativo", "la prod reste
# intacte", "die Produktion bleibt unberührt", "生产环境不动": production named as what the
# step leaves alone, a few words after it in its own clause.
_LEFT_ALONE_AFTER = re.compile(
    r"^\s*(?:[^\s,;:.!?。，；：]+\s+){0,3}?(?:(?:is|are|will|would)\s+)?(?:"
    r"stays?|remains?|untouched|unaffected|(?:is|are|was)n'?t\s+(?:affected|touched)"
    r"|not\s+(?:be\s+)?(?:affected|touched)|keeps?\s+running|is\s+kept|left\s+alone"
    r"|fica|continua|permanece|n[ãa]o\s+(?:é\s+|será\s+)?(?:afetad|tocad|mexid)\w*|intact\w*"
    r"|queda|sigue|no\s+se\s+toca|no\s+(?:se\s+)?(?:ve\s+)?afectad\w*"
    r"|reste|demeure|n'est\s+pas\s+(?:touch|affect|concern)\w*|ne\s+bouge\s+pas"
    r"|bleibt|unber[üu]hrt|(?:ist|wird)\s+nicht\s+(?:betroffen|angefasst)|l[äa]uft\s+weiter"
    r")(?![\w-])"
    r"|^\s*[^\s,;:.!?。，；：]{0,8}?(?:不动|不受影响|保持不变|继续运行|不变|そのまま|触らない|影響(?:しない|なし|はない))"
)


def _names_production(low: str) -> bool:
    """The sentence names production as where the command goes (not only to exclude it,
    nor as what is left alone)."""
    text = low.replace(_MARK, " ")
    return any(
        not _NOT_BEFORE.search(text, max(0, m.start() - 30), m.start())
        and not _LEFT_ALONE_AFTER.match(text[m.end() : m.end() + 60])
        for m in _SAYS_PROD.finditer(text)
    )


def has_report_words(message: str) -> bool:
    """The message holds a word every report heading needs (`_REPORT_MESSAGE`'s required
    words; none holds a space). Without one, no command's message is a report, whatever
    sentence is cut out of it: read once per message, not once per command. The words
    are looked for as the pattern's own search looks for them (in the lower-cased text
    when that is safe: `re` ignoring case finds no first characters to skip to)."""
    if _REPORT_WORDS is None or not isinstance(_REPORT_MESSAGE, Prefiltered):
        return True
    return _REPORT_MESSAGE.may_match(message)


_REPORT_WORDS: re.Pattern[str] | None = getattr(_REPORT_MESSAGE, "words", None)
if _REPORT_WORDS is not None and re.search(r"\s", _REPORT_WORDS.pattern):
    _REPORT_WORDS = None  # a word with a space could span the cut: every message is read
elif _REPORT_WORDS is not None:  # searched in the lower-cased text: re ignoring case is slow
    _REPORT_WORDS = prefiltered(_REPORT_WORDS)


def _reports(message: str, context: str) -> bool:
    """The message around the command's sentence is a report (a postmortem)."""
    rest = message.replace(context, " ") if context else message
    return bool(_REPORT_MESSAGE.search(rest))


def _sentence_scope(
    lx: Lexicon, scope: Scope, pos: int, inside: bool, reported_message: bool = False
) -> Why | None:
    """Warnings inside the command's own sentence ("never run `X`") are read when the
    command is found (`spans.reported`); here: a sentence that introduces it, a report,
    a hypothetical, a proposal. The readings are tried in order; the first one wins."""
    place = _place(lx, scope, pos, inside, reported_message)
    for reading in _READINGS:
        why = reading(place)
        if why is not None:
            return why
    return None


@dataclass
class _Place:
    """Where a command (`_MARK` at `pos`) sits in its sentence, as the readings see it."""

    lx: Lexicon
    scope: Scope
    pos: int
    inside: bool
    reported_message: bool
    clause: tuple[int, int]
    sentence: tuple[int, int]
    lead: str
    """What comes before the command in its own clause."""
    governing: list[tuple[int, int]]
    series: tuple[int, int] | None
    own: tuple[int, int]

    @property
    def low(self) -> str:
        return self.scope.low

    @property
    def end(self) -> int:
        return self.pos + len(_MARK)

    @cached_property
    def recommends(self) -> bool:
        low = self.low
        return (
            not self.reported_message
            and not _REPORT_MESSAGE.search(low)
            and bool(_REMEDY.search(low, self.sentence[0], self.sentence[1] + 1))
        )


def _place(lx: Lexicon, scope: Scope, pos: int, inside: bool, reported_message: bool) -> _Place:
    low = scope.low
    clause = scope.clause_of(pos)
    sentence = scope.sentence_of(pos)
    # A command alone in its clause after a colon is governed by the clause before it
    # ("Root cause: an engineer ran X"); a fence's sentence introduces it, so any of
    # its clauses that points at it ("never run this", "the statement below") governs.
    governing: list[tuple[int, int]] = []
    lead = low[clause[0] : pos].strip(" `*\"'>-_")
    if not inside:
        governing = [c for c in scope.structure.clauses(_at(scope, sentence)) if c != clause]
    series: tuple[int, int] | None = None
    if inside and clause[0] > sentence[0] and (not lead or lead in ("then", "and then", "and")):
        before = scope.clause_of(clause[0] - 1)
        if low[before[0] : before[1]].rstrip().endswith((":", "：")) and not lead:
            governing.append(before)
        elif lead or _SERIES_END.search(low, before[0], clause[0]):
            series = before  # "an engineer ran X and then Y": Y is told as X is
    # where the verb follows its object (Japanese; German subordinate clauses) the command's
    # own clause runs on after it: "X を実行したのが原因でした" reports, it does not ask
    verb_final = bool(lx.entries.get("neg_after"))
    own = (clause[0], clause[1] if verb_final else pos + len(_MARK))
    return _Place(
        lx, scope, pos, inside, reported_message, clause, sentence, lead, governing, series, own
    )


def _refused_in_place(p: _Place) -> Why | None:
    if p.inside and (
        # verb-final: "X を実行しないでください", "X bitte nicht ausführen"
        _negated_after(p.lx, p.low, p.end, p.clause[1])
        # "the README says to run X, but please don't"
        or _told_then_refused(p.lx, p.low, p.sentence, p.pos, p.end)
    ):
        return "warning"
    return None


def _stamped_report(p: _Place) -> Why | None:
    if (
        p.inside
        and (_LEAD_STAMP.match(p.lead) or _time_lead(p))
        and _ran_after(p.lx, p.low, p.end, p.clause[1])
        and not _RERUN.search(p.low, p.end, p.sentence[1] + 1)
    ):
        return "report"  # "- 14:02 `UPDATE …` ran without a WHERE clause"
    return None


def _time_lead(p: _Place) -> bool:
    """Only a past time before the command ("Last year `X` broke every mirror", "Gestern
    hat `X` …"): a few words, all of them the report's time."""
    lead = p.lead
    return 0 < len(lead.split()) <= 4 and bool(
        (m := p.lx.pattern("report").search(lead)) and not lead[: m.start()].strip()
    )


def _series_report(p: _Place) -> Why | None:
    if p.series is None or p.recommends:
        return None
    a, b = p.series
    if _past(p.lx, p.low, a, b) and p.scope.sentence_has(p.sentence, "report"):
        return "report"
    return None


def _governed(p: _Place) -> Why | None:
    """The command's own clause, then each clause that governs it, read in turn."""
    for a, b in [p.own, *p.governing]:
        pointed = (p.inside and (a, b) == p.own) or _FORWARD.search(p.low, a, b)
        if not pointed:
            continue  # "Don't panic: X" warns about nothing; "It failed: X" reports nothing
        why = _clause_reading(p, a, b)
        if why is not None:
            return why
    return None


def _clause_reading(p: _Place, a: int, b: int) -> Why | None:
    low, lx = p.low, p.lx
    text = low[a:b]
    # own clause of an inline command: read by `spans.reported`
    warns = _WARNS.search(text) if not p.inside or (a, b) != p.own else None
    if (
        warns is not None
        and not _REQUEST.search(text)
        and not lx.pattern("affirm").search(low, a, b)
        and not _idle_warning(text, warns)
        and not _ORDER_AFTER.search(low, b, p.sentence[1])
    ):
        return "warning"
    if lx.pattern("proposal").search(low, a, b):
        return "proposal"
    if (
        not p.recommends
        and _past(lx, low, a, b)
        and (
            p.scope.sentence_has(p.sentence, "report")
            or _someone_did(low, a, b)
            or (
                p.reported_message
                and not p.inside
                and not _ORDERS_RUN.search(low, p.sentence[0], p.sentence[1])
            )
        )
    ):
        return "report"
    return None


# Someone other than the reader as the subject of a past verb: "alguien hizo `X`",
# "jemand hatte `X` gesetzt", "someone ran `X`", "有人执行了 X" tell what another person
# did; the reader is asked nothing (a remedy told this way is caught by `recommends`).
def _someone_did(low: str, a: int, b: int) -> bool:
    """Someone else is the clause's subject and did it; what they advised is passed on."""
    who = SOMEONE.search(low, a, b)
    return who is not None and not ADVISED.search(low, who.end(), b)


def _hypothetical(p: _Place) -> Why | None:
    low, pos, sentence = p.low, p.pos, p.sentence
    conditional = p.lx.pattern("conditional").search(low, p.clause[0], pos)
    if (
        conditional is not None
        and (
            _UNREAL_IF.search(low, conditional.end(), pos)
            or _past(p.lx, low, conditional.end(), pos)
        )
        and _COUNTERFACTUAL.search(low, p.end, sentence[1])
    ):
        return "hypothetical"  # "if you were to run X, every pod would be gone"
    whole = low[sentence[0] : min(len(low), sentence[1] + 1)]
    if (
        ("?" in whole or "？" in whole)
        and p.scope.sentence_has(sentence, "hypothetical")
        and not _ASKS.search(whole)
    ):
        return "hypothetical"  # "what would happen if we ran X on prod?"
    return None


_ADVERBS = (
    r"also|then|probably|likely|maybe|perhaps|surely|certainly|definitely|just|easily|quickly"
)
# The command as the subject of a conditional verb: "`X` would remove the instance".
_WOULD_AFTER = re.compile(
    r"[\s`'\"]*(?:(?:on|in|against|for)\s+(?:[\w-]+\s+){1,4}?)?"
    r"(?:would|could|might)\s+(?:(?:" + _ADVERBS + r")\s+)*(?!(?:" + _ADVERBS + r")\b)"
    # "`X` would be the command", "would fix it", "would probably cut it": a recommendation
    # (the command does some good), not a description of what it does
    r"(?!(?:you|be|do|work|fix|help|solve|suffice|unblock|sort|handle|resolve|get|cut|clear|"
    r"free|tidy|clean|reduce|lower|shrink|speed|save|stop|take|settle|sort|deal|address|"
    r"remedy|cure|unstick|restore|bring|make)\b)\w+"
)
# An order anywhere after it takes the description back ("… Can you run it today?").
_ORDER_LATER = re.compile(
    r"(?<!n't\s)(?<!n’t\s)(?<!not\s)(?<!never\s)"
    r"\b(?:run|execute|apply|go\s+ahead|do\s+it|kick\s+(?:it|that)\s+off)\b",
    re.I,
)
# "… asking whether `X` would halve the clone time": a question about it, not an order.
_ASKS_WHETHER = re.compile(r"\b(?:whether|if)$")


def _described(p: _Place) -> Why | None:
    """The sentence says what the command would do and asks nobody to run it: "For
    context: `gcloud sql instances delete orders-prod` would remove the instance and its
    backups, which is why we keep it." An ask or an order to run it, in this sentence or
    any after it, keeps it an order."""
    if not p.inside or not _WOULD_AFTER.match(p.low, p.end):
        return None
    if p.lead and not _ASKS_WHETHER.search(p.lead):
        return None
    rest = p.low[p.sentence[0] :].replace(_MARK, " ")
    if (
        _ASKS.search(rest)
        or _ORDER_LATER.search(rest)
        or p.scope.sentence_has(p.sentence, "request")
    ):
        return None
    return "hypothetical"


# Japanese and Chinese put the command inside its condition: "もし X を実行したら/すると
# …", "如果在生产库执行 X，就会…". The condition's ending right after the command
# (Japanese), or a consequence "会" later in the sentence (Chinese).
_JA_IF_AFTER = re.compile(
    r"[\s`'\"」]*(?:を|で)?\s*(?:実行|流|入力|打|使|走らせ|叩|適用)\S{0,4}?(?:たら|ると|れば|ば)"
)
_ZH_CONSEQUENCE = re.compile(r"[^。!?]*?(?:就会|将会|可能会|会)")
# An ask in the rest of the sentence ("…たら、結果を教えてください", "请…"), unless it is a
# negated one ("載せないでください": do not).
_ASK_AFTER = re.compile(r"(?<!ないで)(?:ください|下さい|お願い)|请")


def _protasis(p: _Place) -> Why | None:
    """The command is the condition of a Japanese or Chinese conditional ("もし本番で X を
    実行すると全部消える"): it says what would follow, and asks for nothing."""
    if p.lx.spaced or not p.lx.pattern("conditional").search(p.low, p.sentence[0], p.pos):
        return None
    end = p.sentence[1] + 1
    if not (_JA_IF_AFTER.match(p.low, p.end, end) or _ZH_CONSEQUENCE.match(p.low, p.end, end)):
        return None
    return None if _ASK_AFTER.search(p.low, p.end, end) else "hypothetical"


# "did anyone run `X` on prod last night?": a question about what was done.
_ASKED_IF_DONE = re.compile(
    r"\b(?:did|has|have|had)\s+(?:anyone|anybody|someone|somebody|you|we|they|he|she|\w+)\s+"
    r"(?:(?:ever|already|just|actually|accidentally)\s+)?(?:run|ran|execute|executed|apply|"
    r"applied|type|typed|paste|pasted)$"
)


def _asked_if_done(p: _Place) -> Why | None:
    """The sentence asks whether someone already ran it: a question about the past."""
    whole = p.low[p.sentence[0] : min(len(p.low), p.sentence[1] + 1)]
    if p.inside and ("?" in whole or "？" in whole) and _ASKED_IF_DONE.search(p.lead):
        return "report"
    return None


def _asked_leave(p: _Place) -> Why | None:
    """The writer asks leave to run it ("May I run `DROP TABLE …` on reporting?",
    "`velero schedule delete …` してもよいですか"): the reader answers, nobody is told to."""
    return "question" if p.scope.asks_leave(p.sentence) else None


_READINGS: tuple[Callable[[_Place], Why | None], ...] = (
    _refused_in_place,
    _stamped_report,
    _series_report,
    _governed,
    _hypothetical,
    _protasis,
    _described,
    _asked_leave,
    _asked_if_done,
)
"""How a sentence can make a command not an order, in the order they are tried."""


# What someone else said to do, refused right after ("…, but please don't;").
_REFUSED = re.compile(
    r"^[^.;!?\n]{0,60}?(?:\bbut\s+(?:please\s+)?(?:don'?t|do\s+not|never|avoid\s+it|let'?s\s+not)"
    r"\s*(?:[;,.!:—–-]|$)"
    # "…; I'd rather not", "…, but we won't": the reader's own refusal
    r"|[;,—–-]\s*(?:but\s+|and\s+)?(?:i|we)(?:'d|\s+would)\s+(?:really\s+|definitely\s+|strongly\s+)?"
    r"(?:rather\s+not|not\s+(?:run|execute|install|paste|use)\s+(?:it|that|this|them)\b)"
    r"|[;,—–-]\s*(?:but\s+|and\s+)?(?:i|we)\s+(?:really\s+)?(?:wouldn'?t|won'?t|will\s+not|would\s+not)\b"
    # "…, report it in #security instead of running it": the reader told to do otherwise
    r"|\b(?:instead\s+of|rather\s+than)\s+(?:running|executing|pasting|installing|opening|"
    r"applying)\s+(?:it|them|this|that)\b"
    # "…, recuse", "…, no lo hagas", "…, refusez", "…, lehn das ab": the reader told to refuse
    r"|[;,:—–-]\s*(?:recus[ae]m?|n[ãa]o\s+(?:fa[çc]a|fa[çz]|cole|execute)|no\s+lo\s+hag[aá]is|"
    r"no\s+lo\s+hagas|rech[aá]z\w*|ni[eé]gate|refuse[zr]?|ne\s+le\s+fai(?:s|tes)\s+pas|"
    r"lehn\w*\s+(?:\w+\s+)?ab|tu(?:n\s+sie)?\s+(?:das\s+)?nicht)\b)",
    re.I,
)
# Nothing but a time stamp or a list mark before the command in its clause.
_LEAD_STAMP = re.compile(r"^[\d:.\-–\s*•>()hapm]*$", re.I)
_WAS = re.compile(r"\s*(?:was|were|got|had\s+been)\s+(\w+)", re.I)


def _told_then_refused(
    lx: Lexicon, low: str, sentence: tuple[int, int], pos: int, end: int
) -> bool:
    """Someone else's instruction reported, then refused right after it ("the README says
    to run X, but please don't", "someone on the forum suggested X; I'd rather not")."""
    told = lx.pattern("reported").search(low, sentence[0], pos) or _SUGGESTED.search(
        low, sentence[0], pos
    )
    return told is not None and bool(_REFUSED.match(low[end : max(sentence[1] + 1, end + 120)]))


# Someone else's advice, reported in English ("a blog post recommends", "Bob suggested").
_SUGGESTED = re.compile(
    r"\b(?:suggest(?:s|ed)?|recommend(?:s|ed)?|propos(?:es|ed)|advis(?:es|ed)"
    # a stranger's post, reported ("someone in the issue posted a fix that boils down to")
    r"|posted|boils\s+down\s+to)\b",
    re.I,
)


def _ran_after(lx: Lexicon, low: str, end: int, clause_end: int) -> bool:
    """The command is the subject of a past verb right after it ("`X` ran", "`X` was run")."""
    while end < clause_end and low[end] in "`'\"*”’":
        end += 1  # the quote around the command
    if not lx.spaced:
        return bool(lx.past_after_re.match(low, end, clause_end))
    m = _WAS.match(low, end, clause_end)
    word = m.group(1) if m else (low[end:clause_end].split() or [""])[0]
    participle = bool(m) and word in ("run", "done", "typed", "pasted")
    return word.isalpha() and (participle or bool(lx.past_form_re.search(word)))


def _negated_after(lx: Lexicon, low: str, end: int, clause_end: int) -> bool:
    """The command's own clause negates the verb that follows it (languages whose lexicon
    has negators after the verb: Japanese しないで, German nicht), and is no request."""
    after = lx.pattern("neg_after").search(low, end, clause_end)
    return (
        after is not None
        and not _REQUEST.search(low, end, clause_end)
        and not lx.pattern("affirm").search(low, end, clause_end)
    )


def _at(scope: Scope, sentence: tuple[int, int]) -> int:
    return scope.structure.sentences.index(sentence)


_LETTERS = re.compile(r"[^\W\d_]+")


def _past(lx: Lexicon, low: str, a: int, b: int) -> bool:
    """A verb in this clause tells what happened ("ran", "executed", "a supprimé", "した")."""
    if lx.spaced:
        return any(lx.past_at(low, m.start(), m.group(0), a) for m in _LETTERS.finditer(low, a, b))
    # the pattern is anchored with "^", which `match(low, i)` honours only at 0: slice
    return any(lx.past_after_re.match(low[i : min(b, i + 12)]) for i in range(a, b))


def passes_on(
    command: str, message: str, company_domains: Sequence[str] = (), reads: Sequence[str] = ()
) -> bool:
    """The value printed by `reads` (secret reads inside `command`) is sent on: the command
    hands it to a program that publishes or to one this module does not know
    (`value_flow`), or shows it to the reader while the message asks (in any sentence,
    not negated) to share, paste, post or send it: a sending verb whose object is the
    printed value, a secret or unnamed (`hands_over_value`), not another thing ("paste
    the table list", "share your screen"). A value kept in a shell variable, a secret
    store or a client's login goes nowhere, whatever the message says about other things."""
    flow = value_flow(command, reads or (command,), company_domains)
    if flow != "shown":
        return flow == "sent"
    message = message.replace(command, " ")  # its own words (`--output text`) are no verbs
    low = lower(message)
    structure = None
    for lx in languages(low):
        # the verbs of an accent-folding language are matched without stress accents
        # ("pégalo", "envíalo"), as the prose reader matches them; same offsets
        seen = low.translate(ACCENTS) if lx.fold_accents else low
        for slot in ("share", "move"):
            for m in lx.pattern(slot).finditer(seen):
                if reported(message[max(0, m.start() - 120) : m.start()]):
                    continue
                structure = structure or spans(low)
                scope = Scope(lx, low, structure)
                at = m.start()
                if scope.lowered(at, m.end(), scope.clause_of(at), scope.sentence_of(at)):
                    continue  # negated, past or hypothetical ("no need to share it")
                if hands_over_value(lx, message, low, scope, at, m.end()):
                    return True  # not "paste the table list", "share your screen"
    return False


# An order, elsewhere in the message, to run the quoted command after all: a verb of running
# and a word pointing back at it ("so run the same DELETE on staging", "execute it again").
_RERUN = re.compile(
    r"\b(?:run|re-?run|execute|re-?execute|apply|repeat|do|try|paste|lance[rz]?|relance[rz]?|"
    r"ex[ée]cute[rz]?|refais|ejecuta|corre|lanza|repite|f[üu]hr\w*|wiederhole|starte|rode|roda|"
    r"execute|repita)\b[^.!?\n。！？]{0,60}?(?:\b(?:the\s+same|same|it|this|that|again|once\s+more|"
    r"la\s+m[êe]me|le\s+m[êe]me|ça|cela|[àa]\s+nouveau|de\s+nouveau|lo\s+mismo|la\s+misma|"
    r"el\s+mismo|eso|de\s+nuevo|otra\s+vez|dasselbe|denselben|dieselbe|erneut|nochmal|"
    r"o\s+mesmo|a\s+mesma|isso|de\s+novo|novamente)\b)"
    r"|もう一度|同じ(?:コマンド|クエリ|文)?を?(?:実行|流)|再(?:次)?(?:执行|运行)|同样的?(?:命令|语句)"
    # a bare order to run, its object dropped: "…たら、容量が空きます。実行してください。"
    r"|(?<!を)実行して(?:ください|下さい)|(?:去|就)执行(?:吧|一下)?|执行(?:吧|一下)",
    re.I,
)


def rerun_elsewhere(cand: Candidate, message: str) -> bool:
    """Another sentence of the message orders the quoted command run after all (a
    postmortem that ends "so run the same DELETE on staging now"), or its own sentence
    hands the report on ("we ran X last time, so do the same now")."""
    at = cand.context.find(cand.text) if cand.context else -1
    if at >= 0 and handed_on(cand.context[at + len(cand.text) :][:HANDED_ON_REACH]):
        return True
    rest = message.replace(cand.context, " ") if cand.context else message
    rest = rest.replace(cand.text, " ")
    return any(
        not reported(rest[max(0, m.start() - 120) : m.start()]) for m in _RERUN.finditer(rest)
    )


# -- sessions ------------------------------------------------------------------------------------

# Database clients that open an interactive session when run without a statement of their own.
_SESSION_CLIENTS = frozenset(
    _words(
        """
psql mysql mariadb mongosh mongo sqlite3 duckdb redis-cli clickhouse-client cqlsh sqlcmd
cockroach
"""
    )
)
# A statement or script given to the client: then it opens no session for the next step.
_RUNS_OWN = re.compile(
    r"(?:^|\s)(?:-c|-e|--eval|--command|--execute|-f|--file|-q|--query)(?=[\s=]|$)"
)


def opens_session(command: str) -> bool:
    """The command only starts a database client's interactive session (`psql -h localhost
    -d scratch`, `mongosh mongodb://localhost/shop_test`): what is typed next runs there."""
    found = _programs(command)
    return len(found) == 1 and found[0][0] in _SESSION_CLIENTS and not _RUNS_OWN.search(command)


# -- commands that only read or rehearse ---------------------------------------------------------

# Subcommands that read (`kubectl get`, `aws rds describe-db-instances`, `gh repo view`).
_READ_VERBS = frozenset(
    _words(
        """
get list ls describe show view status log logs diff plan preview inspect history top info
get-iam-policy get-policy get-bucket-policy get-bucket-acl count explain whoami audit
"""
    )
)
_READ_PREFIXES = ("describe-", "list-", "get-", "show-")
# A flag that makes any command a rehearsal: it says what it would do and does nothing.
_REHEARSAL = re.compile(
    r"(?:^|\s)(?:--dry-?run(?:=(?:client|server|true|all))?|--preview-only|--what-?if|-whatif"
    r"|--noop|--check|--plan-only)(?=\s|$)",
    re.I,
)
_ONE_COMMAND = re.compile(r"[;&]|\|\||\$\(|`|>")
_READ_PIPE = frozenset(_words("head tail grep wc jq sort uniq less more cut awk column yq"))
_SQL_READ = re.compile(r"^\s*(?:select|show|describe|desc|explain)\b(?!\s+analy[sz]e)", re.I)


# A write whose WHERE is a key lookup: equalities (or an IN list) joined by AND, nothing else.
_KEY = r"[\w.\"`]+\s*(?:=\s*(?:'[^']*'|-?\d+|\$\d+|:\w+|\?)|in\s*\([^()]*\))"
_BOUNDED_WRITE = re.compile(
    rf"^\s*(?:delete\s+from|update)\b[^;]*?\bwhere\s+{_KEY}(?:\s+and\s+{_KEY})*\s*;?\s*$", re.I
)
# The sentence says the write touches one thing: "just the one duplicate", "重複した1件だけ".
_ONE_THING = re.compile(
    r"\b(?:one|single|only|just|duplicate[ds]?|seule?s?|doublons?|solo|sólo|únic[oa]|"
    r"duplicad[oa]s?|nur|einzeln\w*|doppelt\w*|duplikat\w*|apenas|só)\b"
    r"|1\s*件|一件|一条|一行|那条|这条|重複",
    re.I,
)


def bounded_write(cand: Candidate, lead: str) -> bool:
    """A key-bounded DELETE or UPDATE (its reader found nothing to hold) that the words
    introducing it say touches one thing ("delete the one duplicate order on prod: `DELETE
    … WHERE id = 99812`"): what it does is the statement's reader's to say."""
    return (
        cand.kind == "sql"
        and bool(_BOUNDED_WRITE.match(cand.text))
        and bool(_ONE_THING.search(lead))
    )


def reads_only(cand: Candidate) -> bool:
    """The command only reads or only rehearses: a read subcommand of its program or a
    dry-run flag, one command (pipes into filters allowed), no redirects, no lists. Only
    the shape is read here; the caller also knows the command's reader found nothing."""
    text = cand.text.strip()
    if cand.kind == "sql":
        return bool(_SQL_READ.match(text)) and ";" not in text.rstrip().rstrip(";")
    if cand.kind != "shell" or not text or "\n" in text or _ONE_COMMAND.search(text):
        return False
    stages = text.split("|")
    if any(not stage.split() or stage.split()[0] not in _READ_PIPE for stage in stages[1:]):
        return False
    head = stages[0]
    if _REHEARSAL.search(head):
        return True
    words = [w for w in head.split()[1:5] if not w.startswith("-")]
    return any(w in _READ_VERBS or w.startswith(_READ_PREFIXES) for w in words[:3])


# -- lowering ------------------------------------------------------------------------------------


def never_lowered(findings: Sequence[Finding]) -> bool:
    """Whether `lower_findings` keeps every one of these whatever the scope: all are about
    reading the text (`sql.too_long`), so judging the command's scope can change nothing."""
    return all(f.category in _UNTOUCHED for f in findings)


def lower_findings(
    findings: Sequence[Finding], why: Why, local_rules: frozenset[str] = frozenset()
) -> tuple[list[Finding], bool]:
    """The candidate's findings with the scoped ones taken out, plus one note saying so
    (allowed, low); True when any were lowered. `local_rules`: rules a local target makes
    harmless besides the `LOCAL_LOWERS` categories."""
    kept: list[Finding] = []
    lowered: list[Finding] = []
    for f in findings:
        if (
            f.category in _UNTOUCHED
            or (why == "local" and f.category not in LOCAL_LOWERS and f.rule not in local_rules)
            or (why == "own_use" and f.rule not in OWN_USE_RULES)
            # a scratch table is the reader's to destroy; what it copies in is still read
            or (why == "scratch" and f.category != "destructive")
            or (why == "deidentified" and f.category not in DEIDENTIFIED_LOWERS)
        ):
            kept.append(f)
        else:
            lowered.append(f)
    if not lowered:
        return list(findings), False
    first = lowered[0]
    note = Finding(
        rule=f"scope.{why}",
        category="policy",
        reason=f"Not held: {first.rule} is {_REASONS[why]}.",
        risk="low",
        verdict="allow",
        evidence=first.evidence,
    )
    return [*kept, note], True
