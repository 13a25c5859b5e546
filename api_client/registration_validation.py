"""Input rules of the account opening and the 7-step job-seeker registration (issue 4),
shared by client and server like validation.py, whose `Problem`/`Normalised` they use.

Each normaliser changes only what is unambiguous (NFKC of digits, codes and dates, dash-like
characters in numbers, half-width katakana) and says whether it changed anything. The texts of
every code here are in api_client/field_messages.py (Japanese and English).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

from .validation import Normalised, Problem

# Primitive rules of the account opening and the 7-step job-seeker registration. Each
# normaliser changes only what is unambiguous (NFKC of digits, codes, e-mail) and says so.

CREATION_CODE_MAX = 10
FULLWIDTH_UNITS = 2  # a full-width character takes two half-width cells


def fullwidth_length(text: str) -> float:
    """Length in full-width characters: a full-width (or wide) character counts 1, a
    half-width one ½ — how the seeds' 「全角30文字以内」 limits fill a field."""
    units = sum(
        FULLWIDTH_UNITS if unicodedata.east_asian_width(c) in ("F", "W") else 1 for c in text
    )
    return units / FULLWIDTH_UNITS


def normalise_fullwidth(text: str) -> Normalised:
    """Half-width letters, digits and symbols to their full-width forms (1-1 → １－１), as an
    address in 全角 asks; half-width katakana to full-width (NFKC); spaces at the ends dropped."""
    value = unicodedata.normalize("NFKC", text).strip().strip("\u3000")
    value = "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in value
    )
    return Normalised(value, value != text)


def trimmed(text: str) -> Normalised:
    """Spaces (half- or full-width) at the ends dropped — and said, never silently."""
    value = text.strip().strip("\u3000").strip()
    return Normalised(value, value != text)


def fullwidth_problems(text: str, max_chars: int, *, required: bool = False) -> list[Problem]:
    """`text` fits in `max_chars` full-width characters (see `fullwidth_length`)."""
    if not text.strip():
        return [Problem("required")] if required else []
    length = fullwidth_length(text)
    if length > max_chars:
        return [Problem("fullwidth_too_long", {"max": max_chars, "length": math.ceil(length)})]
    return []


def creation_code_problems(code: str) -> list[Problem]:
    """アカウント作成コード: at most 10 half-width characters (already normalised)."""
    if not code:
        return [Problem("required")]
    if not code.isascii() or not code.isalnum():
        return [Problem("creation_code_format", {"max": CREATION_CODE_MAX})]
    if len(code) > CREATION_CODE_MAX:
        return [Problem("too_long", {"max": CREATION_CODE_MAX})]
    return []


_DASHES = "-‐‑‒–—―−ーｰ－"


def normalise_digits(text: str) -> Normalised:
    """NFKC, then every dash-like character (ー, －, −, …) to '-' and spaces removed."""
    value = unicodedata.normalize("NFKC", text)
    value = "".join("-" if c in _DASHES else c for c in value)
    value = "".join(value.split())
    return Normalised(value, value != text)


POSTAL_RE = re.compile(r"^〒?([0-9]{3})-?([0-9]{4})$")


def normalise_postal_code(text: str) -> Normalised:
    """〒１２３ー４５６７ → 123-4567 (when the shape is a postal code; else NFKC only)."""
    n = normalise_digits(text)
    m = POSTAL_RE.match(n.value)
    value = f"{m.group(1)}-{m.group(2)}" if m else n.value
    return Normalised(value, value != text)


def postal_code_problems(code: str) -> list[Problem]:
    if not code:
        return [Problem("required")]
    if not re.fullmatch(r"[0-9]{3}-[0-9]{4}", code):
        return [Problem("postal_code_format")]
    return []


_FIXED_RE = re.compile(r"^0(?![5789]0)[0-9]{9}$")
_MOBILE_RE = re.compile(r"^0[789]0[0-9]{8}$")


def phone_problems(number: str, *, mobile: bool) -> list[Problem]:
    """A normalised phone number (hyphens allowed): fixed 0X… 10 digits, mobile 070/080/090
    11 digits."""
    if not number:
        return []
    if not re.fullmatch(r"[0-9-]+", number) or "--" in number or number.strip("-") != number:
        return [Problem("phone_format")]
    digits = number.replace("-", "")
    ok = _MOBILE_RE.match(digits) if mobile else _FIXED_RE.match(digits)
    if not ok:
        return [Problem("phone_mobile_format" if mobile else "phone_fixed_format")]
    return []


def parse_date(text: str) -> tuple[date | None, list[Problem]]:
    """A Gregorian date typed as YYYY-MM-DD or YYYY/MM/DD (already normalised); real dates only."""
    if not text:
        return None, [Problem("required")]
    m = re.fullmatch(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})", text)
    if not m:
        return None, [Problem("date_format")]
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), []
    except ValueError:
        return None, [Problem("date_not_real")]


def parse_year_month(text: str) -> tuple[tuple[int, int] | None, list[Problem]]:
    """YYYY-MM (or YYYY/MM), a real month."""
    if not text:
        return None, [Problem("required")]
    m = re.fullmatch(r"([0-9]{4})[-/]([0-9]{1,2})", text)
    if not m:
        return None, [Problem("year_month_format")]
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12 or year < 1900:
        return None, [Problem("date_not_real")]
    return (year, month), []


def parse_time(text: str) -> tuple[int | None, list[Problem]]:
    """HH:MM → minutes since midnight (00:00–23:59; 24:00 allowed as an end)."""
    if not text:
        return None, [Problem("required")]
    m = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text)
    if not m:
        return None, [Problem("time_format")]
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None, [Problem("time_not_real")]
    return hours * 60 + minutes, []


def normalise_kana(text: str) -> Normalised:
    """Half-width katakana → full-width (NFKC) and hiragana → katakana; spaces trimmed."""
    value = unicodedata.normalize("NFKC", text).strip()
    value = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in value)
    return Normalised(value, value != text)


def kana_problems(text: str, max_chars: int) -> list[Problem]:
    if not text:
        return [Problem("required")]
    if not all(("ァ" <= c <= "ヺ") or c in "ー・　 " for c in text):
        return [Problem("kana_only")]
    if len(text) > max_chars:
        return [Problem("too_long", {"max": max_chars})]
    return []
