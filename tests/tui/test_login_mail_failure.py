"""Issue 11 item 7, as a user sees it: when the server cannot send the OTP, the login
screen says so in words ("try again later"), keeps what was typed, and signing in works
once mail flows again."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from screens.login import LoginScreen
from screens.otp import OtpScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import screen_text, settle
from tests.tui.support import DEMO_EMAIL, TuiServer
from tui.app import HelloWorkApp
from widgets.field import Field


async def test_login_explains_that_the_otp_mail_could_not_be_sent(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    # The built-in server's outbox cannot be written (a file where its folder should be).
    shutil.rmtree(tui_server.maildir, ignore_errors=True)
    tui_server.maildir.write_text("not a folder")
    app = make_app(mailbox_dir=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "メールを送信できませんでした。しばらくしてからもう一度お試しください。" in (
            screen_text(pilot)
        )
        assert app.screen.query_one("#field-email", Field).value == DEMO_EMAIL

        tui_server.maildir.unlink()  # mail works again: the same input signs in
        app.screen.query_one("#login").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen), screen_text(pilot)
