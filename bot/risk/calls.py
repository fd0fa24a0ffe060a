"""Tool calls as structure: what a function call does, read from its name and every argument.

An agent runtime hands TwoKey a call — `drop_table(name="customers")` — not a
sentence. Three readings together decide it, and none can switch another off:

- the **text** an approver reads (`render`): `fn(key=value, …)` with every
  argument that is code in a fenced block tagged by what its key says it is
  (`sql=` → SQL, `cmd=` → shell), so the engine reads it as that language;
- every **string in the arguments**, at any depth and whatever its key, read on
  its own as an instruction (`run_shell(sql="rm -rf …")` is still a command),
  and the **action sentence** — the name's words and the argument values in
  order (`delete bucket bucket prod-data force`) — read by the prose, shell and
  SQL detectors like any instruction;
- the **name as an action** (`ACTIONS`, a table of verbs × objects with a reason
  and examples proven at import) and **flags** that remove a safeguard
  (`force=True` on a call that changes something).

A call whose arguments the runtime could not send (HumanLayer drops positional
arguments) is held: TwoKey cannot approve what it cannot read, unless the
policy lists the function under `allow_unseen_arguments`.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.config import Risk
from bot.risk.model import Finding

MAX_LEAVES = 500
"""More strings than this in one call are not read one by one: a person decides."""
MAX_DEPTH = 32

SQL_ARGS = frozenset({"sql", "query", "statement", "sql_query", "stmt"})
SHELL_ARGS = frozenset({"command", "cmd", "script", "shell", "bash", "shell_command"})
_SQL_SUFFIXES = ("_sql", "_query")
_SHELL_SUFFIXES = ("_command", "_cmd", "_script")
INLINE_LIMIT = 80
"""Longer strings go into a block of their own so the call line stays readable."""

_BACKTICKS = re.compile(r"`+")
_PLAIN_KEY = re.compile(r"[A-Za-z_][\w-]{0,63}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class ToolCall:
    """One function call an agent is about to make."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    arguments_visible: bool = True
    """False when the runtime could not send the arguments (positional ones dropped)."""


# ---- the text an approver reads -------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    text: str
    """The exact instruction the engine assesses and the approver approves (masked on display)."""
    assessed_as: dict[str, list[str]] = field(default_factory=dict)
    """Argument names per language they were assessed as: {"sql": [...], "shell": [...]}."""


def lang_for(name: str) -> str | None:
    """The language an argument's name says its value is in (a hint that adds a reading)."""
    lowered = name.lower()
    if lowered in SQL_ARGS or lowered.endswith(_SQL_SUFFIXES):
        return "sql"
    if lowered in SHELL_ARGS or lowered.endswith(_SHELL_SUFFIXES):
        return "shell"
    return None


def _reads_as_code(value: str) -> bool:
    """A string the engine should read as its own piece (SQL, a command, several lines)."""
    from bot.risk.shell import looks_like_shell
    from bot.risk.sql_shape import looks_like_sql

    first = value.strip().splitlines()[0] if value.strip() else ""
    return (
        "\n" in value.strip()
        or len(value) > INLINE_LIMIT
        or looks_like_sql(first)
        or looks_like_shell(first)
    )


def _fence(body: str) -> str:
    """A fence longer than any backtick run inside `body`, so the value cannot close it."""
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(body)), default=0)
    return "`" * max(3, longest + 1)


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=False)


def _key(name: str) -> str:
    """A key as it appears in a block's heading: quoted unless plain, so it holds no newline."""
    return name if _PLAIN_KEY.fullmatch(name) else _inline(name)


