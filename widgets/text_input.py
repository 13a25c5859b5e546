"""The one-line text input of every form: one key never wipes a field, and Ctrl+Z undoes.

Textual's Input selects all of its text when it gets the focus, so after a validation error
(the form focuses the first bad field) a single BackSpace erased, say, a 100-character
仕事内容. Here focus leaves the cursor where it was (at the end of a filled field), and every
change can be undone with Ctrl+Z (and redone with Ctrl+Y); the key shows in the key line as
soon as there is something to undo. A run of characters typed one after another is one step,
as in any editor. Password inputs keep no history: no second copy of a secret in memory.
A full-width space is typed like any other character (Textual's Input dropped it).
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from widgets.localise import localise_bindings

UNDO_LIMIT = 100


class TextInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "Undo", id="key.undo"),
        Binding("ctrl+y", "redo", "Redo", id="key.redo", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self._undo: list[str] = []
        self._redo: list[str] = []
        self._seen = self.value  # the value the last Changed message carried
        self._typing = False  # the last change typed one character: the next one joins it
        self._applying: str | None = None  # a value being restored by undo / redo
        localise_bindings(self, refresh=False)

    # Textual calls the handler of every class in the MRO: these run before Input's own.

    def _on_focus(self, event: events.Focus) -> None:
        self.cursor_position = len(self.value)  # at the end, whatever was there before

    async def _on_key(self, event: events.Key) -> None:
        # Textual inserts only what str.isprintable() accepts, which drops the full-width
        # space (U+3000) an IME types between 姓 and 名 or in an address: insert it too.
        char = event.character
        if char and len(char) == 1 and unicodedata.category(char) == "Zs" and char != " ":
            event.stop()
            event.prevent_default()  # Input's handler is not run after this one
            if self.selection.is_empty:
                self.insert_text_at_cursor(char)
            else:
                self.replace(char, *self.selection)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @on(Input.Changed)
    def _remember(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        before, after = self._seen, event.value
        if before == after:
            return  # the first value, announced when mounted
        self._seen = after
        if self._applying is not None and after == self._applying:
            self._applying = None
            return
        if self.password:
            return
        typed_one = len(after) == len(before) + 1 and self.cursor_position > 0
        if not (typed_one and self._typing):
            self._push(before)
        self._typing = typed_one
        self._redo.clear()

    def _push(self, value: str) -> None:
        was_empty = not self._undo
        self._undo.append(value)
        del self._undo[:-UNDO_LIMIT]
        if was_empty:
            self.refresh_bindings()  # the key line now offers Ctrl+Z

    def _restore(self, value: str) -> None:
        if value == self.value:
            return
        self._applying = value
        self._typing = False
        self.value = value
        self.cursor_position = len(value)
        if not self._undo:
            self.refresh_bindings()

    def action_undo(self) -> None:
        if self._undo:
            self._redo.append(self.value)
            self._restore(self._undo.pop())

    def action_redo(self) -> None:
        if self._redo:
            self._undo.append(self.value)
            self._restore(self._redo.pop())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.can_undo
        if action == "redo":
            return bool(self._redo)
        return super().check_action(action, parameters)

    def forget_history(self) -> None:
        """Drop what could be undone (a form emptied on purpose, a user signing out): the
        value now is the start, so a change still on its way is not remembered either."""
        self._undo.clear()
        self._redo.clear()
        self._typing = False
        self._seen = self.value
        self.refresh_bindings()
