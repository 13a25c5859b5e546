"""The 紹介期限日 groups SQLite counts as far as a page needs (engine.early_pieces): every day an
open posting's deadline can fall on is in exactly one piece, in order."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from server.jobs.search.engine import FIRST_EARLY_DAYS, default_deadlines, early_pieces
from server.jst import expiry_cutoff


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)), st.integers(0, 70))
def test_pieces_cover_every_day_from_today_to_the_last_default_once(
    today: date, newer: int
) -> None:
    since = max(expiry_cutoff(today), today - timedelta(days=newer))  # 新着 narrows it
    defaults = default_deadlines(since, today)
    pieces = early_pieces(today, defaults)
    days: list[date] = []
    for piece in pieces:
        days.extend(piece if isinstance(piece, list) else [piece])
    assert days == [today + timedelta(days=i) for i in range((defaults[-1] - today).days + 1)]
    assert [p for p in pieces if isinstance(p, date)] == defaults
    # Early days only in lists, a week first, then twice as many after each piece.
    sizes: list[int] = []
    for piece in pieces:
        if isinstance(piece, date):
            sizes = []
            continue
        assert piece and not set(piece) & set(defaults)
        sizes.append(len(piece))
    assert all(n <= FIRST_EARLY_DAYS * 2**i for i, n in enumerate(sizes))


def test_a_default_deadline_today_comes_first() -> None:
    today = date(2026, 11, 30)  # the default 紹介期限日 of September's postings
    pieces = early_pieces(today, default_deadlines(expiry_cutoff(today), today))
    assert pieces[0] == today
    assert pieces[1] == [date(2026, 12, 1) + timedelta(days=i) for i in range(7)]
