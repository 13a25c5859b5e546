"""Japan Standard Time and the calendar rules of the service, in one place.

Every "today" on the server is the JST calendar day of an injected clock's `now`; nothing here
reads the system clock. The month rules (registration validity, 紹介期限日) and the working
days (weekdays that are neither national holidays nor the 年末年始 closure, 12/29–1/3) are
shared by accounts, job search, the demo generator and the posting importer.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import jpholiday

JST = ZoneInfo("Asia/Tokyo")


def today_jst(now: datetime) -> date:
    """The JST calendar day of an aware `now`."""
    return now.astimezone(JST).date()


def end_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def end_of_month_after_next(day: date) -> date:
    """The last day of the month after next: registration validity and 紹介期限日 (SPEC §1–2)."""
    month_index = day.month - 1 + 2
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def referral_deadline(received: date) -> date:
    """The default 紹介期限日 of a posting received on `received`."""
    return end_of_month_after_next(received)


def expiry_cutoff(today: date) -> date:
    """The earliest 受付年月日 whose default 紹介期限日 is today or later."""
    month_index = today.month - 1 - 2
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return date(year, month, 1)


def is_working_day(d: date) -> bool:
    """Hello Work offices are open: a weekday, not a holiday, not 12/29–1/3."""
    return (
        d.weekday() < 5
        and not jpholiday.is_holiday(d)
        and not ((d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3))
    )


def previous_working_day(d: date) -> date:
    d -= timedelta(days=1)
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def working_days(first: date, last: date) -> list[date]:
    days = []
    d = first
    while d <= last:
        if is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    return days
