"""Job search and job sheets: validation beyond the wire model, the open window, the engine.

Routes stay thin; this module decides what a caller may ask and see (access.py) and hands the
query plan to the database's search backend (search/).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import (
    JOB_NUMBER_RE,
    JobNumberResult,
    JobNumberSearch,
    JobSearchRequest,
    JobSearchResult,
    JobSheet,
    JobStatus,
    NewWithin,
    SortKey,
)
from api_client.models import ErrorCode, FieldError
from server.accounts.models import Account
from server.codes import tables
from server.errors import DomainError
from server.jobs.access import registered_searcher, visible_levels
from server.jobs.models import JobPosting
from server.jobs.render import card, job_sheet, status_of
from server.jobs.search.engine import SearchBackend, SqliteSearch, Window
from server.jobs.search.pg import PostgresSearch
from server.jobs.search.tokens import plan
from server.jst import expiry_cutoff, previous_working_day, today_jst


def backend_for(db: AsyncSession) -> SearchBackend:
    if db.get_bind().dialect.name == "sqlite":
        return SqliteSearch()
    return PostgresSearch()


# --------------------------------------------------------------------------- validation


def _unknown(field: str, value: str) -> FieldError:
    return FieldError(
        field=field, code="unknown_code", message=f"Unknown code {value}.", params={"code": value}
    )


def check_codes(req: JobSearchRequest) -> None:
    """Refuse codes that are well-formed but not in the tables (422, one error per field)."""
    problems: list[FieldError] = []
    prefs, munis = tables.prefecture_by_code(), tables.municipality_by_code()
    for i, slot in enumerate(req.places):
        if slot.prefecture not in prefs:
            problems.append(_unknown(f"places.{i}.prefecture", slot.prefecture))
        for j, m in enumerate(slot.municipalities):
            if m not in munis:
                problems.append(_unknown(f"places.{i}.municipalities.{j}", m))
    groups, details = tables.desired_group_by_code(), tables.desired_job_by_code()
    for i, job in enumerate(req.desired_jobs):
        if job.group not in groups:
            problems.append(_unknown(f"desired_jobs.{i}.group", job.group))
        for j, d in enumerate(job.details):
            if d not in details:
                problems.append(_unknown(f"desired_jobs.{i}.details.{j}", d))
    nodes = tables.classification_by_code()
    for i, c in enumerate(req.classifications):
        if c not in nodes:
            problems.append(_unknown(f"classifications.{i}", c))
    industries = tables.industry_by_code()
    divisions = {d.code for d in tables.industry_divisions()}
    for i, c in enumerate(req.industries):
        if c not in industries and c not in divisions:
            problems.append(_unknown(f"industries.{i}", c))
    if problems:
        raise DomainError(ErrorCode.validation_error, 422, fields=problems)


def _open_since(today: date, new_within: NewWithin | None) -> date:
    """First 受付年月日 that may still be open (its default 紹介期限日 is today or later) and
    as new as 新着 asks."""
    since = expiry_cutoff(today)
    if new_within == NewWithin.today_yesterday:
        since = max(since, previous_working_day(today))
    elif new_within == NewWithin.week:
        since = max(since, today - timedelta(days=6))
    return since


# --------------------------------------------------------------------------- search


async def search(
    db: AsyncSession, account: Account, req: JobSearchRequest, now: datetime
) -> JobSearchResult:
    check_codes(req)
    registered = await registered_searcher(db, account)
    today = today_jst(now)
    window = Window(
        since=_open_since(today, req.new_within),
        today=today,
        by_deadline=req.sort == SortKey.deadline_asc,
        limit=req.per_page,
        offset=(req.page - 1) * req.per_page,
        employer_levels=visible_levels(registered),
    )
    total, rows = await backend_for(db).search(db, plan(req), window)
    items = [card(p, today, registered) for p in rows]
    return JobSearchResult(total=total, page=req.page, per_page=req.per_page, items=items)


async def by_numbers(
    db: AsyncSession, account: Account, req: JobNumberSearch, now: datetime
) -> JobNumberResult:
    """番号検索: the open postings with these numbers, in the order asked."""
    registered = await registered_searcher(db, account)
    today = today_jst(now)
    rows = await db.scalars(select(JobPosting).where(JobPosting.job_number.in_(req.job_numbers)))
    found = {p.job_number: p for p in rows if status_of(p, today) == JobStatus.open}
    return JobNumberResult(
        items=[card(found[n], today, registered) for n in req.job_numbers if n in found],
        not_found=[n for n in req.job_numbers if n not in found],
    )


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
    registered = await registered_searcher(db, account)
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
