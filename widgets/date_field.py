"""A Gregorian date typed as year / month / day in three inputs, with a note and an error line.

The value is "YYYY-M-D" as typed (full-width digits included): the shared rules normalise and
check it, so what the user typed is kept even when it is wrong.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from widgets.field import ERROR_MARK, NOTE_MARK, Message


class DateField(Vertical):
    DEFAULT_CSS = """
    DateField { height: auto; margin: 0 0 1 0; }
    DateField > .field--label { text-style: bold; }
    DateField > .field--hint { color: $text-muted; }
    DateField > Horizontal { height: auto; }
    DateField Input { width: 12; }
    DateField Input.date--year { width: 14; }
    DateField .date--unit { width: auto; padding: 1 1 0 0; }
    DateField > .field--note { display: none; }
    DateField > .field--note.-shown { display: block; }
    DateField > .field--error { display: none; text-style: bold; color: $text-error; }
    DateField > .field--error.-shown { display: block; }
    """

    PARTS = ("year", "month", "day")

    def __init__(self, *, input_id: str) -> None:
        super().__init__(id=f"field-{input_id}")
        self.input_id = input_id
        self._error: Message = None
        self._note: Message = None

    def compose(self) -> ComposeResult:
        yield Label("", classes="field--label")
        yield Static("", classes="field--hint")
        with Horizontal():
            for part, width in zip(self.PARTS, (4, 2, 2), strict=True):
                yield Input(
                    id=f"{self.input_id}-{part}", max_length=width * 2, classes=f"date--{part}"
                )
                yield Static("", classes="date--unit", id=f"{self.input_id}-{part}-unit")
        yield Static("", classes="field--note", markup=False)
        yield Static("", classes="field--error", markup=False)

    def part(self, name: str) -> Input:
        return self.query_one(f"#{self.input_id}-{name}", Input)

    @property
    def input(self) -> Input:
        return self.part("year")

    def set_label(self, label: str, units: tuple[str, str, str], hint: str = "") -> None:
        self.query_one(".field--label", Label).update(label)
        hint_line = self.query_one(".field--hint", Static)
        hint_line.update(hint)
        hint_line.display = bool(hint)
        for part, unit in zip(self.PARTS, units, strict=True):
            self.query_one(f"#{self.input_id}-{part}-unit", Static).update(unit)
            self.part(part).placeholder = unit

    @property
    def value(self) -> str:
        parts = [self.part(p).value.strip() for p in self.PARTS]
        return "-".join(parts) if any(parts) else ""

    @value.setter
    def value(self, text: str) -> None:
        pieces = text.split("-") if text else []
        if len(pieces) != 3:
            pieces = [text, "", ""] if text else ["", "", ""]
        for part, piece in zip(self.PARTS, pieces, strict=True):
            self.part(part).value = piece

    @property
    def error(self) -> str:
        return str(self.query_one(".field--error", Static).content).removeprefix(ERROR_MARK)

    @property
    def note(self) -> str:
        return str(self.query_one(".field--note", Static).content).removeprefix(NOTE_MARK)

    def set_error(self, message: Message) -> None:
        self._error = message
        text = message() if callable(message) else message
        line = self.query_one(".field--error", Static)
        line.update(ERROR_MARK + text if text else "")
        line.set_class(bool(text), "-shown")
        for part in self.PARTS:
            self.part(part).set_class(bool(text), "-invalid")

    def set_note(self, message: Message) -> None:
        self._note = message
        text = message() if callable(message) else message
        line = self.query_one(".field--note", Static)
        line.update(NOTE_MARK + text if text else "")
        line.set_class(bool(text), "-shown")

    def rebuild_messages(self) -> None:
        self.set_error(self._error)
        self.set_note(self._note)
