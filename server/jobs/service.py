"""Job search and job sheets: validation beyond the wire model, visibility rules, cards.

Routes stay thin; this module decides what a caller may see. 公開範囲 is applied here, on the
server: level 2 never shows the employer; level 3 shows it only to a seeker whose
registration is valid. Hidden employers are also kept out of the free-word index and of
employer-number search (tokens.py, engine.py), so nothing leaks through a search either.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import (
    JOB_NUMBER_RE,
    Disclosure,
    EmploymentType,
    JobCard,
    JobCategory,
    JobSearchRequest,
    JobSearchResult,
    JobSheet,
    JobStatus,
    JobTag,
    NewWithin,
    SortKey,
    WeeklyTwoDays,
    WorkStyle,
)
from api_client.models import ErrorCode, FieldError
from server.accounts.models import Account, Seeker
from server.errors import DomainError
from server.jobs.engine import SearchBackend, SqliteSearch, Window
from server.jobs.generate import expiry_cutoff, is_working_day
from server.jobs.models import STATUS_WITHDRAWN, JobPosting
from server.jobs.pg import PostgresSearch
from server.jobs.reference import (
    GROUP_BY_CODE,
    INDUSTRY_CODES,
    OCCUPATION_BY_CODE,
    PREFECTURE_BY_CODE,
    municipality_by_code,
)
from server.jobs.tokens import FEATURE_BITS, plan

JST = ZoneInfo("Asia/Tokyo")
_DISCLOSURE = {1: Disclosure.public, 2: Disclosure.without_company, 3: Disclosure.seekers_only}


def today_jst(now: datetime) -> date:
    return now.astimezone(JST).date()


def backend_for(db: AsyncSession) -> SearchBackend:
    if db.get_bind().dialect.name == "sqlite":
        return SqliteSearch()
    return PostgresSearch()


# --------------------------------------------------------------------------- visibility


async def _check_may_search(db: AsyncSession, account: Account) -> bool:
    """Raise while the registration is 無効 (SPEC §1); return whether it is a valid seeker."""
    if account.seeker_id is None:
        return False  # online-only account without a registration yet: public postings
    seeker = await db.get(Seeker, account.seeker_id)
    if seeker is not None and seeker.registration_status != "valid":
        raise DomainError(ErrorCode.registration_invalid, 403)
    return seeker is not None


def _visible_levels(registered: bool) -> tuple[int, ...]:
    return (1, 3) if registered else (1,)


# --------------------------------------------------------------------------- validation


def _unknown(field: str, value: str) -> FieldError:
    return FieldError(
        field=field, code="unknown_code", message=f"Unknown code {value}.", params={"code": value}
    )


def _check_codes(req: JobSearchRequest) -> None:
    problems: list[FieldError] = []
    munis = municipality_by_code()
    for i, p in enumerate(req.prefectures):
        if p not in PREFECTURE_BY_CODE:
            problems.append(_unknown(f"prefectures.{i}", p))
    for i, m in enumerate(req.municipalities):
        if m not in munis:
            problems.append(_unknown(f"municipalities.{i}", m))
    for i, o in enumerate(req.occupations):
        if (o not in GROUP_BY_CODE) if len(o) == 2 else (o not in OCCUPATION_BY_CODE):
            problems.append(_unknown(f"occupations.{i}", o))
    for i, c in enumerate(req.industries):
        if c not in INDUSTRY_CODES:
            problems.append(_unknown(f"industries.{i}", c))
    if problems:
        raise DomainError(ErrorCode.validation_error, 422, fields=problems)


def _previous_working_day(d: date) -> date:
    d -= timedelta(days=1)
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def _open_since(today: date, new_within: NewWithin | None) -> date:
    """First 受付年月日 still open (紹介期限日 ≥ today) and as new as 新着 asks."""
    since = expiry_cutoff(today)
    if new_within == NewWithin.today_yesterday:
        since = max(since, _previous_working_day(today))
    elif new_within == NewWithin.week:
        since = max(since, today - timedelta(days=6))
    return since


# --------------------------------------------------------------------------- search


async def search(
    db: AsyncSession, account: Account, req: JobSearchRequest, now: datetime
) -> JobSearchResult:
    _check_codes(req)
    registered = await _check_may_search(db, account)
    today = today_jst(now)
    window = Window(
        since=_open_since(today, req.new_within),
        descending=req.sort == SortKey.received_desc,
        limit=req.per_page,
        offset=(req.page - 1) * req.per_page,
        employer_levels=_visible_levels(registered),
    )
    total, rows = await backend_for(db).search(db, plan(req), window)
    items = [card(p, today, registered) for p in rows]
    return JobSearchResult(total=total, page=req.page, per_page=req.per_page, items=items)


async def sheet(db: AsyncSession, account: Account, job_number: str, now: datetime) -> JobSheet:
    if not JOB_NUMBER_RE.match(job_number):
        raise DomainError(
            ErrorCode.validation_error,
            422,
            fields=[
                FieldError(
                    field="job_number",
                    code="job_number_format",
                    message="Use the form NNNNN-NNNNNNNN.",
                )
            ],
        )
    registered = await _check_may_search(db, account)
    posting = (
        await db.execute(select(JobPosting).where(JobPosting.job_number == job_number))
    ).scalar_one_or_none()
    if posting is None:
        raise DomainError(ErrorCode.not_found, 404)
    today = today_jst(now)
    status = status_of(posting, today)
    if status != JobStatus.open:
        # Expired and withdrawn postings stay listed (favorites) but cannot be opened.
        raise DomainError(ErrorCode.not_found, 404, params={"status": status.value})
    return job_sheet(posting, today, registered)


def status_of(p: JobPosting, today: date) -> JobStatus:
    if p.status == STATUS_WITHDRAWN:
        return JobStatus.withdrawn
    if p.expires_on < today:
        return JobStatus.expired
    return JobStatus.open


# --------------------------------------------------------------------------- rendering


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


def _company_visible(p: JobPosting, registered: bool) -> bool:
    return p.disclosure == 1 or (p.disclosure == 3 and registered)


def _workplace(p: JobPosting) -> str:
    pref = PREFECTURE_BY_CODE.get(p.prefecture_code)
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
        "occupation_code": p.occupation_code,
        "job_title": p.job_title,
        "summary": "\n".join(lines[:3]),
        "company_name": p.company_name if _company_visible(p, registered) else None,
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


def job_sheet(p: JobPosting, today: date, registered: bool) -> JobSheet:
    visible = _company_visible(p, registered)
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
        }
    )
