"""Failure counters and the account lock.

A counter row is keyed by an HMAC of its scope, so the table holds no addresses. Counters
are bumped atomically (an upsert returning the new count) *before* the secret is compared,
so parallel guesses cannot slip past a limit.

Wrong passwords count against the *account* (its id), wherever they are typed: at login,
and at the password checks of a session (password change, withdrawal, e-mail change).
An address with no account has a counter of its own, so it answers and locks like any
other — but that counter never carries over to an account that later takes the address.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from api_client.validation import Problem
from server.accounts.models import Account
from server.auth.models import LoginFailure
from server.context import ServiceEnv
from server.errors import DomainError, field_error
from server.mail.templates import account_locked_mail
from server.security import hmac_hex, verify_password

log = logging.getLogger("hellowork.auth")

LOCK_THRESHOLD = 5


def failure_digest(env: ServiceEnv, purpose: str, *scope: str) -> str:
    """The counter key of `scope` (an account, an e-mail, a 求職番号, …) for one purpose."""
    return hmac_hex(env.secret, purpose, *scope)


def password_failure_digest(env: ServiceEnv, account: Account | None, email_key_: str) -> str:
    """The wrong-password counter: the account's, or the bare address's without one."""
    if account is not None:
        return failure_digest(env, "login-failure", "account", str(account.id))
    return failure_digest(env, "login-failure", "address", email_key_)


def _count_statement(insert: Any) -> Any:
    """`count_failure`'s upsert, built once per backend with its values as parameters
    (built for each count and run through the ORM it took ~1 ms of the event loop's CPU)."""
    c = _FAILURES.c
    now = bindparam("now", type_=c.updated_at.type)
    return (
        insert(_FAILURES)
        .values(
            email_digest=bindparam("digest", type_=c.email_digest.type),
            failures=1,
            updated_at=now,
            account_id=bindparam("failure_account_id", type_=c.account_id.type),
        )
        .on_conflict_do_update(
            index_elements=[c.email_digest],
            set_={"failures": c.failures + 1, "updated_at": now},
        )
        .returning(c.failures)
    )


_FAILURES = cast(Table, LoginFailure.__table__)
_COUNT = {"postgresql": _count_statement(pg_insert), "sqlite": _count_statement(sqlite_insert)}
# Login's reset of its counter. A statement on the table: no LoginFailure is loaded in the
# sessions that clear it this way (unlike `clear_failures` after `wait_seconds`).
_CLEAR = delete(_FAILURES).where(_FAILURES.c.email_digest == bindparam("digest"))


async def count_failure(
    db: AsyncSession, digest: str, now: datetime, *, account_id: int | None = None
) -> int:
    """Atomically count one more attempt under `digest` and return the new count."""
    stmt = _COUNT["postgresql" if db.get_bind().dialect.name == "postgresql" else "sqlite"]
    values = {"digest": digest, "now": now, "failure_account_id": account_id}
    return int((await db.execute(stmt, values)).scalar_one())


async def clear_failures(db: AsyncSession, digest: str) -> None:
    await db.execute(delete(LoginFailure).where(LoginFailure.email_digest == digest))


async def wait_seconds(
    db: AsyncSession, digest: str, now: datetime, *, limit: int, window: timedelta
) -> int | None:
    """Seconds to wait when `digest` has used up `limit` tries within `window`, else None
    (an older count is forgotten)."""
    row = await db.get(LoginFailure, digest)
    if row is None:
        return None
    if now - row.updated_at >= window:
        await clear_failures(db, digest)
        return None
    if row.failures >= limit:
        return max(1, math.ceil((row.updated_at + window - now).total_seconds()))
    return None


async def count_password_failure(
    db: AsyncSession, env: ServiceEnv, account: Account | None, email_key_: str, now: datetime
) -> int:
    digest = password_failure_digest(env, account, email_key_)
    return await count_failure(db, digest, now, account_id=account.id if account else None)


async def clear_password_failures(db: AsyncSession, env: ServiceEnv, account: Account) -> None:
    await db.execute(_CLEAR, {"digest": password_failure_digest(env, account, account.email_key)})


def wrong_password(field: str, remaining: int) -> DomainError:
    """A wrong password typed in a session, naming the field and the tries left."""
    return DomainError(
        ErrorCode.invalid_credentials,
        400,
        params={"remaining": remaining},
        fields=[field_error(field, Problem("password_wrong", {"remaining": remaining}))],
        message="The password is wrong.",
    )


async def check_password(
    db: AsyncSession, env: ServiceEnv, account: Account, password: str, *, field: str
) -> None:
    """The current password, for what a session alone must not do (change the password or
    the e-mail, withdraw). Counted with the login's counter: the fifth wrong one in a row
    locks the account (which ends this session too) and mails the owner. Commits."""
    now = env.clock.now()
    attempt = await count_password_failure(db, env, account, account.email_key, now)
    await db.commit()  # no transaction held during argon2
    if attempt > LOCK_THRESHOLD:
        await lock_account(db, env, account, now)
        raise DomainError(ErrorCode.account_locked, 423)
    if await verify_password(account.password_hash, password):
        await clear_password_failures(db, env, account)
        await db.commit()
        return
    if attempt >= LOCK_THRESHOLD:
        await lock_account(db, env, account, now)
        raise DomainError(ErrorCode.account_locked, 423)
    raise wrong_password(field, LOCK_THRESHOLD - attempt)


async def lock_account(db: AsyncSession, env: ServiceEnv, account: Account, now: datetime) -> None:
    """Lock the account (once) and tell its owner. Commits."""
    locked_id = await db.scalar(
        update(Account)
        .where(Account.id == account.id, Account.locked_at.is_(None))
        .values(locked_at=now)
        .returning(Account.id)
    )
    await db.commit()
    if locked_id is not None:
        log.warning("account locked account_id=%s", account.id)
        await env.notify(account.email, account_locked_mail(now), kind="account_locked")
