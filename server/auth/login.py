"""Password login: e-mail + password → OTP (or straight in with a live device token).

Lockout: five wrong passwords in a row lock the account and mail its owner. Unknown e-mails
are counted and answered exactly alike, so the answers do not tell whether an address has
an account.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, LoginResponse, LoginStatus
from api_client.validation import email_key
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.devices import rotate_device_token
from server.auth.lockout import (
    LOCK_THRESHOLD,
    clear_password_failures,
    count_password_failure,
    lock_account,
)
from server.auth.otp import new_challenge, send_otp
from server.auth.sessions import new_session, record_login
from server.context import ServiceEnv
from server.errors import DomainError
from server.security import hash_password, needs_rehash, verify_password


async def active_account(db: AsyncSession, key: str) -> Account | None:
    return await db.scalar(
        select(Account).where(Account.email_key == key, Account.status == ACCOUNT_ACTIVE)
    )


async def login(
    db: AsyncSession, env: ServiceEnv, email: str, password: str, device_token: str | None
) -> LoginResponse:
    """`db` may hold the route's throttle count: the first commit here writes it with the
    attempt's count (one transaction, before the password is checked)."""
    key = email_key(email)
    account = await active_account(db, key)
    locked_error = DomainError(ErrorCode.account_locked, 423)
    if account is not None and account.locked_at is not None:
        await db.commit()  # the throttle's count
        raise locked_error
    # Count the attempt before checking the password, so parallel guesses cannot slip past
    # the lock: at most LOCK_THRESHOLD passwords are ever tried. Success resets the count.
    # The hash (argon2, tens of ms in a hashing thread) starts beside the count, and its
    # answer is looked at only once the count is committed: one that fails or is over the
    # lock throws it away (not yet started, it never runs). Unknown e-mails are verified
    # against a dummy hash: same work, same answer.
    now = env.clock.now()
    verifying = asyncio.ensure_future(
        verify_password(account.password_hash if account else None, password)
    )
    try:
        attempt = await count_password_failure(db, env, account, key, now)
        await db.commit()  # no transaction (or SQLite write lock) is held during argon2
    except BaseException:
        verifying.cancel()
        raise
    if attempt > LOCK_THRESHOLD:
        verifying.cancel()
        raise locked_error
    ok = await verifying
    if not ok or account is None:
        if attempt < LOCK_THRESHOLD:
            # The tries left: the same count for an unknown address, so nothing leaks.
            remaining = LOCK_THRESHOLD - attempt
            raise DomainError(ErrorCode.invalid_credentials, 401, params={"remaining": remaining})
        if account is not None:
            await lock_account(db, env, account, now)
        raise locked_error

    # Parameters raised since this hash was made: upgrade it (hashed before locking).
    rehashed = await hash_password(password) if needs_rehash(account.password_hash) else None
    await clear_password_failures(db, env, account)
    if rehashed is not None:
        account.password_hash = rehashed

    if device_token:
        grant = await rotate_device_token(db, account, device_token, now)
        if grant is not None:
            record_login(account, now)
            session = new_session(db, env, account.id, now)
            await db.commit()
            return LoginResponse(status=LoginStatus.signed_in, session=session, device=grant)

    ticket, otp, challenge = await new_challenge(db, env, account, now)
    await db.commit()
    await send_otp(db, env, account, otp, challenge)
    return LoginResponse(
        status=LoginStatus.otp_required, login_ticket=ticket, otp_expires_at=challenge.expires_at
    )
