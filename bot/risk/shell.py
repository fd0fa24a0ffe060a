"""Shell-command detector: parse, unwrap, and match the rules in `shell_rules`.

Commands are parsed with tree-sitter-bash, so words inside data that is never
executed (heredoc bodies fed to `cat`, quoted arguments to `echo`/`grep`,
commit messages, comments) never reach a rule, while commands hidden inside
wrappers (`sudo`, `env`, `bash -c`, `ssh host '…'`, `xargs`, `find -exec`,
`kubectl exec --`, interpreter one-liners) are unwrapped recursively and
checked like any other. Anything that cannot be parsed but looks dangerous is
held for a person (fail closed).

Here: the parse, the walk over the tree, the checks rules name, and the rule index.
Each command found is a `shell_cmd.Cmd`; how a wrapper hands on the command it runs
is the table in `shell_wrappers`; the rules themselves are data in `shell_rules`
and in the packs (`bot.risk.packs`).
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from bot.risk.model import Finding
from bot.risk.packs import SHELL_CHECKS, SHELL_RULES, SHELL_SAFE
from bot.risk.packs.files import local_datastore
from bot.risk.shell_cmd import Cmd, decode_escapes, program_of
from bot.risk.shell_rules import (
    CATASTROPHIC_PATHS,
    DESTRUCTIVE_FLAG_RE,
    DESTRUCTIVE_VERB_RE,
    DOWNLOADERS,
    NETWORK_SINKS,
    NON_READING,
    RULES,
    SAFE_DELETE_NAMES,
    SAFE_DELETE_SUFFIXES,
    SCRATCH_ROOT_RE,
    SCRATCH_ROOTS,
    SERVICE_CLIS,
    SHELLS,
    SYSTEM_DIRS,
    TOO_COMPLEX,
    UNPARSABLE,
    Pattern,
    Rule,
)
from bot.risk.shell_wrappers import (
    SSH_VALUE_OPTS,
    Unwrapping,
    code_shell_strings,
    interpreter_family,
    shell_script,
    skip_options,
    unwrap_once,
)

__all__ = ["ShellResult", "assess_shell", "looks_like_shell"]

_LANGUAGE = Language(tree_sitter_bash.language())
_PARSER = Parser(_LANGUAGE)
"""Built once per process: building a parser costs far more than a parse."""
PARSE_BUDGET_SECONDS = 0.02
"""tree-sitter's error recovery is quadratic on some inputs (a 40 kB broken pipeline
takes seconds); longer inputs are parsed with a deadline and fail closed past it."""
_PLAIN_PARSE_MAX_BYTES = 256
_REPARSE_MIN_BYTES = 8192
"""A tree parsed through a read callback keeps no source, so every `node.text` re-reads it
(~3 µs against ~0.2 µs); on long inputs, once the timed parse has finished, the same bytes
are parsed again without the callback, which takes no longer, so reading them is cheap."""


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
"""tree-sitter-bash 0.25.1 intermittently crashes the process (segfault) on characters
beyond the Basic Multilingual Plane next to `{`; they are replaced by U+FFFD before
parsing. No rule depends on them."""


class _ParseTimeout(Exception):
    pass


def _parse(data: bytes) -> Node:
    global _PARSER
    if len(data) <= _PLAIN_PARSE_MAX_BYTES:
        return _PARSER.parse(data).root_node
    deadline = time.perf_counter() + PARSE_BUDGET_SECONDS
    try:
        tree = _PARSER.parse(
            lambda offset, _point: data[offset : offset + 8192],
            progress_callback=lambda _offset, _error: time.perf_counter() > deadline,
        )
    except ValueError:
        # A halted parser is replaced rather than reused: resuming a halted parse
        # on different input is not something to rely on.
        _PARSER = Parser(_LANGUAGE)
        raise _ParseTimeout from None
    if len(data) >= _REPARSE_MIN_BYTES:
        return _PARSER.parse(data).root_node
    return tree.root_node


MAX_DEPTH = 6
MAX_COMMANDS = 400
MAX_EVIDENCE = 200


@dataclass(frozen=True)
class ShellResult:
    findings: list[Finding]
    resources: list[str]
    """Paths, s3://…, gs://…, hosts, URLs and k8s namespaces the command touches."""
    sql: list[str]
    """SQL nested in psql -c / mysql -e / sqlite3 / snowsql -q / bq query …, for the SQL
    detector."""
    parse_failed: bool


# ---------------------------------------------------------------------------- words


def _unquote_word(text: str) -> str:
    if not any(c in text for c in "'\"\\"):
        return text
    if len(text) > 512:  # shlex walks character by character in Python
        return re.sub(r"\\(.)", r"\1", text.replace("'", "").replace('"', ""))
    try:
        return " ".join(shlex.split(text, posix=True))
    except ValueError:
        return text.replace("\\", "").strip("'\"")


def _word_value(node: Node) -> str:
    t = node.type
    text = node.text.decode("utf-8", "replace") if node.text else ""
    if t == "word":
        return _unquote_word(text)
    if t == "concatenation":
        return "".join(_word_value(c) for c in node.children)
    if t == "raw_string":
        return text[1:-1]
    if t == "string":
        return re.sub(r"\\([$`\"\\\n])", r"\1", text[1:-1])
    if t == "ansi_c_string":
        return decode_escapes(text[2:-1])
    if t == "command_substitution":
        static = _static_output(node)
        return text if static is None else static
    return text


_LITERAL_WORDS = frozenset(
    {"word", "raw_string", "string", "ansi_c_string", "concatenation", "number"}
)


def _static_output(node: Node) -> str | None:
    """What `$(echo …)` / `$(printf …)` of literal text prints, so `$(echo rm) -rf /` is `rm`."""
    inner = node.named_children
    if len(inner) != 1 or inner[0].type != "command":
        return None
    parts = inner[0].named_children
    if not parts or parts[0].type != "command_name":
        return None
    name = program_of(_word_value(parts[0].named_children[0]) if parts[0].named_children else "")
    args = parts[1:]
    if name not in ("echo", "printf") or any(a.type not in _LITERAL_WORDS for a in args):
        return None
    if any(
        c.type in ("simple_expansion", "expansion", "command_substitution")
        for a in args
        for c in a.children
    ):
        return None
    values = [_word_value(a) for a in args]
    if name == "echo":
        flags = [v for v in values[:2] if re.fullmatch(r"-[neE]+", v)]
        out = " ".join(values[len(flags) :])
        return decode_escapes(out) if any("e" in f for f in flags) else out
    if not values or "%" in values[0]:
        return None
    return decode_escapes(" ".join(values))


_VAR_RE = re.compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")


# ---------------------------------------------------------------------------- the walk


@dataclass
class _Redirections:
    """A redirected statement's redirects, and what follows a heredoc on its first line."""

    files: list[tuple[str, str]] = field(default_factory=list)
    stdin_text: str | None = None
    stdin_download: bool = False
    """`sh < <(curl …)`: the shell reads a download as its input."""
    tail: list[Node] = field(default_factory=list)
    after_op: str | None = None


