"""Loading posting rows (postings_csv.py) into a SQLite database: insert new 求人番号, update
known ones, keep the search index and the open-day counts right in the same transactions.

Rows go in batch by batch: each batch — rows, index entries, open-day counts — commits as
one transaction, so an interrupted import leaves whole rows and a consistent index, and
running it again finishes the job (known numbers are updated, not duplicated). Ids are given
in the file's order and never change: the search orders postings by 受付年月日 through their
search keys (search/keys.py), so a file may reach back before the newest posting.
"""

from __future__ import annotations

import operator
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from server.jobs.models import COLUMNS
from server.jobs.postings_csv import (
    TABLE_ORDER,
    Chunk,
    Prepared,
    Problem,
    no_cycle_collection,
    stored_row,
    stored_rows,
    text_values,
)
from server.jobs.search import index, open_days
from server.jobs.search.fts import Text
from server.jobs.search.keys import MAX_ID
from server.jobs.search.tokens import index_document
from server.jobs.sheet_fields import Row

BATCH = 5_000  # rows per transaction
Progress = Callable[[int, int, float], None]  # (rows done, characters of the file read, seconds)

_NAMES = ", ".join(COLUMNS)
# Column names are the model's; values are bound parameters.
_SELECT = f"SELECT {_NAMES} FROM job_postings"  # noqa: S608


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # known 求人番号 whose every value was the same already
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def rows_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else float(self.done)


_ORDER = ("id", *TABLE_ORDER)
# A value given as UTF-8 bytes (a new row's sheet: postings_csv.Prepared) is stored as text.
_MARKS = ["CAST(? AS TEXT)" if c == "sheet" else "?" for c in _ORDER]
_INSERT = f"INSERT INTO job_postings ({', '.join(_ORDER)}) VALUES ({', '.join(_MARKS)})"  # noqa: S608
_UPDATE = (
    "UPDATE job_postings SET "  # noqa: S608
    + ", ".join(f"{c} = {m}" for c, m in zip(_ORDER[1:], _MARKS[1:], strict=True))
    + " WHERE id = ?"
)
_STATUS = _ORDER.index("status")
# FTS5 keeps new index entries in memory up to its hash size (1 MiB, a few hundred
# postings) and writes them out as a segment, which later merges read and rewrite. With a
# batch's entries in one segment an import does about a third less index work.
_HASH_SIZE = "INSERT INTO job_fts(job_fts, rank) VALUES ('hashsize', ?)"
BIG_HASH = 64 << 20
DEFAULT_HASH = 1 << 20  # FTS5's own


_KEY = operator.attrgetter("key")

as_row = stored_row  # a stored posting as a row (export, index entries)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=60)
    conn.row_factory = sqlite3.Row
    # WAL with synchronous=NORMAL: a transaction is committed whole or not at all even
    # on power loss (the last ones may be lost, never half of one).
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA cache_size=-131072")  # 128 MiB: the index's pages stay in memory
    conn.execute("PRAGMA temp_store=MEMORY")
    return conn


