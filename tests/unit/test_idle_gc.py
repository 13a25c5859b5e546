"""Full garbage collections wait for the user to pause (tui/idle_gc.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.app import App

from tui.idle_gc import DUE_AFTER, FORCE_AFTER, NEVER, IdleCollector


def _young_collections(n: int) -> None:
    """n generation-1 collections: each counts towards the next full one."""
    for _ in range(n):
        gc.collect(1)


@contextmanager
def _counted_by_hand() -> Iterator[None]:
    """Start from zero pending generation-1 collections and let only the test add any.

    The count a test process carries in is whatever its earlier tests left: CPython skips an
    automatic full collection while few objects are new (under a quarter of the long-lived
    ones), so in a big process the count can stand above FORCE_AFTER already, and automatic
    young collections during the test add more. Both made this test fail in a full run and
    pass alone."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@pytest.fixture(params=["fresh", "long-run"])
def process_history(request: pytest.FixtureRequest) -> Iterator[None]:
    """A fresh process, or one like a worker late in a full run: many long-lived objects (so
    CPython skips its automatic full collections) and a high count of young collections."""
    if request.param == "fresh":
        yield
        return
    ballast = [[] for _ in range(1_000_000)]
    gc.collect()
    _young_collections(FORCE_AFTER + 5)
    yield
    del ballast


@pytest.mark.usefixtures("process_history")
async def test_full_collection_waits_for_a_pause_but_not_forever() -> None:
    saved = gc.get_threshold()
    now = [100.0]
    async with App[None]().run_test() as pilot:
        collector = IdleCollector(pilot.app, clock=lambda: now[0])
        collector.start()
        try:
            with _counted_by_hand():
                assert gc.get_threshold() == (saved[0], saved[1], NEVER)
                _young_collections(DUE_AFTER)
                collector.saw_input()
                now[0] += 0.4  # typing: not idle yet
                collector.tick()
                assert collector.collections == 0
                now[0] += 0.8  # 1.2 s without input
                collector.tick()
                assert collector.collections == 1
                assert gc.get_count()[2] < DUE_AFTER  # the full collection reset the count

                _young_collections(FORCE_AFTER)  # a user who never pauses
                collector.saw_input()
                collector.tick()
                assert collector.collections == 2
        finally:
            collector.stop()
    assert gc.get_threshold() == saved


async def test_nothing_to_collect_means_no_collection() -> None:
    now = [0.0]
    async with App[None]().run_test() as pilot:
        collector = IdleCollector(pilot.app, clock=lambda: now[0])
        collector.start()
        try:
            with _counted_by_hand():  # count of young collections back to zero, and kept there
                now[0] += 60
                collector.tick()
                assert collector.collections == 0
        finally:
            collector.stop()


async def test_collections_held_at_start_up_resume_after_the_first_frame() -> None:
    from tui.idle_gc import hold_collections

    assert gc.isenabled()
    async with App[None]().run_test() as pilot:
        hold_collections()
        try:
            assert not gc.isenabled()
            collector = IdleCollector(pilot.app)
            collector.start()
            try:
                await pilot.pause()  # a refresh
                assert gc.isenabled()
            finally:
                collector.stop()
        finally:
            gc.enable()


async def test_a_hold_ends_when_released_or_after_its_time() -> None:
    from tui.idle_gc import HOLD_AT_MOST

    now = [0.0]
    async with App[None]().run_test() as pilot:
        collector = IdleCollector(pilot.app, clock=lambda: now[0])
        collector.start()
        try:
            collector.hold()  # signing in builds Home
            assert not gc.isenabled()
            collector.tick()
            assert not gc.isenabled()
            collector.release()
            assert gc.isenabled()

            collector.hold()  # released by nobody
            now[0] += HOLD_AT_MOST - 0.1
            collector.tick()
            assert not gc.isenabled()
            now[0] += 0.2
            collector.tick()
            assert gc.isenabled()
            collector.release()  # late: changes nothing
            assert gc.isenabled()
        finally:
            collector.stop()
            gc.enable()


async def test_no_full_collection_during_a_hold_not_even_a_forced_one() -> None:
    from tui.idle_gc import HOLD_AT_MOST

    now = [0.0]
    async with App[None]().run_test() as pilot:
        collector = IdleCollector(pilot.app, clock=lambda: now[0])
        collector.start()
        try:
            collector.hold()  # signing in builds Home
            with _counted_by_hand():
                _young_collections(FORCE_AFTER)  # a user who never paused since start-up
                collector.tick()
                assert collector.collections == 0
                now[0] += HOLD_AT_MOST  # the hold is over: the collection is done then
                collector.tick()
                assert collector.collections == 1
        finally:
            collector.stop()
