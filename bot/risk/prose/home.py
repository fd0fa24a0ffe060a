"""The message's own organisation, read from the message when the config does not say.

A colleague's address looks like an outsider's unless TwoKey knows the company's
domains. Agents' messages often show which domain is home without saying so: the
address's name is the prefix of the very resources being shared (`user:jo@fenwick.io`
on `gs://fenwick-churn-exports`, `analytics@kiln.dev` on project `kiln-sandbox`), or
the command acts as an admin of that domain and shares inside it (`gam user
cfo@marlowe.co … user jonas@marlowe.co`). Those domains count as the company's own for
that one message.

Never inferred: personal mailboxes (gmail.com …), a name claimed by two different
domains in the same message (`fenwick.io` and `fenwick.co`: one is an impostor), and
names shorter than four letters. A name only counts when a resource carries it as a
whole leading segment (`fenwick-…`, `fenwick/…`, `fenwick:…`), never inside a word,
and never from a channel name (`#ext-fenwick` is where outsiders are invited).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

__all__ = ["flow_home", "home_domains", "named_for_outsiders"]

_EMAIL_DOMAIN = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24})\b"
)
# The account a command acts as: an administrator of its own domain.
_ACTING = re.compile(
    r"\bgam\s+user\s+[a-z0-9._%+\-]+@([a-z0-9.\-]+\.[a-z]{2,24})\b"
    r"|--(?:account|admin|subject|impersonate)[= ][\"']?[a-z0-9._%+\-]+"
    r"@([a-z0-9.\-]+\.[a-z]{2,24})\b"
)
# A resource name: a run of name characters not inside a domain or a channel, that is
# hyphenated (`kiln-sandbox`) or continues as a path or qualifier (`fenwick/churn`,
# `quill:hack_2027`).
_TOKEN = re.compile(r"(?<![\w@#.\-])[a-z0-9][a-z0-9_\-]*")
_SEGMENT = re.compile(r"[_\-]")
_MIN_LABEL = 4
# A resource made for outsiders is named after them (`acme-shared`, `ext-acme`): no evidence
# that their domain is home. Nor is a domain named for a role (`contractor.example`).
_OUTSIDE_WORDS = (
    "shared share ext external extern partner partners vendor vendors guest guests client "
    "clients customer customers collab connect contractor contractors agency freelance "
    "freelancer consultant consulting outside public"
)
_OUTSIDE_SEGMENTS = frozenset(_OUTSIDE_WORDS.split())


# The mailbox a command or a flow reads or configures: `-Identity x@d`, `-Mailbox x@d`,
# `Set-Mailbox x@d`, `"mailbox": "x@d"`, `mailbox: x@d`.
_MAILBOX = re.compile(
    r"(?:-(?:identity|mailbox)\s+|set-mailbox\s+|[\"']?mailbox[\"']?\s*[:=]\s*)[\"']?"
    r"[a-z0-9._%+\-]+@([a-z0-9.\-]+\.[a-z]{2,24})\b"
)
# A Google Cloud project the text acts on (`--project=p`, `project = "p"`, `projects/p`,
# `gcloud projects add-iam-policy-binding p`) and the service accounts that live in one.
_PROJECT = re.compile(
    r"--project[= ][\"']?([a-z][a-z0-9\-]{4,28}[a-z0-9])\b"
    r"|\bproject(?:_id)?[\"']?\s*[:=]\s*[\"']([a-z][a-z0-9\-]{4,28}[a-z0-9])[\"']"
    r"|\bprojects/([a-z][a-z0-9\-]{4,28}[a-z0-9])\b"
    r"|\bprojects\s+(?:add|remove|set)-iam-policy(?:-binding)?\s+([a-z][a-z0-9\-]{4,28}[a-z0-9])\b"
)
_SERVICE_ACCOUNT = re.compile(r"@([a-z][a-z0-9\-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com\b")


def flow_home(low: str, personal: Collection[str]) -> tuple[str, ...]:
    """Domains that a lower-cased command or document shows data staying in, whatever the
    configured company domains: the domain of the account it acts as (`gam user a@d`,
    `--impersonate a@d`), of the mailbox it reads or configures (`-Identity a@d`, a flow's
    `"mailbox"`), and the service-account domain of a Google Cloud project it acts on.

    A recipient at one of these receives what already sits in that domain: a mailbox
    forwarded to a colleague of the same domain, a shared mailbox opened to one, a project's
    own service account given a role in it. Read from one command or document only (the
    caller's block), so a second order elsewhere in a message gains nothing from it."""
    if "@" not in low:
        return ()
    found = {g for m in _ACTING.finditer(low) for g in m.groups() if g}
    found.update(m.group(1) for m in _MAILBOX.finditer(low))
    if "gserviceaccount" in low:
        projects = {g for m in _PROJECT.finditer(low) for g in m.groups() if g}
        found.update(
            m.group(1) + ".iam.gserviceaccount.com"
            for m in _SERVICE_ACCOUNT.finditer(low)
            if m.group(1) in projects
        )
    return tuple(sorted(d for d in found if d not in personal))


_OUTSIDE_PREFIXES = ("outsourc", "consult", "agenc", "agentur", "partner", "vendor", "contract")


def named_for_outsiders(domain: str) -> bool:
    """A domain whose name says whose it is: an agency, a partner, a vendor, an outsourcer
    (`hanbai-agency.jp`, `acme-partners.io`, `payhive-bpo.com`, `sync-ext.io`)."""
    parts = [w for label in domain.lower().split(".")[:-1] for w in _SEGMENT.split(label) if w]
    return any(
        w in _OUTSIDE_SEGMENTS or w == "bpo" or w.startswith(_OUTSIDE_PREFIXES) for w in parts
    )


def _label(domain: str) -> str:
    """The organisation's name in a domain: the label before the public suffix (`kiln` in
    `kiln.dev` and `eu.kiln.dev`, `acme` in `acme.co.uk`)."""
    labels = domain.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return labels[-3]  # co.uk, com.au, co.jp
    return labels[-2] if len(labels) >= 2 else labels[0]


def home_domains(low: str, personal: Collection[str], known: Sequence[str] = ()) -> tuple[str, ...]:
    """Domains the lower-cased message shows as its own organisation's, beyond `known`.

    `personal` lists mailbox providers that are never anyone's company.
    """
    if "@" not in low:
        return ()
    domains = {m.group(1) for m in _EMAIL_DOMAIN.finditer(low)}
    domains = {d for d in domains if d not in personal and d not in known}
    if not domains:
        return ()
    by_label: dict[str, set[str]] = {}
    for d in domains:
        by_label.setdefault(_label(d), set()).add(d)
    acting = {g for m in _ACTING.finditer(low) for g in m.groups() if g}
    prefixes = _resource_prefixes(low)
    home: list[str] = []
    for label, ds in by_label.items():
        if len(ds) != 1 or len(label) < _MIN_LABEL or label in _OUTSIDE_SEGMENTS:
            continue  # the same name under two domains: one of them is not the company
        (domain,) = ds
        if domain in acting or label in prefixes:
            home.append(domain)
    return tuple(sorted(home))


def _resource_prefixes(low: str) -> frozenset[str]:
    """Leading segments of resource names (`fenwick` and `fenwick-churn` of
    `fenwick-churn-exports`); addresses are blanked first, so a mailbox's own name
    (`fenwick-ops@gmail.com`) is no evidence."""
    low = _EMAIL_DOMAIN.sub(" ", low)
    out: set[str] = set()
    for m in _TOKEN.finditer(low):
        token = m.group(0).rstrip("-_")
        after = low[m.end() : m.end() + 2]
        qualified = len(after) == 2 and after[0] in "/:" and after[1].isalnum()
        if not qualified and "-" not in token and "_" not in token:
            continue
        parts = _SEGMENT.split(token)
        if not _OUTSIDE_SEGMENTS.isdisjoint(parts):
            continue
        out.update("-".join(parts[: i + 1]) for i in range(len(parts)))
    return frozenset(out)
