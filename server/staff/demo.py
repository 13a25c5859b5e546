"""The demo account's activity, so a new user sees every part of MyPage on first start: one
referral, one request posting, one application in 選考中 with one unread employer message.

Made from the postings that exist: after the server generated its demo postings, and again
after `hellowork demo-data --replace` reloaded them. Items of the demo seeker whose posting
is gone (or is now another posting under the same number) are dropped and made afresh, so
the demo never points at a posting that does not exist. Idempotent: what exists is kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import REFERRAL_DEFAULT_DAYS, ApplicationState
from server.accounts.models import Office, Seeker
from server.applications.models import METHOD_SELF, Application, JobRequest, Referral
from server.demo import DEMO_SEEKER_NUMBER
from server.jobs.models import STATUS_OPEN, JobPosting
from server.jst import today_jst
from server.messages.service import employer_writes
from server.staff.service import FALLBACK_OFFICE

DEMO_MOTIVATION = (
    "これまでの接客経験を活かし、お客様に寄り添った仕事がしたいと考え応募いたしました。"
    "（デモ用の架空の志望動機です）"
)
DEMO_EMPLOYER_MESSAGE = (
    "ご応募ありがとうございます。書類選考の結果、面接にお進みいただくことになりました。\n"
    "面接日程の候補をお知らせください。（架空の事業所からのデモ用メッセージです）"
)
_CANDIDATES = 400  # newest open postings to choose from

Item = Application | Referral | JobRequest


async def _drop_stale(db: AsyncSession, seeker_id: int) -> None:
    for model in (Application, Referral, JobRequest):
        rows = (
            await db.execute(
                select(model.id, model.job_number, model.job_title, JobPosting.job_title)
                .outerjoin(JobPosting, JobPosting.job_number == model.job_number)
                .where(model.seeker_id == seeker_id)
            )
        ).all()
        stale = [row_id for row_id, _, title, now_title in rows if title != now_title]
        if stale:
            await db.execute(delete(model).where(model.id.in_(stale)))


async def ensure_demo_activity(db: AsyncSession, now: datetime) -> bool:
    """Give the demo seeker what it lacks; True when something was made."""
    seeker = await db.scalar(select(Seeker).where(Seeker.seeker_number == DEMO_SEEKER_NUMBER))
    if seeker is None:
        return False
    await _drop_stale(db, seeker.id)
    have = {
        model: await db.scalar(select(model.id).where(model.seeker_id == seeker.id).limit(1))
        is not None
        for model in (Application, Referral, JobRequest)
    }
    today = today_jst(now)
    postings = list(
        (
            await db.scalars(
                select(JobPosting)
                .where(
                    JobPosting.status == STATUS_OPEN,
                    JobPosting.expires_on >= today + timedelta(days=REFERRAL_DEFAULT_DAYS),
                )
                .order_by(JobPosting.id.desc())
                .limit(_CANDIDATES)
            )
        ).all()
    )
    used = set(
        await db.scalars(select(Application.job_number).where(Application.seeker_id == seeker.id))
    )
    for model in (Referral, JobRequest):
        used |= set(await db.scalars(select(model.job_number).where(model.seeker_id == seeker.id)))

    def pick(*, online: bool | None = None) -> JobPosting | None:
        for p in postings:
            if p.job_number not in used and (online is None or p.online_application == online):
                used.add(p.job_number)
                return p
        return None

    made = False
    if not have[Application] and (posting := pick(online=True)) is not None:
        application = Application(
            seeker_id=seeker.id,
            job_number=posting.job_number,
            job_title=posting.job_title,
            company_name=posting.company_name,
            method=METHOD_SELF,
            referral_id=None,
            state=ApplicationState.screening.value,
            motivation=DEMO_MOTIVATION,
            idempotency_key=f"demo-{posting.job_number}",
            applied_at=now - timedelta(days=3),
            updated_at=now - timedelta(days=1),
            result_at=None,
        )
        db.add(application)
        await db.flush()
        await employer_writes(db, application, DEMO_EMPLOYER_MESSAGE, now - timedelta(hours=2))
        made = True
    # A referral is worth most on a posting that takes no self-application.
    if not have[Referral] and (posting := pick(online=False) or pick()) is not None:
        office = await db.get(Office, seeker.office_id) if seeker.office_id is not None else None
        db.add(
            Referral(
                seeker_id=seeker.id,
                job_number=posting.job_number,
                job_title=posting.job_title,
                company_name=posting.company_name,
                office_name=office.name if office else FALLBACK_OFFICE,
                deadline=today + timedelta(days=REFERRAL_DEFAULT_DAYS),
                created_at=now - timedelta(hours=5),
            )
        )
        made = True
    if not have[JobRequest] and (posting := pick()) is not None:
        db.add(
            JobRequest(
                seeker_id=seeker.id,
                job_number=posting.job_number,
                job_title=posting.job_title,
                company_name=posting.company_name,
                created_at=now - timedelta(days=1),
            )
        )
        made = True
    await db.commit()
    return made
