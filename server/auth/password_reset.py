"""Forgotten password: e-mail → 認証キー by mail → new password ×2 + key. A reset unlocks a
locked account and signs out everywhere."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from api_client.validation import (
    Problem,
    email_key,
    email_problems,
    normalise_email,
    password_confirm_problems,
    password_problems,
)
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.auth_keys import (
    PURPOSE_PASSWORD_RESET,
    consume_auth_key,
    issue_auth_key,
    withdraw_auth_key,
)
from server.auth.lockout import clear_failures, login_failure_digest
from server.auth.login import active_account
from server.auth.sessions import revoke_everything
from server.context import MailNotSent, ServiceEnv
from server.errors import DomainError, field_error
from server.mail.templates import (
    password_changed_mail,
    password_reset_mail,
    reset_no_account_mail,
)
from server.security import hash_password


async def request_password_reset(db: AsyncSession, env: ServiceEnv, email: str) -> None:
    """Mail a reset key to a real account, or a "no MyPage uses this address" notice to an
    unknown one. Both take the same path (one key row written, one HMAC, one mail sent
    within the request), so neither the answer nor its timing tells them apart; when the
    mail cannot go out, the key is withdrawn and MailNotSent goes up (503) in both cases."""
    address = normalise_email(email).value
    problems = email_problems(address)
    if problems:
        raise DomainError(
            ErrorCode.validation_error, 422, fields=[field_error("email", problems[0])]
        )
    key = email_key(address)
    account = await active_account(db, key)
    # An unknown address gets a key row too (bound to no account, never mailed, useless).
    value, expires_at = await issue_auth_key(
        db,
        env,
        purpose=PURPOSE_PASSWORD_RESET,
        email_key_=key,
        account_id=account.id if account is not None else None,
    )
    await db.commit()
    if account is not None:
        to, text = account.email, password_reset_mail(value, expires_at)
    else:
        to, text = address, reset_no_account_mail()
    try:
        await env.send_now((to, text), kind="password_reset")
    except MailNotSent:
        await withdraw_auth_key(db, env, purpose=PURPOSE_PASSWORD_RESET, email_key_=key)
        await db.commit()
        raise


def password_policy_error(password: str, confirm: str) -> DomainError | None:
    fields = [field_error("new_password", p) for p in password_problems(password)]
    mismatch: list[Problem] = password_confirm_problems(password, confirm)
    fields += [field_error("new_password_confirm", p) for p in mismatch]
    if not fields:
        return None
    return DomainError(ErrorCode.password_policy, 422, fields=fields)


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
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    now = env.clock.now()
    account.password_hash = new_hash
    account.locked_at = None
    await clear_failures(db, login_failure_digest(env, key))
    await revoke_everything(db, account.id, now)
    await db.commit()
    await env.notify(account.email, password_changed_mail(now), kind="password_changed")
