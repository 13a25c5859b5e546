"""The no-show rule (seed 002): when employers report 5 or more interview no-shows (不参加)
on online self-applications within 3 months, online self-application is restricted until
the seeker visits a Hello Work office.

"Until the seeker visits an office" means the restriction does not lapse with time: once
five no-shows fell within some 3-month span, it holds until an office contact
(`hellowork admin record-contact`) clears the no-shows counted so far.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    NO_SHOW_LIMIT,
    NO_SHOW_WINDOW_MONTHS,
    ApplicationState,
    SelfApplicationStatus,
)
from server.applications.models import METHOD_SELF, Application
from server.jst import today_jst


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def restricted(no_show_days: Sequence[date]) -> bool:
    """True when NO_SHOW_LIMIT no-shows fall within one NO_SHOW_WINDOW_MONTHS span."""
    days = sorted(no_show_days)
    return any(
        days[i + NO_SHOW_LIMIT - 1] <= add_months(days[i], NO_SHOW_WINDOW_MONTHS)
        for i in range(len(days) - NO_SHOW_LIMIT + 1)
    )


async def _uncleared_no_show_days(db: AsyncSession, seeker_id: int) -> list[date]:
    rows = await db.scalars(
        select(Application.result_at).where(
            Application.seeker_id == seeker_id,
            Application.method == METHOD_SELF,
            Application.state == ApplicationState.no_show.value,
            Application.no_show_cleared_at.is_(None),
        )
    )
    return [today_jst(at) for at in rows if at is not None]


async def self_application_status(
    db: AsyncSession, seeker_id: int, now: datetime
) -> SelfApplicationStatus:
    days = await _uncleared_no_show_days(db, seeker_id)
    since = add_months(today_jst(now), -NO_SHOW_WINDOW_MONTHS)
    return SelfApplicationStatus(
        restricted=restricted(days), no_shows=sum(1 for d in days if d >= since)
    )


async def clear_no_shows(db: AsyncSession, seeker_id: int, now: datetime) -> int:
    """An office visit lifts the restriction: the no-shows so far stop counting."""
    result = await db.execute(
        update(Application)
        .where(
            Application.seeker_id == seeker_id,
            Application.state == ApplicationState.no_show.value,
            Application.no_show_cleared_at.is_(None),
        )
        .values(no_show_cleared_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
