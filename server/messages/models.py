"""Messages between a seeker and the employer of one application (the thread is the
application). Hello Work's own notices live in server/notices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base

SENDER_EMPLOYER = "employer"
SENDER_SEEKER = "seeker"


class ThreadMessage(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_application_created", "application_id", "created_at"),
        # Unread counts: the seeker's employer messages not read yet.
        Index("ix_messages_seeker_read", "seeker_id", "read_at"),
        # A reply sent twice with the same key is stored once (NULL for employer messages).
        Index("ix_messages_seeker_key", "seeker_id", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    # The owner, copied from the application: every query filters by it directly.
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(index=True)  # the 1-year purge
    read_at: Mapped[datetime | None]