class Firsts:
    """Keeps the rows whose 求人番号 the file gives first; a repeat is reported on its line."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.seen: dict[str, int] = {}

    def __call__(self, rows: list[tuple[int, str, Any]]) -> list[Any]:
        unique: list[Any] = []
        seen = self.seen
        for line, number, row in rows:
            first = seen.setdefault(number, line)
            if first != line:
                self.report.problems.append(
                    Problem(line, "求人番号", f"given twice (first on line {first})")
                )
                continue
            unique.append(row)
        return unique


def import_rows(
    path: str, chunks: Iterable[Chunk], progress: Progress | None = None
) -> ImportReport:
    """Insert or update the parsed rows (postings_csv.parse_rows chunks of `Prepared`
    rows, consumed as they are parsed) in the migrated SQLite database at `path`."""
    t0 = time.perf_counter()
    report = ImportReport()
    firsts = Firsts(report)
    conn = _connect(path)
    try:
        with no_cycle_collection():
            _import(conn, chunks, report, firsts, progress, t0)
    finally:
        try:
            conn.execute(_HASH_SIZE, (DEFAULT_HASH,))
        finally:
            conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def _import(
    conn: sqlite3.Connection,
    chunks: Iterable[Chunk],
    report: ImportReport,
    firsts: Firsts,
    progress: Progress | None,
    t0: float,
) -> None:
    conn.execute(_HASH_SIZE, (BIG_HASH,))
    next_id = (conn.execute("SELECT max(id) FROM job_postings").fetchone()[0] or 0) + 1
    pending: list[Prepared] = []
    chars = 0
    for chunk in chunks:
        report.problems += chunk.problems
        pending += firsts(chunk.good)
        while len(pending) >= BATCH:
            next_id = _write(conn, pending[:BATCH], next_id, report)
            del pending[:BATCH]
        chars += chunk.chars
        if progress:
            progress(report.done + len(pending), chars, time.perf_counter() - t0)
    if pending:
        _write(conn, pending, next_id, report)


def _write(
    conn: sqlite3.Connection, batch: list[Prepared], next_id: int, report: ImportReport
) -> int:
    """One transaction: rows, index entries, open-day counts. Returns the next free id.

    New postings take the next ids in the file's order; the search orders them by 受付年月日
    whatever their ids (search/keys.py), so an older posting needs no renumbering. A known
    posting whose values are all the same already is left as it is."""
    if next_id + len(batch) > MAX_ID:
        raise ValueError(f"posting ids would pass {MAX_ID}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = stored_rows(conn, [p[0][0] for p in batch])
        new_rows: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        added: list[index.Entry] = []
        removed: list[index.Entry] = []
        unchanged = 0
        for values, status, floor, received, expires, g, u, fn, sf, counted, early, before in batch:
            old = known.get(values[0])
            if old is None:
                posting_id, next_id = next_id, next_id + 1
                new_rows.append((posting_id, *values))
            else:
                posting_id = old[0]
                stored = tuple(old)[1:]
                if stored == text_values(values):
                    unchanged += 1
                    continue
                if old[_STATUS] == "open":
                    # The index document of what is stored, from the worker if it saw it.
                    seen = before if isinstance(before, tuple) and before[0] == stored else None
                    removed.append(index.entry(as_row(old), posting_id, seen and seen[1]))
                updates.append((*values, posting_id))
            if status == "open":
                f: Text
                if g is None or u is None or sf is None:  # stored alike when the worker looked
                    stored_alike = dict(zip(_ORDER, (posting_id, *values), strict=True))
                    g, u, f = index_document(as_row(stored_alike))
                    sf = counted = None
                else:
                    f = sf[:fn]  # f went as its length (see Prepared)
                key = floor | posting_id
                added.append(
                    index.Entry(posting_id, key, received, expires, g, u, f, early, sf, counted)
                )
        # In key order: FTS5 writes out its pending entries whenever a key comes below the
        # one before, so a file not in 受付年月日 order would cost a segment per posting.
        removed.sort(key=_KEY)
        added.sort(key=_KEY)
        index.sqlite_delete(conn, removed)
        conn.executemany(_UPDATE, updates)
        conn.executemany(_INSERT, new_rows)
        index.sqlite_insert(conn, added)
        changes = index.day_changes(removed, -1) + index.day_changes(added)
        conn.executemany(open_days.BUMP_DAYS, changes)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    report.inserted += len(new_rows)
    report.updated += len(updates)
    report.unchanged += unchanged
    return next_id


def export_rows(path: str) -> Iterable[Row]:
    """Every posting not withdrawn, in 受付年月日 order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        sql = f"{_SELECT} WHERE status != 'withdrawn' ORDER BY received_on, id"
        for record in conn.execute(sql):
            yield as_row(record)
    finally:
        conn.close()
