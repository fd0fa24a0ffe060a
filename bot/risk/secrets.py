"""Secrets and personal data written into an instruction itself, found and masked.

An agent that pastes a key, a password or a customer's SSN into Slack has
already exposed it once; TwoKey must not expose it again on an approval card, in
the audit log or in `twokey history`. So every value found here is replaced in
`SecretScan.masked`, and no finding field ever carries the value.

Detection is two-layered. detect-secrets (1.5) is used as a library with an
explicit list of its pattern plugins; its entropy plugins stay off because they
flag ordinary English. It costs ~0.1 ms per line, so it only sees lines that a
cheap prefilter (a superset of the plugins' own triggers) lets through. Our own
validated patterns cover what it misses or cannot mask precisely: password
assignments and flags, connection strings, bearer tokens, private-key blocks,
card numbers (Luhn + issuer prefix), US SSNs (SSA validity rules), IBANs
(mod-97), emails and phone numbers.
"""

from __future__ import annotations

import bisect
import re
import string
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from bot.config import Risk, Verdict
from bot.risk.card_samples import labelled_sample
from bot.risk.clause import after_in_clause
from bot.risk.model import Finding
from bot.risk.prefilter import prefiltered

__all__ = ["SecretScan", "mask_fragment", "mask_known", "scan_secrets"]


@dataclass(frozen=True)
class SecretScan:
    findings: list[Finding]
    """One per kind found (category "secrets" or "pii"); evidence is masked."""
    masked: str
    """The text with every secret/PII value replaced, e.g. `[secret:aws-access-key]`."""
    values: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """(kind, value) for every span masked: for `mask_known`, never for display."""


@dataclass(frozen=True)
class _Kind:
    category: str  # "secrets" | "pii"
    noun: str  # singular, for the reason
    plural: str
    risk: Risk
    verdict: Verdict


_KINDS: dict[str, _Kind] = {
    "private-key": _Kind(
        "secrets", "a private key", "private keys", "critical", "require_approval"
    ),
    "aws-access-key": _Kind(
        "secrets", "an AWS access key", "AWS access keys", "high", "require_approval"
    ),
    "aws-secret-key": _Kind(
        "secrets", "an AWS secret key", "AWS secret keys", "critical", "require_approval"
    ),
    "google-api-key": _Kind(
        "secrets", "a Google API key", "Google API keys", "high", "require_approval"
    ),
    "vendor-token": _Kind(
        "secrets", "a service access token", "service access tokens", "high", "require_approval"
    ),
    "slack-token": _Kind("secrets", "a Slack token", "Slack tokens", "high", "require_approval"),
    "slack-webhook": _Kind(
        "secrets", "a Slack webhook URL", "Slack webhook URLs", "high", "require_approval"
    ),
    "github-token": _Kind("secrets", "a GitHub token", "GitHub tokens", "high", "require_approval"),
    "gitlab-token": _Kind("secrets", "a GitLab token", "GitLab tokens", "high", "require_approval"),
    "jwt": _Kind("secrets", "a JSON Web Token", "JSON Web Tokens", "high", "require_approval"),
    "stripe-key": _Kind(
        "secrets", "a live Stripe key", "live Stripe keys", "critical", "require_approval"
    ),
    "openai-key": _Kind(
        "secrets", "an OpenAI API key", "OpenAI API keys", "high", "require_approval"
    ),
    "sendgrid-key": _Kind(
        "secrets", "a SendGrid API key", "SendGrid API keys", "high", "require_approval"
    ),
    "twilio-key": _Kind(
        "secrets", "a Twilio API key", "Twilio API keys", "high", "require_approval"
    ),
    "npm-token": _Kind("secrets", "an npm token", "npm tokens", "high", "require_approval"),
    "pypi-token": _Kind("secrets", "a PyPI token", "PyPI tokens", "high", "require_approval"),
    "discord-token": _Kind(
        "secrets", "a Discord bot token", "Discord bot tokens", "high", "require_approval"
    ),
    "telegram-token": _Kind(
        "secrets", "a Telegram bot token", "Telegram bot tokens", "high", "require_approval"
    ),
    "mailchimp-key": _Kind(
        "secrets", "a Mailchimp key", "Mailchimp keys", "high", "require_approval"
    ),
    "artifactory-token": _Kind(
        "secrets",
        "an Artifactory credential",
        "Artifactory credentials",
        "high",
        "require_approval",
    ),
    "azure-storage-key": _Kind(
        "secrets", "an Azure storage key", "Azure storage keys", "high", "require_approval"
    ),
    "square-secret": _Kind(
        "secrets", "a Square OAuth secret", "Square OAuth secrets", "high", "require_approval"
    ),
    "password": _Kind("secrets", "a password", "passwords", "high", "require_approval"),
    "url-password": _Kind(
        "secrets",
        "a password inside a URL or connection string",
        "passwords inside URLs or connection strings",
        "high",
        "require_approval",
    ),
    "bearer-token": _Kind("secrets", "a bearer token", "bearer tokens", "high", "require_approval"),
    "credential": _Kind(
        "secrets",
        "a credential assigned to a secret-named setting",
        "credentials assigned to secret-named settings",
        "high",
        "require_approval",
    ),
    "ssn": _Kind(
        "pii",
        "a US Social Security number",
        "US Social Security numbers",
        "high",
        "require_approval",
    ),
    "card": _Kind(
        "pii", "a payment card number", "payment card numbers", "high", "require_approval"
    ),
    "iban": _Kind(
        "pii",
        "a bank account number (IBAN)",
        "bank account numbers (IBANs)",
        "high",
        "require_approval",
    ),
    "date-of-birth": _Kind(
        "pii", "a date of birth", "dates of birth", "medium", "require_approval"
    ),
    "email": _Kind("pii", "an email address", "email addresses", "low", "allow"),
    "phone": _Kind("pii", "a phone number", "phone numbers", "low", "allow"),
}
_LIST_THRESHOLD = 3
"""This many distinct emails or phone numbers read as a list of people, not a contact."""

