"""Key-only building blocks of the flows the TUI tests share: signing in, searching."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from screens.home import HomeScreen
from screens.otp import OtpScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from server.jobs.demo.generate import load_sqlite
from tests.tui.helpers import press_times, screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, TuiServer

SIZE = (100, 40)
TODAY = date(2026, 5, 11)  # tests.conftest.START in JST
N_POSTINGS = 150


def database_with_postings(template: Path, tmp_path: Path) -> str:
    """The migrated template plus a known set of generated (架空) postings."""
    target = tmp_path / "hellowork.db"
    shutil.copyfile(template, target)
    load_sqlite(str(target), N_POSTINGS, seed=11, today=TODAY, workers=1)
    return f"sqlite+aiosqlite:///{target}"


async def sign_in(
    pilot: Pilot[object], email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD
) -> None:
    """Type e-mail and password on the login screen and press Enter."""
    await settle(pilot)
    await type_text(pilot, email)
    await pilot.press("tab")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)


async def sign_in_to_home(pilot: Pilot[object], server: TuiServer) -> None:
    await sign_in(pilot)
    assert isinstance(pilot.app.screen, OtpScreen), screen_text(pilot)
    await type_text(pilot, server.latest_otp())
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen), screen_text(pilot)


async def focus(pilot: Pilot[object], widget_id: str, limit: int = 120) -> None:
    """Press Tab until the widget with `widget_id` has the focus.

    The Tabs the focus chain says are needed go in one burst; then one at a time, in case
    moving the focus changed the chain."""
    chain = pilot.app.screen.focus_chain
    ids = [w.id for w in chain]
    focused = pilot.app.focused
    if widget_id in ids and focused in chain:
        await press_times(pilot, "tab", (ids.index(widget_id) - chain.index(focused)) % len(chain))
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"#{widget_id} never got the focus")


async def open_search(pilot: Pilot[object], server: TuiServer) -> SearchScreen:
    """Sign in and show the search pane (2 on Home's menu)."""
    # Scrolling a focused field into view is animated; Pilot would wait for every animation.
    pilot.app.animation_level = "none"
    await sign_in_to_home(pilot, server)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen), screen_text(pilot)
    return screen


async def search_all(pilot: Pilot[object], server: TuiServer) -> ResultsScreen:
    await open_search(pilot, server)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ResultsScreen), screen_text(pilot)
    return screen
