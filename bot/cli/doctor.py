"""`twokey doctor`: is this deployment ready to serve, and if not, what to do about it.

Each check is read-only (no file, table or message is created) and ends in one
line: what was found, and for a problem the fix. Exit 0 when nothing is wrong
(warnings allowed), 1 when something would stop TwoKey or its approvals.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.context import config_path
from bot.cli.undeliverable import check_outbox
from bot.config import ConfigError, Settings, TwoKeyConfig
from bot.config_file import load_config
from bot.slack.scopes import BOT_SCOPES
from storage.db import explain, make_engine, masked_url
from storage.schema import current_revision, head_revision

Level = Literal["ok", "warn", "fail"]
MARK = {"ok": "✓", "warn": "!", "fail": "✗"}

REQUIRED_SCOPES = frozenset(BOT_SCOPES)

MAX_CLOCK_SKEW = 60.0
"""Seconds; Slack refuses signed requests 5 minutes off, and deadlines drift before that."""


@dataclass
class Check:
    name: str
    level: Level
    detail: str
    fix: str = ""
    data: dict[str, Any] | None = None
    """Figures for scripts (`--json`), where a check has them."""


def check_config(settings: Settings) -> tuple[Check, TwoKeyConfig | None]:
    try:
        path = config_path(settings, example=False)
        config = load_config(path)
    except ConfigError as exc:
        return Check("configuration", "fail", str(exc)), None
    detail = (
        f"{path}: {len(config.agents)} agents, {len(config.approvers)} approver groups, "
        f"{len(config.catalog)} catalog resources, {len(config.policy.rules)} custom rules"
    )
    return Check("configuration", "ok", detail), config


def check_environment(settings: Settings) -> Check:
    needed = ["slack_bot_token", "twokey_secret_key"]
    if not settings.slack_app_token:
        needed.append("slack_signing_secret")  # HTTP mode verifies every inbound request
    missing = [n.upper() for n in needed if not getattr(settings, n)]
    mode = "Socket Mode" if settings.slack_app_token else "HTTP mode"
    if missing:
        return Check(
            "environment",
            "fail",
            f"{', '.join(missing)} not set ({mode})",
            "set them (see README, Configuration); `twokey serve` refuses to start without them",
        )
    if settings.slack_app_token and not settings.slack_app_token.startswith("xapp-"):
        return Check(
            "environment",
            "fail",
            "SLACK_APP_TOKEN is not an app-level token (xapp-…)",
            "create one with connections:write under Basic Information → App-Level Tokens",
        )
    return Check("environment", "ok", f"{mode}; every variable `twokey serve` needs is set")


def check_database(url: str) -> Check:
    try:
        engine = make_engine(url)
    except ConfigError as exc:
        return Check("database", "fail", str(exc))
    shown = masked_url(engine.url)
    try:
        file = make_url(url).database if engine.dialect.name == "sqlite" else None
        if file and file != ":memory:" and not Path(file).expanduser().exists():
            return Check(
                "database",
                "warn",
                f"{shown}: the file does not exist yet",
                "`twokey serve` (or `twokey db upgrade`) creates it",
            )
        current, head = current_revision(engine), head_revision()
    except SQLAlchemyError as exc:
        return Check("database", "fail", explain(engine, exc))
    finally:
        engine.dispose()
    if current == head:
        return Check("database", "ok", f"{shown}: schema at {head} (newest)")
    if current is None:
        return Check(
            "database",
            "warn",
            f"{shown}: empty",
            "`twokey serve` or `twokey db upgrade` migrates it",
        )
    return Check(
        "database",
        "warn",
        f"{shown}: schema at {current}, this TwoKey needs {head}",
        "run `twokey db upgrade` (serve also upgrades at start unless told not to)",
    )


async def check_slack(settings: Settings, config: TwoKeyConfig | None) -> list[Check]:
    """auth.test (token, scopes, clock), then the approvals channel."""
    from bot.slack.app import SLACK_API_URL, create_web_client

    where = settings.twokey_slack_api_url or SLACK_API_URL
    token = settings.slack_bot_token
    if not token:
        return [Check("slack", "fail", "SLACK_BOT_TOKEN is not set", "set it to the bot token")]
    if not token.startswith("xoxb-"):
        return [
            Check(
                "slack",
                "fail",
                "SLACK_BOT_TOKEN is not a bot token (xoxb-…)",
                "use the Bot User OAuth Token from the app's OAuth & Permissions page",
            )
        ]
    client = create_web_client(settings, rate_limit_retries=1)
    try:
        auth = await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        return [
            Check(
                "slack",
                "fail",
                f"Slack at {where} refused the token ({error})",
                "copy the current Bot User OAuth Token (reinstalling the app rotates it)",
            )
        ]
    except Exception as exc:
        return [
            Check(
                "slack",
                "fail",
                f"Slack at {where} is unreachable ({type(exc).__name__})",
                "check outbound HTTPS to slack.com (or TWOKEY_SLACK_API_URL)",
            )
        ]
    headers = {str(k).lower(): str(v) for k, v in (auth.headers or {}).items()}
    out = [
        Check(
            "slack token",
            "ok",
            f"bot {auth.get('user')} ({auth.get('user_id')}) in {auth.get('team')} "
            f"({auth.get('team_id')})",
        ),
        _scopes(headers.get("x-oauth-scopes")),
        _clock(headers.get("date")),
    ]
    out.append(await _approvals_channel(client, config))
    return out


def _scopes(granted_header: str | None) -> Check:
    if granted_header is None:
        return Check("slack scopes", "warn", "Slack did not list the token's scopes")
    granted = {s.strip() for s in granted_header.split(",") if s.strip()}
    missing = sorted(REQUIRED_SCOPES - granted)
    if missing:
        return Check(
            "slack scopes",
            "fail",
            f"missing {', '.join(missing)}",
            "add them from manifest.yml under OAuth & Permissions, then reinstall the app",
        )
    return Check("slack scopes", "ok", f"all {len(REQUIRED_SCOPES)} scopes of manifest.yml")


def _clock(date_header: str | None, now: datetime | None = None) -> Check:
    if not date_header:
        return Check("clock", "warn", "Slack's answer carried no Date to compare with")
    try:
        theirs = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return Check("clock", "warn", f"Slack's Date header is unreadable ({date_header[:40]!r})")
    skew = ((now or datetime.now(UTC)) - theirs).total_seconds()
    if abs(skew) > MAX_CLOCK_SKEW:
        ahead = "ahead of" if skew > 0 else "behind"
        return Check(
            "clock",
            "fail",
            f"this machine is {abs(skew):.0f} s {ahead} Slack",
            "enable time sync (e.g. `timedatectl set-ntp true`); deadlines and request "
            "signatures depend on it",
        )
    return Check("clock", "ok", f"within {MAX_CLOCK_SKEW:.0f} s of Slack ({skew:+.0f} s)")


async def _approvals_channel(client: Any, config: TwoKeyConfig | None) -> Check:
    name = "approvals channel"
    channel = config.slack.approvals_channel if config else None
    if not channel:
        return Check(
            name,
            "warn",
            "slack.approvals_channel is not set",
            "set it to the channel id (C…) where approval cards should go",
        )
    if channel.startswith("#"):
        return Check(
            name,
            "warn",
            f"{channel} is given by name; membership can only be checked by id",
            "use the channel id (C…): channel details → About, at the bottom",
        )
    try:
        await client.conversations_history(channel=channel, limit=1)
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error == "not_in_channel":
            return Check(
                name,
                "fail",
                f"TwoKey is not in {channel}",
                f"invite it: /invite @TwoKey in {channel}",
            )
        if error == "channel_not_found":
            return Check(
                name,
                "fail",
                f"{channel} does not exist, or is private and TwoKey is not in it",
                "check the id in slack.approvals_channel, and invite @TwoKey",
            )
        return Check(name, "fail", f"Slack answered {error} for {channel}")
    except Exception as exc:
        return Check(name, "fail", f"could not ask Slack about {channel} ({type(exc).__name__})")
    return Check(name, "ok", f"TwoKey is in {channel}")


def check_slack_outbox(url: str) -> Check:
    """Slack effects given up on: who was never asked or told, why, and what to do."""
    engine = make_engine(url)
    try:
        found = check_outbox(engine)
    except SQLAlchemyError as exc:
        return Check("slack outbox", "warn", f"could not read it: {explain(engine, exc)}")
    finally:
        engine.dispose()
    return Check("slack outbox", found.level, found.detail, found.fix, found.data or None)


def run_checks(settings: Settings, database_url: str | None = None) -> list[Check]:
    config_check, config = check_config(settings)
    checks = [config_check, check_environment(settings)]
    url = database_url or settings.twokey_database_url
    checks.append(check_database(url))
    if checks[-1].level == "ok":  # migrated and reachable: the outbox can be read
        checks.append(check_slack_outbox(url))
    checks += asyncio.run(check_slack(settings, config))
    return checks


def register(app: typer.Typer) -> None:
    """Add `doctor` to the `twokey` command line."""

    @app.command("doctor")
    def doctor(
        database_url: Annotated[
            str | None, typer.Option("--db", help="SQLAlchemy URL (default: TWOKEY_DATABASE_URL)")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts")] = False,
    ) -> None:
        """Check configuration, database, Slack outbox, token, scopes, channel and clock; say
        what to fix.

        Exit 1 when something is wrong; warnings alone exit 0.
        """
        checks = run_checks(Settings(), database_url)
        failed = any(c.level == "fail" for c in checks)
        if as_json:
            print(json.dumps({"ok": not failed, "checks": [asdict(c) for c in checks]}, indent=2))
        else:
            width = max(len(c.name) for c in checks)
            for c in checks:
                print(f"{MARK[c.level]} {c.name:<{width}}  {c.detail}")
                if c.fix:
                    print(f"  {'':<{width}}  fix: {c.fix}")
            problems = sum(c.level == "fail" for c in checks)
            print(f"\n{problems} problem(s)." if problems else "\nReady to serve.")
        if failed:
            raise typer.Exit(1)