class _Walk:
    """Collects every command that would run, across nesting, in source order."""

    def __init__(self, company_domains: Sequence[str]) -> None:
        self.domains = tuple(d.lower().lstrip("@.") for d in company_domains if d)
        self.cmds: list[Cmd] = []
        self.scripts: list[str] = []
        self.parse_failed = False
        self.too_deep = False
        self.files_written: dict[str, str] = {}
        self.vars: dict[str, str] = {}

    # -- scripts
    def script(self, text: str, depth: int) -> list[Cmd]:
        if depth > MAX_DEPTH or len(self.cmds) > MAX_COMMANDS:
            self.too_deep = True
            return []
        self.scripts.append(text)
        try:
            safe = text if text.isascii() else _ASTRAL_RE.sub("\ufffd", text)
            root = _parse(safe.encode("utf-8", "replace"))
        except _ParseTimeout:
            self.parse_failed = self.too_deep = True
            return []
        if root.has_error:
            self.parse_failed = True
        return self.node(root, depth)

    # -- nodes: return the "primary" commands at this level (for pipelines)
    def node(self, node: Node, depth: int) -> list[Cmd]:
        if len(self.cmds) > MAX_COMMANDS:
            self.too_deep = True
            return []
        t = node.type
        if t in ("comment", "heredoc_body", "heredoc_start", "heredoc_end"):
            return []
        if t == "command":
            return self.command(node, depth, [], None)
        if t == "redirected_statement":
            return self.redirected(node, depth)
        if t == "pipeline":
            return self.pipeline([c for c in node.named_children], depth)
        if t in ("command_substitution", "process_substitution"):
            for c in node.named_children:
                self.node(c, depth)
            return []
        if t == "variable_assignment":
            self.assignment(node, depth)
            return []
        out: list[Cmd] = []
        for c in node.named_children:
            out += self.node(c, depth)
        return out

    def pipeline(self, stages: list[Node], depth: int, first: list[Cmd] | None = None) -> list[Cmd]:
        groups: list[list[Cmd]] = [first] if first is not None else []
        groups += [self.node(s, depth) for s in stages]
        self.link(groups, depth)
        return [c for g in groups for c in g]

    def link(self, groups: list[list[Cmd]], depth: int) -> None:
        for i, group in enumerate(groups):
            for cmd in group:
                cmd.pipe = groups
                cmd.stage = i
        for prev, nxt in zip(groups, groups[1:], strict=False):
            if len(prev) != 1:
                continue
            src = prev[0]
            literal: str | None = None
            if src.name in ("echo", "printf") and not src.args_from_stdin:
                parts = [a for a in src.args if not re.fullmatch(r"-[neE]+", a)]
                literal = " ".join(parts)
                if src.name == "printf" or "-e" in src.args:
                    literal = decode_escapes(literal)
            elif src.name in ("cat", "tee") and src.stdin_text is not None and not src.pos:
                literal = src.stdin_text
            if literal is not None:
                for cmd in nxt:
                    if cmd.stdin_text is None:
                        cmd.stdin_text = literal
                        self.feed_stdin(cmd, depth)

    def redirected(self, node: Node, depth: int) -> list[Cmd]:
        body = node.child_by_field_name("body")
        r = self.redirections(node, depth)
        primaries = self.redirected_body(body, depth, r)
        if r.stdin_download:
            for cmd in primaries:
                cmd.subst_download = True
        if r.stdin_text is not None and body is not None and body.type == "command":
            for r_op, target in r.files:
                if r_op in (">", ">>") and primaries and primaries[0].name in ("cat", "tee"):
                    self.files_written[target] = r.stdin_text
        for part in r.tail:
            if part.type == "pipeline" and part.children and part.children[0].type in ("|", "|&"):
                return self.pipeline(list(part.named_children), depth, first=primaries)
            if r.after_op in ("|", "|&"):
                return self.pipeline([part], depth, first=primaries)
            primaries = primaries + self.node(part, depth)
        return primaries

    def redirections(self, node: Node, depth: int) -> _Redirections:
        r = _Redirections()
        for child in node.children:
            if child.type == "file_redirect":
                before = len(self.cmds)
                r.files.append(self.file_redirect(child, depth))
                if r.files[-1][0] == "<" and any(c.name in DOWNLOADERS for c in self.cmds[before:]):
                    r.stdin_download = True
            elif child.type == "herestring_redirect":
                r.stdin_text = self.herestring(child, depth)
            elif child.type == "heredoc_redirect":
                self.heredoc(child, depth, r)
        return r

    def heredoc(self, node: Node, depth: int, r: _Redirections) -> None:
        for part in node.children:
            if part.type == "heredoc_body":
                r.stdin_text = (part.text or b"").decode("utf-8", "replace")
                for sub in part.named_children:
                    if sub.type in ("command_substitution", "expansion"):
                        self.node(sub, depth)
            elif part.type == "file_redirect":
                r.files.append(self.file_redirect(part, depth))
            elif part.type in ("&&", "||", ";", "|", "|&"):
                r.after_op = part.type
            elif part.is_named and part.type not in ("heredoc_start", "heredoc_end"):
                r.tail.append(part)

    def redirected_body(self, body: Node | None, depth: int, r: _Redirections) -> list[Cmd]:
        if body is None:
            return []
        if body.type == "command":
            return self.command(body, depth, r.files, r.stdin_text)
        primaries = self.node(body, depth)
        if r.files and primaries:
            # `a | b > f` parses as one redirected pipeline, but only its last stage
            # writes to f; a group `{ a; b; } > f` sends every command's output there.
            last = max(c.stage for c in primaries) if body.type == "pipeline" else None
            for cmd in primaries:
                if last is None or cmd.stage == last:
                    cmd.redirects = cmd.redirects + r.files
        return primaries

    def file_redirect(self, node: Node, depth: int) -> tuple[str, str]:
        op = ""
        target = ""
        for c in node.children:
            if not c.is_named:
                op = (c.text or b"").decode()
            elif c.type != "file_descriptor":
                target = _word_value(c)
                self.substitutions(c, depth)
        return op, target

    def herestring(self, node: Node, depth: int) -> str:
        parts = [c for c in node.named_children]
        for p in parts:
            self.substitutions(p, depth)
        return " ".join(_word_value(p) for p in parts)

    def substitutions(self, node: Node, depth: int) -> bool:
        """Walk command/process substitutions inside a word; True if one downloads."""
        found = False
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type in ("command_substitution", "process_substitution"):
                before = len(self.cmds)
                self.node(n, depth)
                if any(c.name in DOWNLOADERS for c in self.cmds[before:]):
                    found = True
                continue
            stack.extend(n.named_children)
        return found

    def command(
        self, node: Node, depth: int, redirects: list[tuple[str, str]], stdin_text: str | None
    ) -> list[Cmd]:
        words: list[str] = []
        download = False
        redirects = list(redirects)
        for child in node.children:
            t = child.type
            if t == "variable_assignment":
                self.substitutions(child, depth)
            elif t == "file_redirect":
                redirects.append(self.file_redirect(child, depth))
            elif t == "herestring_redirect":
                stdin_text = self.herestring(child, depth)
            elif t == "command_name":
                inner = child.named_children[0] if child.named_children else child
                download |= self.substitutions(inner, depth)
                name = self.expand(_word_value(inner))
                if name != _word_value(inner) and " " in name.strip() and inner.type != "string":
                    words += name.split()  # an unquoted `$CMD` is split into words
                else:
                    words.append(name)
            elif child.is_named and t not in ("comment",):
                download |= self.substitutions(child, depth)
                words.append(self.expand(_word_value(child)))
        if not words:
            return []
        text = (node.text or b"").decode("utf-8", "replace")
        return self.unwrap(words, text, depth, redirects, stdin_text, download)

    def expand(self, word: str) -> str:
        """Substitute variables assigned earlier in the script to literal values."""
        if not self.vars or "$" not in word:
            return word
        return _VAR_RE.sub(lambda m: self.vars.get(m.group(1) or m.group(2), m.group(0)), word)

    def assignment(self, node: Node, depth: int) -> None:
        self.substitutions(node, depth)
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None or name.type != "variable_name":
            return
        key = (name.text or b"").decode()
        if value is None:
            self.vars[key] = ""
        elif value.type == "command_substitution":
            static = _static_output(value)
            if static is not None:
                self.vars[key] = static
        elif value.type in _LITERAL_WORDS and not any(
            c.type in ("simple_expansion", "expansion", "command_substitution")
            for c in value.children
        ):
            self.vars[key] = self.expand(_word_value(value))

    # -- unwrapping wrappers, nested shells and one-liners
    def unwrap(
        self,
        argv: list[str],
        text: str,
        depth: int,
        redirects: list[tuple[str, str]],
        stdin_text: str | None,
        download: bool,
        from_stdin: bool = False,
    ) -> list[Cmd]:
        """Peel wrappers (`sudo`, `env`, `timeout`, …) off `argv`, one per round, via
        `_WRAPPERS`; what they run nested (`bash -c`, `ssh host …`) is walked as a script."""
        u = Unwrapping(self, argv, text, depth, redirects, stdin_text, download, from_stdin)
        for _ in range(12):
            if not u.argv:
                return []
            inner = unwrap_once(u)
            if u.done is not None:
                return u.done
            if inner is None:
                break
            u.argv = inner
        if not u.argv:
            return []
        cmd = Cmd(
            name=program_of(u.argv[0]),
            args=u.argv[1:],
            text=text,
            argv0=u.argv[0],
            redirects=redirects,
            stdin_text=stdin_text,
            args_from_stdin=u.from_stdin,
            subst_download=download,
        )
        self.add(cmd)
        self.feed_stdin(cmd, depth)
        return [cmd]

    def add(self, cmd: Cmd) -> None:
        cmd.analyze()
        self.cmds.append(cmd)

    def feed_stdin(self, cmd: Cmd, depth: int) -> None:
        """A shell or interpreter reading literal stdin runs it: parse that too."""
        if cmd.stdin_text is None or cmd.fed:
            return
        if cmd.name in _STDIN_COMMAND_CLIS and not _redis_positional(cmd.args):
            # `echo FLUSHALL | redis-cli`: each line of stdin is one command to the server.
            cmd.fed = True
            for line in cmd.stdin_text.splitlines()[:50]:
                words = line.split()
                if words:
                    self.add(
                        Cmd(name=cmd.name, args=cmd.args + words, text=cmd.text, argv0=cmd.argv0)
                    )
            return
        if cmd.name in SHELLS and shell_script(cmd.args) is None:
            if "-s" in cmd.flags or not [a for a in cmd.args if not a.startswith("-")]:
                cmd.fed = True
                self.script(cmd.stdin_text, depth + 1)
        elif (
            interpreter_family(cmd.name)
            and cmd.code is None
            and not [a for a in cmd.args if a != "-" and not a.startswith("-")]
        ):
            cmd.fed = True
            cmd.code = cmd.stdin_text
            for shell_text in code_shell_strings(cmd.stdin_text):
                self.script(shell_text, depth + 1)

    def find_exec(
        self, argv: list[str], text: str, depth: int, redirects: list[tuple[str, str]]
    ) -> None:
        args = argv[1:]
        names = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-name", "-iname")]
        roots = []
        for arg in args:
            if arg.startswith(("-", "(", "!")):
                break
            roots.append(arg)
        if not names and len(roots) == 1 and "-mindepth" not in args:
            names = roots  # with no filter, `{}` includes the search root itself
        self.add(Cmd(name="find", args=args, text=text, argv0=argv[0], redirects=redirects))
        i = 0
        while i < len(args):
            if args[i] in ("-exec", "-execdir", "-ok", "-okdir"):
                j = i + 1
                while j < len(args) and args[j] not in (";", "+", "\\;"):
                    j += 1
                inner = args[i + 1 : j]
                if inner:
                    filled = [names[0] if (a == "{}" and len(names) == 1) else a for a in inner]
                    self.unwrap(filled, text, depth, [], None, False)
                i = j
            i += 1


_STDIN_COMMAND_CLIS = frozenset({"redis-cli", "valkey-cli", "keydb-cli"})
_REDIS_VALUE_OPTS = frozenset(
    {"-h", "-p", "-s", "-a", "-u", "-n", "-r", "-i", "-d", "-D", "--user", "--pass", "--sni"}
    | {"--cacert", "--cacertdir", "--cert", "--key", "--pattern", "--count", "--memkeys-samples"}
)


