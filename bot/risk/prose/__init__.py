"""Risk described in words: sharing, access and control changes (`sharing`), and
instructions written as plain prose in seven languages (`intent`)."""

from bot.risk.prose.sharing import ProseResult, assess_prose, classify_domain

__all__ = ["ProseResult", "assess_prose", "classify_domain"]
