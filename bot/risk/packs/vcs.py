"""History erased in version-control systems other than Git: Perforce `obliterate`,
Mercurial `strip` without a backup and forced pushes, TFVC `destroy`, Plastic SCM
`archive --remove`.

Each removes committed revisions from the server for good: there is no reflog, and the
audit trail of what was there goes with it. A preview (`p4 obliterate` without `-y`,
`tf vc destroy /preview`), an obliterate on a personal sandbox depot, or a `hg strip`
that keeps a backup bundle is routine.
"""

from __future__ import annotations

from bot.risk.packs.base import Rule, p

# Depots that belong to one person by convention (`//sandbox/<user>/…`, `//users/<user>/…`).
_PERSONAL_DEPOT = r"(?i)(?:^|\s)//(?:sandbox|scratch|personal|users?|home)/"

RULES: tuple[Rule, ...] = (
    Rule(
        "vcs.history_erased",
        "destructive",
        "high",
        "require_approval",
        "Erases committed history from a shared version-control server (Perforce obliterate, "
        "TFVC destroy, Plastic archive --remove, Mercurial strip without a backup): the "
        "revisions and their audit trail cannot be brought back.",
        (
            p(
                "p4",
                sub=("obliterate",),
                args_re=r"(?:^|\s)-[a-zA-Z]*y\b",
                args_not_re=_PERSONAL_DEPOT,
            ),
            p("tf", sub=("vc", "destroy"), args_not_re=r"(?i)(?:^|\s)[/-]preview\b"),
            p("tf", sub=("destroy",), args_re=r"\$/", args_not_re=r"(?i)(?:^|\s)[/-]preview\b"),
            p("cm", sub=("archive",), args_re=r"(?:^|\s)--remove\b"),
            p("hg", sub=("strip|prune",), args_re=r"(?:^|\s)--no-backup\b"),
            p("hg", sub=("push",), args_re=r"(?:^|\s)(?:-f|--force)\b"),
        ),
        match=(
            "p4 obliterate -y //depot/main/secrets/key.pem#1,#head",
            "p4 obliterate -y //depot/releases/2019/...",
            "tf vc destroy $/Retail/Main/data/customers.xlsx /collection:https://tfs/tfs/Retail",
            "tf destroy '$/Retail/Main/data' /i",
            "cm archive rev:/assets/big.psd#cs:120 --remove",
            "hg strip -r 1203 --no-backup",
            "hg push --force ssh://hg.corp.example/payments",
        ),
        not_match=(
            "p4 obliterate //depot/releases/2019/...",
            "p4 obliterate -y //sandbox/jmeyer/scratch/...",
            "tf vc destroy $/Retail/Main/data/customers.xlsx /preview",
            "tf destroy",
            "cm archive rev:/assets/big.psd#cs:120",
            "hg strip -r . --keep",
            "hg push ssh://hg.corp.example/payments",
        ),
    ),
)
