"""Short paths at 80×24, by keys: the jump overlay (Ctrl+G) labels every control on screen,
lists the ones scrolled out of view by name, and moves the focus to the one whose key is
pressed (scrolled into view); G on the results goes to a typed page; F1
says what the focused control is and how it is used; a key line too long for three lines
ends with F1 instead of hiding that there is more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input, Static

from screens.help import HelpScreen
from screens.jump import KEYS, JumpLabel, JumpOverlay, labels
from screens.page_prompt import PageModal, parse_page
from screens.results import ResultsScreen
from tests.tui.flows import database_with_postings, open_search, search_all
from tests.tui.helpers import settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar
from widgets.menu_pane import MenuPane

SMALL = (80, 24)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def test_labels_are_one_key_while_enough_and_never_the_start_of_another() -> None:
    assert labels(3) == ["1", "2", "3"]
    assert len(set(labels(35))) == 35 and all(len(x) == 1 for x in labels(35))
    many = labels(60)
    assert len(set(many)) == 60 and all(len(x) == 2 for x in many)
    # On screen one key, off screen two — still none the start of another.
    mixed = labels(8, 90)
    assert len(set(mixed)) == 98
    assert all(len(x) == 1 for x in mixed[:8]) and all(len(x) == 2 for x in mixed[8:])
    assert not any(b.startswith(a) for a in mixed[:8] for b in mixed[8:])


async def test_every_control_on_screen_is_one_key_away(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        search = await open_search(pilot, tui_server)
        chain = search.focus_chain
        for index in (2, -1, 0):
            await pilot.press("ctrl+g")
            await settle(pilot)
            overlay = app.screen
            assert isinstance(overlay, JumpOverlay)
            # The controls on screen, in focus order, each labelled where it is drawn; the
            # form's lower controls are scrolled out of a 24-line screen (Tab reaches them).
            found = [t.widget for t in overlay.shown_targets]
            assert 3 <= len(found) < len(chain)
            assert found == [w for w in chain if w in found]
            for t in overlay.shown_targets:
                assert t.widget.region.contains(t.x, t.y)
                assert 0 <= t.y < SMALL[1]
                assert len(t.key) == 1  # on screen: one key, however long the form
            shown = [str(label.render()) for label in overlay.query(JumpLabel)]
            assert shown == [t.key for t in overlay.shown_targets]
            assert [t.widget for t in overlay.targets] == list(chain)  # and every other one
            target = overlay.targets[index]
            await pilot.press(target.key)
            await settle(pilot)
            assert app.screen is search
            assert app.focused is target.widget

        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("escape")  # Esc: nothing moves
        await settle(pilot)
        assert app.screen is search and app.focused is chain[0]


async def test_controls_off_the_screen_are_listed_and_reached_by_jump(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """The whole search form, detailed conditions open: a control far below the screen is
    found in the overlay's list by name and its key takes the focus there, on screen."""
    from widgets.checkbox import TickBox

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        search = await open_search(pilot, tui_server)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("f6", "1")  # back to the top of the form
        await settle(pilot)
        last = search.query_one("#feat-parenting", TickBox)
        assert last in search.focus_chain and last.region.y > SMALL[1]  # far below the screen
        await pilot.press("ctrl+g")
        await settle(pilot)
        overlay = app.screen
        assert isinstance(overlay, JumpOverlay)
        assert [t.widget for t in overlay.targets] == list(search.focus_chain)
        target = next(t for t in overlay.targets if t.widget is last)
        assert not target.shown and len(target.key) == 2
        names = {t.widget.id: t.name for t in overlay.targets}
        assert names["words"] == "フリーワード" and names["category"] == "求人区分", names
        hint = str(overlay.query_one("#jump-hint", Static).render())
        assert f"（{overlay.hidden}件）" in hint and "Space" in hint, hint
        await pilot.press("space")  # the list of every control, by name
        await settle(pilot)
        listing = str(overlay.query_one("#jump-listing", Static).render())
        name = str(last.label)
        assert f"{target.key}  {name}（画面外）" in listing, listing
        await pilot.press(target.key[0])  # the first key narrows the list …
        await settle(pilot)
        narrowed = str(overlay.query_one("#jump-listing", Static).render())
        assert name in narrowed and len(narrowed.splitlines()) <= len(KEYS)
        await pilot.press(target.key[1])  # … the second jumps
        await settle(pilot)
        assert app.screen is search and app.focused is last
        region = last.region
        assert region.area and region.y >= 0 and region.bottom <= SMALL[1]  # scrolled to


async def test_the_menu_and_the_results_are_reached_by_jump(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        await pilot.press("ctrl+g")
        await settle(pilot)
        overlay = app.screen
        assert isinstance(overlay, JumpOverlay)
        menu = next(t for t in overlay.targets if isinstance(t.widget, MenuPane))
        await pilot.press(menu.key)
        await settle(pilot)
        assert isinstance(app.focused, MenuPane)
        await pilot.press("ctrl+g")
        await settle(pilot)
        overlay = app.screen
        assert isinstance(overlay, JumpOverlay)
        cards = next(t for t in overlay.targets if t.widget is results.cards)
        await pilot.press(cards.key)
        await settle(pilot)
        assert app.focused is results.cards


async def test_a_typed_page_number_goes_to_that_page(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.result is not None
        pages = -(-results.result.total // results.result.per_page)
        assert pages >= 3
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PageModal)
        await type_text(pilot, "99")
        await pilot.press("enter")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PageModal)  # refused: the dialog stays, and says why
        assert f"1〜{pages}" in modal.query_one("Field").error  # type: ignore[attr-defined]
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "３")  # a full-width digit is a digit
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is results
        assert results.request.page == 3
        summary = str(results.query_one("#summary", Static).render())
        assert f"（3/{pages}ページ）" in summary

        await pilot.press("g")
        await settle(pilot)
        await pilot.press("escape")  # cancelled: the page stays
        await settle(pilot)
        assert app.screen is results and results.request.page == 3


def test_page_numbers_are_read_as_people_type_them() -> None:
    assert parse_page(" 12 ", 20) == 12
    assert parse_page("１２", 20) == 12
    assert parse_page("0", 20) is None
    assert parse_page("21", 20) is None
    assert parse_page("2a", 20) is None
    assert parse_page("", 20) is None


async def test_f1_says_what_the_focused_control_is_and_how_it_is_used(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await search_all(pilot, tui_server)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        focus = str(app.screen.query_one("#help-focus", Static).render())
        assert "検索結果の一覧" in focus
        assert "↑ ↓ で選び" in focus
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert "ページ指定" in keys and "ジャンプ" in keys
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)


async def test_a_key_line_too_long_for_three_lines_ends_with_f1(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await search_all(pilot, tui_server)
        bar = app.screen.query_one(KeyBar)
        lines = str(bar.render()).splitlines()
        assert len(lines) == 3
        assert lines[-1].endswith("f1 その他のキー")
        assert all(cell_len(line) <= bar.content_size.width for line in lines)


async def test_the_page_field_is_sized_for_a_number(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await search_all(pilot, tui_server)
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one("#page-number", Input).size.width <= 12
