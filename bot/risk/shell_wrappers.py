"""Wrappers as a table: how the shell walk finds the command a wrapper runs.

`sudo`, `env`, `timeout`, `xargs`, `kubectl exec --`, `bash -c`, `ssh host …`,
interpreter one-liners and remote runners (`gcloud compute ssh --command`,
`ansible -m shell -a`, `salt cmd.run`, awk `system()`): each program name maps
to a small handler that peels one layer, or hands nested shell text back to the
walk (`Walker.script`) to be read like any other script.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.risk.ansible_modules import equivalent as ansible_equivalent
from bot.risk.shell_cmd import Cmd, decode_escapes, program_of
from bot.risk.shell_rules import INTERPRETERS, SHELLS


class Walker(Protocol):
    """What a wrapper handler asks of the walk."""

    files_written: dict[str, str]

    def script(self, text: str, depth: int) -> list[Cmd]: ...

    def add(self, cmd: Cmd) -> None: ...

    def find_exec(
        self, argv: list[str], text: str, depth: int, redirects: list[tuple[str, str]]
    ) -> None: ...


_SUDO_VALUE_OPTS = frozenset(
    {
        "-u",
        "-g",
        "-h",
        "-p",
        "-C",
        "-D",
        "-r",
        "-t",
        "-U",
        "-T",
        "--user",
        "--group",
        "--host",
        "--prompt",
        "--chdir",
        "--role",
        "--type",
        "--other-user",
        "--close-from",
    }
)
_ENV_VALUE_OPTS = frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"})
_TIMEOUT_VALUE_OPTS = frozenset({"-s", "--signal", "-k", "--kill-after"})
_NICE_VALUE_OPTS = frozenset({"-n", "--adjustment"})
_IONICE_VALUE_OPTS = frozenset({"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"})
_XARGS_VALUE_OPTS = frozenset(
    {
        "-I",
        "-i",
        "-n",
        "-P",
        "-L",
        "-l",
        "-d",
        "-E",
        "-e",
        "-s",
        "-a",
        "--max-args",
        "--max-procs",
        "--max-lines",
        "--delimiter",
        "--arg-file",
        "--replace",
        "--eof",
        "--max-chars",
    }
)
SSH_VALUE_OPTS = frozenset(
    {
        "-p",
        "-i",
        "-l",
        "-o",
        "-F",
        "-J",
        "-L",
        "-R",
        "-D",
        "-b",
        "-c",
        "-e",
        "-E",
        "-I",
        "-m",
        "-O",
        "-Q",
        "-S",
        "-W",
        "-w",
        "-B",
    }
)
_DOCKER_VALUE_OPTS = frozenset(
    {
        "-e",
        "-u",
        "-w",
        "--env",
        "--user",
        "--workdir",
        "--env-file",
        "-v",
        "--volume",
        "-p",
        "--publish",
        "--name",
        "--network",
        "--entrypoint",
        "--mount",
        "-l",
        "--label",
        "--platform",
        "-h",
        "--hostname",
        "--cpus",
        "-m",
        "--memory",
        "--detach-keys",
    }
)
_STDBUF_VALUE_OPTS = frozenset({"-i", "-o", "-e"})
_TRACE_VALUE_OPTS = frozenset(
    {
        "-o",
        "-e",
        "-p",
        "-s",
        "-u",
        "-t",
        "-n",
        "--unit",
        "--property",
        "--uid",
        "--gid",
        "-g",
        "--target",
        "-a",
        "-E",
    }
)
_WATCH_VALUE_OPTS = frozenset({"-n", "--interval", "-d"})
_PLAIN_WRAPPERS = frozenset(
    {
        "nohup",
        "builtin",
        "setsid",
        "unbuffer",
        "time",
        "caffeinate",
        "torsocks",
        "proxychains",
        "proxychains4",
        "chronic",
        "catchsegv",
    }
)
_TRACERS = frozenset(
    {
        "strace",
        "ltrace",
        "systemd-run",
        "nsenter",
        "unshare",
        "firejail",
        "xvfb-run",
        "cgexec",
        "sg",
    }
)
_CODE_FLAGS = {
    "python": ("-c",),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "node": ("-e", "--eval", "-p", "--print"),
    "php": ("-r",),
    "deno": ("eval",),
    "bun": ("-e", "--eval"),
}


def skip_options(args: list[str], value_opts: frozenset[str]) -> list[str]:
    """Drop leading options (and their values) of a wrapper; return the wrapped argv."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return args[i + 1 :]
        if not arg.startswith("-") or arg == "-":
            return args[i:]
        if arg in value_opts:
            i += 2
            continue
        i += 1
    return []


