"""Each screen sets its texts once when mounted: Textual already runs the on_mount of every
class in the MRO, so a screen calling super().on_mount() as well did all of it twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

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
