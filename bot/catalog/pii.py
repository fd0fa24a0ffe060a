"""Which columns hold personal data, judged from their names, types and labels alone.

A sync never reads a value: the column's name (`email`, `customer_phone`,
`dob`), its type (PostgreSQL's `inet`, a `citext` email) and any comment or
tag a data owner set (`PII`, `personal data`, `sensitive`) are enough to tell
the approver which fields are at stake.
"""

from __future__ import annotations

import re

_NAME_WORDS = (
    r"e_?mail|email_?address|mail_?address|phone|phone_?number|mobile|msisdn|telephone|tel|fax|"
    r"ssn|social_?security(?:_?number)?|national_?id|national_?insurance|nino|tax_?id|tin|"
    r"passport(?:_?(?:no|number))?|driver_?licen[cs]e(?:_?(?:no|number))?|"
    r"date_?of_?birth|dob|birth_?date|birthday|"
    r"address|street|street_?address|home_?address|billing_?address|shipping_?address|"
    r"postcode|post_?code|zip|zip_?code|postal_?code|"
    r"iban|bic|swift|account_?number|bank_?account|routing_?number|sort_?code|"
    r"card|card_?number|cc_?number|credit_?card|pan|card_?last_?4|cvv|cvc|"
    r"first_?name|last_?name|full_?name|given_?name|family_?name|surname|maiden_?name|"
    r"ip|ip_?address|ip_?addr|mac_?address|device_?id|"
    r"salary|gender|ethnicity|religion|diagnosis|medical|health|"
    r"latitude|longitude|geo_?location|"
    r"password|password_?hash|secret|api_?key|token"
)
_NAME = re.compile(rf"^(?:[a-z0-9]+_)*(?:{_NAME_WORDS})(?:_[a-z0-9]+)?$")
"""The whole name, or the word after a prefix (`customer_email`, `home_phone`,
`billing_address_line1`): `emailed_at` and `shipping_method` do not match."""
_NOT_PII = re.compile(
    r"(?:_(?:id|at|count|flag|verified|enabled|type|status|sent|opt_?in|domain|hash_?algo)|"
    r"^(?:is|has)_.*|_(?:date|time)stamp)$"
)
_ID_NUMBERS = frozenset({"national_id", "tax_id", "device_id", "voter_id", "patient_id"})
"""Identifiers that are themselves personal data, unlike a row's `customer_id`."""
_TYPES = frozenset({"inet", "cidr", "macaddr", "macaddr8"})
_LABEL = re.compile(
    r"\b(?:pii|phi|pci|gdpr|personal(?:ly)?[ _-](?:data|information|identifiable)|"
    r"sensitive|confidential|restricted)\b",
    re.I,
)


def is_pii(name: str, type_name: str = "", labels: str = "") -> bool:
    """True when a column's name, type or comment/tags mark it as personal data."""
    if labels and _LABEL.search(labels):
        return True
    low = name.strip().strip('"`[]').lower()
    if type_name.split("(")[0].strip().lower() in _TYPES:
        return True
    if low in _ID_NUMBERS:
        return True
    # `email_id` names a row, `email_verified` a flag: never a value to protect.
    if _NOT_PII.search(low):
        return False
    return bool(_NAME.match(low))


_CLASSIFICATION = re.compile(
    r"\b(?:classification|class|sensitivity)\s*[:=]\s*(public|internal|confidential|restricted)\b",
    re.I,
)
_LEVELS = ("restricted", "confidential", "internal", "public")
LEVELS = ("public", "internal", "confidential", "restricted")
"""Least sensitive first."""


def classification_in(
    comments: tuple[str | None, ...] = (), tags: tuple[str, ...] = ()
) -> str | None:
    """The most sensitive level a data owner wrote down: `classification: restricted` in a
    comment, or a tag naming a level (`restricted`, `PII.Sensitive`, `tier:confidential`).
    A comment merely using a word ("internal notes") does not count."""
    found: set[str] = set()
    for comment in comments:
        found.update(m.group(1).lower() for m in _CLASSIFICATION.finditer(comment or ""))
    for tag in tags:
        found.update(part for part in re.split(r"[^a-z]+", tag.lower()) if part in _LEVELS)
    return next((level for level in _LEVELS if level in found), None)


def stricter(a: str | None, b: str | None) -> str | None:
    """The more sensitive of two levels (a resource is as sensitive as its most sensitive part)."""
    rank = {level: n for n, level in enumerate(LEVELS)}
    if b not in rank:
        return a if a in rank else None
    if a not in rank:
        return b
    return a if rank[a] >= rank[b] else b


def first_line(text: object) -> str | None:
    lines = str(text or "").strip().splitlines()
    return lines[0][:500] if lines else None
