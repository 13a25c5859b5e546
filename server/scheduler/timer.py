"""The timer inside `hellowork serve`: runs the scheduled jobs at start and then every
interval (each job is idempotent, so an hourly timer delivers once per Saturday)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from server.scheduler.jobs import ScheduledReport, run_scheduled
from server.state import AppState

log = logging.getLogger("hellowork.scheduler")


async def run_once(state: AppState) -> ScheduledReport:
    async with state.write_sessionmaker() as db:
        report = await run_scheduled(db, state.env, state.env.clock.now())
    log.info("scheduled jobs done %s", report.line())
    return report


class SchedulerTimer:
    """The background task; `ran` is set after each run (tests wait on it, not on time)."""

    def __init__(self, state: AppState) -> None:
        self._state = state
        self.ran = asyncio.Event()
        self.last: ScheduledReport | None = None
        self._task = asyncio.create_task(self._loop(), name="hellowork-scheduler")

    async def _loop(self) -> None:
        interval = self._state.env.settings.scheduler_interval_seconds
        while True:
            try:
                self.last = await run_once(self._state)
            except Exception:  # a failed run must not stop the timer; the next one retries
                log.exception("scheduled jobs failed")
            self.ran.set()
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
