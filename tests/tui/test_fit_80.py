"""Every control is visible where focus can reach it at 80×24 (issue 12, item 5)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from screens.open_account import OpenAccountScreen
from tests.tui.helpers import settle
from tui.app import HelloWorkApp
from widgets.date_field import DateField


async def test_all_three_parts_of_a_date_fit_at_80_columns(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")  # open MyPage with an account creation code
        await settle(pilot)
        assert isinstance(app.screen, OpenAccountScreen)
        date = app.screen.query_one(DateField)
        parts = list(date.query(Input))
        assert len(parts) == 3
        for part in parts:
            region = part.region
            assert region.width <= 14, (part.id, region)
            assert 0 <= region.x and region.right <= 80, (part.id, region)
