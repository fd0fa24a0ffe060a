"""Catalog providers, syncing them into TwoKey's database, and reading the merged result.

A provider is anything with `kind`, `origin` (safe to show: no password) and
`fetch() -> list[Entry]`: a database read through its system catalogs, a dbt
manifest, an HTTP catalog such as OpenMetadata. `sync` stores what one returned
in one transaction; `load_known` merges every source's rows per resource (the
database's sizes, dbt's owner and lineage, PII fields united, the most
sensitive label) for the risk engine.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from sqlalchemy.engine import Engine

from bot.catalog import dbt
from bot.catalog.introspect import introspect, source_engine
from bot.catalog.openmetadata import OpenMetadataProvider
from bot.config import CatalogSourceConfig, Classification, ConfigError
from bot.risk.catalog import CLASSIFICATION_ORDER, Known
from storage import catalog as store
from storage.catalog import Entry
from storage.db import database_errors, masked_url, session_scope


class Provider(Protocol):
    kind: str

    @property
    def origin(self) -> str: ...

    def fetch(self) -> list[Entry]: ...


class DatabaseProvider:
    """Any SQLAlchemy database, read-only, through its own catalog."""

    kind = "database"

    def __init__(self, url: str, *, schemas: list[str] | None = None) -> None:
        self.url = url
        self.schemas = schemas

    @property
    def origin(self) -> str:
        return masked_url(self.url)

    def fetch(self) -> list[Entry]:
        engine = source_engine(self.url)
        try:
            with database_errors(engine):
                return introspect(engine, schemas=self.schemas)
        finally:
            engine.dispose()


class DbtProvider:
    kind = "dbt"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @property
    def origin(self) -> str:
        return str(self.path)

    def fetch(self) -> list[Entry]:
        return dbt.entries(dbt.load_manifest(self.path))


def provider_for(source: CatalogSourceConfig) -> Provider:
    """The provider a configured source describes; secrets come from the environment."""
    if source.dbt_manifest:
        return DbtProvider(source.dbt_manifest)
    if source.openmetadata:
        token = os.environ.get(source.token_env) if source.token_env else None
        if source.token_env and not token:
            raise ConfigError(f"catalog source {source.name}: {source.token_env} is not set")
        return OpenMetadataProvider(source.openmetadata, token)
    return DatabaseProvider(source_url(source))


def source_url(source: CatalogSourceConfig) -> str:
    if source.url_env:
        url = os.environ.get(source.url_env)
        if not url:
            raise ConfigError(f"catalog source {source.name}: {source.url_env} is not set")
        return url
    if not source.url:
        raise ConfigError(f"catalog source {source.name}: no database URL")
    return source.url


@dataclass(frozen=True)
class SyncResult:
    source: str
    kind: str
    entries: int
    pii_tables: int
    seconds: float


def sync(engine: Engine, name: str, provider: Provider) -> SyncResult:
    """Read `provider` and replace source `name`'s rows with what it returned."""
    started = time.perf_counter()
    entries = provider.fetch()
    fetched = time.perf_counter() - started
    with session_scope(engine) as session:
        count = store.replace_source(
            session,
            name=name,
            kind=provider.kind,
            origin=provider.origin,
            entries=entries,
            seconds=fetched,
        )
    return SyncResult(
        source=name,
        kind=provider.kind,
        entries=count,
        pii_tables=sum(1 for e in entries if e.pii_fields),
        seconds=time.perf_counter() - started,
    )


def load_known(engine: Engine) -> list[Known]:
    """Every synced resource, merged across sources."""
    with session_scope(engine) as session:
        rows = store.all_facts(session)
    return merge_entries(rows)


def merge_entries(rows: Iterable[store.Fact]) -> list[Known]:
    grouped: dict[str, list[store.Fact]] = {}
    for row in rows:
        grouped.setdefault(row.name, []).append(row)
    return [
        _merge(name, group) if len(group) > 1 else _one(group[0]) for name, group in grouped.items()
    ]


def _one(row: store.Fact) -> Known:
    """One source knows it (the common case): no merging to do."""
    level = row.classification if row.classification in CLASSIFICATION_ORDER else None
    return Known(
        name=row.name,
        kind=row.kind if row.kind in ("table", "schema", "dataset") else "table",
        classification=cast(Classification, level) if level else None,
        pii_fields=tuple(row.pii_fields or ()),
        owner=row.owner,
        rows=row.rows,
        bytes=row.bytes,
        downstream=tuple(row.downstream or ()),
        sources=(row.source,),
    )


def _merge(name: str, rows: list[store.Fact]) -> Known:
    levels = [r.classification for r in rows if r.classification in CLASSIFICATION_ORDER]
    level = max(levels, key=CLASSIFICATION_ORDER.__getitem__) if levels else None
    pii = list(dict.fromkeys(f for r in rows for f in r.pii_fields or []))
    owner = next((r.owner for r in rows if r.owner), None)
    rows_count = next((r.rows for r in rows if r.rows is not None), None)
    size = next((r.bytes for r in rows if r.bytes is not None), None)
    downstream = list(dict.fromkeys(d for r in rows for d in r.downstream or []))
    return Known(
        name=name,
        kind=rows[0].kind if rows[0].kind in ("table", "schema", "dataset") else "table",
        classification=cast(Classification, level) if level else None,
        pii_fields=tuple(pii),
        owner=owner,
        rows=rows_count,
        bytes=size,
        downstream=tuple(downstream),
        sources=tuple(sorted(r.source for r in rows)),
    )
