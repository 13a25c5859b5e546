"""Dates and times as the seeds show them (JST, 2021年09月21日 10時00分)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from strings.i18n import get_language

# Japan has no daylight saving time, so a fixed offset is exact (and needs no tzdata).
JST = timezone(timedelta(hours=9), "JST")


def format_jst(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(JST)
    if get_language() == "ja":
        return local.strftime("%Y年%m月%d日 %H時%M分")
    return local.strftime("%Y-%m-%d %H:%M JST")


def format_date(day: date) -> str:
    if get_language() == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def format_clock(hhmm: str) -> str:
    """A time of day as the 求人票 writes it: 9時00分 (English keeps 09:00)."""
    hours, _, minutes = hhmm.partition(":")
    if get_language() != "ja" or not (hours.isdigit() and minutes.isdigit()):
        return hhmm
    return f"{int(hours)}時{minutes}分"
