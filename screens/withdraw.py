"""退会: a confirmation dialog (what it means, the 30-day re-registration, the password and a
「退会します」 tick), then back to the login screen, which offers re-registration (F4)."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from api_client.validation import Problem
from screens.base import NO_ANSWER, BaseModal
from strings.i18n import t
from widgets.account_fields import show_problems
from widgets.checkbox import TickBox
from widgets.field import Field
from widgets.message_line import MessageLine
from widgets.push_button import PushButton


class WithdrawModal(BaseModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="key.back"),
        Binding("ctrl+s", "withdraw", "Withdraw", id="key.set.withdraw"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="body", markup=False)
            yield Field("", input_id="password", password=True, max_length=256)
            yield TickBox("", id="confirm")
            yield PushButton("", id="withdraw", variant="error")
            yield PushButton("", id="cancel")
            yield MessageLine(id="message")

    def on_mount(self) -> None:
        self.query_one("#password", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("withdraw.title"))
        self.query_one("#body", Static).update(t("withdraw.body"))
        self.query_one("#field-password", Field).set_label(t("field.password"))
        self.query_one("#confirm", TickBox).label = t("withdraw.tick")
        self.query_one("#withdraw", PushButton).label = t("withdraw.submit")
        self.query_one("#cancel", PushButton).label = t("withdraw.cancel")

    @on(PushButton.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss()

    @on(Input.Submitted, "#password")
    def _next(self) -> None:
        self.focus_next()

    @on(PushButton.Pressed, "#withdraw")
    def action_withdraw(self) -> None:
        field = self.query_one("#field-password", Field)
        ok = show_problems(field, "password", [] if field.value else [Problem("required")])
        message = self.query_one("#message", MessageLine)
        if not self.query_one("#confirm", TickBox).value:
            message.show(lambda: t("withdraw.must_tick"), error=True)
            return
        if ok:
            self.withdraw(field.value)

    @work(exclusive=True, group="withdraw")
    async def withdraw(self, password: str) -> None:
        done = await self.call(
            lambda c: c.withdraw(password),
            busy=lambda: t("settings.working"),
            fields=("password",),
        )
        if done is NO_ANSWER:
            return
        self.services.back_to_login(t("withdraw.done"))