# ---------------------------------------------------------------- detect-secrets
# Each pattern plugin we use, our kind for it, and a cheap trigger that is a
# superset of the plugin's own patterns: a plugin only sees lines its trigger
# matches. The plugins are called directly (`analyze_string`) rather than via
# `scan_line`, which re-reads process-wide settings and rebuilds its filter list
# on every call (~0.13 ms a line); the heuristic filters that matter for
# keyword hits are applied below with detect-secrets' own functions.
_DS_PLUGINS: dict[str, tuple[str, tuple[str, ...], str]] = {
    # plugin: (our kind, literals one of which the lower-cased line must contain,
    #          regex the line must match); either may be empty
    "AWSKeyDetector": ("aws-access-key", ("a3t", "abia", "acca", "akia", "asia", "aws"), ""),
    "SlackDetector": ("slack-token", ("xox", "hooks.slack.com"), ""),
    "GitHubTokenDetector": ("github-token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), ""),
    "GitLabTokenDetector": (
        "gitlab-token",
        ("glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "glcbt-", "glimt-", "glptt-", "glagent-")
        + ("gloas-", "gr1348941"),
        "",
    ),
    "PrivateKeyDetector": ("private-key", ("private key", "putty-user-key"), ""),
    "JwtTokenDetector": ("jwt", ("eyj",), ""),
    "StripeDetector": ("stripe-key", ("k_live_",), ""),
    "BasicAuthDetector": ("url-password", ("://",), r"://[^\s:/?#@]+:[^\s:/?#@]+@"),
    "KeywordDetector": ("credential", ("key", "pass", "pwd", "secret", "contrase"), ""),
    "OpenAIDetector": ("openai-key", ("t3blbkfj",), ""),
    "SendGridDetector": ("sendgrid-key", ("sg.",), ""),
    "TwilioKeyDetector": ("twilio-key", (), r"(?:AC|SK)[a-z0-9]{32}"),
    "NpmDetector": ("npm-token", ("_authtoken=",), ""),
    "PypiTokenDetector": ("pypi-token", ("pypi-age",), ""),
    "DiscordBotTokenDetector": ("discord-token", (), r"\.[\w-]{6}\.[\w-]{27}"),
    "TelegramBotTokenDetector": ("telegram-token", (), r":[\w-]{35}"),
    "MailchimpDetector": ("mailchimp-key", ("-us",), ""),
    "ArtifactoryDetector": ("artifactory-token", (), r"AKC[a-zA-Z0-9]{10}|AP[\dA-F][a-zA-Z0-9]{8}"),
    "AzureStorageKeyDetector": ("azure-storage-key", ("accountkey=",), ""),
    "SquareOAuthDetector": ("square-secret", ("sq0csp-",), ""),
}


@dataclass(frozen=True)
class _DsPlugin:
    kind: str
    literals: tuple[str, ...]
    regex: re.Pattern[str] | None
    plugin: Any

    def may_match(self, line: str, lowered: str) -> bool:
        if self.literals and not any(lit in lowered for lit in self.literals):
            return False
        return self.regex is None or self.regex.search(line) is not None


_ds_plugins: list[_DsPlugin] = []
_ds_lock = threading.Lock()
_ds_literals: list[tuple[str, int]] = []
"""Every plugin's trigger literals with the plugin's index: the text is searched for each
literal once, in one loop, rather than plugin by plugin."""


def _triggered(text: str, lowered: str) -> list[_DsPlugin]:
    """The plugins whose trigger `text` meets (`_DsPlugin.may_match`), in their order."""
    plugins = _ds_load()
    present = {i for literal, i in _ds_literals if literal in lowered}
    return [
        ds
        for i, ds in enumerate(plugins)
        if (not ds.literals or i in present) and (ds.regex is None or ds.regex.search(text))
    ]


def _ds_load() -> list[_DsPlugin]:
    """Instantiate the plugins once; a missing plugin is an installation error."""
    with _ds_lock:
        if not _ds_plugins:
            from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

            classes: list[Any] = list(get_mapping_from_secret_type_to_class().values())
            by_name: dict[str, Any] = {cls.__name__: cls for cls in classes}
            missing = sorted(set(_DS_PLUGINS) - set(by_name))
            if missing:
                raise RuntimeError(f"detect-secrets lacks plugins {missing}")
            plugins = [
                _DsPlugin(kind, literals, re.compile(regex) if regex else None, by_name[name]())
                for name, (kind, literals, regex) in _DS_PLUGINS.items()
            ]
            _ds_literals.extend((lit, i) for i, ds in enumerate(plugins) for lit in ds.literals)
            _ds_plugins.extend(plugins)  # last: a reader that sees plugins sees their literals
    return _ds_plugins


def _ds_scan(
    line: str, plugins: Iterable[_DsPlugin] | None = None, *, triggered: bool = False
) -> list[tuple[str, str]]:
    """(kind, value) pairs detect-secrets finds in one line (with `plugins`, only theirs;
    `triggered`: the line is known to meet each of their triggers)."""
    from detect_secrets.filters import heuristic

    found: list[tuple[str, str]] = []
    lowered = line.lower()
    for ds in _ds_load() if plugins is None else plugins:
        if not triggered and not ds.may_match(line, lowered):
            continue
        for value in ds.plugin.analyze_string(line):
            if not value:
                continue
            if ds.kind == "credential" and (
                heuristic.is_templated_secret(value)
                or heuristic.is_prefixed_with_dollar_sign(value)
                or heuristic.is_sequential_string(value)
                or heuristic.is_potential_uuid(value)
                or heuristic.is_indirect_reference(line)
                or heuristic.is_likely_id_string(value, line, ds.plugin)
            ):
                continue
            found.append((ds.kind, value))
    return found


# ---------------------------------------------------------------- own patterns
_LEFT_CHAR = re.compile(r"[A-Za-z0-9_\-+/]")
_RIGHT_CHAR = re.compile(r"[A-Za-z0-9_\-+/=~]|\.(?=[A-Za-z0-9_\-])")
_PLACEHOLDER = re.compile(
    r"""^(?:\$|%|\{|<|\[|\*{3}|x{3,}$|\.{3}|…|changeme$|redacted$|
    [a-z0-9]{0,8}[_-]?(?:[a-z]{2,6}[_-])?(?:x{6,}|\*{6,}|•{6,})$|
    vault:|op://|ref\+|sm://|ssm:|secretsmanager:|keyvault:|akv://|arn:aws:(?:secretsmanager|ssm):|
    none$|null$|true$|false$|required$|optional$|example$|secret$|password$|token$|
    ~?/|\./|\.\./)""",
    re.IGNORECASE | re.VERBOSE,
)

_PRIVATE_KEY_BLOCK = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r".*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|(?=```)|\Z)",
    re.DOTALL,
)
_URL_CREDENTIALS = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/?#@'\"`]*:([^\s@/'\"`]+)@")
_CALL = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*[(\[]")
_DOTTED = re.compile(r"^[a-z_]\w*(?:\.[A-Za-z_]\w*)+$")


def _is_code_ref(value: str, text: str, end: int) -> bool:
    """os.environ["X"], get_secret(…), settings.db.password: references in code, not values."""
    if _DOTTED.match(value):
        return True
    if _CALL.match(value):
        following = text[end : end + 1]
        return value.endswith((")", "]", "(", "[")) or following in ("'", '"', "`")
    return False


_FAKE_WORD = (
    r"(?:example|sample|dummy|placeholder|change[-_]?me|redacted|fake|xxx+|here|value|"
    r"password|passwd|secret|token|api[-_]?key|key)"
)
_FAKE = re.compile(
    r"^(?:(?:your|my|the|some|a|an)[-_.]|[a-z]{1,8}(?:_[a-z]{1,8})?[-_.](?=(?:example|sample|dummy|placeholder)))?"
    + _FAKE_WORD
    + r"(?:[-_.]"
    + _FAKE_WORD
    + r")*$",
    re.IGNORECASE,
)
"""A value that is a placeholder AS A WHOLE (`your-password-here`, `example_token`,
`dp.example`). A real secret that merely contains such a word (`Sample2026xyz`,
`…EXAMPLEKEY`, `changeme123`) is still a secret: masking a placeholder costs nothing,
showing a real value does."""
_CRED_NAME = (
    r"[A-Za-z0-9_.\-]*(?:pass(?:word|wd)?|pwd|(?<![A-Za-z])pw(?![A-Za-z])|secret|token"
    r"|api[_\-]?key|access[_\-]?key|private[_\-]?key|signing[_\-]?key|credentials?"
    r"|auth[_\-]?token"
    # an environment variable whose last word is KEY (`OPENWEATHER_KEY`, `MAPS_KEY`):
    # upper case only, where `sort_key` or `primary_key` name a column, not a secret
    r"|(?-i:[A-Z0-9]_KEY)(?![a-z]))[A-Za-z0-9_\-]*"
)
_ASSIGNMENT = re.compile(
    r"(?<![\w-])(" + _CRED_NAME + r")"
    # `name:` then a newline opens a mapping (`secretKeyRef:` ↵ `name: …`): no value
    r"""(?:\s*=\s*|\s*:=\s*|[ \t]*:[ \t]+|\s*:(?=["']))"""
    r"""(?:'([^'\n]{1,300})'|"([^"\n]{1,300})"|([^\s'"`,;]{1,300}))""",
    re.IGNORECASE,
)
# An environment entry as Kubernetes, ECS and Nomad write it: the name in one key, the
# value in the next (`- name: DB_PASSWORD` ↵ `value: "…"`, `{"name": "TOKEN", "value": …}`).
_ENV_PAIR = re.compile(
    r"""\bname["']?\s*:\s*["']?("""
    + _CRED_NAME
    + r""")["']?\s*[,\n]\s*["']?value["']?[ \t]*:[ \t]*"""
    r"""(?:'([^'\n]{1,300})'|"([^"\n]{1,300})"|([^\s'"`,;}]{1,300}))""",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"""(?<=[A-Za-z0-9_\-])(?=\s*(?:=|:=|:\s|:["']))""", re.IGNORECASE)
_NAME_CHARS = frozenset(string.ascii_letters + string.digits + "_.-" + "\u0130\u0131\u017f\u212a")
"""What `[A-Za-z0-9_.\\-]` matches with IGNORECASE: ASCII, dotted/dotless i, long s, Kelvin."""
_NAME_JOINED = re.compile(r"[\w-]")


def _assignments(text: str) -> Iterator[re.Match[str]]:
    """What `_ASSIGNMENT.finditer` finds, in linear time.

    The regex may start a name after any `.` (`os.environ.password=`), so on a long
    dotted run ("a.a.a.…") it restarts at every dot and reads to the run's end each
    time: quadratic, and with its backtracking over the name words, minutes on 64 KB.
    A name ends where an assignment operator starts, and whether it matches depends
    only on that end, so each operator is tried once, from the leftmost place the
    regex could start its name."""
    ends = [m.start() for m in _NAME_END.finditer(text)]
    if not ends:
        return
    done = 0  # where the previous match ended: finditer never overlaps
    for end in ends:
        start = end  # back to the start of the run of name characters (runs are disjoint)
        while start and text[start - 1] in _NAME_CHARS:
            start -= 1
        if start < done or (start and _NAME_JOINED.match(text, start - 1)):
            start = text.find(".", max(start, done - 1), end) + 1  # a name may follow a dot
            if start == 0:
                continue
        m = _ASSIGNMENT.match(text, start)
        if m is not None:
            done = m.end()
            yield m


_PW_NAME = re.compile(r"(?<![a-z])pw(?![a-z])")
_NON_SECRET_NAME = re.compile(
    r"(?:_|-|\.)(?:file|path|dir|url|uri|id|name|type|length|len|ttl|expiry|expires|polic(?:y|ies)|"
    r"header|field|prefix|suffix|count|enabled|required|mode|format|rotation|version|endpoint|"
    r"host|user|username|hint)$|^(?:bypass|passenger|compass|passthrough|token_type|auth_type)"
    # a reference to where the secret lives (`secretKeyRef`, `valueFrom`, `secret_arn`)
    r"|(?:ref|reference|from|arn)$",
    re.IGNORECASE,
)
# A value that is itself a variable's name (`secretKey: STRIPE_SECRET_KEY` in an
# ExternalSecret): upper-case words joined by underscores, one of them a credential word.
_VARIABLE_NAME = re.compile(
    r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|CREDENTIALS?)"
    r"(?:_[A-Z0-9]+)*|(?:KEY|TOKEN|SECRET|PASSWORD)_[A-Z0-9_]+"
)
# Helm charts name a Secret that already exists (`existingSecret: mongodb-auth`) and the
# key inside it that holds the password (`adminPasswordKey: postgres-password`): a name
# when the value is shaped like a Kubernetes object or key name.
_NAMES_A_SECRET = re.compile(
    r"(?:^|\.)existing[-_.]?(?:secret|password|key)|secret[-_]?name$"
    r"|(?:password|passwd|token)s?[_-]?keys?$",
    re.IGNORECASE,
)
_K8S_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")


def _secret_named(name: str, value: str) -> bool:
    """`name: value` names where a secret is kept, not the secret."""
    return bool(_NAMES_A_SECRET.search(name) and _K8S_NAME.match(value))


_FLAG = re.compile(
    # the first dash before the lookbehind that checks the character before it: re skips
    # to dashes instead of trying every position
    r"-(?<!\S-)-(?:password|passwd|pass|token|secret|api-key|apikey|auth-token|access-token|"
    r"client-secret|secret-key)(?:=|\s+)(?:'([^'\n]+)'|\"([^\"\n]+)\"|([^\s'\"`]+))",
    re.IGNORECASE,
)
_VALUE = r"""(?:'([^'\n]+)'|"([^"\n]+)"|((?!-)[^\s'"`]+))"""


@dataclass(frozen=True)
class _ClauseFlag:
    """`tool … -p VALUE`: a tool's password flag later in the same command, read in
    linear time (`after_in_clause`) however often the line repeats the tool's name."""

    gate: str  # a literal the lower-cased text must contain
    tool: re.Pattern[str]
    head: str  # the literal every `flag` match starts with
    flag: re.Pattern[str]  # the flag and its value (groups)

    def hits(self, text: str) -> Iterator[re.Match[str]]:
        return after_in_clause(self.tool, self.head, self.flag, _CLAUSE_END, text)


_CLAUSE_END = re.compile(r"[\n|;&]")


def _clause_flag(gate: str, tool: str, flag: str, *, value: str = _VALUE) -> _ClauseFlag:
    return _ClauseFlag(gate, re.compile(tool), flag[:2], re.compile(f"(?<=\\s){flag}{value}"))


_MYSQL_P = _clause_flag(
    "mysql",
    r"\bmysql(?:dump|admin|sh|import|slap)?\b",
    "-p",
    value=r"""(?:'([^'\n]+)'|"([^"\n]+)"|([^\s'"`]+))""",
)
# Password flags of tools whose short flag would mean something else elsewhere
# (`ssh -p 2222`, `redis-cli -h`): each is read only after its own tool's name,
# within the same command (no `|`, `;`, `&` or newline in between).
_TOOL_PASSWORD_FLAGS: tuple[_ClauseFlag, ...] = (
    _clause_flag("redis-cli", r"\bredis-cli\b", r"-a\s+"),
    _clause_flag("mongo", r"\bmongo(?:sh|dump|restore|export|import|stat|top|files)?\b", r"-p\s+"),
    _clause_flag(
        "login", r"\b(?:docker|podman|nerdctl|buildah|helm\s+registry)\s+login\b", r"-p\s+"
    ),
    _clause_flag("sqlcmd", r"\b(?:sqlcmd|bcp|osql)\b", r"-P\s*"),
    _clause_flag(
        "ldap",
        r"\bldap(?:search|add|modify|delete|passwd|whoami|compare|modrdn)\b",
        r"-w\s+",
    ),
    _clause_flag("cqlsh", r"\bcqlsh\b", r"-p\s+"),
    _clause_flag("zip", r"\b(?:zip|unzip)\b", r"-P\s+"),
)
# Password flags that need no tool name before them (their own names say it).
_OWN_PASSWORD_FLAGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (gate, re.compile(pattern + _VALUE))
    for gate, pattern in (
        # sshpass's own options come before the command it wraps
        ("sshpass", r"\bsshpass(?:\s+-[fdP]\s*\S+|\s+-[evhV])*\s+-p\s*"),
        (
            "pass",
            r"(?<!\S)-(?:storepass|keypass|srcstorepass|deststorepass|srckeypass|destkeypass)\s+",
        ),
        ("pass:", r"(?<!\S)-(?:pass|passin|passout|password)\s+pass:"),
    )
)
_SMB_USER = re.compile(r"(?<!\S)(?:-U|--user)[\s=]+['\"]?[^%\s'\"]+%([^\s'\"`]+)")
_GOOGLE_KEY = re.compile(r"(?<![A-Za-z0-9_\-])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])")
# Access tokens whose issuers give them a fixed, documented prefix and shape; a prefix
# alone ("hvs.", "hf_") is not a token, the shape after it is what makes one.
_VENDOR_TOKEN_SHAPES: tuple[tuple[str, str], ...] = (
    ("hv", r"hv[sbr]\.[A-Za-z0-9_\-]{24,}"),  # HashiCorp Vault service/batch/recovery
    (".atlasv1.", r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-]{60,}"),  # Terraform Cloud
    ("dapi", r"dapi[a-f0-9]{32}(?:-\d)?"),  # Databricks personal access token
    ("hf_", r"hf_[A-Za-z0-9]{34,}"),  # Hugging Face
    ("sk-ant-", r"sk-ant-[A-Za-z0-9_\-]{32,}"),  # Anthropic
    ("sk-proj-", r"sk-proj-[A-Za-z0-9_\-]{32,}"),  # OpenAI project key
    ("dp.", r"dp\.(?:st|ct|pt|sa|scim|audit)\.(?:[a-z0-9_\-]+\.)?[A-Za-z0-9_\-]{40,}"),  # Doppler
    ("ops_", r"ops_[A-Za-z0-9_\-]{40,}"),  # 1Password service account
    ("shp", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),  # Shopify
    ("ATATT", r"ATATT3[A-Za-z0-9_\-=]{50,}"),  # Atlassian API token
    ("_v1_", r"do[por]_v1_[a-f0-9]{64}"),  # DigitalOcean
    ("npm_", r"npm_[A-Za-z0-9]{36}"),  # npm access token
    ("glsa_", r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),  # Grafana service account
    ("PMAK-", r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),  # Postman API key
    ("lin_api_", r"lin_api_[A-Za-z0-9]{40}"),  # Linear
)
_VENDOR_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_\-.])(?:"
    + "|".join(shape for _, shape in _VENDOR_TOKEN_SHAPES)
    + r")(?![A-Za-z0-9_\-])"
)
_VENDOR_GATES = tuple(gate for gate, _ in _VENDOR_TOKEN_SHAPES)
_CURL_USER = re.compile(r"(?<!\S)(?:-u|--user)\s+['\"]?[^:\s'\"]+:([^\s'\"`]+)")
_AUTH_HEADER = re.compile(
    r"(?i:authorization)\s*[:=]\s*(?i:bearer|basic|token)\s+([A-Za-z0-9._~+/=\-]{12,})"
)
_PROSE_PASSWORD = re.compile(
    r"\b(?:password|passcode|passphrase|pass phrase|pwd|root login)\s+(?:is|was|=|:)\s*(?:now\s+)?"
    r"[`'\"*]*([^\s`'\"*]{6,})",
    re.IGNORECASE,
)
# "the prod password for the BI tool: `…`": the password named, then what it is for
_PROSE_PASSWORD_FOR = re.compile(
    r"\b(?:password|passcode|passphrase)\s+(?:for|of|to)\s+(?:[\w.-]+\s+){0,4}?[\w.-]+"
    r"\s*(?:\s(?:is|was)|:)\s*(?:now\s+)?[`'\"*]*([^\s`'\"*]{6,})",
    re.IGNORECASE,
)
_SQL_PASSWORD = re.compile(r"\b(?:IDENTIFIED\s+BY|PASSWORD)\s+'([^'\n]+)'", re.IGNORECASE)

