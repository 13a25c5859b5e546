"""Focus visible without colour, and the high-contrast theme of kiosk mode (issue 12 item 8)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Select

from tests.tui.flows import focus, open_search
from tests.tui.helpers import settle
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from tui.themes import HIGH_CONTRAST


async def test_kiosk_mode_uses_the_high_contrast_theme(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        # Unfocused borders stand out from the background (they were black on black).
        variables = app.get_css_variables()
        assert variables["border-blurred"].upper() != variables["background"].upper()
    other = make_app()
    async with other.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert other.theme != HIGH_CONTRAST.name


async def test_a_focused_dropdown_changes_shape_not_only_colour(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_search(pilot, tui_server)
        selects = list(app.screen.query(Select))
        assert selects
        target = next(s for s in selects if not s.has_focus)  # the first one has it
        assert target.id is not None
        current = target.query_one("SelectCurrent")
        blurred = current.styles.border.top[0]
        await focus(pilot, target.id)
        await settle(pilot)
        assert current.styles.border.top[0] == "heavy" != blurred
