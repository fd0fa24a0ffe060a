"""One clause, one reading: when the prose reader and a command or document reader read
the same words, the reader that parsed them has the last word on what they do.

The engine calls `agree` after command scope (`command_scope`) and document scope
(`doc_scope`) have run: a prose finding on the lead-in of a lowered command, on a
document that is not an order, on a structured document's own text, or about what a
read-only command does, is lowered or dropped to match; and `applies_shown_policy`
lets a command that applies a policy file defer to the policy its sentence shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.risk.command_scope import SAYS_PROD, Why, lower_findings
from bot.risk.deidentified import sentence_says_no_ones
from bot.risk.extract import Candidate
from bot.risk.model import Finding
from bot.risk.policy import Part
from bot.risk.prefilter import prefiltered
from bot.risk.prose import assess_prose
from bot.risk.prose.text import lower
from bot.risk.shell import prints_no_secret

__all__ = [
    "agree",
    "agree_said",
    "applies_shown_policy",
    "keys_not_commands",
    "lead_in",
    "metadata_posted",
    "no_ones_copied",
    "rows_written_out",
]


def lead_in(cand: Candidate) -> str:
    """The words of a command's sentence right before it (all of a sentence that
    introduces it): what a prose finding must end with to be about this command."""
    at = cand.context.find(cand.text) if cand.context else -1
    return cand.context[:at] if at >= 0 else cand.context


_LEAD_END = " \t:：`*_\"'(-–—"


_COMMANDS_OWN = frozenset(
    {
        "destroy",
        "destructive",
        "infrastructure",
        "backups",
        "controls",
        "history",
        "network",
        "access",
    }
)
"""What a command does to systems, which its own reader knows better than the words that
introduce it; where its output goes next (sharing, secrets, export) the prose still says."""


def agree(
    prose: Sequence[Part],
    regions: Sequence[tuple[str, Why | None]],
    leads: Sequence[tuple[str, Why | None]],
) -> None:
    """One clause, one reading. A prose finding on the words that introduce a command the
    command reader lowered (a local target, a warning …), or on the text of a document
    that is not an order, is lowered for the same reason; one on the text of a structured
    document (a YAML key, an HCL argument) gives way to the document reader, which read
    it; one about what a command does ("see what the purge would remove:" before a dry
    run, a listing) gives way to the command reader when the command only reads or
    rehearses. A finding on other words of the sentence ("copy the dump to your laptop,
    then run X") stands."""
    if not regions and not leads:
        return
    for part in prose:
        out: list[Finding] = []
        for f in part.findings:
            region = _region_of(f, regions, leads)
            if region is None:
                out.append(f)
            elif region[1] is not None:
                out += lower_findings([f], region[1])[0]
        part.findings = out


def agree_said(parts: Sequence[Part], regions: Sequence[tuple[str, Why | None]]) -> None:
    """The prose reader also reads what the extractor took for a command; when that
    "command" is a structured document's own text (an HCL block, a manifest), its prose
    findings there give way to the document reader as prose's own do (`agree`). The
    command reader's findings stand."""
    if not regions:
        return
    for part in parts:
        said = Part(findings=[f for f in part.findings if f.rule.startswith("prose.")])
        if not said.findings:
            continue
        agree([said], regions, ())
        part.findings = [f for f in part.findings if not f.rule.startswith("prose.")]
        part.findings += said.findings


_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w+-])[\w.+-]*@(?=[\w-]+\.)")


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*:(?:\s|$)")


# A tag-shaped config (Fluentd `<match payments.**>` … `</match>`, Apache `<Directory>`):
# its tag lines, and `key value` lines with one plain value between them.
_TAG_LINE = re.compile(r"^</?[A-Za-z][\w-]*(?:\s[^<>]*)?>$")
_PAIR_LINE = re.compile(r"^@?[A-Za-z_][\w-]*\s+[^\s;|&<>$`'\"()]+$")


def _setting_line(line: str, lines: list[str]) -> bool:
    if _KEY_LINE.match(line) or _TAG_LINE.match(line):
        return True
    return bool(_PAIR_LINE.match(line)) and any(_TAG_LINE.match(x) for x in lines)


