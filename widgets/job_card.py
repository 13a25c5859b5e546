"""Job cards and job sheets as text: one formatter for the screen and the saved .txt file.

Everything is words and symbols (checked = "[✓]", synthetic = 【架空データ】, expired =
【掲載終了】), so nothing depends on colour. Texts come from the catalogue at call time, so a
language switch re-renders in the other language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strings.i18n import t

if TYPE_CHECKING:
    from api_client.job_models import JobCard, JobSheet


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
    return f"{card.work_start}〜{card.work_end}" + (t("card.shift") if card.shift else "")


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
        f"{t('card.job_number')}: {card.job_number}  "
        + t("card.dates", received=card.received_on, expires=card.expires_on),
        f"{t('card.disclosure')}: {t('search.disclosure.' + card.disclosure.value)}",
    ]
    tags = [t(f"search.tag.{tag.value}") for tag in card.tags]
    tags.append(t("card.openings", n=card.openings))
    lines.append(" ・ ".join(tags))
    return lines


def card_text(card: JobCard, *, checked: bool | None = None) -> str:
    return "\n".join(card_lines(card, checked=checked))


def _yn(flag: bool) -> str:
    return t("sheet.yes") if flag else t("sheet.no")


def _req(flag: bool) -> str:
    return t("sheet.required") if flag else t("sheet.not_required")


def _range(low: int | None, high: int | None) -> str:
    if _one(low, high):
        return t("sheet.yen_one", amount=yen(low))
    return t("sheet.yen_range", low=yen(low), high=yen(high))


def sheet_sections(sheet: JobSheet, industry_name: str = "") -> list[tuple[str, list[str]]]:
    """The 求人票 as (section title, "label: value" lines), sections 1–7 of the seed."""
    hidden = t("sheet.hidden")

    def row(key: str, value: object) -> str:
        return f"{t(key)}: {value}"

    s1 = [
        row("card.company", company_line(sheet)),
        row("sheet.kana", sheet.company_kana or hidden),
        row("sheet.employer_number", sheet.employer_number or hidden),
        row("sheet.address", sheet.company_address or hidden),
        row("sheet.url", sheet.company_url or (hidden if sheet.company_name is None else "—")),
    ]
    age = t("sheet.age_limit", n=sheet.age_limit) if sheet.age_limit else t("sheet.age_any")
    licence = _req(sheet.licence_required)
    if sheet.licence_note:
        licence += f"（{sheet.licence_note}）"
    s2 = [
        row("card.job_title", sheet.job_title),
        row("sheet.category", t(f"search.category.{sheet.category.value}")),
        row("sheet.employment", t(f"search.employment.{sheet.employment_type.value}")),
        row("sheet.description", ""),
        *[f"  {line}" for line in sheet.description.splitlines() if line.strip()],
        row("card.workplace", sheet.workplace),
        row("sheet.workplace_address", sheet.workplace_address),
        row("sheet.age", age),
        row("sheet.education", _req(sheet.education_required)),
        row("sheet.experience", _req(sheet.experience_required)),
        row("sheet.licence", licence),
        row("sheet.trial", _yn(sheet.trial_employment)),
    ]
    bonus = (
        t("sheet.bonus_months", months=sheet.bonus_months)
        if sheet.bonus and sheet.bonus_months
        else _yn(sheet.bonus)
    )
    s3 = [
        row("sheet.wage_monthly", _range(sheet.wage_monthly_min, sheet.wage_monthly_max))
        if sheet.wage_monthly_min is not None
        else row("sheet.wage_hourly", _range(sheet.wage_hourly_min, sheet.wage_hourly_max)),
        row("sheet.base_wage", _range(sheet.base_wage_min, sheet.base_wage_max)),
        row("sheet.commute", _yn(sheet.commute_allowance)),
        row("sheet.bonus", bonus),
    ]
    overtime = (
        t("sheet.overtime_hours", n=sheet.overtime_hours) if sheet.overtime_hours else _yn(False)
    )
    s4 = [
        row("sheet.hours", hours_line(sheet)),
        row("sheet.break", t("sheet.minutes", n=sheet.break_minutes)),
        row("sheet.overtime", overtime),
        row("sheet.holidays", holidays_line(sheet)),
    ]
    s5 = [
        row("sheet.insurance", " ".join(sheet.insurance) or t("sheet.none")),
        row("sheet.transfer", _yn(sheet.transfer)),
        row("sheet.car", _yn(sheet.car_commute)),
        row("sheet.housing", _yn(sheet.housing)),
        row("sheet.childcare", _yn(sheet.childcare)),
        row("sheet.uij", _yn(sheet.uij_turn)),
    ]
    industry = f"{sheet.industry_code} {industry_name}".strip()
    s6 = [
        row("sheet.employees", t("sheet.employees_n", n=sheet.employees)),
        row("sheet.industry", industry),
        row("sheet.company_description", sheet.company_description or hidden),
    ]
    features = " ・ ".join(t(f"search.feature.{f.value}") for f in sheet.features)
    s7 = [
        row("sheet.openings", t("card.openings", n=sheet.openings)),
        row("sheet.selection", sheet.selection_method),
        row("sheet.online", _yn(sheet.online_application)),
        row("sheet.features", features or t("sheet.none")),
        row("card.disclosure", t(f"search.disclosure.{sheet.disclosure.value}")),
    ]
    return [
        (t("sheet.s1"), s1),
        (t("sheet.s2"), s2),
        (t("sheet.s3"), s3),
        (t("sheet.s4"), s4),
        (t("sheet.s5"), s5),
        (t("sheet.s6"), s6),
        (t("sheet.s7"), s7),
    ]


def sheet_heading(sheet: JobSheet) -> list[str]:
    style = t(f"search.work_style.{sheet.work_style.value}")
    lines = [t("sheet.title", style=style)]
    if sheet.synthetic:
        lines[0] += "  " + t("card.synthetic")
    lines.append(f"{t('card.job_number')}: {sheet.job_number}")
    lines.append(t("card.dates", received=sheet.received_on, expires=sheet.expires_on))
    return lines


def sheet_text(sheet: JobSheet, industry_name: str = "", header: str = "") -> str:
    """The whole 求人票 as plain text (the saved file)."""
    out = [header, ""] if header else []
    out += sheet_heading(sheet)
    for title, lines in sheet_sections(sheet, industry_name):
        out += ["", f"■ {title}", *lines]
    return "\n".join(out) + "\n"
