"""Login challenges: the one-time password mailed after the password, bound to the login
ticket the client holds (6 digits, 10 minutes, 5 guesses, single use, resend throttled)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, OtpResendResponse, OtpVerifyResponse
from api_client.validation import normalise_halfwidth
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.devices import issue_device_token
from server.auth.models import LOGIN_CHALLENGES, LoginChallenge
from server.auth.sessions import new_session
from server.auth.single_use import digest, matches, retire
from server.context import MailNotSent, ServiceEnv
from server.errors import DomainError
from server.mail.templates import otp_mail
from server.security import new_otp, new_token, sha256_hex

OTP_TTL = timedelta(minutes=10)
OTP_MAX_ATTEMPTS = 5
OTP_RESEND_INTERVAL = timedelta(seconds=60)
# A ticket can be re-sent a fresh OTP (e.g. after the first expired) for this long.
LOGIN_TICKET_LIFETIME = timedelta(minutes=30)
_KIND = "otp"

# The OTP check's statements, built once with their values as parameters, on the tables
# (not the mapped classes): built anew for every check and run through the ORM, each took
# ~1.1 ms of the event loop's CPU, prebuilt 0.2-0.4 (PostgreSQL, 21:10 UTC).
_challenge_table = cast(Table, LoginChallenge.__table__)
_account_table = cast(Table, Account.__table__)
_challenges = _challenge_table.c
_accounts = _account_table.c
_NOW = bindparam("now", type_=_challenges.expires_at.type)
# Retire the account's unspent challenges (single_use.retire's statement): a new one
# replaces them.
_RETIRE_ALL = (
    update(_challenge_table)
    .where(
        _challenges.consumed_at.is_(None),
        _challenges.account_id == bindparam("owner_id", type_=_challenges.account_id.type),
    )
    .values(consumed_at=_NOW)
)
# A live challenge: not spent, not expired (single_use.live for this table).
_LIVE = (_challenges.consumed_at.is_(None), _challenges.expires_at > _NOW)
# One more guess, only while the challenge is live.
_COUNT_GUESS = (
    update(_challenge_table)
    .where(
        _challenges.ticket_hash == bindparam("ticket", type_=_challenges.ticket_hash.type),
        *_LIVE,
    )
    .values(attempts=_challenges.attempts + 1)
    .returning(_challenges.id, _challenges.attempts, _challenges.account_id, _challenges.otp_hmac)
)
# The login record of an active, unlocked account.
_RECORD_LOGIN = (
    update(_account_table)
    .where(
        _accounts.id == bindparam("signing_in", type_=_accounts.id.type),
        _accounts.status == ACCOUNT_ACTIVE,
        _accounts.locked_at.is_(None),
    )
    .values(previous_login_at=_accounts.last_login_at, last_login_at=_NOW)
    .returning(_accounts.id)
)
# Spend the live challenge (single_use.spend's statement for this table).
_SPEND = (
    update(_challenge_table)
    .where(
        _challenges.id == bindparam("challenge_id", type_=_challenges.id.type),
        *_LIVE,
    )
    .values(consumed_at=_NOW)
    .returning(_challenges.id)
)


def _err(code: ErrorCode, **params: str | int) -> DomainError:
    return DomainError(code, 400, params=params)


def _resend_throttled(seconds: int) -> DomainError:
    return DomainError(
        ErrorCode.resend_throttled,
        429,
        params={"retry_after": seconds},
        headers={"Retry-After": str(seconds)},
    )


async def new_challenge(
    db: AsyncSession, env: ServiceEnv, account: Account, now: datetime
) -> tuple[str, str, LoginChallenge]:
    """(ticket, otp, row) of a fresh challenge; only the newest one of an account can be
    completed. Added to `db`; the caller commits and mails the OTP."""
    await db.execute(_RETIRE_ALL, {"owner_id": account.id, "now": now})
    ticket = new_token()
    otp = new_otp()
    ticket_hash = sha256_hex(ticket)
    challenge = LoginChallenge(
        ticket_hash=ticket_hash,
        account_id=account.id,
        otp_hmac=digest(env.secret, _KIND, ticket_hash, value=otp),
        expires_at=now + OTP_TTL,
        attempts=0,
        last_sent_at=now,
        created_at=now,
    )
    db.add(challenge)
    return ticket, otp, challenge


async def send_otp(
    db: AsyncSession, env: ServiceEnv, account: Account, otp: str, challenge: LoginChallenge
) -> None:
    """Mail the OTP of a committed challenge. When the mail cannot go out, the challenge
    dies with it (nobody knows its OTP) and MailNotSent goes up (503)."""
    try:
        await env.send_now((account.email, otp_mail(otp, challenge.expires_at)), kind="otp")
    except MailNotSent:
        await retire(db, LOGIN_CHALLENGES, env.clock.now(), LoginChallenge.id == challenge.id)
        await db.commit()
        raise


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
    """Check the OTP of a login ticket and sign in. One transaction, which `db` may have
    begun with the route's throttle counts: the guess is counted first (atomically, only
    while the challenge is live: the row stays locked until the end, so parallel guesses
    take turns and each sees the others' counts); a wrong OTP commits the counts and is
    answered; a right one signs in within the same transaction — the account (active, not
    locked) records the login, the challenge is spent, the session is added — and commits
    once. Eight round trips on PostgreSQL where four transactions took sixteen."""
    now = env.clock.now()
    ticket_hash = sha256_hex(ticket)
    counted = (await db.execute(_COUNT_GUESS, {"ticket": ticket_hash, "now": now})).one_or_none()
    if counted is None:  # unknown, spent or expired: which one, for the answer
        challenge = await _challenge(db, ticket)
        await db.commit()  # the throttle's counts
        if challenge is not None and challenge.consumed_at is None:
            raise _err(ErrorCode.otp_expired)
        raise _err(ErrorCode.login_ticket_invalid)
    attempt = int(counted.attempts)
    if attempt > OTP_MAX_ATTEMPTS:
        await db.commit()
        raise _err(ErrorCode.otp_attempts_exhausted)
    typed = normalise_halfwidth(otp).value
    if not matches(env.secret, _KIND, ticket_hash, value=typed, stored=counted.otp_hmac):
        if attempt == OTP_MAX_ATTEMPTS:
            await retire(db, LOGIN_CHALLENGES, now, LoginChallenge.id == counted.id)
            await db.commit()
            raise _err(ErrorCode.otp_attempts_exhausted)
        await db.commit()
        raise _err(ErrorCode.otp_invalid, remaining=OTP_MAX_ATTEMPTS - attempt)

    account_id = await db.scalar(_RECORD_LOGIN, {"signing_in": counted.account_id, "now": now})
    if account_id is None:  # locked (423), or gone: the challenge stays unspent
        locked_at = await db.scalar(
            select(Account.locked_at).where(
                Account.id == counted.account_id, Account.status == ACCOUNT_ACTIVE
            )
        )
        await db.commit()  # the counts
        if locked_at is not None:
            raise DomainError(ErrorCode.account_locked, 423)
        raise _err(ErrorCode.login_ticket_invalid)
    if await db.scalar(_SPEND, {"challenge_id": counted.id, "now": now}) is None:
        # Not seen: the row is ours since the count. Whatever spent it signed in instead.
        await db.rollback()
        raise _err(ErrorCode.login_ticket_invalid)
    session = new_session(db, env, account_id, now)
    device = None
    if remember_device:
        device = issue_device_token(db, account_id, label=device_label, now=now)
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
        raise _resend_throttled(math.ceil(wait))
    otp = new_otp()
    expires_at = now + OTP_TTL
    previous = challenge.last_sent_at
    # Compare-and-set on last_sent_at: of two parallel resends, one sends.
    updated = await db.scalar(
        update(LoginChallenge)
        .where(
            LoginChallenge.id == challenge.id,
            LoginChallenge.consumed_at.is_(None),
            LoginChallenge.last_sent_at == previous,
        )
        .values(
            otp_hmac=digest(env.secret, _KIND, challenge.ticket_hash, value=otp),
            expires_at=expires_at,
            last_sent_at=now,
        )
        .returning(LoginChallenge.account_id)
    )
    if updated is None:  # a parallel resend won
        await db.rollback()
        raise _resend_throttled(int(OTP_RESEND_INTERVAL.total_seconds()))
    account = await db.get(Account, updated)
    await db.commit()
    if account is None:
        raise _err(ErrorCode.login_ticket_invalid)
    try:
        await env.send_now((account.email, otp_mail(otp, expires_at)), kind="otp")
    except MailNotSent:
        # Nobody knows the new OTP; let the user ask again at once instead of in a minute.
        await db.execute(
            update(LoginChallenge)
            .where(LoginChallenge.id == challenge.id, LoginChallenge.last_sent_at == now)
            .values(last_sent_at=previous)
        )
        await db.commit()
        raise
    return OtpResendResponse(otp_expires_at=expires_at)