def keys_not_commands(
    judged: Sequence[tuple[Candidate, Part]], regions: Sequence[tuple[str, Why | None]]
) -> None:
    """`key: value` lines the extractor took for a command (`env_file: .env.local`) inside
    a structured document the document reader parsed are the document's settings: the
    shell reader's findings on them give way (what the document runs, its `run:` steps
    and container commands, the document reader hands to the shell reader itself)."""
    parsed = [text for text, why in regions if why is None]
    if not parsed:
        return
    for cand, part in judged:
        if cand.kind != "shell" or not part.findings:
            continue
        lines = [line.strip() for line in cand.text.splitlines() if line.strip()]
        if not lines or not all(_setting_line(line, lines) for line in lines):
            continue
        if any(all(line in text for line in lines) for text in parsed):
            part.findings = [f for f in part.findings if f.rule.startswith("prose.")]


def _region_of(
    f: Finding,
    regions: Sequence[tuple[str, Why | None]],
    leads: Sequence[tuple[str, Why | None]],
) -> tuple[str, Why | None] | None:
    """The document or lead-in that finding `f` is about, if its reading is theirs."""
    ev = (f.evidence or "").strip()
    if not ev or f.verdict == "allow" or f.category in ("engine", "obfuscation"):
        return None
    region = next((r for r in regions if ev in r[0]), None)
    if region is None and "***@" in ev:  # the prose reader shows addresses masked
        region = next((r for r in regions if ev in _EMAIL_RE.sub(r"\1***@", r[0])), None)
    if region is None:
        region = next((r for r in leads if _ends_with(r[0], ev)), None)
    if (
        region is not None
        and region in leads
        and region[1] is None
        and (f.category not in _COMMANDS_OWN or _CLAUSE_BREAK.search(region[0]))
    ):
        # The command only reads: what is done with its output is prose's to say,
        # and so is an action in another clause ("Delete X, list it first: …").
        return None
    return region


# A lead-in clause that only says to run what follows ("…, then run"): the clauses before
# it name actions of their own.
_CLAUSE_BREAK = re.compile(r"[,;]|\s(?:then|and|and\s+then)\s", re.I)
_RUN_ONLY = re.compile(
    r"(?:(?:please|now|then|just|and|so)\s+)*(?:run|execute|exec|type|paste|enter|do|use|try)?",
    re.I,
)


_UNSEEN_POLICY = "shell.bucket_policy_unseen"


def applies_shown_policy(judged: Sequence[tuple[Candidate, Part]], intros: Sequence[str]) -> None:
    """A command that applies a policy from a file ("Set this policy with `gsutil iam set
    policy.json gs://b`:" and the policy below) applies the policy its sentence
    introduces: that policy is shown and judged by the document reader, so the command's
    "policy not shown" finding gives way to that judgement."""
    if not intros:
        return
    keyed = [_key(_INLINE_CODE.sub(" ", intro)) for intro in intros if _SHOWN.search(intro)]
    for cand, part in judged:
        if cand.kind == "shell" and any(cand.text in intro for intro in intros):
            part.findings = [f for f in part.findings if f.rule != _UNSEEN_POLICY]
        if cand.kind == "prose" and keyed:
            # "The contractors need to debug prod, so add the binding below to the IAM
            # policy": who gets what is the shown policy's to say, and the document reader
            # judges it (an outsider or an owner role in it is held there).
            part.findings = [
                f
                for f in part.findings
                if f.rule not in _GRANT_PROSE
                or not (ev := _key((f.evidence or "").removesuffix("…")))
                or not any(ev in k for k in keyed)
            ]


_GRANT_PROSE = frozenset({"prose.intent.sharing", "prose.intent.access"})
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# The sentence points at the document it introduces ("the binding below", "下面的绑定").
_SHOWN = re.compile(
    r"(?i)\b(?:below|following|ci-dessous|suivante?s?|siguientes?|abajo|folgenden?|unten|"
    r"abaixo|seguintes?)\b|下記|以下|次の|下面|如下|下列|下方"
    # "this task", "cette tâche", "esta tarea", "diese Aufgabe", "esta tarefa": the
    # document itself named
    r"|\b(?:this|these|cette|ces|ce|esta|este|estas|estos|diese[nrs]?|essa|esse)\s+"
    r"(?:task|binding|policy|rule|role|play|tâche|liaison|politique|règle|rôle|tarea|regla|"
    r"política|aufgabe|regel|richtlinie|rolle|tarefa|regra)s?\b"
    r"|この(?:タスク|ポリシー|バインディング)|这个(?:任务|策略|绑定)"
)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _ends_with(lead: str, evidence: str) -> bool:
    """The prose finding is on the words that introduce this command and describe it."""
    tail = evidence.rstrip(_LEAD_END)
    lead = lead.rstrip(_LEAD_END)
    if not tail or not lead.endswith(tail):
        return False
    clauses = _CLAUSE_BREAK.split(lead)
    return len(clauses) == 1 or not _RUN_ONLY.fullmatch(clauses[-1].strip(_LEAD_END))


