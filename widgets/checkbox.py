"""A checkbox whose state is visible without colour: [✓] when on, [ ] when off."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox


class TickBox(Checkbox):
    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    class Resized(Message):
        """The box was laid out at another width (its label changed language): a form
        that fits rows of boxes to its width measures them again."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
