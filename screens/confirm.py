"""Yes / no, with the consequences spelled out; the safe answer (No) has the focus."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from screens.base import BaseModal
from strings.i18n import t
from widgets.push_button import PushButton


class ConfirmModal(BaseModal[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "yes", "Yes", id="key.yes"),
        Binding("n", "no", show=False),
        Binding("escape", "no", "No", id="key.no"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static(self.text, id="body", markup=False)
            yield PushButton("", id="yes", variant="primary")
            yield PushButton("", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", PushButton).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("confirm.title"))
        self.query_one("#yes", PushButton).label = t("key.yes") + " (Y)"
        self.query_one("#no", PushButton).label = t("key.no") + " (Esc)"

    @on(PushButton.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(PushButton.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
