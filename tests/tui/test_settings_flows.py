"""求職者情報・設定 by keys: registration 無効 and back, password change, withdrawal and
re-registration within 30 days (key from the real outbox)."""

from __future__ import annotations

from collections.abc import Callable

from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from screens.profile import ProfileScreen
from screens.reregister import ReregisterConfirmScreen, ReregisterScreen
from screens.settings import ConfirmModal, PasswordChangeScreen, SettingsScreen
from screens.withdraw import WithdrawModal
from tests.tui.flows import SIZE, sign_in, sign_in_to_home
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, TuiServer, mail_value
from tui.app import HelloWorkApp

NEW_PASSWORD = "Change#2026pw"


async def open_settings(pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfileScreen), screen_text(pilot)
    assert "求職番号 70000-99999999" in screen_text(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen), screen_text(pilot)
    return screen


async def test_registration_invalid_and_back_and_password_change(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_settings(pilot)
        assert "求職登録: 有効" in screen_text(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "メッセージ" in screen_text(pilot)  # what 無効 disables is spelled out
        await pilot.press("shift+tab", "enter")  # focus starts on いいえ; go to はい
        await settle(pilot)
        assert "求職登録: 無効" in screen_text(pilot), screen_text(pilot)
        # While invalid, features refuse with the reason.
        client = await app.get_client()
        try:
            await client.notices()
        except Exception as exc:
            from session.errors import explain

            assert "無効" in explain(exc).message
        else:
            raise AssertionError("notices allowed while invalid")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert "求職登録: 有効" in screen_text(pilot)

        # Password change: the rule is checked here, the current password by the server.
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, PasswordChangeScreen)
        await type_text(pilot, "Wrong#2026pw")
        await pilot.press("tab")
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("tab")
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PasswordChangeScreen)
        assert "現在のパスワードは正しくありません" in screen_text(pilot), screen_text(pilot)
        app.screen.query_one("#current_password").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen), screen_text(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await sign_in(pilot, DEMO_EMAIL, NEW_PASSWORD)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)


async def test_withdraw_then_reregister(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_settings(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert isinstance(app.screen, WithdrawModal)
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("ctrl+s")  # not ticked yet: refused, and said why
        await settle(pilot)
        assert "「退会します」にチェック" in screen_text(pilot)
        await pilot.press("tab", "space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen), screen_text(pilot)
        assert "退会しました" in screen_text(pilot)

        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ReregisterScreen)
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReregisterConfirmScreen), screen_text(pilot)
        await type_text(pilot, tui_server.latest_auth_key())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        assert "70000-99999999" in screen_text(pilot)


async def test_email_change_delivery_and_resume_otp(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        settings = await open_settings(pilot)
        assert "特集求人の配信: 配信しない" in screen_text(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert "特集求人の配信: 配信する" in screen_text(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert app.screen is settings
        assert "ワンタイムパスワードを省略する端末: なし" in screen_text(pilot)

        await pilot.press("ctrl+e")
        await settle(pilot)
        await type_text(pilot, "new＠example.jp")
        await pilot.press("tab")
        await type_text(pilot, "new@example.jp")
        await pilot.press("enter")  # to the password: a session alone cannot do this
        await settle(pilot)
        assert "現在のパスワードを入力してください" in screen_text(pilot), screen_text(pilot)
        await type_text(pilot, "Wrong#2026pw")
        await pilot.press("enter")
        await settle(pilot)
        assert "現在のパスワードは正しくありません。あと4回間違えるとロックされます。" in (
            field_error(pilot, "current_password")
        )
        await pilot.press("ctrl+u")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert "new@example.jp に認証キーを送りました" in screen_text(pilot), screen_text(pilot)
        told = [m for m in tui_server.mail() if DEMO_EMAIL in m.to]
        assert "new@example.jp" in told[0].body  # the current address heard of it first
        key_mail = next(m for m in tui_server.mail() if "new@example.jp" in m.to)
        await type_text(pilot, mail_value(key_mail, r"Authentication key: (\S+)"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is settings, screen_text(pilot)
        assert "ID（メールアドレス）: new@example.jp" in screen_text(pilot)


async def test_profile_section_change_with_error_then_saved(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from screens.profile import ProfileEditScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("7")  # 自己PR
        await settle(pilot)
        assert isinstance(app.screen, ProfileEditScreen), screen_text(pilot)
        await type_text(pilot, "介" * 501)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileEditScreen)
        assert "7 自己PR 自己PRは全角500文字以内" in screen_text(pilot), screen_text(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "介護の経験を活かしたいです")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen), screen_text(pilot)
        assert "介護の経験を活かしたいです" in screen_text(pilot)


async def test_reregistration_after_31_days_is_refused_with_the_reason(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    async with tui_server.client() as api:
        res = await api.login(DEMO_EMAIL, DEMO_PASSWORD)
        assert res.login_ticket is not None
        await api.verify_otp(res.login_ticket, tui_server.latest_otp())
        await api.withdraw(DEMO_PASSWORD)
    tui_server.clock.advance(days=31)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReregisterScreen)
        assert "30日を過ぎたため" in screen_text(pilot), screen_text(pilot)


async def test_wrong_passwords_in_settings_count_and_lock(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """The password change shows the tries left; the fifth wrong password locks the
    account, ends the session and says why on the login screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_settings(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, PasswordChangeScreen)
        await pilot.press("tab")
        await type_text(pilot, NEW_PASSWORD)
        await pilot.press("tab")
        await type_text(pilot, NEW_PASSWORD)
        for remaining in (4, 3, 2, 1):
            app.screen.query_one("#current_password").focus()
            await pilot.press("ctrl+u")
            await type_text(pilot, "Wrong#2026pw")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert f"あと{remaining}回間違えるとロックされます" in (
                field_error(pilot, "current_password")
            )
        app.screen.query_one("#current_password").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Wrong#2026pw")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen), screen_text(pilot)
        assert "アカウントがロックされています" in screen_text(pilot)
