"""Loading posting rows (postings_csv.py) into a SQLite database: insert new 求人番号, update
known ones, keep the search index and the open-day counts right in the same transactions.

The search needs ids in 受付年月日 order (models.py). Rows received no earlier than the newest
posting already loaded are appended batch by batch: each batch — rows, index rows, open-day
counts — commits as one transaction, so an interrupted import leaves whole rows and a
consistent index, and running it again finishes the job (known numbers are updated, not
duplicated). A file that reaches back before the newest posting (or moves a posting's
受付年月日) makes the whole table be renumbered in one transaction instead, with every
reference to a posting (favorites, …) carried over.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from server.jobs.models import COLUMNS
from server.jobs.postings_csv import Problem
from server.jobs.search import fts, open_days
from server.jobs.search.tokens import index_document
from server.jobs.sheet_fields import Row

BATCH = 2_000
Progress = Callable[[int, int, float], None]  # (rows done, rows in all, seconds so far)

_NAMES = ", ".join(COLUMNS)
_MARKS = ", ".join("?" * len(COLUMNS))
# Column names are the model's; values are bound parameters.
_SELECT = f"SELECT {_NAMES} FROM job_postings"  # noqa: S608
_BUMP_DAY = (
    "INSERT INTO job_open_days (received_on, open_count) VALUES (?, ?)"
    " ON CONFLICT (received_on) DO UPDATE"
    " SET open_count = job_open_days.open_count + excluded.open_count"
)


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    renumbered: bool = False
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


def _as_row(record: sqlite3.Row) -> Row:
    row = {c: record[c] for c in COLUMNS}
    row["received_on"] = date.fromisoformat(row["received_on"])
    row["expires_on"] = date.fromisoformat(row["expires_on"])
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


def _doc(row: Row) -> tuple[str, str, str]:
    """The row's index columns (computed while parsing when it was, else now)."""
    doc: tuple[str, str, str] | None = row.get("_doc")
    return doc if doc is not None else index_document(row)


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


def _unindex(conn: sqlite3.Connection, posting_id: int, row: Row, days: Counter[date]) -> None:
    if row["status"] == "open":
        conn.execute(fts.DELETE_FTS, (posting_id, *index_document(row)))
        days[row["received_on"]] -= 1


def import_rows(
    path: str, rows: list[tuple[int, Row]], *, progress: Progress | None = None
) -> ImportReport:
    """Insert or update `rows` (line, row) in the migrated SQLite database at `path`."""
    t0 = time.perf_counter()
    report = ImportReport()
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
    conn = _connect(path)
    try:
        known = _known(conn, [r["job_number"] for r in unique])
        newest = conn.execute("SELECT max(received_on) FROM job_postings").fetchone()[0]
        # Stable: within a day the file's order is kept (an export's order is the ids').
        inserts = sorted(
            (r for r in unique if r["job_number"] not in known), key=lambda r: r["received_on"]
        )
        updates = [r for r in unique if r["job_number"] in known]
        moved = any(
            r["received_on"].isoformat() != known[r["job_number"]]["received_on"] for r in updates
        )
        early = (
            bool(inserts) and newest is not None and inserts[0]["received_on"].isoformat() < newest
        )
        if moved or early:
            _renumber(conn, known, updates, inserts, progress, t0)
            report.renumbered = True
        else:
            _append(conn, known, updates, inserts, progress, t0)
        report.inserted, report.updated = len(inserts), len(updates)
    finally:
        conn.close()
    report.seconds = time.perf_counter() - t0
    return report


