"""`anchor … target` within one clause, found in linear time.

A regex such as `\\bmysql\\b[^\\n|;&]*?-p…` or `\\bgrant\\b[^;\\n]*?\\bon\\s+…` restarts at
every occurrence of its anchor and reads to the end of the clause each time: on a long
line that repeats the anchor ("mysql mysql mysql …", "GRANT GRANT …") that is quadratic,
seconds on 64 KB. `after_in_clause` finds the same matches (of `target`; what the regex
would find, minus the anchor and the words between) reading each clause once: the first
anchor in a clause either reaches a target or rules out every later anchor there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["after_in_clause"]


def after_in_clause(
    anchor: re.Pattern[str], head: str, target: re.Pattern[str], stops: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """Matches of `target`, each after an `anchor` with no `stops` character between them,
    as `finditer` of `anchor[^stops]*?target` finds them (same ends, same groups).

    `head` is a literal every match of `target` starts with (`-p`, `on`); `stops` is a
    character class (`[\\n|;&]`) none of whose characters starts `head`."""
    pos, begin, end, ruled_out = 0, 0, -1, False
    # The first search may be a `prefiltered` one, which rules most texts out at once; the
    # rest start just past an anchor, where the pattern alone is cheaper (its prefilter
    # would scan ahead for the same word first, thousands of times on a long line).
    search, then = anchor.search, getattr(anchor, "regex", anchor).search
    while (found_anchor := search(text, pos)) is not None:
        search = then
        pos = found_anchor.start() + 1
        after = found_anchor.end()
        within = begin <= after <= end  # [begin, end) holds no stop character
        if within and ruled_out:
            continue  # no target after an earlier anchor of this clause, so none after this one
        if not within:
            stop = stops.search(text, after)
            begin, end = after, stop.start() if stop is not None else len(text)
        at = text.find(head, after, end)
        while at != -1:
            found = target.match(text, at)
            if found is not None:
                yield found
                pos = found.end()
                break
            at = text.find(head, at + 1, end)
        else:
            ruled_out = True
            continue
        ruled_out = False
