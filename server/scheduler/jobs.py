"""Scheduled work: weekly 特集求人 delivery (Saturdays, JST), lapsing registrations past their
validity, and retention (MyPages 5 years after the registration became invalid, notices and
messages after 1 year, withdrawn accounts after their 30 days, authentication rows once unusable).

Every job is idempotent, so `hellowork admin run-scheduled` and the timer inside
`hellowork serve` may both run it, as often as they like.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import Feature
from api_client.models import RegistrationStatus
from server import ratelimit
from server.accounts.models import ACCOUNT_ACTIVE, ACCOUNT_WITHDRAWN, Account, Seeker
from server.auth.purge import purge_expired_auth
from server.codes.tables import prefecture_by_code
from server.context import ServiceEnv
from server.jobs.models import STATUS_OPEN, JobPosting
from server.jobs.search.tokens import FEATURE_BITS
from server.jst import today_jst
from server.messages.service import purge_old_messages
from server.notices.models import KIND_FEATURE_DELIVERY, SENDER_HELLOWORK, Notice
from server.registration.models import SeekerProfile
from server.registration.opening import within_reregister_period
from server.registration.service import steps_from_json

SATURDAY = 5
RETENTION_YEARS = 5
NOTICE_RETENTION = timedelta(days=365)
MAX_POSTINGS_PER_NOTICE = 50

FEATURE_NAMES: dict[Feature, tuple[str, str]] = {
    Feature.medical: ("医療・看護・保健分野", "medical, nursing and health"),
    Feature.care: ("介護分野", "care"),
    Feature.welfare_childcare: ("福祉・保育・こども分野", "welfare, childcare and children"),
    Feature.construction: ("建設分野", "construction"),
    Feature.security: ("警備分野", "security"),
    Feature.transport: ("運輸分野", "transport"),
    Feature.senior: ("シニア求人", "senior"),
    Feature.parenting: ("仕事と子育て両立求人", "work and parenting"),
}


@dataclass
class ScheduledReport:
    delivered: int = 0
    lapsed: int = 0
    purged_mypages: int = 0
    purged_notices: int = 0
    purged_withdrawn: int = 0
    purged_rate_limits: int = 0
    purged_auth: int = 0
    purged_messages: int = 0
    compacted_search_log: int = 0  # PostgreSQL: change-log entries folded into the lists

    def line(self) -> str:
        return (
            f"delivered={self.delivered} lapsed={self.lapsed} "
            f"purged_mypages={self.purged_mypages} purged_notices={self.purged_notices} "
            f"purged_messages={self.purged_messages} purged_withdrawn={self.purged_withdrawn} "
            f"purged_rate_limits={self.purged_rate_limits} purged_auth={self.purged_auth} "
            f"compacted_search_log={self.compacted_search_log}"
        )


async def run_scheduled(db: AsyncSession, env: ServiceEnv, now: datetime) -> ScheduledReport:
    report = ScheduledReport()
    today = today_jst(now)
    report.lapsed = await lapse_registrations(db, today)
    if today.weekday() == SATURDAY:
        report.delivered = await deliver_features(db, today, now)
    report.purged_mypages = await purge_invalid_mypages(db, today)
    report.purged_notices = await purge_old_notices(db, now)
    report.purged_messages = await purge_old_messages(db, now)
    report.purged_withdrawn = await purge_withdrawn(db, now)
    report.purged_rate_limits = await ratelimit.purge_expired(db, now)
    report.purged_auth = (await purge_expired_auth(db, env.settings, now)).total
    if db.get_bind().dialect.name == "postgresql":
        from server.jobs.search import pg_lists

        report.compacted_search_log = await pg_lists.compact(db, at_least=pg_lists.COMPACT_AT)
    return report


# --------------------------------------------------------------------------- validity


async def lapse_registrations(db: AsyncSession, today: date) -> int:
    """有効 → 無効 for registrations whose last valid day has passed."""
    rows = (
        await db.scalars(
            select(Seeker).where(
                Seeker.registration_status == RegistrationStatus.valid.value,
                Seeker.registration_valid_until < today,
            )
        )
    ).all()
    for seeker in rows:
        assert seeker.registration_valid_until is not None
        seeker.registration_status = RegistrationStatus.invalid.value
        seeker.invalid_since = seeker.registration_valid_until + timedelta(days=1)
    await db.commit()
    return len(rows)


# --------------------------------------------------------------------------- delivery


def _bits(features: list[Feature]) -> int:
    bits = 0
    for f in features:
        bits |= FEATURE_BITS[f]
    return bits


def _body(postings: list[JobPosting], features: list[Feature], week: tuple[date, date]) -> str:
    start, end = week
    names_ja = "、".join(FEATURE_NAMES[f][0] for f in features)
    names_en = ", ".join(FEATURE_NAMES[f][1] for f in features)
    lines_ja = [f"・{p.job_number} {p.job_title}（{p.workplace_address}）" for p in postings]
    lines_en = [f"- {p.job_number} {p.job_title} ({p.workplace_address})" for p in postings]
    return (
        f"{start:%Y年%m月%d日}から{end:%Y年%m月%d日}までに受理した新着求人のうち、"
        f"ご希望の勤務地と特集求人（{names_ja}）に合う求人は{len(postings)}件です。\n"
        + "\n".join(lines_ja)
        + "\n求人はすべて架空データです。配信は「各種設定」で停止できます。\n\n----\n"
        f"{len(postings)} new postings received from {start:%Y-%m-%d} to {end:%Y-%m-%d} match "
        f"your desired place and featured categories ({names_en}).\n"
        + "\n".join(lines_en)
        + "\nAll postings are synthetic. Stop this delivery under Settings.\n"
    )


async def deliver_features(db: AsyncSession, today: date, now: datetime) -> int:
    """One notice per seeker and Saturday: postings received this week (Sunday–Saturday) in
    the desired place with one of the seeker's 特集求人 categories."""
    week = (today - timedelta(days=6), today)
    period = today.isoformat()
    rows = (
        await db.execute(
            select(Account, Seeker, SeekerProfile)
            .join(Seeker, Seeker.id == Account.seeker_id)
            .join(SeekerProfile, SeekerProfile.seeker_id == Seeker.id)
            .where(
                Account.status == ACCOUNT_ACTIVE,
                Seeker.feature_delivery.is_(True),
                Seeker.registration_status == RegistrationStatus.valid.value,
                Seeker.registration_valid_until >= today,
            )
            .order_by(Account.id)
        )
    ).all()
    delivered = 0
    for account, _seeker, profile in rows:
        done = await db.scalar(
            select(Notice.id).where(
                Notice.account_id == account.id,
                Notice.kind == KIND_FEATURE_DELIVERY,
                Notice.period == period,
            )
        )
        if done is not None:
            continue
        steps = steps_from_json(profile.data)
        features = list(steps.desired_work.features)
        prefectures = [p for p in steps.desired_place.prefectures if p in prefecture_by_code()]
        municipalities = list(steps.desired_place.municipalities)
        if not prefectures and not municipalities and profile.prefecture_code:
            prefectures = [profile.prefecture_code]  # no desired place: where they live
        if not features or not (prefectures or municipalities):
            continue
        place = JobPosting.prefecture_code.in_(prefectures) | JobPosting.municipality_code.in_(
            municipalities
        )
        postings = list(
            (
                await db.scalars(
                    select(JobPosting)
                    .where(
                        JobPosting.status == STATUS_OPEN,
                        JobPosting.received_on >= week[0],
                        JobPosting.received_on <= week[1],
                        JobPosting.expires_on >= today,
                        JobPosting.features.op("&")(_bits(features)) != 0,
                        place,
                    )
                    .order_by(JobPosting.received_on.desc(), JobPosting.id.desc())
                    .limit(MAX_POSTINGS_PER_NOTICE)
                )
            ).all()
        )
        if not postings:
            continue  # seed 000: nothing to deliver, no notice
        db.add(
            Notice(
                account_id=account.id,
                sender=SENDER_HELLOWORK,
                kind=KIND_FEATURE_DELIVERY,
                period=period,
                subject=f"特集求人のお知らせ（{today:%m月%d日}） / Featured postings of the week",
                body=_body(postings, features, week),
                posting_numbers=json.dumps([p.job_number for p in postings]),
                created_at=now,
            )
        )
        try:
            await db.commit()
        except IntegrityError:  # a parallel run delivered it first
            await db.rollback()
            continue
        delivered += 1
    return delivered


# --------------------------------------------------------------------------- retention


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


async def purge_invalid_mypages(db: AsyncSession, today: date) -> int:
    """MyPage and its data, 5 years after the registration became invalid (seed 002)."""
    cutoff = years_before(today, RETENTION_YEARS)
    seekers = (
        await db.scalars(
            select(Seeker.id).where(
                Seeker.registration_status == RegistrationStatus.invalid.value,
                Seeker.invalid_since <= cutoff,
            )
        )
    ).all()
    if not seekers:
        return 0
    await db.execute(delete(Account).where(Account.seeker_id.in_(seekers)))
    await db.execute(delete(Seeker).where(Seeker.id.in_(seekers)))  # profile etc. cascade
    await db.commit()
    return len(seekers)


async def purge_old_notices(db: AsyncSession, now: datetime) -> int:
    result = await db.execute(delete(Notice).where(Notice.created_at < now - NOTICE_RETENTION))
    await db.commit()
    return int(getattr(result, "rowcount", 0) or 0)


async def purge_withdrawn(db: AsyncSession, now: datetime) -> int:
    """Accounts withdrawn 31+ days ago can no longer be revived: delete them (their
    registration stays with the office)."""
    rows = (await db.scalars(select(Account).where(Account.status == ACCOUNT_WITHDRAWN))).all()
    gone = [
        a.id
        for a in rows
        if a.withdrawn_at is None or not within_reregister_period(a.withdrawn_at, now)
    ]
    if gone:
        await db.execute(delete(Account).where(Account.id.in_(gone)))
        await db.commit()
    return len(gone)
