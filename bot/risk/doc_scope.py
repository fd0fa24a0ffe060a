"""Scope for documents: when a manifest, policy or configuration in a message is not an
order to apply it.

Agents show documents for the same reasons they show commands (`command_scope`): the
binding a postmortem blames ("root cause: someone applied this policy"), the manifest
not to apply ("do not apply this anywhere"), the one for a throwaway cluster on a laptop
(`kubectl --context kind-dev apply -f -`). Each document is judged by the sentences that
introduce it, read backwards from the last one and stopping at the first that orders
something ("Never apply the old binding. Apply this:" holds). A later order to apply it
after all ("… apply it again on staging") undoes a warning or a report.

Local scope for a document is narrower than for a command: a Kubernetes manifest applied
to a local cluster cannot grant or expose anything of the company's (its RBAC, host
access and privileged pods are the laptop's own), and destruction there is local; a
network rule, a cloud policy or a database setting is never lowered by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.risk.command_scope import (
    Why,
    judge,
    local_target,
    lower_findings,
    remote_target,
    rerun_elsewhere,
)
from bot.risk.extract import Candidate
from bot.risk.model import Finding

__all__ = ["doc_scope", "heading_scope", "lower_documents"]

K8S_LOCAL_RULES = frozenset(
    {
        "doc.k8s_broad_binding",
        "doc.k8s_wildcard_role",
        "doc.k8s_host_access",
        "doc.admission_not_enforced",
    }
)
"""Kubernetes findings a local cluster makes harmless (the laptop's own cluster; its
admission policies guard nothing of the company's)."""
_ORDER_LOWERS = frozenset({"warning", "report", "hypothetical", "proposal", "question"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+|;\s*|[。！？]")
# A sentence that orders something: it ends the search for a warning further back.
_ORDERS = re.compile(
    r"^[\W_]*(?:(?:please|now|then|so|just|next|first|finally)[,\s]+)*"
    r"(?:apply|deploy|add|put|set|use|create|run|merge|push|paste|attach|append|install|save|"
    r"commit|drop|roll\s+out|ship|update|replace|change)\b"
    r"|\bplease\b|\bcan\s+you\b|\bcould\s+you\b",
    re.I,
)
_MAX_SENTENCES = 3
_DOCUMENT = "zqdocumentzq"


def doc_scope(intro: str, body: str, message: str) -> Why | None:
    """Why the document after `intro` is not an order to apply it, or None."""
    sentences = [s for s in _SENTENCE.split(intro) if s.strip()][-_MAX_SENTENCES:]
    for sentence in reversed(sentences):
        # The document stands for itself by a word no lexicon knows: its own text (a YAML
        # `kind:` key, a `prod` namespace) says nothing about the sentence's scope.
        why = judge(Candidate("shell", _DOCUMENT, True, sentence))
        if why in _ORDER_LOWERS and not rerun_elsewhere(
            Candidate("shell", body, True, sentence), message
        ):
            return why
        local = why == "local" or local_target(sentence)
        if local and not remote_target(sentence) and not remote_target(body):
            return "local"
        if _ORDERS.search(sentence):
            return None
    return None


def lower_documents(findings: Sequence[Finding], why: Why) -> list[Finding]:
    """The document's findings lowered for `why` (see the module docstring for local)."""
    return lower_findings(findings, why, K8S_LOCAL_RULES)[0]


def heading_scope(heading: str, item: str, message: str) -> Why | None:
    """Why an item of a list headed by `heading` ("Never do any of these on prod:",
    "What NOT to do:") is not an order: a warning, report, hypothetical or proposal in
    the heading (its colon points at the items). Local words in a heading cover nothing:
    each step names its own target."""
    text = heading.rstrip().rstrip(":：").rstrip()
    if not text:
        return None
    why = judge(Candidate("shell", _DOCUMENT, True, f"{text} the following:"))
    if why in _ORDER_LOWERS and not rerun_elsewhere(
        Candidate("shell", item, True, heading), message
    ):
        return why
    return None
