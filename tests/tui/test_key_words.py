"""Remapped keys work and are the ones shown; Textual's own keys read in the UI language
("esc Dismiss menu" showed in the Japanese UI)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.widgets import Select

from screens.jump import JumpOverlay
from strings.i18n import set_language
from tests.tui.helpers import settle
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar


async def test_a_remapped_key_works_and_is_the_one_shown(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(keymap={"key.jump": "f9"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = dict(app.screen.query_one(KeyBar).items())
        assert keys.get("f9") == "ジャンプ" and "^g" not in keys
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert not isinstance(app.screen, JumpOverlay)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, JumpOverlay)
        await pilot.press("f9")  # the jump key again closes it
        await settle(pilot)
        assert not isinstance(app.screen, JumpOverlay)


class _SelectApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("一", 1), ("二", 2)], id="choice")
        yield KeyBar()


async def test_textuals_own_keys_are_shown_in_japanese() -> None:
    set_language("ja")
    app = _SelectApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(Select).focus()
        await pilot.press("enter")  # the choices open: their Esc is shown in the key line
        await pilot.pause()
        shown = dict(app.screen.query_one(KeyBar).items())
        assert shown.get("esc") == "選択肢を閉じる", shown
        assert "Dismiss menu" not in shown.values()
