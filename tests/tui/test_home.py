"""Home: what it shows, the menu, language switch, log out, and a lost session."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import timedelta

from screens.activity import ActivityScreen
from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.messages import MessagesScreen
from screens.session import ReauthModal, SessionExpiredModal
from tests.tui.flows import SIZE, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_NAME, DEMO_PASSWORD, TuiServer
from tui.app import HelloWorkApp
from widgets.menu_pane import MenuPane


async def test_activity_and_messages_panes_say_what_there_is(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """A seeker who has not applied yet: both panes say so, and how to begin."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        assert app.screen.focused is app.screen.query_one(MenuPane)
        await pilot.press("down", "down", "enter")  # 3 求職活動状況
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        assert "まだ応募していません" in screen_text(pilot)
        await pilot.press("escape", "4")  # Esc at the bottom of a pane: the menu
        await settle(pilot)
        assert isinstance(app.screen, MessagesScreen)
        assert "メッセージはまだありません" in screen_text(pilot)
        await pilot.press("escape", "1")  # the list had the focus: Esc to the menu, 1 Home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_collections_held_while_home_is_built_resume_once_it_is_shown(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Signing in holds garbage collection while Home is built (tui/idle_gc.py)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await sign_in_to_home(pilot, tui_server)
            await settle(pilot)
            assert gc.isenabled()
        finally:
            gc.enable()


async def test_last_login_is_shown_in_jst_on_the_next_login(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        assert "前回のログイン日時: （初めてのログイン）" in screen_text(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        tui_server.clock.advance(timedelta(hours=1))
        await sign_in_to_home(pilot, tui_server)
        # The clock of tests/conftest.py starts at 2026-05-11 00:30 UTC = 09:30 JST.
        assert "前回のログイン日時: 2026年05月11日 09時30分" in screen_text(pilot)


async def test_language_switch_on_home(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("4")  # the messages pane
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "No messages yet. Once you apply" in screen_text(pilot)
        await pilot.press("alt+1")  # Home was hidden during the switch: reworded when shown
        await settle(pilot)
        text = screen_text(pilot)
        assert "Job-seeker MyPage home" in text
        assert "Hello Work office: 飯田橋公共職業安定所" in text
        assert "Job-seeker number" in text
        assert DEMO_NAME in text
        bindings = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Log out", "日本語"} <= bindings
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "求職者マイページホーム" in screen_text(pilot)


async def test_expired_session_signs_in_again_over_the_same_screen(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        home = app.screen
        await pilot.press("down", "down", "down")  # screen state that must survive
        assert app.screen.query_one(MenuPane).cursor == 3
        tui_server.clock.advance(timedelta(minutes=31))  # idle limit is 30 minutes
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReauthModal)
        assert "パスワードを入力してください" in screen_text(pilot)
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert "ワンタイムパスワードを送信しました" in screen_text(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        # Back on the very same Home screen, reloaded with the new session.
        assert app.screen is home
        assert home.query_one(MenuPane).cursor == 3
        assert DEMO_NAME in screen_text(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert app.screen is home


async def test_expired_session_can_go_to_login_instead(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        tui_server.clock.advance(timedelta(minutes=31))
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReauthModal)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "ログアウトされました" in screen_text(pilot)


async def test_kiosk_session_expiry_leaves_nothing_on_screen(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        tui_server.clock.advance(timedelta(minutes=31))
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, SessionExpiredModal)
        assert "もう一度ログインしてください" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert len(app.screen_stack) == 1
        assert "ログアウトされました" in screen_text(pilot)
        # Nothing of the last user is left: the e-mail field is empty.
        assert app.screen.query_one("#email").value == ""
