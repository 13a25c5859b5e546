"""Forgotten password: e-mail → 認証キー by mail → new password ×2 + key. A reset unlocks a
locked account and signs out everywhere."""

from __future__ import annotations

from datetime import datetime, timedelta

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
    cancel_email_change,
    check_auth_key,
    issue_auth_key,
    spend_auth_key,
    withdraw_auth_key,
)
from server.auth.lockout import clear_password_failures
from server.auth.login import active_account
from server.auth.sessions import revoke_everything
from server.context import MailNotSent, ServiceEnv
from server.errors import DomainError, field_error
from server.mail.templates import (
    MailText,
    password_changed_mail,
    password_reset_mail,
    reset_after_email_change_mail,
    reset_no_account_mail,
    reset_tried_after_email_change_mail,
)
from server.security import hash_password

RESET_AFTER_EMAIL_CHANGE = timedelta(hours=24)


def _recently_changed(account: Account, now: datetime) -> datetime | None:
    """When its login e-mail changed, if less than RESET_AFTER_EMAIL_CHANGE ago."""
    changed = account.email_changed_at
    return changed if changed is not None and now - changed < RESET_AFTER_EMAIL_CHANGE else None


async def request_password_reset(db: AsyncSession, env: ServiceEnv, email: str) -> None:
    """Mail a reset key to a real account, or a "no MyPage uses this address" notice to an
    unknown one. Both take the same path (one key row written, one HMAC, the mail sent
    within the request), so neither the answer nor its timing tells them apart; when the
    mail cannot go out, the key is withdrawn and MailNotSent goes up (503) in both cases.

    An address that became the login e-mail less than 24 hours ago gets no usable key: a
    session alone (a kiosk left signed in) must not be enough to take an account over by
    changing its address and resetting the password. The new address is told when to try
    again, and the previous address is told of the request.
    """
    address = normalise_email(email).value
    problems = email_problems(address)
    if problems:
        raise DomainError(
            ErrorCode.validation_error, 422, fields=[field_error("email", problems[0])]
        )
    now = env.clock.now()
    key = email_key(address)
    account = await active_account(db, key)
    changed = _recently_changed(account, now) if account is not None else None
    # An unknown address, or one changed too recently, gets a key row too (bound to no
    # account, never mailed, useless): the same write either way.
    value, expires_at = await issue_auth_key(
        db,
        env,
        purpose=PURPOSE_PASSWORD_RESET,
        email_key_=key,
        account_id=account.id if account is not None and changed is None else None,
    )
    await db.commit()
    mails: list[tuple[str, MailText]]
    if account is None:
        mails = [(address, reset_no_account_mail())]
    elif changed is None:
        mails = [(account.email, password_reset_mail(value, expires_at))]
    else:
        mails = [
            (
                account.email,
                reset_after_email_change_mail(changed, changed + RESET_AFTER_EMAIL_CHANGE),
            )
        ]
        if account.previous_email:
            notice = reset_tried_after_email_change_mail(changed, account.email)
            mails.append((account.previous_email, notice))
    try:
        await env.send_now(*mails, kind="password_reset")
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
    key = email_key(email)
    # The key first: a wrong one costs no argon2 hash (which takes a CPU for ~0.1 s).
    row = await check_auth_key(
        db, env, purpose=PURPOSE_PASSWORD_RESET, email_key_=key, value=auth_key
    )
    new_hash = await hash_password(new_password)  # no transaction is open meanwhile
    await spend_auth_key(db, env, row)
    account = await db.get(Account, row.account_id) if row.account_id is not None else None
    # Only a key mailed to the account's current address resets it (not one sent to an
    # address it has since left).
    if account is None or account.status != ACCOUNT_ACTIVE or account.email_key != key:
        await db.rollback()
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    now = env.clock.now()
    account.password_hash = new_hash
    account.locked_at = None
    await clear_password_failures(db, env, account)
    await revoke_everything(db, account.id, now)
    # Whoever asked to move the login e-mail elsewhere no longer gets to: the owner
    # resetting after the warning mail is how a change they did not ask for is stopped.
    await cancel_email_change(db, env, account.id)
    await db.commit()
    await env.notify(account.email, password_changed_mail(now), kind="password_changed")
