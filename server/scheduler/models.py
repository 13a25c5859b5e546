"""Which process runs the scheduled jobs: one row per job, claimed for one interval at a time.

Every worker of every server ticks on its own timer; the one whose UPDATE moves `next_due`
forward runs the jobs, the others see it in the future and skip. One statement, so it is
atomic on PostgreSQL (the row lock re-checks the WHERE) and on SQLite (BEGIN IMMEDIATE).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

SCHEDULED_JOBS = "scheduled"  # the name of the one job set today (delivery, lapse, purges)


class ScheduledRun(Base):
    __tablename__ = "scheduled_runs"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_due: Mapped[datetime]
    holder: Mapped[str | None] = mapped_column(String(100))  # host:pid of the last claimant
    claimed_at: Mapped[datetime | None]
