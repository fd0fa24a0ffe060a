"""`twokey demo`: TwoKey doing its real job, offline, narrated, and checked.

The demo runs the real server (`bot.server.build_server`, the code `twokey
serve` runs) on loopback against the Slack stand-in and plays three short
stories through it: a held and denied bucket share, an agent released by an
approval through the gate API, and a request nobody answered in time. Every
step checks the database and the Slack calls the stand-in recorded, so the demo
is also a smoke test: a step that did not happen as narrated ends the demo with
its number and a non-zero exit.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text
from sqlalchemy.engine import Engine, make_url

from bot.approvals import RequestView
from bot.cli.history import history_table
from bot.client import AsyncTwoKeyClient, TwoKeyError
from bot.config import EXAMPLE_CONFIG, ConfigError, Settings, TwoKeyConfig
from bot.config_file import load_config
from bot.demo import cast
from bot.demo.harness import DemoError, RunningApp, SlackSide, standin_settings, until
from bot.demo.render import message_to_lines
from bot.demo.slack_standin import Message, SlackFake
from bot.slack import blocks
from storage import screened
from storage.audit import append_event, events_for, verify_chain
from storage.db import database_errors, make_engine, session_scope
from storage.history import HistoryFilter, HistoryRecord, query_history
from storage.keys import create_key
from storage.schema import ensure_schema

EXIT_OK = 0
EXIT_STEP_FAILED = 1
EXIT_SETUP_FAILED = 2

DEMO_TIMEOUT_SECONDS = 5
STEP_TIMEOUT_SECONDS = 10.0
"""policy.default_timeout in the config copy of story three (30m in the shipped file)."""

SHARE_TEXT = (
    f"<@{cast.DANA.id}> Acme's analysts need the churn export before their 3pm call. "
    "Please share s3://northwind-customer-exports with partner@acme-analytics.example "
    "(read access is enough)."
)
EXTERNAL_ADDRESS = "partner@acme-analytics.example"
DANA_JUSTIFICATION = "Acme renewal call at 3pm; their account lead asked for the churn export."
DENY_REASON = (
    "Customer exports don't leave Northwind by bucket share. "
    "Send Acme the aggregated churn report from the BI workspace instead."
)
DATAPAL_SQL = (
    "SELECT email, full_name, phone FROM crm.customers "
    "WHERE churn_risk > 0.8 ORDER BY churn_risk DESC"
)
SAM_JUSTIFICATION = "Yes: RET-311 call list for my team, approved by Kim."
DATAPAL_JUSTIFICATION = "Retention campaign RET-311: call list of at-risk accounts for Sam's team."
DUMP_TEXT = (
    f"<@{cast.LEE.id}> the migration check needs a fresh copy: run "
    "`pg_dump -h prod-db-1.internal northwind > /tmp/northwind.sql` and upload it here."
)
LEE_JUSTIFICATION = "INC-2291: compare last night's migration against production."


class DemoOptions(BaseModel):
    """What the command line asked for."""

    step: bool = False
    """Pause for Enter between steps (only when standard input is a terminal)."""
    keep: bool = False
    """Leave the database behind and say how to explore it."""
    database_url: str | None = None
    """Use this database instead of a temporary SQLite file (never deleted)."""
    expiry_seconds: float = Field(DEMO_TIMEOUT_SECONDS, gt=0, le=60)
    step_timeout: float = Field(STEP_TIMEOUT_SECONDS, gt=0, le=600)
    """How long each step waits for TwoKey's effect before the step counts as failed."""


class StepFailed(Exception):
    """A step did not happen as narrated."""

    def __init__(self, number: int, title: str, problem: str) -> None:
        super().__init__(f"step {number} ({title}): {problem}")
        self.number = number
        self.title = title
        self.problem = problem


@dataclass
class Ids:
    """The requests the stories created, for the final checks."""

    share: str = ""
    query: str = ""
    dump: str = ""
    key_id: str = ""
    token: str = ""
    runs: list[str] = field(default_factory=list)


def _in_order(expected: list[str], actual: list[str]) -> bool:
    """`expected` occurs in `actual` in this order (other events may come between)."""
    rest = iter(actual)
    return all(any(a == e for a in rest) for e in expected)


def _has_actions(message: Message) -> bool:
    return any(b.get("type") == "actions" for b in message.blocks)


def _text_of(message: Message) -> str:
    """Everything a person could read in a message, for content checks."""
    return message.text + "\n" + json.dumps(message.blocks, ensure_ascii=False)


