"""A local stand-in for Slack's Web API: `twokey demo` runs against it, and so do the tests.

It lives in the package (not in tests/) because the demo ships with TwoKey.
The tests use it too, so there is one fake, not two.

A real HTTP server on 127.0.0.1 (a free port, its own thread and event loop),
so the code under test talks to it through the real `slack_sdk` client exactly
as it would talk to slack.com: `AsyncWebClient(token=..., base_url=fake.url + "/api/")`.

It answers like Slack for the methods TwoKey uses, keeps the messages it was
sent (so `chat.update` really changes them), enforces the Block Kit limits
Slack enforces (so an oversized card fails here as it would there), records
every call for assertions, and can be told to fail a method — e.g. `ratelimited`
with a `Retry-After` header — a given number of times.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.slack.scopes import BOT_SCOPES

BOT_TOKEN = "xoxb-test-twokey"  # noqa: S105 - the stand-in's own token, valid nowhere else
BOT_USER_ID = "U0TWOKEY1"
BOT_ID = "B0TWOKEY1"
TEAM_ID = "T0NORTHWD"

MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_TEXT = 75
MAX_ACTION_ID = 255
MAX_MESSAGE_TEXT = 40000


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.time)


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    user: str = BOT_USER_ID
    ephemeral_for: str | None = None
    updates: int = 0
    metadata: dict[str, Any] | None = None

    def button(self, action_id: str, value: str | None = None) -> dict[str, Any] | None:
        """The button with this action id (and value, if given), in an actions block or as a
        section's accessory; what a person would click."""
        for block in self.blocks:
            elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
            if block.get("accessory"):
                elements.append(block["accessory"])
            for element in elements:
                if element.get("action_id") == action_id and (
                    value is None or element.get("value") == value
                ):
                    return dict(element)
        return None


@dataclass
class _Failure:
    error: str
    times: int
    status: int = 200
    retry_after: int | None = None
    text: str | None = None
    hang: float = 0.0
    taken: bool = False


class BlockKitError(ValueError):
    pass


class MessageTooLong(ValueError):
    """Slack's `msg_blocks_too_long`: the blocks hold more text than a message may."""


MAX_BLOCKS_TEXT = 12_000
"""Characters of text in one message's blocks above which Slack answers `msg_blocks_too_long`."""
TRIGGER_TTL = 3.0
"""Seconds a `trigger_id` can open a view."""

_TEXT_KEYS = {"plain_text": {"type", "text", "emoji"}, "mrkdwn": {"type", "text", "verbatim"}}
_BLOCK_KEYS = {
    "section": {"type", "block_id", "text", "fields", "accessory", "expand"},
    "header": {"type", "block_id", "text"},
    "context": {"type", "block_id", "elements"},
    "actions": {"type", "block_id", "elements"},
    "divider": {"type", "block_id"},
    "input": {"type", "block_id", "label", "element", "hint", "optional", "dispatch_action"},
    "image": {"type", "block_id", "image_url", "alt_text", "title", "slack_file"},
    "rich_text": {"type", "block_id", "elements"},
}
_BUTTON_KEYS = {"type", "text", "action_id", "url", "value", "style", "confirm"}
_BUTTON_KEYS |= {"accessibility_label"}
_CONFIRM_KEYS = {"title", "text", "confirm", "deny", "style"}
_INPUT_KEYS = {"type", "action_id", "placeholder", "initial_value", "multiline", "min_length"}
_INPUT_KEYS |= {"max_length", "dispatch_action_config", "focus_on_load"}
_STYLES = {"primary", "danger"}
_SELECTS = {"static_select", "external_select", "users_select", "conversations_select"}
_SELECTS |= {"channels_select", "overflow", "datepicker", "timepicker", "checkboxes"}
_SELECTS |= {"radio_buttons"}
_INTERACTIVE = {"button", *_SELECTS}
_INPUT_ELEMENTS = {"plain_text_input", *_SELECTS}
_VIEW_KEYS = {"type", "title", "blocks", "close", "submit", "private_metadata", "callback_id"}
_VIEW_KEYS |= {"clear_on_close", "notify_on_close", "external_id", "submit_disabled"}


