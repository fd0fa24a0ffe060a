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
