"""Git hosts' APIs (`gh api`, `glab api`): making an account an admin, maintainer or
owner of a repository, organization, project or group. `gh api` without `-X`, `-f` or
`-F` is a GET, so listings of collaborators and members stay allowed."""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.base import Rule, Safe, p

_FIELD_OPTS = ("-f", "-F", "--field", "--raw-field")
_GH_GRANT = (
    (
        re.compile(r"(?:^|/)repos/[^/\s]+/[^/\s]+/collaborators/[^/\s]+$"),
        "permission",
        re.compile(r"(?i)^(?:admin|maintain)$"),
    ),
    (
        re.compile(r"(?:^|/)orgs/[^/\s]+/(?:memberships/[^/\s]+|invitations)$"),
        "role",
        re.compile(r"(?i)^(?:admin|owner)$"),
    ),
    (
        re.compile(r"(?:^|/)orgs/[^/\s]+/teams/[^/\s]+/repos/[^/\s]+/[^/\s]+$"),
        "permission",
        re.compile(r"(?i)^(?:admin|maintain)$"),
    ),
    (
        # every member of the organization gets it on every repository
        re.compile(r"(?:^|/)orgs/[^/\s]+$"),
        "default_repository_permission",
        re.compile(r"(?i)^(?:admin|write|maintain)$"),
    ),
)
# A team whose name says it holds the keys: joining it at any role is a privilege grant.
_GH_PRIVILEGED_TEAM = re.compile(
    r"(?:^|/)orgs/[^/\s]+/teams/(?P<team>[^/\s]+)/memberships/[^/\s]+$"
)
_PRIVILEGED_NAME = re.compile(r"(?i)admin|owner|root|super|security|secops|release-?manag")
_GL_GRANT = re.compile(r"(?:^|/)(?:projects|groups)/[^/\s]+/(?:members|invitations)(?:/\S+)?$")