# The password named in the other lexicon languages, then what it is: "le mot de passe
# (root du serveur) est …", "la contraseña es …", "das Passwort lautet …", "a senha é …",
# "パスワードは …", "密码是 …". The value must pass the strict check, so "est changé
# chaque mois" names no value.
_PROSE_PASSWORD_INTL = re.compile(
    r"(?:\b(?:mot de passe|mdp|contraseña|clave|passwort|kennwort|senha)"
    r"(?:\s+(?:[\w.-]+\s+){0,5}?[\w.-]+)?\s*(?:\s(?:est|es|era|ist|lautet|war|é|era)|:)"
    r"|(?:パスワード|暗証番号|密码|口令)[^\s。、，,]{0,12}?(?:は|が|是|为|為|：|:))"
    r"\s*[`'\"*「“]*([^\s`'\"「」“”。、，,]{6,})",
    re.IGNORECASE,
)
# "password Fq7#Lm2pXz9v": the label right before the value, no verb between.
_PROSE_PASSWORD_BARE = re.compile(
    r"\b(?:password|passwort|senha|contraseña|mot de passe)\s+[`'\"*]*([^\s`'\"]{8,})",
    re.IGNORECASE,
)
# A login handed over as a pair, after a word for logins in any lexicon language:
# "the service login: etl_svc / Wq7!…", "identifiants : depot_ext / Hx4!…",
# "ログイン情報は report_ro / Gh5&…", "账号密码：ops_admin / Pz6*…", "creds — bridge_ops:Zr8$…".
_LOGIN_WORD = re.compile(
    r"\b(?:logins?|log-?ins?|creds|credentials?|sign-?in|user(?:name)?\s*/\s*password"
    r"|username and password|identifiants?"
    r"|zugangsdaten|anmeldedaten|zugang|credenciales|credenciais|acceso|acesso)\b"
    r"|ログイン情報|ログイン|認証情報|アカウント|账号密码|帐号密码|账号|账户|登录信息|凭据|凭证",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"(?<![\w.@/-])[A-Za-z0-9][\w.@-]{1,63}[ \t]*[/:][ \t]*(?=([^\s/`'\"，。、,;)]{6,})"
    r"(?![^\s，。、,;)]))"
)
"""A `user / password` or `user:password` pair; the password in a lookahead, so that a
pair read wrongly ("DM: svc_import") does not swallow the user of the real one."""
_HEX = re.compile(r"[0-9a-fA-F]+")
_PAIR_REACH = 80  # characters after the word for logins where the pair may start

