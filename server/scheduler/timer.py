"""The timer inside `hellowork serve`: every interval each worker asks the database whether
the scheduled jobs are due and claims them (scheduler/lease.py), so N workers — or several
servers on one database — run them once per interval, not N times. Each job is idempotent
too, so an hourly run delivers once per Saturday whoever runs it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from server.db.problems import is_database_unavailable
from server.scheduler.jobs import ScheduledReport, run_scheduled
from server.scheduler.lease import claim, release, this_process
from server.scheduler.models import SCHEDULED_JOBS
from server.state import AppState

log = logging.getLogger("hellowork.scheduler")


async def run_once(state: AppState) -> ScheduledReport:
    async with state.write_sessionmaker() as db:
        report = await run_scheduled(db, state.env, state.env.clock.now())
    log.info("scheduled jobs done %s", report.line())
    return report


async def run_if_due(state: AppState, holder: str) -> ScheduledReport | None:
    """Run the jobs if this process wins the claim for the current interval, else None."""
    interval = timedelta(seconds=state.env.settings.scheduler_interval_seconds)
    now = state.env.clock.now()
    async with state.write_sessionmaker() as db:
        won = await claim(db, SCHEDULED_JOBS, now, interval, holder)
    if not won:
        log.info("scheduled jobs not due here (another process ran them this interval)")
        return None
    try:
        return await run_once(state)
    except Exception:
        with contextlib.suppress(Exception):  # the database may be what failed
            async with state.write_sessionmaker() as db:
                await release(db, SCHEDULED_JOBS, holder, now)
        raise


class SchedulerTimer:
    """The background task. `ticked` is set after every attempt and `ran` after every run
    of this process (tests wait on them, not on time); `last` is the last report."""

    def __init__(self, state: AppState) -> None:
        self._state = state
        self.holder = this_process()
        self.ran = asyncio.Event()
        self.ticked = asyncio.Event()
        self.last: ScheduledReport | None = None
        self._task = asyncio.create_task(self._loop(), name="hellowork-scheduler")

    async def _loop(self) -> None:
        interval = self._state.env.settings.scheduler_interval_seconds
        while True:
            try:
                report = await run_if_due(self._state, self.holder)
                if report is not None:
                    self.last = report
                    self.ran.set()
            except Exception as exc:  # a failed run must not stop the timer; the next retries
                if is_database_unavailable(exc):
                    log.warning("scheduled jobs skipped: the database cannot be reached")
                else:
                    log.exception("scheduled jobs failed")
            self.ticked.set()
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
