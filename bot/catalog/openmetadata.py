"""An HTTP catalog provider for OpenMetadata's REST API (`GET /api/v1/tables`).

Pages through every table with its columns, owners, tags and latest profile
(`fields=columns,owners,tags,profile`, cursor `after`), and turns each into an
entry: `schema.table` from the fully qualified name
(`service.database.schema.table`), the owners' email or name, a classification
from the tags (`Tier.Tier1` is not a level; `Sensitivity.Restricted`,
`PII.Sensitive` are), PII columns from column tags (`PII.*`) or names, and the
profiler's row count and size. Only metadata is requested, never sample data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

from bot.catalog.pii import classification_in, first_line, is_pii, stricter
from bot.config import ConfigError
from storage.catalog import Entry

PAGE = 500
MAX_PAGES = 1000
TIMEOUT = 30.0
FIELDS = "columns,owners,tags,profile"


class OpenMetadataProvider:
    """Reads tables from one OpenMetadata server with a bot's bearer token."""

    kind = "openmetadata"

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        client_factory: Callable[..., httpx.Client] = httpx.Client,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/api"):
            self.base_url += "/api"
        self._token = token
        self._client_factory = client_factory

    @property
    def origin(self) -> str:
        return self.base_url

    def fetch(self) -> list[Entry]:
        headers = {"Accept": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        with self._client_factory(base_url=self.base_url, headers=headers, timeout=TIMEOUT) as c:
            entries = (table_entry(t) for t in self._tables(c))
            return [e for e in entries if e is not None]

    def _tables(self, client: httpx.Client) -> Iterator[Mapping[str, Any]]:
        after: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"fields": FIELDS, "limit": PAGE, "include": "non-deleted"}
            if after:
                params["after"] = after
            try:
                response = client.get("/v1/tables", params=params)
            except httpx.HTTPError as exc:
                raise ConfigError(f"openmetadata {self.base_url}: {type(exc).__name__}") from None
            if response.status_code in (401, 403):
                raise ConfigError(
                    f"openmetadata {self.base_url}: {response.status_code}: the token was "
                    "refused (a bot token with read access to tables is needed)"
                )
            if response.status_code != 200:
                raise ConfigError(f"openmetadata {self.base_url}: HTTP {response.status_code}")
            body = response.json()
            yield from (t for t in body.get("data") or [] if isinstance(t, dict))
            after = (body.get("paging") or {}).get("after")
            if not after:
                return
        raise ConfigError(f"openmetadata {self.base_url}: more than {MAX_PAGES} pages of tables")


def table_entry(table: Mapping[str, Any]) -> Entry | None:
    fqn = str(table.get("fullyQualifiedName") or "")
    parts = _split_fqn(fqn)
    if len(parts) < 2:
        return None
    tags = _tag_names(table)
    profile = table.get("profile") or {}
    entry = Entry(
        name=".".join(parts[-2:]).lower(),
        kind="view" if table.get("tableType") == "View" else "table",
        owner=_owner(table.get("owners") or table.get("owner")),
        description=first_line(table.get("description")),
        tags=sorted(set(tags)),
        classification=classification_in((), tuple(tags)),
        rows=_int(profile.get("rowCount")),
        bytes=_int(profile.get("sizeInByte")),
    )
    for column in table.get("columns") or []:
        if isinstance(column, dict) and column.get("name"):
            _add_column(entry, column)
    return entry


def _tag_names(item: Mapping[str, Any]) -> list[str]:
    return [str(t.get("tagFQN")) for t in item.get("tags") or [] if isinstance(t, dict)]


def _add_column(entry: Entry, column: Mapping[str, Any]) -> None:
    """A column's type, its PII tag or name, and its label (which only makes it stricter)."""
    name = str(column["name"])
    ctags = _tag_names(column)
    ctype = str(column.get("dataTypeDisplay") or column.get("dataType") or "")
    entry.columns.append([name, ctype])
    tagged = any(t.lower().startswith("pii.") and t.lower() != "pii.none" for t in ctags)
    if tagged or is_pii(name, ctype):
        entry.pii_fields.append(name)
    entry.classification = stricter(entry.classification, classification_in((), tuple(ctags)))


def _split_fqn(fqn: str) -> list[str]:
    """Split on dots outside double quotes (OpenMetadata quotes names that hold dots)."""
    parts, current, quoted = [], "", False
    for ch in fqn:
        if ch == '"':
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p for p in parts if p]


def _owner(owners: Any) -> str | None:
    if isinstance(owners, dict):
        owners = [owners]
    for owner in owners or []:
        if isinstance(owner, dict):
            who = owner.get("email") or owner.get("name") or owner.get("displayName")
            if who:
                return str(who)
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
