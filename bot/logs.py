"""Structured logging: JSON lines for machines, plain lines for people.

Instruction text is never logged (only request ids and hashes); as a second
line of defence every record passes through a redactor that masks the token
shapes most likely to slip into an exception message.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

_REDACT = re.compile(
    r"(xox[abposr]-[A-Za-z0-9-]{6,}|xapp-[A-Za-z0-9-]{6,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}"
    r"|tk_[A-Za-z0-9_-]{20,}|(?i:bearer)\s+[A-Za-z0-9._~+/=-]{12,}"
    r"|(?i:password|passwd|pwd|secret|token)\s*[=:]\s*\S+"
    r"|\b\d{3}-\d{2}-\d{4}\b|\b(?:\d[ -]?){13,19}\b)"
)


def redact(text: str) -> str:
    return _REDACT.sub("[redacted]", text)


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}
"""Record attributes that are not extra facts (uvicorn's `color_message` repeats msg with ANSI)."""


class _DropKnownNoise(logging.Filter):
    """Bolt warns "`token` will be unused" on every start because SLACK_BOT_TOKEN is set and
    TwoKey hands it a client built from that same token: true, expected, and alarming in logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

        return not (
            record.name.startswith("slack_bolt")
            and record.getMessage() == warning_client_prioritized_and_token_skipped()
        )


class _Redacting(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            out["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request_id" and not key.startswith("_"):
                out[key] = value
        if record.exc_info:
            out["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(out, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", None)
        line = f"{record.levelname.lower():7} {record.name}: {record.getMessage()}"
        if rid:
            line += f" [{rid}]"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info))
        return line


COMMAND_LEVEL = "WARNING"
"""Log level of commands when TWOKEY_LOG_LEVEL is unset: a command's output is its answer."""
SERVE_LEVEL = "INFO"
"""Log level of `twokey serve` when TWOKEY_LOG_LEVEL is unset: a server's log is its record."""


def setup_logging(level: str = SERVE_LEVEL, *, json_lines: bool | None = None) -> None:
    """Idempotent: safe to call from every command."""
    if json_lines is None:
        json_lines = not sys.stderr.isatty()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    handler.addFilter(_DropKnownNoise())
    handler.addFilter(_Redacting())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_twokey", False):
            root.removeHandler(old)
    handler._twokey = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("sqlglot", "apscheduler.executors", "httpx", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