def _check_keys(obj: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise BlockKitError(f"{where}: unknown key(s) {unknown}")


def _check_text(obj: Any, where: str, limit: int = MAX_SECTION_TEXT, plain: bool = False) -> None:
    if not isinstance(obj, dict) or "text" not in obj or "type" not in obj:
        raise BlockKitError(f"{where}: must be a text object")
    if obj["type"] not in ("plain_text", "mrkdwn"):
        raise BlockKitError(f"{where}: unknown text type {obj['type']!r}")
    if plain and obj["type"] != "plain_text":
        raise BlockKitError(f"{where}: must be plain_text")
    _check_keys(obj, _TEXT_KEYS[obj["type"]], where)
    if not isinstance(obj["text"], str) or not obj["text"]:
        raise BlockKitError(f"{where}: text must be a non-empty string")
    if len(obj["text"]) > limit:
        raise BlockKitError(f"{where}: must be less than {limit + 1} characters")


def _check_confirm(obj: Any, where: str) -> None:
    if not isinstance(obj, dict):
        raise BlockKitError(f"{where}: must be a confirmation object")
    _check_keys(obj, _CONFIRM_KEYS, where)
    _check_text(obj.get("title"), f"{where}.title", 100, plain=True)
    _check_text(obj.get("text"), f"{where}.text", 300)
    _check_text(obj.get("confirm"), f"{where}.confirm", 30, plain=True)
    _check_text(obj.get("deny"), f"{where}.deny", 30, plain=True)
    if "style" in obj and obj["style"] not in _STYLES:
        raise BlockKitError(f"{where}.style: must be primary or danger")


def _check_element(el: Any, where: str, allowed: set[str] = _INTERACTIVE) -> None:
    if not isinstance(el, dict) or el.get("type") not in allowed:
        kind = el.get("type") if isinstance(el, dict) else type(el).__name__
        raise BlockKitError(f"{where}: element type {kind!r} not allowed here")
    if len(el.get("action_id", "")) > MAX_ACTION_ID:
        raise BlockKitError(f"{where}.action_id: too long")
    if el["type"] == "button":
        _check_keys(el, _BUTTON_KEYS, where)
        _check_text(el.get("text"), f"{where}.text", MAX_BUTTON_TEXT, plain=True)
        if len(el.get("value", "")) > MAX_BUTTON_VALUE:
            raise BlockKitError(f"{where}.value: must be less than 2001 characters")
        if "url" in el and len(el["url"]) > 3000:
            raise BlockKitError(f"{where}.url: too long")
        if "style" in el and el["style"] not in _STYLES:
            raise BlockKitError(f"{where}.style: must be primary or danger")
        if "confirm" in el:
            _check_confirm(el["confirm"], f"{where}.confirm")
    elif el["type"] == "plain_text_input":
        _check_keys(el, _INPUT_KEYS, where)
        if "placeholder" in el:
            _check_text(el["placeholder"], f"{where}.placeholder", 150, plain=True)


def _check_section(block: dict[str, Any], where: str) -> None:
    if "text" not in block and "fields" not in block:
        raise BlockKitError(f"{where}: section needs text or fields")
    if "text" in block:
        _check_text(block["text"], f"{where}.text")
    for j, f in enumerate(block.get("fields", [])):
        _check_text(f, f"{where}.fields[{j}]", 2000)
    if len(block.get("fields", [])) > 10:
        raise BlockKitError(f"{where}.fields: at most 10")
    if "accessory" in block:
        _check_element(block["accessory"], f"{where}.accessory")


def _check_header(block: dict[str, Any], where: str) -> None:
    _check_text(block.get("text"), f"{where}.text", 150, plain=True)


def _check_context(block: dict[str, Any], where: str) -> None:
    elements = block.get("elements", [])
    if not elements or len(elements) > 10:
        raise BlockKitError(f"{where}.elements: 1 to 10 items")
    for j, el in enumerate(elements):
        _check_text(el, f"{where}.elements[{j}]")


def _check_actions(block: dict[str, Any], where: str) -> None:
    elements = block.get("elements", [])
    if not elements or len(elements) > 25:
        raise BlockKitError(f"{where}.elements: 1 to 25 items")
    for j, el in enumerate(elements):
        _check_element(el, f"{where}.elements[{j}]")


def _check_input(block: dict[str, Any], where: str) -> None:
    _check_text(block.get("label"), f"{where}.label", 2000, plain=True)
    if "hint" in block:
        _check_text(block["hint"], f"{where}.hint", 2000, plain=True)
    if "element" not in block:
        raise BlockKitError(f"{where}: input needs an element")
    _check_element(block["element"], f"{where}.element", _INPUT_ELEMENTS)


_BLOCK_CHECKS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "section": _check_section,
    "header": _check_header,
    "context": _check_context,
    "actions": _check_actions,
    "input": _check_input,
}
"""What each block type checks beyond its keys (a divider has nothing more)."""


