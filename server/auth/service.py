"""Sign-in, OTP, device (OTP-skip) tokens, sessions and password reset.

Services own their transactions: they commit before raising a `DomainError` whose side
effects must persist (failure counters, OTP attempts), and single-use values are consumed
with `UPDATE … WHERE <unused> RETURNING` so two racing requests cannot both succeed.
"""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import (
    DeviceTokenGrant,
    ErrorCode,
    LoginResponse,
    LoginStatus,
    OtpResendResponse,
    OtpVerifyResponse,
    SessionInfo,
)
from api_client.validation import (
    Problem,
    email_key,
    normalise_halfwidth,
    password_confirm_problems,
    password_problems,
)
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.models import AuthKey, DeviceToken, LoginChallenge, LoginFailure, Session
from server.context import ServiceEnv
from server.db.engine import SQLITE_IMMEDIATE
from server.errors import DomainError, field_error
from server.mail.base import build_message
from server.mail.templates import (
    account_locked_mail,
    otp_mail,
    password_changed_mail,
    password_reset_mail,
)
from server.security import (
    hash_password,
    hmac_hex,
    needs_rehash,
    new_auth_key,
    new_otp,
    new_token,
    same,
    sha256_hex,
    verify_password,
)

log = logging.getLogger("hellowork.auth")

OTP_TTL = timedelta(minutes=10)
OTP_MAX_ATTEMPTS = 5
OTP_RESEND_INTERVAL = timedelta(seconds=60)
# A ticket can be re-sent a fresh OTP (e.g. after the first expired) for this long.
LOGIN_TICKET_LIFETIME = timedelta(minutes=30)
DEVICE_TOKEN_TTL = timedelta(days=90)
AUTH_KEY_TTL = timedelta(minutes=50)
AUTH_KEY_MAX_ATTEMPTS = 5
LOCK_THRESHOLD = 5
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)

PURPOSE_PASSWORD_RESET = "password_reset"  # noqa: S105 - a purpose name
PURPOSE_ACCOUNT_OPEN = "account_open"
PURPOSE_REREGISTER = "reregister"
PURPOSE_EMAIL_CHANGE = "email_change"


def _err(code: ErrorCode, status: int = 400, **params: str | int) -> DomainError:
    return DomainError(code, status, params=params)


# --------------------------------------------------------------------------- sessions


def _unauthorized(code: ErrorCode) -> DomainError:
    return DomainError(code, 401, headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Authenticated:
    account: Account
    session: Session


def _session_info(env: ServiceEnv, session: Session, token: str) -> SessionInfo:
    return SessionInfo(
        session_token=token,
        idle_expires_at=session.last_seen_at + timedelta(minutes=env.settings.session_idle_minutes),
        absolute_expires_at=session.absolute_expires_at,
    )


def _new_session(db: AsyncSession, env: ServiceEnv, account: Account, now: datetime) -> SessionInfo:
    token = new_token()
    session = Session(
        token_hash=sha256_hex(token),
        account_id=account.id,
        created_at=now,
        last_seen_at=now,
        absolute_expires_at=now + timedelta(hours=env.settings.session_absolute_hours),
    )
    db.add(session)
    return _session_info(env, session, token)


def _record_login(account: Account, now: datetime) -> None:
    account.previous_login_at = account.last_login_at
    account.last_login_at = now


def start_session(db: AsyncSession, env: ServiceEnv, account: Account) -> SessionInfo:
    """Sign in right away (after opening or re-registering with a 認証キー from the mail,
    which already proves the address, so no OTP follows)."""
    now = env.clock.now()
    _record_login(account, now)
    return _new_session(db, env, account, now)


def failure_digest(env: ServiceEnv, purpose: str, key: str) -> str:
    return hmac_hex(env.secret, purpose, key)


async def count_failure(db: AsyncSession, digest: str, now: datetime) -> int:
    """Count one more failed attempt under `digest` (public form of the login counter)."""
    return await _count_failure(db, digest, now)


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


# --------------------------------------------------------------------------- login


def _failure_digest(env: ServiceEnv, key: str) -> str:
    return hmac_hex(env.secret, "login-failure", key)


async def _count_failure(db: AsyncSession, digest: str, now: datetime) -> int:
    """Atomically count one more attempt for this e-mail and return the new count."""
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(LoginFailure)
        .values(email_digest=digest, failures=1, updated_at=now)
        .on_conflict_do_update(
            index_elements=[LoginFailure.email_digest],
            set_={"failures": LoginFailure.failures + 1, "updated_at": now},
        )
        .returning(LoginFailure.failures)
    )
    return int((await db.execute(stmt)).scalar_one())


