"""manifest.yml asks for exactly what the code handles."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.slack import blocks
from bot.slack.listeners.commands import COMMAND

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
WEB_API_CALL = re.compile(
    r"(?:client|slack)\.((?:chat|conversations|views|users|usergroups|files|reactions|pins|team)"
    r"_[A-Za-z0-9_]+)\("
)

# Web API methods TwoKey calls, and the bot scopes each needs (None: no scope needed).
# conversations.members needs the scope of each kind of conversation it reads: group DMs
# (who an agent addressed) and channels (how many people a held instruction reaches).
METHOD_SCOPES: dict[str, str | tuple[str, ...] | None] = {
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_getPermalink": None,
    "conversations_open": "im:write",
    "conversations_members": ("mpim:read", "channels:read", "groups:read"),
    # Finding a post of an outbox effect again after a crash (the *:history scopes events need).
    "conversations_history": "channels:history",
    "conversations_replies": "channels:history",
    "conversations_join": "channels:join",
    "views_open": None,
    "views_publish": None,
    "views_update": None,
    "users_lookupByEmail": "users:read.email",
    "users_info": "users:read",
    "usergroups_users_list": "usergroups:read",
    "files_upload_v2": "files:write",
}


def test_scopes_are_exactly_the_ones_used() -> None:
    called = set(WEB_API_CALL.findall(SOURCES))  # every Web API call in bot/, any module
    assert called <= set(METHOD_SCOPES), called - set(METHOD_SCOPES)
    needed: set[str] = set()
    for method in called:
        scopes = METHOD_SCOPES[method]
        needed |= {scopes} if isinstance(scopes, str) else set(scopes or ())
    needed |= {"channels:history", "groups:history", "im:history", "mpim:history"}  # events
    needed |= {"commands", "users:read"}  # /twokey; users:read is required by users:read.email
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


def test_events_shortcut_command_and_interactivity_match_the_listeners() -> None:
    settings = MANIFEST["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "message.channels",
        "message.groups",
        "message.im",
        "message.mpim",
        "app_home_opened",
    }
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    url = "https://twokey.example.com/slack/events"
    assert settings["event_subscriptions"]["request_url"] == url
    assert settings["interactivity"]["request_url"] == url
    assert settings["socket_mode_enabled"] is False
    [shortcut] = MANIFEST["features"]["shortcuts"]
    assert shortcut["type"] == "message" and shortcut["callback_id"] == blocks.SHORTCUT
    assert shortcut["name"] == "Ask for a second approval"
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["command"] == COMMAND and command["url"] == url
    assert command["should_escape"] is True  # history filters read <@U…> mentions


def test_manifest_explains_socket_mode() -> None:
    text = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    assert "socket_mode_enabled: true" in text and "connections:write" in text


def test_texts_are_within_slacks_manifest_limits() -> None:
    info = MANIFEST["display_information"]
    assert len(info["name"]) <= 35 and len(info["description"]) <= 140
    assert 174 <= len(info["long_description"]) <= 4000
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])


def test_setup_notes_and_readme_say_exactly_what_is_screened() -> None:
    manifest = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (manifest, readme):
        assert "group DM" in text and "gate API" in text
        assert "1:1 DM" in text or "DM between an agent and an employee" in text
    assert "message.mpim" in manifest
