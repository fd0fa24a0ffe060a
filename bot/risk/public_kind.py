"""Public by kind: a bucket, container, repository or image made public when the message
says what it holds, and what it holds is made to be public.

A website's bucket of HTML, CSS and images, a container of product photos for the public
site, the repository of an open-source project or the engineering blog, a release image of
an open-source CLI: opening these to everyone is how they are served. The command readers
see only `allUsers`, `--public-access blob`, `--visibility public` or a push to Docker Hub;
the message around them says what goes. When a sentence of its prose names such content
(static assets, a built site, open-source code, material already published or approved for
publication) and nothing in the whole message names sensitive data, the public-exposure
findings of that one act are lowered, and so are the prose readings of the same act.

Fail closed:
- any sensitive noun anywhere in the message (customers, personal data, exports, backups,
  contracts, credentials, configuration files, internal material …) keeps every finding,
  unless its own clause keeps it back ("the detailed report stays internal", "原始问卷所在的
  桶保持私有") or negates it ("no env files", "ohne Konfigurationsdateien");
- two public acts on different targets: nothing is lowered (which one the content is about
  is not said);
- snapshots, machine images and network access are never content made to be public;
- findings of any other rule (a delete, a grant, a secret) stay as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.risk.model import Finding
from bot.risk.policy import Part
from bot.risk.prose.published import SENTENCES, names_sensitive, states_public_content

__all__ = ["public_by_kind"]

# The command and document rules that open a store, a repository or an image to everyone.
_ACT_RULES = frozenset(
    {
        "shell.public_acl_gcp",
        "shell.public_acl_aws",
        "shell.public_access_azure",
        "shell.public_access_bucket",
        "shell.public_access_block_off",
        "shell.public_exposure",
        "publish.public_registry",
        "githost.repo_public",
        "doc.policy_public",
        "doc.storage_public",
        "powershell.storage_public",
    }
)
# What no content makes public by kind: disk snapshots, machine images, network reach.
_NOT_CONTENT = re.compile(r"snapshot|modify-image|public-network-access", re.I)
# The prose readings of the same act: lowered with it when they sit in its sentence.
_PROSE_RULES = frozenset(
    {
        "prose.public_storage",
        "prose.public_link",
        "prose.intent.sharing",
        "prose.intent.network",
        "prose.public_service",
    }
)
# A sentence about the store itself (its own noun), where a prose reading of the act is.
_STORE = re.compile(
    r"\b(?:buckets?|containers?|conteneur|contenedor|contêiner|repo(?:sitor(?:y|io|ies))?|"
    r"repositório|dépôt|images?|imagen|imagem|docker\s*hub|registry|packages?|paquete|pacote|"
    r"paket|blob)\b|バケット|コンテナ|リポジトリ|イメージ|存储桶|桶|容器|仓库|镜像"
)
_FENCED = re.compile(r"```.*?(?:```|$)", re.S)
# A prose reader's evidence leaves the commands out ("so go ahead with , then ."): its
# pieces between those gaps are what can be found in the text.
_GAPS = re.compile(r"\s+[,.;:]\s*|…|\s+[,.;:]?$")


def public_by_kind(parts: Sequence[Part], text: str) -> None:
    """Lower the public-exposure findings of one act whose content the message names as
    public by kind, with the prose readings of that act (see the module docstring); hold a
    sentence's public content when the message names sensitive data beside it."""
    low = text.lower()
    _beside_sensitive(parts, low)
    acts = [f for part in parts for f in part.findings if _is_act(f)]
    if not acts or len({_key(f.evidence or "") for f in acts}) != 1:
        return
    if any(
        f.rule in _ACT_RULES and f.verdict != "allow" and not _is_act(f)
        for p in parts
        for f in p.findings
    ):
        return  # a snapshot or network opened as well: not content
    if not states_public_content(low):
        return
    text_of = _Text(low, [f.evidence for f in acts if f.evidence])
    for part in parts:
        part.findings = _lowered(part.findings, text_of)


def _beside_sensitive(parts: Sequence[Part], low: str) -> None:
    """The prose reader excuses a public share of public content by its sentence ("share the
    logo folder with anyone with the link"); a sensitive noun the message names elsewhere
    ("; the customer list is in there too") goes along with it, as the grammar's own
    message-wide check holds it."""
    if not any(f.rule == "prose.public_content" for p in parts for f in p.findings):
        return
    if not names_sensitive(low):
        return
    for part in parts:
        part.findings = [_held(f) if f.rule == "prose.public_content" else f for f in part.findings]


def _held(f: Finding) -> Finding:
    return Finding(
        rule="prose.public_link",
        category="sharing",
        reason=(
            "Opens to anyone on the internet what reads as public content, but the message "
            "names sensitive data beside it (customer, personal, internal or secret material)."
        ),
        risk="high",
        verdict="require_approval",
        evidence=f.evidence,
    )


def _is_act(f: Finding) -> bool:
    return (
        f.rule in _ACT_RULES and f.verdict != "allow" and not _NOT_CONTENT.search(f.evidence or "")
    )


def _key(evidence: str) -> str:
    return " ".join(evidence.lower().split())


@dataclass(frozen=True)
class _Text:
    """The message read once for `_same_act`: its sentences and fenced blocks, by start."""

    low: str
    acts: list[str]
    sentences: list[tuple[int, int]] = field(init=False)
    fenced: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentences", [m.span() for m in SENTENCES.finditer(self.low)])
        object.__setattr__(self, "fenced", [m.span() for m in _FENCED.finditer(self.low)])


def _within(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    i = bisect_right(spans, (at, 1 << 62)) - 1  # the last span starting at or before `at`
    return spans[i] if i >= 0 and spans[i][0] <= at < spans[i][1] else None


def _lowered(findings: list[Finding], text: _Text) -> list[Finding]:
    kept: list[Finding] = []
    lowered: list[Finding] = []
    for f in findings:
        if _is_act(f) or (f.rule in _PROSE_RULES and _same_act(f, text)):
            lowered.append(f)
        else:
            kept.append(f)
    if not lowered:
        return findings
    note = Finding(
        rule="scope.public_by_kind",
        category="policy",
        reason=(
            f"Not held: {lowered[0].rule} opens content the message names as made to be "
            "public (static site files, images, open-source code, material already "
            "published), and it names no sensitive data."
        ),
        risk="low",
        verdict="allow",
        evidence=lowered[0].evidence,
    )
    return [*kept, note]


def _same_act(f: Finding, text: _Text) -> bool:
    """The prose finding's sentence holds the act's command or names the store itself, or
    the finding reads the fenced block that holds the act (`acl = "public-read"`)."""
    pieces = sorted(_GAPS.split((f.evidence or "").lower()), key=len, reverse=True)
    piece = pieces[0].strip() if pieces else ""
    if len(piece) < 8:
        return False
    found = re.search(r"\s+".join(map(re.escape, piece.split())), text.low)
    if found is None:
        return False
    if _within(text.fenced, found.start()) is not None:
        return True
    span = _within(text.sentences, found.start())
    if span is None:
        return False
    sentence = text.low[span[0] : span[1]]
    return bool(_STORE.search(sentence)) or any(
        a.lower().strip(" …") in sentence for a in text.acts
    )
