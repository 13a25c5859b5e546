"""Bulk loading of postings into PostgreSQL with COPY (demo data, benchmarks).

The PostgreSQL counterpart of bulk.py: in one transaction the postings are replaced, the
secondary indexes of `job_postings` are dropped, rows and search rows go in with binary COPY
(asyncpg's `copy_records_to_table`) while the posting lists of the search are collected
(search/pg_lists.py; the change-log triggers are off meanwhile), the indexes are built once
at the end, the lists written as a new generation, the open postings per day counted and
the index version stamped. An interrupted load leaves the database
as it was. `ANALYZE` runs after the commit so the planner knows the new sizes.

Chunks arrive prepared (`PgPrepared`: table tuples in `models.COLUMNS` order with real dates,
search rows as `index.pg_row` makes them, and their posting lists), so preparing runs in
worker processes; the parent merges the lists.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Any

from server.jobs.bulk import LoadReport
from server.jobs.models import COLUMNS
from server.jobs.search import index, open_days, pg, pg_lists

# (table rows in COLUMNS order, index.pg_row rows of the open postings, their posting lists
# as pg_lists.ListBuilder.serialised gives them — collected in the worker that prepared them)
PgPrepared = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], dict[str, bytes]]

# Secondary indexes of job_postings (the migrations' names and definitions).
_POSTING_INDEXES = {
    "ix_job_postings_job_number": "CREATE UNIQUE INDEX ix_job_postings_job_number"
    " ON job_postings (job_number)",
    "ix_job_postings_employer_number": "CREATE INDEX ix_job_postings_employer_number"
    " ON job_postings (employer_number)",
    "ix_job_postings_received_on": "CREATE INDEX ix_job_postings_received_on"
    " ON job_postings (received_on)",
    "ix_job_postings_withdrawn": "CREATE INDEX ix_job_postings_withdrawn"
    " ON job_postings (id) WHERE status = 'withdrawn'",
}
PROGRESS_EVERY = 50_000


async def write_lists(conn: Any, lists: dict[str, bytes]) -> None:
    """Replace the posting lists and start a new generation (pg_lists.py), in the caller's
    transaction (which holds pg_lists.LOCK). `conn`: the asyncpg connection."""
    for sql in pg_lists.CLEAR:
        await conn.execute(sql)
    await conn.copy_records_to_table(
        "job_search_lists", records=list(lists.items()), columns=("token", "ids")
    )
    await conn.execute(pg_lists.STAMP)


async def load_postgres(
    database_url: str,
    chunks: Iterable[PgPrepared],
    *,
    replace: bool = False,
    progress: bool = False,
) -> LoadReport:
    """Load prepared chunks into a migrated PostgreSQL database, replacing its postings.

    Refuses (SystemExit) a database that already holds postings unless `replace`; replacing
    removes what references the old postings (favorites), as deleting them would.
    """
    from server.db.engine import create_engine

    engine = create_engine(database_url)
    sa_conn = await engine.connect()
    raw = await sa_conn.get_raw_connection()
    conn: Any = raw.driver_connection  # the asyncpg connection: COPY is asyncpg's own API
    try:
        existing = await conn.fetchval("SELECT count(*) FROM job_postings")
        if existing and not replace:
            raise SystemExit(f"the database already holds {existing} postings (use --replace)")
        t0 = time.perf_counter()
        done = indexed = 0
        async with conn.transaction():
            await conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
            await conn.execute("SET LOCAL synchronous_commit = off")
            await conn.execute("TRUNCATE job_postings, job_search, job_open_days CASCADE")
            await conn.execute(pg.CREATE_STAGE)
            await conn.execute(pg.DROP_FK)
            await conn.execute(pg_lists.LOCK)
            await conn.execute(pg_lists.TRIGGERS_OFF)
            parts: list[dict[str, bytes]] = []
            # Names are constants of this module and of pg.py.
            for name in [*_POSTING_INDEXES, *pg.INDEXES]:
                await conn.execute(f"DROP INDEX IF EXISTS {name}")
            for table, search_rows, lists in chunks:
                await conn.copy_records_to_table("job_postings", records=table, columns=COLUMNS)
                await pg.copy_search_rows(conn, search_rows)
                parts.append(lists)
                before, done = done, done + len(table)
                indexed += len(search_rows)
                if progress and done // PROGRESS_EVERY != before // PROGRESS_EVERY:
                    seconds = time.perf_counter() - t0
                    print(
                        f"  {done:>9,} postings  {seconds:6.1f} s  {done / seconds:,.0f} rows/s",
                        file=sys.stderr,
                    )
            t1 = time.perf_counter()
            if progress:
                print("  building the indexes …", file=sys.stderr)
            for sql in [*_POSTING_INDEXES.values(), *pg.INDEXES.values(), pg.ADD_FK]:
                await conn.execute(sql)
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence('job_postings', 'id'),"
                " coalesce(max(id), 0) + 1, false) FROM job_postings"
            )
            await conn.execute(open_days.REBUILD)
            await write_lists(conn, pg_lists.merge(parts))
            await conn.execute(pg_lists.TRIGGERS_ON)
            await conn.execute("DELETE FROM job_index_state")
            await conn.execute(
                "INSERT INTO job_index_state (id, version) VALUES (1, $1)", index.INDEX_VERSION
            )
        t2 = time.perf_counter()
        await conn.execute("ANALYZE job_postings")
        await conn.execute("ANALYZE job_search")
        await conn.execute("ANALYZE job_open_days")
        t3 = time.perf_counter()
        return LoadReport(done, indexed, t1 - t0, t2 - t1, t3 - t2)
    finally:
        await sa_conn.close()
        await engine.dispose()
