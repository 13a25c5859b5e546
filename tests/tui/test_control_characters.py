"""A control character pasted into a field (bracketed paste keeps NUL, BEL, ESC…) gets that
field's own error, never a traceback or pydantic's text (issue 11 item 5, in the app)."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from api_client.job_models import JobSearchRequest
from screens.login import LoginScreen
from screens.password_reset import ResetRequestScreen
from screens.search import SearchScreen
from screens.title_prompt import TitleModal
from session.errors import explain
from strings.i18n import set_language
from tests.tui.flows import SIZE
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import DEMO_PASSWORD, TuiServer
from tests.tui.test_search import open_search
from tui.app import HelloWorkApp

EMAIL_FORMAT = "ID（メールアドレス）の形式が正しくありません"


async def paste(pilot: Pilot[object], text: str) -> None:
    """Paste into the focused input as the terminal delivers it (control characters kept)."""
    focused = pilot.app.screen.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_login_email_with_a_nul(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "demo\x00@example.jp")
        await pilot.press("tab")
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen), screen_text(pilot)
        assert EMAIL_FORMAT in field_error(pilot, "email")
        assert "Error" not in screen_text(pilot)
    assert tui_server.mail() == []  # nothing was sent


async def test_reset_email_with_a_bell(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen)
        await paste(pilot, "demo\x07@example.jp")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen), screen_text(pilot)
        assert EMAIL_FORMAT in field_error(pilot, "email")
        assert "Error" not in screen_text(pilot)
    assert tui_server.mail() == []


async def test_saved_search_title_with_a_nul(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, TitleModal)
        await paste(pilot, "土日\x00休み")
        await pilot.press("enter")
        await settle(pilot)
        # The dialog stays, with the title's own error and the text as typed.
        assert isinstance(app.screen, TitleModal), screen_text(pilot)
        error = app.screen.query_one("#field-saved-title").error
        assert "タイトルに使えない制御文字が含まれています（U+0000）" in error
        assert "ValidationError" not in screen_text(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "土日休み")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "検索条件「土日休み」を保存しました。" in screen_text(pilot)


def test_a_request_the_client_refuses_is_explained_by_field() -> None:
    """Wherever else a pasted control character reaches a request body, the message names
    the field in the user's language instead of showing pydantic's text."""
    try:
        JobSearchRequest(words="介護\x1b[31m")
    except ValueError as exc:
        set_language("en")
        info = explain(exc)
    else:
        raise AssertionError("the request model accepted a control character")
    assert info.message == "Some input is not valid. Check the message under each field."
    assert info.fields == {
        "words": [
            "The Field contains control characters that are not allowed (U+001B). Remove them."
        ]
    }
