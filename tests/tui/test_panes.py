"""The signed-in app as panes: the menu beside every screen, pane keys, each pane keeping
its state, Esc inside a pane, a stack that never grows without bound, Ctrl+L from anywhere,
and late answers that never land in the wrong pane — with keys, against the real server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList

from screens.activity import ActivityScreen
from screens.favorites import FavoritesScreen
from screens.home import HomeScreen
from screens.job_sheet import JobSheetScreen
from screens.login import LoginScreen
from screens.messages import MessagesScreen
from screens.profile import ProfileScreen
from screens.results import ResultsScreen
from screens.saved_conditions import SavedConditionsScreen
from screens.search import SearchScreen
from tests.tui.flows import (
    SIZE,
    database_with_postings,
    focus,
    open_search,
    sign_in_to_home,
)
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar
from widgets.menu_pane import MenuPane


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def menu_text(app: HelloWorkApp) -> str:
    return str(app.screen.query_one(MenuPane).render())


async def test_menu_lists_the_seed_entries_with_their_keys_beside_every_screen(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        text = menu_text(app)
        for entry in (
            "1 ホーム",
            "2 求人検索",
            "3 求職活動状況",
            "4 メッセージ",
            "5 お気に入り・チェック",
            "6 求職者情報・設定",
            "^L ログアウト",
        ):
            assert entry in text, text
        assert "▸ 1 ホーム" in text  # the pane shown is marked by a symbol, not colour alone
        assert "Alt+数字" in text
        menu = app.screen.query_one(MenuPane)
        assert not menu.has_class("-line")  # 100 columns: a column beside the content
        for key, screen_type in (
            ("alt+2", SearchScreen),
            ("alt+3", ActivityScreen),
            ("alt+4", MessagesScreen),
            ("alt+5", FavoritesScreen),
            ("alt+6", ProfileScreen),
            ("alt+1", HomeScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type), (key, app.screen)
            assert app.screen.query(MenuPane), "every signed-in screen shows the menu"
            # The column ends above the key line: reaching under it, its edge split the key
            # line's wide characters there into blanks ("f2 条件を保存" drawn as "f2   件を保存").
            column = app.screen.query_one(MenuPane).region
            assert column.bottom <= app.screen.query_one(KeyBar).region.y, key
        # The unread count comes from whoever knows it (Home's view today).
        app.user.set_unread(3)
        await pilot.pause()
        assert "メッセージ（未読3件）" in menu_text(app)
        await pilot.press("alt+5")
        await settle(pilot)
        assert "メッセージ（未読3件）" in menu_text(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "Messages (3 unread)" in menu_text(app)
        assert "Favorites & checked" in menu_text(app)


async def test_narrow_terminal_has_the_menu_as_one_line_at_the_top(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        menu = app.screen.query_one(MenuPane)
        assert menu.has_class("-line")
        assert menu.region.y == 0 and menu.region.height <= 2
        text = menu_text(app)
        assert "▸1ホーム" in text and "2求人検索" in text and "^Lログアウト" in text
        # Rendered without asking the compositor where the menu is: with no map at hand
        # (as during Home's first frame) it would arrange the whole screen again for it.
        compositor = app.screen._compositor
        compositor._full_map_invalidated, compositor._visible_map = True, None
        assert str(menu.render()) == text
        assert compositor._full_map_invalidated, "the render arranged the whole screen"
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not menu.has_class("-line")


async def test_each_pane_keeps_its_state(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(pilot, tui_server)
        await focus(pilot, "words")
        await type_text(pilot, "事務")
        await pilot.press("alt+5", "alt+2")  # to お気に入り and back: the form is as it was
        await settle(pilot)
        assert app.screen is search
        assert search.query_one("#words", Input).value == "事務"
        assert app.focused is search.query_one("#words", Input)

        search.query_one("#words", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await pilot.press("down", "down", "down")
        await pilot.press("alt+5")
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)
        await pilot.press("alt+2")
        await settle(pilot)
        # Search → favorites → search: the same results, at the same row.
        assert app.screen is results
        assert results.query_one("#cards", OptionList).highlighted == 3

        await pilot.press("enter")
        await settle(pilot)
        sheet = app.screen
        assert isinstance(sheet, JobSheetScreen) and sheet.sheet is not None
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        scrolled = sheet.query_one("#sheet", VerticalScroll).scroll_y
        assert scrolled > 0
        await pilot.press("alt+1", "alt+2")
        await settle(pilot)
        assert app.screen is sheet
        assert sheet.query_one("#sheet", VerticalScroll).scroll_y == scrolled
        # Esc goes back inside the pane: sheet → results → form → (the menu).
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is results
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is search
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is search and app.focused is search.query_one(MenuPane)
        await pilot.press("5")  # the focused menu takes the entry keys alone
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)


async def test_the_stack_of_a_pane_never_grows_without_bound(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f2")  # save the (empty) conditions
        await settle(pilot)
        await type_text(pilot, "全部")
        await pilot.press("enter")
        await settle(pilot)
        depths = []
        for _ in range(3):  # a stack that grows would be one screen deeper each round
            # Saved conditions → edit one (the form) → saved conditions → … as long as one
            # likes: each kind of screen stays in the pane's stack once over its root.
            await pilot.press("f4")
            await settle(pilot)
            assert isinstance(app.screen, SavedConditionsScreen), screen_text(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen) and app.screen.saved is not None
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("escape")
            await settle(pilot)
            depths.append(len(app.screen_stack))
        kinds = [type(s) for s in app.screen_stack[1:]]
        assert len(kinds) == len(set(kinds)), kinds
        assert depths == [depths[0]] * len(depths) and depths[0] <= 3, depths


async def test_ctrl_l_logs_out_from_anywhere_and_drops_every_pane(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(pilot, tui_server)
        await focus(pilot, "words")
        await type_text(pilot, "介護")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("space")
        assert len(app.user.checks) == 1
        await pilot.press("alt+5")
        await settle(pilot)
        await pilot.press("ctrl+l")  # from another pane, with a typed field focused elsewhere
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "ログアウトしました" in screen_text(pilot)
        assert app.current_mode == "login" and len(app.screen_stack) == 1
        assert not search.is_attached
        assert len(app.user.checks) == 0
        client = await app.get_client()
        assert not client.signed_in

        await sign_in_to_home(pilot, tui_server)
        await pilot.press("alt+2")
        await settle(pilot)
        fresh = app.screen
        assert isinstance(fresh, SearchScreen) and fresh is not search
        assert fresh.query_one("#words", Input).value == ""


class Gate:
    """Holds the answers of one client call until released: the request reaches the real
    server, only its answer is delivered when the test says."""

    def __init__(self, app: HelloWorkApp, name: str) -> None:
        self.app, self.name = app, name
        self.release = asyncio.Event()
        self.waiting = asyncio.Event()

    async def install(self) -> None:
        client = await self.app.get_client()
        real = getattr(client, self.name)

        async def held(*args: Any, **kwargs: Any) -> Any:
            answer = await real(*args, **kwargs)
            self.waiting.set()
            await self.release.wait()
            return answer

        setattr(client, self.name, held)


async def test_an_answer_that_comes_after_switching_panes_stays_in_its_pane(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(pilot, tui_server)
        gate = Gate(app, "search_jobs")
        await gate.install()
        await pilot.press("ctrl+s")
        await gate.waiting.wait()
        await pilot.press("alt+5")
        await settle_without(pilot, gate)
        favorites = app.screen
        assert isinstance(favorites, FavoritesScreen)
        gate.release.set()
        await settle(pilot)
        # The answer did not open in the pane being looked at …
        assert app.screen is favorites
        assert [type(s) for s in app.screen_stack] == [FavoritesScreen]
        # … but in its own, shown when the user goes back there.
        await pilot.press("alt+2")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen_stack[0] is search


async def test_logging_out_while_a_request_is_out_shows_nothing_of_it(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        gate = Gate(app, "search_jobs")
        await gate.install()
        await pilot.press("ctrl+s")
        await gate.waiting.wait()
        await pilot.press("ctrl+l")
        await settle_without(pilot, gate)
        assert isinstance(app.screen, LoginScreen)
        gate.release.set()
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.current_mode == "login" and len(app.screen_stack) == 1
        assert "ログアウトしました" in screen_text(pilot)


async def settle_without(pilot: Any, gate: Gate) -> None:
    """Let everything but the held call settle (its worker waits for the gate)."""
    assert not gate.release.is_set()
    for _ in range(3):
        await pilot.pause()


async def test_a_pane_shown_again_is_painted_whole_during_the_switch(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Alt+digit paints the pane at once, in one whole frame: not after a fixed hold of every
    update (Textual's 50 ms delay_update on a mode switch), and not as a partial update of
    what changed on it since its last showing, which would land over the other pane."""
    from textual._compositor import LayoutUpdate

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("alt+5")
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)

        frames: list[tuple[str, str]] = []  # (screen, kind of update) written meanwhile
        display = app._display

        def recording_display(screen: Any, renderable: Any) -> None:
            if renderable is not None and not app._batch_count:
                frames.append((type(screen).__name__, type(renderable).__name__))
            display(screen, renderable)

        switch_mode = app.switch_mode
        during_switch: list[tuple[str, str]] = []

        def recording_switch(mode: str) -> Any:
            app._display = recording_display  # type: ignore[method-assign]
            try:
                return switch_mode(mode)
            finally:
                app._display = display  # type: ignore[method-assign]
                during_switch.extend(frames)

        app.switch_mode = recording_switch  # type: ignore[method-assign]
        await pilot.press("alt+1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert during_switch, "nothing was written while the pane was switched"
        assert during_switch[0] == ("HomeScreen", LayoutUpdate.__name__), during_switch


async def test_a_pane_left_in_the_other_language_is_first_shown_in_the_new_one(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """After Ctrl+T, a pane shown again relocalises on its resume: its first frame must not
    be the old language's (that switch keeps Textual's hold until the pane is redone)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("alt+5")
        await settle(pilot)
        await pilot.press("alt+1")
        await settle(pilot)
        await pilot.press("ctrl+t")  # English; the favorites pane is not shown
        await settle(pilot)

        first_frame: list[str] = []
        display = app._display

        def recording_display(screen: Any, renderable: Any) -> None:
            if (
                isinstance(screen, FavoritesScreen)
                and renderable is not None
                and not app._batch_count
                and not first_frame
            ):
                first_frame.append(screen_text(pilot))
            display(screen, renderable)

        app._display = recording_display  # type: ignore[method-assign]
        await pilot.press("alt+5")
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)
        assert first_frame
        assert "Favorite postings" in first_frame[0], first_frame[0]
        assert "お気に入り求人" not in first_frame[0], first_frame[0]
