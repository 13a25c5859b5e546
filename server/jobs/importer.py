"""Loading posting rows (postings_csv.py) into a SQLite database: insert new 求人番号, update
known ones, keep the search index and the open-day counts right in the same transactions.

Rows go in batch by batch: each batch — rows, index entries, open-day counts — commits as
one transaction, so an interrupted import leaves whole rows and a consistent index, and
running it again finishes the job (known numbers are updated, not duplicated). Ids are given
in the file's order and never change: the search orders postings by 受付年月日 through their
search keys (search/keys.py), so a file may reach back before the newest posting.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from server.jobs.models import COLUMNS
from server.jobs.postings_csv import Problem
from server.jobs.search import index, open_days
from server.jobs.search.tokens import as_date
from server.jobs.sheet_fields import Row

BATCH = 2_000
Progress = Callable[[int, int, float], None]  # (rows done, rows in all, seconds so far)

_NAMES = ", ".join(COLUMNS)
_MARKS = ", ".join("?" * len(COLUMNS))
# Column names are the model's; values are bound parameters.
_SELECT = f"SELECT {_NAMES} FROM job_postings"  # noqa: S608


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        done = self.inserted + self.updated
        return done / self.seconds if self.seconds > 0 else float(done)


_DATES = ("received_on", "expires_on")
_PLAIN = tuple(c for c in COLUMNS if c not in ("id", "sheet", *_DATES))
_ORDER = ("id", *_PLAIN, *_DATES, "sheet")
# The statements list the columns in _ORDER: plain values first, then the converted ones.
_INSERT = f"INSERT INTO job_postings ({', '.join(_ORDER)}) VALUES ({_MARKS})"  # noqa: S608
_UPDATE = "UPDATE job_postings SET " + ", ".join(f"{c} = ?" for c in _ORDER[1:]) + " WHERE id = ?"  # noqa: S608


def _db_values(row: Row, posting_id: int) -> tuple[Any, ...]:
    """The row's values in _ORDER (dates as ISO text, `sheet` as JSON)."""
    return (
        posting_id,
        *[row[c] for c in _PLAIN],
        row["received_on"].isoformat(),
        row["expires_on"].isoformat(),
        json.dumps(row["sheet"], ensure_ascii=False),
    )


def as_row(record: Mapping[str, Any] | sqlite3.Row) -> Row:
    """A stored posting as an import row (SQLite ISO dates or real ones; `sheet` decoded)."""
    row = {c: record[c] for c in COLUMNS}
    row["received_on"] = as_date(row["received_on"])
    row["expires_on"] = as_date(row["expires_on"])
    row["sheet"] = json.loads(row["sheet"] or "{}")
    for c in _BOOLEANS:
        row[c] = bool(row[c])
    return row


_BOOLEANS = (
    "education_required",
    "experience_required",
    "licence_required",
    "trial_employment",
    "inexperienced_ok",
    "commute_allowance",
    "bonus",
    "shift",
    "weekends_off",
    "ins_employment",
    "ins_workers_comp",
    "ins_health",
    "ins_pension",
    "transfer",
    "car_commute",
    "housing",
    "childcare",
    "uij_turn",
    "online_application",
    "synthetic",
)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=60)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _known(conn: sqlite3.Connection, numbers: list[str]) -> dict[str, sqlite3.Row]:
    known: dict[str, sqlite3.Row] = {}
    for i in range(0, len(numbers), 900):
        part = numbers[i : i + 900]
        marks = ", ".join("?" * len(part))
        sql = f"{_SELECT} WHERE job_number IN ({marks})"
        known.update({r["job_number"]: r for r in conn.execute(sql, part)})
    return known


def unique_rows(rows: list[tuple[int, Row]], report: ImportReport) -> list[Row]:
    """The rows whose 求人番号 the file gives first; a repeat is reported on its line."""
    seen: dict[str, int] = {}
    unique: list[Row] = []
    for line, row in rows:
        if row["job_number"] in seen:
            report.problems.append(
                Problem(line, "求人番号", f"given twice (first on line {seen[row['job_number']]})")
            )
            continue
        seen[row["job_number"]] = line
        unique.append(row)
    return unique


def import_rows(
    path: str, rows: list[tuple[int, Row]], *, progress: Progress | None = None
) -> ImportReport:
    """Insert or update `rows` (line, row) in the migrated SQLite database at `path`."""
    t0 = time.perf_counter()
    report = ImportReport()
    unique = unique_rows(rows, report)
    conn = _connect(path)
    try:
        known = _known(conn, [r["job_number"] for r in unique])
        inserts = [r for r in unique if r["job_number"] not in known]
        updates = [r for r in unique if r["job_number"] in known]
        _write(conn, known, updates, inserts, progress, t0)
        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write(
    conn: sqlite3.Connection,
    known: dict[str, sqlite3.Row],
    updates: list[Row],
    inserts: list[Row],
    progress: Progress | None,
    t0: float,
) -> None:
    """Batch by batch, each batch one transaction: rows, index entries, open-day counts.

    New postings take the next ids in the file's order; the search orders them by 受付年月日
    whatever their ids (search/keys.py), so an older posting needs no renumbering."""
    work = [*updates, *inserts]
    next_id = (conn.execute("SELECT max(id) FROM job_postings").fetchone()[0] or 0) + 1
    for start in range(0, len(work), BATCH):
        conn.execute("BEGIN IMMEDIATE")
        try:
            new_rows: list[tuple[Any, ...]] = []
            added: list[index.Entry] = []
            removed: list[index.Entry] = []
            for row in work[start : start + BATCH]:
                old = known.get(row["job_number"])
                if old is not None:
                    posting_id = old["id"]
                    if old["status"] == "open":
                        removed.append(index.entry(as_row(old), posting_id))
                    conn.execute(_UPDATE, (*_db_values(row, posting_id)[1:], posting_id))
                else:
                    posting_id, next_id = next_id, next_id + 1
                    new_rows.append(_db_values(row, posting_id))
                if row["status"] == "open":
                    added.append(index.entry(row, posting_id, row.get("_doc")))
            index.sqlite_delete(conn, removed)
            conn.executemany(_INSERT, new_rows)
            index.sqlite_insert(conn, added)
            changes = index.day_changes(removed, -1) + index.day_changes(added)
            conn.executemany(open_days.BUMP_DAYS, changes)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if progress:
            progress(min(start + BATCH, len(work)), len(work), time.perf_counter() - t0)


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