def _is_word(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _argv(value: list[Any] | tuple[Any, ...], lang: str | None) -> str | None:
    """The command line an argv-style list of strings runs, or None if it is not one.

    Under a shell-named key (`cmd=["rm", "-rf", "/x"]`) a list of words is one
    command; anywhere else it is one when the joined line reads as a command.
    A list whose first item has spaces is a list of commands, rendered item by item.
    """
    from bot.risk.shell import looks_like_shell

    words = [v if isinstance(v, str) else _inline(v) for v in value if _is_word(v)]
    if not words or len(words) != len(value) or not isinstance(value[0], str):
        return None
    first = words[0].strip()
    if not first or any(c.isspace() for c in first):
        return None
    line = shlex.join(words)
    return line if lang == "shell" or looks_like_shell(line) else None


class _Renderer:
    """Walks one argument: code strings become numbered blocks, the rest stays inline."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.assessed: dict[str, list[str]] = {}

    def _block(self, path: str, body: str, lang: str | None) -> str:
        n = len(self.blocks) + 1
        label = {"sql": "SQL", "shell": "command"}.get(lang or "", "text")
        fence = _fence(body)
        tag = {"sql": "sql", "shell": "bash"}.get(lang or "", "")
        self.blocks.append(
            f"{label[0].upper()}{label[1:]} {n} ({path}):\n{fence}{tag}\n{body}\n{fence}"
        )
        self.assessed.setdefault(lang or "auto", []).append(path)
        return f"<{label} {n} below>"

    def value(self, value: Any, path: str, lang: str | None) -> str:
        """`value` as it reads in the call line; `lang` is what its key says it is."""
        if isinstance(value, str):
            if lang is not None or _reads_as_code(value):
                return self._block(path, value, lang)
            return _inline(value)
        if isinstance(value, dict):
            items = []
            for key, item in value.items():
                name = str(key)
                shown = self.value(item, f"{path}.{_key(name)}", lang_for(name))
                items.append(f"{_inline(name)}: {shown}")
            return "{" + ", ".join(items) + "}"
        if isinstance(value, list | tuple):
            line = _argv(value, lang)
            if line is not None:
                shown = self._block(path, line, "shell")
                # `["ls", "rm -rf /x"]` may be a list of commands rather than one argv, and
                # `["psql", "-c", "DROP …"]` carries SQL: such items are also read on their own.
                for i, item in enumerate(value):
                    if isinstance(item, str) and " " in item.strip() and _reads_as_code(item):
                        self._block(f"{path}[{i}]", item, None)
                return shown
            # Items of a list under a code-named key are code too (`sql=["…", "…"]`).
            items = [self.value(item, f"{path}[{i}]", lang) for i, item in enumerate(value)]
            return "[" + ", ".join(items) + "]"
        return _inline(value)


def render(call: ToolCall) -> Rendered:
    """The canonical instruction text for one call (deterministic for the same call).

    Nested values are walked: a string that reads as code, or that sits under a
    SQL- or shell-named key at any depth, gets its own tagged block, and a list
    of words under a shell-named key is joined into the command line it runs.
    Otherwise an agent could pass `cmd=["rm", "-rf", "/x"]` or
    `step={"command": "…"}` as JSON the engine never reads as a command.
    """
    renderer = _Renderer()
    args = [
        f"{_key(name)}={renderer.value(value, _key(name), lang_for(name))}"
        for name, value in call.arguments.items()
    ]
    shown = ", ".join(args) if call.arguments_visible else "<arguments not visible to TwoKey>"
    text = f"{call.name}({shown})"
    if renderer.blocks:
        text += "\n\n" + "\n\n".join(renderer.blocks)
    return Rendered(text=text, assessed_as=renderer.assessed)


# ---- the name as an action ---------------------------------------------------------------


def words(name: str) -> list[str]:
    """`dropTable`, `drop_table`, `drop-table`, `db.drop_table` → ["drop", "table"] (lowercase)."""
    spaced = _CAMEL.sub(" ", name)
    return [w.lower() for w in _SEPARATORS.split(spaced) if w]


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DESTROY = _w(
    "drop delete del remove rm destroy purge truncate wipe erase nuke shred unlink clear "
    "empty terminate deprovision decommission uninstall"
)
_DATA = _w(
    "table tables database databases db schema collection collections index bucket buckets "
    "blob blobs object objects file files dir directory directories folder folders path tree "
    "volume volumes disk disks snapshot snapshots backup backups record records row rows data "
    "dataset datasets repo repos repository repositories branch branches account accounts user "
    "users customer customers secret secrets key keys topic topics queue queues stream streams "
    "document documents drive mailbox messages history"
)
_INFRA = _w(
    "cluster clusters instance instances vm vms server servers namespace namespaces stack stacks "
    "deployment deployments service services node nodes environment env project projects zone "
    "domain dns vpc network subnet"
)
_ALONE_DESTROY = _w("rmtree rmdir truncate wipe nuke shred purge")
_GRANT = _w("grant grants elevate promote escalate")
_GIVE = _w("add assign give set make attach")
_POWER = _w(
    "admin administrator admins owner owners root superuser sudo sudoer privilege privileges "
    "role roles permission permissions access iam policy"
)
_TOP = _w("admin administrator admins owner owners root superuser sudo sudoer")
_OFF = _w("disable disabled stop pause suspend bypass skip turn off deactivate unenforce")
_CONTROLS = _w(
    "mfa 2fa otp audit auditing logging logs backup backups firewall encryption protection "
    "monitoring alerts alerting guard guardrail guardrails security scan scanning versioning "
    "retention review reviews approval approvals sso waf antivirus"
)
_PUBLISH = _w("make set share mark open expose publish")
_OPEN = _w("open allow authorize expose")
_PORTS = _w("port ports ingress inbound firewall")
_EXPORT = _w("export dump download exfiltrate copy sync transfer")
_BULK = _w(
    "table tables database db customers users contacts emails records data dataset datasets "
    "all everything pii"
)
_REWRITE = _w("force rewrite")
_HISTORY = _w("push history branch commits")


@dataclass(frozen=True)
class ActionRule:
    """A verb and an object in a function's name that together mean an action needing a person."""

    id: str
    category: str
    risk: Risk
    verbs: frozenset[str]
    objects: frozenset[str] | None
    """None: the verb alone is the action (`rmtree`)."""
    reason: str
    match: tuple[str, ...]
    not_match: tuple[str, ...]

    def applies(self, name_words: Collection[str]) -> bool:
        present = set(name_words)
        if not present & self.verbs:
            return False
        return self.objects is None or bool(present & self.objects)


ACTIONS: tuple[ActionRule, ...] = (
    ActionRule(
        "call.destroy_data",
        "destroy.data",
        "high",
        _DESTROY,
        _DATA,
        "The tool `{name}` deletes or empties stored data.",
        ("drop_table", "deleteBucket", "remove-files", "purge_backups", "db.delete_records"),
        ("get_table", "list_buckets", "read_file", "create_table", "delete_draft_reply"),
    ),
    ActionRule(
        "call.destroy_infra",
        "destroy.infra",
        "high",
        _DESTROY,
        _INFRA,
        "The tool `{name}` tears down infrastructure.",
        ("terminate_instance", "deleteCluster", "destroy_stack", "delete_namespace"),
        ("describe_instance", "list_clusters", "create_stack", "restart_service"),
    ),
    ActionRule(
        "call.destroy_tree",
        "destroy.data",
        "high",
        _ALONE_DESTROY,
        None,
        "The tool `{name}` deletes or wipes what it is given.",
        ("rmtree", "shutil.rmtree", "wipe", "nuke_it", "truncate"),
        ("walk_tree", "list_dir", "mkdir", "copytree"),
    ),
    ActionRule(
        "call.grant_access",
        "access.grant",
        "high",
        _GRANT,
        _POWER,
        "The tool `{name}` grants access or privileges.",
        ("grant_admin", "grantRole", "elevate_privileges", "promote_to_owner"),
        ("list_roles", "revoke_admin", "get_permissions", "check_access"),
    ),
    ActionRule(
        "call.give_admin",
        "access.grant",
        "high",
        _GIVE,
        _TOP,
        "The tool `{name}` makes someone an administrator or owner.",
        ("add_admin", "make_owner", "set_root", "assign-admin-role"),
        ("list_admins", "remove_admin", "is_owner", "add_comment"),
    ),
    ActionRule(
        "call.controls_off",
        "controls.off",
        "high",
        _OFF,
        _CONTROLS,
        "The tool `{name}` turns off a security control, backups or the audit trail.",
        ("disable_mfa", "stopLogging", "pause_backups", "bypass_review", "turn_off_firewall"),
        ("enable_mfa", "get_logs", "start_backup", "request_review"),
    ),
    ActionRule(
        "call.make_public",
        "sharing.public",
        "high",
        _PUBLISH,
        _w("public publicly anyone everyone world"),
        "The tool `{name}` makes something readable by anyone.",
        ("make_public", "setPublic", "share_with_anyone", "publish_publicly"),
        ("make_private", "is_public", "list_public_keys", "share_with_team"),
    ),
    ActionRule(
        "call.open_network",
        "network.open",
        "high",
        _OPEN,
        _PORTS,
        "The tool `{name}` opens a network port or ingress rule.",
        ("open_port", "authorizeIngress", "allow_inbound", "expose_port"),
        ("close_port", "list_ports", "describe_ingress", "check_firewall"),
    ),
    ActionRule(
        "call.bulk_export",
        "export",
        "medium",
        _EXPORT,
        _BULK,
        "The tool `{name}` copies data in bulk out of where it lives.",
        ("export_customers", "dumpDatabase", "download_all", "export_table"),
        ("export_chart_png", "download_invoice", "copy_link", "count_customers"),
    ),
    ActionRule(
        "call.rewrite_history",
        "history.rewrite",
        "high",
        _REWRITE,
        _HISTORY,
        "The tool `{name}` rewrites shared history.",
        ("force_push", "rewrite_history", "forcePushBranch"),
        ("push", "get_history", "list_branches"),
    ),
)


def _prove(rules: tuple[ActionRule, ...]) -> None:
    """Every rule does what its examples say, or the module does not load."""
    for rule in rules:
        for name in rule.match:
            if not rule.applies(words(name)):
                raise AssertionError(f"{rule.id}: its match example {name!r} does not apply")
        for name in rule.not_match:
            if rule.applies(words(name)):
                raise AssertionError(f"{rule.id}: its not_match example {name!r} applies")


_prove(ACTIONS)


# ---- flags that remove a safeguard ----------------------------------------------------------

_CHANGES = (
    _DESTROY
    | _ALONE_DESTROY
    | _w(
        "write put move mv rename replace overwrite push deploy apply migrate reset restore "
        "upload sync import"
    )
)
"""Verbs where `force` means "over what is there": replacing, pushing, restoring, deleting.
Routine edits (`update_issue(force=True)`) are not among them."""
_SAFEGUARD_OFF = _w("force forced cascade recursive skip no bypass ignore unsafe yes")
_PUBLIC_VALUES = frozenset(
    {
        "public",
        "public-read",
        "public-read-write",
        "publicread",
        "anyone",
        "anyonewithlink",
        "everyone",
        "allusers",
        "allauthenticatedusers",
    }
)


# An argument that names a security control (`mfa_required`, `ssl_verify`, `enable_logging`,
# `encryption`) set to false switches that control off.
_CONTROL_KEYS = _w(
    "mfa 2fa twofactor factor sso encryption encrypted logging audit auditing protection "
    "scanning ssl tls antivirus firewall"
)
# An argument that says "destroy" set to true (`destroy=True`, `delete_backups=True`); a key
# that guards against it (`deletion_protection`, `prevent_destroy`) is the opposite.
_DESTROY_KEYS = _w("destroy delete purge drop wipe")
_GUARD_KEYS = _w("protection protect protected lock locked guard prevent safe")
_FALSE_VALUES = frozenset({"false", "no", "0", "off", "disabled", "disable", "none", "n"})


def _falsy(value: Any) -> bool:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value == 0
    return isinstance(value, str) and value.strip().lower() in _FALSE_VALUES


def _value_findings(
    call: ToolCall, path: str, key_words: set[str], value: Any
) -> Iterator[Finding]:
    """What one argument's value does whatever the call's name: something made public or
    not private, a security control set to false, a destroy flag set to true."""
    evidence = f"{path}={_inline(value)}"[:200]
    if "private" in key_words and _falsy(value):
        yield Finding(
            rule="call.made_public",
            category="sharing.public",
            reason=f"`{call.name}` sets `{path}` to false: no longer private.",
            risk="high",
            verdict="require_approval",
            evidence=evidence,
        )
    if key_words & _CONTROL_KEYS and not key_words & {"private"} and _falsy(value):
        yield Finding(
            rule="call.control_off",
            category="controls.off",
            reason=f"`{call.name}` sets `{path}` to false: a security control is switched off.",
            risk="high",
            verdict="require_approval",
            evidence=evidence,
        )
    if isinstance(value, str) and re.sub(r"[\s_]", "", value.lower()) in _PUBLIC_VALUES:
        yield Finding(
            rule="call.public_value",
            category="sharing.public",
            reason=f"`{call.name}` sets `{path}` to `{value}`: readable by anyone.",
            risk="high",
            verdict="require_approval",
            evidence=evidence,
        )
    if key_words & _DESTROY_KEYS and not key_words & _GUARD_KEYS and _truthy(value):
        yield Finding(
            rule="call.destroy_flag",
            category="destroy.infra",
            reason=f"`{call.name}` is called with `{path}` set: it destroys what it acts on.",
            risk="high",
            verdict="require_approval",
            evidence=evidence,
        )


def argument_findings(call: ToolCall) -> list[Finding]:
    """What the call's argument values do, whatever its name (see `_value_findings`): the
    reading of a call printed in a message, where the name alone is often code."""
    return [
        f
        for path, key, value in _keyed_leaves(call.arguments)
        for f in _value_findings(call, path, set(words(key)), value)
    ]


def shell_arguments(call: ToolCall) -> list[str]:
    """The command lines under shell-named keys at any depth (`bash_command="pg_dump …"`,
    `{"cmd": "…"}`): a call printed in a message runs them as much as a tool call does."""
    return [
        value
        for _path, key, value in _keyed_leaves(call.arguments)
        if isinstance(value, str) and value.strip() and lang_for(key) == "shell"
    ]


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on", "y"}
    return False


def _flag_findings(call: ToolCall, name_words: list[str]) -> Iterator[Finding]:
    changes = bool(set(name_words) & _CHANGES)
    for path, key, value in _keyed_leaves(call.arguments):
        key_words = set(words(key))
        if changes and key_words & _SAFEGUARD_OFF and _truthy(value):
            yield Finding(
                rule="call.safeguard_off",
                category="controls.off",
                reason=(
                    f"`{call.name}` is called with `{path}` set, which skips a safeguard "
                    "(confirmation, recursion limits or dependent objects)."
                ),
                risk="high",
                verdict="require_approval",
                evidence=f"{path}={_inline(value)}"[:200],
            )
        yield from _value_findings(call, path, key_words, value)


# ---- walking the arguments --------------------------------------------------------------


class TooDeep(ValueError):
    """The arguments nest deeper, or hold more strings, than TwoKey reads one by one."""


def _keyed_leaves(value: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, str, Any]]:
    """(path, nearest key, scalar value) for every scalar, at any depth."""
    if depth > MAX_DEPTH:
        raise TooDeep(f"arguments nest deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            sub = f"{path}.{name}" if path else name
            if isinstance(item, dict | list | tuple):
                yield from _keyed_leaves(item, sub, depth + 1)
            else:
                yield sub, name, item
    elif isinstance(value, list | tuple):
        key = path.rsplit(".", 1)[-1]
        for i, item in enumerate(value):
            sub = f"{path}[{i}]"
            if isinstance(item, dict | list | tuple):
                yield from _keyed_leaves(item, sub, depth + 1)
            else:
                yield sub, key, item


def strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string in the arguments, dictionary keys included, at any depth."""
    if depth > MAX_DEPTH:
        raise TooDeep(f"arguments nest deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item, depth + 1)


def action_sentence(call: ToolCall) -> str:
    """The name's words and each argument's words and value, in order, as a sentence.

    `send_email(to="bob@gmail.com", attachment="customers.csv")` reads as
    `send email to bob@gmail.com attachment customers.csv`: the prose, shell and
    SQL detectors read that as they read any instruction. A true flag adds its
    name (`force`); a false or empty one adds nothing.
    """
    out = words(call.name)
    for _path, key, value in _keyed_leaves(call.arguments):
        if value is None or value is False or value == "":
            continue
        out += words(key)
        if value is not True:
            out.append(str(value) if not isinstance(value, str) else " ".join(value.split()))
    return " ".join(out)


def pieces(call: ToolCall) -> list[str]:
    """What the engine reads besides the rendered text: each distinct string, then the sentence.

    Every string is read as an instruction of its own with no hint, so a key
    (`sql=`, `note=`) can add the language reading the rendered block gets but
    never take the plain reading away.
    """
    seen: dict[str, None] = {}
    for value in strings(call.arguments):
        if value.strip():
            seen.setdefault(value, None)
            if len(seen) > MAX_LEAVES:
                raise TooDeep(f"the arguments hold more than {MAX_LEAVES} strings")
    sentence = action_sentence(call)
    if sentence:
        seen.setdefault(sentence, None)
    return list(seen)


def findings(call: ToolCall, allow_unseen: Collection[str] = ()) -> list[Finding]:
    """What the name, the flags and the visibility of the arguments say about the call."""
    out: list[Finding] = []
    if not call.arguments_visible and call.name not in allow_unseen:
        out.append(
            Finding(
                rule="call.arguments_not_visible",
                category="engine",
                reason=(
                    f"The arguments of `{call.name}` were not visible to TwoKey (the runtime "
                    "sent none, e.g. positional arguments), so a person must check the call."
                ),
                risk="medium",
                verdict="require_approval",
            )
        )
    name_words = words(call.name)
    for rule in ACTIONS:
        if rule.applies(name_words):
            out.append(
                Finding(
                    rule=rule.id,
                    category=rule.category,
                    reason=rule.reason.replace("{name}", call.name[:120]),
                    risk=rule.risk,
                    verdict="require_approval",
                    evidence=call.name[:200],
                )
            )
    try:
        out += list(_flag_findings(call, name_words))
    except TooDeep as exc:
        out.append(too_large(str(exc)))
    return out


def too_large(detail: str) -> Finding:
    return Finding(
        rule="call.too_large",
        category="engine",
        reason=f"TwoKey could not read every argument ({detail}), so a person must check the call.",
        risk="medium",
        verdict="require_approval",
    )