_SENTENCE_END = re.compile(r"[.!?。！？]\s|\n")


def _in_sentence(text: str, evidence: str, command: str) -> bool:
    """`command` stands in the sentence the prose finding quotes (`evidence`: the sentence,
    whitespace folded, maybe cut short with "…")."""
    flat, ev, cmd = " ".join(text.split()), " ".join(evidence.split()), " ".join(command.split())
    ev = ev.removesuffix("…")
    a = flat.find(ev) if ev else -1
    c = flat.find(cmd, max(a, 0)) if a >= 0 else -1
    if c < 0:
        return False
    return c <= a + len(ev) or not _SENTENCE_END.search(flat, a + len(ev), c)


_COPIED = frozenset({"export", "sharing", "exfiltration", "pii"})
"""What the prose reader says a copy does with data; not what it destroys or grants."""


def no_ones_copied(judged: Sequence[tuple[Candidate, Part]]) -> None:
    """A sentence whose commands all copy data named synthetic or de-identified (their
    reader lowered them: `scope.deidentified`) exports or sends no one's data: the prose
    reader's export or sharing finding on that sentence gives way, as a read-only
    command's does. Its words keep it when they name production, real data or a personal
    field, or when another command in the sentence was not lowered so."""
    commands = [(c, p) for c, p in judged if c.kind in ("shell", "sql") and c.context]
    lowered = [c for c, p in commands if _lowered_as_no_ones(p)]
    if not lowered:
        return
    others = [c for c, p in commands if not _lowered_as_no_ones(p)]
    for cand, part in judged:
        if cand.kind != "prose" or not any(f.category in _COPIED for f in part.findings):
            continue
        part.findings = [
            f
            for f in part.findings
            if not (f.category in _COPIED and _copies_no_ones(f.evidence or "", lowered, others))
        ]


def _lowered_as_no_ones(part: Part) -> bool:
    return any(f.rule == "scope.deidentified" for f in part.findings) and all(
        f.verdict == "allow" for f in part.findings
    )


