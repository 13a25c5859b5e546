"""`hellowork demo-data --jobs N`: generate synthetic (架空) postings and build the index,
in a SQLite file or a PostgreSQL database; and the embedded server's first-run seed."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.engine import make_url

from server.jobs.bulk import LoadReport, migrate, posting_count, sqlite_path
from server.jobs.demo.generate import load_postgres, load_sqlite

EMBEDDED_DEFAULT_JOBS = 3_000


def seed_demo_jobs(
    database_url: str, n: int = EMBEDDED_DEFAULT_JOBS, *, today: date | None = None
) -> LoadReport | None:
    """Seed n postings into a migrated, job-less SQLite database (embedded first run).

    Blocking (a second or two for the default); returns None when postings already exist or
    the database is not a SQLite file.
    """
    path = sqlite_path(database_url)
    if path is None:
        return None
    if posting_count(path):
        return None
    return load_sqlite(path, n, today=today, workers=1)


async def refresh_demo_activity(database_url: str) -> None:
    """The demo account's referral, request and application follow the new postings."""
    from server.clock import SystemClock
    from server.db.engine import create_engine, create_sessionmaker
    from server.staff.demo import ensure_demo_activity

    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine, write=True)() as db:
            await ensure_demo_activity(db, SystemClock().now())
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """`hellowork demo-data --jobs N [--database-url URL] [--seed S] [--replace] [--today D]`."""
    from server.config import ServerSettings, safe_url

    p = argparse.ArgumentParser(
        prog="hellowork demo-data",
        description="Generate synthetic (架空) job postings and build the search index.",
    )
    p.add_argument("--jobs", type=int, default=EMBEDDED_DEFAULT_JOBS, help="how many postings")
    p.add_argument("--database-url", help="default: HELLOWORK_DATABASE_URL or the data dir")
    p.add_argument("--seed", type=int, default=1, help="same seed, same postings")
    p.add_argument("--workers", type=int, default=2, help="generator processes")
    p.add_argument("--replace", action="store_true", help="delete existing postings first")
    p.add_argument(
        "--today",
        type=date.fromisoformat,
        help="the day the newest postings are received (YYYY-MM-DD; default: today in JST)",
    )
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    url = args.database_url or ServerSettings().database_url
    path = sqlite_path(url)
    backend = make_url(url).get_backend_name()
    if path is None and backend != "postgresql":
        p.error("demo-data loads a SQLite file or a PostgreSQL database (postgresql+asyncpg://)")
    asyncio.run(migrate(url))
    options: dict[str, Any] = {
        "seed": args.seed,
        "workers": args.workers,
        "replace": args.replace,
        "today": args.today,
        "progress": args.jobs >= 100_000,
    }
    if path is None:
        report = asyncio.run(load_postgres(url, args.jobs, **options))
    else:
        report = load_sqlite(path, args.jobs, **options)
    asyncio.run(refresh_demo_activity(url))
    print(
        f"{report.postings:,} postings ({report.indexed:,} open, indexed) into {safe_url(url)}"
        f" in {report.seconds:.1f} s: generate+insert {report.seconds_generate_insert:.1f} s,"
        f" B-tree indexes {report.seconds_indexes:.1f} s,"
        f" index merge {report.seconds_merge:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
