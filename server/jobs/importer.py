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
from server.jobs.postings_csv import Chunk, Problem
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
        row.get("_sheet_json") or json.dumps(row["sheet"], ensure_ascii=False),
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


class Firsts:
    """Keeps the rows whose 求人番号 the file gives first; a repeat is reported on its line."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.seen: dict[str, int] = {}

    def __call__(self, rows: list[tuple[int, Row]]) -> list[Row]:
        unique: list[Row] = []
        for line, row in rows:
            number = row["job_number"]
            if number in self.seen:
                self.report.problems.append(
                    Problem(line, "求人番号", f"given twice (first on line {self.seen[number]})")
                )
                continue
            self.seen[number] = line
            unique.append(row)
        return unique


def consumed(chunk: Chunk) -> int:
    """Records a parsed chunk stands for (good rows and refused ones)."""
    good, problems = chunk
    return len(good) + len({p.line for p in problems})


def import_rows(
    path: str, chunks: Iterable[Chunk], *, total: int, progress: Progress | None = None
) -> ImportReport:
    """Insert or update the parsed rows (postings_csv.parse_rows chunks, consumed as they
    are parsed) in the migrated SQLite database at `path`."""
    t0 = time.perf_counter()
    report = ImportReport()
    firsts = Firsts(report)
    conn = _connect(path)
    try:
        next_id = (conn.execute("SELECT max(id) FROM job_postings").fetchone()[0] or 0) + 1
        done = 0
        for chunk in chunks:
            report.problems += chunk[1]
            rows = firsts(chunk[0])
            for start in range(0, len(rows), BATCH):
                next_id = _write(conn, rows[start : start + BATCH], next_id, report)
            done += consumed(chunk)
            if progress:
                progress(done, total, time.perf_counter() - t0)
    finally:
        conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write(conn: sqlite3.Connection, batch: list[Row], next_id: int, report: ImportReport) -> int:
    """One transaction: rows, index entries, open-day counts. Returns the next free id.

    New postings take the next ids in the file's order; the search orders them by 受付年月日
    whatever their ids (search/keys.py), so an older posting needs no renumbering."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = _known(conn, [r["job_number"] for r in batch])
        new_rows: list[tuple[Any, ...]] = []
        added: list[index.Entry] = []
        removed: list[index.Entry] = []
        for row in batch:
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
    report.inserted += len(new_rows)
    report.updated += len(batch) - len(new_rows)
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
