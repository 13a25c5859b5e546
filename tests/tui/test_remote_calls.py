"""The one way a screen calls the server (screens/base.py RemoteCalls.call), against the real
server: "working…" only when the answer takes a moment, the latest answer only, expected
errors to their handler by class and any other to one message, and a lost session signed in
again over the same screen with its input kept and the call made again."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input

import widgets.message_line
from api_client import errors
from api_client.client import MyPageClient
from screens.base import NO_ANSWER, BaseScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from screens.session import ReauthModal
from tests.tui.flows import SIZE, database_with_postings, focus, open_search, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_PASSWORD, TuiServer
from tui.app import HelloWorkApp
from widgets.message_line import MessageLine

UNKNOWN_JOB = "99999-99999999"


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


class Probe(BaseScreen):
    """A screen with nothing but its message line, to call through."""

    def compose(self) -> ComposeResult:
        yield MessageLine(id="message")

    @property
    def line(self) -> MessageLine:
        return self.query_one("#message", MessageLine)


async def probe(pilot: Pilot[Any], server: TuiServer) -> Probe:
    await sign_in_to_home(pilot, server)
    screen = Probe()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def held(
    release: asyncio.Event, started: asyncio.Event | None = None
) -> Callable[[MyPageClient], Awaitable[Any]]:
    """A real request (the server's meta) whose answer is held until `release` is set."""

    async def request(client: MyPageClient) -> Any:
        answer = await client.meta()
        if started is not None:
            started.set()
        await release.wait()
        return answer

    return request


async def until(pilot: Pilot[Any], condition: Callable[[], bool], limit: int = 5000) -> None:
    """Let the app run until `condition` holds (no sleeps: one pause at a time)."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


async def test_working_line_only_when_the_answer_takes_a_moment(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await probe(pilot, tui_server)
        # An answer before the delay: the line never says "working…".
        monkeypatch.setattr(widgets.message_line, "BUSY_DELAY", 3600.0)
        answer = await screen.call(lambda c: c.meta(), busy=lambda: "WORKING")
        assert answer is not NO_ANSWER
        await settle(pilot)
        assert "WORKING" not in screen.line.text
        # An answer after the delay: "working…" meanwhile, gone with the answer.
        monkeypatch.setattr(widgets.message_line, "BUSY_DELAY", 0.01)
        release = asyncio.Event()
        task = asyncio.create_task(screen.call(held(release), busy=lambda: "WORKING"))
        await until(pilot, lambda: "WORKING" in screen.line.text)
        assert "…" in str(screen.line.render())  # marked by a symbol, not colour alone
        release.set()
        assert await task is not NO_ANSWER
        await settle(pilot)
        assert screen.line.text == ""


async def test_only_the_latest_answer_counts(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await probe(pilot, tui_server)
        release, started = asyncio.Event(), asyncio.Event()
        older = asyncio.create_task(screen.call(held(release, started), latest="k"))
        await started.wait()
        newer = await screen.call(lambda c: c.meta(), latest="k")
        assert newer is not NO_ANSWER
        release.set()
        assert await older is NO_ANSWER  # it answered after a newer call of its kind
        # Another kind is not affected by "k".
        assert await screen.call(lambda c: c.meta(), latest="other") is not NO_ANSWER
        # An answer for a screen that is gone goes nowhere, and nothing is shown of it.
        release, started = asyncio.Event(), asyncio.Event()
        late = asyncio.create_task(screen.call(held(release, started), busy=lambda: "WORKING"))
        await started.wait()
        await app.pop_screen()
        await settle(pilot)
        assert app.screen is not screen and not screen.is_attached
        release.set()
        assert await late is NO_ANSWER
        await settle(pilot)
        assert "WORKING" not in screen_text(pilot)


async def test_expected_errors_go_to_their_handler_and_others_to_one_message(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await probe(pilot, tui_server)
        handled: list[BaseException] = []
        answer = await screen.call(
            lambda c: c.job_sheet(UNKNOWN_JOB),
            busy=lambda: "WORKING",
            failed="sheet.failed",
            on={errors.NotFound: handled.append},
        )
        await settle(pilot)
        assert answer is NO_ANSWER
        assert [type(e) for e in handled] == [errors.NotFound]
        assert screen.line.text == ""  # the handler says what it wants; the line is clear
        # Not expected: one message, the screen's words with the reason in them, marked ✖.
        answer = await screen.call(lambda c: c.job_sheet(UNKNOWN_JOB), failed="sheet.failed")
        await settle(pilot)
        assert answer is NO_ANSWER
        assert screen.line.showing_error
        assert str(screen.line.render()).startswith("✖")
        assert "求人票を読み込めませんでした" in screen.line.text, screen.line.text
        assert "見つかりませんでした" in screen.line.text, screen.line.text
        # A later answer makes the old error go.
        assert await screen.call(lambda c: c.meta()) is not NO_ANSWER
        await settle(pilot)
        assert not screen.line.showing_error


async def test_a_lost_session_keeps_the_form_and_searches_once_signed_in_again(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(pilot, tui_server)
        await focus(pilot, "words")
        await type_text(pilot, "開発")
        tui_server.clock.advance(timedelta(minutes=31))  # the server's idle limit is 30
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReauthModal), screen_text(pilot)
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        # Signed in again: the search the session was lost on ran, with what was typed.
        assert isinstance(app.screen, ResultsScreen), screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is search and isinstance(search, SearchScreen)
        assert search.query_one("#words", Input).value == "開発"
