"""Where a value read on the command line goes: kept, shown, or sent.

Reading a secret from a vault is how a vault is used. The risk is the value reaching
people who should not hold it, so a read is judged by its flow through the command
around it:

- kept: it lands in a shell variable, an environment prefix, a secret store
  (`kubectl create secret … --from-file=…=/dev/stdin`, `docker login --password-stdin`,
  `gh secret set`), or the arguments of a client that uses it to authenticate
  (`psql "$(heroku config:get DATABASE_URL)"`): nobody else reads it.
- shown: it is printed to the reader's terminal or clipboard; whether it goes on is
  for the message's words to say ("paste what it prints into the vendor thread").
- sent: it goes to a program that publishes (curl to an outside host, mail, a chat
  CLI, `gh issue comment`, `git commit`, a file written by `tee` or `>`), or to a
  program this module does not know (fail closed).

A variable that holds the value is followed: `export K=$(vault …)` and later
`echo "$K" | curl …` is sent. Only the shape of the command is read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

__all__ = ["Flow", "value_flow"]

Flow = Literal["kept", "shown", "sent"]
_Step = Literal["kept", "shown", "sent", "through", "unknown"]
"""What one stage does with a value: a flow, passes it `through` to its output, or a
program this module does not know (`unknown`)."""
_RANK: dict[Flow, int] = {"kept": 0, "shown": 1, "sent": 2}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WRAPPERS = _words("sudo doas env time nohup timeout exec command")
_ASSIGNERS = _words("export declare local readonly typeset")
# Stages a value passes through unchanged (or cut down) on its way to the terminal.
_FILTERS = _words(
    "jq yq base64 cut tr head tail sed awk grep sort uniq xxd fold rev column cat od hexdump"
)
# Stages whose output no longer holds the value (a count, a digest, a test).
_SINKS = _words("wc sha256sum sha1sum md5sum shasum b2sum test true")
_PRINTERS = _words("echo printf")
_CLIPBOARD = _words("pbcopy xclip xsel clip clip.exe wl-copy")
# Programs that put what they are given where other people read it.
_PUBLISHERS = _words(
    """
mail mailx mutt sendmail swaks msmtp nc ncat netcat socat telnet scp rsync sftp ftp
slack slack-cli twilio git tee wall write
"""
)
_WEB = _words("curl wget http https xh httpie")
# Clients that use a value given as an argument to log in or connect, and show nothing.
_CLIENTS = _words(
    """
