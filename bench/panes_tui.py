"""Time pane switching inside the app: from the Alt+digit key event to the first whole frame of
the pane it shows handed to the driver (the app's side of "key → new pane painted";
bench/startup.py measures the same through a real terminal).

Starts the real server on a generated database (bench/.data, as bench/search_tui.py does),
runs the real HelloWorkApp headless with Textual's Pilot, signs in with keys, opens the
search results in the search pane, then switches Home ⇄ 求人検索 (results) ⇄ お気に入り.

    .venv/bin/python -m bench.panes_tui --jobs 10000 --rounds 30 [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from textual import events
from textual._compositor import LayoutUpdate

from bench._proc import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    jobs_database,
    percentiles,
    read_otp,
    start_server,
)
from screens.favorites import FavoritesScreen
from screens.home import HomeScreen
from screens.results import ResultsScreen
from tui.app import HelloWorkApp
from tui.paths import Paths

# Pane key → the screen it shows once the search pane holds results.
ROUND = (("alt+2", ResultsScreen), ("alt+5", FavoritesScreen), ("alt+1", HomeScreen))


async def _until(pilot: object, ready: object, limit: float = 60.0) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    deadline = time.perf_counter() + limit
    while not ready():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the TUI did not get there in time")
        await pilot.pause(0.001)


async def run(args: argparse.Namespace, db: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url, maildir = start_server(db, Path(tmp))
        try:
            home = Path(tmp) / "home"
            app = HelloWorkApp(
                server_url=url,
                mailbox_dir=maildir,
                paths=Paths(data_dir=home, config_dir=home / "config"),
            )
            async with app.run_test(size=(120, 40)) as pilot:
                app.animation_level = "none"
                await app.get_client()
                await pilot.pause()
                for ch in DEMO_EMAIL:
                    await pilot.press(ch if ch.isalnum() else {"@": "at", ".": "full_stop"}[ch])
                await pilot.press("tab")
                for ch in DEMO_PASSWORD:
                    await pilot.press(ch if ch.isalnum() else {"#": "number_sign"}[ch])
                await pilot.press("enter")
                await _until(pilot, lambda: (maildir / "new").exists())
                await pilot.pause(0.5)
                await pilot.press(*read_otp(maildir))
                await pilot.press("enter")
                await _until(pilot, lambda: isinstance(app.screen, HomeScreen))
                await pilot.press("alt+2")
                await pilot.pause(0.5)
                await pilot.press("ctrl+s")
                await _until(pilot, lambda: isinstance(app.screen, ResultsScreen))
                await pilot.press("alt+5")
                await _until(pilot, lambda: isinstance(app.screen, FavoritesScreen))
                await pilot.press("alt+1")
                await _until(pilot, lambda: isinstance(app.screen, HomeScreen))
                await pilot.pause(0.5)
                driver = app._driver
                assert driver is not None
                # "Painted" is the first whole frame of the new pane handed to the driver
                # (headless, the driver drops it; in a terminal it is written then). Not the
                # screen's next refresh: that comes while Textual still holds updates after a
                # mode switch, and before any frame of the pane is written.
                whole_frames: dict[type, asyncio.Event] = {}
                painted_at = [0.0]
                display = app._display

                def timed_display(screen: object, renderable: object) -> None:
                    display(screen, renderable)  # type: ignore[arg-type]
                    waiting = whole_frames.get(type(screen))
                    if (
                        waiting is not None
                        and isinstance(renderable, LayoutUpdate)
                        and not app._batch_count
                    ):
                        painted_at[0] = time.perf_counter()
                        del whole_frames[type(screen)]
                        waiting.set()

                app._display = timed_display  # type: ignore[method-assign]
                samples: dict[str, list[float]] = {key: [] for key, _ in ROUND}
                profile = cProfile.Profile() if args.profile else None
                for _ in range(args.rounds):
                    for key, screen_type in ROUND:
                        event = events.Key(key, None)
                        event.set_sender(app)
                        if profile is not None:
                            profile.enable()
                        painted = asyncio.Event()
                        whole_frames[screen_type] = painted
                        t0 = time.perf_counter()
                        driver.send_message(event)
                        await painted.wait()
                        samples[key].append(painted_at[0] - t0)
                        if profile is not None:
                            profile.disable()
                        await pilot.pause()  # the pane's own reloads settle between samples
                print(f"\nAlt+digit → pane painted, {args.rounds} rounds (in the app, headless)")
                print(f"{'key':<8}{'to':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
                every: list[float] = []
                for key, screen_type in ROUND:
                    p50, p95 = percentiles(samples[key])
                    every += samples[key]
                    top = max(samples[key]) * 1000
                    print(f"{key:<8}{screen_type.__name__:<18}{p50:9.1f}{p95:9.1f}{top:9.1f}")
                p50, p95 = percentiles(every)
                print(f"{'all':<26}{p50:9.1f}{p95:9.1f}   (goal: p95 <= 50 ms)")
                if profile is not None:
                    pstats.Stats(profile).sort_stats(args.sort).print_stats(30)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jobs", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--profile", action="store_true", help="cProfile the switches")
    p.add_argument("--sort", default="cumulative", help="pstats sort key with --profile")
    args = p.parse_args(argv)
    db, meta = jobs_database(args.jobs)  # in a child process: this one stays a TUI's
    print(f"database {db.name}: {meta}")
    asyncio.run(run(args, db))


if __name__ == "__main__":
    main()
