"""A Gregorian date typed as year / month / day in three inputs, with a note and an error line.

The value is "YYYY-M-D" as typed (full-width digits included): the shared rules normalise and
check it, so what the user typed is kept even when it is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from widgets.field import FieldFrame
from widgets.text_input import TextInput


class DateField(FieldFrame):
    DEFAULT_CSS = """
    DateField { height: auto; margin: 0 0 1 0; }
    DateField > Horizontal { height: auto; }
    DateField Input { width: 12; }
    DateField Input.date--year { width: 14; }
    DateField .date--unit { width: auto; padding: 1 1 0 0; }
    """

    PARTS = ("year", "month", "day")

    def __init__(self, *, input_id: str) -> None:
        super().__init__(id=f"field-{input_id}")
        self.input_id = input_id

    def compose(self) -> ComposeResult:
        yield self.heading
        with Horizontal():
            for part, width in zip(self.PARTS, (4, 2, 2), strict=True):
                yield TextInput(
                    id=f"{self.input_id}-{part}", max_length=width * 2, classes=f"date--{part}"
                )
                yield Static(
                    "", classes="date--unit", id=f"{self.input_id}-{part}-unit", markup=False
                )
        yield self.messages

    def part(self, name: str) -> Input:
        return self.query_one(f"#{self.input_id}-{name}", Input)

    @property
    def input(self) -> Input:
        return self.part("year")

    def invalid_inputs(self) -> Iterable[Widget]:
        return [self.part(p) for p in self.PARTS]

    def set_label(self, label: str, units: tuple[str, str, str], hint: str = "") -> None:
        self.heading.set(label, hint)
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
