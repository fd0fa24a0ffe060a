"""The people, bots and channels of the demo's Northwind workspace.

Ids match the shipped example config (bot/defaults/example.yml), so the demo
runs the real routing: opsbot and datapal are configured agents, the approvers
are its data-governance and platform groups. Names exist only to make the
rendered Slack messages readable; TwoKey itself only ever sees ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str
    email: str

    @property
    def dm(self) -> str:
        """The bot's DM channel with this person in the stand-in (`D` + id without `U`)."""
        return "D" + self.id[1:]


DANA = Person("U0DANA001", "Dana", "customer success", "dana@northwind.example")
SAM = Person("U0SAM0001", "Sam", "analytics", "sam@northwind.example")
LEE = Person("U0LEE0001", "Lee", "on-call engineer", "lee@northwind.example")
ANA = Person("U0DGOV001", "Ana", "data governance", "ana@northwind.example")
MARCUS = Person("U0DGOV002", "Marcus", "data governance", "marcus@northwind.example")
RUTH = Person("U0DGOV003", "Ruth", "data governance", "ruth@northwind.example")
PRIYA = Person("U0ADMIN01", "Priya", "security engineering", "priya@northwind.example")
TOMAS = Person("U0PLAT001", "Tomás", "platform lead", "tomas@northwind.example")
KIM = Person("U0PLAT002", "Kim", "platform lead", "kim@northwind.example")
PEOPLE = (DANA, SAM, LEE, ANA, MARCUS, RUTH, PRIYA, TOMAS, KIM)

OPSBOT_BOT_ID = "B0OPSBOT1"
OPSBOT_USER_ID = "U0OPSBOT1"
DATAPAL_BOT_ID = "B0DATAPAL"
TWOKEY_USER_ID = "U0TWOKEY1"

CS_CHANNEL = "C0CUSTSUCC"
ONCALL_CHANNEL = "C0ONCALL01"
APPROVALS_CHANNEL = "C0APPROVALS"

CHANNEL_NAMES = {
    CS_CHANNEL: "customer-success",
    ONCALL_CHANNEL: "oncall",
    APPROVALS_CHANNEL: "data-approvals",
}


def display_names() -> dict[str, str]:
    """Id → name for everything the renderer may meet in a message (users, bots, channels)."""
    names = {p.id: p.name for p in PEOPLE}
    names.update(CHANNEL_NAMES)
    names.update(
        {
            OPSBOT_BOT_ID: "opsbot",
            OPSBOT_USER_ID: "opsbot",
            DATAPAL_BOT_ID: "datapal",
            TWOKEY_USER_ID: "TwoKey",
        }
    )
    for person in PEOPLE:
        names[person.dm] = f"DM with {person.name}"
    return names


def where(channel: str) -> str:
    """How a conversation is titled in the narration: `#name` or `DM with Name`."""
    names = display_names()
    if channel in CHANNEL_NAMES:
        return "#" + CHANNEL_NAMES[channel]
    return names.get(channel, channel)


def standin_users() -> dict[str, dict[str, Any]]:
    """The workspace directory the Slack stand-in answers `users.*` from."""
    return {
        p.id: {
            "name": p.name.lower(),
            "real_name": p.name,
            "is_bot": False,
            "profile": {"email": p.email, "title": p.title},
        }
        for p in PEOPLE
    }


def standin_channels() -> dict[str, list[str]]:
    """The conversations the stand-in knows, with members: TwoKey is in each channel the
    demo uses, as the setup notes ask, so Slack's membership rules apply as in real life."""
    everyone = [p.id for p in PEOPLE]
    return {
        CS_CHANNEL: [*everyone, OPSBOT_USER_ID, TWOKEY_USER_ID],
        ONCALL_CHANNEL: [*everyone, OPSBOT_USER_ID, TWOKEY_USER_ID],
        APPROVALS_CHANNEL: [*everyone, TWOKEY_USER_ID],
    }
