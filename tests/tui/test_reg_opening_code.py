"""Opening a MyPage with an account creation code from an office, keys only: documents read to
the end before agreeing, full-width input normalised and said so, key from the real outbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from screens.home import HomeScreen
from screens.open_account import OpenAccountScreen, OpenConfirmScreen
from server.accounts.service import create_seeker
from tests.conftest import app_state
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.reg_keys import PASSWORD, agree_to_documents
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.checkbox import TickBox
from widgets.field import Field

EMAIL = "jiro@example.jp"


async def counter_seeker(server: TuiServer) -> tuple[str, str]:
    state = app_state(server.app)
    async with state.sessionmaker() as db:
        created = await create_seeker(
            db,
            state.env,
            name="求職 次郎",
            seeker_number="13010-00001234",
            birth_date=date(1988, 2, 29),
            email=EMAIL,
        )
    return created.seeker.seeker_number, created.creation_code


async def test_open_with_code_by_keys(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    number, code = await counter_seeker(tui_server)
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OpenAccountScreen) and screen.mode == "code"
        # Sending without agreeing names what is missing; nothing typed is lost.
        screen.query_one("#email").focus()
        await type_text(pilot, "jiro＠example.jp")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "最後まで表示し" in screen_text(pilot)
        assert screen.query_one("#field-email", Field).value == EMAIL  # normalised, and said so
        assert "jiro＠example.jp" in screen.query_one("#field-email", Field).note
        assert screen.query_one("#agree-privacy", TickBox).disabled  # not read yet

        screen.query_one("#doc-privacy").focus()
        await pilot.pause()
        await agree_to_documents(pilot)
        await pilot.press("tab")  # the e-mail keeps its value: on to the confirmation
        await type_text(pilot, EMAIL)
        await pilot.press("tab")
        await type_text(
            pilot,
            number.replace("-", "ー").translate(
                str.maketrans("0123456789", "０１２３４５６７８９")
            ),
        )
        await pilot.press("tab")
        await type_text(pilot, "1988")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "29")
        await pilot.press("tab")
        await type_text(pilot, code.lower())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OpenConfirmScreen), screen_text(pilot)

        # The password rule says what is still missing while typing.
        await type_text(pilot, "abcdefgh")
        await settle(pilot)
        note = app.screen.query_one("#field-password", Field).note
        assert "数字" in note and "記号" in note
        app.screen.query_one("#password").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, PASSWORD)
        await pilot.press("tab")
        await type_text(pilot, PASSWORD)
        await pilot.press("tab")
        await type_text(pilot, tui_server.latest_auth_key())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(pilot)
        assert number in screen_text(pilot)