async def _active_account(db: AsyncSession, key: str) -> Account | None:
    return await db.scalar(
        select(Account).where(Account.email_key == key, Account.status == ACCOUNT_ACTIVE)
    )


async def login(
    db: AsyncSession, env: ServiceEnv, email: str, password: str, device_token: str | None
) -> LoginResponse:
    key = email_key(email)
    digest = _failure_digest(env, key)
    account = await _active_account(db, key)
    locked_error = _err(ErrorCode.account_locked, 423)
    if account is not None and account.locked_at is not None:
        raise locked_error
    # Count the attempt before checking the password, so parallel guesses cannot slip past
    # the lock: at most LOCK_THRESHOLD passwords are ever tried. Success resets the count.
    now = env.clock.now()
    attempt = await _count_failure(db, digest, now)
    await db.commit()  # also: no transaction (or SQLite write lock) is held during argon2
    if attempt > LOCK_THRESHOLD:
        raise locked_error
    # Unknown e-mails are verified against a dummy hash: same work, same answer.
    ok = await verify_password(account.password_hash if account else None, password)
    if not ok or account is None:
        if attempt < LOCK_THRESHOLD:
            raise _err(ErrorCode.invalid_credentials, 401)
        locked_id = None
        if account is not None:
            locked_id = await db.scalar(
                update(Account)
                .where(Account.id == account.id, Account.locked_at.is_(None))
                .values(locked_at=now)
                .returning(Account.id)
            )
            await db.commit()
        if account is not None and locked_id is not None:
            log.warning("account locked after %d failures account_id=%s", attempt, account.id)
            await env.send_mail(account.email, account_locked_mail(now), kind="account_locked")
        raise locked_error

    # Parameters raised since this hash was made: upgrade it (hashed before locking).
    rehashed = await hash_password(password) if needs_rehash(account.password_hash) else None
    await db.execute(delete(LoginFailure).where(LoginFailure.email_digest == digest))
    if rehashed is not None:
        account.password_hash = rehashed

    if device_token:
        grant = await _rotate_device_token(db, account, device_token, now)
        if grant is not None:
            _record_login(account, now)
            session = _new_session(db, env, account, now)
            await db.commit()
            return LoginResponse(status=LoginStatus.signed_in, session=session, device=grant)

    ticket, otp, challenge = await _new_challenge(db, env, account, now)
    await db.commit()
    await env.send_mail(account.email, otp_mail(otp, challenge.expires_at), kind="otp")
    return LoginResponse(
        status=LoginStatus.otp_required, login_ticket=ticket, otp_expires_at=challenge.expires_at
    )


def _otp_hmac(env: ServiceEnv, ticket_hash: str, otp: str) -> str:
    return hmac_hex(env.secret, "otp", ticket_hash, otp)


async def _new_challenge(
    db: AsyncSession, env: ServiceEnv, account: Account, now: datetime
) -> tuple[str, str, LoginChallenge]:
    # Only the newest login attempt of an account can be completed.
    await db.execute(
        update(LoginChallenge)
        .where(LoginChallenge.account_id == account.id, LoginChallenge.consumed_at.is_(None))
        .values(consumed_at=now)
    )
    ticket = new_token()
    otp = new_otp()
    ticket_hash = sha256_hex(ticket)
    challenge = LoginChallenge(
        ticket_hash=ticket_hash,
        account_id=account.id,
        otp_hmac=_otp_hmac(env, ticket_hash, otp),
        expires_at=now + OTP_TTL,
        attempts=0,
        last_sent_at=now,
        created_at=now,
    )
    db.add(challenge)
    return ticket, otp, challenge


# --------------------------------------------------------------------------- device tokens


