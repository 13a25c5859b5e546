"""Writing postings one at a time (staff/admin and tests): row, index row and the open-day
count (open_days.py) together, in the caller's transaction.

The bulk loader (bulk.py) writes the same three things in batches.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import COLUMNS, STATUS_OPEN, STATUS_WITHDRAWN, JobPosting
from server.jobs.search import open_days, pg
from server.jobs.search.fts import DELETE_FTS_NAMED, INSERT_FTS_NAMED
from server.jobs.search.tokens import index_document, search_body


def _values(p: JobPosting) -> dict[str, Any]:
    return {c: getattr(p, c) for c in COLUMNS}


def _dialect(db: AsyncSession) -> str:
    bind = db.get_bind()
    return bind.dialect.name


async def _index(db: AsyncSession, p: JobPosting, *, delete: bool = False) -> None:
    values = _values(p)
    g, u, f = index_document(values)
    if _dialect(db) == "sqlite":
        sql = DELETE_FTS_NAMED if delete else INSERT_FTS_NAMED
        await db.execute(text(sql), {"id": p.id, "g": g, "u": u, "f": f})
    elif delete:
        await pg.delete_document(db, p.id)
    else:
        await pg.insert_document(db, p.id, g, u, f, search_body(values))
    await db.execute(text(open_days.BUMP), {"id": p.id, "d": -1 if delete else 1})


async def add_posting(db: AsyncSession, values: dict[str, Any]) -> JobPosting:
    """Insert a posting (received today or earlier than every later one) and index it."""
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
