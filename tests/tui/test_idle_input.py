"""Key presses reach the idle collector (tui/idle_gc.py): a full collection never starts
while the user is typing."""

from __future__ import annotations

from collections.abc import Callable

from tests.tui.helpers import settle
from tui.app import HelloWorkApp


async def test_keys_count_as_input_for_the_idle_collector(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = app.idle_gc.last_input
        await pilot.press("a")
        assert app.idle_gc.last_input > before
