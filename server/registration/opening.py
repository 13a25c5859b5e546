"""Opening a MyPage (with an アカウント作成コード or online) and re-registration after
withdrawal: request → 認証キー by mail → confirm → signed in.

Answers never tell a stranger whether an address has an account: an online opening for a
registered address gets the same answer, and the owner gets a mail saying so instead of a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, FieldError, SessionInfo
from api_client.profile_models import (
    KeySent,
    Normalisation,
    OpenConfirmRequest,
    OpenOnlineRequest,
    OpenWithCodeRequest,
    ReregisterConfirm,
    ReregisterRequest,
    SignedIn,
)
from api_client.registration_validation import (
    creation_code_problems,
    normalise_digits,
    parse_date,
)
from api_client.validation import (
    Problem,
    email_key,
    email_problems,
    normalise_email,
    normalise_halfwidth,
    password_confirm_problems,
    password_problems,
    seeker_number_problems,
)
from server.accounts.models import (
    ACCOUNT_ACTIVE,
    ACCOUNT_WITHDRAWN,
    CREATION_CODES,
    Account,
    AccountCreationCode,
    Seeker,
)
from server.accounts.service import creation_code_hmac
from server.auth.auth_keys import (
    PURPOSE_ACCOUNT_OPEN,
    PURPOSE_REREGISTER,
    check_auth_key,
    consume_auth_key,
    issue_auth_key,
    spend_auth_key,
    withdraw_auth_key,
)
from server.auth.lockout import (
    clear_failures,
    count_failure,
    failure_digest,
    wait_seconds,
)
from server.auth.sessions import start_session
from server.auth.single_use import live, spend
from server.context import MailNotSent, ServiceEnv
from server.errors import DomainError, field_error
from server.jst import today_jst
from server.mail.templates import MailText
from server.registration.mails import (
    account_exists_mail,
    open_online_mail,
    open_with_code_mail,
    reregister_mail,
)
from server.registration.models import AccountOpening
from server.security import hash_password, verify_password

REREGISTER_DAYS = 30
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(hours=1)


@dataclass
class Checked:
    """Field problems and normalisations gathered while reading a request."""

    fields: list[FieldError]
    normalised: list[Normalisation]

    def norm(self, name: str, before: str, after: str) -> str:
        if after != before:
            self.normalised.append(Normalisation(field=name, before=before, after=after))
        return after

    def add(self, name: str, problems: list[Problem]) -> None:
        self.fields += [field_error(name, p) for p in problems]

    def raise_if_any(self) -> None:
        if self.fields:
            raise DomainError(ErrorCode.validation_error, 422, fields=self.fields)


def _agreement(c: Checked, privacy: bool, terms: bool) -> None:
    if not privacy:
        c.add("agreed_privacy", [Problem("must_agree")])
    if not terms:
        c.add("agreed_terms", [Problem("must_agree")])


def check_emails(c: Checked, email: str, confirm: str, name: str = "email") -> str:
    value = c.norm(name, email, normalise_email(email).value)
    again = normalise_email(confirm).value
    c.add(name, email_problems(value))
    if value and email_key(value) != email_key(again):
        c.add(f"{name}_confirm", [Problem("email_mismatch")])
    return value


def within_reregister_period(withdrawn_at: datetime, now: datetime) -> bool:
    """Day 30 after the withdrawal (JST calendar days) is the last day it works."""
    return (today_jst(now) - today_jst(withdrawn_at)).days <= REREGISTER_DAYS


async def _holder(db: AsyncSession, key: str, now: datetime) -> Account | None:
    """The account that owns `key`: active, or withdrawn and still re-registrable."""
    account = await db.scalar(select(Account).where(Account.email_key == key))
    if account is None:
        return None
    if account.status == ACCOUNT_WITHDRAWN and (
        account.withdrawn_at is None or not within_reregister_period(account.withdrawn_at, now)
    ):
        return None
    return account


async def _over_limit(db: AsyncSession, digest: str, now: datetime) -> int | None:
    """Seconds to wait when `digest` has used up its tries in the window, else None."""
    return await wait_seconds(db, digest, now, limit=MAX_FAILURES, window=FAILURE_WINDOW)


def _throttled(seconds: int) -> DomainError:
    return DomainError(
        ErrorCode.rate_limited,
        429,
        params={"retry_after": seconds},
        headers={"Retry-After": str(seconds)},
    )


async def _save_opening(
    db: AsyncSession,
    key: str,
    email: str,
    now: datetime,
    seeker_id: int | None = None,
    code_id: int | None = None,
) -> None:
    await db.execute(delete(AccountOpening).where(AccountOpening.email_key == key))
    db.add(
        AccountOpening(
            email_key=key,
            email=email,
            seeker_id=seeker_id,
            creation_code_id=code_id,
            created_at=now,
        )
    )


async def _commit_opening(db: AsyncSession) -> None:
    """Two openings for one address at the same instant (PostgreSQL; SQLite serialises
    writers): the loser is asked to retry instead of getting a 500."""
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise DomainError(ErrorCode.conflict, 409, params={"reason": "retry"}) from None


# --------------------------------------------------------------------------- with a code


def _no_match(remaining: int) -> DomainError:
    # One answer for a wrong code, number or birth date: nothing to probe one by one.
    return DomainError(
        ErrorCode.invalid_credentials,
        400,
        params={"reason": "creation_code", "remaining": remaining},
        message="The account creation code, seeker number or birth date does not match.",
    )


async def open_with_code(db: AsyncSession, env: ServiceEnv, req: OpenWithCodeRequest) -> KeySent:
    c = Checked([], [])
    _agreement(c, req.agreed_privacy, req.agreed_terms)
    email = check_emails(c, req.email, req.email_confirm)
    number = c.norm("seeker_number", req.seeker_number, normalise_digits(req.seeker_number).value)
    c.add("seeker_number", seeker_number_problems(number))
    birth, problems = parse_date(normalise_digits(req.birth_date).value)
    if birth is not None:
        c.norm("birth_date", req.birth_date, birth.isoformat())
    c.add("birth_date", problems)
    code = c.norm(
        "creation_code", req.creation_code, normalise_halfwidth(req.creation_code).value.upper()
    )
    c.add("creation_code", creation_code_problems(code))
    c.raise_if_any()
    assert birth is not None

    now = env.clock.now()
    key = email_key(email)
    # Wrong tries count per (address, 求職番号): the code only works with the address it
    # was issued for, so guesses sent with someone's number from another address cannot
    # block that person's opening (the code space, 31^10, is what stops guessing).
    digest = failure_digest(env, "creation-code", key, number)
    wait = await _over_limit(db, digest, now)
    if wait is not None:
        await db.commit()
        raise _throttled(wait)
    seeker = await db.scalar(select(Seeker).where(Seeker.seeker_number == number))
    code_row: AccountCreationCode | None = None
    if seeker is not None and seeker.birth_date == birth:
        code_row = await db.scalar(
            select(AccountCreationCode)
            .where(
                AccountCreationCode.seeker_id == seeker.id,
                AccountCreationCode.code_hash == creation_code_hmac(env, code),
                *live(CREATION_CODES, now),
            )
            .order_by(AccountCreationCode.id.desc())
            .limit(1)
        )
    if code_row is not None and code_row.email_key not in (None, key):
        code_row = None  # the code was issued for another address
    if seeker is not None and code_row is not None:
        taken = await db.scalar(select(Account.id).where(Account.seeker_id == seeker.id))
        if taken is not None:
            code_row = None
    if seeker is None or code_row is None:
        failures = await count_failure(db, digest, now)
        await db.commit()
        raise _no_match(max(0, MAX_FAILURES - failures))
    if await _holder(db, key, now) is not None:
        raise DomainError(
            ErrorCode.conflict,
            409,
            fields=[field_error("email", Problem("email_taken"))],
            message="This e-mail address is already used by another MyPage.",
        )
    await clear_failures(db, digest)
    await _save_opening(db, key, email, now, seeker_id=seeker.id, code_id=code_row.id)
    value, expires_at = await issue_auth_key(
        db, env, purpose=PURPOSE_ACCOUNT_OPEN, email_key_=key, account_id=None
    )
    await _commit_opening(db)
    await _send_opening_mail(db, env, key, email, open_with_code_mail(value, expires_at))
    return KeySent(expires_at=expires_at, normalised=c.normalised)


# --------------------------------------------------------------------------- online


async def open_online(db: AsyncSession, env: ServiceEnv, req: OpenOnlineRequest) -> KeySent:
    """The same answer and the same work for a new address and one that has a MyPage: an
    opening row and a key are written either way (for a taken address they can never be
    confirmed), and one mail goes out: the key, or "you already have a MyPage"."""
    c = Checked([], [])
    _agreement(c, req.agreed_privacy, req.agreed_terms)
    email = check_emails(c, req.email, req.email_confirm)
    c.raise_if_any()
    now = env.clock.now()
    key = email_key(email)
    taken = await _holder(db, key, now) is not None
    await _save_opening(db, key, email, now)
    value, expires_at = await issue_auth_key(
        db, env, purpose=PURPOSE_ACCOUNT_OPEN, email_key_=key, account_id=None
    )
    await _commit_opening(db)
    text = account_exists_mail() if taken else open_online_mail(value, expires_at)
    await _send_opening_mail(db, env, key, email, text)
    return KeySent(expires_at=expires_at, normalised=c.normalised)


async def _send_opening_mail(
    db: AsyncSession, env: ServiceEnv, key: str, to: str, text: MailText
) -> None:
    """Send within the request; if the mail cannot go out, neither the opening nor its key
    is left behind (MailNotSent → 503)."""
    try:
        await env.send_now((to, text), kind="account_open")
    except MailNotSent:
        await db.execute(delete(AccountOpening).where(AccountOpening.email_key == key))
        await withdraw_auth_key(db, env, purpose=PURPOSE_ACCOUNT_OPEN, email_key_=key)
        await db.commit()
        raise


def _password_fields(password: str, confirm: str) -> None:
    fields = [field_error("password", p) for p in password_problems(password)]
    fields += [
        field_error("password_confirm", p) for p in password_confirm_problems(password, confirm)
    ]
    if fields:
        raise DomainError(ErrorCode.password_policy, 422, fields=fields)


async def confirm_opening(db: AsyncSession, env: ServiceEnv, req: OpenConfirmRequest) -> SignedIn:
    _password_fields(req.password, req.password_confirm)
    key = email_key(req.email)
    # The key first: a wrong one costs no argon2 hash (which takes a CPU for ~0.1 s).
    row = await check_auth_key(
        db, env, purpose=PURPOSE_ACCOUNT_OPEN, email_key_=key, value=req.auth_key
    )
    password_hash = await hash_password(req.password)  # no transaction is open meanwhile
    await spend_auth_key(db, env, row)
    now = env.clock.now()
    opening = await db.scalar(select(AccountOpening).where(AccountOpening.email_key == key))
    if opening is None:
        await db.rollback()
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    if await _holder(db, key, now) is not None:
        await db.rollback()
        raise DomainError(
            ErrorCode.conflict,
            409,
            fields=[field_error("email", Problem("email_taken"))],
            message="This e-mail address is already used by another MyPage.",
        )
    # A withdrawal older than 30 days cannot be revived: its address may open a fresh MyPage.
    await db.execute(delete(Account).where(Account.email_key == key))
    code_id = opening.creation_code_id
    if code_id is not None and not await spend(db, CREATION_CODES, code_id, now):
        await db.rollback()
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    account = Account(
        email_key=key,
        email=opening.email,
        password_hash=password_hash,
        seeker_id=opening.seeker_id,
        status=ACCOUNT_ACTIVE,
        created_at=now,
    )
    db.add(account)
    await db.execute(delete(AccountOpening).where(AccountOpening.id == opening.id))
    try:
        await db.flush()
    except IntegrityError:  # the seeker or the address got an account meanwhile
        await db.rollback()
        raise DomainError(ErrorCode.conflict, 409) from None
    session: SessionInfo = start_session(db, env, account)
    await db.commit()
    return SignedIn(session=session, has_registration=opening.seeker_id is not None)


# --------------------------------------------------------------------------- re-registration


def _period_over() -> DomainError:
    return DomainError(
        ErrorCode.conflict,
        409,
        params={"reason": "reregistration_period_over", "days": REREGISTER_DAYS},
        message="More than 30 days have passed since the withdrawal: the account cannot be "
        "re-registered. Open a new MyPage (the same e-mail address can be used).",
    )


async def request_reregistration(
    db: AsyncSession, env: ServiceEnv, req: ReregisterRequest
) -> KeySent:
    now = env.clock.now()
    key = email_key(req.email)
    digest = failure_digest(env, "reregister", key)
    wait = await _over_limit(db, digest, now)
    if wait is not None:
        await db.commit()
        raise _throttled(wait)
    account = await db.scalar(
        select(Account).where(Account.email_key == key, Account.status == ACCOUNT_WITHDRAWN)
    )
    ok = await verify_password(account.password_hash if account else None, req.password)
    if not ok or account is None:
        await count_failure(db, digest, now)
        await db.commit()
        raise DomainError(ErrorCode.invalid_credentials, 401)
    await clear_failures(db, digest)
    if account.withdrawn_at is None or not within_reregister_period(account.withdrawn_at, now):
        await db.commit()
        raise _period_over()
    value, expires_at = await issue_auth_key(
        db, env, purpose=PURPOSE_REREGISTER, email_key_=key, account_id=account.id
    )
    await db.commit()
    try:
        await env.send_now((account.email, reregister_mail(value, expires_at)), kind="reregister")
    except MailNotSent:
        await withdraw_auth_key(db, env, purpose=PURPOSE_REREGISTER, email_key_=key)
        await db.commit()
        raise
    return KeySent(expires_at=expires_at)


async def confirm_reregistration(
    db: AsyncSession, env: ServiceEnv, req: ReregisterConfirm
) -> SignedIn:
    key = email_key(req.email)
    row = await consume_auth_key(
        db, env, purpose=PURPOSE_REREGISTER, email_key_=key, value=req.auth_key
    )
    now = env.clock.now()
    account = await db.get(Account, row.account_id) if row.account_id is not None else None
    if account is None or account.status != ACCOUNT_WITHDRAWN:
        await db.rollback()
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    if account.withdrawn_at is None or not within_reregister_period(account.withdrawn_at, now):
        await db.rollback()
        raise _period_over()
    account.status = ACCOUNT_ACTIVE
    account.withdrawn_at = None
    account.locked_at = None
    session = start_session(db, env, account)
    await db.commit()
    return SignedIn(session=session, has_registration=account.seeker_id is not None)