def interpreter_family(name: str) -> str | None:
    if name in INTERPRETERS:
        return re.sub(r"\d+(\.\d+)?$", "", name).replace("nodejs", "node")
    if re.fullmatch(r"python\d(\.\d+)?|pypy\d?", name):
        return "python"
    return None


_CODE_SHELL_STRING_RE = re.compile(
    r"(?:os\.system|os\.popen|subprocess\.\w+|commands\.getoutput|execSync|spawnSync|exec|"
    r"system|popen|shell_exec|passthru|qx|Open3\.\w+|IO\.popen|spawn)\s*\(?\s*"
    r"(?:\[\s*)?(?P<q>['\"])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)",
    re.S,
)
_CODE_LIST_RE = re.compile(r"\[\s*((?:(['\"])[^'\"]*\2\s*,\s*)+(['\"])[^'\"]*\3)\s*\]")
_CODE_BACKTICK_RE = re.compile(r"`([^`]+)`|%x[({\[]([^)}\]]+)[)}\]]")


def code_shell_strings(code: str) -> list[str]:
    """Shell commands an interpreter one-liner hands to the system."""
    out = [m.group("s") for m in _CODE_SHELL_STRING_RE.finditer(code)]
    for m in _CODE_LIST_RE.finditer(code):
        out.append(" ".join(re.findall(r"['\"]([^'\"]*)['\"]", m.group(1))))
    out += [m.group(1) or m.group(2) for m in _CODE_BACKTICK_RE.finditer(code)]
    return [s for s in out if s.strip()]


