"""Risk described in words.

Two readers over the same prose: `sharing` (who gets access to what: public
links, outside addresses, admin grants, controls switched off — mostly English
product wording) and `intent` (instructions written as plain prose, in seven
languages, through one small grammar over per-language lexicons).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from bot.risk.prose.cues import outsider_or_sensitive
from bot.risk.prose.exposure import assess_exposure
from bot.risk.prose.intent import assess_intent
from bot.risk.prose.outside_code import assess_outside_code
from bot.risk.prose.sharing import (
    Dump,
    ProseResult,
    assess_sharing,
    classify_domain,
    dumped_files,
)
from bot.risk.prose.text import lower

__all__ = ["Dump", "ProseResult", "assess_prose", "classify_domain", "dumped_files"]


def assess_prose(
    text: str,
    company_domains: Sequence[str] = (),
    dumps: Sequence[Dump] = (),
    cued: Callable[[], bool] | None = None,
) -> ProseResult:
    """Findings for risk described in `text`, and the resources it names.

    `company_domains` decides which addresses and domains are inside the company; `dumps`
    are the database dumps the message's commands run (`dumped_files`); `cued` says whether
    the whole message marks a recipient as an outsider or its material as sensitive
    (`cues.outsider_or_sensitive`; none given: read from `text`).
    """
    if cued is None:
        cued = functools.cache(lambda: outsider_or_sensitive(lower(text)))
    result = assess_sharing(text, company_domains, cued)
    covered = {c for f in result.findings for c in _SAME_CONCERN.get(f.category, (f.category,))}
    result.findings.extend(
        assess_intent(text, known=covered, company_domains=company_domains, dumps=dumps)
    )
    if not any(f.category == "network" for f in result.findings):
        result.findings.extend(assess_exposure(text))
    if not any(f.category == "exec" for f in result.findings):
        result.findings.extend(assess_outside_code(text))
    return result


# The sharing reader's categories and the intent categories that say the same thing:
# one reason per concern is enough for an approver.
_SAME_CONCERN = {
    "pii": ("sharing",),
    "exfiltration": ("sharing",),
    "sharing": ("sharing",),
}
