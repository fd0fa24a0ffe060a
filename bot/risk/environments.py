"""Words that name production, in every language the engine reads.

A command against `-n produktion` or `--context 本番` is as shared as one against `-n prod`;
the shell rules, the command-scope reader and the ref checks share this one list so that a
new word reaches all of them at once.
"""

from __future__ import annotations

import re

# Latin-script names, matched as whole words between the separators of names and flags.
_WORDS = (
    "prod",
    "prd",
    "production",
    "live",
    "produktion",  # de
    "produktiv",  # de, "Produktivsystem"
    "produccion",  # es
    "producción",
    "producao",  # pt
    "produção",
    "produzione",  # it
    "productie",  # nl
)
# CJK names carry no separators: matched anywhere.
_CJK = ("本番", "プロダクション", "生产", "生產", "线上", "線上", "正式环境", "正式環境")

# `$PROD_DB_URL`, `${PROD_DSN}`: a variable named for production names it too.
_SEP_BEFORE = r"(?:^|[\s=/:._@'\"${-])"
_SEP_AFTER = r"(?:$|[\s=/:._'\"-])"

PRODUCTION_PATTERN = rf"(?i)(?:{_SEP_BEFORE}(?:{'|'.join(_WORDS)}){_SEP_AFTER}|{'|'.join(_CJK)})"
PRODUCTION_RE = re.compile(PRODUCTION_PATTERN)


def names_production(value: str) -> bool:
    """`value` (a namespace, context, profile, database or free text) names production."""
    return PRODUCTION_RE.search(value) is not None


# German writes production into compounds: "Produktionsdatenbank", "Produktiv-DB".
_GERMAN_COMPOUND = re.compile(r"(?i)(?<![\w-])produkti(?:ons?|v)(?:-?[a-zäöüß]+)")
_SENTENCE_PUNCT = re.compile(r"[,;!?()\[\]`“”«»。、，；！？（）：]")


def sentence_names_production(sentence: str) -> bool:
    """A sentence (or a command with its sentence) names production: names and flags as
    `names_production` reads them once punctuation is spaced out, and German compounds."""
    return names_production(_SENTENCE_PUNCT.sub(" ", sentence)) or bool(
        _GERMAN_COMPOUND.search(sentence)
    )


# Names of environments that hold no one's real data: a developer's, a test run's, a
# pull request's preview. Staging is left out: it is shared and often holds copies of
# production data.
_NONPROD_WORDS = (
    "dev",
    "development",
    "test",
    "testing",
    "qa",
    "preview",
    "sandbox",
    "demo",
    "ephemeral",
    "loadtest",
    "load-test",
    # one pull or merge request's own copy, made and torn down by the pipeline
    # (`review-pr-1187`, `ReviewStack-pr77`, `mr_42`): never where real data lives
    r"(?:pr|mr)[-_]?\d+",
)
# Places, not things in them: "the test accounts" may be rows of the production database.
_ENV_NOUNS = (
    r"(?:cluster|environment|env|namespace|workspace|instance|server|box|vm|stack|database|db"
    r"|subscription|tenant|(?:hosted\s+|dns\s+)?zone)s?"
)
NONPROD_PATTERN = rf"(?i){_SEP_BEFORE}(?:{'|'.join(_NONPROD_WORDS)}){_SEP_AFTER}"
NONPROD_RE = re.compile(NONPROD_PATTERN)
# In prose the word must name an environment: "the dev Kafka cluster", "our test
# account", "the preview namespace", "in dev" — not "test the restore" or "demo day".
NONPROD_PLACE_RE = re.compile(
    rf"(?i)\b(?:{'|'.join(_NONPROD_WORDS)})\s+(?:[\w-]+\s+){{0,2}}?{_ENV_NOUNS}\b"
    rf"|\b(?:in|on|against)\s+(?:the\s+)?(?:{'|'.join(_NONPROD_WORDS)})\b(?!\s+[\w-])"
    # a name that carries it: "no banco loja_dev", "the orders-test database"
    rf"|(?<![\w-])[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:{'|'.join(_NONPROD_WORDS)})(?![\w-])"
    rf"|(?<![\w-])(?:{'|'.join(_NONPROD_WORDS)})_[a-z0-9]+(?![\w-])"
    # a branch's review app: made for the branch by the pipeline, torn down after the merge
    r"|\breview\s+(?:apps?|clusters?|environments?|envs?|stacks?|namespaces?|deployments?)"
    r"\s+(?:for|of)\s+(?:[\w'’-]+\s+){0,2}?(?:branch|pr|pull\s+request|mr|merge\s+request)\b"
)


def names_nonproduction(value: str) -> bool:
    """`value` names a development, test or preview environment and not production:
    `--context preview`, "the dev Kafka cluster". Production anywhere wins."""
    return NONPROD_RE.search(value) is not None and not names_production(value)
