"""Idle sign-out on a shared terminal (issue 12, items 1-2): a countdown, any key keeps the
session, and at zero the user is signed out leaving nothing of them behind.

Time is a clock the test moves; `app.idle.tick()` is what the app's timer calls.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from api_client import errors
from screens.home import HomeScreen
from screens.idle_warning import IdleWarningScreen
from screens.login import LoginScreen
from tests.tui.flows import SIZE, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_NAME, DEMO_SEEKER_NUMBER, TuiServer
from tests.tui.traces import assert_no_trace, holds
from tui.app import HelloWorkApp
from tui.idle_signout import IdleTimeoutError, resolve_timeout


class ManualClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def wait(pilot: object, clock: ManualClock, app: HelloWorkApp, seconds: float) -> None:
    clock.advance(seconds)
    app.idle.tick()
    await settle(pilot)  # type: ignore[arg-type]


async def test_idle_warning_counts_down_and_any_key_keeps_the_session(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    clock = ManualClock()
    app = make_app(kiosk=True, idle_timeout=60, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await wait(pilot, clock, app, 29)
        assert isinstance(app.screen, HomeScreen)  # 31 s left: no warning yet

        await wait(pilot, clock, app, 2)
        assert isinstance(app.screen, IdleWarningScreen)
        text = screen_text(pilot)
        assert "まもなく自動的にログアウトします" in text
        assert "あと 29 秒" in text
        await wait(pilot, clock, app, 10)
        assert "あと 19 秒" in screen_text(pilot)

        # Any key keeps the session, and does nothing else.
        focused = app.screen_stack[-2].focused
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is focused
        assert app.signed_in_email == DEMO_EMAIL

        # The count starts again from that key.
        await wait(pilot, clock, app, 29)
        assert isinstance(app.screen, HomeScreen)
        await wait(pilot, clock, app, 30)
        assert "あと 1 秒" in screen_text(pilot)
        token = app._client.session_token if app._client else None
        assert token

        await wait(pilot, clock, app, 1)
        assert isinstance(app.screen, LoginScreen)
        assert len(app.screen_stack) == 1
        assert "一定時間操作がなかったため、ログアウトしました。" in screen_text(pilot)
        assert app.signed_in_email is None

        # The server was told: the session is revoked, not left to expire.
        await app.get_client()  # waits for the sign-out to reach the server
        client = tui_server.client()
        client.session_token = token
        with pytest.raises((errors.SessionExpired, errors.NotAuthenticated)):
            await client.home()
        await client.aclose()

        # Nobody signed in: no warning however long the terminal waits.
        await wait(pilot, clock, app, 600)
        assert isinstance(app.screen, LoginScreen)


async def test_idle_in_english_and_off_outside_kiosk(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    clock = ManualClock()
    app = make_app(lang="en", clock=clock)  # no idle timeout given: never signs out
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await wait(pilot, clock, app, 10_000)
        assert isinstance(app.screen, HomeScreen)
        assert app.signed_in_email == DEMO_EMAIL


async def test_idle_countdown_in_english(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    clock = ManualClock()
    app = make_app(lang="en", idle_timeout=45, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await wait(pilot, clock, app, 20)
        text = screen_text(pilot)
        assert "You will be logged out soon" in text
        assert "25 s left" in text
        await wait(pilot, clock, app, 25)
        assert isinstance(app.screen, LoginScreen)
        assert "logged out because nothing was typed" in screen_text(pilot)


async def test_idle_clears_a_sign_in_left_half_done(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    clock = ManualClock()
    app = make_app(kiosk=True, idle_timeout=60, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait(pilot, clock, app, 100)
        assert isinstance(app.screen, LoginScreen)  # nothing typed: nothing to warn about
        await type_text(pilot, DEMO_EMAIL)
        await wait(pilot, clock, app, 40)
        assert isinstance(app.screen, IdleWarningScreen)
        await wait(pilot, clock, app, 20)
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.is_blank()
        assert DEMO_EMAIL not in screen_text(pilot)


async def test_idle_sign_out_leaves_no_trace(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    clock = ManualClock()
    app = make_app(kiosk=True, idle_timeout=60, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        for key in ("alt+2", "alt+5", "alt+6", "alt+3", "alt+4", "alt+1"):
            await pilot.press(key)
            await settle(pilot)
        # The search finds the user while they are signed in (so it can fail).
        assert holds(pilot, tui_server, DEMO_EMAIL)
        assert holds(pilot, tui_server, DEMO_NAME)
        assert holds(pilot, tui_server, DEMO_SEEKER_NUMBER)
        await wait(pilot, clock, app, 60)
        assert isinstance(app.screen, LoginScreen)
        await assert_no_trace(pilot, tui_server, tmp_path / "home")


async def test_chosen_sign_out_leaves_no_trace(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        for key in ("alt+6", "alt+2", "alt+5", "alt+1"):
            await pilot.press(key)
            await settle(pilot)
        app.drafts.update(DEMO_EMAIL, "message", {"body": f"{DEMO_NAME} の下書き"})
        assert holds(pilot, tui_server, DEMO_NAME)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "ログアウトしました。" in screen_text(pilot)
        await assert_no_trace(pilot, tui_server, tmp_path / "home")


def test_timeout_from_option_environment_and_kiosk_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HELLOWORK_IDLE_TIMEOUT", raising=False)
    assert resolve_timeout(None, kiosk=True) == 300
    assert resolve_timeout(None, kiosk=False) is None
    assert resolve_timeout("120", kiosk=False) == 120
    assert resolve_timeout("0", kiosk=True) is None
    monkeypatch.setenv("HELLOWORK_IDLE_TIMEOUT", "90")
    assert resolve_timeout(None, kiosk=False) == 90
    assert resolve_timeout(None, kiosk=True) == 90
    assert resolve_timeout("30", kiosk=True) == 30  # the option wins
    monkeypatch.setenv("HELLOWORK_IDLE_TIMEOUT", "five")
    with pytest.raises(IdleTimeoutError, match=r"HELLOWORK_IDLE_TIMEOUT.*number of seconds"):
        resolve_timeout(None, kiosk=True)
    with pytest.raises(IdleTimeoutError, match=r"--idle-timeout.*at least 10"):
        resolve_timeout("3", kiosk=True)