def _fields(cmd: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in cmd.value(*_FIELD_OPTS):
        key, eq, val = value.partition("=")
        if eq:
            out[key.strip().lower()] = val.strip().strip("'\"")
    return out


def _endpoint(cmd: Any) -> str:
    try:
        i = cmd.pos.index("api")
    except ValueError:
        return ""
    rest = [w for w in cmd.pos[i + 1 :] if "/" in w and "=" not in w]
    return rest[0].split("?")[0].rstrip("/") if rest else ""


def check_githost_admin(cmd: Any, walk: Any) -> bool:
    """An API call that makes someone admin/owner (GitHub) or maintainer/owner (GitLab
    access level 40/50)."""
    endpoint, fields = _endpoint(cmd), _fields(cmd)
    if not endpoint:
        return False
    if cmd.name == "gh":
        team = _GH_PRIVILEGED_TEAM.search(endpoint)
        methods = {m.upper() for m in cmd.value("-X", "--method")}
        if team and _PRIVILEGED_NAME.search(team["team"]) and methods & {"PUT", "POST"}:
            return True
        return any(
            path.search(endpoint) and value.match(fields.get(key, ""))
            for path, key, value in _GH_GRANT
        )
    level = fields.get("access_level", "")
    return bool(_GL_GRANT.search(endpoint)) and level in ("40", "50", "60")


_GH_COLLABORATOR = re.compile(
    r"(?:^|/)repos/(?P<owner>[^/\s]+)/[^/\s]+/collaborators/(?P<user>[^/\s]+)$"
)


def _own_account(m: re.Match[str], walk: Any) -> bool:
    """An account named for the organization or one of the company's domains
    (`sam-northwind` on `repos/northwind/…`): the company's own naming, not an outsider's."""
    user = m["user"].lower()
    names = {m["owner"].lower()} | {
        d.split(".")[0].lower() for d in getattr(walk, "domains", ()) or ()
    }
    return any(len(n) >= 3 and n in user for n in names)


def check_githost_write(cmd: Any, walk: Any) -> bool:
    """One named account given write on a repository directly: a GitHub collaborator with
    `push`/`write` (members of the organization get access through teams, so a direct
    collaborator is usually an outsider) or a GitLab member at Developer (30)."""
    endpoint, fields = _endpoint(cmd), _fields(cmd)
    if not endpoint:
        return False
    if cmd.name == "gh":
        methods = {m.upper() for m in cmd.value("-X", "--method")}
        m = _GH_COLLABORATOR.search(endpoint)
        if not m or fields.get("permission", "").lower() not in ("push", "write"):
            return False
        return not methods & {"DELETE", "GET"} and not _own_account(m, walk)
    return bool(_GL_GRANT.search(endpoint)) and fields.get("access_level", "") == "30"


def check_githost_read(cmd: Any, walk: Any) -> bool:
    methods = [m.upper() for m in cmd.value("-X", "--method")]
    writes = cmd.value(*_FIELD_OPTS, "--input")
    return not writes and all(m in ("GET", "HEAD") for m in methods)


_FORCE_REF = re.compile(r"(?:^|/)repos/[^/\s]+/[^/\s]+/git/refs/heads/\S+$")
_REPO = re.compile(r"(?:^|/)(?:repos/[^/\s]+/[^/\s]+|projects/[^/\s]+|groups/[^/\s]+)$")


def check_force_ref(cmd: Any, walk: Any) -> bool:
    """`PATCH …/git/refs/heads/BRANCH` with `force=true`: the branch is moved to any commit,
    dropping what was on it (a force-push through the API)."""
    return bool(_FORCE_REF.search(_endpoint(cmd))) and _fields(cmd).get("force") == "true"


def check_repo_public(cmd: Any, walk: Any) -> bool:
    fields = _fields(cmd)
    return bool(_REPO.search(_endpoint(cmd))) and (
        fields.get("visibility") == "public" or fields.get("private") == "false"
    )


# Branch-protection fields that, set this way, let anyone rewrite or delete the branch or
# merge unreviewed (GitHub `…/protection`, GitLab `protected_branches`).
_PROTECTION_WEAKENED = {
    "allow_force_push": ("true", "1"),
    "allow_force_pushes": ("true", "1"),
    "allow_deletions": ("true", "1"),
    "enforce_admins": ("false", "0"),
    "required_approving_review_count": ("0",),
    "code_owner_approval_required": ("false", "0"),
    "push_access_level": ("30",),  # developers may push straight to the branch
}


def check_security_off(cmd: Any, walk: Any) -> bool:
    fields = _fields(cmd)
    if any(
        k.startswith("security_and_analysis") and v in ("disabled", "false")
        for k, v in fields.items()
    ):
        return True
    if "protect" not in _endpoint(cmd):
        return False
    return any(
        fields.get(k, "").lower() in bad for k, bad in _PROTECTION_WEAKENED.items() if k in fields
    )


CHECKS = {
    "githost_admin": check_githost_admin,
    "githost_read": check_githost_read,
    "githost_write": check_githost_write,
    "force_ref": check_force_ref,
    "repo_public": check_repo_public,
    "security_off": check_security_off,
}

RULES: tuple[Rule, ...] = (
    Rule(
        "githost.write_grant",
        "permissions",
        "high",
        "require_approval",
        "Gives one named account write access to a repository through the Git host's API. "
        "Organization members get access through teams, so an account added directly is "
        "usually someone outside, and with write access they can push code that ships.",
        (p("gh", "glab", sub=("api",), check="githost_write"),),
        match=(
            "gh api -X PUT repos/acme/app/collaborators/freelance-dev -f permission=push",
            "gh api --method PUT /repos/acme/app/collaborators/x -f permission=write",
            "glab api -X POST projects/42/members -f user_id=99 -f access_level=30",
            "glab api --method PUT groups/acme/members/7 -f access_level=30",
        ),
        not_match=(
            "gh api repos/acme/app/collaborators",
            "gh api -X PUT repos/acme/app/collaborators/alice -f permission=pull",
            "gh api -X PUT repos/acme/app/collaborators/alice -f permission=triage",
            "gh api -X PUT repos/acme/docs/collaborators/sam-acme -f permission=push",
            "gh api -X DELETE repos/acme/app/collaborators/alice",
            "gh api -X PUT orgs/acme/teams/web/repos/acme/app -f permission=push",
            "glab api -X POST projects/42/members -f user_id=99 -f access_level=20",
            "glab api projects/42/members",
        ),
    ),
    Rule(
        "githost.force_ref_update",
        "destructive",
        "high",
        "require_approval",
        "Moves a branch through the Git host's API with force: the commits after the new "
        "position are dropped from the shared branch (a force-push).",
        (p("gh", "glab", sub=("api",), check="force_ref"),),
        match=("gh api -X PATCH repos/acme/app/git/refs/heads/main -f sha=4c5d6e7 -F force=true",),
        not_match=(
            "gh api -X PATCH repos/acme/app/git/refs/heads/main -f sha=4c5d6e7",
            "gh api repos/acme/app/git/refs/heads/main",
        ),
    ),
    Rule(
        "githost.repo_public",
        "permissions",
        "critical",
        "require_approval",
        "Makes a repository public through the Git host's API: its code and history are on "
        "the internet.",
        (p("gh", "glab", sub=("api",), check="repo_public"),),
        match=(
            "gh api -X PATCH repos/acme/pricing -f visibility=public",
            "gh api -X PATCH /repos/acme/pricing -F private=false",
            "glab api -X PUT projects/acme%2Fbilling -f visibility=public",
            "glab api --method PUT groups/acme-finance -f visibility=public",
        ),
        not_match=(
            "gh api -X PATCH repos/acme/pricing -f visibility=private",
            "gh api repos/acme/pricing --jq .visibility",
            "glab api -X PUT projects/acme%2Fbilling -f visibility=internal",
            "glab api projects/acme%2Fbilling",
        ),
    ),
    Rule(
        "githost.security_off",
        "security_controls",
        "high",
        "require_approval",
        "Turns off a repository's security features (secret scanning, push protection, "
        "Dependabot alerts) or deletes its branch policies.",
        (
            p("gh", "glab", sub=("api",), check="security_off"),
            p(
                "gh",
                sub=("api",),
                args_re=r"(?:^|\s)(?:-X|--method)[= ]?DELETE\b.*"
                r"/(?:vulnerability-alerts|automated-security-fixes)\b",
            ),
            p("az", sub=("repos", "policy", "delete")),
            p("glab", sub=("api",), args_re=r"(?:-X|--method)[= ]?DELETE\b.*protected_branches"),
            p(
                "gh",
                sub=("repo", "edit"),
                args_re=r"--enable-(?:secret-scanning(?:-push-protection)?|advanced-security)"
                r"[= ]false\b",
            ),
        ),
        match=(
            "gh api -X PATCH repos/acme/checkout -F "
            "'security_and_analysis[secret_scanning_push_protection][status]=disabled'",
            "az repos policy delete --id 42 --project Payments --yes",
            "gh repo edit acme/api --enable-secret-scanning-push-protection=false",
            "gh api -X DELETE repos/acme/app/vulnerability-alerts",
            "glab api -X PUT projects/412/protected_branches/main -f allow_force_push=true",
            "gh api -X PATCH repos/acme/app/branches/main/protection/required_pull_request_reviews"
            " -F required_approving_review_count=0",
        ),
        not_match=(
            "glab api -X PUT projects/412/protected_branches/main -f allow_force_push=false",
            "glab api projects/412/protected_branches/main",
            "gh api -X PATCH repos/acme/app/branches/main/protection/required_pull_request_reviews"
            " -F required_approving_review_count=2",
            "gh api -X PATCH repos/acme/checkout -F "
            "'security_and_analysis[secret_scanning_push_protection][status]=enabled'",
            "az repos policy list --project Payments",
            "gh repo edit acme/api --enable-secret-scanning-push-protection=true",
        ),
    ),
    Rule(
        "githost.admin_grant",
        "permissions",
        "critical",
        "require_approval",
        "Makes an account admin, owner or maintainer of a repository, organization or "
        "project through the Git host's API: it could change settings, secrets and who else "
        "has access.",
        (p("gh", "glab", sub=("api",), check="githost_admin"),),
        match=(
            "gh api -X PUT repos/acme/app/collaborators/randomdev -f permission=admin",
            "gh api --method PUT /repos/acme/app/collaborators/x -f permission=maintain",
            "gh api orgs/acme/memberships/outsider -f role=admin",
            "gh api -X PUT orgs/acme/memberships/outsider -F role=admin",
            "gh api orgs/acme/invitations -f email=x@gmail.com -f role=admin",
            "glab api -X POST projects/42/members -f user_id=99 -f access_level=50",
            "glab api --method PUT groups/acme/members/7 -f access_level=40",
            "gh api -X PUT orgs/acme/teams/admins/memberships/lena-ext -f role=maintainer",
            "gh api --method PUT orgs/acme/teams/security-team/memberships/bob",
            "gh api -X PATCH orgs/acme -f default_repository_permission=admin",
        ),
        not_match=(
            "gh api repos/acme/app/collaborators",
            "gh api repos/acme/app/collaborators/alice/permission",
            "gh api -X PUT repos/acme/app/collaborators/alice -f permission=pull",
            "gh api orgs/acme/memberships/alice -f role=member",
            "glab api projects/42/members",
            "glab api -X POST projects/42/members -f user_id=99 -f access_level=20",
            "gh api orgs/acme/teams/admins/memberships/lena-ext",
            "gh api -X PUT orgs/acme/teams/frontend/memberships/alice -f role=member",
            "gh api -X DELETE orgs/acme/teams/admins/memberships/lena-ext",
            "gh api -X PATCH orgs/acme -f default_repository_permission=read",
        ),
    ),
)

SAFE: tuple[Safe, ...] = (
    Safe(
        "githost.api_read",
        "A GET request to the Git host's API: it reads, it changes nothing.",
        (p("gh", "glab", sub=("api",), check="githost_read"),),
        match=(
            "gh api repos/acme/app/collaborators",
            "gh api repos/acme/app/collaborators/alice/permission",
            "glab api projects/42/members --paginate",
            "gh api -X GET orgs/acme/members",
        ),
        not_match=(
            "gh api -X DELETE repos/acme/app",
            "gh api orgs/acme/memberships/outsider -f role=admin",
            "gh api -X PUT repos/acme/app/branches/main/protection --input p.json",
        ),
    ),
)
