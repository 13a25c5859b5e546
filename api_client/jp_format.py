"""Values written as the real 求人票 writes them, and read back from that writing.

Shared by the server (job sheets, CSV export and import) and the client (the saved text), so
a date is 2025年7月23日, a time range 9時00分〜18時00分 and money 230,000円〜400,000円 everywhere.
Parsers accept what people type on the real forms: full-width digits, commas, spaces, ～ or 〜
or ~ between the ends of a range.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

HIDDEN = "公開していません"  # what the sheet shows where 公開範囲 hides the employer
RANGE_SEP = "〜"


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def jp_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_DATE = re.compile(r"^(\d{4})\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})\s*日?$")


def parse_jp_date(text: str) -> date:
    """2025年7月23日 (also 2025/07/23, 2025-07-23, full-width). ValueError otherwise."""
    m = _DATE.match(_nfkc(text))
    if not m:
        raise ValueError("date")
    return date(int(m[1]), int(m[2]), int(m[3]))


def jp_time(minutes: int) -> str:
    """9時00分 (minutes since midnight; 24時00分 and later for the next day's early hours)."""
    return f"{minutes // 60}時{minutes % 60:02d}分"


def jp_hours(start: int, end: int) -> str:
    """9時00分〜18時00分."""
    return f"{jp_time(start)}{RANGE_SEP}{jp_time(end)}"


_TIME = r"(\d{1,2})\s*(?:時|:)\s*(\d{2})\s*分?"
_HOURS = re.compile(rf"^{_TIME}\s*[〜~～\-－ー]\s*{_TIME}$")


def parse_jp_hours(text: str) -> tuple[int, int]:
    """9時00分〜18時00分 (or 9:00~18:00) → minutes since midnight. ValueError otherwise."""
    m = _HOURS.match(_nfkc(text).replace("〜", "~"))
    if not m:
        raise ValueError("hours")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError("hours")
    return h1 * 60 + m1, h2 * 60 + m2


def yen(amount: int) -> str:
    return f"{amount:,}円"


def yen_range(low: int | None, high: int | None) -> str:
    """230,000円〜400,000円; one end alone when the other is missing or equal."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return yen(low if low is not None else high or 0)
    return f"{yen(low)}{RANGE_SEP}{yen(high)}"


_AMOUNT = r"(\d[\d,]*)\s*円?"
_YEN_RANGE = re.compile(rf"^{_AMOUNT}(?:\s*[〜~～\-－]\s*{_AMOUNT})?$")


def parse_yen_range(text: str) -> tuple[int, int | None]:
    """230,000円〜400,000円 → (230000, 400000); 1,163円 → (1163, None)."""
    m = _YEN_RANGE.match(_nfkc(text).replace("〜", "~"))
    if not m or (m[1].count(",") and not re.fullmatch(r"\d{1,3}(,\d{3})*", m[1])):
        raise ValueError("yen")
    low = int(m[1].replace(",", ""))
    high = int(m[2].replace(",", "")) if m[2] else None
    if high is not None and high < low:
        raise ValueError("yen_order")
    return low, high


def parse_int(text: str, unit: str = "") -> int:
    """120日 / １２０ / 1,200人 → 120 / 120 / 1200."""
    t = _nfkc(text).replace(",", "")
    if unit:
        t = t.removesuffix(unit).strip()
    if not t.isdigit():
        raise ValueError("number")
    return int(t)


def full_width(text: str) -> str:
    """Half-width letters, digits and ASCII symbols as the sheet prints them (Ｐｙｔｈｏｎ)."""
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text
    )
