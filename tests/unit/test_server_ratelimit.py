from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.ratelimit import SlidingWindowLimiter


class _Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        return self.t


def test_sliding_window() -> None:
    clock = _Clock()
    limiter = SlidingWindowLimiter(3, timedelta(seconds=60), clock)
    assert [limiter.hit("a") for _ in range(3)] == [None, None, None]
    assert limiter.hit("a") == 60
    assert limiter.hit("b") is None  # other keys are independent
    clock.t += timedelta(seconds=45)
    assert limiter.hit("a") == 15
    clock.t += timedelta(seconds=15)
    assert limiter.hit("a") is None
