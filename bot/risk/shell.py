"""Shell-command detector: parse, unwrap, and match the rules in `shell_rules`.

Commands are parsed with tree-sitter-bash, so words inside data that is never
executed (heredoc bodies fed to `cat`, quoted arguments to `echo`/`grep`,
commit messages, comments) never reach a rule, while commands hidden inside
wrappers (`sudo`, `env`, `bash -c`, `ssh host '…'`, `xargs`, `find -exec`,
`kubectl exec --`, interpreter one-liners) are unwrapped recursively and
checked like any other. Anything that cannot be parsed but looks dangerous is
held for a person (fail closed).

Here: the parse, the walk over the tree, the rule index, and what a script names
(resources, nested SQL). Each command found is a `shell_cmd.Cmd`; how a wrapper hands
on the command it runs is the table in `shell_wrappers`; what a pattern cannot say is
a named check in `shell_checks`; the rules themselves are data in `shell_rules` and in
the packs (`bot.risk.packs`).
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from bot.risk.model import Finding
from bot.risk.packs import SHELL_CHECKS, SHELL_RULES, SHELL_SAFE
from bot.risk.shell_checks import CHECKS, FORK_BOMB_RE, REMOTE_RE, URL_RE, paths_of
from bot.risk.shell_cmd import Cmd, decode_escapes, program_of
from bot.risk.shell_rules import (
    DOWNLOADERS,
    RULES,
    SERVICE_CLIS,
    SHELLS,
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

__all__ = ["ShellResult", "assess_shell", "looks_like_shell", "prints_no_secret"]

_LANGUAGE = Language(tree_sitter_bash.language())
_PARSER = Parser(_LANGUAGE)
"""Built once per process: building a parser costs far more than a parse."""
PARSE_BUDGET_CHECKS = 200
"""Inputs over 256 bytes are parsed under a budget of parser work and fail closed past it.
tree-sitter calls the progress callback once per 100 parser operations (a token and its
parse actions), counting from zero at each parse: 200 calls are ~20,000 operations, ~700
ordinary commands (more than `MAX_COMMANDS` reads), whatever else the machine is doing (a
wall-clock deadline held the same input under load and allowed it when idle). Error
recovery is quadratic on some inputs: a 16 kB pipeline left open at its end spends 80 ms
in one step no callback interrupts; under this budget such a parse costs ~25 ms at most."""
_PLAIN_PARSE_MAX_BYTES = 256
_REPARSE_MIN_BYTES = 8192
"""A tree parsed through a read callback keeps no source, so every `node.text` re-reads it
(~3 µs against ~0.2 µs); on long inputs, once the timed parse has finished, the same bytes
are parsed again without the callback, reusing the finished tree (tree-sitter's incremental
parse: with no edits, whole subtrees are kept), so reading them is cheap."""


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
"""tree-sitter-bash 0.25.1 intermittently crashes the process (segfault) on characters
beyond the Basic Multilingual Plane next to `{`; they are replaced by U+FFFD before
parsing. No rule depends on them."""


class _OverBudget(Exception):
    pass


def _parse(data: bytes) -> Node:
    global _PARSER
    if len(data) <= _PLAIN_PARSE_MAX_BYTES:
        return _PARSER.parse(data).root_node
    checks = itertools.count(1)
    try:
        tree = _PARSER.parse(
            lambda offset, _point: data[offset : offset + 8192],
            progress_callback=lambda _offset, _error: next(checks) > PARSE_BUDGET_CHECKS,
        )
    except ValueError:
        # A halted parser is replaced rather than reused: resuming a halted parse
        # on different input is not something to rely on.
        _PARSER = Parser(_LANGUAGE)
        raise _OverBudget from None
    if len(data) >= _REPARSE_MIN_BYTES:
        return _PARSER.parse(data, old_tree=tree).root_node
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
        except _OverBudget:
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
    heads: frozenset[str] | None = None
    """The words the first of `subs` matches, when it is a list of plain words (`s3api|
    s3control`): a command with none of them among its first `len(subs) + 2` positional
    words fails `_sub_match`, and is skipped without a call (`aws` has 61 rules)."""


_PLAIN_WORDS = re.compile(r"[\w:-]+(?:\|[\w:-]+)*")


def _plain_words(sub: re.Pattern[str]) -> frozenset[str] | None:
    """The words `sub` fullmatches, when its pattern is plain words joined by `|`."""
    if sub.flags != re.UNICODE or not _PLAIN_WORDS.fullmatch(sub.pattern):
        return None
    return frozenset(sub.pattern.split("|"))


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
            subs = tuple(_sub_re(s) for s in pattern.sub)
            heads = _plain_words(subs[0]) if subs else None
            entry = _Entry(rule, pattern, args_re, args_not_re, subs, heads)
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
    for v in paths_of(cmd) + [t for _, t in cmd.redirects]:
        if not v or v.startswith("-") or v in ("/dev/null", "-"):
            continue
        if "://" in v and _RESOURCE_URL_RE.match(v):
            # Without credentials, query or fragment: they may hold tokens and the
            # catalog matches on scheme, host and path.
            out[_URL_USERINFO_RE.sub("://", re.split(r"[?#]", v, maxsplit=1)[0])] = None
        elif cmd.name in ("ssh", "scp", "rsync", "sftp") and (m := REMOTE_RE.match(v)):
            out[m.group("host")] = None
        elif ("/" in v or v[0] in "~$") and _PATHISH_RE.match(v) and " " not in v:
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
        m = FORK_BOMB_RE.search(text) if "()" in text and "&" in text else None
        if m:
            return m.group(0)
    return None


def script_download_then_run(walk: _Walk) -> str | None:
    """A file fetched by curl/wget and later executed, in the order the script runs; not
    when a check against a pinned digest or a signature must pass first (`_verifies`)."""
    downloaded: dict[str, Cmd] = {}
    for cmd in walk.cmds:
        if cmd.name in ("curl", "wget"):
            downloaded.update((name, cmd) for name in _download_names(cmd))
            continue
        if not downloaded:
            continue
        if _verifies(cmd, walk.scripts):
            for name in [n for n in downloaded if _names(cmd, n)]:
                del downloaded[name]  # checked before anything runs it
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


_DIGEST_RE = re.compile(r"\b[0-9a-fA-F]{64}(?:[0-9a-fA-F]{64})?\b")
_CHECKSUMS = frozenset({"sha256sum", "sha512sum", "shasum", "b2sum"})
# The script stops when the check fails: `check && run`, `check || exit 1`, or `set -e`.
_GATED_AFTER_RE = re.compile(r"\s*(?:&&|\|\|\s*exit\b)")
_ERREXIT_RE = re.compile(r"\bset\s+-[a-z]*e")


def _verifies(cmd: Cmd, scripts: Sequence[str]) -> bool:
    """A checksum check against a digest written in the script (`echo "<sha256>  f" |
    sha256sum -c`), or a signature check (`gpg --verify f.asc f`, `cosign verify-blob`,
    `minisign -V`), whose failure stops the script."""
    pinned = cmd.name in _CHECKSUMS and bool(cmd.flags & {"-c", "--check"})
    pinned = pinned and bool(_DIGEST_RE.search(cmd.stdin_text or "") or cmd.pos)
    signed = (
        (cmd.name in ("gpg", "gpg2") and "--verify" in cmd.flags)
        or (cmd.name == "cosign" and cmd.pos[:1] == ["verify-blob"])
        or (cmd.name == "minisign" and "-V" in cmd.flags)
    )
    if not (pinned or signed):
        return False
    for text in scripts:
        at = text.find(cmd.text)
        if at >= 0 and (
            _GATED_AFTER_RE.match(text, at + len(cmd.text)) or _ERREXIT_RE.search(text, 0, at)
        ):
            return True
    return False


def _names(cmd: Cmd, name: str) -> bool:
    """The check names the downloaded file (in its arguments or the digest line it reads)."""
    return any(a.rsplit("/", 1)[-1] == name for a in cmd.args) or name in (cmd.stdin_text or "")


def _download_names(cmd: Cmd) -> list[str]:
    if cmd.name == "curl":
        names = cmd.value("-o", "--output")
        for i, arg in enumerate(cmd.args):
            if re.fullmatch(r"-[a-zA-Z]*o", arg) and i + 1 < len(cmd.args) and arg != "-o":
                names.append(cmd.args[i + 1])
        if cmd.flags & {"-O", "--remote-name"}:
            names += [
                u.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for u in cmd.args if URL_RE.match(u)
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
                u.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for u in cmd.args if URL_RE.match(u)
            ]
    return [n.rsplit("/", 1)[-1] for n in names if n and n != "-"]


SCRIPT_CHECKS: dict[str, Callable[[_Walk], str | None]] = {
    "fork_bomb": script_fork_bomb,
    "download_then_run": script_download_then_run,
}
"""Checks over a whole script rather than one command; they return the evidence."""

ALL_CHECKS: dict[str, Callable[[Cmd, _Walk], bool]] = {**CHECKS, **SHELL_CHECKS}
_EXACT, _PREFIX, _ANY, _SCRIPT_LEVEL = _build_index()


_METADATA_SAFE = tuple(s for s in SHELL_SAFE if s.no_secret_value)


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
_NO_SECRET_VALUE = {
    name: [e for e in entries if any(e.pattern is q for s in _METADATA_SAFE for q in s.patterns)]
    for name, entries in _SAFE.items()
}


def _known_safe(cmd: Cmd, walk: _Walk) -> bool:
    return any(_entry_matches(e, cmd, walk) for e in _SAFE.get(cmd.name, ()))


def prints_no_secret(command: str) -> bool:
    """Every command in `command` is a known read of secrets' metadata (`describe-secret`,
    a Key Vault listing, `kubectl get secret` without `-o`): what it prints names secrets
    but holds no value, so posting its output posts no secret. False when unsure."""
    walk = _Walk(())
    try:
        walk.script(command, 0)
    except (RecursionError, ValueError, UnicodeError):
        return False
    if walk.parse_failed or not walk.cmds:
        return False
    return all(
        any(_entry_matches(e, cmd, walk) for e in _NO_SECRET_VALUE.get(cmd.name, ()))
        for cmd in walk.cmds
    )


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
        if entry.heads is not None and entry.heads.isdisjoint(cmd.pos[: len(entry.subs) + 2]):
            continue  # `_sub_match` would fail: the first sub word is not there
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
        "rpk",
        "kcat",
        "kafkacat",
        "auditpol",
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
_SHELL_OPS_CHARS = re.compile(r"[-/~|&;$`>=]")
"""A character every `_SHELL_OPS_RE` match holds: found by one scan in C, where that
pattern is tried at every position of a long line that has none."""


def _shell_ops(s: str) -> bool:
    return _SHELL_OPS_CHARS.search(s) is not None and _SHELL_OPS_RE.search(s) is not None


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
            return _shell_ops(s) or bool(assigned)
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
    if _shell_ops(s):
        return True
    words = s.split()
    return len(words) <= 4 and not s.endswith((".", "?", "!", ":", ","))
