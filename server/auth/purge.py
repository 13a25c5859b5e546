"""Retention of authentication rows. Unauthenticated requests create them (a login attempt,
a reset for any address, an online opening), so they must not pile up: once a row can no
longer be used — and a day has passed, so "expired" answers stay accurate for a while —
the scheduled job deletes it.

Kept on purpose: a rotated device token until its family expires (presenting it again
must still revoke the family), and the wrong-password count of an account (five in a row
lock it, however far apart they are; the row goes with the account).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, or_
from sqlalchemy.ext.asyncio import AsyncSession

from server.auth.auth_keys import AUTH_KEY_TTL
from server.auth.models import AuthKey, DeviceToken, LoginChallenge, LoginFailure, Session
from server.auth.otp import LOGIN_TICKET_LIFETIME
from server.config import ServerSettings
from server.registration.models import AccountOpening

GRACE = timedelta(days=1)
# Counters not bound to an account (unknown addresses, creation codes, re-registration)
# count within an hour at most; a day without a new failure forgets them.
FAILURE_RETENTION = timedelta(days=1)


@dataclass
class AuthPurge:
    sessions: int = 0
    challenges: int = 0
    auth_keys: int = 0
    device_tokens: int = 0
    openings: int = 0
    failures: int = 0

    @property
    def total(self) -> int:
        return (
            self.sessions
            + self.challenges
            + self.auth_keys
            + self.device_tokens
            + self.openings
            + self.failures
        )


async def _delete(db: AsyncSession, model: type[object], *where: ColumnElement[bool]) -> int:
    result = await db.execute(delete(model).where(*where))
    return int(getattr(result, "rowcount", 0) or 0)


async def purge_expired_auth(
    db: AsyncSession, settings: ServerSettings, now: datetime
) -> AuthPurge:
    """Delete what can no longer be used (idempotent). Commits."""
    done = now - GRACE
    idle = timedelta(minutes=settings.session_idle_minutes)
    report = AuthPurge()
    report.sessions = await _delete(
        db,
        Session,
        or_(
            Session.revoked_at < done,
            Session.absolute_expires_at < done,
            Session.last_seen_at < done - idle,
        ),
    )
    # A ticket can be re-sent a new OTP until LOGIN_TICKET_LIFETIME after it was made.
    report.challenges = await _delete(
        db, LoginChallenge, LoginChallenge.created_at < done - LOGIN_TICKET_LIFETIME
    )
    report.auth_keys = await _delete(
        db, AuthKey, or_(AuthKey.expires_at < done, AuthKey.used_at < done)
    )
    report.device_tokens = await _delete(
        db, DeviceToken, or_(DeviceToken.expires_at < done, DeviceToken.revoked_at < done)
    )
    # An opening waits for its key, which lives AUTH_KEY_TTL.
    report.openings = await _delete(
        db, AccountOpening, AccountOpening.created_at < done - AUTH_KEY_TTL
    )
    report.failures = await _delete(
        db,
        LoginFailure,
        LoginFailure.account_id.is_(None),
        LoginFailure.updated_at < now - FAILURE_RETENTION,
    )
    await db.commit()
    return report