# The labels above ignore case and open with an alternation, the case `re` cannot skip
# ahead in (every branch tried at every position of the text): each is searched for the
# words every match holds first (`prefilter`, proven from the pattern; the same matches).
(
    _PROSE_PASSWORD,
    _PROSE_PASSWORD_FOR,
    _SQL_PASSWORD,
    _PROSE_PASSWORD_INTL,
    _PROSE_PASSWORD_BARE,
    _LOGIN_WORD,
) = map(
    prefiltered,
    (
        _PROSE_PASSWORD,
        _PROSE_PASSWORD_FOR,
        _SQL_PASSWORD,
        _PROSE_PASSWORD_INTL,
        _PROSE_PASSWORD_BARE,
        _LOGIN_WORD,
    ),
)

# The first digit is matched before the lookbehind that checks the character before it
# (the first repetition written out): a pattern opening with a lookbehind is tried at every
# position of the text, one opening with a digit only where digits are.
_CARD = re.compile(r"\d(?<![\d\-.#]\d)[ -]?(?:\d[ -]?){11,17}\d(?![\d\-]|\.\d)")
_SSN = re.compile(r"(\d(?<![\d\-]\d)\d{2})-(\d{2})-(\d{4})(?![\d\-])")
_SSN_LABELLED = re.compile(
    r"\b(?:ssn|social security(?: number| no\.?)?)\s*(?:#|no\.?|number)?\s*[:=]?\s*"
    r"(\d{3})\s?(\d{2})\s?(\d{4})\b",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")
_EMAIL = re.compile(
    r"(?<![\w.+\-])([A-Za-z0-9][A-Za-z0-9._%+\-]{0,63})@([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})\b"
)
_PHONE = re.compile(
    r"(?<![\w+\-/])(?:\+1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}(?![\w\-])"
    r"|(?<![\w+])\+[2-9]\d{0,2}(?:[\s.\-]?\(?\d{1,4}\)?){2,5}(?![\w\-])"
)
_REMOTE_PATH = re.compile(r":[\w~/.\-]")
_HOST_TLD = re.compile(r"\.(?:internal|local|lan|localdomain|corp|home\.arpa)$", re.IGNORECASE)
_DOB = re.compile(
    r"\b(?:dob|d\.o\.b\.|date of birth|birth ?date|born(?: on)?)\s*[:=]?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
    r"|[A-Z][a-z]{2,8} \d{1,2},? \d{4})",
    re.IGNORECASE,
)
_DIGITS3 = re.compile(r"\d{3}")
_DIGITS4 = re.compile(r"\d{4}")
_PHONE_GATE = re.compile(r"\d{3}[\s.\-]\d{4}|\+\d")
# literal gates, checked on the lower-cased text (plain `in` is ~50x cheaper
# than a case-insensitive alternation)
_SSN_WORDS = ("ssn", "social security")
_DOB_WORDS = ("dob", "d.o.b", "birth", "born")
_CRED_WORDS = (
    "pass",
    "login",
    "log-in",
    "creds",
    "sign-in",
    "signin",
    "identifiant",
    "mot de passe",
    "mdp",
    "contraseña",
    "clave",
    "passwort",
    "kennwort",
    "zugang",
    "anmeldedaten",
    "senha",
    "credenciais",
    "credenciales",
    "acceso",
    "acesso",
    "パスワード",
    "暗証番号",
    "ログイン",
    "認証情報",
    "アカウント",
    "密码",
    "口令",
    "账号",
    "帐号",
    "账户",
    "凭据",
    "凭证",
    "pwd",
    "pw",
    "secret",
    "token",
    "key",
    "credential",
    "identified",
    "root login",
)


# A value read from a file (`vault kv put … password=@pw.txt`, `--secret-string
# file://key.json`): a path with a directory or a file extension, not the secret.
_FILE_REFERENCE = re.compile(r"(?:@|file://)(?:[\w.~-]*/[\w./~-]*|[\w~-][\w.~-]*\.[a-z]{1,5})")


# A BuildKit secret or mount spec (`id=npmrc,src=$HOME/.npmrc`, `type=secret,id=pip`): which
# secret the build may read and where from, never its value.
_BUILD_SECRET_SPEC = re.compile(
    r"(?=.*\bid=)(?:(?:id|src|source|env|type|target|dst|required|mode|uid|gid)=[^,\s]*,?)+"
)


# A value shown masked, as dashboards and CLIs print a key: at most a short prefix that
# names the kind (`sk-proj-`, `sk_live_`), a run of mask characters or an ellipsis, and at
# most six characters kept at the end to tell keys apart (`sk-proj-****Fg5J`, `****1234`,
# `sk_live_…4242`). The value is not in the text, so there is nothing to hold or to mask.
_MASKED_VALUE = re.compile(
    r"^[A-Za-z0-9]{0,10}(?:[-_][A-Za-z0-9]{1,10}){0,3}[-_]?(?:[*•●]{4,}|\.{3}|…)[A-Za-z0-9]{0,6}$"
)


def _looks_like_secret(value: str, *, strict: bool = False) -> bool:
    """A value that could be a real credential, not a placeholder, a word or a value shown
    masked."""
    value = value.strip()
    if len(value) < (6 if strict else 4) or _PLACEHOLDER.match(value) or _FAKE.search(value):
        return False
    if _MASKED_VALUE.match(value):
        return False
    if value.startswith(("$(", "${", "`")) or value.isdigit() and len(value) < 6:
        return False
    if _FILE_REFERENCE.fullmatch(value):
        return False  # `password=@pw.txt`, `file://key.json`: where the value is read from
    if _BUILD_SECRET_SPEC.fullmatch(value):
        return False  # `docker build --secret id=npmrc,src=…`: names the secret, holds none
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    if strict:
        return classes >= 3 or (classes >= 2 and len(value) >= 10)
    return classes >= 2 or len(value) >= 12


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_brand_ok(digits: str) -> bool:
    n = len(digits)
    if digits[0] == "4":
        return n in (13, 16, 19)
    two, four = int(digits[:2]), int(digits[:4])
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (34, 37):
        return n == 15
    if digits.startswith(("6011", "65")) or 644 <= int(digits[:3]) <= 649:
        return 16 <= n <= 19
    if 3528 <= four <= 3589:
        return 16 <= n <= 19
    if two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305:
        return 14 <= n <= 19
    return False


def _ssn_valid(area: str, group: str, serial: str) -> bool:
    """SSA rules: no area 000, 666 or 900-999, no group 00, no serial 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def _iban_valid(raw: str) -> bool:
    iban = raw.replace(" ", "")
    if not 15 <= len(iban) <= 34:
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str


def _group_span(m: re.Match[str]) -> tuple[int, int]:
    for g in range(1, (m.re.groups or 0) + 1):
        if m.group(g) is not None:
            return m.span(g)
    return m.span()


def _first_group(m: re.Match[str]) -> str:
    return next((g for g in m.groups() if g is not None), m.group(0))


def _own_secret_hits(text: str) -> Iterator[_Hit]:
    # Each pattern is gated by a literal it cannot match without: most
    # instructions contain none of them, and the gates cost far less than the
    # patterns. The readers run in a fixed order, so ties resolve the same way.
    lowered = text.lower()
    yield from _key_hits(text, lowered)
    yield from _flag_hits(text, lowered)
    yield from _token_hits(text)
    if not any(word in lowered for word in _CRED_WORDS):
        return
    yield from _labelled_hits(text, lowered)
    yield from _assignment_hits(text)


def _key_hits(text: str, lowered: str) -> Iterator[_Hit]:
    """Private keys, AWS key pairs, passwords in URLs, Authorization headers."""
    if "PRIVATE KEY" in text:
        for m in _PRIVATE_KEY_BLOCK.finditer(text):
            yield _Hit(m.start(), m.end(), "private-key")
    if "AKIA" in text or "ASIA" in text or "ABIA" in text or "ACCA" in text:
        yield from _aws_pair_hits(text)
    if "://" in text:
        for m in _URL_CREDENTIALS.finditer(text):
            if len(m.group(1)) >= 3 and not _PLACEHOLDER.match(m.group(1)):
                yield _Hit(*m.span(1), "url-password")
    if "authorization" in lowered:
        for m in _AUTH_HEADER.finditer(text):
            if not _PLACEHOLDER.match(m.group(1)):
                yield _Hit(*m.span(1), "bearer-token")


def _flag_hits(text: str, lowered: str) -> Iterator[_Hit]:
    """Passwords handed to a command line's own options."""
    if "--" in text:
        yield from _password_hits(_FLAG, text)
    for clause in (_MYSQL_P, *_TOOL_PASSWORD_FLAGS):
        if clause.gate in lowered:
            yield from _password_matches(clause.hits(text))
    for gate, regex in _OWN_PASSWORD_FLAGS:
        if gate in lowered:
            yield from _password_hits(regex, text)
    if "%" in text:
        yield from _password_hits(_SMB_USER, text)


def _token_hits(text: str) -> Iterator[_Hit]:
    """Vendor keys and tokens by their shape; `curl -u user:password`."""
    if "AIza" in text:
        for m in _GOOGLE_KEY.finditer(text):
            yield _Hit(*m.span(), "google-api-key")
    if any(gate in text for gate in _VENDOR_GATES):
        for m in _VENDOR_TOKEN.finditer(text):
            yield _Hit(*m.span(), "vendor-token")
    if "-u " in text or "--user" in text:
        for m in _CURL_USER.finditer(text):
            if _looks_like_secret(m.group(1)):
                yield _Hit(*m.span(1), "password")


def _labelled_hits(text: str, lowered: str) -> Iterator[_Hit]:
    """Values a label calls a password: SQL, prose, name/value pairs."""
    yield from _password_hits(_SQL_PASSWORD, text)
    for m in chain(_PROSE_PASSWORD.finditer(text), _PROSE_PASSWORD_FOR.finditer(text)):
        if _looks_like_secret(m.group(1), strict=True) and not _is_code_ref(
            m.group(1), text, m.end(1)
        ):
            yield _Hit(*m.span(1), "password")
    yield from _prose_password_hits(text)
    yield from _login_pair_hits(text)
    if "value" in lowered and "name" in lowered:
        yield from _env_pair_hits(text)


def _prose_password_hits(text: str) -> Iterator[_Hit]:
    """A password named and given in the other languages, or bare after the word."""
    for m in chain(_PROSE_PASSWORD_INTL.finditer(text), _PROSE_PASSWORD_BARE.finditer(text)):
        value = m.group(1).rstrip("*.,;:!?")  # a trailing `**` closes bold, not the value
        if _looks_like_secret(value, strict=True) and _mixed_token(value):
            yield _Hit(m.start(1), m.start(1) + len(value), "password")


def _login_pair_hits(text: str) -> Iterator[_Hit]:
    """`user / password` or `user:password` shortly after a word for logins."""
    reached = 0
    for word in _LOGIN_WORD.finditer(text):
        line_end = text.find("\n", word.end())
        stop = min(len(text) if line_end == -1 else line_end, word.end() + _PAIR_REACH + 140)
        for m in _PAIR.finditer(text, max(word.end(), reached), stop):
            if m.start() > word.end() + _PAIR_REACH:
                break
            value = m.group(1).rstrip(".,;:!?")
            # not a digest (`sha256:3f9a…`)
            if (
                _looks_like_secret(value, strict=True)
                and _mixed_token(value)
                and not _HEX.fullmatch(value)
            ):
                yield _Hit(m.start(1), m.start(1) + len(value), "password")
        reached = stop


def _env_pair_hits(text: str) -> Iterator[_Hit]:
    """`{"name": "DB_PASSWORD", "value": "…"}`: a name that says secret beside its value."""
    for m in _ENV_PAIR.finditer(text):
        value = next(g for g in m.groups()[1:] if g is not None)
        if _NON_SECRET_NAME.search(m.group(1)) or not _looks_like_secret(value):
            continue
        start = next(m.start(g) for g in (2, 3, 4) if m.group(g) is not None)
        low_name = m.group(1).lower()
        kind = "password" if "pass" in low_name or "pwd" in low_name else "credential"
        yield _Hit(start, start + len(value), kind)


def _mixed_token(value: str) -> bool:
    """Letters and digits in one token that is not words joined by `-_.` (`rotation-2026`,
    `read-only`) nor a host or port (`db.internal`, `5439`): how a password looks in prose,
    where the label alone is weak evidence."""
    return (
        any(c.isalpha() for c in value)
        and any(c.isdigit() for c in value)
        and not _WORDS_JOINED.fullmatch(value)
    )


def _assignment_hits(text: str) -> Iterator[_Hit]:
    """`name=value` and `f(password=x)` where the name says secret and the value looks one."""
    for m in _assignments(text):
        name = m.group(1)
        value = next(g for g in m.groups()[1:] if g is not None)
        if m.group(4) is not None:  # f(password=x) closes a call: the ")" is not the value's
            while value.endswith(")") and value.count(")") > value.count("("):
                value = value[:-1]
        if _NON_SECRET_NAME.search(name) or _secret_named(name, value):
            continue
        if not _looks_like_secret(value):
            continue
        if _KEY_ONLY.fullmatch(name) and not _key_shaped(value):
            continue  # `SORT_KEY=created_at`: a bare KEY names a secret only when its value is one
        if _VARIABLE_NAME.fullmatch(value):
            continue  # names the variable that holds the secret
        start = next(m.start(g) for g in (2, 3, 4) if m.group(g) is not None)
        if m.group(4) is not None and _is_code_ref(value, text, start + len(value)):
            continue
        yield _Hit(start, start + len(value), _assigned_kind(name.lower(), value))


_KEY_ONLY = re.compile(
    r"(?:(?!PASS|PWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|SIGNING_KEY|CRED)[A-Z0-9_])+_KEY"
)
"""An upper-case name whose only credential word is a final KEY (`OPENWEATHER_KEY`)."""


def _key_shaped(value: str) -> bool:
    """Long, with letters and digits, no path or word-joined identifier: a key's value,
    not a column or file name (`created_at`, `~/.ssh/id_ed25519`)."""
    return (
        len(value) >= 16
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and "/" not in value
        and not _WORDS_JOINED.fullmatch(value)
    )


_WORDS_JOINED = re.compile(r"[A-Za-z]+(?:[_.-][A-Za-z0-9]+)*")


def _assigned_kind(name: str, value: str) -> str:
    if "secret" in name and "aws" in name and len(value) == 40:
        return "aws-secret-key"
    if "pass" in name or "pwd" in name or _PW_NAME.search(name):
        return "password"
    return "credential"


_AWS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Z0-9])")
_BARE_40 = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def _aws_pair_hits(text: str) -> Iterator[_Hit]:
    """A 40-character secret pasted near an AWS key id is its secret key, label or not."""
    for key in _AWS_KEY_ID.finditer(text):
        lo, hi = max(0, key.start() - 200), min(len(text), key.end() + 200)
        for m in _BARE_40.finditer(text, lo, hi):
            value = m.group(0)
            if _looks_like_secret(value, strict=True) and not value.isalpha():
                yield _Hit(*m.span(), "aws-secret-key")


