"""Registration validity (SPEC §1): 有効 until the end of the month after next, extended by
an office contact or an application; afterwards 無効, and while 無効 searching inside the
MyPage, saving conditions and favourites, referral letters, messages and online referral
are refused with 403 `registration_invalid`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, RegistrationStatus
from api_client.validation import normalise_halfwidth
from server.accounts.models import Account, Seeker
from server.applications.rules import clear_no_shows
from server.auth.deps import DB, CurrentAccount, Env
from server.context import ServiceEnv
from server.errors import DomainError
from server.jst import end_of_month_after_next, today_jst


def effective_status(seeker: Seeker, today: date) -> RegistrationStatus:
    """無効 when switched off or past its last valid day (even before the nightly lapse job)."""
    if seeker.registration_status != RegistrationStatus.valid.value:
        return RegistrationStatus.invalid
    until = seeker.registration_valid_until
    if until is not None and today > until:
        return RegistrationStatus.invalid
    return RegistrationStatus.valid


def extend(seeker: Seeker, today: date) -> None:
    """An office contact or an application: 有効 until the end of the month after next."""
    until = end_of_month_after_next(today)
    current = seeker.registration_valid_until
    seeker.registration_valid_until = max(until, current) if current else until
    seeker.registration_status = RegistrationStatus.valid.value
    seeker.invalid_since = None


async def require_valid_registration(account: CurrentAccount, db: DB, env: Env) -> Account:
    """Route dependency for the features a 無効 registration cannot use.

    An online account that has not registered yet has no registration to be invalid; the
    routes decide what it may see (public postings only).
    """
    if account.seeker_id is None:
        return account
    seeker = await db.get(Seeker, account.seeker_id)
    if seeker is not None and effective_status(seeker, today_jst(env.clock.now())) is (
        RegistrationStatus.invalid
    ):
        raise DomainError(ErrorCode.registration_invalid, 403)
    return account


async def record_contact(db: AsyncSession, env: ServiceEnv, seeker_number: str) -> date | None:
    """`hellowork admin record-contact`: the new last valid day, or None for no such seeker.

    The visit also lifts the no-show restriction of online self-application (seed 002)."""
    number = normalise_halfwidth(seeker_number).value
    seeker = await db.scalar(select(Seeker).where(Seeker.seeker_number == number))
    if seeker is None:
        return None
    now = env.clock.now()
    extend(seeker, today_jst(now))
    await clear_no_shows(db, seeker.id, now)
    await db.commit()
    return seeker.registration_valid_until


ValidRegistration = Annotated[Account, Depends(require_valid_registration)]
