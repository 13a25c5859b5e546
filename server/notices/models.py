"""Notices from Hello Work to a seeker's MyPage (e.g. the weekly 特集求人 delivery)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

SENDER_HELLOWORK = "hellowork"
KIND_FEATURE_DELIVERY = "feature_delivery"


class Notice(Base):
    __tablename__ = "notices"
    # One delivery per seeker and week: running the job twice cannot duplicate it.
    __table_args__ = (
        Index("ix_notices_account_kind_period", "account_id", "kind", "period", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    sender: Mapped[str] = mapped_column(String(32), default=SENDER_HELLOWORK)
    kind: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(32))  # idempotency key within kind
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    posting_numbers: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    created_at: Mapped[datetime] = mapped_column(index=True)
    read_at: Mapped[datetime | None]