def _check_block_id(block: dict[str, Any], where: str, seen: set[str]) -> None:
    if "block_id" not in block:
        return
    block_id = block["block_id"]
    if not isinstance(block_id, str) or not block_id or len(block_id) > 255:
        raise BlockKitError(f"{where}.block_id: 1 to 255 characters")
    if block_id in seen:
        raise BlockKitError(f"{where}.block_id: {block_id!r} is repeated")
    seen.add(block_id)


def check_blocks(blocks: Any, *, limit: int) -> None:
    """Slack's Block Kit validation for every block, element and object TwoKey could send:
    limits, known keys only, element types per place, button styles, unique block ids."""
    if not isinstance(blocks, list):
        raise BlockKitError("blocks: must be an array")
    if len(blocks) > limit:
        raise BlockKitError(f"blocks: must contain at most {limit} items")
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]"
        if not isinstance(block, dict):
            raise BlockKitError(f"{where}: must be an object")
        kind = block.get("type")
        if kind not in _BLOCK_KEYS:
            raise BlockKitError(f"{where}: unsupported block type {kind!r}")
        _check_keys(block, _BLOCK_KEYS[kind], where)
        _check_block_id(block, where, block_ids)
        check = _BLOCK_CHECKS.get(kind)
        if check is not None:
            check(block, where)


def blocks_text_length(blocks: Any) -> int:
    """Characters in every text object of `blocks`, as counted for `msg_blocks_too_long`."""
    if isinstance(blocks, list):
        return sum(blocks_text_length(b) for b in blocks)
    if not isinstance(blocks, dict):
        return 0
    own = len(blocks["text"]) if isinstance(blocks.get("text"), str) else 0
    return own + sum(blocks_text_length(v) for v in blocks.values() if isinstance(v, dict | list))


def check_message_blocks(blocks: Any) -> None:
    """A message's blocks as `chat.postMessage`/`chat.update`/`chat.postEphemeral` check them."""
    check_blocks(blocks, limit=MAX_BLOCKS_MESSAGE)
    if blocks_text_length(blocks) > MAX_BLOCKS_TEXT:
        raise MessageTooLong(f"blocks hold more than {MAX_BLOCKS_TEXT} characters of text")


def check_view(view: Any) -> None:
    """A modal or Home view as `views.open`/`views.publish` check it."""
    if isinstance(view, str):
        view = json.loads(view)
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        raise BlockKitError("view: type must be modal or home")
    _check_keys(view, _VIEW_KEYS, "view")
    if view["type"] == "modal":
        _check_text(view.get("title"), "view.title", 24, plain=True)
        for key in ("submit", "close"):
            if key in view:
                _check_text(view[key], f"view.{key}", 24, plain=True)
    if len(view.get("private_metadata", "")) > 3000:
        raise BlockKitError("view.private_metadata: too long")
    if len(view.get("callback_id", "")) > 255:
        raise BlockKitError("view.callback_id: too long")
    check_blocks(view.get("blocks", []), limit=MAX_BLOCKS_VIEW)


def new_trigger_id(at: float | None = None) -> str:
    """A trigger id as Slack issues them with an interaction; it records when (ms)."""
    issued = time.time() if at is None else at
    return f"{int(issued * 1000)}.{secrets.token_hex(6)}"


def trigger_age(trigger_id: str) -> float | None:
    """Seconds since a `new_trigger_id` was issued; None when it is not one."""
    head = trigger_id.split(".", 1)[0]
    if not head.isdigit() or len(head) < 12:
        return None
    return time.time() - int(head) / 1000


