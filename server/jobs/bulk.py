"""Bulk loading of postings into a fresh SQLite search index (demo data, benchmarks).

Loading bypasses the ORM: rows go in with `executemany` on the raw sqlite3 connection, the
secondary B-tree indexes are built after the load, and the full-text index is filled in the
same pass (one INSERT per posting, in large transactions) and merged once at the end. The
open postings per day (search/open_days.py) are counted once at the end.

The caller supplies the rows already prepared (`Prepared` chunks: table tuples in
`models.COLUMNS` order, dates as ISO text, and the index entries of the open postings), so
preparing can run in worker processes.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import make_url

from server.jobs.models import COLUMNS
from server.jobs.search import fts, index, open_days

# (table rows in COLUMNS order, index entries of the open postings)
Prepared = tuple[list[tuple[Any, ...]], list[index.Entry]]

INDEX_NAMES = (
    "ix_job_postings_job_number",
    "ix_job_postings_employer_number",
    "ix_job_postings_received_on",
    "ix_job_postings_withdrawn",
)
COMMIT_EVERY = 100_000


@dataclass
class LoadReport:
    postings: int
    indexed: int
    seconds_generate_insert: float
    seconds_indexes: float
    seconds_merge: float

    @property
    def seconds(self) -> float:
        return self.seconds_generate_insert + self.seconds_indexes + self.seconds_merge


def sqlite_path(database_url: str) -> str | None:
    """The file of a SQLite database URL; None for other databases and in-memory ones."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return str(url.database)


async def migrate(database_url: str) -> None:
    """Create or upgrade the database (and its directory) to the current schema."""
    from server.db.engine import create_engine, prepare_sqlite_dir
    from server.db.migrate import upgrade_to_head

    prepare_sqlite_dir(database_url)
    engine = create_engine(database_url)
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


def posting_count(path: str) -> int:
    with sqlite3.connect(path) as conn:
        n: int = conn.execute("SELECT count(*) FROM job_postings").fetchone()[0]
    return n


def load_sqlite(
    path: str, chunks: Iterable[Prepared], *, replace: bool = False, progress: bool = False
) -> LoadReport:
    """Load prepared chunks into a migrated SQLite database at `path`, replacing its postings.

    Refuses (SystemExit) a database that already holds postings unless `replace`.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        existing = conn.execute("SELECT count(*) FROM job_postings").fetchone()[0]
        if existing and not replace:
            raise SystemExit(f"the database already holds {existing} postings (use --replace)")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")  # 256 MiB
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA foreign_keys=OFF")
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("DELETE FROM job_postings")
        index.sqlite_recreate(conn)
        # Merging is done once at the end, not continuously while loading.
        conn.execute(fts.AUTOMERGE_OFF)
        for name in INDEX_NAMES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")  # a constant of this module
        # Column names are the model's; values are bound parameters.
        names, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        insert = f"INSERT INTO job_postings ({names}) VALUES ({marks})"  # noqa: S608
        done = indexed = 0
        for table, docs in chunks:
            conn.executemany(insert, table)
            index.sqlite_insert(conn, docs)
            before, done = done, done + len(table)
            indexed += len(docs)
            if done // COMMIT_EVERY != before // COMMIT_EVERY:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                if progress:
                    print(
                        f"  {done:>9,} postings  {time.perf_counter() - t0:6.1f} s", file=sys.stderr
                    )
        conn.execute("COMMIT")
        t1 = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("CREATE UNIQUE INDEX ix_job_postings_job_number ON job_postings (job_number)")
        conn.execute(
            "CREATE INDEX ix_job_postings_employer_number ON job_postings (employer_number)"
        )
        conn.execute("CREATE INDEX ix_job_postings_received_on ON job_postings (received_on)")
        conn.execute(
            "CREATE INDEX ix_job_postings_withdrawn ON job_postings (id) WHERE status = 'withdrawn'"
        )
        # Open postings per day (open_days.py), counted once instead of per inserted row.
        conn.execute(open_days.CLEAR)
        conn.execute(open_days.REBUILD)
        index.sqlite_stamp(conn)
        conn.execute("COMMIT")
        t2 = time.perf_counter()
        conn.execute(fts.OPTIMIZE_FTS)
        conn.execute(fts.AUTOMERGE_ON)
        conn.execute("ANALYZE")
        t3 = time.perf_counter()
        return LoadReport(done, indexed, t1 - t0, t2 - t1, t3 - t2)
    finally:
        conn.close()
