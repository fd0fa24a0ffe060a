"""A running workload's whole environment printed (a container's, a pod's, a hosted app's), or
one secret variable by name.

Services keep their database passwords, API keys and signing secrets in environment
variables, so `kubectl exec … -- printenv`, `docker exec api env`, `heroku config` or a
bare `printenv` on the server (or over `ssh`) prints every one of them. Reading them in
one's own terminal is how an engineer debugs; the rules here are own-use rules
(`command_scope.OWN_USE_RULES`): held only when the message passes the output on ("post
the full environment here", "paste what it prints into the ticket"). One variable by name
(`printenv PATH`), the names alone or masked values are not a dump.
"""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p

# the dumper as the container's command, with no variable named after it
_DUMP_IN = r"(?:^|\s)(?:/usr/bin/|/bin/)?(?:printenv|env|export\s+-p)$"

# one variable named for a secret (`$STRIPE_SECRET_KEY`, `${DB_PASSWORD}`, `GITHUB_TOKEN`)
_SENSITIVE_VAR = (
    r"[A-Za-z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|"
    r"secret|token|password|passwd|api_?key|private_?key|access_?key|credentials?)[A-Za-z0-9_]*"
)
_ECHOED = r"\$\{?" + _SENSITIVE_VAR + r"\b"
_PRINTED = r"^(?:-0\s+)?" + _SENSITIVE_VAR + r"$"

# piped into these, only names or a count are left (`| cut -d= -f1`, `| wc -l`, `| jq keys`)
_REDUCERS = frozenset({"cut", "wc"})
# `| sed 's/=.*/=***/'`, `| awk -F= '{print $1}'`: the values masked or cut off
_MASKS = {
    "sed": re.compile(r"s([/|#])=\.\*\1"),
    "awk": re.compile(r"\{\s*print\s+\$1\s*\}"),
}


def check_values_kept(cmd: Any, walk: Any) -> bool:
    """The dump's values reach the output: not cut down to names or a count, nor masked."""
    return not any(
        d.name in _REDUCERS
        or (d.name == "jq" and any("keys" in a for a in d.args))
        or (d.name in _MASKS and _MASKS[d.name].search(d.joined) is not None)
        for d in cmd.downstream
    )


CHECKS = {"env_values_kept": check_values_kept}

RULES: tuple[Rule, ...] = (
    Rule(
        "envdump.workload_env",
        "secrets",
        "high",
        "require_approval",
        "Prints a running workload's whole environment, where its passwords, API keys and "
        "tokens live.",
        (
            p("kubectl", "oc", sub=("exec",), args_re=_DUMP_IN, check="env_values_kept"),
            p(
                "docker",
                "podman",
                "nerdctl",
                sub=("exec",),
                args_re=_DUMP_IN,
                check="env_values_kept",
            ),
            p(
                "docker",
                "podman",
                sub=("compose|container", "exec"),
                args_re=_DUMP_IN,
                check="env_values_kept",
            ),
            p("heroku", sub=("config",), check="env_values_kept"),
            p("heroku", sub=("config:get",)),
            p("cat", "strings", "tr", "xargs", args_re=r"/proc/(?:\d+|self|\*)/environ\b"),
            # the shell's own environment, here or on a server over ssh (the remote command
            # is read as a command of its own): every variable
            p("printenv", "env", args_re=r"^$", check="env_values_kept"),
        ),
        match=(
            "kubectl -n workers exec deploy/worker -- printenv",
            "kubectl exec -it api-7d9f -n prod -- env",
            "docker exec api-prod env",
            "docker compose exec web printenv",
            "heroku config -a billing-prod",
            "heroku config:get DATABASE_URL -a billing-prod",
            "cat /proc/1/environ",
            "printenv",
            "ssh prod-batch-3 printenv",
        ),
        not_match=(
            "kubectl -n workers exec deploy/worker -- printenv PATH",
            "kubectl -n workers exec deploy/worker -- env | wc -l",
            "kubectl -n workers exec deploy/worker -- printenv | cut -d= -f1 | sort",
            "docker exec api-prod ls /app",
            "kubectl -n workers logs deploy/worker",
            "heroku ps -a billing-prod",
            "heroku config -a billing-prod --json | jq 'keys'",
            "printenv HOME",
            "env FOO=1 ./run.sh",
            "printenv | sed 's/=.*/=***/'",
            "ssh prod-batch-3 printenv HOME",
        ),
    ),
    Rule(
        "envdump.secret_variable",
        "secrets",
        "high",
        "require_approval",
        "Prints one secret by the name of the variable that holds it (an API key, a token, "
        "a password); its value is the output.",
        (
            p("printenv", args_re=_PRINTED, check="env_values_kept"),
            p("echo", "printf", args_re=_ECHOED, check="env_values_kept"),
        ),
        match=(
            "printenv STRIPE_SECRET_KEY",
            "echo $STRIPE_SECRET_KEY",
            'echo "${DB_PASSWORD}"',
            "ssh prod-web-1 printenv GITHUB_TOKEN",
        ),
        not_match=(
            "printenv HOME",
            "echo $HOME",
            "echo $STRIPE_SECRET_KEY | wc -c",
            "echo 'set STRIPE_SECRET_KEY in the dashboard'",
            "printenv DATABASE_URL",
        ),
    ),
)
