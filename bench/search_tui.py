"""Time a search in the TUI: from Enter in the free-word field to the result list painted.

Builds (or reuses) bench/.data/jobs-N.db, starts the real server on it (uvicorn, as
bench/search.py does), runs the real HelloWorkApp headless with Textual's Pilot, signs in with
keys, and for each query types the words, sends Enter and waits until the results screen
holds the cards and the next screen refresh (the paint) has run. "API p50" is the client's
search call alone (the rest is the TUI: worker, screen push, cards, paint).

    .venv/bin/python -m bench.search_tui --jobs 1000000 --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from textual import events
from textual.widgets import OptionList

from api_client.job_models import JobSearchRequest, JobSearchResult
from bench._proc import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    jobs_database,
    percentiles,
    read_otp,
    start_server,
)
from screens.home import HomeScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from tui.app import HelloWorkApp
from tui.paths import Paths

QUERIES = ("", "介護", "事務", "車", "看護 訪問", "未経験者歓迎", "営業 東京")


async def _wait(pilot: object, ready: object, limit: float = 60.0) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    deadline = time.perf_counter() + limit
    while not ready():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            from textual.widgets import Static

            shown = "\n".join(str(w.render()) for w in pilot.app.screen.query(Static))
            raise TimeoutError(f"the TUI did not get there in time; on screen:\n{shown}")
        await pilot.pause(0.001)


def _shown(app: HelloWorkApp) -> bool:
    """The results screen is up, composed, and its list holds every card of the page."""
    screen = app.screen
    if not isinstance(screen, ResultsScreen) or screen.result is None:
        return False
    lists = screen.query("#cards").results(OptionList)
    return any(cards.option_count == len(screen.result.items) for cards in lists)


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
                await pilot.pause()
                for ch in DEMO_EMAIL:
                    await pilot.press(ch if ch.isalnum() else {"@": "at", ".": "full_stop"}[ch])
                await pilot.press("tab")
                for ch in DEMO_PASSWORD:
                    await pilot.press(ch if ch.isalnum() else {"#": "number_sign"}[ch])
                await pilot.press("enter")
                await _wait(pilot, lambda: (maildir / "new").exists())
                await pilot.pause(0.5)
                await pilot.press(*read_otp(maildir))
                await pilot.press("enter")
                await _wait(pilot, lambda: isinstance(app.screen, HomeScreen))
                driver = app._driver
                assert driver is not None
                api_times: list[float] = []
                client = await app.get_client()
                search_jobs = client.search_jobs

                async def timed(request: JobSearchRequest) -> JobSearchResult:
                    t0 = time.perf_counter()
                    try:
                        return await search_jobs(request)
                    finally:
                        api_times.append(time.perf_counter() - t0)

                client.search_jobs = timed  # type: ignore[method-assign]
                await pilot.press("1")
                await _wait(pilot, lambda: isinstance(app.screen, SearchScreen))
                for _ in range(200):
                    if app.focused is not None and app.focused.id == "words":
                        break
                    await pilot.press("tab")
                print(f"\nEnter → result list painted, {args.rounds} rounds per query")
                print(
                    f"{'free words':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
                    f"{'API p50':>9}{'total':>11}"
                )
                for words in QUERIES:
                    samples: list[float] = []
                    api_times.clear()
                    total = 0
                    for _ in range(args.rounds + 1):  # the first round warms caches
                        await _wait(pilot, lambda: isinstance(app.screen, SearchScreen))
                        await pilot.press("end", *["backspace"] * 20)
                        for ch in words:
                            await pilot.press(ch if ch != " " else "space")
                        # Enter goes in as the terminal driver delivers it (not Pilot.press,
                        # which also waits for the app to go idle: footers, timers…).
                        enter = events.Key("enter", "\r")
                        enter.set_sender(app)
                        t0 = time.perf_counter()
                        driver.send_message(enter)
                        # Polled from outside: the app exposes no event for "results shown".
                        while not _shown(app):  # noqa: ASYNC110
                            await asyncio.sleep(0.001)
                        painted = asyncio.Event()
                        app.screen.call_after_refresh(painted.set)  # runs after the next paint
                        await painted.wait()
                        samples.append(time.perf_counter() - t0)
                        screen = app.screen
                        assert isinstance(screen, ResultsScreen) and screen.result is not None
                        total = screen.result.total
                        await pilot.press("escape")
                        await pilot.pause()
                    p50, p95 = percentiles(samples[1:])
                    api_p50, _ = percentiles(api_times[1:])
                    label = words or "(none)"
                    print(
                        f"{label:<16}{p50:9.1f}{p95:9.1f}{max(samples[1:]) * 1000:9.1f}"
                        f"{api_p50:9.1f}{total:11,}"
                    )
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jobs", type=int, default=1_000_000)
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args(argv)
    db, meta = jobs_database(args.jobs)  # in a child process: this one stays a TUI's
    print(f"database {db.name}: {meta}")
    asyncio.run(run(args, db))


if __name__ == "__main__":
    main()
