"""Sessions: opaque bearer tokens (stored as SHA-256) with idle and absolute expiry, and
signing out (one session, or everywhere)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, SessionInfo
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.devices import revoke_all_device_tokens
from server.auth.models import LOGIN_CHALLENGES, LoginChallenge, Session
from server.auth.single_use import retire
from server.context import ServiceEnv
from server.db.engine import SQLITE_IMMEDIATE
from server.errors import DomainError
from server.security import new_token, sha256_hex

log = logging.getLogger("hellowork.auth")

SESSION_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class Authenticated:
    account: Account
    session: Session


def _unauthorized(code: ErrorCode) -> DomainError:
    return DomainError(code, 401, headers={"WWW-Authenticate": "Bearer"})


def _session_info(env: ServiceEnv, session: Session, token: str) -> SessionInfo:
    return SessionInfo(
        session_token=token,
        idle_expires_at=session.last_seen_at + timedelta(minutes=env.settings.session_idle_minutes),
        absolute_expires_at=session.absolute_expires_at,
    )


def record_login(account: Account, now: datetime) -> None:
    account.previous_login_at = account.last_login_at
    account.last_login_at = now


def new_session(db: AsyncSession, env: ServiceEnv, account_id: int, now: datetime) -> SessionInfo:
    """A fresh session for the account, added to `db` (the caller commits)."""
    token = new_token()
    session = Session(
        token_hash=sha256_hex(token),
        account_id=account_id,
        created_at=now,
        last_seen_at=now,
        absolute_expires_at=now + timedelta(hours=env.settings.session_absolute_hours),
    )
    db.add(session)
    return _session_info(env, session, token)


def start_session(db: AsyncSession, env: ServiceEnv, account: Account) -> SessionInfo:
    """Sign in right away (after opening or re-registering with a 認証キー from the mail,
    which already proves the address, so no OTP follows)."""
    now = env.clock.now()
    record_login(account, now)
    return new_session(db, env, account.id, now)


async def authenticate(db: AsyncSession, env: ServiceEnv, token: str | None) -> Authenticated:
    """The account behind a bearer token, enforcing idle and absolute expiry."""
    if not token:
        raise _unauthorized(ErrorCode.not_authenticated)
    now = env.clock.now()
    row = (
        await db.execute(
            select(Session, Account)
            .join(Account, Account.id == Session.account_id)
            .where(Session.token_hash == sha256_hex(token))
        )
    ).one_or_none()
    if row is None:
        raise _unauthorized(ErrorCode.not_authenticated)
    session, account = row
    idle_limit = session.last_seen_at + timedelta(minutes=env.settings.session_idle_minutes)
    if session.revoked_at is not None or now >= idle_limit or now >= session.absolute_expires_at:
        raise _unauthorized(ErrorCode.session_expired)
    if account.status != ACCOUNT_ACTIVE or account.locked_at is not None:
        raise _unauthorized(ErrorCode.session_expired)
    if now - session.last_seen_at >= SESSION_TOUCH_INTERVAL:
        await _touch(db, session, account, now)
    return Authenticated(account=account, session=session)


async def _touch(db: AsyncSession, session: Session, account: Account, now: datetime) -> None:
    """Slide the idle expiry in a short write transaction of its own.

    Read requests (GET, search) run in deferred transactions; upgrading one to a write on
    SQLite fails at once with SQLITE_BUSY when another writer committed since it began.
    So the read transaction ends here (it has only read the session) and the touch takes
    the write lock up front (BEGIN IMMEDIATE), queueing on the busy timeout like any write.
    Best effort all the same: a touch that still cannot get the lock is skipped (the next
    request touches) instead of failing the request.
    """
    await db.commit()
    try:
        await db.connection(execution_options={SQLITE_IMMEDIATE: True})
        await db.execute(
            update(Session)
            .where(Session.id == session.id, Session.last_seen_at < now)
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )
        await db.commit()
    except OperationalError:
        await db.rollback()
        log.info("session touch skipped (database busy)")
        # The rollback expired both; load them again (lazy loads cannot run in async code).
        await db.refresh(session)
        await db.refresh(account)
        return
    session.last_seen_at = now


async def logout(db: AsyncSession, env: ServiceEnv, session: Session) -> None:
    await db.execute(
        update(Session)
        .where(Session.id == session.id, Session.revoked_at.is_(None))
        .values(revoked_at=env.clock.now())
    )
    await db.commit()


async def revoke_everything(
    db: AsyncSession, account_id: int, now: datetime, *, keep: Session | None = None
) -> None:
    """Sign out everywhere: sessions (except `keep`), device tokens and pending OTP
    challenges. The caller commits."""
    sessions = update(Session).where(Session.account_id == account_id, Session.revoked_at.is_(None))
    if keep is not None:
        sessions = sessions.where(Session.id != keep.id)
    await db.execute(sessions.values(revoked_at=now))
    await revoke_all_device_tokens(db, account_id, now)
    await retire(db, LOGIN_CHALLENGES, now, LoginChallenge.account_id == account_id)