psql pg_dump pg_restore mysql mysqldump mongosh mongo mongodump redis-cli sqlcmd cqlsh
clickhouse-client snowsql bq kubectl oc helm docker podman terraform tofu aws gcloud az
vault op ssh sshpass ansible ansible-playbook npm yarn pnpm twine pip
"""
)
# Flags and subcommands that hand the value to a secret store or a login.
_STORE_FLAG = re.compile(
    r"--password-stdin\b|--from-file=(?:[\w.-]+=)?(?:/dev/stdin|-)(?:\s|$)|--secret-string\s+"
    r"(?:file:///dev/stdin|-)",
)
_STORES: dict[str, tuple[tuple[str, ...], ...]] = {
    "kubectl": (("create", "secret"), ("apply",)),
    "oc": (("create", "secret"), ("apply",)),
    "gh": (("secret", "set"), ("variable", "set")),  # this repository's; `--repo` is not
    "glab": (("variable", "set"), ("variable", "update")),
    "vault": (("kv", "put"), ("kv", "patch"), ("write",)),
    "aws": (
        ("secretsmanager", "put-secret-value"),
        ("secretsmanager", "create-secret"),
        ("secretsmanager", "update-secret"),
        ("ssm", "put-parameter"),
        ("configure", "set"),
    ),
    "gcloud": (("secrets", "create"), ("secrets", "versions", "add")),
    "az": (("keyvault", "secret", "set"),),
    "op": (("item", "create"), ("item", "edit")),
    "bw": (("create",), ("edit",)),
    "pass": (("insert",),),
    "security": (("add-generic-password",),),
    "secret-tool": (("store",),),
    "ssh-add": ((),),
    "kubeseal": ((),),
    "sops": ((),),
}
# Subcommands of otherwise using clients that post what they are given.
_POSTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "gh": (("issue",), ("pr",), ("gist",), ("release",), ("api",)),
    "glab": (("issue",), ("mr",), ("snippet",), ("release",), ("api",)),
    "aws": (("sns", "publish"), ("ses",), ("sesv2",), ("sqs", "send-message")),
    "op": (("item", "share"),),
}
# A store named by a flag may be anyone's (`gh secret set --repo someone-else/fork`).
_ELSEWHERE = re.compile(r"(?:^|\s)(?:--repo|-R|--org|--env|--group)(?:[=\s]|$)")
_URL_HOST = re.compile(r"[a-z][\w+.-]{1,20}://(?:[^@/\s'\"`]*@)?([^/\s:'\"`?#]+)", re.I)
_LOCAL_HOST = re.compile(r"^(?:localhost|127(?:\.\d+){3}|::1|[\w-]+\.localhost)$", re.I)
_REDIRECT = re.compile(r"(?<![<&\d])>{1,2}\s*(?P<target>[^\s;&|]+)")
_VAR_ASSIGN = re.compile(r"^(?P<name>[A-Za-z_]\w*)=")
_MARK = "\x00VALUE\x00"


# -- splitting ------------------------------------------------------------------------------------


def _split(command: str, seps: tuple[str, ...]) -> list[str]:
    """Top-level pieces of `command` at `seps`, outside quotes and `$( … )`."""
    out: list[str] = []
    depth, quote, start, i = 0, "", 0, 0
    while i < len(command):
        ch = command[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif command.startswith("$(", i):
            depth += 1
            i += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            sep = next((s for s in seps if command.startswith(s, i)), None)
            if sep is not None:
                out.append(command[start:i])
                start = i + len(sep)
                i = start
                continue
        i += 1
    out.append(command[start:])
    return [p.strip() for p in out if p.strip()]


def _statements(command: str) -> list[str]:
    return _split(command, ("\n", "&&", "||", ";"))


def _stages(statement: str) -> list[str]:
    return _split(statement, ("|",))


def _argv(stage: str) -> list[str]:
    """The stage's words after wrappers and `VAR=value` prefixes, quotes stripped."""
    words = [w.strip("'\"") for w in stage.split()]
    while words and (words[0] in _WRAPPERS or _VAR_ASSIGN.match(words[0])):
        words = words[1:]
    if words:
        words[0] = words[0].rsplit("/", 1)[-1].lower()
    return words


