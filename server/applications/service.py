"""Applying, withdrawing, 求職活動状況, referrals, request postings and the 紹介状.

Every query filters by the caller's registration (`seeker_id`): another seeker's rows are
as absent as missing ones (404).

Applying is one transaction that starts by locking the seeker's row (`FOR UPDATE`; SQLite
serialises writers with BEGIN IMMEDIATE), so two requests of one seeker run one after the
other on PostgreSQL too: the second sees the first's application, replays it when it carries
the same Idempotency-Key, and is refused as `already_applied` otherwise. The unique indexes
on (seeker, 求人番号) and (seeker, key) guard the same invariants at the database level.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    MOTIVATION_MAX,
    Application,
    ApplicationList,
    ApplicationState,
    ReferralApplicationCreate,
    ReferralLetter,
    ReferralList,
    ReferralState,
    RequestList,
    SelfApplicationCreate,
    normalise_text,
    text_problems,
)
from api_client.job_models import JobStatus
from api_client.models import ErrorCode, PublicationStatus
from api_client.validation import Problem
from server.accounts.models import Account, Seeker
from server.accounts.validity import extend
from server.applications import models, rules, views
from server.context import ServiceEnv
from server.errors import DomainError, field_error
from server.jobs.models import JobPosting
from server.jobs.render import status_of
from server.jst import today_jst

# --------------------------------------------------------------------------- the caller


async def caller_seeker(db: AsyncSession, account: Account, *, lock: bool = False) -> Seeker:
    """The caller's registration; an online account that has none yet cannot apply."""
    seeker = None
    if account.seeker_id is not None:
        query = select(Seeker).where(Seeker.id == account.seeker_id)
        seeker = await db.scalar(query.with_for_update() if lock else query)
    if seeker is None:
        raise DomainError(ErrorCode.registration_required, 403)
    return seeker


def require_office_registration(seeker: Seeker) -> None:
    """Online-only registrations have no online Hello Work referral (seed 003)."""
    if seeker.online_only:
        raise DomainError(ErrorCode.online_only_account, 403)


async def _own(db: AsyncSession, seeker_id: int, application_id: int) -> models.Application:
    row = await db.scalar(
        select(models.Application).where(
            models.Application.id == application_id,
            models.Application.seeker_id == seeker_id,
        )
    )
    if row is None:
        raise DomainError(ErrorCode.not_found, 404)
    return row


# --------------------------------------------------------------------------- 求職活動状況


async def list_applications(db: AsyncSession, env: ServiceEnv, account: Account) -> ApplicationList:
    now = env.clock.now()
    if account.seeker_id is None:
        return ApplicationList(
            items=[], self_application=await rules.self_application_status(db, -1, now)
        )
    rows = (
        await db.scalars(
            select(models.Application)
            .where(models.Application.seeker_id == account.seeker_id)
            .order_by(models.Application.applied_at.desc(), models.Application.id.desc())
        )
    ).all()
    return ApplicationList(
        items=await views.summaries(db, account.seeker_id, rows, today_jst(now)),
        self_application=await rules.self_application_status(db, account.seeker_id, now),
    )


async def get_application(
    db: AsyncSession, env: ServiceEnv, account: Account, application_id: int
) -> Application:
    if account.seeker_id is None:
        raise DomainError(ErrorCode.not_found, 404)
    row = await _own(db, account.seeker_id, application_id)
    return await views.detail(db, row, today_jst(env.clock.now()))


# --------------------------------------------------------------------------- applying


def _motivation(text: str, acknowledged: bool | None) -> str:
    motivation = normalise_text(text)
    fields = [field_error("motivation", p) for p in text_problems(motivation, MOTIVATION_MAX)]
    if acknowledged is False:
        fields.append(field_error("cautions_acknowledged", Problem("cautions_not_acknowledged")))
    if fields:
        raise DomainError(ErrorCode.validation_error, 422, fields=fields)
    return motivation


async def _posting(db: AsyncSession, job_number: str) -> JobPosting:
    posting = await db.scalar(select(JobPosting).where(JobPosting.job_number == job_number))
    if posting is None:
        raise DomainError(ErrorCode.not_found, 404)
    return posting


def _check_open(posting: JobPosting | None, today: date) -> JobPosting:
    status = status_of(posting, today) if posting is not None else JobStatus.withdrawn
    if posting is None or status is not JobStatus.open:
        raise DomainError(ErrorCode.posting_closed, 409, params={"status": status.value})
    return posting


async def _by_key(db: AsyncSession, seeker_id: int, key: str) -> models.Application | None:
    return await db.scalar(
        select(models.Application).where(
            models.Application.seeker_id == seeker_id,
            models.Application.idempotency_key == key,
        )
    )


