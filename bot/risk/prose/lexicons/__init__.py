"""The languages the prose intent grammar reads, one data module each."""

from types import MappingProxyType
from typing import Final

from bot.risk.prose.lexicon import Lexicon
from bot.risk.prose.lexicons import de, en, es, fr, ja, pt, zh

LEXICONS: Final[tuple[Lexicon, ...]] = tuple(m.LEXICON for m in (en, fr, es, de, pt, ja, zh))
BY_LANG: Final = MappingProxyType({lx.lang: lx for lx in LEXICONS})

__all__ = ["BY_LANG", "LEXICONS"]
