"""Per-account saved search conditions (≤3) and favorite postings (≤300).

The limits are checked in the same transaction as the insert, after locking the account row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writers), so two concurrent requests
cannot both take the last slot.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

SAVED_SEARCH_LIMIT = 3
FAVORITE_LIMIT = 300


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(50))
    conditions: Mapped[str] = mapped_column(Text)  # JobSearchRequest as JSON (no page)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Favorite(Base):
    __tablename__ = "favorites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    job_posting_id: Mapped[int] = mapped_column(
        ForeignKey("job_postings.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_favorites_account_posting", "account_id", "job_posting_id", unique=True),
    )
