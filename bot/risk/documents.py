"""Documents in a message, found and read by their content, fenced or not.

A Kubernetes manifest, a CloudFormation template, an IAM or bucket policy, a Terraform
resource or an sshd/mysqld/redis/pg_hba configuration is risky or not by what it says,
so each is parsed with a real parser (PyYAML's safe loader for YAML and CloudFormation,
`json` for JSON, `bot.risk.hcl` for Terraform) and judged by the rules of
`bot.risk.packs.iac`. Where a piece starts is recognised by shape, whatever the fence
says: a `{"…` JSON object, a `resource "type" "name" {` block, a run of `key: value`
lines with nesting, a `Directive value` line.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.risk import hcl
from bot.risk.ansible_modules import task_equivalent
from bot.risk.command_scope import Why, remote_target
from bot.risk.doc_scope import doc_scope, lower_documents
from bot.risk.migrations import liquibase_statements, migration_statements
from bot.risk.model import Finding
from bot.risk.packs.iac import JUDGES, RULES, Doc, DocRule, mappings
from bot.risk.webconf import read_web_config

MAX_DOC_CHARS = 24_000
"""Documents are read up to here (parsing is the costly part); a message holding a
document and more text than this is held for a person (`doc.partly_read`)."""
MAX_SCRIPTS = 32
MAX_JSON_TRIES = 40
MAX_EVIDENCE = 200
MAX_HUNKS = 32

_FENCE_RE = re.compile(
    r"^[ \t]*(?P<fence>`{3,10}|~{3,10})[ \t]*(?P<lang>[\w+#.-]{0,30})[^\n`]*\n"
    r"(?P<body>.*?)(?:\n[ \t]*(?P=fence)[ \t]*$|\Z)",
    re.S | re.M,
)
_INLINE_RE = re.compile(r"`(?<!``)([^`\n]+)`(?!`)")  # the backtick first: re skips to it
# A block opener on its own line: `resource "t" "n" {`, `ingress {`, `statement {`.
_HCL_START_RE = re.compile(
    r'(?m)^[ \t]*(?:(?:resource|data)[ \t]+"[\w.-]+"(?:[ \t]+"[^"\n]*")?'
    r"|[a-z][a-z0-9_]*(?:[ \t]+\"[^\"\n]*\")?)[ \t]*\{[ \t]*$"
)
_JSON_START_RE = re.compile(r'\{\s*"')
_YAML_LINE_RE = re.compile(
    r"""^[ \t]*(?:-[ \t]+)?(?:[\w.$/@-]+|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t].*)?$
      |^[ \t]*-[ \t]*\S.*$
      |^[ \t]*-[ \t]*$
      |^[ \t]*---[ \t]*$
      |^[ \t]*\#.*$
      |^[ \t]{2,}\S.*$""",
    re.X,
)
_YAML_ANCHOR_RE = re.compile(
    r"(?m)^[ \t]*(?:-[ \t]+)?(?:apiVersion|kind|AWSTemplateFormatVersion|Resources|Statement|"
    r"bindings|net|security|xpack\.security\.enabled|network\.host|roleRef|subjects|rules)[ \t]*:"
)
_DIFF_START_RE = re.compile(r"(?m)^(?:diff --git |--- \S|@@ -\d)")
_LIST_PREFIX_RE = re.compile(r"^\s*(?:[-*+>]\s+|\d{1,2}[.)]\s+)")
_DIRECTIVE_RE = re.compile(
    r"(?i)^(?P<key>PermitRootLogin|PasswordAuthentication|PermitEmptyPasswords|"
    r"bind-address|bind_address|bind|protected-mode|requirepass|skip-grant-tables|"
    r"skip_grant_tables|frontend|listen|backend|stats|http-request|tcp-request|"
    # a Squid filtering proxy's access rules and log
    r"http_access|access_log)(?:\s*=\s*|\s+|\s*$)(?P<value>[^#\s][^#]*?)?\s*$"
)
_HBA_RE = re.compile(
    r"^(?P<row>(?:host|hostssl|hostnossl)\s+\S+\s+\S+\s+\S+\s+(?:trust|md5|password|"
    r"scram-sha-256|reject|peer|ident|cert|ldap|radius|pam|gss|sspi))(?:\s+\S.*)?$"
)
_CONFIG_HINTS = (
    "permit",
    "passwordauth",
    "bind",
    "protected-mode",
    "http_access",
    "skip",
    "host",
    "run ",
    "<directory",
    "<location",
    "]\n",  # an INI section header
    "app.",  # a Jupyter config line, `c.ServerApp.token = ''`
    "=",  # `key = value` files: postgresql.conf, .npmrc, .properties, .env
    "* *",  # a crontab entry
    "@daily",
    "@hourly",
    "@weekly",
    "@reboot",
)


def _worth_reading(text: str) -> bool:
    """Cheap first pass (substring tests run at C speed): every document has a `:`, a
    `{`, or one of the config words."""
    if ":" in text or "{" in text:
        return True
    low = text.lower()
    return any(h in low for h in _CONFIG_HINTS)


class _AnyTagLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loading that accepts CloudFormation's `!Ref`, `!Sub`, `!GetAtt` … tags as plain
    values (a scalar, list or mapping), constructing nothing else."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_AnyTagLoader.add_multi_constructor("!", _any_tag)


@dataclass(frozen=True)
class DocumentResult:
    findings: list[Finding]
    documents: int
    scripts: list[str]
    """Shell commands the documents run, for the shell detector."""
    parsed: list[str] = field(default_factory=list)
    """Text read as a structured document (a fenced manifest, a JSON object, an HCL
    block): this reader's reading of it stands for the prose reader's."""
    scoped: list[tuple[str, Why]] = field(default_factory=list)
    """Text of documents that are not an order (with their introduction) and why: what
    other readers find in that text is lowered the same."""
    script_whys: dict[str, Why] = field(default_factory=dict)
    """The commands of documents that are not an order, and why."""
    policy_intros: list[str] = field(default_factory=list)
    """The sentences introducing an access policy (IAM bindings, policy statements)
    shown in full: a command there that applies a policy file applies this one."""
    statements: list[str] = field(default_factory=list)
    """SQL the documents run (a migration's framework calls), for the SQL detector; those
    of documents that are not an order are in `script_whys` too."""


def _yaml(text: str) -> list[Any]:
    try:
        return [d for d in yaml.load_all(text, Loader=_AnyTagLoader) if isinstance(d, dict | list)]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return []


def _json_objects(text: str, doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    decoder = json.JSONDecoder()
    end = -1
    for n, m in enumerate(_JSON_START_RE.finditer(text)):
        if n >= MAX_JSON_TRIES:
            break
        if m.start() < end:
            continue
        try:
            obj, stop = decoder.raw_decode(text, m.start())
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            doc.trees.append(obj)
            spans.append((m.start(), stop))
            end = stop
    return spans


# An SDK call's keyword arguments are the API's document in Python literals:
# `ec2.authorize_security_group_ingress(GroupId=…, IpPermissions=[{…}])` (boto3's
# CamelCase keys), read as `{"IpPermissions": [...]}`.
_SDK_KWARG_RE = re.compile(r"\b([A-Z][A-Za-z0-9]{2,})\s*=\s*(?=[\[{])")
MAX_SDK_KWARGS = 20
MAX_SDK_LITERAL = 20_000
_CLOSERS = {"[": "]", "{": "}", "(": ")"}


def _literal_end(text: str, i: int, budget: int) -> int | None:
    """Index after the bracket closing the one at i (Python strings respected), looking
    at most `budget` characters ahead."""
    stack: list[str] = []
    n = min(len(text), i + budget)
    while i < n:
        c = text[i]
        if c in "'\"":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in _CLOSERS:
            stack.append(_CLOSERS[c])
        elif c in ")]}":
            if not stack or stack.pop() != c:
                return None
            if not stack:
                return i + 1
        i += 1
    return None


def _sdk_keywords(text: str, doc: Doc) -> None:
    if "=" not in text:
        return
    budget = MAX_SDK_LITERAL  # characters scanned in all: adversarial text stays cheap
    end = -1
    for n, m in enumerate(_SDK_KWARG_RE.finditer(text)):
        if n >= MAX_SDK_KWARGS or budget <= 0:
            break
        if m.start() < end:
            continue  # a keyword inside a literal already read
        stop = _literal_end(text, m.end(), budget)
        budget -= (stop or len(text)) - m.end()
        if stop is None:
            continue
        end = stop
        try:
            value = ast.literal_eval(text[m.end() : stop])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(value, dict | list):
            doc.trees.append({m.group(1): value})


def _hcl_blocks(text: str, doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    end = -1
    for m in _HCL_START_RE.finditer(text):
        if m.start() < end:
            continue
        stop = _block_end(text, m.end())
        body = hcl.parse(text[m.start() : stop])
        if body:
            doc.hcl.append(body)
        spans.append((m.start(), stop))
        end = stop
    return spans


def _block_end(text: str, i: int) -> int:
    """Index after the `}` closing a block whose `{` ends just before i (strings and
    heredocs respected, roughly: enough to keep the next block out)."""
    depth = 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<" and text.startswith("<<", i):
            m = re.match(r"<<-?[ \t]*([A-Za-z_]\w*)[ \t]*\n", text[i:])
            if m:
                close = re.compile(rf"(?m)^[ \t]*{re.escape(m.group(1))}[ \t]*$").search(
                    text, i + m.end()
                )
                i = close.end() if close else n
                continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for a, b in sorted(spans):
        parts.append(text[pos:a])
        parts.append("\n" * text.count("\n", a, b))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _yaml_regions(text: str, doc: Doc) -> int | None:
    """Reads runs of YAML-shaped lines; returns the index of the first line of a run that
    held a document (None: none did)."""
    lines = text.splitlines()
    run: list[str] = []
    first: list[int] = []

    def flush(at: int) -> None:
        if len(run) >= 2:
            block = textwrap.dedent("\n".join(run))
            nested = any(line[:1] in (" ", "\t", "-") for line in block.splitlines()[1:])
            if nested or _YAML_ANCHOR_RE.search(block):
                trees = _yaml(block)
                if trees and not first:
                    first.append(at - len(run))
                doc.trees += trees
                if nested and any(isinstance(t, dict) and len(t) >= 2 for t in trees):
                    doc.parsed.append(block)  # a manifest, not a `Note: …` line
        run.clear()

    for i, line in enumerate(lines):
        if (
            _YAML_LINE_RE.match(line)
            or not line.strip()
            and run
            and i + 1 < len(lines)
            and lines[i + 1][:1] in (" ", "-")
        ):
            run.append(line)
        else:
            flush(i)
    flush(len(lines))
    return first[0] if first else None


_DOCKER_TCP_RE = re.compile(r"(?i)tcp://(?:0\.0\.0\.0|\*|\[::\])?:2375\b")
_ES_REQUEST_RE = re.compile(
    r"^(?P<method>GET|PUT|POST|DELETE|HEAD)\s+/?(?P<path>[\w.*,%-]+(?:/\S*)?)$"
)
_INLINE_SETTING_RE = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)\s*:\s+(?P<value>[^\s:{}\[\]]+)$")


def _config_lines(lines: list[str], doc: Doc) -> int | None:
    """Reads configuration lines; returns the index of the first one read (None: none)."""
    first: int | None = None
    for i, raw in enumerate(lines):
        line = _LIST_PREFIX_RE.sub("", raw).strip().strip("`").strip()
        if not line or len(line) > 200:
            continue
        before = len(doc.directives) + len(doc.hba)
        docker_tcp = _DOCKER_TCP_RE.search(line)
        if docker_tcp:
            doc.directives.append(("docker-tcp", docker_tcp.group(0)))
        es = _ES_REQUEST_RE.match(line)
        m = None if es else _DIRECTIVE_RE.match(line)
        h = None if es or m else _HBA_RE.match(line)
        if es:  # a Kibana Dev Tools / Elasticsearch console request
            doc.directives.append(("es-request", f"{es.group('method')} {es.group('path')}"))
        elif m:
            key = m.group("key").lower()
            doc.directives.append((key, (m.group("value") or "").strip().strip("\"'")))
        elif h:
            doc.hba.append(h.group("row").split())
        if first is None and len(doc.directives) + len(doc.hba) > before:
            first = i
    return first


_HUNK_RE = re.compile(r"(?m)^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@[^\n]*\n")
_DIFF_FILE_RE = re.compile(r"(?m)^\+\+\+ (?:b/)?(\S+)")
_DIFF_LANGS = {"yaml": "yaml", "yml": "yaml", "json": "json", "tf": "hcl", "hcl": "hcl"}


def _read_diff(text: str, doc: Doc) -> int | None:
    """A unified diff is judged by what it leaves: each hunk's context and added lines,
    read as the file they belong to. A diff that removes a risky setting leaves none."""
    hunks = list(_HUNK_RE.finditer(text))
    for n, m in enumerate(hunks[:MAX_HUNKS]):
        end = hunks[n + 1].start() if n + 1 < len(hunks) else len(text)
        named = _DIFF_FILE_RE.findall(text, 0, m.start())
        ext = named[-1].rsplit(".", 1)[-1].lower() if named else ""
        kept = []
        for line in text[m.end() : end].splitlines():
            if line.startswith(("+++", "---", "diff ", "index ")):
                break
            if line[:1] in (" ", "+"):
                kept.append(line[1:])
            elif not line:
                kept.append("")
        _read_piece(textwrap.dedent("\n".join(kept)), _DIFF_LANGS.get(ext, ""), doc)
    first = _DIFF_START_RE.search(text)
    return first.start() if first else hunks[0].start()


_LABELLED = frozenset(
    {"diff", "patch", "json", "jsonc", "json5", "hcl", "terraform", "tf", "tfvars", "yaml", "yml"}
)


def _read_labelled(text: str, lang: str, doc: Doc) -> tuple[bool, int | None]:
    """A fence read by its label: (whether the label decided, the document's start)."""
    if lang in ("diff", "patch"):
        return True, _read_bare_diff(text, doc)
    if lang in ("hcl", "terraform", "tf", "tfvars"):
        body = hcl.parse(text)
        if body:
            doc.hcl.append(body)
        return True, 0 if body else None
    if lang in ("json", "jsonc", "json5"):
        try:
            doc.trees.append(json.loads(text))
            return True, 0
        except ValueError:
            return False, None
    trees = _yaml(text)
    if trees:
        doc.trees += trees
        return True, 0
    return False, None


def _read_bare_diff(text: str, doc: Doc) -> int | None:
    """A fence labelled `diff` with no hunk header ("-  retention = 7" / "+  retention = 0"):
    judged, like any diff, by the context and added lines it leaves."""
    kept = [line[1:] for line in text.splitlines() if line[:1] in (" ", "+")]
    if not kept:
        return None
    _read_piece(textwrap.dedent("\n".join(kept)), "", doc)
    return 0


def _read_piece(text: str, lang: str, doc: Doc) -> int | None:
    """Reads one piece (a fence's body, or the message outside fences) into `doc`;
    returns the offset where its first document starts (None: no document in it)."""
    lang = lang.lower()
    _yaml_comments(text, doc)
    if "@@ -" in text and _HUNK_RE.search(text):
        return _read_diff(text, doc)
    if lang in _LABELLED:
        read, start = _read_labelled(text, lang, doc)
        if read:
            migrated = _migration(text, doc)
            return start if start is not None else migrated
    web, web_start = read_web_config(text)
    doc.web += web
    json_spans = _json_objects(text, doc)
    _sdk_keywords(text, doc)
    hcl_spans = [] if web else _hcl_blocks(text, doc)
    spans = json_spans + hcl_spans
    # Text that is a document and nothing else: HCL blocks, and JSON objects shaped as a
    # policy, a manifest or a template (a `{"type": "anyone"}` argument in code is not).
    doc.parsed += [text[a:b] for a, b in hcl_spans]
    doc.parsed += [text[a:b] for a, b in json_spans if _DOC_JSON_RE.search(text, a, b)]
    rest = _blank(text, spans)
    starts = [a for a, _ in spans] + ([web_start] if web_start is not None else [])
    lines = rest.splitlines()
    for line in (
        _yaml_regions(rest, doc),
        _config_lines(lines, doc),
        _settings(rest, doc),
        _flat_settings(lines, doc),
        _crontab(lines, doc),
        _rules_language(rest, doc),
        _fluentd(rest, doc),
        _migration(text, doc),
        _scripted_configs(text, doc),
    ):
        if line is not None:
            starts.append(sum(len(x) + 1 for x in lines[:line]))
    return min(starts) if starts else None


# Images whose entrypoint is a CLI: a container with only `args` runs that CLI.
_ENTRYPOINTS = {
    "aws-cli": "aws",
    "kubectl": "kubectl",
    "terraform": "terraform",
    "helm": "helm",
    "curl": "curl",
    "gsutil": "gsutil",
    "az": "az",
    "azure-cli": "az",
    "mc": "mc",
    "rclone": "rclone",
    "velero": "velero",
}
_SCRIPT_KEYS = (
    "run",
    "script",
    "before_script",
    "after_script",
    "shell",
    "command",
    "cmd",
    "runcmd",
    "ansible.builtin.shell",
    "ansible.builtin.command",
    "inline",
    # devcontainer.json lifecycle hooks
    "initializeCommand",
    "onCreateCommand",
    "updateContentCommand",
    "postCreateCommand",
    "postStartCommand",
    "postAttachCommand",
)
_DOCKER_RUN_RE = re.compile(r"(?m)^[ \t]*RUN[ \t]+((?:[^\n]*\\\n)*[^\n]*)")
_DOCKERFILE_RE = re.compile(r"(?m)^[ \t]*FROM[ \t]+\S+")


def _words(value: Any) -> list[str]:
    return (
        [str(v) for v in value if isinstance(v, str | int | float)]
        if isinstance(value, list)
        else []
    )


def _container_command(c: dict[str, Any]) -> str | None:
    command, args = _words(c.get("command")), _words(c.get("args"))
    if isinstance(c.get("command"), str):
        command = [c["command"]]
    if not command and args:
        image = str(c.get("image") or "").rsplit("/", 1)[-1].split(":", 1)[0].split("@")[0]
        entry = _ENTRYPOINTS.get(image)
        command = [entry] if entry else []
    words = command + args
    if not words:
        return None
    if (
        len(words) >= 3
        and words[1] in ("-c", "-lc", "-ec")
        and words[0].rsplit("/", 1)[-1] in ("sh", "bash", "ash", "zsh", "dash")
    ):
        return words[2]
    return shlex.join(words)


def _collect_scripts(doc: Doc, texts: list[str]) -> None:
    """Shell the documents run: container commands, CI steps, Ansible tasks, cloud-init,
    Dockerfile RUN lines."""
    seen = 0
    for tree in doc.trees:
        for d in mappings(tree):
            seen += 1
            if seen > 5000 or len(doc.scripts) >= MAX_SCRIPTS:
                break
            doc.scripts += _mapping_scripts(d)
    for text in texts:
        if len(doc.scripts) < MAX_SCRIPTS and _DOCKERFILE_RE.search(text):
            built = [m.group(1).replace("\\\n", " ") for m in _DOCKER_RUN_RE.finditer(text)]
            doc.scripts += built
            doc.built += built


def _mapping_scripts(d: dict[Any, Any]) -> list[str]:
    """The shell one mapping runs: a container's command, a task's module, a CI step."""
    if "image" in d and ("command" in d or "args" in d):
        script = _container_command(d)
        return [script] if script else []
    out: list[str] = []
    for key, value in d.items():  # an Ansible task: the command its module stands for
        if isinstance(value, dict) and isinstance(key, str):
            same = task_equivalent(key, value)
            if same is not None:
                out.append(same)
    for key in _SCRIPT_KEYS:
        value = d.get(key)
        if isinstance(value, str) and value.strip():
            out.append(value)
        elif isinstance(value, list) and key != "command":
            out += [v for v in value if isinstance(v, str) and v.strip()]
        elif isinstance(value, dict) and isinstance(value.get("command"), str):
            out.append(value["command"])  # CircleCI `run: {command: …}`
    return out


@dataclass
class Piece:
    """One document of a message with the sentences that introduce it: a fence's body, or
    the document text outside fences (from its first line on)."""

    doc: Doc
    intro: str
    body: str


def read_pieces(text: str, domains: tuple[str, ...] = ()) -> list[Piece]:
    """Every document in the message, parsed (see the module docstring), one piece per
    fence and one for the text outside fences, each with what introduces it."""
    domains = tuple(d.lower() for d in domains)
    text = text[:MAX_DOC_CHARS]
    if not _worth_reading(text):
        return []
    pieces, remainder = _fenced_pieces(text, domains)
    spans = [m.group(1) for m in _INLINE_RE.finditer(remainder)] if "`" in remainder else []
    pieces.append(_inline_piece(spans, domains))
    pieces.append(_outside_piece(remainder, bool(spans), domains))
    for piece in pieces:
        piece.doc.scripts = list(dict.fromkeys(piece.doc.scripts))[:MAX_SCRIPTS]
    return [p for p in pieces if _count(p.doc) or p.doc.scripts or p.doc.sql]


def _fenced_pieces(text: str, domains: tuple[str, ...]) -> tuple[list[Piece], str]:
    """One piece per fence, and the text outside the fences."""
    pieces: list[Piece] = []
    rest, pos = [], 0
    for m in _FENCE_RE.finditer(text):
        rest.append(text[pos : m.start()])
        pos = m.end()
        body = m.group("body")
        doc = Doc(domains=domains)
        lang = (m.group("lang") or "").lower()
        start = _read_piece(body, lang, doc)
        if lang in _DOC_LANGS or (not lang and start is not None and not body[:start].strip()):
            doc.parsed = [body]  # a fenced manifest, policy or module: all of it is document
        _collect_scripts(doc, [body])
        pieces.append(Piece(doc, _intro_lines(text, m.start()), body))
    rest.append(text[pos:])
    return pieces, "\n".join(rest)


def _inline_piece(spans: list[str], domains: tuple[str, ...]) -> Piece:
    """Settings named in a sentence's inline code: the prose reads that sentence."""
    inline = Doc(domains=domains)
    _config_lines(spans, inline)
    settings = {}
    for span in spans:
        if _JSON_START_RE.search(span):
            _json_objects(span, inline)
        setting = _INLINE_SETTING_RE.match(span.strip())
        if setting:  # `network.host: 0.0.0.0` and `xpack.security.enabled: false` in prose
            settings[setting.group("key")] = setting.group("value")
    if settings:
        inline.trees += _yaml("\n".join(f"{k}: {v}" for k, v in settings.items()))
    return Piece(inline, "", "")


def _outside_piece(remainder: str, has_inline: bool, domains: tuple[str, ...]) -> Piece:
    """The document text outside fences, from its first line on, inline code blanked."""
    outside = _INLINE_RE.sub(" ", remainder) if has_inline else remainder
    doc = Doc(domains=domains)
    start = _read_piece(outside, "", doc)
    _collect_scripts(doc, [remainder])
    at = start if start is not None else 0
    # Inline code was blanked for reading; the introduction keeps it (same lines).
    line_start = outside.rfind("\n", 0, at) + 1
    raw_at = _line_offset(remainder, outside.count("\n", 0, line_start))
    return Piece(doc, _intro_lines(remainder, raw_at), outside[at:])


_DOC_LANGS = frozenset(
    {"yaml", "yml", "json", "jsonc", "json5", "hcl", "terraform", "tf", "tfvars"}
)
_DOC_JSON_RE = re.compile(
    r'"(?:Statement|bindings|apiVersion|Resources|AWSTemplateFormatVersion|Version)"\s*:'
)


def _is_policy(doc: Doc) -> bool:
    """The piece is one access policy: IAM bindings or policy statements, nothing else."""
    return len(doc.trees) == 1 and any(
        isinstance(t, dict) and ("bindings" in t or "Statement" in t) for t in doc.trees
    )


_GRANT_MODULES = frozenset({"user", "group", "authorized_key"})
_GRANT_RESOURCES = re.compile(r"membership|role_assignment|iam_(?:member|binding)|collaborator")


def _grants_access(doc: Doc) -> bool:
    """The piece says who gets access to what: a Kubernetes role binding, an Ansible task
    creating a user, a group or a key or writing sudoers, a Vault policy, a membership or
    role-assignment resource. Its judges decide whom it lets in."""
    for d in doc.tree_mappings():
        if d.get("kind") in ("RoleBinding", "ClusterRoleBinding"):
            return True
        for key, value in d.items():
            if not isinstance(key, str) or not isinstance(value, dict):
                continue
            short = key.rsplit(".", 1)[-1]
            dest = str(value.get("dest") or value.get("path") or "")
            if short in _GRANT_MODULES or "sudoers" in dest:
                return True
    if any(_GRANT_RESOURCES.search(kind) for kind, _, _ in doc.blocks()):
        return True
    return any("path" in body for body in doc.hcl)


def _count(doc: Doc) -> int:
    return (
        len(doc.trees)
        + len(doc.hcl)
        + len(doc.directives)
        + len(doc.hba)
        + len(doc.web)
        + len(doc.settings)
    )


_INI_SECTION_RE = re.compile(r"^\[(?P<name>[A-Za-z][\w.\- ]{0,60})\]\s*$")
_INI_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w.\-]{0,60})(?:\s*[=:]\s*|\s+)(?P<value>[^#;\n]*)$")
_PY_CONFIG_RE = re.compile(
    r"(?m)^\s*c\.(?P<section>[A-Za-z]\w{0,40})\.(?P<key>\w{1,60})\s*=\s*(?P<value>[^#\n]*)"
)
_JENKINSFILE_RE = re.compile(r"\bpipeline\s*\{|\bstages\s*\{|\bnode\s*(?:\(|\{)")
_JENKINS_LINE_RE = re.compile(r"^\s*(?P<comment>//\s*)?(?P<line>(?:stage|sh|bat)\s*[\('\"].*)$")
_CHEF_RE = re.compile(
    r"(?ms)^\s*remote_file\s+['\"](?P<path>[^'\"\n]+)['\"]\s+do\s*$(?P<body>.{0,800}?)^\s*end\b"
)
_CHEF_PROP_RE = re.compile(r"(?m)^\s*(?P<key>source|checksum|mode)\s+['\"]?(?P<value>[^'\"\n]+)")
_YAML_COMMENT_RE = re.compile(
    r"(?m)^[ \t]*#[ \t]?(?P<line>[ \t]*(?:-[ \t]+)?[\w./@-]+:?(?:[ \t]+\S.*)?)$"
)


def _settings(text: str, doc: Doc) -> int | None:
    """INI sections with their keys (`[auth.anonymous]` / `enabled = true`), Python
    configs (`c.ServerApp.token = ''`); returns the index of the first line read."""
    first: int | None = None
    for m in _PY_CONFIG_RE.finditer(text):
        value = m.group("value").strip().strip("\"'")
        doc.settings.append((m.group("section").lower(), m.group("key").lower(), value))
        if first is None:
            first = text.count("\n", 0, m.start())
    section = None
    for i, raw in enumerate(text.splitlines()[:2000]):
        line = raw.strip()
        head = _INI_SECTION_RE.match(line)
        if head:
            section = head.group("name").strip().lower()
            first = i if first is None else min(first, i)
            continue
        key = _INI_KEY_RE.match(line) if section is not None else None
        if key:
            value = key.group("value").strip().strip("\"'")
            doc.settings.append((section or "", key.group("key").lower(), value))
    return first


_FLAT_KEY_RE = re.compile(
    r"^(?P<key>[A-Za-z_@][\w.\-]{0,80}(?:->[\w.\-]{1,80})?)[ \t]*=[ \t]*(?P<value>[^\n]{0,400})$"
)


def _flat_settings(lines: list[str], doc: Doc) -> int | None:
    """`key = value` files without sections: postgresql.conf, `.npmrc`, Java / Kafka
    `.properties`, `.env`. Read as settings of section "" when at least two such lines
    come together (comments and blank lines between them allowed), so a sentence with
    one `=` in it is not a file. Returns the index of the first line read."""
    run: list[tuple[int, str, str]] = []
    first: int | None = None

    def flush() -> None:
        nonlocal first
        if len(run) >= 2:
            doc.settings += [("", key, value) for _, key, value in run]
            first = run[0][0] if first is None else first
        run.clear()

    for i, raw in enumerate(lines[:2000]):
        line = raw.strip()
        if not line or line.startswith(("#", ";", "//")):
            continue
        if line.startswith("[") and line.endswith("]"):
            flush()
            continue
        m = _FLAT_KEY_RE.match(line)
        if m and " " not in m.group("key"):
            value = m.group("value").split(" #", 1)[0].strip().strip("\"'")
            run.append((i, m.group("key").lower(), value))
        else:
            flush()
    flush()
    return first


_CRON_RE = re.compile(
    r"^(?P<comment>#+[ \t]*)?(?:@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)"
    r"|(?:[\d*/,\-]+|[A-Za-z]{3}(?:-[A-Za-z]{3})?)"
    r"(?:[ \t]+(?:[\d*/,\-]+|[A-Za-z]{3}(?:[-,][A-Za-z]{3})*)){4})"
    r"[ \t]+(?P<command>\S.*)$"
)
_CRON_USERS = frozenset({"root", "postgres", "www-data", "redis", "mysql", "backup", "nobody"})


def _crontab(lines: list[str], doc: Doc) -> int | None:
    """Crontab entries (`30 2 * * * redis-cli FLUSHALL`, `@daily /opt/backup.sh`): their
    commands run, so they are scripts; entries commented out are kept as such (a backup
    job taken out of the schedule). A system crontab's user column is skipped. Returns the
    index of the first entry."""
    first: int | None = None
    for i, raw in enumerate(lines[:2000]):
        m = _CRON_RE.match(raw.strip())
        if not m or not any(c in raw for c in "*@/") and not re.match(r"\s*#?\s*\d", raw):
            continue
        command = m.group("command").strip()
        head, _, rest = command.partition(" ")
        if head in _CRON_USERS and rest.strip():
            command = rest.strip()
        live = m.group("comment") is None
        doc.cron.append((live, command))
        if live:
            doc.scripts.append(command)
        first = i if first is None else first
    return first


# Firebase security rules (Firestore, Cloud Storage): `match /{document=**} { allow read,
# write: if true; }`. Each `allow` is read with the path of the `match` blocks around it.
_RULES_SERVICE_RE = re.compile(r"\bservice[ \t]+(?:cloud\.firestore|firebase\.storage)\b")
_RULES_TOKEN_RE = re.compile(
    r"match[ \t]+(?P<path>/\S*)[ \t]*\{|(?P<open>\{)|(?P<close>\})|"
    r"allow[ \t]+(?P<ops>[\w, \t]+?)[ \t]*(?::[ \t]*if[ \t]+(?P<cond>[^;]{0,300}))?;"
)


def _rules_language(text: str, doc: Doc) -> int | None:
    """Firebase rules as settings: section `firebase:<path>`, key the operations, value
    the condition (`true` when none is written)."""
    found = _RULES_SERVICE_RE.search(text)
    if not found:
        return None
    path: list[str | None] = []
    for m in _RULES_TOKEN_RE.finditer(text, found.end()):
        if m.group("path") or m.group("open"):
            path.append(m.group("path"))
        elif m.group("close"):
            if path:
                path.pop()
        else:
            where = "".join(p or "" for p in path) or "/"
            ops = ",".join(o.strip() for o in m.group("ops").split(",") if o.strip())
            doc.settings.append((f"firebase:{where}", ops, (m.group("cond") or "true").strip()))
    return text.count("\n", 0, found.start())


_FLUENTD_RE = re.compile(
    r"(?ms)^[ \t]*<(?P<tag>match|store)(?:[ \t]+(?P<pattern>[^>\n]*))?>[ \t]*$"
    r"(?P<body>.{0,4000}?)^[ \t]*</(?P=tag)>"
)
_FLUENTD_KEY_RE = re.compile(r"^[ \t]*(?P<key>@?[A-Za-z_][\w-]{0,60})[ \t]+(?P<value>\S[^#\n]*)$")


def _fluentd(text: str, doc: Doc) -> int | None:
    """Fluentd `<match pattern>` outputs as settings of section `match` (the pattern first,
    as `name`, then each `key value` line), the block as parsed document text."""
    if "</match>" not in text:
        return None
    first: int | None = None
    for m in _FLUENTD_RE.finditer(text):
        if m.group("tag") == "match":
            doc.settings.append(("match", "name", (m.group("pattern") or "").strip()))
        for line in m.group("body").splitlines():
            kv = _FLUENTD_KEY_RE.match(line)
            if kv:
                doc.settings.append(("match", kv.group("key").lower(), kv.group("value").strip()))
        doc.parsed.append(m.group(0))
        first = text.count("\n", 0, m.start()) if first is None else first
    return first


def _migration(text: str, doc: Doc) -> int | None:
    """A migration file's SQL (`bot.risk.migrations`), and Liquibase changesets."""
    statements = migration_statements(text) if "(" in text or ":" in text else []
    statements += liquibase_statements(doc.trees)
    doc.sql += [s for s in statements if s not in doc.sql]
    return 0 if statements else None


def _scripted_configs(text: str, doc: Doc) -> int | None:
    """Jenkinsfile stages and steps (live, or commented out with `//`) and Chef
    `remote_file` resources, as settings (`jenkinsfile` / `chef:<path>` sections)."""
    first: int | None = None
    if "stage" in text and _JENKINSFILE_RE.search(text):
        for i, raw in enumerate(text.splitlines()[:2000]):
            m = _JENKINS_LINE_RE.match(raw)
            if m and m.group("comment"):
                doc.comments.append(m.group("line").strip())
            elif m:
                doc.settings.append(("jenkinsfile", "step", m.group("line").strip()))
                first = i if first is None else first
    if "remote_file" in text:
        for m in _CHEF_RE.finditer(text):
            section = "chef:" + m.group("path")
            for prop in _CHEF_PROP_RE.finditer(m.group("body")):
                doc.settings.append((section, prop.group("key"), prop.group("value").strip()))
            if first is None:
                first = text.count("\n", 0, m.start())
    return first


def _yaml_comments(text: str, doc: Doc) -> None:
    """YAML lines someone commented out: a job or a step taken out of a CI file."""
    if "#" in text:
        doc.comments += [m.group("line").strip() for m in _YAML_COMMENT_RE.finditer(text)][:200]


def _line_offset(text: str, line: int) -> int:
    pos = 0
    for _ in range(line):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return len(text)
    return pos


def _intro_lines(text: str, pos: int) -> str:
    """The last non-blank line before `pos` (at most 400 characters): what introduces a
    document, a warning or a postmortem's "root cause:" included."""
    end = pos
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    start = text.rfind("\n", max(0, end - 400), end) + 1
    return text[max(start, end - 400) : end].strip()


def read_documents(text: str, domains: tuple[str, ...] = ()) -> Doc:
    """Every document in the message, parsed into one `Doc`."""
    doc = Doc(domains=tuple(d.lower() for d in domains))
    for piece in read_pieces(text, domains):
        doc.trees += piece.doc.trees
        doc.hcl += piece.doc.hcl
        doc.directives += piece.doc.directives
        doc.hba += piece.doc.hba
        doc.web += piece.doc.web
        doc.scripts += piece.doc.scripts
    doc.scripts = list(dict.fromkeys(doc.scripts))[:MAX_SCRIPTS]
    return doc


PARTLY_READ = Finding(
    rule="doc.partly_read",
    category="engine",
    reason=(
        f"The message holds a document longer than the {MAX_DOC_CHARS:,} characters that are "
        "checked; a person must look at the rest."
    ),
    risk="medium",
    verdict="require_approval",
)


def _finding(rule: DocRule, evidence: str) -> Finding:
    evidence = " ".join(evidence.split())
    if len(evidence) > MAX_EVIDENCE:
        evidence = evidence[: MAX_EVIDENCE - 1] + "…"
    return Finding(
        rule=rule.id,
        category=rule.category,
        reason=rule.reason,
        risk=rule.risk,
        verdict=rule.verdict,
        evidence=evidence,
    )


def assess_documents(
    text: str, domains: tuple[str, ...] = (), message: str | None = None
) -> DocumentResult:
    """Each document judged on its own; one introduced as a warning, a report, a
    hypothetical or a proposal, or applied to this machine's own cluster, is lowered
    (see `doc_scope`). `message`: the whole message, when `text` is a part of it."""
    pieces = read_pieces(text, domains)
    if not pieces:
        return DocumentResult([], 0, [])
    cut = [PARTLY_READ] if len(text) > MAX_DOC_CHARS else []
    # Another document's introduction orders that document, not this one.
    others = message or text
    for piece in pieces:
        if piece.intro:
            others = others.replace(piece.intro, " ")
    seen = _Judged()
    for piece in pieces:
        seen.add(piece, others)
    count = sum(_count(p.doc) for p in pieces)
    scripts = list(dict.fromkeys(seen.scripts))[:MAX_SCRIPTS]
    statements = list(dict.fromkeys(seen.statements))[:MAX_SCRIPTS]
    script_whys = {k: v for k, v in seen.script_whys.items() if k in scripts or k in statements}
    return DocumentResult(
        [*seen.findings.values(), *cut],
        count,
        scripts,
        seen.parsed,
        seen.scoped,
        script_whys,
        seen.policy_intros,
        statements,
    )


@dataclass
class _Judged:
    """What the pieces of one message add up to, gathered piece by piece."""

    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    scoped: list[tuple[str, Why]] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)
    script_whys: dict[str, Why] = field(default_factory=dict)
    policy_intros: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)

    def add(self, piece: Piece, others: str) -> None:
        kept = _piece_findings(piece)
        why = doc_scope(piece.intro, piece.body, others) if piece.intro else None
        if why is not None:
            kept = lower_documents(kept, why)
            self.scoped.append((f"{piece.intro}\n{piece.body}", why))
            for script in [*piece.doc.scripts, *piece.doc.sql]:
                self.script_whys.setdefault(script, why)
        for script in piece.doc.built:  # an image build's own files, unless it reaches out
            if not remote_target(script):
                self.script_whys.setdefault(script, "local")
        for f in kept:
            self.findings.setdefault((f.rule, f.evidence or ""), f)
        self.scripts += piece.doc.scripts
        self.statements += piece.doc.sql
        self.parsed += piece.doc.parsed
        if piece.intro and (_is_policy(piece.doc) or _grants_access(piece.doc)):
            self.policy_intros.append(piece.intro)


def _piece_findings(piece: Piece) -> list[Finding]:
    """Every rule's judges on one document, one finding per rule and evidence."""
    found: dict[tuple[str, str], Finding] = {}
    for rule in RULES:
        for judge in rule.judges:
            for evidence in JUDGES[judge](piece.doc):
                f = _finding(rule, evidence)
                found.setdefault((f.rule, f.evidence or ""), f)
    return list(found.values())


def verify_document_rules() -> None:
    """Every rule names known judges and catches its own examples, and only those."""
    for rule in RULES:
        for judge in rule.judges:
            if judge not in JUDGES:
                raise ValueError(f"{rule.id}: unknown judge {judge!r}")
        for example in rule.match:
            if rule.id not in {f.rule for f in assess_documents(example).findings}:
                raise ValueError(f"{rule.id} misses its own example {example[:60]!r}")
        for example in rule.not_match:
            if rule.id in {f.rule for f in assess_documents(example).findings}:
                raise ValueError(f"{rule.id} matches its counter-example {example[:60]!r}")