def _password_hits(regex: re.Pattern[str], text: str) -> Iterator[_Hit]:
    yield from _password_matches(regex.finditer(text))


def _password_matches(matches: Iterable[re.Match[str]]) -> Iterator[_Hit]:
    for m in matches:
        if _looks_like_secret(_first_group(m)):
            yield _Hit(*_group_span(m), "password")


def _pii_hits(text: str) -> Iterator[_Hit]:
    if "@" in text:
        for m in _EMAIL.finditer(text):
            # user@host in URLs and ssh/scp targets is a login, not a person's address, and
            # so is a git or scp remote `user@host:path` (`git@gitlab.example.cn:team/repo.git`)
            if (
                text[max(0, m.start() - 3) : m.start()] == "://"
                or _HOST_TLD.search(m.group(2))
                or _REMOTE_PATH.match(text, m.end())
            ):
                continue
            yield _Hit(*m.span(), "email")
    if not _DIGITS3.search(text):
        return
    lowered = text.lower()
    if "-" in text or any(word in lowered for word in _SSN_WORDS):
        yield from _ssn_hits(text)
    if _DIGITS4.search(text):
        yield from _account_hits(text)
    if any(word in lowered for word in _DOB_WORDS):
        for m in _DOB.finditer(text):
            yield _Hit(*m.span(1), "date-of-birth")
    if _PHONE_GATE.search(text):
        yield from _phone_hits(text)


