"""A labelled input with its note and error, and the parts every field widget shares.

A field is its heading (label, and an optional hint under it), its control, and one message
widget holding the note (ℹ) and the error (✖) lines. The error carries a symbol and words,
never colour alone, and the message itself names the field and says what to do (the screen
builds it from the i18n catalogue). Heading and messages are one widget each, so a form of
many fields stays cheap to mount and lay out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from strings.marks import ERROR, NOTE, marked
from widgets.text_input import TextInput

# A message, or a function that builds it (re-run when the display language changes).
Message = str | Callable[[], str] | None


def _text(message: Message) -> str:
    return (message() if callable(message) else message) or ""


class FieldHeading(Static):
    """The label of a field in bold and, on the line under it, an optional hint."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"field-heading--label", "field-heading--hint"}
    DEFAULT_CSS = """
    FieldHeading > .field-heading--label { text-style: bold; }
    FieldHeading > .field-heading--hint { color: $text-muted; }
    """

    def __init__(self, label: str = "", hint: str = "") -> None:
        super().__init__(markup=False)
        self.label, self.hint = label, hint

    def set(self, label: str, hint: str = "") -> None:
        if (label, hint) != (self.label, self.hint):
            self.label, self.hint = label, hint
            self.refresh(layout=True)

    def render(self) -> Text:
        text = Text(self.label, self.get_component_rich_style("field-heading--label"), end="")
        if self.hint:
            text.append("\n")
            text.append(self.hint, self.get_component_rich_style("field-heading--hint"))
        return text


class FieldMessages(Static):
    """The note line and the error line of a field; takes no room while both are empty."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"field-messages--error"}
    DEFAULT_CSS = """
    FieldMessages { display: none; }
    FieldMessages.-shown { display: block; }
    FieldMessages > .field-messages--error { text-style: bold; color: $text-error; }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)
        self.note = ""
        self.error = ""

    def set(self, *, note: str, error: str) -> None:
        if (note, error) == (self.note, self.error):
            return  # unchanged: no refresh, so no layout (forms clear every error on submit)
        self.note, self.error = note, error
        self.set_class(bool(note or error), "-shown")
        self.refresh(layout=True)

    def render(self) -> Text:
        text = Text(end="")
        if self.note:
            text.append(marked(NOTE, self.note))
        if self.error:
            if self.note:
                text.append("\n")
            text.append(
                marked(ERROR, self.error), self.get_component_rich_style("field-messages--error")
            )
        return text


class FieldFrame(Vertical):
    """Heading, note and error of a field widget; subclasses compose the control between
    `heading` and `messages` and say which inputs turn red with an error."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._error: Message = None
        self._note: Message = None
        self.heading = FieldHeading()
        self.messages = FieldMessages()

    def invalid_inputs(self) -> Iterable[Widget]:
        """The controls marked invalid (class -invalid) while there is an error."""
        return ()

    @property
    def error(self) -> str:
        return self.messages.error

    @property
    def note(self) -> str:
        return self.messages.note

    def set_error(self, message: Message) -> None:
        self._error = message
        self._show()

    def set_note(self, message: Message) -> None:
        self._note = message
        self._show()

    def _show(self) -> None:
        error = _text(self._error)
        self.messages.set(note=_text(self._note), error=error)
        for control in self.invalid_inputs():
            control.set_class(bool(error), "-invalid")

    def rebuild_messages(self) -> None:
        """Re-run message builders (after a language switch)."""
        self._show()


class Field(FieldFrame):
    """Label + Input + note + error. `input_id` becomes the Input's id."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
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
        self.heading.set(label, hint)
        self._input = TextInput(
            value=value,
            password=password,
            id=input_id,
            max_length=max_length,
            placeholder=placeholder,
        )

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self._input
        yield self.messages

    def invalid_inputs(self) -> Iterable[Widget]:
        return (self._input,)

    @property
    def input(self) -> TextInput:
        return self._input

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text

    def set_label(self, label: str, hint: str = "") -> None:
        self.heading.set(label, hint)
