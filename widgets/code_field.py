"""A code chosen from a list, shown by its name: 希望職種, 都道府県, 市区町村.

Nobody should have to know that 一般事務員 is 0101 or 千代田区 is 13101. The control shows the
chosen name (the code after it, for the counter), Enter or Space asks the screen to open the
list (`CodeField.Pick`), Delete or BackSpace empties it. The value is still the code: the form
reads and writes it as before, and the screen supplies the name (`show_name`) once it knows
the reference list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from strings.i18n import t
from widgets.field import FieldFrame
from widgets.localise import localise_bindings

CodeKind = Literal["occupation", "prefecture", "municipality"]


class CodeButton(Widget, can_focus=True):
    """The one-line control: "一般事務員（0101）" or the empty text, ▸ … ◂ when focused."""

    DEFAULT_CSS = """
    CodeButton { width: auto; min-width: 24; height: 1; padding: 0 1; background: $panel; }
    CodeButton:focus { text-style: bold reverse; }
    CodeButton.-invalid { text-style: bold underline; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "pick", "Choose", id="key.code.pick"),
        Binding("delete,backspace", "clear", "Clear", id="key.code.clear"),
    ]

    def __init__(self, owner: CodeField, *, id: str) -> None:
        super().__init__(id=id)
        self.owner = owner
        self.text = ""
        localise_bindings(self, refresh=False)

    def render(self) -> Text:
        mark = ("▸ ", " ◂") if self.has_focus else ("", "")
        return Text(mark[0] + self.text + mark[1], end="")

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refresh(layout=True)

    def action_pick(self) -> None:
        self.post_message(CodeField.Pick(self.owner))

    def action_clear(self) -> None:
        self.owner.value = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return bool(self.owner.value)
        return True


class CodeField(FieldFrame):
    """Label + the chosen name + note + error; `value` is the code ("" when none)."""

    DEFAULT_CSS = """
    CodeField { height: auto; margin: 0 0 1 0; }
    """

    class Pick(Message):
        """The user asks for the list (bubbles to the screen, which opens the picker)."""

        def __init__(self, field: CodeField) -> None:
            super().__init__()
            self.field = field

    class Changed(Message):
        def __init__(self, field: CodeField) -> None:
            super().__init__()
            self.field = field

    def __init__(self, *, input_id: str, kind: CodeKind) -> None:
        super().__init__(id=f"field-{input_id}")
        self.kind: CodeKind = kind
        self._code = ""
        self._name: str | None = None
        self.empty_text = ""
        self.button = CodeButton(self, id=input_id)

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.button
        yield self.messages

    def invalid_inputs(self) -> Iterable[Widget]:
        return (self.button,)

    @property
    def input(self) -> CodeButton:
        return self.button

    @property
    def value(self) -> str:
        return self._code

    @value.setter
    def value(self, code: str) -> None:
        if code == self._code:
            return
        self._code = code
        self._name = None
        self._render_text()
        self.button.refresh_bindings()
        self.post_message(self.Changed(self))

    def show_name(self, name: str | None) -> None:
        """The name of the current code (None: not known, the code alone is shown)."""
        self._name = name
        self._render_text()

    def set_label(self, label: str, hint: str = "", empty: str = "") -> None:
        self.heading.set(label, hint)
        self.empty_text = empty
        self._render_text()

    def _render_text(self) -> None:
        if not self._code:
            text = self.empty_text
        elif self._name:
            text = t("code.named", name=self._name, code=self._code)
        else:
            text = self._code
        if text != self.button.text:
            self.button.text = text
            self.button.refresh(layout=True)
