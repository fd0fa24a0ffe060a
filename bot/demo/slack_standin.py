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
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

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


class BlockKitError(ValueError):
    pass


def _check_text(obj: Any, where: str, limit: int = MAX_SECTION_TEXT) -> None:
    if not isinstance(obj, dict) or "text" not in obj or "type" not in obj:
        raise BlockKitError(f"{where}: must be a text object")
    if obj["type"] not in ("plain_text", "mrkdwn"):
        raise BlockKitError(f"{where}: unknown text type {obj['type']!r}")
    if not isinstance(obj["text"], str) or not obj["text"]:
        raise BlockKitError(f"{where}: text must be a non-empty string")
    if len(obj["text"]) > limit:
        raise BlockKitError(f"{where}: must be less than {limit + 1} characters")


def _check_element(el: dict[str, Any], where: str) -> None:
    if len(el.get("action_id", "")) > MAX_ACTION_ID:
        raise BlockKitError(f"{where}.action_id: too long")
    if el.get("type") == "button":
        _check_text(el.get("text"), f"{where}.text", MAX_BUTTON_TEXT)
        if el["text"]["type"] != "plain_text":
            raise BlockKitError(f"{where}.text: must be plain_text")
        if len(el.get("value", "")) > MAX_BUTTON_VALUE:
            raise BlockKitError(f"{where}.value: must be less than 2001 characters")
        if "url" in el and len(el["url"]) > 3000:
            raise BlockKitError(f"{where}.url: too long")


def check_blocks(blocks: Any, *, limit: int) -> None:
    """The subset of Slack's Block Kit validation that TwoKey could trip over."""
    if not isinstance(blocks, list):
        raise BlockKitError("blocks: must be an array")
    if len(blocks) > limit:
        raise BlockKitError(f"blocks: must contain at most {limit} items")
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]"
        kind = block.get("type")
        if len(block.get("block_id", "")) > 255:
            raise BlockKitError(f"{where}.block_id: too long")
        if kind == "section":
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
        elif kind == "header":
            _check_text(block.get("text"), f"{where}.text", 150)
        elif kind == "context":
            elements = block.get("elements", [])
            if not elements or len(elements) > 10:
                raise BlockKitError(f"{where}.elements: 1 to 10 items")
            for j, el in enumerate(elements):
                _check_text(el, f"{where}.elements[{j}]")
        elif kind == "actions":
            elements = block.get("elements", [])
            if not elements or len(elements) > 25:
                raise BlockKitError(f"{where}.elements: 1 to 25 items")
            for j, el in enumerate(elements):
                _check_element(el, f"{where}.elements[{j}]")
        elif kind == "input":
            _check_text(block.get("label"), f"{where}.label", 2000)
            if "element" not in block:
                raise BlockKitError(f"{where}: input needs an element")
        elif kind not in ("divider", "rich_text", "image"):
            raise BlockKitError(f"{where}: unsupported block type {kind!r}")


def _check_view(view: Any) -> None:
    if isinstance(view, str):
        view = json.loads(view)
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        raise BlockKitError("view: type must be modal or home")
    if view["type"] == "modal":
        _check_text(view.get("title"), "view.title", 24)
        for key in ("submit", "close"):
            if key in view:
                _check_text(view[key], f"view.{key}", 24)
    if len(view.get("private_metadata", "")) > 3000:
        raise BlockKitError("view.private_metadata: too long")
    if len(view.get("callback_id", "")) > 255:
        raise BlockKitError("view.callback_id: too long")
    check_blocks(view.get("blocks", []), limit=MAX_BLOCKS_VIEW)


class SlackFake:
    """Run with `with SlackFake() as fake:`; `fake.url` is the server's root."""

    def __init__(
        self,
        *,
        users: dict[str, dict[str, Any]] | None = None,
        usergroups: dict[str, list[str]] | None = None,
        channel_members: dict[str, list[str]] | None = None,
        token: str = BOT_TOKEN,
    ) -> None:
        self.token = token
        self.users: dict[str, dict[str, Any]] = dict(users or {})
        self.usergroups: dict[str, list[str]] = dict(usergroups or {})
        self.channel_members: dict[str, list[str]] = dict(channel_members or {})
        self.calls: list[Call] = []
        self.messages: list[Message] = []
        self.views: list[dict[str, Any]] = []
        self.home_views: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, bytes] = {}
        self.files: list[dict[str, Any]] = []
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
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
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
    ) -> None:
        """Make the next `times` calls of `method` fail like Slack would.

        `ratelimited` answers HTTP 429 with `Retry-After` (seconds), as Slack does.
        `status` sets the HTTP status (e.g. 500); `text` answers that plain text
        instead of JSON, as a proxy in front of Slack does; `hang` waits that many
        seconds before answering (a caller's timeout sees a hang).
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
                )
            )

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

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

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
        return web.json_response(body)

    async def _handle_upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        with self._lock:
            self.calls.append(Call(method="upload", params={"file_id": file_id}, token=None))
            self.uploads[file_id] = data
        return web.Response(text=f"OK - {len(data)}")

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

    def _check_channel(self, params: dict[str, Any]) -> dict[str, Any] | None:
        channel = params.get("channel")
        if not channel or not isinstance(channel, str) or channel[0] not in "CGDU#":
            return {"ok": False, "error": "channel_not_found"}
        return None

    def _check_content(self, params: dict[str, Any]) -> dict[str, Any] | None:
        text = params.get("text")
        blocks = params.get("blocks")
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        if text and len(text) > MAX_MESSAGE_TEXT:
            return {"ok": False, "error": "msg_too_long"}
        if blocks is not None:
            check_blocks(blocks, limit=MAX_BLOCKS_MESSAGE)
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
        channel = self._resolve_channel(str(params.get("channel") or ""))
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
        if len(users) == 1:
            return {"channel": {"id": self.dm_channel(users[0]), "is_im": True}}
        return {"channel": {"id": "G" + "".join(u[-3:] for u in users), "is_mpim": True}}

    def _m_conversations_members(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if channel not in self.channel_members:
            return {"ok": False, "error": "channel_not_found"}
        return {"members": list(self.channel_members[channel])}

    def _m_views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = params.get("view")
        _check_view(view)
        self.views.append(view)
        return {"view": {"id": f"V{next(self._ids):08d}", **view}}

    def _m_views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user = params.get("user_id")
        if not user:
            return {"ok": False, "error": "user_not_found"}
        view = params.get("view")
        _check_view(view)
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
        out = []
        for f in files:
            if f.get("id") not in self.uploads:
                return {"ok": False, "error": "file_not_found"}
            record = {
                "id": f["id"],
                "title": f.get("title", ""),
                "channel": params.get("channel_id"),
                "size": len(self.uploads[f["id"]]),
            }
            self.files.append(record)
            out.append(record)
        return {"files": out}
