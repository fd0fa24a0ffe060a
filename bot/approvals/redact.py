"""Free text from agents and people, masked before it is stored or shown.

The instruction is masked by the risk engine; everything else a person or an
agent can type travels the same way (justifications, reasons, comments, resource
names, HumanLayer ids and context) and reaches approval cards, DMs, webhooks,
the history and the audit log. Each goes through `scan_secrets`, once, at the
service's door, so no surface has to remember to mask it.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.risk.secrets import scan_secrets

log = logging.getLogger(__name__)

WITHHELD = "[withheld: TwoKey could not check this text for secrets]"


def mask_text(value: str | None) -> str | None:
    """`value` with secrets and PII values masked; withheld whole if the scan fails."""
    if not value:
        return value
    try:
        return scan_secrets(value).masked
    except Exception:  # noqa: BLE001 - an unreadable value is never shown raw
        log.warning("secret scan of free text failed; withholding it")
        return WITHHELD


def mask_tree(value: Any) -> Any:
    """Every string leaf of a JSON-like value masked (dict keys included)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {mask_text(str(k)): mask_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_tree(v) for v in value]
    return value
