"""求職登録の完了: the assigned 求職番号 and office (seed 001 ⑧: note the number down)."""

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


class RegistrationDoneScreen(BaseModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Home", id="key.reg.home"),
    ]

    def __init__(self, seeker_number: str, office_name: str) -> None:
        super().__init__()
        self.seeker_number = seeker_number
        self.office_name = office_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="body", markup=False)
            yield Static(self.seeker_number, id="seeker-number", classes="name", markup=False)
            yield PushButton("", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", PushButton).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("reg.done_title"))
        self.query_one("#body", Static).update(t("reg.done_body", office=self.office_name))
        self.query_one("#ok", PushButton).label = t("reg.to_home")

    @on(PushButton.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss()
