"""Every screen walked by keys only at 80×24 against the real server (issue 12, Tests): Tab
reaches each control on screen, and each key of the key line works and comes back with Esc.

Screens walked here (those that had no 80×24 walk): login, password reset, mailbox, MyPage
opening (code and online), re-registration, OTP, Home, 求職者情報 and its seven section
forms, settings, password change, e-mail change, withdrawal, search form, results, job sheet,
favorites and checked, saved conditions, 求職活動状況, メッセージ, help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.job_sheet import JobSheetScreen
from screens.login import LoginScreen
from screens.otp import OtpScreen
from screens.profile import ProfileEditScreen, ProfileScreen
from screens.results import ResultsScreen
from screens.saved_conditions import SavedConditionsScreen
from screens.search import SearchScreen
from screens.settings import EmailChangeScreen, PasswordChangeScreen, SettingsScreen
from tests.tui.flows import database_with_postings, sign_in
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from tests.tui.walks import walk, walk_focus
from tui.app import HelloWorkApp

SIZE = (80, 24)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


async def to_home(pilot, server: TuiServer) -> None:  # type: ignore[no-untyped-def]
    pilot.app.animation_level = "none"
    await sign_in(pilot)
    assert isinstance(pilot.app.screen, OtpScreen), screen_text(pilot)
    await walk(pilot, skip=frozenset({"ctrl+o"}))  # the OTP screen (its mailbox: below)
    await type_text(pilot, server.latest_otp())
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen), screen_text(pilot)


async def open_and_walk(pilot, key: str, kind: type | None = None) -> None:  # type: ignore[no-untyped-def]
    """Press `key`, walk what opens, and come back with Esc."""
    before = pilot.app.screen
    await pilot.press(key)
    await settle(pilot)
    opened = pilot.app.screen
    assert opened is not before, f"{key} opened nothing"
    if kind is not None:
        assert isinstance(opened, kind), (key, type(opened).__name__)
    await walk(pilot)
    if pilot.app.screen is opened:
        await pilot.press("escape")
        await settle(pilot)
    assert pilot.app.screen is before, (key, type(pilot.app.screen).__name__)


async def test_walk_the_signed_out_screens(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await walk_focus(pilot)
        for key in ("ctrl+r", "ctrl+o", "f2", "f3", "f4"):
            await open_and_walk(pilot, key)
        await open_and_walk(pilot, "f1", HelpScreen)


async def test_walk_home_profile_and_settings(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_home(pilot, tui_server)
        await walk(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await walk(pilot, skip=frozenset({"s"}))
        for step in "1234567":
            # Each section's form, without saving it (Ctrl+S is the form tests' own).
            before = app.screen
            await pilot.press(step)
            await settle(pilot)
            assert isinstance(app.screen, ProfileEditScreen), step
            await walk(pilot, skip=frozenset({"ctrl+s"}))
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is before, step
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await walk_focus(pilot)
        await open_and_walk(pilot, "ctrl+p", PasswordChangeScreen)
        await open_and_walk(pilot, "ctrl+e", EmailChangeScreen)
        await open_and_walk(pilot, "ctrl+w")  # the withdrawal dialog, left with Esc
        await open_and_walk(pilot, "ctrl+r")  # 有効⇔無効, asked first: Esc says no
        await open_and_walk(pilot, "ctrl+d")
        assert "求職登録: 有効" in screen_text(pilot)


async def test_walk_search_results_sheet_favorites_and_saved(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_home(pilot, tui_server)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await walk_focus(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen), screen_text(pilot)
        await walk(pilot, skip=frozenset({"c", "v"}))  # their screens: walked below
        await pilot.press("space")  # check the first posting …
        await open_and_walk(pilot, "c")  # … and walk the checked list
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JobSheetScreen), screen_text(pilot)
        await walk(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # back to the form
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("f2")  # save the conditions, so the saved list has one
        await settle(pilot)
        await type_text(pilot, "全部")
        await pilot.press("enter")
        await settle(pilot)
        await open_and_walk(pilot, "f4", SavedConditionsScreen)
        await pilot.press("alt+5")  # お気に入り・チェック
        await settle(pilot)
        await walk(pilot)


async def test_walk_activity_and_messages(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_home(pilot, tui_server)
        for pane in ("alt+3", "alt+4"):
            await pilot.press(pane)
            await settle(pilot)
            await walk(pilot)
