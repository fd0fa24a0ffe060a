"""A plan's list structure: the line that heads a list of steps.

"Never do any of these on prod:" or "What NOT to do during the incident:" above a list
governs every item under it, as a sentence introducing a fence governs the fence; a
warning inside one step governs that step only. The heading is the last line before
the item's run of list items (no blank line, no other text between) when it ends with
a colon.
"""

from __future__ import annotations

import re

__all__ = ["heading_of", "is_item", "list_run", "warned_item"]

_ITEM = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|[-*•+]|☐|☑|☒|✅|\[[ xX]?\]|"
    r"step\s+\d{1,3}\s*[:.)-])(?:[ \t]+\[[ xX]?\])?[ \t]",
    re.I,
)
_MAX_ITEMS = 60


def is_item(line: str) -> bool:
    return bool(_ITEM.match(line))


def heading_of(text: str, pos: int) -> str | None:
    """The heading of the list whose item holds text[pos], or None when that line is no
    list item or its list has no heading."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if not is_item(text[start : end if end >= 0 else len(text)]):
        return None
    for _ in range(_MAX_ITEMS):
        if start == 0:
            return None
        prev_start = text.rfind("\n", 0, start - 1) + 1
        line = text[prev_start : start - 1]
        if not is_item(line):
            stripped = line.strip()
            return stripped if stripped.endswith((":", "：")) else None
        start = prev_start
    return None


def list_run(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the run of list items (no other line between) whose item holds
    text[pos], or None when that line is no list item: the plan a step belongs to."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if not is_item(text[start:end]):
        return None
    for _ in range(_MAX_ITEMS):
        if start == 0:
            break
        prev = text.rfind("\n", 0, start - 1) + 1
        if not is_item(text[prev : start - 1]):
            break
        start = prev
    for _ in range(_MAX_ITEMS):
        if end >= len(text):
            break
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if not is_item(text[end + 1 : nxt]):
            break
        end = nxt
    return start, end


# A heading that warns against its items: strong negators in the languages the engine
# reads, and the phrases of a list of don'ts; "don't forget these:" warns of nothing.
_WARNING = re.compile(
    r"\b(?:never|don'?t|don’t|do\s+not|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|"
    r"under\s+no\s+circumstances|what\s+not\s+to|things\s+not\s+to|anti-?patterns?|"
    r"mistakes\s+to\s+avoid|jamais|ne\s+\w+\s+(?:pas|jamais)|nunca|no\s+(?:hagas|ejecutes)|"
    r"niemals|keinesfalls|nicht|não)\b|しないで|ないで|てはいけ|禁止|厳禁|切勿|请勿|千万不要|不要",
    re.I,
)
_IDLE = re.compile(
    r"\b(?:don'?t|don’t|do\s+not|never)\s+(?:ever\s+)?(?:worry|panic|forget|mind|hesitate|"
    r"wait|bother|skip|miss|omit)\b|\bavoid\s+(?:downtime|outages?|data\s+loss|mistakes)\b",
    re.I,
)


def warned_item(text: str, pos: int) -> bool:
    """text[pos] is in an item of a list whose heading warns against its items."""
    heading = heading_of(text, pos)
    return heading is not None and bool(_WARNING.search(heading)) and not _IDLE.search(heading)
