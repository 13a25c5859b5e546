"""A one-line button: Enter, Space or a click presses it.

Textual's `Button` draws three rows with a tall border and brings some 7 KB of default CSS
(every variant and state) that is parsed before the first screen with a button can paint —
the largest single cost of showing the login screen. Our forms need far less: a label, a
visible focus, a disabled state and the "primary"/"error" emphasis. One row also leaves more
of a small terminal for the form itself.

Focus is shown by "▸ … ◂" around the label and reverse video, never by colour alone; a
disabled button is dimmed, cannot take focus and ignores presses.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

Variant = Literal["default", "primary", "error"]


class PushButton(Widget, can_focus=True):
    DEFAULT_CSS = """
    PushButton {
        width: auto;
        min-width: 16;
        height: 1;
        margin: 1 0 0 0;
        padding: 0 1;
        content-align: center middle;
        background: $panel;
        text-style: bold;
    }
    PushButton.-primary { background: $primary; color: $text; }
    PushButton.-error { background: $error; color: $text; }
    PushButton:focus { text-style: bold reverse; }
    PushButton:disabled { text-style: dim; }
    PushButton.link {
        margin: 0;
        min-width: 0;
        padding: 0;
        background: transparent;
        text-style: none;
    }
    PushButton.link:focus { text-style: bold reverse; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", show=False),
        Binding("space", "press", show=False),
    ]

    label: reactive[str] = reactive("", layout=True)

    class Pressed(Message):
        """Posted when the button is pressed (bubbles to the screen)."""

        def __init__(self, button: PushButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> PushButton:
            return self.button

    def __init__(
        self,
        label: str = "",
        variant: Variant = "default",
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        if variant != "default":
            self.add_class(f"-{variant}")
        self.set_reactive(PushButton.label, label)

    def render(self) -> Text:
        # The same width either way: moving focus never re-lays the form out.
        if self.has_class("link"):  # underlined text after the focus mark
            return Text.assemble("▸ " if self.has_focus else "  ", (self.label, "underline"))
        return Text(f"▸ {self.label} ◂" if self.has_focus else f"  {self.label}  ")

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def press(self) -> None:
        if not self.disabled:
            self.post_message(self.Pressed(self))

    def action_press(self) -> None:
        self.press()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.press()