def _ssn_hits(text: str) -> Iterator[_Hit]:
    for m in _SSN.finditer(text):
        if _ssn_valid(*m.groups()):
            yield _Hit(*m.span(), "ssn")
    for m in _SSN_LABELLED.finditer(text):
        if _ssn_valid(*m.groups()):
            yield _Hit(m.start(1), m.end(3), "ssn")


def _account_hits(text: str) -> Iterator[_Hit]:
    """Card numbers that pass Luhn and a brand's prefix; IBANs that pass their checksum."""
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if (
            13 <= len(digits) <= 19
            and len(set(digits)) > 1
            and _card_brand_ok(digits)
            and _luhn(digits)
        ):
            yield _Hit(*m.span(), "card")
    for m in _IBAN.finditer(text):
        if _iban_valid(m.group(1)):
            yield _Hit(*m.span(1), "iban")


def _phone_hits(text: str) -> Iterator[_Hit]:
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 10 <= len(digits) <= 15:
            yield _Hit(*m.span(), "phone")


def _ds_hits(text: str) -> Iterator[_Hit]:
    """detect-secrets results located in the text and widened to the whole token.

    A plugin whose trigger the whole text does not meet cannot match any of its
    lines, so lines are read only by the plugins the text lets through, and a
    line repeated many times (a fence, a blank line) is scanned once."""
    lowered = text.lower()
    plugins = _triggered(text, lowered)
    if not plugins:
        return
    scanned: dict[str, list[tuple[str, str]]] = {}
    one_line = "\n" not in text  # then the text's triggers were the line's
    offset = 0
    for line in text.split("\n"):
        found = scanned.get(line)
        if found is None:  # a value found n times is located once: `_locate` finds every copy
            found = scanned[line] = list(dict.fromkeys(_ds_scan(line, plugins, triggered=one_line)))
        for kind, value in found:
            yield from _locate(line, offset, kind, value)
        offset += len(line) + 1