async def _revoke_family(db: AsyncSession, family_id: str, now: datetime) -> None:
    await db.execute(
        update(DeviceToken)
        .where(DeviceToken.family_id == family_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def _issue_device_token(
    db: AsyncSession,
    account: Account,
    *,
    family_id: str,
    label: str,
    expires_at: datetime,
    now: datetime,
) -> DeviceTokenGrant:
    token = new_token()
    db.add(
        DeviceToken(
            token_hash=sha256_hex(token),
            family_id=family_id,
            account_id=account.id,
            label=label,
            created_at=now,
            expires_at=expires_at,
            last_used_at=now,
        )
    )
    return DeviceTokenGrant(device_token=token, expires_at=expires_at)


async def _rotate_device_token(
    db: AsyncSession, account: Account, token: str, now: datetime
) -> DeviceTokenGrant | None:
    """A fresh token of the same family if `token` is live, else None (→ OTP).

    Presenting an already rotated token means a copy exists somewhere: the whole family
    is revoked (refresh-token reuse detection).
    """
    row = await db.scalar(select(DeviceToken).where(DeviceToken.token_hash == sha256_hex(token)))
    if row is None or row.account_id != account.id:
        return None
    if row.revoked_at is not None or now >= row.expires_at:
        return None
    if row.replaced_at is not None:
        log.warning("device token reuse; family revoked account_id=%s", account.id)
        await _revoke_family(db, row.family_id, now)
        return None
    rotated = await db.scalar(
        update(DeviceToken)
        .where(
            DeviceToken.id == row.id,
            DeviceToken.replaced_at.is_(None),
            DeviceToken.revoked_at.is_(None),
        )
        .values(replaced_at=now, last_used_at=now)
        .returning(DeviceToken.id)
    )
    if rotated is None:  # lost a race with another use of the same token: treat as reuse
        await _revoke_family(db, row.family_id, now)
        return None
    return _issue_device_token(
        db, account, family_id=row.family_id, label=row.label, expires_at=row.expires_at, now=now
    )


async def revoke_all_device_tokens(db: AsyncSession, env: ServiceEnv, account_id: int) -> None:
    await db.execute(
        update(DeviceToken)
        .where(DeviceToken.account_id == account_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=env.clock.now())
    )


# --------------------------------------------------------------------------- OTP


async def _challenge(db: AsyncSession, ticket: str) -> LoginChallenge | None:
    return await db.scalar(
        select(LoginChallenge).where(LoginChallenge.ticket_hash == sha256_hex(ticket))
    )


async def verify_otp(
    db: AsyncSession,
    env: ServiceEnv,
    ticket: str,
    otp: str,
    *,
    remember_device: bool,
    device_label: str,
) -> OtpVerifyResponse:
    now = env.clock.now()
    challenge = await _challenge(db, ticket)
    if challenge is None or challenge.consumed_at is not None:
        raise _err(ErrorCode.login_ticket_invalid)
    if now >= challenge.expires_at:
        raise _err(ErrorCode.otp_expired)
    # Count the guess before comparing (as with passwords): parallel guesses cannot get more
    # than OTP_MAX_ATTEMPTS comparisons out of one challenge.
    attempt = await db.scalar(
        update(LoginChallenge)
        .where(LoginChallenge.id == challenge.id, LoginChallenge.consumed_at.is_(None))
        .values(attempts=LoginChallenge.attempts + 1)
        .returning(LoginChallenge.attempts)
    )
    await db.commit()
    if attempt is None:
        raise _err(ErrorCode.login_ticket_invalid)
    if attempt > OTP_MAX_ATTEMPTS:
        raise _err(ErrorCode.otp_attempts_exhausted)
    typed = normalise_halfwidth(otp).value
    if not same(_otp_hmac(env, challenge.ticket_hash, typed), challenge.otp_hmac):
        if attempt == OTP_MAX_ATTEMPTS:
            await db.execute(
                update(LoginChallenge)
                .where(LoginChallenge.id == challenge.id, LoginChallenge.consumed_at.is_(None))
                .values(consumed_at=now)
            )
            await db.commit()
            raise _err(ErrorCode.otp_attempts_exhausted)
        raise _err(ErrorCode.otp_invalid, remaining=OTP_MAX_ATTEMPTS - attempt)

    consumed = await db.scalar(
        update(LoginChallenge)
        .where(LoginChallenge.id == challenge.id, LoginChallenge.consumed_at.is_(None))
        .values(consumed_at=now)
        .returning(LoginChallenge.id)
    )
    account = await db.get(Account, challenge.account_id)
    if consumed is None or account is None or account.status != ACCOUNT_ACTIVE:
        await db.rollback()
        raise _err(ErrorCode.login_ticket_invalid)
    if account.locked_at is not None:
        await db.rollback()
        raise _err(ErrorCode.account_locked, 423)
    _record_login(account, now)
    session = _new_session(db, env, account, now)
    device = None
    if remember_device:
        device = _issue_device_token(
            db,
            account,
            family_id=secrets.token_hex(16),
            label=device_label.strip(),
            expires_at=now + DEVICE_TOKEN_TTL,
            now=now,
        )
    await db.commit()
    return OtpVerifyResponse(session=session, device=device)


async def resend_otp(db: AsyncSession, env: ServiceEnv, ticket: str) -> OtpResendResponse:
    now = env.clock.now()
    challenge = await _challenge(db, ticket)
    if (
        challenge is None
        or challenge.consumed_at is not None
        or now >= challenge.created_at + LOGIN_TICKET_LIFETIME
    ):
        raise _err(ErrorCode.login_ticket_invalid)
    wait = (challenge.last_sent_at + OTP_RESEND_INTERVAL - now).total_seconds()
    if wait > 0:
        seconds = math.ceil(wait)
        raise DomainError(
            ErrorCode.resend_throttled,
            429,
            params={"retry_after": seconds},
            headers={"Retry-After": str(seconds)},
        )
    otp = new_otp()
    expires_at = now + OTP_TTL
    updated = await db.scalar(
        update(LoginChallenge)
        .where(
            LoginChallenge.id == challenge.id,
            LoginChallenge.consumed_at.is_(None),
            LoginChallenge.last_sent_at == challenge.last_sent_at,
        )
        .values(
            otp_hmac=_otp_hmac(env, challenge.ticket_hash, otp),
            expires_at=expires_at,
            last_sent_at=now,
        )
        .returning(LoginChallenge.account_id)
    )
    if updated is None:  # a parallel resend won
        await db.rollback()
        raise DomainError(
            ErrorCode.resend_throttled,
            429,
            params={"retry_after": int(OTP_RESEND_INTERVAL.total_seconds())},
            headers={"Retry-After": str(int(OTP_RESEND_INTERVAL.total_seconds()))},
        )
    account = await db.get(Account, updated)
    await db.commit()
    if account is None:
        raise _err(ErrorCode.login_ticket_invalid)
    await env.send_mail(account.email, otp_mail(otp, expires_at), kind="otp")
    return OtpResendResponse(otp_expires_at=expires_at)


# --------------------------------------------------------------------------- auth keys


def _auth_key_hmac(env: ServiceEnv, purpose: str, key: str, value: str) -> str:
    return hmac_hex(env.secret, "auth-key", purpose, key, value)


async def issue_auth_key(
    db: AsyncSession,
    env: ServiceEnv,
    *,
    purpose: str,
    email_key_: str,
    account_id: int | None,
) -> tuple[str, datetime]:
    """A new 認証キー; older unused keys of the same purpose and e-mail stop working."""
    now = env.clock.now()
    await db.execute(
        update(AuthKey)
        .where(
            AuthKey.purpose == purpose,
            AuthKey.email_key == email_key_,
            AuthKey.used_at.is_(None),
        )
        .values(used_at=now)
    )
    value = new_auth_key()
    expires_at = now + AUTH_KEY_TTL
    db.add(
        AuthKey(
            purpose=purpose,
            account_id=account_id,
            email_key=email_key_,
            key_hmac=_auth_key_hmac(env, purpose, email_key_, value),
            expires_at=expires_at,
            attempts=0,
            created_at=now,
        )
    )
    return value, expires_at


async def consume_auth_key(
    db: AsyncSession, env: ServiceEnv, *, purpose: str, email_key_: str, value: str
) -> AuthKey:
    """Check and consume the live key (single use). Commits failed attempts."""
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
    # Count the try before comparing: parallel guesses get at most the allowed comparisons.
    attempt = await db.scalar(
        update(AuthKey)
        .where(AuthKey.id == row.id, AuthKey.used_at.is_(None))
        .values(attempts=AuthKey.attempts + 1)
        .returning(AuthKey.attempts)
    )
    await db.commit()
    if attempt is None:
        raise _err(ErrorCode.auth_key_invalid)
    if attempt > AUTH_KEY_MAX_ATTEMPTS:
        raise _err(ErrorCode.auth_key_attempts_exhausted)
    typed = normalise_halfwidth(value).value
    if not same(_auth_key_hmac(env, purpose, email_key_, typed), row.key_hmac):
        if attempt == AUTH_KEY_MAX_ATTEMPTS:
            raise _err(ErrorCode.auth_key_attempts_exhausted)
        raise _err(ErrorCode.auth_key_invalid, remaining=AUTH_KEY_MAX_ATTEMPTS - attempt)
    used = await db.scalar(
        update(AuthKey)
        .where(AuthKey.id == row.id, AuthKey.used_at.is_(None))
        .values(used_at=now)
        .returning(AuthKey.id)
    )
    if used is None:
        await db.rollback()
        raise _err(ErrorCode.auth_key_invalid)
    return row


# --------------------------------------------------------------------------- password reset


async def request_password_reset(
    db: AsyncSession, env: ServiceEnv, email: str
) -> EmailMessage | None:
    """Issue a reset key for a real account. Returns the mail to send (after the answer,
    so the response time does not tell whether the account exists), or None."""
    key = email_key(email)
    account = await _active_account(db, key)
    if account is None:
        return None
    value, expires_at = await issue_auth_key(
        db, env, purpose=PURPOSE_PASSWORD_RESET, email_key_=key, account_id=account.id
    )
    await db.commit()
    text = password_reset_mail(value, expires_at)
    return build_message(
        mail_from=env.settings.mail_from,
        to=account.email,
        subject=text.subject,
        body=text.body,
        now=env.clock.now(),
    )


def password_policy_error(password: str, confirm: str) -> DomainError | None:
    fields = [field_error("new_password", p) for p in password_problems(password)]
    mismatch: list[Problem] = password_confirm_problems(password, confirm)
    fields += [field_error("new_password_confirm", p) for p in mismatch]
    if not fields:
        return None
    return DomainError(ErrorCode.password_policy, 422, fields=fields)


async def revoke_everything(db: AsyncSession, account_id: int, now: datetime) -> None:
    """Sign out everywhere: sessions, device tokens and pending OTP challenges."""
    await db.execute(
        update(Session)
        .where(Session.account_id == account_id, Session.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await db.execute(
        update(DeviceToken)
        .where(DeviceToken.account_id == account_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await db.execute(
        update(LoginChallenge)
        .where(LoginChallenge.account_id == account_id, LoginChallenge.consumed_at.is_(None))
        .values(consumed_at=now)
    )


async def confirm_password_reset(
    db: AsyncSession,
    env: ServiceEnv,
    *,
    email: str,
    auth_key: str,
    new_password: str,
    new_password_confirm: str,
) -> None:
    problem = password_policy_error(new_password, new_password_confirm)
    if problem is not None:
        raise problem
    new_hash = await hash_password(new_password)  # before the transaction takes its locks
    key = email_key(email)
    row = await consume_auth_key(
        db, env, purpose=PURPOSE_PASSWORD_RESET, email_key_=key, value=auth_key
    )
    account = await db.get(Account, row.account_id) if row.account_id is not None else None
    if account is None or account.status != ACCOUNT_ACTIVE:
        await db.rollback()
        raise _err(ErrorCode.auth_key_invalid)
    now = env.clock.now()
    account.password_hash = new_hash
    account.locked_at = None
    await db.execute(
        delete(LoginFailure).where(LoginFailure.email_digest == _failure_digest(env, key))
    )
    await revoke_everything(db, account.id, now)
    await db.commit()
    await env.send_mail(account.email, password_changed_mail(now), kind="password_changed")
