"""Claim the next run of a scheduled job for this process (see models.ScheduledRun)."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server.scheduler.models import ScheduledRun

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


async def claim(
    db: AsyncSession, name: str, now: datetime, interval: timedelta, holder: str
) -> bool:
    """True if this process won the run due at `now`; the next one is due `interval` later.
    `db` must be a write session (BEGIN IMMEDIATE on SQLite)."""
    result = await db.execute(
        update(ScheduledRun)
        .where(ScheduledRun.name == name, ScheduledRun.next_due <= now)
        .values(next_due=now + interval, holder=holder, claimed_at=now)
    )
    assert isinstance(result, CursorResult)
    if result.rowcount == 1:
        await db.commit()
        return True
    if await db.get(ScheduledRun, name) is not None:
        await db.rollback()
        return False  # another process holds this interval
    # No row (the migration seeds it; someone removed it): the first insert wins.
    db.add(ScheduledRun(name=name, next_due=now + interval, holder=holder, claimed_at=now))
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        return False
    return True


async def release(db: AsyncSession, name: str, holder: str, now: datetime) -> None:
    """After a failed run: make it due again, so the next tick of any process retries."""
    await db.execute(
        update(ScheduledRun)
        .where(ScheduledRun.name == name, ScheduledRun.holder == holder)
        .values(next_due=now)
    )
    await db.commit()


async def next_due(db: AsyncSession, name: str) -> datetime:
    row = await db.get(ScheduledRun, name)
    return row.next_due if row is not None else EPOCH