def _redis_positional(args: list[str]) -> list[str]:
    """redis-cli words that are a command rather than connection options."""
    out: list[str] = []
    i = 0
    while i < len(args):
        if args[i] in _REDIS_VALUE_OPTS:
            i += 2
            continue
        if not args[i].startswith("-"):
            out.append(args[i])
        i += 1
    return out


# ---------------------------------------------------------------------------- helpers for checks

_PRIVATE_NETS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "0.0.0.0/32",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
    )
)
_INTERNAL_SUFFIXES = (
    ".local",
    ".internal",
    ".lan",
    ".corp",
    ".home.arpa",
    ".svc",
    ".cluster.local",
    ".localhost",
    ".intranet",
    ".localdomain",
)
_URL_RE = re.compile(
    r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/\s]*@)?(?P<host>\[[^\]]+\]|[^/:?#\s]+)"
)
_REMOTE_RE = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\]):(?!//)")
_BARE_HOST_RE = re.compile(
    r"^(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?::\d+)?(?:/|$)"
)


def _outside(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().strip("[]").rstrip(".")
    if not host or host == "localhost" or host.endswith(_INTERNAL_SUFFIXES):
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return not any(ip in net for net in _PRIVATE_NETS if net.version == ip.version)
    if "." not in host:
        return False
    return not any(host == d or host.endswith("." + d) for d in domains)


def _url_hosts(args: list[str]) -> list[str]:
    hosts = []
    for arg in args:
        m = _URL_RE.match(arg)
        if m and m.group("scheme").lower() in (
            "http",
            "https",
            "ftp",
            "ftps",
            "sftp",
            "scp",
            "tcp",
            "ws",
            "wss",
            "rsync",
        ):
            hosts.append(m.group("host"))
    if not hosts:
        for arg in args:
            m = _BARE_HOST_RE.match(arg)
            if m and not arg.startswith(("-", "@", "/", ".")):
                hosts.append(m.group("host"))
    return hosts


_CATASTROPHIC_RE = re.compile(r"/+|/+\*|~/?\*?|\$\{?HOME\}?/?\*?|/\.\*?|~/\.\*")


def _target_class(target: str) -> str:
    """`catastrophic`, `dangerous` or `safe` for an rm -r target."""
    t = target.strip()
    if not t:
        return "dangerous"
    if (
        t in CATASTROPHIC_PATHS
        or (t.rstrip("/") or "/") in CATASTROPHIC_PATHS
        or _CATASTROPHIC_RE.fullmatch(t)
    ):
        return "catastrophic"
    if ".." in t.split("/"):
        t = posixpath.normpath(t)
        if t.startswith("..") or t in CATASTROPHIC_PATHS:
            return "catastrophic" if t in CATASTROPHIC_PATHS else "dangerous"
    scratch = _scratch_prefix(t)
    if scratch is not None:
        return "safe" if t[scratch:].strip("/") else "dangerous"
    return "safe" if _plainly_disposable(t) else "dangerous"


def _scratch_prefix(t: str) -> int | None:
    """Length of the scratch root (`/tmp/`, a build dir) `t` starts with, if any."""
    scratch = next((len(root) for root in SCRATCH_ROOTS if t.startswith(root)), None)
    m = SCRATCH_ROOT_RE.match(t)
    if scratch is None and m:
        scratch = m.end()
    return scratch


def _plainly_disposable(t: str) -> bool:
    """A cache, build output or log by its name, or something inside one."""
    trimmed = t.rstrip("/")
    last = trimmed.rsplit("/", 1)[-1]
    parents = (
        trimmed.split("/")[1:-1] if trimmed.startswith(("/", "~", "$")) else trimmed.split("/")[:-1]
    )
    if any(p in SAFE_DELETE_NAMES for p in parents) and "*" not in last:
        return True  # inside a cache or build directory
    if "{}" in t or "$" in t or "`" in t:
        # An unknown prefix is fine when what is removed is plainly a cache or build dir.
        literal_last = "/" in trimmed and not any(c in last for c in "${}`*")
        return literal_last and last in SAFE_DELETE_NAMES
    if last in ("*", ".*", ".", "..", "") or last.startswith("*"):
        if last.startswith("*.") and last[1:].endswith(SAFE_DELETE_SUFFIXES):
            return True
        parent = trimmed.rsplit("/", 1)[0] if "/" in trimmed else ""
        return bool(parent) and parent.rsplit("/", 1)[-1] in SAFE_DELETE_NAMES
    two = "/".join(trimmed.split("/")[-2:])
    return (
        last in SAFE_DELETE_NAMES or two in SAFE_DELETE_NAMES or last.endswith(SAFE_DELETE_SUFFIXES)
    )


_CRED_RE = re.compile(
    r"(?:^|/)\.aws/credentials$|(?:^|/)\.ssh/(?:id_[a-z0-9_]+|[\w.-]+_key|[\w.-]+\.pem)$|"
    r"(?:^|/)id_(?:rsa|dsa|ecdsa|ed25519)$|(?:^|/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$|"
    r"^/etc/g?shadow-?$|^/etc/sudoers$|(?:^|/)\.netrc$|(?:^|/)\.pgpass$|(?:^|/)\.git-credentials$|"
    r"(?:^|/)\.docker/config\.json$|(?:^|/)\.kube/config$|(?:^|/)\.vault-token$|"
    r"(?:^|/)\.config/gcloud/(?:credentials\.db|application_default_credentials\.json|legacy_credentials\S*)$|"
    r"(?:^|/)\.azure/(?:accessTokens\.json|msal_token_cache\S*)$|^/proc/[^/]+/environ$|"
    r"\.(?:p12|pfx|keystore|jks)$|(?:^|/)(?:private|server|tls|ssl)\.key$|(?:^|/)credentials\.json$|"
    r"(?:^|/)\.npmrc$|(?:^|/)\.pypirc$|(?:^|/)secrets?\.ya?ml$"
)
_PERSONAL_RE = re.compile(
    r"^(?:~|\$\{?HOME\}?|/home/|/Users/|/root/|/tmp/|/var/tmp/|/mnt/|/media/|/Volumes/|/dev/shm/)|"
    r"(?:Desktop|Downloads|Dropbox|Google Drive|OneDrive|iCloud)"
)
_DISK_RE = re.compile(r"^/dev/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md\d|dm-|mapper/|sr|loop)")
_HTTP_DELETE_PATH_RE = re.compile(
    r"(?i)(?:^|/)(?:_delete_by_query|dodelete|delete|purge|destroy|wipe|_flush)(?:[/?#]|$)"
)
_FORK_BOMB_RE = re.compile(
    r"(?<![\w:.])(?P<f>[\w:.]{1,64})\s*\(\)\s*\{\s*(?P=f)\s*\|\s*(?P=f)\s*&\s*\}\s*;?\s*(?P=f)"
)
_SCRIPT_DELETE_RE = re.compile(
    r"shutil\.rmtree|\bos\.(?:remove|unlink|rmdir|removedirs)\s*\(|\.unlink\s*\(|\.rmtree\s*\(|"
    r"FileUtils\.(?:rm_rf|rm_r|rm|remove_dir|remove_entry\w*|remove)\b|\bfs\.(?:rmSync|rmdirSync|"
    r"unlinkSync|rm|rmdir|unlink|promises\.rm)\b|\bunlink\s*\(|\brmtree\b|\bFile\.delete\b|"
    r"\.(?:rmSync|rmdirSync|unlinkSync|rmtree)\s*\(|\bDir\.(?:delete|rmdir)\b|\bFileUtils::rm|\bremove_tree\b|\bDeno\.remove\b|\bBun\.\w*rm"
)
# Shared branches, and published tags: a release tag (`v3.2.0`, `refs/tags/...`) is fetched
# by everyone, so moving or deleting it rewrites history others already have.
_PROTECTED_REF_RE = re.compile(
    r"^(?:(?:refs/heads/)?(?:main|master|trunk|develop|prod|production|release\S*|HEAD)"
    r"|refs/tags/\S+|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?)$"
)
_LITERAL_SOURCES = frozenset({"echo", "printf", "yes", "true", "seq", "date"})


def _paths(cmd: Cmd) -> list[str]:
    vals = list(cmd.pos)
    vals += [a.split("=", 1)[1] for a in cmd.args if a.startswith("-") and "=" in a]
    return vals


# ---------------------------------------------------------------------------- checks


def _rm_targets(cmd: Cmd) -> list[str]:
    extra = cmd.stdin_text.split() if cmd.args_from_stdin and cmd.stdin_text else []
    return cmd.pos + extra


def check_rm_catastrophic(cmd: Cmd, walk: _Walk) -> bool:
    if "--no-preserve-root" in cmd.flags:
        return True
    return any(_target_class(t) == "catastrophic" for t in _rm_targets(cmd))


def check_rm_dangerous(cmd: Cmd, walk: _Walk) -> bool:
    targets = _rm_targets(cmd)
    if (cmd.args_from_stdin and cmd.stdin_text is None) or not targets:
        return True
    return any(_target_class(t) == "dangerous" for t in targets)


def check_rm_system_file(cmd: Cmd, walk: _Walk) -> bool:
    for t in cmd.pos:
        norm = posixpath.normpath(t) if t.startswith("/") else t
        if norm.startswith(SYSTEM_DIRS) or re.match(r"^(?:~|\$\{?HOME\}?)/\.ssh/", t):
            return True
    return False


# Rotated or compressed log files (`*.log.*.gz`, `*.log.1`, `*.gz`) under a log directory.
_ROTATED_LOG_RE = re.compile(
    r"^[\w*][\w.*\[\]-]*(?:\.log\.[\w.*\[\]-]+|\.(?:gz|bz2|xz|zst|old|\d+|\[0-9\]\*?))$"
)
_LOG_DIR_RE = re.compile(r"(?:^|/)(?:log|logs)(?:/|$)")
_OLDER_THAN_RE = re.compile(r"^\+\d+$")


def _rotated_logs_only(cmd: Cmd, names: list[str], roots: list[str]) -> bool:
    """`find /var/log/x -name '*.log.*.gz' -mtime +14 -delete`: only old rotated logs in a
    log directory go, which is what log rotation does."""
    ages = cmd.value("-mtime", "-mmin")
    return (
        bool(names)
        and all(_ROTATED_LOG_RE.match(n.strip("'\"")) for n in names)
        and bool(ages)
        and all(_OLDER_THAN_RE.match(a) for a in ages)
        and bool(roots)
        and all(_LOG_DIR_RE.search(r) and r.startswith("/") for r in roots)
    )


def check_find_unsafe_root(cmd: Cmd, walk: _Walk) -> bool:
    names = cmd.value("-name", "-iname")
    if names and all(_target_class(n) == "safe" for n in names):
        return False  # e.g. `-name '*.pyc'`, `-name node_modules`
    roots = []
    for arg in cmd.args:
        if arg in ("-H", "-L", "-P"):
            continue
        if arg.startswith(("-", "(", "!")):
            break
        roots.append(arg)
    if _rotated_logs_only(cmd, names, roots):
        return False
    return any(_target_class(r) != "safe" for r in roots or ["."])


def check_script_delete(cmd: Cmd, walk: _Walk) -> bool:
    return cmd.code is not None and bool(_SCRIPT_DELETE_RE.search(cmd.code))


def check_redirect_to_disk(cmd: Cmd, walk: _Walk) -> bool:
    if any(op in (">", ">>", ">|", "&>") and _DISK_RE.match(t) for op, t in cmd.redirects):
        return True
    if cmd.name in ("tee", "cp", "cat") and cmd.pos and cmd.name != "cat":
        return bool(_DISK_RE.match(cmd.pos[-1]))
    return False


_SYSTEM_FILE_RE = re.compile(
    r"^/etc/(?:passwd|shadow|group|gshadow|sudoers(?:\.d/\S*)?|hosts|fstab|resolv\.conf|"
    r"ssh/sshd_config|pam\.d/\S+|crontab)$|^/boot/|^(?:~|\$\{?HOME\}?)/\.ssh/authorized_keys$"
)


def check_redirect_system_file(cmd: Cmd, walk: _Walk) -> bool:
    targets = [t for op, t in cmd.redirects if op in (">", ">|", "&>")]
    if cmd.name == "tee" and "-a" not in cmd.flags and "--append" not in cmd.flags:
        targets += cmd.pos
    if cmd.name == "truncate":
        targets += cmd.pos
    hits = [t for t in targets if _SYSTEM_FILE_RE.match(t)]
    if hits and all(t.startswith("/etc/sudoers.d/") for t in hits):
        return not _scoped_sudo_rule(cmd)
    return bool(hits)


# A sudo rule that names its commands (`deploy ALL=(root) NOPASSWD: /usr/bin/systemctl
# restart api`), as opposed to `ALL` commands: written as a literal, it can be judged.
_SUDO_RULE_RE = re.compile(r"^\s*[%\w.-]+\s+[\w.,-]+\s*=\s*(?:\([^)]*\)\s*)?(?P<cmds>.+)$")


def _scoped_sudo_rule(cmd: Cmd) -> bool:
    """A drop-in in /etc/sudoers.d written from an `echo`/`printf` literal whose every rule
    names specific commands by path; `ALL`, a wildcard or unseen content is not scoped."""
    writers = [cmd] if cmd.name in ("echo", "printf") else list(cmd.upstream)
    sources = [u for u in writers if u.name in ("echo", "printf")]
    lines = [ln for u in sources for a in u.pos for ln in decode_escapes(a).splitlines()]
    if not lines:
        return False
    for line in lines:
        m = _SUDO_RULE_RE.match(line)
        if not m:
            return False
        for part in m.group("cmds").split(","):
            command = re.sub(r"^(?:\s*[A-Z_]+:)+", "", part).strip()
            if not command.startswith("/") or "*" in command or command.split()[0] in _SHELL_PATHS:
                return False
    return True


_SHELL_PATHS = frozenset(
    f"{d}/{s}" for d in ("/bin", "/usr/bin") for s in ("sh", "bash", "zsh", "su", "sudo", "env")
)


def check_chmod_wide(cmd: Cmd, walk: _Walk) -> bool:
    if "--recursive" in cmd.flags:
        return True
    for t in cmd.pos[1:]:
        if (
            _target_class(t) == "catastrophic"
            or t.startswith(SYSTEM_DIRS)
            or t in (".", "*", "./*")
        ):
            return True
    return False


def check_perm_root(cmd: Cmd, walk: _Walk) -> bool:
    return any(re.fullmatch(r"/+\*?", t) for t in cmd.pos[1:])


def _curl_upload_sources(cmd: Cmd) -> list[str]:
    out = cmd.value("-T", "--upload-file")
    for v in cmd.value("-F", "--form", "--form-string"):
        m = re.search(r"=[@<](.+)$", v)
        if m:
            out.append(m.group(1).split(";")[0])
    for v in cmd.value(
        "-d", "--data", "--data-binary", "--data-urlencode", "--json", "--data-ascii"
    ):
        m = re.match(r"^(?:[\w-]*@|@)(.+)$", v)
        if m:
            out.append(m.group(1))
    return out


def _curl_upload_hosts(cmd: Cmd) -> list[str]:
    return _url_hosts(cmd.args) if any(s != "-" for s in _curl_upload_sources(cmd)) else []


def _wget_upload_hosts(cmd: Cmd) -> list[str]:
    return _url_hosts(cmd.args) if cmd.value("--post-file", "--body-file") else []


def _httpie_upload_hosts(cmd: Cmd) -> list[str]:
    if any(re.match(r"^[\w-]*=?@[^@\s]+$", a) for a in cmd.pos) or any(
        op == "<" for op, _ in cmd.redirects
    ):
        return _url_hosts(cmd.args)
    return []


def _copy_upload_hosts(cmd: Cmd) -> list[str]:
    """scp/sftp/rsync: the remote host, when a local source is copied to it."""
    if len(cmd.pos) < 2:
        return []
    m = _URL_RE.match(cmd.pos[-1]) or _REMOTE_RE.match(cmd.pos[-1])
    if not m:
        return []
    sources_local = any(not (_REMOTE_RE.match(s) or _URL_RE.match(s)) for s in cmd.pos[:-1])
    return [m.group("host")] if sources_local else []


def _socket_upload_hosts(cmd: Cmd) -> list[str]:
    return _sink_hosts(cmd) if any(op == "<" for op, _ in cmd.redirects) else []


_UPLOADERS: dict[str, Callable[[Cmd], list[str]]] = {
    "curl": _curl_upload_hosts,
    "wget": _wget_upload_hosts,
    **dict.fromkeys(("http", "https"), _httpie_upload_hosts),
    **dict.fromkeys(("scp", "sftp", "rsync"), _copy_upload_hosts),
    **dict.fromkeys(("nc", "ncat", "netcat", "telnet", "socat"), _socket_upload_hosts),
}
"""Program name → the hosts it would send a local file or stdin to."""


def check_upload_outside(cmd: Cmd, walk: _Walk) -> bool:
    hosts = _UPLOADERS.get(cmd.name)
    return hosts is not None and any(_outside(h, walk.domains) for h in hosts(cmd))


def _sink_hosts(cmd: Cmd) -> list[str]:
    if cmd.name == "socat":
        hosts = []
        for a in cmd.pos:
            m = re.match(r"(?i)^(?:tcp4?|tcp6|tcp-connect|openssl|udp\d?|ssl):([^:]+):", a)
            if m:
                hosts.append(m.group(1))
        return hosts
    if cmd.name in ("curl", "wget", "http", "https"):
        return _url_hosts(cmd.args)
    if cmd.name == "ssh":
        remote = skip_options(cmd.args, SSH_VALUE_OPTS)
        return [remote[0].rsplit("@", 1)[-1]] if remote else []
    return [p for p in cmd.pos[:1] if not p.isdigit()]


def check_piped_upload(cmd: Cmd, walk: _Walk) -> bool:
    if not cmd.upstream or all(u.name in _LITERAL_SOURCES for u in cmd.upstream):
        return False
    if cmd.stdin_text is not None and all(
        u.name in _LITERAL_SOURCES | {"cat"} for u in cmd.upstream
    ):
        return False
    if cmd.name == "curl" and "-" not in _curl_upload_sources(cmd):
        return False
    if cmd.name == "wget" and not any(
        v in ("-", "/dev/stdin") for v in cmd.value("--post-file", "--body-file")
    ):
        return False
    return any(_outside(h, walk.domains) for h in _sink_hosts(cmd))


def check_bucket_to_bucket(cmd: Cmd, walk: _Walk) -> bool:
    if cmd.name == "aws" and not (
        cmd.pos[:1] == ["s3"] and cmd.pos[1:2] and cmd.pos[1] in ("cp", "sync", "mv")
    ):
        return False
    if cmd.name in ("gsutil", "s3cmd", "mc") and not any(
        p in ("cp", "rsync", "mv", "sync", "mirror") for p in cmd.pos[:2]
    ):
        return False
    buckets = [m.group(1) for p in cmd.pos if (m := re.match(r"^(?:s3|gs|az|r2)://([^/]+)", p))]
    if len(buckets) < 2 or len(set(buckets)) == 1:
        return False
    return not _same_owner(buckets, cmd.value("--profile"))


# A bucket or profile named for someone outside, or for the public.
_OUTSIDE_BUCKET_RE = re.compile(
    r"(?i)personal|private|(?:^|[-_.])my[-_.]|public|extern|vendor|partner|contractor|"
    r"client|customer[-_.]?share|share|transfer|dropbox|guest|third[-_.]?party|outside|temp|tmp"
)


def _same_owner(buckets: list[str], profiles: list[str]) -> bool:
    """Every bucket carries the same owner prefix (`lumen-datalake` → `lumen-analytics-team`)
    and none is named for outsiders or the public, nor is the account a personal one: a copy
    between the company's own buckets, such as a second backup, not data leaving."""
    owners = {re.split(r"[-_.]", b, maxsplit=1)[0].lower() for b in buckets}
    if len(owners) != 1 or len(next(iter(owners))) < 3:
        return False
    return not any(_OUTSIDE_BUCKET_RE.search(n) for n in [*buckets[1:], *profiles])


_DURATION_RE = re.compile(r"^(\d+)\s*([smhd]?)$", re.I)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
# Object keys that name bulk or personal data: a link to them is a link to the data set.
_BULK_OBJECT_RE = re.compile(
    r"(?i)customer|user|client|patient|employee|payroll|member|account|contact|lead|"
    r"export|dump|backup|snapshot|full|all[-_.]|pii|personal|\.sql|\.bak|\.dump"
)
LINK_HOUR = 3600
"""A signed link that dies within the hour bounds the exposure to whoever got it then."""


def _link_seconds(cmd: Cmd) -> int | None:
    if cmd.name == "aws":
        values = cmd.value("--expires-in")
        return int(values[0]) if values and values[0].isdigit() else (None if values else 3600)
    values = cmd.value("-d", "--duration")
    if not values:
        return 3600  # gsutil and gcloud sign for an hour unless told otherwise
    m = _DURATION_RE.match(values[0].strip())
    return int(m.group(1)) * _UNIT_SECONDS[(m.group(2) or "s").lower()] if m else None


def check_presign_exposes(cmd: Cmd, walk: _Walk) -> bool:
    """A signed link held for a person when it lives longer than an hour (or its lifetime
    cannot be read) or points at bulk or personal data; a short link to one document is
    how files are handed to a colleague."""
    seconds = _link_seconds(cmd)
    if seconds is None or seconds > LINK_HOUR:
        return True
    objects = [p.split("/", 3)[3] if p.count("/") >= 3 else "" for p in cmd.pos if "://" in p]
    return not objects or any(not o or _BULK_OBJECT_RE.search(o) for o in objects)


_COPY_VERBS = {
    "aws": ("s3", "cp|sync|mv"),
    "gsutil": ("cp|rsync|mv",),
    "gcloud": ("storage", "cp|rsync|mv"),
    "rclone": ("copy|copyto|sync|move|moveto",),
    "azcopy": ("copy|cp|sync",),
    "s3cmd": ("put|sync|cp",),
    "mc": ("cp|mirror|mv",),
    "bq": ("extract",),
}
_STORE_URL_RE = re.compile(
    r"^(?:s3|gs|az|r2|abfss?|wasbs?)://([^/]+)|^([A-Za-z][\w-]*):(?!//)"
    r"|^https://([^./]+)\.(?:blob|dfs|file)\.core\.windows\.net"
)
_PERSONAL_NAME_RE = re.compile(
    r"(?i)personal(?!i[sz]|ity)|(?:^|[-_.])(?:perso|privat|home)(?:$|[-_.])"
)
_PUBLIC_NAME_RE = re.compile(r"(?i)(?:^|[-_.])(?:public|pub|open|anon)(?:$|[-_.])")
_DATA_SOURCE_RE = re.compile(
    r"(?i)\.(?:csv|tsv|jsonl?|parquet|avro|orc|sql|dump|bak|xlsx?|db|sqlite)(?:\.gz|\.zip)?$|"
    r"export|dump|backup|customer|client|user|pii|ledger|invoice|payment|crm|report"
)
_PERSONAL_PROFILE_RE = re.compile(r"(?i)^(?:personal|perso|home|me|mine|private)$|personal")


def _copy_targets(cmd: Cmd) -> list[str] | None:
    """Bucket or remote names a storage copy writes to (everything after its first source),
    or None when the command is not such a copy."""
    verbs = _COPY_VERBS.get(cmd.name)
    if verbs is None or len(cmd.pos) < len(verbs) + 2:
        return None
    if not all(re.fullmatch(v, w) for v, w in zip(verbs, cmd.pos, strict=False)):
        return None
    names = []
    for target in cmd.pos[len(verbs) + 1 :]:
        m = _STORE_URL_RE.match(target)
        if m:
            names.append(next(g for g in m.groups() if g))
    return names


def check_personal_destination(cmd: Cmd, walk: _Walk) -> bool:
    """A copy into a bucket or remote whose name says it is someone's own (`s3://jd-personal`,
    `gdrive-personal:`), or made with a personal account profile (`--profile personal`)."""
    names = _copy_targets(cmd)
    if names is None:
        return False
    profiles = cmd.value("--profile", "--configuration", "--account", "--subscription")
    if any(_PERSONAL_PROFILE_RE.search(v) for v in profiles):
        return True
    return any(_PERSONAL_NAME_RE.search(n) for n in names)


def check_public_destination(cmd: Cmd, walk: _Walk) -> bool:
    """Data copied into a bucket whose name says it is public (`gs://acme-tmp-public`): what
    lands there is meant to be read by anyone. A site build (`./dist`, `*.html`) published
    to a public bucket is what such buckets are for."""
    names = _copy_targets(cmd)
    if not names or not any(_PUBLIC_NAME_RE.search(n) for n in names):
        return False
    source = cmd.pos[len(_COPY_VERBS[cmd.name])]
    return bool(cmd.name == "bq" or _STORE_URL_RE.match(source) or _DATA_SOURCE_RE.search(source))


def check_db_dump_exfil(cmd: Cmd, walk: _Walk) -> bool:
    if cmd.flags & {"--schema-only", "-s"} and cmd.name.startswith("pg_dump"):
        return False
    if local_datastore(cmd, walk):  # a database on this machine is already local
        return False
    if any(
        d.name in NETWORK_SINKS | {"aws", "gsutil", "gcloud", "rclone", "az"}
        for d in cmd.downstream
    ):
        return True
    outputs = cmd.value("-f", "--file", "--result-file", "-r", "-o", "--out")
    outputs += [t for op, t in cmd.redirects if op in (">", ">>", ">|", "&>")]
    for d in cmd.downstream:
        outputs += [t for op, t in d.redirects if op in (">", ">>", ">|", "&>")]
        if d.name in ("tee",):
            outputs += d.pos
    return any(_PERSONAL_RE.search(o) for o in outputs)


_KEY_USING_OPTS = (
    "--env-file",
    "-i",
    "--identity-file",
    "--key",
    "-key",
    "--cert",
    "--cacert",
    "--kubeconfig",
    "--private-key",
    "--ssh-key",
    "--key-file",
    "--keyfile",
)


def check_credential_file(cmd: Cmd, walk: _Walk) -> bool:
    if cmd.name in NON_READING:
        return False
    # Files handed to an option that *uses* them (identity, key, env file) are not printed.
    used = set(cmd.value(*_KEY_USING_OPTS))
    vals = [v for v in _paths(cmd) if v not in used]
    if cmd.name in ("cp", "install", "ln") and vals:
        vals = vals[:-1]  # the destination is written, not read
    vals += [t for op, t in cmd.redirects if op == "<"]
    return any(_CRED_RE.search(v) for v in vals)


def check_env_to_network(cmd: Cmd, walk: _Walk) -> bool:
    name = cmd.name
    if name == "printenv" and cmd.pos:
        return False
    if name in ("set", "export", "declare") and cmd.pos:
        return False
    if name == "compgen" and "-v" not in cmd.flags and "-e" not in cmd.flags:
        return False
    return any(d.name in NETWORK_SINKS for d in cmd.downstream)


def check_download_exec(cmd: Cmd, walk: _Walk) -> bool:
    if cmd.subst_download:
        return True
    if not any(u.name in DOWNLOADERS for u in cmd.upstream):
        return False
    if cmd.name in SHELLS:
        return shell_script(cmd.args) is None and (
            "-s" in cmd.flags or not [a for a in cmd.args if not a.startswith("-")]
        )
    if interpreter_family(cmd.name):
        return (
            not [a for a in cmd.args if a != "-" and not a.startswith("-")] or cmd.code is not None
        )
    return cmd.name in ("eval", "source", ".")


# Interpreter one-liners judged by what their code does, not by a shell string inside it.
_CODE_FETCH_RE = re.compile(
    r"\bfetch\s*\(|\b(?:https?|axios|got|request|needle)\.(?:get|request)\s*\(|"
    r"urlopen\s*\(|urlretrieve|\brequests\.(?:get|post|request)\s*\(|\bhttpx\.|"
    r"open-uri|URI\.open|Net::HTTP|LWP::|HTTP::Tiny|file_get_contents\s*\(\s*['\"]https?:|"
    r"curl_exec|wget\.download|WebClient|Invoke-WebRequest"
)
_CODE_EVAL_RE = re.compile(
    r"\beval\b|\bexec\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\bvm\.run\w*|"
    r"\bcompile\s*\(|\binstance_eval\b|\bKernel\.eval\b|\bimportlib\b.*\bexec_module\b"
)
_CODE_SEND_RE = re.compile(
    r"\b(?:requests|httpx)\.(?:post|put|patch|request)\s*\(|urlopen\s*\(|"
    r"\bfetch\s*\(|\b(?:https?|axios|got)\.(?:post|put|request)\s*\(|Net::HTTP\.post|"
    r"LWP::|HTTP::Tiny|curl_exec|\bsocket\b|\bsmtplib\b"
)
# The whole environment, not one variable: `dict(os.environ)`, `os.environ` passed on,
# `process.env` serialized, Ruby's `ENV.to_h`, Perl's `%ENV`.
_CODE_WHOLE_ENV_RE = re.compile(
    r"os\.environ(?!\s*(?:\[|\.get\b|\.setdefault\b|\.pop\b))(?!\.(?:keys|__contains__)\b)|"
    r"process\.env(?!\s*(?:\.|\[|\?\.))|\bENV\.to_h\b|\bENV\.to_a\b|%ENV\b|getenv\(\s*\)"
)


def check_code_remote_eval(cmd: Cmd, walk: _Walk) -> bool:
    """An interpreter one-liner that downloads code and evaluates it (`fetch(u).then(eval)`,
    `exec(urlopen(u).read())`): the same as `curl | sh`, without a pipe."""
    code = cmd.code or ""
    return bool(_CODE_FETCH_RE.search(code) and _CODE_EVAL_RE.search(code) and "://" in code)


def check_code_env_send(cmd: Cmd, walk: _Walk) -> bool:
    """An interpreter one-liner that sends the whole environment (its API keys and
    passwords) over the network; reading one variable, or printing names, is not that."""
    code = cmd.code or ""
    return bool(_CODE_WHOLE_ENV_RE.search(code) and _CODE_SEND_RE.search(code))


_K8S_HARMLESS_KINDS = frozenset(
    {"pod", "pods", "po", "job", "jobs", "job.batch", "event", "events", "ev"}
)


def check_k8s_delete(cmd: Cmd, walk: _Walk) -> bool:
    if cmd.flags & {
        "-f",
        "--filename",
        "-k",
        "--kustomize",
        "--all",
        "--all-namespaces",
        "-l",
        "--selector",
    }:
        return True
    try:
        i = cmd.pos.index("delete")
    except ValueError:
        return True
    if i + 1 >= len(cmd.pos):
        return True
    kinds = {k.split("/")[0].lower() for k in cmd.pos[i + 1].split(",")}
    return not kinds <= _K8S_HARMLESS_KINDS


def check_git_force_push(cmd: Cmd, walk: _Walk) -> bool:
    if "--mirror" in cmd.flags:
        return True
    try:
        i = cmd.pos.index("push")
    except ValueError:
        return False
    refs = cmd.pos[i + 2 :]
    force = "--force" in cmd.flags or any(r.startswith("+") for r in refs)
    deleting = bool(cmd.flags & {"--delete", "-d"}) or any(r.startswith(":") for r in refs)
    if not (force or deleting):
        return False
    if not refs:
        return force
    dests = [r.lstrip("+").split(":")[-1] for r in refs]
    return any(_PROTECTED_REF_RE.match(d) for d in dests)


def check_http_delete(cmd: Cmd, walk: _Walk) -> bool:
    methods = [m.upper() for m in cmd.value("-X", "--request", "--method")]
    if cmd.name in ("http", "https") and cmd.pos:
        methods.append(cmd.pos[0].upper())
    if "DELETE" in methods:
        return True
    for arg in cmd.pos:
        m = re.match(r"^(?:[a-z]+://[^/\s]+)?(/[^\s]*)$", arg) if "/" in arg else None
        if (
            m
            and _HTTP_DELETE_PATH_RE.search(m.group(1))
            and (methods or cmd.name in ("curl", "http"))
        ):
            return True
    return False


def check_service_verb(cmd: Cmd, walk: _Walk) -> bool:
    if any(DESTRUCTIVE_VERB_RE.match(p) for p in cmd.pos[:4]):
        return True
    return any(DESTRUCTIVE_FLAG_RE.match(f) for f in cmd.flags)


_DYNAMIC_NAME_RE = re.compile(r"\$[{(A-Za-z_]|`")
_DANGEROUS_ARGS_RE = re.compile(
    r"(?:^|\s)(?:-[a-zA-Z]*[rRf][a-zA-Z]*|--(?:force|recursive|delete|purge|hard|no-preserve-root|"
    r"all-namespaces|yes|auto-approve))(?:\s|=|$)|"
    r"(?i:(?:^|\s)(?:delete|drop|destroy|truncate|purge|flush\w*|wipe|terminate|rm|kill|reset|"
    r"prune|shred|format|uninstall|revoke)(?:\s|$))|(?:^|\s)(?:/|~|/\*|~/\*)(?:\s|$)"
)


def check_dynamic_command(cmd: Cmd, walk: _Walk) -> bool:
    """The program is a variable or command substitution nobody can read, next to
    destructive-looking arguments: what runs cannot be known, so fail closed."""
    return bool(_DYNAMIC_NAME_RE.search(cmd.argv0)) and bool(_DANGEROUS_ARGS_RE.search(cmd.joined))


_HISTORY_FILE_RE = re.compile(r"(?:^|/)\.(?:bash_|zsh_|sh_|)history$|(?:^|/)\.zhistory$")


def check_history_source(cmd: Cmd, walk: _Walk) -> bool:
    """The search runs over shell history: `history |`, or a history file read or named."""
    if any(_HISTORY_FILE_RE.search(p) for p in cmd.pos):
        return True
    return any(
        u.name in ("history", "fc") or any(_HISTORY_FILE_RE.search(a) for a in u.args)
        for u in cmd.upstream
    )


CHECKS: dict[str, Callable[[Cmd, _Walk], bool]] = {
    "history_source": check_history_source,
    "dynamic_command": check_dynamic_command,
    "rm_catastrophic": check_rm_catastrophic,
    "rm_dangerous": check_rm_dangerous,
    "rm_system_file": check_rm_system_file,
    "find_unsafe_root": check_find_unsafe_root,
    "script_delete": check_script_delete,
    "redirect_to_disk": check_redirect_to_disk,
    "redirect_system_file": check_redirect_system_file,
    "chmod_wide": check_chmod_wide,
    "perm_root": check_perm_root,
    "upload_outside": check_upload_outside,
    "bucket_to_bucket": check_bucket_to_bucket,
    "presign_exposes": check_presign_exposes,
    "personal_destination": check_personal_destination,
    "public_destination": check_public_destination,
    "db_dump_exfil": check_db_dump_exfil,
    "piped_upload": check_piped_upload,
    "credential_file": check_credential_file,
    "env_to_network": check_env_to_network,
    "download_exec": check_download_exec,
    "code_remote_eval": check_code_remote_eval,
    "code_env_send": check_code_env_send,
    "k8s_delete": check_k8s_delete,
    "git_force_push": check_git_force_push,
    "http_delete": check_http_delete,
    "service_verb": check_service_verb,
}


# ---------------------------------------------------------------------------- rule index

_SUB_CACHE: dict[str, re.Pattern[str]] = {}


def _sub_re(word: str) -> re.Pattern[str]:
    compiled = _SUB_CACHE.get(word)
    if compiled is None:
        compiled = _SUB_CACHE[word] = re.compile(word)
    return compiled


@dataclass(frozen=True)
class _Entry:
    rule: Rule
    pattern: Pattern
    args_re: re.Pattern[str] | None
    args_not_re: re.Pattern[str] | None
    subs: tuple[re.Pattern[str], ...]


def _build_index() -> tuple[
    dict[str, list[_Entry]], list[tuple[str, _Entry]], list[_Entry], list[_Entry]
]:
    exact: dict[str, list[_Entry]] = {}
    prefix: list[tuple[str, _Entry]] = []
    anyprog: list[_Entry] = []
    script_level: list[_Entry] = []
    for rule in (*RULES, *SHELL_RULES):
        for pattern, (args_re, args_not_re) in zip(rule.patterns, rule.compiled, strict=True):
            if pattern.check is not None and pattern.check not in ALL_CHECKS | SCRIPT_CHECKS:
                raise ValueError(f"{rule.id}: unknown check {pattern.check!r}")
            entry = _Entry(
                rule, pattern, args_re, args_not_re, tuple(_sub_re(s) for s in pattern.sub)
            )
            if pattern.check in SCRIPT_CHECKS:
                script_level.append(entry)
            elif not pattern.programs:
                anyprog.append(entry)
            for prog in pattern.programs:
                if prog.endswith("*"):
                    prefix.append((prog[:-1], entry))
                else:
                    exact.setdefault(prog, []).append(entry)
    return exact, prefix, anyprog, script_level


def _sub_match(subs: tuple[re.Pattern[str], ...], pos: list[str]) -> bool:
    window = pos[: len(subs) + 2]
    j = 0
    for word in window:
        if subs[j].fullmatch(word):
            j += 1
            if j == len(subs):
                return True
    return False


def _entry_matches(entry: _Entry, cmd: Cmd, walk: _Walk) -> bool:
    p = entry.pattern
    if p.dry_run_exempt and cmd.dry_run:
        return False
    if entry.subs and not _sub_match(entry.subs, cmd.pos):
        return False
    if p.flags_all and not all(f in cmd.flags for f in p.flags_all):
        return False
    if p.flags_any and not any(f in cmd.flags for f in p.flags_any):
        return False
    if p.flags_none and any(f in cmd.flags for f in p.flags_none):
        return False
    if entry.args_re is not None and not entry.args_re.search(cmd.joined):
        return False
    if entry.args_not_re is not None and entry.args_not_re.search(cmd.joined):
        return False
    return p.check is None or ALL_CHECKS[p.check](cmd, walk)


# ---------------------------------------------------------------------------- evidence & resources

_MASK_OPT_RE = re.compile(
    r"(?i)((?:--?[\w-]*(?:token|password|passwd|secret[-_]string|secret|api[-_]?key|auth)[\w-]*)(?:=|\s+))"
    r"(\"[^\"]*\"|'[^']*'|\S+)"
)
_MASK_URL_CRED_RE = re.compile(r"(://[^:/\s@]+:)([^@\s/]+)(@)")
_MASK_HEADER_RE = re.compile(
    r"(?i)((?:authorization|x-api-key|api-key|private-token|cookie)\s*:\s*(?:bearer|basic|token)?\s*)"
    r"[^\s'\"]+"
)
_MASK_QUERY_RE = re.compile(
    r"(?i)([?&](?:token|key|api_key|apikey|secret|password|sig|signature|access_token)=)[^&\s'\"]+"
)
_MASK_USERPASS_RE = re.compile(r"((?:^|\s)(?:-u|--user)\s+[^:\s]+:)\S+")


def _evidence(text: str) -> str:
    text = text[: MAX_EVIDENCE * 2]
    text = _MASK_OPT_RE.sub(r"\1****", text)
    text = _MASK_URL_CRED_RE.sub(r"\1****\3", text)
    text = _MASK_HEADER_RE.sub(r"\1****", text)
    text = _MASK_QUERY_RE.sub(r"\1****", text)
    text = _MASK_USERPASS_RE.sub(r"\1****", text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 1] + "…"


def _finding(rule: Rule, evidence: str) -> Finding:
    return Finding(
        rule=rule.id,
        category=rule.category,
        reason=rule.reason,
        risk=rule.risk,
        verdict=rule.verdict,
        evidence=_evidence(evidence),
    )


_RESOURCE_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+")
_URL_USERINFO_RE = re.compile(r"://[^/\s@]*@")
_PATHISH_RE = re.compile(r"^(?:/|~|\./|\.\./|\$\{?HOME\}?)|^[\w.-]+/[\w./*-]*$")


def _resources(cmd: Cmd, out: dict[str, None]) -> None:
    _named_resources(cmd, out)
    if cmd.name == "ssh":
        remote = skip_options(cmd.args, SSH_VALUE_OPTS)
        if remote:
            out[remote[0].rsplit("@", 1)[-1]] = None
    for bucket in cmd.value("--bucket"):
        out[f"s3://{bucket}"] = None
    if cmd.name in ("kubectl", "oc", "helm"):
        _namespaces(cmd, out)
    for host in cmd.value("-h", "--host") if cmd.name in _SQL_CLIENTS | {"redis-cli"} else []:
        out[host] = None


def _named_resources(cmd: Cmd, out: dict[str, None]) -> None:
    """URLs, remote hosts and paths among the arguments and redirect targets."""
    for v in _paths(cmd) + [t for _, t in cmd.redirects]:
        if not v or v.startswith("-") or v in ("/dev/null", "-"):
            continue
        if _RESOURCE_URL_RE.match(v):
            # Without credentials, query or fragment: they may hold tokens and the
            # catalog matches on scheme, host and path.
            out[_URL_USERINFO_RE.sub("://", re.split(r"[?#]", v, maxsplit=1)[0])] = None
        elif cmd.name in ("ssh", "scp", "rsync", "sftp") and (m := _REMOTE_RE.match(v)):
            out[m.group("host")] = None
        elif _PATHISH_RE.match(v) and " " not in v:
            out[v] = None


def _namespaces(cmd: Cmd, out: dict[str, None]) -> None:
    for ns in cmd.value("-n", "--namespace"):
        out[f"k8s:namespace/{ns}"] = None
    if "delete" in cmd.pos:
        i = cmd.pos.index("delete")
        if cmd.pos[i + 1 : i + 2] in (["ns"], ["namespace"], ["namespaces"]):
            for ns in cmd.pos[i + 2 :]:
                out[f"k8s:namespace/{ns}"] = None


_SQL_CLIENTS = frozenset(
    {
        "psql",
        "mysql",
        "mariadb",
        "sqlite3",
        "snowsql",
        "bq",
        "clickhouse-client",
        "clickhouse",
        "cockroach",
        "duckdb",
        "trino",
        "presto",
        "sqlcmd",
        "usql",
        "spark-sql",
        "beeline",
        "impala-shell",
        "vsql",
        "sqlplus",
        "cqlsh",
        "mysqlsh",
    }
)


def _sql(cmd: Cmd) -> list[str]:
    name = cmd.name
    if name not in _SQL_CLIENTS:
        return []
    out: list[str] = []
    if name == "psql":
        out = cmd.value("-c", "--command")
    elif name in (
        "mysql",
        "mariadb",
        "cockroach",
        "trino",
        "presto",
        "beeline",
        "spark-sql",
        "cqlsh",
        "mysqlsh",
    ):
        out = cmd.value("-e", "--execute")
    elif name in ("snowsql", "clickhouse-client", "clickhouse", "impala-shell", "sqlcmd"):
        out = cmd.value("-q", "--query", "-Q")
    elif name in ("duckdb", "usql"):
        out = cmd.value("-c", "--command")
    elif name == "sqlite3":
        out = cmd.pos[1:2]
    elif name == "bq" and cmd.pos[:1] == ["query"]:
        out = cmd.pos[-1:] if len(cmd.pos) > 1 else []
    if not out and cmd.stdin_text:
        out = [cmd.stdin_text]
    out = [s for s in out if s.strip()]
    files = _client_output_files(cmd)
    if files:
        # The query's rows land in a file: judged as the export it is (`COPY (…) TO file`),
        # so a whole table is held and a count or a key lookup is not.
        out += [
            _as_export(s, files[0])
            for s in out
            if _QUERY_HEAD_RE.match(s) and not _NARROW_QUERY_RE.search(s)
        ]
        target = "'" + files[0].replace("'", "''") + "'"
        out += [_TO_STDOUT_RE.sub("TO " + target, s) for s in out if _TO_STDOUT_RE.search(s)]
    return out


_TO_STDOUT_RE = re.compile(r"(?i)\bto\s+stdout\b")
_QUERY_HEAD_RE = re.compile(r"\s*(?:select|with)\b", re.I)
# One row by its key, or a small sample: a lookup written to a file, not a table export.
_NARROW_QUERY_RE = re.compile(
    r"\bwhere\s+[\w.]+\s*=\s*(?:'[^']*'|\d+)\s*(?:format\s+\w+\s*)?;?\s*$"
    r"|\blimit\s+\d{1,3}\b",
    re.I,
)
_CLIENT_FORMAT_RE = re.compile(r"\s+format\s+\w+\s*;?\s*$", re.I)
_NULL_SINKS = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr"})


def _client_output_files(cmd: Cmd) -> list[str]:
    """Files a database client's result is written to: a redirect, or its own option."""
    files = [t for op, t in cmd.redirects if op in (">", ">>", ">|", "&>")]
    files += cmd.value("-o", "--output", "--outfile", "--output-file")
    for d in cmd.downstream:  # `psql -c '…' | gzip > rows.gz`, `… | tee rows.csv`
        files += [t for op, t in d.redirects if op in (">", ">>", ">|", "&>")]
        if d.name == "tee":
            files += d.pos
    return [f for f in files if f and f not in _NULL_SINKS and not f.startswith("&")]


def _as_export(query: str, target: str) -> str:
    body = _CLIENT_FORMAT_RE.sub("", query.strip().rstrip(";"))
    return "COPY (" + body + ") TO '" + target.replace("'", "''") + "'"


# ---------------------------------------------------------------------------- public API

_DANGER_TOKENS_RE = re.compile(
    r"(?i)(?:^|[^\w-])(?:rm|rmdir|shred|mkfs\S*|dd|drop|delete|destroy|truncate|purge|flush\w*|wipe\w*|"
    r"format|kill\w*|chmod|chown|eval|exec|xxd|reset|force|prune|uninstall|disable|revoke|"
    r"iptables|setenforce|auditctl|credentials|passwd|shadow|id_rsa)(?:$|[^\w-])|"
    r"_delete|\|\s*(?:ba|z|da|k)?sh\b|>\s*/dev/"
)


def script_fork_bomb(walk: _Walk) -> str | None:
    for text in walk.scripts:
        m = _FORK_BOMB_RE.search(text) if "()" in text and "&" in text else None
        if m:
            return m.group(0)
    return None


def script_download_then_run(walk: _Walk) -> str | None:
    """A file fetched by curl/wget and later executed, in the order the script runs."""
    downloaded: dict[str, Cmd] = {}
    for cmd in walk.cmds:
        if cmd.name in ("curl", "wget"):
            downloaded.update((name, cmd) for name in _download_names(cmd))
            continue
        if not downloaded:
            continue
        ran = None
        if "/" in cmd.argv0 and program_of(cmd.argv0) in downloaded:
            ran = program_of(cmd.argv0)
        elif cmd.pos and (
            cmd.name in SHELLS or interpreter_family(cmd.name) or cmd.name in ("source", ".")
        ):
            first = cmd.pos[0].rsplit("/", 1)[-1]
            ran = first if first in downloaded else None
        if ran is not None:
            return f"{downloaded[ran].text} … {cmd.text}"
    return None


def _download_names(cmd: Cmd) -> list[str]:
    if cmd.name == "curl":
        names = cmd.value("-o", "--output")
        for i, arg in enumerate(cmd.args):
            if re.fullmatch(r"-[a-zA-Z]*o", arg) and i + 1 < len(cmd.args) and arg != "-o":
                names.append(cmd.args[i + 1])
        if cmd.flags & {"-O", "--remote-name"}:
            names += [
                u.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for u in cmd.args if _URL_RE.match(u)
            ]
    else:
        names = cmd.value("-O", "--output-document")
        for i, arg in enumerate(cmd.args):
            # Combined short flags: `wget -qO /tmp/x URL` or `wget -qO/tmp/x URL`.
            m = re.fullmatch(r"-[a-zA-Z]+O(.*)", arg)
            if m and not arg.startswith("-O"):
                value = m.group(1) or (cmd.args[i + 1] if i + 1 < len(cmd.args) else "")
                names.append(value)
        if not names:
            names = [
                u.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for u in cmd.args if _URL_RE.match(u)
            ]
    return [n.rsplit("/", 1)[-1] for n in names if n and n != "-"]


SCRIPT_CHECKS: dict[str, Callable[[_Walk], str | None]] = {
    "fork_bomb": script_fork_bomb,
    "download_then_run": script_download_then_run,
}
"""Checks over a whole script rather than one command; they return the evidence."""

ALL_CHECKS: dict[str, Callable[[Cmd, _Walk], bool]] = {**CHECKS, **SHELL_CHECKS}
_EXACT, _PREFIX, _ANY, _SCRIPT_LEVEL = _build_index()


def _build_safe() -> dict[str, list[_Entry]]:
    """Read-only shapes from the packs, checked before any rule (see `bot.risk.packs`)."""
    index: dict[str, list[_Entry]] = {}
    for safe in SHELL_SAFE:
        for pattern in safe.patterns:
            if pattern.check is not None and pattern.check not in ALL_CHECKS:
                raise ValueError(f"{safe.id}: unknown check {pattern.check!r}")
            entry = _Entry(
                RULES[0],  # unused: a safe shape raises nothing
                pattern,
                re.compile(pattern.args_re) if pattern.args_re else None,
                re.compile(pattern.args_not_re) if pattern.args_not_re else None,
                tuple(_sub_re(s) for s in pattern.sub),
            )
            for prog in pattern.programs:
                index.setdefault(prog, []).append(entry)
    return index


_SAFE = _build_safe()


def _known_safe(cmd: Cmd, walk: _Walk) -> bool:
    return any(_entry_matches(e, cmd, walk) for e in _SAFE.get(cmd.name, ()))


_PROMPT_LINE_RE = re.compile(r"(?m)^[ \t]*[$%][ \t]+(?=\S)")


def _matched_rules(cmd: Cmd, walk: _Walk) -> list[Rule]:
    """Every rule `cmd` matches; a generic fallback rule only when no specific one does."""
    matched: list[Rule] = []
    candidates = list(_EXACT.get(cmd.name, ()))
    candidates += [e for pfx, e in _PREFIX if cmd.name.startswith(pfx)]
    candidates += _ANY
    fallbacks: list[_Entry] = []
    for entry in candidates:
        if entry.rule in matched:
            continue
        if entry.rule.fallback:
            fallbacks.append(entry)
            continue
        if _entry_matches(entry, cmd, walk):
            matched.append(entry.rule)
    if not matched:
        # Generic rules say the same thing in broader words: the first one is enough.
        fallback = next((e.rule for e in fallbacks if _entry_matches(e, cmd, walk)), None)
        matched += [fallback] if fallback else []
    return matched


def _script_findings(walk: _Walk, command: str) -> list[Finding]:
    """What only the whole script shows, and a script too deep or too broken to read."""
    findings: list[Finding] = []
    for entry in _SCRIPT_LEVEL:
        evidence = SCRIPT_CHECKS[entry.pattern.check or ""](walk)
        if evidence is not None:
            findings.append(_finding(entry.rule, evidence))
    if walk.too_deep:
        findings.append(_finding(TOO_COMPLEX, command))
    elif walk.parse_failed and _DANGER_TOKENS_RE.search(command):
        findings.append(_finding(UNPARSABLE, command))
    return findings


def assess_shell(command: str, company_domains: Sequence[str] = ()) -> ShellResult:
    """Assess one shell command (or script) for risky operations.

    Returns findings for every risky command found anywhere in it, plus the
    resources and nested SQL the later stages of the engine look up.
    """
    walk = _Walk(company_domains)
    findings: list[Finding] = []
    if "$" in command or "%" in command:
        command = _PROMPT_LINE_RE.sub("", command)  # pasted prompts: `$ rm -rf /` is `rm -rf /`
    try:
        walk.script(command, 0)
    except (RecursionError, ValueError, UnicodeError):
        walk.parse_failed = True
        walk.too_deep = True
    for cmd in walk.cmds:
        if not _known_safe(cmd, walk):
            findings += [_finding(rule, cmd.text) for rule in _matched_rules(cmd, walk)]
    findings += _script_findings(walk, command)
    unique: dict[tuple[str, str | None], Finding] = {}
    for f in findings:
        unique.setdefault((f.rule, f.evidence), f)
    resources: dict[str, None] = {}
    sql: list[str] = []
    for cmd in walk.cmds:
        _resources(cmd, resources)
        sql += _sql(cmd)
    return ShellResult(
        findings=list(unique.values()),
        resources=list(resources)[:100],
        sql=sql,
        parse_failed=walk.parse_failed,
    )


_KNOWN_COMMANDS = frozenset(
    {
        "rm",
        "git",
        "sudo",
        "cd",
        "ls",
        "cat",
        "cp",
        "mv",
        "mkdir",
        "chmod",
        "chown",
        "find",
        "grep",
        "curl",
        "wget",
        "ssh",
        "scp",
        "rsync",
        "docker",
        "kubectl",
        "helm",
        "terraform",
        "aws",
        "gcloud",
        "gsutil",
        "az",
        "psql",
        "mysql",
        "pg_dump",
        "mysqldump",
        "redis-cli",
        "npm",
        "yarn",
        "pip",
        "python",
        "python3",
        "node",
        "bash",
        "sh",
        "zsh",
        "echo",
        "export",
        "env",
        "printenv",
        "tar",
        "dd",
        "mkfs",
        "shred",
        "systemctl",
        "service",
        "iptables",
        "ufw",
        "setenforce",
        "auditctl",
        "vault",
        "op",
        "doppler",
        "gh",
        "make",
        "cargo",
        "go",
        "brew",
        "apt",
        "apt-get",
        "yum",
        "dnf",
        "kill",
        "pkill",
        "killall",
        "crontab",
        "xargs",
        "sed",
        "awk",
        "tee",
        "head",
        "tail",
        "less",
        "touch",
        "ln",
        "unzip",
        "zip",
        "base64",
        "xxd",
        "openssl",
        "nc",
        "ncat",
        "socat",
        "dropdb",
        "createdb",
        "mongosh",
        "mongo",
        "sqlite3",
        "snowsql",
        "bq",
        "rclone",
        "restic",
        "borg",
        "velero",
        "eval",
        "exec",
        "source",
        "perl",
        "ruby",
        "php",
        "java",
        "pulumi",
        "gitlab-runner",
        "circleci",
        "heroku",
        "flyctl",
        "vercel",
        "firebase",
        "ansible",
        "ansible-playbook",
        "nohup",
        "timeout",
        "watch",
        "printf",
        "tofu",
        "oc",
        "eksctl",
        "nats",
        "rabbitmqctl",
        "kafka-topics",
        "unlink",
        "rmdir",
        "truncate",
        "wipefs",
        "fdisk",
        "parted",
        "mount",
        "umount",
        "useradd",
        "usermod",
        "passwd",
        "history",
        "unset",
        "set",
        "docker-compose",
        "podman",
        "doas",
        "su",
    }
)
_ENGLISH_LOOKING = frozenset(
    {
        "set",
        "time",
        "kind",
        "history",
        "fly",
        "halt",
        "wipe",
        "init",
        "op",
        "http",
        "https",
        "lt",
        "mc",
        "service",
        "export",
        "declare",
        "unset",
        "reboot",
        "fetch",
        "script",
        "watch",
        "command",
        "exec",
        "eval",
        "source",
        ".",
        "find",
        "parallel",
        "sg",
        "file",
    }
)
_KNOWN_COMMANDS = (
    _KNOWN_COMMANDS
    | frozenset(
        prog
        for rule in (*RULES, *SHELL_RULES)
        for pattern in rule.patterns
        for prog in pattern.programs
        if not prog.endswith("*") and prog not in _ENGLISH_LOOKING
    )
    | (SERVICE_CLIS - _ENGLISH_LOOKING)
)
_SHELL_OPS_RE = re.compile(r"(?:\s-{1,2}[A-Za-z]|\s/|\s~|\||&&|;|\$\(|`|>|\s\./|=|\bs3://|\bgs://)")
_PROMPT_RE = re.compile(r"^\s*(?:\$|#|>|%|PS>)\s+")
_LEADING_ASSIGN_RE = re.compile(
    r"(?P<var>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>(?:'[^']*'|\"[^\"]*\"|[^\s'\";&|])*)\s*(?:;|&&)?\s+"
)
_VAR_WORD_RE = re.compile(r"\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))")
_QUOTE_CHARS_RE = re.compile(r"['\"\\]")


def looks_like_shell(line: str) -> bool:
    """Cheap guess that a line of prose is a shell command (first word is a known
    command and the line has shell syntax or is short and unpunctuated)."""
    s = _PROMPT_RE.sub("", line.strip())
    if not s:
        return False
    assigned: dict[str, str] = {}
    while (m := _LEADING_ASSIGN_RE.match(s)) and m.end() < len(s):
        assigned[m.group("var")] = _QUOTE_CHARS_RE.sub("", m.group("value"))
        s = s[m.end() :]
    first = s.split(None, 1)[0]
    var = _VAR_WORD_RE.fullmatch(first)
    if var:
        # `R=rm; $R -rf /x`: the command word comes from a variable. Resolve it from an
        # assignment on the same line; an unknown one is a command if the line has shell syntax.
        value = assigned.get(var.group(1) or var.group(2) or "")
        if value is None or not value.strip():
            return bool(_SHELL_OPS_RE.search(s)) or bool(assigned)
        s = value + s[len(first) :]
        first = s.split(None, 1)[0]
    elif "'" in first or '"' in first or "\\" in first:
        # `"r"m -rf /x` and `r''m -rf /x` run `rm`: the shell removes the quotes.
        first = _QUOTE_CHARS_RE.sub("", first)
    name = program_of(first)
    known = name in _KNOWN_COMMANDS or name.startswith(("mkfs", "kafka-"))
    if not known and not first.startswith(("./", "/usr/", "/bin/", "/opt/")):
        return bool(re.search(r"\|\s*(?:sudo\s+)?(?:ba|z)?sh\b", s))
    if first != first.lower() and name not in ("Rscript",):
        return False
    if _SHELL_OPS_RE.search(s):
        return True
    words = s.split()
    return len(words) <= 4 and not s.endswith((".", "?", "!", ":", ","))
