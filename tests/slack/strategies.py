"""Hypothesis strategies for worst-case Slack inputs (fences, entities, mentions, unicode)."""

from __future__ import annotations

from hypothesis import strategies as st

TOKENS = ["```", "`", "<", ">", "&", "&amp;", "<@U0CEO0001>", "<!here>", "\n", "\u200b", "é漢🙂"]

instructions = st.lists(
    st.one_of(
        st.sampled_from(TOKENS),
        st.characters(),
        st.text(alphabet="x ", min_size=40, max_size=400),
    ),
    max_size=120,
).map("".join)
"""Random instructions: fences, escapes, mentions, long lines and any unicode, mixed."""