async def _check_not_applied(db: AsyncSession, seeker_id: int, job_number: str) -> None:
    existing = await db.scalar(
        select(models.Application.id).where(
            models.Application.seeker_id == seeker_id,
            models.Application.job_number == job_number,
        )
    )
    if existing is not None:
        raise DomainError(ErrorCode.already_applied, 409, params={"application_id": existing})


def _replay(
    row: models.Application, *, method: str, job_number: str, referral_id: int | None
) -> None:
    if row.method != method or row.job_number != job_number or row.referral_id != referral_id:
        raise DomainError(ErrorCode.idempotency_key_reused, 422)


def _new_application(
    seeker_id: int,
    posting: JobPosting,
    *,
    method: str,
    motivation: str,
    key: str,
    now: datetime,
    referral_id: int | None = None,
) -> models.Application:
    return models.Application(
        seeker_id=seeker_id,
        job_number=posting.job_number,
        job_title=posting.job_title,
        company_name=posting.company_name,
        method=method,
        referral_id=referral_id,
        state=ApplicationState.applied.value,
        motivation=motivation,
        idempotency_key=key,
        applied_at=now,
        updated_at=now,
        result_at=None,
    )


async def _insert(
    db: AsyncSession, seeker: Seeker, row: models.Application, today: date
) -> tuple[Application, bool]:
    seeker_id, key, job_number = seeker.id, row.idempotency_key, row.job_number
    db.add(row)
    extend(seeker, today)  # an application extends the registration (SPEC §1)
    try:
        await db.commit()
    except IntegrityError:
        # Only reachable if the row lock was bypassed: answer as the winner's retry would.
        await db.rollback()
        won = await _by_key(db, seeker_id, key)
        if won is not None and won.job_number == job_number:
            return await views.detail(db, won, today), True
        await _check_not_applied(db, seeker_id, job_number)
        raise
    return await views.detail(db, row, today), False


async def apply_self(
    db: AsyncSession, env: ServiceEnv, account: Account, body: SelfApplicationCreate, key: str
) -> tuple[Application, bool]:
    """オンライン自主応募. Returns the application and whether it is a replay of `key`."""
    now = env.clock.now()
    today = today_jst(now)
    seeker = await caller_seeker(db, account, lock=True)
    replay = await _by_key(db, seeker.id, key)
    if replay is not None:
        _replay(replay, method=models.METHOD_SELF, job_number=body.job_number, referral_id=None)
        return await views.detail(db, replay, today), True
    motivation = _motivation(body.motivation, body.cautions_acknowledged)
    posting = _check_open(await _posting(db, body.job_number), today)
    if not posting.online_application:
        raise DomainError(ErrorCode.self_application_not_accepted, 409)
    status = await rules.self_application_status(db, seeker.id, now)
    if status.restricted:
        raise DomainError(
            ErrorCode.self_application_restricted, 403, params={"no_shows": status.no_shows}
        )
    await _check_not_applied(db, seeker.id, posting.job_number)
    row = _new_application(
        seeker.id, posting, method=models.METHOD_SELF, motivation=motivation, key=key, now=now
    )
    return await _insert(db, seeker, row, today)


async def apply_referral(
    db: AsyncSession,
    env: ServiceEnv,
    account: Account,
    referral_id: int,
    body: ReferralApplicationCreate,
    key: str,
) -> tuple[Application, bool]:
    """Apply to a posting Hello Work referred, on or before its deadline."""
    now = env.clock.now()
    today = today_jst(now)
    seeker = await caller_seeker(db, account, lock=True)
    require_office_registration(seeker)
    referral = await db.scalar(
        select(models.Referral).where(
            models.Referral.id == referral_id, models.Referral.seeker_id == seeker.id
        )
    )
    if referral is None:
        raise DomainError(ErrorCode.not_found, 404)
    replay = await _by_key(db, seeker.id, key)
    if replay is not None:
        _replay(
            replay,
            method=models.METHOD_REFERRAL,
            job_number=referral.job_number,
            referral_id=referral.id,
        )
        return await views.detail(db, replay, today), True
    motivation = _motivation(body.motivation, None)
    await _check_not_applied(db, seeker.id, referral.job_number)
    if today > referral.deadline:
        raise DomainError(
            ErrorCode.referral_deadline_passed,
            409,
            params={"deadline": referral.deadline.isoformat()},
        )
    posting = _check_open(
        await db.scalar(select(JobPosting).where(JobPosting.job_number == referral.job_number)),
        today,
    )
    row = _new_application(
        seeker.id,
        posting,
        method=models.METHOD_REFERRAL,
        motivation=motivation,
        key=key,
        now=now,
        referral_id=referral.id,
    )
    return await _insert(db, seeker, row, today)


