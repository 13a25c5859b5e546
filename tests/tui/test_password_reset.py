"""パスワードをお忘れの方: the whole reset by keys, with the 認証キー read from the real mail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from screens.password_reset import ResetConfirmScreen, ResetRequestScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, TuiServer
from tui.app import HelloWorkApp

NEW_PASSWORD = "Fresh#2026key"


async def open_confirm(pilot, tui_server: TuiServer) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await type_text(pilot, DEMO_EMAIL)
    await pilot.press("ctrl+r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResetRequestScreen)
    # The e-mail typed on the login screen is carried over.
    assert pilot.app.screen.query_one("#email").value == DEMO_EMAIL
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResetConfirmScreen), screen_text(pilot)
    # The screen names the mail by the subject it arrives with (seed 004).
    assert "「パスワード再登録申込受付通知」" in screen_text(pilot)
    assert "パスワード再登録申込受付通知" in tui_server.last_mail().subject


async def test_reset_unlocks_and_new_password_signs_in(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_confirm(pilot, tui_server)
        # Client-side rule: messages name what is missing.
        await type_text(pilot, "abcdefgh")
        await pilot.press("enter")  # next field
        await type_text(pilot, "abcdefgx")
        await pilot.press("enter", "enter")  # next field, then submit from the key field
        await settle(pilot)
        error = field_error(pilot, "new_password")
        assert "半角数字を1文字以上" in error and "記号を1文字以上" in error
        assert "一致しません" in field_error(pilot, "new_password_confirm")
        assert "認証キーを入力してください" in field_error(pilot, "auth_key")
        assert isinstance(app.screen, ResetConfirmScreen)

        # Now correctly, but with a wrong key first.
        for field in ("#new_password", "#new_password_confirm"):
            app.screen.query_one(field).focus()
            await pilot.press("ctrl+u")
            await type_text(pilot, NEW_PASSWORD)
        app.screen.query_one("#auth_key").focus()
        await type_text(pilot, "wrongKey1!")
        await pilot.press("enter")
        await settle(pilot)
        assert "認証キーが正しくありません" in field_error(pilot, "auth_key")
        await pilot.press("ctrl+u")
        await type_text(pilot, tui_server.latest_auth_key())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen), screen_text(pilot)
        assert "パスワードを再設定しました" in screen_text(pilot)
        assert app.screen.query_one("#email").value == DEMO_EMAIL
        # Focus is on the password: type the new one and sign in.
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_expired_key_says_start_again(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_confirm(pilot, tui_server)
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("enter")
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("enter")
        await type_text(pilot, tui_server.latest_auth_key())
        tui_server.clock.advance(timedelta(minutes=51))
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "有効期限（50分）が切れました" in text
        assert "はじめからやり直してください" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen)


async def test_common_password_is_refused_naming_the_field(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_confirm(pilot, tui_server)
        await type_text(pilot, "Password1!")
        await pilot.press("enter")
        await type_text(pilot, "Password1!")
        await pilot.press("enter")
        await type_text(pilot, tui_server.latest_auth_key())
        await pilot.press("enter")
        await settle(pilot)
        # The client refuses the common password itself, naming the field.
        assert "推測されやすい" in field_error(pilot, "new_password")


async def test_locked_account_can_reset_from_login(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await sign_in(pilot, password="Wrong#2026pass")
            app.screen.query_one("#email").focus()
            await pilot.press("ctrl+u")
        assert "ロック" in screen_text(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen)
