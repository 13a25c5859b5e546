"""Each screen sets its texts once when mounted: Textual already runs the on_mount of every
class in the MRO, so a screen calling super().on_mount() as well did all of it twice. And a
pane asks the server for what it shows once when it opens, and once on each return."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from api_client.client import MyPageClient
from screens.favorites import FavoritesScreen
from screens.home import HomeScreen
from screens.login import LoginScreen
from screens.search import SearchScreen
from tests.tui.flows import SIZE, sign_in_to_home
from tests.tui.helpers import settle
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp


async def test_texts_are_applied_once_per_mount(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: Counter[str] = Counter()
    for cls in (LoginScreen, HomeScreen, SearchScreen):
        original = cls.apply_language

        def counted(self: object, original: Callable[[object], None] = original) -> None:
            calls[type(self).__name__] += 1
            original(self)

        monkeypatch.setattr(cls, "apply_language", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await settle(pilot)
        assert calls["LoginScreen"] == 1
        await sign_in_to_home(pilot, tui_server)
        assert calls["HomeScreen"] == 1
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert calls["SearchScreen"] == 1
        await pilot.press("ctrl+t")  # a language switch applies them again, once
        await settle(pilot)
        assert calls["SearchScreen"] == 2


async def test_a_pane_loads_once_when_opened_and_once_per_return(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual announces the first screen of a new pane as resumed twice (the pane is made,
    then switched to): taking each for a return had Home fetch its three sections twice
    while signing in, and お気に入り its list twice on the first visit."""
    calls: Counter[str] = Counter()
    for name in ("home", "saved_searches", "home_activity", "favorites"):
        original = getattr(MyPageClient, name)

        async def counted(
            self: MyPageClient, name: str = name, original: Callable[..., object] = original
        ) -> object:
            calls[name] += 1
            return await original(self)  # type: ignore[misc]

        monkeypatch.setattr(MyPageClient, name, counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        await settle(pilot)
        assert calls == {"home": 1, "saved_searches": 1, "home_activity": 1}
        await pilot.press("5")  # お気に入り, first visit
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)
        assert calls["favorites"] == 1
        await pilot.press("escape", "1")  # back to Home: it reloads what may have changed
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert calls == {"home": 2, "saved_searches": 2, "home_activity": 2, "favorites": 1}
        await pilot.press("5")  # and お気に入り again
        await settle(pilot)
        assert calls["favorites"] == 2
