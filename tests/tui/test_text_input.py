"""TextInput: focus keeps the text unselected; Ctrl+Z / Ctrl+Y undo and redo, typing coalesced."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from strings.i18n import set_language
from widgets.key_bar import KeyBar
from widgets.text_input import TextInput


class OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="other")
        yield TextInput(value="施設での介護", id="text")
        yield TextInput(password=True, id="secret")
        yield KeyBar()


async def test_focus_does_not_select_and_typing_is_one_undo_step() -> None:
    set_language("ja")
    app = OneField()
    async with app.run_test(size=(80, 24)) as pilot:
        text = app.query_one("#text", TextInput)
        await pilot.press("tab")  # from the first input to this one
        assert app.focused is text
        assert text.selection.is_empty and text.cursor_position == len(text.value)
        assert not text.can_undo
        assert "^z" not in str(app.query_one(KeyBar).render())  # nothing to undo yet
        await pilot.press("backspace")
        assert text.value == "施設での介"
        await pilot.press(*"abc")
        await pilot.pause()
        assert text.value == "施設での介abc"
        assert "^z 元に戻す" in str(app.query_one(KeyBar).render())
        await pilot.press("ctrl+z")  # the typed run goes at once
        await pilot.pause()
        assert text.value == "施設での介"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert text.value == "施設での介護"
        await pilot.press("ctrl+z")  # nothing more: nothing changes
        assert text.value == "施設での介護"
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert text.value == "施設での介abc"
        # Back to a field after moving its cursor: the cursor is at the end again.
        await pilot.press("home", "shift+tab", "tab")
        assert app.focused is text and text.cursor_position == len(text.value)
        await pilot.press("backspace")
        assert text.value == "施設での介ab"


async def test_a_password_keeps_no_history() -> None:
    app = OneField()
    async with app.run_test(size=(80, 24)) as pilot:
        secret = app.query_one("#secret", TextInput)
        secret.focus()
        await pilot.press(*"pw1")
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert not secret.can_undo
        await pilot.press("ctrl+z")
        assert secret.value == ""


async def test_a_fullwidth_space_is_typed_not_dropped() -> None:
    from tests.tui.helpers import type_text

    app = OneField()
    async with app.run_test(size=(80, 24)) as pilot:
        text = app.query_one("#text", TextInput)
        text.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "求職\u3000太郎")  # as a terminal delivers an IME's commit
        await pilot.pause()
        assert text.value == "求職\u3000太郎"
