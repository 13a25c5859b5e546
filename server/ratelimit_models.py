"""The rate-limit counters (server.ratelimit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base


class RateLimitRow(Base):
    """Hits of one throttle subject in the current fixed window, and in the window before."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # HMAC(name, subject)
    window_index: Mapped[int] = mapped_column(BigInteger)  # epoch seconds // window
    hits: Mapped[int] = mapped_column(Integer)
    previous: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(index=True)