def _flat(text: str) -> str:
    """Compared as the prose reader quotes it: width-folded, no backticks, spaces folded."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("`", " ").split())


def _quotes(evidence: str, cand: Candidate) -> bool:
    """The prose finding quotes the sentence of `cand` (the command blanked or kept)."""
    ev = _flat(evidence.removesuffix("…"))
    if not ev:
        return False
    around = cand.context.replace(cand.text, " ")
    return ev in _flat(around) or ev in _flat(cand.context)


def _copies_no_ones(
    evidence: str, lowered: Sequence[Candidate], others: Sequence[Candidate]
) -> bool:
    """The sentence `evidence` quotes holds a lowered copy and no other command, and its
    words (without the commands) name neither production nor real or personal data."""
    mine = [c for c in lowered if _quotes(evidence, c)]
    if not mine or any(_quotes(evidence, c) for c in others):
        return False
    words = lower(evidence)
    for c in mine:
        words = words.replace(lower(c.text), " ")
    if SAYS_PROD.search(words) or _PERSONAL.search(words) or _REAL.search(words):
        return False
    # people named as the data ("the customers", "会员表") only when the words say they are
    # synthetic or de-identified too ("clientes sintéticos", "脱敏后的演示库")
    return not _PEOPLE.search(words) or sentence_says_no_ones(words, 0, len(words))


# Words that say the data is real or about people after all.
_REAL = re.compile(
    r"\b(?:real|raw|identifi(?:ed|able)|réel\w*|brut\w*|reales?|crud[oa]s?|echt\w*|roh\w*"
    r"|reais|brut[oa]s?)\b|真实|原始|実データ|本物",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:customers?|clients?|users?|patients?|members?|employees?|staff|clientes?|usuari[oa]s?"
    r"|pacientes?|miembros|emplead[oa]s?|utilisateurs?|salariés?|employés?|kunden|nutzer\w*"
    r"|patient\w*|mitarbeiter\w*|funcion[aá]rios?|membros)\b|客户|用户|会员|患者|员工|顧客|会員|社員",
    re.I,
)
_PERSONAL = re.compile(
    r"\b(?:names?|e-?mails?|phones?|addresses|ssns?|birth|nombres|correos|noms|adresses"
    r"|nomes|telefones?|namen|adressen)\b|姓名|手机|邮箱|身份证|氏名|住所|電話",
    re.I,
)


def metadata_posted(
    judged: Sequence[tuple[Candidate, Part]], company_domains: Sequence[str] = ()
) -> None:
    """A sentence that asks to post a command's output, where every command in it only
    reads secrets' metadata (`describe-secret`, a vault listing, `kubectl get secret`
    without `-o`): the output holds no secret, so a "secret sent" the prose reader found
    gives way when the words without the commands send none ("paste the output in
    #x: aws secretsmanager describe-secret …"). Words that send a secret themselves
    ("post the DB password in #x: kubectl get secret db") keep it."""
    commands = [c.text for c, _ in judged if c.kind == "shell"]
    if not commands:
        return
    lifted = [c for c, _ in judged if c.kind == "shell" and not c.in_prose and c.context]
    for cand, part in judged:
        if cand.kind != "prose" or not any(f.category == "secrets" for f in part.findings):
            continue
        kept = []
        for f in part.findings:
            if f.category == "secrets" and _posts_no_secret(
                cand.text, f.evidence or "", commands, lifted, company_domains
            ):
                continue
            kept.append(f)
        part.findings = kept


def _posts_no_secret(
    text: str,
    evidence: str,
    commands: Sequence[str],
    lifted: Sequence[Candidate],
    company_domains: Sequence[str],
) -> bool:
    """The sentence `evidence` quotes runs only commands that print no secret, and its
    words send none: read without the commands when they stand in the prose, or as
    written, commands included, when they were lifted out of it (`` `kubectl get secret
    x` 的输出贴到群里 ``: the prose reader then sees the listing it sends)."""
    inside = [c for c in commands if _in_sentence(text, evidence, c)]
    if inside:
        if not all(prints_no_secret(c) for c in inside):
            return False
        words = text
        for c in inside:
            words = words.replace(c, " ")
        return not any(
            g.category == "secrets" for g in assess_prose(words, company_domains).findings
        )
    ctx = [c for c in lifted if _lifted_from(c, evidence)]
    if not ctx or not all(prints_no_secret(c.text) for c in ctx):
        return False
    said = assess_prose(ctx[0].context, company_domains).findings
    return not any(g.category == "secrets" for g in said)


def _lifted_from(cand: Candidate, evidence: str) -> bool:
    """`cand` was lifted out of the prose sentence `evidence` quotes: its sentence, without
    it, reads as that evidence (whitespace folded, maybe cut short with "…")."""
    ev = " ".join(evidence.split()).removesuffix("…")
    rest = cand.context.replace(f"`{cand.text}`", " ").replace(cand.text, " ")
    return bool(ev) and ev in " ".join(rest.split())


# A script's call that writes rows to a file: pandas and polars writers, the csv module, a
# JSON dump, a file opened for writing.
_WRITES_FILE = prefiltered(
    re.compile(
        r"\.(?:to_(?:csv|excel|parquet|json|feather)|write_(?:csv|excel|parquet|json))\s*\("
        r"|\bcsv\.(?:writer|DictWriter)\s*\(|\bjson\.dump\s*\("
        r"|\bopen\s*\([^()\n]{0,200}?,\s*(?:mode\s*=\s*)?[\"'](?:w|a|x)b?\+?[\"']"
    )
)
_ROWS_TO_FILE = Finding(
    rule="code.pii_rows_to_file",
    category="exfiltration",
    reason=(
        "A script reads columns that usually hold personal data and writes the rows to a "
        "file: an export of personal data in bulk, outside the database's access controls."
    ),
    risk="high",
    verdict="require_approval",
)


def rows_written_out(judged: Sequence[tuple[Candidate, Part]], text: str) -> None:
    """A query that reads personal columns (`sql.select_pii_uncatalogued`: an allowed
    read on its own) inside a script that writes rows to a file (`csv.writer`, `to_csv`,
    `json.dump`, `open(…, "w")`): the rows leave for the file, an export."""
    if not _WRITES_FILE.search(text):
        return
    for cand, part in judged:
        if cand.kind != "sql":
            continue
        read = next((f for f in part.findings if f.rule == "sql.select_pii_uncatalogued"), None)
        if read is not None and not any(f.rule == _ROWS_TO_FILE.rule for f in part.findings):
            part.findings.append(_ROWS_TO_FILE.model_copy(update={"evidence": read.evidence}))
