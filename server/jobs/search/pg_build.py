"""Rebuilding the PostgreSQL search index of a big database with every core.

`index.rebuild` (run by the migrations when the index version changes) writes one row at a
time on one core: fine for a few thousand postings, an hour at a million. This rebuild reads
the open postings in id order, tokenises them in worker processes (each also collects the
posting lists of its chunk, pg_lists.py), COPYs the search rows, merges and writes the lists,
recounts the open days and stamps the index version — in one transaction, so an interrupted
rebuild leaves the index as it was. The postings themselves are not touched.

    python -m server.jobs.search.pg_build --database-url postgresql+asyncpg://…

migrates the database first (without the slow rebuild) when it is behind.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import time
from collections import deque
from multiprocessing.pool import AsyncResult
from typing import Any

from server.jobs.importer import as_row
from server.jobs.models import COLUMNS
from server.jobs.search import index, open_days, pg, pg_lists

CHUNK = 10_000
_OPEN = f"SELECT {', '.join(COLUMNS)} FROM job_postings WHERE status = 'open' ORDER BY id"  # noqa: S608

Prepared = tuple[list[tuple[Any, ...]], dict[str, bytes]]


def _prepare(records: list[dict[str, Any]]) -> Prepared:
    """COPY rows (pg.STAGE_COLUMNS) and the posting lists of a chunk of postings."""
    rows = []
    lists = pg_lists.ListBuilder()
    for record in records:
        row = as_row(record)
        e = index.entry(row, row["id"])
        r = index.pg_record(e, row)
        rows.append((r["id"], r["key"], r["expires_on"], " ".join(r["tokens"]), r["body"]))
        lists.add(r["id"], r["key"], r["tokens"], r["body"])
    return rows, lists.serialised()


async def rebuild(database_url: str, *, processes: int, progress: bool = True) -> int:
    """Rebuild the search index of every open posting; returns how many were indexed."""
    from server.db.engine import create_engine
    from server.jobs.bulk_pg import write_lists

    engine = create_engine(database_url)
    sa_conn = await engine.connect()
    raw = await sa_conn.get_raw_connection()
    conn: Any = raw.driver_connection
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    t0 = time.perf_counter()
    done = 0
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL synchronous_commit = off")
            await conn.execute(pg_lists.LOCK)
            await conn.execute(pg_lists.TRIGGERS_OFF)
            await conn.execute("TRUNCATE job_search")
            await conn.execute(pg.CREATE_STAGE)
            parts: list[dict[str, bytes]] = []
            cursor = await conn.cursor(_OPEN)
            with ctx.Pool(processes) as pool:
                pending: deque[AsyncResult[Prepared]] = deque()

                async def drain(keep: int) -> None:
                    nonlocal done
                    while len(pending) > keep:
                        rows, lists = await asyncio.to_thread(pending.popleft().get)
                        await pg.copy_search_rows(conn, rows)
                        parts.append(lists)
                        done += len(rows)
                        if progress:
                            seconds = time.perf_counter() - t0
                            print(
                                f"  {done:>9,} indexed  {seconds:6.1f} s"
                                f"  {done / seconds:,.0f} rows/s",
                                file=sys.stderr,
                            )

                while records := await cursor.fetch(CHUNK):
                    pending.append(pool.apply_async(_prepare, ([dict(r) for r in records],)))
                    await drain(2 * processes)
                await drain(0)
            if progress:
                print("  writing the posting lists …", file=sys.stderr)
            await write_lists(conn, pg_lists.merge(parts))
            await conn.execute(pg_lists.TRIGGERS_ON)
            await conn.execute(open_days.CLEAR)
            await conn.execute(open_days.REBUILD)
            await conn.execute("DELETE FROM job_index_state")
            await conn.execute(
                "INSERT INTO job_index_state (id, version) VALUES (1, $1)", index.INDEX_VERSION
            )
        await conn.execute("ANALYZE job_search")
        await conn.execute("ANALYZE job_search_lists")
    finally:
        await sa_conn.close()
        await engine.dispose()
    if progress:
        print(f"indexed {done:,} postings in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return done


async def _main(url: str, processes: int) -> None:
    from server.db.engine import create_engine
    from server.db.migrate import upgrade_to_head

    engine = create_engine(url)
    try:
        await upgrade_to_head(engine, rebuild_index=False)
    finally:
        await engine.dispose()
    await rebuild(url, processes=processes)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", required=True)
    p.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)
    asyncio.run(_main(args.database_url, args.processes))


if __name__ == "__main__":
    main()
