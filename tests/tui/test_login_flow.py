"""Whole sign-in flows driven by keys only, against the real server app and database."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Checkbox

from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import (
    DEMO_EMAIL,
    DEMO_NAME,
    DEMO_PASSWORD,
    DEMO_SEEKER_NUMBER,
    MemoryKeyring,
    TuiServer,
)
from tui.app import HelloWorkApp
from widgets.qr import QRCodeWidget


async def test_sign_in_with_otp_reaches_home(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, memory_keyring: MemoryKeyring
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
        otp = tui_server.latest_otp()
        await type_text(pilot, otp)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        text = screen_text(pilot)
        assert f"{DEMO_NAME} 様" in text
        assert "利用安定所名: 飯田橋公共職業安定所" in text
        assert f"求職番号\n{DEMO_SEEKER_NUMBER}" in text
        assert app.screen.query_one(QRCodeWidget).data == DEMO_SEEKER_NUMBER
    # No skip requested: nothing was stored in the keyring.
    assert memory_keyring.items == {}


async def test_remembered_device_goes_straight_home(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, memory_keyring: MemoryKeyring
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("tab")  # to the checkbox
        assert app.screen.focused is app.screen.query_one("#remember", Checkbox)
        await pilot.press("space")
        assert app.screen.query_one("#remember", Checkbox).value
        await pilot.press("shift+tab", "enter")  # back to the OTP input and submit
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        first_token = next(iter(memory_keyring.items.values()))
        mails_before = len(tui_server.mail())
        await pilot.press("ctrl+l")  # log out
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "ログアウトしました" in screen_text(pilot)

        await sign_in(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        # No OTP mail this time, and the token was rotated in the keyring.
        assert len(tui_server.mail()) == mails_before
        assert list(memory_keyring.items.values()) != [first_token]
        assert len(memory_keyring.items) == 1


async def test_wrong_password_shows_one_message(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, password="Wrong#2026pass")
        assert isinstance(app.screen, LoginScreen)
        assert "ID（メールアドレス）またはパスワードが正しくありません" in screen_text(pilot)
        assert "あと4回間違えるとロックされます。" in screen_text(pilot)
        # The e-mail stays so the user can retype only the password.
        assert app.screen.query_one("#email").value == DEMO_EMAIL


async def test_locked_account_tells_to_reset(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        for _ in range(5):
            await type_text(pilot, "Wrong#2026pass")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("ctrl+u")  # clear the password input
        await type_text(pilot, DEMO_PASSWORD)  # even the right password is refused now
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "アカウントがロックされています" in text
        assert "パスワードを再設定" in text


async def test_client_side_checks_name_the_field(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")  # e-mail → password → submit both empty
        await settle(pilot)
        assert "ID（メールアドレス）を入力してください" in field_error(pilot, "email")
        assert "パスワードを入力してください" in field_error(pilot, "password")
        # Focus went to the first field in error.
        assert app.screen.focused is app.screen.query_one("#email")
        await type_text(pilot, "ｄｅｍｏ＠ｅｘａｍｐｌｅ．ｊｐ")
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
        login = app.screen_stack[0]
        assert login.query_one("#email").value == DEMO_EMAIL
        assert "demo@example.jp" in login.query_one("#field-email").note


async def test_language_switch_shows_english_and_is_saved(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "求職者マイページログイン" in screen_text(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Job-seeker MyPage login" in text
        assert "ID (e-mail address)" in text
        assert "Password" in text
        await sign_in(pilot, password="Wrong#2026pass")
        assert "The ID (e-mail address) or password is not correct" in screen_text(pilot)
    assert '"language": "en"' in app.paths.settings_file.read_text()
    # A new app on the same settings starts in English.
    again = HelloWorkApp(
        client_factory=app._client_factory, device_store=app.device_store, paths=app.paths
    )
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Job-seeker MyPage login" in screen_text(pilot)
