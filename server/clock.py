"""Time source of the server. Everything that compares times asks an injected `Clock`,
so tests can move time (OTP expiry, 90-day device tokens) without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time as an aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)
