"""Single-use secrets: the one way OTPs, 認証キー, アカウント作成コード and rotated device
tokens are stored, guessed at and spent.

- Made from the CSPRNG (the generators in `server.security`).
- Stored only as a digest: HMAC-SHA256 with the server secret for short values (`digest`),
  so a stolen database alone cannot brute-force them offline; SHA-256 for 256-bit tokens.
- Guesses are counted before comparing (`count_attempt`), so parallel guesses get no more
  comparisons than allowed.
- Spent with one statement (`spend`):
  `UPDATE … SET used = now WHERE id = … AND used IS NULL AND expires > now RETURNING id`.
  On SQLite the write lock serialises it; on PostgreSQL the row lock makes the loser re-check
  the WHERE against the winner's row and match nothing. Either way one request wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import SQLCoreOperations

from server.security import hmac_hex, same


@dataclass(frozen=True)
class SecretTable:
    """Where one kind of single-use secret lives: its id, "spent at", "expires at" and
    (when guesses are limited) attempts columns."""

    # Typed as column expressions: a descriptor type here would read as its value type.
    id: SQLCoreOperations[int]
    used: SQLCoreOperations[datetime | None]
    expires: SQLCoreOperations[datetime]
    attempts: SQLCoreOperations[int] | None = None

    @property
    def model(self) -> Any:
        assert isinstance(self.id, QueryableAttribute)
        return self.id.class_


def digest(secret: bytes, kind: str, *context: str, value: str) -> str:
    """The stored form of a short secret, bound to its kind and context (e.g. the purpose
    and address of a 認証キー), so a value is worthless anywhere else."""
    return hmac_hex(secret, kind, *context, value)


def matches(secret: bytes, kind: str, *context: str, value: str, stored: str) -> bool:
    """Constant-time comparison of a typed value with its stored digest."""
    return same(digest(secret, kind, *context, value=value), stored)


def live(table: SecretTable, now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Not spent and not expired."""
    return (table.used.is_(None), table.expires > now)


async def count_attempt(
    db: AsyncSession, table: SecretTable, row_id: int, now: datetime
) -> int | None:
    """One more guess at a live secret: the new count, or None when it is spent or expired."""
    attempts = table.attempts
    assert attempts is not None
    count = await db.scalar(
        update(table.model)
        .where(table.id == row_id, *live(table, now))
        .values({attempts: attempts + 1})
        .returning(attempts)
    )
    return None if count is None else int(count)


async def spend(
    db: AsyncSession,
    table: SecretTable,
    row_id: int,
    now: datetime,
    *where: ColumnElement[bool],
    **also: Any,
) -> bool:
    """Spend a live secret atomically (plus `also` column values); False if it was spent
    already (a racing request won), expired meanwhile, or `where` no longer holds."""
    spent = await db.scalar(
        update(table.model)
        .where(table.id == row_id, *live(table, now), *where)
        .values({table.used: now, **also})
        .returning(table.id)
    )
    return spent is not None


async def retire(
    db: AsyncSession, table: SecretTable, now: datetime, *where: ColumnElement[bool]
) -> None:
    """Spend every unspent secret matching `where` (a newer one replaces them)."""
    await db.execute(
        update(table.model)
        .where(table.used.is_(None), *where)
        .values({table.used: now})
        .execution_options(synchronize_session=False)
    )
