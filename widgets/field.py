"""A labelled input with a note line and an error line.

The error line carries a symbol and words, never colour alone, and the message itself names
the field and says what to do (the screen builds it from the i18n catalogue).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

# A message, or a function that builds it (re-run when the display language changes).
Message = str | Callable[[], str] | None

ERROR_MARK = "✖\u00a0"
NOTE_MARK = "ℹ\u00a0"


class Field(Vertical):
    """Label + Input + note + error. `input_id` becomes the Input's id."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field--label { text-style: bold; }
    Field > .field--hint { color: $text-muted; }
    Field > .field--note { display: none; }
    Field > .field--note.-shown { display: block; }
    Field > .field--error { display: none; text-style: bold; color: $text-error; }
    Field > .field--error.-shown { display: block; }
    """

    def __init__(
        self,
        label: str,
        *,
        input_id: str,
        password: bool = False,
        hint: str = "",
        value: str = "",
        max_length: int = 0,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id or f"field-{input_id}")
        self._label = label
        self._hint = hint
        self._error: Message = None
        self._note: Message = None
        self._input = Input(
            value=value,
            password=password,
            id=input_id,
            max_length=max_length,
            placeholder=placeholder,
        )

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field--label")
        yield Static(self._hint, classes="field--hint")
        yield self._input
        yield Static("", classes="field--note", markup=False)
        yield Static("", classes="field--error", markup=False)

    def on_mount(self) -> None:
        self.query_one(".field--hint", Static).display = bool(self._hint)

    @property
    def input(self) -> Input:
        return self._input

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text

    @property
    def error(self) -> str:
        return str(self.query_one(".field--error", Static).content).removeprefix(ERROR_MARK)

    @property
    def note(self) -> str:
        return str(self.query_one(".field--note", Static).content).removeprefix(NOTE_MARK)

    def set_label(self, label: str, hint: str = "") -> None:
        self._label, self._hint = label, hint
        if self.is_mounted:
            self.query_one(".field--label", Label).update(label)
            hint_line = self.query_one(".field--hint", Static)
            hint_line.update(hint)
            hint_line.display = bool(hint)

    def set_error(self, message: Message) -> None:
        self._error = message
        text = message() if callable(message) else message
        line = self.query_one(".field--error", Static)
        shown = ERROR_MARK + text if text else ""
        if line.content == shown:
            return  # unchanged: no update, so no layout (forms clear every error on submit)
        line.update(shown)
        line.set_class(bool(text), "-shown")
        self._input.set_class(bool(text), "-invalid")

    def set_note(self, message: Message) -> None:
        self._note = message
        text = message() if callable(message) else message
        line = self.query_one(".field--note", Static)
        line.update(NOTE_MARK + text if text else "")
        line.set_class(bool(text), "-shown")

    def rebuild_messages(self) -> None:
        """Re-run message builders (after a language switch)."""
        self.set_error(self._error)
        self.set_note(self._note)
