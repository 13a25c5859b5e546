"""In-memory sliding-window throttle (per process; per client IP for login)."""

from __future__ import annotations

import math
from collections import deque
from datetime import timedelta

from server.clock import Clock

_PRUNE_EVERY = 1000


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: timedelta, clock: Clock) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._calls = 0

    def hit(self, key: str) -> int | None:
        """Count one attempt for `key`. None if allowed, else seconds until it would be."""
        now = self._clock.now().timestamp()
        horizon = now - self.window.total_seconds()
        self._calls += 1
        if self._calls % _PRUNE_EVERY == 0:
            self._prune(horizon)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= horizon:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[0] - horizon))
        hits.append(now)
        return None

    def _prune(self, horizon: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= horizon]:
            del self._hits[key]
