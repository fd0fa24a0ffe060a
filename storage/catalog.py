"""The catalog TwoKey learned from where the data lives: one row per resource per source.

Every replica and `twokey check` read the same rows, so a sync on one machine
is seen by all. A sync replaces a source's rows in one transaction: a table
dropped upstream disappears, and nobody ever reads half a sync. Rows hold
names, counts and labels only — never a value from the data itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel, col, select

from storage.models import UTCDateTime, utcnow


def _ts(**kw: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kw)


class CatalogSource(SQLModel, table=True):
    """One place the catalog came from, and how its last sync went."""

    __tablename__ = "catalog_sources"

    name: str = Field(primary_key=True, max_length=60)
    kind: str = Field(max_length=16)
    """database | dbt | openmetadata"""
    origin: str = Field(max_length=500)
    """Where it was read: a URL with its password masked, or a file path."""
    entries: int = 0
    synced_at: datetime = _ts(default_factory=utcnow, nullable=False)
    seconds: float = 0.0


class CatalogEntry(SQLModel, table=True):
    """What one source knows of one resource (`schema.table`, lower case)."""

    __tablename__ = "catalog_entries"
    __table_args__ = (sa.Index("ix_catalog_entries_name", "name"),)

    source: str = Field(primary_key=True, max_length=60)
    name: str = Field(primary_key=True, max_length=255)
    kind: str = Field(default="table", max_length=16)
    classification: str | None = Field(default=None, max_length=24)
    """As the source labels it; None when it does not say (then the rules decide)."""
    pii_fields: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    owner: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=500)
    rows: int | None = Field(default=None, sa_type=sa.BigInteger)
    """Approximate row count (planner statistics), never an exact scan."""
    bytes: int | None = Field(default=None, sa_type=sa.BigInteger)
    columns: list[list[str]] = Field(default_factory=list, sa_type=sa.JSON)
    """[[name, type], …]"""
    downstream: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    """Models and exposures built from this resource (dbt lineage)."""
    tags: list[str] = Field(default_factory=list, sa_type=sa.JSON)


@dataclass
class Entry:
    """A resource as a source reports it, before it is stored."""

    name: str
    kind: str = "table"
    classification: str | None = None
    pii_fields: list[str] = field(default_factory=list)
    owner: str | None = None
    description: str | None = None
    rows: int | None = None
    bytes: int | None = None
    columns: list[list[str]] = field(default_factory=list)
    downstream: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


_BATCH = 2000


def replace_source(
    session: Session,
    *,
    name: str,
    kind: str,
    origin: str,
    entries: Sequence[Entry],
    seconds: float,
) -> int:
    """Swap a source's rows for `entries` in the caller's transaction; return how many."""
    session.execute(sa.delete(CatalogEntry).where(col(CatalogEntry.source) == name))
    unique: dict[str, Entry] = {}
    for entry in entries:
        unique.setdefault(entry.name.lower(), entry)
    rows = [
        {
            "source": name,
            "name": key[:255],
            "kind": e.kind,
            "classification": e.classification,
            "pii_fields": e.pii_fields,
            "owner": (e.owner or None) and e.owner[:200],
            "description": (e.description or None) and e.description[:500],
            "rows": e.rows,
            "bytes": e.bytes,
            "columns": e.columns,
            "downstream": e.downstream,
            "tags": e.tags,
        }
        for key, e in unique.items()
    ]
    table = CatalogEntry.__table__  # type: ignore[attr-defined]
    for start in range(0, len(rows), _BATCH):
        session.execute(sa.insert(table), rows[start : start + _BATCH])
    source = session.get(CatalogSource, name)
    if source is None:
        source = CatalogSource(name=name, kind=kind, origin=origin[:500])
    source.kind, source.origin = kind, origin[:500]
    source.entries, source.synced_at, source.seconds = len(rows), utcnow(), seconds
    session.add(source)
    return len(rows)


@dataclass(frozen=True)
class Fact:
    """What the risk engine needs of one row (no columns, no description): cheap to load."""

    source: str
    name: str
    kind: str
    classification: str | None
    pii_fields: list[str]
    owner: str | None
    rows: int | None
    bytes: int | None
    downstream: list[str]


def all_facts(session: Session) -> list[Fact]:
    """Every row's facts, read as plain tuples (10,000 tables load in a fraction of a second)."""
    t = CatalogEntry.__table__  # type: ignore[attr-defined]
    query = sa.select(
        t.c.source,
        t.c.name,
        t.c.kind,
        t.c.classification,
        t.c.pii_fields,
        t.c.owner,
        t.c.rows,
        t.c.bytes,
        t.c.downstream,
    )
    return [Fact(*row) for row in session.execute(query)]


def entries_named(session: Session, name: str) -> list[CatalogEntry]:
    return list(session.exec(select(CatalogEntry).where(col(CatalogEntry.name) == name.lower())))


def sources(session: Session) -> list[CatalogSource]:
    return list(session.exec(select(CatalogSource).order_by(col(CatalogSource.name))))


def version(session: Session) -> tuple[int, datetime | None]:
    """Changes when any source is synced: replicas reload their catalog only then."""
    count, latest = session.execute(
        sa.select(sa.func.count(), sa.func.max(col(CatalogSource.synced_at)))
    ).one()
    return int(count), latest


def forget_source(session: Session, name: str) -> bool:
    session.execute(sa.delete(CatalogEntry).where(col(CatalogEntry.source) == name))
    source = session.get(CatalogSource, name)
    if source is None:
        return False
    session.delete(source)
    return True
