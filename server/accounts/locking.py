"""Serialising one account's read-check-write work.

What SQLite serialises (one writer, `BEGIN IMMEDIATE` for writing requests), PostgreSQL runs
side by side: two requests that read a JSON document, change one part and write it back, or
that check "not registered yet" and then register, would both pass their check. Locking the
account row (`SELECT … FOR UPDATE`) first makes such requests of one account take turns;
other accounts are not held up. SQLAlchemy leaves FOR UPDATE out on SQLite, where the write
transaction already excludes every other writer.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts.models import Account


async def lock_account(db: AsyncSession, account_id: int) -> Account | None:
    """Lock the account row for the rest of the transaction and return it as committed now
    (the session's copy, loaded before the lock was granted, is refreshed)."""
    found: Account | None = await db.scalar(
        select(Account)
        .where(Account.id == account_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return found
