"""Home's activity block: 新着メッセージ, 応募中の求人 (in selection), リクエスト求人 and
オンラインハローワーク紹介. Postings whose selection ended leave Home (they stay in
求職活動状況)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import (
    HOME_LIST_MAX,
    ApplicationState,
    HomeActivity,
    ReferralState,
)
from api_client.models import ErrorCode, RegistrationStatus
from server.accounts.models import Account, Seeker
from server.accounts.validity import effective_status
from server.applications import models, views
from server.applications.service import list_requests
from server.context import ServiceEnv
from server.jst import today_jst
from server.messages.service import unread_total

_IN_SELECTION = (ApplicationState.applied.value, ApplicationState.screening.value)


async def home_activity(db: AsyncSession, env: ServiceEnv, account: Account) -> HomeActivity:
    now = env.clock.now()
    today = today_jst(now)
    seeker = await db.get(Seeker, account.seeker_id) if account.seeker_id is not None else None
    in_selection = []
    in_selection_total = 0
    referrals = []
    referrals_total = 0
    unavailable: ErrorCode | None = None
    if seeker is not None:
        where = (
            models.Application.seeker_id == seeker.id,
            models.Application.state.in_(_IN_SELECTION),
        )
        rows = (
            await db.scalars(
                select(models.Application)
                .where(*where)
                .order_by(models.Application.applied_at.desc(), models.Application.id.desc())
                .limit(HOME_LIST_MAX)
            )
        ).all()
        in_selection = await views.summaries(db, seeker.id, rows, today)
        in_selection_total = int(
            await db.scalar(select(func.count()).select_from(models.Application).where(*where)) or 0
        )
    if seeker is None or seeker.online_only:
        unavailable = ErrorCode.online_only_account
    elif effective_status(seeker, today) is RegistrationStatus.invalid:
        unavailable = ErrorCode.registration_invalid
    else:
        # Open ones only: the deadline has not passed and nothing was sent yet. A seeker has
        # few referrals, so they are filtered here rather than in SQL.
        rows_r = (
            await db.scalars(
                select(models.Referral)
                .where(models.Referral.seeker_id == seeker.id, models.Referral.deadline >= today)
                .order_by(models.Referral.deadline, models.Referral.id)
            )
        ).all()
        open_ones = [
            r
            for r in await views.referrals(db, seeker.id, rows_r, today)
            if r.state is ReferralState.open
        ]
        referrals, referrals_total = open_ones[:HOME_LIST_MAX], len(open_ones)
    requests = await list_requests(db, env, account, limit=HOME_LIST_MAX)
    return HomeActivity(
        unread_messages=await unread_total(db, account),
        in_selection=in_selection,
        in_selection_total=in_selection_total,
        requests=requests.items,
        requests_total=requests.total,
        requests_listed=requests.listed,
        referrals=referrals,
        referrals_total=referrals_total,
        referrals_unavailable=unavailable,
    )
