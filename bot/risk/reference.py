"""What a table's or collection's name says it holds: people's records, or reference data.

Dumpers, exports and unloads name tables the catalog may not know. A name that says it
holds people (`customers`, `kunden`, `usuarios`, `payments`) makes a bulk copy of it an
export of personal data; a name that says it holds reference or configuration data (a
product catalogue, feature flags, countries, currencies, settings) makes it nobody's
records. Anything else is unknown, and judged as before (fail closed).
"""

from __future__ import annotations

import re

__all__ = ["PERSONAL_TABLE_RE", "reference_table"]

# A warehouse table whose name says it holds people's records.
PERSONAL_TABLE_RE = re.compile(
    r"(?i)customer|client|kunde|contact|member|user|usuari|utilisat|patient|pacient|"
    r"employee|staff|mitarbeit|payroll|salar|card|payment|pago|pagamento|transaction|"
    r"cardholder|lead|person|people|crm|ssn|passport|address"
)

# Tables and collections that hold reference or configuration data, by their usual names
# (a product catalogue, feature flags, countries, currencies, settings): nobody's records.
_REFERENCE_TABLE_RE = re.compile(
    r"(?i)^(?:[\w-]+\.)*(?:feature[_-]?flags?|flags|toggles|settings|config(?:uration)?s?|"
    r"product[_-]?catalog(?:ue)?s?|catalog(?:ue)?s?|products?|produ[ck]t(?:os|e)|skus?|"
    r"categor(?:y|ies)|categorias|kategorien|countr(?:y|ies)|currenc(?:y|ies)|locales?|"
    r"translations?|time[_-]?zones?|tax[_-]?rates?|price[_-]?lists?|units|"
    r"schema[_-]?migrations|migrations|lookups?|enums?|holidays)$"
)


def reference_table(name: str) -> bool:
    """`name` (a table or collection) holds reference or configuration data, by its name,
    and names nothing personal."""
    name = name.strip("`\"'[]")
    return bool(_REFERENCE_TABLE_RE.match(name)) and not PERSONAL_TABLE_RE.search(name)
