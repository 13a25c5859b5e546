"""Writing postings one at a time (staff/admin and tests): row, index entry and the open-day
count (search/open_days.py) together, in the caller's transaction.

The bulk loader (bulk.py) and the importer write the same things in batches.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import COLUMNS, STATUS_OPEN, STATUS_WITHDRAWN, JobPosting
from server.jobs.search import fts, open_days, pg
from server.jobs.search.index import entry, pg_record, token_day_changes


def _values(p: JobPosting) -> dict[str, Any]:
    return {c: getattr(p, c) for c in COLUMNS}


async def _index(db: AsyncSession, p: JobPosting, *, delete: bool = False) -> None:
    values = _values(p)
    e = entry(values, p.id)
    if db.get_bind().dialect.name == "sqlite":
        key, g, u, f = e.fts_row
        params = {"key": key, "g": g, "u": u, "f": f}
        await db.execute(text(fts.DELETE_FTS_NAMED if delete else fts.INSERT_FTS_NAMED), params)
        changes = token_day_changes([e], -1 if delete else 1)
        if changes:
            await db.execute(
                text(fts.BUMP_TERM_DAYS_NAMED),
                [{"token": t, "received_on": r, "expires_on": x, "n": n} for t, r, x, n in changes],
            )
        if e.early and delete:
            await db.execute(text(fts.DELETE_EARLY_NAMED), {"key": e.key})
        elif e.early:
            await db.execute(
                text(fts.INSERT_EARLY_NAMED), {"key": e.key, "expires_on": e.expires_on}
            )
    elif delete:
        await pg.delete_document(db, p.id)
    else:
        await pg.insert_document(db, pg_record(e, values))
    await db.execute(text(open_days.BUMP), {"id": p.id, "d": -1 if delete else 1})


async def add_posting(db: AsyncSession, values: dict[str, Any]) -> JobPosting:
    """Insert a posting and index it."""
    posting = JobPosting(**values)
    db.add(posting)
    await db.flush()
    if posting.status == STATUS_OPEN:
        await _index(db, posting)
    return posting


async def withdraw(db: AsyncSession, job_number: str) -> JobPosting | None:
    posting = (
        await db.execute(select(JobPosting).where(JobPosting.job_number == job_number))
    ).scalar_one_or_none()
    if posting is None or posting.status == STATUS_WITHDRAWN:
        return posting
    await _index(db, posting, delete=True)
    posting.status = STATUS_WITHDRAWN
    await db.flush()
    return posting