async def withdraw(
    db: AsyncSession, env: ServiceEnv, account: Account, application_id: int
) -> Application:
    """辞退 of an application still 応募中 (one conditional UPDATE: atomic on both databases)."""
    if account.seeker_id is None:
        raise DomainError(ErrorCode.not_found, 404)
    now = env.clock.now()
    result = await db.execute(
        update(models.Application)
        .where(
            models.Application.id == application_id,
            models.Application.seeker_id == account.seeker_id,
            models.Application.state == ApplicationState.applied.value,
        )
        .values(state=ApplicationState.declined.value, updated_at=now, result_at=now)
    )
    if not getattr(result, "rowcount", 0):
        row = await _own(db, account.seeker_id, application_id)
        raise DomainError(ErrorCode.not_withdrawable, 409, params={"state": row.state})
    await db.commit()
    row = await _own(db, account.seeker_id, application_id)
    await db.refresh(row)
    return await views.detail(db, row, today_jst(now))


# --------------------------------------------------------------------------- 紹介状


def _ja_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def letter_text(letter: ReferralLetter, synthetic: bool) -> str:
    lines = [
        "紹介状（オンラインハローワーク紹介）",
        "",
        f"紹介状番号　{letter.letter_number}",
        f"紹介日　　　{_ja_date(letter.issued_on)}",
        "",
        f"{letter.company_name}　御中",
        "",
        "下記の求職者を紹介いたします。",
        "",
        f"求職者氏名　{letter.seeker_name}",
        f"求職番号　　{letter.seeker_number}",
        f"求人番号　　{letter.job_number}",
        f"職種　　　　{letter.job_title}",
        f"紹介元　　　{letter.office_name}",
        f"紹介求人の送付日　{_ja_date(letter.referral_sent_on)}",
        f"応募期限　　{_ja_date(letter.deadline)}",
    ]
    if synthetic:
        lines += ["", "※ 架空の求人（架空データ）に対する紹介状です。"]
    return "\n".join(lines) + "\n"


async def referral_letter(
    db: AsyncSession, env: ServiceEnv, account: Account, application_id: int
) -> ReferralLetter:
    seeker = await caller_seeker(db, account)
    row = await _own(db, seeker.id, application_id)
    referral = (
        await db.get(models.Referral, row.referral_id) if row.referral_id is not None else None
    )
    if row.method != models.METHOD_REFERRAL or referral is None:
        raise DomainError(ErrorCode.not_found, 404)  # a self-application has no letter
    posting = (await views.postings_by_number(db, [row.job_number])).get(row.job_number)
    letter = ReferralLetter(
        application_id=row.id,
        letter_number=f"{referral.id:06d}-{row.id:06d}",
        issued_on=today_jst(row.applied_at),
        seeker_name=seeker.name,
        seeker_number=seeker.seeker_number,
        job_number=row.job_number,
        job_title=row.job_title,
        company_name=row.company_name,
        office_name=referral.office_name,
        referral_sent_on=today_jst(referral.created_at),
        deadline=referral.deadline,
        text="",
    )
    card = views.posting_ref(
        row.job_number, row.job_title, row.company_name, posting, today_jst(env.clock.now())
    ).card
    synthetic = card is not None and card.synthetic
    return letter.model_copy(update={"text": letter_text(letter, synthetic)})


# --------------------------------------------------------------------------- referrals, requests


async def list_referrals(db: AsyncSession, env: ServiceEnv, account: Account) -> ReferralList:
    seeker = None
    if account.seeker_id is not None:
        seeker = await db.get(Seeker, account.seeker_id)
    if seeker is None or seeker.online_only:
        raise DomainError(ErrorCode.online_only_account, 403)
    rows = (
        await db.scalars(
            select(models.Referral)
            .where(models.Referral.seeker_id == seeker.id)
            .order_by(models.Referral.created_at.desc(), models.Referral.id.desc())
        )
    ).all()
    items = await views.referrals(db, seeker.id, rows, today_jst(env.clock.now()))
    return ReferralList(items=items, open=sum(1 for r in items if r.state is ReferralState.open))


def requests_listed(seeker: Seeker | None) -> bool:
    """リクエスト求人 are shown only while 求職公開状況 is 公開中."""
    return seeker is not None and seeker.publication_status == PublicationStatus.public.value


async def list_requests(
    db: AsyncSession, env: ServiceEnv, account: Account, *, limit: int | None = None
) -> RequestList:
    seeker = await db.get(Seeker, account.seeker_id) if account.seeker_id is not None else None
    if seeker is None or not requests_listed(seeker):
        return RequestList(listed=False, items=[], total=0)
    query = (
        select(models.JobRequest)
        .where(models.JobRequest.seeker_id == seeker.id)
        .order_by(models.JobRequest.created_at.desc(), models.JobRequest.id.desc())
    )
    rows = (await db.scalars(query.limit(limit) if limit else query)).all()
    total = await db.scalar(
        select(func.count())
        .select_from(models.JobRequest)
        .where(models.JobRequest.seeker_id == seeker.id)
    )
    items = await views.requests(db, seeker.id, rows, today_jst(env.clock.now()))
    return RequestList(listed=True, items=items, total=int(total or 0))
