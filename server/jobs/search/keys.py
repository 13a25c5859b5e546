"""Search keys: the order both sort orders and the "still open" ranges are read in.

A posting's key is `(days since 1970-01-01 of its 受付年月日) << 32 | id`: keys sort by
受付年月日, then by id (the order postings were stored in), and a posting received on or after
day D has a key ≥ `floor(D)` — a bound the index applies without a lookup. The key is the
rowid of the posting's SQLite index row and the `key` column of its PostgreSQL one; the id
is its low 32 bits.

The key is a function of the posting, not of when it was stored: a posting received long ago
and imported today takes its place among the postings of its day, and no id ever changes
(favorites and other references stay valid without rewriting anything).
"""

from __future__ import annotations

from datetime import date

_EPOCH = date(1970, 1, 1).toordinal()
_ID_BITS = 32
KEY_DAY_SHIFT = _ID_BITS  # key >> KEY_DAY_SHIFT: the day number of the 受付年月日
ID_MASK = (1 << _ID_BITS) - 1
MAX_ID = ID_MASK


def day_number(day: date | str) -> int:
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return d.toordinal() - _EPOCH


def search_key(received_on: date | str, posting_id: int) -> int:
    if not 0 < posting_id <= MAX_ID:
        raise ValueError(f"posting id {posting_id} outside 1–{MAX_ID}")
    return (day_number(received_on) << _ID_BITS) | posting_id


def floor_key(since: date) -> int:
    """The smallest key of a posting received on or after `since`."""
    return day_number(since) << _ID_BITS


def posting_id(key: int) -> int:
    return key & ID_MASK


def received_day(key: int) -> date:
    """The 受付年月日 a key was made from."""
    return date.fromordinal((key >> _ID_BITS) + _EPOCH)
