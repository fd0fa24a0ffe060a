"""The wrapper table (`shell_wrappers`): each wrapper hands on the command it runs, and
a look-alike that runs nothing (`sudo -l`, `command -v`, `su` without `-c`) hands on
nothing. Read straight from the walk, so a rule's wording cannot hide a miss."""

from __future__ import annotations

import pytest

from bot.risk.shell import _Walk
from bot.risk.shell_wrappers import _REMOTE_RUNNERS, _WRAPPERS, interpreter_family


def _names(script: str) -> list[str]:
    walk = _Walk(())
    walk.script(script, 0)
    return [c.name for c in walk.cmds]


@pytest.mark.parametrize(
    "script",
    [
        "sudo -u deploy shred -u notes.txt",
        "doas shred -u notes.txt",
        "env -i PATH=/bin shred -u notes.txt",
        "env -S 'shred -u' notes.txt",
        "timeout -s KILL 30 shred -u notes.txt",
        "nice -n 10 shred -u notes.txt",
        "ionice -c3 shred -u notes.txt",
        "stdbuf -oL shred -u notes.txt",
        "exec -a x shred -u notes.txt",
        "nohup shred -u notes.txt",
        "command shred -u notes.txt",
        "doppler run -- shred -u notes.txt",
        "aws-vault exec prod -- shred -u notes.txt",
        "flock /tmp/l shred -u notes.txt",
        "flock /tmp/l -c 'shred -u notes.txt'",
        "watch -n 5 shred -u notes.txt",
        "su - deploy -c 'shred -u notes.txt'",
        "eval shred -u notes.txt",
        "trap 'shred -u notes.txt' EXIT",
        "bash -c 'shred -u notes.txt'",
        "ssh -p 2222 host shred -u notes.txt",
        "kubectl exec pod -- shred -u notes.txt",
        "docker run --rm -v /d:/d alpine shred -u notes.txt",
        "busybox shred -u notes.txt",
        "chroot /srv shred -u notes.txt",
        "strace -f shred -u notes.txt",
        "script -c 'shred -u notes.txt'",
        "parallel shred -u ::: notes.txt",
        "alias wipe='shred -u notes.txt'",
        "find . -name notes.txt -exec shred -u {} \\;",
        "FOO=1 shred -u notes.txt",
        "python3 -c 'import os; os.system(\"shred -u notes.txt\")'",
        "gcloud compute ssh vm --command 'shred -u notes.txt'",
        "salt '*' cmd.run 'shred -u notes.txt'",
        "pdsh -w web[1-3] shred -u notes.txt",
        "awk 'BEGIN { system(\"shred -u notes.txt\") }'",
    ],
)
def test_a_wrapper_hands_on_the_command_it_runs(script: str) -> None:
    assert "shred" in _names(script)


@pytest.mark.parametrize(
    "script",
    [
        "sudo -l shred",  # lists what may run
        "command -v shred",  # says where it is
        "su deploy shred",  # no -c: su takes no command here
        "script typescript shred",  # no -c: a recording file
        "java -version shred",  # no -jar
        "kubectl get pods shred",  # not exec
        "docker ps shred",  # not exec/run
        "watch",  # nothing to watch
        "env",  # prints the environment
    ],
)
def test_a_look_alike_hands_on_nothing(script: str) -> None:
    assert "shred" not in _names(script)


def test_wrapper_names_are_neither_remote_runners_nor_interpreters() -> None:
    """The table is read before remote runners and one-liners: a name in both would be
    unwrapped and never read for the shell it runs remotely."""
    assert set(_WRAPPERS) & set(_REMOTE_RUNNERS) == set()
    assert [n for n in _WRAPPERS if interpreter_family(n) is not None] == []
