"""`twokey catalog sync | list | show`: the catalog from where the data lives.

Self-contained (one `register(app)`), so it can move with the other commands.
Every expected failure — an unreachable database, a missing manifest, a refused
token — ends in one line naming the source, never a traceback, and never
prints a password.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.catalog import dbt
from bot.catalog.keeper import CatalogKeeper
from bot.catalog.openmetadata import OpenMetadataProvider
from bot.catalog.sources import (
    DatabaseProvider,
    DbtProvider,
    Provider,
    SyncResult,
    load_known,
    sync,
)
from bot.cli.context import Context, load_context
from bot.cli.options import DbOption, JsonOption
from bot.cli.options import fail as _fail
from bot.config import ConfigError
from bot.risk.catalog import Catalog
from storage import catalog as store
from storage.db import session_scope

catalog_app = typer.Typer(
    help="The catalog from your databases, dbt and catalog servers, stored in TwoKey's database.",
    no_args_is_help=True,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

_NAME = re.compile(r"[^\w.-]+")


def _context(database_url: str | None) -> Context:
    try:
        return load_context(database_url=database_url)
    except ConfigError as exc:
        _fail(str(exc))


def _default_name(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        _fail("--from: not a SQLAlchemy URL (e.g. postgresql://reader@db.internal/warehouse)")
    base = Path(parsed.database or parsed.host or parsed.get_backend_name()).stem
    return _NAME.sub("-", base)[:60] or "database"


@catalog_app.command("sync")
def sync_command(
    from_url: Annotated[
        str | None,
        typer.Option("--from", help="SQLAlchemy URL of a database to read (read-only role)"),
    ] = None,
    from_dbt: Annotated[
        Path | None, typer.Option("--from-dbt", help="A dbt target/manifest.json")
    ] = None,
    from_openmetadata: Annotated[
        str | None,
        typer.Option("--from-openmetadata", help="OpenMetadata base URL (token: --token-env)"),
    ] = None,
    token_env: Annotated[
        str | None, typer.Option("--token-env", help="Variable holding the OpenMetadata token")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Name the source is stored under")
    ] = None,
    schema: Annotated[
        list[str] | None, typer.Option("--schema", help="Only these schemas (repeatable)")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only this configured source")
    ] = None,
    database_url: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read a source now and store what it knows; without --from*, every configured source."""
    given = [x for x in (from_url, from_dbt, from_openmetadata) if x]
    if len(given) > 1:
        _fail("give one of --from, --from-dbt, --from-openmetadata")
    ctx = _context(database_url)
    try:
        if given:
            provider, default = _provider(from_url, from_dbt, from_openmetadata, token_env, schema)
            source_name = _NAME.sub("-", name or default)[:60]
            results = [sync(ctx.engine, source_name, provider)]
        else:
            if not ctx.config.catalog_sources:
                _fail(
                    "nothing to sync: give --from URL, --from-dbt manifest.json or "
                    f"--from-openmetadata URL, or list catalog_sources in {ctx.config_path}"
                )
            results = CatalogKeeper(ctx.engine, ctx.config).sync_configured(source)
    except ConfigError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"database: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    _report(results, as_json)


def _provider(
    from_url: str | None,
    from_dbt: Path | None,
    from_openmetadata: str | None,
    token_env: str | None,
    schemas: list[str] | None,
) -> tuple[Provider, str]:
    if from_dbt is not None:
        project = dbt.load_manifest(from_dbt).get("metadata", {}).get("project_name")
        return DbtProvider(from_dbt), f"dbt-{project}" if project else "dbt"
    if from_openmetadata:
        import os

        token = os.environ.get(token_env) if token_env else None
        if token_env and not token:
            raise ConfigError(f"--token-env {token_env}: the variable is not set")
        return OpenMetadataProvider(from_openmetadata, token), "openmetadata"
    assert from_url is not None
    return DatabaseProvider(from_url, schemas=schemas), _default_name(from_url)


def _report(results: list[SyncResult], as_json: bool) -> None:
    if as_json:
        print(json.dumps([r.__dict__ for r in results], indent=2))
        return
    for r in results:
        out.print(
            f"Synced [bold]{escape(r.source)}[/] ({r.kind}): {r.entries} resources, "
            f"{r.pii_tables} with PII columns, in {r.seconds:.1f}s."
        )