def _has(argv: Sequence[str], table: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    subs = [w for w in argv[1:] if not w.startswith("-")]
    return any(tuple(subs[: len(path)]) == path for path in table.get(argv[0] if argv else "", ()))


def _outside(stage: str, domains: Sequence[str]) -> bool:
    """A URL in the stage names a host that is neither this machine nor the company's."""
    for host in _URL_HOST.findall(stage):
        host = host.lower()
        if _LOCAL_HOST.match(host):
            continue
        if not any(host == d.lower() or host.endswith("." + d.lower()) for d in domains):
            return True
    return False


# -- judging --------------------------------------------------------------------------------------


def _redirected(stage: str) -> bool:
    return any(m.group("target") != "/dev/null" for m in _REDIRECT.finditer(stage))


_BY_PROGRAM: dict[str, _Step] = {
    **dict.fromkeys(_PUBLISHERS, "sent"),
    **dict.fromkeys(_FILTERS | _PRINTERS, "through"),
    **dict.fromkeys(_CLIPBOARD, "shown"),
    **dict.fromkeys(_SINKS, "kept"),
}
_XARGS_VALUED = _words("-I -i -n -L -P -d -E -s -a")


def _given(stage: str, domains: Sequence[str]) -> _Step:
    """What `stage` does with a value handed to it (as an argument or on stdin)."""
    argv = _argv(stage)
    if not argv:
        return "through"
    program = argv[0]
    if _redirected(stage) or _has(argv, _POSTS):
        return "sent"
    if program == "xargs":
        return _xargs(argv, domains)
    if program in _WEB:
        return "sent" if _outside(stage, domains) or "://" not in stage else "kept"
    step = _BY_PROGRAM.get(program)
    if step is not None:
        return step
    if _STORE_FLAG.search(stage):
        return "kept"
    if _has(argv, _STORES):
        return "sent" if program in ("gh", "glab") and _ELSEWHERE.search(stage) else "kept"
    return "unknown"


def _xargs(argv: Sequence[str], domains: Sequence[str]) -> _Step:
    """`xargs [flags] command …`: the value becomes the command's argument."""
    i = 1
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in _XARGS_VALUED else 1
    rest = argv[i:]
    return _given(" ".join(rest), domains) if rest else "sent"


def _downstream(stages: Sequence[str], domains: Sequence[str]) -> Flow:
    """Flow of a value printed into the first of `stages` (the rest of a pipeline)."""
    for stage in stages:
        step = _given(stage, domains)
        if step == "unknown":
            return "sent"
        if step != "through":
            return step
    return "shown"


def _as_argument(statement: str, domains: Sequence[str]) -> tuple[Flow, str | None]:
    """Flow of a value substituted into `statement` (marked by `_MARK`); the name of the
    shell variable that keeps it, if one does."""
    words = statement.split()
    if words and words[0] in _ASSIGNERS:
        words = words[1:]
    assigned = _VAR_ASSIGN.match(words[0]) if words else None
    if assigned and len(words) == 1:
        return "kept", assigned.group("name")
    stages = _stages(statement)
    held = next((i for i, s in enumerate(stages) if _MARK in s), 0)
    argv = _argv(stages[held])
    step = _given(stages[held], domains) if argv else "kept"
    if assigned and _MARK in words[0] and step in ("through", "unknown"):
        return "kept", None  # `K=$(vault …) ./deploy.sh`: the value is the program's env
    if step == "through":  # echo/printf: the value is this stage's output
        return _downstream(stages[held + 1 :], domains), None
    if step == "unknown":  # a client given the value as an argument uses it
        return ("kept" if argv and argv[0] in _CLIENTS else "shown"), None
    return step, None


def _substituted(statement: str, read: str) -> str | None:
    """`statement` with the substitution holding `read` replaced by a mark, or None."""
    for opener, closer in (("$(", ")"), ("`", "`")):
        at = statement.find(read)
        start = statement.rfind(opener, 0, at)
        end = statement.find(closer, at + len(read))
        if at >= 0 and start >= 0 and end >= 0 and start + len(opener) <= at:
            return statement[:start] + _MARK + statement[end + len(closer) :]
    return None


def _uses(statement: str, name: str) -> str | None:
    """`statement` with the variable `name` marked, or None when it does not use it."""
    marked = re.sub(rf"\$\{{{name}\}}|\${name}\b", _MARK, statement)
    return marked if marked != statement else None


def _worst(flows: Sequence[Flow]) -> Flow:
    return max(flows, key=_RANK.__getitem__, default="kept")


def _followed(statements: Sequence[str], name: str, domains: Sequence[str]) -> Flow:
    """Flow of a variable through the statements after the one that set it."""
    flows: list[Flow] = []
    for statement in statements:
        marked = _uses(statement, name)
        if marked is not None:
            flows.append(_as_argument(marked, domains)[0])
    return _worst(flows)


def _read_flow(statements: Sequence[str], i: int, read: str, domains: Sequence[str]) -> Flow:
    statement = statements[i]
    marked = _substituted(statement, read)
    if marked is not None:
        flow, name = _as_argument(marked, domains)
        if name is not None:
            return _followed(statements[i + 1 :], name, domains)
        return flow
    stages = _stages(statement)
    at = next((j for j, s in enumerate(stages) if read in s), 0)
    if _redirected(stages[at]):
        return "sent"
    return _downstream(stages[at + 1 :], domains)


_MASKED = re.compile(r"\*{4}|\[secret:[\w-]+\]|…")


def _located(statements: Sequence[str], read: str) -> tuple[int, str] | None:
    """The statement holding `read` and the read as written there; a read whose evidence
    was masked (`--secret-id ****`) matches with the masked parts as wildcards."""
    read = read.strip()
    for i, statement in enumerate(statements):
        if read and read in statement:
            return i, read
    pieces = [re.escape(p) for p in _MASKED.split(read)]
    if len(pieces) < 2 or not any(p.strip() for p in pieces):
        return None
    pattern = re.compile(r"\S*?".join(pieces))
    for i, statement in enumerate(statements):
        m = pattern.search(statement)
        if m is not None and m.group(0).strip():
            return i, m.group(0)
    return None


def value_flow(command: str, reads: Sequence[str], domains: Sequence[str] = ()) -> Flow:
    """Where the values printed by `reads` (commands found inside `command`) go: the worst
    flow of any of them. A read not found in `command` counts as sent (fail closed)."""
    statements = _statements(command)
    flows: list[Flow] = []
    for read in reads or (command,):
        found = _located(statements, read)
        flows.append("sent" if found is None else _read_flow(statements, *found, domains))
    return _worst(flows)
