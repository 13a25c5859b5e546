"""認証キー: 10-character keys mailed for password reset, account opening, re-registration
and e-mail change. Valid 50 minutes, 5 guesses, single use; a newer key of the same purpose
and address replaces older ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from api_client.validation import normalise_halfwidth
from server.accounts.models import Account
from server.auth.models import AUTH_KEYS, AuthKey
from server.auth.single_use import count_attempt, digest, matches, retire, spend
from server.context import ServiceEnv
from server.errors import DomainError
from server.security import new_auth_key

AUTH_KEY_TTL = timedelta(minutes=50)
AUTH_KEY_MAX_ATTEMPTS = 5

PURPOSE_PASSWORD_RESET = "password_reset"  # noqa: S105 - a purpose name
PURPOSE_ACCOUNT_OPEN = "account_open"
PURPOSE_REREGISTER = "reregister"
PURPOSE_EMAIL_CHANGE = "email_change"
_KIND = "auth-key"


def _err(code: ErrorCode, **params: str | int) -> DomainError:
    return DomainError(code, 400, params=params)


async def issue_auth_key(
    db: AsyncSession,
    env: ServiceEnv,
    *,
    purpose: str,
    email_key_: str,
    account_id: int | None,
) -> tuple[str, datetime]:
    """A new 認証キー (value, expiry); older unused keys of the same purpose and e-mail stop
    working. Added to `db`; the caller commits and mails the value."""
    now = env.clock.now()
    await retire(db, AUTH_KEYS, now, AuthKey.purpose == purpose, AuthKey.email_key == email_key_)
    value = new_auth_key()
    expires_at = now + AUTH_KEY_TTL
    db.add(
        AuthKey(
            purpose=purpose,
            account_id=account_id,
            email_key=email_key_,
            key_hmac=digest(env.secret, _KIND, purpose, email_key_, value=value),
            expires_at=expires_at,
            attempts=0,
            created_at=now,
        )
    )
    return value, expires_at


async def withdraw_auth_key(
    db: AsyncSession, env: ServiceEnv, *, purpose: str, email_key_: str
) -> None:
    """Every live key of this purpose and address stops working (its mail never went out).
    The caller commits."""
    now = env.clock.now()
    await retire(db, AUTH_KEYS, now, AuthKey.purpose == purpose, AuthKey.email_key == email_key_)


async def cancel_email_change(db: AsyncSession, env: ServiceEnv, account_id: int) -> None:
    """Forget a pending e-mail change of the account and its key. The caller commits."""
    pending = await db.scalar(
        update(Account)
        .where(Account.id == account_id, Account.pending_email.is_not(None))
        .values(pending_email=None)
        .returning(Account.id)
    )
    if pending is not None:
        await retire(
            db,
            AUTH_KEYS,
            env.clock.now(),
            AuthKey.purpose == PURPOSE_EMAIL_CHANGE,
            AuthKey.account_id == account_id,
        )


async def check_auth_key(
    db: AsyncSession, env: ServiceEnv, *, purpose: str, email_key_: str, value: str
) -> AuthKey:
    """The live key if `value` is it; raises otherwise. The guess is counted (and committed)
    before comparing. The key stays live: `spend_auth_key` spends it with the change it
    authorises, so expensive work (hashing a password) can run in between, after the check."""
    now = env.clock.now()
    row = await db.scalar(
        select(AuthKey)
        .where(
            AuthKey.purpose == purpose,
            AuthKey.email_key == email_key_,
            AuthKey.used_at.is_(None),
        )
        .order_by(AuthKey.created_at.desc(), AuthKey.id.desc())
        .limit(1)
    )
    if row is None:
        raise _err(ErrorCode.auth_key_invalid)
    if row.attempts >= AUTH_KEY_MAX_ATTEMPTS:
        raise _err(ErrorCode.auth_key_attempts_exhausted)
    if now >= row.expires_at:
        raise _err(ErrorCode.auth_key_expired)
    attempt = await count_attempt(db, AUTH_KEYS, row.id, now)
    await db.commit()
    if attempt is None:
        raise _err(ErrorCode.auth_key_invalid)
    if attempt > AUTH_KEY_MAX_ATTEMPTS:
        raise _err(ErrorCode.auth_key_attempts_exhausted)
    typed = normalise_halfwidth(value).value
    if not matches(env.secret, _KIND, purpose, email_key_, value=typed, stored=row.key_hmac):
        if attempt == AUTH_KEY_MAX_ATTEMPTS:
            raise _err(ErrorCode.auth_key_attempts_exhausted)
        raise _err(ErrorCode.auth_key_invalid, remaining=AUTH_KEY_MAX_ATTEMPTS - attempt)
    return row


async def spend_auth_key(db: AsyncSession, env: ServiceEnv, row: AuthKey) -> None:
    """Spend a checked key in the caller's transaction; raises (after rolling back) when a
    racing request spent it first or it expired meanwhile."""
    if not await spend(db, AUTH_KEYS, row.id, env.clock.now()):
        await db.rollback()
        raise _err(ErrorCode.auth_key_invalid)


async def consume_auth_key(
    db: AsyncSession, env: ServiceEnv, *, purpose: str, email_key_: str, value: str
) -> AuthKey:
    """Check and spend the key at once (single use)."""
    row = await check_auth_key(db, env, purpose=purpose, email_key_=email_key_, value=value)
    await spend_auth_key(db, env, row)
    return row