@catalog_app.command("list")
def list_command(
    source: Annotated[str | None, typer.Option("--source", help="Only this source")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most resources listed")] = 100,
    database_url: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The sources and the resources they reported, most sensitive first."""
    ctx = _context(database_url)
    with session_scope(ctx.engine) as session:
        sources = store.sources(session)
    known = [k for k in load_known(ctx.engine) if source is None or source in k.sources]
    catalog = Catalog(ctx.config.catalog, known=known, rules=ctx.config.classify_unknown)
    # Each synced name as the approver would see it (YAML and rules applied), under its own name.
    refs = [catalog.resolve(k.name, "table").model_copy(update={"name": k.name}) for k in known]
    order = {"restricted": 0, "confidential": 1, "unclassified": 2, "internal": 3, "public": 4}
    refs.sort(key=lambda r: (order.get(r.classification, 2), r.name))
    if as_json:
        print(
            json.dumps(
                {
                    "sources": [s.model_dump(mode="json") for s in sources],
                    "resources": [r.model_dump(exclude={"matched"}) for r in refs[:limit]],
                    "total": len(refs),
                },
                indent=2,
            )
        )
        return
    if not sources:
        err.print("Nothing synced yet: `twokey catalog sync --from URL` or `--from-dbt PATH`.")
        return
    for s in sources:
        out.print(
            f"[bold]{escape(s.name)}[/] {s.kind} {escape(s.origin)}: {s.entries} resources, "
            f"synced {s.synced_at:%Y-%m-%d %H:%M} UTC"
        )
    for ref in refs[:limit]:
        parts: list[str] = [ref.classification]
        if ref.pii_fields:
            more = " …" if len(ref.pii_fields) > 6 else ""
            parts.append("PII " + ", ".join(ref.pii_fields[:6]) + more)
        if ref.owner:
            parts.append(f"owner {ref.owner}")
        if ref.rows is not None:
            parts.append(f"~{ref.rows:,} rows")
        out.print(f"  {escape(ref.name)}: {escape(' · '.join(parts))}")
    if len(refs) > limit:
        out.print(f"…and {len(refs) - limit} more (--limit).")


@catalog_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="A table, e.g. crm.customers")],
    database_url: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What TwoKey would tell an approver about NAME, and what each source reported."""
    ctx = _context(database_url)
    catalog = Catalog(
        ctx.config.catalog, known=load_known(ctx.engine), rules=ctx.config.classify_unknown
    )
    ref = catalog.resolve(name, "table")
    with session_scope(ctx.engine) as session:
        rows = store.entries_named(session, name.strip().lower()) or store.entries_named(
            session, ref.name
        )
    if ref.source is None and ref.classification == "unclassified" and not rows:
        _fail(f"nothing known about {name!r} (not in the YAML catalog or any synced source)", 1)
    from_yaml = catalog.lookup(name, "table") is not None
    detail: dict[str, Any] = {
        "resource": ref.model_dump(exclude={"matched"}),
        "decided_by": "yaml" if from_yaml else ("rule" if ref.source == "rule" else "sources"),
        "sources": [r.model_dump(mode="json") for r in rows],
    }
    if as_json:
        print(json.dumps(detail, indent=2))
        return
    out.print(f"[bold]{escape(ref.name)}[/] ({ref.kind}, {ref.classification})")
    if from_yaml:
        out.print("  from the YAML catalog (it wins over synced sources)")
    elif ref.source == "rule":
        out.print("  not catalogued: classified by a classify_unknown rule")
    _line("PII fields", ", ".join(ref.pii_fields))
    _line("owner", ref.owner or "")
    _line("approver group", ref.approver_group or "")
    if ref.rows is not None or ref.bytes is not None:
        from bot.slack.blocks.blast import size

        rows_text = f"{ref.rows:,}" if ref.rows is not None else "?"
        _line("size", f"~{rows_text} rows, {size(ref.bytes)}")
    _line("downstream", ", ".join(d.removeprefix("exposure:") for d in ref.downstream[:20]))
    for row in rows:
        out.print(f"  source [bold]{escape(row.source)}[/]: {len(row.columns)} columns", end="")
        out.print(f"; tags {escape(', '.join(row.tags))}" if row.tags else "")
        if row.description:
            out.print(f"    {escape(row.description)}")


def _line(label: str, value: str) -> None:
    if value:
        out.print(f"  {label}: {escape(value)}")


def register(app: typer.Typer) -> None:
    """Add `catalog sync | list | show` to the `twokey` command line."""
    app.add_typer(catalog_app, name="catalog")
