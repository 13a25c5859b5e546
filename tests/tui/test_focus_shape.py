"""Focus is visible without colour (issue 12 item 8): every control that takes the focus on the
main screens at 80×24 looks different focused and unfocused even with every colour removed —
by its border's shape, reverse video, bold or a mark — and 16-colour terminals (TERM=linux)
get the high-contrast theme, where no bar is black on black."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from tests.tui.flows import database_with_postings, open_search, search_all, sign_in_to_home
from tests.tui.helpers import settle
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from tui.themes import HIGH_CONTRAST, wants_high_contrast

SMALL = (80, 24)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def colourless(widget: Widget) -> list[tuple[tuple[str, bool, bool, bool], ...]]:
    """What the screen shows where `widget` is (its children included), every colour
    removed: characters, bold, reverse, underline."""
    geometry = widget.screen.find_widget(widget)
    region = geometry.region.intersection(geometry.clip)  # the part on screen
    strips = widget.screen._compositor.render_strips()
    lines = [strips[y].crop(region.x, region.right) for y in range(region.y, region.bottom)]
    return [
        tuple(
            (
                seg.text,
                bool(seg.style and seg.style.bold),
                bool(seg.style and seg.style.reverse),
                bool(seg.style and seg.style.underline),
            )
            for seg in strip
            if seg.text
        )
        for strip in lines
    ]


async def check_every_control(pilot: Pilot[Any], limit: int = 40) -> int:
    """Tab through the screen; each control must look different, colours removed, when it
    has the focus and when the next one has it. Returns how many were checked."""
    app = pilot.app
    checked = 0
    seen: set[int] = set()
    for _ in range(limit):
        widget = app.focused
        assert widget is not None
        if id(widget) in seen:
            break
        seen.add(id(widget))
        focused = colourless(widget)
        await pilot.press("tab")
        await pilot.pause()
        if app.focused is widget:
            break
        blurred = colourless(widget)
        assert focused != blurred, f"{widget!r}: focus shown by colour alone"
        checked += 1
    return checked


async def test_login_controls_show_focus_without_colour(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert await check_every_control(pilot) >= 4


async def test_search_form_controls_show_focus_without_colour(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("tab")
        await settle(pilot)
        assert await check_every_control(pilot) >= 10


async def test_home_and_results_show_focus_without_colour(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await sign_in_to_home(pilot, tui_server)
        assert await check_every_control(pilot) >= 2
        await pilot.press("alt+2", "ctrl+s")
        await settle(pilot)
        assert await check_every_control(pilot) >= 1


async def test_the_highlighted_row_of_a_focused_list_is_underlined(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        lines = colourless(results.cards)
        # The first row (under the top border) is highlighted: underlined, not only coloured.
        assert any(under for (text, _b, _r, under) in lines[1] if text.strip("┃ "))
        assert not any(under for (text, _b, _r, under) in lines[2] if text.strip("┃ "))
        await pilot.press("down")
        await pilot.pause()
        lines = colourless(results.cards)
        assert not any(under for (text, _b, _r, under) in lines[1] if text.strip("┃ "))
        assert any(under for (text, _b, _r, under) in lines[2] if text.strip("┃ "))


def test_sixteen_colour_terminals_get_the_high_contrast_theme() -> None:
    assert wants_high_contrast("standard") and wants_high_contrast("windows")
    assert not wants_high_contrast("256") and not wants_high_contrast("truecolor")
    # In that theme no border or bar is the background's colour.
    variables = HIGH_CONTRAST.variables
    for name in ("border", "border-blurred", "footer-background", "scrollbar"):
        assert variables[name].upper() != HIGH_CONTRAST.background


async def test_the_app_takes_the_high_contrast_theme_on_a_16_colour_terminal(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(colours="standard")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
    app = make_app(colours="truecolor")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.theme != HIGH_CONTRAST.name
