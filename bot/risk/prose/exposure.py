"""A production service given a public address, said in words in any language.

"change the prod ElasticSearch service to type LoadBalancer so it gets a public IP",
"本番の OpenSearch の Service を LoadBalancer に変更": Kubernetes gives a `LoadBalancer`
service an address on the internet unless it is marked internal. The product word is
English in every language, so one reader serves all seven; the production word comes
from `environments`. A command that only reads the service, a switch away from the type,
or an internal load balancer is not an exposure.
"""

from __future__ import annotations

import re

from bot.risk.model import Finding
from bot.risk.prose.text import Rule, finding, lower, says_production, sentences

__all__ = ["assess_exposure"]

_RULE = Rule("prose.public_service", "network", "high", "require_approval")
_LOAD_BALANCER = re.compile(r"load\s?balancer")
# Kept off the internet: an internal or private balancer, in the seven languages.
_INTERNAL = re.compile(
    r"internal|intern[eo]?\b|interna\b|privat|内部|内网|社内|scheme[\"':=\s]+internal"
)
# Only read: `kubectl get svc`, `describe`, a listing.
_READS = re.compile(r"\b(?:get|describe)\s+(?:svc|services?)\b|\bget-service\b")
# Switched away from the type ("from LoadBalancer to ClusterIP", "von LoadBalancer auf").
_AWAY = re.compile(
    r"(?:from|von|desde|から)\s*(?:type\s+)?load\s?balancer|load\s?balancer\s*(?:から|→|->)"
)
# The balancer as the place an edit is made ("swap the /admin block in nginx.conf on the
# prod load balancer", "the TLS settings of the load balancer"), with nothing said about
# making a service public: the edit is judged by what it says, not as an exposure.
_PLACE = re.compile(r"\b(?:on|in|of|at)\s+the\s+(?:[\w-]+\s+){0,2}load\s?balancer(?!\s*type)\b")
_EXPOSING = re.compile(
    r"public|internet|expos|external|\btype\b|outside|world|\b(?:put|puts|putting|move|moving|"
    r"add|adding|attach|register|behind|onto|serve|serving|route|routing)\b"
)
# Not "no": Portuguese "no" is "in the" ("no cluster de produção").
_NEGATED = re.compile(r"\b(?:not|never|don'?t|nicht|kein\w*|pas|nunca|não|jamais)\b|しない|不要")


def assess_exposure(text: str) -> list[Finding]:
    """One finding for the first sentence that puts a production service on a public
    load balancer."""
    low = lower(text)
    if _LOAD_BALANCER.search(low) is None:
        return []
    for s in sentences(low):
        m = _LOAD_BALANCER.search(s.text)
        if m is None or not says_production(s.text):
            continue
        if _INTERNAL.search(s.text) or _READS.search(s.text) or _AWAY.search(s.text):
            continue
        if _PLACE.search(s.text) and not _EXPOSING.search(s.text):
            continue
        if _NEGATED.search(s.text, 0, m.start()):
            continue
        reason = (
            "Puts a production service on a public load balancer in plain words: it gets "
            "an address anyone on the internet can reach."
        )
        return [finding(_RULE, reason, text[s.start : s.start + len(s.text)])]
    return []