class SlackFake:
    """Run with `with SlackFake() as fake:`; `fake.url` is the server's root."""

    def __init__(
        self,
        *,
        users: dict[str, dict[str, Any]] | None = None,
        usergroups: dict[str, list[str]] | None = None,
        channels: dict[str, list[str]] | None = None,
        token: str = BOT_TOKEN,
        scopes: Iterable[str] | None = None,
    ) -> None:
        """`channels`: the workspace's channels and group DMs (id -> member user ids; the
        bot is `BOT_USER_ID`). Given, Slack's rules apply: an unknown id is
        `channel_not_found`, posting where the bot is not a member `not_in_channel`, an
        ephemeral to a non-member `user_not_in_channel`, a DM to a user not in `users`
        `channel_not_found`. None models a workspace where the bot is in every channel
        (the demo and tests that are not about membership)."""
        self.token = token
        self.scopes: list[str] = list(BOT_SCOPES if scopes is None else scopes)
        """Granted to the token; Slack lists them in every answer's `X-OAuth-Scopes` header."""
        self.users: dict[str, dict[str, Any]] = dict(users or {})
        self.usergroups: dict[str, list[str]] = dict(usergroups or {})
        self.channels: dict[str, list[str]] | None = (
            None if channels is None else {k: list(v) for k, v in channels.items()}
        )
        self.calls: list[Call] = []
        self.messages: list[Message] = []
        self.views: list[dict[str, Any]] = []
        """Open modals, in order; `views.update` replaces one in place."""
        self.view_ids: dict[str, int] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, bytes] = {}
        self.files: list[dict[str, Any]] = []
        self.responses: dict[str, list[dict[str, Any]]] = {}
        """What was sent to each `response_url` (slash commands, actions), in order."""
        self._failures: dict[str, list[_Failure]] = {}
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # ---- lifecycle -------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def start(self) -> SlackFake:
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._serve())
            except BaseException as exc:  # surfaced to the caller of start()
                errors.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup() if self._runner else asyncio.sleep(0))
            loop.close()

        self._thread = threading.Thread(target=run, name="slack-fake", daemon=True)
        self._thread.start()
        ready.wait(10)
        if errors:
            raise errors[0]
        return self

    async def _serve(self) -> None:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        app.router.add_post("/response/{key}", self._handle_response)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server) and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> SlackFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- configuration and assertions -----------------------------------

    def fail(
        self,
        method: str,
        error: str = "internal_error",
        *,
        times: int = 1,
        retry_after: int | None = None,
        status: int | None = None,
        text: str | None = None,
        hang: float = 0.0,
        taken: bool = False,
    ) -> None:
        """Make the next `times` calls of `method` fail like Slack would.

        `ratelimited` answers HTTP 429 with `Retry-After` (seconds), as Slack does.
        `status` sets the HTTP status (e.g. 500); `text` answers that plain text
        instead of JSON, as a proxy in front of Slack does; `hang` waits that many
        seconds before answering (a caller's timeout sees a hang). With `taken`,
        Slack does the call first (the message is posted) and then answers as
        above: a caller that times out, is killed meanwhile, or reads the error
        never learns it was done.
        """
        if status is None:
            status = 429 if error == "ratelimited" else 200
        if error == "ratelimited" and retry_after is None:
            retry_after = 0
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(
                    error=error,
                    times=times,
                    status=status,
                    retry_after=retry_after,
                    text=text,
                    hang=hang,
                    taken=taken,
                )
            )

    def recover(self, method: str | None = None) -> None:
        """Forget the failures still queued for `method` (every method if None)."""
        with self._lock:
            if method is None:
                self._failures.clear()
            else:
                self._failures.pop(method, None)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def messages_in(self, channel: str) -> list[Message]:
        with self._lock:
            return [m for m in self.messages if m.channel == channel]

    def find_button(
        self, action_id: str, *, value: str | None = None, channel: str | None = None
    ) -> tuple[Message, dict[str, Any]] | None:
        """The newest message (in `channel`, or anywhere) carrying that button, and the button."""
        with self._lock:
            messages = [m for m in self.messages if channel is None or m.channel == channel]
        for message in reversed(messages):
            button = message.button(action_id, value)
            if button is not None:
                return message, button
        return None

    def message(self, channel: str, ts: str) -> Message:
        with self._lock:
            for m in self.messages:
                if m.channel == channel and m.ts == ts:
                    return m
        raise KeyError((channel, ts))

    def dm_channel(self, user: str) -> str:
        return "D" + user[1:]

    def all_posted_text(self) -> Iterator[str]:
        """Every string TwoKey sent to Slack (messages, blocks, views), for leak checks."""
        with self._lock:
            calls = list(self.calls)
        for call in calls:
            yield json.dumps(call.params, ensure_ascii=False)

    # ---- HTTP ------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)
            else:
                params.update(dict(await request.post()))
        for key in ("blocks", "view", "attachments", "files", "metadata"):
            value = params.get(key)
            if isinstance(value, str) and value[:1] in "[{":
                params[key] = json.loads(value)
        return params

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        with self._lock:
            self.calls.append(Call(method=method, params=params, token=token))
            failure = self._take_failure(method)
        if failure is not None and failure.taken:
            await self._answer(method, params, token)  # done; the caller is told otherwise
        if failure is not None:
            if failure.hang:
                await asyncio.sleep(failure.hang)
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            if failure.text is not None:
                return web.Response(text=failure.text, status=failure.status, headers=headers)
            return web.json_response(
                {"ok": False, "error": failure.error}, status=failure.status, headers=headers
            )
        return await self._answer(method, params, token)

    async def _answer(self, method: str, params: dict[str, Any], token: str | None) -> web.Response:
        if token != self.token:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        try:
            with self._lock:
                body = handler(params)
        except BlockKitError as exc:
            body = {"ok": False, "error": "invalid_blocks", "errors": [str(exc)]}
        ok = body.setdefault("ok", True)
        if ok:
            body.setdefault("response_metadata", {"warnings": []})
        return web.json_response(body, headers={"X-OAuth-Scopes": ",".join(self.scopes)})

    async def _handle_upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        with self._lock:
            self.calls.append(Call(method="upload", params={"file_id": file_id}, token=None))
            self.uploads[file_id] = data
        return web.Response(text=f"OK - {len(data)}")

    def response_url(self) -> str:
        """A fresh `response_url`, as Slack sends with a slash command or an action."""
        key = secrets.token_hex(8)
        with self._lock:
            self.responses[key] = []
        return f"{self.url}/response/{key}"

    def responses_to(self, url: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.responses.get(url.rsplit("/", 1)[-1], []))

    async def _handle_response(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        body = await request.json()
        with self._lock:
            self.calls.append(Call(method="response_url", params=body, token=None))
            if key not in self.responses:
                return web.Response(status=404, text="no_such_response_url")
            if len(self.responses[key]) >= 5:
                return web.Response(status=410, text="used_url")  # Slack: five uses
            try:
                if not body.get("text") and not body.get("blocks"):
                    return web.Response(status=400, text="no_text")
                if body.get("blocks") is not None:
                    check_message_blocks(body["blocks"])
            except BlockKitError:
                return web.Response(status=400, text="invalid_blocks")
            except MessageTooLong:
                return web.Response(status=400, text="msg_blocks_too_long")
            self.responses[key].append(body)
        return web.Response(text="ok")

    def _take_failure(self, method: str) -> _Failure | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        return failure

    # ---- methods (called with the lock held) -----------------------------

    def _next_ts(self) -> str:
        return f"{1_764_000_000 + next(self._ts)}.{next(self._ids):06d}"

    def _check_channel(self, params: dict[str, Any], key: str = "channel") -> dict[str, Any] | None:
        channel = params.get(key)
        if not channel or not isinstance(channel, str) or channel[0] not in "CGDU#":
            return {"ok": False, "error": "channel_not_found"}
        resolved = self._resolve_channel(channel)
        if channel.startswith(("U", "D")):
            user = self.users.get("U" + resolved[1:], {})
            if user.get("is_bot"):
                return {"ok": False, "error": "cannot_dm_bot"}
            if self.channels is not None and "U" + resolved[1:] not in self.users:
                return {"ok": False, "error": "channel_not_found"}
            return None
        if self.channels is None:
            return None
        if resolved not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if BOT_USER_ID not in self.channels[resolved]:
            return {"ok": False, "error": "not_in_channel"}
        return None

    def members(self, channel: str) -> list[str] | None:
        """Who is in a conversation, if the fake models it (the bot's DMs: the user and the bot;
        a DM listed in `channels`, e.g. an agent's with a person, has the members listed)."""
        resolved = self._resolve_channel(channel)
        if self.channels is not None and resolved in self.channels:
            return self.channels[resolved]
        if resolved.startswith("D"):
            return ["U" + resolved[1:], BOT_USER_ID]
        if self.channels is None:
            return None
        return self.channels.get(resolved)

    def _check_content(self, params: dict[str, Any]) -> dict[str, Any] | None:
        text = params.get("text")
        blocks = params.get("blocks")
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        if text and len(text) > MAX_MESSAGE_TEXT:
            return {"ok": False, "error": "msg_too_long"}
        if blocks is not None:
            try:
                check_message_blocks(blocks)
            except MessageTooLong:
                return {"ok": False, "error": "msg_blocks_too_long"}
        return None

    def _resolve_channel(self, channel: str) -> str:
        # Posting to a user id posts in the bot's DM with that user, and a #name in that
        # channel; Slack answers with the conversation id either way.
        if channel.startswith("U"):
            return self.dm_channel(channel)
        if channel.startswith("#"):
            return "C" + "".join(ch for ch in channel[1:].upper() if ch.isalnum())[:10]
        return channel

    def _m_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": "https://northwind.slack.com/",
            "team": "Northwind",
            "user": "twokey",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _m_chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        error = self._check_channel(params) or self._check_content(params)
        if error:
            return error
        channel = self._resolve_channel(params["channel"])
        msg = Message(
            channel=channel,
            ts=self._next_ts(),
            text=params.get("text") or "",
            blocks=list(params.get("blocks") or []),
            thread_ts=params.get("thread_ts"),
            metadata=params.get("metadata") if isinstance(params.get("metadata"), dict) else None,
        )
        self.messages.append(msg)
        return {
            "channel": channel,
            "ts": msg.ts,
            "message": {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "text": msg.text,
                "blocks": msg.blocks,
                "ts": msg.ts,
                **({"thread_ts": msg.thread_ts} if msg.thread_ts else {}),
            },
        }

    def _m_chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        error = self._check_channel(params) or self._check_content(params)
        if error:
            return error
        if not params.get("user"):
            return {"ok": False, "error": "user_not_found"}
        members = self.members(params["channel"])
        if members is not None and params["user"] not in members:
            return {"ok": False, "error": "user_not_in_channel"}
        msg = Message(
            channel=params["channel"],
            ts=self._next_ts(),
            text=params.get("text") or "",
            blocks=list(params.get("blocks") or []),
            thread_ts=params.get("thread_ts"),
            ephemeral_for=params["user"],
        )
        self.messages.append(msg)
        return {"message_ts": msg.ts}

    def _m_chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        error = self._check_channel(params) or self._check_content(params)
        if error:
            return error
        for msg in self.messages:
            if msg.channel == params["channel"] and msg.ts == params.get("ts"):
                if msg.ephemeral_for:
                    return {"ok": False, "error": "message_not_found"}
                if "text" in params:
                    msg.text = params["text"] or ""
                if "blocks" in params:
                    msg.blocks = list(params["blocks"] or [])
                msg.updates += 1
                return {"channel": msg.channel, "ts": msg.ts, "text": msg.text}
        return {"ok": False, "error": "message_not_found"}

    def _m_chat_getPermalink(self, params: dict[str, Any]) -> dict[str, Any]:
        error = self._check_channel(params)
        if error:
            return error
        ts = str(params.get("message_ts", ""))
        if not ts:
            return {"ok": False, "error": "message_not_found"}
        return {
            "channel": params["channel"],
            "permalink": (
                f"https://northwind.slack.com/archives/{params['channel']}/p{ts.replace('.', '')}"
            ),
        }

    def _history(self, messages: list[Message], params: dict[str, Any]) -> list[dict[str, Any]]:
        """Newest first, as Slack lists them; metadata only when asked for."""
        limit = int(params.get("limit") or 100)
        with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
        out = []
        for m in reversed(messages[-limit:] if limit else messages):
            item: dict[str, Any] = {"type": "message", "ts": m.ts, "text": m.text}
            if m.thread_ts:
                item["thread_ts"] = m.thread_ts
            if with_metadata and m.metadata:
                item["metadata"] = m.metadata
            out.append(item)
        return out

    def _m_conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        """Messages of a channel, newest first; Slack's errors for an unknown channel and
        one the bot is not in (when the fake models channels)."""
        channel = self._resolve_channel(str(params.get("channel") or ""))
        if self.channels is not None and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        members = self.members(channel)
        if members is not None and BOT_USER_ID not in members:
            return {"ok": False, "error": "not_in_channel"}
        top = [
            m
            for m in self.messages
            if m.channel == channel and not m.ephemeral_for and m.thread_ts in (None, m.ts)
        ]
        return {"channel": channel, "messages": self._history(top, params), "has_more": False}

    def _m_conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(str(params.get("channel") or ""))
        ts = str(params.get("ts") or "")
        thread = [
            m
            for m in self.messages
            if m.channel == channel and not m.ephemeral_for and (m.ts == ts or m.thread_ts == ts)
        ]
        return {"channel": channel, "messages": self._history(thread, params), "has_more": False}

    def _m_conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        for uid in users:
            if self.users.get(uid, {}).get("is_bot"):
                return {"ok": False, "error": "cannot_dm_bot"}
            if self.channels is not None and uid not in self.users:
                return {"ok": False, "error": "user_not_found"}
        if len(users) == 1:
            return {"channel": {"id": self.dm_channel(users[0]), "is_im": True}}
        return {"channel": {"id": "G" + "".join(u[-3:] for u in users), "is_mpim": True}}

    def _m_conversations_members(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        members = self.members(channel) if channel[:1] in ("C", "G", "D") else None
        if members is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"members": list(members)}

    def _m_conversations_join(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        if self.channels is None:
            return {"channel": {"id": channel}}
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if not channel.startswith("C"):
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        if BOT_USER_ID not in self.channels[channel]:
            self.channels[channel].append(BOT_USER_ID)
        return {"channel": {"id": channel, "is_member": True}}

    def _m_views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        age = trigger_age(str(params.get("trigger_id") or ""))
        if age is None:
            return {"ok": False, "error": "invalid_trigger_id"}
        if age > TRIGGER_TTL:
            return {"ok": False, "error": "expired_trigger_id"}
        view = params.get("view")
        check_view(view)
        assert isinstance(view, dict)
        view_id = f"V{next(self._ids):08d}"
        self.views.append(view)
        self.view_ids[view_id] = len(self.views) - 1
        return {"view": {"id": view_id, **view}}

    def _m_views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        view_id = str(params.get("view_id") or "")
        if view_id not in self.view_ids:
            return {"ok": False, "error": "not_found"}
        view = params.get("view")
        check_view(view)
        assert isinstance(view, dict)
        self.views[self.view_ids[view_id]] = view
        return {"view": {"id": view_id, **view}}

    def _m_views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user = params.get("user_id")
        if not user:
            return {"ok": False, "error": "user_not_found"}
        view = params.get("view")
        check_view(view)
        assert isinstance(view, dict)
        self.home_views[user] = view
        return {"view": {"id": f"V{next(self._ids):08d}", **view}}

    def _m_users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"user": {"id": params["user"], "team_id": TEAM_ID, **user}}

    def _m_users_lookupByEmail(self, params: dict[str, Any]) -> dict[str, Any]:
        email = str(params.get("email", "")).lower()
        for uid, user in self.users.items():
            if str(user.get("profile", {}).get("email", "")).lower() == email:
                return {"user": {"id": uid, "team_id": TEAM_ID, **user}}
        return {"ok": False, "error": "users_not_found"}

    def _m_usergroups_users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        group = params.get("usergroup")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"users": list(self.usergroups[group])}

    def _m_files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("filename") or not params.get("length"):
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        return {"upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        if params.get("channel_id"):
            error = self._check_channel(params, "channel_id")
            if error:
                return error
        out = []
        for f in files:
            if f.get("id") not in self.uploads:
                return {"ok": False, "error": "file_not_found"}
            record = {
                "id": f["id"],
                "title": f.get("title", ""),
                "channel": params.get("channel_id"),
                "thread_ts": params.get("thread_ts"),
                "size": len(self.uploads[f["id"]]),
            }
            self.files.append(record)
            out.append(record)
        return {"files": out}
