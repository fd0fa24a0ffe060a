"""Company directories read out whole: every person's profile written to a file.

`gam print users allfields > ~/users.csv`, `ldapsearch … "(objectClass=person)" '*' >
~/staff.ldif`, `az ad user list > ~/directory.json`: one line, and the home addresses,
personal phones and recovery e-mails of every employee sit in a home directory or a
laptop's Downloads, ready to be uploaded anywhere. A count, one user's record or a few
named fields that identify nobody stay allowed.
"""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, p

# Where a copy stops being the company's: a home directory, Downloads, Desktop, synced
# folders, removable media (as in `files`).
_PERSONAL_RE = re.compile(
    r"^(?:~|\$\{?HOME\}?|/home/|/Users/|/root/|/mnt/|/media/|/Volumes/)|"
    r"(?:Desktop|Downloads|Dropbox|Google Drive|OneDrive|iCloud)"
)
# Fields that make a directory record a person's private data.
_PERSONAL_FIELDS = re.compile(
    r"(?i)allfields|\bfull\b|phones?|mobile|address|recovery|personal|birth|home|otherMails"
)
# LDAP filters that select people, and attribute lists that read everything.
_PEOPLE_FILTER = re.compile(
    r"(?i)objectclass=(?:person|inetorgperson|organizationalperson|user|posixaccount)|\buid=\*"
)
_ALL_ATTRIBUTES = frozenset({"*", "+"})
_AZ_COUNT = re.compile(r"(?i)length\(|\bcount\b")


def _written_to_personal(cmd: Any) -> bool:
    outs = [t for op, t in cmd.redirects if op in (">", ">>", ">|", "&>")]
    outs += cmd.value("-o", "--output", "--out", "--outfile")
    return any(_PERSONAL_RE.search(o) for o in outs)


def _gam_all_users(cmd: Any) -> bool:
    words = [w.lower() for w in cmd.pos]
    return words[:2] == ["print", "users"] and bool(_PERSONAL_FIELDS.search(" ".join(words[2:])))


def _ldap_all_people(cmd: Any) -> bool:
    filters = [a for a in cmd.args if _PEOPLE_FILTER.search(a)]
    if not filters:
        return False
    attrs = cmd.args[cmd.args.index(filters[-1]) + 1 :]
    return not attrs or bool(_ALL_ATTRIBUTES & set(attrs))


def _az_all_users(cmd: Any) -> bool:
    words = [w.lower() for w in cmd.pos]
    if words[:3] != ["ad", "user", "list"]:
        return False
    query = " ".join(cmd.value("--query"))
    return not query or (not _AZ_COUNT.search(query) and bool(_PERSONAL_FIELDS.search(query)))


# Other directories' CLIs whose user listing returns whole profiles by default: the listing
# read out whole (no filter, search or limit) is everyone's record.
_USER_LISTINGS = {
    "okta-cli": ("users", "list"),
    "okta": ("users", "list"),
    "mgc": ("users", "list"),
    "m365": ("entra|aad", "user", "list"),
    "auth0": ("users", "search|list"),
    "aws": ("identitystore", "list-users"),
}
_NARROWED = ("--filter", "--search", "--query", "-q", "--limit", "--top", "--max-items")


def _listing_all_users(cmd: Any) -> bool:
    verbs = _USER_LISTINGS.get(cmd.name, ())
    words = [w.lower() for w in cmd.pos]
    if not verbs or len(words) < len(verbs):
        return False
    if not all(re.fullmatch(v, w) for v, w in zip(verbs, words, strict=False)):
        return False
    return not cmd.value(*_NARROWED) and not (set(cmd.flags) & set(_NARROWED))


_READERS = {
    "gam": _gam_all_users,
    "ldapsearch": _ldap_all_people,
    "az": _az_all_users,
    **dict.fromkeys(_USER_LISTINGS, _listing_all_users),
}


def check_directory_to_personal(cmd: Any, walk: Any) -> bool:
    """Every user's profile, personal fields included, written to a personal place."""
    reader = _READERS.get(cmd.name)
    return reader is not None and reader(cmd) and _written_to_personal(cmd)


CHECKS = {"directory_to_personal": check_directory_to_personal}

RULES: tuple[Rule, ...] = (
    Rule(
        "directory.bulk_export_personal",
        "exfiltration",
        "high",
        "require_approval",
        "Writes every person in the company directory, with phones, addresses or recovery "
        "e-mails, into a home directory or a laptop folder: the whole staff's private data "
        "leaves the systems that protect it.",
        (
            p(
                "gam",
                "ldapsearch",
                "az",
                *_USER_LISTINGS,
                check="directory_to_personal",
                dry_run_exempt=False,
            ),
        ),
        match=(
            "gam print users allfields > ~/workspace_all_users.csv",
            'gam print users allfields query "isSuspended=false" > ~/Downloads/everyone.csv',
            'ldapsearch -x -H ldaps://ldap.corp -b "ou=people,dc=corp" "(objectClass=person)" '
            "'*' > ~/staff.ldif",
            'ldapsearch -x -b "dc=corp" "(objectClass=inetOrgPerson)" > /Users/dana/people.ldif',
            "az ad user list > ~/Desktop/directory.json",
            'az ad user list --query "[].{n:displayName,tel:mobilePhone}" -o tsv > ~/phones.tsv',
            "okta-cli users list --all --output json > ~/portal_users.json",
            "mgc users list --all > ~/Downloads/entra-users.json",
            "aws identitystore list-users --identity-store-id d-1234 > ~/sso-users.json",
        ),
        not_match=(
            "gam print users allfields > /srv/hr-exports/users.csv",
            "gam print users query \"orgUnitPath='/Sales'\" | wc -l",
            "gam info user jordan.lee@acme.example",
            'ldapsearch -x -b "dc=corp" "(objectClass=person)" dn > ~/dns.ldif',
            'az ad user list --query "length(@)" -o tsv > ~/count.txt',
            "az ad group list > ~/groups.json",
            "okta-cli users list --filter 'status eq \"LOCKED_OUT\"' > ~/locked.json",
            "okta-cli users list --all > /srv/idm-sync/users.json",
            "mgc users list --top 5",
        ),
    ),
)
