"""Loading posting rows (postings_csv.py) into PostgreSQL, and reading them back for export.

The same contract as importer.py (SQLite): new 求人番号 are inserted, known ones updated,
and each batch — rows, search rows, open-day counts — commits as one transaction, so an
interrupted import leaves whole rows and a consistent index and running it again finishes
the job. New rows and their search rows go in with binary COPY (the search rows through the
staging table of search/pg.py, whose tokens the server splits); ids come from the table's
sequence, so an import may run beside a live server.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from server.jobs import importer
from server.jobs.importer import Firsts, ImportReport, Progress, as_row
from server.jobs.models import COLUMNS
from server.jobs.postings_csv import Chunk, no_cycle_collection
from server.jobs.search import index, pg
from server.jobs.sheet_fields import Row

_NAMES = ", ".join(COLUMNS)
_SELECT = f"SELECT {_NAMES} FROM job_postings"  # noqa: S608 (the model's column names)
_KNOWN = f"{_SELECT} WHERE job_number = ANY($1::text[])"
_UPDATE_COLUMNS = tuple(c for c in COLUMNS if c != "id")
_UPDATE = (
    "UPDATE job_postings SET "  # noqa: S608 (the model's column names)
    + ", ".join(f"{c} = ${i}" for i, c in enumerate(_UPDATE_COLUMNS, start=2))
    + " WHERE id = $1"
)
_NEW_IDS = (
    "SELECT nextval(pg_get_serial_sequence('job_postings', 'id')) FROM generate_series(1, $1::int)"
)
_BUMP_DAYS = (
    "INSERT INTO job_open_days (received_on, expires_on, open_count) VALUES ($1, $2, $3)"
    " ON CONFLICT (received_on, expires_on) DO UPDATE"
    " SET open_count = job_open_days.open_count + excluded.open_count"
)
_UNINDEX = "DELETE FROM job_search WHERE id = ANY($1::int[])"
EXPORT_PAGE = 5_000


def _record(row: Row, posting_id: int) -> tuple[Any, ...]:
    """A row's values in COLUMNS order, as asyncpg sends them (`sheet` as JSON text)."""
    sheet = row.get("_sheet_json") or json.dumps(row["sheet"], ensure_ascii=False)
    values = row | {"id": posting_id, "sheet": sheet}
    return tuple(values[c] for c in COLUMNS)


def _day_changes(entries: list[index.Entry], sign: int) -> list[tuple[date, date, int]]:
    days = Counter((e.received_on, e.expires_on) for e in entries)
    return [(date.fromisoformat(r), date.fromisoformat(x), sign * n) for (r, x), n in days.items()]


async def import_rows(
    database_url: str,
    chunks: Iterable[Chunk],
    progress: Progress | None = None,
) -> ImportReport:
    """Insert or update the parsed rows (postings_csv.parse_rows chunks, consumed as they
    are parsed) in the migrated PostgreSQL database."""
    from server.db.engine import create_engine

    t0 = time.perf_counter()
    report = ImportReport()
    engine = create_engine(database_url)
    try:
        async with engine.connect() as sa_conn:
            raw = await sa_conn.get_raw_connection()
            conn: Any = raw.driver_connection  # asyncpg: COPY is its own API
            with no_cycle_collection():
                await _load(conn, chunks, report, progress, t0)
    finally:
        await engine.dispose()
    report.seconds = time.perf_counter() - t0
    return report


async def _load(
    conn: Any, chunks: Iterable[Chunk], report: ImportReport, progress: Progress | None, t0: float
) -> None:
    firsts = Firsts(report)
    chars = 0
    for chunk in chunks:
        report.problems += chunk.problems
        rows: list[Row] = firsts(chunk.good)
        for start in range(0, len(rows), importer.BATCH):
            async with conn.transaction():
                await _batch(conn, rows[start : start + importer.BATCH], report)
        chars += chunk.chars
        if progress:
            progress(report.done, chars, time.perf_counter() - t0)


async def _batch(conn: Any, batch: list[Row], report: ImportReport) -> None:
    await conn.execute(pg.CREATE_STAGE)
    known = {r["job_number"]: r for r in await conn.fetch(_KNOWN, [r["job_number"] for r in batch])}
    fresh = [r for r in batch if r["job_number"] not in known]
    ids = iter([r[0] for r in await conn.fetch(_NEW_IDS, len(fresh))] if fresh else [])
    new_records: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    added: list[index.Entry] = []
    removed: list[index.Entry] = []
    search_rows: list[tuple[Any, ...]] = []
    for row in batch:
        old = known.get(row["job_number"])
        if old is not None:
            posting_id = old["id"]
            if old["status"] == "open":
                removed.append(index.entry(as_row(old), posting_id))
            record = _record(row, posting_id)
            updates.append((posting_id, *record[1:]))
        else:
            posting_id = next(ids)
            new_records.append(_record(row, posting_id))
        if row["status"] == "open":
            e = index.entry(row, posting_id, row.get("_doc"))
            added.append(e)
            search_rows.append(index.pg_row(e, row))
    if removed:
        await conn.execute(_UNINDEX, [e.posting_id for e in removed])
    if updates:
        await conn.executemany(_UPDATE, updates)
    if new_records:
        await conn.copy_records_to_table("job_postings", records=new_records, columns=COLUMNS)
    await pg.copy_search_rows(conn, search_rows)
    changes = _day_changes(removed, -1) + _day_changes(added, 1)
    if changes:
        await conn.executemany(_BUMP_DAYS, changes)
    report.inserted += len(new_records)
    report.updated += len(updates)


async def export_rows(database_url: str, write: Callable[[list[Row]], None]) -> None:
    """Every posting not withdrawn, in 受付年月日 order, handed to `write` a page at a time."""
    from server.db.engine import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as sa_conn:
            raw = await sa_conn.get_raw_connection()
            conn: Any = raw.driver_connection
            async with conn.transaction(isolation="repeatable_read", readonly=True):
                cursor = conn.cursor(
                    f"{_SELECT} WHERE status != 'withdrawn' ORDER BY received_on, id"
                )
                page: list[Row] = []
                async for record in cursor:
                    page.append(as_row(record))
                    if len(page) >= EXPORT_PAGE:
                        write(page)
                        page = []
                if page:
                    write(page)
    finally:
        await engine.dispose()
