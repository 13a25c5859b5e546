"""The embedded mailbox: read the OTP on screen and finish signing in, by keys only."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.widgets import OptionList, Static

from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.mailbox import MailboxScreen, MailScreen
from screens.otp import OtpScreen
from screens.password_reset import ResetConfirmScreen, ResetRequestScreen
from server.mail.base import build_message
from server.mail.maildir import MaildirMailer
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, TuiServer
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar
from widgets.link_list import LinkList


async def test_read_otp_in_mailbox_and_sign_in(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, MailboxScreen)
        newest = app.screen.query_one("#mail-list", OptionList).get_option_at_index(0)
        assert "ワンタイムパスワードのお知らせ" in str(newest.prompt)
        await pilot.press("enter")  # open the newest (highlighted) message
        await settle(pilot)
        assert isinstance(app.screen, MailScreen)
        body = str(app.screen.query_one("#mail-text", Static).render())
        assert "件名: 【ハローワークインターネットサービス】ワンタイムパスワードのお知らせ" in body
        match = re.search(r"One-time password: (\d{6})", body)
        assert match
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen)
        await type_text(pilot, match.group(1))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_mailbox_from_login_lists_newest_first_and_empty_state(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "nobody@example.jp")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "メールはまだありません" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)


async def test_no_mailbox_against_a_remote_server(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    # A factory-made client with no mailbox_dir stands for `--server URL`.
    app = make_app(mailbox_dir=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = app.screen.query_one(LinkList)
        assert "mailbox" not in [link.id for link in links.shown]
        assert "メールボックス" not in str(links.render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)


def _key_bar(app: HelloWorkApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def _deliver(server: TuiServer, to: str, subject: str) -> None:
    """A mail in the built-in server's outbox, written by the server's own Maildir mailer."""
    message = build_message(
        mail_from=server.settings.mail_from,
        to=to,
        subject=subject,
        body=f"{subject} body",
        now=server.clock.now(),
    )
    await MaildirMailer(server.maildir).send(message)


async def test_kiosk_never_reaches_the_mailbox(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Issue 11 item 0: at a kiosk, Ctrl+R → someone's e-mail → Enter → Ctrl+O showed their
    認証キー, and the mailbox listed earlier users' OTP mails."""
    await _deliver(tui_server, DEMO_EMAIL, "an earlier user's OTP")
    app = make_app(kiosk=True)  # the outbox exists and is passed, as on the embedded server
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = app.screen.query_one(LinkList)
        assert "mailbox" not in [link.id for link in links.shown]
        assert "メールボックス" not in _key_bar(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)

        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen)
        await type_text(pilot, DEMO_EMAIL)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResetConfirmScreen)
        assert "メールボックス" not in _key_bar(app)
        assert "mailbox" not in [link.id for link in app.screen.query_one(LinkList).shown]
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ResetConfirmScreen)
        assert not app.screen_stack or not any(
            isinstance(s, MailboxScreen) for s in app.screen_stack
        )

        await pilot.press("escape", "escape")
        await settle(pilot)
        await sign_in(pilot)
        assert isinstance(app.screen, OtpScreen)
        assert "メールボックス" not in _key_bar(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, OtpScreen)


async def test_mailbox_shows_only_mail_to_the_address_on_screen(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    await _deliver(tui_server, "someone.else@example.jp", "someone else's key")
    await _deliver(tui_server, DEMO_EMAIL, "mail to the demo user")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "メールボックス" in _key_bar(app)
        await pilot.press("ctrl+o")  # no address typed yet: nothing is listed
        await settle(pilot)
        assert isinstance(app.screen, MailboxScreen)
        assert app.screen.messages == []
        assert "メールアドレスを入力してから" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await type_text(pilot, DEMO_EMAIL.upper())  # the same address, however typed
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, MailboxScreen)
        assert [m.subject for m in app.screen.messages] == ["mail to the demo user"]
