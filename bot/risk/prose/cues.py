"""Does a message say its recipient is an outsider, or that what it sends is sensitive?

Once company domains are configured, an address at any other domain is outside them. Most
such addresses in agents' messages are colleagues at a domain the configuration does not
list (a subsidiary, a second brand, a new acquisition) or partners who receive what is
made for them. What makes a send to one of them risky is said in the message itself: the
recipient named as an outsider ("the vendor", "their agency", "el contratista", "代理商")
or the material named as sensitive (customer records, personal fields, credentials, a
whole database, an admin role). Without either, the send is recorded, not held
(`sharing.assess_sharing`). Personal mailboxes and look-alike domains are held whatever
the message says.

Read over the whole message, in every language it is written in: the words that mark an
outsider are often a sentence away from the command that names the address.
"""

from __future__ import annotations

from bot.risk.prose.intent import languages
from bot.risk.prose.sharing import names_sensitive

__all__ = ["outsider_or_sensitive"]

_SLOTS = ("data", "pii", "people", "secret", "admin", "external", "personal", "public", "ai")


def outsider_or_sensitive(low: str) -> bool:
    """`low` (a lower-cased message) names its recipient as an outsider or its material as
    sensitive, in English or in a language it is written in."""
    if names_sensitive(low):
        return True
    return any(lx.pattern(slot).search(low) for lx in languages(low) for slot in _SLOTS)
