"""Turning rows into wire models: the posting as it is now beside what the seeker saw, and
unread counts per application. Shared by applications, messages and Home.

Only these posting fields are read here: 求人番号, status and expiry (through
jobs.service.status_of) and the card jobs.service renders; the posting model is another
domain's and may grow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    Application,
    ApplicationMethod,
    ApplicationState,
    ApplicationSummary,
    PostingRef,
    Referral,
    ReferralState,
    RequestPosting,
)
from api_client.job_models import JobStatus
from server.applications import models
from server.jobs.models import JobPosting
from server.jobs.render import card, status_of
from server.messages.models import SENDER_EMPLOYER, ThreadMessage

Postings = dict[str, JobPosting]


async def postings_by_number(db: AsyncSession, numbers: Iterable[str]) -> Postings:
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    rows = await db.scalars(select(JobPosting).where(JobPosting.job_number.in_(wanted)))
    return {p.job_number: p for p in rows}


def posting_ref(
    job_number: str, job_title: str, company_name: str, posting: JobPosting | None, today: date
) -> PostingRef:
    return PostingRef(
        job_number=job_number,
        job_title=job_title,
        company_name=company_name,
        status=status_of(posting, today) if posting is not None else None,
        # The seeker is registered (only a registration has applications): level-3 names show.
        card=card(posting, today, True) if posting is not None else None,
    )


async def unread_by_application(
    db: AsyncSession, seeker_id: int, application_ids: Sequence[int]
) -> dict[int, int]:
    if not application_ids:
        return {}
    rows = await db.execute(
        select(ThreadMessage.application_id, func.count())
        .where(
            ThreadMessage.seeker_id == seeker_id,
            ThreadMessage.application_id.in_(application_ids),
            ThreadMessage.sender == SENDER_EMPLOYER,
            ThreadMessage.read_at.is_(None),
        )
        .group_by(ThreadMessage.application_id)
    )
    return {app_id: int(n) for app_id, n in rows.all()}


def _summary_fields(
    a: models.Application, postings: Postings, unread: dict[int, int], today: date
) -> dict[str, object]:
    state = ApplicationState(a.state)
    return {
        "id": a.id,
        "method": ApplicationMethod(a.method),
        "state": state,
        "posting": posting_ref(
            a.job_number, a.job_title, a.company_name, postings.get(a.job_number), today
        ),
        "applied_at": a.applied_at,
        "updated_at": a.updated_at,
        "result_at": a.result_at,
        "withdrawable": state is ApplicationState.applied,
        "referral_id": a.referral_id,
        "unread_messages": unread.get(a.id, 0),
    }


async def summaries(
    db: AsyncSession, seeker_id: int, apps: Sequence[models.Application], today: date
) -> list[ApplicationSummary]:
    postings = await postings_by_number(db, (a.job_number for a in apps))
    unread = await unread_by_application(db, seeker_id, [a.id for a in apps])
    return [
        ApplicationSummary.model_validate(_summary_fields(a, postings, unread, today)) for a in apps
    ]


async def detail(db: AsyncSession, a: models.Application, today: date) -> Application:
    postings = await postings_by_number(db, [a.job_number])
    unread = await unread_by_application(db, a.seeker_id, [a.id])
    deadline = None
    if a.referral_id is not None:
        deadline = await db.scalar(
            select(models.Referral.deadline).where(models.Referral.id == a.referral_id)
        )
    return Application.model_validate(
        _summary_fields(a, postings, unread, today)
        | {"motivation": a.motivation, "referral_deadline": deadline}
    )


def referral_state(
    r: models.Referral, posting: JobPosting | None, application_id: int | None, today: date
) -> ReferralState:
    if application_id is not None:
        return ReferralState.applied
    if posting is None or status_of(posting, today) is not JobStatus.open:
        return ReferralState.posting_closed
    if today > r.deadline:
        return ReferralState.deadline_passed
    return ReferralState.open


async def applied_by_number(
    db: AsyncSession, seeker_id: int, numbers: Iterable[str]
) -> dict[str, int]:
    """求人番号 → id of the seeker's application to it."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    rows = await db.execute(
        select(models.Application.job_number, models.Application.id).where(
            models.Application.seeker_id == seeker_id,
            models.Application.job_number.in_(wanted),
        )
    )
    return {number: app_id for number, app_id in rows.all()}


async def referrals(
    db: AsyncSession, seeker_id: int, rows: Sequence[models.Referral], today: date
) -> list[Referral]:
    postings = await postings_by_number(db, (r.job_number for r in rows))
    applied = await applied_by_number(db, seeker_id, (r.job_number for r in rows))
    out = []
    for r in rows:
        posting = postings.get(r.job_number)
        application_id = applied.get(r.job_number)
        out.append(
            Referral(
                id=r.id,
                posting=posting_ref(r.job_number, r.job_title, r.company_name, posting, today),
                office_name=r.office_name,
                sent_at=r.created_at,
                deadline=r.deadline,
                state=referral_state(r, posting, application_id, today),
                application_id=application_id,
            )
        )
    return out


async def requests(
    db: AsyncSession, seeker_id: int, rows: Sequence[models.JobRequest], today: date
) -> list[RequestPosting]:
    postings = await postings_by_number(db, (r.job_number for r in rows))
    applied = await applied_by_number(db, seeker_id, (r.job_number for r in rows))
    return [
        RequestPosting(
            id=r.id,
            posting=posting_ref(
                r.job_number, r.job_title, r.company_name, postings.get(r.job_number), today
            ),
            requested_at=r.created_at,
            application_id=applied.get(r.job_number),
        )
        for r in rows
    ]
