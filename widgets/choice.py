"""A labelled choice (one of a list, or several) with a note line and an error line, the
`Field` of things that are picked rather than typed.

Single choices are a RadioSet whose buttons show (●)/( ), several are tick boxes [✓]/[ ]: the
state is readable without colour. Values are the option ids (strings); the screen maps them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import RadioButton, RadioSet

from widgets.checkbox import TickBox
from widgets.field import FieldFrame


class Radio(RadioButton):
    BUTTON_LEFT = "("
    BUTTON_RIGHT = ")"

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class ChoiceGroup(FieldFrame):
    """Label + radio set (single) or tick boxes (multi) + note + error."""

    DEFAULT_CSS = """
    ChoiceGroup { height: auto; margin: 0 0 1 0; }
    ChoiceGroup > RadioSet { width: auto; }
    ChoiceGroup > RadioSet:focus { border: heavy $accent; }
    ChoiceGroup > .choice--boxes { height: auto; }
    ChoiceGroup TickBox { margin: 0; }
    """

    def __init__(self, *, group_id: str, options: list[str], multi: bool = False) -> None:
        super().__init__(id=f"field-{group_id}")
        self.group_id = group_id
        self.options = list(options)
        self.multi = multi

    def compose(self) -> ComposeResult:
        yield self.heading
        if self.multi:
            with Vertical(classes="choice--boxes"):
                for option in self.options:
                    yield TickBox("", id=f"{self.group_id}--{option}")
        else:
            with RadioSet(id=self.group_id):
                for option in self.options:
                    yield Radio("", id=f"{self.group_id}--{option}")
        yield self.messages

    def _button(self, option: str) -> TickBox | Radio:
        if self.multi:
            return self.query_one(f"#{self.group_id}--{option}", TickBox)
        return self.query_one(f"#{self.group_id}--{option}", Radio)

    def set_label(self, label: str, options: dict[str, str], hint: str = "") -> None:
        self.heading.set(label, hint)
        for option in self.options:
            self._button(option).label = options.get(option, option)

    @property
    def value(self) -> str | list[str] | None:
        chosen = [o for o in self.options if self._button(o).value]
        if self.multi:
            return chosen
        return chosen[0] if chosen else None

    @value.setter
    def value(self, value: str | list[str] | None) -> None:
        wanted = set(value if isinstance(value, list) else [value] if value else [])
        for option in self.options:
            button = self._button(option)
            with button.prevent(RadioButton.Changed):
                button.value = option in wanted
        if not self.multi:
            radio_set = self.query_one(RadioSet)
            # Keep RadioSet's idea of the pressed button in step with ours.
            pressed = [self.query_one(f"#{self.group_id}--{o}", Radio) for o in wanted]
            radio_set._pressed_button = pressed[0] if pressed else None

    def focus_control(self) -> None:
        if self.multi:
            self.query(TickBox).first().focus()
        else:
            self.query_one(RadioSet).focus()
