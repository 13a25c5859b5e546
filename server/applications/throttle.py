"""Per-account throttles of what reaches an employer (applications, messages), on the
database throttles of server/ratelimit.py: a script or a stuck key cannot flood employers.
A replay of an Idempotency-Key counts too, which the limits leave room for."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from server.accounts.models import Account
from server.errors import DomainError
from server.ratelimit import Limit, hit
from server.state import state_of

APPLY_LIMIT = Limit("apply:account", 30, timedelta(hours=1))
MESSAGE_LIMIT = Limit("message:account", 60, timedelta(hours=1))


async def throttle_account(
    request: Request, db: AsyncSession, limit: Limit, account: Account
) -> None:
    """Count one request of `account`; 429 with Retry-After once its budget is spent.
    Commits `db` (the count is its own transaction): call it before the work."""
    state = state_of(request)
    retry_after = await hit(db, state.env.secret, limit, str(account.id), state.env.clock.now())
    if retry_after is not None:
        raise DomainError(
            ErrorCode.rate_limited,
            429,
            params={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )
