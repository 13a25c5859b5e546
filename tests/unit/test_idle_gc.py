"""Full garbage collections wait for the user to pause (tui/idle_gc.py)."""

from __future__ import annotations

import gc

from textual.app import App

from tui.idle_gc import DUE_AFTER, FORCE_AFTER, NEVER, IdleCollector


def _young_collections(n: int) -> None:
    """n generation-1 collections: each counts towards the next full one."""
    for _ in range(n):
        gc.collect(1)


async def test_full_collection_waits_for_a_pause_but_not_forever() -> None:
    saved = gc.get_threshold()
    now = [100.0]
    async with App[None]().run_test() as pilot:
        collector = IdleCollector(pilot.app, clock=lambda: now[0])
        collector.start()
        try:
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
            gc.collect()  # count of young collections back to zero
            now[0] += 60
            collector.tick()
            assert collector.collections == 0
        finally:
            collector.stop()
