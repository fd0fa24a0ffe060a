"""Catalog benchmark: syncing 10,000 tables, and assessing with a 10,000-table catalog.

    python bench/catalog.py [--rounds N] [--tables N]
    python bench/catalog.py --pg postgresql://postgres@127.0.0.1:5432/test   # also a real PG

1. Sync time for N tables (default 10,000; 8 columns each, two of them PII):
   from a dbt manifest, from a SQLite database (SQLAlchemy's inspector) and,
   with `--pg`, from a fresh PostgreSQL database (one system-catalog query),
   each into TwoKey's own SQLite database; then loading the merged catalog.
2. Assessment speed over the SQL corpus (bench/data/sql.jsonl), rewritten to
   name synced tables, with the YAML catalog only and with the N-table catalog
   swapped in. Goal: the same speed (lookups are dict hits, not scans).
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.catalog.sources import DatabaseProvider, DbtProvider, load_known, sync  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.risk.engine import RiskEngine  # noqa: E402
from storage.db import make_engine, normalize_url  # noqa: E402
from storage.schema import upgrade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = "id bigint, email text, phone text, status text, amount bigint, note text, a int, b int"


def name(i: int) -> tuple[str, str]:
    return f"s{i % 40}", f"t{i}"


def make_manifest(path: Path, n: int) -> None:
    nodes = {}
    for i in range(n):
        schema, table = name(i)
        uid = f"model.bench.{table}"
        nodes[uid] = {
            "resource_type": "model",
            "schema": schema,
            "name": table,
            "alias": table,
            "meta": {"owner": f"team{i % 12}@example.com"},
            "tags": ["restricted"] if i % 10 == 0 else [],
            "columns": {c: {"name": c, "meta": {}, "tags": []} for c in ("id", "email", "amount")},
            "depends_on": {"nodes": [f"model.bench.t{i - 1}"] if i % 100 else []},
        }
    path.write_text(json.dumps({"metadata": {"project_name": "bench"}, "nodes": nodes}))


def make_sqlite(path: Path, n: int) -> str:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for i in range(n):
            conn.exec_driver_sql(f"CREATE TABLE {name(i)[1]} ({COLUMNS})")
    engine.dispose()
    return f"sqlite:///{path}"


def make_pg(admin_url: str, n: int) -> tuple[str, str]:
    admin = sa.create_engine(normalize_url(admin_url))
    db = f"bench_{secrets.token_hex(4)}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {db}")
    admin.dispose()
    url = sa.make_url(normalize_url(admin_url)).set(database=db).render_as_string(False)
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("; ".join(f"CREATE SCHEMA s{k}" for k in range(40)))
        for start in range(0, n, 500):  # a transaction holds a lock per table it creates
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "; ".join(
                        f"CREATE TABLE {'.'.join(name(i))} ({COLUMNS})"
                        for i in range(start, min(n, start + 500))
                    )
                )
    except Exception:
        engine.dispose()
        drop_pg(admin_url, db)
        raise
    engine.dispose()
    return url, db


def drop_pg(admin_url: str, db: str) -> None:
    admin = sa.create_engine(normalize_url(admin_url))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    admin.dispose()


def texts(n: int) -> list[str]:
    """The SQL corpus, with its table names pointed at synced tables (and some unknown)."""
    out = []
    rows = [json.loads(line) for line in (ROOT / "bench/data/sql.jsonl").open() if line.strip()]
    for k, row in enumerate(rows):
        schema, table = name((k * 37) % n)
        out.append(row["text"].replace("customers", f"{schema}.{table}"))
    return out


def assess_speed(engine: RiskEngine, corpus: list[str], rounds: int) -> float:
    for text in corpus:  # warm-up
        engine.assess(text)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text in corpus:
            engine.assess(text)
        times.append((time.perf_counter() - t0) / len(corpus))
    return statistics.median(times) * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tables", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pg", help="admin URL of a PostgreSQL server to also sync a real database")
    args = ap.parse_args()
    n = args.tables
    with tempfile.TemporaryDirectory() as tmp:
        store = make_engine(f"sqlite:///{Path(tmp) / 'twokey.db'}")
        upgrade(store)
        print(f"== sync: {n} tables ==")
        manifest = Path(tmp) / "manifest.json"
        make_manifest(manifest, n)
        t0 = time.perf_counter()
        result = sync(store, "dbt", DbtProvider(manifest))
        print(
            f"dbt manifest        {time.perf_counter() - t0:6.2f} s  ({result.entries} resources)"
        )
        src = make_sqlite(Path(tmp) / "source.db", n)
        t0 = time.perf_counter()
        result = sync(store, "sqlite", DatabaseProvider(src))
        print(
            f"SQLite (inspector)  {time.perf_counter() - t0:6.2f} s  ({result.entries} resources)"
        )
        if args.pg:
            url, db = make_pg(args.pg, n)
            try:
                t0 = time.perf_counter()
                result = sync(store, "postgres", DatabaseProvider(url))
                took = time.perf_counter() - t0
                print(f"PostgreSQL catalogs {took:6.2f} s  ({result.entries} resources)")
            finally:
                drop_pg(args.pg, db)
        t0 = time.perf_counter()
        known = load_known(store)
        print(f"load merged catalog {time.perf_counter() - t0:6.2f} s  ({len(known)} resources)")

        config = load_config(ROOT / "examples" / "twokey.yml")
        engine = RiskEngine(config)
        corpus = texts(n)
        print(f"\n== assessment: {len(corpus)} SQL instructions × {args.rounds} rounds ==")
        before = assess_speed(engine, corpus, args.rounds)
        t0 = time.perf_counter()
        engine.use_catalog(known)
        swap = time.perf_counter() - t0
        after = assess_speed(engine, corpus, args.rounds)
        synced = sum(
            1 for t in corpus for d in engine.assess(t).data if d.source and d.source != "rule"
        )
        print(f"YAML catalog only         {before:8.0f} µs/instruction")
        print(
            f"with {len(known):,} synced tables  {after:8.0f} µs/instruction  "
            f"({after / before:.2f}×; catalog swapped in {swap * 1000:.0f} ms)"
        )
        print(f"synced tables named on the assessments: {synced}")
        small = RiskEngine(config).catalog
        for label, catalog in (
            ("YAML catalog only", small),
            (f"{len(known):,} synced", engine.catalog),
        ):
            t0 = time.perf_counter()
            for i in range(n):
                catalog.resolve(".".join(name(i)), "table")
            per = (time.perf_counter() - t0) / n * 1e6
            print(f"lookup, {label:<18} {per:6.1f} µs per name ({n} names)")
        store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
