"""Plain mode (--plain) for screen readers and braille displays: the terminal's cursor is on
the focused control after every key — in a text field at the caret, in a list on the
highlighted row — and the screens lose the box and block characters read aloud as noise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Input

from tests.tui.flows import database_with_postings, search_all, sign_in_to_home
from tests.tui.helpers import settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from tui.plain import PlainModeError, resolve_plain

SMALL = (80, 24)
BORDERS = set("▔▁▊▎▕┏┓┗┛━┃─│┌┐└┘╭╮╰╯")
SCROLLBARS = set("▆▅▃▂▇")
BOX_AND_BLOCKS = BORDERS | SCROLLBARS
# Symbols a screen reader reads aloud ("black small triangle") and a braille display shows
# as unknown cells.
DECORATION = set("■▸◂▶◀▼▲●•✓✔✖✉")


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def cursor_in_focus(app: HelloWorkApp) -> tuple[Widget, Offset]:
    focused = app.focused
    assert focused is not None
    cursor = app.cursor_position
    assert focused.region.contains_point(cursor), (focused, focused.region, cursor)
    return focused, cursor


def drawn(app: HelloWorkApp) -> str:
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg)))


async def test_after_each_tab_the_cursor_is_inside_the_focused_control(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(plain=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(8):
            focused, cursor = cursor_in_focus(app)
            seen.append(focused)
            await pilot.press("tab")
            await pilot.pause()
        assert len(set(seen)) >= 4  # the fields, the button and the links were all visited
        await pilot.press("shift+tab")
        await pilot.pause()
        cursor_in_focus(app)

        # In a text field, the cursor is where the next character goes.
        while not isinstance(app.focused, Input):
            await pilot.press("tab")
            await pilot.pause()
        field = app.focused
        before = field.cursor_screen_offset
        await type_text(pilot, "abc")
        await pilot.pause()
        focused, cursor = cursor_in_focus(app)
        assert focused is field
        assert cursor == field.cursor_screen_offset
        assert cursor.x == before.x + 3 and field.value.endswith("abc")


async def test_in_a_list_the_cursor_follows_the_highlighted_row(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app(plain=True)
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        assert app.focused is results.cards
        _, first = cursor_in_focus(app)
        await pilot.press("down", "down")
        await pilot.pause()
        _, third = cursor_in_focus(app)
        assert third.y == first.y + 2  # one line per posting at 80×24

        await pilot.press("escape", "escape")  # back to the form, then its menu
        await pilot.pause()
        for _ in range(6):
            cursor_in_focus(app)
            await pilot.press("tab")
            await pilot.pause()


async def test_plain_screens_have_no_box_or_block_characters(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app(plain=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert not BOX_AND_BLOCKS & set(drawn(app))
        await sign_in_to_home(pilot, tui_server)
        await settle(pilot)
        text = drawn(app)
        assert "70000-99999999" in text
        # (The QR code stays, in half blocks: the counter scans it from the screen.)
        assert not BORDERS & set(text), sorted(BORDERS & set(text))
        await pilot.press("2", "ctrl+s")  # the results, a list that scrolls: no scrollbar
        await settle(pilot)
        assert not BOX_AND_BLOCKS & set(drawn(app)), sorted(BOX_AND_BLOCKS & set(drawn(app)))


async def test_plain_screens_write_decorative_symbols_plainly(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """■ headings, ▸ … ◂ focus marks, ▼ dropdown arrows, ● / ✓ marks: left out, or written
    in ASCII where they mean something (the current pane, a ticked box)."""
    from tests.tui.apps_flows import highlight

    def decoration() -> list[str]:
        return sorted(DECORATION & set(drawn(app)))

    app = make_app(plain=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        while "ログイン" not in str(app.focused.render() if app.focused else ""):
            await pilot.press("tab")  # the button: "▸ ログイン ◂" when focused
            await pilot.pause()
        assert decoration() == [] and "> ログイン <" in drawn(app).replace("\xa0", " ")
        await pilot.press("shift+tab", "shift+tab")
        await sign_in_to_home(pilot, tui_server)
        await settle(pilot)
        text = drawn(app)
        assert decoration() == [], text  # ■ headings, ▸ current pane, ● unread
        assert ">1ホーム" in text, text  # the current pane is still marked
        await pilot.press("2")  # the search form: ▼ dropdowns
        await settle(pilot)
        assert decoration() == []
        await pilot.press("alt+4")  # メッセージ, then a thread: ■ before each message
        await settle(pilot)
        await highlight(pilot, "messages", "")
        await pilot.press("enter")
        await settle(pilot)
        assert "面接日程の候補" in drawn(app)
        assert decoration() == []


def test_plain_mode_from_the_option_or_the_environment() -> None:
    assert resolve_plain(True, {}) is True
    assert resolve_plain(False, {}) is False
    assert resolve_plain(False, {"HELLOWORK_PLAIN": "1"}) is True
    assert resolve_plain(False, {"HELLOWORK_PLAIN": "off"}) is False
    with pytest.raises(PlainModeError, match="HELLOWORK_PLAIN='maybe': use 1"):
        resolve_plain(False, {"HELLOWORK_PLAIN": "maybe"})
