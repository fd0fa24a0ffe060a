"""What reads as a SQL statement rather than an English sentence about data.

One classifier for the span finder (`spans`), the extractor (`extract`) and
tool-call arguments (`calls`), kept apart so none of them needs another to load.
"""

from __future__ import annotations

import re

__all__ = ["BARE_SQL", "looks_like_sql"]

_PRIVS = (
    r"(?:select|insert|update|delete|usage|all|create|connect|temporary|temp|execute|references|"
    r"trigger|truncate|ownership|monitor|operate|role|imported\s+privileges|`)"
)
BARE_SQL = re.compile(
    r"^\s*(?:"
    r"select\s(?:.{0,1500}?\sfrom\s+\S|\s*[\d'(*]|\s*\w+\s*\(|\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*;?\s*$)|with\s+(?:recursive\s+)?\w+\s+as\s*\(|"
    r"insert\s+(?:into|overwrite)\s+\S|update\s+\S+\s+set\s+\S|delete\s+from\s+[\w\"`.]+"
    r"(?:\s+where\b|\s*;|\s*$|\s+using\b|\s+as\b)|"
    r"drop\s+(?:table|schema|database|view|user|role|policy|materialized|stage|share|dataset|"
    r"warehouse|catalog|external|volume|stream|task|pipe|integration|connection|recipient|"
    r"provider|login|owned|dynamic|iceberg|transient|temporary|temp|foreign)\s|"
    r"truncate\s+(?:table\s+)?[\w\"`.]+(?:\s*[,;]|\s*$|\s+(?:cascade|restart)\b)|"
    r"alter\s+(?:table|role|user|schema|database|view|policy|group|system|server|share|account|"
    r"warehouse|catalog|external|volume|dynamic|iceberg|transient)\s+\S|"
    r"get\s+@\S+\s+'?file://|drop\s+masking\s+policy\s|"
    r"set\s+(?:global|persist|session|local)\s+\w|set\s+[\w.]+\s*=\s*\S|noaudit\s|"
    rf"grant\s+(?:{_PRIVS}[^;\n]{{0,300}}?\s(?:on|to)\s+\S|[\w\"]+\s+to\s+[\w\"@'%.-]+\s*;?\s*$)|"
    rf"revoke\s+(?:{_PRIVS}[^;\n]{{0,300}}?\s(?:on|from)\s+\S|[\w\"]+\s+from\s+[\w\"]+\s*;?\s*$)|"
    r"create\s+(?:or\s+replace\s+)?(?:user|role|table|view|schema|database|login|share|stage)\s|"
    r"copy\s+(?:\(|into\s|[\w\"`.]+\s*(?:\([^)]*\)\s*)?(?:to|from)\s)|"
    r"unload\s*\(|export\s+data\b|merge\s+into\s|set\s+(?:session\s+)?row_security\b|"
    r"reassign\s+owned\s|vacuum\s+\S+\s+retain\s|"
    r"(?:exec(?:ute)?\s+)?(?:master\.\w*\.)?(?:sp_configure|xp_cmdshell)\s+N?'|"
    r"explain\s+(?:analyze\s+|verbose\s+|\([^)]{0,200}\)\s*)*(?:select|insert|update|delete|with|merge)\s"
    r")",
    re.I | re.S,
)
"""Text that reads as a SQL statement rather than an English sentence about data."""


def looks_like_sql(text: str) -> bool:
    # The start of a statement says what it is; a bounded prefix keeps matching linear.
    return bool(BARE_SQL.match(text[:2000]))