def shell_script(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*", arg) and not arg.startswith("--"):
            return args[i + 1] if i + 1 < len(args) else ""
        if not arg.startswith("-") and not arg.startswith("+"):
            return None
    return None


def interpreter_code(family: str, args: list[str], stdin_text: str | None) -> str | None:
    flags = _CODE_FLAGS.get(family, ())
    for i, arg in enumerate(args):
        if arg in flags and i + 1 < len(args):
            return args[i + 1]
        if (
            family in ("python", "perl", "ruby")
            and re.fullmatch(r"-[a-zA-Z]*[ceE]", arg)
            and i + 1 < len(args)
        ):
            return args[i + 1]
        if not arg.startswith("-"):
            return None
    return stdin_text


# ---------------------------------------------------------------------------- wrappers, as a table


@dataclass
class Unwrapping:
    """One command being unwrapped: what a wrapper handler reads, and may change."""

    walk: Walker
    argv: list[str]
    text: str
    depth: int
    redirects: list[tuple[str, str]]
    stdin_text: str | None
    download: bool
    from_stdin: bool
    done: list[Cmd] | None = None
    """Set when a handler recorded the command itself (a remote runner, a one-liner)."""

    def run(self, script: str) -> None:
        """Walk `script` as shell text one level deeper."""
        self.walk.script(script, self.depth + 1)

    def record(self, cmd: Cmd) -> Cmd:
        self.walk.add(cmd)
        return cmd


class _Pass:
    """A wrapper name whose shape did not apply (`su` without `-c`): not a wrapper here."""


_PASS = _Pass()
_Unwrapped = list[str] | None | _Pass
"""What a wrapper handler returns: the command it wraps (unwrap again), None (stop: this
is the command), or `_PASS`."""
_Handler = Callable[[Unwrapping, str, list[str]], _Unwrapped]
_ASSIGNMENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=.*", re.S)


def unwrap_once(u: Unwrapping) -> list[str] | None:
    """The command `u.argv` wraps, or None when it wraps nothing (or ran it already)."""
    argv0, rest = u.argv[0], u.argv[1:]
    if _ASSIGNMENT_RE.fullmatch(argv0):
        return rest
    name = program_of(argv0)
    handler = _WRAPPERS.get(name)
    if handler is not None:
        inner = handler(u, name, rest)
        if not isinstance(inner, _Pass):
            return inner
    _runs_elsewhere(u, name, rest)
    return None


def _runs_elsewhere(u: Unwrapping, name: str, rest: list[str]) -> None:
    """A remote runner or an interpreter one-liner: recorded itself, and what it runs walked."""
    remote = _remote_scripts(name, rest)
    if remote is not None:
        # gcloud compute ssh --command, aws ssm send-command, ansible -m shell -a,
        # awk system(): the command is checked itself, and so is what it runs.
        u.done = [
            u.record(
                Cmd(
                    name=name,
                    args=rest,
                    text=u.text,
                    argv0=u.argv[0],
                    redirects=u.redirects,
                    stdin_text=u.stdin_text,
                )
            )
        ]
        for script_text in remote:
            u.run(script_text)
        return None
    family = interpreter_family(name)
    code = family and interpreter_code(family, rest, u.stdin_text)
    if code:
        u.done = [
            u.record(
                Cmd(
                    name=name,
                    args=rest,
                    text=u.text,
                    argv0=u.argv[0],
                    redirects=u.redirects,
                    stdin_text=u.stdin_text,
                    code=code,
                    subst_download=u.download,
                )
            )
        ]
        for shell_text in code_shell_strings(code):
            u.run(shell_text)
    return None


def _skipping(value_opts: frozenset[str]) -> _Handler:
    """A wrapper whose options come first, then the command: `nohup`, `ionice -c3`."""
    return lambda _u, _name, rest: skip_options(rest, value_opts)


def _skipping_one_more(value_opts: frozenset[str]) -> _Handler:
    """Options, one operand (`timeout 5`, `chroot /srv`), then the command."""
    return lambda _u, _name, rest: skip_options(rest, value_opts)[1:]


def _flag_script(u: Unwrapping, rest: list[str], flags: tuple[str, ...]) -> bool:
    """Walk the script after `-c` (or another of `flags`); False when no flag is given."""
    flag = next((f for f in flags if f in rest), None)
    if flag is None:
        return False
    i = rest.index(flag)
    if i + 1 < len(rest):
        u.run(rest[i + 1])
    return True


def _sudo(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    if any(a in ("-l", "--list", "-v", "-k", "-K", "-V") for a in rest[:1]):
        return None
    return skip_options(rest, _SUDO_VALUE_OPTS)


def _env(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    split = [a for i, a in enumerate(rest) if i and rest[i - 1] in ("-S", "--split-string")]
    inner = skip_options(rest, _ENV_VALUE_OPTS)
    while inner and _ASSIGNMENT_RE.fullmatch(inner[0]):
        inner = inner[1:]
    if split:
        try:
            inner = shlex.split(split[0]) + inner
        except ValueError:
            inner = split[0].split() + inner
    return inner or None


def _nice(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    return skip_options([a for a in rest if not re.fullmatch(r"-\d+", a)], _NICE_VALUE_OPTS)


def _command(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    if any(a in ("-v", "-V") for a in rest[:2]):
        return None
    return skip_options(rest, frozenset())


def _xargs(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    u.from_stdin = True
    return skip_options(rest, _XARGS_VALUE_OPTS) or ["echo"]


def _secret_runner(_u: Unwrapping, name: str, rest: list[str]) -> _Unwrapped:
    """`doppler run -- cmd`, `aws-vault exec prof -- cmd`: the command after `--`."""
    if "--" in rest and (name == "aws-vault" or rest[0] in ("run", "exec")):
        return rest[rest.index("--") + 1 :]
    return _PASS


def _flock(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    inner = skip_options(rest, frozenset({"-w", "-E", "--timeout", "-c", "--command"}))
    if _flag_script(u, rest, ("-c", "--command")):
        return None
    return inner[1:]


def _watch(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    inner = skip_options(rest, _WATCH_VALUE_OPTS)
    if inner:
        u.run(" ".join(inner))
    return None


def _su(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    return None if _flag_script(u, rest, ("-c", "--command")) else _PASS


def _script(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    return None if _flag_script(u, rest, ("-c",)) else _PASS


def _eval(u: Unwrapping, name: str, rest: list[str]) -> _Unwrapped:
    payload = rest[:-1] if name == "trap" else rest
    if payload:
        u.run(" ".join(payload))
    return None


def _shell(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    script_arg = shell_script(rest)
    if script_arg is not None:
        u.run(script_arg)
        return None
    positional = [a for a in rest if not a.startswith("-")]
    if positional and positional[0] in u.walk.files_written:
        u.run(u.walk.files_written[positional[0]])
    return None


def _ssh(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    host_and_command = skip_options(rest, SSH_VALUE_OPTS)
    if len(host_and_command) > 1:
        u.run(" ".join(host_and_command[1:]))
    return None


def _kubectl(u: Unwrapping, name: str, rest: list[str]) -> _Unwrapped:
    if rest[:1] == ["exec"] and "--" in rest:
        u.record(Cmd(name=name, args=rest, text=u.text, argv0=u.argv[0]))
        return rest[rest.index("--") + 1 :]
    return _PASS


def _container(u: Unwrapping, name: str, rest: list[str]) -> _Unwrapped:
    if rest[:1] not in (["exec"], ["run"]):
        return _PASS
    inner = skip_options(rest[1:], _DOCKER_VALUE_OPTS)
    if len(inner) > 1:
        u.record(Cmd(name=name, args=rest, text=u.text, argv0=u.argv[0]))
        return inner[1:]
    return None


def _busybox(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    return rest or _PASS


def _parallel(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    inner = skip_options(rest, _XARGS_VALUE_OPTS | {"-j", "--jobs"})
    if ":::" in inner:
        return inner[: inner.index(":::")] + inner[inner.index(":::") + 1 :]
    u.from_stdin = True
    return inner


def _alias(u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    for arg in rest:
        if "=" in arg:
            u.run(arg.split("=", 1)[1])
    return None


def _java(_u: Unwrapping, _name: str, rest: list[str]) -> _Unwrapped:
    if "-jar" not in rest:
        return _PASS
    i = rest.index("-jar")
    if i + 1 < len(rest):
        return [program_of(rest[i + 1]).removesuffix(".jar")] + rest[i + 2 :]
    return None


def _find(u: Unwrapping, _name: str, _rest: list[str]) -> _Unwrapped:
    u.walk.find_exec(u.argv, u.text, u.depth, u.redirects)
    return None


def _table(*rows: tuple[Iterable[str], _Handler]) -> dict[str, _Handler]:
    return {name: handler for names, handler in rows for name in names}


_WRAPPERS: dict[str, _Handler] = _table(
    (("sudo", "doas", "run0"), _sudo),
    (("env",), _env),
    (("timeout", "gtimeout"), _skipping_one_more(_TIMEOUT_VALUE_OPTS)),
    (("nice",), _nice),
    (("ionice",), _skipping(_IONICE_VALUE_OPTS)),
    (("stdbuf",), _skipping(_STDBUF_VALUE_OPTS)),
    (("exec",), _skipping(frozenset({"-a"}))),
    (_PLAIN_WRAPPERS, _skipping(frozenset())),
    (("command",), _command),
    (("xargs",), _xargs),
    (("doppler", "op", "aws-vault", "dotenv", "uv", "poetry", "pipenv"), _secret_runner),
    (("flock",), _flock),
    (("watch",), _watch),
    (("su", "runuser"), _su),
    (("eval", "trap"), _eval),
    (SHELLS, _shell),
    (("ssh",), _ssh),
    (("kubectl", "oc"), _kubectl),
    (("docker", "podman", "nerdctl"), _container),
    (("busybox",), _busybox),
    (("chroot",), _skipping_one_more(frozenset({"--userspec", "--groups"}))),
    (_TRACERS, _skipping(_TRACE_VALUE_OPTS)),
    (("script",), _script),
    (("parallel",), _parallel),
    (("alias",), _alias),
    (("java",), _java),
    (("find",), _find),
)
"""Program name → how to find the command it wraps. Names not here are commands,
unless a remote runner (`_remote_scripts`) or an interpreter with code to run."""


# ---------------------------------------------------------------------------- remote runners

_AWK = frozenset({"awk", "gawk", "mawk", "nawk", "busybox-awk"})
_AWK_VALUE_OPTS = frozenset({"-F", "-v", "-f", "--field-separator", "--assign", "--file"})
_AWK_SHELL_RE = re.compile(
    r"\bsystem\s*\(\s*\"((?:[^\"\\]|\\.)*)\"|\|\s*\"((?:[^\"\\]|\\.)*)\"|"
    r"\"((?:[^\"\\]|\\.)*)\"\s*\|\s*getline"
)
_ANSIBLE_SHELL_MODULES = frozenset({"shell", "command", "raw", "script"})


_SALT = frozenset({"salt", "salt-ssh", "salt-call"})
_SALT_CMD_RE = re.compile(r"cmd\.(?:run\w*|shell|exec_code\w*)")
_FLEET_SHELLS = frozenset({"pdsh", "clush", "pssh", "parallel-ssh"})
_FLEET_VALUE_OPTS = frozenset(
    [
        "-w",
        "-x",
        "-l",
        "-R",
        "-f",
        "-t",
        "-u",
        "-g",
        "-X",
        "-h",
        "-H",
        "-p",
        "-o",
        "-e",
        "-O",
        "-S",
        "-F",
        "--hosts",
        "--host",
        "--user",
        "--par",
        "--timeout",
        "--outdir",
        "--errdir",
        "--options",
        "--groupbase",
        "--fanout",
    ]
)


def _opt_values(args: list[str], *names: str) -> list[str]:
    """Values of `--opt v` / `--opt=v` / `-o v`, for the remote-execution wrappers."""
    out: list[str] = []
    for i, arg in enumerate(args):
        for name in names:
            if arg == name and i + 1 < len(args):
                out.append(args[i + 1])
            elif name.startswith("--") and arg.startswith(name + "="):
                out.append(arg[len(name) + 1 :])
    return out


def _ssm_commands(parameters: str) -> list[str]:
    """`commands='rm -rf /x'`, `commands=["a","b"]` or `{"commands":["a"]}` → the commands."""
    text = parameters.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            found = data.get("commands", [])
            return [str(c) for c in (found if isinstance(found, list) else [found])]
    m = re.match(r"(?i)\s*commands\s*=\s*(.*)", text, re.S)
    if not m:
        return []
    value = m.group(1).strip()
    if value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            items = [p.strip().strip("\"'") for p in value.strip("[]").split(",")]
        return [str(c) for c in (items if isinstance(items, list) else [items])]
    return [value.strip("\"'")]


def _gcloud_ssh(rest: list[str]) -> list[str] | None:
    if "ssh" in rest[:4]:
        return _opt_values(rest, "--command") or None
    return None


def _aws_ssm(rest: list[str]) -> list[str] | None:
    if rest[:2] == ["ssm", "send-command"]:
        return [c for p in _opt_values(rest, "--parameters") for c in _ssm_commands(p)] or None
    return None


def _ansible(rest: list[str]) -> list[str] | None:
    modules = _opt_values(rest, "-m", "--module-name") or ["command"]
    module = modules[-1].rsplit(".", 1)[-1]
    args = _opt_values(rest, "-a", "--args")
    if module in _ANSIBLE_SHELL_MODULES:
        return args or None
    same = [c for a in args if (c := ansible_equivalent(module, a)) is not None]
    return same or None  # `-m ufw -a 'rule=allow port=3306'`: the command it stands for


def _salt(rest: list[str]) -> list[str] | None:
    # `salt '*' cmd.run 'rm -rf /x'`, `salt-call cmd.shell '…'`: the first argument after
    # the execution function is the command every targeted minion runs.
    for i, word in enumerate(rest):
        if _SALT_CMD_RE.fullmatch(word):
            args = [a for a in rest[i + 1 :] if not a.startswith("-") and "=" not in a]
            return args[:1] or None
    return None


def _fleet(rest: list[str]) -> list[str] | None:
    # pdsh/clush/pssh: options (hosts, user, fan-out), then the command for every host
    inner = skip_options(rest, _FLEET_VALUE_OPTS)
    return [" ".join(inner)] if inner else None


def _awk(rest: list[str]) -> list[str] | None:
    program = skip_options(rest, _AWK_VALUE_OPTS)
    if not program:
        return None
    found = [
        decode_escapes(next(g for g in m.groups() if g is not None))
        for m in _AWK_SHELL_RE.finditer(program[0])
    ]
    return found or None


_REMOTE_RUNNERS: dict[str, Callable[[list[str]], list[str] | None]] = {
    "gcloud": _gcloud_ssh,
    "aws": _aws_ssm,
    "ansible": _ansible,
    "ansible-console": _ansible,
    **dict.fromkeys(_SALT, _salt),
    **dict.fromkeys(_FLEET_SHELLS, _fleet),
    **dict.fromkeys(_AWK, _awk),
}
"""Program name → the shell text it runs on a remote host or through its own shell."""


def _remote_scripts(name: str, rest: list[str]) -> list[str] | None:
    """Shell text another tool runs on a remote host or through its own shell, or None."""
    runner = _REMOTE_RUNNERS.get(name)
    return runner(rest) if runner is not None else None
