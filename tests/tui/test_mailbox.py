"""The embedded mailbox: read the OTP on screen and finish signing in, by keys only."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.widgets import OptionList, Static

from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.mailbox import MailboxScreen, MailScreen
from screens.otp import OtpScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
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
