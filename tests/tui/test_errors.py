"""Failures the user must be able to recover from without losing input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from api_client.device_store import DeviceTokenStore
from screens.login import LoginScreen
from tests.tui.flows import SIZE, sign_in
from tests.tui.helpers import screen_text, settle
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, MemoryKeyring
from tui.app import HelloWorkApp
from tui.paths import Paths, free_loopback_port


async def test_unreachable_server_keeps_input_and_enter_retries(tmp_path: Path) -> None:
    app = HelloWorkApp(
        server_url=f"http://127.0.0.1:{free_loopback_port()}",  # nothing listens here
        paths=Paths(data_dir=tmp_path, config_dir=tmp_path / "config"),
        device_store=DeviceTokenStore(MemoryKeyring()),
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, LoginScreen)
        text = screen_text(pilot)
        assert "サーバーに接続できませんでした" in text
        assert "Enter でもう一度お試しください" in text
        assert app.screen.query_one("#email").value == DEMO_EMAIL
        assert app.screen.query_one("#password").value == DEMO_PASSWORD
        # One key retries (and fails the same way, without crashing).
        await pilot.press("enter")
        await settle(pilot)
        assert "サーバーに接続できませんでした" in screen_text(pilot)


async def test_lang_option_overrides_saved_setting(make_app: Callable[..., HelloWorkApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Job-seeker MyPage login" in screen_text(pilot)
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Forgot password", "Quit", "日本語"} <= footer
    # --lang is for this run only: nothing was saved.
    assert not app.paths.settings_file.exists()
