"""Strings of getting around by keys and reading the screen: the results table, the jump
overlay, jump-to-page, key remapping and plain mode: key → (ja, en)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, tuple[str, str]]] = {
    # ------------------------------------------------------------------ results table
    "row.monthly": ("月", "mo"),
    "row.hourly": ("時", "hr"),
    "row.to": ("〜", "–"),
    "row.synthetic": ("【架空】", " [synthetic]"),
    "row.col.employment": ("雇用形態", "Type"),
    "row.col.wage": ("賃金", "Wage"),
    "row.employment.regular": ("正社員", "Regular"),
    "row.employment.non_regular": ("正社員以外", "Non-reg."),
    "row.employment.dispatch_fixed": ("派遣(有期)", "Dispatch"),
    "row.employment.dispatch_open": ("派遣(無期)", "Dispatch"),
    "row.employment.part_time_worker": ("パート", "Part-time"),
    "row.employment.dispatch_fixed_part": ("派遣パート", "Disp. part"),
    "row.employment.dispatch_open_part": ("派遣パート", "Disp. part"),
    "results.key.view": ("一覧/カード切替", "Table/cards"),
    "results.view.table": ("一覧表示", "Table view"),
    "results.view.cards": ("カード表示", "Card view"),
    "results.table_hint": (
        "↑↓ で選び、Enter で求人票。選んだ求人の内容は一覧の下に表示されます。",
        "↑↓ to choose, Enter for the job sheet; the chosen posting is shown below.",
    ),
}
