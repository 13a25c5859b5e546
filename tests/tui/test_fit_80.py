"""Every control is visible where focus can reach it at 80×24 (issue 12, item 5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent

from screens.open_account import OpenAccountScreen
from tests.tui.flows import focus, open_search
from tests.tui.helpers import press_times, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.date_field import DateField
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.search_form import SearchForm


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
            assert region.x >= 0 and region.right <= 80, (part.id, region)


async def test_search_form_messages_show_where_the_user_is_looking(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Saving from deep in the form: the message is on screen, not at the form's end."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f7")  # detailed conditions: the form is many screens long
        await settle(pilot)
        await focus(pilot, "weekends_off")
        await pilot.press("f2")
        await settle(pilot)
        await type_text(pilot, "土日休み")
        await pilot.press("enter")
        await settle(pilot)
        line = app.screen.query_one("#message", MessageLine)
        assert "検索条件「土日休み」を保存しました。" in str(line.render())
        screen_rows = app.screen.region
        assert line.region.height > 0 and screen_rows.contains_region(line.region), line.region
        keys = app.screen.query_one(KeyBar).region
        assert line.region.bottom <= keys.y  # above the key line, not under it


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_control_of_the_search_form_is_whole_where_focus_reaches_it(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, size: tuple[int, int]
) -> None:
    """Tab through every control of the form, detailed conditions open: each one is on
    screen and not clipped when it has the focus."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_search(pilot, tui_server)
        form = app.screen.query_one(SearchForm)
        await pilot.press("f7")
        await settle(pilot)
        await focus(pilot, "category")
        seen: list[Widget] = []
        while True:
            widget = app.focused
            assert widget is not None
            if widget not in form.walk_children() or widget in seen:
                break
            seen.append(widget)
            shown = widget.region
            assert shown.width == widget.outer_size.width, (widget.id, shown)  # not clipped
            assert shown.right <= size[0] and shown.height > 0, (widget.id, shown)
            assert shown.y >= 0 and shown.bottom <= size[1], (widget.id, shown)
            await press_times(pilot, "tab", 1)  # waits until the new focus is laid out
        ids = {w.id for w in seen}
        assert {"category", "class-2", "licence_codes-2", "feat-parenting"} <= ids


def overflowing_rows(form: SearchForm) -> list[str]:
    """Rows of the form whose controls reach past its right edge (clipped out of reach)."""
    bad = []
    for row in form.query(".row"):
        shown = [child for child in row.children if child.display and child.outer_size.width]
        if not shown:
            continue  # not laid out: the detailed conditions are collapsed
        right = max(child.region.right for child in shown)
        if right > form.content_region.right:
            bad.append(f"{[c.id for c in shown]} reach column {right}")
    return bad


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_search_form_rows_fit_on_first_paint_and_after_a_language_switch(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, lang: str
) -> None:
    """At 80×24, before any resize: a row of condition boxes too wide for the form is laid out
    one box under the other on the first frame, in either language and after Ctrl+T."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, tui_server)
        form = app.screen.query_one(SearchForm)
        assert overflowing_rows(form) == []
        if lang == "en":  # English labels are wider: this row needs stacking at 80 columns
            assert form.query_one("#emp-dispatch_open").parent.has_class("-stacked")
        await pilot.press("f7")  # the detailed conditions, laid out for the first time
        await settle(pilot)
        assert overflowing_rows(form) == []
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert overflowing_rows(form) == []
        # Each closed dropdown shows its choice in the new language too.
        stale = "指定しない" if lang == "ja" else "Any"  # the old language's word for it
        shown = [
            str(select.query_one(SelectCurrent).query_one("#label", Static).render())
            for select in form.query(Select).results(Select)
        ]
        assert shown and not any(stale in text for text in shown), shown