def _locate(line: str, offset: int, kind: str, value: str) -> Iterator[_Hit]:
    if kind == "aws-access-key" and not value.startswith(("A3T", "ABIA", "ACCA", "AKIA", "ASIA")):
        kind = "aws-secret-key"
    if kind == "private-key":
        return  # the block pattern masks the whole key, header to footer
    if kind in ("credential", "url-password") and not _looks_like_secret(value, strict=True):
        return  # keyword hits like "Authorization: Bearer $TOKEN" name no value
    found = False
    start = line.find(value)
    while start != -1:
        end = start + len(value)
        # widen partial matches ("ghp" for a GitHub token, the first 24 characters
        # of a Stripe key) to the whole token so no tail survives
        while start > 0 and _LEFT_CHAR.match(line[start - 1]):
            start -= 1
        while end < len(line) and _RIGHT_CHAR.match(line, end):
            end += 1
        found = True
        yield _Hit(offset + start, offset + end, kind)
        start = line.find(value, end)
    if not found:  # fail closed: hide the whole line rather than risk a leak
        yield _Hit(offset, offset + len(line), kind)


_PRIORITY = {kind: i for i, kind in enumerate(_KINDS)}


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits: secrets before PII, then longer spans, then the specific kind."""
    hits.sort(
        key=lambda h: (_KINDS[h.kind].category != "secrets", -(h.end - h.start), _PRIORITY[h.kind])
    )
    # chosen spans are disjoint, so kept in order of start only a new span's two
    # neighbours can overlap it (a list of thousands of addresses stays n log n)
    chosen: list[_Hit] = []
    starts: list[int] = []
    for h in hits:
        if h.start >= h.end:
            continue
        i = bisect.bisect_right(starts, h.start)
        if i and chosen[i - 1].end > h.start:
            continue
        if i < len(chosen) and chosen[i].start < h.end:
            continue
        chosen.insert(i, h)
        starts.insert(i, h.start)
    return chosen


def _placeholder(kind: str, value: str) -> str:
    if kind == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    info = _KINDS[kind]
    return f"[{'secret' if info.category == 'secrets' else 'pii'}:{kind}]"


def _apply(text: str, hits: list[_Hit]) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    parts: list[str] = []
    where: dict[str, list[tuple[int, int]]] = {}
    pos = out_len = 0
    for h in hits:
        parts.append(text[pos : h.start])
        out_len += h.start - pos
        ph = _placeholder(h.kind, text[h.start : h.end])
        where.setdefault(h.kind, []).append((out_len, out_len + len(ph)))
        parts.append(ph)
        out_len += len(ph)
        pos = h.end
    parts.append(text[pos:])
    return "".join(parts), where


def _evidence(masked: str, span: tuple[int, int], width: int = 40) -> str:
    line_start = masked.rfind("\n", 0, span[0]) + 1
    line_end = masked.find("\n", span[1])
    line_end = len(masked) if line_end == -1 else line_end
    start, end = max(line_start, span[0] - width), min(line_end, span[1] + width)
    return (
        ("…" if start > line_start else "")
        + masked[start:end].strip()
        + ("…" if end < line_end else "")
    )


# Values vendors publish in their documentation as examples: AWS writes every example
# key id as `AKIA…EXAMPLE` and every example secret key as `…EXAMPLEKEY`; Stripe's docs
# use one fixed pair of test keys. Still masked; not a reason to hold the message.
_DOCUMENTED_EXAMPLE = re.compile(
    r"^(?:(?:AKIA|ASIA)[A-Z0-9]{9}EXAMPLE|[A-Za-z0-9/+]{30}EXAMPLEKEY"
    r"|sk_test_4eC39HqLyjWDarjtT1zdp7dc|pk_test_TYooMQauvdEDq54NiTphI7jx)$"
)


def _labelled_sample(text: str, hit: _Hit) -> bool:
    return labelled_sample(text, hit.start, re.sub(r"\D", "", text[hit.start : hit.end]))


def _findings(
    text: str, hits: list[_Hit], masked: str, where: dict[str, list[tuple[int, int]]]
) -> list[Finding]:
    findings: list[Finding] = []
    for kind in sorted(where, key=_PRIORITY.__getitem__):
        info = _KINDS[kind]
        values = {text[h.start : h.end] for h in hits if h.kind == kind}
        distinct = len(values)
        risk, verdict = info.risk, info.verdict
        what = info.noun if distinct == 1 else f"{distinct} {info.plural}"
        if info.category == "secrets" and all(_DOCUMENTED_EXAMPLE.match(v) for v in values):
            findings.append(
                Finding(
                    rule=f"{info.category}.{kind}",
                    category=info.category,
                    reason=f"The instruction contains {what} that is a published documentation "
                    "example, not a live credential; masked anyway.",
                    risk="low",
                    verdict="allow",
                    evidence=_evidence(masked, where[kind][0]),
                )
            )
            continue
        if kind == "card" and all(_labelled_sample(text, h) for h in hits if h.kind == kind):
            findings.append(
                Finding(
                    rule=f"{info.category}.{kind}",
                    category=info.category,
                    reason=f"The instruction contains {what} that the text calls a test card and "
                    "that is a payment processor's published test number; masked anyway.",
                    risk="low",
                    verdict="allow",
                    evidence=_evidence(masked, where[kind][0]),
                )
            )
            continue
        if kind in ("email", "phone") and distinct >= _LIST_THRESHOLD:
            risk, verdict = "medium", "require_approval"
            reason = (
                f"The instruction lists {distinct} {info.plural} of people; they have been masked."
            )
        else:
            verb = "it has" if distinct == 1 else "they have"
            reason = f"The instruction contains {what}; {verb} been masked."
        findings.append(
            Finding(
                rule=f"{info.category}.{kind}",
                category=info.category,
                reason=reason,
                risk=risk,
                verdict=verdict,
                evidence=_evidence(masked, where[kind][0]),
            )
        )
    return findings


def scan_secrets(text: str) -> SecretScan:
    """Find secrets and PII values in `text`, mask them, one finding per kind.

    Fails closed: if detect-secrets breaks, the own patterns still mask what they
    can and a finding asks for a human, rather than returning a clean bill.
    """
    hits = list(_own_secret_hits(text))
    hits.extend(_pii_hits(text))
    scanner_error = False
    try:
        hits.extend(_ds_hits(text))
    except Exception:  # noqa: BLE001 - any scanner failure must not mean "allowed"
        scanner_error = True
    chosen = _resolve(hits)
    masked, where = _apply(text, chosen)
    findings = _findings(text, chosen, masked, where)
    if scanner_error:
        findings.append(
            Finding(
                rule="secrets.scanner_error",
                category="secrets",
                reason=(
                    "The secret scanner failed on this instruction, "
                    "so it may contain an unmasked secret."
                ),
                risk="high",
                verdict="require_approval",
            )
        )
    values = tuple(dict.fromkeys((h.kind, text[h.start : h.end]) for h in chosen))
    return SecretScan(findings=findings, masked=masked, values=values)


_FRAGMENT_GATE = re.compile(r"@|\d{3}|://|[A-Za-z0-9_\-+/=.~]{16,}|PRIVATE KEY")


def mask_fragment(fragment: str) -> str:
    """Mask a short fragment (e.g. another detector's evidence) for display.

    Runs the same patterns and plugins as `scan_secrets` and returns only the
    masked text; for evidence strings a few dozen characters long. Fragments
    with nothing that could hold a value (no digits, long tokens, addresses,
    URLs, or a secret word followed by a value) are returned as they are.
    """
    lowered = fragment.lower()
    if not _FRAGMENT_GATE.search(fragment) and not (
        any(word in lowered for word in _CRED_WORDS)
        and (
            any(c in fragment for c in "=:'\"`")
            or " is " in lowered
            or " was " in lowered
            or any(c.isdigit() for c in fragment)  # "password Fq7#…", "etl_svc / Wq7!…"
        )
    ):
        return fragment
    hits = list(_own_secret_hits(fragment))
    hits.extend(_pii_hits(fragment))
    hits.extend(_ds_hits(fragment))
    return _apply(fragment, _resolve(hits))[0]


_MIN_EDGE = 4
"""A cut-off piece of a value this long or longer at a fragment's edge is masked."""
_EDGE_TRIM = " \t\n…"


def mask_known(fragment: str, values: Iterable[tuple[str, str]]) -> str:
    """Mask in `fragment` the values `scan_secrets` found in the text it was cut from.

    Other detectors cut evidence windows out of the raw instruction; a value cut
    at the window's edge (`…also use xoxb-2048123456-`) no longer matches any
    pattern, so scanning the fragment alone would show its prefix. Here whole
    occurrences are masked, and so is any piece of a value of at least
    `_MIN_EDGE` characters that the window cut at its start (a suffix of the
    value) or its end (a prefix), or a window cut entirely from inside a value.
    Whitespace inside a value may have been collapsed by the detector, so a
    value is also looked for with its runs of whitespace as single spaces.
    """
    pairs = [
        (kind, variant)
        for kind, value in values
        for variant in dict.fromkeys((value, " ".join(value.split())))
        if len(variant) >= _MIN_EDGE
    ]
    if not pairs or not fragment:
        return fragment
    pairs.sort(key=lambda kv: -len(kv[1]))
    hits: list[_Hit] = []
    lo = len(fragment) - len(fragment.lstrip(_EDGE_TRIM))
    hi = len(fragment.rstrip(_EDGE_TRIM))
    core = fragment[lo:hi]
    for kind, value in pairs:
        if len(core) >= _MIN_EDGE and core in value:
            return _apply(fragment, [_Hit(lo, hi, kind)])[0]
        start = fragment.find(value)
        while start != -1:
            hits.append(_Hit(start, start + len(value), kind))
            start = fragment.find(value, start + len(value))
        # A cut piece of at least `_MIN_EDGE` holds the core's first (last) `_MIN_EDGE`
        # characters, so a value without them has none: one search, not a loop over cuts.
        if core[:_MIN_EDGE] in value:
            for k in range(min(len(value) - 1, len(core)), _MIN_EDGE - 1, -1):
                if core.startswith(value[-k:]):
                    hits.append(_Hit(lo, lo + k, kind))
                    break
        if core[-_MIN_EDGE:] in value:
            for k in range(min(len(value) - 1, len(core)), _MIN_EDGE - 1, -1):
                if core.endswith(value[:k]):
                    hits.append(_Hit(hi - k, hi, kind))
                    break
    if not hits:
        return fragment
    return _apply(fragment, _resolve(hits))[0]
