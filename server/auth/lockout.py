"""Failure counters and the account lock.

A counter row is keyed by an HMAC of its scope (e.g. the login e-mail), so the table holds
no addresses. Counters are bumped atomically (an upsert returning the new count) *before*
the secret is compared, so parallel guesses cannot slip past a limit.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts.models import Account
from server.auth.models import LoginFailure
from server.context import ServiceEnv
from server.mail.templates import account_locked_mail
from server.security import hmac_hex

log = logging.getLogger("hellowork.auth")

LOCK_THRESHOLD = 5


def failure_digest(env: ServiceEnv, purpose: str, key: str) -> str:
    """The counter key of `key` (an e-mail, a 求職番号, …) for one purpose."""
    return hmac_hex(env.secret, purpose, key)


def login_failure_digest(env: ServiceEnv, email_key_: str) -> str:
    return failure_digest(env, "login-failure", email_key_)


async def count_failure(db: AsyncSession, digest: str, now: datetime) -> int:
    """Atomically count one more attempt under `digest` and return the new count."""
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
