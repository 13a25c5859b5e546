"""`INSERT … ON CONFLICT DO NOTHING` on SQLite and PostgreSQL alike.

A get-or-create written as "select, insert if missing" lets two concurrent requests both
insert on PostgreSQL, and the second fails on the unique constraint. Inserting with ON
CONFLICT DO NOTHING and then selecting is atomic on both backends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def dialect_insert(db: AsyncSession, model: type[DeclarativeBase]) -> Any:
    """The backend's own `insert()` (with `on_conflict_*`) for `model`'s table."""
    name = db.get_bind().dialect.name
    module = postgresql if name == "postgresql" else sqlite
    return module.insert(model)


async def insert_or_ignore(
    db: AsyncSession,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    conflict: Sequence[str],
) -> None:
    """Insert a row unless one with the same `conflict` columns exists (then do nothing)."""
    stmt = (
        dialect_insert(db, model).values(**values).on_conflict_do_nothing(index_elements=conflict)
    )
    await db.execute(stmt)