def _append(
    conn: sqlite3.Connection,
    known: dict[str, sqlite3.Row],
    updates: list[Row],
    inserts: list[Row],
    progress: Progress | None,
    t0: float,
) -> None:
    work = [*updates, *inserts]
    next_id = (conn.execute("SELECT max(id) FROM job_postings").fetchone()[0] or 0) + 1
    for start in range(0, len(work), BATCH):
        days: Counter[date] = Counter()
        conn.execute("BEGIN IMMEDIATE")
        try:
            new_rows: list[tuple[Any, ...]] = []
            docs: list[tuple[int, str, str, str]] = []
            for row in work[start : start + BATCH]:
                old = known.get(row["job_number"])
                if old is not None:
                    posting_id = old["id"]
                    _unindex(conn, posting_id, _as_row(old), days)
                    conn.execute(_UPDATE, (*_db_values(row, posting_id)[1:], posting_id))
                else:
                    posting_id, next_id = next_id, next_id + 1
                    new_rows.append(_db_values(row, posting_id))
                if row["status"] == "open":
                    docs.append((posting_id, *_doc(row)))
                    days[row["received_on"]] += 1
            conn.executemany(_INSERT, new_rows)
            conn.executemany(fts.INSERT_FTS, docs)
            conn.executemany(_BUMP_DAY, [(d.isoformat(), n) for d, n in days.items() if n])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if progress:
            progress(min(start + BATCH, len(work)), len(work), time.perf_counter() - t0)


def _references(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key that points at job_postings."""
    refs = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):  # names from the schema
            if fk["table"] == "job_postings":
                refs.append((table, fk["from"]))
    return refs


def _renumber(
    conn: sqlite3.Connection,
    known: dict[str, sqlite3.Row],
    updates: list[Row],
    inserts: list[Row],
    progress: Progress | None,
    t0: float,
) -> None:
    """Rewrite every posting with ids in 受付年月日 order, in one transaction."""
    by_number = {r["job_number"]: r for r in updates}
    conn.execute("PRAGMA foreign_keys=OFF")  # references are rewritten below, then checked
    conn.execute("BEGIN IMMEDIATE")
    try:
        old_rows: list[tuple[int, Row]] = []
        for record in conn.execute(_SELECT):
            row = by_number.get(record["job_number"]) or _as_row(record)
            old_rows.append((record["id"], row))
        everything: list[tuple[int | None, Row]] = [*old_rows, *((None, r) for r in inserts)]
        everything.sort(key=lambda x: (x[1]["received_on"], x[0] or 1 << 62, x[1]["job_number"]))
        conn.execute("CREATE TEMP TABLE remap (old_id INTEGER PRIMARY KEY, new_id INTEGER)")
        conn.executemany(
            "INSERT INTO remap VALUES (?, ?)",
            [(old, i) for i, (old, _) in enumerate(everything, start=1) if old is not None],
        )
        conn.execute("DELETE FROM job_postings")
        conn.execute(fts.DROP_FTS)
        conn.execute(fts.CREATE_FTS)
        for i in range(0, len(everything), BATCH):
            chunk = list(enumerate(everything[i : i + BATCH], start=i + 1))
            conn.executemany(_INSERT, [_db_values(row, n) for n, (_, row) in chunk])
            conn.executemany(
                fts.INSERT_FTS,
                [(n, *_doc(row)) for n, (_, row) in chunk if row["status"] == "open"],
            )
            if progress:
                progress(i + len(chunk), len(everything), time.perf_counter() - t0)
        for table, column in _references(conn):
            # Table and column names come from the schema itself.
            conn.execute(
                f"UPDATE {table} SET {column} = "  # noqa: S608
                f"(SELECT new_id FROM remap WHERE old_id = {table}.{column})"
            )
        conn.execute(open_days.CLEAR)
        conn.execute(open_days.REBUILD)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise RuntimeError("renumbering left a dangling reference")
        conn.execute("DROP TABLE remap")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def export_rows(path: str) -> Iterable[Row]:
    """Every posting not withdrawn, in id (= 受付年月日) order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        sql = f"{_SELECT} WHERE status != 'withdrawn' ORDER BY id"
        for record in conn.execute(sql):
            yield _as_row(record)
    finally:
        conn.close()
