"""Forgotten password: e-mail → 認証キー by mail → new password ×2 + key. A reset unlocks a
locked account and signs out everywhere."""

from __future__ import annotations

from email.message import EmailMessage

from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from api_client.validation import (
    Problem,
    email_key,
    password_confirm_problems,
    password_problems,
)
from server.accounts.models import ACCOUNT_ACTIVE, Account
from server.auth.auth_keys import PURPOSE_PASSWORD_RESET, consume_auth_key, issue_auth_key
from server.auth.lockout import clear_failures, login_failure_digest
from server.auth.login import active_account
from server.auth.sessions import revoke_everything
from server.context import ServiceEnv
from server.errors import DomainError, field_error
from server.mail.base import build_message
from server.mail.templates import password_changed_mail, password_reset_mail
from server.security import hash_password


async def request_password_reset(
    db: AsyncSession, env: ServiceEnv, email: str
) -> EmailMessage | None:
    """Issue a reset key for a real account. Returns the mail to send (after the answer,
    so the response time does not tell whether the account exists), or None."""
    key = email_key(email)
    account = await active_account(db, key)
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
    await env.send_mail(account.email, password_changed_mail(now), kind="password_changed")
