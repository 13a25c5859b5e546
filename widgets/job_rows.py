"""Search results as a table: one line per posting, and a short card of the highlighted one.

At 80×24 a full result card (eleven lines) leaves room for about one card; the table shows
the employment, title, workplace and wage of a page's postings one line each, and the card
of the highlighted row below them. Columns are cut to the cells they have (Japanese text is
two cells a character) with "…", never wrapped: a row is one line. Everything is words and
symbols ([✓], 【架空】), nothing told by colour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len

from strings.i18n import t
from widgets.job_card import (
    company_line,
    dates_line,
    holidays_line,
    hours_line,
    wage_line,
    yen,
)

if TYPE_CHECKING:
    from api_client.job_models import JobCard

CHECK_WIDTH = 3  # "[✓]"
EMPLOYMENT_WIDTH = 10
WAGE_WIDTH = 19
PLACE_SHARE = 0.3  # of what is left after the fixed columns, the workplace's part
PLACE_MIN, PLACE_MAX = 12, 24
ELLIPSIS = "…"
# 東京都, 北海道, 京都府, 大阪府 and the 43 …県 at the start of a workplace.
PREFECTURE = re.compile(r"^(?:東京都|北海道|京都府|大阪府|.{2,3}?県)(?=.)")


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: cut with "…" when longer, padded when shorter."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    out += ELLIPSIS
    return out + " " * (width - cell_len(out))


def place_text(workplace: str, width: int) -> str:
    """The workplace in `width` cells: without its prefecture when the whole does not fit
    (the city tells more than a cut "福岡県筑…")."""
    if cell_len(workplace) > width:
        workplace = PREFECTURE.sub("", workplace, count=1)
    return fit(workplace, width)


def short_wage(card: JobCard) -> str:
    """月 203,800〜247,400 / 時 1,270 — the wage in a column's width."""
    low: int | None
    high: int | None
    if card.wage_monthly_min is not None:
        low, high, unit = card.wage_monthly_min, card.wage_monthly_max, t("row.monthly")
    else:
        low, high, unit = card.wage_hourly_min, card.wage_hourly_max, t("row.hourly")
    if low is not None and (high is None or high == low):
        return f"{unit} {yen(low)}"
    return f"{unit} {yen(low)}{t('row.to')}{yen(high)}"


def _widths(width: int) -> tuple[int, int]:
    """(title, workplace) widths of a row `width` cells wide."""
    fixed = CHECK_WIDTH + 1 + EMPLOYMENT_WIDTH + 1 + WAGE_WIDTH + 2
    left = max(0, width - fixed)
    place = max(PLACE_MIN, min(PLACE_MAX, int(left * PLACE_SHARE)))
    return max(4, left - place), place


def row_text(card: JobCard, *, checked: bool, width: int) -> str:
    """One posting in one line of `width` cells: check, employment, title, place, wage."""
    title_width, place_width = _widths(width)
    title = card.job_title + (t("row.synthetic") if card.synthetic else "")
    return " ".join(
        (
            "[✓]" if checked else "[ ]",
            fit(t(f"row.employment.{card.employment_type.value}"), EMPLOYMENT_WIDTH),
            fit(title, title_width),
            place_text(card.workplace, place_width),
            fit(short_wage(card), WAGE_WIDTH).rstrip(),
        )
    )


def header_text(width: int) -> str:
    """The column names, aligned with `row_text` (the check column is left blank)."""
    title_width, place_width = _widths(width)
    return " ".join(
        (
            " " * CHECK_WIDTH,
            fit(t("row.col.employment"), EMPLOYMENT_WIDTH),
            fit(t("card.job_title"), title_width),
            fit(t("card.workplace"), place_width),
            t("row.col.wage"),
        )
    )


def detail_lines(card: JobCard, *, checked: bool) -> list[str]:
    """The highlighted posting's card in a few lines (the 求人票 has the rest: Enter)."""
    first = (t("card.checked") if checked else t("card.unchecked")) + "  "
    first += f"{t('card.job_number')}: {card.job_number}"
    if card.synthetic:
        first += "  " + t("card.synthetic")
    tags = [t(f"search.tag.{tag.value}") for tag in card.tags]
    tags.append(t("card.openings", n=card.openings))
    return [
        first,
        f"{t('card.job_title')}: {card.job_title}",
        f"{t('card.company')}: {company_line(card)}",
        f"{t('card.workplace')}: {card.workplace}  "
        + t(f"search.employment.{card.employment_type.value}")
        + " "
        + t(f"search.work_style_short.{card.work_style.value}"),
        f"{t('card.wage')}: {wage_line(card)}",
        f"{t('card.hours')}: {hours_line(card)}",
        f"{t('card.holidays')}: {holidays_line(card)}",
        dates_line(card),
        f"{t('card.disclosure')}: {t('search.disclosure.' + card.disclosure.value)}",
        " ・ ".join(tags),
    ]
