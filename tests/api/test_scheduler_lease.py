"""The scheduled jobs run once per interval however many processes tick: each worker claims
the run in the database (server/scheduler/lease.py). Concurrent claims on SQLite and on
PostgreSQL — each from its own engine, as separate processes would — have one winner."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from server.db.engine import create_engine, create_sessionmaker
from server.db.migrate import upgrade_to_head
from server.scheduler.lease import claim, next_due, release
from server.scheduler.models import SCHEDULED_JOBS
from tests.conftest import START

HOUR = timedelta(hours=1)
CLAIMANTS = 8


async def _claims_at(url: str, now_offsets: list[timedelta]) -> list[list[bool]]:
    """Rounds of CLAIMANTS concurrent claims; round i at START + now_offsets[i]."""
    engines = [create_engine(url) for _ in range(CLAIMANTS)]
    try:
        await upgrade_to_head(engines[0])
        makers = [create_sessionmaker(e, write=True) for e in engines]

        async def one(i: int, now_offset: timedelta) -> bool:
            async with makers[i]() as db:
                return await claim(db, SCHEDULED_JOBS, START + now_offset, HOUR, f"host:{i}")

        rounds = []
        for offset in now_offsets:
            rounds.append(list(await asyncio.gather(*(one(i, offset) for i in range(CLAIMANTS)))))
        return rounds
    finally:
        for e in engines:
            await e.dispose()


ROUNDS = [
    timedelta(0),  # due since the migration: one process runs it
    timedelta(minutes=30),  # within the hour: nobody
    timedelta(minutes=61),  # the next interval: one again
]


async def test_one_claim_per_interval_on_sqlite(database_url: str) -> None:
    rounds = await _claims_at(database_url, ROUNDS)
    assert [r.count(True) for r in rounds] == [1, 0, 1]


@pytest.mark.postgres
async def test_one_claim_per_interval_on_postgres(pg_database_url: str) -> None:
    rounds = await _claims_at(pg_database_url, ROUNDS)
    assert [r.count(True) for r in rounds] == [1, 0, 1]


async def test_a_failed_run_is_due_again(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        write = create_sessionmaker(engine, write=True)
        async with write() as db:
            assert await claim(db, SCHEDULED_JOBS, START, HOUR, "a:1")
        async with write() as db:
            assert not await claim(db, SCHEDULED_JOBS, START, HOUR, "b:2")
            assert await next_due(db, SCHEDULED_JOBS) == START + HOUR
        async with write() as db:  # a:1's run failed: it hands the interval back
            await release(db, SCHEDULED_JOBS, "a:1", START)
        async with write() as db:
            assert await claim(db, SCHEDULED_JOBS, START + timedelta(seconds=1), HOUR, "b:2")
    finally:
        await engine.dispose()
