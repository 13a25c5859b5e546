"""The OTP screen: wrong codes, expiry, resend throttle, and when the skip option is off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from keyring.backends import fail
from textual.widgets import Checkbox

from api_client.device_store import DeviceTokenStore
from screens.login import LoginScreen
from screens.otp import OtpScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp


async def test_wrong_otp_shows_remaining_tries_then_exhaustion_returns_to_login(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen)
        right = tui_server.latest_otp()
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        await type_text(pilot, wrong)
        await pilot.press("enter")
        await settle(pilot)
        error = field_error(pilot, "otp")
        assert "ワンタイムパスワードが正しくありません" in error
        assert "あと 4 回" in error
        for _ in range(4):
            await type_text(pilot, wrong)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, LoginScreen), screen_text(pilot)
        assert "規定回数以上誤りました" in screen_text(pilot)


async def test_malformed_otp_is_caught_before_sending(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await type_text(pilot, "12a")
        await pilot.press("enter")
        await settle(pilot)
        assert "6桁の半角数字" in field_error(pilot, "otp")
        # Full-width digits are accepted (normalised) — the right code signs in.
        await pilot.press("ctrl+u")
        full_width = str.maketrans("0123456789", "０１２３４５６７８９")
        await type_text(pilot, tui_server.latest_otp().translate(full_width))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, OtpScreen), screen_text(pilot)


async def test_expired_otp_sends_back_to_login(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        otp = tui_server.latest_otp()
        tui_server.clock.advance(timedelta(minutes=11))
        await type_text(pilot, otp)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "有効期限が切れました" in screen_text(pilot)


async def test_resend_is_throttled_then_sends_a_new_code(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "秒後にできます" in screen_text(pilot)
        tui_server.clock.advance(timedelta(seconds=61))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "新しいワンタイムパスワードを送信しました" in screen_text(pilot)
        assert len(tui_server.mail()) == 2
        # The newest mail holds the code that now works.
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, OtpScreen), screen_text(pilot)


async def test_escape_goes_back_to_login(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)


async def test_skip_option_disabled_in_kiosk_mode(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        box = app.screen.query_one("#remember", Checkbox)
        assert box.disabled
        assert "共用端末（キオスクモード）では省略できません" in screen_text(pilot)
        # Quitting is refused in kiosk mode, and no quit key is offered.
        assert "quit" not in {b.binding.action for b in app.screen.active_bindings.values()}
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running


async def test_skip_option_disabled_without_a_secure_keyring(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(device_store=DeviceTokenStore(fail.Keyring()))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert app.screen.query_one("#remember", Checkbox).disabled
        assert "キーリング" in screen_text(pilot)
