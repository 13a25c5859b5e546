"""Job cards as text (the job sheet is laid out by api_client.sheet_text).

Everything is words and symbols (checked = "[✓]", synthetic = 【架空データ】, expired =
【掲載終了】), so nothing depends on colour. Texts come from the catalogue at call time, so a
language switch re-renders in the other language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strings.dates import format_clock, format_date
from strings.i18n import t

if TYPE_CHECKING:
    from api_client.job_models import JobCard


def yen(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}"


def _one(low: int | None, high: int | None) -> bool:
    """A range whose ends are the same amount (or that has one end) is one amount."""
    return low is not None and (high is None or high == low)


def wage_line(card: JobCard) -> str:
    low: int | None
    high: int | None
    if card.wage_monthly_min is not None:
        low, high, key = card.wage_monthly_min, card.wage_monthly_max, "card.wage_monthly"
    else:
        low, high, key = card.wage_hourly_min, card.wage_hourly_max, "card.wage_hourly"
    if _one(low, high):
        return t(f"{key}_one", amount=yen(low))  # 時給 870円, not 870円〜870円
    return t(key, low=yen(low), high=yen(high))


def hours_line(card: JobCard) -> str:
    hours = f"{format_clock(card.work_start)}〜{format_clock(card.work_end)}"
    return hours + (t("card.shift") if card.shift else "")


def dates_line(card: JobCard) -> str:
    """受付年月日 and 紹介期限日 in the 求人票's format (2026年5月11日)."""
    received, expires = format_date(card.received_on), format_date(card.expires_on)
    return t("card.dates", received=received, expires=expires)


def holidays_line(card: JobCard) -> str:
    parts = []
    if card.weekends_off:
        parts.append(t("card.weekends_off"))
    two = t(f"search.two_days_value.{card.weekly_two_days.value}")
    parts.append(t("card.two_days", value=two))
    parts.append(t("card.annual", n=card.annual_holidays))
    return " ／ ".join(parts)


def company_line(card: JobCard) -> str:
    return card.company_name if card.company_name else t("card.company_hidden")


def headline(card: JobCard) -> str:
    """正社員 フル 北海道釧路市 — the first line of a seed card."""
    return " ".join(
        (
            t(f"search.employment.{card.employment_type.value}"),
            t(f"search.work_style_short.{card.work_style.value}"),
            card.workplace,
        )
    )


def card_lines(card: JobCard, *, checked: bool | None = None) -> list[str]:
    """The seed's result card. `checked` None = no check box (favorites)."""
    first = headline(card)
    if checked is not None:
        first = (t("card.checked") if checked else t("card.unchecked")) + " " + first
    if card.synthetic:
        first += "  " + t("card.synthetic")
    lines = [
        first,
        f"{t('card.job_title')}: {card.job_title}",
        f"{t('card.company')}: {company_line(card)}",
        f"{t('card.workplace')}: {card.workplace}",
        f"{t('card.wage')}: {wage_line(card)}",
        f"{t('card.hours')}: {hours_line(card)}",
        f"{t('card.holidays')}: {holidays_line(card)}",
        f"{t('card.job_number')}: {card.job_number}  {dates_line(card)}",
        f"{t('card.disclosure')}: {t('search.disclosure.' + card.disclosure.value)}",
    ]
    tags = [t(f"search.tag.{tag.value}") for tag in card.tags]
    tags.append(t("card.openings", n=card.openings))
    lines.append(" ・ ".join(tags))
    return lines


def card_text(card: JobCard, *, checked: bool | None = None) -> str:
    return "\n".join(card_lines(card, checked=checked))
