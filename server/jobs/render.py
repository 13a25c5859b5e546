"""Postings as the API shows them: result cards and job sheets (求人票), 公開範囲 applied."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from api_client.job_models import (
    Disclosure,
    EmploymentType,
    JobCard,
    JobCategory,
    JobSheet,
    JobStatus,
    JobTag,
    SheetRow,
    SheetSection,
    WeeklyTwoDays,
    WorkStyle,
)
from api_client.jp_format import HIDDEN
from server.codes.tables import desired_job_of, municipality_by_code, prefecture_by_code
from server.jobs import sheet_fields
from server.jobs.access import company_visible
from server.jobs.models import COLUMNS, STATUS_WITHDRAWN, JobPosting
from server.jobs.search.tokens import FEATURE_BITS
from server.jobs.sheet_fields import FIELDS, SECTION_TITLES

_DISCLOSURE = {1: Disclosure.public, 2: Disclosure.seekers_only, 3: Disclosure.without_company}


def status_of(p: JobPosting, today: date) -> JobStatus:
    if p.status == STATUS_WITHDRAWN:
        return JobStatus.withdrawn
    if p.expires_on < today:
        return JobStatus.expired
    return JobStatus.open


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _tags(p: JobPosting) -> list[JobTag]:
    flags = (
        (JobTag.car_commute, p.car_commute),
        (JobTag.no_transfer, not p.transfer),
        (JobTag.commute_allowance, p.commute_allowance),
        (JobTag.inexperienced_ok, p.inexperienced_ok),
        (JobTag.education_not_required, not p.education_required),
        (JobTag.experience_not_required, not p.experience_required),
        (JobTag.licence_not_required, not p.licence_required),
        (JobTag.uij_turn, p.uij_turn),
        (JobTag.trial_employment, p.trial_employment),
        (JobTag.housing, p.housing),
        (JobTag.childcare, p.childcare),
        (JobTag.weekends_off, p.weekends_off),
        (JobTag.no_overtime, p.overtime_hours == 0),
        (JobTag.online_application, p.online_application),
    )
    return [tag for tag, on in flags if on]


def _workplace(p: JobPosting) -> str:
    pref = prefecture_by_code().get(p.prefecture_code)
    muni = municipality_by_code().get(p.municipality_code or "")
    return (pref.name_ja if pref else "") + (muni.name_ja if muni else "")


def _card_fields(p: JobPosting, today: date, registered: bool) -> dict[str, object]:
    lines = [ln.lstrip("・") for ln in p.description.split("\n") if ln.strip()]
    return {
        "job_number": p.job_number,
        "received_on": p.received_on,
        "expires_on": p.expires_on,
        "status": status_of(p, today),
        "category": JobCategory(p.category),
        "work_style": WorkStyle(p.work_style),
        "employment_type": EmploymentType(p.employment_type),
        "classification_code": p.classification_code,
        "desired_job_code": desired_job_of(p.classification_code) if p.classification_code else "",
        "job_title": p.job_title,
        "summary": "\n".join(lines[:3]),
        "company_name": p.company_name if company_visible(p.disclosure, registered) else None,
        "disclosure": _DISCLOSURE[p.disclosure],
        "prefecture_code": p.prefecture_code,
        "municipality_code": p.municipality_code,
        "workplace": _workplace(p),
        "wage_monthly_min": p.wage_monthly_min,
        "wage_monthly_max": p.wage_monthly_max,
        "wage_hourly_min": p.wage_hourly_min,
        "wage_hourly_max": p.wage_hourly_max,
        "work_start": _hhmm(p.work_start),
        "work_end": _hhmm(p.work_end),
        "shift": p.shift,
        "weekends_off": p.weekends_off,
        "weekly_two_days": WeeklyTwoDays(p.weekly_two_days),
        "annual_holidays": p.annual_holidays,
        "openings": p.openings,
        "tags": _tags(p),
        "synthetic": p.synthetic,
    }


def card(p: JobPosting, today: date, registered: bool) -> JobCard:
    return JobCard.model_validate(_card_fields(p, today, registered))


def posting_row(p: JobPosting) -> dict[str, Any]:
    """The posting as sheet_fields.py reads it: column values, `sheet` decoded."""
    row: dict[str, Any] = {c: getattr(p, c) for c in COLUMNS}
    row["sheet"] = json.loads(p.sheet or "{}")
    return row


def sections(row: dict[str, Any], employer_visible: bool) -> list[SheetSection]:
    """The header and the 10 sections, every value in the real sheet's format."""
    out = [SheetSection(number=n, title=t, rows=[]) for n, t in enumerate(SECTION_TITLES)]
    for field in FIELDS:
        hidden = field.employer and not employer_visible
        value = HIDDEN if hidden else sheet_fields.read(field, row)
        if value or field.required:
            out[field.section].rows.append(SheetRow(label=field.label, value=value))
    return out


def job_sheet(p: JobPosting, today: date, registered: bool) -> JobSheet:
    visible = company_visible(p.disclosure, registered)
    insurance = [
        name
        for name, on in (
            ("雇用", p.ins_employment),
            ("労災", p.ins_workers_comp),
            ("健康", p.ins_health),
            ("厚生", p.ins_pension),
        )
        if on
    ]
    return JobSheet.model_validate(
        _card_fields(p, today, registered)
        | {
            "employer_number": p.employer_number if visible else None,
            "company_kana": p.company_kana if visible else None,
            "company_address": p.company_address if visible else None,
            "company_url": p.company_url if visible else None,
            "description": p.description,
            "workplace_address": p.workplace_address,
            "age_limit": p.age_limit,
            "education_required": p.education_required,
            "experience_required": p.experience_required,
            "licence_required": p.licence_required,
            "licence_note": p.licence_note,
            "trial_employment": p.trial_employment,
            "base_wage_min": p.base_wage_min,
            "base_wage_max": p.base_wage_max,
            "commute_allowance": p.commute_allowance,
            "bonus": p.bonus,
            "bonus_months": p.bonus_months,
            "break_minutes": p.break_minutes,
            "overtime_hours": p.overtime_hours,
            "insurance": insurance,
            "transfer": p.transfer,
            "car_commute": p.car_commute,
            "housing": p.housing,
            "childcare": p.childcare,
            "uij_turn": p.uij_turn,
            "employees": p.employees,
            "industry_code": p.industry_code,
            # The description names the company; hide it with the name.
            "company_description": p.company_description if visible else "",
            "selection_method": p.selection_method,
            "online_application": p.online_application,
            "features": [f for f, bit in FEATURE_BITS.items() if p.features & bit],
            "sections": sections(posting_row(p), visible),
        }
    )
