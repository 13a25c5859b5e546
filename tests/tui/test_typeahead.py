"""Keys typed faster than the app handles them still land where the user meant.

A terminal delivers a fast typist's (or a kiosk scanner's) keys in one burst. All of them are
queued before the first is handled, so Tab must move focus before the next key is routed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from screens.login import LoginScreen
from tests.tui.flows import SIZE
from tests.tui.helpers import settle
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp


def burst(app: HelloWorkApp, text: str) -> None:
    """Queue every key at once, as one read from the terminal would."""
    for ch in text:
        if ch == "\t":
            app.post_message(events.Key("tab", None))
        else:
            app.post_message(events.Key(ch, ch))


async def test_tab_in_a_burst_moves_focus_before_the_next_keys(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await settle(pilot)
        burst(app, "demo@example.jp\tDemo#2026pass")
        await settle(pilot)
        inputs = list(app.screen.query(Input))
        assert inputs[0].value == "demo@example.jp"
        assert inputs[1].value == "Demo#2026pass"
