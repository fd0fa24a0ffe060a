"""Keeps a running TwoKey's catalog current: configured sources on their schedule, and
whatever any replica (or `twokey catalog sync`) stored, picked up within a minute.

A failed sync is logged and leaves the last good rows in place: an unreachable
warehouse never empties the catalog, and never touches a decision.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.catalog.sources import SyncResult, load_known, provider_for, sync
from bot.config import ConfigError, TwoKeyConfig
from storage import catalog as store
from storage.db import session_scope
from storage.models import utcnow

log = logging.getLogger(__name__)

RELOAD_EVERY = 30.0
"""Seconds between checks for a sync stored by another process."""


class CatalogKeeper:
    def __init__(self, engine: Engine, config: TwoKeyConfig) -> None:
        self.engine = engine
        self.config = config
        self._version: tuple[int, datetime | None] | None = None
        self._risk: Callable[[], Any | None] = lambda: None

    def reload(self, risk: Any) -> bool:
        """Give `risk` the stored catalog if it changed since the last look; True if it did."""
        if not hasattr(risk, "use_catalog"):
            return False  # a stand-in engine (tests) has no catalog to swap
        with session_scope(self.engine) as session:
            version = store.version(session)
        if version == self._version:
            return False
        risk.use_catalog(load_known(self.engine))
        self._version = version
        return True

    def sync_configured(self, name: str | None = None) -> list[SyncResult]:
        """Sync every configured source (or the one named) now, then reload."""
        results = []
        for source in self.config.catalog_sources:
            if name is not None and source.name != name:
                continue
            results.append(sync(self.engine, source.name, provider_for(source)))
        if name is not None and not results:
            known = ", ".join(s.name for s in self.config.catalog_sources) or "none configured"
            raise ConfigError(f"no catalog source named {name!r} (catalog_sources: {known})")
        if (risk := self._risk()) is not None:
            self.reload(risk)
        return results

    def schedule(self, scheduler: BaseScheduler, risk: Callable[[], Any | None]) -> None:
        """Jobs on the service's scheduler: each source on its `every`, and the reload check
        for the risk engine `risk()` returns once one is built."""
        self._risk = risk
        try:
            with session_scope(self.engine) as session:
                stored = {s.name for s in store.sources(session)}
        except SQLAlchemyError:
            stored = set()
        for source in self.config.catalog_sources:
            if source.every:
                # A source never synced is read at once (in the background), then on schedule.
                first = {} if source.name in stored else {"next_run_time": utcnow()}
                scheduler.add_job(
                    self._sync_one,
                    "interval",
                    args=(source.name,),
                    seconds=source.every,
                    id=f"catalog-sync:{source.name}",
                    replace_existing=True,
                    **first,
                )
        scheduler.add_job(
            self._reload_quietly,
            "interval",
            seconds=RELOAD_EVERY,
            id="catalog-reload",
            replace_existing=True,
        )

    async def _sync_one(self, name: str) -> None:
        try:
            results = await asyncio.to_thread(self.sync_configured, name)
        except (ConfigError, SQLAlchemyError, OSError) as exc:
            log.warning("catalog source %s: sync failed: %s", name, _one_line(exc))
            return
        for r in results:
            log.info("catalog source %s: %d resources in %.1fs", r.source, r.entries, r.seconds)

    async def _reload_quietly(self) -> None:
        risk = self._risk()
        if risk is None:
            return
        try:
            await asyncio.to_thread(self.reload, risk)
        except SQLAlchemyError as exc:
            log.warning("catalog: could not reload: %s", _one_line(exc))


def attach_stored(risk: Any, database_url: str) -> bool:
    """For one-shot commands (`twokey check`): load the stored catalog if the database
    already exists and has one; never create or migrate a database to find out, and
    give up after a few seconds rather than hang a script on a database that is away."""
    from pathlib import Path

    from sqlalchemy import inspect

    from bot.catalog.introspect import source_engine

    try:
        url = make_url(database_url)
    except ArgumentError:
        return False
    on_disk = url.database not in (None, "", ":memory:") and Path(url.database or "").exists()
    if url.get_backend_name() == "sqlite" and not on_disk:
        return False
    try:
        engine = source_engine(database_url, connect_timeout=3)
    except (ArgumentError, ImportError):
        return False
    try:
        if not inspect(engine).has_table("catalog_entries"):
            return False
        return CatalogKeeper(engine, TwoKeyConfig()).reload(risk)
    except SQLAlchemyError as exc:
        log.warning("catalog: stored catalog not read: %s", _one_line(exc))
        return False
    finally:
        engine.dispose()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]