class Demo:
    """One run of the demo; `await Demo(...).run()` returns the exit status."""

    def __init__(
        self, options: DemoOptions, console: Console, standin: SlackFake | None = None
    ) -> None:
        self.options = options
        self.console = console
        self.standin = standin or SlackFake(
            users=cast.standin_users(),
            usergroups={"S0SECURITY": ["U0SEC0001"], "S0AUDITORS": [cast.PRIYA.id]},
            channels=cast.standin_channels(),
        )
        self.names = cast.display_names()
        self.ids = Ids()
        self.signing_secret = secrets.token_hex(32)
        self.secret_key = secrets.token_urlsafe(32)
        self.started_at = datetime.now(UTC)
        self.tmpdir: Path | None = None
        self.database_url = ""
        self.engine: Engine | None = None
        self.app: RunningApp | None = None
        self.slack: SlackSide | None = None
        self.share_hold: Message | None = None
        self.pausing = options.step

    # ---- narration -------------------------------------------------------------

    @property
    def width(self) -> int:
        """Slack messages are narrow: panels stay readable on wide terminals."""
        return min(self.console.width, 100)

    def say(self, markup: str) -> None:
        self.console.print(markup, highlight=False)

    def why(self, markup: str) -> None:
        self.console.print(f"[bold magenta]why:[/] {markup}", highlight=False)

    def show(self, message: Message, *, label: str | None = None) -> None:
        """A Slack message as people see it, rendered from its blocks."""
        lines = message_to_lines({"text": message.text, "blocks": message.blocks}, self.names)
        where = cast.where(message.channel)
        title = label or f"{where} · TwoKey"
        if message.thread_ts:
            title += " (thread reply)"
        body = Group(*(Text.from_markup(line) for line in lines))
        self.console.print(
            Panel(body, title=title, title_align="left", width=self.width, border_style="blue")
        )

    def show_agent(self, channel: str, agent: str, text: str) -> None:
        lines = message_to_lines({"text": text}, self.names)
        body = Group(*(Text.from_markup(line) for line in lines))
        title = f"{cast.where(channel)} · {agent} (AI agent)"
        self.console.print(
            Panel(body, title=title, title_align="left", width=self.width, border_style="yellow")
        )

    def show_view(self, view: dict[str, Any], who: str) -> None:
        lines = message_to_lines({"blocks": view.get("blocks") or []}, self.names)
        submit = (view.get("submit") or {}).get("text")
        if submit:
            lines.append(f"[reverse] {escape(submit)} [/reverse]")
        title = (view.get("title") or {}).get("text", "")
        body = Group(*(Text.from_markup(line) for line in lines))
        self.console.print(
            Panel(
                body,
                title=f"modal for {who}: {escape(title)}",
                title_align="left",
                width=self.width,
                border_style="cyan",
            )
        )

    async def pause(self) -> None:
        if not self.pausing:
            return
        if not sys.stdin or not sys.stdin.isatty():
            return  # nobody to press Enter: carry on rather than hang (CI, pipes)
        try:
            await asyncio.to_thread(input, "Press Enter for the next step… ")
        except EOFError:  # standard input closed: play the rest without pausing
            self.pausing = False

    # ---- reading what happened -------------------------------------------------

    @property
    def service(self) -> Any:
        assert self.app is not None
        return self.app.lifecycle.service

    def find(self, channel: str, predicate: Callable[[Message], bool]) -> Message | None:
        for message in self.standin.messages_in(channel):
            if message.ephemeral_for is None and predicate(message):
                return message
        return None

    async def updated(self, ref: Message, needle: str, what: str) -> Message:
        """The message at `ref` once TwoKey has edited it in place to say `needle`, buttons gone."""

        def check() -> Message | None:
            current = self.standin.message(ref.channel, ref.ts)
            done = current.updates and not _has_actions(current) and needle in _text_of(current)
            return current if done else None

        return await self.until(check, what)

    def ephemerals_for(self, user: str) -> list[str]:
        return [
            str(call.params.get("text") or "")
            for call in self.standin.calls_to("chat.postEphemeral")
            if call.params.get("user") == user
        ]

    def views_since(self, count: int, callback_id: str) -> dict[str, Any] | None:
        for view in self.standin.views[count:]:
            if isinstance(view, dict) and view.get("callback_id") == callback_id:
                return view
        return None

    async def request(self, request_id: str) -> RequestView:
        view = await self.service.get(request_id)
        if view is None:
            raise DemoError(f"request {request_id} is not in the database")
        return view

    async def until(self, check: Callable[[], Any], what: str) -> Any:
        """Poll `check` for up to the step timeout (`harness.until`)."""
        return await until(check, what, timeout=self.options.step_timeout)

    async def wait_status(
        self, request_id: str, status: str, *, timeout: float | None = None
    ) -> Any:
        deadline = time.monotonic() + (timeout or self.options.step_timeout)
        while True:
            view = await self.request(request_id)
            if view.status == status:
                await self.app.settle()  # type: ignore[union-attr]
                return await self.request(request_id)
            if time.monotonic() >= deadline:
                raise DemoError(f"{request_id} is {view.status}, expected {status}")
            await asyncio.sleep(0.02)

    async def screened_request(self, channel: str, ts: str) -> str:
        engine = self.engine

        def lookup() -> str | None:
            rows = screened.versions(engine, channel, ts)  # type: ignore[arg-type]
            return next((r.request_id for r in rows if r.request_id), None)

        deadline = time.monotonic() + self.options.step_timeout
        while True:
            found = await asyncio.to_thread(lookup)
            if found:
                return found
            if time.monotonic() >= deadline:
                raise DemoError("TwoKey did not record a request for the agent's message")
            await asyncio.sleep(0.02)

    @staticmethod
    def expect(condition: Any, problem: str) -> None:
        if not condition:
            raise DemoError(problem)

    def no_refusals(self, user: str, before: int) -> None:
        """A click that TwoKey refused leaves a private note; none may appear on the happy path."""
        notes = self.ephemerals_for(user)[before:]
        self.expect(not notes, f"TwoKey refused {self.names.get(user, user)}: {notes[:1]}")

    # ---- setup ---------------------------------------------------------------

    def _database(self) -> str:
        if self.options.database_url:
            return self.options.database_url
        self.tmpdir = Path(tempfile.mkdtemp(prefix="twokey-demo-"))
        return f"sqlite:///{self.tmpdir / 'twokey-demo.db'}"

    def settings(self, config_path: Path) -> Settings:
        assert self.standin is not None
        return standin_settings(
            self.standin,
            secret_key=self.secret_key,
            signing_secret=self.signing_secret,
            twokey_database_url=self.database_url,
            twokey_config=str(config_path),
        )

    async def start_app(self, config_path: Path, config: TwoKeyConfig) -> None:
        assert self.engine is not None
        self.app = await RunningApp.start(self.settings(config_path), config, self.engine)
        self.slack = SlackSide(self.app.url, self.signing_secret)

    async def stop_app(self) -> None:
        if self.slack is not None:
            await self.slack.close()
            self.slack = None
        if self.app is not None:
            await self.app.stop()
            self.app = None

    def short_config(self) -> tuple[Path, TwoKeyConfig]:
        """A copy of the example config whose requests expire in seconds, not 30 minutes."""
        raw = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
        raw["policy"]["default_timeout"] = f"{self.options.expiry_seconds:g}s"
        folder = self.tmpdir or Path(tempfile.mkdtemp(prefix="twokey-demo-config-"))
        self.tmpdir = self.tmpdir or folder
        path = folder / "twokey-demo.yml"
        path.write_text(
            "# The shipped example config with a demo-length timeout (twokey demo, story three).\n"
            + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        return path, load_config(path)

    # ---- the run ---------------------------------------------------------------

    async def run(self) -> int:
        try:
            self.standin.start()
            self.database_url = self._database()
            self.engine = engine = make_engine(self.database_url)
            with database_errors(engine):
                await asyncio.to_thread(ensure_schema, engine)
            config = load_config(EXAMPLE_CONFIG)
            await self.start_app(EXAMPLE_CONFIG, config)
        except (ConfigError, DemoError, OSError) as exc:
            self.console.print(
                f"[bold red]The demo could not start:[/] {escape(str(exc))}", soft_wrap=True
            )
            await self.cleanup()
            return EXIT_SETUP_FAILED
        except Exception as exc:  # a database URL that does not work, a driver missing
            first = (str(exc).splitlines() or [""])[0]
            self.console.print(
                f"[bold red]The demo could not start:[/] {type(exc).__name__}: {escape(first)}",
                soft_wrap=True,
            )
            await self.cleanup()
            return EXIT_SETUP_FAILED
        started = time.monotonic()
        try:
            self.intro()
            await self.pause()
            steps: list[tuple[str, Callable[[], Awaitable[None]]]] = [
                ("opsbot's instruction is held", self.step_hold),
                ("Dana asks for approval", self.step_confirm),
                ("Data governance denies, with a reason", self.step_deny),
                ("datapal waits at the gate API and is approved", self.step_gate),
                ("Nobody decides in time: the request expires", self.step_expire),
                ("The record: history and audit chain", self.step_record),
            ]
            for number, (title, play) in enumerate(steps, start=1):
                await self.run_step(number, title, play, last=number == len(steps))
            self.say(
                f"\n[bold green]Every step happened as narrated[/] "
                f"({time.monotonic() - started:.1f}s). Each one was checked in the database "
                "and in the Slack calls TwoKey made."
            )
        except StepFailed as exc:
            self.console.print()
            self.console.print(
                Panel(
                    f"[bold]Step {exc.number} ({escape(exc.title)}) did not happen as narrated:[/]"
                    f"\n{escape(exc.problem)}\n\n[dim]For the server's side of it, run "
                    "[bold]twokey --log-level INFO demo[/].[/]",
                    title="[bold red]demo failed[/]",
                    border_style="red",
                )
            )
            return EXIT_STEP_FAILED
        finally:
            await self.cleanup()
        return EXIT_OK

    async def run_step(
        self, number: int, title: str, play: Callable[[], Awaitable[None]], *, last: bool
    ) -> None:
        self.console.print()
        self.console.rule(f"[bold]Step {number} · {escape(title)}", align="left")
        try:
            await play()
        except StepFailed:
            raise
        except DemoError as exc:
            raise StepFailed(number, title, str(exc)) from exc
        except (TwoKeyError, OSError) as exc:
            raise StepFailed(number, title, f"{type(exc).__name__}: {exc}") from exc
        except Exception as exc:
            raise StepFailed(number, title, f"unexpected {type(exc).__name__}: {exc}") from exc
        self.say(f"[green]✓ step {number} checked[/]")
        if not last:
            await self.pause()

    async def cleanup(self) -> None:
        await self.stop_app()
        self.standin.stop()
        if self.engine is not None:
            self.engine.dispose()
        if self.options.keep and self.engine is not None:
            shown = make_url(self.database_url).render_as_string(hide_password=True)
            self.say("\nThe database is kept. Explore it with:")
            for command in ("history", f"show {self.ids.share or 'ID'}"):
                # Never folded: the line is meant to be copied whole.
                self.console.print(
                    f"  [bold]TWOKEY_DATABASE_URL={escape(shown)} twokey {command}[/]",
                    highlight=False,
                    soft_wrap=True,
                )
        elif self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    def intro(self) -> None:
        assert self.app is not None
        shown = make_url(self.database_url).render_as_string(hide_password=True)
        self.console.print(
            Panel(
                "[bold]TwoKey[/] puts a second person between an AI agent's risky instruction and "
                "the employee who would carry it out.\n\n"
                f"Running now: the real app (risk engine, approval workflow, scheduler, Slack "
                f"listeners, gate API) on [bold]{self.app.url}[/], exactly what "
                "[bold]twokey serve[/] runs.\n"
                f"Slack: a local stand-in of Slack's Web API at {self.standin.url}; events and "
                "clicks reach TwoKey signed, over HTTP, as Slack sends them.\n"
                f"Database: {escape(shown)}\n"
                f"Config: the shipped example ({EXAMPLE_CONFIG.name}) — Northwind Analytics, "
                "agents opsbot and datapal, approvers in data-governance and platform.",
                title="twokey demo",
                border_style="green",
            )
        )

    # ---- story one: held, confirmed, denied ---------------------------------------

    async def step_hold(self) -> None:
        assert self.slack is not None
        self.say(
            "In #customer-success, the infrastructure assistant [bold]opsbot[/] tells Dana "
            "to share a customer export with an outside address:"
        )
        self.show_agent(cast.CS_CHANNEL, "opsbot", SHARE_TEXT)
        ts = await self.slack.agent_posts(
            channel=cast.CS_CHANNEL,
            bot_id=cast.OPSBOT_BOT_ID,
            bot_user=cast.OPSBOT_USER_ID,
            text=SHARE_TEXT,
        )
        rid = await self.screened_request(cast.CS_CHANNEL, ts)
        self.ids.share = rid
        request = await self.wait_status(rid, "awaiting_requester")
        self.expect(request.requester == cast.DANA.id, "the requester is not Dana")
        self.expect(request.agent == "opsbot", "the request is not attributed to opsbot")
        self.expect(request.decision == "require_approval", "the instruction was not held")
        bucket = next((d for d in request.data if "customer-exports" in d.name), None)
        self.expect(bucket is not None, "the customer-exports bucket was not recognised")
        assert bucket is not None
        hold = await self.until(
            lambda: self.find(cast.CS_CHANNEL, lambda m: m.thread_ts == ts),
            "no hold reply appeared in opsbot's thread",
        )
        self.expect(rid in _text_of(hold), "the hold reply does not name the request")
        self.share_hold = hold
        prompt = await self.until(
            lambda: self.find(cast.DANA.dm, lambda m: m.button(blocks.CONFIRM, rid) is not None),
            "Dana did not get a confirmation prompt with a Request approval button",
        )
        self.say(f"TwoKey screened the message and recorded request [bold]{rid}[/]. In the thread:")
        self.show(hold)
        self.say("And privately, to Dana:")
        self.show(prompt)
        self.why(
            f"the message shares a [bold]restricted[/] bucket holding PII "
            f"({', '.join(bucket.pii_fields)}) with an address outside the company — risk "
            f"[bold]{request.risk}[/], so it needs {request.required_approvals} approval(s) from "
            f"{request.approver_group}. The address itself is masked in everything TwoKey shows. "
            "Before approvers are bothered, the employee confirms she really intends to do it "
            "(policy.require_requester_confirmation)."
        )

    async def step_confirm(self) -> None:
        assert self.slack is not None
        rid = self.ids.share
        prompt = self.find(cast.DANA.dm, lambda m: m.button(blocks.CONFIRM, rid) is not None)
        self.expect(prompt is not None, "Dana's prompt is gone")
        assert prompt is not None
        views = len(self.standin.views)
        notes = len(self.ephemerals_for(cast.DANA.id))
        self.say(
            "Dana clicks [reverse] Request approval [/reverse]. Slack asks TwoKey; TwoKey "
            "opens a form:"
        )
        await self.slack.click(
            user=cast.DANA.id,
            action_id=blocks.CONFIRM,
            value=rid,
            channel=prompt.channel,
            ts=prompt.ts,
        )
        view = await self.until(
            lambda: self.views_since(views, blocks.JUSTIFY_VIEW),
            "the justification form did not open (no views.open call)",
        )
        self.show_view(view, "Dana")
        self.say(f"She types [italic]“{escape(DANA_JUSTIFICATION)}”[/] and sends it.")
        answer = await self.slack.submit_view(
            user=cast.DANA.id, view=view, value=DANA_JUSTIFICATION
        )
        self.expect(not answer.content.strip(), f"the form was refused: {answer.text[:200]}")
        request = await self.wait_status(rid, "pending")
        self.expect(request.justification == DANA_JUSTIFICATION, "the justification was not kept")
        card = await self.until(
            lambda: self.find(
                cast.APPROVALS_CHANNEL, lambda m: m.button(blocks.DENY, rid) is not None
            ),
            "no approval card with Approve/Deny appeared in #data-approvals",
        )
        text = _text_of(card)
        for needle, what in (
            ("restricted", "the classification"),
            ("email", "the PII field names"),
            (cast.ANA.id, "the data owner"),
        ):
            self.expect(needle in text, f"the approval card does not show {what}")
        self.expect(EXTERNAL_ADDRESS not in text, "the approval card shows the external address")
        self.no_refusals(cast.DANA.id, notes)
        await self.updated(prompt, "Sent to the approvers", "Dana's prompt still offers buttons")
        self.say("In #data-approvals, the approval card:")
        self.show(card)
        self.why(
            "approvers decide on what is at stake, not on the agent's wording: the card names the "
            "resource, its classification, which PII fields are involved (never their values), "
            "the owner, the agent and Dana's justification. Dana's prompt now says it was sent."
        )

    async def confirm_as(self, person: cast.Person, rid: str, justification: str) -> None:
        """`person` clicks Request approval in their DM prompt and sends a justification."""
        assert self.slack is not None
        prompt = await self.until(
            lambda: self.find(person.dm, lambda m: m.button(blocks.CONFIRM, rid) is not None),
            f"{person.name} got no confirmation prompt",
        )
        views = len(self.standin.views)
        await self.slack.click(
            user=person.id,
            action_id=blocks.CONFIRM,
            value=rid,
            channel=prompt.channel,
            ts=prompt.ts,
        )
        view = await self.until(
            lambda: self.views_since(views, blocks.JUSTIFY_VIEW),
            f"the justification form did not open for {person.name}",
        )
        answer = await self.slack.submit_view(user=person.id, view=view, value=justification)
        self.expect(not answer.content.strip(), f"the form was refused: {answer.text[:200]}")
        await self.wait_status(rid, "pending")

    async def step_deny(self) -> None:
        assert self.slack is not None
        rid = self.ids.share
        card = self.find(cast.APPROVALS_CHANNEL, lambda m: m.button(blocks.DENY, rid) is not None)
        self.expect(card is not None, "the approval card has no Deny button")
        assert card is not None
        views = len(self.standin.views)
        notes = len(self.ephemerals_for(cast.ANA.id))
        self.say("Ana from data governance clicks [reverse] Deny [/reverse]:")
        await self.slack.click(
            user=cast.ANA.id, action_id=blocks.DENY, value=rid, channel=card.channel, ts=card.ts
        )
        view = await self.until(
            lambda: self.views_since(views, blocks.DENY_VIEW),
            "the denial form did not open",
        )
        self.show_view(view, "Ana")
        self.say("She first submits it empty:")
        refused = await self.slack.submit_view(user=cast.ANA.id, view=view, value="")
        try:
            errors = (refused.json() or {}).get("errors") or {}
        except ValueError:
            errors = {}
        self.expect(errors, "a denial without a reason was accepted")
        still = await self.request(rid)
        self.expect(
            still.status == "pending", f"the request became {still.status} without a reason"
        )
        self.say(f"  Slack shows under the field: [red]{escape(next(iter(errors.values())))}[/]")
        self.say(f"She writes [italic]“{escape(DENY_REASON)}”[/] and denies.")
        answer = await self.slack.submit_view(user=cast.ANA.id, view=view, value=DENY_REASON)
        self.expect(not answer.content.strip(), f"the denial was refused: {answer.text[:200]}")
        request = await self.wait_status(rid, "denied")
        self.expect(request.decided_by == cast.ANA.id, "the denial is not recorded as Ana's")
        self.expect(request.reason == DENY_REASON, "the denial reason was not recorded")
        self.expect(
            [(v.voter, v.approve) for v in request.votes] == [(cast.ANA.id, False)],
            "the votes are not exactly Ana's denial",
        )
        updated = await self.updated(
            card, "Denied", "the approval card was not updated in place to Denied"
        )
        assert self.share_hold is not None  # set by step 1
        hold = await self.updated(
            self.share_hold, "Denied", "the hold reply in the thread does not say Denied"
        )
        dm = await self.until(
            lambda: self.find(cast.DANA.dm, lambda m: m.text.startswith("Denied")),
            "Dana did not get a DM with the denial",
        )
        self.expect(DENY_REASON[:40] in _text_of(dm), "Dana's DM does not carry the reason")
        self.no_refusals(cast.ANA.id, notes)
        self.say("The card is updated in place — no buttons left to click:")
        self.show(updated)
        self.say("Dana gets a DM:")
        self.show(dm)
        self.say("And everyone in the agent's thread sees:")
        self.show(hold)
        self.why(
            "one denial is final even when two approvals would be needed, and a denial must say "
            "why, so the employee learns what to do instead. Nothing was shared."
        )

    # ---- story two: the gate API ---------------------------------------------------

    async def step_gate(self) -> None:
        assert self.app is not None and self.engine is not None
        key_id, api_key = await asyncio.to_thread(self._create_key, "datapal")
        self.ids.key_id = key_id
        self.say(
            f"The analytics copilot [bold]datapal[/] runs outside Slack. It has an API key "
            f"([bold]{key_id}[/], made as [bold]twokey keys create --agent datapal[/] makes it; "
            "shown once, stored as a hash) and asks the gate before it runs SQL for Sam:"
        )
        self.console.print(
            Panel(
                Text(DATAPAL_SQL),
                title="datapal wants to run",
                title_align="left",
                width=self.width,
                border_style="yellow",
            )
        )
        async with AsyncTwoKeyClient(self.app.url, api_key, timeout=10.0) as client:
            submitted = await client.submit(
                DATAPAL_SQL,
                requester=cast.SAM.email,
                agent="datapal",
                kind="sql",
                justification=DATAPAL_JUSTIFICATION,
            )
            rid = submitted.id
            self.ids.query = rid
            self.expect(
                submitted.status == "awaiting_requester", f"the gate answered {submitted.status}"
            )
            reasons = "; ".join(f.reason for f in submitted.findings)
            self.say(
                f"[bold]POST /v1/instructions[/] → 202 [bold]{submitted.status}[/], risk "
                f"{submitted.risk}: {escape(reasons)}"
            )
            request = await self.request(rid)
            self.expect(request.requester == cast.SAM.id, "Sam's email was not resolved to Sam")
            self.say(
                "Sam's email was resolved to his Slack account. The agent's reason goes on the "
                "card as the agent's, but it never stands in for Sam: he confirms in Slack first."
            )
            await self.confirm_as(cast.SAM, rid, SAM_JUSTIFICATION)
            card = await self.until(
                lambda: self.find(
                    cast.APPROVALS_CHANNEL, lambda m: m.button(blocks.APPROVE, rid) is not None
                ),
                "no approval card appeared for datapal's request",
            )
            self.say("Sam confirmed, so the card goes to the approvers:")
            self.show(card)
            self.say("datapal now waits on a long-poll ([bold]GET /v1/requests/{id}?wait=…[/]).")
            waiting = asyncio.create_task(client.wait(rid, timeout=30.0))
            await asyncio.sleep(0.3)
            self.expect(not waiting.done(), "the client stopped waiting before anyone decided")
            notes = len(self.ephemerals_for(cast.MARCUS.id))
            self.say("Marcus from data governance clicks [reverse] Approve [/reverse] on the card.")
            clicked = time.monotonic()
            await self.slack.click(  # type: ignore[union-attr]
                user=cast.MARCUS.id,
                action_id=blocks.APPROVE,
                value=rid,
                channel=card.channel,
                ts=card.ts,
            )
            try:
                released = await asyncio.wait_for(waiting, timeout=self.options.step_timeout)
            except TimeoutError:
                raise DemoError("the waiting client was not released by the approval") from None
            latency = time.monotonic() - clicked
            self.expect(released.status == "approved", f"the client saw {released.status}")
            self.expect(released.execution_token, "the approved request carries no execution token")
            self.no_refusals(cast.MARCUS.id, notes)
            self.say(
                f"The client is released {latency * 1000:.0f} ms after the click: "
                f"[bold]approved[/], with an execution token (a secret, not shown)."
            )
            token = self.ids.token = str(released.execution_token)

            def run_query() -> None:
                """datapal's action; here it only counts how often it ran."""
                self.ids.runs.append(DATAPAL_SQL)

            async def act() -> None:
                """What datapal does with its token: redeem it for the exact text, then run."""
                execution = await client.redeem(token, DATAPAL_SQL)
                self.expect(execution.status == "executed", f"redeeming gave {execution.status}")
                run_query()

            await act()
            self.say(
                "datapal redeems the token for exactly the approved text "
                "([bold]POST /v1/executions[/] → 200) and runs its query."
            )
            try:
                await act()
            except TwoKeyError as exc:
                self.expect(exc.status_code == 409, f"a second redemption gave {exc.status_code}")
                self.say("Trying again with the same token is refused: [bold]409[/] already used.")
        request = await self.wait_status(rid, "executed")
        self.expect(len(self.ids.runs) == 1, f"the query ran {len(self.ids.runs)} times, not once")
        self.expect(
            request.decided_by == cast.MARCUS.id, "the approval is not recorded as Marcus's"
        )
        self.expect(request.executed_at is not None, "no execution time was recorded")
        final = await self.updated(
            card, "carried out", "the approval card does not say the action was carried out"
        )
        self.show(final, label=f"{cast.where(final.channel)} · TwoKey (the card, updated)")
        self.why(
            "an agent outside Slack is held the same way. The token is bound to the approved text "
            "and spent once, so an approval can't be reused for a different or repeated action."
        )

    def _create_key(self, agent: str) -> tuple[str, str]:
        with session_scope(self.engine) as session:  # type: ignore[arg-type]
            key, plaintext = create_key(session, agent=agent)
            append_event(
                session,
                action="key.created",
                actor="demo",
                detail={"key_id": key.id, "agent": agent, "admin": False},
            )
            return key.id, plaintext

    # ---- story three: nobody answers -------------------------------------------------

    async def step_expire(self) -> None:
        seconds = self.options.expiry_seconds
        path, config = self.short_config()
        self.say(
            f"Night shift. So you don't wait 30 minutes, TwoKey restarts on the same database "
            f"with a copy of the example config whose [bold]policy.default_timeout[/] is "
            f"[bold]{seconds:g}s[/] ({escape(str(path))})."
        )
        await self.stop_app()
        await self.start_app(path, config)
        assert self.slack is not None
        self.say("In #oncall, opsbot tells Lee:")
        self.show_agent(cast.ONCALL_CHANNEL, "opsbot", DUMP_TEXT)
        ts = await self.slack.agent_posts(
            channel=cast.ONCALL_CHANNEL,
            bot_id=cast.OPSBOT_BOT_ID,
            bot_user=cast.OPSBOT_USER_ID,
            text=DUMP_TEXT,
        )
        rid = await self.screened_request(cast.ONCALL_CHANNEL, ts)
        self.ids.dump = rid
        await self.wait_status(rid, "awaiting_requester")
        hold = await self.until(
            lambda: self.find(cast.ONCALL_CHANNEL, lambda m: m.thread_ts == ts),
            "no hold reply appeared in opsbot's thread",
        )
        prompt = await self.until(
            lambda: self.find(cast.LEE.dm, lambda m: m.button(blocks.CONFIRM, rid) is not None),
            "Lee did not get a confirmation prompt",
        )
        self.show(hold)
        views = len(self.standin.views)
        await self.slack.click(
            user=cast.LEE.id,
            action_id=blocks.CONFIRM,
            value=rid,
            channel=prompt.channel,
            ts=prompt.ts,
        )
        view = await self.until(
            lambda: self.views_since(views, blocks.JUSTIFY_VIEW), "Lee's form did not open"
        )
        await self.slack.submit_view(user=cast.LEE.id, view=view, value=LEE_JUSTIFICATION)
        await self.wait_status(rid, "pending")
        card = await self.until(
            lambda: self.find(
                cast.APPROVALS_CHANNEL, lambda m: m.button(blocks.APPROVE, rid) is not None
            ),
            "no approval card appeared for the dump",
        )
        self.say(
            f"Lee asks for approval ([italic]“{escape(LEE_JUSTIFICATION)}”[/]); the card reaches "
            "the approvers. It is 3 a.m.; nobody answers."
        )
        request = await self.request(rid)
        left = max(0.0, (request.expires_at - datetime.now(UTC)).total_seconds())  # type: ignore[operator]
        with self.console.status(f"waiting for a decision (deadline in {left:.0f}s)…"):
            request = await self.wait_status(
                rid, "expired", timeout=left + self.options.step_timeout
            )
        self.expect(not request.votes, "someone voted on the request")
        updated = await self.updated(
            card, "Expired", "the approval card was not updated to Expired"
        )
        await self.updated(hold, "not* approved", "the hold reply does not say it is not approved")
        await self.updated(prompt, "Expired", "Lee's prompt was not updated to Expired")
        dm = await self.until(
            lambda: self.find(cast.LEE.dm, lambda m: m.text.startswith("Expired")),
            "Lee was not told that the request expired",
        )
        self.expect("not proceed" in _text_of(dm), "Lee's DM does not tell him not to proceed")
        self.say("The deadline passes. The card:")
        self.show(updated)
        self.say("And Lee's DM:")
        self.show(dm)
        self.why(
            "silence is not consent. An expired request is treated as not approved (TwoKey fails "
            "closed), the buttons are gone, and the employee is told not to proceed."
        )

    # ---- the record ----------------------------------------------------------------

    async def step_record(self) -> None:
        assert self.engine is not None
        engine = self.engine
        ours = {self.ids.share: "denied", self.ids.query: "executed", self.ids.dump: "expired"}

        def read() -> tuple[list[HistoryRecord], Any, dict[str, list[str]]]:
            with session_scope(engine) as session:
                page = query_history(session, HistoryFilter(since=self.started_at, limit=50))
                report = verify_chain(session)
                actions = {rid: [e.action for e in events_for(session, rid)] for rid in ours}
            return page.items, report, actions

        records, report, actions = await asyncio.to_thread(read)
        mine = [r for r in records if r.id in ours]
        self.expect(
            {r.id: r.status for r in mine} == ours,
            "the history does not show denied, executed and expired for the three requests: "
            + ", ".join(f"{r.id}={r.status}" for r in mine),
        )
        expected_actions = {
            self.ids.share: [
                "request.awaiting_requester",
                "request.pending",
                "vote.deny",
                "request.denied",
            ],
            self.ids.query: [
                "request.pending",
                "vote.approve",
                "request.approved",
                "request.executed",
            ],
            self.ids.dump: ["request.awaiting_requester", "request.pending", "request.expired"],
        }
        for rid, expected in expected_actions.items():
            self.expect(
                _in_order(expected, actions[rid]),
                f"the audit log of {rid} is {', '.join(actions[rid])}; expected "
                + " → ".join(expected),
            )
        leaked = [
            what
            for what, value in (
                ("the external address", EXTERNAL_ADDRESS),
                ("the execution token", self.ids.token),
            )
            if value and any(value in text for text in self.standin.all_posted_text())
        ]
        self.expect(not leaked, f"TwoKey sent {', '.join(leaked)} to Slack")
        self.say("[bold]twokey history[/] — what just happened, newest first:")
        self.console.print(history_table(mine, self.console.width))
        self.expect(report.ok, f"the audit chain is broken at event {report.broken_seq}")
        self.say(
            f"[bold]twokey audit verify[/] → [green]Audit chain intact:[/] {report.checked} events "
            "verified."
        )
        self.why(
            "admins can see quickly who asked, who decided and why, and every event is chained "
            "by hash, so editing or deleting one afterwards is detected."
        )


def run_demo(
    options: DemoOptions, *, console: Console | None = None, standin: SlackFake | None = None
) -> int:
    """Play the demo; the exit status (0 only if every step happened as narrated).

    `standin` replaces the default Slack stand-in (tests inject failures with it).
    """
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 140))  # CI logs: room for the history table
    return asyncio.run(Demo(options, console, standin).run())
